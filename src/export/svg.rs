//! The SVG backend: translates a [`Picture`] (the one layout of the map, see
//! [`crate::scene::layout`]) into SVG. Areas come from the cached levels of detail, clipped to
//! the page; text is real `<text>` in the embedded font (declared by `@font-face` in the SVG
//! users get, resolved from the font database when rasterising to PNG or converting to PDF).

use super::{ExportScene, MapPage};
use crate::escape::xml as escape;
use crate::scene::geometry::{AreaLevel, WorldPoint};
use crate::scene::layout::{self, LegendMode, Shown};
use crate::scene::marks::OverlayToggles;
use crate::scene::picture::{Item, Picture, Stroke, Text};
use crate::scene::style::Rgba;
use crate::scene::symbols;
use crate::scene::text::{ExportFont, font};
use crate::scene::view::{Align, ScreenPoint, ScreenRect, View};
use std::collections::HashSet;
use std::fmt::Write as _;

/// A point on the page, y down.
type PagePoint = ScreenPoint;

/// A box on the page: min x, min y, max x, max y.
type Boxed = [f32; 4];

fn boxes_overlap(a: &Boxed, b: &Boxed) -> bool {
    a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3]
}

/// `#rrggbb` and the opacity of a style colour.
fn hex(c: Rgba) -> String {
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

fn paint_attr(name: &str, c: Rgba) -> String {
    if c[3] == 255 {
        format!(r#" {name}="{}""#, hex(c))
    } else {
        format!(
            r#" {name}="{}" {name}-opacity="{:.3}""#,
            hex(c),
            f32::from(c[3]) / 255.0
        )
    }
}

/// Appends a polyline or ring as SVG path data, dropping points that round to the previous one.
fn push_path(d: &mut String, points: impl IntoIterator<Item = PagePoint>, close: bool) {
    let mut last: Option<(i64, i64)> = None;
    let mut count = 0;
    for p in points {
        let q = ((p[0] * 10.0).round() as i64, (p[1] * 10.0).round() as i64);
        if last == Some(q) {
            continue;
        }
        let _ = write!(
            d,
            "{}{} {}",
            if count == 0 { "M" } else { " " },
            Tenths(q.0),
            Tenths(q.1)
        );
        last = Some(q);
        count += 1;
    }
    if close && count > 0 {
        d.push('Z');
    }
}

/// A number of tenths written as a decimal ("-12.3", "4").
struct Tenths(i64);

impl std::fmt::Display for Tenths {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let a = self.0.unsigned_abs();
        if a.is_multiple_of(10) {
            write!(f, "{sign}{}", a / 10)
        } else {
            write!(f, "{sign}{}.{}", a / 10, a % 10)
        }
    }
}

/// Clips a closed ring to an axis-aligned box (Sutherland–Hodgman). Concave rings come out with
/// zero-width edges along the box, which neither fill nor show (the box lies off the page).
fn clip_ring(ring: &[PagePoint], b: &Boxed) -> Vec<PagePoint> {
    let mut out: Vec<PagePoint> = ring.to_vec();
    // Each edge: (axis, limit, keep values >= limit?).
    for (axis, limit, keep_greater) in [
        (0, b[0], true),
        (0, b[2], false),
        (1, b[1], true),
        (1, b[3], false),
    ] {
        if out.is_empty() {
            break;
        }
        let inside = |p: &PagePoint| {
            if keep_greater {
                p[axis] >= limit
            } else {
                p[axis] <= limit
            }
        };
        let input = std::mem::take(&mut out);
        let Some(mut prev) = input.last().copied() else {
            break;
        };
        for &p in &input {
            let (pi, qi) = (inside(&prev), inside(&p));
            if pi != qi {
                let t = (limit - prev[axis]) / (p[axis] - prev[axis]);
                let other = 1 - axis;
                let mut x = [0.0; 2];
                x[axis] = limit;
                x[other] = prev[other] + t * (p[other] - prev[other]);
                out.push(x);
            }
            if qi {
                out.push(p);
            }
            prev = p;
        }
    }
    out
}

fn ring_box(ring: &[PagePoint]) -> Boxed {
    let mut b = [
        f32::INFINITY,
        f32::INFINITY,
        f32::NEG_INFINITY,
        f32::NEG_INFINITY,
    ];
    for p in ring {
        b = [
            b[0].min(p[0]),
            b[1].min(p[1]),
            b[2].max(p[0]),
            b[3].max(p[1]),
        ];
    }
    b
}

/// The view of `page` at `size`: its extent fitted to the page, or, under a title panel, into
/// the part of the page the panel leaves free (as presentation mode fits a step).
pub fn page_view(page: &MapPage, size: (u32, u32)) -> View {
    let (w, h) = (f64::from(size.0), f64::from(size.1));
    let rect = ScreenRect::new([0.0, 0.0], [w as f32, h as f32]);
    let panel = page.title_panel().filter(|_| page.below_title);
    View::fit_within(
        page.extent,
        page.margin,
        [w, h],
        layout::step_pad_below(panel.as_ref(), rect),
    )
}

/// Lays out `page` of `scene` on a page of `size` (pixels for PNG, points for SVG and PDF): the
/// same layout the window runs, with the page's title panel and footer.
pub fn page_picture<'a>(
    scene: &'a ExportScene,
    page: &MapPage,
    view: &View,
    hidden: &HashSet<String>,
) -> Picture<'a> {
    let content = scene.content();
    let footer = format!(
        "{} · Armistice · borders: Natural Earth",
        scene.scenario.title
    );
    let title = page.title_panel();
    let selected = HashSet::new();
    let belt = scene.belt(hidden);
    let shown = Shown {
        layers: page.layers,
        hidden,
        marks: if page.findings {
            OverlayToggles::ALL
        } else {
            OverlayToggles::NONE
        },
        plan_marks: page.features.is_none(),
        selected: &selected,
        land: true,
        legend: if page.legend {
            LegendMode::Open
        } else {
            LegendMode::Hidden
        },
        scale_bar: true,
        title,
        footer: Some(footer.as_str()),
        reserved: &[],
        focus: None,
        belt: &belt,
    };
    layout::layout(&content, &shown, view)
}

/// Draws `page` of `scene` as SVG on a page of `size`.
pub fn page_svg(scene: &ExportScene, page: &MapPage, size: (u32, u32)) -> String {
    let view = page_view(page, size);
    let hidden = scene.hidden_by(page);
    let picture = page_picture(scene, page, &view, &hidden);
    picture_svg(&picture, &view, size)
}

/// Translates `picture`, laid out for `view`, into an SVG document of `size`.
pub fn picture_svg(picture: &Picture<'_>, view: &View, size: (u32, u32)) -> String {
    let font = font();
    let (w, h) = size;
    let mut c = Canvas {
        out: String::with_capacity(1 << 20),
        view: *view,
        font,
        clip: [-8.0, -8.0, w as f32 + 8.0, h as f32 + 8.0],
    };
    let _ = writeln!(
        c.out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}">"#
    );
    symbol_defs(&mut c.out, picture);
    let _ = writeln!(
        c.out,
        r#"<g font-family="{}" text-rendering="geometricPrecision">"#,
        escape(&font.family)
    );
    for item in &picture.items {
        c.item(item);
    }
    c.out.push_str("</g>\n</svg>\n");
    c.out
}

/// Each distinct symbol of `picture` once, in order of first use (byte-stable), as `<defs>`:
/// forces draw them with `<use>`, so a page of thousands of forces holds each symbol's paths
/// once instead of once per force.
fn symbol_defs(out: &mut String, picture: &Picture<'_>) {
    let mut seen = HashSet::new();
    for item in &picture.items {
        if let Item::Symbol(s) = item
            && seen.insert(s.symbol.drawn)
        {
            if seen.len() == 1 {
                out.push_str("<defs>\n");
            }
            let _ = writeln!(out, "{}", symbols::svg_def(&s.symbol));
        }
    }
    if !seen.is_empty() {
        out.push_str("</defs>\n");
    }
}

/// Builds the SVG text of a page.
struct Canvas<'f> {
    out: String,
    view: View,
    font: &'f ExportFont,
    /// Rings are clipped to this box: the page and a margin.
    clip: Boxed,
}

fn dash_attr(dash: Option<[f32; 2]>) -> String {
    dash.map_or_else(String::new, |[on, off]| {
        format!(r#" stroke-dasharray="{on} {off}""#)
    })
}

fn stroke_attrs(stroke: Option<Stroke>) -> String {
    stroke.map_or_else(
        || r#" stroke="none""#.to_owned(),
        |s| {
            format!(
                r#"{} stroke-width="{}""#,
                paint_attr("stroke", s.colour),
                s.width
            )
        },
    )
}

fn fill_attrs(fill: Option<Rgba>) -> String {
    fill.map_or_else(|| r#" fill="none""#.to_owned(), |f| paint_attr("fill", f))
}

impl Canvas<'_> {
    fn page(&self, p: WorldPoint) -> PagePoint {
        self.view.screen(p)
    }

    /// Appends the rings of `level` to `d`, clipped to the page; rings smaller than `min_px`
    /// are left out.
    fn area_path(&self, d: &mut String, level: &AreaLevel, min_px: f32) {
        for ring in &level.rings {
            let pts: Vec<PagePoint> = ring.iter().map(|p| self.page(*p)).collect();
            let b = ring_box(&pts);
            if (b[2] - b[0]).max(b[3] - b[1]) < min_px || !boxes_overlap(&b, &self.clip) {
                continue;
            }
            let inside = b[0] >= self.clip[0]
                && b[1] >= self.clip[1]
                && b[2] <= self.clip[2]
                && b[3] <= self.clip[3];
            if inside {
                push_path(d, pts, true);
            } else {
                let clipped = clip_ring(&pts, &self.clip);
                if clipped.len() >= 3 {
                    push_path(d, clipped, true);
                }
            }
        }
    }

    /// Lines end where they end (SVG's default butt caps, as the window's backend draws them):
    /// round caps drew a short unmonitored stretch as a blob wider than the stretch, and only
    /// in the exports.
    fn stroke_path(&mut self, d: &str, stroke: Stroke, dash: Option<[f32; 2]>) {
        if !d.is_empty() {
            let _ = writeln!(
                self.out,
                r#"<path d="{d}" fill="none"{} stroke-linejoin="round"{}/>"#,
                stroke_attrs(Some(stroke)),
                dash_attr(dash)
            );
        }
    }

    fn item(&mut self, item: &Item<'_>) {
        match item {
            Item::Fills(parts) => {
                // Grouped by colour, in order of first use.
                let mut groups: Vec<(Rgba, String)> = Vec::new();
                for (level, colour) in parts {
                    let index = match groups.iter().position(|(c, _)| c == colour) {
                        Some(i) => i,
                        None => {
                            groups.push((*colour, String::new()));
                            groups.len() - 1
                        }
                    };
                    if let Some((_, d)) = groups.get_mut(index) {
                        self.area_path(d, level, 0.5);
                    }
                }
                for (colour, d) in groups {
                    if !d.is_empty() {
                        let _ = writeln!(
                            self.out,
                            r#"<path d="{d}"{} fill-rule="evenodd"/>"#,
                            paint_attr("fill", colour)
                        );
                    }
                }
            }
            Item::Outlines {
                levels,
                stroke,
                dash,
            } => {
                let mut d = String::new();
                for level in levels {
                    self.area_path(&mut d, level, 1.5);
                }
                self.stroke_path(&d, *stroke, *dash);
            }
            Item::Line {
                points,
                stroke,
                dash,
                ..
            } => {
                let mut d = String::new();
                push_path(&mut d, points.iter().map(|p| self.page(*p)), false);
                self.stroke_path(&d, *stroke, *dash);
            }
            Item::Hatch { segments, stroke } => {
                let mut d = String::new();
                for [a, b] in segments.iter() {
                    let (a, b) = (self.page(*a), self.page(*b));
                    let bx = [
                        a[0].min(b[0]),
                        a[1].min(b[1]),
                        a[0].max(b[0]),
                        a[1].max(b[1]),
                    ];
                    if boxes_overlap(&bx, &self.clip) {
                        push_path(&mut d, [a, b], false);
                    }
                }
                self.stroke_path(&d, *stroke, None);
            }
            Item::Path {
                points,
                closed,
                fill,
                stroke,
                dash,
            } => {
                let mut d = String::new();
                push_path(&mut d, points.iter().copied(), *closed);
                if d.is_empty() {
                    return;
                }
                let _ = writeln!(
                    self.out,
                    r#"<path d="{d}"{}{} stroke-linejoin="round"{}/>"#,
                    fill_attrs(if *closed { *fill } else { None }),
                    stroke_attrs(*stroke),
                    dash_attr(*dash)
                );
            }
            Item::Circle {
                centre,
                radius,
                fill,
                stroke,
            } => {
                let _ = writeln!(
                    self.out,
                    r#"<circle cx="{:.1}" cy="{:.1}" r="{radius}"{}{}/>"#,
                    centre[0],
                    centre[1],
                    fill_attrs(*fill),
                    stroke_attrs(*stroke)
                );
            }
            Item::Rect {
                rect,
                radius,
                fill,
                stroke,
            } => {
                // The stroke lies inside the rectangle, as egui's.
                let inset = stroke.map_or(0.0, |s| s.width / 2.0);
                let r = rect.expand(-inset);
                let _ = writeln!(
                    self.out,
                    r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="{}"{}{}/>"#,
                    r.min[0],
                    r.min[1],
                    r.width().max(0.0),
                    r.height().max(0.0),
                    (radius - inset).max(0.0),
                    fill_attrs(*fill),
                    stroke_attrs(*stroke)
                );
            }
            Item::Text(t) => self.text(t),
            Item::Symbol(s) => {
                if s.highlighted {
                    let [x0, y0, x1, y1] = s.placement.frame;
                    let _ = writeln!(
                        self.out,
                        r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="3"{}/>"#,
                        x0 - 4.0,
                        y0 - 4.0,
                        x1 - x0 + 8.0,
                        y1 - y0 + 8.0,
                        paint_attr("fill", symbols::HIGHLIGHT)
                    );
                }
                let _ = writeln!(self.out, "{}", symbols::svg_use(&s.symbol, &s.placement));
            }
        }
    }

    /// One line of text, at the box the layout measured; with a halo, a light outline behind.
    fn text(&mut self, t: &Text) {
        let baseline = t.rect.min[1] + self.font.ascent(t.size);
        let (x, anchor) = match t.align.0 {
            Align::Start => (t.rect.min[0], "start"),
            Align::Center => (t.rect.center()[0], "middle"),
            Align::End => (t.rect.max[0], "end"),
        };
        let extra = if t.bold {
            // One font only (for byte-stable PDFs): a hairline stroke makes it heavier.
            format!(r#"{} stroke-width="0.7""#, paint_attr("stroke", t.colour))
        } else if t.halo {
            format!(
                r#"{} stroke-width="{}" stroke-linejoin="round" paint-order="stroke""#,
                paint_attr("stroke", crate::scene::style::HALO),
                crate::scene::style::HALO_WIDTH
            )
        } else {
            String::new()
        };
        let _ = writeln!(
            self.out,
            r#"<text x="{x:.1}" y="{baseline:.1}" font-size="{}" text-anchor="{anchor}"{}{extra}>{}</text>"#,
            t.size,
            paint_attr("fill", t.colour),
            escape(&t.text)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ring_clipping_keeps_what_is_inside() {
        let square = [[-10.0, -10.0], [10.0, -10.0], [10.0, 10.0], [-10.0, 10.0]];
        let clipped = clip_ring(&square, &[0.0, 0.0, 100.0, 100.0]);
        let b = ring_box(&clipped);
        assert_eq!(b, [0.0, 0.0, 10.0, 10.0]);
        assert!(clip_ring(&square, &[50.0, 50.0, 60.0, 60.0]).is_empty());
    }

    #[test]
    fn path_data_is_compact_and_skips_repeats() {
        let mut d = String::new();
        push_path(&mut d, [[1.0, 2.04], [1.01, 2.0], [-3.25, 4.0]], true);
        assert_eq!(d, "M1 2 -3.3 4Z");
    }
}
