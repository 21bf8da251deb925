//! The map in words (issue 21, item 1), on Coventry's bundle: the literal sentences a screen
//! reader hears. Values from the official files: Earlsdon's IMD score 9.19 and Foleshill's
//! 44.58; the highest class's four wards (Binley and Willenhall, Foleshill, Henley, Longford)
//! have their mid-2020-population-weighted centre east of the middle of the city (21 degrees
//! north of east by the official file's LONG/LAT population centroids: within "east", the
//! sector from 22.5 degrees south to 22.5 north of it). ONS's flags on male healthy life
//! expectancy by MSOA (2009-13), reproduced at 90%: 23 lower than England ("**"), 11 higher
//! ("*"), 8 not flagged.

use needs_map::widget::settings::{Change, Classification};
use needs_map::widget::Widget;

fn coventry() -> Widget {
    let mut w = Widget::from_bundle(include_str!("../../data/coventry.json")).unwrap();
    w.resize(960.0, 720.0, 1.0).unwrap();
    w
}

#[test]
fn the_imd_map_in_words() {
    assert_eq!(
        coventry().summary(),
        "IMD score (2019), by ward: 18 wards of Coventry. Values range from 9.19 in Earlsdon to 44.58 in Foleshill. The highest class, over 34.44 to 44.58 (4 wards), lies mostly in the east of Coventry."
    );
}

#[test]
fn male_healthy_life_expectancy_in_benchmark_mode_in_words() {
    let mut w = coventry();
    w.set_view(vec![Change::Indicator("hle_male".into()), Change::Classification(Classification::Benchmark)]).unwrap();
    assert_eq!(
        w.summary(),
        "Healthy life expectancy, males (2009–13), by MSOA: 42 MSOAs of Coventry. Values range from 51.8 years in Coventry 039 to 69.2 years in Coventry 040. At the 90% level, 23 MSOAs are significantly worse than England, 11 better and 8 not significantly different."
    );
}

#[test]
fn areas_without_data_are_named() {
    // Every Coventry figure covers its layer, so: a page's own figures for two wards only.
    let mut w = coventry();
    w.add_figures("two wards", "Two wards", "neutral", &["E05001222", "E05001221"], &[1.0, 2.0]).unwrap();
    w.set_view(vec![Change::Indicator("two wards".into())]).unwrap();
    let s = w.summary();
    assert!(s.ends_with(" 16 have no data: Bablake, Binley and Willenhall, Cheylesmore, Henley, Holbrook, Longford, Lower Stoke, Radford, St Michael's, Sherbourne, Upper Stoke, Wainbody, Westwood, Whoberley, Woodlands, Wyken."), "{s}");
}
