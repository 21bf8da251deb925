//! Arcs: the TopoJSON way of storing polygons so that a border shared by two areas is
//! stored once. Used by the bundle format and the TopoJSON reader.

use crate::model::geometry::Ring;

/// A quantisation transform: position = integer * scale + translate.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Transform {
    pub scale: [f64; 2],
    pub translate: [f64; 2],
}

/// Decodes a delta-encoded quantised arc given as flat `[x0, y0, dx1, dy1, ...]`.
///
/// ```
/// use needs_map::place::topology::{decode_flat, Transform};
/// let t = Transform { scale: [0.5, 0.5], translate: [10.0, 20.0] };
/// assert_eq!(decode_flat(&[2, 4, 1, -1], &t), Some(vec![[11.0, 22.0], [11.5, 21.5]]));
/// ```
pub fn decode_flat(a: &[i64], t: &Transform) -> Option<Ring> {
    if !a.len().is_multiple_of(2) {
        return None;
    }
    let (mut x, mut y) = (0i64, 0i64);
    let mut out = Vec::with_capacity(a.len() / 2);
    for d in a.chunks_exact(2) {
        // Hostile deltas must not wrap round into plausible coordinates.
        x = x.checked_add(d[0])?;
        y = y.checked_add(d[1])?;
        out.push([x as f64 * t.scale[0] + t.translate[0], y as f64 * t.scale[1] + t.translate[1]]);
    }
    Some(out)
}

/// Joins arcs into a ring: `~i` (that is `-i - 1`) walks arc `i` backwards, and
/// consecutive arcs share their joining point.
///
/// ```
/// use needs_map::place::topology::stitch;
/// let arcs = vec![vec![[0.0, 0.0], [1.0, 0.0], [1.0, 1.0]], vec![[0.0, 0.0], [0.0, 1.0], [1.0, 1.0]]];
/// let ring = stitch(&[0, -2], &arcs).unwrap();
/// assert_eq!(ring, vec![[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]]);
/// assert!(stitch(&[7], &arcs).is_err());
/// ```
pub fn stitch(ring_arcs: &[i64], arcs: &[Ring]) -> Result<Ring, String> {
    // Sized once: England's wards hold 750,000 points, and growing by doubling would keep
    // up to as many again as spare capacity.
    let mut ring: Ring = Vec::with_capacity(ring_arcs.iter().filter_map(|&i| arcs.get(arc_index(i))).map(Vec::len).sum());
    for &i in ring_arcs {
        let (idx, rev) = (arc_index(i), i < 0);
        let arc = arcs.get(idx).ok_or_else(|| format!("arc {i} does not exist (there are {})", arcs.len()))?;
        // Consecutive arcs share their joining point: keep it once.
        let skip = usize::from(!ring.is_empty());
        if rev {
            ring.extend(arc.iter().rev().skip(skip));
        } else {
            ring.extend(arc.iter().skip(skip));
        }
    }
    Ok(ring)
}

/// A layer's polygons as shared arcs on an integer grid.
#[derive(Debug, Clone, PartialEq)]
pub struct Topology {
    pub transform: Transform,
    /// Arcs as absolute grid points.
    pub arcs: Vec<Vec<[i64; 2]>>,
    /// Per area: polygons -> rings -> arc references (`~i` = `-i - 1` walks arc `i` backwards).
    pub areas: Vec<Vec<Vec<Vec<i64>>>>,
}

type P = [i64; 2];

/// Builds shared arcs from multipolygons: coordinates are snapped to a `q` x `q` grid over
/// `bounds`, rings are cut where borders meet (junctions) and arcs that two areas share are
/// stored once.
///
/// ```
/// use needs_map::{model::geometry::Bounds, place::topology::build};
/// // Two unit squares side by side share the edge x = 1.
/// let a = vec![vec![vec![[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]]]];
/// let b = vec![vec![vec![[1.0, 0.0], [2.0, 0.0], [2.0, 1.0], [1.0, 1.0], [1.0, 0.0]]]];
/// let t = build(&[&a, &b], &Bounds { min: [0.0, 0.0], max: [2.0, 1.0] }, 3);
/// assert_eq!(t.arcs.len(), 3); // the shared edge once, and each square's other three sides
/// ```
pub fn build(areas: &[&crate::model::geometry::MultiPolygon], bounds: &crate::model::geometry::Bounds, q: u32) -> Topology {
    let q = q.max(2) as f64;
    let span = |k: usize| if bounds.is_empty() || bounds.max[k] <= bounds.min[k] { 1.0 } else { bounds.max[k] - bounds.min[k] };
    let transform =
        Transform { scale: [span(0) / (q - 1.0), span(1) / (q - 1.0)], translate: if bounds.is_empty() { [0.0, 0.0] } else { bounds.min } };
    let snap = |p: &[f64; 2]| -> P {
        [
            ((p[0] - transform.translate[0]) / transform.scale[0]).round() as i64,
            ((p[1] - transform.translate[1]) / transform.scale[1]).round() as i64,
        ]
    };
    // Rings as open cycles of grid points (no repeated closing point, no repeats in a row).
    let rings: Vec<Vec<Vec<Vec<P>>>> = areas
        .iter()
        .map(|mp| {
            mp.iter()
                .map(|poly| {
                    poly.iter()
                        .map(|ring| {
                            let mut out: Vec<P> = Vec::with_capacity(ring.len());
                            for p in ring {
                                let s = snap(p);
                                if out.last() != Some(&s) {
                                    out.push(s);
                                }
                            }
                            while out.len() > 1 && out.first() == out.last() {
                                out.pop();
                            }
                            out
                        })
                        .collect()
                })
                .collect()
        })
        .collect();
    // A junction is a point met with different (unordered) neighbours on different visits.
    let mut seen: foldhash::HashMap<P, (P, P)> = foldhash::HashMap::default();
    let mut junctions: foldhash::HashSet<P> = foldhash::HashSet::default();
    for ring in rings.iter().flatten().flatten() {
        let n = ring.len();
        for i in 0..n {
            let (a, b) = (ring[(i + n - 1) % n], ring[(i + 1) % n]);
            let pair = if a <= b { (a, b) } else { (b, a) };
            match seen.get(&ring[i]) {
                None => {
                    seen.insert(ring[i], pair);
                }
                Some(&old) if old != pair => {
                    junctions.insert(ring[i]);
                }
                _ => {}
            }
        }
    }
    let mut arcs: Vec<Vec<P>> = Vec::new();
    let mut index: foldhash::HashMap<Vec<P>, usize> = foldhash::HashMap::default();
    let mut add = |arc: Vec<P>| -> i64 {
        let rev: Vec<P> = arc.iter().rev().copied().collect();
        if let Some(&i) = index.get(&arc) {
            return i as i64;
        }
        if let Some(&i) = index.get(&rev) {
            return -(i as i64) - 1;
        }
        index.insert(arc.clone(), arcs.len());
        arcs.push(arc);
        arcs.len() as i64 - 1
    };
    let mut refs_out = Vec::with_capacity(rings.len());
    for area in &rings {
        let mut polys = Vec::with_capacity(area.len());
        for poly in area {
            let mut rs = Vec::with_capacity(poly.len());
            for ring in poly {
                let n = ring.len();
                let cuts: Vec<usize> = (0..n).filter(|&i| junctions.contains(&ring[i])).collect();
                if cuts.is_empty() {
                    // A ring on its own (an island, or an enclave and the hole it fills):
                    // start at its smallest point, in the direction of its smaller neighbour,
                    // so the two copies become one arc.
                    let start = (0..n).min_by_key(|&i| ring[i]).unwrap_or(0);
                    let fwd: Vec<P> = (0..=n).map(|k| ring[(start + k) % n]).collect();
                    let back: Vec<P> = (0..=n).map(|k| ring[(start + n - k) % n]).collect();
                    let r = if fwd <= back { add(fwd) } else { -add(back) - 1 };
                    rs.push(vec![r]);
                    continue;
                }
                let mut refs = Vec::with_capacity(cuts.len());
                for (k, &c) in cuts.iter().enumerate() {
                    let next = cuts[(k + 1) % cuts.len()];
                    let len = if next > c { next - c } else { next + n - c };
                    let arc: Vec<P> = (0..=len).map(|j| ring[(c + j) % n]).collect();
                    refs.push(add(arc));
                }
                rs.push(refs);
            }
            polys.push(rs);
        }
        refs_out.push(polys);
    }
    Topology { transform, arcs, areas: refs_out }
}

impl Topology {
    /// Simplifies every arc once (Douglas–Peucker, `tolerance_m` metres measured on the
    /// ground), keeping arc ends, so neighbours keep one shared border: no gaps, no
    /// overlaps. A ring that would fall below four points keeps its arcs whole.
    pub fn simplify(&mut self, tolerance_m: f64) {
        if tolerance_m <= 0.0 {
            return;
        }
        let mid_lat = self.transform.translate[1]
            + self.transform.scale[1] * 0.5 * self.arcs.iter().flatten().map(|p| p[1]).max().unwrap_or(0) as f64;
        let m_per_unit = [self.transform.scale[0] * 111_320.0 * mid_lat.to_radians().cos(), self.transform.scale[1] * 110_574.0];
        let original = self.arcs.clone();
        let mut keep_whole = vec![false; self.arcs.len()];
        // Simplify, then give back full detail to arcs that now cross another arc or leave
        // a ring too small, until none do (a few rounds at most in practice).
        for _ in 0..16 {
            for (i, arc) in original.iter().enumerate() {
                self.arcs[i] = if keep_whole[i] { arc.clone() } else { douglas_peucker(arc, tolerance_m, m_per_unit) };
            }
            let mut again = false;
            for r in self.areas.iter().flatten().flatten() {
                let points: usize = r.iter().map(|&i| self.arcs[arc_index(i)].len() - 1).sum();
                if points < 3 {
                    for &i in r {
                        again |= !keep_whole[arc_index(i)];
                        keep_whole[arc_index(i)] = true;
                    }
                }
            }
            for a in crossing_arcs(&self.arcs) {
                again |= !keep_whole[a];
                keep_whole[a] = true;
            }
            if !again {
                break;
            }
        }
    }

    /// Back to multipolygons in the original coordinates.
    pub fn decode(&self) -> Vec<crate::model::geometry::MultiPolygon> {
        let t = &self.transform;
        let arcs: Vec<Ring> = self
            .arcs
            .iter()
            .map(|a| a.iter().map(|p| [p[0] as f64 * t.scale[0] + t.translate[0], p[1] as f64 * t.scale[1] + t.translate[1]]).collect())
            .collect();
        self.areas
            .iter()
            .map(|polys| {
                polys.iter().map(|rings| rings.iter().map(|r| stitch(r, &arcs).expect("arcs of this topology")).collect()).collect()
            })
            .collect()
    }

    /// Points over all arcs (a shared border counted once).
    pub fn points(&self) -> usize {
        self.arcs.iter().map(|a| a.len()).sum()
    }
}

/// The arc a reference names: `~i` (that is `-i - 1`) is arc `i` walked backwards, written so
/// that `i64::MIN` cannot overflow.
pub(crate) fn arc_index(i: i64) -> usize {
    if i < 0 {
        (!i) as u64 as usize
    } else {
        i as usize
    }
}

/// Arcs with a segment that crosses a segment of another arc (or a non-adjacent segment of
/// itself), or touches one away from their shared ends. Exact on the integer grid.
fn crossing_arcs(arcs: &[Vec<P>]) -> std::collections::BTreeSet<usize> {
    let mut segs: Vec<(usize, usize)> = Vec::new();
    for (a, arc) in arcs.iter().enumerate() {
        for k in 0..arc.len().saturating_sub(1) {
            if arc[k] != arc[k + 1] {
                segs.push((a, k));
            }
        }
    }
    let ends = |&(a, k): &(usize, usize)| (arcs[a][k], arcs[a][k + 1]);
    segs.sort_by_key(|s| {
        let (p, q) = ends(s);
        p[0].min(q[0])
    });
    let orient =
        |o: P, p: P, q: P| -> i128 { (p[0] - o[0]) as i128 * (q[1] - o[1]) as i128 - (p[1] - o[1]) as i128 * (q[0] - o[0]) as i128 };
    let within = |p: P, q: P, r: P| r[0] >= p[0].min(q[0]) && r[0] <= p[0].max(q[0]) && r[1] >= p[1].min(q[1]) && r[1] <= p[1].max(q[1]);
    let mut bad = std::collections::BTreeSet::new();
    let mut active: Vec<(usize, usize)> = Vec::new();
    for s in &segs {
        let (p, q) = ends(s);
        let x = p[0].min(q[0]);
        active.retain(|t| {
            let (a, b) = ends(t);
            a[0].max(b[0]) >= x
        });
        for t in &active {
            if s.0 == t.0 && s.1.abs_diff(t.1) <= 1 {
                continue; // consecutive segments of one arc meet by construction
            }
            let (a, b) = ends(t);
            let (d1, d2, d3, d4) = (orient(a, b, p), orient(a, b, q), orient(p, q, a), orient(p, q, b));
            let proper = ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
            // An end of one lying on the other, other than at a shared point.
            let shared = |r: P| r == a || r == b;
            let touch = (d1 == 0 && within(a, b, p) && !shared(p))
                || (d2 == 0 && within(a, b, q) && !shared(q))
                || (d3 == 0 && within(p, q, a) && a != p && a != q)
                || (d4 == 0 && within(p, q, b) && b != p && b != q);
            if proper || touch {
                bad.insert(s.0);
                bad.insert(t.0);
            }
        }
        active.push(*s);
    }
    bad
}

fn douglas_peucker(arc: &[P], tol: f64, m: [f64; 2]) -> Vec<P> {
    if arc.len() <= 2 {
        return arc.to_vec();
    }
    let xy = |p: P| [p[0] as f64 * m[0], p[1] as f64 * m[1]];
    let mut keep = vec![false; arc.len()];
    keep[0] = true;
    keep[arc.len() - 1] = true;
    // A closed arc (first == last) is split at its farthest point first.
    let mut stack = vec![];
    if arc[0] == arc[arc.len() - 1] {
        let o = xy(arc[0]);
        let far = (1..arc.len() - 1).max_by(|&a, &b| dist2(xy(arc[a]), o).total_cmp(&dist2(xy(arc[b]), o))).unwrap();
        keep[far] = true;
        stack.push((0, far));
        stack.push((far, arc.len() - 1));
    } else {
        stack.push((0, arc.len() - 1));
    }
    while let Some((a, b)) = stack.pop() {
        if b <= a + 1 {
            continue;
        }
        let (pa, pb) = (xy(arc[a]), xy(arc[b]));
        let (mut best, mut at) = (0.0, 0);
        for (i, p) in arc.iter().enumerate().take(b).skip(a + 1) {
            let d = seg_dist2(xy(*p), pa, pb);
            if d > best {
                best = d;
                at = i;
            }
        }
        if best > tol * tol {
            keep[at] = true;
            stack.push((a, at));
            stack.push((at, b));
        }
    }
    arc.iter().zip(&keep).filter(|(_, k)| **k).map(|(p, _)| *p).collect()
}

fn dist2(a: [f64; 2], b: [f64; 2]) -> f64 {
    (a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)
}

fn seg_dist2(p: [f64; 2], a: [f64; 2], b: [f64; 2]) -> f64 {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let l2 = dx * dx + dy * dy;
    if l2 == 0.0 {
        return dist2(p, a);
    }
    let t = (((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / l2).clamp(0.0, 1.0);
    dist2(p, [a[0] + t * dx, a[1] + t * dy])
}
