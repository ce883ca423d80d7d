//! The application: window layout, menus, panels and the map, wired together. UI code emits
//! [`Command`]s; they run after the frame is drawn.

use super::map_view::{MapView, SavedView, ScreenFromWorld};
use super::paint::{self, LabelPlacer, LayerVisibility, PaintStats};
use super::{help, inspector, layers_panel, scenario_layer};
use crate::model::scenario::NationLists;
use crate::model::{BaseMap, Scenario};
use crate::scene::{BaseScene, ScenarioScene, country_role};
use egui::{Color32, RichText};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::sync::Arc;
use walkers::{HttpOptions, HttpTiles, Map, Tiles, lon_lat, sources::OpenStreetMap};

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
}

/// What the UI asks for; carried out after the frame is drawn.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Fly to Ukraine.
    FitUkraine,
    /// Zoom in or out by this many levels around the map's centre.
    ZoomBy(f64),
    /// Turn the online basemap on or off.
    SetOnlineBasemap(bool),
    /// Select a scenario feature (or nothing) and, if asked, fly to it.
    Select(Option<String>, bool),
    /// Copy the current view as a step's `view` array.
    CopyViewExtent,
    /// Close the window.
    Quit,
}

/// The open scenario and where it came from.
pub struct Document {
    /// The plan.
    pub scenario: Scenario,
    /// Its file; `None` for the bundled default.
    pub path: Option<PathBuf>,
    /// The scenario's own front line (`armistice.front_line`); `None` for the bundled one.
    pub front_line: Option<crate::model::FrontLine>,
    /// Bumped by every change to `scenario`, so caches (scene, rule checks) know when to renew.
    pub revision: u64,
}

impl Document {
    /// A document for a scenario that has no file yet (or the bundled default).
    pub fn unsaved(scenario: Scenario) -> Self {
        Self {
            scenario,
            path: None,
            front_line: None,
            revision: 0,
        }
    }

    /// A document for a scenario read from disk.
    pub fn from_loaded(loaded: crate::model::LoadedScenario) -> Self {
        Self {
            scenario: loaded.scenario,
            path: Some(loaded.path),
            front_line: loaded.front_line,
            revision: 0,
        }
    }

    /// The name shown in the title bar.
    pub fn display_name(&self) -> String {
        self.path.as_ref().and_then(|p| p.file_name()).map_or_else(
            || "default.geojson (bundled)".to_owned(),
            |n| n.to_string_lossy().into_owned(),
        )
    }
}

/// Windows that can be open.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct OpenWindows {
    /// Help ▸ Keyboard shortcuts.
    pub shortcuts: bool,
    /// Help ▸ About.
    pub about: bool,
}

/// The Armistice window.
pub struct ArmisticeApp {
    /// Remembered settings.
    pub state: PersistedState,
    /// The bundled map data.
    pub base: BaseMap,
    /// The bundled layers, prepared for drawing (levels of detail fill in on first use or from
    /// the warm-up thread).
    pub scene: Arc<BaseScene>,
    /// The open scenario.
    pub doc: Document,
    /// The scenario's lines and areas, prepared for drawing.
    pub scenario_scene: ScenarioScene,
    /// Where the map looks.
    pub view: MapView,
    /// Selected feature id.
    pub selection: Option<String>,
    /// Open windows.
    pub windows: OpenWindows,
    /// The cursor's lon/lat over the map.
    pub cursor_lonlat: Option<[f64; 2]>,
    /// What the last frame drew.
    pub last_stats: PaintStats,
    /// File ▸ Export.
    pub export_dialog: super::export_dialog::ExportDialog,
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
        Self {
            state,
            base,
            scene,
            scenario_scene,
            doc,
            view,
            selection: None,
            windows: OpenWindows::default(),
            cursor_lonlat: None,
            last_stats: PaintStats::default(),
            export_dialog: Default::default(),
            tiles: None,
            commands: Vec::new(),
            fit_on_first_frame,
            last_title: String::new(),
        }
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
        Self::with_scene(base, scene, doc, state)
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
        self.update_title(&ctx);
        self.menu_bar(ui);
        self.status_bar(ui);
        egui::Panel::left("layers")
            .resizable(true)
            .default_size(230.0)
            .show(ui, |ui| {
                layers_panel::ui(
                    ui,
                    &mut self.state,
                    &self.doc.scenario,
                    &self.selection,
                    &mut self.commands,
                );
            });
        egui::Panel::right("inspector")
            .resizable(true)
            .default_size(270.0)
            .show(ui, |ui| {
                inspector::ui(
                    ui,
                    &self.doc.scenario,
                    self.selection.as_deref(),
                    &self.nation_lists(),
                );
            });
        egui::CentralPanel::no_frame().show(ui, |ui| self.map_ui(ui));
        help::windows_ui(&ctx, &mut self.windows, &self.base);
        self.export_dialog_ui(&ctx);
        self.run_commands(&ctx);
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = format!(
            "{} — {} — Armistice",
            self.doc.scenario.title,
            self.doc.display_name()
        );
        if title != self.last_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.last_title = title;
        }
    }

    fn menu_bar(&mut self, ui: &mut egui::Ui) {
        egui::Panel::top("menu").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| {
                ui.menu_button("File", |ui| {
                    let view_size = self.view.last_rect.size();
                    self.export_dialog
                        .menu_ui(ui, &self.export_stem(), [view_size.x, view_size.y]);
                    if ui.button("Quit").clicked() {
                        self.commands.push(Command::Quit);
                    }
                });
                ui.menu_button("Edit", |ui| {
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
                });
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
        };
        self.export_dialog.window_ui(ctx, &source);
    }

    fn status_bar(&mut self, ui: &mut egui::Ui) {
        egui::Panel::bottom("status").show(ui, |ui| {
            ui.horizontal(|ui| {
                match self.cursor_lonlat {
                    Some([lon, lat]) => ui.monospace(format_lonlat(lon, lat)),
                    None => ui.monospace("—"),
                };
                ui.separator();
                ui.label(format!("zoom {:.1}", self.view.zoom()));
                ui.separator();
                ui.label(self.doc.display_name());
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

    fn map_ui(&mut self, ui: &mut egui::Ui) {
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
                ..HttpOptions::default()
            };
            self.tiles = Some(HttpTiles::with_options(OpenStreetMap, options, ctx.clone()));
        }
        let lists = self.nation_lists();
        let tiles: Option<&mut dyn Tiles> = if self.state.online_basemap {
            self.tiles.as_mut().map(|t| t as &mut dyn Tiles)
        } else {
            None
        };
        let role_of = |iso: &str| country_role(&lists, iso);
        let layers = self.state.layers;
        let scene = &self.scene;
        let scenario = &self.doc.scenario;
        let scenario_scene = &self.scenario_scene;
        let selection = self.selection.clone();
        let online = self.state.online_basemap;
        let map = Map::new(tiles, &mut self.view.memory, lon_lat(31.2, 48.4))
            .zoom_with_ctrl(false)
            .double_click_to_zoom(true);
        let inner = map.show(ui, |ui, response, projector, _memory| {
            let t = ScreenFromWorld::from_projector(projector);
            let painter = ui.painter().with_clip_rect(t.clip);
            // Over online tiles, draw the overlays but not our own land and sea.
            let mut stats = paint::paint_base(&painter, scene, &t, layers, &role_of, !online);
            let mut placer = LabelPlacer::default();
            let clicked = scenario_layer::paint(
                &painter,
                response,
                scenario,
                scenario_scene,
                &lists,
                &t,
                selection.as_deref(),
                &mut placer,
            );
            let labels = paint::paint_labels(&painter, scene, &t, layers, &mut placer);
            stats.city_labels = labels.city_labels;
            stats.country_labels = labels.country_labels;
            paint::paint_legend(&painter, t.clip, &paint::base_legend());
            let center = projector.unproject(t.clip.center().to_vec2());
            paint::paint_scale_bar(&painter, t.clip, projector.scale_pixel_per_meter(center));
            let hover = response.hover_pos();
            (t, stats, hover, clicked)
        });
        let (t, stats, hover, clicked) = inner.inner;
        self.view.last_rect = t.clip;
        self.last_stats = stats;
        self.cursor_lonlat = hover.map(|p| t.lonlat(p));
        if let Some(hit) = clicked {
            self.commands.push(Command::Select(hit, false));
        }
        if self.fit_on_first_frame {
            self.fit_on_first_frame = false;
            self.view.show_extent(self.scene.ukraine_extent);
            ctx.request_repaint();
        }
        // Keys belong to the map unless a text field has focus.
        if !ctx.egui_wants_keyboard_input() {
            self.view
                .handle_keys(&ctx, hover, self.scene.ukraine_extent);
            if self.view.animating() {
                ctx.request_repaint();
            }
        }
    }

    fn run_commands(&mut self, ctx: &egui::Context) {
        for command in std::mem::take(&mut self.commands) {
            match command {
                Command::FitUkraine => self.view.fly_to_extent(self.scene.ukraine_extent, 0.8),
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
                    self.selection = id;
                }
                Command::CopyViewExtent => {
                    let [w, s, e, n] = self.view.extent();
                    ctx.copy_text(format!("[{w:.3}, {s:.3}, {e:.3}, {n:.3}]"));
                }
                Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            }
            ctx.request_repaint();
        }
    }

    /// What to remember now.
    pub fn persisted(&self) -> PersistedState {
        PersistedState {
            view: Some(self.view.saved()),
            ..self.state.clone()
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

/// "48.7234° N  37.5600° E".
pub fn format_lonlat(lon: f64, lat: f64) -> String {
    let ns = if lat >= 0.0 { 'N' } else { 'S' };
    let ew = if lon >= 0.0 { 'E' } else { 'W' };
    format!("{:.4}° {ns}  {:.4}° {ew}", lat.abs(), lon.abs())
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

/// A small heading used by the panels.
pub fn heading(ui: &mut egui::Ui, text: &str) {
    ui.add_space(4.0);
    ui.label(RichText::new(text).strong());
}
