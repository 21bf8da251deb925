//! A page without scripts: the view as a figure of plain HTML (the map as inline SVG named by
//! the summary in words, the legend and attribution drawn in it, and the table of areas), for
//! content systems that strip scripts, and shown inside `<needs-map>` until the widget is
//! ready (or kept if it cannot start). No style, script or `data:` image: it passes the
//! README's content security policy as it is.

use super::{Widget, WidgetError};
use crate::draw::picture;
use crate::draw::svg::{esc, SvgPainter};
use std::fmt::Write;

impl Widget {
    /// The view as a `<figure>`: the map (`role="img"`, named by [`summary`](Self::summary)),
    /// its words, and a `<table>` with a row per area.
    ///
    /// ```
    /// use needs_map::widget::Widget;
    /// let mut w = Widget::from_bundle(include_str!("../../../data/coventry.json")).unwrap();
    /// let f = w.figure(960, 720).unwrap();
    /// assert!(f.starts_with("<figure class=\"needs-map-figure\">") && f.matches("<tr>").count() == 19);
    /// ```
    pub fn figure(&mut self, width: u32, height: u32) -> Result<String, WidgetError> {
        let p = self.picture(width, height)?;
        let summary = self.summary();
        let mut svg = SvgPainter::new(width, height, &summary, "nm-figure");
        picture::draw(&mut svg, &p, width, height);
        let t = self.table();
        let mut out = String::from("<figure class=\"needs-map-figure\">\n");
        out.push_str(&svg.finish());
        let _ = writeln!(out, "<figcaption><p>{}</p><p>Source: {}</p></figcaption>", esc(&summary), esc(&self.words().attribution));
        let _ = write!(out, "<table>\n<caption>{}</caption>\n<thead><tr>", esc(&t.caption));
        let mut heads = vec![t.area.as_str(), t.value.as_str(), "Rank"];
        if t.compared {
            heads.push("Compared with England");
        }
        for h in heads {
            let _ = write!(out, "<th scope=\"col\">{}</th>", esc(h));
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for r in &t.rows {
            let _ = write!(out, "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td>", esc(&r.name), esc(&r.value_text), esc(&r.rank_text));
            if t.compared {
                let _ = write!(out, "<td>{}</td>", esc(&r.comparison));
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n</table>\n</figure>\n");
        Ok(out)
    }

    /// [`figure`](Self::figure) as a page of its own (`needsmap render ... --out map.html`).
    pub fn static_page(&mut self, width: u32, height: u32) -> Result<String, WidgetError> {
        let figure = self.figure(width, height)?;
        let title = self.words().title;
        Ok(format!(
            "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n</head>\n<body>\n<main>\n<h1>{}</h1>\n{figure}</main>\n</body>\n</html>\n",
            esc(&title),
            esc(&title)
        ))
    }
}
