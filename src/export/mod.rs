//! Headless export (contract.md's `render` and `export`): the map drawn to SVG by our own code
//! with the window's styles ([`svg`]), rasterised by resvg to PNG and turned into a PDF deck by
//! svg2pdf ([`output`]); the scenario as KML with a Google Earth tour ([`kml`]). No egui, no GPU,
//! no display, no system fonts: the same input gives the same bytes.

pub mod findings;
pub mod kml;
pub mod output;
pub mod svg;
pub mod text;
pub mod video;

use crate::model::scenario::Step;
use crate::model::{BaseMap, FrontLine, Scenario};
use crate::scene::geometry::{PreparedArea, PreparedLine};
use crate::scene::{BaseScene, ScenarioScene};

pub use output::{pdf_deck, png, rasterize, svg_document};
pub use svg::{PageContent, PageTransform, page_svg};

/// Which bundled layers a page shows (contract.md's layer names).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layers {
    /// `countries`: land, borders and country names.
    pub countries: bool,
    /// `guarantors`: guarantor states coloured by their role.
    pub guarantors: bool,
    /// `oblasts`: oblast boundaries.
    pub oblasts: bool,
    /// `occupied`: the occupied area.
    pub occupied: bool,
    /// `front-line`: today's line of contact.
    pub front_line: bool,
    /// `cities`: cities and their names.
    pub cities: bool,
}

impl Layers {
    /// Every layer.
    pub const ALL: Self = Self {
        countries: true,
        guarantors: true,
        oblasts: true,
        occupied: true,
        front_line: true,
        cities: true,
    };

    /// The layers a step names (`None`: all).
    pub fn from_names(names: Option<&[String]>) -> Self {
        let Some(names) = names else {
            return Self::ALL;
        };
        let has = |n: &str| names.iter().any(|x| x == n);
        Self {
            countries: has("countries"),
            guarantors: has("guarantors"),
            oblasts: has("oblasts"),
            occupied: has("occupied"),
            front_line: has("front-line"),
            cities: has("cities"),
        }
    }
}

/// How a findings badge reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadgeLevel {
    /// The rule holds (✓).
    Pass,
    /// A warning (⚠).
    Warning,
    /// An error (✗).
    Error,
}

/// One badge of a step's live rule status: "Fortress belt ✓", "Troops 120,000 / 150,000 ⚠".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Badge {
    /// The text before the mark.
    pub text: String,
    /// The mark and colour.
    pub level: BadgeLevel,
}

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
}

/// The margin the window's fit leaves around a step's view.
pub const STEP_MARGIN: f64 = 0.92;

impl MapPage {
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
        // The rules run only when a step shows findings: a check costs more than a page.
        let badges = if scenario.steps.iter().any(|s| s.findings) {
            let report = crate::rules::Checker::new(map).check(&scenario, front_line);
            findings::badges(&report, &scenario)
        } else {
            Vec::new()
        };
        Ok(Self {
            base,
            own_front_line,
            scenario_scene: ScenarioScene::new(&scenario),
            scenario,
            badges,
        })
    }

    /// What a page draws from.
    pub fn content(&self) -> PageContent<'_> {
        PageContent {
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
            scenario_scene: &self.scenario_scene,
        }
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

    /// The SVG of `page` at `size`.
    pub fn svg(&self, page: &MapPage, size: (u32, u32)) -> String {
        page_svg(&self.content(), page, size)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layers_from_names_match_the_window() {
        use crate::ui::paint::LayerVisibility;
        let cases: [Option<Vec<String>>; 3] = [
            None,
            Some(vec!["oblasts".into(), "front-line".into()]),
            Some(vec![]),
        ];
        for names in cases {
            let ours = Layers::from_names(names.as_deref());
            let window = LayerVisibility::from_names(names.as_deref());
            assert_eq!(
                [
                    ours.countries,
                    ours.guarantors,
                    ours.oblasts,
                    ours.occupied,
                    ours.front_line,
                    ours.cities
                ],
                [
                    window.countries,
                    window.guarantors,
                    window.oblasts,
                    window.occupied,
                    window.front_line,
                    window.cities
                ]
            );
        }
    }

    #[test]
    fn city_thresholds_match_the_window() {
        for tenth in 0..200 {
            let zoom = f64::from(tenth) / 10.0;
            assert_eq!(
                svg::city_min_population(zoom),
                crate::ui::paint::min_population(zoom)
            );
        }
    }
}
