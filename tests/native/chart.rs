//! The profile chart (a spine chart), tested by what it draws: rendered natively to SVG from
//! the widget's profiles on Coventry's bundle. Literals from the ONS and MHCLG files: MSOA
//! E02001958's male healthy life expectancy (2009-13) is 59.555 years (58.328 to 60.782),
//! England's 63.493, the lowest of Coventry's 42 MSOAs 51.819 and the highest 69.23;
//! Foleshill's IMD score 44.58 is the highest of the 18 wards, England's 21.722.

use needs_map::draw::chart::{draw, height, mark, scale, Mark, ProfileRow};
use needs_map::widget::{settings::Change, Widget};
use plotters::prelude::*;

fn rows(indicator: &str, code: &str) -> Vec<ProfileRow> {
    let mut w = Widget::from_bundle(include_str!("../../data/coventry.json")).unwrap();
    w.set_view(vec![Change::Indicator(indicator.into())]).unwrap();
    let json = serde_json::to_string(&w.profile(code).unwrap()).unwrap();
    serde_json::from_str(&json).unwrap()
}

fn svg(rows: &[ProfileRow], width: u32) -> String {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (width, height(rows))).into_drawing_area();
        draw(&root, rows, "Area", "Coventry").unwrap();
    }
    out
}

#[test]
fn a_significantly_worse_msoa_is_a_red_square_left_of_englands_line() {
    let rows = rows("hle_male", "E02001958");
    let (i, r) = rows.iter().enumerate().find(|(_, r)| r.label == "Healthy life expectancy, males").unwrap();
    assert_eq!(i, 1);
    assert_eq!((r.value, r.england, r.min, r.max, r.comparison.as_str()), (Some(59.555), Some(63.493), Some(51.819), Some(69.23), "worse"));
    // At 720 wide the scale runs from 10 to 560, England's 63.493 at 285; the furthest figure
    // from it, the lowest MSOA's 51.819 (11.674 below), is at the left end, as lower is worse:
    // 59.555 is 285 - 275 x 3.938 / 11.674 = 192.2.
    let x = scale(r, 10, 560).unwrap();
    assert_eq!((x(63.493), x(51.819), x(59.555)), (285, 10, 192));
    // The key takes two lines at 720 wide (16 px more), so the second row's bar is at
    // 76 + 16 + 58 + 30 = 180: a red square 12 px about (192, 180).
    let drawn = svg(&rows, 720);
    assert!(
        drawn.contains(r##"<rect x="186" y="174" width="12" height="12" opacity="1" fill="#B2182B" stroke="none"/>"##),
        "{}",
        &drawn[..3000]
    );
    // The direction of worse is said once, above the rows.
    assert_eq!(drawn.matches("worse (lower, where neither is worse)").count(), 1);
}

#[test]
fn a_value_without_an_interval_is_an_open_circle_and_a_count_is_written_not_placed() {
    let rows = rows("imd_score", "E05001222");
    let r = rows.iter().find(|r| r.label == "IMD score").unwrap();
    assert_eq!((r.value, r.england, r.min, r.max), (Some(44.58), Some(21.722), Some(9.186), Some(44.58)));
    // Higher is worse: Foleshill, the most deprived, at the left end; not compared (no
    // interval), so an open circle, not a colour that would claim a test.
    assert_eq!(scale(r, 10, 560).unwrap()(44.58), 10);
    assert_eq!(mark(&r.comparison).0, Mark::Open);
    let drawn = svg(&rows, 720);
    // Foleshill's 24,383 residents are written, never on one scale with Coventry's 379,387.
    assert!(drawn.contains("24,383 people (a count)"));
    assert_eq!(mark("better"), (Mark::Circle, RGBColor(0x21, 0x66, 0xac)));
}
