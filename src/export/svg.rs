//! Draws one map page as SVG, with the window's styles: the prepared scene at the level of detail
//! for the page's scale, the scenario, labels placed without overlap, legend, scale bar, the
//! step's title and caption and its findings badges.

use super::text::{ExportFont, font};
use super::{BadgeLevel, Layers, MapPage};
use crate::model::Scenario;
use crate::model::scenario::NationLists;
use crate::model::sidc::Identity;
use crate::scene::geometry::{
    PreparedArea, PreparedLine, TILE_PX, WorldPoint, WorldRect, lonlat_from_world,
    world_from_lonlat,
};
use crate::scene::style::{self, Rgba};
use crate::scene::symbology::{self, Symbol};
use crate::scene::symbols::{self, SymbolPlacement, short_strength};
use crate::scene::{BaseScene, CountryRole, DONBAS, PROPOSAL_COLOURS, ScenarioScene, country_role};
use std::fmt::Write as _;

/// A point on the page, y down.
type PagePoint = [f32; 2];

/// What a page draws from: the prepared bundled layers and the scenario.
pub struct PageContent<'a> {
    /// The bundled layers, prepared.
    pub base: &'a BaseScene,
    /// The front line to draw: the scenario's own, or the bundled one.
    pub front_line: &'a PreparedLine,
    /// The occupied area behind that front line.
    pub occupied: &'a PreparedArea,
    /// The plan.
    pub scenario: &'a Scenario,
    /// Its lines and areas, prepared.
    pub scenario_scene: &'a ScenarioScene,
}

/// Largest zoom a page is drawn at (the exact geometry is used from zoom 12 on anyway).
const MAX_ZOOM: f64 = 18.0;
/// Earth's equatorial radius (WGS84), m: Web Mercator's sphere.
const EARTH_RADIUS_M: f64 = 6_378_137.0;

/// Maps world units (normalised Web Mercator relative to the scene origin) to page units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageTransform {
    /// Where the world origin lies on the page.
    pub origin_in_page: [f64; 2],
    /// Page units per world unit.
    pub scale: f64,
    /// The slippy-map zoom this scale corresponds to, for the level of detail.
    pub zoom: f64,
    /// Page width.
    pub width: f64,
    /// Page height.
    pub height: f64,
}

impl PageTransform {
    /// The transform that shows `extent` ([min_lon, min_lat, max_lon, max_lat]) centred on a
    /// page of `size`, filling `margin` of it along the tighter side (as the window's fit).
    pub fn fit(extent: [f64; 4], margin: f64, size: (u32, u32)) -> Self {
        let (width, height) = (f64::from(size.0), f64::from(size.1));
        let a = world_from_lonlat(extent[0], extent[3]);
        let b = world_from_lonlat(extent[2], extent[1]);
        let (w, h) = ((b[0] - a[0]).abs().max(1e-9), (b[1] - a[1]).abs().max(1e-9));
        let scale = (width * margin / w).min(height * margin / h);
        let zoom = (scale / TILE_PX).log2().clamp(0.0, MAX_ZOOM);
        let scale = TILE_PX * 2f64.powf(zoom);
        let center = [(a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0];
        Self {
            origin_in_page: [
                width / 2.0 - center[0] * scale,
                height / 2.0 - center[1] * scale,
            ],
            scale,
            zoom,
            width,
            height,
        }
    }

    /// The page position of a world point.
    #[inline]
    pub fn page(&self, p: WorldPoint) -> PagePoint {
        [
            (self.origin_in_page[0] + f64::from(p[0]) * self.scale) as f32,
            (self.origin_in_page[1] + f64::from(p[1]) * self.scale) as f32,
        ]
    }

    fn world(&self, p: [f64; 2]) -> [f64; 2] {
        [
            (p[0] - self.origin_in_page[0]) / self.scale,
            (p[1] - self.origin_in_page[1]) / self.scale,
        ]
    }

    /// The world rectangle the page shows, grown by `margin` page units on every side.
    pub fn visible_world(&self, margin: f64) -> WorldRect {
        let min = self.world([-margin, -margin]);
        let max = self.world([self.width + margin, self.height + margin]);
        WorldRect {
            min: [min[0] as f32, min[1] as f32],
            max: [max[0] as f32, max[1] as f32],
        }
    }

    /// The page's extent as [min_lon, min_lat, max_lon, max_lat].
    pub fn extent(&self) -> [f64; 4] {
        let [w, n] = lonlat_from_world(self.world([0.0, 0.0]));
        let [e, s] = lonlat_from_world(self.world([self.width, self.height]));
        [w, s, e, n]
    }

    /// Page units per metre on the ground at the page's centre.
    pub fn units_per_m(&self) -> f64 {
        let [_, lat] = lonlat_from_world(self.world([self.width / 2.0, self.height / 2.0]));
        self.scale / (std::f64::consts::TAU * EARTH_RADIUS_M * lat.to_radians().cos())
    }
}

/// The smallest population of a city labelled at `zoom`: the window's thresholds
/// (`ui::paint::min_population`, kept equal by a test).
pub fn city_min_population(zoom: f64) -> u64 {
    match zoom {
        z if z < 5.0 => 500_000,
        z if z < 6.0 => 150_000,
        z if z < 7.0 => 50_000,
        _ => 0,
    }
}

/// A box on the page: min x, min y, max x, max y.
type Boxed = [f32; 4];

fn boxes_overlap(a: &Boxed, b: &Boxed) -> bool {
    a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3]
}

fn expand(b: Boxed, by: f32) -> Boxed {
    [b[0] - by, b[1] - by, b[2] + by, b[3] + by]
}

/// Keeps labels apart: a label is placed only where it overlaps none placed before.
#[derive(Debug, Default)]
struct LabelPlacer {
    placed: Vec<Boxed>,
}

impl LabelPlacer {
    fn is_free(&self, b: &Boxed) -> bool {
        !self.placed.iter().any(|p| boxes_overlap(p, b))
    }

    fn try_place(&mut self, b: Boxed) -> bool {
        let free = self.is_free(&b);
        if free {
            self.placed.push(b);
        }
        free
    }
}

/// Horizontal text anchoring.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HAlign {
    Left,
    Center,
    Right,
}

/// Vertical text anchoring.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum VAlign {
    Top,
    Center,
    Bottom,
}

/// The box of a one-line text of `size` anchored at `at`.
fn text_box(
    font: &ExportFont,
    text: &str,
    size: f32,
    at: PagePoint,
    h: HAlign,
    v: VAlign,
) -> Boxed {
    let w = font.width(text, size);
    let lh = font.line_height(size);
    let x = match h {
        HAlign::Left => at[0],
        HAlign::Center => at[0] - w / 2.0,
        HAlign::Right => at[0] - w,
    };
    let y = match v {
        VAlign::Top => at[1],
        VAlign::Center => at[1] - lh / 2.0,
        VAlign::Bottom => at[1] - lh,
    };
    [x, y, x + w, y + lh]
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

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 forbids.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            c => out.push(c),
        }
    }
    out
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

/// Builds the SVG text of a page.
struct Canvas<'f> {
    out: String,
    t: PageTransform,
    font: &'f ExportFont,
    /// Rings are clipped to this box: the page and a margin.
    clip: Boxed,
}

impl Canvas<'_> {
    /// Appends the rings of `area` at the page's level of detail to `d`, clipped to the page;
    /// rings smaller than `min_px` are left out.
    fn area_path(&self, d: &mut String, area: &PreparedArea, min_px: f32) {
        let level = area.level(self.t.zoom);
        for ring in &level.rings {
            let pts: Vec<PagePoint> = ring.iter().map(|p| self.t.page(*p)).collect();
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

    fn on_page(&self, area: &PreparedArea) -> bool {
        area.bounds.intersects(&self.t.visible_world(8.0))
    }

    fn fill_path(&mut self, d: &str, fill: Rgba) {
        if !d.is_empty() {
            let _ = writeln!(
                self.out,
                r#"<path d="{d}"{} fill-rule="evenodd"/>"#,
                paint_attr("fill", fill)
            );
        }
    }

    fn stroke_path(&mut self, d: &str, stroke: Rgba, width: f32, extra: &str) {
        if !d.is_empty() {
            let _ = writeln!(
                self.out,
                r#"<path d="{d}" fill="none"{} stroke-width="{width}" stroke-linejoin="round" stroke-linecap="round"{extra}/>"#,
                paint_attr("stroke", stroke)
            );
        }
    }

    fn line(&mut self, points: &[PagePoint], stroke: Rgba, width: f32) {
        let mut d = String::new();
        push_path(&mut d, points.iter().copied(), false);
        self.stroke_path(&d, stroke, width, "");
    }

    fn rect(&mut self, b: Boxed, radius: f32, fill: Rgba, stroke: Option<(Rgba, f32)>) {
        let stroke = stroke.map_or_else(String::new, |(c, w)| {
            format!(r#"{} stroke-width="{w}""#, paint_attr("stroke", c))
        });
        let _ = writeln!(
            self.out,
            r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="{radius}"{}{stroke}/>"#,
            b[0],
            b[1],
            b[2] - b[0],
            b[3] - b[1],
            paint_attr("fill", fill)
        );
    }

    /// Writes one line of text; with `halo`, a light outline behind it (as the window's labels).
    #[allow(clippy::too_many_arguments)] // mirrors the window's text call
    fn text(
        &mut self,
        text: &str,
        size: f32,
        at: PagePoint,
        h: HAlign,
        v: VAlign,
        fill: Rgba,
        halo: bool,
    ) -> Boxed {
        let b = text_box(self.font, text, size, at, h, v);
        let baseline = b[1] + self.font.ascent(size);
        let (x, anchor) = match h {
            HAlign::Left => (b[0], "start"),
            HAlign::Center => ((b[0] + b[2]) / 2.0, "middle"),
            HAlign::Right => (b[2], "end"),
        };
        let halo = if halo {
            r##" stroke="#ffffff" stroke-opacity="0.82" stroke-width="2.2" stroke-linejoin="round" paint-order="stroke""##
        } else {
            ""
        };
        let _ = writeln!(
            self.out,
            r#"<text x="{x:.1}" y="{baseline:.1}" font-size="{size}" text-anchor="{anchor}"{}{halo}>{}</text>"#,
            paint_attr("fill", fill),
            escape(text)
        );
        b
    }
}

fn shows(page: &MapPage, id: &str) -> bool {
    page.features
        .as_ref()
        .is_none_or(|ids| ids.iter().any(|x| x == id))
}

/// Draws `page` of `content` on a page of `size` (pixels for PNG, points for SVG and PDF).
pub fn page_svg(content: &PageContent<'_>, page: &MapPage, size: (u32, u32)) -> String {
    let t = PageTransform::fit(page.extent, page.margin, size);
    let font = font();
    let mut c = Canvas {
        out: String::with_capacity(1 << 20),
        t,
        font,
        clip: [-8.0, -8.0, t.width as f32 + 8.0, t.height as f32 + 8.0],
    };
    let (w, h) = size;
    let _ = writeln!(
        c.out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}">"#
    );
    let _ = writeln!(
        c.out,
        r#"<g font-family="{}" text-rendering="geometricPrecision">"#,
        escape(&font.family)
    );
    c.rect([0.0, 0.0, w as f32, h as f32], 0.0, style::SEA, None);

    let lists = content.scenario.nation_lists();
    base_layers(&mut c, content, page.layers, &lists);
    let mut placer = LabelPlacer::default();
    let drawn = scenario_layer(&mut c, content, page, &lists, &mut placer);
    // The panels drawn over the map keep the map's labels out from under them.
    let legend = legend_layout(&c, page.layers, &drawn);
    let title = title_layout(c.font, page, t.width as f32);
    let footer_text = format!(
        "{} · Armistice · borders: Natural Earth",
        content.scenario.title
    );
    let footer_box = expand(footer_box(&c, &footer_text), 3.0);
    let (hf, wf) = (t.height as f32, t.width as f32);
    placer.placed.push([0.0, hf - 42.0, 180.0_f32.min(wf), hf]);
    placer.placed.push(footer_box);
    placer.placed.extend(legend.as_ref().map(|l| l.0));
    placer.placed.extend(title.as_ref().map(|t| t.panel));
    labels(&mut c, content.base, page.layers, &mut placer);
    if let Some((panel, entries)) = legend {
        draw_legend(&mut c, panel, &entries);
    }
    scale_bar(&mut c);
    if let Some(title) = title {
        draw_title(&mut c, page, &title);
    }
    draw_footer(&mut c, &footer_text, footer_box);
    c.out.push_str("</g>\n</svg>\n");
    c.out
}

fn base_layers(c: &mut Canvas<'_>, content: &PageContent<'_>, layers: Layers, lists: &NationLists) {
    let scene = content.base;
    // Country fills grouped by colour; borders in one path.
    let mut fills: Vec<(Rgba, String)> = Vec::new();
    let mut borders = String::new();
    for country in &scene.countries {
        if !c.on_page(&country.area) {
            continue;
        }
        let role = country_role(lists, &country.iso_a2);
        let fill = match (layers.countries, layers.guarantors, role) {
            (_, true, CountryRole::Guarantor) => style::country_fill(role),
            (true, _, CountryRole::Guarantor) => style::OTHER_FILL,
            (true, _, _) => style::country_fill(role),
            (false, _, _) => continue,
        };
        let index = match fills.iter().position(|(f, _)| *f == fill) {
            Some(i) => i,
            None => {
                fills.push((fill, String::new()));
                fills.len() - 1
            }
        };
        if let Some((_, d)) = fills.get_mut(index) {
            c.area_path(d, &country.area, 0.5);
        }
        c.area_path(&mut borders, &country.area, 1.5);
    }
    for (fill, d) in &fills {
        c.fill_path(d, *fill);
    }
    let occupied = layers.occupied && c.on_page(content.occupied);
    if occupied {
        let mut d = String::new();
        c.area_path(&mut d, content.occupied, 0.5);
        c.fill_path(&d, style::OCCUPIED_FILL);
    }
    c.stroke_path(&borders, style::BORDER, style::BORDER_WIDTH, "");

    if layers.oblasts {
        let (mut plain, mut donbas) = (String::new(), String::new());
        for oblast in scene.oblasts.iter().filter(|o| c.on_page(&o.area)) {
            let d = if DONBAS.contains(&oblast.iso_3166_2.as_str()) {
                &mut donbas
            } else {
                &mut plain
            };
            c.area_path(d, &oblast.area, 1.5);
        }
        c.stroke_path(&plain, style::OBLAST_LINE, style::OBLAST_WIDTH, "");
        c.stroke_path(&donbas, style::DONBAS_LINE, style::DONBAS_WIDTH, "");
    }
    if occupied {
        let mut d = String::new();
        c.area_path(&mut d, content.occupied, 1.5);
        c.stroke_path(&d, style::OCCUPIED_EDGE, style::OCCUPIED_EDGE_WIDTH, "");
    }
    if layers.front_line
        && content
            .front_line
            .bounds
            .intersects(&c.t.visible_world(8.0))
    {
        let pts: Vec<PagePoint> = content
            .front_line
            .level(c.t.zoom)
            .iter()
            .map(|p| c.t.page(*p))
            .collect();
        c.line(&pts, style::FRONT_LINE, style::FRONT_LINE_WIDTH);
    }
}

/// What the scenario layer drew, for the legend.
#[derive(Debug, Default)]
struct Drawn {
    /// Demarcations: name and colour.
    lines: Vec<(String, Rgba)>,
    areas: usize,
    /// The standard identities of the symbols drawn.
    identities: Vec<Identity>,
}

/// The colour of guarantee-area outlines (as the window's).
const GUARANTEE_AREA: Rgba = [20, 110, 160, 255];

fn scenario_layer(
    c: &mut Canvas<'_>,
    content: &PageContent<'_>,
    page: &MapPage,
    lists: &NationLists,
    placer: &mut LabelPlacer,
) -> Drawn {
    let mut drawn = Drawn::default();
    for (id, area) in &content.scenario_scene.areas {
        if !shows(page, id) || !c.on_page(area) {
            continue;
        }
        let mut d = String::new();
        c.area_path(&mut d, area, 0.0);
        c.stroke_path(&d, GUARANTEE_AREA, 1.8, r#" stroke-dasharray="8 5""#);
        drawn.areas += 1;
    }
    for (index, (id, line)) in content.scenario_scene.lines.iter().enumerate() {
        // Colours follow the proposal's place among all proposals, as in the window.
        let colour = PROPOSAL_COLOURS
            .get(index % PROPOSAL_COLOURS.len())
            .copied()
            .unwrap_or(style::LABEL);
        if !shows(page, id) {
            continue;
        }
        let name = content
            .scenario
            .feature(id)
            .map_or(id.as_str(), |f| f.label())
            .to_owned();
        drawn.lines.push((name.clone(), colour));
        if !line.bounds.intersects(&c.t.visible_world(8.0)) {
            continue;
        }
        let pts: Vec<PagePoint> = line.level(c.t.zoom).iter().map(|p| c.t.page(*p)).collect();
        c.line(&pts, [255, 255, 255, 255], 3.5 + 3.0);
        c.line(&pts, colour, 3.5);
        if let Some(last) = pts.last() {
            let b = c.text(
                &name,
                13.0,
                [last[0] + 6.0, last[1]],
                HAlign::Left,
                VAlign::Center,
                colour,
                true,
            );
            placer.try_place(b);
        }
    }
    let visible = [
        -symbols::SYMBOL_PX * 2.0,
        -symbols::SYMBOL_PX * 2.0,
        c.t.width as f32 + symbols::SYMBOL_PX * 2.0,
        c.t.height as f32 + symbols::SYMBOL_PX * 2.0,
    ];
    for (id, force) in content.scenario.forces() {
        if !shows(page, id) {
            continue;
        }
        let at = c.t.page(crate::scene::geometry::world_point(
            force.position.x(),
            force.position.y(),
        ));
        if !(at[0] >= visible[0]
            && at[0] <= visible[2]
            && at[1] >= visible[1]
            && at[1] <= visible[3])
        {
            continue;
        }
        let symbol = symbols::force_symbol(force, lists);
        let bounds = force_symbol(c, at, symbols::SYMBOL_PX, &symbol);
        let nation = c.text(
            &force.nation,
            11.0,
            [bounds[0] - 3.0, (bounds[1] + bounds[3]) / 2.0],
            HAlign::Right,
            VAlign::Center,
            [0, 0, 0, 255],
            true,
        );
        let strength = c.text(
            &short_strength(force.strength),
            11.0,
            [bounds[2] + 3.0, (bounds[1] + bounds[3]) / 2.0],
            HAlign::Left,
            VAlign::Center,
            [40, 40, 40, 255],
            true,
        );
        placer.try_place(expand(bounds, 2.0));
        placer.try_place(nation);
        placer.try_place(strength);
        let identity = symbol.drawn.identity();
        if !drawn.identities.contains(&identity) {
            drawn.identities.push(identity);
        }
    }
    drawn
}

/// Draws a force's standard symbol as vector paths (its group tagged with `data-sidc`), its
/// anchor on `at`; returns the frame's box.
fn force_symbol(c: &mut Canvas<'_>, at: PagePoint, size: f32, symbol: &Symbol<'_>) -> Boxed {
    let placement = SymbolPlacement::new(symbol, at, size);
    let _ = writeln!(c.out, "{}", symbols::svg_group(symbol, &placement));
    placement.frame
}

fn labels(c: &mut Canvas<'_>, scene: &BaseScene, layers: Layers, placer: &mut LabelPlacer) {
    let (w, h) = (c.t.width as f32, c.t.height as f32);
    let clip: Boxed = [2.0, 2.0, w - 2.0, h - 2.0];
    let contains =
        |b: &Boxed, p: PagePoint| p[0] >= b[0] && p[0] <= b[2] && p[1] >= b[1] && p[1] <= b[3];
    let contains_box = |outer: &Boxed, b: &Boxed| {
        b[0] >= outer[0] && b[1] >= outer[1] && b[2] <= outer[2] && b[3] <= outer[3]
    };
    if layers.cities {
        let min_pop = city_min_population(c.t.zoom);
        let size = 12.5;
        for city in &scene.cities {
            if !city.capital && city.population < min_pop {
                continue;
            }
            let at = c.t.page(city.at);
            if !contains(&clip, at) {
                continue;
            }
            // Right of the dot, then left, above, below (as the window).
            let candidates = [
                ([at[0] + 6.0, at[1]], HAlign::Left, VAlign::Center),
                ([at[0] - 6.0, at[1]], HAlign::Right, VAlign::Center),
                ([at[0], at[1] - 6.0], HAlign::Center, VAlign::Bottom),
                ([at[0], at[1] + 6.0], HAlign::Center, VAlign::Top),
            ];
            let dot: Boxed = [at[0] - 3.5, at[1] - 3.5, at[0] + 3.5, at[1] + 3.5];
            let chosen = candidates.into_iter().find(|(pos, ha, va)| {
                let b = expand(text_box(c.font, &city.name, size, *pos, *ha, *va), 1.5);
                contains_box(&clip, &b) && placer.is_free(&b) && placer.is_free(&dot)
            });
            let Some((pos, ha, va)) = chosen else {
                continue;
            };
            placer.placed.push(dot);
            placer
                .placed
                .push(expand(text_box(c.font, &city.name, size, pos, ha, va), 1.5));
            if city.capital {
                c.rect(dot, 0.0, style::CITY, None);
                c.rect(
                    [at[0] - 1.5, at[1] - 1.5, at[0] + 1.5, at[1] + 1.5],
                    0.0,
                    [255, 255, 255, 255],
                    None,
                );
            } else {
                let _ = writeln!(
                    c.out,
                    r##"<circle cx="{:.1}" cy="{:.1}" r="3"{} stroke="#ffffff" stroke-width="1"/>"##,
                    at[0],
                    at[1],
                    paint_attr("fill", style::CITY)
                );
            }
            c.text(&city.name, size, pos, ha, va, style::LABEL, true);
        }
    }
    if layers.countries {
        let size = 15.0;
        let mut countries: Vec<_> = scene.countries.iter().collect();
        countries.sort_by(|a, b| b.label_rank.total_cmp(&a.label_rank));
        let center = [w / 2.0, h / 2.0];
        let inner: Boxed = [42.0, 42.0, w - 42.0, h - 42.0];
        for country in countries {
            // The anchor nearest the middle of the page, of those on it.
            let at = std::iter::once(&country.label_at)
                .chain(&country.label_candidates)
                .map(|p| c.t.page(*p))
                .filter(|p| contains(&inner, *p))
                .min_by(|a, b| {
                    let d = |p: &PagePoint| (p[0] - center[0]).powi(2) + (p[1] - center[1]).powi(2);
                    d(a).total_cmp(&d(b))
                });
            let Some(at) = at else {
                continue;
            };
            let text = country.name.to_uppercase();
            let b = text_box(c.font, &text, size, at, HAlign::Center, VAlign::Center);
            // A name wider than the country on the page would mislabel its neighbours.
            let country_px =
                f64::from(country.area.bounds.max[0] - country.area.bounds.min[0]) * c.t.scale;
            if country_px < f64::from(b[2] - b[0]) * 0.8
                || !contains_box(&clip, &b)
                || !placer.try_place(b)
            {
                continue;
            }
            c.text(
                &text,
                size,
                at,
                HAlign::Center,
                VAlign::Center,
                style::COUNTRY_LABEL,
                true,
            );
        }
    }
}

/// One legend entry's key.
enum Key {
    Fill(Rgba, Rgba),
    Line(Rgba, f32),
    Dashed(Rgba),
    Dot(Rgba),
    Force(Identity),
}

/// The legend's words for the forces of a standard identity.
fn identity_legend(identity: Identity) -> &'static str {
    match identity {
        Identity::Friend => "Guarantor or Ukrainian force",
        Identity::Hostile => "Adversary force",
        Identity::Neutral => "Other force",
        Identity::AssumedFriend => "Assumed friendly force",
        Identity::Suspect => "Suspect force",
        Identity::Unknown | Identity::Pending => "Unknown force",
    }
}

/// The legend's box and entries: the layers shown and what the scenario layer drew.
fn legend_layout(
    c: &Canvas<'_>,
    layers: Layers,
    drawn: &Drawn,
) -> Option<(Boxed, Vec<(Key, String)>)> {
    let mut entries: Vec<(Key, String)> = Vec::new();
    let mut add = |on: bool, key: Key, text: &str| {
        if on {
            entries.push((key, text.to_owned()));
        }
    };
    let land = layers.countries;
    add(land, Key::Fill(style::HOST_FILL, style::BORDER), "Ukraine");
    add(
        layers.guarantors,
        Key::Fill(style::GUARANTOR_FILL, style::BORDER),
        "Guarantor states",
    );
    add(
        land,
        Key::Fill(style::ADVERSARY_FILL, style::BORDER),
        "Russia, Belarus",
    );
    add(
        layers.occupied,
        Key::Fill(style::OCCUPIED_FILL, style::OCCUPIED_EDGE),
        "Occupied area",
    );
    add(
        layers.front_line,
        Key::Line(style::FRONT_LINE, style::FRONT_LINE_WIDTH),
        "Front line",
    );
    add(
        layers.oblasts,
        Key::Line(style::DONBAS_LINE, style::DONBAS_WIDTH),
        "Donetsk, Luhansk",
    );
    add(
        layers.oblasts,
        Key::Line(style::OBLAST_LINE, 1.0),
        "Oblast boundary",
    );
    add(layers.cities, Key::Dot(style::CITY), "City");
    for (name, colour) in &drawn.lines {
        entries.push((Key::Line(*colour, 3.5), name.clone()));
    }
    if drawn.areas > 0 {
        entries.push((Key::Dashed(GUARANTEE_AREA), "Guarantee area".to_owned()));
    }
    for identity in Identity::ALL {
        if drawn.identities.contains(&identity) {
            entries.push((Key::Force(identity), identity_legend(identity).to_owned()));
        }
    }
    if entries.is_empty() {
        return None;
    }
    let size = 12.5;
    let row = LEGEND_ROW;
    let text_w = entries
        .iter()
        .map(|(_, t)| c.font.width(t, size))
        .fold(0.0_f32, f32::max);
    let width = (text_w + 50.0).max(190.0);
    let height = row * entries.len() as f32 + 12.0;
    let h = c.t.height as f32;
    let min = [10.0, h - 50.0 - height];
    Some(([min[0], min[1], min[0] + width, min[1] + height], entries))
}

/// Row height of the legend.
const LEGEND_ROW: f32 = 18.0;

fn draw_legend(c: &mut Canvas<'_>, panel: Boxed, entries: &[(Key, String)]) {
    let (size, row) = (12.5, LEGEND_ROW);
    let min = [panel[0], panel[1]];
    c.rect(
        panel,
        4.0,
        [255, 255, 255, 225],
        Some(([170, 170, 170, 255], 1.0)),
    );
    for (i, (key, text)) in entries.iter().enumerate() {
        let y = min[1] + 6.0 + row * i as f32 + row / 2.0;
        let x = min[0] + 20.0;
        let swatch: Boxed = [x - 11.0, y - 5.5, x + 11.0, y + 5.5];
        match key {
            Key::Fill(fill, edge) => {
                c.rect(expand(swatch, -0.5), 1.0, *fill, Some((*edge, 1.0)));
            }
            Key::Line(colour, width) => c.line(&[[swatch[0], y], [swatch[2], y]], *colour, *width),
            Key::Dashed(colour) => {
                let mut d = String::new();
                push_path(&mut d, [[swatch[0], y], [swatch[2], y]], false);
                c.stroke_path(&d, *colour, 1.8, r#" stroke-dasharray="6 3""#);
            }
            Key::Dot(colour) => {
                let _ = writeln!(
                    c.out,
                    r##"<circle cx="{x:.1}" cy="{y:.1}" r="3"{} stroke="#ffffff" stroke-width="1"/>"##,
                    paint_attr("fill", *colour)
                );
            }
            Key::Force(identity) => {
                let symbol = symbology::resolve(symbols::legend_code(*identity));
                force_symbol(c, [x, y], 10.0, &symbol);
            }
        }
        c.text(
            text,
            size,
            [min[0] + 38.0, y],
            HAlign::Left,
            VAlign::Center,
            [25, 25, 25, 255],
            false,
        );
    }
}

/// A round length for a scale bar about `target_km` long: 1, 2 or 5 times a power of ten.
pub fn round_km(target_km: f64) -> f64 {
    let magnitude = 10f64.powf(target_km.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .rfind(|km| *km <= target_km)
        .unwrap_or(magnitude)
}

fn scale_bar(c: &mut Canvas<'_>) {
    let per_m = c.t.units_per_m();
    if !(per_m.is_finite() && per_m > 0.0) {
        return;
    }
    let km = round_km(140.0 / per_m / 1000.0);
    let width = (km * 1000.0 * per_m) as f32;
    let h = c.t.height as f32;
    let left = [16.0, h - 18.0];
    let right = [left[0] + width, left[1]];
    c.rect(
        [
            left[0] - 6.0,
            left[1] - 22.0,
            right[0] + 6.0,
            right[1] + 8.0,
        ],
        3.0,
        [255, 255, 255, 200],
        None,
    );
    let ink = [30, 30, 30, 255];
    let mut d = String::new();
    push_path(
        &mut d,
        [
            [left[0], left[1] - 6.0],
            left,
            right,
            [right[0], right[1] - 6.0],
        ],
        false,
    );
    c.stroke_path(&d, ink, 2.0, "");
    let label = if km >= 1.0 {
        format!("{km:.0} km")
    } else {
        format!("{:.0} m", km * 1000.0)
    };
    c.text(
        &label,
        12.0,
        [(left[0] + right[0]) / 2.0, left[1] - 4.0],
        HAlign::Center,
        VAlign::Bottom,
        ink,
        false,
    );
}

fn badge_colours(level: BadgeLevel) -> (Rgba, Rgba) {
    match level {
        BadgeLevel::Pass => ([222, 242, 222, 255], [30, 120, 50, 255]),
        BadgeLevel::Warning => ([255, 240, 205, 255], [170, 100, 0, 255]),
        BadgeLevel::Error => ([250, 218, 218, 255], [180, 30, 30, 255]),
    }
}

/// Draws a badge's status mark (✓, ⚠ or ✗) as lines, so no font needs the symbol, in a box
/// `s` wide whose left middle is `at`.
fn status_mark(c: &mut Canvas<'_>, level: BadgeLevel, at: PagePoint, s: f32, ink: Rgba) {
    let [x, y] = at;
    let mut d = String::new();
    match level {
        BadgeLevel::Pass => push_path(
            &mut d,
            [[x, y], [x + s * 0.35, y + s * 0.35], [x + s, y - s * 0.4]],
            false,
        ),
        BadgeLevel::Warning => {
            push_path(
                &mut d,
                [
                    [x + s / 2.0, y - s * 0.5],
                    [x + s, y + s * 0.45],
                    [x, y + s * 0.45],
                ],
                true,
            );
            push_path(
                &mut d,
                [[x + s / 2.0, y - s * 0.15], [x + s / 2.0, y + s * 0.12]],
                false,
            );
            push_path(
                &mut d,
                [[x + s / 2.0, y + s * 0.28], [x + s / 2.0, y + s * 0.3]],
                false,
            );
        }
        BadgeLevel::Error => {
            push_path(
                &mut d,
                [[x, y - s * 0.4], [x + s * 0.8, y + s * 0.4]],
                false,
            );
            push_path(
                &mut d,
                [[x, y + s * 0.4], [x + s * 0.8, y - s * 0.4]],
                false,
            );
        }
    }
    c.stroke_path(&d, ink, 1.8, "");
}

/// Font sizes of the title panel: the step label, the title, the caption, the badges.
const LABEL_SIZE: f32 = 13.0;
const TITLE_SIZE: f32 = 26.0;
const CAPTION_SIZE: f32 = 15.0;
const BADGE_SIZE: f32 = 14.0;
const PANEL_PAD: f32 = 14.0;

/// The title panel, laid out.
struct TitleLayout {
    panel: Boxed,
    title_lines: Vec<String>,
    caption_lines: Vec<String>,
    /// Badges by row, each with its width.
    badge_rows: Vec<Vec<(usize, f32)>>,
    badge_height: f32,
}

fn title_layout(font: &ExportFont, page: &MapPage, page_width: f32) -> Option<TitleLayout> {
    let title = page.title.as_deref().filter(|t| !t.trim().is_empty())?;
    let width = (page_width - 32.0).min(820.0);
    let inner = width - 2.0 * PANEL_PAD;
    let title_lines = font.wrap(title, TITLE_SIZE, inner);
    let caption_lines = page
        .caption
        .as_deref()
        .map(|t| font.wrap(t, CAPTION_SIZE, inner))
        .unwrap_or_default();
    // Badges flow in rows.
    let badge_height = font.line_height(BADGE_SIZE) + 8.0;
    let mut badge_rows: Vec<Vec<(usize, f32)>> = Vec::new();
    let mut row_w = f32::INFINITY;
    for (i, badge) in page.badges.iter().enumerate() {
        // Text, a gap of about half a letter, the mark, and the rounded ends.
        let bw = font.width(&badge.text, BADGE_SIZE) + BADGE_SIZE + 34.0;
        if row_w + bw > inner {
            badge_rows.push(Vec::new());
            row_w = 0.0;
        }
        if let Some(row) = badge_rows.last_mut() {
            row.push((i, bw));
        }
        row_w += bw + 8.0;
    }
    let mut height = PANEL_PAD;
    if page.page_label.is_some() {
        height += font.line_height(LABEL_SIZE) + 2.0;
    }
    height += font.line_height(TITLE_SIZE) * title_lines.len() as f32;
    if !caption_lines.is_empty() {
        height += 6.0 + font.line_height(CAPTION_SIZE) * 1.15 * caption_lines.len() as f32;
    }
    if !badge_rows.is_empty() {
        height += 8.0 + (badge_height + 6.0) * badge_rows.len() as f32 - 6.0;
    }
    height += PANEL_PAD;
    let (x0, y0) = (16.0, 16.0);
    Some(TitleLayout {
        panel: [x0, y0, x0 + width, y0 + height],
        title_lines,
        caption_lines,
        badge_rows,
        badge_height,
    })
}

fn draw_title(c: &mut Canvas<'_>, page: &MapPage, layout: &TitleLayout) {
    c.rect(
        layout.panel,
        6.0,
        [255, 255, 255, 235],
        Some(([150, 150, 150, 255], 1.0)),
    );
    let x = layout.panel[0] + PANEL_PAD;
    let mut y = layout.panel[1] + PANEL_PAD;
    if let Some(label) = &page.page_label {
        c.text(
            label,
            LABEL_SIZE,
            [x, y],
            HAlign::Left,
            VAlign::Top,
            [90, 90, 100, 255],
            false,
        );
        y += c.font.line_height(LABEL_SIZE) + 2.0;
    }
    for line in &layout.title_lines {
        // One font only (for byte-stable PDFs): a hairline stroke makes the title heavier.
        let _ = writeln!(
            c.out,
            r##"<text x="{x:.1}" y="{:.1}" font-size="{TITLE_SIZE}" fill="#141414" stroke="#141414" stroke-width="0.7">{}</text>"##,
            y + c.font.ascent(TITLE_SIZE),
            escape(line)
        );
        y += c.font.line_height(TITLE_SIZE);
    }
    if !layout.caption_lines.is_empty() {
        y += 6.0;
        for line in &layout.caption_lines {
            c.text(
                line,
                CAPTION_SIZE,
                [x, y],
                HAlign::Left,
                VAlign::Top,
                [40, 40, 40, 255],
                false,
            );
            y += c.font.line_height(CAPTION_SIZE) * 1.15;
        }
    }
    if !layout.badge_rows.is_empty() {
        y += 8.0;
        let bh = layout.badge_height;
        for row in &layout.badge_rows {
            let mut bx = x;
            for (index, bw) in row {
                let Some(badge) = page.badges.get(*index) else {
                    continue;
                };
                let (fill, ink) = badge_colours(badge.level);
                c.rect([bx, y, bx + bw, y + bh], bh / 2.0, fill, Some((ink, 1.2)));
                let mid = y + bh / 2.0;
                c.text(
                    &badge.text,
                    BADGE_SIZE,
                    [bx + 12.0, mid],
                    HAlign::Left,
                    VAlign::Center,
                    [20, 20, 20, 255],
                    false,
                );
                let mark = BADGE_SIZE * 0.9;
                status_mark(c, badge.level, [bx + bw - 12.0 - mark, mid], mark, ink);
                bx += bw + 8.0;
            }
            y += bh + 6.0;
        }
    }
}

/// Where the footer's text goes, bottom right.
fn footer_box(c: &Canvas<'_>, text: &str) -> Boxed {
    let (w, h) = (c.t.width as f32, c.t.height as f32);
    text_box(
        c.font,
        text,
        11.0,
        [w - 8.0, h - 6.0],
        HAlign::Right,
        VAlign::Bottom,
    )
}

fn draw_footer(c: &mut Canvas<'_>, text: &str, back: Boxed) {
    let (w, h) = (c.t.width as f32, c.t.height as f32);
    c.rect(back, 2.0, [255, 255, 255, 190], None);
    c.text(
        text,
        11.0,
        [w - 8.0, h - 6.0],
        HAlign::Right,
        VAlign::Bottom,
        [60, 60, 60, 255],
        false,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_centres_the_extent_and_keeps_it_on_the_page() {
        let extent = [22.1, 44.3, 40.2, 52.4];
        let t = PageTransform::fit(extent, 0.92, (1920, 1080));
        let [w, s, e, n] = t.extent();
        assert!(
            w < 22.1 && s < 44.3 && e > 40.2 && n > 52.4,
            "{:?}",
            t.extent()
        );
        // The tighter side fills 92 %.
        let a = t.page(crate::scene::geometry::world_point(22.1, 52.4));
        let b = t.page(crate::scene::geometry::world_point(40.2, 44.3));
        let fill = ((b[0] - a[0]) / 1920.0).max((b[1] - a[1]) / 1080.0);
        assert!((fill - 0.92).abs() < 1e-3, "{fill}");
        assert!(t.zoom > 5.0 && t.zoom < 7.0, "{}", t.zoom);
    }

    #[test]
    fn scale_is_right_on_the_ground() {
        // At zoom z, the equator has 256·2^z px per 40,075 km; at 60° N twice as many per km.
        let t = PageTransform::fit([-1.0, 59.0, 1.0, 61.0], 1.0, (512, 512));
        let expected = t.scale / (40_075_016.686 * 0.5);
        assert!((t.units_per_m() / expected - 1.0).abs() < 0.01);
        assert_eq!(round_km(140.0), 100.0);
        assert_eq!(round_km(0.37), 0.2);
        assert_eq!(round_km(55.0), 50.0);
    }

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
        assert_eq!(escape("A & B <\"x\">"), "A &amp; B &lt;&quot;x&quot;&gt;");
    }
}
