//! needs-map: small-area maps of need for Joint Strategic Needs Assessment pages.
//!
//! One pipeline, three faces (see DESIGN.md):
//! sources -> [`load`] -> [`atlas::Atlas`] -> [`scene::Scene`] -> pixels.
//! The core modules never touch the browser; the `web` module is the only one that does,
//! and the command line (`cli` feature) adds file I/O, recipes and PNG/SVG drawing.
//!
//! ```
//! use needs_map::{bundle, scene::{Scene, View}};
//! let atlas = bundle::from_json(include_str!("../../tests/fixtures/hole_and_enclave.json")).unwrap();
//! let scene = Scene::build(&atlas, "value", &View::new(200.0, 200.0), None).unwrap();
//! assert_eq!(scene.shapes.len(), 2);
//! ```

pub mod atlas;
pub mod bundle;
pub mod classify;
pub mod crs;
pub mod derive;
pub mod export;
pub mod geometry;
pub mod load;
pub mod mesh;
pub mod need;
pub mod neighbours;
pub mod palette;
pub mod pick;
pub mod postcode;
pub mod project;
pub mod raster;
pub mod report;
pub mod scan;
pub mod scene;
pub mod significance;
pub mod text;
pub mod topology;

#[cfg(feature = "cli")]
pub mod datafile;
#[cfg(feature = "cli")]
pub mod recipe;
#[cfg(feature = "cli")]
pub mod render;
#[cfg(feature = "cli")]
pub mod table;

#[cfg(any(feature = "cli", feature = "chart"))]
pub mod chart;
#[cfg(all(target_arch = "wasm32", feature = "chart"))]
pub mod chart_web;
#[cfg(all(target_arch = "wasm32", feature = "convert"))]
pub mod convert_web;
#[cfg(all(target_arch = "wasm32", not(feature = "convert"), not(feature = "chart")))]
pub mod web;
