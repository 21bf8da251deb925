//! `needsmap`: prepare bundles from official files, render maps, validate inputs.
//!
//! Exit codes: 0 success, 1 input errors (printed one per line as `FILE:WHERE: problem; what
//! to do`), 2 usage errors.

use needs_map::derive::recipe;
use needs_map::draw::{picture, png, svg::SvgPainter};
use needs_map::model::report::Report;
use needs_map::read::{bundle, datafile, load, table::Table};
use needs_map::widget::{settings, Widget};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage:
  needsmap prepare RECIPE.toml --out BUNDLE.json
  needsmap prepare NATIONAL.toml --area CODE --out BUNDLE.json   (CODE: a council's LAD25CD or UTLACD)
  needsmap prepare NATIONAL.toml --area all|CODE,CODE --out FOLDER/   [--postcodes CODE-POINT.csv]
  needsmap render BUNDLE.json [--indicator ID] [--layer ID] --out FILE.png|FILE.svg [--width W] [--height H] [--title TEXT]
  needsmap validate FILE...  (GeoJSON boundaries [--code-field F --name-field F], bundles, CSV)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(|s| s.as_str()) {
        Some("prepare") => prepare(&args[1..]),
        Some("render") => render_cmd(&args[1..]),
        Some("validate") => validate(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => Err(Usage("needsmap needs a command".into())),
    };
    match result {
        Ok(code) => code,
        Err(Usage(m)) => {
            eprintln!("needsmap: {m}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

struct Usage(String);

/// `--name value` options and positional arguments.
struct Args {
    positional: Vec<String>,
    options: Vec<(String, String)>,
}

fn parse(args: &[String], known: &[&str]) -> Result<Args, Usage> {
    let mut a = Args { positional: vec![], options: vec![] };
    let mut it = args.iter();
    while let Some(s) = it.next() {
        if let Some(name) = s.strip_prefix("--") {
            if !known.contains(&name) {
                return Err(Usage(format!("unknown option --{name}")));
            }
            let v = it.next().ok_or_else(|| Usage(format!("--{name} needs a value")))?;
            a.options.push((name.to_string(), v.clone()));
        } else {
            a.positional.push(s.clone());
        }
    }
    Ok(a)
}

impl Args {
    fn get(&self, name: &str) -> Option<&str> {
        self.options.iter().rev().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
    fn number(&self, name: &str, default: u32) -> Result<u32, Usage> {
        match self.get(name) {
            None => Ok(default),
            Some(v) => v
                .parse()
                .ok()
                .filter(|n| (100..=10_000).contains(n))
                .ok_or_else(|| Usage(format!("--{name} takes a whole number of pixels from 100 to 10000"))),
        }
    }
}

fn print_report(r: &Report) {
    for p in &r.problems {
        eprintln!("{p}");
    }
}

fn prepare(args: &[String]) -> Result<ExitCode, Usage> {
    let a = parse(args, &["out", "area", "postcodes"])?;
    let [recipe_path] = a.positional.as_slice() else {
        return Err(Usage("prepare takes one recipe".into()));
    };
    let out = a.get("out").ok_or_else(|| Usage("prepare needs --out BUNDLE.json".into()))?;
    let areas: Vec<String> =
        a.get("area").map(|v| v.split(',').map(|c| c.trim().to_string()).filter(|c| !c.is_empty()).collect()).unwrap_or_default();
    // Several councils (or all) go to a folder, one bundle each; one council to a file.
    let many = areas.len() > 1 || areas.first().is_some_and(|c| c == "all");
    if many {
        if let Err(e) = std::fs::create_dir_all(out) {
            eprintln!("{out}: cannot be made ({e}); give a folder that can be written");
            return Ok(ExitCode::from(1));
        }
    }
    let started = std::time::Instant::now();
    let (mut made, mut failed, mut bytes) = (0usize, 0usize, 0usize);
    // As given on the command line (relative to here), not to the recipe's data_root.
    let postcodes = a.get("postcodes").map(|p| std::path::absolute(p).unwrap_or_else(|_| PathBuf::from(p)));
    recipe::prepare_areas(Path::new(recipe_path), &areas, postcodes.as_deref(), |code, atlas, report| {
        let file = if many { Path::new(out).join(format!("{code}.json")) } else { PathBuf::from(out) };
        if many {
            // Per council: errors here, everything (the fit's counts) beside its bundle.
            for p in report.errors() {
                eprintln!("{p}");
            }
            let text: String = report.problems.iter().map(|p| format!("{p}\n")).collect();
            let _ = std::fs::write(file.with_extension("report.txt"), text);
        } else {
            print_report(&report);
        }
        let Some((atlas, q)) = atlas else {
            failed += 1;
            return;
        };
        let json = bundle::to_json(&atlas, &q);
        if let Err(e) = std::fs::write(&file, &json) {
            eprintln!("{}: cannot be written ({e}); check the folder exists and is writable", file.display());
            failed += 1;
            return;
        }
        made += 1;
        bytes += json.len();
        let areas: Vec<String> = atlas.layers.iter().map(|l| format!("{} {}", l.areas.len(), l.noun)).collect();
        let place = if code.is_empty() { atlas.meta.place.name.clone() } else { format!("{} ({code})", atlas.meta.place.name) };
        println!("{}: {place}, {} bytes, {}, {} indicators", file.display(), json.len(), areas.join(", "), atlas.indicators.len());
    });
    if many {
        println!("{made} bundles, {bytes} bytes, in {:.1} s; {failed} failed", started.elapsed().as_secs_f64());
    }
    Ok(if failed == 0 && made > 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn render_cmd(args: &[String]) -> Result<ExitCode, Usage> {
    let a = parse(args, &["indicator", "layer", "out", "width", "height", "title"])?;
    let [bundle_path] = a.positional.as_slice() else {
        return Err(Usage("render takes one bundle".into()));
    };
    let out = PathBuf::from(a.get("out").ok_or_else(|| Usage("render needs --out FILE.png, FILE.svg or FILE.html".into()))?);
    let ext = out.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    if ext != "png" && ext != "svg" && ext != "html" {
        return Err(Usage("--out must end in .png, .svg or .html (a page without scripts)".into()));
    }
    let (w_px, h_px) = (a.number("width", 960)?, a.number("height", 720)?);
    let text = match std::fs::read_to_string(bundle_path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{bundle_path}: cannot be read ({e}); check the path");
            return Ok(ExitCode::from(1));
        }
    };
    // The widget's own picture: the same layout the browser's exports draw.
    let mut changes = Vec::new();
    if let Some(id) = a.get("indicator") {
        changes.push(settings::Change::Indicator(id.into()));
    }
    if let Some(l) = a.get("layer") {
        changes.push(settings::Change::Layer(l.into()));
    }
    if ext == "html" {
        // A page without scripts: the map as inline SVG named by its summary, and the table.
        let page = Widget::from_bundle(&text).and_then(|mut w| {
            w.set_view(changes)?;
            w.resize(w_px as f64, h_px as f64, 1.0)?;
            w.static_page(w_px, h_px)
        });
        return match page.map(|p| std::fs::write(&out, p).map_err(|e| e.to_string())) {
            Ok(Ok(())) => {
                println!("{}: a page without scripts, {w_px}x{h_px}", out.display());
                Ok(ExitCode::SUCCESS)
            }
            Ok(Err(e)) => {
                eprintln!("{}: cannot be written ({e})", out.display());
                Ok(ExitCode::from(1))
            }
            Err(e) => {
                eprintln!("{bundle_path}: {e}");
                Ok(ExitCode::from(1))
            }
        };
    }
    let picture = Widget::from_bundle(&text).and_then(|mut w| {
        w.set_view(changes)?;
        w.picture(w_px, h_px)
    });
    let mut picture = match picture {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{bundle_path}: {e}");
            return Ok(ExitCode::from(1));
        }
    };
    if let Some(t) = a.get("title") {
        picture.sheet.title = t.to_string();
    }
    let (w, h) = (w_px, h_px);
    let written = if ext == "svg" {
        let mut svg = SvgPainter::new(w, h, &picture.sheet.title, "nm");
        picture::draw(&mut svg, &picture, w, h);
        std::fs::write(&out, svg.finish()).map(|_| true).map_err(|e| e.to_string())
    } else {
        png::write(&picture, &out, w, h)
    };
    match written {
        Ok(true) => {}
        Ok(false) => eprintln!("{}: drawn without text: no DejaVu Sans font found (apt-get install fonts-dejavu-core)", out.display()),
        Err(e) => {
            eprintln!("{}: cannot be written ({e})", out.display());
            return Ok(ExitCode::from(1));
        }
    }
    println!("{}: {} areas, {w}x{h}", out.display(), picture.areas.len());
    Ok(ExitCode::SUCCESS)
}

fn validate(args: &[String]) -> Result<ExitCode, Usage> {
    let a = parse(args, &["code-field", "name-field"])?;
    if a.positional.is_empty() {
        return Err(Usage("validate takes one or more files".into()));
    }
    let mut report = Report::default();
    // Boundary files' area codes and data files' codes, joined once all are read.
    let mut boundaries: Vec<(String, BTreeSet<String>)> = Vec::new();
    let mut data: Vec<(String, BTreeSet<String>)> = Vec::new();
    for f in &a.positional {
        if f.to_ascii_lowercase().ends_with(".csv") {
            match Table::read(Path::new(f), f) {
                Ok(t) => {
                    let (d, r) = datafile::read(&t);
                    report.extend(r);
                    let what = match d.format {
                        datafile::Format::Table => {
                            format!("key column {}", d.key.as_deref().map(|k| format!("\"{k}\"")).unwrap_or_else(|| "none found".into()))
                        }
                        _ => {
                            let suppressed = d.rows.iter().filter(|r| r.estimate.is_none()).count();
                            format!(
                                "indicators {}; {} rows ({suppressed} without a value), {} England rows, {} breakdown rows left out",
                                d.indicators().join(", "),
                                d.rows.len(),
                                d.benchmarks.len(),
                                d.breakdown_rows
                            )
                        }
                    };
                    println!(
                        "{f}: {}, {} rows, {} columns, {} area codes; {what}",
                        d.format.name(),
                        t.rows.len(),
                        t.headers.len(),
                        d.codes.len()
                    );
                    data.push((f.clone(), d.codes));
                }
                Err(p) => report.push(p),
            }
            continue;
        }
        let text = match std::fs::read_to_string(f) {
            Ok(t) => t,
            Err(e) => {
                report.push(needs_map::model::report::Problem::error(f, "", format!("cannot be read ({e})"), "check the path"));
                continue;
            }
        };
        if text.contains("\"needs-map-bundle\"") {
            match bundle::from_json(&text) {
                Ok(at) => println!("{f}: bundle with {} layers, {} indicators", at.layers.len(), at.indicators.len()),
                Err(e) => report.push(needs_map::model::report::Problem::error(f, "", e.to_string(), "")),
            }
            continue;
        }
        let (code, name) = match (a.get("code-field"), a.get("name-field")) {
            (Some(c), Some(n)) => (c.to_string(), n.to_string()),
            _ => match needs_map::read::fields::find_in(&text) {
                Ok(f) => f,
                Err(why) => {
                    report.push(needs_map::model::report::Problem::error(f, "", why, "name them with --code-field and --name-field"));
                    continue;
                }
            },
        };
        let opts =
            load::BoundaryOptions { file: f, layer_id: "areas", label: "Areas", noun: "areas", code_field: &code, name_field: &name };
        let (layer, r, sum) = load::read_boundaries(&text, &opts, &load::Limits::default());
        let types: Vec<String> = sum.types.iter().map(|(t, n)| format!("{n} {t}")).collect();
        let b = sum.bounds;
        let bounds = if b.is_empty() {
            "no bounds".to_string()
        } else {
            format!("bounds {:.5},{:.5} to {:.5},{:.5}", b.min[0], b.min[1], b.max[0], b.max[1])
        };
        println!(
            "{f}: {}, {} features ({}), {} points, {}; code {code}, name {name}; {} areas read; {bounds}",
            sum.format,
            sum.features,
            if types.is_empty() { "none".to_string() } else { types.join(", ") },
            sum.vertices,
            sum.crs.map(|c| c.name()).unwrap_or("CRS unknown"),
            layer.areas.len(),
        );
        report.extend(r);
        boundaries.push((f.clone(), layer.areas.iter().map(|a| a.code.clone()).collect()));
    }
    // Each data file joins the boundary file it shares most codes with.
    if !boundaries.is_empty() {
        for (df, codes) in &data {
            let (bf, areas) = boundaries.iter().max_by_key(|(_, areas)| areas.intersection(codes).count()).unwrap();
            let (r, line) = datafile::join(df, codes, bf, areas);
            println!("{line}");
            report.extend(r);
        }
    }
    print_report(&report);
    Ok(if report.has_errors() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
