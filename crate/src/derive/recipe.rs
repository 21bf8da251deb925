//! Recipes: the TOML a council re-runs on next year's files to make a bundle.
//!
//! A recipe names the boundary files (layers), the CSV tables, and for each indicator
//! how its values, England benchmark and city value are derived. Paths are relative to
//! `data_root`, which may start with `$NEEDSMAP_SHARED` (default `../shared`). The bundle
//! records paths as written, so the same recipe gives the same bytes on any machine.
//! `data/coventry.toml` is the worked example.

use crate::derive::aggregate::{self as derive, ByGroup};
use crate::derive::council::{AreaSpec, Council, National};
use crate::derive::placed::{build_postcodes, read_services, PostcodeSpec, ServiceSpec};
use crate::model::atlas::{Atlas, Combine, Estimate, Indicator, Layer, Meta, Place, Polarity, Series, Source};
use crate::model::report::{some_of, thousands, Problem, Report};
use crate::read::load::BoundaryOptions;
use crate::read::table::Table;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recipe {
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub place: Place,
    pub attribution: String,
    #[serde(default)]
    pub vintage: String,
    /// Folder the file paths are relative to; `$NEEDSMAP_SHARED` is expanded.
    #[serde(default)]
    pub data_root: Option<String>,
    /// Grid steps across each layer's extent (100,000 keeps ~0.3 m at city scale).
    #[serde(default = "default_quantisation")]
    pub quantisation: u32,
    /// Simplification tolerance in metres (Douglas–Peucker on shared borders); 0 keeps all.
    #[serde(default)]
    pub simplify_m: f64,
    #[serde(default)]
    pub sources: Vec<Source>,
    pub layers: Vec<LayerSpec>,
    #[serde(default)]
    pub tables: BTreeMap<String, TableSpec>,
    #[serde(default)]
    pub indicators: Vec<IndicatorSpec>,
    #[serde(default)]
    pub postcodes: Option<PostcodeSpec>,
    #[serde(default)]
    pub services: Vec<ServiceSpec>,
    /// What `--area CODE` picks from national files (see `data/england.toml`).
    #[serde(default)]
    pub area: Option<AreaSpec>,
}

fn default_quantisation() -> u32 {
    100_000
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LayerSpec {
    pub id: String,
    pub label: String,
    pub noun: String,
    pub boundaries: String,
    /// The properties of each area's code and name; found by their values when left out.
    #[serde(default)]
    pub code_field: String,
    #[serde(default)]
    pub name_field: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableSpec {
    pub file: String,
    /// The column holding each row's area code.
    pub key: String,
    /// Only the rows whose columns have these values (`where = { lad13_code = "E08000026" }`:
    /// a council's rows of a national file).
    #[serde(default)]
    pub r#where: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorSpec {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub unit: String,
    pub polarity: Polarity,
    pub layer: String,
    #[serde(default = "one")]
    pub decimals: u8,
    #[serde(default)]
    pub description: String,
    pub source: String,
    #[serde(default)]
    pub rank_word: Option<String>,
    /// Level (percent) for significance tests against benchmarks; default 95.
    #[serde(default = "ninety_five")]
    pub significance_level: f64,
    /// `contains` (the benchmark's value outside the area's interval; the default) or
    /// `overlap` (the two intervals apart: ONS's test for health state life expectancy).
    #[serde(default)]
    pub significance_test: crate::model::atlas::SignificanceTest,
    /// Short name for sentences and the bivariate legend ("deprivation").
    #[serde(default)]
    pub short: Option<String>,
    /// One of `atlas::FRAMEWORK`'s ids.
    #[serde(default)]
    pub framework: Option<String>,
    /// Why the change between two periods must not be shown (scores of two editions).
    #[serde(default)]
    pub no_change: Option<String>,
    /// How values of several areas add up (`{ rule = "none", why = "..." }`); inferred
    /// from the first series' method when left out (see `inferred_combine`).
    #[serde(default)]
    pub combine: Option<Combine>,
    pub series: Vec<SeriesSpec>,
}

fn one() -> u8 {
    1
}

fn ninety_five() -> f64 {
    95.0
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeriesSpec {
    pub period: String,
    pub values: Derivation,
    #[serde(default)]
    pub england: Option<Derivation>,
    #[serde(default)]
    pub city: Option<Derivation>,
}

/// One text or several, where a recipe may give either.
#[derive(Debug, Deserialize, Clone)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn contains(&self, s: &str) -> bool {
        match self {
            OneOrMany::One(v) => v == s,
            OneOrMany::Many(vs) => vs.iter().any(|v| v == s),
        }
    }
}

/// How to make values from tables. Grouped by area through `lookup` (a table whose key
/// is the small area and whose `to` column is the area of the layer); without a lookup,
/// each row is its own area. For England and city values the same derivation is taken
/// over all rows (of the lookup, where there is one).
#[derive(Debug, Deserialize, Clone)]
#[serde(tag = "method", rename_all = "snake_case", deny_unknown_fields)]
pub enum Derivation {
    /// A column as it is, with optional 95% CI columns.
    Column { table: String, value: String, lower: Option<String>, upper: Option<String> },
    /// Population-weighted (or other-weighted) mean.
    WeightedMean { table: String, value: String, weight: String, lookup: Option<String>, to: Option<String> },
    /// Percentage of rows whose `column` equals `equals` (one text, or a list of them:
    /// `equals = ["1", "2"]` is the most deprived 20%).
    Share { table: String, column: String, equals: OneOrMany, lookup: Option<String>, to: Option<String> },
    /// Sum of one or more columns.
    Sum { table: String, columns: Vec<String>, lookup: Option<String>, to: Option<String> },
    /// Percentage change from `start` to `end`.
    Growth { start: Box<Derivation>, end: Box<Derivation> },
    /// `100 * part / whole`.
    PercentOf { part: Box<Derivation>, whole: Box<Derivation> },
    /// A fixed value (England's share in its own most deprived 10% is 10 by definition).
    Constant { value: f64 },
    /// One row picked by column values, e.g. England's row of a benchmark table.
    Row { table: String, r#where: BTreeMap<String, String>, value: String, lower: Option<String>, upper: Option<String> },
    /// The same derivation as the values, over all rows (the city's own value).
    SameAsValues,
    /// Values of one indicator (and period, when the file has several) from a tidy CSV or a
    /// Fingertips export, with their confidence intervals.
    Data { table: String, indicator: String, period: Option<String> },
    /// England's value of that indicator from a Fingertips export's England rows.
    DataEngland { table: String, indicator: String, period: Option<String> },
    /// Services of a kind in each area per `per` people of `population`.
    ServicesPer { service: String, per: f64, population: Box<Derivation> },
}

/// Whether a derivation counts services (and so needs them placed by postcode).
fn counts_services(d: &Derivation) -> bool {
    match d {
        Derivation::ServicesPer { .. } => true,
        Derivation::Growth { start, end } => counts_services(start) || counts_services(end),
        Derivation::PercentOf { part, whole } => counts_services(part) || counts_services(whole),
        _ => false,
    }
}

/// Where files are read from, and the tables read so far.
pub struct Context {
    /// Points of each service kind, for `services_per`.
    services: HashMap<String, Vec<[f64; 2]>>,
    /// The current indicator's layer: code, geometry, bounds.
    areas: Vec<(String, crate::model::geometry::MultiPolygon, crate::model::geometry::Bounds)>,
    root: PathBuf,
    recipe_file: String,
    specs: BTreeMap<String, TableSpec>,
    tables: HashMap<String, Table>,
    /// With `--area`: the centroid fit's lookup name and small area -> ward code.
    fit: Option<(String, HashMap<String, String>)>,
    /// With `--area`, rows of national tables outside the council's areas are left out
    /// (and counted); without it, a row with no area is an error.
    scoped: bool,
}

impl Context {
    fn table(&mut self, name: &str) -> Result<&Table, Problem> {
        if !self.tables.contains_key(name) {
            let spec = self.specs.get(name).ok_or_else(|| {
                Problem::error(&self.recipe_file, &format!("table \"{name}\""), "is used but not defined", "add it under [tables]")
            })?;
            // Messages name the file as it was opened, not as the recipe wrote it.
            let path = resolve(&self.root, &spec.file);
            let mut t = Table::read(&path, &path.display().to_string())?;
            t.column(&spec.key)?;
            if !spec.r#where.is_empty() {
                let conds = spec.r#where.iter().map(|(k, v)| Ok((t.column(k)?, v.as_str()))).collect::<Result<Vec<_>, Problem>>()?;
                let keep: Vec<bool> = (0..t.rows.len()).map(|r| conds.iter().all(|(c, v)| t.text(r, *c) == *v)).collect();
                if !keep.contains(&true) {
                    return Err(Problem::error(
                        &t.file,
                        "",
                        "has no rows where the recipe's where says",
                        "check the column names and values of where",
                    ));
                }
                let mut i = 0;
                t.rows.retain(|_| (keep[i], i += 1).0);
                i = 0;
                t.lines.retain(|_| (keep[i], i += 1).0);
            }
            self.tables.insert(name.to_string(), t);
        }
        Ok(&self.tables[name])
    }

    fn key_col(&mut self, name: &str) -> Result<usize, Problem> {
        let key = self.specs[name].key.clone();
        self.table(name)?.column(&key)
    }

    /// Small-area code -> layer-area code, from a lookup table.
    fn lookup(&mut self, name: &str, to: &str) -> Result<HashMap<String, String>, Problem> {
        let kc = self.key_col(name)?;
        let t = self.table(name)?;
        let tc = t.column(to)?;
        Ok((0..t.rows.len()).map(|r| (t.text(r, kc).to_string(), t.text(r, tc).to_string())).collect())
    }
}

/// How rows are grouped when a derivation is evaluated.
#[derive(Clone, Copy, PartialEq)]
enum Grouping {
    ByArea,
    /// Every row of the table in one group (England's value from a national table).
    All,
    /// The rows of the layer's areas in one group (the city's value).
    City,
}

const ALL: &str = "*";

fn groups_for(
    ctx: &mut Context,
    table: &str,
    lookup: &Option<String>,
    to: &Option<String>,
    grouping: Grouping,
) -> Result<Vec<(usize, String)>, Problem> {
    // A lookup table is built here; the centroid fit is borrowed from the context, not copied.
    let built = match (lookup, to) {
        (Some(l), Some(t)) => Some(ctx.lookup(l, t)?),
        (Some(l), None) if ctx.fit.as_ref().is_some_and(|(n, _)| n == l) => None,
        (None, None) => None,
        _ => {
            return Err(Problem::error(
                &ctx.recipe_file,
                &format!("table \"{table}\""),
                "lookup and to go together (only the centroid fit of [area] needs no to)",
                "give both, or neither",
            ))
        }
    };
    let kc = ctx.key_col(table)?;
    let map = built.as_ref().or(ctx.fit.as_ref().filter(|_| lookup.is_some() && to.is_none()).map(|(_, m)| m));
    // Scoped to the layer's areas: a row of a national table outside them is left out.
    let scoped = ctx.scoped && grouping != Grouping::All;
    let layer: BTreeSet<&str> = if scoped { ctx.areas.iter().map(|(c, _, _)| c.as_str()).collect() } else { BTreeSet::new() };
    let t = &ctx.tables[table];
    let mut out = Vec::with_capacity(t.rows.len());
    let mut missing = Vec::new();
    for r in 0..t.rows.len() {
        let key = t.text(r, kc);
        let group = match map {
            Some(m) => match m.get(key) {
                Some(g) => g.clone(),
                None if scoped => continue,
                None => {
                    missing.push((r, key.to_string()));
                    continue;
                }
            },
            None => key.to_string(),
        };
        if scoped && !layer.contains(group.as_str()) {
            continue;
        }
        out.push((r, if matches!(grouping, Grouping::All | Grouping::City) { ALL.to_string() } else { group }));
    }
    if let Some((r, _)) = missing.first() {
        let codes: Vec<&str> = missing.iter().map(|(_, k)| k.as_str()).collect();
        return Err(Problem::error(
            &t.file,
            &format!("line {}", t.lines[*r]),
            format!(
                "{} of its {} rows have an area that is not in the lookup {}: {}",
                thousands(missing.len()),
                thousands(t.rows.len()),
                lookup.as_deref().unwrap_or(""),
                some_of(&codes, 3)
            ),
            if missing.len() * 2 > t.rows.len() {
                "the table covers more than the lookup: for a national file, give the recipe an [area] and run prepare with --area (see data/england.toml)"
            } else {
                "use a lookup of the same vintage as the data"
            },
        ));
    }
    Ok(out)
}

fn eval(ctx: &mut Context, d: &Derivation, values: &Derivation, grouping: Grouping) -> Result<BTreeMap<String, Estimate>, Problem> {
    let points = |m: ByGroup| m.into_iter().map(|(k, v)| (k, Estimate::point(v))).collect();
    Ok(match d {
        Derivation::Column { table, value, lower, upper } => {
            if grouping != Grouping::ByArea {
                return Err(Problem::error(
                    &ctx.recipe_file,
                    &format!("table \"{table}\""),
                    "a column cannot be summarised into one value",
                    "give the England or city value with method = \"row\" or \"constant\"",
                ));
            }
            let rows = groups_for(ctx, table, &None, &None, grouping)?;
            let t = ctx.table(table)?;
            let cols = EstimateColumns::find(t, value, lower, upper)?;
            let mut out = BTreeMap::new();
            for (r, g) in rows {
                out.insert(g, cols.read(t, r)?);
            }
            out
        }
        Derivation::WeightedMean { table, value, weight, lookup, to } => {
            let rows = groups_for(ctx, table, lookup, to, grouping)?;
            let t = ctx.table(table)?;
            let (vc, wc) = (t.column(value)?, t.column(weight)?);
            let mut items = Vec::with_capacity(rows.len());
            for (r, g) in &rows {
                items.push((g.as_str(), t.number(*r, vc)?, t.number(*r, wc)?));
            }
            points(derive::weighted_mean(items))
        }
        Derivation::Share { table, column, equals, lookup, to } => {
            let rows = groups_for(ctx, table, lookup, to, grouping)?;
            let t = ctx.table(table)?;
            let c = t.column(column)?;
            points(derive::share(rows.iter().map(|(r, g)| (g.as_str(), equals.contains(t.text(*r, c))))))
        }
        Derivation::Sum { table, columns, lookup, to } => {
            let rows = groups_for(ctx, table, lookup, to, grouping)?;
            let t = ctx.table(table)?;
            let cols = columns.iter().map(|c| t.column(c)).collect::<Result<Vec<_>, _>>()?;
            let mut items = Vec::with_capacity(rows.len());
            for (r, g) in &rows {
                let mut s = 0.0;
                for &c in &cols {
                    s += t.number(*r, c)?;
                }
                items.push((g.as_str(), s));
            }
            points(derive::sum(items))
        }
        Derivation::Growth { start, end } => {
            let (a, b) = (plain(eval(ctx, start, values, grouping)?), plain(eval(ctx, end, values, grouping)?));
            points(derive::growth(&a, &b))
        }
        Derivation::PercentOf { part, whole } => {
            let (a, b) = (plain(eval(ctx, part, values, grouping)?), plain(eval(ctx, whole, values, grouping)?));
            points(derive::percent_of(&a, &b))
        }
        Derivation::Constant { value } => BTreeMap::from([(ALL.to_string(), Estimate::point(*value))]),
        Derivation::Row { table, r#where, value, lower, upper } => {
            let t = ctx.table(table)?;
            let conds = r#where.iter().map(|(k, v)| Ok((t.column(k)?, v.as_str()))).collect::<Result<Vec<_>, Problem>>()?;
            let hits: Vec<usize> = (0..t.rows.len()).filter(|&r| conds.iter().all(|(c, v)| t.text(r, *c) == *v)).collect();
            let desc = r#where.iter().map(|(k, v)| format!("{k} = {v}")).collect::<Vec<_>>().join(", ");
            let r = match hits.as_slice() {
                [r] => *r,
                [] => {
                    return Err(Problem::error(&t.file, "", format!("has no row where {desc}"), "check the values in the recipe's where"))
                }
                _ => {
                    return Err(Problem::error(
                        &t.file,
                        "",
                        format!("has {} rows where {desc}", hits.len()),
                        "add a condition to pick one row",
                    ))
                }
            };
            let e = EstimateColumns::find(t, value, lower, upper)?.read(t, r)?;
            BTreeMap::from([(ALL.to_string(), e)])
        }
        Derivation::SameAsValues => eval(ctx, values, values, if ctx.scoped { Grouping::City } else { Grouping::All })?,
        Derivation::ServicesPer { service, per, population } => {
            let pop = plain(eval(ctx, population, values, grouping)?);
            let pts = ctx.services.get(service).cloned().ok_or_else(|| {
                Problem::error(&ctx.recipe_file, &format!("service \"{service}\""), "is used but not defined", "add it under [[services]]")
            })?;
            let mut count: BTreeMap<String, f64> = pop.keys().map(|k| (k.clone(), 0.0)).collect();
            for p in pts {
                let area =
                    ctx.areas.iter().find(|(_, g, b)| b.contains(p) && crate::model::geometry::contains(g, p)).map(|(c, _, _)| c.clone());
                let key = if grouping == Grouping::ByArea { area } else { area.map(|_| ALL.to_string()) };
                if let Some(k) = key {
                    *count.entry(k).or_default() += 1.0;
                }
            }
            count.into_iter().filter_map(|(k, n)| pop.get(&k).filter(|p| **p > 0.0).map(|p| (k, Estimate::point(n / p * per)))).collect()
        }
        Derivation::Data { table, indicator, period } | Derivation::DataEngland { table, indicator, period } => {
            let england = matches!(d, Derivation::DataEngland { .. });
            if grouping != Grouping::ByArea && !england {
                return Err(Problem::error(
                    &ctx.recipe_file,
                    &format!("table \"{table}\""),
                    "data rows cannot be summarised into one value",
                    "give the England value with method = \"data_england\" (Fingertips) or \"constant\"",
                ));
            }
            let recipe_file = ctx.recipe_file.clone();
            let t = ctx.table(table)?;
            let (data, report) = crate::read::datafile::read(t);
            if let Some(p) = report.errors().next() {
                return Err(p.clone());
            }
            if data.format == crate::read::datafile::Format::Table {
                return Err(Problem::error(
                    &t.file,
                    "line 1",
                    "is neither a tidy CSV nor a Fingertips export",
                    "see the README for the tidy CSV columns, or use method = \"column\"",
                ));
            }
            let rows = if england { &data.benchmarks } else { &data.rows };
            let picked: Vec<&crate::read::datafile::DataRow> =
                rows.iter().filter(|r| &r.indicator == indicator && period.as_ref().is_none_or(|p| &r.period == p)).collect();
            let periods: BTreeSet<&str> = picked.iter().map(|r| r.period.as_str()).collect();
            if picked.is_empty() {
                let ids = data.indicators().join(", ");
                return Err(Problem::error(
                    &t.file,
                    "",
                    format!(
                        "has no {}rows of indicator \"{indicator}\"{}",
                        if england { "England " } else { "" },
                        period.as_ref().map(|p| format!(" in {p}")).unwrap_or_default()
                    ),
                    format!("it has: {ids}"),
                ));
            }
            if periods.len() > 1 {
                return Err(Problem::error(
                    &recipe_file,
                    &format!("table \"{table}\""),
                    format!("indicator {indicator} has several periods ({})", periods.into_iter().collect::<Vec<_>>().join(", ")),
                    "name one with period = \"...\"",
                ));
            }
            let mut out = BTreeMap::new();
            for r in picked {
                if let Some(e) = r.estimate {
                    out.insert(if england { ALL.to_string() } else { r.area_code.clone() }, e);
                }
            }
            out
        }
    })
}

/// The rule a method's values add up by, where the recipe does not state one: a weighted
/// mean by its weight; a share, a percentage of sums or services per head as a ratio of sums;
/// a sum as a sum; growth as the growth of the sums. Values read as they are (a column, a
/// data file's rows) do not combine: the figures they were made from are not in the recipe.
fn inferred_combine(d: &Derivation) -> Combine {
    match d {
        Derivation::WeightedMean { weight, .. } => Combine::WeightedMean { weight: weight.clone() },
        Derivation::Share { .. } | Derivation::PercentOf { .. } => Combine::Ratio { per: 100.0, proportion: true },
        Derivation::ServicesPer { per, .. } => Combine::Ratio { per: *per, proportion: false },
        Derivation::Sum { .. } => Combine::Sum,
        Derivation::Growth { .. } => Combine::Growth,
        _ => Combine::None { why: "the source gives a value for each area, not the figures it was made from".into() },
    }
}

/// Per area, the two sums `rule` adds areas up by (see `Series::parts`); none for a sum or a
/// value that does not combine. A stated rule the method cannot feed is an error.
/// `values` are the method's values as evaluated already (services per head are not placed
/// again to find the counts they were made from).
fn parts_of(
    ctx: &mut Context,
    d: &Derivation,
    values: &BTreeMap<String, Estimate>,
    rule: &Combine,
    at: &str,
) -> Result<BTreeMap<String, [f64; 2]>, Problem> {
    let pairs = |a: ByGroup, b: ByGroup| -> BTreeMap<String, [f64; 2]> {
        a.into_iter().filter_map(|(k, x)| b.get(&k).map(|y| (k, [derive::round(x, 3), derive::round(*y, 3)]))).collect()
    };
    Ok(match (rule, d) {
        (Combine::Sum | Combine::None { .. }, _) => BTreeMap::new(),
        (Combine::WeightedMean { .. }, Derivation::WeightedMean { table, value, weight, lookup, to }) => {
            let rows = groups_for(ctx, table, lookup, to, Grouping::ByArea)?;
            let t = ctx.table(table)?;
            let (vc, wc) = (t.column(value)?, t.column(weight)?);
            let mut acc: BTreeMap<String, (f64, f64)> = BTreeMap::new();
            for (r, g) in &rows {
                let (v, w) = (t.number(*r, vc)?, t.number(*r, wc)?);
                let e = acc.entry(g.clone()).or_default();
                e.0 += v * w;
                e.1 += w;
            }
            acc.into_iter().filter(|(_, (_, w))| *w > 0.0).map(|(k, (s, w))| (k, [derive::round(s, 3), derive::round(w, 3)])).collect()
        }
        (Combine::Ratio { .. }, Derivation::Share { table, column, equals, lookup, to }) => {
            let rows = groups_for(ctx, table, lookup, to, Grouping::ByArea)?;
            let t = ctx.table(table)?;
            let c = t.column(column)?;
            let mut acc: BTreeMap<String, [f64; 2]> = BTreeMap::new();
            for (r, g) in &rows {
                let e = acc.entry(g.clone()).or_default();
                e[0] += equals.contains(t.text(*r, c)) as u8 as f64;
                e[1] += 1.0;
            }
            acc
        }
        (Combine::Ratio { .. }, Derivation::PercentOf { part, whole }) => {
            let (a, b) = (plain(eval(ctx, part, d, Grouping::ByArea)?), plain(eval(ctx, whole, d, Grouping::ByArea)?));
            pairs(a, b)
        }
        (Combine::Ratio { .. }, Derivation::ServicesPer { per, population, .. }) => {
            let pop = plain(eval(ctx, population, d, Grouping::ByArea)?);
            // The count each rate was made from: rate = count / population × per.
            let counts = values.iter().filter_map(|(k, e)| pop.get(k).map(|p| (k.clone(), (e.value * p / per).round()))).collect();
            pairs(counts, pop)
        }
        (Combine::Growth, Derivation::Growth { start, end }) => {
            let (a, b) = (plain(eval(ctx, end, d, Grouping::ByArea)?), plain(eval(ctx, start, d, Grouping::ByArea)?));
            pairs(a, b)
        }
        _ => {
            return Err(Problem::error(
                &ctx.recipe_file,
                at,
                format!("combine rule {} needs figures that this method does not give", serde_json::to_string(rule).unwrap_or_default()),
                "leave combine out to have the rule inferred from the method, or give rule = \"none\" with why",
            ))
        }
    })
}

/// The columns of a value and its optional 95% interval.
struct EstimateColumns {
    value: usize,
    lower: Option<usize>,
    upper: Option<usize>,
}

impl EstimateColumns {
    fn find(t: &Table, value: &str, lower: &Option<String>, upper: &Option<String>) -> Result<Self, Problem> {
        Ok(EstimateColumns {
            value: t.column(value)?,
            lower: lower.as_ref().map(|c| t.column(c)).transpose()?,
            upper: upper.as_ref().map(|c| t.column(c)).transpose()?,
        })
    }

    fn read(&self, t: &Table, r: usize) -> Result<Estimate, Problem> {
        Ok(Estimate {
            value: t.number(r, self.value)?,
            lower: self.lower.map(|c| t.number(r, c)).transpose()?,
            upper: self.upper.map(|c| t.number(r, c)).transpose()?,
        })
    }
}

fn plain(m: BTreeMap<String, Estimate>) -> ByGroup {
    m.into_iter().map(|(k, e)| (k, e.value)).collect()
}

fn rounded(e: Estimate) -> Estimate {
    Estimate { value: derive::round(e.value, 3), lower: e.lower.map(|v| derive::round(v, 3)), upper: e.upper.map(|v| derive::round(v, 3)) }
}

/// Expands `$NEEDSMAP_SHARED` (default `../shared`) and resolves relative paths against
/// the recipe's folder.
pub fn resolve_root(recipe_path: &Path, data_root: Option<&str>) -> PathBuf {
    let base = recipe_path.parent().unwrap_or(Path::new("."));
    match data_root {
        None => base.to_path_buf(),
        Some(r) => resolve(base, r),
    }
}

/// A path from a recipe: `$NEEDSMAP_SHARED/...` expanded, otherwise relative to `root`.
pub fn resolve(root: &Path, path: &str) -> PathBuf {
    match path.strip_prefix("$NEEDSMAP_SHARED") {
        Some(rest) => {
            let shared = std::env::var("NEEDSMAP_SHARED").unwrap_or_else(|_| "../shared".into());
            PathBuf::from(shared).join(rest.trim_start_matches('/'))
        }
        None => root.join(path),
    }
}

/// A bundle made from a recipe, with how it is written.
pub type Prepared = (Atlas, crate::read::bundle::WriteOptions);

/// Reads a recipe and everything it names into an atlas, with every problem found.
pub fn prepare(recipe_path: &Path) -> (Option<Prepared>, Report) {
    let mut out = (None, Report::default());
    prepare_areas(recipe_path, &[], None, |_, atlas, report| out = (atlas, report));
    out
}

/// Prepares a bundle for each council code of `areas` (`--area`: a 2025 district or unitary
/// code, a county code, or `all`) from a recipe with an `[area]`; `areas` is empty for a
/// recipe of one place. `each` is given every council's code, bundle and report as soon as
/// it is made, so a run over all of England holds one council at a time; the national files
/// are read once. `postcodes` (`--postcodes`), a Code-Point Open file, gives a national
/// recipe its postcode index and its services (placed by postcode), and only then.
pub fn prepare_areas(recipe_path: &Path, areas: &[String], postcodes: Option<&Path>, mut each: impl FnMut(&str, Option<Prepared>, Report)) {
    let mut report = Report::default();
    let display = recipe_path.display().to_string();
    let text = match std::fs::read_to_string(recipe_path) {
        Ok(t) => t,
        Err(e) => {
            report.push(Problem::error(&display, "", format!("cannot be read ({e})"), "check the path"));
            return each("", None, report);
        }
    };
    let recipe: Recipe = match toml::from_str(&text) {
        Ok(r) => r,
        Err(e) => {
            let loc = e.span().map(|s| format!("line {}", text[..s.start].lines().count().max(1))).unwrap_or_default();
            report.push(Problem::error(&display, &loc, e.message().to_string(), "see data/coventry.toml for a worked recipe"));
            return each("", None, report);
        }
    };
    let root = resolve_root(recipe_path, recipe.data_root.as_deref());
    if !root.is_dir() {
        report.push(Problem::error(
            &display,
            "data_root",
            format!("the folder {} does not exist", root.display()),
            "set NEEDSMAP_SHARED to the folder that holds data/ (see README)",
        ));
        return each("", None, report);
    }
    let mut ctx = Context {
        services: HashMap::new(),
        areas: vec![],
        root: root.clone(),
        recipe_file: display.clone(),
        specs: recipe.tables.clone(),
        tables: HashMap::new(),
        fit: None,
        scoped: false,
    };
    let mut recipe = recipe;
    if let Some(file) = postcodes {
        if recipe.area.is_none() {
            report.push(Problem::error(
                "--postcodes",
                "",
                format!("{display} is the recipe of one place"),
                "name the postcode files in its [postcodes]",
            ));
            return each("", None, report);
        }
        recipe.postcodes = Some(PostcodeSpec { live: file.display().to_string(), terminated: None, district: None });
    }
    let recipe = recipe;
    let Some(area) = &recipe.area else {
        if let Some(code) = areas.first() {
            report.push(Problem::error(
                "--area",
                code,
                format!("{display} is the recipe of one place (it has no [area])"),
                "leave out --area, or use a national recipe such as data/england.toml",
            ));
            return each(code, None, report);
        }
        let prepared = build(&recipe, &mut ctx, None, &mut report);
        return each("", prepared, report);
    };
    if areas.is_empty() {
        report.push(Problem::error(
            &display,
            "[area]",
            "is a national recipe: it needs the council to prepare",
            "name it with --area, e.g. --area E08000025 (Birmingham), or --area all for every council",
        ));
        return each("", None, report);
    }
    let Some(spec) = recipe.layers.iter().find(|l| l.id == area.layer) else {
        report.push(Problem::error(
            &display,
            "[area] layer",
            format!("\"{}\" is not a layer of the recipe", area.layer),
            "name one of [[layers]]",
        ));
        return each("", None, report);
    };
    let opts = boundary_options(spec, &spec.boundaries);
    let Some(national) = National::read(area, &opts, &root, &mut report) else {
        return each("", None, report);
    };
    let codes: Vec<String> = if areas.len() == 1 && areas[0] == "all" { national.all_codes() } else { areas.to_vec() };
    // The national files' own notices (a repeated ward) are said once, with the first council.
    let mut shared = Some(report);
    for code in &codes {
        let mut report = shared.take().unwrap_or_default();
        match national.council(code) {
            Ok(council) => {
                let prepared = build(&recipe, &mut ctx, Some((&national, &council)), &mut report);
                each(code, prepared, report);
            }
            Err(p) => {
                report.push(p);
                each(code, None, report);
            }
        }
    }
}

fn boundary_options<'a>(l: &'a LayerSpec, file: &'a str) -> BoundaryOptions<'a> {
    BoundaryOptions { file, layer_id: &l.id, label: &l.label, noun: &l.noun, code_field: &l.code_field, name_field: &l.name_field }
}

/// The layers of a recipe: files as they are, or with `--area` the council's wards and the
/// small-area files (`{part}` in the path) that make it up.
fn read_layers(recipe: &Recipe, root: &Path, council: Option<(&National, &Council)>, report: &mut Report) -> Vec<Layer> {
    let mut layers = Vec::new();
    for l in &recipe.layers {
        if let Some((national, council)) = council.filter(|(n, _)| n.layer_id() == l.id) {
            let layer = national.ward_layer(council);
            report.extend(national.fit_report(council, &l.boundaries));
            layers.push(layer);
            continue;
        }
        let files: Vec<String> = match (l.boundaries.contains("{part}"), council) {
            (false, _) if l.boundaries.contains('*') => match matching(root, &l.boundaries) {
                Ok(files) => files,
                Err(p) => {
                    report.push(p);
                    continue;
                }
            },
            (false, _) => vec![l.boundaries.clone()],
            (true, Some((_, c))) => c.parts.iter().map(|p| l.boundaries.replace("{part}", p)).collect(),
            (true, None) => {
                report.push(Problem::error(&l.boundaries, "", "names a file per council ({part})", "run prepare with --area"));
                continue;
            }
        };
        let mut layer = Layer { id: l.id.clone(), label: l.label.clone(), noun: l.noun.clone(), areas: Vec::new() };
        for file in &files {
            let path = resolve(root, file);
            let text = match std::fs::read_to_string(&path) {
                Ok(t) => t,
                Err(e) => {
                    report.push(Problem::error(
                        &path.display().to_string(),
                        "",
                        format!("cannot be read ({e})"),
                        "check the path in the recipe",
                    ));
                    continue;
                }
            };
            // Published national small-area files carry a few quantisation crossings.
            let national = council.is_some() || files.len() > 1;
            let also = crate::read::load::Also { keep: &[], crossings_allowed: national };
            let mut opts = boundary_options(l, file);
            let found;
            if l.code_field.is_empty() || l.name_field.is_empty() {
                found = match crate::read::fields::find_in(&text) {
                    Ok(f) => f,
                    Err(why) => {
                        report.push(Problem::error(
                            &path.display().to_string(),
                            "",
                            why,
                            "name them with code_field and name_field in the layer",
                        ));
                        continue;
                    }
                };
                if l.code_field.is_empty() {
                    opts.code_field = &found.0;
                }
                if l.name_field.is_empty() {
                    opts.name_field = &found.1;
                }
            }
            let (part, r, _, _) = crate::read::load::read_boundaries_with(&text, &opts, &crate::read::load::Limits::default(), &also);
            report.extend(r);
            layer.areas.extend(part.areas);
        }
        layers.push(layer);
    }
    layers
}

/// The files a layer's `boundaries` names with one `*` in its file name (all England's
/// LSOAs from the per-council files: `lsoa2011_by_lad/topo_*.json`), in name order.
///
/// ```
/// use needs_map::derive::recipe::matching;
/// let files = matching(std::path::Path::new("../tests/fixtures"), "broken/bng-*.geojson").unwrap();
/// assert_eq!(files, ["broken/bng-no-crs.geojson", "broken/bng-with-hole.geojson"]);
/// assert!(matching(std::path::Path::new("../tests/fixtures"), "broken/none-*.json").unwrap_err().to_string().contains("matches no file"));
/// ```
pub fn matching(root: &Path, pattern: &str) -> Result<Vec<String>, Problem> {
    let (dir, name) = pattern.rsplit_once('/').unwrap_or(("", pattern));
    let (head, tail) = name.split_once('*').unwrap_or((name, ""));
    let folder = resolve(root, if dir.is_empty() { "." } else { dir });
    let entries = std::fs::read_dir(&folder).map_err(|e| {
        Problem::error(&folder.display().to_string(), "", format!("cannot be read ({e})"), "check the boundaries path in the recipe")
    })?;
    let mut files: Vec<String> = entries
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|f| f.len() >= head.len() + tail.len() && f.starts_with(head) && f.ends_with(tail))
        .map(|f| if dir.is_empty() { f } else { format!("{dir}/{f}") })
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(Problem::error(
            pattern,
            "",
            format!("matches no file in {}", folder.display()),
            "check the boundaries path in the recipe",
        ));
    }
    Ok(files)
}

/// One bundle: the recipe's layers, services and indicators, for one council with `--area`.
fn build(recipe: &Recipe, ctx: &mut Context, council: Option<(&National, &Council)>, report: &mut Report) -> Option<Prepared> {
    let root = ctx.root.clone();
    let display = ctx.recipe_file.clone();
    let layers = read_layers(recipe, &root, council, report);
    let place = match council {
        Some((_, c)) => Place { code: c.code.clone(), name: c.name.clone() },
        None => recipe.place.clone(),
    };
    let postcodes = match &recipe.postcodes {
        Some(spec) if !layers.is_empty() => build_postcodes(spec, &root, &layers, &place.code, report),
        _ => None,
    };
    // A national recipe's services are placed by postcode: without --postcodes they, and the
    // indicators made of them, are left out (and said so).
    let skip_services = council.is_some() && recipe.postcodes.is_none();
    if skip_services && !recipe.services.is_empty() {
        report.push(Problem::notice(
            &display,
            "[[services]]",
            format!("{} services and the indicators counting them are left out", recipe.services.len()),
            "they are placed by postcode: give --postcodes with an OS Code-Point Open file",
        ));
    }
    let mut services = Vec::new();
    for spec in recipe.services.iter().filter(|_| !skip_services) {
        match &postcodes {
            Some((_, points)) => services.extend(read_services(spec, &root, points, report)),
            None => report.push(Problem::error(
                &display,
                &format!("service {}", spec.id),
                "services are placed by postcode",
                "add a [postcodes] section",
            )),
        }
    }
    ctx.services =
        services.iter().map(|k: &crate::model::atlas::ServiceKind| (k.id.clone(), k.points.iter().map(|p| p.at).collect())).collect();
    ctx.fit = council.map(|(n, c)| (n.fit_name().to_string(), c.fit.clone()));
    ctx.scoped = council.is_some();
    let mut indicators = Vec::new();
    for spec in recipe.indicators.iter().filter(|i| !(skip_services && i.series.iter().any(|s| counts_services(&s.values)))) {
        match indicator(ctx, spec, &layers) {
            Ok((ind, r)) => {
                report.extend(r);
                indicators.push(ind);
            }
            Err(p) => report.push(p),
        }
    }
    if report.has_errors() {
        return None;
    }
    let named = |t: &str| t.replace("{place}", &place.name);
    let meta = Meta {
        title: named(&recipe.title),
        description: named(&recipe.description),
        place,
        attribution: recipe.attribution.clone(),
        vintage: recipe.vintage.clone(),
        sources: recipe.sources.clone(),
    };
    let opts = crate::read::bundle::WriteOptions { quantisation: recipe.quantisation, simplify_m: recipe.simplify_m };
    Some((
        Atlas { meta, layers, indicators, postcodes: postcodes.map(|(ix, _)| crate::derive::postcode::Postcodes::Index(ix)), services },
        opts,
    ))
}

fn indicator(ctx: &mut Context, spec: &IndicatorSpec, layers: &[Layer]) -> Result<(Indicator, Report), Problem> {
    let mut report = Report::default();
    let where_ = format!("indicator {}", spec.id);
    let layer = layers.iter().find(|l| l.id == spec.layer).ok_or_else(|| {
        Problem::error(
            &ctx.recipe_file,
            &where_,
            format!("is on layer \"{}\", which the recipe does not define", spec.layer),
            "add the layer under [[layers]]",
        )
    })?;
    if let Some(f) = spec.framework.as_deref().filter(|f| !crate::model::atlas::FRAMEWORK.iter().any(|(id, _)| id == f)) {
        let ids: Vec<&str> = crate::model::atlas::FRAMEWORK.iter().map(|(id, _)| *id).collect();
        return Err(Problem::error(
            &ctx.recipe_file,
            &format!("indicator {}", spec.id),
            format!("framework \"{f}\" is not a component of the strategy's framework"),
            &format!("use one of: {}", ids.join(", ")),
        ));
    }
    if !(50.0..100.0).contains(&spec.significance_level) {
        return Err(Problem::error(
            &ctx.recipe_file,
            &where_,
            format!("significance_level {} is not a percentage between 50 and 100", spec.significance_level),
            "use 95 (the usual) or the level the source tested at",
        ));
    }
    ctx.areas = layer.areas.iter().map(|a| (a.code.clone(), a.geometry.clone(), crate::model::geometry::Bounds::of(&a.geometry))).collect();
    let combine = match (&spec.combine, spec.series.first()) {
        (Some(c), _) => c.clone(),
        (None, Some(s)) => inferred_combine(&s.values),
        (None, None) => Combine::None { why: String::new() },
    };
    let mut series = Vec::new();
    for s in &spec.series {
        let values = eval(ctx, &s.values, &s.values, Grouping::ByArea)?;
        let codes: BTreeSet<&str> = layer.areas.iter().map(|a| a.code.as_str()).collect();
        let unknown: Vec<&str> = values.keys().filter(|k| !codes.contains(k.as_str())).map(|k| k.as_str()).collect();
        if !unknown.is_empty() {
            return Err(Problem::error(
                &ctx.recipe_file,
                &format!("{where_}, period {}", s.period),
                format!(
                    "values for {} areas not in layer {} ({} areas): {}",
                    thousands(unknown.len()),
                    layer.id,
                    layer.areas.len(),
                    some_of(&unknown, 3)
                ),
                if unknown.len() > layer.areas.len() {
                    "the data covers more than the layer: for a national file, give the recipe an [area] and run prepare with --area (see data/england.toml)"
                } else {
                    "use a lookup to the layer's areas of the same vintage"
                },
            ));
        }
        let missing: Vec<String> =
            layer.areas.iter().filter(|a| !values.contains_key(&a.code)).map(|a| format!("{} ({})", a.name, a.code)).collect();
        if !missing.is_empty() {
            report.push(Problem::notice(
                &ctx.recipe_file,
                &format!("{where_}, period {}", s.period),
                format!("no value for {} of {} areas: {}", missing.len(), layer.areas.len(), some_of(&missing, 10)),
                "these areas are shown as \"no data\"",
            ));
        }
        let single = |ctx: &mut Context, d: &Option<Derivation>| -> Result<Option<Estimate>, Problem> {
            match d {
                None => Ok(None),
                Some(d) => Ok(eval(ctx, d, &s.values, Grouping::All)?.remove(ALL).map(rounded)),
            }
        };
        let england = single(ctx, &s.england)?;
        let city = single(ctx, &s.city)?;
        let parts = parts_of(ctx, &s.values, &values, &combine, &format!("{where_}, period {}", s.period))?;
        series.push(Series {
            period: s.period.clone(),
            values: values.into_iter().map(|(k, e)| (k, rounded(e))).collect(),
            england,
            city,
            parts,
        });
    }
    Ok((
        Indicator {
            id: spec.id.clone(),
            label: spec.label.clone(),
            unit: spec.unit.clone(),
            polarity: spec.polarity,
            layer: spec.layer.clone(),
            decimals: spec.decimals,
            description: spec.description.clone(),
            source: spec.source.clone(),
            rank_word: spec.rank_word.clone(),
            significance_level: spec.significance_level,
            significance_test: spec.significance_test,
            short: spec.short.clone(),
            framework: spec.framework.clone(),
            no_change: spec.no_change.clone(),
            combine: Some(combine),
            series,
        },
        report,
    ))
}
