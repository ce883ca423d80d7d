//! The display list: what one map picture is made of, free of any GUI toolkit. The layout
//! ([`super::layout`]) produces it once per frame or page from the prepared scene and one
//! [`View`](super::view::View); the window (`ui::picture`) and the SVG writer (`export::svg`)
//! each only translate it, as walkers turns its styles into drawables for its egui backend.
//!
//! World-space items borrow the cached geometry (triangles, rings with their miters, hatch
//! lines) and are transformed by the backend; screen-space items are laid out already.

use super::geometry::{AreaLevel, WorldPoint};
use super::style::Rgba;
use super::symbology;
use super::symbols::SymbolPlacement;
use super::view::{Align, ScreenPoint, ScreenRect};
use std::sync::Arc;

/// A stroke: width in screen units and colour.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stroke {
    /// Width, screen units.
    pub width: f32,
    /// Colour.
    pub colour: Rgba,
}

impl Stroke {
    /// A stroke `width` wide in `colour`.
    pub const fn new(width: f32, colour: Rgba) -> Self {
        Self { width, colour }
    }
}

/// A dash pattern: drawn length, then gap, screen units.
pub type Dash = [f32; 2];

/// One line of text.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    /// What it says (already cut to fit where it goes).
    pub text: String,
    /// The anchor point.
    pub at: ScreenPoint,
    /// Where the anchor lies on the text's box: horizontally, vertically.
    pub align: (Align, Align),
    /// Font size, screen units.
    pub size: f32,
    /// Colour.
    pub colour: Rgba,
    /// A light halo behind it, so it reads on any fill.
    pub halo: bool,
    /// Heavier (titles).
    pub bold: bool,
    /// Its box, as measured by the layout with the picture's font.
    pub rect: ScreenRect,
}

/// One force symbol: which standard symbol and where its parts go. The window rasterises it
/// once per size into its texture atlas, the SVG writer embeds its vector paths; both place it
/// by the same [`SymbolPlacement`].
#[derive(Debug, Clone)]
pub struct Symbol {
    /// The force's feature id (empty for a legend key).
    pub feature: String,
    /// Which symbol: the code asked for, resolved in the catalogue.
    pub symbol: symbology::Symbol<'static>,
    /// Where it goes on screen.
    pub placement: SymbolPlacement,
    /// Drawn with the selection highlight behind it.
    pub highlighted: bool,
}

/// One item of the picture, in drawing order.
#[derive(Debug, Clone)]
pub enum Item<'a> {
    /// Filled areas in world units, each level's triangles in its colour.
    Fills(Vec<(&'a AreaLevel, Rgba)>),
    /// The outline rings of areas in world units (rings under 1.5 screen units across, or off
    /// screen, are left out by the backend), stroked with their cached miters.
    Outlines {
        /// The areas at the view's level of detail.
        levels: Vec<&'a AreaLevel>,
        /// How.
        stroke: Stroke,
        /// Dashed, or solid.
        dash: Option<Dash>,
    },
    /// A polyline in world units, with its cached miters when it has them.
    Line {
        /// The points.
        points: &'a [WorldPoint],
        /// Their miters (solid lines only).
        miters: Option<&'a [[f32; 2]]>,
        /// How.
        stroke: Stroke,
        /// Dashed, or solid.
        dash: Option<Dash>,
    },
    /// Hatch segments in world units.
    Hatch {
        /// The segments.
        segments: Arc<Vec<[WorldPoint; 2]>>,
        /// How.
        stroke: Stroke,
    },
    /// A polyline or polygon in screen units.
    Path {
        /// The points.
        points: Vec<ScreenPoint>,
        /// Closed (a polygon).
        closed: bool,
        /// Its fill (closed paths only; convex).
        fill: Option<Rgba>,
        /// Its outline.
        stroke: Option<Stroke>,
        /// Dashed, or solid.
        dash: Option<Dash>,
    },
    /// A circle in screen units.
    Circle {
        /// Centre.
        centre: ScreenPoint,
        /// Radius.
        radius: f32,
        /// Fill.
        fill: Option<Rgba>,
        /// Outline.
        stroke: Option<Stroke>,
    },
    /// A rectangle in screen units, with rounded corners.
    Rect {
        /// Where.
        rect: ScreenRect,
        /// Corner radius.
        radius: f32,
        /// Fill.
        fill: Option<Rgba>,
        /// Outline (inside the rectangle).
        stroke: Option<Stroke>,
    },
    /// Text.
    Text(Text),
    /// A force symbol.
    Symbol(Symbol),
}

/// The kinds of rule marks, for tests and the legend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MarkKind {
    /// The area a proposal moves to Russian control, hatched.
    Ceded,
    /// The area it moves to Ukrainian control, hatched.
    Gained,
    /// A stretch of the line of control no monitor covers.
    Unmonitored,
    /// The furthest point of a proposal's advance.
    FurthestAdvance,
    /// A force standing too close to the line.
    Standoff,
    /// A city outside air cover.
    NoAirCover,
    /// A fortress-belt city with its depth.
    Belt,
    /// A force standing where it cannot (crossed out).
    Misplaced,
}

/// A rule mark drawn, and the feature it is about (`None`: the plan as a whole).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MarkDrawn {
    /// What kind of mark.
    pub kind: MarkKind,
    /// Its subject.
    pub subject: Option<String>,
}

/// Counts of what the picture holds, for tests and benchmarks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PictureStats {
    /// Fill triangles.
    pub triangles: usize,
    /// Outline vertices.
    pub line_vertices: usize,
    /// City labels placed.
    pub city_labels: usize,
    /// Country labels placed.
    pub country_labels: usize,
}

/// Where interactive things were laid out, for the window's hit tests.
#[derive(Debug, Clone, Default)]
pub struct Hits {
    /// Force id and the rectangle of its symbol.
    pub symbols: Vec<(String, ScreenRect)>,
    /// Cluster symbols: where, and the lon/lat extent of their forces.
    pub clusters: Vec<(ScreenRect, [f64; 4])>,
    /// The legend's header (a click there folds or unfolds it).
    pub legend_header: Option<ScreenRect>,
    /// The title panel of a step (slides and pages).
    pub title_panel: Option<ScreenRect>,
}

/// One map picture: items in drawing order, and what was laid out.
#[derive(Debug, Clone, Default)]
pub struct Picture<'a> {
    /// What to draw, first to last.
    pub items: Vec<Item<'a>>,
    /// The rule marks drawn.
    pub marks: Vec<MarkDrawn>,
    /// Counts.
    pub stats: PictureStats,
    /// Interactive places.
    pub hits: Hits,
}

impl Picture<'_> {
    /// Every text item.
    pub fn texts(&self) -> impl Iterator<Item = &Text> {
        self.items.iter().filter_map(|i| match i {
            Item::Text(t) => Some(t),
            _ => None,
        })
    }
}
