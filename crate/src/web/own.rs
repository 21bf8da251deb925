//! The module loaded on first use of areas of one's own (a shift-click, shift+Enter,
//! `defineArea`, a link that has some): it keeps them (`derive::combine::OwnAreas`) with the
//! figures they are added up from, read from the map's bundle without its geometry; the
//! widget's module is given their outlines to draw. A module of its own: the bundle reader
//! and the rules are more than the keyboard and the exports should wait for.

use super::error;
use crate::derive::combine::{OwnArea, OwnAreas};
use crate::read::bundle;
use wasm_bindgen::prelude::*;

fn said(e: impl std::fmt::Display) -> JsValue {
    error(&e.to_string(), &[])
}

/// The areas of one's own of a map (see `derive::combine::OwnAreas`): kept here, in the
/// module loaded on first use, with the figures they are added up from; the widget's
/// module is given their outlines to draw.
#[wasm_bindgen]
pub struct Combiner {
    own: OwnAreas,
}

fn json(v: &impl serde::Serialize) -> Result<String, JsValue> {
    serde_json::to_string(v).map_err(said)
}

#[wasm_bindgen]
impl Combiner {
    /// From the map's bundle (its figures: the geometry is not read).
    #[wasm_bindgen(constructor)]
    pub fn new(bundle: &str) -> Result<Combiner, JsValue> {
        Ok(Combiner { own: OwnAreas::new(bundle::figures_of(bundle).map_err(said)?) })
    }

    /// Makes the areas `codes` (one code a line; none: the areas picked) one area called
    /// `name`: its figures as JSON (`derive::combine::CombinedArea`).
    pub fn define(&mut self, name: &str, codes: Option<String>) -> Result<String, JsValue> {
        let codes: Option<Vec<String>> = codes.map(|c| c.lines().map(str::to_string).collect());
        json(&self.own.define(name, codes.as_deref()).map_err(said)?)
    }

    /// Removes the area called `name`; whether there was one.
    pub fn remove(&mut self, name: &str) -> bool {
        self.own.remove(name)
    }

    /// Picks an area of `layer` to be made one, or lets it go.
    pub fn pick(&mut self, layer: &str, code: &str) -> Result<(), JsValue> {
        self.own.pick(layer, code).map_err(said)
    }

    /// The codes picked, as JSON.
    pub fn picked(&self) -> Result<String, JsValue> {
        json(&self.own.picked)
    }

    /// Every area with its figures (in `period` where an indicator has it), as JSON.
    pub fn combined(&self, period: Option<String>) -> Result<String, JsValue> {
        json(&self.own.combined(period.as_deref()))
    }

    /// The table rows of the areas on `layer` for `indicator`, as JSON.
    pub fn rows(&self, layer: &str, indicator: &str, period: Option<String>) -> Result<String, JsValue> {
        json(&self.own.rows(layer, indicator, period.as_deref()))
    }

    /// The profile of the area called `name` (as `NeedsMap.answer('profile')` gives an
    /// area's), as JSON; `null` when there is none of that name.
    pub fn profile(&self, name: &str) -> Result<String, JsValue> {
        json(&self.own.profile(name))
    }

    /// The profile of area `code` of `layer` (see `widget::answers::profile`), as JSON.
    #[wasm_bindgen(js_name = areaProfile)]
    pub fn area_profile(&self, layer: &str, code: &str) -> Result<String, JsValue> {
        json(&crate::widget::answers::profile(self.own.atlas(), layer, code).map_err(said)?)
    }

    /// Adds the page's own figures as the map was given them (`NeedsMap.addIndicator`).
    #[wasm_bindgen(js_name = addFigures)]
    pub fn add_figures(&mut self, layer: &str, id: &str, label: &str, polarity: &str, codes: &str, values: &[f64]) -> Result<(), JsValue> {
        let codes: Vec<&str> = if codes.is_empty() { Vec::new() } else { codes.split('\n').collect() };
        self.own.atlas_mut().add_figures(layer, id, label, polarity, &codes, values).map_err(said)
    }

    /// Their rows of the tidy CSV (no heading).
    pub fn csv(&self, layer: &str, indicator: &str, period: Option<String>) -> String {
        self.own.csv(layer, indicator, period.as_deref())
    }

    /// `[points, ring starts, first picked ring]` to draw over `layer` (`NeedsMap.setMarks`),
    /// from its outlines as `NeedsMap.meshParts` gives them.
    pub fn outlines(&self, layer: &str, xy: &[f32], rings: &[u32], areas: &[u32]) -> js_sys::Array {
        let (xy, starts, picked, alike) = self.own.outlines(layer, xy, rings, areas);
        [
            JsValue::from(js_sys::Float32Array::from(&xy[..])),
            JsValue::from(js_sys::Uint32Array::from(&starts[..])),
            JsValue::from(picked),
            JsValue::from(alike),
        ]
        .into_iter()
        .collect()
    }

    /// The five areas most like `code` as JSON, `{alike: [{code, name, distance}], method}`,
    /// kept to be outlined (`outlines`); `null` when `code` is no area of the map.
    pub fn similar(&mut self, code: &str) -> Result<String, JsValue> {
        #[derive(serde::Serialize)]
        struct Answer {
            alike: Vec<crate::derive::similar::Alike>,
            method: String,
        }
        json(&self.own.similar(code).map(|(alike, method)| Answer { alike, method }))
    }

    /// The areas as a link keeps them: `["code,code:name", ...]`, as JSON.
    pub fn texts(&self) -> Result<String, JsValue> {
        json(&self.own.areas.iter().map(OwnArea::to_text).collect::<Vec<_>>())
    }

    /// Defines the groups of a page's file (`groups=`, a CSV of area code and group name):
    /// their names as JSON, or an error listing every problem by line.
    pub fn groups(&mut self, text: &str, file: &str) -> Result<String, JsValue> {
        match self.own.groups(text, file) {
            Ok(names) => json(&names),
            Err(problems) => Err(error(&format!("{file} could not be read as groups of areas: {}", problems[0]), &problems)),
        }
    }

    /// Defines an area from its link text (`"code,code:name"`).
    pub fn restore(&mut self, text: &str) -> Result<(), JsValue> {
        let a = OwnArea::parse(text).map_err(said)?;
        self.own.define(&a.name, Some(&a.codes)).map(drop).map_err(said)
    }
}
