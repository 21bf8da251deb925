//! Time on the map (issue 20, items 3 and 4) on Coventry's bundle: a period switch, the change
//! between two periods, the fixed scale, and areas whose boundaries changed. Literals from the
//! official files (the LSOA rows summed by the ONS best-fit lookup): Foleshill had 22,723
//! residents at mid-2017; St Michael's 30,724 at mid-2015 (IoD2019 File 6) and 42,465 at
//! mid-2020 (+38.21%); 8 of Foleshill's 12 LSOAs were in IMD decile 1 in 2015 (IoD2015) and
//! 7 in 2019, and 36 of Coventry's 195 in 2015 (18.46%).

use needs_map::derive::change::Kind;
use needs_map::model::atlas::{Area, Atlas, Estimate, Indicator, Layer, Polarity, Series};
use needs_map::widget::settings::Change;
use needs_map::widget::Widget;
use std::collections::BTreeMap;

fn coventry() -> Widget {
    let mut w = Widget::from_bundle(include_str!("../../data/coventry.json")).unwrap();
    w.resize(960.0, 720.0, 1.0).unwrap();
    w
}

fn area(w: &Widget, code: &str) -> needs_map::widget::answers::AreaInfo {
    w.areas().into_iter().find(|a| a.code == code).unwrap()
}

const FOLESHILL: &str = "E05001222";
const ST_MICHAELS: &str = "E05001228";

#[test]
fn a_period_switch_shows_that_periods_values() {
    let mut w = coventry();
    w.set_view(vec![Change::Indicator("population".into()), Change::Period(Some("mid-2017".into()))]).unwrap();
    assert_eq!(area(&w, FOLESHILL).value, Some(22_723.0));
    assert_eq!(w.view_state().period.as_deref(), Some("mid-2017"));
    assert!(w.legend().title.ends_with("mid-2017: darker is higher"), "{}", w.legend().title);
}

#[test]
fn the_change_view_compares_two_periods_on_a_diverging_scale_centred_on_no_change() {
    let mut w = coventry();
    w.set_view(vec![Change::Indicator("population".into()), Change::Period(Some("mid-2015..mid-2020".into()))]).unwrap();
    let st = area(&w, ST_MICHAELS);
    assert_eq!(st.value, Some(38.214));
    // The largest rise, in the top class of PuOr (population is neutral): orange.
    assert_eq!((st.class, st.color.as_str()), (Some(4), "#e66101"));
    let legend = w.legend();
    assert_eq!(legend.title, "Change in population (%), mid-2015 to mid-2020: neither higher nor lower is better");
    // Five classes of equal width either side of no change: -38.2 to 38.2.
    let labels: Vec<&str> = legend.entries.iter().map(|e| e.label.as_str()).collect();
    assert_eq!(labels, ["-38.2 to -22.9", "over -22.9 to -7.6", "over -7.6 to 7.6", "over 7.6 to 22.9", "over 22.9 to 38.2"]);
    assert_eq!(legend.note, "5 classes of equal width either side of no change; Orange-purple (diverging) palette (colour-blind safe).");
    assert_eq!(w.describe(ST_MICHAELS).unwrap(), "St Michael's: Change in population 38.2%, highest of 18 wards");
    assert_eq!(w.view_state().period.as_deref(), Some("mid-2015..mid-2020"));
    // The change in residents.
    w.set_view(vec![Change::ChangeKind(Kind::Absolute)]).unwrap();
    assert_eq!(area(&w, ST_MICHAELS).value, Some(11_741.0));
    let csv = w.csv().unwrap();
    assert!(csv.contains("\nE05001228,St Michael's,change,mid-2015 to mid-2020,11741,,,"), "{csv}");
}

#[test]
fn imd_2015_to_2019_is_compared_by_decile_not_by_score() {
    let mut w = coventry();
    w.set_view(vec![
        Change::Indicator("imd_decile1_share".into()),
        Change::Period(Some("2015..2019".into())),
        Change::ChangeKind(Kind::Absolute),
    ])
    .unwrap();
    // 8 of 12 LSOAs to 7 of 12: 66.667% to 58.333%, 8.3 points fewer.
    assert_eq!(area(&w, FOLESHILL).value, Some(-8.334));
    assert!(w.detail(FOLESHILL).unwrap().contains("Coventry: -4.1"), "{}", w.detail(FOLESHILL).unwrap());
    let e = w.set_view(vec![Change::Indicator("imd_score".into()), Change::Period(Some("2019..2019".into()))]).unwrap_err();
    assert_eq!(e.message, "the change in IMD score is not shown: scores of two editions of the indices are not on one scale (the indices' own guidance): compare ranks or deciles, as the share of LSOAs in England's most deprived 10% does");
}

#[test]
fn a_fixed_scale_keeps_the_classes_across_periods() {
    let labels = |w: &Widget| w.legend().entries.iter().map(|e| e.label.clone()).collect::<Vec<_>>();
    let mut w = coventry();
    w.set_view(vec![Change::Indicator("population".into()), Change::Period(Some("mid-2015".into()))]).unwrap();
    let own_2015 = labels(&w);
    w.set_view(vec![Change::Period(Some("mid-2020".into()))]).unwrap();
    assert_ne!(labels(&w), own_2015, "each period's own classes");
    w.set_view(vec![Change::FixedScale(true)]).unwrap();
    let fixed_2020 = labels(&w);
    w.set_view(vec![Change::Period(Some("mid-2015".into()))]).unwrap();
    assert_eq!(labels(&w), fixed_2020, "the same classes in every period");
    // The city grew: on one scale, the counts move up the classes.
    let counts = |w: &Widget| w.legend().entries.iter().map(|e| e.count).collect::<Vec<_>>();
    assert_eq!(counts(&w), [5, 4, 5, 2, 2]);
    w.set_view(vec![Change::Period(Some("mid-2020".into()))]).unwrap();
    assert_eq!(counts(&w), [3, 2, 4, 4, 5]);
    assert_eq!(labels(&w)[4], "over 21,972 to 42,465");
    assert!(w.legend().note.contains("of every period's values (the same in each)"));
}

/// Three wards drawn as squares; in 2013 the third and fourth were one ward (its old code in
/// the 2013 figures), split by 2025. A fixture: no English council's wards in ../shared split.
fn split_ward() -> Widget {
    let square = |x: f64| vec![vec![vec![[x, 52.0], [x + 0.01, 52.0], [x + 0.01, 52.01], [x, 52.01], [x, 52.0]]]];
    let areas = [("E05000001", "Kept"), ("E05000003", "North half"), ("E05000004", "South half")]
        .iter()
        .enumerate()
        .map(|(i, (c, n))| Area { code: c.to_string(), name: n.to_string(), geometry: square(-1.5 + 0.01 * i as f64) })
        .collect();
    let values = |pairs: &[(&str, f64)]| pairs.iter().map(|(c, v)| (c.to_string(), Estimate::point(*v))).collect::<BTreeMap<_, _>>();
    let series =
        |p: &str, v: &[(&str, f64)]| Series { period: p.into(), values: values(v), england: None, city: None, parts: BTreeMap::new() };
    let periods = vec![
        series("2013", &[("E05000001", 1000.0), ("E05000002", 3000.0)]),
        series("2025", &[("E05000001", 1100.0), ("E05000003", 1600.0), ("E05000004", 1500.0)]),
    ];
    let ind = Indicator {
        unit: "people".into(),
        decimals: 0,
        source: "fixture".into(),
        ..Indicator::new("population", "Population", "ward", Polarity::Neutral, periods)
    };
    let layer = Layer { id: "ward".into(), label: "Wards".into(), noun: "wards".into(), areas };
    let mut w = Widget::new(Atlas { layers: vec![layer], indicators: vec![ind], ..Default::default() }).unwrap();
    w.resize(600.0, 300.0, 1.0).unwrap();
    w
}

#[test]
fn areas_whose_boundaries_changed_are_named_and_not_compared() {
    let mut w = split_ward();
    w.set_view(vec![Change::Period(Some("2013..2025".into()))]).unwrap();
    assert_eq!(area(&w, "E05000001").value, Some(10.0));
    for half in ["E05000003", "E05000004"] {
        let a = area(&w, half);
        assert_eq!((a.value, a.class), (None, None), "{half} is not given a change");
    }
    let last = w.legend().entries.last().unwrap().clone();
    assert_eq!((last.label.as_str(), last.count, last.pattern), ("boundaries changed; not compared", 2, "cross-hatched"));
    assert!(w.legend().entries.iter().all(|e| e.label != "no data"));
    assert_eq!(w.describe("E05000003").unwrap(), "North half: boundaries changed between 2013 and 2025; not compared");
}
