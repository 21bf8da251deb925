//! Figures made from others: recipes and their aggregations, significance against a
//! benchmark, the composite need index and the postcode index.

pub mod aggregate;
pub mod change;
pub mod combine;
pub mod need;
pub mod postcode;
pub mod significance;
pub mod similar;

#[cfg(feature = "cli")]
pub mod council;
#[cfg(any(feature = "cli", feature = "convert"))]
pub mod figures;
#[cfg(feature = "cli")]
pub mod placed;
#[cfg(feature = "cli")]
pub mod recipe;
