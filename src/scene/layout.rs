//! The one layout of the map: from the prepared scene, what is shown and one [`View`], the
//! [`Picture`] that the window, presentation mode, File ▸ Export, `armistice render` and the PDF
//! deck all draw. Everything that decides where something goes lives here: label placement
//! (major cities first, then symbols, then the rest, each only where it overlaps nothing placed
//! before), force fans and clusters, the rule marks and their labels, the legend's rows, the
//! scale bar, the title panel with its badges and the footer.

use super::geometry::{AreaLevel, PreparedArea, PreparedLine, world_point};
use super::marks::{HatchedArea, MisplacedMark, OverlayToggles, PreparedOverlays};
use super::picture::{Dash, Item, MarkDrawn, MarkKind, Picture, Stroke, Symbol, Text};
use super::style::{self, Rgba, with_alpha};
use super::symbology;
use super::symbols::{self, SymbolPlacement, force_symbol as standard_symbol, short_strength};
use super::text::{ExportFont, font};
use super::view::{Align, ScreenPoint, ScreenRect, View};
use super::{
    BaseScene, CountryRole, DONBAS, Layers, RangeRings, ScenarioScene, country_role,
    proposal_colour,
};
use crate::model::Scenario;
use crate::model::scenario::{Force, NationLists};
use crate::model::sidc::Identity;
use crate::rules::overlays::{BeltMark, BeltStatus};
use std::collections::HashSet;

/// Cities that keep their label at every zoom: the capital and the largest cities, the ones a
/// planner finds the map by.
pub const MAJOR_CITIES: [&str; 6] = ["Kyiv", "Kharkiv", "Odesa", "Dnipro", "Zaporizhzhia", "Lviv"];

/// Forces closer than this on screen are grouped, px.
pub const CLUSTER_PX: f32 = 26.0;
/// The largest group fanned out when zoomed in; bigger groups become one cluster symbol.
pub const FAN_MAX: usize = 6;
/// Below this zoom every group of forces is one cluster symbol (click or zoom in to expand).
pub const CLUSTER_ZOOM: f64 = 6.5;

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

impl BadgeLevel {
    /// Fill and ink.
    pub fn colours(self) -> (Rgba, Rgba) {
        match self {
            Self::Pass => style::BADGE_PASS,
            Self::Warning => style::BADGE_WARNING,
            Self::Error => style::BADGE_ERROR,
        }
    }
}

/// One badge of a step's live rule status: "Fortress belt ✓", "Troops 120,000 / 150,000 ⚠".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Badge {
    /// The text before the mark.
    pub text: String,
    /// The mark and colour.
    pub level: BadgeLevel,
}

/// Whether the legend is drawn, and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum LegendMode {
    /// Not drawn (View ▸ Legend off).
    Hidden,
    /// Only its header, which unfolds it.
    Folded,
    /// Every row.
    #[default]
    Open,
}

/// What the picture is drawn from.
pub struct MapContent<'a> {
    /// The bundled layers, prepared.
    pub base: &'a BaseScene,
    /// The front line drawn (the scenario's own, or the bundled one).
    pub front_line: &'a PreparedLine,
    /// The occupied area behind it.
    pub occupied: &'a PreparedArea,
    /// The plan.
    pub scenario: &'a Scenario,
    /// Its lines and areas, prepared.
    pub prepared: &'a ScenarioScene,
    /// Its range rings, prepared.
    pub rings: &'a RangeRings,
    /// The nation lists (symbol frames, country fills).
    pub lists: &'a NationLists,
    /// The rule marks of the plan's latest check.
    pub marks: &'a PreparedOverlays,
}

/// The title panel of a step (pages and slides).
#[derive(Debug, Clone, Copy)]
pub struct TitlePanel<'a> {
    /// The small line above the title ("Step 2 / 5").
    pub label: Option<&'a str>,
    /// The title.
    pub title: &'a str,
    /// The text under it.
    pub caption: Option<&'a str>,
    /// The findings badges under the caption.
    pub badges: &'a [Badge],
}

/// What is shown, and which panels go over the map.
#[derive(Debug, Clone, Copy)]
pub struct Shown<'a> {
    /// The bundled layers shown.
    pub layers: Layers,
    /// The scenario's features not shown (switched off, or not named by the step).
    pub hidden: &'a HashSet<String>,
    /// The rule marks shown (`OverlayToggles::NONE`: a step with its findings off).
    pub marks: OverlayToggles,
    /// Whether marks about the plan as a whole (cities outside air cover) are shown: they
    /// belong to no one feature, so a step that names its features leaves them out.
    pub plan_marks: bool,
    /// Selected features (highlighted).
    pub selected: &'a HashSet<String>,
    /// Whether our own land and sea are drawn (not over online tiles).
    pub land: bool,
    /// The legend.
    pub legend: LegendMode,
    /// The scale bar.
    pub scale_bar: bool,
    /// The title panel.
    pub title: Option<TitlePanel<'a>>,
    /// The footer's text, bottom right.
    pub footer: Option<&'a str>,
    /// Rectangles the window covers with its own panels: nothing is placed under them.
    pub reserved: &'a [ScreenRect],
    /// The extent of the finding last clicked, boxed.
    pub focus: Option<[f64; 4]>,
    /// The fortress-belt cities against the proposals shown (drawn when belt marks are on).
    pub belt: &'a [BeltMark],
}

/// Keeps labels apart: a label is placed only where it overlaps none placed before.
#[derive(Debug, Default)]
struct Placer {
    placed: Vec<ScreenRect>,
}

impl Placer {
    fn is_free(&self, r: &ScreenRect) -> bool {
        !self.placed.iter().any(|p| p.intersects(r))
    }

    fn try_place(&mut self, r: ScreenRect) -> bool {
        let free = self.is_free(&r);
        if free {
            self.placed.push(r);
        }
        free
    }

    fn reserve(&mut self, r: ScreenRect) {
        self.placed.push(r);
    }
}

/// The items of one picture by the layer they are drawn in, so that things can be placed in
/// order of importance and drawn in order of depth.
#[derive(Default)]
struct Layered<'a> {
    base: Vec<Item<'a>>,
    under: Vec<Item<'a>>,
    scenario: Vec<Item<'a>>,
    labels: Vec<Item<'a>>,
    over: Vec<Item<'a>>,
    panels: Vec<Item<'a>>,
}

/// A text item of `text` at `at`, measured with the picture's font.
pub fn text_item(
    text: String,
    at: ScreenPoint,
    align: (Align, Align),
    size: f32,
    colour: Rgba,
    halo: bool,
) -> Text {
    let f = font();
    let rect = ScreenRect::anchored(
        at,
        [f.width(&text, size), f.line_height(size)],
        align.0,
        align.1,
    );
    Text {
        text,
        at,
        align,
        size,
        colour,
        halo,
        bold: false,
        rect,
    }
}

fn text_size(f: &ExportFont, text: &str, size: f32) -> [f32; 2] {
    [f.width(text, size), f.line_height(size)]
}

/// Lays out the picture of `content` as `shown` asks, seen through `view`.
pub fn layout<'a>(content: &MapContent<'a>, shown: &Shown<'_>, view: &View) -> Picture<'a> {
    let mut picture = Picture::default();
    let mut layers = Layered::default();
    let mut placer = Placer::default();
    for r in shown.reserved {
        placer.reserve(*r);
    }
    base_layers(content, shown, view, &mut layers.base, &mut picture);
    let panels = panels(content, shown, view, &mut layers.panels, &mut picture);
    for r in &panels {
        placer.reserve(*r);
    }
    // Where the symbols go is known before any name is placed: the major cities' names then
    // take the side of their dot no symbol covers, where there is one.
    let groups = force_groups(content, shown, view);
    let symbol_boxes: Vec<ScreenRect> = groups.iter().flat_map(|g| g.boxes(content)).collect();
    if shown.layers.cities {
        city_labels(
            content.base,
            view,
            &mut layers.labels,
            &mut placer,
            &mut picture,
            Some(&symbol_boxes),
        );
    }
    marks_under(content, shown, view, &mut layers.under, &mut picture);
    scenario_layer(
        content,
        shown,
        view,
        groups,
        &mut layers.scenario,
        &mut placer,
        &mut picture,
    );
    // The belt dots sit on their cities' dots: reserved before other names are placed.
    let belt = belt_shown(shown);
    for mark in &belt {
        let at = view.screen(world_point(mark.position.x(), mark.position.y()));
        placer.reserve(ScreenRect::around(at, 16.0));
    }
    if shown.layers.cities {
        city_labels(
            content.base,
            view,
            &mut layers.labels,
            &mut placer,
            &mut picture,
            None,
        );
    }
    if shown.layers.countries {
        country_labels(
            content.base,
            view,
            &mut layers.labels,
            &mut placer,
            &mut picture,
        );
    }
    marks_over(
        content,
        shown,
        view,
        &belt,
        &mut layers.over,
        &mut placer,
        &mut picture,
    );
    let Layered {
        base,
        under,
        scenario,
        labels,
        over,
        panels,
    } = layers;
    picture.items = base;
    picture.items.extend(under);
    picture.items.extend(scenario);
    picture.items.extend(labels);
    picture.items.extend(over);
    picture.items.extend(panels);
    picture
}

fn on_view(area: &PreparedArea, view: &View) -> bool {
    area.bounds.intersects(&view.visible_world(8.0))
}

fn base_layers<'a>(
    c: &MapContent<'a>,
    shown: &Shown<'_>,
    view: &View,
    items: &mut Vec<Item<'a>>,
    picture: &mut Picture<'a>,
) {
    let layers = shown.layers;
    let zoom = view.zoom;
    if shown.land {
        items.push(Item::Rect {
            rect: view.rect,
            radius: 0.0,
            fill: Some(style::SEA),
            stroke: None,
        });
    }
    let mut fills: Vec<(&AreaLevel, Rgba)> = Vec::new();
    let mut borders: Vec<&AreaLevel> = Vec::new();
    for country in c.base.countries.iter().filter(|_| shown.land) {
        if !on_view(&country.area, view) {
            continue;
        }
        let role = country_role(c.lists, &country.iso_a2);
        let fill = match (layers.countries, layers.guarantors, role) {
            (_, true, CountryRole::Guarantor) => style::country_fill(role),
            (true, _, CountryRole::Guarantor) => style::OTHER_FILL,
            (true, _, _) => style::country_fill(role),
            (false, _, _) => continue,
        };
        let level = country.area.level(zoom);
        fills.push((level, fill));
        borders.push(level);
    }
    let occupied = layers.occupied && on_view(c.occupied, view);
    if occupied {
        fills.push((c.occupied.level(zoom), style::OCCUPIED_FILL));
    }
    picture.stats.triangles += fills
        .iter()
        .map(|(l, _)| l.indices.len() / 3)
        .sum::<usize>();
    let ring_points = |levels: &[&AreaLevel]| -> usize {
        levels
            .iter()
            .map(|l| l.rings.iter().map(Vec::len).sum::<usize>())
            .sum()
    };
    picture.stats.line_vertices += ring_points(&borders);
    items.push(Item::Fills(fills));
    items.push(Item::Outlines {
        levels: borders,
        stroke: Stroke::new(style::BORDER_WIDTH, style::BORDER),
        dash: None,
    });
    if layers.oblasts {
        let (mut plain, mut donbas): (Vec<&AreaLevel>, Vec<&AreaLevel>) = (Vec::new(), Vec::new());
        for oblast in c.base.oblasts.iter().filter(|o| on_view(&o.area, view)) {
            let level = oblast.area.level(zoom);
            if DONBAS.contains(&oblast.iso_3166_2.as_str()) {
                donbas.push(level);
            } else {
                plain.push(level);
            }
        }
        picture.stats.line_vertices += ring_points(&plain) + ring_points(&donbas);
        items.push(Item::Outlines {
            levels: plain,
            stroke: Stroke::new(style::OBLAST_WIDTH, style::OBLAST_LINE),
            dash: None,
        });
        items.push(Item::Outlines {
            levels: donbas,
            stroke: Stroke::new(style::DONBAS_WIDTH, style::DONBAS_LINE),
            dash: None,
        });
    }
    if occupied {
        items.push(Item::Outlines {
            levels: vec![c.occupied.level(zoom)],
            stroke: Stroke::new(style::OCCUPIED_EDGE_WIDTH, style::OCCUPIED_EDGE),
            dash: None,
        });
    }
    if layers.front_line && c.front_line.bounds.intersects(&view.visible_world(8.0)) {
        let (points, miters) = c.front_line.level_with_miters(zoom);
        picture.stats.line_vertices += points.len();
        items.push(Item::Line {
            points,
            miters: Some(miters),
            stroke: Stroke::new(style::FRONT_LINE_WIDTH, style::FRONT_LINE),
            dash: None,
        });
    }
}

/// The smallest population of a city shown at `zoom`: fewer, larger cities when zoomed out.
pub fn min_population(zoom: f64) -> u64 {
    match zoom {
        z if z < 5.0 => 500_000,
        z if z < 6.0 => 150_000,
        z if z < 7.0 => 50_000,
        _ => 0,
    }
}

/// How far from its dot a city's name may stand, px: the first is every name's place; a major
/// city's name moves out to the others when a symbol sits on its dot and covers every side
/// nearer in (a cluster symbol is about 33 px across).
const NAME_DISTANCES: [f32; 4] = [6.0, 13.0, 20.0, 27.0];

/// Places city dots and names, most important first; `major`: only the major cities (placed
/// before anything else, so they always keep their label), else the rest.
fn city_labels<'a>(
    scene: &BaseScene,
    view: &View,
    items: &mut Vec<Item<'a>>,
    placer: &mut Placer,
    picture: &mut Picture<'a>,
    major_avoiding: Option<&[ScreenRect]>,
) {
    let major = major_avoiding.is_some();
    let symbols = major_avoiding.unwrap_or_default();
    let f = font();
    let clip = view.rect.expand(-2.0);
    let min_pop = min_population(view.zoom);
    for city in &scene.cities {
        let is_major = city.capital || MAJOR_CITIES.contains(&city.name.as_str());
        if is_major != major || (!is_major && city.population < min_pop) {
            continue;
        }
        let at = view.screen(city.at);
        if !clip.contains(at) {
            continue;
        }
        let size = if is_major {
            style::MAJOR_CITY_TEXT
        } else {
            style::CITY_TEXT
        };
        let dims = text_size(f, &city.name, size);
        // Right of the dot, then left, above, below; a major city's name may also stand
        // farther out when a cluster or symbol sits on its dot (hiding it), so the name is read
        // beside that symbol instead of under it.
        let sides = |d: f32| {
            [
                ([at[0] + d, at[1]], (Align::Start, Align::Center)),
                ([at[0] - d, at[1]], (Align::End, Align::Center)),
                ([at[0], at[1] - d], (Align::Center, Align::End)),
                ([at[0], at[1] + d], (Align::Center, Align::Start)),
            ]
        };
        let all: [_; 4 * NAME_DISTANCES.len()] =
            std::array::from_fn(|i| sides(NAME_DISTANCES[i / 4])[i % 4]);
        let near = &all[..4];
        let candidates = if is_major && symbols.iter().any(|b| b.contains(at)) {
            &all[..]
        } else {
            near
        };
        let dot = ScreenRect::around(at, 7.0);
        let rect_of = |(pos, (h, v)): &(ScreenPoint, (Align, Align))| {
            ScreenRect::anchored(*pos, dims, *h, *v).expand(1.5)
        };
        let free = |cand: &&(ScreenPoint, (Align, Align))| {
            let r = rect_of(cand);
            clip.contains_rect(&r) && placer.is_free(&r) && placer.is_free(&dot)
        };
        let clear_of_symbols = |cand: &&(ScreenPoint, (Align, Align))| {
            !symbols.iter().any(|b| b.intersects(&rect_of(cand)))
        };
        // Where no side is clear, the side the symbols cover least.
        let covered = |cand: &(ScreenPoint, (Align, Align))| -> f32 {
            let r = rect_of(cand);
            symbols
                .iter()
                .map(|b| {
                    let w = r.max[0].min(b.max[0]) - r.min[0].max(b.min[0]);
                    let h = r.max[1].min(b.max[1]) - r.min[1].max(b.min[1]);
                    w.max(0.0) * h.max(0.0)
                })
                .sum()
        };
        let chosen = candidates
            .iter()
            .filter(free)
            .find(clear_of_symbols)
            .or_else(|| {
                near.iter()
                    .filter(free)
                    .min_by(|a, b| covered(a).total_cmp(&covered(b)))
            });
        // A major city keeps its label even where it must overlap something.
        let chosen = match chosen {
            Some(c) => c,
            None if major => match near.iter().find(|c| clip.contains_rect(&rect_of(c))) {
                Some(c) => c,
                None => continue,
            },
            None => continue,
        };
        placer.reserve(dot);
        placer.reserve(rect_of(chosen));
        if city.capital {
            items.push(Item::Rect {
                rect: dot,
                radius: 0.0,
                fill: Some(style::CITY),
                stroke: None,
            });
            items.push(Item::Rect {
                rect: ScreenRect::around(at, 3.0),
                radius: 0.0,
                fill: Some(style::WHITE),
                stroke: None,
            });
        } else {
            items.push(Item::Circle {
                centre: at,
                radius: 3.0,
                fill: Some(style::CITY),
                stroke: Some(Stroke::new(1.0, style::WHITE)),
            });
        }
        items.push(Item::Text(text_item(
            city.name.clone(),
            chosen.0,
            chosen.1,
            size,
            style::LABEL,
            true,
        )));
        picture.stats.city_labels += 1;
    }
}

fn country_labels<'a>(
    scene: &BaseScene,
    view: &View,
    items: &mut Vec<Item<'a>>,
    placer: &mut Placer,
    picture: &mut Picture<'a>,
) {
    let f = font();
    let clip = view.rect.expand(-2.0);
    let inner = view.rect.expand(-42.0);
    let centre = view.rect.center();
    let mut countries: Vec<_> = scene.countries.iter().collect();
    countries.sort_by(|a, b| b.label_rank.total_cmp(&a.label_rank));
    let size = style::COUNTRY_TEXT;
    for country in countries {
        // The anchor nearest the middle of the view, of those on it.
        let d = |p: &ScreenPoint| (p[0] - centre[0]).powi(2) + (p[1] - centre[1]).powi(2);
        let at = std::iter::once(&country.label_at)
            .chain(&country.label_candidates)
            .map(|p| view.screen(*p))
            .filter(|p| inner.contains(*p))
            .min_by(|a, b| d(a).total_cmp(&d(b)));
        let Some(at) = at else {
            continue;
        };
        let text = country.name.to_uppercase();
        let rect =
            ScreenRect::anchored(at, text_size(f, &text, size), Align::Center, Align::Center);
        // A name wider than the country on screen would mislabel its neighbours.
        let country_px =
            f64::from(country.area.bounds.max[0] - country.area.bounds.min[0]) * view.scale;
        if country_px < f64::from(rect.width()) * 0.8
            || !clip.contains_rect(&rect)
            || !placer.try_place(rect)
        {
            continue;
        }
        items.push(Item::Text(text_item(
            text,
            at,
            (Align::Center, Align::Center),
            size,
            style::COUNTRY_LABEL,
            true,
        )));
        picture.stats.country_labels += 1;
    }
}

/// Whether the marks of line `id` are shown.
fn line_shown(shown: &Shown<'_>, id: &str) -> bool {
    !shown.hidden.contains(id)
}

fn hatched<'a>(area: &'a HatchedArea, colour: Rgba, view: &View, items: &mut Vec<Item<'a>>) {
    let level = area.prepared.level(view.zoom);
    items.push(Item::Fills(vec![(
        level,
        with_alpha(colour, style::HATCH_FILL_ALPHA),
    )]));
    items.push(Item::Hatch {
        segments: area.hatch(view.zoom),
        stroke: Stroke::new(
            style::HATCH_WIDTH,
            with_alpha(colour, style::HATCH_LINE_ALPHA),
        ),
    });
    items.push(Item::Outlines {
        levels: vec![level],
        stroke: Stroke::new(style::HATCH_EDGE_WIDTH, colour),
        dash: None,
    });
}

/// The marks under the scenario's lines and symbols: ceded and gained areas, unmonitored
/// stretches.
fn marks_under<'a>(
    c: &MapContent<'a>,
    shown: &Shown<'_>,
    view: &View,
    items: &mut Vec<Item<'a>>,
    picture: &mut Picture<'a>,
) {
    let visible = view.visible_world(8.0);
    for line in c.marks.lines.iter().filter(|l| line_shown(shown, &l.id)) {
        if shown.marks.areas {
            for (area, colour, kind) in [
                (&line.ceded, style::CEDED, MarkKind::Ceded),
                (&line.gained, style::GAINED, MarkKind::Gained),
            ] {
                let Some(area) = area else { continue };
                if !area.prepared.bounds.intersects(&visible) {
                    continue;
                }
                hatched(area, colour, view, items);
                picture.marks.push(MarkDrawn {
                    kind,
                    subject: Some(line.id.clone()),
                });
            }
        }
        if shown.marks.unmonitored {
            unmonitored(&line.unmonitored, Some(&line.id), view, items, picture);
        }
    }
    // With no demarcation, today's front line is the line of control: a plan-wide mark.
    if shown.marks.unmonitored && shown.plan_marks {
        unmonitored(&c.marks.front_unmonitored, None, view, items, picture);
    }
}

/// The stretches of a line of control no monitor covers, as one mark about `subject`.
fn unmonitored<'a>(
    stretches: &'a [PreparedLine],
    subject: Option<&str>,
    view: &View,
    items: &mut Vec<Item<'a>>,
    picture: &mut Picture<'a>,
) {
    let visible = view.visible_world(8.0);
    let mut any = false;
    for stretch in stretches.iter().filter(|s| s.bounds.intersects(&visible)) {
        let (points, miters) = stretch.level_with_miters(view.zoom);
        items.push(Item::Line {
            points,
            miters: Some(miters),
            stroke: Stroke::new(style::UNMONITORED_WIDTH, style::UNMONITORED),
            dash: None,
        });
        any = true;
    }
    if any {
        picture.marks.push(MarkDrawn {
            kind: MarkKind::Unmonitored,
            subject: subject.map(str::to_owned),
        });
    }
}

/// The forces shown that stand where they cannot.
fn misplaced_shown<'m>(
    c: &MapContent<'m>,
    shown: &Shown<'_>,
) -> impl Iterator<Item = &'m MisplacedMark> {
    let on = shown.marks.placement;
    c.marks
        .misplaced
        .iter()
        .filter(move |m| on && !shown.hidden.contains(&m.force))
}

/// A group of forces close together on screen.
struct Group<'s> {
    centre: ScreenPoint,
    members: Vec<(&'s str, &'s Force, ScreenPoint)>,
}

fn distance(a: ScreenPoint, b: ScreenPoint) -> f32 {
    (a[0] - b[0]).hypot(a[1] - b[1])
}

/// Groups forces whose screen positions lie within [`CLUSTER_PX`] of a group's first member.
fn group_forces<'s>(items: Vec<(&'s str, &'s Force, ScreenPoint)>) -> Vec<Group<'s>> {
    let mut groups: Vec<Group<'s>> = Vec::new();
    for (id, force, at) in items {
        match groups
            .iter_mut()
            .find(|g| distance(g.centre, at) < CLUSTER_PX)
        {
            Some(group) => group.members.push((id, force, at)),
            None => groups.push(Group {
                centre: at,
                members: vec![(id, force, at)],
            }),
        }
    }
    for group in &mut groups {
        let n = group.members.len() as f32;
        let sum = group
            .members
            .iter()
            .fold([0.0, 0.0], |acc, (_, _, p)| [acc[0] + p[0], acc[1] + p[1]]);
        group.centre = [sum[0] / n, sum[1] / n];
    }
    groups
}

/// Where the `i`th of `n` fanned-out symbols goes around `centre`.
fn fan_position(centre: ScreenPoint, i: usize, n: usize) -> ScreenPoint {
    let radius = symbols::SYMBOL_PX * (1.0 + 0.25 * n as f32);
    let angle = std::f32::consts::TAU * i as f32 / n as f32 - std::f32::consts::FRAC_PI_2;
    [
        centre[0] + angle.cos() * radius,
        centre[1] + angle.sin() * radius,
    ]
}

/// The scenario: guarantee areas, proposals, range rings, force symbols (fanned out or
/// clustered where they crowd).
fn scenario_layer<'a>(
    c: &MapContent<'a>,
    shown: &Shown<'_>,
    view: &View,
    groups: Vec<PlannedGroup<'a>>,
    items: &mut Vec<Item<'a>>,
    placer: &mut Placer,
    picture: &mut Picture<'a>,
) {
    let f = font();
    let visible = view.visible_world(8.0);
    let selected = |id: &str| shown.selected.contains(id);
    // Proposals' names: placed once the symbols are, so neither covers the other.
    let mut names: Vec<(String, Rgba, Vec<ScreenPoint>)> = Vec::new();
    for (id, area) in &c.prepared.areas {
        if shown.hidden.contains(id) || !area.bounds.intersects(&visible) {
            continue;
        }
        let width = if selected(id) {
            style::GUARANTEE_AREA_SELECTED_WIDTH
        } else {
            style::GUARANTEE_AREA_WIDTH
        };
        items.push(Item::Outlines {
            levels: vec![area.level(view.zoom)],
            stroke: Stroke::new(width, style::GUARANTEE_AREA),
            dash: Some(style::GUARANTEE_AREA_DASH),
        });
    }
    for (index, (id, line)) in c.prepared.lines.iter().enumerate() {
        if shown.hidden.contains(id) || !line.bounds.intersects(&visible) {
            continue;
        }
        let colour = proposal_colour(index);
        let width = if selected(id) {
            style::PROPOSAL_SELECTED_WIDTH
        } else {
            style::PROPOSAL_WIDTH
        };
        let points = line.level(view.zoom);
        let dash = Some(style::PROPOSAL_DASH);
        items.push(Item::Line {
            points,
            miters: None,
            stroke: Stroke::new(width + style::PROPOSAL_CASING, style::HALO),
            dash,
        });
        items.push(Item::Line {
            points,
            miters: None,
            stroke: Stroke::new(width, colour),
            dash,
        });
        let name = c.scenario.feature(id).map_or(id.as_str(), |f| f.label());
        let ends: Vec<ScreenPoint> = [points.last(), points.first()]
            .into_iter()
            .flatten()
            .map(|end| view.screen(*end))
            .collect();
        names.push((f.fit_line(name, style::PROPOSAL_TEXT, 240.0), colour, ends));
    }
    for (id, ring) in &c.rings.rings {
        if shown.hidden.contains(id) {
            continue;
        }
        let (stroke, dash) = if selected(id) {
            (Stroke::new(2.0, style::RANGE_RING_SELECTED), [10.0, 4.0])
        } else {
            (Stroke::new(1.0, style::RANGE_RING), [6.0, 4.0])
        };
        items.push(Item::Line {
            points: ring,
            miters: None,
            stroke,
            dash: Some(dash),
        });
    }
    for planned in groups {
        let group = &planned.group;
        if planned.clustered {
            cluster(c, group, items, placer, picture);
            continue;
        }
        let n = group.members.len();
        for (i, (id, force, true_at)) in group.members.iter().enumerate() {
            let at = planned.position(i);
            if n > 1 {
                items.push(Item::Path {
                    points: vec![*true_at, at],
                    closed: false,
                    fill: None,
                    stroke: Some(Stroke::new(1.0, style::LEADER)),
                    dash: None,
                });
                items.push(Item::Circle {
                    centre: *true_at,
                    radius: 2.5,
                    fill: Some(style::LEADER_DOT),
                    stroke: None,
                });
            }
            let bounds = force_symbol(c, id, force, at, selected(id), items, placer);
            picture.hits.symbols.push(((*id).to_owned(), bounds));
        }
    }
    // Each proposal's name at one end of its line, where it covers no name or symbol placed
    // before; with no free place it is left out (the legend names the proposal too).
    for (name, colour, ends) in names {
        let places = ends.iter().flat_map(|at| {
            [
                ([at[0] + 6.0, at[1]], (Align::Start, Align::Center)),
                ([at[0] - 6.0, at[1]], (Align::End, Align::Center)),
                ([at[0], at[1] + 6.0], (Align::Center, Align::Start)),
                ([at[0], at[1] - 6.0], (Align::Center, Align::End)),
            ]
        });
        for (at, align) in places {
            let text = text_item(name.clone(), at, align, style::PROPOSAL_TEXT, colour, true);
            if view.rect.contains_rect(&text.rect) && placer.try_place(text.rect) {
                items.push(Item::Text(text));
                break;
            }
        }
    }
}

/// A group of forces as the layout draws it: one symbol, a fan of symbols around the group's
/// centre with leader lines, or one cluster symbol.
struct PlannedGroup<'s> {
    group: Group<'s>,
    clustered: bool,
}

impl PlannedGroup<'_> {
    /// Where member `i`'s symbol stands.
    fn position(&self, i: usize) -> ScreenPoint {
        let n = self.group.members.len();
        if n == 1 {
            self.group.members[0].2
        } else {
            fan_position(self.group.centre, i, n)
        }
    }

    /// What its symbols (or its cluster symbol) cover on screen.
    fn boxes(&self, c: &MapContent<'_>) -> Vec<ScreenRect> {
        if self.clustered {
            return vec![ScreenRect::around(
                self.group.centre,
                2.0 * cluster_radius(&self.group),
            )];
        }
        self.group
            .members
            .iter()
            .enumerate()
            .map(|(i, (_, force, _))| {
                let symbol = standard_symbol(force, c.lists);
                let [x0, y0, x1, y1] =
                    SymbolPlacement::new(&symbol, self.position(i), symbols::SYMBOL_PX).image;
                ScreenRect::new([x0, y0], [x1, y1])
            })
            .collect()
    }
}

/// The forces shown on screen, grouped where they crowd: below [`CLUSTER_ZOOM`] every group of
/// more than one is a cluster, above it groups of up to [`FAN_MAX`] fan out.
fn force_groups<'a>(c: &MapContent<'a>, shown: &Shown<'_>, view: &View) -> Vec<PlannedGroup<'a>> {
    let on_screen = view.rect.expand(symbols::SYMBOL_PX * 2.0);
    let forces: Vec<(&'a str, &'a Force, ScreenPoint)> = c
        .scenario
        .forces()
        .filter(|(id, _)| !shown.hidden.contains(*id))
        .map(|(id, f)| {
            (
                id,
                f,
                view.screen(world_point(f.position.x(), f.position.y())),
            )
        })
        .filter(|(_, _, at)| on_screen.contains(*at))
        .collect();
    let aggregate = view.zoom < CLUSTER_ZOOM;
    group_forces(forces)
        .into_iter()
        .map(|group| {
            let n = group.members.len();
            PlannedGroup {
                clustered: n > FAN_MAX || (aggregate && n > 1),
                group,
            }
        })
        .collect()
}

/// A cluster symbol's radius, px: it grows with the count.
fn cluster_radius(group: &Group<'_>) -> f32 {
    13.0 + (group.members.len() as f32).sqrt() * 2.0
}

/// One force's symbol with its nation and strength beside it; returns the symbol's box.
fn force_symbol<'a>(
    c: &MapContent<'a>,
    id: &str,
    force: &Force,
    at: ScreenPoint,
    highlighted: bool,
    items: &mut Vec<Item<'a>>,
    placer: &mut Placer,
) -> ScreenRect {
    let symbol = standard_symbol(force, c.lists);
    let placement = SymbolPlacement::new(&symbol, at, symbols::SYMBOL_PX);
    let [x0, y0, x1, y1] = placement.frame;
    let bounds = ScreenRect::new([x0, y0], [x1, y1]);
    let [ix0, iy0, ix1, iy1] = placement.image;
    let image = ScreenRect::new([ix0, iy0], [ix1, iy1]);
    items.push(Item::Symbol(Symbol {
        feature: id.to_owned(),
        symbol,
        placement,
        highlighted,
    }));
    let nation = text_item(
        font().fit_line(&force.nation, style::FORCE_TEXT, 60.0),
        placement.nation_at(),
        (Align::End, Align::Center),
        style::FORCE_TEXT,
        style::FORCE_NATION,
        true,
    );
    let strength = text_item(
        short_strength(force.strength),
        placement.strength_at(),
        (Align::Start, Align::Center),
        style::FORCE_TEXT,
        style::FORCE_STRENGTH,
        true,
    );
    placer.reserve(image.expand(2.0));
    // A symbol's labels give way to names placed before (the major cities).
    for label in [nation, strength] {
        if placer.try_place(label.rect) {
            items.push(Item::Text(label));
        }
    }
    bounds
}

/// One symbol for a group: a disc in the group's frame colour with the count, and the total
/// strength beside it. A click on it (or zooming in) expands it.
fn cluster<'a>(
    c: &MapContent<'a>,
    group: &Group<'_>,
    items: &mut Vec<Item<'a>>,
    placer: &mut Placer,
    picture: &mut Picture<'a>,
) {
    let n = group.members.len();
    let radius = cluster_radius(group);
    let identities: HashSet<Identity> = group
        .members
        .iter()
        .map(|(_, f, _)| f.symbol_code(c.lists).identity())
        .collect();
    let fill = match identities.iter().next() {
        Some(identity) if identities.len() == 1 => symbols::identity_fill(*identity),
        _ => symbols::NEUTRAL_FILL,
    };
    items.push(Item::Circle {
        centre: group.centre,
        radius,
        fill: Some(fill),
        stroke: Some(Stroke::new(style::CLUSTER_EDGE_WIDTH, style::CLUSTER_INK)),
    });
    items.push(Item::Text(text_item(
        n.to_string(),
        group.centre,
        (Align::Center, Align::Center),
        14.0,
        style::CLUSTER_INK,
        false,
    )));
    let total: u64 = group
        .members
        .iter()
        .fold(0u64, |sum, (_, f, _)| sum.saturating_add(f.strength));
    let label = text_item(
        format!("{n} forces · {}", short_strength(total)),
        [group.centre[0] + radius + 3.0, group.centre[1]],
        (Align::Start, Align::Center),
        style::FORCE_TEXT,
        style::CLUSTER_TEXT,
        true,
    );
    let badge = ScreenRect::around(group.centre, radius * 2.0);
    placer.reserve(badge);
    if placer.try_place(label.rect) {
        items.push(Item::Text(label));
    }
    let mut extent = [
        f64::INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NEG_INFINITY,
    ];
    for (_, f, _) in &group.members {
        extent = [
            extent[0].min(f.position.x()),
            extent[1].min(f.position.y()),
            extent[2].max(f.position.x()),
            extent[3].max(f.position.y()),
        ];
    }
    picture.hits.clusters.push((badge, extent));
}

/// The belt marks of the proposals shown, when belt marks are on.
fn belt_shown<'s>(shown: &Shown<'s>) -> Vec<&'s BeltMark> {
    if !shown.marks.belt {
        return Vec::new();
    }
    shown
        .belt
        .iter()
        .filter(|m| line_shown(shown, &m.line))
        .collect()
}

/// The colour of a belt city's status.
pub fn belt_colour(status: BeltStatus) -> Rgba {
    match status {
        BeltStatus::Held => style::GAINED,
        BeltStatus::Exposed => style::AMBER,
        BeltStatus::Lost => style::CEDED,
    }
}

/// A rule mark's label: `text` in a small white box edged in `colour`, placed at the first of
/// `candidates` (anchor and alignment) that overlaps nothing placed before (city names,
/// symbols, other labels), with a leader line from `from` when it sits away from its mark.
/// Nothing is drawn when no place is free: a mark's label never covers a name or a symbol.
fn boxed_label<'a>(
    text: &str,
    colour: Rgba,
    from: ScreenPoint,
    candidates: &[(ScreenPoint, (Align, Align))],
    clip: &ScreenRect,
    items: &mut Vec<Item<'a>>,
    placer: &mut Placer,
) -> bool {
    let f = font();
    let size = style::MARK_TEXT;
    let pad = [4.0, 2.0];
    let dims = text_size(f, text, size);
    let box_size = [dims[0] + 2.0 * pad[0], dims[1] + 2.0 * pad[1]];
    let Some((rect, _)) = candidates
        .iter()
        .map(|(at, (h, v))| (ScreenRect::anchored(*at, box_size, *h, *v), *at))
        .find(|(r, _)| clip.contains_rect(r) && placer.is_free(&r.expand(1.0)))
    else {
        return false;
    };
    placer.reserve(rect);
    if distance(rect_nearest(&rect, from), from) > 12.0 {
        items.push(Item::Path {
            points: vec![from, rect_nearest(&rect, from)],
            closed: false,
            fill: None,
            stroke: Some(Stroke::new(1.2, style::LEADER)),
            dash: None,
        });
    }
    items.push(Item::Rect {
        rect,
        radius: 3.0,
        fill: Some(style::MARK_LABEL_FILL),
        stroke: Some(Stroke::new(1.0, with_alpha(colour, 0.8))),
    });
    items.push(Item::Text(text_item(
        text.to_owned(),
        [rect.min[0] + pad[0], rect.center()[1]],
        (Align::Start, Align::Center),
        size,
        colour,
        false,
    )));
    true
}

/// The point of `r` nearest to `p`.
fn rect_nearest(r: &ScreenRect, p: ScreenPoint) -> ScreenPoint {
    [
        p[0].clamp(r.min[0], r.max[0]),
        p[1].clamp(r.min[1], r.max[1]),
    ]
}

/// Places for a label around a mark at `at` that is `r` across: beside it first, then further
/// out in eight directions (with a leader line).
fn around(at: ScreenPoint, r: f32) -> Vec<(ScreenPoint, (Align, Align))> {
    let mut out = Vec::with_capacity(40);
    for d in [r, r + 18.0, r + 40.0, r + 70.0, r + 110.0] {
        let k = d * 0.7;
        out.extend([
            ([at[0] + d, at[1]], (Align::Start, Align::Center)),
            ([at[0] - d, at[1]], (Align::End, Align::Center)),
            ([at[0], at[1] + d], (Align::Center, Align::Start)),
            ([at[0], at[1] - d], (Align::Center, Align::End)),
            ([at[0] + k, at[1] + k], (Align::Start, Align::Start)),
            ([at[0] + k, at[1] - k], (Align::Start, Align::End)),
            ([at[0] - k, at[1] + k], (Align::End, Align::Start)),
            ([at[0] - k, at[1] - k], (Align::End, Align::End)),
        ]);
    }
    out
}

/// A mark's label waiting for its place: text, colour, the mark it points to, and the places
/// to try (anchor and alignment), best first.
type PendingLabel = (
    String,
    Rgba,
    ScreenPoint,
    Vec<(ScreenPoint, (Align, Align))>,
);

/// The marks over the scenario: furthest advance, standoff lines, cities outside air cover,
/// the belt cities with their depths, the focus box. Their labels go where nothing is.
#[allow(clippy::too_many_arguments)] // the layout's shared state, threaded through
fn marks_over<'a>(
    c: &MapContent<'a>,
    shown: &Shown<'_>,
    view: &View,
    belt: &[&BeltMark],
    items: &mut Vec<Item<'a>>,
    placer: &mut Placer,
    picture: &mut Picture<'a>,
) {
    let clip = view.rect.expand(-2.0);
    // The marks themselves first (their shapes are reserved), then their labels.
    let mut labels: Vec<PendingLabel> = Vec::new();
    if shown.marks.areas {
        for line in c.marks.lines.iter().filter(|l| line_shown(shown, &l.id)) {
            let Some((at, km)) = line.furthest else {
                continue;
            };
            let at = view.screen(at);
            if !view.rect.contains(at) {
                continue;
            }
            items.push(Item::Path {
                points: vec![
                    [at[0], at[1] - 7.0],
                    [at[0] + 6.0, at[1] + 4.0],
                    [at[0] - 6.0, at[1] + 4.0],
                ],
                closed: true,
                fill: Some(style::CEDED),
                stroke: Some(Stroke::new(1.2, style::WHITE)),
                dash: None,
            });
            placer.reserve(ScreenRect::around(at, 14.0));
            picture.marks.push(MarkDrawn {
                kind: MarkKind::FurthestAdvance,
                subject: Some(line.id.clone()),
            });
            labels.push((
                format!("furthest advance {km:.1} km"),
                style::CEDED,
                at,
                around(at, 9.0),
            ));
        }
    }
    if shown.marks.standoff {
        for s in c
            .marks
            .standoff
            .iter()
            .filter(|s| !shown.hidden.contains(&s.force))
        {
            let (a, b) = (view.screen(s.from), view.screen(s.to));
            if !view.rect.intersects(&ScreenRect::from_two(a, b)) {
                continue;
            }
            items.push(Item::Path {
                points: vec![a, b],
                closed: false,
                fill: None,
                stroke: Some(Stroke::new(2.2, style::CEDED)),
                dash: Some([7.0, 4.0]),
            });
            items.push(Item::Circle {
                centre: b,
                radius: 3.5,
                fill: Some(style::WHITE),
                stroke: Some(Stroke::new(1.8, style::CEDED)),
            });
            picture.marks.push(MarkDrawn {
                kind: MarkKind::Standoff,
                subject: Some(s.force.clone()),
            });
            let mid = [(a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0];
            labels.push((s.label.clone(), style::CEDED, mid, around(mid, 6.0)));
        }
    }
    for m in misplaced_shown(c, shown) {
        let at = view.screen(m.at);
        if !view.rect.contains(at) {
            continue;
        }
        let d = style::MISPLACED_CROSS;
        for (a, b) in [([-d, -d], [d, d]), ([-d, d], [d, -d])] {
            let points = vec![[at[0] + a[0], at[1] + a[1]], [at[0] + b[0], at[1] + b[1]]];
            for stroke in [
                Stroke::new(5.0, style::WHITE),
                Stroke::new(3.0, style::CEDED),
            ] {
                items.push(Item::Path {
                    points: points.clone(),
                    closed: false,
                    fill: None,
                    stroke: Some(stroke),
                    dash: None,
                });
            }
        }
        placer.reserve(ScreenRect::around(at, 2.0 * d + 4.0));
        picture.marks.push(MarkDrawn {
            kind: MarkKind::Misplaced,
            subject: Some(m.force.clone()),
        });
        let mut places = vec![([at[0], at[1] + d + 3.0], (Align::Center, Align::Start))];
        places.extend(around(at, d + 3.0));
        labels.push((m.label.clone(), style::CEDED, at, places));
    }
    if shown.marks.air_cover && shown.plan_marks {
        for (name, at) in &c.marks.uncovered {
            let at = view.screen(*at);
            if !view.rect.contains(at) {
                continue;
            }
            for (radius, width) in [(11.0, 2.0), (15.0, 1.0)] {
                items.push(Item::Circle {
                    centre: at,
                    radius,
                    fill: None,
                    stroke: Some(Stroke::new(width, style::NO_AIR_COVER)),
                });
            }
            picture.marks.push(MarkDrawn {
                kind: MarkKind::NoAirCover,
                subject: None,
            });
            let mut places = vec![([at[0], at[1] + 17.0], (Align::Center, Align::Start))];
            places.extend(around(at, 17.0));
            labels.push((
                format!("{name}: no air cover"),
                style::darker(style::NO_AIR_COVER),
                at,
                places,
            ));
        }
    }
    if !belt.is_empty() {
        let spots: Vec<ScreenPoint> = belt
            .iter()
            .map(|m| view.screen(world_point(m.position.x(), m.position.y())))
            .collect();
        // Zoomed out the four cities sit within a few pixels: their labels stack in a column
        // beside the belt (right of it, into the occupied side where fewer names crowd).
        let crowded = spots
            .windows(2)
            .any(|w| (w[0][1] - w[1][1]).abs() < 22.0 && (w[0][0] - w[1][0]).abs() < 160.0);
        let max_x = spots.iter().fold(f32::NEG_INFINITY, |x, p| x.max(p[0]));
        let min_x = spots.iter().fold(f32::INFINITY, |x, p| x.min(p[0]));
        let max_y = spots.iter().fold(f32::NEG_INFINITY, |y, p| y.max(p[1]));
        let centre_y = spots.iter().map(|p| p[1]).sum::<f32>() / spots.len() as f32;
        let row = 22.0;
        let right = max_x + 230.0 < view.rect.max[0];
        for (i, (mark, at)) in belt.iter().zip(&spots).enumerate() {
            if !view.rect.contains(*at) {
                continue;
            }
            let colour = belt_colour(mark.status);
            items.push(Item::Circle {
                centre: *at,
                radius: 6.5,
                fill: Some(colour),
                stroke: Some(Stroke::new(1.8, style::WHITE)),
            });
            items.push(Item::Circle {
                centre: *at,
                radius: 7.5,
                fill: None,
                stroke: Some(Stroke::new(1.0, style::BELT_RING)),
            });
            picture.marks.push(MarkDrawn {
                kind: MarkKind::Belt,
                subject: Some(mark.line.clone()),
            });
            let mut places = Vec::new();
            if crowded {
                // The column's row for this city, then the rows below it.
                for k in 0..8 {
                    let y = i as f32 + k as f32 * belt.len() as f32;
                    let slot = if right {
                        [
                            max_x + 70.0,
                            centre_y - row * (belt.len() as f32 - 1.0) / 2.0 + row * y,
                        ]
                    } else {
                        [
                            ((min_x + max_x) / 2.0 - 60.0).min(view.rect.max[0] - 175.0),
                            max_y + 40.0 + row * y,
                        ]
                    };
                    places.push((slot, (Align::Start, Align::Center)));
                }
            }
            places.extend(around(*at, 10.0));
            labels.push((
                format!("{} {:+.1} km", mark.city, mark.depth_km),
                style::darker(colour),
                *at,
                places,
            ));
        }
    }
    for (text, colour, from, places) in labels {
        boxed_label(&text, colour, from, &places, &clip, items, placer);
    }
    if let Some(extent) = shown.focus {
        let a = view.screen_of_lonlat(extent[0], extent[3]);
        let b = view.screen_of_lonlat(extent[2], extent[1]);
        let r = ScreenRect::from_two(a, b).expand(4.0);
        items.push(Item::Path {
            points: vec![r.min, [r.max[0], r.min[1]], r.max, [r.min[0], r.max[1]]],
            closed: true,
            fill: None,
            stroke: Some(Stroke::new(2.5, style::FOCUS)),
            dash: Some([10.0, 6.0]),
        });
    }
}

/// One legend row's key.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Key {
    Fill(Rgba, Rgba),
    Line(Rgba, f32, Option<Dash>),
    Dot(Rgba),
    Symbol(Identity),
    Hatch(Rgba),
    Band(Rgba),
    Ring(Rgba),
    BeltDot(Rgba),
    Triangle(Rgba),
    Cross(Rgba),
}

/// The legend's rows: the layers shown, what of the scenario is drawn, the rule marks drawn.
fn legend_rows(c: &MapContent<'_>, shown: &Shown<'_>, view: &View) -> Vec<(Key, String)> {
    let mut rows: Vec<(Key, String)> = Vec::new();
    let l = shown.layers;
    let mut add = |on: bool, key: Key, text: &str| {
        if on {
            rows.push((key, text.to_owned()));
        }
    };
    let land = shown.land;
    add(
        land && l.countries,
        Key::Fill(style::HOST_FILL, style::BORDER),
        "Ukraine",
    );
    add(
        land && l.guarantors,
        Key::Fill(style::GUARANTOR_FILL, style::BORDER),
        "Guarantor states",
    );
    add(
        land && l.countries,
        Key::Fill(style::ADVERSARY_FILL, style::BORDER),
        "Russia, Belarus",
    );
    add(
        l.occupied,
        Key::Fill(style::OCCUPIED_FILL, style::OCCUPIED_EDGE),
        "Occupied area",
    );
    add(
        l.front_line,
        Key::Line(style::FRONT_LINE, style::FRONT_LINE_WIDTH, None),
        "Front line",
    );
    add(
        l.oblasts,
        Key::Line(style::DONBAS_LINE, style::DONBAS_WIDTH, None),
        "Donetsk, Luhansk",
    );
    add(
        l.oblasts,
        Key::Line(style::OBLAST_LINE, 1.0, None),
        "Oblast boundary",
    );
    add(l.cities, Key::Dot(style::CITY), "City");
    let visible = view.visible_world(8.0);
    let f = font();
    for (index, (id, line)) in c.prepared.lines.iter().enumerate() {
        if shown.hidden.contains(id) || !line.bounds.intersects(&visible) {
            continue;
        }
        let name = c.scenario.feature(id).map_or(id.as_str(), |f| f.label());
        rows.push((
            Key::Line(
                proposal_colour(index),
                style::PROPOSAL_WIDTH,
                Some([7.0, 3.0]),
            ),
            f.fit_line(name, style::LEGEND_TEXT, 200.0),
        ));
    }
    let areas = c
        .prepared
        .areas
        .iter()
        .any(|(id, a)| !shown.hidden.contains(id) && a.bounds.intersects(&visible));
    if areas {
        rows.push((
            Key::Line(
                style::GUARANTEE_AREA,
                style::GUARANTEE_AREA_WIDTH,
                Some([6.0, 3.0]),
            ),
            "Guarantee area".to_owned(),
        ));
    }
    let identities: HashSet<Identity> = c
        .scenario
        .forces()
        .filter(|(id, _)| !shown.hidden.contains(*id))
        .map(|(_, f)| f.symbol_code(c.lists).identity())
        .collect();
    for identity in Identity::ALL {
        if identities.contains(&identity) {
            rows.push((Key::Symbol(identity), identity_legend(identity).to_owned()));
        }
    }
    if c.rings
        .rings
        .iter()
        .any(|(id, _)| !shown.hidden.contains(id))
    {
        rows.push((
            Key::Line(style::RANGE_RING, 1.0, Some([4.0, 3.0])),
            "Range".to_owned(),
        ));
    }
    rows
}

/// The keys of the rule marks drawn.
fn mark_rows(picture: &Picture<'_>) -> Vec<(Key, String)> {
    let has = |k: MarkKind| picture.marks.iter().any(|m| m.kind == k);
    let mut rows = Vec::new();
    let mut add = |on: bool, key: Key, text: &str| {
        if on {
            rows.push((key, text.to_owned()));
        }
    };
    add(
        has(MarkKind::Ceded),
        Key::Hatch(style::CEDED),
        "Moved to Russian control",
    );
    add(
        has(MarkKind::Gained),
        Key::Hatch(style::GAINED),
        "Moved to Ukrainian control",
    );
    add(
        has(MarkKind::FurthestAdvance),
        Key::Triangle(style::CEDED),
        "Furthest advance",
    );
    add(
        has(MarkKind::Unmonitored),
        Key::Band(style::UNMONITORED),
        "No monitor covers",
    );
    add(
        has(MarkKind::Standoff),
        Key::Line(style::CEDED, 2.2, Some([5.0, 3.0])),
        "Too close to the line",
    );
    add(
        has(MarkKind::NoAirCover),
        Key::Ring(style::NO_AIR_COVER),
        "No air cover",
    );
    add(
        has(MarkKind::Misplaced),
        Key::Cross(style::CEDED),
        "Force cannot stand there",
    );
    if has(MarkKind::Belt) {
        rows.push((Key::BeltDot(style::GAINED), "Belt city held".to_owned()));
        rows.push((Key::BeltDot(style::AMBER), "Belt city exposed".to_owned()));
        rows.push((Key::BeltDot(style::CEDED), "Belt city lost".to_owned()));
    }
    rows
}

/// The panels over the map (title, legend, scale bar, footer), laid out into `items`; returns
/// the rectangles they cover, so nothing is placed under them.
fn panels<'a>(
    c: &MapContent<'a>,
    shown: &Shown<'_>,
    view: &View,
    items: &mut Vec<Item<'a>>,
    picture: &mut Picture<'a>,
) -> Vec<ScreenRect> {
    let mut covered = Vec::new();
    if let Some(title) = &shown.title {
        let rect = title_panel(title, view.rect, items);
        picture.hits.title_panel = Some(rect);
        covered.push(rect);
    }
    if shown.scale_bar {
        covered.extend(scale_bar(view, items));
    }
    if let Some(text) = shown.footer {
        covered.push(footer(text, view, items));
    }
    if shown.legend != LegendMode::Hidden {
        // The marks' rows are known only once the marks are laid out: a dry run of the marks
        // (cheap: no labels) tells which kinds will be drawn.
        let mut probe = Picture::default();
        let belt = belt_shown(shown);
        if !belt.is_empty() {
            probe.marks.push(MarkDrawn {
                kind: MarkKind::Belt,
                subject: None,
            });
        }
        probe_marks_over(c, shown, view, &mut probe);
        let mut rows = legend_rows(c, shown, view);
        rows.extend(mark_rows(&probe));
        let above: Vec<ScreenRect> = covered.iter().chain(shown.reserved).copied().collect();
        if let Some(r) = legend(&rows, shown.legend, view, &above, items, picture) {
            covered.push(r);
        }
    }
    covered
}

/// Which point marks would be drawn (without laying out their labels), for the legend.
fn probe_marks_over(c: &MapContent<'_>, shown: &Shown<'_>, view: &View, probe: &mut Picture<'_>) {
    let mut push = |kind| {
        probe.marks.push(MarkDrawn {
            kind,
            subject: None,
        })
    };
    let visible = view.visible_world(8.0);
    let lines = || c.marks.lines.iter().filter(|l| line_shown(shown, &l.id));
    let area_on = |a: &Option<HatchedArea>| {
        a.as_ref()
            .is_some_and(|a| a.prepared.bounds.intersects(&visible))
    };
    if shown.marks.areas && lines().any(|l| area_on(&l.ceded)) {
        push(MarkKind::Ceded);
    }
    if shown.marks.areas && lines().any(|l| area_on(&l.gained)) {
        push(MarkKind::Gained);
    }
    let front_unmonitored = shown.plan_marks
        && c.marks
            .front_unmonitored
            .iter()
            .any(|s| s.bounds.intersects(&visible));
    if shown.marks.unmonitored
        && (front_unmonitored
            || lines().any(|l| l.unmonitored.iter().any(|s| s.bounds.intersects(&visible))))
    {
        push(MarkKind::Unmonitored);
    }
    if shown.marks.areas
        && c.marks.lines.iter().any(|l| {
            line_shown(shown, &l.id)
                && l.furthest
                    .is_some_and(|(at, _)| view.rect.contains(view.screen(at)))
        })
    {
        push(MarkKind::FurthestAdvance);
    }
    if shown.marks.standoff
        && c.marks.standoff.iter().any(|s| {
            !shown.hidden.contains(&s.force)
                && view.rect.intersects(&ScreenRect::from_two(
                    view.screen(s.from),
                    view.screen(s.to),
                ))
        })
    {
        push(MarkKind::Standoff);
    }
    if misplaced_shown(c, shown).any(|m| view.rect.contains(view.screen(m.at))) {
        push(MarkKind::Misplaced);
    }
    if shown.marks.air_cover
        && shown.plan_marks
        && c.marks
            .uncovered
            .iter()
            .any(|(_, at)| view.rect.contains(view.screen(*at)))
    {
        push(MarkKind::NoAirCover);
    }
}

/// Draws a legend key into the 22 × 11 swatch `r`.
fn key_items<'a>(key: Key, r: ScreenRect, items: &mut Vec<Item<'a>>) {
    let [cx, cy] = r.center();
    let mid = |c: Rgba, w: f32, dash: Option<Dash>| Item::Path {
        points: vec![[r.min[0], cy], [r.max[0], cy]],
        closed: false,
        fill: None,
        stroke: Some(Stroke::new(w, c)),
        dash,
    };
    match key {
        Key::Fill(fill, edge) => items.push(Item::Rect {
            rect: r,
            radius: 1.0,
            fill: Some(fill),
            stroke: Some(Stroke::new(1.0, edge)),
        }),
        Key::Line(c, w, dash) => items.push(mid(c, w, dash)),
        Key::Dot(c) => items.push(Item::Circle {
            centre: [cx, cy],
            radius: 3.0,
            fill: Some(c),
            stroke: Some(Stroke::new(1.0, style::WHITE)),
        }),
        Key::Symbol(identity) => {
            let symbol = symbology::resolve(symbols::legend_code(identity));
            items.push(Item::Symbol(Symbol {
                feature: String::new(),
                placement: SymbolPlacement::new(&symbol, [cx, cy], style::LEGEND_SYMBOL_PX),
                symbol,
                highlighted: false,
            }));
        }
        Key::Hatch(c) => {
            items.push(Item::Rect {
                rect: r,
                radius: 1.0,
                fill: Some(with_alpha(c, style::HATCH_FILL_ALPHA)),
                stroke: Some(Stroke::new(1.2, c)),
            });
            for k in 0..3 {
                let x = r.min[0] + 3.0 + 6.0 * k as f32;
                items.push(Item::Path {
                    points: vec![[x, r.max[1] - 1.0], [x + 6.0, r.min[1] + 1.0]],
                    closed: false,
                    fill: None,
                    stroke: Some(Stroke::new(1.2, with_alpha(c, style::HATCH_LINE_ALPHA))),
                    dash: None,
                });
            }
        }
        Key::Band(c) => items.push(mid(c, 8.0, None)),
        Key::Ring(c) => items.push(Item::Circle {
            centre: [cx, cy],
            radius: 5.5,
            fill: None,
            stroke: Some(Stroke::new(2.0, c)),
        }),
        Key::BeltDot(c) => items.push(Item::Circle {
            centre: [cx, cy],
            radius: 5.5,
            fill: Some(c),
            stroke: Some(Stroke::new(1.5, style::WHITE)),
        }),
        Key::Triangle(c) => items.push(Item::Path {
            points: vec![[cx, cy - 6.0], [cx + 5.5, cy + 4.0], [cx - 5.5, cy + 4.0]],
            closed: true,
            fill: Some(c),
            stroke: Some(Stroke::new(1.0, style::WHITE)),
            dash: None,
        }),
        Key::Cross(c) => {
            for (a, b) in [([-5.0, -5.0], [5.0, 5.0]), ([-5.0, 5.0], [5.0, -5.0])] {
                items.push(Item::Path {
                    points: vec![[cx + a[0], cy + a[1]], [cx + b[0], cy + b[1]]],
                    closed: false,
                    fill: None,
                    stroke: Some(Stroke::new(2.5, c)),
                    dash: None,
                });
            }
        }
    }
}

/// Height of the legend's header, px.
const LEGEND_HEADER: f32 = 20.0;

/// The legend at the bottom left, above the scale bar: a header that folds it, then its rows.
/// Folded when asked, or when the rows would not fit the view.
fn legend<'a>(
    rows: &[(Key, String)],
    mode: LegendMode,
    view: &View,
    above: &[ScreenRect],
    items: &mut Vec<Item<'a>>,
    picture: &mut Picture<'a>,
) -> Option<ScreenRect> {
    if rows.is_empty() {
        return None;
    }
    let f = font();
    let size = style::LEGEND_TEXT;
    let row = style::LEGEND_ROW;
    let text_w = rows
        .iter()
        .map(|(_, t)| f.width(t, size))
        .fold(0.0_f32, f32::max);
    let width = (text_w + 50.0).max(150.0);
    let bottom = view.rect.max[1] - 50.0;
    let left = view.rect.min[0] + 10.0;
    // Below the panels over the same column (the title panel), never under them.
    let top_limit = above
        .iter()
        .filter(|r| r.min[0] < left + width && r.max[0] > left && r.max[1] < bottom)
        .fold(view.rect.min[1] + 10.0, |top, r| top.max(r.max[1] + 10.0));
    let full = LEGEND_HEADER + row * rows.len() as f32 + 8.0;
    let open = mode == LegendMode::Open && bottom - full >= top_limit;
    let height = if open { full } else { LEGEND_HEADER + 4.0 };
    let back = ScreenRect::new([left, bottom - height], [left + width, bottom]);
    items.push(Item::Rect {
        rect: back,
        radius: 4.0,
        fill: Some(style::PANEL_FILL),
        stroke: Some(Stroke::new(1.0, style::PANEL_EDGE)),
    });
    // The header: a small triangle (pointing down when open, right when folded) and the word.
    let hy = back.min[1] + 2.0 + LEGEND_HEADER / 2.0;
    let tx = left + 14.0;
    let triangle = if open {
        vec![[tx - 4.0, hy - 2.5], [tx + 4.0, hy - 2.5], [tx, hy + 3.0]]
    } else {
        vec![[tx - 2.5, hy - 4.0], [tx + 3.0, hy], [tx - 2.5, hy + 4.0]]
    };
    items.push(Item::Path {
        points: triangle,
        closed: true,
        fill: Some(style::PANEL_MUTED),
        stroke: None,
        dash: None,
    });
    items.push(Item::Text(text_item(
        "Legend".to_owned(),
        [left + 24.0, hy],
        (Align::Start, Align::Center),
        size,
        style::PANEL_MUTED,
        false,
    )));
    picture.hits.legend_header = Some(ScreenRect::new(
        back.min,
        [back.max[0], back.min[1] + LEGEND_HEADER + 2.0],
    ));
    if open {
        let first = back.min[1] + 2.0 + LEGEND_HEADER;
        for (i, (key, text)) in rows.iter().enumerate() {
            let y = first + row * (i as f32 + 0.5);
            let swatch = ScreenRect::new([left + 9.0, y - 5.5], [left + 31.0, y + 5.5]);
            key_items(*key, swatch, items);
            items.push(Item::Text(text_item(
                text.clone(),
                [left + 38.0, y],
                (Align::Start, Align::Center),
                size,
                style::PANEL_TEXT,
                false,
            )));
        }
    }
    Some(back)
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

/// The scale bar at the bottom left: a round number of km about 140 px long.
fn scale_bar<'a>(view: &View, items: &mut Vec<Item<'a>>) -> Option<ScreenRect> {
    let per_m = view.units_per_m();
    if !(per_m.is_finite() && per_m > 0.0) {
        return None;
    }
    let km = round_km(140.0 / per_m / 1000.0);
    let width = (km * 1000.0 * per_m) as f32;
    let left = [view.rect.min[0] + 16.0, view.rect.max[1] - 18.0];
    let right = [left[0] + width, left[1]];
    let back = ScreenRect::new(
        [left[0] - 6.0, left[1] - 22.0],
        [right[0] + 6.0, right[1] + 8.0],
    );
    items.push(Item::Rect {
        rect: back,
        radius: 3.0,
        fill: Some(style::SCALE_FILL),
        stroke: None,
    });
    items.push(Item::Path {
        points: vec![
            [left[0], left[1] - 6.0],
            left,
            right,
            [right[0], right[1] - 6.0],
        ],
        closed: false,
        fill: None,
        stroke: Some(Stroke::new(2.0, style::SCALE_INK)),
        dash: None,
    });
    let label = if km >= 1.0 {
        format!("{km:.0} km")
    } else {
        format!("{:.0} m", km * 1000.0)
    };
    items.push(Item::Text(text_item(
        label,
        [(left[0] + right[0]) / 2.0, left[1] - 4.0],
        (Align::Center, Align::End),
        12.0,
        style::SCALE_INK,
        false,
    )));
    Some(back)
}

fn footer<'a>(text: &str, view: &View, items: &mut Vec<Item<'a>>) -> ScreenRect {
    let at = [view.rect.max[0] - 8.0, view.rect.max[1] - 6.0];
    let text = font().fit_line(text, 11.0, view.rect.width() * 0.6);
    let item = text_item(
        text,
        at,
        (Align::End, Align::End),
        11.0,
        style::FOOTER_TEXT,
        false,
    );
    let back = item.rect.expand(3.0);
    items.push(Item::Rect {
        rect: back,
        radius: 2.0,
        fill: Some(style::FOOTER_FILL),
        stroke: None,
    });
    items.push(Item::Text(item));
    back
}

/// Font sizes of the title panel: the step label, the title, the caption, the badges.
const LABEL_SIZE: f32 = 13.0;
const TITLE_SIZE: f32 = 26.0;
const CAPTION_SIZE: f32 = 15.0;
const BADGE_SIZE: f32 = 14.0;
const PANEL_PAD: f32 = 14.0;
/// The most lines of a title drawn (the file keeps it whole).
pub const TITLE_LINES: usize = 3;
/// The most lines of a caption drawn (the file keeps it whole).
pub const CAPTION_LINES: usize = 8;

/// The share of the free part of the map a step's extent fills (presentation mode, every
/// export).
pub const STEP_MARGIN: f64 = 0.92;
/// Room a step's view leaves at the sides of the map, px.
pub const STEP_SIDE_PAD: f32 = 16.0;
/// Room a step's view leaves under the map (presentation mode's controls, a page's footer), px.
pub const STEP_BOTTOM_PAD: f32 = 56.0;

/// The padding ([left, top, right, bottom]) that keeps a step's view clear of a title panel
/// whose lower edge is at `panel_bottom`: one rule for presentation mode and every export.
pub fn step_pad(panel_bottom: f32) -> [f32; 4] {
    [
        STEP_SIDE_PAD,
        panel_bottom + 12.0,
        STEP_SIDE_PAD,
        STEP_BOTTOM_PAD,
    ]
}

/// Where the title panel of `panel` goes on a map drawn into `rect`.
pub fn title_panel_rect(panel: &TitlePanel<'_>, rect: ScreenRect) -> ScreenRect {
    title_panel(panel, rect, &mut Vec::new())
}

/// The padding that keeps a step's view clear of `panel` on a map drawn into `rect` (no panel:
/// none): presentation mode and every export of a step fit its extent inside it.
pub fn step_pad_below(panel: Option<&TitlePanel<'_>>, rect: ScreenRect) -> [f32; 4] {
    match panel {
        Some(panel) => step_pad(title_panel_rect(panel, rect).max[1] - rect.min[1]),
        None => [0.0; 4],
    }
}

/// The title panel at the top left of `rect`, laid out into `items`: step label, title, caption,
/// badges. Returns where it is.
fn title_panel<'a>(
    panel: &TitlePanel<'_>,
    rect: ScreenRect,
    items: &mut Vec<Item<'a>>,
) -> ScreenRect {
    let f = font();
    let width = (rect.width() - 32.0).clamp(120.0, 820.0);
    let inner = width - 2.0 * PANEL_PAD;
    let title_lines = f.wrap_bounded(panel.title, TITLE_SIZE, inner, TITLE_LINES);
    let caption_lines = panel
        .caption
        .map(|t| f.wrap_bounded(t, CAPTION_SIZE, inner, CAPTION_LINES))
        .unwrap_or_default();
    // Badges flow in rows.
    let badge_height = f.line_height(BADGE_SIZE) + 8.0;
    let mut badge_rows: Vec<Vec<(&Badge, String, f32)>> = Vec::new();
    let mut row_w = f32::INFINITY;
    for badge in panel.badges {
        let text = f.fit_line(&badge.text, BADGE_SIZE, inner - BADGE_SIZE - 34.0);
        // Text, a gap of about half a letter, the mark, and the rounded ends.
        let bw = f.width(&text, BADGE_SIZE) + BADGE_SIZE + 34.0;
        if row_w + bw > inner {
            badge_rows.push(Vec::new());
            row_w = 0.0;
        }
        if let Some(row) = badge_rows.last_mut() {
            row.push((badge, text, bw));
        }
        row_w += bw + 8.0;
    }
    let mut height = PANEL_PAD;
    if panel.label.is_some() {
        height += f.line_height(LABEL_SIZE) + 2.0;
    }
    height += f.line_height(TITLE_SIZE) * title_lines.len() as f32;
    if !caption_lines.is_empty() {
        height += 6.0 + f.line_height(CAPTION_SIZE) * 1.15 * caption_lines.len() as f32;
    }
    if !badge_rows.is_empty() {
        height += 8.0 + (badge_height + 6.0) * badge_rows.len() as f32 - 6.0;
    }
    height += PANEL_PAD;
    let origin = [rect.min[0] + 16.0, rect.min[1] + 16.0];
    let back = ScreenRect::new(origin, [origin[0] + width, origin[1] + height]);
    items.push(Item::Rect {
        rect: back,
        radius: 6.0,
        fill: Some(style::TITLE_FILL),
        stroke: Some(Stroke::new(1.0, style::TITLE_EDGE)),
    });
    let x = origin[0] + PANEL_PAD;
    let mut y = origin[1] + PANEL_PAD;
    let top_left = (Align::Start, Align::Start);
    if let Some(label) = panel.label {
        items.push(Item::Text(text_item(
            label.to_owned(),
            [x, y],
            top_left,
            LABEL_SIZE,
            style::PANEL_MUTED,
            false,
        )));
        y += f.line_height(LABEL_SIZE) + 2.0;
    }
    for line in title_lines {
        let mut t = text_item(line, [x, y], top_left, TITLE_SIZE, style::TITLE_TEXT, false);
        t.bold = true;
        items.push(Item::Text(t));
        y += f.line_height(TITLE_SIZE);
    }
    if !caption_lines.is_empty() {
        y += 6.0;
        for line in caption_lines {
            items.push(Item::Text(text_item(
                line,
                [x, y],
                top_left,
                CAPTION_SIZE,
                style::CAPTION_TEXT,
                false,
            )));
            y += f.line_height(CAPTION_SIZE) * 1.15;
        }
    }
    if !badge_rows.is_empty() {
        y += 8.0;
        for row in badge_rows {
            let mut bx = x;
            for (badge, text, bw) in row {
                let (fill, ink) = badge.level.colours();
                items.push(Item::Rect {
                    rect: ScreenRect::new([bx, y], [bx + bw, y + badge_height]),
                    radius: badge_height / 2.0,
                    fill: Some(fill),
                    stroke: Some(Stroke::new(1.2, ink)),
                });
                let mid = y + badge_height / 2.0;
                items.push(Item::Text(text_item(
                    text,
                    [bx + 12.0, mid],
                    (Align::Start, Align::Center),
                    BADGE_SIZE,
                    style::BADGE_TEXT,
                    false,
                )));
                let s = BADGE_SIZE * 0.9;
                status_mark(badge.level, [bx + bw - 12.0 - s, mid], s, ink, items);
                bx += bw + 8.0;
            }
            y += badge_height + 6.0;
        }
    }
    back
}

/// A badge's status mark (✓, ⚠ or ✗) as lines, so no font needs the symbol, in a box `s` wide
/// whose left middle is `at`.
pub fn status_mark<'a>(
    level: BadgeLevel,
    at: ScreenPoint,
    s: f32,
    ink: Rgba,
    items: &mut Vec<Item<'a>>,
) {
    let [x, y] = at;
    let stroke = Some(Stroke::new(1.8, ink));
    let line = |points: Vec<ScreenPoint>, closed: bool| Item::Path {
        points,
        closed,
        fill: None,
        stroke,
        dash: None,
    };
    match level {
        BadgeLevel::Pass => items.push(line(
            vec![[x, y], [x + s * 0.35, y + s * 0.35], [x + s, y - s * 0.4]],
            false,
        )),
        BadgeLevel::Warning => {
            items.push(line(
                vec![
                    [x + s / 2.0, y - s * 0.5],
                    [x + s, y + s * 0.45],
                    [x, y + s * 0.45],
                ],
                true,
            ));
            items.push(line(
                vec![[x + s / 2.0, y - s * 0.15], [x + s / 2.0, y + s * 0.12]],
                false,
            ));
            items.push(line(
                vec![[x + s / 2.0, y + s * 0.26], [x + s / 2.0, y + s * 0.32]],
                false,
            ));
        }
        BadgeLevel::Error => {
            items.push(line(
                vec![[x, y - s * 0.4], [x + s * 0.8, y + s * 0.4]],
                false,
            ));
            items.push(line(
                vec![[x, y + s * 0.4], [x + s * 0.8, y - s * 0.4]],
                false,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_forces_group_and_far_ones_do_not() {
        let force = Force {
            name: None,
            nation: "PL".into(),
            component: crate::model::scenario::Component::Land,
            role: crate::model::scenario::Role::Reassurance,
            strength: 1000,
            readiness_days: 1.0,
            echelon: None,
            range_km: None,
            position: geo::Point::new(30.0, 50.0),
            sidc: None,
        };
        let items = vec![
            ("a", &force, [100.0, 100.0]),
            ("b", &force, [110.0, 104.0]),
            ("c", &force, [300.0, 100.0]),
            ("d", &force, [95.0, 98.0]),
        ];
        let sizes: Vec<usize> = group_forces(items)
            .iter()
            .map(|g| g.members.len())
            .collect();
        assert_eq!(sizes, [3, 1]);
        // Fanned-out symbols do not overlap each other.
        let n = 6;
        let spots: Vec<ScreenPoint> = (0..n).map(|i| fan_position([0.0, 0.0], i, n)).collect();
        for (i, a) in spots.iter().enumerate() {
            for b in spots.iter().skip(i + 1) {
                assert!(distance(*a, *b) > symbols::SYMBOL_PX * 1.3);
            }
        }
    }

    #[test]
    fn scale_bar_lengths_are_round() {
        assert_eq!(round_km(140.0), 100.0);
        assert_eq!(round_km(0.37), 0.2);
        assert_eq!(round_km(55.0), 50.0);
    }
}
