//! Measuring start-up: with `ARMISTICE_STARTUP_REPORT=1` the window prints, when its second
//! frame starts (so the first has been painted and shown), the wall-clock time in milliseconds
//! since the Unix epoch, and closes. `tools/startup-time.sh` launches the program under Xvfb,
//! notes the time just before, and reports the difference.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

static FRAMES: AtomicU32 = AtomicU32::new(0);

/// Call at the start of every frame.
pub fn frame_started(ctx: &egui::Context) {
    let frame = FRAMES.fetch_add(1, Ordering::Relaxed);
    if frame < 2 {
        log::debug!("frame {frame} starts");
    }
    if frame != 1 || std::env::var_os("ARMISTICE_STARTUP_REPORT").is_none() {
        return;
    }
    let now_ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis());
    println!("first-frame-painted-unix-ms {now_ms}");
    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
}

/// Call when a frame's UI has been built (before egui tessellates and eframe paints it).
pub fn frame_built() {
    if FRAMES.load(Ordering::Relaxed) <= 2 {
        log::debug!("frame built");
    }
}
