//! Postcodes: normalising what people type, and a compact index of the map's postcodes
//! carried in the bundle, so a resident's postcode never leaves the page.
//!
//! The index groups postcodes by sector ("CV1 1"). For each sector it holds a string of
//! entries: the unit's two letters, then one character per layer naming the area (an index
//! into the layer's areas in [`ALPHABET`], `~` for none). Live postcodes map to the areas they
//! are in, terminated ones to where they were; postcodes of the same postcode area outside the
//! map are kept as units alone, so "outside this map's area" is told from "not a postcode".

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Area indices 0..4095 as two characters of this alphabet (64 × 64).
pub const ALPHABET: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
/// Characters per area index in an entry.
pub const WIDTH: usize = 2;
const NONE: u8 = b'~';

/// A postcode in its usual form ("CV2 2DX") from what someone typed ("cv22dx", " CV2  2DX "),
/// or `None` when it cannot be a UK postcode.
///
/// ```
/// use needs_map::derive::postcode::normalise;
/// assert_eq!(normalise("cv22dx").as_deref(), Some("CV2 2DX"));
/// assert_eq!(normalise("  CV2  2DX ").as_deref(), Some("CV2 2DX"));
/// assert_eq!(normalise("SW1A 1AA").as_deref(), Some("SW1A 1AA"));
/// assert_eq!(normalise("Foleshill"), None);
/// assert_eq!(normalise("CV2 2D"), None);
/// ```
pub fn normalise(text: &str) -> Option<String> {
    let s: String = text.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase();
    if !(5..=7).contains(&s.len()) || !s.is_ascii() {
        return None;
    }
    let (out, inw) = s.split_at(s.len() - 3);
    let b = inw.as_bytes();
    if !(b[0].is_ascii_digit() && b[1].is_ascii_alphabetic() && b[2].is_ascii_alphabetic()) {
        return None;
    }
    // Outward codes: A9, A99, AA9, AA99, A9A, AA9A.
    let o = out.as_bytes();
    let ok = match o.len() {
        2 => o[0].is_ascii_alphabetic() && o[1].is_ascii_digit(),
        3 => {
            o[0].is_ascii_alphabetic()
                && (o[1].is_ascii_digit() || o[1].is_ascii_alphabetic())
                && o[2].is_ascii_alphanumeric()
                && (o[1].is_ascii_digit() || o[2].is_ascii_digit())
        }
        4 => o[0].is_ascii_alphabetic() && o[1].is_ascii_alphabetic() && o[2].is_ascii_digit() && o[3].is_ascii_alphanumeric(),
        _ => false,
    };
    ok.then(|| format!("{out} {inw}"))
}

/// A map's postcode index: read, or still the JSON text its bundle carried, read on first
/// use (the first frame needs none; the browser reads it in the module loaded for the search).
#[derive(Debug, Clone, PartialEq)]
pub enum Postcodes {
    Index(PostcodeIndex),
    Text(String),
}

impl Postcodes {
    /// The index as JSON text.
    pub fn text(&self) -> Option<String> {
        match self {
            Postcodes::Text(t) => Some(t.clone()),
            Postcodes::Index(ix) => serde_json::to_string(ix).ok(),
        }
    }

    /// The index, read now if it was still text.
    ///
    /// ```
    /// use needs_map::derive::postcode::{Postcodes, Status};
    /// let mut p = Postcodes::Text(r#"{"layers":["ward"],"live":{"CV2 2":"DX05"},"terminated":{},"outside":{}}"#.into());
    /// assert_eq!(p.index().unwrap().lookup("cv2 2dx", "ward"), ("CV2 2DX".into(), Status::Live, Some(5)));
    /// ```
    pub fn index(&mut self) -> Result<&PostcodeIndex, String> {
        if let Postcodes::Text(t) = self {
            let ix = serde_json::from_str(t)
                .map_err(|e| format!("the bundle's postcode index cannot be read ({e}); re-run `needsmap prepare`"))?;
            *self = Postcodes::Index(ix);
        }
        match self {
            Postcodes::Index(ix) => Ok(ix),
            Postcodes::Text(_) => unreachable!("read above"),
        }
    }
}

impl Serialize for Postcodes {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Postcodes::Index(ix) => ix.serialize(s),
            // The text as it came (the command line writes bundles; the widget never does).
            #[cfg(feature = "cli")]
            Postcodes::Text(t) => serde_json::value::RawValue::from_string(t.clone()).map_err(serde::ser::Error::custom)?.serialize(s),
            #[cfg(not(feature = "cli"))]
            Postcodes::Text(t) => serde_json::from_str::<serde_json::Value>(t).map_err(serde::ser::Error::custom)?.serialize(s),
        }
    }
}

/// The bundle's postcode index.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PostcodeIndex {
    /// Layer ids, in the order of the area characters of each entry.
    pub layers: Vec<String>,
    /// Sector ("CV1 1") -> entries of live postcodes.
    pub live: BTreeMap<String, String>,
    /// Sector -> entries of postcodes terminated since the older release.
    pub terminated: BTreeMap<String, String>,
    /// Sector -> units (two letters each) of live postcodes outside the map's area.
    pub outside: BTreeMap<String, String>,
}

/// What a postcode lookup found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Live,
    Terminated,
    Outside,
    Unknown,
    Invalid,
}

impl Status {
    /// The status named as it is serialised ("live", "terminated" ...).
    pub fn named(s: &str) -> Option<Status> {
        [Status::Live, Status::Terminated, Status::Outside, Status::Unknown, Status::Invalid].into_iter().find(|x| x.name() == s)
    }
    pub fn name(&self) -> &'static str {
        match self {
            Status::Live => "live",
            Status::Terminated => "terminated",
            Status::Outside => "outside",
            Status::Unknown => "unknown",
            Status::Invalid => "invalid",
        }
    }
}

impl PostcodeIndex {
    /// Adds a postcode ("CV1 1AH") with its area index in each layer.
    pub fn add(&mut self, which: Status, postcode: &str, areas: &[Option<usize>]) {
        let (sector, unit) = postcode.split_at(postcode.len() - 2);
        let map = match which {
            Status::Live => &mut self.live,
            Status::Terminated => &mut self.terminated,
            Status::Outside => {
                self.outside.entry(sector.to_string()).or_default().push_str(unit);
                return;
            }
            _ => return,
        };
        let e = map.entry(sector.to_string()).or_default();
        e.push_str(unit);
        for a in areas {
            match a {
                Some(i) if *i < 64 * 64 => {
                    e.push(ALPHABET[i / 64] as char);
                    e.push(ALPHABET[i % 64] as char);
                }
                _ => {
                    e.push(NONE as char);
                    e.push(NONE as char);
                }
            }
        }
    }

    /// Looks a postcode up: its normal form, status, and its area index in `layer` (for live
    /// and terminated postcodes).
    ///
    /// ```
    /// use needs_map::derive::postcode::{PostcodeIndex, Status};
    /// let mut ix = PostcodeIndex { layers: vec!["ward".into()], ..Default::default() };
    /// ix.add(Status::Live, "CV2 2DX", &[Some(5)]);
    /// ix.add(Status::Outside, "CV3 4AD", &[]);
    /// assert_eq!(ix.lookup("cv22dx", "ward"), ("CV2 2DX".to_string(), Status::Live, Some(5)));
    /// assert_eq!(ix.lookup("CV3 4AD", "ward").1, Status::Outside);
    /// assert_eq!(ix.lookup("CV1 1AA", "ward").1, Status::Unknown);
    /// assert_eq!(ix.lookup("hello", "ward").1, Status::Invalid);
    /// ```
    pub fn lookup(&self, text: &str, layer: &str) -> (String, Status, Option<usize>) {
        let Some(pc) = normalise(text) else { return (text.trim().to_string(), Status::Invalid, None) };
        let (sector, unit) = pc.split_at(pc.len() - 2);
        let li = self.layers.iter().position(|l| l == layer);
        let step = 2 + WIDTH * self.layers.len();
        for (map, status) in [(&self.live, Status::Live), (&self.terminated, Status::Terminated)] {
            if let Some(entries) = map.get(sector) {
                for e in entries.as_bytes().chunks(step) {
                    if e.len() == step && &e[..2] == unit.as_bytes() {
                        let area = li.and_then(|l| decode(&e[2 + WIDTH * l..2 + WIDTH * (l + 1)]));
                        return (pc, status, area);
                    }
                }
            }
        }
        if self.outside.get(sector).is_some_and(|u| u.as_bytes().chunks(2).any(|c| c == unit.as_bytes())) {
            return (pc, Status::Outside, None);
        }
        (pc, Status::Unknown, None)
    }

    pub fn len(&self) -> usize {
        let step = 2 + WIDTH * self.layers.len();
        self.live.values().map(|e| e.len() / step).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.live.is_empty()
    }
}

fn decode(c: &[u8]) -> Option<usize> {
    if c[0] == NONE {
        return None;
    }
    let v = |b: u8| ALPHABET.iter().position(|&a| a == b);
    Some(v(c[0])? * 64 + v(c[1])?)
}

/// The answer a person reads, for a lookup's status ("CV2 2DX is in Henley.").
///
/// ```
/// use needs_map::derive::postcode::{answer, Status};
/// assert_eq!(answer("CV1 1EA", Status::Terminated, Some("St Michael's")), "CV1 1EA is no longer in use; it was in St Michael's.");
/// assert_eq!(answer("CV3 4AD", Status::Outside, None), "CV3 4AD is outside this map's area.");
/// ```
pub fn answer(postcode: &str, status: Status, area: Option<&str>) -> String {
    answer_with(postcode, status, area, true)
}

/// [`answer`], for a map that may have no postcode index (`indexed` false): then a postcode
/// is not "not in use", the map just cannot place it.
///
/// ```
/// use needs_map::derive::postcode::{answer_with, Status};
/// assert_eq!(answer_with("CV2 2DX", Status::Unknown, None, false), "CV2 2DX: this map has no postcode index. Search for an area by name.");
/// ```
pub fn answer_with(postcode: &str, status: Status, area: Option<&str>, indexed: bool) -> String {
    match (status, area) {
        (Status::Unknown, _) if !indexed => format!("{postcode}: this map has no postcode index. Search for an area by name."),
        (Status::Live, Some(a)) => format!("{postcode} is in {a}."),
        (Status::Terminated, Some(a)) => format!("{postcode} is no longer in use; it was in {a}."),
        (Status::Terminated, None) => format!("{postcode} is no longer in use."),
        (Status::Outside, _) => format!("{postcode} is outside this map's area."),
        (Status::Unknown, _) | (Status::Live, None) => {
            format!("{postcode} is not a postcode in use. Check it, or search for an area by name.")
        }
        (Status::Invalid, _) => format!("\u{201c}{postcode}\u{201d} is not a postcode or the name of an area on this map."),
    }
}
