//! Where areas fall: projection, outlines at every level of detail, shared borders,
//! neighbours and hit-testing.

pub mod label;
pub mod mesh;
pub mod neighbours;
pub mod order;
pub mod pick;
pub mod project;
pub mod topology;
pub mod union;
