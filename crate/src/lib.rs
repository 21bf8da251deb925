//! needs-map: small-area maps of need for Joint Strategic Needs Assessment pages.
//!
//! One pipeline, three faces. The folders are its stages, in the order data flows:
//!
//! - [`model`]: the [`Atlas`](model::atlas::Atlas) (layers of areas, indicators), geometry,
//!   coordinate systems and the [`Report`](model::report::Report) of located problems;
//! - [`read`]: files into the model (GeoJSON, TopoJSON, bundles, CSV tables);
//! - [`derive`]: figures made from others (recipes, aggregation, significance, the need
//!   index, the postcode index);
//! - [`style`]: classes, palettes and the words the map says;
//! - [`place`]: projection, outlines at every level of detail, neighbours;
//! - [`scene`]: what to draw, in pixels: the one scene every backend draws;
//! - [`draw`]: the raster, the laid-out picture and its painters (PNG, SVG, canvas), charts;
//! - [`widget`]: the widget's settings, state and answers, as plain Rust;
//! - `web`: the thin wasm-bindgen faces: the widget (feature `web`, what the first frame
//!   needs), what it loads on first use (`extra`: the exported picture, the keyboard's
//!   neighbours, the postcode index; `chart`: the profile chart) and the GeoJSON converter
//!   (`convert`). The features add up: any of them build together. The command line is
//!   `bin/needsmap.rs` (`cli`).
//!
//! Only `web` touches the browser; everything else compiles and is tested natively.
//!
//! ```
//! use needs_map::{read::bundle, scene::{Scene, View}};
//! let atlas = bundle::from_json(include_str!("../../tests/fixtures/hole_and_enclave.json")).unwrap();
//! let scene = Scene::build(&atlas, "value", &View::new(200.0, 200.0), None).unwrap();
//! assert_eq!(scene.shapes.len(), 2);
//! ```

pub mod derive;
pub mod draw;
pub mod model;
pub mod place;
pub mod read;
pub mod scene;
pub mod style;
pub mod widget;

#[cfg(target_arch = "wasm32")]
pub mod web;
