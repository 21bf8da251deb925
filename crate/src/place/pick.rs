//! Which area is under a pixel: bounds first, then even-odd point-in-polygon on the few
//! candidates. Enough for hundreds of areas; the national scale adds an index.

use crate::scene::Scene;

/// Index into `scene.shapes` of the area at pixel `p`, topmost first (enclaves win).
///
/// ```
/// use needs_map::{read::bundle, place::pick::pick, scene::{Scene, View}};
/// let atlas = bundle::from_json(include_str!("../../../tests/fixtures/hole_and_enclave.json")).unwrap();
/// let s = Scene::build(&atlas, "value", &View::new(100.0, 100.0), None).unwrap();
/// assert_eq!(pick(&s, [50.0, 50.0]).map(|i| s.shapes[i].name.as_str()), Some("Enclave"));
/// assert_eq!(pick(&s, [-5.0, -5.0]), None);
/// ```
pub fn pick(scene: &Scene, p: [f64; 2]) -> Option<usize> {
    let (x, y) = (p[0] as f32, p[1] as f32);
    scene.shapes.iter().enumerate().rev().find_map(|(i, s)| {
        if !s.bounds.contains(p) {
            return None;
        }
        let mut inside = false;
        for ring in &s.rings {
            let n = ring.len();
            let mut j = n.wrapping_sub(1);
            for k in 0..n {
                let (a, b) = (ring[k], ring[j]);
                if (a[1] > y) != (b[1] > y) && x < (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]) + a[0] {
                    inside = !inside;
                }
                j = k;
            }
        }
        inside.then_some(i)
    })
}
