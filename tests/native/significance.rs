//! The computed comparison with England agrees with every ONS significance flag in the
//! health state life expectancy tables (`*` higher, `**` lower, blank not flagged).

mod common;
use needs_map::derive::significance::{compare, compare_by, Comparison};
use needs_map::model::atlas::{Estimate, Polarity, SignificanceTest};
use needs_map::read::bundle;
use needs_map::read::table::Table;

/// `(code, flag)` from an official ONS table: column 5 holds the flags.
fn flags(file: &str) -> Vec<(String, String)> {
    let t = Table::read(&common::shared().join("data/health").join(file), file).unwrap();
    (0..t.rows.len()).map(|r| (t.text(r, 0).to_string(), t.text(r, 4).to_string())).collect()
}

fn as_flag(c: Comparison) -> &'static str {
    match c {
        Comparison::Better => "*",
        Comparison::Worse => "**",
        Comparison::Similar => "",
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn hle_comparisons_in_the_bundle_agree_with_all_84_ons_flags() {
    let atlas = bundle::from_json(&std::fs::read_to_string(common::repo().join("data/coventry.json")).unwrap()).unwrap();
    let mut checked = 0;
    let mut naive_disagrees = Vec::new();
    for (id, file) in [
        ("hle_male", "coventry_ons_HLE_2009-13_MSOA11_males_E08000026.csv"),
        ("hle_female", "coventry_ons_HLE_2009-13_MSOA11_females_E08000026.csv"),
    ] {
        let ind = atlas.indicator(id).unwrap();
        assert_eq!(ind.significance_level, 90.0);
        let s = ind.latest().unwrap();
        let england = s.england.unwrap().value;
        for (code, flag) in flags(file) {
            let e = s.values[&code];
            assert_eq!(as_flag(compare(&e, england, ind.polarity, ind.significance_level)), flag, "{id} {code}");
            if as_flag(compare(&e, england, ind.polarity, 95.0)) != flag {
                naive_disagrees.push(format!("{id} {code}"));
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 84);
    // Why not 95%: the naive rule misses these three ONS flags.
    assert_eq!(naive_disagrees, ["hle_male E02001976", "hle_female E02001970", "hle_female E02001975"]);
}

#[test]
fn the_same_rule_reproduces_all_84_dfle_flags() {
    // England's DFLE at birth, 2009–13 (ONS reference table, Region sheet).
    for (file, england) in [
        ("coventry_ons_DFLE_2009-13_MSOA11_males_E08000026.csv", 64.0722),
        ("coventry_ons_DFLE_2009-13_MSOA11_females_E08000026.csv", 65.04268),
    ] {
        let t = Table::read(&common::shared().join("data/health").join(file), file).unwrap();
        assert_eq!(t.rows.len(), 42);
        for r in 0..t.rows.len() {
            let e = Estimate { value: t.number(r, 3).unwrap(), lower: Some(t.number(r, 5).unwrap()), upper: Some(t.number(r, 6).unwrap()) };
            assert_eq!(as_flag(compare(&e, england, Polarity::HigherBetter, 90.0)), t.text(r, 4), "{file} line {}", t.lines[r]);
        }
    }
}

/// England's value with its 95% interval for a sex and measure, from the ONS benchmark rows.
fn england(sex: &str, measure: &str) -> Estimate {
    let t = Table::read(&common::shared().join("data/health/england_coventry_LE_HLE_DFLE_2009-13.csv"), "benchmarks").unwrap();
    let r = (0..t.rows.len()).find(|&r| t.text(r, 0) == "E92000001" && t.text(r, 2) == sex && t.text(r, 3) == measure).unwrap();
    Estimate { value: t.number(r, 4).unwrap(), lower: Some(t.number(r, 5).unwrap()), upper: Some(t.number(r, 6).unwrap()) }
}

#[test]
fn onss_test_reproduces_every_hle_flag_of_every_english_msoa() {
    // Intervals at 90% that do not overlap England's: every ONS flag of the national tables.
    // England's value outside the area's 90% interval (the Fingertips test) misses 10 + 8.
    let mut missed_by_contains = Vec::new();
    for (measure, sex, rows, expect_overlap_misses) in
        [("HLE", "male", 6790, 0), ("HLE", "female", 6786, 0), ("DFLE", "male", 6790, 1), ("DFLE", "female", 6786, 0)]
    {
        let file = format!("ons_{measure}_2009-13_MSOA11_{sex}s_england.csv");
        let t = Table::read(&common::shared().join("data/health").join(&file), &file).unwrap();
        assert_eq!(t.rows.len(), rows);
        let bench = england(sex, measure);
        let (mut overlap_misses, mut contains_misses) = (0, 0);
        for r in 0..t.rows.len() {
            let e = Estimate { value: t.number(r, 3).unwrap(), lower: Some(t.number(r, 5).unwrap()), upper: Some(t.number(r, 6).unwrap()) };
            let flag = t.text(r, 4);
            overlap_misses += usize::from(as_flag(compare_by(&e, &bench, Polarity::HigherBetter, 90.0, SignificanceTest::Overlap)) != flag);
            contains_misses +=
                usize::from(as_flag(compare_by(&e, &bench, Polarity::HigherBetter, 90.0, SignificanceTest::Contains)) != flag);
        }
        assert_eq!(overlap_misses, expect_overlap_misses, "{file}");
        missed_by_contains.push(contains_misses);
    }
    assert_eq!(missed_by_contains, [10, 8, 19, 12]);
}

#[test]
fn the_recipes_compare_hle_by_onss_test_and_le_at_95_percent() {
    let atlas = bundle::from_json(&std::fs::read_to_string(common::repo().join("data/coventry.json")).unwrap()).unwrap();
    for id in ["hle_male", "hle_female"] {
        let i = atlas.indicator(id).unwrap();
        assert_eq!((i.significance_level, i.significance_test), (90.0, SignificanceTest::Overlap), "{id}");
    }
    for id in ["le_male", "le_female"] {
        let i = atlas.indicator(id).unwrap();
        assert_eq!((i.significance_level, i.significance_test), (95.0, SignificanceTest::Contains), "{id}");
    }
}

/// Benchmark mode's "uncertain" class: not significantly different from England, with an
/// interval over 1.5 times the median width. No Coventry MSOA is one, so a fixture of six
/// squares: five intervals 1.0 wide (two clear of England's 63.0 below it), one 5.0 wide
/// across it.
#[test]
fn a_very_wide_interval_that_includes_england_is_uncertain_cross_hatched_and_said() {
    use needs_map::model::atlas::{Area, Atlas, Indicator, Layer, Series};
    use needs_map::scene::{Against, Scene, View};
    use std::collections::BTreeMap;
    let square = |x: f64| vec![vec![vec![[x, 52.0], [x + 0.01, 52.0], [x + 0.01, 52.01], [x, 52.01], [x, 52.0]]]];
    let intervals =
        [(60.0, 59.5, 60.5), (61.0, 60.5, 61.5), (62.8, 62.3, 63.3), (63.1, 62.6, 63.6), (63.2, 62.7, 63.7), (62.0, 59.5, 64.5)];
    let code = |i: usize| format!("E0200000{i}");
    let areas = (0..6).map(|i| Area { code: code(i), name: format!("Area {i}"), geometry: square(-1.5 + 0.01 * i as f64) }).collect();
    let values: BTreeMap<String, Estimate> =
        intervals.iter().enumerate().map(|(i, &(v, l, u))| (code(i), Estimate { value: v, lower: Some(l), upper: Some(u) })).collect();
    let series =
        vec![Series { period: "2009-13".into(), values, england: Some(Estimate::point(63.0)), city: None, parts: BTreeMap::new() }];
    let ind = Indicator {
        unit: "years".into(),
        source: "fixture".into(),
        significance_test: SignificanceTest::Contains,
        ..Indicator::new("hle", "Healthy life expectancy", "msoa", Polarity::HigherBetter, series)
    };
    let layer = Layer { id: "msoa".into(), label: "MSOAs".into(), noun: "MSOAs".into(), areas };
    let atlas = Atlas { layers: vec![layer], indicators: vec![ind], ..Default::default() };
    let s = Scene::benchmark(&atlas, "hle", &View::new(600.0, 300.0), None, Against::England).unwrap();
    let entries: Vec<(&str, usize, &str)> = s.legend.entries.iter().map(|e| (e.label.as_str(), e.count, e.pattern.name())).collect();
    assert_eq!(
        entries,
        [
            ("Significantly worse than England", 2, "hatched"),
            ("Not significantly different from England", 3, ""),
            ("Uncertain: not significantly different, and the interval is very wide", 1, "cross-hatched"),
        ]
    );
    let wide = &s.shapes[5];
    assert_eq!((wide.fill.hex().as_str(), wide.pattern.name()), ("#ffffff", "cross-hatched"));
    assert!(s.legend.note.contains("cross-hatched is not compared or uncertain"));
}
