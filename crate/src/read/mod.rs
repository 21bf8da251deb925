//! Reading files into the model: boundaries (GeoJSON, TopoJSON, in one pass where it can),
//! bundles, and CSV tables (tidy, Fingertips, the official files as published).

pub mod bundle;
pub mod fields;
pub mod load;
pub mod scan;

#[cfg(any(feature = "cli", feature = "convert"))]
pub mod datafile;
#[cfg(any(feature = "cli", feature = "convert"))]
pub mod table;
