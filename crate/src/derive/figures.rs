//! A web team's own figures beside its own boundaries (`<needs-map boundaries=… data=…>`):
//! indicator files (tidy CSV, Fingertips exports: the formats the command line reads, by the
//! same reader and with the same messages) joined to the areas of a boundary file, as the
//! widget's indicators, and the map's attribution.
//!
//! The join says everything it does not use: a code that is no area of the boundaries is an
//! error (listed, capped); a Fingertips row of another area type (a region beside the wards)
//! is left out with a notice naming it; the row of the areas' parent (Fingertips' `Parent
//! Code`) is the place's own figure, England's row (`E92000001`) the benchmark.

use crate::model::atlas::{Atlas, Combine, Indicator, Layer, Polarity, Series, Source};
use crate::model::report::{some_of, thousands, Problem, Report};
use crate::read::datafile::{self, DataFile, DataRow, Format};
use crate::read::table::Table;
use std::collections::{BTreeMap, BTreeSet};

/// England's GSS code: its rows are the benchmark.
pub const ENGLAND: &str = "E92000001";

/// The attribution a map of ONS areas carries when the page names none: the boundaries
/// are ONS's (Open Government Licence) and contain OS data.
pub const ONS_ATTRIBUTION: &str = "Office for National Statistics licensed under the Open Government Licence v3.0. Contains OS data © Crown copyright and database right.";

/// An atlas of one layer of `areas` (code, name) from `boundary_file`, with the indicators
/// of the data files `(name, bytes)` and the attribution (`attribution`, or by default the
/// ONS line where every code is an ONS code), and every problem found.
///
/// ```
/// use needs_map::derive::figures::own_atlas;
/// let areas = vec![("E05001218".to_string(), "Bablake".to_string()), ("E05001222".to_string(), "Foleshill".to_string())];
/// let csv = b"area_code,indicator,value\nE05001218,visits,12\nE05001222,visits,30\nE92000001,visits,20\n";
/// let (atlas, report) = own_atlas("wards.geojson", areas, &[("visits.csv", &csv[..])], None);
/// assert!(!report.has_errors());
/// let series = &atlas.indicators[0].series[0];
/// assert_eq!((series.values["E05001222"].value, series.england.unwrap().value), (30.0, 20.0));
/// assert!(atlas.meta.attribution.contains("Open Government Licence"));
/// ```
pub fn own_atlas(boundary_file: &str, areas: Vec<(String, String)>, data: &[(&str, &[u8])], attribution: Option<&str>) -> (Atlas, Report) {
    let mut atlas = Atlas::default();
    atlas.meta.title = boundary_file.to_string();
    let ons = !areas.is_empty() && areas.iter().all(|(c, _)| is_ons_code(c));
    atlas.meta.attribution = match attribution.map(str::trim) {
        Some(a) if !a.is_empty() => a.to_string(),
        _ if ons => ONS_ATTRIBUTION.to_string(),
        _ => String::new(),
    };
    atlas.meta.sources.push(Source { name: "Boundaries".into(), file: boundary_file.into(), ..Default::default() });
    let areas = areas.into_iter().map(|(code, name)| crate::model::atlas::Area { code, name, geometry: Vec::new() }).collect();
    atlas.layers.push(Layer { id: "areas".into(), label: "Areas".into(), noun: "areas".into(), areas });
    let mut report = Report::default();
    let mut files = Vec::new();
    for (name, bytes) in data {
        match Table::parse(bytes, name) {
            Ok(t) => {
                let (d, r) = datafile::read(&t);
                report.extend(r);
                files.push((*name, d));
            }
            Err(p) => report.push(p),
        }
        atlas.meta.sources.push(Source { name: "Indicators".into(), file: (*name).into(), ..Default::default() });
    }
    let (indicators, r, parent) = indicators(&files, &atlas.layers[0], boundary_file);
    report.extend(r);
    atlas.indicators = indicators;
    if let Some((code, name)) = parent {
        atlas.meta.place = crate::model::atlas::Place { code, name };
    }
    (atlas, report)
}

/// The indicators of data files joined to `layer`, the problems of the join, and the parent
/// place whose rows gave the indicators' place figures (code, name), if any.
pub fn indicators(files: &[(&str, DataFile)], layer: &Layer, boundary_file: &str) -> (Vec<Indicator>, Report, Option<(String, String)>) {
    let mut report = Report::default();
    let areas: BTreeSet<&str> = layer.areas.iter().map(|a| a.code.as_str()).collect();
    let mut out: Vec<Indicator> = Vec::new();
    let mut from: BTreeMap<String, &str> = BTreeMap::new();
    let mut parent_place = None;
    for (file, d) in files {
        if d.format == Format::Table {
            report.push(Problem::error(
                file,
                "line 1",
                "is neither a tidy CSV nor a Fingertips export",
                "give the columns area_code, indicator and value (see the README's tidy CSV), or export the indicator from Fingertips as CSV",
            ));
            continue;
        }
        // What the areas' own rows say: their area type and their parent.
        let own: Vec<&DataRow> = d.rows.iter().filter(|r| areas.contains(r.area_code.as_str())).collect();
        let types: BTreeSet<&str> = own.iter().map(|r| r.area_type.as_str()).collect();
        let parents: BTreeSet<&str> = own.iter().map(|r| r.parent.as_str()).filter(|p| !p.is_empty()).collect();
        let (mut unmatched, mut other_types) = (BTreeSet::new(), BTreeMap::<&str, BTreeSet<&str>>::new());
        let mut by_id: Vec<(&str, Vec<&DataRow>)> = Vec::new();
        for r in d.rows.iter().chain(&d.benchmarks) {
            let code = r.area_code.as_str();
            let kept = areas.contains(code) || code == ENGLAND || r.area_type == "England" || parents.contains(code);
            if !kept {
                if d.format == Format::Fingertips && !r.area_type.is_empty() && !types.contains(r.area_type.as_str()) {
                    other_types.entry(&r.area_type).or_default().insert(code);
                } else {
                    unmatched.insert(code);
                }
                continue;
            }
            if parents.contains(code) && parent_place.is_none() {
                parent_place = Some((code.to_string(), r.area_name.clone()));
            }
            match by_id.iter_mut().find(|(id, _)| *id == r.indicator) {
                Some((_, rows)) => rows.push(r),
                None => by_id.push((&r.indicator, vec![r])),
            }
        }
        if !unmatched.is_empty() {
            let list: Vec<&str> = unmatched.into_iter().collect();
            report.push(datafile::unmatched_problem(file, boundary_file, &list));
        }
        for (kind, codes) in other_types {
            let list: Vec<&str> = codes.into_iter().collect();
            report.push(Problem::notice(
                file,
                "",
                format!(
                    "{} row(s) of area type {kind} left out (not areas of {boundary_file}): {}",
                    thousands(list.len()),
                    some_of(&list, 5)
                ),
                "they are not shown; the map shows the areas' own rows",
            ));
        }
        let with_data: BTreeSet<&str> = own.iter().filter(|r| r.estimate.is_some()).map(|r| r.area_code.as_str()).collect();
        let missing: Vec<&str> = areas.difference(&with_data).copied().collect();
        if !missing.is_empty() && !own.is_empty() {
            report.push(Problem::notice(
                file,
                "",
                format!("{} area(s) of {boundary_file} have no value: {}", thousands(missing.len()), some_of(&missing, 5)),
                "they are drawn as \"no data\"",
            ));
        }
        for (id, rows) in by_id {
            if let Some(first) = from.insert(id.to_string(), file) {
                report.push(Problem::error(
                    file,
                    "",
                    format!("indicator \"{id}\" is also in {first}"),
                    "give each indicator in one file, or rename one of them",
                ));
                continue;
            }
            match indicator(id, &rows, &areas, &layer.id, file, d.format) {
                Ok(ind) => out.push(ind),
                Err(p) => report.push(p),
            }
        }
    }
    (out, report, parent_place)
}

/// One indicator from its rows: a series per period (oldest first), England's and the
/// parent's rows as benchmarks.
fn indicator(id: &str, rows: &[&DataRow], areas: &BTreeSet<&str>, layer: &str, file: &str, format: Format) -> Result<Indicator, Problem> {
    let mut periods: Vec<&str> = Vec::new();
    for r in rows {
        if !periods.contains(&r.period.as_str()) {
            periods.push(&r.period);
        }
    }
    periods.sort_by_key(|p| (first_year(p), p.to_string()));
    let mut series: Vec<Series> = periods
        .iter()
        .map(|p| Series { period: p.to_string(), values: BTreeMap::new(), england: None, city: None, parts: BTreeMap::new() })
        .collect();
    let mut polarity = None;
    for r in rows {
        let s = series.iter_mut().find(|s| s.period == r.period).expect("every period has a series");
        let Some(e) = r.estimate else { continue };
        if areas.contains(r.area_code.as_str()) {
            s.values.insert(r.area_code.clone(), e);
        } else if r.area_code == ENGLAND || r.area_type == "England" {
            s.england = Some(e);
        } else {
            s.city = Some(e);
        }
        if !r.polarity.is_empty() {
            let p = match r.polarity.as_str() {
                "higher-worse" => Polarity::HigherWorse,
                "higher-better" => Polarity::HigherBetter,
                "neutral" => Polarity::Neutral,
                other => {
                    return Err(Problem::error(
                        file,
                        &format!("line {}, column \"polarity\"", r.line),
                        format!("\"{other}\" is not a polarity"),
                        "write higher-worse, higher-better or neutral",
                    ))
                }
            };
            polarity.get_or_insert(p);
        }
    }
    if format == Format::Fingertips {
        polarity = polarity.or_else(|| fingertips_polarity(rows, &series));
    }
    let first = rows[0];
    let whole = series.iter().flat_map(|s| s.values.values()).all(|e| e.value.fract() == 0.0);
    let label = if first.label.is_empty() { id } else { &first.label };
    Ok(Indicator {
        unit: first.unit.clone(),
        decimals: if whole { 0 } else { 1 },
        source: format!("{file} ({})", format.name()),
        combine: Some(Combine::None { why: "the file gives a value for each area, not the counts it was made from".into() }),
        ..Indicator::new(id, label, layer, polarity.unwrap_or(Polarity::Neutral), series)
    })
}

/// Which way is worse, as a Fingertips export says by comparing its areas with England:
/// an area "Worse" than England and above it means higher is worse. None when the file
/// compares nothing, or compares without judging ("Higher", "Lower").
fn fingertips_polarity(rows: &[&DataRow], series: &[Series]) -> Option<Polarity> {
    rows.iter().find_map(|r| {
        let england = series.iter().find(|s| s.period == r.period)?.england?.value;
        let above = r.estimate?.value > england;
        match r.compared.as_str() {
            "Worse" => Some(if above { Polarity::HigherWorse } else { Polarity::HigherBetter }),
            "Better" => Some(if above { Polarity::HigherBetter } else { Polarity::HigherWorse }),
            _ => None,
        }
    })
}

/// The first four-digit year in a period ("2009 - 13", "mid-2020"), to order periods.
fn first_year(period: &str) -> u32 {
    let b = period.as_bytes();
    (0..b.len().saturating_sub(3))
        .find(|&i| b[i..i + 4].iter().all(u8::is_ascii_digit))
        .and_then(|i| period[i..i + 4].parse().ok())
        .unwrap_or(0)
}

/// A GSS code of England, Wales, Scotland, Northern Ireland or the UK (`E05001222`).
pub fn is_ons_code(code: &str) -> bool {
    datafile::is_area_code(code) && matches!(code.as_bytes()[0], b'E' | b'W' | b'S' | b'N' | b'K')
}
