//! A one-pass reader for the common case of a boundary file: a well-formed GeoJSON
//! FeatureCollection of Polygons and MultiPolygons with a code and a name on every feature.
//!
//! It walks the bytes once and keeps only what a map draws (codes, names, and every point
//! in one flat array), with no JSON tree and no per-ring allocation: all of England's
//! 6,827 wards (30 MB) read in a fraction of the general reader's time and memory. Anything
//! it is not sure of (a malformed byte, a null geometry, an unclosed ring, a repeated code,
//! an unknown coordinate system) makes it return `None`, and the caller reads the file with
//! [`crate::read::load`], which names the problem and what to do about it. So this reader never
//! has to explain anything, and never accepts what the general reader would refuse.

use crate::model::crs::{self, Crs};
use crate::model::geometry::Bounds;
use crate::place::mesh::{project_run, Mesh};
use crate::place::project::mercator;
use crate::read::load::Limits;

/// What [`read`] found: the areas in the file's order and their outlines.
#[derive(Debug)]
pub struct Polygons {
    pub codes: Vec<String>,
    pub names: Vec<String>,
    /// Longitude/latitude bounds of every point.
    pub extent: Bounds,
    pub mesh: Mesh,
}

/// Reads `text` if it is a well-formed FeatureCollection this reader is sure of.
///
/// ```
/// let t = r#"{"type":"FeatureCollection","features":[{"type":"Feature",
///   "properties":{"WD25CD":"E05001222","WD25NM":"Foleshill"},
///   "geometry":{"type":"Polygon","coordinates":[[[-1.5,52.4],[-1.4,52.4],[-1.4,52.5],[-1.5,52.4]]]}}]}"#;
/// let p = needs_map::read::scan::read(t, "WD25CD", "WD25NM").unwrap();
/// assert_eq!((p.codes[0].as_str(), p.names[0].as_str(), p.mesh.points()), ("E05001222", "Foleshill", 4));
/// // An unclosed ring is for the general reader to explain.
/// assert!(needs_map::read::scan::read(&t.replace("-1.5,52.4]]]", "-1.5,52.45]]]"), "WD25CD", "WD25NM").is_none());
/// ```
pub fn read(text: &str, code_field: &str, name_field: &str) -> Option<Polygons> {
    Stream::new(code_field, name_field, text.len()).finish(text.as_bytes())
}

/// The same reader fed as the bytes arrive, so reading overlaps the download: each call
/// reads the features that have arrived whole, and one cut off by the end of the bytes so
/// far is read again when more come.
///
/// ```
/// use needs_map::read::scan::Stream;
/// let t = br#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"c":"A","n":"Ay"},
///   "geometry":{"type":"Polygon","coordinates":[[[0,50],[1,50],[1,51],[0,50]]]}}]}"#;
/// let mut s = Stream::new("c", "n", t.len());
/// s.feed(&t[..100]);
/// s.feed(&t[..150]);
/// let p = s.finish(t).unwrap();
/// assert_eq!((p.codes, p.mesh.points()), (vec!["A".to_string()], 4));
/// ```
pub struct Stream {
    fields: [Vec<u8>; 2],
    out: Out,
    /// Where the next unread part starts, and what it is.
    pos: usize,
    part: Part,
    kind: Option<bool>,
    crs: Option<Crs>,
    features: Option<()>,
    /// Bytes needed before trying again a part that was cut off (twice its length so far,
    /// so a huge feature is not read again at every chunk).
    retry_at: usize,
}

/// What comes next in the file.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Part {
    Open,
    /// A member of the top-level object (`first`: or its closing brace).
    Member {
        first: bool,
    },
    /// A feature of the `features` array (`first`: or its closing bracket).
    Feature {
        first: bool,
    },
    /// What follows the `features` array: a comma or the end of the object.
    AfterFeatures,
    Done,
    Failed,
}

impl Stream {
    /// A reader for areas whose code and name are the properties `code_field` and
    /// `name_field`, of a file of about `size` bytes (for sizing its buffers).
    pub fn new(code_field: &str, name_field: &str, size: usize) -> Stream {
        // About 40 bytes per point in ONS files: two numbers per point.
        let numbers = size.min(Limits::default().max_bytes) / 20;
        Stream {
            fields: [code_field.as_bytes().to_vec(), name_field.as_bytes().to_vec()],
            out: Out {
                lonlat: Vec::with_capacity(numbers),
                rings: vec![0],
                areas: vec![0],
                codes: Vec::new(),
                names: Vec::new(),
                seen: Default::default(),
                bounds: Bounds::empty(),
                xy: Vec::with_capacity(numbers),
                origin: None,
            },
            pos: 0,
            part: Part::Open,
            kind: None,
            crs: None,
            features: None,
            retry_at: 0,
        }
    }

    /// Reads on in `bytes`: everything that has arrived (the same bytes as before, and more).
    pub fn feed(&mut self, bytes: &[u8]) {
        if bytes.len() >= self.retry_at {
            self.step(bytes, false);
        }
    }

    /// All of the file is in `bytes`: the areas, if it was a file this reader is sure of.
    pub fn finish(mut self, bytes: &[u8]) -> Option<Polygons> {
        let limits = Limits::default();
        if bytes.len() > limits.max_bytes {
            return None;
        }
        self.step(bytes, true);
        let out = self.out;
        if self.part != Part::Done || self.kind != Some(true) || out.codes.is_empty() || out.codes.len() > limits.max_areas {
            return None;
        }
        if out.lonlat.len() / 2 > limits.max_vertices {
            return None;
        }
        let (mesh, extent) = match self.crs.or_else(|| crs::from_range(out.bounds.min, out.bounds.max))? {
            Crs::Lonlat
                if out.bounds.min[0] >= -180.0 && out.bounds.max[0] <= 180.0 && out.bounds.min[1] >= -90.0 && out.bounds.max[1] <= 90.0 =>
            {
                (Mesh::from_parts(out.origin?, out.xy, out.rings, out.areas).ok()?, out.bounds)
            }
            Crs::Lonlat => return None,
            Crs::BritishNationalGrid => {
                // Metres, not degrees: what was projected on the way is not used.
                let mut lonlat = out.lonlat;
                let mut b = Bounds::empty();
                for p in lonlat.chunks_exact_mut(2) {
                    let q = crs::bng_to_lonlat(p[0], p[1]);
                    (p[0], p[1]) = (q[0], q[1]);
                    b.add(q);
                }
                (Mesh::from_lonlat(&b, &lonlat, out.rings, out.areas).ok()?, b)
            }
        };
        Some(Polygons { codes: out.codes, names: out.names, extent, mesh })
    }

    /// Reads parts until the bytes run out (`last`: they are all there is).
    fn step(&mut self, b: &[u8], last: bool) {
        while !matches!(self.part, Part::Done | Part::Failed) {
            let mut c = Cursor { b, i: self.pos, short: false };
            let before = (self.out.lonlat.len(), self.out.rings.len(), self.out.bounds, (self.kind, self.crs, self.features));
            let next = match self.part {
                Part::Open => {
                    // A byte-order mark is allowed before the text.
                    c.i = if b.starts_with(b"\xef\xbb\xbf") { 3 } else { 0 };
                    c.eat(b'{').map(|_| Part::Member { first: true })
                }
                Part::Member { first } => self.member(&mut c, first),
                Part::Feature { first } if first && c.eat(b']').is_some() => Some(Part::AfterFeatures),
                Part::Feature { .. } => {
                    let [code, name] = &self.fields;
                    feature(&mut c, &mut self.out, code, name).and_then(|_| c.more(b']')).map(|more| {
                        if more {
                            Part::Feature { first: false }
                        } else {
                            Part::AfterFeatures
                        }
                    })
                }
                Part::AfterFeatures => c.more(b'}').map(|more| if more { Part::Member { first: false } } else { Part::Done }),
                Part::Done | Part::Failed => unreachable!(),
            };
            match next {
                Some(p) => (self.part, self.pos) = (p, c.i),
                None if c.short && !last => {
                    // Cut off by the end of the bytes so far: undone, and read again later.
                    self.out.lonlat.truncate(before.0);
                    self.out.xy.truncate(before.0);
                    self.out.rings.truncate(before.1);
                    self.out.bounds = before.2;
                    (self.kind, self.crs, self.features) = before.3;
                    self.retry_at = b.len() + (b.len() - self.pos);
                    return;
                }
                None => self.part = Part::Failed,
            }
        }
        if self.part == Part::Done && last {
            let mut c = Cursor { b, i: self.pos, short: false };
            if c.peek().is_some() {
                self.part = Part::Failed;
            }
        }
    }

    /// `"key": value` then `,` or `}` (or `"features": [`, whose items are read one by one).
    fn member(&mut self, c: &mut Cursor, first: bool) -> Option<Part> {
        if first && c.eat(b'}').is_some() {
            return Some(Part::Done);
        }
        let key = c.key()?;
        c.eat(b':')?;
        match key {
            b"type" => set(&mut self.kind, c.string()? == b"FeatureCollection")?,
            b"crs" => set(&mut self.crs, crs::from_name(std::str::from_utf8(crs_name(c)?).ok()?)?)?,
            b"features" => {
                set(&mut self.features, ())?;
                c.eat(b'[')?;
                return Some(Part::Feature { first: true });
            }
            _ => c.skip(0)?,
        }
        Some(if c.more(b'}')? { Part::Member { first: false } } else { Part::Done })
    }
}

/// What has been read so far.
#[derive(Debug)]
struct Out {
    lonlat: Vec<f64>,
    /// First point of each ring, and one past the last (as in [`Mesh`]).
    rings: Vec<u32>,
    /// First ring of each area, and one past the last.
    areas: Vec<u32>,
    codes: Vec<String>,
    names: Vec<String>,
    /// Where each code was first read.
    seen: foldhash::HashMap<String, usize>,
    /// Of every point read (a copy left out repeats points already in).
    bounds: Bounds,
    /// `lonlat` projected to Mercator units relative to `origin` (the first point).
    xy: Vec<f32>,
    origin: Option<[f64; 2]>,
}

/// Sets a member once: a repeated member (JSON allows it, readers differ on which wins)
/// is left to the general reader.
fn set<T>(slot: &mut Option<T>, v: T) -> Option<()> {
    slot.replace(v).is_none().then_some(())
}

/// `{"type": "Feature", "properties": {...}, "geometry": {...}}`: one area, whose code and
/// name are the properties `code_field` and `name_field`.
fn feature(c: &mut Cursor, out: &mut Out, code_field: &[u8], name_field: &[u8]) -> Option<()> {
    let (mut kind, mut code, mut name, mut geometry) = (None, None, None, None);
    c.object(|c, key| match key {
        b"type" => set(&mut kind, c.string()? == b"Feature"),
        b"properties" => c.object(|c, key| {
            if key == code_field {
                set(&mut code, c.text()?)
            } else if key == name_field {
                set(&mut name, c.text()?)
            } else {
                c.skip(0)
            }
        }),
        b"geometry" => set(&mut geometry, polygons(c, out)?),
        _ => c.skip(0),
    })?;
    let (code, name) = (code.filter(|s| !s.is_empty())?, name.filter(|s| !s.is_empty())?);
    if kind != Some(true) || geometry != Some(true) {
        return None;
    }
    let first_ring = *out.areas.last()? as usize;
    if let Some(&k) = out.seen.get(&code) {
        // An exact copy is left out, as the general reader does (with its notice); a clash is
        // its error to report.
        let (here, there) = (out.runs(first_ring, out.rings.len() - 1), out.runs(out.areas[k] as usize, out.areas[k + 1] as usize));
        if out.names[k] != name || !here.eq(there) {
            return None;
        }
        let start = out.rings[first_ring] as usize;
        out.lonlat.truncate(2 * start);
        out.xy.truncate(2 * start);
        out.rings.truncate(first_ring + 1);
        return Some(());
    }
    out.seen.insert(code.clone(), out.codes.len());
    out.codes.push(code);
    out.names.push(name);
    out.areas.push((out.rings.len() - 1) as u32);
    Some(())
}

impl Out {
    /// The points of rings `from..to`, ring by ring.
    fn runs(&self, from: usize, to: usize) -> impl Iterator<Item = &[f64]> {
        (from..to).map(|r| &self.lonlat[2 * self.rings[r] as usize..2 * self.rings[r + 1] as usize])
    }
}

/// A Polygon or MultiPolygon's rings, added to `out`; whether the type and the nesting of
/// the coordinates agree.
fn polygons(c: &mut Cursor, out: &mut Out) -> Option<bool> {
    let (mut kind, mut depth) = (None, None);
    c.object(|c, key| match key {
        b"type" => set(&mut kind, c.string()?),
        b"coordinates" => {
            // Polygons are three arrays deep, MultiPolygons four (the type may come later).
            c.peek()?;
            let (mut d, mut seen_all) = (0, false);
            for &b in &c.b[c.i..] {
                match b {
                    b'[' => d += 1,
                    b' ' | b'\n' | b'\r' | b'\t' => {}
                    _ => {
                        seen_all = true;
                        break;
                    }
                }
            }
            if !seen_all {
                // Only brackets so far: how deep is yet to come.
                return c.cut(c.b.len());
            }
            set(&mut depth, d)?;
            match d {
                3 => c.array(|c| ring(c, out)),
                4 => c.array(|c| c.array(|c| ring(c, out))),
                _ => None,
            }
        }
        _ => c.skip(0),
    })?;
    Some(matches!((kind?, depth?), (b"Polygon", 3) | (b"MultiPolygon", 4)))
}

/// `[[x, y], ...]`: a closed ring of at least four positions (extra ordinates ignored).
fn ring(c: &mut Cursor, out: &mut Out) -> Option<()> {
    let start = out.lonlat.len();
    c.array(|c| {
        c.eat(b'[')?;
        let x = c.number()?;
        c.eat(b',')?;
        let y = c.number()?;
        while c.peek()? == b',' {
            c.i += 1;
            c.number()?;
        }
        c.eat(b']')?;
        out.lonlat.extend([x, y]);
        Some(())
    })?;
    let end = out.lonlat.len();
    if end - start < 8 || out.lonlat[start..start + 2] != out.lonlat[end - 2..] {
        return None;
    }
    for p in out.lonlat[start..].chunks_exact(2) {
        out.bounds.add([p[0], p[1]]);
    }
    // Projected now, as if longitude/latitude (the usual case; see `Stream::finish`), so the
    // work is done while the file downloads; relative to the first point, as the middle is
    // not known until the end.
    let origin = *out.origin.get_or_insert_with(|| mercator([out.lonlat[0], out.lonlat[1]]));
    project_run(&out.lonlat[start..], origin, &mut out.xy);
    out.rings.push((end / 2) as u32);
    Some(())
}

/// The `name` of `{"properties": {"name": ...}}` (other members skipped).
fn crs_name<'a>(c: &mut Cursor<'a>) -> Option<&'a [u8]> {
    let mut name = None;
    c.object(|c, key| match key {
        b"properties" => c.object(|c, key| match key {
            b"name" => set(&mut name, c.string()?),
            _ => c.skip(0),
        }),
        _ => c.skip(0),
    })?;
    name
}

/// A position in JSON text. Every method returns `None` on anything unexpected.
struct Cursor<'a> {
    b: &'a [u8],
    i: usize,
    /// Whether the last `None` came from reaching the end of the bytes (more may come).
    short: bool,
}

/// Exact powers of ten (all below 2^53 * 2^22 are representable).
const POW10: [f64; 23] =
    [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/// Deeper nesting than this is not skipped (serde_json's own limit).
const MAX_DEPTH: usize = 128;

impl<'a> Cursor<'a> {
    /// The next byte after white space.
    #[inline]
    fn peek(&mut self) -> Option<u8> {
        while let Some(&c) = self.b.get(self.i) {
            if !matches!(c, b' ' | b'\n' | b'\r' | b'\t') {
                return Some(c);
            }
            self.i += 1;
        }
        self.cut(self.i)
    }

    /// The byte at `i`, or `None` marked as cut off.
    #[inline]
    fn at(&mut self, i: usize) -> Option<u8> {
        match self.b.get(i) {
            Some(&c) => Some(c),
            None => self.cut(i),
        }
    }

    /// `None`, marked as cut off when position `i` is past the bytes so far.
    #[cold]
    fn cut<T>(&mut self, i: usize) -> Option<T> {
        self.short |= i >= self.b.len();
        None
    }

    /// An object's key: a string without escapes (one with an escape could spell a member
    /// read here; the general reader decides).
    fn key(&mut self) -> Option<&'a [u8]> {
        self.string().filter(|k| !k.contains(&b'\\'))
    }

    #[inline]
    fn eat(&mut self, c: u8) -> Option<()> {
        (self.peek()? == c).then(|| self.i += 1)
    }

    /// A string's raw bytes between its quotes (escapes left as they are).
    fn string(&mut self) -> Option<&'a [u8]> {
        self.eat(b'"')?;
        let start = self.i;
        loop {
            match self.at(self.i)? {
                b'"' => break,
                b'\\' => {
                    let n = match self.at(self.i + 1)? {
                        b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => 2,
                        b'u' => {
                            let hex = self.b.get(self.i + 2..(self.i + 6).min(self.b.len()))?;
                            if !hex.iter().all(u8::is_ascii_hexdigit) {
                                return None;
                            }
                            if hex.len() < 4 {
                                return self.cut(self.b.len());
                            }
                            6
                        }
                        _ => return None,
                    };
                    self.i += n;
                }
                c if c < 0x20 => return None,
                _ => self.i += 1,
            }
        }
        self.i += 1;
        Some(&self.b[start..self.i - 1])
    }

    /// A string's text, trimmed (escapes decoded); `None` for anything but a string.
    fn text(&mut self) -> Option<String> {
        self.peek()?;
        let quote = self.i;
        let raw = self.string()?;
        let s = if raw.contains(&b'\\') {
            serde_json::from_slice::<String>(&self.b[quote..self.i]).ok()?
        } else {
            std::str::from_utf8(raw).ok()?.to_string()
        };
        Some(s.trim().to_string())
    }

    /// `{ "key": value, ... }`, calling `member` with each key, positioned at its value.
    fn object(&mut self, mut member: impl FnMut(&mut Cursor<'a>, &'a [u8]) -> Option<()>) -> Option<()> {
        self.list(b'{', b'}', |c| {
            let key = c.key()?;
            c.eat(b':')?;
            member(c, key)
        })
    }

    /// `[ value, ... ]`, calling `item` positioned at each value.
    fn array(&mut self, item: impl FnMut(&mut Cursor<'a>) -> Option<()>) -> Option<()> {
        self.list(b'[', b']', item)
    }

    /// `open`, then items separated by commas (or none), then `close`.
    fn list(&mut self, open: u8, close: u8, mut item: impl FnMut(&mut Cursor<'a>) -> Option<()>) -> Option<()> {
        self.eat(open)?;
        if self.eat(close).is_some() {
            return Some(());
        }
        loop {
            item(self)?;
            if !self.more(close)? {
                return Some(());
            }
        }
    }

    /// After an item: `Some(true)` past a comma, `Some(false)` past `close`.
    fn more(&mut self, close: u8) -> Option<bool> {
        let more = match self.peek()? {
            b',' => true,
            c if c == close => false,
            _ => return None,
        };
        self.i += 1;
        Some(more)
    }

    /// A JSON number (its grammar checked, as `serde_json` would), correctly rounded.
    #[inline]
    fn number(&mut self) -> Option<f64> {
        self.peek()?;
        let (b, start) = (self.b, self.i);
        let mut i = start;
        let negative = b[i] == b'-';
        i += negative as usize;
        // The digits as one integer (wrapping past 19 digits: then it is not used) and how
        // many of them follow the point. This loop is most of the time spent reading a file.
        let mut m = 0u64;
        let digits = |i: &mut usize, m: &mut u64| {
            let s = *i;
            while let Some(d) = b.get(*i).map(|c| c.wrapping_sub(b'0')).filter(|&d| d < 10) {
                *m = m.wrapping_mul(10).wrapping_add(d as u64);
                *i += 1;
            }
            *i - s
        };
        let whole = digits(&mut i, &mut m);
        if whole == 0 {
            return self.cut(i);
        }
        if whole > 1 && b[i - whole] == b'0' {
            return None;
        }
        let mut fraction = 0;
        if b.get(i) == Some(&b'.') {
            i += 1;
            fraction = digits(&mut i, &mut m);
            if fraction == 0 {
                return self.cut(i);
            }
        }
        let mut exponent = false;
        if matches!(b.get(i), Some(b'e' | b'E')) {
            exponent = true;
            i += 1;
            if matches!(b.get(i), Some(b'+' | b'-')) {
                i += 1;
            }
            if digits(&mut i, &mut 0) == 0 {
                return self.cut(i);
            }
        }
        self.i = i;
        // Clinger's fast path: an integer below 2^53 divided by an exact power of ten is
        // correctly rounded by one IEEE division. Others (long or with an exponent) take
        // the standard library's parser.
        if !exponent && whole + fraction <= 19 && m < 1 << 53 && fraction <= 22 {
            let v = m as f64 / POW10[fraction];
            return Some(if negative { -v } else { v });
        }
        // ASCII by the grammar above.
        let v: f64 = std::str::from_utf8(&b[start..i]).ok()?.parse().ok()?;
        v.is_finite().then_some(v)
    }

    /// Any value, checked and passed over.
    fn skip(&mut self, depth: usize) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        match self.peek()? {
            b'"' => self.string().map(|_| ()),
            b'{' => self.object(|c, _| c.skip(depth + 1)),
            b'[' => self.array(|c| c.skip(depth + 1)),
            b't' => self.word(b"true"),
            b'f' => self.word(b"false"),
            b'n' => self.word(b"null"),
            _ => self.number().map(|_| ()),
        }
    }

    fn word(&mut self, w: &[u8]) -> Option<()> {
        let rest = &self.b[self.i..];
        if rest.starts_with(w) {
            self.i += w.len();
            Some(())
        } else if w.starts_with(rest) {
            self.cut(self.b.len())
        } else {
            None
        }
    }
}
