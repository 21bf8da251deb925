//! "Areas like this" against numpy: tests/fixtures/similar-reference.json, recorded by
//! scripts/similar-reference.py from data/coventry.json (never by the code under test). Every
//! area of both layers: the same five, in the same order, at the same distances to 1e-9.

use needs_map::derive::similar::similar;
use needs_map::read::bundle;

#[test]
fn every_areas_five_alike_are_numpys() {
    let atlas = bundle::figures_of(include_str!("../../data/coventry.json")).unwrap();
    let reference: serde_json::Value = serde_json::from_str(include_str!("../fixtures/similar-reference.json")).unwrap();
    let mut checked = 0;
    for (layer, rec) in reference["layers"].as_object().unwrap() {
        let over = rec["indicators"].as_array().unwrap().len();
        for (code, expected) in rec["similar"].as_object().unwrap() {
            let (alike, n) = similar(&atlas, code, 5).unwrap();
            assert_eq!(n, over, "{layer} {code}");
            let expected = expected.as_array().unwrap();
            assert_eq!(alike.len(), expected.len());
            for (a, e) in alike.iter().zip(expected) {
                assert_eq!(a.code, e[0].as_str().unwrap(), "{layer} {code}");
                assert!((a.distance - e[1].as_f64().unwrap()).abs() < 1e-9, "{layer} {code}: {} against {}", a.distance, e[1]);
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 18 + 42);
    // Foleshill's: Binley and Willenhall, Radford, Longford, Henley, St Michael's.
    let (alike, _) = similar(&atlas, "E05001222", 5).unwrap();
    let names: Vec<&str> = alike.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["Binley and Willenhall", "Radford", "Longford", "Henley", "St Michael's"]);
}
