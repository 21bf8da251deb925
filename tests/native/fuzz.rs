//! A bounded property test of the readers (`make test` runs it; `fuzz/` has the
//! coverage-guided cargo-fuzz targets for longer runs). Real files are mutated with a
//! seeded generator (bytes flipped, cut short, slices repeated or dropped, JSON and CSV
//! tokens inserted); every reader must return, never panic, and every problem must name
//! its file; the one-pass GeoJSON reader must never read what the general one refuses.

mod common;
use needs_map::read::load::{read_boundaries, BoundaryOptions, Limits};
use needs_map::read::{bundle, datafile, table::Table};

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const TOKENS: [&str; 14] = ["[", "]", "{", "}", "\"", ",", ":", "-", "1e999", "NaN", "null", "\r\n", "\u{feff}", "\"1,2,3\""];

fn mutate(seed: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut v = seed.to_vec();
    for _ in 0..1 + rng.below(4) {
        if v.is_empty() {
            break;
        }
        let at = rng.below(v.len());
        match rng.below(5) {
            0 => v[at] = rng.next() as u8,
            1 => v.truncate(at),
            2 => {
                let end = (at + rng.below(64)).min(v.len());
                let slice = v[at..end].to_vec();
                v.splice(at..at, slice);
            }
            3 => {
                let end = (at + rng.below(64)).min(v.len());
                v.drain(at..end);
            }
            _ => {
                let t = TOKENS[rng.below(TOKENS.len())].as_bytes().to_vec();
                v.splice(at..at, t);
            }
        }
    }
    v
}

fn seeds(paths: &[&str]) -> Vec<Vec<u8>> {
    paths
        .iter()
        .map(|p| std::fs::read(if p.starts_with("tests/") { common::repo().join(p) } else { common::shared().join(p) }).unwrap())
        .collect()
}

const RUNS: usize = 300;

#[test]
fn boundary_reader_survives_mutated_geojson_and_topojson() {
    let mut rng = Rng(0x5eed_0001);
    let o = BoundaryOptions { file: "mutant", layer_id: "l", label: "L", noun: "areas", code_field: "WD25CD", name_field: "WD25NM" };
    let limits = Limits { max_bytes: 1 << 20, max_areas: 1000, max_vertices: 100_000 };
    for seed in seeds(&[
        "data/boundaries/coventry/geolookups_wards2025_E08000026.geojson",
        "data/boundaries/coventry/ukgeojson_wards2013_E08000026.topojson",
        "tests/fixtures/broken/bng-with-hole.geojson",
    ]) {
        for _ in 0..RUNS {
            let m = mutate(&seed, &mut rng);
            let text = String::from_utf8_lossy(&m);
            let (layer, report, _) = read_boundaries(&text, &o, &limits);
            assert!(report.problems.iter().all(|p| p.file == "mutant" && !p.message.is_empty()));
            assert!(layer.areas.len() <= 1000);
            // The one-pass reader reads only what the general one would read without error
            // (the browser's build draws self-crossing rings, so those are not refusals), and
            // reads it the same.
            let whole = needs_map::read::scan::read(&text, o.code_field, o.name_field);
            // Fed in pieces, as a download arrives, it reads the same.
            let mut stream = needs_map::read::scan::Stream::new(o.code_field, o.name_field, text.len());
            for end in (37..text.len()).step_by(37) {
                stream.feed(&text.as_bytes()[..end]);
            }
            let pieces = stream.finish(text.as_bytes());
            assert_eq!(pieces.map(|p| p.codes), whole.as_ref().map(|p| p.codes.clone()));
            if let Some(fast) = whole {
                let (layer, report) = needs_map::read::load::read_geojson(&text, &o);
                let refused = report.errors().find(|e| !e.message.contains("crosses itself"));
                assert!(refused.is_none(), "read in one pass, but {refused:?}");
                if report.problems.is_empty() {
                    assert_eq!(fast.codes, layer.areas.iter().map(|a| a.code.clone()).collect::<Vec<_>>());
                    assert_eq!(
                        fast.mesh.points(),
                        layer.areas.iter().flat_map(|a| a.geometry.iter().flatten()).map(|r| r.len()).sum::<usize>()
                    );
                }
            }
        }
    }
}

#[test]
fn csv_readers_survive_mutated_official_files() {
    let mut rng = Rng(0x5eed_0002);
    for seed in seeds(&[
        "data/imd/coventry_File_1_IMD2019_E08000026.csv",
        "data/health/coventry_ons_HLE_2009-13_MSOA11_males_E08000026.csv",
        "tests/fixtures/data/hle-male-fingertips.csv",
        "tests/fixtures/data/hle-male-tidy.csv",
    ]) {
        for _ in 0..RUNS {
            let m = mutate(&seed, &mut rng);
            if let Ok(t) = Table::parse(&m, "mutant.csv") {
                let (_, report) = datafile::read(&t);
                assert!(report.problems.iter().all(|p| p.file == "mutant.csv"));
                for r in 0..t.rows.len().min(50) {
                    for c in 0..t.headers.len() {
                        let _ = t.number(r, c);
                    }
                }
            }
        }
    }
}

#[test]
fn bundle_reader_survives_mutated_bundles() {
    let mut rng = Rng(0x5eed_0003);
    for seed in seeds(&["tests/fixtures/hole_and_enclave.json", "tests/fixtures/hostile-names.json"])
        .into_iter()
        .chain([std::fs::read(common::repo().join("data/coventry.json")).unwrap()])
    {
        for _ in 0..RUNS {
            let m = mutate(&seed, &mut rng);
            if let Ok(atlas) = bundle::from_json(&String::from_utf8_lossy(&m)) {
                // Whatever reads must also draw without panicking.
                for ind in &atlas.indicators {
                    let _ = needs_map::scene::Scene::build(&atlas, &ind.id, &needs_map::scene::View::new(200.0, 150.0), None);
                }
                for l in &atlas.layers {
                    let _ = needs_map::scene::Scene::boundaries(&atlas, &l.id, &needs_map::scene::View::new(200.0, 150.0), None);
                    let _ = needs_map::place::neighbours::neighbours(l);
                }
            }
        }
    }
}

#[test]
fn arithmetic_edges_in_bundles_are_errors_not_panics() {
    let base = std::fs::read_to_string(common::repo().join("tests/fixtures/hole_and_enclave.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&base).unwrap();
    let with = |path: &str, new: serde_json::Value| {
        let mut v = v.clone();
        *v.pointer_mut(path).unwrap() = new;
        v.to_string()
    };
    // Delta decoding that overflows i64; an arc reference of i64::MIN (whose ~i overflows).
    let overflow = with("/layers/0/arcs/0", serde_json::json!([i64::MAX, 0, 1, 0, 0, 1, -1, 0]));
    let min_ref = with("/layers/0/areas/0/polygons/0/0", serde_json::json!([i64::MIN]));
    for text in [overflow, min_ref] {
        let r = std::panic::catch_unwind(|| bundle::from_json(&text).map(|_| ()));
        let r = r.expect("reading must not panic");
        assert!(r.is_err(), "{text}");
    }
}
