//! The national recipe (`data/england.toml`) for councils of different kinds, run once as a
//! council would: `needsmap prepare data/england.toml --area CODE,CODE --out DIR/`.
//! Literals are from the official files: Coventry's from the committed bundle (itself checked
//! against them), Birmingham's and Redditch's recomputed independently by
//! `scripts/national-reference.py` (plain Python, its own point-in-polygon).
//! `--area all` (317 councils) runs in `make bench`.

mod common;
use needs_map::model::atlas::{Atlas, Estimate};
use needs_map::read::bundle;
use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

/// Coventry (metropolitan borough), Birmingham (metropolitan borough), Redditch (a shire
/// district whose 2025 wards are all newer than the 2019 lookup), City of London (wards
/// without residents), Aylesbury Vale (a 2011 code, merged into Buckinghamshire in 2020),
/// Warwickshire (a county).
const AREAS: &str = "E08000026,E08000025,E07000236,E09000001,E07000004,E10000031";

struct Run {
    dir: PathBuf,
    stderr: String,
    stdout: String,
    success: bool,
}

fn run() -> &'static Run {
    static RUN: OnceLock<Run> = OnceLock::new();
    RUN.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("needsmap-national-{}", std::process::id()));
        let out = prepare(&["data/england.toml".as_ref(), "--area".as_ref(), AREAS.as_ref(), "--out".as_ref(), dir.as_ref()]);
        Run {
            dir,
            stderr: String::from_utf8_lossy(&out.stderr).into(),
            stdout: String::from_utf8_lossy(&out.stdout).into(),
            success: out.status.success(),
        }
    })
}

/// `needsmap prepare ARGS...` in the repository, with the shared data: its output.
fn prepare(args: &[&std::ffi::OsStr]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_needsmap"))
        .arg("prepare")
        .args(args)
        .current_dir(common::repo())
        .env("NEEDSMAP_SHARED", common::shared())
        .output()
        .unwrap()
}

fn council(code: &str) -> Atlas {
    let path = run().dir.join(format!("{code}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}\n{}", path.display(), run().stderr));
    bundle::from_json(&text).unwrap()
}

fn report(code: &str) -> String {
    std::fs::read_to_string(run().dir.join(format!("{code}.report.txt"))).unwrap()
}

fn value(a: &Atlas, id: &str, code: &str) -> Option<Estimate> {
    a.indicator(id).unwrap().latest().unwrap().values.get(code).copied()
}

#[test]
fn one_command_makes_a_bundle_per_council_and_says_which_failed() {
    let r = run();
    // One code is a 2011 council: the run says so and the exit code is 1; the others are made.
    assert!(!r.success);
    assert!(r.stdout.contains("5 bundles"), "{}", r.stdout);
    assert!(r.stdout.contains("; 1 failed"), "{}", r.stdout);
    assert!(
        r.stderr
            .contains("--area:E07000004: is an older council code: its areas are now in E06000060 (Buckinghamshire); use --area E06000060"),
        "{}",
        r.stderr
    );
}

#[test]
fn coventry_from_the_national_files_equals_the_committed_bundle() {
    let national = council("E08000026");
    let committed = bundle::from_json(&std::fs::read_to_string(common::repo().join("data/coventry.json")).unwrap()).unwrap();
    assert_eq!(national.meta.place.name, "Coventry");
    assert_eq!(national.meta.title, "Coventry: deprivation, population and health by area");
    let sizes: Vec<(String, usize)> = national.layers.iter().map(|l| (l.id.clone(), l.areas.len())).collect();
    assert_eq!(sizes, [("ward".to_string(), 18), ("msoa".to_string(), 42), ("lsoa".to_string(), 195)]);
    assert!(report("E08000026")
        .contains("of 195 small areas in wards both know, 0 are in another ward by centroid, 0.00% of their population;"));
    // Foleshill, by the centroid fit here and by the ONS lookup in data/coventry.toml.
    assert_eq!(value(&national, "imd_score", "E05001222").unwrap().value, 44.58);
    // Every ward figure both bundles carry: for Coventry the centroid fit and the 2019 lookup
    // put every LSOA in the same ward, so they agree exactly (checked to 0.01).
    let mut compared = 0;
    for ind in &committed.indicators {
        let Some(other) = national.indicator(&ind.id) else { continue };
        for s in &ind.series {
            let Some(o) = other.series.iter().find(|x| x.period == s.period) else { continue };
            for (code, e) in &s.values {
                let v = o.values[code].value;
                assert!((v - e.value).abs() <= 0.01, "{} {} {code}: {v} against {}", ind.id, s.period, e.value);
                compared += 1;
            }
        }
    }
    // 13 ward series (IMD, 10%, seven domains, population in three periods, growth) of 18
    // wards, and 4 MSOA ones of 42.
    assert_eq!(compared, 13 * 18 + 4 * 42);
}

#[test]
fn england_imd_score_is_file_7_weighted_by_mid_2015_population() {
    let a = council("E08000025");
    let s = a.indicator("imd_score").unwrap().latest().unwrap();
    assert_eq!(s.england.unwrap().value, 21.722);
    // England's population is summed from the national file, not typed.
    let pop = a.indicator("population").unwrap().latest().unwrap();
    assert_eq!((pop.period.as_str(), pop.england.unwrap().value), ("mid-2020", 56_550_138.0));
}

#[test]
fn birminghams_most_and_least_deprived_wards() {
    let a = council("E08000025");
    let wards = &a.layers[0];
    assert_eq!((wards.id.as_str(), wards.areas.len()), ("ward", 69));
    let s = a.indicator("imd_score").unwrap().latest().unwrap();
    let mut scores: Vec<(f64, &str)> = s.values.iter().map(|(c, e)| (e.value, c.as_str())).collect();
    scores.sort_by(|x, y| y.0.total_cmp(&x.0));
    let name = |c: &str| wards.areas.iter().find(|a| a.code == c).unwrap().name.clone();
    assert_eq!(scores.len(), 69);
    assert_eq!((name(scores[0].1), scores[0].0), ("Sparkbrook & Balsall Heath East".to_string(), 57.061));
    assert_eq!((name(scores[68].1), scores[68].0), ("Sutton Roughley".to_string(), 7.844));
    assert_eq!(s.city.unwrap().value, 38.067);
    assert_eq!(a.layers.iter().map(|l| l.areas.len()).collect::<Vec<_>>(), [69, 132, 639]);
    // The centroid fit against ONS's 2019 lookup (same ward codes, same boundaries): 4 LSOAs
    // of 639 move, 0.59% of their population (scripts/national-reference.py agrees).
    assert!(
        report("E08000025").contains(
            "of 639 small areas in wards both know, 4 are in another ward by centroid, 0.59% of their population: E01008955 (E05011129 to E05011172)"
        ),
        "{}",
        report("E08000025")
    );
}

#[test]
fn wards_newer_than_any_lookup_get_figures_by_centroid() {
    // None of Redditch's 9 wards of 2025 is in the 2019 LSOA to ward lookup.
    let a = council("E07000236");
    assert_eq!(a.meta.place.name, "Redditch");
    let s = a.indicator("imd_score").unwrap().latest().unwrap();
    assert_eq!(s.values.len(), 9);
    assert_eq!(s.values["E05015620"].value, 30.832); // Matchborough & Woodrow
    assert_eq!(s.values["E05015622"].value, 8.798); // Webheath & Callow Hill
    assert!(report("E07000236").contains("55 small areas fitted to 9 wards by population-weighted centroid"), "{}", report("E07000236"));
    assert!(report("E07000236").contains("ons_LSOA11_to_WD19_LAD19_EW_national.csv knows none of these wards"), "{}", report("E07000236"));
}

#[test]
fn wards_that_receive_no_small_area_are_named_and_shown_as_no_data() {
    let a = council("E09000001");
    assert_eq!(a.layers[0].areas.len(), 25);
    assert_eq!(a.indicator("imd_score").unwrap().latest().unwrap().values.len(), 5);
    let r = report("E09000001");
    assert!(r.contains("20 of 25 wards received no small area: Aldgate (E05009289), Bassishaw (E05009290)"), "{r}");
    assert!(r.contains(" and 10 more; they are shown as \"no data\""), "{r}");
}

#[test]
fn a_county_is_the_union_of_its_districts() {
    let a = council("E10000031");
    assert_eq!(a.meta.place.name, "Warwickshire");
    // Its five districts' wards and the 2011 small areas of its five 2011 councils.
    assert_eq!(a.layers.iter().map(|l| l.areas.len()).collect::<Vec<_>>(), [108, 66, 339]);
}

#[test]
fn lsoas_carry_the_indices_as_published() {
    let a = council("E08000026");
    // Coventry 014A: File 7 score 24.444, File 1 rank "11,101" and decile 4.
    assert_eq!(value(&a, "lsoa_imd_score", "E01009522").unwrap().value, 24.444);
    assert_eq!(value(&a, "lsoa_imd_rank", "E01009522").unwrap().value, 11_101.0);
    assert_eq!(value(&a, "lsoa_imd_decile", "E01009522").unwrap().value, 4.0);
}

#[test]
fn a_national_file_in_a_recipe_of_one_place_says_to_use_area() {
    let bundle = std::env::temp_dir().join(format!("needsmap-national-bad-{}.json", std::process::id()));
    let out = prepare(&["tests/fixtures/recipes/national-without-area.toml".as_ref(), "--out".as_ref(), bundle.as_ref()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    // The list is capped with its count (7,180 English wards of 2019 hold an LSOA, 18 of them
    // Coventry's), and the advice names the cause.
    assert!(err.contains("values for 7,162 areas not in layer ward (18 areas): E05000026, E05000027, E05000028 and 7,159 more"), "{err}");
    assert!(
        err.contains("the data covers more than the layer: for a national file, give the recipe an [area] and run prepare with --area"),
        "{err}"
    );
    assert!(err.lines().all(|l| l.len() < 400), "{err}");
}

#[test]
fn a_missing_file_is_named_by_the_path_that_was_opened() {
    let bundle = std::env::temp_dir().join(format!("needsmap-missing-{}.json", std::process::id()));
    let out = prepare(&["tests/fixtures/recipes/missing-table.toml".as_ref(), "--out".as_ref(), bundle.as_ref()]);
    let err = String::from_utf8_lossy(&out.stderr);
    let opened = common::shared().join("data/imd/no_such_file.csv");
    assert!(err.starts_with(&format!("{}: cannot be read", opened.display())), "{err}");
}

#[test]
fn with_postcodes_a_council_gets_its_postcode_index_and_services_per_10000() {
    // Without --postcodes the services and the two indicators counting them are left out, and
    // prepare says so.
    assert!(council("E08000026").indicator("gp_per_10k").is_none());
    assert!(report("E08000026").contains("2 services and the indicators counting them are left out"), "{}", report("E08000026"));
    let out = std::env::temp_dir().join(format!("needsmap-national-pc-{}.json", std::process::id()));
    let codepoint = common::shared().join("data/postcodes/codepoint_open_2025-10_cv.csv");
    let run = prepare(&[
        "data/england.toml".as_ref(),
        "--area".as_ref(),
        "E08000026".as_ref(),
        "--postcodes".as_ref(),
        codepoint.as_ref(),
        "--out".as_ref(),
        out.as_ref(),
    ]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let mut a = bundle::from_json(&std::fs::read_to_string(&out).unwrap()).unwrap();
    // As the Coventry recipe has them: 50 practices, 82 pharmacies, Foleshill 9 practices of
    // 24,383 residents, Coventry 50 of 379,387.
    let kinds: Vec<(&str, usize)> = a.services.iter().map(|k| (k.id.as_str(), k.points.len())).collect();
    assert_eq!(kinds, [("gp", 50), ("pharmacy", 82)]);
    assert_eq!(value(&a, "gp_per_10k", "E05001222").unwrap().value, 3.691);
    assert_eq!(a.indicator("gp_per_10k").unwrap().latest().unwrap().city.unwrap().value, 1.318);
    assert_eq!(a.postcodes.as_mut().unwrap().index().unwrap().len(), 6397);
}
