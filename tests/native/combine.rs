//! Areas of one's own (`derive::combine`) on Coventry's bundle. The literals are from the
//! official files, worked by hand (scripts-free: sums of the LSOA rows named): Foleshill and
//! Radford wards hold 23 LSOAs by the ONS best-fit lookup; their IMD 2019 scores weighted by
//! mid-2015 population (File 7) give 38.934; 9 of the 23 are in decile 1 (File 1); their
//! mid-2020 population is 47,521 (24,383 + 23,138) and mid-2015's 42,840.

use needs_map::derive::combine::{combine, CombinedArea, CombinedFigure};
use needs_map::read::bundle;

fn coventry() -> needs_map::model::atlas::Atlas {
    bundle::from_json(include_str!("../../data/coventry.json")).unwrap()
}

fn fig<'a>(a: &'a CombinedArea, id: &str) -> &'a CombinedFigure {
    a.indicators.iter().find(|f| f.id == id).unwrap()
}

fn codes(c: &[&str]) -> Vec<String> {
    c.iter().map(|s| s.to_string()).collect()
}

#[test]
fn foleshill_and_radford_add_up_by_each_indicators_rule() {
    let a = combine(&coventry(), "Foleshill and Radford", &codes(&["E05001222", "E05001227"])).unwrap();
    assert_eq!((a.name.as_str(), a.layer.as_str(), a.codes.len()), ("Foleshill and Radford", "ward", 2));
    assert_eq!(a.population, Some(47_521.0));

    // A weighted mean has no interval: only higher or lower.
    let imd = fig(&a, "imd_score");
    assert_eq!((imd.value, imd.lower, imd.upper), (Some(38.934), None, None));
    assert_eq!(imd.comparison.england.as_deref(), Some("higher than England")); // 21.722
    assert_eq!(imd.comparison.city.as_deref(), Some("higher than Coventry")); // 25.613

    // A share of counts: 9 of 23 LSOAs, with its Wilson interval, tested by it.
    let d1 = fig(&a, "imd_decile1_share");
    assert_eq!((d1.value, d1.lower, d1.upper), (Some(39.13), Some(22.158), Some(59.214)));
    assert_eq!(d1.comparison.england.as_deref(), Some("significantly worse than England")); // 10
    assert_eq!(d1.comparison.city.as_deref(), Some("significantly worse than Coventry")); // 14.359

    // Counts add; growth is the growth of the sums; a rate per head is a ratio of sums.
    assert_eq!(fig(&a, "population").value, Some(47_521.0));
    assert_eq!(fig(&a, "growth_2015_2020").value, Some(10.927)); // 47,521 / 42,840
    let gp = fig(&a, "gp_per_10k"); // 12 practices per 47,521 residents
    assert_eq!((gp.value, gp.lower), (Some(2.525), None));
    assert_eq!(gp.comparison.city.as_deref(), Some("higher than Coventry")); // 1.318
                                                                             // Only the ward layer's indicators.
    assert!(a.indicators.iter().all(|f| !f.id.starts_with("hle")));
}

#[test]
fn healthy_life_expectancy_of_two_msoas_does_not_combine_and_says_why() {
    let a = combine(&coventry(), "Two MSOAs", &codes(&["E02001958", "E02001959"])).unwrap();
    assert_eq!(a.layer, "msoa");
    let hle = fig(&a, "hle_male");
    assert_eq!(hle.value, None);
    assert_eq!(
        hle.note.as_deref(),
        Some("does not combine: healthy life expectancy is calculated from deaths, population and self-reported health by age, which the source does not give: the figures of two areas cannot be averaged into the figure of both")
    );
    assert!(fig(&a, "le_female").note.as_deref().unwrap().starts_with("does not combine: life expectancy is calculated"));
    // The MSOA layer has no count of people.
    assert_eq!(a.population, None);
}

#[test]
fn bad_areas_are_refused_with_what_to_do() {
    let atlas = coventry();
    let e = combine(&atlas, "X", &codes(&["E05001222", "E99999999"])).unwrap_err();
    assert_eq!(e, "\"E99999999\" is not one of the wards of this map: an area of your own is made of areas of one layer");
    let e = combine(&atlas, "X", &codes(&["E05001222", "E02001958"])).unwrap_err();
    assert!(e.starts_with("\"E02001958\" is not one of the wards"), "{e}");
    assert_eq!(combine(&atlas, "  ", &codes(&["E05001222"])).unwrap_err(), "an area of your own needs a name: give one");
    assert_eq!(combine(&atlas, "Y", &[]).unwrap_err(), "\"Y\" has no areas: give the codes of the areas it is made of");
    // The same code twice is one area.
    assert_eq!(combine(&atlas, "Z", &codes(&["E05001222", "E05001222"])).unwrap().codes, ["E05001222"]);
}

#[test]
fn the_bundle_carries_each_indicators_rule_and_a_bad_one_is_named() {
    let atlas = coventry();
    let rule = |id: &str| serde_json::to_string(&atlas.indicator(id).unwrap().combine).unwrap();
    assert_eq!(rule("imd_score"), r#"{"rule":"weighted_mean","weight":"Total population: mid 2015 (excluding prisoners)"}"#);
    assert_eq!(rule("imd_decile1_share"), r#"{"rule":"ratio","per":100.0,"proportion":true}"#);
    assert_eq!(rule("gp_per_10k"), r#"{"rule":"ratio","per":10000.0,"proportion":false}"#);
    assert_eq!(rule("population"), r#"{"rule":"sum"}"#);
    // Foleshill's parts: the weighted sum and the weight of its 12 LSOAs; 7 of 12 in decile 1.
    let parts = |id: &str| atlas.indicator(id).unwrap().latest().unwrap().parts["E05001222"];
    assert_eq!(parts("imd_score"), [961_682.053, 21_572.0]);
    assert_eq!(parts("imd_decile1_share"), [7.0, 12.0]);
    let text = include_str!("../../data/coventry.json").replacen(r#""rule":"sum""#, r#""rule":"median""#, 1);
    let e = bundle::from_json(&text).unwrap_err().to_string();
    assert!(e.contains("indicator 10 (\"population\"), combine: \"rule\" is not weighted_mean, ratio, sum, growth or none"), "{e}");
}
