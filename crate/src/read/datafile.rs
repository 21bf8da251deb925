//! Indicator data files as councils have them: the documented tidy CSV, the Fingertips
//! export as published, or any other table keyed by area code (the official IoD and ONS
//! files).
//!
//! Tidy CSV, one row per area, indicator and period:
//!
//! | column | required | meaning |
//! |---|---|---|
//! | `area_code` | yes | ONS code of the area (E05…, E01…, E02…) |
//! | `indicator` | yes | indicator id |
//! | `value` | yes | the value; blank means no value (suppressed), never zero |
//! | `period` | no | "2019", "2009-13", "mid-2020" |
//! | `lower_ci`, `upper_ci` | no | 95% confidence interval |
//! | `count`, `denominator` | no | numerator and population |
//! | `label` | no | the indicator's name as the map shows it (the id when absent) |
//! | `polarity` | no | `higher-worse`, `higher-better` or `neutral` (the default) |
//! | `unit` | no | shown after values: `%`, `years`, `people` |
//!
//! Other columns are ignored. Rows for England (`E92000001`) are its benchmark. Fingertips
//! exports are recognised by their `Indicator ID`, `Area Code` and `Value` columns; their
//! England rows (`Area Type` England) are benchmarks, and rows of a breakdown (`Category
//! Type` set) are left out and counted.

use crate::model::atlas::Estimate;
use crate::model::report::{some_of, thousands, Problem, Report};
use crate::read::table::Table;
use std::collections::BTreeSet;

/// Which layout a CSV file has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Tidy,
    Fingertips,
    /// Any other table: its key column holds area codes.
    Table,
}

impl Format {
    pub fn name(&self) -> &'static str {
        match self {
            Format::Tidy => "tidy CSV",
            Format::Fingertips => "Fingertips export",
            Format::Table => "table",
        }
    }
}

/// One value of one indicator for one area and period.
#[derive(Debug, Clone, PartialEq)]
pub struct DataRow {
    pub area_code: String,
    pub indicator: String,
    pub label: String,
    pub period: String,
    /// `None` when the value is blank (suppressed).
    pub estimate: Option<Estimate>,
    pub count: Option<f64>,
    pub denominator: Option<f64>,
    pub line: u64,
    /// Fingertips' `Area Name` (the tidy file's `area_name`), or "".
    pub area_name: String,
    /// Fingertips' `Parent Code` (the council of a ward's row), or "".
    pub parent: String,
    /// Fingertips' `Area Type` ("MSOA", "Region"), or "".
    pub area_type: String,
    /// How the area compares with England as the file says: Fingertips' `Compared to England
    /// value or percentiles` ("Better", "Worse", "Similar"), or "".
    pub compared: String,
    /// The tidy file's `polarity` and `unit` cells, or "".
    pub polarity: String,
    pub unit: String,
}

/// What a data file holds.
#[derive(Debug, Clone, PartialEq)]
pub struct DataFile {
    pub format: Format,
    /// Area rows (for tidy and Fingertips files).
    pub rows: Vec<DataRow>,
    /// England rows of a Fingertips export.
    pub benchmarks: Vec<DataRow>,
    /// Fingertips rows of breakdowns (by deprivation decile, ethnicity ...), not read.
    pub breakdown_rows: usize,
    /// Every area code the file holds (for tables: the key column's).
    pub codes: BTreeSet<String>,
    /// The column taken as the key of a plain table.
    pub key: Option<String>,
}

impl DataFile {
    /// Indicator ids in order of first appearance.
    pub fn indicators(&self) -> Vec<&str> {
        let mut seen = Vec::new();
        for r in &self.rows {
            if !seen.contains(&r.indicator.as_str()) {
                seen.push(&r.indicator);
            }
        }
        seen
    }
}

/// Recognises the layout of a table from its headers.
pub fn detect(t: &Table) -> Format {
    let has = |h: &str| t.headers.iter().any(|x| x == h);
    if has("Indicator ID") && has("Area Code") && has("Value") {
        Format::Fingertips
    } else if has("area_code") && has("indicator") && has("value") {
        Format::Tidy
    } else {
        Format::Table
    }
}

/// Reads a table as indicator data, with every cell that is not a number reported by line
/// and column.
///
/// ```
/// use needs_map::{read::datafile::{read, Format}, read::table::Table};
/// let t = Table::parse(b"area_code,indicator,period,value,lower_ci,upper_ci\nE02001958,hle_male,2009-13,59.555,58.328,60.782\n", "d.csv").unwrap();
/// let (d, report) = read(&t);
/// assert_eq!(d.format, Format::Tidy);
/// assert_eq!(d.rows[0].estimate.unwrap().lower, Some(58.328));
/// assert!(report.problems.is_empty());
/// ```
pub fn read(t: &Table) -> (DataFile, Report) {
    let mut report = Report::default();
    let format = detect(t);
    let mut d = DataFile { format, rows: vec![], benchmarks: vec![], breakdown_rows: 0, codes: BTreeSet::new(), key: None };
    let col = |h: &str| t.headers.iter().position(|x| x == h);
    match format {
        Format::Table => {
            // The key is the first column whose first value looks like an ONS area code.
            let key = (0..t.headers.len()).find(|&c| t.rows.first().is_some_and(|_| is_area_code(t.text(0, c))));
            if let Some(k) = key {
                d.key = Some(t.headers[k].clone());
                d.codes = (0..t.rows.len()).map(|r| t.text(r, k).to_string()).filter(|c| !c.is_empty()).collect();
            }
        }
        Format::Tidy | Format::Fingertips => {
            let names: [&str; 8] = if format == Format::Tidy {
                ["area_code", "indicator", "period", "value", "lower_ci", "upper_ci", "count", "denominator"]
            } else {
                ["Area Code", "Indicator ID", "Time period", "Value", "Lower CI 95.0 limit", "Upper CI 95.0 limit", "Count", "Denominator"]
            };
            let [code, ind, period, value, lower, upper, count, denom] = names.map(col);
            let label = col(if format == Format::Tidy { "label" } else { "Indicator Name" });
            let sex = col("Sex");
            let area_type = col("Area Type");
            let category = col("Category Type");
            let [parent, compared, polarity, unit] =
                ["Parent Code", "Compared to England value or percentiles", "polarity", "unit"].map(col);
            let area_name = col(if format == Format::Tidy { "area_name" } else { "Area Name" });
            let cell = |c: Option<usize>, r: usize| c.map(|c| t.text(r, c).to_string()).unwrap_or_default();
            for r in 0..t.rows.len() {
                if category.is_some_and(|c| !t.text(r, c).is_empty()) {
                    d.breakdown_rows += 1;
                    continue;
                }
                let num = |c: Option<usize>, report: &mut Report| -> Option<f64> {
                    let c = c?;
                    if t.text(r, c).is_empty() {
                        return None;
                    }
                    t.number(r, c).map_err(|p| report.push(p)).ok()
                };
                let v = num(value, &mut report);
                let mut indicator = t.text(r, ind.unwrap()).to_string();
                let mut name = cell(label, r);
                // Fingertips gives sexes as rows of one indicator id: keep them apart.
                if let Some(s) = sex.map(|c| t.text(r, c)).filter(|s| !s.is_empty() && *s != "Persons") {
                    indicator = format!("{indicator} ({s})");
                    if !name.is_empty() {
                        name = format!("{name} ({})", s.to_lowercase());
                    }
                }
                let row = DataRow {
                    area_code: t.text(r, code.unwrap()).to_string(),
                    indicator,
                    label: name,
                    period: cell(period, r),
                    estimate: v.map(|value| Estimate { value, lower: num(lower, &mut report), upper: num(upper, &mut report) }),
                    count: num(count, &mut report),
                    denominator: num(denom, &mut report),
                    line: t.lines[r],
                    area_name: cell(area_name, r),
                    parent: cell(parent, r),
                    area_type: cell(area_type, r),
                    compared: cell(compared, r),
                    polarity: cell(polarity, r),
                    unit: cell(unit, r),
                };
                if row.area_type == "England" {
                    d.benchmarks.push(row);
                } else {
                    d.codes.insert(row.area_code.clone());
                    d.rows.push(row);
                }
            }
            // The same area, indicator and period twice is ambiguous.
            let mut seen = BTreeSet::new();
            for row in &d.rows {
                if !seen.insert((row.area_code.clone(), row.indicator.clone(), row.period.clone())) {
                    report.push(Problem::error(
                        &t.file,
                        &format!("line {}", row.line),
                        format!(
                            "a second value for {} of {} in {}",
                            row.area_code,
                            row.indicator,
                            if row.period.is_empty() { "the same period" } else { &row.period }
                        ),
                        "keep one row per area, indicator and period",
                    ));
                }
            }
        }
    }
    (d, report)
}

/// E05001222, W05000001, E01009522 ...: a letter and eight digits.
pub fn is_area_code(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 9 && b[0].is_ascii_uppercase() && b[1..].iter().all(|c| c.is_ascii_digit())
}

/// The error for a data file's codes that match no area of a boundary file, listed (capped),
/// with the likely cause: most often the file covers more than the boundaries (England, or
/// the whole county).
pub fn unmatched_problem(data_file: &str, boundary_file: &str, codes: &[&str]) -> Problem {
    Problem::error(
        data_file,
        "",
        format!("{} area code(s) match no area of {boundary_file}: {}", thousands(codes.len()), some_of(codes, 5)),
        "if the file covers a wider area than the boundaries, keep only their rows (or prepare with --area); otherwise check the codes are of the same geography and vintage as the boundaries",
    )
}

/// Compares the codes of a data file with the areas of a boundary file: codes that match
/// no area are errors, areas with no data are notices; both are listed by code.
pub fn join(data_file: &str, codes: &BTreeSet<String>, boundary_file: &str, areas: &BTreeSet<String>) -> (Report, String) {
    let mut report = Report::default();
    let unmatched: Vec<&str> = codes.difference(areas).map(|s| s.as_str()).collect();
    let missing: Vec<&str> = areas.difference(codes).map(|s| s.as_str()).collect();
    if !unmatched.is_empty() {
        report.push(unmatched_problem(data_file, boundary_file, &unmatched));
    }
    if !missing.is_empty() {
        report.push(Problem::notice(
            data_file,
            "",
            format!("{} area(s) of {boundary_file} have no data: {}", thousands(missing.len()), some_of(&missing, 5)),
            "they are drawn as \"no data\"",
        ));
    }
    let summary = format!(
        "{data_file} joined to {boundary_file}: {} of {} areas have data, {} code(s) match no area",
        areas.len() - missing.len(),
        areas.len(),
        unmatched.len()
    );
    (report, summary)
}
