//! Any English council from national files: which 2025 wards make it up (`--area`), which
//! small areas are its own, and which ward each small area falls in.
//!
//! Small areas are given to wards by the ONS best-fit method: the area's population-weighted
//! centroid falling in the ward. That needs no lookup of the wards' vintage, so wards newer
//! than any published lookup (3,123 of England's 6,826 in 2025) still get figures. The
//! national small-area boundary files are cut by 2011 council ("parts"); every 2011 council
//! lies wholly inside one council of today, so a council is a set of whole parts, found
//! through where their centroids fall.

use crate::model::atlas::{Area, Layer};
use crate::model::geometry::{contains, Bounds};
use crate::model::report::{some_of, Problem, Report};
use crate::read::load::{read_boundaries_with, Also, BoundaryOptions, Limits};
use crate::read::table::Table;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

/// The recipe's `[area]`: what `--area CODE` picks from the national files.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AreaSpec {
    /// The national ward file (each ward carries its councils' codes).
    pub file: String,
    /// The `[[layers]]` entry drawn from that file, limited to the council.
    pub layer: String,
    /// Properties that hold a council's code, the district's first (`LAD25CD`, `UTLACD`).
    pub codes: Vec<String>,
    /// The property that names the council of `codes[0]` (`LAD25NM`).
    pub name: String,
    /// Names of councils the file does not name (counties: it has `UTLACD` but no name).
    #[serde(default)]
    pub names: BTreeMap<String, String>,
    /// The small areas' population-weighted centroids: file, code column, longitude, latitude.
    pub centroids: CentroidSpec,
    /// The folder of small-area boundaries, one `topo_<code>.json` per 2011 council, and the
    /// property holding a small area's code in them.
    pub parts: String,
    pub part_code: String,
    /// The lookup name (`lookup = "..."` in a derivation) of the centroid fit to the wards.
    pub fit: String,
    /// A published lookup to compare the fit with, where it knows the same wards.
    #[serde(default)]
    pub compare: Option<CompareSpec>,
}

/// A best-fit lookup (small area -> ward) and the population that weighs the comparison.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompareSpec {
    pub lookup: String,
    pub key: String,
    pub to: String,
    pub population: String,
    pub population_key: String,
    pub population_column: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CentroidSpec {
    pub file: String,
    pub key: String,
    pub x: String,
    pub y: String,
}

/// England's wards, where every small area's centroid falls, and the small-area files.
pub struct National {
    pub wards: Layer,
    /// Per ward: its council codes (as `AreaSpec::codes`), then the district's name.
    councils: Vec<Vec<Option<String>>>,
    names: BTreeMap<String, String>,
    /// Small area -> index of the ward its centroid falls in (or is nearest).
    pub ward_of: HashMap<String, usize>,
    /// Small areas whose centroid falls in no ward, given to the nearest.
    pub nearest: BTreeSet<String>,
    /// 2011 council (file stem) -> its small areas.
    parts: BTreeMap<String, Vec<String>>,
    fit: String,
    layer: String,
    /// The compared lookup's name, and its small areas' wards and populations.
    lookup: Option<(String, Lookup)>,
}

/// One council, as `--area` picked it.
#[derive(Debug, Clone, PartialEq)]
pub struct Council {
    pub code: String,
    pub name: String,
    /// Indices into `National::wards`.
    pub wards: Vec<usize>,
    /// The 2011 councils (small-area files) that make it up.
    pub parts: Vec<String>,
    /// Small area -> ward code, for the small areas of those parts (the centroid fit).
    pub fit: HashMap<String, String>,
}

impl National {
    /// Reads the ward file (as the recipe's ward layer `opts` says), the centroids and the
    /// small-area files' codes, and fits every English centroid to a ward. Problems go to
    /// `report`; `None` when the files cannot be read.
    pub fn read(spec: &AreaSpec, opts: &BoundaryOptions, root: &Path, report: &mut Report) -> Option<National> {
        let path = crate::derive::recipe::resolve(root, &spec.file);
        let shown = path.display().to_string();
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                report.push(Problem::error(&shown, "", format!("cannot be read ({e})"), "check [area] file in the recipe"));
                return None;
            }
        };
        let keep: Vec<String> = spec.codes.iter().chain([&spec.name]).cloned().collect();
        let opts = BoundaryOptions { file: &shown, ..opts.clone() };
        let (wards, r, _, councils) =
            read_boundaries_with(&text, &opts, &Limits::default(), &Also { keep: &keep, crossings_allowed: true });
        drop(text);
        let failed = r.has_errors();
        report.extend(r);
        if failed {
            return None;
        }
        let centroids = read_centroids(&spec.centroids, root, report)?;
        let parts = read_parts(&crate::derive::recipe::resolve(root, &spec.parts), &spec.part_code, report)?;
        let (ward_of, nearest) = fit(&centroids, &wards);
        let lookup = match &spec.compare {
            Some(c) => Some((c.lookup.clone(), read_lookup(c, root, report)?)),
            None => None,
        };
        Some(National {
            lookup,
            wards,
            councils,
            names: spec.names.clone(),
            ward_of,
            nearest,
            parts,
            fit: spec.fit.clone(),
            layer: spec.layer.clone(),
        })
    }

    /// The lookup name the recipe uses for the fit (`[area] fit`).
    pub fn fit_name(&self) -> &str {
        &self.fit
    }

    /// The id of the ward layer.
    pub fn layer_id(&self) -> &str {
        &self.layer
    }

    /// Every council a JSNA is written for: each district or unitary (`codes[0]`), then each
    /// upper tier that is not one of them (the county councils).
    pub fn all_codes(&self) -> Vec<String> {
        let first: BTreeSet<&str> = self.councils.iter().filter_map(|c| c[0].as_deref()).collect();
        let mut upper = BTreeSet::new();
        for c in &self.councils {
            for code in c[1..c.len() - 1].iter().flatten() {
                if !first.contains(code.as_str()) {
                    upper.insert(code.as_str());
                }
            }
        }
        first.into_iter().chain(upper).map(String::from).collect()
    }

    /// The council with this code (district, unitary or county).
    pub fn council(&self, code: &str) -> Result<Council, Problem> {
        let n = self.councils.first().map_or(0, |c| c.len() - 1);
        let wards: Vec<usize> =
            (0..self.councils.len()).filter(|&i| self.councils[i][..n].iter().any(|c| c.as_deref() == Some(code))).collect();
        if wards.is_empty() {
            return Err(self.unknown(code));
        }
        let name = self.names.get(code).cloned().or_else(|| {
            // A district's or unitary's own name; a county is named only by the recipe.
            let named: BTreeSet<&str> = wards
                .iter()
                .filter(|&&w| self.councils[w][0].as_deref() == Some(code))
                .filter_map(|&w| self.councils[w][n].as_deref())
                .collect();
            (named.len() == 1).then(|| named.into_iter().next().unwrap_or_default().to_string())
        });
        let Some(name) = name else {
            return Err(Problem::error(
                "--area",
                code,
                "has no name in the ward file",
                "add it to the recipe's [area] names, e.g. names = { E10000031 = \"Warwickshire\" }",
            ));
        };
        let inside: BTreeSet<usize> = wards.iter().copied().collect();
        let parts: Vec<String> = self
            .parts
            .iter()
            .filter(|(_, codes)| codes.iter().any(|c| self.ward_of.get(c).is_some_and(|w| inside.contains(w))))
            .map(|(p, _)| p.clone())
            .collect();
        let fit = self.fit_for(&inside, &parts);
        Ok(Council { code: code.to_string(), name, wards, parts, fit })
    }

    /// Why a code is not a council of the ward file: an older council names its successor.
    fn unknown(&self, code: &str) -> Problem {
        let now: BTreeSet<&str> = self
            .parts
            .get(code)
            .into_iter()
            .flatten()
            .filter_map(|c| self.ward_of.get(c))
            .filter_map(|&w| self.councils[w][0].as_deref())
            .collect();
        if now.is_empty() {
            let sample = self.all_codes();
            return Problem::error(
                "--area",
                code,
                "is not the code of an English council in the ward file",
                format!("give a 2025 district, unitary or county code, such as {}", some_of(&sample, 3)),
            );
        }
        let named: Vec<String> = now
            .iter()
            .map(|c| match self.council(c) {
                Ok(k) => format!("{c} ({})", k.name),
                Err(_) => c.to_string(),
            })
            .collect();
        Problem::error(
            "--area",
            code,
            format!("is an older council code: its areas are now in {}", named.join(" and ")),
            format!("use --area {}", now.into_iter().collect::<Vec<_>>().join(" or --area ")),
        )
    }

    /// The council's wards as a layer (clones of the national wards, in file order).
    pub fn ward_layer(&self, council: &Council) -> Layer {
        Layer {
            id: self.wards.id.clone(),
            label: self.wards.label.clone(),
            noun: self.wards.noun.clone(),
            areas: council.wards.iter().map(|&i| self.wards.areas[i].clone()).collect(),
        }
    }

    /// Small area -> ward code, for the small areas of `parts` whose ward is in `inside`.
    fn fit_for(&self, inside: &BTreeSet<usize>, parts: &[String]) -> HashMap<String, String> {
        parts
            .iter()
            .flat_map(|p| &self.parts[p])
            .filter_map(|c| self.ward_of.get(c).filter(|w| inside.contains(w)).map(|&w| (c.clone(), self.wards.areas[w].code.clone())))
            .collect()
    }

    /// What the fit did for a council: per ward the small areas it received, the wards that
    /// received none, and the centroids given to the nearest ward.
    pub fn fit_report(&self, council: &Council, file: &str) -> Report {
        let fit = &council.fit;
        let mut count: BTreeMap<&str, usize> = council.wards.iter().map(|&w| (self.wards.areas[w].code.as_str(), 0)).collect();
        for w in fit.values() {
            *count.entry(w.as_str()).or_default() += 1;
        }
        let mut report = Report::default();
        let empty: Vec<String> = council
            .wards
            .iter()
            .map(|&w| &self.wards.areas[w])
            .filter(|a| count[a.code.as_str()] == 0)
            .map(|a| format!("{} ({})", a.name, a.code))
            .collect();
        let counts: Vec<String> = count.iter().map(|(c, n)| format!("{c} {n}")).collect();
        report.push(Problem::notice(
            file,
            &format!("area {}", council.code),
            format!(
                "{} small areas fitted to {} wards by population-weighted centroid: {}",
                fit.len(),
                council.wards.len(),
                counts.join(", ")
            ),
            "each ward's figures are from the small areas whose centroid falls in it",
        ));
        if !empty.is_empty() {
            report.push(Problem::notice(
                file,
                &format!("area {}", council.code),
                format!("{} of {} wards received no small area: {}", empty.len(), council.wards.len(), some_of(&empty, 10)),
                "they are shown as \"no data\"",
            ));
        }
        let near: Vec<String> = fit
            .iter()
            .filter(|(c, _)| self.nearest.contains(*c))
            .map(|(c, w)| format!("{c} to {w}"))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        if !near.is_empty() {
            report.push(Problem::notice(
                file,
                &format!("area {}", council.code),
                format!(
                    "{} centroids fall in no ward (coast or boundary generalisation) and were given to the nearest: {}",
                    near.len(),
                    near.join(", ")
                ),
                "check these small areas on the map",
            ));
        }
        if let Some((name, lookup)) = &self.lookup {
            // Where the lookup's ward is one of the council's (the same code, the same boundary).
            let codes: BTreeSet<&str> = council.wards.iter().map(|&w| self.wards.areas[w].code.as_str()).collect();
            let (mut both, mut moved, mut n, mut listed) = (0.0, 0.0, 0, Vec::new());
            for (small, ward) in fit {
                let Some((was, pop)) = lookup.get(small).filter(|(w, _)| codes.contains(w.as_str())) else { continue };
                n += 1;
                both += pop;
                if was != ward {
                    moved += pop;
                    listed.push(format!("{small} ({was} to {ward})"));
                }
            }
            listed.sort();
            if n > 0 {
                report.push(Problem::notice(
                    file,
                    &format!("area {}", council.code),
                    format!(
                        "against {name}: of {n} small areas in wards both know, {} are in another ward by centroid, {:.2}% of their population{}",
                        listed.len(),
                        if both > 0.0 { 100.0 * moved / both } else { 0.0 },
                        if listed.is_empty() { String::new() } else { format!(": {}", some_of(&listed, 5)) }
                    ),
                    "the centroid fit decides; the lookup knows only the wards of its year",
                ));
            } else {
                report.push(Problem::notice(
                    file,
                    &format!("area {}", council.code),
                    format!("{name} knows none of these wards: they are newer than the lookup"),
                    "every ward's figures are by centroid",
                ));
            }
        }
        report
    }
}

/// Small area -> (its ward by a published lookup, its population).
type Lookup = HashMap<String, (String, f64)>;

/// The compared lookup: small area -> (ward, population).
fn read_lookup(c: &CompareSpec, root: &Path, report: &mut Report) -> Option<Lookup> {
    let open = |file: &str| {
        let path = crate::derive::recipe::resolve(root, file);
        Table::read(&path, &path.display().to_string())
    };
    let read = || -> Result<Lookup, Problem> {
        let (l, p) = (open(&c.lookup)?, open(&c.population)?);
        let (lk, lt, pk, pv) = (l.column(&c.key)?, l.column(&c.to)?, p.column(&c.population_key)?, p.column(&c.population_column)?);
        let mut pop = HashMap::new();
        for r in 0..p.rows.len() {
            pop.insert(p.text(r, pk).to_string(), p.number(r, pv)?);
        }
        Ok((0..l.rows.len())
            .map(|r| (l.text(r, lk).to_string(), (l.text(r, lt).to_string(), pop.get(l.text(r, lk)).copied().unwrap_or(0.0))))
            .collect())
    };
    read().map_err(|p| report.push(p)).ok()
}

/// Every English small area's centroid, longitude and latitude.
fn read_centroids(spec: &CentroidSpec, root: &Path, report: &mut Report) -> Option<Vec<(String, [f64; 2])>> {
    let path = crate::derive::recipe::resolve(root, &spec.file);
    let t = match Table::read(&path, &path.display().to_string()) {
        Ok(t) => t,
        Err(p) => {
            report.push(p);
            return None;
        }
    };
    let cols = (t.column(&spec.key), t.column(&spec.x), t.column(&spec.y));
    let (Ok(k), Ok(x), Ok(y)) = cols else {
        for p in [cols.0.err(), cols.1.err(), cols.2.err()].into_iter().flatten() {
            report.push(p);
        }
        return None;
    };
    let mut out = Vec::with_capacity(t.rows.len());
    for r in 0..t.rows.len() {
        let code = t.text(r, k);
        // England's small areas (Wales's are in the same file).
        if !code.starts_with("E0") {
            continue;
        }
        match (t.number(r, x), t.number(r, y)) {
            (Ok(x), Ok(y)) => out.push((code.to_string(), [x, y])),
            (Err(p), _) | (_, Err(p)) => report.push(p),
        }
    }
    Some(out)
}

/// The small-area codes in each `topo_<council>.json` of a folder, found by their property
/// (a text search: the geometry is read only for the council asked for).
fn read_parts(folder: &Path, code_field: &str, report: &mut Report) -> Option<BTreeMap<String, Vec<String>>> {
    let entries = match std::fs::read_dir(folder) {
        Ok(e) => e,
        Err(e) => {
            report.push(Problem::error(
                &folder.display().to_string(),
                "",
                format!("cannot be read ({e})"),
                "check [area] parts in the recipe",
            ));
            return None;
        }
    };
    let needle = format!("\"{code_field}\":\"");
    let mut parts = BTreeMap::new();
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        let Some(stem) = name.strip_prefix("topo_").and_then(|n| n.strip_suffix(".json")) else { continue };
        let text = match std::fs::read_to_string(e.path()) {
            Ok(t) => t,
            Err(err) => {
                report.push(Problem::error(&e.path().display().to_string(), "", format!("cannot be read ({err})"), "check the file"));
                continue;
            }
        };
        let codes: Vec<String> =
            text.match_indices(&needle).filter_map(|(i, _)| text[i + needle.len()..].split('"').next()).map(String::from).collect();
        parts.insert(stem.to_string(), codes);
    }
    Some(parts)
}

/// Each centroid's ward: the ward it falls in, or the nearest for the few in none.
fn fit(points: &[(String, [f64; 2])], wards: &Layer) -> (HashMap<String, usize>, BTreeSet<String>) {
    let bounds: Vec<Bounds> = wards.areas.iter().map(|a| Bounds::of(&a.geometry)).collect();
    let grid = Grid::new(&bounds);
    let mut ward_of = HashMap::with_capacity(points.len());
    let mut nearest = BTreeSet::new();
    for (code, p) in points {
        let hit = grid.near(*p).iter().copied().find(|&i| bounds[i].contains(*p) && contains(&wards.areas[i].geometry, *p));
        let w = match hit {
            Some(w) => w,
            None => match nearest_area(&wards.areas, &bounds, *p) {
                Some(w) => {
                    nearest.insert(code.clone());
                    w
                }
                None => continue,
            },
        };
        ward_of.insert(code.clone(), w);
    }
    (ward_of, nearest)
}

/// The area whose boundary is nearest a point, looking first at areas whose box is near.
pub fn nearest_area(areas: &[Area], bounds: &[Bounds], p: [f64; 2]) -> Option<usize> {
    nearest_with_distance(areas, bounds, p).map(|(i, _)| i)
}

/// [`nearest_area`] and how far its boundary is, in metres (a local flat approximation:
/// good to a fraction of a metre at these distances).
pub fn nearest_with_distance(areas: &[Area], bounds: &[Bounds], p: [f64; 2]) -> Option<(usize, f64)> {
    let k = p[1].to_radians().cos();
    let d2 = |a: [f64; 2], b: [f64; 2]| {
        let (dx, dy) = ((b[0] - a[0]) * k, b[1] - a[1]);
        let (px, py) = ((p[0] - a[0]) * k, p[1] - a[1]);
        let l = dx * dx + dy * dy;
        let t = if l == 0.0 { 0.0 } else { ((px * dx + py * dy) / l).clamp(0.0, 1.0) };
        (px - t * dx).powi(2) + (py - t * dy).powi(2)
    };
    // Boxes within 0.1 degrees (about 7-11 km) first; all areas if none is that near.
    let near: Vec<usize> = (0..areas.len()).filter(|&i| bounds[i].expanded(0.1).contains(p)).collect();
    let candidates = if near.is_empty() { (0..areas.len()).collect() } else { near };
    candidates
        .into_iter()
        .map(|i| (areas[i].geometry.iter().flatten().flat_map(|r| r.windows(2).map(|w| d2(w[0], w[1]))).fold(f64::INFINITY, f64::min), i))
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(d2, i)| (i, d2.sqrt() * METRES_PER_DEGREE))
}

/// Metres in a degree of latitude (and of longitude at the equator).
const METRES_PER_DEGREE: f64 = 111_320.0;

/// Areas by grid cell of their boxes, so a point is tested against the few near it.
struct Grid {
    origin: [f64; 2],
    cell: f64,
    cols: usize,
    rows: usize,
    cells: Vec<Vec<usize>>,
}

impl Grid {
    fn new(bounds: &[Bounds]) -> Grid {
        let mut all = Bounds::empty();
        for b in bounds {
            all.union(b);
        }
        let cell = 0.05;
        let cols = (((all.max[0] - all.min[0]) / cell).ceil() as usize).clamp(1, 4096);
        let rows = (((all.max[1] - all.min[1]) / cell).ceil() as usize).clamp(1, 4096);
        let mut g = Grid { origin: all.min, cell, cols, rows, cells: vec![Vec::new(); cols * rows] };
        for (i, b) in bounds.iter().enumerate() {
            let (c0, r0) = g.at(b.min);
            let (c1, r1) = g.at(b.max);
            for r in r0..=r1 {
                for c in c0..=c1 {
                    g.cells[r * cols + c].push(i);
                }
            }
        }
        g
    }

    fn at(&self, p: [f64; 2]) -> (usize, usize) {
        let c = ((p[0] - self.origin[0]) / self.cell).floor().clamp(0.0, (self.cols - 1) as f64) as usize;
        let r = ((p[1] - self.origin[1]) / self.cell).floor().clamp(0.0, (self.rows - 1) as f64) as usize;
        (c, r)
    }

    fn near(&self, p: [f64; 2]) -> &[usize] {
        let (c, r) = self.at(p);
        &self.cells[r * self.cols + c]
    }
}
