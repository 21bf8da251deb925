//! The size and framing of a map, and how its values are classed: what a scene is built
//! with. The widget makes one from its settings for each picture.

use crate::model::geometry::Bounds;
use crate::place::project::Projection;
use crate::style::classify::Method;

/// The size and framing of the map, and how values are classed.
#[derive(Debug, Clone, PartialEq)]
pub struct View {
    pub width: f64,
    pub height: f64,
    /// Empty pixels kept around the areas.
    pub margin: f64,
    /// 1 shows the whole layer; 2 doubles the scale about `centre`.
    pub zoom: f64,
    /// Longitude/latitude at the middle of the view; `None` is the layer's middle.
    pub centre: Option<[f64; 2]>,
    pub classes: usize,
    pub method: Method,
    /// Upper bounds for `Method::Custom`.
    pub custom: Vec<f64>,
    /// The lower end of the first custom class, where it is not the smallest value, and the
    /// classes in words for the legend's note: a change view's scale starts as far below no
    /// change as it ends above, "of equal width either side of no change".
    pub floor: Option<(f64, &'static str)>,
    /// The indicator's period to show; `None` is the latest.
    pub period: Option<String>,
    /// Classes from the values of every period (the same colour is the same value in each).
    pub fixed: bool,
    /// A scheme id from `palette::SCHEMES`; `None` is the polarity's default.
    pub palette: Option<String>,
    /// Project every area's rings (exports). The interactive map turns it off and places
    /// rings from a coarsened `mesh::Mesh` instead, so a pan does not re-project the data.
    pub outlines: bool,
    /// The longitude/latitude bounds fitted at zoom 1; `None` measures the layer (every
    /// point), which the interactive map does once and keeps.
    pub extent: Option<Bounds>,
}

impl View {
    /// The projection that frames `extent` (longitude/latitude) in this view.
    pub fn projection(&self, extent: &Bounds) -> Projection {
        Projection::fit(extent, self.width, self.height, self.margin, self.zoom, self.centre)
    }

    /// The whole layer in `width` x `height` pixels, five quantile classes.
    pub fn new(width: f64, height: f64) -> View {
        View {
            width,
            height,
            margin: 8.0,
            zoom: 1.0,
            centre: None,
            classes: 5,
            method: Method::Quantile,
            custom: Vec::new(),
            floor: None,
            period: None,
            fixed: false,
            palette: None,
            outlines: true,
            extent: None,
        }
    }
}
