//! The outline of several areas taken together: their rings less the borders they share,
//! so that an area of one's own is drawn as one shape, not as the areas it is made of.
//!
//! Neighbouring areas' rings come from one mesh (see `mesh`), so a border they share is
//! the same points from both sides; a segment met twice is inside the union and is left
//! out. Geometry is not compared beyond that: no clipping, no tolerance.

/// A segment's two ends as bits, the same whichever way it is walked.
fn key(a: [f32; 2], b: [f32; 2]) -> [u32; 4] {
    let (p, q) = ([a[0].to_bits(), a[1].to_bits()], [b[0].to_bits(), b[1].to_bits()]);
    if p <= q {
        [p[0], p[1], q[0], q[1]]
    } else {
        [q[0], q[1], p[0], p[1]]
    }
}

/// The outer edges of `rings` (closed rings of several areas, as the mesh gives them), as
/// closed rings: the segments no other ring shares, walked end to start.
///
/// ```
/// use needs_map::place::union::outer_edges;
/// // Two unit squares side by side share the edge x = 1.
/// let a = vec![[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]];
/// let b = vec![[1.0, 0.0], [2.0, 0.0], [2.0, 1.0], [1.0, 1.0], [1.0, 0.0]];
/// let rings = outer_edges(&[a, b]);
/// assert_eq!(rings.len(), 1);
/// let length: f32 = rings[0].windows(2).map(|w| (w[1][0] - w[0][0]).abs() + (w[1][1] - w[0][1]).abs()).sum();
/// assert_eq!(length, 6.0); // the 2 x 1 rectangle's perimeter, not the squares' 8
/// ```
pub fn outer_edges(rings: &[Vec<[f32; 2]>]) -> Vec<Vec<[f32; 2]>> {
    // Every segment by its key, sorted: a key met twice is a shared border.
    let mut keys: Vec<[u32; 4]> = Vec::new();
    for r in rings {
        for w in r.windows(2) {
            keys.push(key(w[0], w[1]));
        }
    }
    keys.sort_unstable();
    let once = |k: [u32; 4]| {
        let i = keys.partition_point(|x| *x < k);
        keys.get(i + 1) != Some(&k)
    };
    // The kept segments, sorted by their first point, each used once.
    let mut kept: Vec<([f32; 2], [f32; 2])> = Vec::new();
    for r in rings {
        for w in r.windows(2) {
            if w[0] != w[1] && once(key(w[0], w[1])) {
                kept.push((w[0], w[1]));
            }
        }
    }
    let mut used = vec![false; kept.len()];
    let mut out = Vec::new();
    for s in 0..kept.len() {
        if used[s] {
            continue;
        }
        used[s] = true;
        let (first, mut at) = kept[s];
        let mut ring = vec![first, at];
        while at != first {
            let Some(n) = (0..kept.len()).find(|&n| !used[n] && kept[n].0 == at) else { break };
            used[n] = true;
            at = kept[n].1;
            ring.push(at);
        }
        if ring.len() > 2 {
            out.push(ring);
        }
    }
    out
}
