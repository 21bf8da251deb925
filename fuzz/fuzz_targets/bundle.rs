//! Bundles: whatever reads must also draw.
#![no_main]
use libfuzzer_sys::fuzz_target;
use needs_map::scene::{Scene, View};

fuzz_target!(|data: &[u8]| {
    if let Ok(atlas) = needs_map::read::bundle::from_json(&String::from_utf8_lossy(data)) {
        for ind in &atlas.indicators {
            let _ = Scene::build(&atlas, &ind.id, &View::new(100.0, 100.0), None);
        }
    }
});
