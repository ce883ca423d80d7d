//! Headless export (contract.md's `render` and `export`): the map laid out by the one layout the
//! window uses ([`crate::scene::layout`]) and translated to SVG ([`svg`]), rasterised by resvg to
//! PNG and turned into a PDF deck by svg2pdf ([`output`]); the scenario as KML with a Google
//! Earth tour ([`kml`]). No egui, no GPU, no display, no system fonts: the same input gives the
//! same bytes.

pub mod findings;
pub mod kml;
pub mod output;
pub mod svg;
pub mod video;

use crate::model::scenario::{NationLists, Step};
use crate::model::{BaseMap, FrontLine, Scenario};
use crate::rules::overlays::BeltMark;
use crate::scene::geometry::{PreparedArea, PreparedLine};
use crate::scene::layout::MapContent;
use crate::scene::marks::PreparedOverlays;
use crate::scene::{BaseScene, RangeRings, ScenarioScene};
use std::collections::HashSet;

pub use output::{pdf_deck, png, rasterize, svg_document};
pub use svg::page_svg;

/// Which bundled layers a page shows: the same switches as the window's.
pub use crate::scene::Layers;
/// Badges: the layout draws them, [`findings`] makes them from a report.
pub use crate::scene::layout::{Badge, BadgeLevel};
/// The embedded font lives with the layout that measures with it.
pub use crate::scene::text;

/// One page: where it looks, what it shows and what it says.
#[derive(Debug, Clone, PartialEq)]
pub struct MapPage {
    /// The area to show, [min_lon, min_lat, max_lon, max_lat], centred on the page.
    pub extent: [f64; 4],
    /// The share of the page's tighter side the extent fills.
    pub margin: f64,
    /// The bundled layers shown.
    pub layers: Layers,
    /// The scenario features shown by id (`None`: all).
    pub features: Option<Vec<String>>,
    /// The title panel's small line above the title ("Step 2 / 5").
    pub page_label: Option<String>,
    /// The title (no title: no title panel).
    pub title: Option<String>,
    /// The text under the title.
    pub caption: Option<String>,
    /// Findings badges under the caption.
    pub badges: Vec<Badge>,
    /// Whether the rule marks of the features shown are drawn (a step's `findings`).
    pub findings: bool,
    /// Whether the legend is drawn.
    pub legend: bool,
    /// Whether the extent is fitted into the part of the page the title panel leaves free, as
    /// presentation mode fits a step's view (`false`: the extent is the page, as for a flight
    /// frame of the video or an export of the window's view).
    pub below_title: bool,
}

/// The margin a step's view leaves around its extent.
pub use crate::scene::layout::STEP_MARGIN;

impl MapPage {
    /// The page's title panel, if it has a title: what presentation mode shows over a step too.
    pub fn title_panel(&self) -> Option<crate::scene::layout::TitlePanel<'_>> {
        let title = self.title.as_deref().filter(|t| !t.trim().is_empty())?;
        Some(crate::scene::layout::TitlePanel {
            label: self.page_label.as_deref(),
            title,
            caption: self.caption.as_deref(),
            badges: &self.badges,
        })
    }

    /// The page of a whole scenario: Ukraine, every layer and feature, the plan's title.
    pub fn overview(scenario: &Scenario, ukraine_extent: [f64; 4]) -> Self {
        Self {
            extent: ukraine_extent,
            margin: STEP_MARGIN,
            layers: Layers::ALL,
            features: None,
            page_label: None,
            title: Some(scenario.title.clone()),
            caption: scenario
                .other_settings
                .get("description")
                .and_then(|d| d.as_str())
                .map(str::to_owned),
            badges: Vec::new(),
            findings: true,
            legend: true,
            below_title: true,
        }
    }

    /// The page of step `index` (0-based) of `steps`; `badges` are drawn if the step asks for
    /// findings. A step without a view shows Ukraine.
    pub fn step(
        steps: &[Step],
        index: usize,
        ukraine_extent: [f64; 4],
        badges: &[Badge],
    ) -> Option<Self> {
        let step = steps.get(index)?;
        Some(Self {
            extent: step.view.unwrap_or(ukraine_extent),
            margin: STEP_MARGIN,
            layers: Layers::from_names(step.layers.as_deref()),
            features: step.features.clone(),
            page_label: Some(format!("Step {} / {}", index + 1, steps.len())),
            title: Some(step.title.clone()),
            caption: Some(step.caption.clone()).filter(|c| !c.trim().is_empty()),
            badges: if step.findings {
                badges.to_vec()
            } else {
                Vec::new()
            },
            findings: step.findings,
            legend: true,
            below_title: true,
        })
    }
}

/// Everything a render draws from, owned, so a render can run on another thread.
#[derive(Debug, Clone)]
pub struct ExportScene {
    /// The bundled layers, prepared.
    pub base: BaseScene,
    /// The scenario's own front line and the occupied area behind it, prepared (`None`: the
    /// bundled ones).
    pub own_front_line: Option<(PreparedLine, PreparedArea)>,
    /// The plan.
    pub scenario: Scenario,
    /// Its lines and areas, prepared.
    pub scenario_scene: ScenarioScene,
    /// The badges drawn on steps with `findings: true`.
    pub badges: Vec<Badge>,
    /// The plan's check, for the rule marks.
    pub report: crate::rules::Report,
    /// The rule marks of that check, prepared.
    pub marks: PreparedOverlays,
    /// The plan's range rings.
    pub rings: RangeRings,
    /// The plan's nation lists.
    pub lists: NationLists,
    /// The rules' settings in this plan (whether `fortress-belt` runs, its warning depth).
    settings: Vec<crate::rules::overlays::RuleSetting>,
}

impl ExportScene {
    /// Prepares `map` and `scenario` (with its own front line, if it has one).
    pub fn new(
        map: &BaseMap,
        scenario: Scenario,
        front_line: Option<&FrontLine>,
    ) -> Result<Self, ExportError> {
        Self::from_prepared(BaseScene::new(map), map, scenario, front_line)
    }

    /// Uses an already prepared base scene (the window's).
    pub fn from_prepared(
        base: BaseScene,
        map: &BaseMap,
        scenario: Scenario,
        front_line: Option<&FrontLine>,
    ) -> Result<Self, ExportError> {
        let own_front_line = match front_line {
            Some(f) => Some((
                PreparedLine::new(&f.line),
                PreparedArea::new(&occupied_behind(map, &f.line)?),
            )),
            None => None,
        };
        // The rule marks are part of the picture, as in the window: the plan is checked once.
        let report = crate::rules::Checker::new(map).check(&scenario, front_line);
        let badges = findings::badges(&report, &scenario);
        let is_city = |name: &str| map.cities.iter().any(|c| c.name == name);
        let settings = crate::rules::overlays::rule_settings(&scenario, &is_city);
        Ok(Self {
            base,
            own_front_line,
            scenario_scene: ScenarioScene::new(&scenario),
            marks: PreparedOverlays::new(&report),
            rings: RangeRings::new(&scenario),
            lists: scenario.nation_lists(),
            scenario,
            badges,
            report,
            settings,
        })
    }

    /// What a page draws from.
    pub fn content(&self) -> MapContent<'_> {
        MapContent {
            base: &self.base,
            front_line: self
                .own_front_line
                .as_ref()
                .map_or(&self.base.front_line, |(line, _)| line),
            occupied: self
                .own_front_line
                .as_ref()
                .map_or(&self.base.occupied, |(_, area)| area),
            scenario: &self.scenario,
            prepared: &self.scenario_scene,
            rings: &self.rings,
            lists: &self.lists,
            marks: &self.marks,
        }
    }

    /// The features `page` does not show.
    pub fn hidden_by(&self, page: &MapPage) -> HashSet<String> {
        match &page.features {
            None => HashSet::new(),
            Some(shown) => self
                .scenario
                .features
                .iter()
                .filter(|f| !shown.contains(&f.id))
                .map(|f| f.id.clone())
                .collect(),
        }
    }

    /// The fortress-belt cities against the proposals not in `hidden` (none when the rule is
    /// off).
    pub fn belt(&self, hidden: &HashSet<String>) -> Vec<BeltMark> {
        crate::rules::overlays::belt_marks_for(&self.report, &self.settings, None, &|id| {
            !hidden.contains(id)
        })
    }

    /// `page` drawn at `size` into an RGBA image (premultiplied, as tiny-skia keeps it): what
    /// PNG and video frames are made of. No GPU, no display.
    pub fn pixmap(
        &self,
        page: &MapPage,
        size: (u32, u32),
    ) -> Result<tiny_skia::Pixmap, ExportError> {
        output::rasterize(&self.svg(page, size))
    }

    /// The page without a step: Ukraine, everything shown.
    pub fn overview_page(&self) -> MapPage {
        MapPage::overview(&self.scenario, self.base.ukraine_extent)
    }

    /// The page of step `index` (0-based).
    pub fn step_page(&self, index: usize) -> Option<MapPage> {
        MapPage::step(
            &self.scenario.steps,
            index,
            self.base.ukraine_extent,
            &self.badges,
        )
    }

    /// The SVG drawing of `page` at `size` (text in the font database's family; the file users
    /// get is [`svg_document`] of it).
    pub fn svg(&self, page: &MapPage, size: (u32, u32)) -> String {
        page_svg(self, page, size)
    }

    /// A PDF with one page per step, reporting `progress(done, total)` after each page.
    pub fn steps_pdf(
        &self,
        size: (u32, u32),
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<Vec<u8>, ExportError> {
        let total = self.scenario.steps.len();
        let pages = (0..total).filter_map(|i| self.step_page(i));
        pdf_deck(pages.map(|p| self.svg(&p, size)), total, progress)
    }
}

/// The occupied area behind a scenario's own front line: the side of Ukraine away from Kyiv
/// (contract.md, "Sides and places"), computed as the bundled `occupied.geojson` is.
pub fn occupied_behind(
    map: &BaseMap,
    line: &geo::LineString,
) -> Result<geo::MultiPolygon, ExportError> {
    let ukraine = map
        .ukraine()
        .ok_or_else(|| ExportError::FrontLine("the map has no Ukraine".to_owned()))?;
    let kyiv = map
        .city("Kyiv")
        .ok_or_else(|| ExportError::FrontLine("the map has no Kyiv".to_owned()))?;
    crate::spatial::split_by_line(&ukraine.geometry, line, kyiv.position)
        .map(|sides| sides.other)
        .map_err(|e| ExportError::FrontLine(e.to_string()))
}

/// Something that went wrong while exporting.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The drawn SVG could not be read back (a bug in the drawing code, reported rather than
    /// hidden).
    #[error("the drawn map could not be processed: {0}")]
    Svg(String),
    /// PDF conversion failed.
    #[error("PDF conversion failed: {0}")]
    Pdf(String),
    /// PNG encoding failed.
    #[error("PNG encoding failed: {0}")]
    Png(String),
    /// The scenario's own front line does not split Ukraine in two.
    #[error("the front line does not split Ukraine in two: {0}")]
    FrontLine(String),
    /// A deck needs at least one page.
    #[error("there are no pages to write")]
    NoPages,
}
