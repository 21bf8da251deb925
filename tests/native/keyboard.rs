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

/// The moves by meaning (`n`, `b`, `]`) over the table's rows of male healthy life expectancy
/// by MSOA (ONS, 2009-13): the lowest, Coventry 039 (E02001996, 51.8 years), then Coventry 015
/// (E02001972, 52.9) and Coventry 007 (E02001964, 53.4), all significantly worse than England;
/// the highest, Coventry 040 (E02001997, 69.2), then Coventry 010 (E02001967, 68.6), better.
#[test]
fn n_b_and_brackets_move_by_comparison_and_rank() {
    use needs_map::place::order::{next, Row, Step};
    use needs_map::widget::settings::Change;
    let mut w = needs_map::widget::Widget::from_bundle(include_str!("../../data/coventry.json")).unwrap();
    w.set_view(vec![Change::Indicator("hle_male".into())]).unwrap();
    let rows: Vec<Row> = serde_json::from_str(&serde_json::to_string(&w.table().rows).unwrap()).unwrap();
    let go = |from: Option<&str>, step, back| next(&rows, from, step, back);
    assert_eq!(go(None, Step::Worse, false).as_deref(), Some("E02001996"));
    assert_eq!(go(Some("E02001996"), Step::Worse, false).as_deref(), Some("E02001972"));
    assert_eq!(go(Some("E02001972"), Step::Worse, false).as_deref(), Some("E02001964"));
    assert_eq!(go(Some("E02001972"), Step::Worse, true).as_deref(), Some("E02001996"));
    assert_eq!(go(None, Step::Better, false).as_deref(), Some("E02001997"));
    assert_eq!(go(Some("E02001997"), Step::Better, false).as_deref(), Some("E02001967"));
    // By rank from the worst: the next is the second worst, whatever its comparison.
    assert_eq!(go(Some("E02001996"), Step::Rank, false).as_deref(), Some("E02001972"));
    // IMD scores have no intervals: nothing is significantly worse.
    w.set_view(vec![Change::Indicator("imd_score".into())]).unwrap();
    let rows: Vec<Row> = serde_json::from_str(&serde_json::to_string(&w.table().rows).unwrap()).unwrap();
    assert_eq!(next(&rows, None, Step::Worse, false), None);
}
