//! Presentation mode (F5 or View ▸ Present): full screen without the window's chrome, one step
//! at a time with a large title and caption, an eased one-second flight between steps' views,
//! each step showing only its layers and features, and the plan's live rule status as badges on
//! steps with findings on. Keys are what presentation clickers send.

use super::map_view::{MapView, SavedView};
use super::paint::{LayerVisibility, color};
use crate::export::findings;
use crate::export::{Badge, BadgeLevel};
use crate::model::Scenario;
use crate::model::scenario::Step;
use crate::rules::Report;
use crate::scene::{layout, style};
use egui::{Align2, Color32, Key, Modifiers, RichText, Stroke, Vec2, pos2, vec2};
use std::collections::HashSet;

/// How long the flight from one step's view to the next lasts, seconds (the walkthrough video
/// flies for as long: one constant in `scene::flight`).
pub const FLY_SECONDS: f64 = crate::scene::flight::STEP_FLIGHT_SECONDS;

/// One press of + or − while presenting zooms by this many levels.
const ZOOM_STEP: f64 = 0.5;

/// What the presenter asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PresentAction {
    /// The next step (→, Space, Page Down).
    Next,
    /// The previous step (←, Page Up).
    Previous,
    /// The first step (Home).
    First,
    /// The last step (End).
    Last,
    /// Back to the step's view after panning or zooming (R).
    ResetView,
    /// Leave presentation mode (Esc).
    Leave,
}

/// A presentation under way.
#[derive(Debug, Clone, PartialEq)]
struct Session {
    /// The step shown (0-based).
    index: usize,
    /// The view to return to when leaving.
    restore: SavedView,
    /// Whether the window was full screen before (then it stays so on leaving).
    was_fullscreen: bool,
    /// The map rectangle the current flight was fitted to: when the window goes full screen
    /// or the chrome disappears the map grows, and the step's view is fitted again.
    fitted_rect: egui::Rect,
    /// Whether the presenter panned or zoomed away from the step's view (then a resize does
    /// not pull the view back; R does).
    moved: bool,
    /// The screen points the step's view was fitted around ([left, top, right, bottom]): the
    /// title panel on top, the controls below.
    pad: [f32; 4],
}

/// The title panel's height before it was first measured: a title and two lines of caption.
const PANEL_HEIGHT_GUESS: f32 = 150.0;

/// The padding that keeps a step's view clear of a title panel `panel_height` tall.
fn pad_for(panel_height: f32) -> [f32; 4] {
    crate::scene::layout::step_pad(24.0 + panel_height)
}

/// What a presentation step shows on the map.
#[derive(Debug, Clone, PartialEq)]
pub struct StepShown {
    /// The step's layers.
    pub layers: LayerVisibility,
    /// The features it does not name.
    pub hidden: HashSet<String>,
    /// Whether its findings are on: then the rule marks of its features are drawn.
    pub findings: bool,
    /// Whether it names no features (shows them all): then the plan-wide marks are drawn too.
    pub all_features: bool,
}

/// Presentation mode's state; the app holds one.
#[derive(Default)]
pub struct Presenter {
    session: Option<Session>,
    /// Asked for by the menu or the steps panel: start at this step on the next frame.
    requested: Option<usize>,
    /// The badges of the scenario at this document revision.
    badges: Option<(u64, Vec<Badge>)>,
    /// The title panel's height last frame (the next step's view is fitted below a panel of
    /// about this height, then corrected in flight once the new panel is measured).
    panel_height: Option<f32>,
    /// Where the title panel was last frame.
    panel_rect: Option<egui::Rect>,
    /// Where the controls were last frame.
    controls_rect: Option<egui::Rect>,
}

/// The slides: the scenario's steps, or, for a plan without steps, one overview slide (the
/// plan's title over Ukraine, everything shown, with its findings).
pub fn slides(scenario: &Scenario) -> Vec<Step> {
    if scenario.steps.is_empty() {
        let caption = scenario
            .other_settings
            .get("description")
            .and_then(|d| d.as_str())
            .unwrap_or_default()
            .to_owned();
        vec![Step {
            title: scenario.title.clone(),
            caption,
            view: None,
            layers: None,
            features: None,
            findings: true,
        }]
    } else {
        scenario.steps.clone()
    }
}

/// "Step 3 / 7".
pub fn step_label(index: usize, count: usize) -> String {
    format!("Step {} / {count}", index + 1)
}

/// The step an action leads to from `index` of `count` (the ends hold: no wrap-around, so a
/// clicker pressed once too often does not jump back to the start).
pub fn next_index(action: PresentAction, index: usize, count: usize) -> usize {
    let last = count.saturating_sub(1);
    match action {
        PresentAction::Next => (index + 1).min(last),
        PresentAction::Previous => index.saturating_sub(1),
        PresentAction::First => 0,
        PresentAction::Last => last,
        PresentAction::ResetView | PresentAction::Leave => index.min(last),
    }
}

/// The ids of the scenario's features a step does not name (`None`: every feature shown).
pub fn hidden_features(scenario: &Scenario, step: &Step) -> HashSet<String> {
    match &step.features {
        None => HashSet::new(),
        Some(shown) => scenario
            .features
            .iter()
            .filter(|f| !shown.contains(&f.id))
            .map(|f| f.id.clone())
            .collect(),
    }
}

impl Presenter {
    /// Whether a presentation is under way.
    pub fn is_active(&self) -> bool {
        self.session.is_some()
    }

    /// The step shown (0-based), if presenting.
    pub fn index(&self) -> Option<usize> {
        self.session.as_ref().map(|s| s.index)
    }

    /// Starts presenting at step `index` on the next frame (View ▸ Present, the steps panel).
    pub fn request(&mut self, index: usize) {
        self.requested = Some(index);
    }

    /// What the map shows while presenting: the step's layers, the features it hides and
    /// whether its findings (and so its features' rule marks) are on.
    pub fn shown(&self, scenario: &Scenario) -> Option<StepShown> {
        let session = self.session.as_ref()?;
        let slides = slides(scenario);
        let step = slides.get(session.index).or(slides.last())?;
        Some(StepShown {
            layers: LayerVisibility::from_names(step.layers.as_deref()),
            hidden: hidden_features(scenario, step),
            findings: step.findings,
            all_features: step.features.is_none(),
        })
    }

    /// The screen rectangles the title panel and the controls covered last frame: the map's
    /// layout places nothing under them.
    pub fn covered(&self) -> Vec<egui::Rect> {
        if self.session.is_none() {
            return Vec::new();
        }
        self.panel_rect
            .iter()
            .chain(&self.controls_rect)
            .copied()
            .collect()
    }

    /// Reads the presentation keys (F5 starts; the rest only while presenting, consumed so the
    /// map's own keys do not also act on them).
    fn read_keys(&mut self, ctx: &egui::Context, view: &mut MapView) -> Option<PresentAction> {
        if ctx.egui_wants_keyboard_input() {
            return None;
        }
        if self.session.is_none() {
            // A modal (recovery offer, unsaved changes, an error) must be answered first: it
            // would otherwise sit over the audience's screen.
            let modal_open = ctx.memory(|m| m.top_modal_layer().is_some());
            if !modal_open && ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::F5)) {
                self.requested = Some(0);
            }
            return None;
        }
        let (action, zoom) = ctx.input_mut(|i| {
            // Every listed key is consumed, not only the first pressed one.
            let mut pressed = |keys: &[Key]| {
                let mut any = false;
                for key in keys {
                    any |= i.consume_key(Modifiers::NONE, *key);
                }
                any
            };
            let action = if pressed(&[Key::Escape]) {
                Some(PresentAction::Leave)
            } else if pressed(&[Key::ArrowRight, Key::Space, Key::PageDown]) {
                Some(PresentAction::Next)
            } else if pressed(&[Key::ArrowLeft, Key::PageUp]) {
                Some(PresentAction::Previous)
            } else if pressed(&[Key::Home]) {
                Some(PresentAction::First)
            } else if pressed(&[Key::End]) {
                Some(PresentAction::Last)
            } else if pressed(&[Key::R]) {
                Some(PresentAction::ResetView)
            } else {
                None
            };
            let zoom = if pressed(&[Key::Plus, Key::Equals]) {
                ZOOM_STEP
            } else if pressed(&[Key::Minus]) {
                -ZOOM_STEP
            } else {
                0.0
            };
            (action, zoom)
        });
        if zoom != 0.0 {
            let anchor = ctx
                .pointer_hover_pos()
                .filter(|p| view.last_rect.contains(*p))
                .unwrap_or(view.last_rect.center());
            view.zoom_by(zoom, anchor);
            self.mark_moved();
        }
        action
    }

    fn mark_moved(&mut self) {
        if let Some(session) = &mut self.session {
            session.moved = true;
        }
    }

    /// Starts, steps, leaves; flies the view. `ukraine` is the view of a step without one.
    fn act(
        &mut self,
        ctx: &egui::Context,
        action: PresentAction,
        view: &mut MapView,
        scenario: &Scenario,
        ukraine: [f64; 4],
    ) {
        let Some(session) = &mut self.session else {
            return;
        };
        if action == PresentAction::Leave {
            if !session.was_fullscreen {
                ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
            }
            view.jump_to(session.restore);
            self.session = None;
            ctx.request_repaint();
            return;
        }
        let slides = slides(scenario);
        session.index = next_index(action, session.index, slides.len());
        let extent = slides
            .get(session.index)
            .and_then(|s| s.view)
            .unwrap_or(ukraine);
        let pad = pad_for(self.panel_height.unwrap_or(PANEL_HEIGHT_GUESS));
        view.fly_to_extent_padded(extent, FLY_SECONDS, pad);
        session.fitted_rect = view.last_rect;
        session.moved = false;
        session.pad = pad;
        ctx.request_repaint();
    }

    fn begin(&mut self, ctx: &egui::Context, index: usize, view: &MapView) {
        let was_fullscreen = ctx.input(|i| i.viewport().fullscreen.unwrap_or(false));
        if !was_fullscreen {
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
        }
        self.session = Some(Session {
            index,
            restore: view.saved(),
            was_fullscreen,
            fitted_rect: view.last_rect,
            moved: false,
            pad: pad_for(PANEL_HEIGHT_GUESS),
        });
    }

    /// The badges of `scenario` at `revision`, made again only when it changed. `report` is
    /// the window's live report of that revision (`RulesUi` checks before the frame is laid
    /// out), so presenting never runs a second checker.
    fn badges(&mut self, report: &Report, scenario: &Scenario, revision: u64) -> &[Badge] {
        let fresh = self.badges.as_ref().is_some_and(|(r, _)| *r == revision);
        if !fresh {
            self.badges = Some((revision, findings::badges(report, scenario)));
        }
        self.badges.as_ref().map_or(&[], |(_, b)| b.as_slice())
    }
}

/// What the presentation reads from the window each frame.
pub struct Stage<'a> {
    /// The plan.
    pub scenario: &'a Scenario,
    /// The document revision of `scenario` (badges are made again when it changes).
    pub revision: u64,
    /// The window's live report of that revision.
    pub report: &'a Report,
    /// Ukraine's extent (the view of a step without one).
    pub ukraine: [f64; 4],
}

impl Presenter {
    /// Presentation keys and requests, before the frame is laid out: F5 or a request starts,
    /// the clicker keys step, Esc leaves.
    pub fn keys(&mut self, ctx: &egui::Context, view: &mut MapView, stage: &Stage<'_>) {
        let ukraine = stage.ukraine;
        let action = self.read_keys(ctx, view);
        if let Some(index) = self.requested.take() {
            let count = slides(stage.scenario).len();
            let index = index.min(count.saturating_sub(1));
            if !self.is_active() {
                self.begin(ctx, index, view);
            }
            if let Some(session) = &mut self.session {
                session.index = index;
            }
            self.act(ctx, PresentAction::ResetView, view, stage.scenario, ukraine);
        }
        if let Some(action) = action {
            self.act(ctx, action, view, stage.scenario, ukraine);
        }
    }

    /// Draws the title, the caption, the step number, the badges and the controls over the map;
    /// fits the step's view again when the map grew (full screen arriving a few frames late).
    pub fn overlay_ui(&mut self, ctx: &egui::Context, view: &mut MapView, stage: &Stage<'_>) {
        let Some(session) = self.session.clone() else {
            return;
        };
        let rect = view.last_rect;
        let ukraine = stage.ukraine;
        let slides = slides(stage.scenario);
        let Some(step) = slides.get(session.index).or(slides.last()).cloned() else {
            return;
        };
        let extent = step.view.unwrap_or(ukraine);
        if !session.moved && (rect.size() - session.fitted_rect.size()).length() > 1.0 {
            view.fly_to_extent_padded(extent, FLY_SECONDS, session.pad);
            if let Some(s) = &mut self.session {
                s.fitted_rect = rect;
            }
        }
        // A drag, wheel or pinch moves away from the step's view.
        let interacted = ctx.input(|i| {
            (i.pointer.is_decidedly_dragging() && i.pointer.delta() != Vec2::ZERO)
                || i.events
                    .iter()
                    .any(|e| matches!(e, egui::Event::MouseWheel { .. } | egui::Event::Zoom(_)))
        });
        if interacted {
            self.mark_moved();
        }
        let badges: Vec<Badge> = if step.findings {
            self.badges(stage.report, stage.scenario, stage.revision)
                .to_vec()
        } else {
            Vec::new()
        };
        let count = slides.len();
        let width = (rect.width() * 0.62).clamp(320.0, 980.0);
        let panel = egui::Area::new(egui::Id::unique("present-title"))
            .order(egui::Order::Foreground)
            .fixed_pos(rect.min + vec2(24.0, 24.0))
            .interactable(false)
            .show(ctx, |ui| {
                title_panel_ui(ui, &step, session.index, count, &badges, width);
            });
        // The panel of this step measured: if the view was fitted around another height, move
        // the flight's destination (or, once arrived, fly the short way) so nothing hides under
        // the panel.
        let height = panel.response.rect.height();
        self.panel_height = Some(height);
        self.panel_rect = Some(panel.response.rect);
        let pad = pad_for(height);
        if (pad[1] - session.pad[1]).abs() > 6.0 {
            if !view.retarget_flight(extent, pad) && !session.moved {
                view.fly_to_extent_padded(extent, FLY_SECONDS / 2.0, pad);
            }
            if let Some(s) = &mut self.session {
                s.pad = pad;
            }
        }
        let mut action = None;
        let controls = egui::Area::new(egui::Id::unique("present-controls"))
            .order(egui::Order::Foreground)
            .anchor(Align2::CENTER_BOTTOM, vec2(0.0, -14.0))
            .show(ctx, |ui| {
                action = controls_ui(ui, session.index, count);
            });
        self.controls_rect = Some(controls.response.rect);
        if let Some(action) = action {
            self.act(ctx, action, view, stage.scenario, ukraine);
        }
    }
}

/// The step's label, title, caption and badges on a white panel.
fn title_panel_ui(
    ui: &mut egui::Ui,
    step: &Step,
    index: usize,
    count: usize,
    badges: &[Badge],
    width: f32,
) {
    egui::Frame::new()
        .fill(color(style::TITLE_FILL))
        .stroke(Stroke::new(1.0, color(style::TITLE_EDGE)))
        .corner_radius(8.0)
        .inner_margin(egui::Margin::symmetric(22, 16))
        .show(ui, |ui| {
            ui.set_max_width(width);
            ui.label(
                RichText::new(step_label(index, count))
                    .size(17.0)
                    .color(color(style::PANEL_MUTED)),
            );
            // Bounded before egui lays it out: the file keeps a caption whole, the slide shows
            // what fits (a megabyte of caption costs what its first lines cost).
            let f = crate::scene::text::font();
            let inner = width - 4.0;
            let title = f
                .wrap_bounded(&step.title, TITLE_TEXT, inner, layout::TITLE_LINES)
                .join("\n");
            ui.label(
                RichText::new(title)
                    .size(TITLE_TEXT)
                    .strong()
                    .color(color(style::TITLE_TEXT)),
            );
            if !step.caption.trim().is_empty() {
                ui.add_space(4.0);
                let caption = f
                    .wrap_bounded(&step.caption, CAPTION_TEXT, inner, layout::CAPTION_LINES)
                    .join("\n");
                ui.label(
                    RichText::new(caption)
                        .size(CAPTION_TEXT)
                        .color(color(style::CAPTION_TEXT)),
                );
            }
            if !badges.is_empty() {
                ui.add_space(10.0);
                // Rows laid out here: a wrapping layout of framed badges does not wrap.
                for row in badge_rows(ui, badges, width) {
                    ui.horizontal(|ui| {
                        ui.spacing_mut().item_spacing = vec2(BADGE_SPACING, BADGE_SPACING);
                        for badge in row {
                            badge_ui(ui, badge);
                        }
                    });
                }
            }
        });
}

/// Title text size on a slide, points.
const TITLE_TEXT: f32 = 38.0;
/// Caption text size on a slide, points.
const CAPTION_TEXT: f32 = 20.0;

/// Badge text size, points.
const BADGE_TEXT: f32 = 18.0;
/// Space between badges, points.
const BADGE_SPACING: f32 = 8.0;
/// A badge's width besides its text: the mark, the space before it, margins and stroke.
const BADGE_EXTRA: f32 = 18.0 + 8.0 + 2.0 * 12.0 + 3.0;

/// The badges in rows no wider than `width`.
fn badge_rows<'a>(ui: &egui::Ui, badges: &'a [Badge], width: f32) -> Vec<Vec<&'a Badge>> {
    let mut rows: Vec<Vec<&Badge>> = Vec::new();
    let mut row_width = f32::INFINITY;
    for badge in badges {
        let text = ui.ctx().fonts_mut(|f| {
            f.layout_no_wrap(
                badge.text.clone(),
                egui::FontId::proportional(BADGE_TEXT),
                Color32::BLACK,
            )
            .size()
            .x
        });
        let w = text + BADGE_EXTRA;
        if row_width + BADGE_SPACING + w > width {
            rows.push(Vec::new());
            row_width = -BADGE_SPACING;
        }
        if let Some(row) = rows.last_mut() {
            row.push(badge);
        }
        row_width += BADGE_SPACING + w;
    }
    rows
}

/// The fill and ink of a badge: green, amber, red (the layout's colours).
fn badge_colours(level: BadgeLevel) -> (Color32, Color32) {
    let (fill, ink) = level.colours();
    (color(fill), color(ink))
}

/// One badge: its text and a drawn mark (✓, ⚠, ✗ are not in the bundled font).
fn badge_ui(ui: &mut egui::Ui, badge: &Badge) {
    let (fill, ink) = badge_colours(badge.level);
    egui::Frame::new()
        .fill(fill)
        .stroke(Stroke::new(1.5, ink))
        .corner_radius(14.0)
        .inner_margin(egui::Margin::symmetric(12, 5))
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(
                    RichText::new(&badge.text)
                        .size(BADGE_TEXT)
                        .color(color(style::BADGE_TEXT)),
                );
                let (rect, _) = ui.allocate_exact_size(vec2(18.0, 18.0), egui::Sense::hover());
                paint_mark(ui.painter(), badge.level, rect, ink);
            });
        });
}

/// Draws ✓, ⚠ or ✗ as strokes inside `rect`.
fn paint_mark(painter: &egui::Painter, level: BadgeLevel, rect: egui::Rect, ink: Color32) {
    let stroke = Stroke::new(2.4, ink);
    let at = |x: f32, y: f32| {
        pos2(
            rect.left() + x * rect.width(),
            rect.top() + y * rect.height(),
        )
    };
    match level {
        BadgeLevel::Pass => {
            painter.line(vec![at(0.08, 0.55), at(0.4, 0.85), at(0.95, 0.15)], stroke);
        }
        BadgeLevel::Warning => {
            painter.add(egui::Shape::closed_line(
                vec![at(0.5, 0.05), at(0.98, 0.92), at(0.02, 0.92)],
                Stroke::new(2.0, ink),
            ));
            painter.line_segment([at(0.5, 0.36), at(0.5, 0.64)], Stroke::new(2.2, ink));
            painter.circle_filled(at(0.5, 0.79), 1.4, ink);
        }
        BadgeLevel::Error => {
            painter.line_segment([at(0.12, 0.12), at(0.88, 0.88)], stroke);
            painter.line_segment([at(0.12, 0.88), at(0.88, 0.12)], stroke);
        }
    }
}

/// The small bar at the bottom: previous, next, leave, and the keys.
fn controls_ui(ui: &mut egui::Ui, index: usize, count: usize) -> Option<PresentAction> {
    let mut action = None;
    egui::Frame::new()
        .fill(color(style::PANEL_FILL))
        .corner_radius(6.0)
        .inner_margin(egui::Margin::symmetric(10, 4))
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(index > 0, egui::Button::new("Previous step"))
                    .clicked()
                {
                    action = Some(PresentAction::Previous);
                }
                if ui
                    .add_enabled(index + 1 < count, egui::Button::new("Next step"))
                    .clicked()
                {
                    action = Some(PresentAction::Next);
                }
                if ui.button("Step view").clicked() {
                    action = Some(PresentAction::ResetView);
                }
                if ui.button("Leave presentation").clicked() {
                    action = Some(PresentAction::Leave);
                }
                ui.weak("Keys: Right/Space/Page Down next · Left/Page Up back · R step view · Esc leave");
            });
        });
    action
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stepping_stops_at_the_ends() {
        use PresentAction::*;
        assert_eq!(next_index(Next, 0, 5), 1);
        assert_eq!(next_index(Next, 4, 5), 4);
        assert_eq!(next_index(Previous, 0, 5), 0);
        assert_eq!(next_index(Previous, 3, 5), 2);
        assert_eq!(next_index(Last, 1, 5), 4);
        assert_eq!(next_index(First, 3, 5), 0);
        assert_eq!(next_index(ResetView, 9, 5), 4, "a step deleted under it");
        assert_eq!(next_index(Next, 0, 0), 0);
        assert_eq!(step_label(2, 7), "Step 3 / 7");
    }

    #[test]
    fn a_step_hides_the_features_it_does_not_name() {
        let scenario = Scenario::bundled_default().expect("default scenario");
        let first = scenario.steps.first().expect("a step").clone();
        let hidden = hidden_features(&scenario, &first);
        assert!(!hidden.contains("line-a"));
        assert!(hidden.contains("gb-div-kyiv"));
        assert_eq!(hidden.len(), scenario.features.len() - 1);
        let all = Step {
            features: None,
            ..first
        };
        assert!(hidden_features(&scenario, &all).is_empty());
    }

    #[test]
    fn the_flight_between_steps_eases_and_lasts_a_second() {
        let mut view = MapView::new(SavedView::default());
        view.last_rect = egui::Rect::from_min_size(egui::Pos2::ZERO, vec2(1600.0, 900.0));
        let extent = [36.9, 48.2, 38.4, 49.1];
        let (to, to_zoom) = view.fit(extent);
        let from = view.center_world();
        let from_zoom = view.zoom();
        view.fly_to_extent(extent, FLY_SECONDS);
        let mut progress = Vec::new();
        while view.animating() && progress.len() < 1000 {
            view.animate(1.0 / 60.0);
            progress.push((view.zoom() - from_zoom) / (to_zoom - from_zoom));
        }
        assert!(
            (59..=61).contains(&progress.len()),
            "{} frames",
            progress.len()
        );
        let at = |frame: usize| progress.get(frame).copied().unwrap_or(f64::NAN);
        // Slow out of the start, fast through the middle, slow into the end.
        assert!(at(5) < 0.02, "{}", at(5));
        assert!((at(29) - 0.5).abs() < 0.1, "{}", at(29));
        assert!(at(54) > 0.98, "{}", at(54));
        let c = view.center_world();
        assert!((c[0] - to[0]).abs() < 1e-9 && (c[1] - to[1]).abs() < 1e-9);
        assert!(from != to);
    }

    #[test]
    fn a_plan_without_steps_presents_one_overview() {
        let scenario = Scenario {
            title: "Plan B".to_owned(),
            ..Scenario::default()
        };
        let slides = slides(&scenario);
        assert_eq!(slides.len(), 1);
        assert_eq!(slides.first().map(|s| s.title.as_str()), Some("Plan B"));
        assert!(
            slides
                .first()
                .is_some_and(|s| s.findings && s.view.is_none())
        );
    }
}
