//! File ▸ Export: a PNG or SVG of the current view, a PDF deck of every step, or the walkthrough
//! of every step as a GIF or MP4 video. The drawing runs on a worker thread (the export module is
//! GUI-free); progress comes back through a channel and shows as a progress bar, and a video can
//! be cancelled. The path is a text field, with a native save dialog
//! (rfd) offered beside it; where no dialog is available (no desktop portal, as under Xvfb)
//! the text field is all that is needed.

use super::paint::LayerVisibility;
use crate::export::video::{self, VideoError, VideoFormat};
use crate::export::{self, ExportScene, MapPage};
use crate::model::{BaseMap, FrontLine, Scenario};
use crate::scene::BaseScene;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, channel};

/// What to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    /// The current view as a PNG image.
    Png,
    /// The current view as SVG.
    Svg,
    /// Every step, one PDF page each.
    PdfDeck,
    /// The walkthrough of every step as a video.
    Video(VideoFormat),
}

impl ExportKind {
    fn extension(self) -> &'static str {
        match self {
            Self::Png => "png",
            Self::Svg => "svg",
            Self::PdfDeck => "pdf",
            Self::Video(format) => format.extension(),
        }
    }

    fn title(self) -> &'static str {
        match self {
            Self::Png => "Export PNG of the current view",
            Self::Svg => "Export SVG of the current view",
            Self::PdfDeck => "Export PDF deck of all steps",
            Self::Video(_) => "Export video of the walkthrough",
        }
    }
}

/// What the worker reports.
enum Progress {
    /// Pages (frames, for a video) done of total.
    Pages(usize, usize),
    /// Finished: the file written, or what went wrong.
    Done(Result<PathBuf, String>),
}

/// What the window has that an export draws from.
pub struct ExportSource<'a> {
    /// The prepared bundled layers.
    pub scene: &'a BaseScene,
    /// The bundled map data.
    pub map: &'a BaseMap,
    /// The open scenario.
    pub scenario: &'a Scenario,
    /// Its own front line, if it has one.
    pub front_line: Option<&'a FrontLine>,
    /// The map's current extent, [min_lon, min_lat, max_lon, max_lat].
    pub view_extent: [f64; 4],
    /// The layers switched on.
    pub layers: LayerVisibility,
    /// The proposals switched off.
    pub hidden: &'a std::collections::HashSet<String>,
    /// Whether the window shows its legend.
    pub legend: bool,
}

/// The File ▸ Export dialog.
#[derive(Default)]
pub struct ExportDialog {
    kind: Option<ExportKind>,
    path: String,
    size: [u32; 2],
    job: Option<Receiver<Progress>>,
    picker: Option<Receiver<Option<PathBuf>>>,
    progress: (usize, usize),
    outcome: Option<Result<PathBuf, String>>,
    /// Frames a second of a video.
    fps: u32,
    /// Set to stop the running export (videos check it after each frame).
    cancel: Arc<AtomicBool>,
    /// The open plan's folder: where exports go unless the planner types another.
    plan_folder: Option<PathBuf>,
    /// Why the native dialog did not open (the typed path is the way then).
    picker_note: Option<String>,
    /// When the native dialog was asked for: one that "returns" sooner than anyone could answer
    /// did not open.
    picker_started: Option<std::time::Instant>,
}

/// What to say when no native file dialog can open.
const NO_DIALOG: &str =
    "No file dialog can open here (no desktop portal): type the file's path in the File field.";

fn home_folder() -> PathBuf {
    std::env::var_os("HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_else(|| PathBuf::from("."))
}

impl ExportDialog {
    /// Tells the dialog where the open plan lives (`None` for a plan never saved): exports are
    /// offered beside it.
    pub fn set_plan_file(&mut self, plan: Option<&std::path::Path>) {
        self.plan_folder = plan
            .and_then(std::path::Path::parent)
            .filter(|dir| !dir.as_os_str().is_empty())
            .map(PathBuf::from);
    }

    /// The folder exports are offered in: the plan's, else the home folder.
    fn default_folder(&self) -> PathBuf {
        self.plan_folder.clone().unwrap_or_else(home_folder)
    }

    /// The path the dialog offers now (for tests).
    pub fn offered_path(&self) -> &str {
        &self.path
    }

    /// Whether the dialog is showing.
    pub fn is_open(&self) -> bool {
        self.kind.is_some()
    }

    /// Whether an export is running.
    pub fn is_busy(&self) -> bool {
        self.job.is_some()
    }

    /// The File ▸ Export submenu entries.
    pub fn menu_ui(&mut self, ui: &mut egui::Ui, stem: &str, view_size: [f32; 2]) {
        ui.menu_button("Export", |ui| {
            for (kind, label) in [
                (ExportKind::Png, "PNG of the current view…"),
                (ExportKind::Svg, "SVG of the current view…"),
                (ExportKind::PdfDeck, "PDF deck of all steps…"),
                (
                    ExportKind::Video(VideoFormat::Mp4),
                    "Video of the walkthrough…",
                ),
            ] {
                if ui.button(label).clicked() {
                    self.open(kind, stem, view_size);
                    ui.close();
                }
            }
        });
    }

    /// Opens the dialog for `kind`, suggesting a file named after the plan in the plan's folder.
    pub fn open(&mut self, kind: ExportKind, stem: &str, view_size: [f32; 2]) {
        if self.is_busy() {
            return;
        }
        self.kind = Some(kind);
        self.outcome = None;
        self.picker_note = None;
        self.path = self
            .default_folder()
            .join(format!("{stem}.{}", kind.extension()))
            .display()
            .to_string();
        self.fps = video::DEFAULT_FPS;
        self.size = match kind {
            ExportKind::PdfDeck => [1920, 1080],
            ExportKind::Video(_) => [video::DEFAULT_SIZE.0, video::DEFAULT_SIZE.1],
            // The view as it is on screen, at least a useful size.
            ExportKind::Png | ExportKind::Svg => [
                (view_size[0].round() as u32).clamp(320, 8192),
                (view_size[1].round() as u32).clamp(200, 8192),
            ],
        };
    }

    /// Draws the dialog and follows a running export.
    pub fn window_ui(&mut self, ctx: &egui::Context, source: &ExportSource<'_>) {
        self.poll(ctx);
        let Some(kind) = self.kind else {
            return;
        };
        let mut open = true;
        egui::Window::new(kind.title())
            .id(egui::Id::unique("export-dialog"))
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .show(ctx, |ui| self.contents_ui(ui, kind, source));
        if !open && !self.is_busy() {
            self.kind = None;
        }
    }

    fn poll(&mut self, ctx: &egui::Context) {
        if let Some(picker) = &self.picker
            && let Ok(picked) = picker.try_recv()
        {
            let quick = self
                .picker_started
                .is_some_and(|t| t.elapsed() < std::time::Duration::from_millis(250));
            match picked {
                Some(path) => self.path = path.display().to_string(),
                None if quick => self.picker_note = Some(NO_DIALOG.to_owned()),
                None => {}
            }
            self.picker = None;
        }
        if let Some(job) = &self.job {
            while let Ok(message) = job.try_recv() {
                match message {
                    Progress::Pages(done, total) => self.progress = (done, total),
                    Progress::Done(result) => {
                        self.outcome = Some(result);
                        self.job = None;
                        break;
                    }
                }
            }
        }
        if self.job.is_some() || self.picker.is_some() {
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
        }
    }

    fn contents_ui(&mut self, ui: &mut egui::Ui, kind: ExportKind, source: &ExportSource<'_>) {
        let busy = self.is_busy();
        ui.add_enabled_ui(!busy, |ui| {
            ui.horizontal(|ui| {
                let label = ui.label("File:");
                ui.add(
                    egui::TextEdit::singleline(&mut self.path)
                        .desired_width(360.0)
                        .hint_text(format!("/path/to/map.{}", kind.extension())),
                )
                .labelled_by(label.id)
                .on_hover_text("Where to write the file");
                if ui
                    .add_enabled(self.picker.is_none(), egui::Button::new("Choose…"))
                    .clicked()
                {
                    self.pick(kind);
                }
            });
            if let ExportKind::Video(format) = kind {
                self.video_format_ui(ui, format);
            }
            if let Some(note) = &self.picker_note {
                ui.label(egui::RichText::new(note).color(ui.visuals().warn_fg_color));
            }
            ui.horizontal(|ui| {
                let unit = if matches!(kind, ExportKind::Png | ExportKind::Video(_)) {
                    "pixels"
                } else {
                    "points"
                };
                let width = ui.label(format!("Width ({unit}):"));
                ui.add(egui::DragValue::new(&mut self.size[0]).range(16..=16384))
                    .labelled_by(width.id);
                let height = ui.label("Height:");
                ui.add(egui::DragValue::new(&mut self.size[1]).range(16..=16384))
                    .labelled_by(height.id);
                if matches!(kind, ExportKind::Video(_)) {
                    let fps = ui.label("Frames a second:");
                    ui.add(
                        egui::DragValue::new(&mut self.fps)
                            .range(video::FPS_RANGE)
                            .speed(0.2),
                    )
                    .labelled_by(fps.id);
                }
            });
            if matches!(kind, ExportKind::Video(_)) && source.scenario.steps.is_empty() {
                ui.label("This scenario has no steps: add steps to make a walkthrough video.");
            }
            if kind == ExportKind::PdfDeck && source.scenario.steps.is_empty() {
                ui.label(
                    "This scenario has no steps: the deck will show the whole plan on one page.",
                );
            }
        });
        ui.separator();
        if busy {
            let (done, total) = self.progress;
            let fraction = if total > 0 {
                done as f32 / total as f32
            } else {
                0.0
            };
            let text = match kind {
                ExportKind::PdfDeck => format!("Page {done} of {total}"),
                ExportKind::Video(_) => format!("Frame {done} of {total}"),
                ExportKind::Png | ExportKind::Svg => "Drawing…".to_owned(),
            };
            ui.add(egui::ProgressBar::new(fraction).text(text).animate(true));
            if matches!(kind, ExportKind::Video(_)) && ui.button("Cancel").clicked() {
                self.cancel.store(true, Ordering::Relaxed);
            }
        } else {
            match &self.outcome {
                Some(Ok(path)) => {
                    ui.label(format!("Written: {}", path.display()));
                }
                Some(Err(e)) => {
                    ui.colored_label(ui.visuals().error_fg_color, e);
                }
                None => {}
            }
            let path = self.path.trim();
            let mut ok = !path.is_empty();
            if let ExportKind::Video(format) = kind {
                let size = (self.size[0], self.size[1]);
                if let Err(why) = format.check(size, self.fps) {
                    ui.colored_label(ui.visuals().error_fg_color, why);
                    ok = false;
                }
                ok &= !source.scenario.steps.is_empty();
            }
            if ui.add_enabled(ok, egui::Button::new("Export")).clicked() {
                self.start(kind, PathBuf::from(path), source);
            }
        }
    }

    /// The video's format: GIF or MP4 (the file's extension follows).
    fn video_format_ui(&mut self, ui: &mut egui::Ui, format: VideoFormat) {
        ui.horizontal(|ui| {
            ui.label("Format:");
            let mut chosen = format;
            ui.radio_value(&mut chosen, VideoFormat::Mp4, "MP4 (H.264)")
                .on_hover_text("For PowerPoint, Keynote and browsers");
            ui.radio_value(&mut chosen, VideoFormat::Gif, "GIF")
                .on_hover_text("For chat and the web");
            if chosen != format {
                self.kind = Some(ExportKind::Video(chosen));
                let path = PathBuf::from(self.path.trim());
                if path
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case(format.extension()))
                    || path.extension().is_none()
                {
                    self.path = path
                        .with_extension(chosen.extension())
                        .display()
                        .to_string();
                }
            }
        });
    }

    /// Opens the native save dialog on a thread; the text field stays usable meanwhile and
    /// keeps its text if no dialog can be shown.
    fn pick(&mut self, kind: ExportKind) {
        if !super::file_dialog::file_dialog_possible() {
            self.picker_note = Some(NO_DIALOG.to_owned());
            return;
        }
        self.picker_note = None;
        let (tx, rx) = channel();
        let current = PathBuf::from(self.path.trim());
        let name = current.file_name().map_or_else(
            || format!("map.{}", kind.extension()),
            |n| n.to_string_lossy().into_owned(),
        );
        let dir = current
            .parent()
            .filter(|p| p.is_dir())
            .map_or_else(|| self.default_folder(), PathBuf::from);
        let spawned = std::thread::Builder::new()
            .name("export-file-dialog".to_owned())
            .spawn(move || {
                let picked = rfd::FileDialog::new()
                    .set_directory(dir)
                    .set_file_name(name)
                    .add_filter(kind.extension().to_uppercase(), &[kind.extension()])
                    .save_file();
                let _ = tx.send(picked);
            });
        match spawned {
            Ok(_) => {
                self.picker = Some(rx);
                self.picker_started = Some(std::time::Instant::now());
            }
            Err(e) => {
                self.picker_note = Some(format!(
                    "The file dialog cannot start ({e}): type the file's path in the File field."
                ))
            }
        }
    }

    /// Starts the export on a worker thread.
    fn start(&mut self, kind: ExportKind, path: PathBuf, source: &ExportSource<'_>) {
        let path = if path.extension().is_none() {
            path.with_extension(kind.extension())
        } else {
            path
        };
        let (tx, rx) = channel();
        let base = source.scene.clone();
        let map = source.map.clone();
        let scenario = source.scenario.clone();
        let front_line = source.front_line.cloned();
        let size = (self.size[0].clamp(16, 16384), self.size[1].clamp(16, 16384));
        // The view as the window shows it: its layers, the proposals switched on, the marks.
        let features = (!source.hidden.is_empty()).then(|| {
            source
                .scenario
                .features
                .iter()
                .filter(|f| !source.hidden.contains(&f.id))
                .map(|f| f.id.clone())
                .collect()
        });
        let view = MapPage {
            extent: source.view_extent,
            margin: 1.0,
            layers: source.layers,
            features,
            page_label: None,
            title: None,
            caption: None,
            badges: Vec::new(),
            findings: true,
            legend: source.legend,
            below_title: false,
        };
        let progress_tx = tx.clone();
        let fps = self.fps;
        self.cancel = Arc::new(AtomicBool::new(false));
        let cancel = Arc::clone(&self.cancel);
        let work = move || -> Result<PathBuf, String> {
            let scene = ExportScene::from_prepared(base, &map, scenario, front_line.as_ref())
                .map_err(|e| e.to_string())?;
            let bytes = match kind {
                ExportKind::Png => {
                    export::png(&scene.svg(&view, size)).map_err(|e| e.to_string())?
                }
                ExportKind::Svg => export::svg_document(&scene.svg(&view, size))
                    .map_err(|e| e.to_string())?
                    .into_bytes(),
                ExportKind::PdfDeck if scene.scenario.steps.is_empty() => {
                    let page = scene.overview_page();
                    export::pdf_deck([scene.svg(&page, size)], 1, &mut |_, _| {})
                        .map_err(|e| e.to_string())?
                }
                ExportKind::PdfDeck => scene
                    .steps_pdf(size, &mut |done, total| {
                        let _ = progress_tx.send(Progress::Pages(done, total));
                    })
                    .map_err(|e| e.to_string())?,
                ExportKind::Video(format) => {
                    video::walkthrough(&scene, format, size, fps, &mut |done, total| {
                        let _ = progress_tx.send(Progress::Pages(done as usize, total as usize));
                        if cancel.load(Ordering::Relaxed) {
                            std::ops::ControlFlow::Break(())
                        } else {
                            std::ops::ControlFlow::Continue(())
                        }
                    })
                    .map_err(|e| match e {
                        VideoError::Cancelled => "Cancelled: nothing was written.".to_owned(),
                        other => other.to_string(),
                    })?
                }
            };
            crate::io::write_output(&path, &bytes).map_err(|e| e.to_string())?;
            Ok(path)
        };
        let done_tx = tx;
        let spawned = std::thread::Builder::new()
            .name("export".to_owned())
            .spawn(move || {
                let _ = done_tx.send(Progress::Done(work()));
            });
        match spawned {
            Ok(_) => {
                self.progress = (0, 0);
                self.outcome = None;
                self.job = Some(rx);
            }
            Err(e) => self.outcome = Some(Err(format!("cannot start the export: {e}"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::{ArmisticeApp, Document, PersistedState};
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable as _;

    fn harness() -> Harness<'static, ArmisticeApp> {
        let base = BaseMap::bundled().expect("bundled map data");
        let scenario = Scenario::bundled_default().expect("bundled default scenario");
        let app = ArmisticeApp::new(base, Document::unsaved(scenario), PersistedState::default());
        let mut harness = Harness::builder()
            .with_size(egui::vec2(1400.0, 900.0))
            .with_max_steps(400)
            .build_ui_state(|ui, app: &mut ArmisticeApp| app.frame_ui(ui), app);
        harness.run();
        harness
    }

    /// Steps the window until the export finishes (at most ~20 s).
    fn wait_for_export(harness: &mut Harness<'static, ArmisticeApp>) {
        for _ in 0..400 {
            if !harness.state().export_dialog.is_busy() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
            harness.step();
        }
        harness.run();
        assert!(
            !harness.state().export_dialog.is_busy(),
            "export did not finish"
        );
    }

    fn export_through_menu(entry: &str, path: &std::path::Path) -> Harness<'static, ArmisticeApp> {
        let mut harness = open_through_menu(entry, path);
        harness.get_by_label("Export").click();
        // One frame, not `run`: while the worker draws, the progress bar repaints every frame,
        // so `run` would count steps against the export's duration (a release build's frames
        // are too quick for a PDF deck to finish within its limit).
        harness.step();
        wait_for_export(&mut harness);
        harness
    }

    /// Opens File ▸ Export ▸ `entry` and types `path` into the file field.
    fn open_through_menu(entry: &str, path: &std::path::Path) -> Harness<'static, ArmisticeApp> {
        let mut harness = harness();
        harness.get_by_label("File").click();
        harness.run();
        harness.get_by_label("Export").click();
        harness.run();
        harness.get_by_label(entry).click();
        harness.run();
        assert!(harness.state().export_dialog.is_open());
        harness
            .get_by_role_and_label(egui::accesskit::Role::TextInput, "File:")
            .set_text_value_accesskit(&path.display().to_string());
        harness.run();
        harness
    }

    #[test]
    fn file_export_video_writes_the_walkthrough_as_a_gif() {
        let dir = std::env::temp_dir().join(format!("armistice-dialog-gif-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("walk.mp4");
        let mut harness = open_through_menu("Video of the walkthrough…", &path);
        assert_eq!(
            harness.state().export_dialog.kind,
            Some(ExportKind::Video(VideoFormat::Mp4))
        );
        assert_eq!(
            (
                harness.state().export_dialog.size,
                harness.state().export_dialog.fps
            ),
            ([1920, 1080], 25)
        );
        // GIF: the file name follows.
        harness.get_by_label("GIF").click();
        harness.run();
        let gif_path = dir.join("walk.gif");
        assert_eq!(
            harness.state().export_dialog.path,
            gif_path.display().to_string()
        );
        // A small, slow video keeps the test quick.
        harness.state_mut().export_dialog.size = [96, 54];
        harness.state_mut().export_dialog.fps = 4;
        harness.run();
        harness.get_by_label("Export").click();
        // One frame, not `run`: while the worker draws, the progress bar repaints every frame,
        // so `run` would count steps against the export's duration (a release build's frames
        // are too quick for a PDF deck to finish within its limit).
        harness.step();
        wait_for_export(&mut harness);
        let gif = std::fs::read(&gif_path).expect("the video was written");
        let decoder = gif::DecodeOptions::new()
            .read_info(gif.as_slice())
            .expect("a GIF");
        assert_eq!((decoder.width(), decoder.height()), (96, 54));
        let steps = harness.state().doc().scenario.steps.clone();
        let frames: u32 = video::timeline(&steps, 4).iter().map(|s| s.frames()).sum();
        assert_eq!(
            harness.state().export_dialog.progress,
            (frames as usize, frames as usize)
        );
        harness.get_by_label(&format!("Written: {}", gif_path.display()));
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn cancel_stops_a_video_and_writes_nothing() {
        let dir =
            std::env::temp_dir().join(format!("armistice-dialog-cancel-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("walk.mp4");
        let mut harness = open_through_menu("Video of the walkthrough…", &path);
        harness.get_by_label("Export").click();
        // The animated progress bar repaints while the video runs: step, do not wait to settle.
        harness.step();
        harness.step();
        assert!(harness.state().export_dialog.is_busy());
        harness.get_by_label("Cancel").click();
        harness.step();
        wait_for_export(&mut harness);
        harness.get_by_label("Cancelled: nothing was written.");
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn file_export_writes_a_pdf_deck_of_every_step() {
        let dir = std::env::temp_dir().join(format!("armistice-dialog-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("deck.pdf");
        let harness = export_through_menu("PDF deck of all steps…", &path);
        let pdf = std::fs::read(&path).expect("the deck was written");
        assert!(pdf.starts_with(b"%PDF"));
        let steps = harness.state().doc().scenario.steps.len();
        let pages = String::from_utf8_lossy(&pdf)
            .matches("/Type /Page\n")
            .count();
        assert_eq!(pages, steps);
        assert_eq!(harness.state().export_dialog.progress, (steps, steps));
        harness.get_by_label(&format!("Written: {}", path.display()));
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn file_export_writes_a_png_of_the_view() {
        let dir = std::env::temp_dir().join(format!("armistice-dialog-png-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("view.png");
        let harness = export_through_menu("PNG of the current view…", &path);
        let png = std::fs::read(&path).expect("the image was written");
        let pixmap = tiny_skia::Pixmap::decode_png(&png).expect("a PNG");
        let rect = harness.state().view().last_rect;
        assert_eq!(
            pixmap.width(),
            (rect.width().round() as u32).clamp(320, 8192)
        );
        std::fs::remove_dir_all(&dir).ok();
    }
}
