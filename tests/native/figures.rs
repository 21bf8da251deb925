//! A web team's own figures beside its boundaries (`data=`): the Coventry MSOA boundaries
//! with male healthy life expectancy 2009-13 as a tidy CSV and as a Fingertips export
//! (`scripts/fingertips-fixture.py` writes it from the ONS files). The literals are the ONS
//! file's values.

mod common;
use needs_map::derive::figures::{own_atlas, ONS_ATTRIBUTION};
use needs_map::model::atlas::Polarity;
use needs_map::model::report::Severity;
use needs_map::read::load::{read_boundaries, BoundaryOptions, Limits};

/// Coventry's 42 MSOAs (2011) as (code, name), as the converter reads them.
fn msoas() -> Vec<(String, String)> {
    let text = common::boundaries("coventry/ukgeojson_msoa2011_E08000026.geojson");
    let opts = BoundaryOptions {
        file: "msoa.geojson",
        layer_id: "areas",
        label: "Areas",
        noun: "areas",
        code_field: "MSOA11CD",
        name_field: "MSOA11NM",
    };
    let (layer, report, _) = read_boundaries(&text, &opts, &Limits::default());
    assert!(!report.has_errors(), "{report:?}");
    layer.areas.into_iter().map(|a| (a.code, a.name)).collect()
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(common::repo().join("tests/fixtures/data").join(name)).unwrap()
}

fn messages(report: &needs_map::model::report::Report, severity: Severity) -> Vec<String> {
    report.problems.iter().filter(|p| p.severity == severity).map(|p| p.to_string()).collect()
}

#[test]
fn a_fingertips_export_gives_values_england_the_parent_and_the_polarity() {
    let csv = fixture("hle-male-fingertips-coventry.csv");
    let (atlas, report) = own_atlas("msoa.geojson", msoas(), &[("hle.csv", &csv)], None);
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(atlas.indicators.len(), 1);
    let ind = &atlas.indicators[0];
    assert_eq!((ind.id.as_str(), ind.label.as_str()), ("90362 (Male)", "Healthy life expectancy at birth (male)"));
    // Areas "Worse" than England lie below it: higher is better.
    assert_eq!(ind.polarity, Polarity::HigherBetter);
    let s = &ind.series[0];
    assert_eq!(s.period, "2009 - 13");
    assert_eq!(s.values.len(), 42);
    let e = s.values["E02001958"];
    assert_eq!((e.value, e.lower, e.upper), (59.55495, Some(58.32767), Some(60.78223)));
    assert_eq!(s.england.unwrap().value, 63.49254);
    // The row of the areas' parent is the place's own figure.
    assert_eq!(s.city.unwrap().value, 61.23209);
    assert_eq!((atlas.meta.place.code.as_str(), atlas.meta.place.name.as_str()), ("E08000026", "Coventry"));
    assert_eq!(atlas.meta.attribution, ONS_ATTRIBUTION);
    assert_eq!(atlas.meta.sources.iter().map(|s| s.file.as_str()).collect::<Vec<_>>(), ["msoa.geojson", "hle.csv"]);
}

#[test]
fn a_tidy_csv_with_a_bad_cell_and_a_stray_code_names_both() {
    let csv = fixture("hle-male-tidy-broken.csv");
    let (_, report) = own_atlas("msoa.geojson", msoas(), &[("hle.csv", &csv)], None);
    assert_eq!(
        messages(&report, Severity::Error),
        [
            "hle.csv:line 4, column \"value\": \"59,5\" is not a number; correct the cell, or leave the area out of the file",
            "hle.csv: 1 area code(s) match no area of msoa.geojson: E02099999; if the file covers a wider area than the boundaries, keep only their rows (or prepare with --area); otherwise check the codes are of the same geography and vintage as the boundaries",
        ]
    );
    // E02006805 has no row; E02001961's row has the bad cell.
    assert_eq!(
        messages(&report, Severity::Notice),
        ["hle.csv: 2 area(s) of msoa.geojson have no value: E02001961 and E02006805; they are drawn as \"no data\""]
    );
}

#[test]
fn a_tidy_csv_and_a_fingertips_export_together_and_the_same_indicator_twice() {
    let (tidy, ft) = (fixture("hle-male-tidy.csv"), fixture("hle-male-fingertips-coventry.csv"));
    let (atlas, report) = own_atlas("msoa.geojson", msoas(), &[("a.csv", &tidy), ("b.csv", &ft)], Some("Our own figures"));
    assert!(!report.has_errors(), "{:?}", report.problems);
    assert_eq!(atlas.indicators.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(), ["hle_male", "90362 (Male)"]);
    // Tidy files say no polarity: neither direction is assumed.
    assert_eq!(atlas.indicators[0].polarity, Polarity::Neutral);
    assert_eq!(atlas.indicators[0].series[0].values["E02001961"].value, 54.5665);
    assert_eq!(atlas.meta.attribution, "Our own figures");
    let (_, report) = own_atlas("msoa.geojson", msoas(), &[("a.csv", &ft), ("b.csv", &ft)], None);
    assert_eq!(
        messages(&report, Severity::Error),
        ["b.csv: indicator \"90362 (Male)\" is also in a.csv; give each indicator in one file, or rename one of them"]
    );
}

#[test]
fn rows_of_another_area_type_are_left_out_and_named() {
    // The export without its parent codes: Coventry's row is of another area type, not a parent.
    let text = String::from_utf8(fixture("hle-male-fingertips-coventry.csv")).unwrap().replace(",E08000026,Coventry,E02", ",,,E02");
    let (atlas, report) = own_atlas("msoa.geojson", msoas(), &[("hle.csv", text.as_bytes())], None);
    assert!(!report.has_errors(), "{:?}", report.problems);
    assert_eq!(
        messages(&report, Severity::Notice),
        ["hle.csv: 1 row(s) of area type Counties & UAs (from Apr 2023) left out (not areas of msoa.geojson): E08000026; they are not shown; the map shows the areas' own rows"]
    );
    assert_eq!(atlas.indicators[0].series[0].city, None);
}

#[test]
fn england_wide_data_is_a_capped_list_and_the_likely_cause() {
    // The national ONS HLE file as a tidy CSV: 6,790 MSOAs, of which 42 are Coventry's.
    let path = common::shared().join("data/health/ons_HLE_2009-13_MSOA11_males_england.csv");
    let mut tidy = String::from("area_code,indicator,value\n");
    let file = std::fs::read_to_string(&path).unwrap();
    for line in file.lines().filter(|l| l.starts_with("E02")) {
        let cells: Vec<&str> = line.split(',').collect();
        tidy.push_str(&format!("{},hle,{}\n", cells[0], cells[3]));
    }
    let (_, report) = own_atlas("msoa.geojson", msoas(), &[("england.csv", tidy.as_bytes())], None);
    let errors = messages(&report, Severity::Error);
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].starts_with("england.csv: 6,748 area code(s) match no area of msoa.geojson: E02000001, E02000002, E02000003, E02000004, E02000005 and 6,743 more; if the file covers a wider area than the boundaries, keep only their rows"),
        "{}",
        errors[0]
    );
}

#[test]
fn attribution_is_the_pages_or_the_ons_line_for_ons_codes_only() {
    let areas = vec![("HUB1".to_string(), "North hub".to_string())];
    let (atlas, _) = own_atlas("hubs.geojson", areas.clone(), &[], None);
    assert_eq!(atlas.meta.attribution, "");
    let (atlas, _) = own_atlas("hubs.geojson", areas, &[], Some("© Our council"));
    assert_eq!(atlas.meta.attribution, "© Our council");
    let (atlas, report) = own_atlas("msoa.geojson", msoas(), &[], Some("  "));
    assert_eq!(atlas.meta.attribution, ONS_ATTRIBUTION);
    assert!(report.problems.is_empty() && atlas.indicators.is_empty());
}

#[test]
fn a_file_that_is_neither_tidy_nor_fingertips_says_what_to_give() {
    let csv = b"MSOA Codes,HLE\nE02001958,59.5\n";
    let (_, report) = own_atlas("msoa.geojson", msoas(), &[("plain.csv", &csv[..])], None);
    assert_eq!(
        messages(&report, Severity::Error),
        ["plain.csv:line 1: is neither a tidy CSV nor a Fingertips export; give the columns area_code, indicator and value (see the README's tidy CSV), or export the indicator from Fingertips as CSV"]
    );
}
