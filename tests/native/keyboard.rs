//! Keyboard moves follow the map: neighbours come from shared borders (checked against
//! shapely's intersection of the official ward boundaries) and arrows go that way.

mod common;
use needs_map::place::neighbours::{neighbours, step, Direction};
use needs_map::read::bundle;
use needs_map::scene::{Scene, View};

#[test]
fn ward_neighbours_are_the_wards_sharing_a_border() {
    let atlas = bundle::from_json(&std::fs::read_to_string(common::repo().join("data/coventry.json")).unwrap()).unwrap();
    let layer = atlas.layer("ward").unwrap();
    let nb = neighbours(layer);
    let names = |name: &str| -> Vec<String> {
        let i = layer.areas.iter().position(|a| a.name == name).unwrap();
        let mut v: Vec<String> = nb[i].iter().map(|&j| layer.areas[j].name.clone()).collect();
        v.sort();
        v
    };
    // shapely: wards whose intersection with the ward has positive length.
    assert_eq!(names("Foleshill"), ["Holbrook", "Longford", "Radford", "St Michael's", "Upper Stoke"]);
    assert_eq!(names("Earlsdon"), ["Cheylesmore", "St Michael's", "Wainbody", "Westwood", "Whoberley"]);
    assert_eq!(names("St Michael's"), ["Cheylesmore", "Earlsdon", "Foleshill", "Lower Stoke", "Radford", "Sherbourne", "Upper Stoke"]);
}

#[test]
fn arrow_keys_step_to_the_neighbour_that_way() {
    let atlas = bundle::from_json(&std::fs::read_to_string(common::repo().join("data/coventry.json")).unwrap()).unwrap();
    let layer = atlas.layer("ward").unwrap();
    let nb = neighbours(layer);
    let scene = Scene::build(&atlas, "imd_score", &View::new(800.0, 600.0), None).unwrap();
    let at = |name: &str| scene.shapes.iter().position(|s| s.name == name).unwrap();
    let go = |from: &str, d: Direction| step(&scene.shapes, &nb, at(from), d).map(|i| scene.shapes[i].name.clone());
    // St Michael's (the city centre) lies south of Foleshill. North of it, Holbrook and
    // Longford lie at almost the same angle (33 and 32.5 degrees off vertical on the map):
    // either is right, never a ward to the side.
    assert_eq!(go("Foleshill", Direction::Down).as_deref(), Some("St Michael's"));
    assert!(matches!(go("Foleshill", Direction::Up).as_deref(), Some("Holbrook" | "Longford")));
    assert_eq!(go("St Michael's", Direction::Up).as_deref(), Some("Foleshill"));
    // Cheylesmore lies east of Earlsdon, Wainbody south of it.
    assert_eq!(go("Earlsdon", Direction::Right).as_deref(), Some("Cheylesmore"));
    assert_eq!(go("Earlsdon", Direction::Down).as_deref(), Some("Wainbody"));
}
