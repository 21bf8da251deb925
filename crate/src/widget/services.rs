//! Services on the map (GP practices, pharmacies ...): which are shown, where, which one a
//! pointer is on, and which lie in an area, so that a keyboard reaches each from its area.

use super::Widget;
use crate::draw::picture::Symbol;
use crate::draw::symbol;
use crate::model::atlas::{Service, ServiceKind};
use serde::Serialize;

/// A kind of service, for its toggle.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KindInfo {
    pub id: String,
    pub label: String,
    pub shape: String,
    pub color: String,
    pub count: usize,
}

/// A service shown, with where it is on the map.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceRef {
    /// `kind:index`, as the highlight takes it.
    pub key: String,
    pub text: String,
    pub x: f64,
    pub y: f64,
}

/// "GP practice: Foleshill Health Centre, Foleshill Road, Coventry, CV6 5AE".
fn words(k: &ServiceKind, p: &Service) -> String {
    if p.address.is_empty() {
        format!("{}: {}, {}", k.singular, p.name, p.postcode)
    } else {
        format!("{}: {}, {}, {}", k.singular, p.name, p.address, p.postcode)
    }
}

impl Widget {
    /// The bundle's kinds of service.
    pub fn service_kinds(&self) -> Vec<KindInfo> {
        let services = &self.atlas.services;
        services
            .iter()
            .enumerate()
            .map(|(i, k)| KindInfo {
                id: k.id.clone(),
                label: k.label.clone(),
                shape: k.shape.clone(),
                color: symbol::colour(i).hex(),
                count: k.points.len(),
            })
            .collect()
    }

    /// A service by its key (`gp:3`): the kind's order, the kind and the service.
    pub(crate) fn service(&self, key: &str) -> Option<(usize, &ServiceKind, &Service)> {
        let (kind, i) = key.split_once(':')?;
        let (ki, k) = self.atlas.services.iter().enumerate().find(|(_, k)| k.id == kind)?;
        Some((ki, k, k.points.get(i.parse::<usize>().ok()?)?))
    }

    /// The shown services, each with its kind's order, its index and place in CSS pixels.
    fn shown_services(&self) -> impl Iterator<Item = (usize, usize, &ServiceKind, &Service, [f64; 2])> {
        let projection = self.scene.as_ref().map(|s| s.projection);
        self.atlas
            .services
            .iter()
            .enumerate()
            .filter(|(_, k)| self.settings.services.contains(&k.id))
            .flat_map(move |(ki, k)| k.points.iter().enumerate().filter_map(move |(i, p)| Some((ki, i, k, p, projection?.to_pixel(p.at)))))
    }

    /// The shown services' symbols within `margin` CSS pixels of the view.
    pub fn service_symbols(&self, margin: f64) -> Vec<Symbol> {
        let Some(size) = self.size else { return Vec::new() };
        self.shown_services()
            .filter(|(.., [x, y])| *x >= -margin && *y >= -margin && *x <= size.width + margin && *y <= size.height + margin)
            .map(|(ki, _, k, _, [x, y])| Symbol { shape: k.shape.clone(), at: [x as f32, y as f32], colour: symbol::colour(ki) })
            .collect()
    }

    /// The shown services in the view, or with `area`, those inside that area.
    ///
    /// ```
    /// use needs_map::widget::{settings::Change, Widget};
    /// let mut w = Widget::from_bundle(include_str!("../../../data/coventry.json")).unwrap();
    /// w.resize(960.0, 720.0, 1.0).unwrap();
    /// w.set_view(vec![Change::Services(vec!["gp".into()])]).unwrap();
    /// assert_eq!(w.services_in(None).len(), 50);
    /// ```
    pub fn services_in(&mut self, area: Option<&str>) -> Vec<ServiceRef> {
        let inside = area.map(|c| self.layer().index_of(c));
        let (size, i) = (self.size, self.layer_mesh());
        let mesh = self.details[i].1.full();
        self.shown_services()
            .filter(|(.., p, [x, y])| match inside {
                Some(Some(a)) => mesh.contains(a, p.at),
                Some(None) => false,
                None => size.is_some_and(|s| *x >= 0.0 && *y >= 0.0 && *x <= s.width && *y <= s.height),
            })
            .map(|(_, i, k, p, [x, y])| ServiceRef { key: format!("{}:{i}", k.id), text: words(k, p), x, y })
            .collect()
    }

    /// The shown service within 8 CSS pixels of a point, nearest first: its key.
    pub fn service_at(&self, x: f64, y: f64) -> Option<String> {
        self.shown_services()
            .map(|(_, i, k, _, [px, py])| ((px - x).hypot(py - y), i, k))
            .filter(|(d, ..)| *d <= 8.0)
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, i, k)| format!("{}:{i}", k.id))
    }

    /// What a service is, in words.
    pub fn service_text(&self, key: &str) -> Option<String> {
        self.service(key).map(|(_, k, p)| words(k, p))
    }
}
