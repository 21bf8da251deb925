//! Arcs: the TopoJSON way of storing polygons so that a border shared by two areas is
//! stored once. Used by the bundle format and the TopoJSON reader.

use crate::geometry::Ring;

/// A quantisation transform: position = integer * scale + translate.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Transform {
    pub scale: [f64; 2],
    pub translate: [f64; 2],
}

/// Decodes a delta-encoded quantised arc given as flat `[x0, y0, dx1, dy1, ...]`.
///
/// ```
/// use needs_map::topology::{decode_flat, Transform};
/// let t = Transform { scale: [0.5, 0.5], translate: [10.0, 20.0] };
/// assert_eq!(decode_flat(&[2, 4, 1, -1], &t), Some(vec![[11.0, 22.0], [11.5, 21.5]]));
/// ```
pub fn decode_flat(a: &[i64], t: &Transform) -> Option<Ring> {
    if a.len() % 2 != 0 {
        return None;
    }
    let (mut x, mut y) = (0i64, 0i64);
    Some(
        a.chunks_exact(2)
            .map(|d| {
                x += d[0];
                y += d[1];
                [x as f64 * t.scale[0] + t.translate[0], y as f64 * t.scale[1] + t.translate[1]]
            })
            .collect(),
    )
}

/// Joins arcs into a ring: `~i` (that is `-i - 1`) walks arc `i` backwards, and
/// consecutive arcs share their joining point.
///
/// ```
/// use needs_map::topology::stitch;
/// let arcs = vec![vec![[0.0, 0.0], [1.0, 0.0], [1.0, 1.0]], vec![[0.0, 0.0], [0.0, 1.0], [1.0, 1.0]]];
/// let ring = stitch(&[0, -2], &arcs).unwrap();
/// assert_eq!(ring, vec![[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]]);
/// assert!(stitch(&[7], &arcs).is_err());
/// ```
pub fn stitch(ring_arcs: &[i64], arcs: &[Ring]) -> Result<Ring, String> {
    let mut ring: Ring = Vec::new();
    for &i in ring_arcs {
        let (idx, rev) = if i < 0 { ((-i - 1) as usize, true) } else { (i as usize, false) };
        let arc = arcs.get(idx).ok_or_else(|| format!("arc {i} does not exist (there are {})", arcs.len()))?;
        let mut push = |k: usize, p: &[f64; 2]| {
            if !(k == 0 && !ring.is_empty()) {
                ring.push(*p);
            }
        };
        if rev {
            arc.iter().rev().enumerate().for_each(|(k, p)| push(k, p));
        } else {
            arc.iter().enumerate().for_each(|(k, p)| push(k, p));
        }
    }
    Ok(ring)
}
