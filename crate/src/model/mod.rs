//! The model everything reads: the atlas of layers, areas and indicators, and the plain
//! geometry, coordinate systems and problem reports around it.

pub mod atlas;
pub mod crs;
pub mod geometry;
pub mod report;
