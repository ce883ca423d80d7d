//! Presentation mode (F5 or View ▸ Present): full screen without the window's chrome, one step
//! at a time under its title panel (the map layout's, as on every export of the step), an eased
//! one-second flight between steps' views, each step showing only its layers and features, and
//! the plan's live rule status as badges on steps with findings on. Keys are what presentation
//! clickers send.

use super::map_view::{MapView, SavedView};
use super::paint::{LayerVisibility, color};
use super::picture::screen_rect;
use crate::export::findings;
use crate::export::{Badge, MapPage};
use crate::model::Scenario;
use crate::model::scenario::Step;
use crate::rules::Report;
use crate::scene::{layout, style};
use egui::{Align2, Key, Modifiers, Vec2, vec2};
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

    /// The screen rectangle the controls covered last frame: the map's layout places nothing
    /// under it (the title panel is the layout's own).
    pub fn covered(&self) -> Vec<egui::Rect> {
        if self.session.is_none() {
            return Vec::new();
        }
        self.controls_rect.iter().copied().collect()
    }

    /// The page of the step shown, as every export of that step has it: its label, title,
    /// caption and (findings on) badges for the map's title panel, its extent, layers and
    /// features. `None` when not presenting.
    pub fn page(&mut self, stage: &Stage<'_>) -> Option<MapPage> {
        let index = self.session.as_ref()?.index;
        self.page_of(stage, index)
    }

    /// The page of slide `index` (the last slide if past the end).
    fn page_of(&mut self, stage: &Stage<'_>, index: usize) -> Option<MapPage> {
        let slides = slides(stage.scenario);
        let index = index.min(slides.len().checked_sub(1)?);
        let badges = self.badges(stage.report, stage.scenario, stage.revision);
        MapPage::step(&slides, index, stage.ukraine, badges)
    }

    /// Where slide `index`'s extent goes on a map drawn into `rect` (see [`fit_of`]).
    fn extent_and_pad(
        &mut self,
        stage: &Stage<'_>,
        index: usize,
        rect: egui::Rect,
    ) -> ([f64; 4], [f32; 4]) {
        fit_of(self.page_of(stage, index).as_ref(), stage, rect)
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

    /// Starts, steps, leaves; flies the view.
    fn act(
        &mut self,
        ctx: &egui::Context,
        action: PresentAction,
        view: &mut MapView,
        stage: &Stage<'_>,
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
        let index = next_index(action, session.index, slides(stage.scenario).len());
        session.index = index;
        let (extent, pad) = self.extent_and_pad(stage, index, view.last_rect);
        view.fly_to_extent_padded(extent, FLY_SECONDS, pad);
        if let Some(session) = &mut self.session {
            session.fitted_rect = view.last_rect;
            session.moved = false;
            session.pad = pad;
        }
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
            pad: [0.0; 4],
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
            self.act(ctx, PresentAction::ResetView, view, stage);
        }
        if let Some(action) = action {
            self.act(ctx, action, view, stage);
        }
    }

    /// Draws the controls over the map and gives the title panel's text to screen readers (the
    /// panel itself is the map layout's, as on every export of the step); fits the step's view
    /// again when the map grew (full screen arriving a few frames late).
    pub fn overlay_ui(&mut self, ctx: &egui::Context, view: &mut MapView, stage: &Stage<'_>) {
        let Some(session) = self.session.clone() else {
            return;
        };
        let rect = view.last_rect;
        let page = self.page(stage);
        let (extent, pad) = fit_of(page.as_ref(), stage, rect);
        let resized = (rect.size() - session.fitted_rect.size()).length() > 1.0;
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
        let moved = self.session.as_ref().is_some_and(|s| s.moved);
        // The map grew or shrank (full screen arrived), or the panel changed (the badges of a
        // new check): the step's extent is fitted again below the panel, a flight under way is
        // redirected, unless the presenter moved away from the step's view.
        let repad = pad
            .iter()
            .zip(session.pad)
            .any(|(a, b)| (a - b).abs() > 0.5);
        if !moved && (resized || repad) && !view.retarget_flight(extent, pad) {
            let seconds = if resized {
                FLY_SECONDS
            } else {
                FLY_SECONDS / 2.0
            };
            view.fly_to_extent_padded(extent, seconds, pad);
        }
        if let Some(s) = &mut self.session {
            s.fitted_rect = rect;
            s.pad = pad;
        }
        if let Some(page) = &page {
            panel_text_ui(ctx, page, rect);
        }
        let count = slides(stage.scenario).len();
        let mut action = None;
        let controls = egui::Area::new(egui::Id::unique("present-controls"))
            .order(egui::Order::Foreground)
            .anchor(Align2::CENTER_BOTTOM, vec2(0.0, -14.0))
            .show(ctx, |ui| {
                action = controls_ui(ui, session.index, count);
            });
        self.controls_rect = Some(controls.response.rect);
        if let Some(action) = action {
            self.act(ctx, action, view, stage);
        }
    }
}

/// A slide's extent and the padding that fits it below its title panel on a map drawn into
/// `rect`, as every export of the step fits it (`layout::step_pad_below`); no page: Ukraine.
fn fit_of(page: Option<&MapPage>, stage: &Stage<'_>, rect: egui::Rect) -> ([f64; 4], [f32; 4]) {
    match page {
        Some(page) => (
            page.extent,
            layout::step_pad_below(page.title_panel().as_ref(), screen_rect(rect)),
        ),
        None => (stage.ukraine, [0.0; 4]),
    }
}

/// The text of `page`'s title panel (drawn by the map's layout, so invisible to screen readers)
/// as labels over the panel on a map drawn into `rect`: the step label, title, caption and each
/// badge, in reading order.
fn panel_text_ui(ctx: &egui::Context, page: &MapPage, rect: egui::Rect) {
    let Some(panel) = page.title_panel() else {
        return;
    };
    let at = super::picture::rect(layout::title_panel_rect(&panel, screen_rect(rect)));
    let texts = panel
        .label
        .into_iter()
        .chain([panel.title])
        .chain(panel.caption.filter(|c| !c.trim().is_empty()))
        .chain(panel.badges.iter().map(|b| b.text.as_str()));
    egui::Area::new(egui::Id::unique("present-title-text"))
        .order(egui::Order::Background)
        .fixed_pos(at.min)
        .interactable(false)
        .show(ctx, |ui| {
            ui.set_max_size(at.size());
            ui.spacing_mut().item_spacing = Vec2::ZERO;
            for (i, text) in texts.enumerate() {
                let response = ui.interact(
                    egui::Rect::from_min_size(at.min + vec2(0.0, i as f32), vec2(at.width(), 1.0)),
                    ui.scope_id().with(i),
                    egui::Sense::hover(),
                );
                response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, text));
            }
        });
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
