//! A painter that lists what it is asked to draw: tests read a picture's words and shapes
//! from it, whichever backend would have drawn them.

use crate::draw::painter::{Fill, Font, Frame, Painter, Rings};
use crate::style::palette::Rgb;
use crate::style::pattern::Pattern;

/// One call to a painter.
#[derive(Debug, Clone, PartialEq)]
pub enum Call {
    Fill { rings: usize, points: usize, colour: Rgb, pattern: Pattern, area: Option<String> },
    Stroke { rings: usize, points: usize, colour: Rgb, width: f32 },
    Text { at: [f32; 2], text: String, font: Font, colour: Rgb },
    Frame(Option<Frame>),
}

/// Records every call, in order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Recorder {
    pub calls: Vec<Call>,
}

impl Recorder {
    /// The texts written, in order.
    pub fn texts(&self) -> Vec<&str> {
        self.calls
            .iter()
            .filter_map(|c| match c {
                Call::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }
}

impl Painter for Recorder {
    fn fill(&mut self, rings: &Rings, fill: Fill) {
        self.calls.push(Call::Fill {
            rings: rings.len(),
            points: rings.iter().map(|r| r.len()).sum(),
            colour: fill.colour,
            pattern: fill.pattern,
            area: fill.area.map(|(code, _)| code.to_string()),
        });
    }
    fn stroke(&mut self, rings: &Rings, colour: Rgb, width: f32) {
        self.calls.push(Call::Stroke { rings: rings.len(), points: rings.iter().map(|r| r.len()).sum(), colour, width });
    }
    /// One call, as the text it writes (the halo is how, not what).
    fn halo_text(&mut self, at: [f32; 2], text: &str, font: Font, colour: Rgb, _halo: Rgb) {
        self.text(at, text, font, colour);
    }
    fn text(&mut self, at: [f32; 2], text: &str, font: Font, colour: Rgb) {
        self.calls.push(Call::Text { at, text: text.to_string(), font, colour });
    }
    fn frame(&mut self, frame: Option<Frame>) {
        self.calls.push(Call::Frame(frame));
    }
}
