//! Pixels and pictures: the raster of area numbers behind the interactive map, the
//! picture laid out once for exports, the overlays drawn over the map on screen, and the
//! painters that draw them (SVG and PNG here, the canvas in `web`, a recorder for tests).

pub mod overlay;
pub mod painter;
pub mod picture;
pub mod raster;
pub mod record;
pub mod svg;
pub mod symbol;

#[cfg(any(feature = "cli", feature = "chart"))]
pub mod chart;
#[cfg(feature = "cli")]
pub mod png;
