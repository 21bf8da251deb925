//! Which areas border which, and which neighbour lies in a direction: the keyboard moves
//! across the map the way the eye does, not in list order.
//!
//! Two areas are neighbours when they share at least two boundary points (a border, not a
//! corner). Bundles store shared borders once, so their points coincide exactly; points are
//! compared on a 1e-6 degree grid (about 0.1 m) to allow for files that repeat them.

use crate::model::atlas::Layer;
use crate::scene::Shape;
// A fixed seed: keys come from the page's own boundary files, and seeding a random state
// costs a kilobyte of wasm.
type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;

/// For each area of the layer, the indices of the areas that share a border with it.
///
/// ```
/// use needs_map::{model::atlas::{Area, Layer}, place::neighbours::neighbours};
/// let sq = |x: f64| vec![vec![vec![[x, 0.0], [x + 1.0, 0.0], [x + 1.0, 1.0], [x, 1.0], [x, 0.0]]]];
/// let layer = Layer { id: "l".into(), label: "L".into(), noun: "areas".into(), areas: vec![
///     Area { code: "A".into(), name: "A".into(), geometry: sq(0.0) },
///     Area { code: "B".into(), name: "B".into(), geometry: sq(1.0) },
///     Area { code: "C".into(), name: "C".into(), geometry: sq(3.0) },
/// ]};
/// assert_eq!(neighbours(&layer), vec![vec![1], vec![0], vec![]]);
/// ```
pub fn neighbours(layer: &Layer) -> Vec<Vec<usize>> {
    let key = |p: &[f64; 2]| ((p[0] * 1e6).round() as i64, (p[1] * 1e6).round() as i64);
    sharing(layer.areas.iter().map(|a| a.geometry.iter().flatten().flatten().map(key)))
}

/// Neighbours of areas given as the keys of their points (equal keys are the same point):
/// areas that share at least two points.
pub fn sharing<K: std::hash::Hash + Eq>(areas: impl Iterator<Item = impl Iterator<Item = K>>) -> Vec<Vec<usize>> {
    let mut owners: HashMap<K, Vec<usize>> = HashMap::default();
    let mut count = 0;
    for (i, points) in areas.enumerate() {
        count = i + 1;
        for p in points {
            let v = owners.entry(p).or_default();
            if v.last() != Some(&i) && !v.contains(&i) {
                v.push(i);
            }
        }
    }
    let mut shared: HashMap<(usize, usize), u32> = HashMap::default();
    for v in owners.values() {
        for (k, &a) in v.iter().enumerate() {
            for &b in &v[k + 1..] {
                *shared.entry((a.min(b), a.max(b))).or_default() += 1;
            }
        }
    }
    let mut out = vec![Vec::new(); count];
    for (&(a, b), &n) in &shared {
        if n >= 2 {
            out[a].push(b);
            out[b].push(a);
        }
    }
    for v in &mut out {
        v.sort_unstable();
    }
    out
}

/// The neighbours of each area of outlines given as flat parts (see `Mesh::parts`):
/// the areas sharing two or more points of its border.
pub fn of_parts(xy: Vec<f32>, rings: Vec<u32>, areas: Vec<u32>) -> Result<Vec<Vec<usize>>, &'static str> {
    Ok(crate::place::mesh::Mesh::from_parts([0.0, 0.0], xy, rings, areas)?.neighbours())
}

/// Neighbour lists flattened for crossing to another module: their number `n`, `n + 1`
/// starts, then the lists one after another.
///
/// ```
/// use needs_map::place::neighbours::{flatten, unflatten};
/// let nb = vec![vec![1, 2], vec![0], vec![0]];
/// assert_eq!(flatten(&nb), vec![3, 0, 2, 3, 4, 1, 2, 0, 0]);
/// assert_eq!(unflatten(&flatten(&nb)), Some(nb));
/// assert_eq!(unflatten(&[3, 0, 2]), None);
/// ```
pub fn flatten(nb: &[Vec<usize>]) -> Vec<u32> {
    let mut out = vec![nb.len() as u32, 0];
    for v in nb {
        out.push(out[out.len() - 1] + v.len() as u32);
    }
    out.extend(nb.iter().flatten().map(|&i| i as u32));
    out
}

/// The lists of [`flatten`], or `None` when the numbers do not fit together.
pub fn unflatten(flat: &[u32]) -> Option<Vec<Vec<usize>>> {
    let n = *flat.first()? as usize;
    let starts = flat.get(1..n + 2)?;
    let lists = &flat[n + 2..];
    starts.windows(2).map(|w| lists.get(w[0] as usize..w[1] as usize).map(|l| l.iter().map(|&i| i as usize).collect())).collect()
}

/// A direction on the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Left,
    Right,
    Up,
    Down,
}

impl Direction {
    pub fn parse(s: &str) -> Option<Direction> {
        match s {
            "left" => Some(Direction::Left),
            "right" => Some(Direction::Right),
            "up" => Some(Direction::Up),
            "down" => Some(Direction::Down),
            _ => None,
        }
    }
    fn unit(&self) -> [f64; 2] {
        match self {
            Direction::Left => [-1.0, 0.0],
            Direction::Right => [1.0, 0.0],
            Direction::Up => [0.0, -1.0],
            Direction::Down => [0.0, 1.0],
        }
    }
}

/// The centre of an area in pixels: the centroid of its largest ring.
pub fn centre(shape: &Shape) -> [f64; 2] {
    let ring = shape.rings.iter().max_by(|a, b| ring_area(a).abs().total_cmp(&ring_area(b).abs()));
    let Some(r) = ring else { return [0.0, 0.0] };
    let (mut cx, mut cy, mut a2) = (0.0, 0.0, 0.0);
    let n = r.len();
    for i in 0..n {
        let (p, q) = (r[i], r[(i + 1) % n]);
        let c = p[0] as f64 * q[1] as f64 - q[0] as f64 * p[1] as f64;
        a2 += c;
        cx += (p[0] as f64 + q[0] as f64) * c;
        cy += (p[1] as f64 + q[1] as f64) * c;
    }
    if a2.abs() < 1e-9 {
        let b = shape.bounds;
        return [(b.min[0] + b.max[0]) / 2.0, (b.min[1] + b.max[1]) / 2.0];
    }
    [cx / (3.0 * a2), cy / (3.0 * a2)]
}

fn ring_area(r: &[[f32; 2]]) -> f64 {
    let n = r.len();
    (0..n).map(|i| r[i][0] as f64 * r[(i + 1) % n][1] as f64 - r[(i + 1) % n][0] as f64 * r[i][1] as f64).sum::<f64>() / 2.0
}

/// The area to move to from `from` in `dir`: among its neighbours, the one whose centre lies
/// most nearly that way (within 70 degrees), nearer ones preferred; if no neighbour lies that
/// way (an island), the nearest area that does. `None` at the edge of the map.
pub fn step(shapes: &[Shape], neighbours: &[Vec<usize>], from: usize, dir: Direction) -> Option<usize> {
    let c = centre(&shapes[from]);
    let u = dir.unit();
    let score = |to: usize| -> Option<f64> {
        let d = centre(&shapes[to]);
        let v = [d[0] - c[0], d[1] - c[1]];
        let len = (v[0] * v[0] + v[1] * v[1]).sqrt();
        if len < 1e-9 {
            return None;
        }
        let cos = (v[0] * u[0] + v[1] * u[1]) / len;
        // cos 70 degrees = 0.342; distance grows with the angle off the arrow's line.
        (cos > 0.342).then_some(len * (2.0 - cos))
    };
    let best = |cands: &mut dyn Iterator<Item = usize>| {
        cands.filter_map(|t| score(t).map(|s| (s, t))).min_by(|a, b| a.0.total_cmp(&b.0)).map(|(_, t)| t)
    };
    best(&mut neighbours[from].iter().copied()).or_else(|| best(&mut (0..shapes.len()).filter(|&t| t != from)))
}
