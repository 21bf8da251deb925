//! Which properties of a boundary file hold each area's code and name, found by their
//! values: a council's own file may call them `CODE` and `NAME`, `WD25CD` and `WD25NM`, or
//! anything else, and beside them carry the codes of the council, the combined authority
//! and the region, which repeat.
//!
//! A code is an ONS (GSS) code, `E05001218`: a letter of the four nations (or `K`) and eight
//! digits, one per feature. A name is text (not a code or a GUID), and a property called
//! `..NM` or `..NAME` is preferred among texts that qualify. When no property is a clear
//! choice, the message lists the candidates with an example value each.

use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// What each property holds over the features.
#[derive(Debug, Default)]
struct Seen {
    present: usize,
    distinct: BTreeSet<String>,
    gss: usize,
    text: usize,
    example: Option<String>,
}

/// Whether a value is an ONS (GSS) code: `E05001218`.
///
/// ```
/// use needs_map::read::fields::is_gss;
/// assert!(is_gss("E05001218") && is_gss("W02000001") && !is_gss("E0500121") && !is_gss("Foleshill"));
/// ```
pub fn is_gss(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 9 && matches!(b[0], b'E' | b'W' | b'S' | b'N' | b'K') && b[1..].iter().all(u8::is_ascii_digit)
}

/// Text that reads as a name: two letters or more, not an ONS code and not a GUID
/// (`3c5e68b9-ee74-494b-bfb1-f8af432f3c67`: unique text, but an identifier).
fn is_name_like(s: &str) -> bool {
    let guid = s.len() == 36 && s.split('-').map(str::len).eq([8, 4, 4, 4, 12]) && s.chars().all(|c| c == '-' || c.is_ascii_hexdigit());
    s.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !is_gss(s) && !guid
}

fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        // Numbers are never codes or names; whole ones are shown as examples as they are.
        Value::Number(n) => Some(n.as_i64().map_or_else(|| "a number".into(), |i| i.to_string())),
        _ => None,
    }
}

/// The code and name properties of features with these properties, or a message that says
/// why none is a clear choice and lists the candidates (with an example value each).
///
/// ```
/// use needs_map::read::fields::find;
/// use serde_json::json;
/// let p = |c: &str, n: &str, la: &str| json!({"CAUTHCD": "E47000007", "LAD25CD": la, "WD25CD": c, "WD25NM": n});
/// let features = [p("E05001218", "Bablake", "E08000026"), p("E05001219", "Binley and Willenhall", "E08000026")];
/// let props: Vec<_> = features.iter().map(|v| v.as_object().unwrap()).collect();
/// assert_eq!(find(&props), Ok(("WD25CD".to_string(), "WD25NM".to_string())));
/// ```
pub fn find(props: &[&Map<String, Value>]) -> Result<(String, String), String> {
    let n = props.len();
    let mut seen: BTreeMap<&str, Seen> = BTreeMap::new();
    for p in props {
        for (k, v) in p.iter() {
            let s = seen.entry(k.as_str()).or_default();
            let Some(t) = text_of(v) else { continue };
            s.present += 1;
            s.gss += usize::from(is_gss(&t));
            s.text += usize::from(v.is_string() && is_name_like(&t));
            s.example.get_or_insert_with(|| t.clone());
            s.distinct.insert(t);
        }
    }
    if n == 0 || seen.is_empty() {
        return Err("has no feature properties to find an area's code and name in".into());
    }
    let listed = || -> String {
        seen.iter()
            .filter_map(|(k, s)| s.example.as_ref().map(|e| format!("{k} (e.g. \"{e}\", {} different values)", s.distinct.len())))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let upper = |k: &str| k.to_ascii_uppercase();
    // Codes: every feature has one, all ONS codes; the most distinct, one per feature at best.
    let codes: Vec<(&str, usize, bool)> = seen
        .iter()
        .filter(|(_, s)| s.present == n && s.gss == n)
        .map(|(k, s)| (*k, s.distinct.len(), upper(k).ends_with("CD") || upper(k).contains("CODE")))
        .collect();
    let code = match top_two(&codes, |a, b| a.1.cmp(&b.1).then(a.2.cmp(&b.2)).then(b.0.cmp(a.0))) {
        (None, _) => return Err(format!("has no property whose values are all ONS codes (like E05001218); its properties: {}", listed())),
        (Some(a), Some(b)) if a.1 == b.1 && a.2 == b.2 => {
            return Err(format!("has two properties of ONS codes, one per area, {} and {}; its properties: {}", a.0, b.0, listed()))
        }
        (Some(a), _) => a.0.to_string(),
    };
    // Names: text in every feature, a property called ..NM or ..NAME first, then the most distinct.
    let names: Vec<(&str, bool, usize)> = seen
        .iter()
        .filter(|(k, s)| *k != &code && s.present == n && s.text == n)
        .map(|(k, s)| (*k, upper(k).ends_with("NM") || upper(k).contains("NAME"), s.distinct.len()))
        .collect();
    let name = match top_two(&names, |a, b| a.1.cmp(&b.1).then(a.2.cmp(&b.2)).then(b.0.cmp(a.0))) {
        (None, _) => {
            return Err(format!("has {code} for codes but no property of names (text in every feature); its properties: {}", listed()))
        }
        (Some(a), Some(b)) if a.1 == b.1 && a.2 == b.2 => {
            return Err(format!(
                "has {code} for codes and two properties that could be names, {} and {}; its properties: {}",
                a.0,
                b.0,
                listed()
            ))
        }
        (Some(a), _) => a.0.to_string(),
    };
    Ok((code, name))
}

/// The best and the second best by `order` (a sort would cost the converter's download more).
fn top_two<T: Copy>(items: &[T], order: impl Fn(&T, &T) -> std::cmp::Ordering) -> (Option<T>, Option<T>) {
    let (mut first, mut second): (Option<T>, Option<T>) = (None, None);
    for &x in items {
        if first.is_none_or(|f| order(&x, &f).is_gt()) {
            second = first;
            first = Some(x);
        } else if second.is_none_or(|s| order(&x, &s).is_gt()) {
            second = Some(x);
        }
    }
    (first, second)
}

/// [`find`] over the features of GeoJSON or TopoJSON text.
pub fn find_in(text: &str) -> Result<(String, String), String> {
    let v: Value = serde_json::from_str(text).map_err(|e| format!("is not JSON ({e})"))?;
    let props: Vec<&Map<String, Value>> = match v.get("type").and_then(|t| t.as_str()) {
        Some("Topology") => v
            .get("objects")
            .and_then(|o| o.as_object())
            .and_then(|o| o.values().next())
            .and_then(|o| o.get("geometries"))
            .and_then(|g| g.as_array())
            .map(|g| g.iter().filter_map(|g| g.get("properties").and_then(|p| p.as_object())).collect())
            .unwrap_or_default(),
        _ => v
            .get("features")
            .and_then(|f| f.as_array())
            .map(|f| f.iter().filter_map(|f| f.get("properties").and_then(|p| p.as_object())).collect())
            .unwrap_or_default(),
    };
    find(&props)
}
