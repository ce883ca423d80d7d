//! What the map shows, prepared once and free of any GUI toolkit, and the one layout that turns
//! it into a picture ([`layout`] → [`picture`]), so that the window (`ui::picture`) and the
//! headless export (`export::svg`) draw the same thing the same way.

pub mod flight;
pub mod geometry;
pub mod layout;
pub mod marks;
pub mod picture;
pub mod style;
pub mod symbology;
pub mod symbols;
pub mod text;
pub mod view;

use crate::model::{BaseMap, scenario::NationLists};
use geo::{Area, BoundingRect, InteriorPoint};
use geometry::{PreparedArea, PreparedLine, WorldPoint, world_point};

/// A country, prepared for drawing.
#[derive(Debug, Clone)]
pub struct CountryShape {
    /// ISO 3166-1 alpha-2 code.
    pub iso_a2: String,
    /// English name.
    pub name: String,
    /// Its land.
    pub area: PreparedArea,
    /// Where its label goes: inside its largest polygon.
    pub label_at: WorldPoint,
    /// Other places inside the country a label may go (a grid over its land), so that a
    /// large country keeps its name on screen wherever the view is.
    pub label_candidates: Vec<WorldPoint>,
    /// Area of its largest polygon in square degrees, to rank labels.
    pub label_rank: f64,
}

/// An oblast, prepared for drawing.
#[derive(Debug, Clone)]
pub struct OblastShape {
    /// ISO 3166-2 code.
    pub iso_3166_2: String,
    /// English name.
    pub name: String,
    /// Its territory.
    pub area: PreparedArea,
}

/// A city, prepared for drawing.
#[derive(Debug, Clone, PartialEq)]
pub struct CityMark {
    /// Name.
    pub name: String,
    /// Inhabitants.
    pub population: u64,
    /// National capital.
    pub capital: bool,
    /// Position in world units.
    pub at: WorldPoint,
}

/// The bundled layers, prepared for drawing.
#[derive(Debug, Clone)]
pub struct BaseScene {
    /// Countries.
    pub countries: Vec<CountryShape>,
    /// Ukraine's oblasts.
    pub oblasts: Vec<OblastShape>,
    /// The occupied area.
    pub occupied: PreparedArea,
    /// Today's front line.
    pub front_line: PreparedLine,
    /// Cities, most important first (capitals, then by population): labels are placed in
    /// this order, so the important ones win where labels would overlap.
    pub cities: Vec<CityMark>,
    /// Ukraine's extent as [min_lon, min_lat, max_lon, max_lat].
    pub ukraine_extent: [f64; 4],
}

/// The oblasts drawn with a stronger outline: Donetsk and Luhansk (the Donbas).
pub const DONBAS: [&str; 2] = ["UA-14", "UA-09"];

/// Ukraine's extent when the map data has no Ukraine (it always has; this keeps the view sane).
const FALLBACK_UKRAINE_EXTENT: [f64; 4] = [22.1, 44.3, 40.2, 52.4];

impl BaseScene {
    /// Prepares every bundled layer: projection, simplification, triangulation, label anchors.
    pub fn new(map: &BaseMap) -> Self {
        let countries = map
            .countries
            .iter()
            .map(|c| {
                // Labels need only a coarse outline: finding points inside the full-detail
                // coastline of Russia would cost more than everything else at start-up.
                let coarse = coarse_outline(&c.geometry);
                let largest = coarse
                    .0
                    .iter()
                    .max_by(|a, b| a.unsigned_area().total_cmp(&b.unsigned_area()));
                let (label_at, label_rank) = largest
                    .and_then(|p| Some((p.interior_point()?, p.unsigned_area())))
                    .map_or(([0.0, 0.0], 0.0), |(pt, rank)| {
                        (world_point(pt.x(), pt.y()), rank)
                    });
                CountryShape {
                    iso_a2: c.iso_a2.clone(),
                    name: c.name.clone(),
                    area: PreparedArea::new(&c.geometry),
                    label_at,
                    label_candidates: label_grid(&coarse),
                    label_rank,
                }
            })
            .collect();
        let oblasts = map
            .oblasts
            .iter()
            .map(|o| OblastShape {
                iso_3166_2: o.iso_3166_2.clone(),
                name: o.name.clone(),
                area: PreparedArea::new(&o.geometry),
            })
            .collect();
        let mut cities: Vec<CityMark> = map
            .cities
            .iter()
            .map(|c| CityMark {
                name: c.name.clone(),
                population: c.population,
                capital: c.capital,
                at: world_point(c.position.x(), c.position.y()),
            })
            .collect();
        cities.sort_by(|a, b| {
            b.capital
                .cmp(&a.capital)
                .then(b.population.cmp(&a.population))
                .then(a.name.cmp(&b.name))
        });
        let ukraine_extent = map
            .ukraine()
            .and_then(|u| u.geometry.bounding_rect())
            .map_or(FALLBACK_UKRAINE_EXTENT, |r| {
                [r.min().x, r.min().y, r.max().x, r.max().y]
            });
        Self {
            countries,
            oblasts,
            occupied: PreparedArea::new(&map.occupied),
            front_line: PreparedLine::new(&map.front_line.line),
            cities,
            ukraine_extent,
        }
    }
}

/// Tolerance of the outline used to place labels, degrees (about 5 km).
const LABEL_OUTLINE_DEG: f64 = 0.05;

/// `area` thinned to vertices at least [`LABEL_OUTLINE_DEG`] apart (polygons that vanish are
/// dropped): enough to place a label, a small fraction of the cost of the full outline.
fn coarse_outline(area: &geo::MultiPolygon) -> geo::MultiPolygon {
    let thin = |ring: &geo::LineString| geometry::radial_decimate(ring, LABEL_OUTLINE_DEG);
    geo::MultiPolygon::new(
        area.0
            .iter()
            .filter_map(|p| {
                let exterior = thin(p.exterior());
                (exterior.0.len() >= 4).then(|| {
                    geo::Polygon::new(
                        exterior,
                        p.interiors()
                            .iter()
                            .map(thin)
                            .filter(|r| r.0.len() >= 4)
                            .collect(),
                    )
                })
            })
            .collect(),
    )
}

impl BaseScene {
    /// Makes every level of detail of every layer now (on a background thread at start-up, so
    /// zooming never waits for one): the levels near the usual views first.
    pub fn warm(&self) {
        let areas = || {
            self.countries
                .iter()
                .map(|c| &c.area)
                .chain(self.oblasts.iter().map(|o| &o.area))
                .chain(std::iter::once(&self.occupied))
        };
        for index in [2, 3, 1, 0, 4, 5, geometry::LOD_ZOOMS.len()] {
            for area in areas() {
                area.level_at(index);
            }
        }
    }
}

/// Spacing of the label grid, degrees.
const LABEL_GRID_DEG: f64 = 2.5;

/// Points on a regular grid that lie inside `area` (and at least a little way from its edge,
/// by checking the four neighbours at a quarter step).
fn label_grid(area: &geo::MultiPolygon) -> Vec<WorldPoint> {
    use geo::{Contains, Point};
    let Some(rect) = area.bounding_rect() else {
        return Vec::new();
    };
    let mut points = Vec::new();
    let start_x = (rect.min().x / LABEL_GRID_DEG).ceil() as i32;
    let end_x = (rect.max().x / LABEL_GRID_DEG).floor() as i32;
    let start_y = (rect.min().y / LABEL_GRID_DEG).ceil() as i32;
    let end_y = (rect.max().y / LABEL_GRID_DEG).floor() as i32;
    let q = LABEL_GRID_DEG / 4.0;
    for ix in start_x..=end_x {
        for iy in start_y..=end_y {
            let (x, y) = (
                f64::from(ix) * LABEL_GRID_DEG,
                f64::from(iy) * LABEL_GRID_DEG,
            );
            let inside = [(0.0, 0.0), (q, 0.0), (-q, 0.0), (0.0, q), (0.0, -q)]
                .iter()
                .all(|(dx, dy)| area.contains(&Point::new(x + dx, y + dy)));
            if inside {
                points.push(world_point(x, y));
            }
        }
    }
    points
}

/// How a country is coloured: by the part its nation plays in the open scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CountryRole {
    /// Ukraine.
    Host,
    /// A guarantor or backstop state of the scenario.
    Guarantor,
    /// An adversary.
    Adversary,
    /// Everyone else, muted.
    Other,
}

/// The role of the country `iso_a2` under `lists`.
pub fn country_role(lists: &NationLists, iso_a2: &str) -> CountryRole {
    use crate::model::scenario::Affiliation;
    match lists.affiliation(iso_a2) {
        Affiliation::Host => CountryRole::Host,
        Affiliation::Guarantor | Affiliation::Backstop => CountryRole::Guarantor,
        Affiliation::Adversary => CountryRole::Adversary,
        Affiliation::Other => CountryRole::Other,
    }
}

/// The scenario's lines and areas, prepared for drawing; rebuilt when the scenario changes.
#[derive(Debug, Clone, Default)]
pub struct ScenarioScene {
    /// Demarcation proposals by feature id, in file order.
    pub lines: Vec<(String, PreparedLine)>,
    /// Guarantee areas by feature id.
    pub areas: Vec<(String, PreparedArea)>,
}

impl ScenarioScene {
    /// Prepares `scenario`'s demarcations and guarantee areas.
    pub fn new(scenario: &crate::model::Scenario) -> Self {
        Self {
            lines: scenario
                .demarcations()
                .map(|(id, d)| (id.to_owned(), PreparedLine::new(&d.line)))
                .collect(),
            areas: scenario
                .guarantee_areas()
                .map(|(id, a)| (id.to_owned(), PreparedArea::new(&a.area)))
                .collect(),
        }
    }
}

/// Which bundled layers are drawn (contract.md's layer names).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
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

impl Default for Layers {
    fn default() -> Self {
        Self::ALL
    }
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

/// Geodesic range rings of the forces with `range_km`, in world units; built once per scenario
/// revision, so a frame only transforms them.
#[derive(Debug, Clone, Default)]
pub struct RangeRings {
    /// The scenario revision they were built for.
    pub revision: Option<u64>,
    /// Force id and its ring (closed).
    pub rings: Vec<(String, Vec<geometry::WorldPoint>)>,
}

/// Points on a range ring.
const RING_POINTS: usize = 96;

impl RangeRings {
    /// The rings of `scenario`'s forces.
    pub fn new(scenario: &crate::model::Scenario) -> Self {
        let mut rings = Self::default();
        rings.update(scenario, 0);
        rings
    }

    /// Rebuilds the rings if `revision` is not the one they were built for.
    pub fn update(&mut self, scenario: &crate::model::Scenario, revision: u64) {
        if self.revision == Some(revision) {
            return;
        }
        self.revision = Some(revision);
        self.rings = scenario
            .forces()
            .filter_map(|(id, f)| {
                let km = f.range_km.filter(|r| *r > 0.0 && f.strength > 0)?;
                Some((id.to_owned(), geodesic_circle(f.position, km)))
            })
            .collect();
    }
}

/// A geodesic circle of `km` around `centre`, in world units.
pub fn geodesic_circle(centre: geo::Point, km: f64) -> Vec<geometry::WorldPoint> {
    use geo::Destination;
    // Beyond ~half the Earth's circumference the "circle" wraps; cap it.
    let metres = (km * 1000.0).min(19_000_000.0);
    (0..=RING_POINTS)
        .map(|i| {
            let bearing = 360.0 * i as f64 / RING_POINTS as f64;
            let p = geo::Geodesic.destination(centre, bearing, metres);
            world_point(p.x(), p.y().clamp(-85.0, 85.0))
        })
        .collect()
}

/// The colour of the demarcation proposal at `index` among the scenario's proposals.
pub fn proposal_colour(index: usize) -> style::Rgba {
    PROPOSAL_COLOURS
        .get(index % PROPOSAL_COLOURS.len())
        .copied()
        .unwrap_or(style::LABEL)
}

/// Colours of demarcation proposals, one per proposal in turn.
pub const PROPOSAL_COLOURS: [style::Rgba; 6] = [
    [110, 40, 170, 255],
    [0, 120, 140, 255],
    [200, 110, 0, 255],
    [40, 90, 200, 255],
    [170, 30, 110, 255],
    [60, 130, 40, 255],
];
