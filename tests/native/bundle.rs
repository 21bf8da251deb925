//! The committed Coventry bundle: reproducible from the recipe, and holding the values
//! of the official files (literals checked by hand against them, not recomputed here).

mod common;
use needs_map::model::atlas::{Atlas, Estimate, Polarity};
use needs_map::read::bundle;
use std::process::Command;

fn committed() -> Atlas {
    bundle::from_json(&std::fs::read_to_string(common::repo().join("data/coventry.json")).unwrap()).unwrap()
}

fn latest(a: &Atlas, id: &str, code: &str) -> Estimate {
    a.indicator(id).unwrap().latest().unwrap().values[code]
}

#[test]
fn recipe_rerun_in_a_fresh_process_matches_the_committed_bundle_byte_for_byte() {
    let out = std::env::temp_dir().join(format!("needsmap-test-{}.json", std::process::id()));
    let status = Command::new(env!("CARGO_BIN_EXE_needsmap"))
        .args(["prepare", "data/coventry.toml", "--out"])
        .arg(&out)
        .current_dir(common::repo())
        .env("NEEDSMAP_SHARED", common::shared())
        .output()
        .unwrap();
    assert!(status.status.success(), "prepare failed: {}", String::from_utf8_lossy(&status.stderr));
    let fresh = std::fs::read(&out).unwrap();
    std::fs::remove_file(&out).ok();
    let committed = std::fs::read(common::repo().join("data/coventry.json")).unwrap();
    assert!(fresh == committed, "data/coventry.json is stale: run `make data` and commit it");
}

#[test]
fn layers_hold_the_18_wards_of_2025_and_42_msoas_of_2011() {
    let a = committed();
    assert_eq!(a.layer("ward").unwrap().areas.len(), 18);
    assert_eq!(a.layer("msoa").unwrap().areas.len(), 42);
    let w = a.layer("ward").unwrap();
    assert_eq!(w.areas[w.index_of("E05001222").unwrap()].name, "Foleshill");
    assert_eq!(w.areas[w.index_of("E05001228").unwrap()].name, "St Michael's");
}

#[test]
fn imd_score_is_the_population_weighted_mean_of_lsoa_scores() {
    let a = committed();
    assert_eq!(latest(&a, "imd_score", "E05001222").value, 44.580); // Foleshill
    assert_eq!(latest(&a, "imd_score", "E05001221").value, 9.186); // Earlsdon
    let s = a.indicator("imd_score").unwrap().latest().unwrap();
    assert_eq!(s.city.unwrap().value, 25.613); // Coventry
    assert_eq!(s.england.unwrap().value, 21.722); // all 32,844 LSOAs
    assert_eq!(a.indicator("imd_score").unwrap().polarity, Polarity::HigherWorse);
}

#[test]
fn decile_one_share_counts_28_of_195_lsoas_citywide() {
    let a = committed();
    let s = a.indicator("imd_decile1_share").unwrap().latest().unwrap();
    assert_eq!(s.city.unwrap().value, 14.359); // 28 / 195
    assert_eq!(s.england.unwrap().value, 10.0);
}

#[test]
fn st_michaels_grew_38_percent_from_mid_2015_to_mid_2020() {
    let a = committed();
    assert_eq!(latest(&a, "growth_2015_2020", "E05001228").value, 38.214);
    let pop = a.indicator("population").unwrap();
    let periods: Vec<&str> = pop.series.iter().map(|s| s.period.as_str()).collect();
    assert_eq!(periods, ["mid-2015", "mid-2017", "mid-2019", "mid-2020"]);
    assert_eq!(pop.series[0].values["E05001228"].value, 30724.0);
    assert_eq!(pop.series[3].values["E05001228"].value, 42465.0);
    assert_eq!(pop.polarity, Polarity::Neutral);
}

#[test]
fn msoa_healthy_life_expectancy_carries_its_confidence_interval_and_benchmarks() {
    let a = committed();
    let e = latest(&a, "hle_male", "E02001958");
    assert_eq!((e.value, e.lower, e.upper), (59.555, Some(58.328), Some(60.782)));
    let s = a.indicator("hle_male").unwrap().latest().unwrap();
    assert_eq!(s.england.unwrap().value, 63.493);
    assert_eq!(a.indicator("hle_female").unwrap().latest().unwrap().england.unwrap().value, 64.770);
    assert_eq!(a.indicator("le_male").unwrap().latest().unwrap().england.unwrap().value, 79.135);
    assert_eq!(a.indicator("le_female").unwrap().latest().unwrap().england.unwrap().value, 82.972);
    assert_eq!(a.indicator("le_male").unwrap().layer, "msoa");
    assert_eq!(a.indicator("le_male").unwrap().polarity, Polarity::HigherBetter);
}

#[test]
fn every_indicator_of_the_issue_is_present_with_label_unit_period_and_source() {
    let a = committed();
    let ids: Vec<&str> = a.indicators.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "imd_score",
            "imd_decile1_share",
            "income_20_share",
            "employment_20_share",
            "education_20_share",
            "health_20_share",
            "crime_20_share",
            "housing_20_share",
            "living_environment_20_share",
            "population",
            "growth_2015_2020",
            "age65_share",
            "gp_per_10k",
            "pharmacies_per_10k",
            "le_male",
            "hle_male",
            "le_female",
            "hle_female"
        ]
    );
    for i in &a.indicators {
        assert!(!i.label.is_empty() && !i.source.is_empty() && !i.period().is_empty(), "{}", i.id);
    }
    assert!(a.meta.attribution.contains("Contains OS data © Crown copyright"));
}

#[test]
fn every_indicator_is_tagged_with_the_strategy_framework_and_domains_are_real() {
    let a = committed();
    let tag = |id: &str| a.indicator(id).unwrap().framework.clone().unwrap();
    assert_eq!(tag("imd_score"), "wider-determinants");
    assert_eq!(tag("income_20_share"), "wider-determinants");
    assert_eq!(tag("growth_2015_2020"), "population");
    assert_eq!(tag("gp_per_10k"), "integrated-care");
    assert_eq!(tag("hle_female"), "health-outcomes");
    assert!(a.indicators.iter().all(|i| i.framework.is_some()), "untagged indicator");
    // IoD2019 File 2 by the best-fit lookup: all 12 of Foleshill's LSOAs are in England's most
    // deprived 20% for income, 10 of 12 for employment, 2 of 12 for crime; Earlsdon 3 of 10
    // for living environment. England is 20% by definition.
    assert_eq!(latest(&a, "income_20_share", "E05001222").value, 100.0);
    assert_eq!(latest(&a, "employment_20_share", "E05001222").value, 83.333);
    assert_eq!(latest(&a, "crime_20_share", "E05001222").value, 16.667);
    assert_eq!(latest(&a, "living_environment_20_share", "E05001221").value, 30.0);
    let income = a.indicator("income_20_share").unwrap().latest().unwrap();
    assert_eq!((income.city.unwrap().value, income.england.unwrap().value), (28.205, 20.0));
}

#[test]
fn a_bad_recipe_is_reported_with_its_file_and_exit_code_1() {
    let dir = std::env::temp_dir().join(format!("needsmap-recipe-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let recipe = dir.join("bad.toml");
    std::fs::write(
        &recipe,
        format!(
            "title = \"t\"\nattribution = \"a\"\ndata_root = \"{}\"\n[place]\ncode = \"E08000026\"\nname = \"Coventry\"\n\
             [[layers]]\nid = \"ward\"\nlabel = \"Wards\"\nnoun = \"wards\"\nboundaries = \"boundaries/coventry/geolookups_wards2025_E08000026.geojson\"\n\
             code_field = \"WD19CD\"\nname_field = \"WD25NM\"\n",
            common::shared().join("data").display()
        ),
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_needsmap"))
        .args(["prepare"])
        .arg(&recipe)
        .args(["--out"])
        .arg(dir.join("o.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.lines().next().unwrap().starts_with(
            "boundaries/coventry/geolookups_wards2025_E08000026.geojson:feature 1: no \"WD19CD\" property; this file has \"WD25CD\": set the code field to it"
        ),
        "{err}"
    );
    assert_eq!(err.lines().count(), 18, "one line per ward: {err}");
}

#[test]
fn a_council_recipe_reads_topojson_a_tidy_csv_and_a_fingertips_export() {
    let dir = std::env::temp_dir().join(format!("needsmap-council-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("council.json");
    let run = Command::new(env!("CARGO_BIN_EXE_needsmap"))
        .args(["prepare", "tests/fixtures/recipes/council-files.toml", "--out"])
        .arg(&out)
        .current_dir(common::repo())
        .env("NEEDSMAP_SHARED", common::shared())
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(
        err.starts_with(
            "tests/fixtures/recipes/council-files.toml:indicator hle_male_fingertips, period 2009–13: no value for 36 of 42 areas: Coventry 008 (E02001965), Coventry 009 (E02001966),"
        ),
        "{err}"
    );
    let a = bundle::from_json(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(a.layer("msoa").unwrap().areas.len(), 42);
    let tidy = a.indicator("hle_male").unwrap().latest().unwrap();
    assert_eq!(tidy.values.len(), 42);
    assert_eq!(tidy.values["E02001958"], Estimate { value: 59.555, lower: Some(58.328), upper: Some(60.782) });
    let ft = a.indicator("hle_male_fingertips").unwrap().latest().unwrap();
    assert_eq!(ft.values.len(), 6, "the suppressed row stays blank, not zero");
    assert_eq!(ft.england.unwrap().value, 63.493);

    // The same bundle renders natively to SVG (every area a path) and PNG.
    let svg = dir.join("map.svg");
    let r = Command::new(env!("CARGO_BIN_EXE_needsmap"))
        .arg("render")
        .arg(&out)
        .args(["--indicator", "hle_male", "--out"])
        .arg(&svg)
        .output()
        .unwrap();
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let text = std::fs::read_to_string(&svg).unwrap();
    assert_eq!(text.matches("<path data-code=\"E02").count(), 42);
    assert!(text.contains("<title>Coventry 001</title>"));
    assert!(text.contains("Contains National Statistics data"));
    let png = dir.join("map.png");
    let r = Command::new(env!("CARGO_BIN_EXE_needsmap"))
        .arg("render")
        .arg(&out)
        .args(["--out"])
        .arg(&png)
        .args(["--width", "640", "--height", "480"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&r.stdout).trim(), format!("{}: 42 areas, 640x480", png.display()));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn render_usage_errors_exit_2() {
    let r = Command::new(env!("CARGO_BIN_EXE_needsmap"))
        .args(["render", "data/coventry.json", "--out", "map.gif"])
        .current_dir(common::repo())
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&r.stderr).starts_with("needsmap: --out must end in .png, .svg or .html (a page without scripts)"));
    let r = Command::new(env!("CARGO_BIN_EXE_needsmap"))
        .args(["render", "data/coventry.json", "--indicator", "nope", "--out", "/tmp/x.svg"])
        .current_dir(common::repo())
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&r.stderr)
        .starts_with("data/coventry.json: there is no indicator \"nope\" in this bundle; it has: imd_score,"));
}

#[test]
fn services_are_placed_by_postcode_and_counted_per_ward() {
    let mut a = committed();
    let kinds: Vec<(&str, usize)> = a.services.iter().map(|k| (k.id.as_str(), k.points.len())).collect();
    // 83 active rows of edispensary in Coventry, less FH804 (Fittleworth Medical, an appliance
    // contractor: organisation sub-type 2).
    assert_eq!(kinds, [("gp", 50), ("pharmacy", 82), ("library", 18), ("hospital", 3)]);
    assert!(a.services[1].points.iter().all(|p| p.code != "FH804"));
    let ind = a.indicator("pharmacies_per_10k").unwrap();
    assert_eq!(ind.latest().unwrap().period, "2025 per mid-2020 residents");
    let sources: Vec<&str> = a.meta.sources.iter().map(|s| s.file.as_str()).collect();
    assert!(sources.contains(&"services/libraries_england_2023.csv") && sources.contains(&"services/hospitals_cv_area.csv"), "{sources:?}");
    assert!(a.meta.sources.iter().any(|s| s.name.contains("domain deciles (File 2)")));
    // Foleshill: 9 practices, 24,383 residents at mid-2020; Wyken 1 of 18,546.
    assert_eq!(latest(&a, "gp_per_10k", "E05001222").value, 3.691);
    assert_eq!(latest(&a, "gp_per_10k", "E05001235").value, 0.539);
    let ind = a.indicator("gp_per_10k").unwrap();
    assert_eq!(ind.polarity, Polarity::HigherBetter);
    assert_eq!(ind.latest().unwrap().city.unwrap().value, 1.318); // 50 / 379,387
    assert!(a.meta.attribution.contains("Royal Mail") && a.meta.attribution.contains("NHS Organisation Data Service"));
    let pc = a.postcodes.as_mut().unwrap().index().unwrap();
    assert_eq!(pc.len(), 6397);
}
