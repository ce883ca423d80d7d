//! The editing tools on the map: select and move, place a force, draw a demarcation, edit a
//! line, draw a guarantee area, measure. A tool turns pointer and key input into [`Command`]s
//! (mostly `DocCommand::Apply` of an [`Edit`]), and paints what is under way (the line being
//! drawn, the snap to the front line, vertex handles, the measured distance, a drag's preview).
//!
//! A press on something a tool can drag (a force, a vertex handle, or Shift on empty map for a
//! box selection) is decided before the map handles the pointer, from where things were drawn
//! the frame before; the map then does not pan with that drag.

use super::commands::Command;
use super::commands::DocCommand;
use super::map_view::ScreenFromWorld;
use super::paint::{color, halo_text};
use super::scenario_layer::{DrawnForces, nearest_on_segment};
use super::symbols::paint_symbol;
pub use super::tool::Tool;
use crate::model::Scenario;
use crate::model::edit::Edit;
use crate::model::scenario::{Demarcation, GuaranteeArea, Item, NationLists, ScenarioFeature};
use crate::scene::geometry::{PreparedLine, world_point};
use crate::scene::style;
use crate::spatial::measure;
use egui::{Align2, FontId, Key, Painter, Pos2, Rect, Shape, Stroke, Vec2};
use geo::{Coord, LineString, MultiPolygon, Point, Polygon};

/// How close the pointer must be to the front line for a vertex to snap to it, px.
pub const SNAP_PX: f32 = 10.0;
/// How close the pointer must be to a vertex handle to grab it, px.
const HANDLE_PX: f32 = 8.0;
/// A drag shorter than this is a click, px.
const DRAG_MIN_PX: f32 = 3.0;

/// A drag under way.
#[derive(Debug, Clone, PartialEq)]
pub enum Drag {
    /// Moving a force.
    Force {
        /// Its id.
        id: String,
        /// Where the press was, screen.
        from: Pos2,
        /// Where the pointer is, screen.
        to: Pos2,
    },
    /// Moving (or, from a midpoint handle, inserting) a vertex of a demarcation.
    Vertex {
        /// The demarcation's id.
        id: String,
        /// The vertex index (for an insert: where the new one goes).
        index: usize,
        /// Whether a new vertex is inserted.
        insert: bool,
        /// Where the press was, screen.
        from: Pos2,
        /// Where the pointer is, screen.
        to: Pos2,
    },
    /// A selection box.
    Box {
        /// One corner, screen.
        from: Pos2,
        /// The other, screen.
        to: Pos2,
    },
}

/// What the map shows that a tool needs to know, for one frame.
pub struct MapFacts<'a> {
    /// The frame's transform.
    pub t: &'a ScreenFromWorld,
    /// The plan.
    pub scenario: &'a Scenario,
    /// The front line as drawn (for snapping on screen).
    pub front_prepared: &'a PreparedLine,
    /// The front line, exact lon/lat (a snapped vertex lies on it).
    pub front_exact: &'a LineString,
    /// Where the forces were drawn.
    pub forces: &'a DrawnForces,
    /// The selected feature.
    pub selection: Option<&'a str>,
}

/// What the pointer did on the map this frame, as the map widget's response reports it: the one
/// input value [`Tools::on_map_input`] reads (beside the frame's [`MapFacts`]).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct MapInput {
    /// Where the pointer is over the map.
    pub hover: Option<Pos2>,
    /// Where the map was clicked with the primary button.
    pub click: Option<Pos2>,
    /// Whether the click was a double click.
    pub double_click: bool,
    /// Where the map was clicked with the secondary button.
    pub secondary_click: Option<Pos2>,
}

impl MapInput {
    /// The input of the map's `response` this frame.
    pub fn from_response(response: &egui::Response) -> Self {
        let at = |clicked: bool| clicked.then(|| response.interact_pointer_pos()).flatten();
        Self {
            hover: response.hover_pos(),
            click: at(response.clicked()),
            double_click: response.double_clicked(),
            secondary_click: at(response.secondary_clicked()),
        }
    }
}

/// The tools' state.
#[derive(Debug, Clone, Default)]
pub struct Tools {
    /// The active tool.
    pub tool: Tool,
    /// Vertices of the line or area being drawn, lon/lat.
    pub points: Vec<Coord>,
    /// Points being measured, lon/lat.
    pub measure: Vec<Coord>,
    /// A drag under way.
    pub drag: Option<Drag>,
    /// Where the pointer snaps to the front line now, screen.
    pub snap: Option<Pos2>,
    /// The pointer over the map, screen.
    pub hover: Option<Pos2>,
}

/// A vertex handle of a line on screen.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Handle {
    at: Pos2,
    index: usize,
    insert: bool,
}

fn demarcation<'a>(scenario: &'a Scenario, id: Option<&str>) -> Option<(&'a str, &'a Demarcation)> {
    let feature = scenario.feature(id?)?;
    match &feature.item {
        Item::Demarcation(d) => Some((feature.id.as_str(), d)),
        _ => None,
    }
}

fn screen_of(t: &ScreenFromWorld, c: Coord) -> Pos2 {
    t.screen(world_point(c.x, c.y))
}

fn coord_of(t: &ScreenFromWorld, p: Pos2) -> Coord {
    let [x, y] = t.lonlat(p);
    Coord { x, y }
}

/// The handles of a line: its vertices, then its segments' midpoints (long enough segments only).
fn handles(t: &ScreenFromWorld, line: &LineString) -> Vec<Handle> {
    let pts: Vec<Pos2> = line.0.iter().map(|c| screen_of(t, *c)).collect();
    let mut out: Vec<Handle> = pts
        .iter()
        .enumerate()
        .map(|(index, at)| Handle {
            at: *at,
            index,
            insert: false,
        })
        .collect();
    for (i, w) in pts.windows(2).enumerate() {
        if let [a, b] = w
            && (*b - *a).length() > 4.0 * HANDLE_PX
        {
            out.push(Handle {
                at: *a + (*b - *a) * 0.5,
                index: i + 1,
                insert: true,
            });
        }
    }
    out
}

fn handle_at(handles: &[Handle], pos: Pos2) -> Option<Handle> {
    // Vertices win over midpoints; among equals, the nearest.
    handles
        .iter()
        .filter(|h| (h.at - pos).length() <= HANDLE_PX)
        .min_by(|a, b| {
            (a.insert, (a.at - pos).length())
                .partial_cmp(&(b.insert, (b.at - pos).length()))
                .unwrap_or(std::cmp::Ordering::Equal)
        })
        .copied()
}

/// The point of the drawn front line nearest to `pos` within [`SNAP_PX`], screen.
pub fn snap_on_screen(pos: Pos2, t: &ScreenFromWorld, front: &PreparedLine) -> Option<Pos2> {
    let pts = front.level(t.zoom);
    let mut best: Option<(f32, Pos2)> = None;
    let mut prev: Option<Pos2> = None;
    for p in pts {
        let b = t.screen(*p);
        if let Some(a) = prev {
            let q = nearest_on_segment(pos, a, b);
            let d = (q - pos).length();
            if d <= SNAP_PX && best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, q));
            }
        }
        prev = Some(b);
    }
    best.map(|(_, q)| q)
}

impl Tools {
    /// Switches tools, dropping anything under way.
    pub fn set_tool(&mut self, tool: Tool) {
        if tool != self.tool {
            self.points.clear();
            self.drag = None;
            self.snap = None;
        }
        self.tool = tool;
    }

    /// The status-bar text: the tool's hint, and the measured distance while measuring.
    pub fn status(&self) -> String {
        match self.tool {
            Tool::Measure if self.measure.len() >= 2 => format!(
                "Measured {:.1} km along {} points · {}",
                measure::length_km(&LineString::new(self.measure.clone())),
                self.measure.len(),
                self.tool.hint()
            ),
            Tool::DrawDemarcation | Tool::DrawArea if !self.points.is_empty() => {
                format!("{} vertices · {}", self.points.len(), self.tool.hint())
            }
            _ => self.tool.hint().to_owned(),
        }
    }

    /// While measuring with the pointer over the map: the distance from the first point along
    /// every clicked point to the pointer (the rubber band), and the last leg alone, km.
    pub fn running_distance_km(&self, t: &ScreenFromWorld) -> Option<(f64, f64)> {
        if self.tool != Tool::Measure {
            return None;
        }
        let last = self.measure.last()?;
        let pointer_in_screen = self.hover.filter(|p| t.clip.contains(*p))?;
        let leg = measure::distance_km(
            Point::from(*last),
            Point::from(coord_of(t, pointer_in_screen)),
        );
        let done = if self.measure.len() >= 2 {
            measure::length_km(&LineString::new(self.measure.clone()))
        } else {
            0.0
        };
        Some((done + leg, leg))
    }

    /// The running distance beside the pointer while measuring (a small box that follows the
    /// cursor; it takes no clicks, so the map keeps them).
    pub fn cursor_label_ui(&self, ctx: &egui::Context, t: &ScreenFromWorld) {
        let (Some((total, leg)), Some(pointer_in_screen)) =
            (self.running_distance_km(t), self.hover)
        else {
            return;
        };
        egui::Area::new(egui::Id::unique("measure-running-distance"))
            .order(egui::Order::Foreground)
            .interactable(false)
            .fixed_pos(pointer_in_screen + Vec2::new(16.0, 14.0))
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    // Never wrapped: the box is as wide as its figure.
                    ui.add(
                        egui::Label::new(
                            egui::RichText::new(format!("{} km", crate::format::figure(total)))
                                .strong(),
                        )
                        .extend(),
                    );
                    if self.measure.len() >= 2 {
                        ui.add(
                            egui::Label::new(
                                egui::RichText::new(format!(
                                    "last leg {} km",
                                    crate::format::figure(leg)
                                ))
                                .small(),
                            )
                            .extend(),
                        );
                    }
                });
            });
    }

    /// Called before the map handles the pointer: a primary press on something draggable starts
    /// a drag (the map will not pan with it). Uses where things were drawn the frame before.
    pub fn on_press(&mut self, press: Pos2, shift: bool, facts: &MapFacts<'_>) {
        self.drag = match self.tool {
            Tool::Select => match facts.forces.force_at(press) {
                Some(id) => Some(Drag::Force {
                    id: id.to_owned(),
                    from: press,
                    to: press,
                }),
                None if shift => Some(Drag::Box {
                    from: press,
                    to: press,
                }),
                None => None,
            },
            Tool::EditLine => demarcation(facts.scenario, facts.selection).and_then(|(id, d)| {
                let h = handle_at(&handles(facts.t, &d.line), press)?;
                Some(Drag::Vertex {
                    id: id.to_owned(),
                    index: h.index,
                    insert: h.insert,
                    from: press,
                    to: press,
                })
            }),
            _ => None,
        };
    }

    /// Whether the primary button drags for a tool now (so the map must not pan).
    pub fn captures_drag(&self) -> bool {
        self.drag.is_some()
    }

    /// Follows the pointer during a drag and finishes it on release.
    pub fn update_drag(
        &mut self,
        pointer: Option<Pos2>,
        released: bool,
        facts: &MapFacts<'_>,
        commands: &mut Vec<Command>,
    ) {
        let Some(drag) = &mut self.drag else {
            return;
        };
        if let Some(p) = pointer {
            let snapped = matches!(drag, Drag::Vertex { .. })
                .then(|| snap_on_screen(p, facts.t, facts.front_prepared))
                .flatten();
            self.snap = snapped;
            match drag {
                Drag::Force { to, .. } | Drag::Box { to, .. } => *to = p,
                Drag::Vertex { to, .. } => *to = snapped.unwrap_or(p),
            }
        }
        if !released {
            return;
        }
        let edit = self.pending_edit(None, facts);
        let Some(drag) = self.drag.take() else {
            return;
        };
        self.snap = None;
        if let Some(edit) = edit {
            // One edit, so one undo step, for the whole drag.
            commands.push(DocCommand::Apply(edit).into());
            return;
        }
        match drag {
            Drag::Box { from, to } if (to - from).length() >= DRAG_MIN_PX => {
                let rect = Rect::from_two_pos(from, to);
                let mut ids: Vec<String> = facts
                    .forces
                    .symbols
                    .iter()
                    .filter(|(_, r)| rect.contains(r.center()))
                    .map(|(id, _)| id.clone())
                    .collect();
                for (id, d) in facts.scenario.demarcations() {
                    if d.line
                        .0
                        .iter()
                        .any(|c| rect.contains(screen_of(facts.t, *c)))
                    {
                        ids.push(id.to_owned());
                    }
                }
                for (id, a) in facts.scenario.guarantee_areas() {
                    if a.area
                        .0
                        .iter()
                        .flat_map(|polygon| polygon.exterior().0.iter())
                        .any(|c| rect.contains(screen_of(facts.t, *c)))
                    {
                        ids.push(id.to_owned());
                    }
                }
                commands.push(DocCommand::SelectMany(ids).into());
            }
            _ => {}
        }
    }

    /// The edit the drag under way makes when released with the pointer at `pointer` (`None`:
    /// where the drag last was), if it moves a force or a vertex far enough to count. The rule
    /// checks run on the scenario with this edit applied during the drag, so findings and
    /// overlays follow the pointer, while the document gets the edit once, on release.
    pub fn pending_edit(&self, pointer: Option<Pos2>, facts: &MapFacts<'_>) -> Option<Edit> {
        match self.drag.as_ref()? {
            Drag::Force { id, from, to } => {
                let to = pointer.unwrap_or(*to);
                ((to - *from).length() >= DRAG_MIN_PX).then(|| Edit::MoveForce {
                    id: id.clone(),
                    to: Point::from(coord_of(facts.t, to)),
                })
            }
            Drag::Vertex {
                id,
                index,
                insert,
                from,
                to,
            } => {
                let to = pointer.map_or(*to, |p| {
                    snap_on_screen(p, facts.t, facts.front_prepared).unwrap_or(p)
                });
                if (to - *from).length() < DRAG_MIN_PX {
                    return None;
                }
                let at = self.exact(to, facts);
                let (id, index) = (id.clone(), *index);
                Some(if *insert {
                    Edit::InsertVertex { id, index, at }
                } else {
                    Edit::MoveVertex { id, index, to: at }
                })
            }
            Drag::Box { .. } => None,
        }
    }

    /// The lon/lat for a screen point: on the exact front line if the point is snapped to it.
    fn exact(&self, p: Pos2, facts: &MapFacts<'_>) -> Coord {
        let c = coord_of(facts.t, p);
        if snap_on_screen(p, facts.t, facts.front_prepared).is_some_and(|s| (s - p).length() < 0.5)
        {
            // Refine onto the exact line: the drawn one is simplified to 0.4 px.
            if let Some(q) = measure::nearest_point_on_line(Point::from(c), facts.front_exact) {
                return q.0;
            }
        }
        c
    }

    /// Handles the pointer on the map for the active tool; returns whether the tool used the
    /// click (then nothing under it is selected and no cluster expands).
    pub fn on_map_input(
        &mut self,
        input: MapInput,
        facts: &MapFacts<'_>,
        commands: &mut Vec<Command>,
    ) -> bool {
        let MapInput {
            hover,
            click,
            double_click,
            secondary_click,
        } = input;
        self.hover = hover;
        if self.drag.is_none() {
            self.snap = match self.tool {
                Tool::DrawDemarcation => {
                    hover.and_then(|h| snap_on_screen(h, facts.t, facts.front_prepared))
                }
                _ => None,
            };
        }
        match self.tool {
            Tool::Select => false,
            Tool::PlaceForce => {
                if let Some(c) = click {
                    commands
                        .push(DocCommand::PlaceForceAt(Point::from(coord_of(facts.t, c))).into());
                }
                click.is_some()
            }
            Tool::DrawDemarcation | Tool::DrawArea => {
                if double_click {
                    self.finish(facts.scenario, commands);
                } else if let Some(c) = click {
                    let snapped = (self.tool == Tool::DrawDemarcation)
                        .then(|| snap_on_screen(c, facts.t, facts.front_prepared))
                        .flatten();
                    let at = snapped.map_or_else(|| coord_of(facts.t, c), |s| self.exact(s, facts));
                    self.points.push(at);
                }
                click.is_some() || double_click
            }
            Tool::Measure => {
                if let Some(c) = click.filter(|_| !double_click) {
                    self.measure.push(coord_of(facts.t, c));
                }
                click.is_some()
            }
            Tool::EditLine => {
                if let (Some(p), Some((id, d))) = (
                    secondary_click,
                    demarcation(facts.scenario, facts.selection),
                ) && let Some(h) = handle_at(&handles(facts.t, &d.line), p).filter(|h| !h.insert)
                {
                    commands.push(
                        DocCommand::Apply(Edit::RemoveVertex {
                            id: id.to_owned(),
                            index: h.index,
                        })
                        .into(),
                    );
                    return true;
                }
                false
            }
        }
    }

    /// Keys for the active tool (Enter, Esc, Backspace, Delete); call when no text field has
    /// focus. Returns whether a key was used.
    pub fn on_keys(
        &mut self,
        ctx: &egui::Context,
        facts: &MapFacts<'_>,
        commands: &mut Vec<Command>,
    ) -> bool {
        let (enter, escape, backspace, delete) = ctx.input(|i| {
            (
                i.key_pressed(Key::Enter),
                i.key_pressed(Key::Escape),
                i.key_pressed(Key::Backspace),
                i.key_pressed(Key::Delete),
            )
        });
        match self.tool {
            Tool::DrawDemarcation | Tool::DrawArea => {
                if enter {
                    self.finish(facts.scenario, commands);
                }
                if escape {
                    self.points.clear();
                }
                if backspace {
                    self.points.pop();
                }
                if delete && self.points.is_empty() {
                    commands.push(DocCommand::DeleteSelection.into());
                }
                enter || escape || backspace || delete
            }
            Tool::Measure => {
                if escape {
                    self.measure.clear();
                }
                if backspace {
                    self.measure.pop();
                }
                escape || backspace
            }
            Tool::EditLine if delete => {
                let hovered = self.hover.and_then(|p| {
                    let (id, d) = demarcation(facts.scenario, facts.selection)?;
                    let h = handle_at(&handles(facts.t, &d.line), p).filter(|h| !h.insert)?;
                    Some((id.to_owned(), h.index))
                });
                commands.push(match hovered {
                    Some((id, index)) => DocCommand::Apply(Edit::RemoveVertex { id, index }).into(),
                    None => DocCommand::DeleteSelection.into(),
                });
                true
            }
            _ => {
                if delete {
                    commands.push(DocCommand::DeleteSelection.into());
                }
                if escape {
                    self.drag = None;
                    commands.push(Command::Select(None, false));
                }
                delete || escape
            }
        }
    }

    /// Finishes the line or area being drawn (if it has enough points).
    fn finish(&mut self, scenario: &Scenario, commands: &mut Vec<Command>) {
        let mut points = std::mem::take(&mut self.points);
        points.dedup();
        let feature = match self.tool {
            Tool::DrawDemarcation if points.len() >= 2 => {
                let id = scenario.unused_id("demarcation");
                let n = scenario.demarcations().count() + 1;
                ScenarioFeature::new(
                    id,
                    Item::Demarcation(Demarcation {
                        name: Some(format!("Proposal {n}")),
                        line: LineString::new(points),
                        recognition: crate::model::scenario::Recognition::DEFAULT,
                    }),
                )
            }
            Tool::DrawArea if points.len() >= 3 => {
                let id = scenario.unused_id("guarantee-area");
                let n = scenario.guarantee_areas().count() + 1;
                let polygon = Polygon::new(LineString::new(points), Vec::new());
                ScenarioFeature::new(
                    id,
                    Item::GuaranteeArea(GuaranteeArea {
                        name: Some(format!("Guarantee area {n}")),
                        area: MultiPolygon::new(vec![polygon]),
                    }),
                )
            }
            _ => {
                // Not enough points yet: keep drawing, and say why nothing was made.
                if !points.is_empty() {
                    let (what, needed) = match self.tool {
                        Tool::DrawArea => ("A guarantee area", 3),
                        _ => ("A demarcation line", 2),
                    };
                    let have = points.len();
                    let noun = if have == 1 { "vertex" } else { "vertices" };
                    commands.push(Command::Status(format!(
                        "Nothing made: {what} needs at least {needed} vertices, it has {have} {noun}. \
                         Click to add more, Esc to cancel."
                    )));
                }
                self.points = points;
                return;
            }
        };
        let id = feature.id.clone();
        commands.push(
            DocCommand::Apply(Edit::AddFeature {
                index: scenario.features.len(),
                feature: Box::new(feature),
            })
            .into(),
        );
        commands.push(Command::Select(Some(id), false));
    }

    /// Paints what the tool has under way.
    pub fn paint(&self, painter: &Painter, facts: &MapFacts<'_>, lists: &NationLists) {
        let t = facts.t;
        let ink = color(style::TOOL_INK);
        match self.tool {
            Tool::DrawDemarcation | Tool::DrawArea => {
                let mut pts: Vec<Pos2> = self.points.iter().map(|c| screen_of(t, *c)).collect();
                if let Some(h) = self.snap.or(self.hover) {
                    pts.push(h);
                }
                if self.tool == Tool::DrawArea
                    && pts.len() >= 3
                    && let Some(first) = pts.first().copied()
                {
                    pts.push(first);
                }
                painter.add(Shape::line(pts.clone(), Stroke::new(2.5, ink)));
                for p in pts.iter().take(self.points.len()) {
                    painter.circle(*p, 4.0, color(style::WHITE), Stroke::new(1.5, ink));
                }
            }
            Tool::Measure => {
                let mut pts: Vec<Pos2> = self.measure.iter().map(|c| screen_of(t, *c)).collect();
                // The rubber band: from the last point to the pointer.
                if let Some(pointer_in_screen) = self.hover.filter(|_| !pts.is_empty()) {
                    pts.push(pointer_in_screen);
                }
                painter.add(Shape::dashed_line(
                    &pts,
                    Stroke::new(2.0, color(style::MEASURE_INK)),
                    8.0,
                    4.0,
                ));
                let mut total = 0.0;
                for (i, p) in pts.iter().take(self.measure.len()).enumerate() {
                    painter.circle(
                        *p,
                        3.5,
                        color(style::WHITE),
                        Stroke::new(1.5, color(style::MEASURE_INK)),
                    );
                    if i > 0
                        && let (Some(a), Some(b)) = (self.measure.get(i - 1), self.measure.get(i))
                    {
                        total += measure::distance_km(Point::from(*a), Point::from(*b));
                        halo_text(
                            painter,
                            *p + Vec2::new(6.0, -6.0),
                            Align2::LEFT_BOTTOM,
                            &format!("{total:.1} km"),
                            FontId::proportional(12.0),
                            color(style::MEASURE_INK),
                        );
                    }
                }
            }
            Tool::EditLine => {
                if let Some((_, d)) = demarcation(facts.scenario, facts.selection) {
                    for h in handles(t, &d.line) {
                        if h.insert {
                            painter.circle(
                                h.at,
                                3.0,
                                color(style::INSERT_HANDLE),
                                Stroke::new(1.0, ink),
                            );
                        } else {
                            painter.rect(
                                Rect::from_center_size(h.at, Vec2::splat(7.0)),
                                0.0,
                                color(style::WHITE),
                                Stroke::new(1.5, ink),
                                egui::StrokeKind::Middle,
                            );
                        }
                    }
                }
            }
            _ => {}
        }
        match &self.drag {
            Some(Drag::Force { id, to, .. }) => {
                if let Some(Item::Force(f)) = facts.scenario.feature(id).map(|f| &f.item) {
                    paint_symbol(
                        painter,
                        *to,
                        super::scenario_layer::SYMBOL_PX,
                        &crate::scene::symbols::force_symbol(f, lists),
                        true,
                    );
                }
            }
            Some(Drag::Vertex {
                id,
                index,
                insert,
                to,
                ..
            }) => {
                if let Some((_, d)) = demarcation(facts.scenario, Some(id)) {
                    let mut pts: Vec<Pos2> = d.line.0.iter().map(|c| screen_of(t, *c)).collect();
                    if *insert {
                        pts.insert((*index).min(pts.len()), *to);
                    } else if let Some(p) = pts.get_mut(*index) {
                        *p = *to;
                    }
                    painter.add(Shape::dashed_line(&pts, Stroke::new(2.5, ink), 6.0, 4.0));
                    painter.circle(*to, 5.0, color(style::WHITE), Stroke::new(2.0, ink));
                }
            }
            Some(Drag::Box { from, to }) => {
                painter.rect(
                    Rect::from_two_pos(*from, *to),
                    0.0,
                    color(style::SELECT_BOX.0),
                    Stroke::new(1.0, color(style::SELECT_BOX.1)),
                    egui::StrokeKind::Middle,
                );
            }
            None => {}
        }
        if let Some(s) = self.snap {
            // The snap: a ring on the front line where the vertex will go.
            painter.circle_stroke(s, 7.0, Stroke::new(2.5, color(style::SNAP_RING)));
            painter.circle_filled(s, 2.5, color(style::BLACK));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tool_has_its_own_key() {
        let keys: std::collections::HashSet<Key> = Tool::ALL.iter().map(|t| t.key()).collect();
        assert_eq!(keys.len(), Tool::ALL.len());
    }

    #[test]
    fn vertices_win_over_midpoints() {
        let hs = [
            Handle {
                at: Pos2::new(0.0, 0.0),
                index: 1,
                insert: true,
            },
            Handle {
                at: Pos2::new(5.0, 0.0),
                index: 2,
                insert: false,
            },
        ];
        assert_eq!(
            handle_at(&hs, Pos2::new(1.0, 0.0)).map(|h| h.index),
            Some(2)
        );
        assert_eq!(
            handle_at(&hs, Pos2::new(-7.0, 0.0)).map(|h| h.index),
            Some(1)
        );
        assert_eq!(handle_at(&hs, Pos2::new(30.0, 0.0)), None);
    }
}
