//! Every indicator of the committed Coventry bundle, classed by needs-map and by PySAL
//! mapclassify 2.10.0 (recorded in tests/fixtures/mapclassify-2.10.json by
//! scripts/mapclassify-reference.py): the same breaks to 1e-9 and the same class for every area.

use needs_map::read::bundle;
use needs_map::style::classify::{breaks, custom, Method};
use serde_json::Value;

#[test]
fn classes_match_mapclassify_for_every_indicator_method_and_k() {
    let reference: Value = serde_json::from_str(include_str!("../fixtures/mapclassify-2.10.json")).unwrap();
    assert_eq!(reference["mapclassify"], "2.10.0");
    let atlas = bundle::from_json(include_str!("../../data/coventry.json")).unwrap();
    let mut runs = 0;
    for ind in &atlas.indicators {
        let rec = &reference["indicators"][&ind.id];
        assert!(rec.is_object(), "{} has no reference: re-run scripts/mapclassify-reference.py", ind.id);
        let codes: Vec<&str> = rec["codes"].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
        // The values come from the bundle, not the fixture: the fixture only says what mapclassify made of them.
        let values: Vec<f64> = codes.iter().map(|c| ind.value(c).unwrap()).collect();
        for run in rec["runs"].as_array().unwrap() {
            let k = run["k"].as_u64().unwrap() as usize;
            let method = run["method"].as_str().unwrap();
            let b = match method {
                "custom" => {
                    let user: Vec<f64> = run["user"].as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect();
                    custom(&values, &user).unwrap()
                }
                m => breaks(&values, k, Method::parse(m).unwrap()).unwrap(),
            };
            if let Some(e) = run["error"].as_str() {
                // mapclassify refuses more classes than distinct values; needs-map gives one
                // class per distinct value instead.
                let mut distinct = values.clone();
                distinct.sort_by(f64::total_cmp);
                distinct.dedup();
                assert!(e.starts_with(&format!("Fewer unique values ({})", distinct.len())), "{e}");
                assert_eq!(b.upper, distinct, "{} {method} k={k}", ind.id);
                continue;
            }
            let want: Vec<f64> = run["bins"].as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect();
            assert_eq!(b.upper.len(), want.len(), "{} {method} k={k}: {:?} against {want:?}", ind.id, b.upper);
            for (got, want) in b.upper.iter().zip(&want) {
                assert!((got - want).abs() < 1e-9, "{} {method} k={k}: {:?} against {want:?}", ind.id, b.upper);
            }
            let yb: Vec<usize> = run["yb"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap() as usize).collect();
            let classes: Vec<usize> = values.iter().map(|&v| b.class_of(v)).collect();
            assert_eq!(classes, yb, "{} {method} k={k}", ind.id);
            runs += 1;
        }
    }
    // 11 indicators x (7 k x 3 methods + 1 custom)
    assert!(runs >= 11 * 22, "{runs} runs");
}

#[test]
fn jenks_on_ward_imd_scores() {
    // mapclassify 2.10.0: FisherJenks(ward IMD scores, k=5).bins; Foleshill (44.58) alone at the top.
    let atlas = bundle::from_json(include_str!("../../data/coventry.json")).unwrap();
    let imd = atlas.indicator("imd_score").unwrap();
    let values: Vec<f64> = imd.series.last().unwrap().values.values().map(|e| e.value).collect();
    let b = breaks(&values, 5, Method::Jenks).unwrap();
    assert_eq!(b.upper, vec![9.44, 19.668, 29.99, 36.773, 44.58]);
}
