//! The application: window layout, menus, panels and the map, wired together. UI code emits
//! [`Command`]s; they run after the frame is drawn.

pub use super::commands::Command;
use super::commands::DocCommand;
use super::context::{AppContext, CommandQueue, Selection};
use super::document_ui::{self, DocParts, FileUi, Message};
use super::force_dialog::ForceDialog;
use super::help::OpenWindows;
use super::import_dialog::adopt_front_line;
use super::inspector::InspectorState;
use super::map_view::{MapView, SavedView, ScreenFromWorld};
use super::paint::{LayerVisibility, PaintStats};
use super::present::Stage;
use super::rule_overlays::OverlayToggles;
use super::rules_ui::RulesUi;
use super::scenario_layer::{DrawnForces, RangeRings, click_hit};
use super::tool::Tool;
use super::tools::{MapFacts, MapInput, Tools};
use super::{help, layers_panel, picture, proposals_panel, toolbar, widgets};
use crate::model::scenario::NationLists;
use crate::model::{BaseMap, Document, Scenario};
use crate::scene::layout::{self, LegendMode, MapContent, Shown};
use crate::scene::picture::MarkDrawn;
use crate::scene::view::ScreenRect;
use crate::scene::{BaseScene, ScenarioScene};
use egui::{Color32, RichText};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;
use walkers::{HttpOptions, HttpTiles, Map, Tiles, lon_lat, sources::OpenStreetMap};

/// The [`AppContext`] of `$app`'s document, selection, view, rules and map, sending to `$queue`.
/// A macro, not a method, so the borrows stay per field and a panel (another field) can be
/// borrowed mutably beside it.
macro_rules! app_context {
    ($app:ident, $queue:expr) => {
        AppContext {
            doc: &$app.doc,
            selection: &$app.selection,
            view: &$app.view,
            rules: &$app.rules_ui,
            base: &$app.base,
            commands: &$queue,
        }
    };
}

/// The [`DocParts`] of `$app` a document command may change, sending follow-ups to `$queue`.
macro_rules! doc_parts {
    ($app:ident, $queue:expr) => {
        DocParts {
            doc: &mut $app.doc,
            scene: &mut $app.scene,
            base: &$app.base,
            recent: &mut $app.state.recent_files,
            commands: &$queue,
        }
    };
}

/// The key under which eframe stores [`PersistedState`].
const STORAGE_KEY: &str = "armistice-state";

/// What is remembered between runs (window size and position are eframe's own).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PersistedState {
    /// The map view.
    pub view: Option<SavedView>,
    /// Which layers are on.
    pub layers: LayerVisibility,
    /// Whether the online OpenStreetMap basemap is on.
    pub online_basemap: bool,
    /// The map's legend: open, folded to its header, or hidden (View ▸ Legend).
    pub legend: LegendMode,
    /// Scenario files opened or saved lately, newest first.
    pub recent_files: Vec<PathBuf>,
}

/// What the map's frame reports back besides the transform.
struct DrawnFrame {
    stats: PaintStats,
    marks: Vec<MarkDrawn>,
    legend_header: Option<egui::Rect>,
    legend_click: bool,
    title_panel: Option<egui::Rect>,
}

/// The Armistice window.
pub struct ArmisticeApp {
    /// Remembered settings.
    state: PersistedState,
    /// The bundled map data.
    base: BaseMap,
    /// The bundled layers, prepared for drawing (levels of detail fill in on first use or from
    /// the warm-up thread).
    scene: Arc<BaseScene>,
    /// The open scenario.
    doc: Document,
    /// The scenario's lines and areas, prepared for drawing.
    scenario_scene: ScenarioScene,
    /// Where the map looks.
    view: MapView,
    /// What is selected (the inspector shows the primary).
    pub(super) selection: Selection,
    /// The editing tools.
    tools: Tools,
    /// The Place force dialog.
    force_dialog: ForceDialog,
    /// The inspector's fields.
    inspector: InspectorState,
    /// File dialogs, messages and the status note.
    files: FileUi,
    /// The left panel's proposals (and which are switched off on the map).
    pub(super) proposals: proposals_panel::ProposalsPanel,
    /// Range rings, rebuilt when the scenario changes.
    rings: RangeRings,
    /// Where forces were drawn last frame (tools hit-test presses against it).
    drawn_forces: DrawnForces,
    scenario_scene_revision: u64,
    last_transform: Option<ScreenFromWorld>,
    /// Open windows.
    windows: OpenWindows,
    /// The cursor's lon/lat over the map.
    cursor_lonlat: Option<[f64; 2]>,
    /// What the last frame drew.
    last_stats: PaintStats,
    /// The rule marks the last frame drew.
    last_marks: Vec<MarkDrawn>,
    /// Where the last frame put the legend's header (`None`: no legend).
    last_legend: Option<egui::Rect>,
    /// Where the last frame put a slide's title panel (`None`: not presenting).
    last_title_panel: Option<egui::Rect>,
    /// File ▸ Export.
    pub(super) export_dialog: super::export_dialog::ExportDialog,
    /// The rule checks: report, panels and map overlays (see `ui::rules_ui`).
    rules_ui: super::rules_ui::RulesUi,
    /// Presentation mode (F5).
    present: super::present::Presenter,
    /// The Steps tab of the left panel.
    steps_panel: super::steps_panel::StepsPanel,
    /// The left panel's layers and contents.
    pub(super) contents: layers_panel::ContentsPanel,
    tiles: Option<HttpTiles>,
    commands: Vec<Command>,
    fit_on_first_frame: bool,
    last_title: String,
}

impl ArmisticeApp {
    /// An app on `doc`, restoring `state`.
    pub fn new(base: BaseMap, doc: Document, state: PersistedState) -> Self {
        let scene = Arc::new(BaseScene::new(&base));
        Self::with_scene(base, scene, doc, state)
    }

    /// An app on `doc` with `scene` already prepared from `base`.
    pub fn with_scene(
        base: BaseMap,
        scene: Arc<BaseScene>,
        doc: Document,
        state: PersistedState,
    ) -> Self {
        let fit_on_first_frame = state.view.is_none();
        let view = MapView::new(state.view.unwrap_or_default());
        let scenario_scene = ScenarioScene::new(&doc.scenario);
        let scenario_scene_revision = doc.revision;
        let mut app = Self {
            state,
            base,
            scene,
            scenario_scene,
            doc,
            view,
            selection: Selection::default(),
            tools: Tools::default(),
            force_dialog: ForceDialog::default(),
            inspector: InspectorState::default(),
            files: FileUi::default(),
            proposals: Default::default(),
            rings: RangeRings::default(),
            drawn_forces: DrawnForces::default(),
            scenario_scene_revision,
            last_transform: None,
            windows: OpenWindows::default(),
            cursor_lonlat: None,
            last_stats: PaintStats::default(),
            last_marks: Vec::new(),
            last_legend: None,
            last_title_panel: None,
            export_dialog: Default::default(),
            rules_ui: Default::default(),
            present: Default::default(),
            steps_panel: Default::default(),
            contents: Default::default(),
            tiles: None,
            commands: Vec::new(),
            fit_on_first_frame,
            last_title: String::new(),
        };
        if app.doc.front_line.is_some() {
            let queue = CommandQueue::default();
            let message = adopt_front_line(&mut doc_parts!(app, queue));
            app.files.show_message(message);
        }
        app
    }

    /// Creates the app inside eframe, restoring what was saved. `scene` is being warmed (every
    /// level of detail made) on another thread.
    pub fn from_creation_context(
        cc: &eframe::CreationContext<'_>,
        base: BaseMap,
        scene: Arc<BaseScene>,
        doc: Document,
    ) -> Self {
        let state = cc
            .storage
            .and_then(|s| eframe::get_value::<PersistedState>(s, STORAGE_KEY))
            .unwrap_or_default();
        cc.egui_ctx.set_visuals(egui::Visuals::light());
        log::debug!("window created");
        let mut app = Self::with_scene(base, scene, doc, state);
        if let Some(store) = crate::io::RecoveryStore::from_env() {
            app.enable_recovery(&store);
        }
        app
    }

    /// Turns recovery on: snapshots of unsaved work go to `store`, and the snapshots already
    /// there (earlier sessions' unsaved work) are offered back on the first frame.
    pub fn enable_recovery(&mut self, store: &crate::io::RecoveryStore) {
        self.files.enable_recovery(store);
    }

    /// Queues a command.
    pub fn command(&mut self, command: Command) {
        self.commands.push(command);
    }

    fn nation_lists(&self) -> NationLists {
        self.doc.scenario.nation_lists()
    }

    /// Draws one frame of the whole window into `ui`.
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.files.close_request(&ctx, &self.doc);
        let queue = CommandQueue::default();
        FileUi::dropped_files(&ctx, &queue);
        self.present.keys(
            &ctx,
            &mut self.view,
            &stage(&self.doc, &self.rules_ui, &self.scene),
        );
        FileUi::shortcuts(&ctx, &queue);
        self.commands.extend(queue.take());
        self.refresh_scenario_caches();
        let preview = self.drag_preview_edit(&ctx);
        self.rules_ui.update(&self.base, &self.doc, preview);
        self.update_title(&ctx);
        if self.present.is_active() {
            // Presentation mode: the map and the step's panel only (see `ui::present`).
            egui::CentralPanel::no_frame().show(ui, |ui| self.map_ui(ui));
            self.present.overlay_ui(
                &ctx,
                &mut self.view,
                &stage(&self.doc, &self.rules_ui, &self.scene),
            );
            self.dialogs_ui(&ctx);
            self.run_commands(&ctx);
            self.files.autosave_recovery(&ctx, &self.doc);
            return;
        }
        self.menu_bar(ui);
        self.status_bar(ui);
        egui::Panel::top("toolbar").show(ui, |ui| {
            toolbar::ui(ui, self.tools.tool, &self.doc.history, &mut self.commands);
        });
        egui::Panel::left("layers")
            .resizable(true)
            .default_size(230.0)
            .show(ui, |ui| {
                widgets::within_width(ui, |ui| {
                    let steps = self.doc.scenario.steps.len();
                    if self.steps_panel.tabs_ui(ui, steps) {
                        let cx = app_context!(self, queue);
                        self.steps_panel.ui(ui, &cx, self.state.layers);
                        return;
                    }
                    let cx = app_context!(self, queue);
                    self.proposals.ui(ui, &cx);
                    ui.separator();
                    self.contents.ui(ui, &cx, &mut self.state.layers);
                })
            });
        egui::Panel::right("inspector")
            .resizable(true)
            .default_size(300.0)
            .show(ui, |ui| {
                // Findings above the inspector, in one column: the map keeps the width. The
                // column keeps the width it was given, whatever a message in it needs.
                widgets::within_width(ui, |ui| {
                    self.rules_ui
                        .findings_panel_ui(ui, &self.doc.scenario, &mut self.commands);
                    egui::ScrollArea::vertical()
                        .id_salt("inspector-scroll")
                        .auto_shrink([false, true])
                        .show(ui, |ui| {
                            let cx = app_context!(self, queue);
                            self.inspector.ui(ui, &cx);
                        });
                });
            });
        self.commands.extend(queue.take());
        egui::CentralPanel::no_frame().show(ui, |ui| self.map_ui(ui));
        help::windows_ui(&ctx, &mut self.windows, &self.base);
        self.export_dialog_ui(&ctx);
        self.force_dialog
            .show(&ctx, &self.doc.scenario, &mut self.commands);
        self.rules_ui.windows_ui(
            &ctx,
            &self.doc.scenario,
            &self.base,
            self.view.last_rect,
            &mut self.commands,
        );
        self.dialogs_ui(&ctx);
        self.run_commands(&ctx);
        self.files.autosave_recovery(&ctx, &self.doc);
    }

    /// The document handling's dialogs (messages, unsaved changes, path fields, recovery,
    /// imports), drawn from the context like the panels.
    fn dialogs_ui(&mut self, ctx: &egui::Context) {
        let queue = CommandQueue::default();
        self.files.dialogs_ui(ctx, &app_context!(self, queue));
        self.commands.extend(queue.take());
    }

    /// Renews what is prepared from the scenario when it changed.
    fn refresh_scenario_caches(&mut self) {
        if self.scenario_scene_revision != self.doc.revision {
            self.scenario_scene = ScenarioScene::new(&self.doc.scenario);
            self.scenario_scene_revision = self.doc.revision;
        }
        self.rings.update(&self.doc.scenario, self.doc.revision);
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = document_ui::window_title(&self.doc);
        if title != self.last_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.last_title = title;
        }
    }

    fn menu_bar(&mut self, ui: &mut egui::Ui) {
        let queue = CommandQueue::default();
        egui::Panel::top("menu").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| {
                ui.menu_button("File", |ui| {
                    self.files.file_menu_ui(
                        ui,
                        &app_context!(self, queue),
                        &self.state.recent_files,
                    );
                    ui.separator();
                    let view_size = self.view.last_rect.size();
                    self.export_dialog.set_plan_file(self.doc.path.as_deref());
                    self.export_dialog
                        .menu_ui(ui, &self.export_stem(), [view_size.x, view_size.y]);
                    if ui.button("Quit").clicked() {
                        self.commands.push(Command::Quit);
                    }
                });
                ui.menu_button("Edit", |ui| {
                    self.files.edit_menu_ui(ui, &app_context!(self, queue));
                    if ui
                        .button("Copy view extent")
                        .on_hover_text(
                            "Copies [min_lon, min_lat, max_lon, max_lat] for a step's view",
                        )
                        .clicked()
                    {
                        self.commands.push(Command::CopyViewExtent);
                    }
                });
                ui.menu_button("View", |ui| {
                    if ui
                        .add(egui::Button::new("Fit Ukraine").shortcut_text("Home"))
                        .clicked()
                    {
                        self.commands.push(Command::FitUkraine);
                    }
                    if ui
                        .add(egui::Button::new("Zoom in").shortcut_text("+"))
                        .clicked()
                    {
                        self.commands.push(Command::ZoomBy(1.0));
                    }
                    if ui
                        .add(egui::Button::new("Zoom out").shortcut_text("−"))
                        .clicked()
                    {
                        self.commands.push(Command::ZoomBy(-1.0));
                    }
                    ui.separator();
                    ui.menu_button("Basemap", |ui| {
                        let mut online = self.state.online_basemap;
                        ui.radio_value(&mut online, false, "Offline (bundled map only)");
                        ui.radio_value(&mut online, true, "OpenStreetMap (online)");
                        if online != self.state.online_basemap {
                            self.commands.push(Command::SetOnlineBasemap(online));
                        }
                    });
                    ui.separator();
                    layers_panel::layer_checkboxes(ui, &mut self.state.layers);
                    ui.separator();
                    let mut legend = self.state.legend != LegendMode::Hidden;
                    if ui.checkbox(&mut legend, "Legend").changed() {
                        self.state.legend = if legend {
                            LegendMode::Open
                        } else {
                            LegendMode::Hidden
                        };
                    }
                    let mut folded = self.state.legend == LegendMode::Folded;
                    if ui
                        .add_enabled(legend, egui::Checkbox::new(&mut folded, "Fold the legend"))
                        .changed()
                    {
                        self.state.legend = if folded {
                            LegendMode::Folded
                        } else {
                            LegendMode::Open
                        };
                    }
                    ui.separator();
                    if ui
                        .add(egui::Button::new("Present").shortcut_text("F5"))
                        .clicked()
                    {
                        self.present.request(0);
                    }
                });
                ui.menu_button("Rules", |ui| self.rules_ui.menu_ui(ui));
                ui.menu_button("Help", |ui| {
                    if ui.button("Keyboard shortcuts").clicked() {
                        self.windows.shortcuts = true;
                    }
                    if ui.button("About Armistice").clicked() {
                        self.windows.about = true;
                    }
                });
            });
        });
        self.commands.extend(queue.take());
    }

    /// The name exports are offered under: the scenario file's name without extension.
    fn export_stem(&self) -> String {
        self.doc
            .path
            .as_ref()
            .and_then(|p| p.file_stem())
            .map_or_else(
                || "armistice".to_owned(),
                |s| s.to_string_lossy().into_owned(),
            )
    }

    fn export_dialog_ui(&mut self, ctx: &egui::Context) {
        let source = super::export_dialog::ExportSource {
            scene: &self.scene,
            map: &self.base,
            scenario: &self.doc.scenario,
            front_line: self.doc.front_line.as_ref(),
            view_extent: self.view.extent(),
            layers: self.state.layers,
            hidden: self.proposals.hidden(),
            legend: self.state.legend != LegendMode::Hidden,
        };
        self.export_dialog.window_ui(ctx, &source);
    }

    fn status_bar(&mut self, ui: &mut egui::Ui) {
        egui::Panel::bottom("status").show(ui, |ui| {
            ui.horizontal(|ui| {
                self.rules_ui.status_chip_ui(ui, &self.doc.display_name());
                ui.separator();
                match self.cursor_lonlat {
                    Some([lon, lat]) => ui.monospace(crate::format::lonlat(lon, lat)),
                    None => ui.monospace("—"),
                };
                ui.separator();
                ui.label(format!("zoom {:.1}", self.view.zoom()));
                ui.separator();
                ui.label(self.doc.display_name());
                ui.separator();
                match self.files.status() {
                    Some(note) => ui.label(RichText::new(note).strong()),
                    None => ui.weak(self.tools.status()),
                };
                if self.state.online_basemap {
                    ui.separator();
                    ui.hyperlink_to(
                        "Basemap © OpenStreetMap contributors",
                        "https://www.openstreetmap.org/copyright",
                    );
                }
            });
        });
    }

    pub(super) fn map_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let dt = ctx.input(|i| f64::from(i.stable_dt.min(0.1)));
        self.view.animate(dt);
        if self.view.animating() {
            ctx.request_repaint();
        }
        if self.state.online_basemap && self.tiles.is_none() {
            let options = HttpOptions {
                user_agent: Some(walkers::HeaderValue::from_static(concat!(
                    "Armistice/",
                    env!("CARGO_PKG_VERSION")
                ))),
                cache: tile_cache_folder(),
                ..HttpOptions::default()
            };
            self.tiles = Some(HttpTiles::with_options(OpenStreetMap, options, ctx.clone()));
        }
        let lists = self.nation_lists();
        let front_exact = self
            .doc
            .front_line
            .as_ref()
            .map_or(&self.base.front_line.line, |f| &f.line);
        // A primary press on something a tool drags: decided before the map pans, from where
        // things were drawn last frame.
        let (press, shift, pointer, released) = ctx.input(|i| {
            (
                i.pointer
                    .primary_pressed()
                    .then(|| i.pointer.press_origin())
                    .flatten(),
                i.modifiers.shift,
                i.pointer.interact_pos(),
                i.pointer.primary_released(),
            )
        });
        // Presenting: the map pans and zooms, but nothing is edited or selected.
        let editing = !self.present.is_active();
        if let (Some(press), Some(t)) = (press, self.last_transform)
            && editing
            && t.clip.contains(press)
            && ctx
                .layer_id_at(press)
                .is_none_or(|l| l.order == egui::Order::Background)
        {
            let facts = MapFacts {
                t: &t,
                scenario: &self.doc.scenario,
                front_prepared: &self.scene.front_line,
                front_exact,
                forces: &self.drawn_forces,
                selection: self.selection.primary(),
            };
            self.tools.on_press(press, shift, &facts);
        }
        let pan_buttons = if editing && self.tools.captures_drag() {
            egui::DragPanButtons::SECONDARY | egui::DragPanButtons::MIDDLE
        } else {
            egui::DragPanButtons::PRIMARY | egui::DragPanButtons::MIDDLE
        };
        let tiles: Option<&mut dyn Tiles> = if self.state.online_basemap {
            self.tiles.as_mut().map(|t| t as &mut dyn Tiles)
        } else {
            None
        };
        let shown_step = self.present.shown(&self.doc.scenario);
        // A slide's title panel is the layout's, the one every export of the step draws.
        let slide = self
            .present
            .page(&stage(&self.doc, &self.rules_ui, &self.scene));
        let layers = shown_step.as_ref().map_or(self.state.layers, |s| s.layers);
        let hidden = shown_step
            .as_ref()
            .map_or(self.proposals.hidden(), |s| &s.hidden);
        // The window shows the marks switched on in the Rules menu; a slide only its own
        // features' marks, and only when its findings are on.
        let marks = match &shown_step {
            Some(step) if !step.findings => OverlayToggles::NONE,
            _ => self.rules_ui.show,
        };
        let plan_marks = shown_step.as_ref().is_none_or(|s| s.all_features);
        let scene = &self.scene;
        let selected: HashSet<String> = self.selection.ids().into_iter().collect();
        let online = self.state.online_basemap;
        let selection = self.selection.primary.clone();
        let belt = self
            .rules_ui
            .belt_among(selection.as_deref(), &|id| !hidden.contains(id));
        let focus = self.rules_ui.highlighted_focus();
        let reserved: Vec<ScreenRect> = self
            .present
            .covered()
            .into_iter()
            .map(picture::screen_rect)
            .collect();
        let legend = self.state.legend;
        let content = MapContent {
            base: scene,
            front_line: &scene.front_line,
            occupied: &scene.occupied,
            scenario: &self.doc.scenario,
            prepared: &self.scenario_scene,
            rings: &self.rings,
            lists: &lists,
            marks: &self.rules_ui.overlays,
        };
        let shown = Shown {
            layers,
            hidden,
            marks,
            plan_marks,
            selected: &selected,
            land: !online,
            legend,
            scale_bar: true,
            title: slide.as_ref().and_then(|page| page.title_panel()),
            footer: None,
            reserved: &reserved,
            focus,
            belt: &belt,
        };
        let tools = &mut self.tools;
        let prepared = &self.scenario_scene;
        let mut tool_commands = Vec::new();
        let map = Map::new(tiles, &mut self.view.memory, lon_lat(31.2, 48.4))
            .zoom_with_ctrl(false)
            .drag_pan_buttons(pan_buttons)
            .double_click_to_zoom(!tools.tool.uses_double_click());
        let inner = map.show(ui, |ui, response, projector, _memory| {
            let t = ScreenFromWorld::from_projector(projector);
            let view = t.view();
            let painter = ui.painter().with_clip_rect(t.clip);
            // One layout for the window, the slides and every export; this is its egui backend.
            let drawn = layout::layout(&content, &shown, &view);
            picture::paint_picture(&painter, &drawn, &view);
            let forces = DrawnForces::from_hits(&drawn.hits);
            let facts = MapFacts {
                t: &t,
                scenario: content.scenario,
                front_prepared: &scene.front_line,
                front_exact,
                forces: &forces,
                selection: selection.as_deref(),
            };
            if editing {
                tools.update_drag(pointer, released, &facts, &mut tool_commands);
            }
            let input = MapInput::from_response(response);
            let click = input.click;
            // A click on the legend's header folds or unfolds it.
            let legend_click = click.is_some_and(|c| {
                drawn
                    .hits
                    .legend_header
                    .is_some_and(|r| picture::rect(r).contains(c))
            });
            let used =
                legend_click || !editing || tools.on_map_input(input, &facts, &mut tool_commands);
            if editing {
                tools.paint(&painter, &facts, &lists);
            }
            let layer = click_hit(click, &forces, prepared, hidden, &view);
            let hover = input.hover;
            let clicked = if used { None } else { layer.clicked.clone() };
            // A tool that took the click (measure, draw) keeps it: no cluster expands under it.
            let zoom_to = if used { None } else { layer.zoom_to };
            let legend_header = drawn.hits.legend_header.map(picture::rect);
            let frame = DrawnFrame {
                stats: drawn.stats,
                marks: drawn.marks,
                legend_header,
                legend_click,
                title_panel: drawn.hits.title_panel.map(picture::rect),
            };
            (t, frame, hover, clicked, zoom_to, forces)
        });
        let (t, frame, hover, clicked, zoom_to, forces) = inner.inner;
        let DrawnFrame {
            stats,
            marks,
            legend_header,
            legend_click,
            title_panel,
        } = frame;
        self.last_marks = marks;
        self.last_legend = legend_header;
        self.last_title_panel = title_panel;
        if legend_click {
            self.state.legend = match self.state.legend {
                LegendMode::Open => LegendMode::Folded,
                _ => LegendMode::Open,
            };
        }
        self.commands.append(&mut tool_commands);
        self.view.last_rect = t.clip;
        self.last_transform = Some(t);
        self.last_stats = stats;
        self.cursor_lonlat = hover.map(|p| t.lonlat(p));
        if let Some(extent) = zoom_to {
            let pad = 0.05;
            self.view.fly_to_extent(
                [
                    extent[0] - pad,
                    extent[1] - pad,
                    extent[2] + pad,
                    extent[3] + pad,
                ],
                0.6,
            );
        }
        self.drawn_forces = forces;
        if editing {
            self.tools.cursor_label_ui(&ctx, &t);
        }
        if let Some(hit) = clicked {
            self.commands.push(Command::Select(hit, false));
        }
        if self.fit_on_first_frame {
            self.fit_on_first_frame = false;
            self.view.show_extent(self.scene.ukraine_extent);
            ctx.request_repaint();
        }
        // Keys belong to the map unless a text field has focus.
        if editing && !ctx.egui_wants_keyboard_input() {
            let facts = MapFacts {
                t: &t,
                scenario: &self.doc.scenario,
                front_prepared: &self.scene.front_line,
                front_exact,
                forces: &self.drawn_forces,
                selection: self.selection.primary(),
            };
            self.tools.on_keys(&ctx, &facts, &mut self.commands);
            self.view
                .handle_keys(&ctx, hover, self.scene.ukraine_extent);
            if self.view.animating() {
                ctx.request_repaint();
            }
        }
    }

    /// Carries out the queued commands, and those they queue in turn (an import selects what
    /// it imported), in order.
    fn run_commands(&mut self, ctx: &egui::Context) {
        // Commands queue follow-ups at most one level deep; the bound only guards the loop.
        for _ in 0..8 {
            if self.commands.is_empty() {
                break;
            }
            self.run_queued(ctx);
        }
    }

    fn run_queued(&mut self, ctx: &egui::Context) {
        for command in std::mem::take(&mut self.commands) {
            match command {
                Command::FitUkraine => self.view.fly_to_extent(self.scene.ukraine_extent, 0.8),
                Command::FlyTo(extent, seconds) => self.view.fly_to_extent(extent, seconds),
                Command::Present(step) => self.present.request(step),
                Command::ZoomBy(levels) => self.view.zoom_by(levels, self.view.last_rect.center()),
                Command::SetOnlineBasemap(on) => self.state.online_basemap = on,
                Command::Select(id, fly) => {
                    if fly
                        && let Some(extent) = id
                            .as_deref()
                            .and_then(|id| feature_extent(&self.doc.scenario, id))
                    {
                        self.view.fly_to_extent(extent, 0.8);
                    }
                    self.rules_ui.selection_changed(id.as_deref());
                    self.selection = Selection {
                        primary: id,
                        also: Vec::new(),
                    };
                }
                Command::CopyViewExtent => {
                    let [w, s, e, n] = self.view.extent();
                    ctx.copy_text(format!("[{w:.3}, {s:.3}, {e:.3}, {n:.3}]"));
                }
                Command::Status(note) => self.files.set_status(note),
                Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
                Command::Doc(command) => self.run_doc_command(ctx, command),
            }
            ctx.request_repaint();
        }
    }

    /// Carries out a document command: the selection's, the tools' and the Place force
    /// dialog's here, the rest (edits, undo, files, imports, recovery) by the document handling.
    fn run_doc_command(&mut self, ctx: &egui::Context, command: DocCommand) {
        match command {
            DocCommand::DeleteSelection => {
                if let Some(edit) =
                    document_ui::delete_edit(&self.doc.scenario, self.selection.ids())
                {
                    self.run_file_command(ctx, DocCommand::Apply(edit));
                }
            }
            DocCommand::DuplicateProposal(id) => {
                if let Some((edit, new_id)) =
                    document_ui::duplicate_proposal(&self.doc.scenario, &id)
                {
                    self.run_file_command(ctx, DocCommand::Apply(edit));
                    self.selection = Selection {
                        primary: Some(new_id),
                        also: Vec::new(),
                    };
                    self.tools.set_tool(Tool::EditLine);
                }
            }
            DocCommand::SelectMany(ids) => {
                let mut ids = ids.into_iter();
                self.selection = Selection {
                    primary: ids.next(),
                    also: ids.collect(),
                };
                self.rules_ui.selection_changed(self.selection.primary());
            }
            DocCommand::SetTool(tool) => self.tools.set_tool(tool),
            DocCommand::PlaceForceAt(at) => self.force_dialog.open(at),
            command => self.run_file_command(ctx, command),
        }
        self.forget_missing_selection();
    }

    /// Hands `command` to the document handling with the parts it may change, and follows a
    /// replaced document.
    fn run_file_command(&mut self, ctx: &egui::Context, command: DocCommand) {
        let queue = CommandQueue::default();
        self.files.run(command, &mut doc_parts!(self, queue), ctx);
        self.follow_document(queue);
    }

    /// After the document handling acted: a replaced document starts with nothing selected, no
    /// tool under way and fresh panels; what it queued is carried out next.
    fn follow_document(&mut self, queue: CommandQueue) {
        if self.files.take_replaced() {
            self.selection = Selection::default();
            self.tools.points.clear();
            self.tools.drag = None;
            self.proposals.document_replaced();
            self.rules_ui.document_replaced();
        }
        self.commands.extend(queue.take());
    }

    fn forget_missing_selection(&mut self) {
        let scenario = &self.doc.scenario;
        if self
            .selection
            .primary()
            .is_some_and(|id| scenario.feature(id).is_none())
        {
            self.selection.primary = None;
        }
        self.selection
            .also
            .retain(|id| scenario.feature(id).is_some());
    }

    /// Opens a scenario file now, without asking about unsaved changes (tests, and the command
    /// line's `armistice FILE`); `false` if it could not be used: the message says why and the
    /// open scenario stays as it was.
    pub fn open_path(&mut self, path: &std::path::Path) -> bool {
        let queue = CommandQueue::default();
        let opened = self.files.open_path(path, &mut doc_parts!(self, queue));
        self.follow_document(queue);
        opened
    }

    /// The title bar: file name, an unsaved-changes marker, the plan's title.
    pub fn window_title(&self) -> String {
        document_ui::window_title(&self.doc)
    }

    /// The edit the drag under way would make with the pointer where it is now (the rules check
    /// the scenario as it would leave it).
    fn drag_preview_edit(&self, ctx: &egui::Context) -> Option<crate::model::edit::Edit> {
        self.tools.drag.as_ref()?;
        let t = self.last_transform()?;
        let pointer = ctx.input(|i| i.pointer.interact_pos());
        let front_exact = self
            .doc
            .front_line
            .as_ref()
            .map_or(&self.base.front_line.line, |f| &f.line);
        let facts = MapFacts {
            t: &t,
            scenario: &self.doc.scenario,
            front_prepared: &self.scene.front_line,
            front_exact,
            forces: &self.drawn_forces,
            selection: self.selection.primary(),
        };
        self.tools.pending_edit(pointer, &facts)
    }

    /// The open document.
    pub fn doc(&self) -> &Document {
        &self.doc
    }

    /// Applies `edit` to the document now, as `DocCommand::Apply` would after a frame (for
    /// callers without a frame loop, such as tests of the loading path).
    pub fn apply_edit(
        &mut self,
        edit: crate::model::edit::Edit,
    ) -> Result<(), crate::model::edit::EditError> {
        self.doc.apply(edit)
    }

    /// The remembered settings (layers, legend, basemap, recent files).
    pub fn settings(&self) -> &PersistedState {
        &self.state
    }

    /// Where the map looks.
    pub fn view(&self) -> &MapView {
        &self.view
    }

    /// Where the map looks, to move it (as the keys and the mouse do).
    pub fn view_mut(&mut self) -> &mut MapView {
        &mut self.view
    }

    /// The bundled map data.
    pub fn base(&self) -> &BaseMap {
        &self.base
    }

    /// The bundled layers as drawn (with the document's own front line and occupied area).
    pub fn scene(&self) -> &BaseScene {
        &self.scene
    }

    /// The rule checks: the latest report, the panels shown, the highlighted finding.
    pub fn rules(&self) -> &RulesUi {
        &self.rules_ui
    }

    /// The editing tools (the active tool, what is being drawn or measured).
    pub fn tools(&self) -> &Tools {
        &self.tools
    }

    /// The Place force dialog.
    pub fn force_dialog(&self) -> &ForceDialog {
        &self.force_dialog
    }

    /// The inspector's fields and refused values.
    pub fn inspector(&self) -> &InspectorState {
        &self.inspector
    }

    /// Presentation mode.
    pub fn presenter(&self) -> &super::present::Presenter {
        &self.present
    }

    /// Where forces were drawn in the last frame.
    pub fn drawn_forces(&self) -> &DrawnForces {
        &self.drawn_forces
    }

    /// What the last frame drew.
    pub fn last_stats(&self) -> PaintStats {
        self.last_stats
    }

    /// The rule marks the last frame drew.
    pub fn last_marks(&self) -> &[MarkDrawn] {
        &self.last_marks
    }

    /// Where the last frame put the legend's header (`None`: no legend).
    pub fn last_legend(&self) -> Option<egui::Rect> {
        self.last_legend
    }

    /// Where the last frame put a slide's title panel (`None`: not presenting).
    pub fn last_title_panel(&self) -> Option<egui::Rect> {
        self.last_title_panel
    }

    /// The message shown by the document handling (a file that could not be read or
    /// written): title and text.
    pub fn message(&self) -> Option<&Message> {
        self.files.message()
    }

    /// Closes the document handling's message.
    pub fn dismiss_message(&mut self) {
        self.files.dismiss_message();
    }

    /// Whether closing the window was confirmed (the next close request goes through).
    pub fn close_allowed(&self) -> bool {
        self.files.close_allowed()
    }

    /// The feature the inspector shows.
    pub fn selected(&self) -> Option<&str> {
        self.selection.primary()
    }

    /// Every selected feature (the inspector's one first).
    pub fn selected_ids(&self) -> Vec<String> {
        self.selection.ids()
    }

    /// The map's transform in the last frame (during a tool drag the map does not move).
    pub fn last_transform(&self) -> Option<ScreenFromWorld> {
        self.last_transform
    }

    /// Where a lon/lat point was on screen in the last frame (for tests and tools).
    pub fn screen_pos(&self, lon: f64, lat: f64) -> Option<egui::Pos2> {
        self.last_transform
            .map(|t| t.screen(crate::scene::geometry::world_point(lon, lat)))
    }

    /// What to remember now.
    pub fn persisted(&self) -> PersistedState {
        PersistedState {
            view: Some(self.view.saved()),
            ..self.state.clone()
        }
    }
}

/// What presentation mode reads from the window.
fn stage<'a>(doc: &'a Document, rules: &'a RulesUi, scene: &BaseScene) -> Stage<'a> {
    Stage {
        scenario: &doc.scenario,
        revision: doc.revision,
        report: &rules.report,
        ukraine: scene.ukraine_extent,
    }
}

/// The online basemap's disk cache, kept within its bound (emptied when it grew past it) before
/// the tiles open it; `None` (no cache) when no cache folder is known or it cannot be tidied.
fn tile_cache_folder() -> Option<PathBuf> {
    use crate::io::tile_cache::{TILE_CACHE_MAX_BYTES, bound_tile_cache, default_tile_cache_dir};
    let dir = default_tile_cache_dir()?;
    match bound_tile_cache(&dir, TILE_CACHE_MAX_BYTES) {
        Ok(check) if check.emptied => {
            log::info!(
                "tile cache {} held {} bytes: emptied",
                dir.display(),
                check.bytes
            );
            Some(dir)
        }
        Ok(_) => Some(dir),
        Err(e) => {
            log::warn!("tile cache {}: {e}; tiles are not cached", dir.display());
            None
        }
    }
}

/// The extent to show for a feature: its bounding box with some room around it.
fn feature_extent(scenario: &Scenario, id: &str) -> Option<[f64; 4]> {
    use crate::model::scenario::Item;
    use geo::BoundingRect;
    let feature = scenario.feature(id)?;
    let rect = match &feature.item {
        Item::Force(f) => f.position.bounding_rect().into(),
        Item::Demarcation(d) => d.line.bounding_rect(),
        Item::GuaranteeArea(a) => a.area.bounding_rect(),
        Item::Other => None,
    }?;
    let pad = 0.6_f64.max((rect.width().max(rect.height())) * 0.1);
    Some([
        rect.min().x - pad,
        rect.min().y - pad,
        rect.max().x + pad,
        rect.max().y + pad,
    ])
}

impl eframe::App for ArmisticeApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        super::startup::frame_started(ui.ctx());
        self.frame_ui(ui);
        super::startup::frame_built();
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, STORAGE_KEY, &self.persisted());
    }

    fn clear_color(&self, _visuals: &egui::Visuals) -> [f32; 4] {
        let [r, g, b, _] = crate::scene::style::SEA;
        Color32::from_rgb(r, g, b).to_normalized_gamma_f32()
    }
}
