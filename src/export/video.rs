//! The walkthrough as a video (contract.md's `render --all-steps` into `.gif` or `.mp4`, and
//! File ▸ Export ▸ Video): each presentation step held long enough to read its caption, the view
//! flying between steps along presentation mode's own eased flight (`scene::flight`).
//!
//! Frames are drawn as every other export draws a page ([`render_frame`]: the page's SVG,
//! rasterised by resvg) on one thread and encoded on another as they come: at most a few frames
//! exist at once, whatever the video's length. A held step is drawn once and repeated. MP4 is
//! H.264 (Cisco's OpenH264, built from source by the `openh264` crate: constrained baseline,
//! yuv420p) in an `avc1` MP4 (the `mp4` crate); GIF uses the `gif` crate, each frame with its own
//! 256-colour palette, a held step as one frame shown for the whole hold.

use super::{ExportError, ExportScene, MapPage};
use crate::model::scenario::Step;
use crate::scene::flight::{Flight, STEP_FLIGHT_SECONDS, ViewPose};
use crate::scene::geometry::lonlat_from_world;
use std::ops::ControlFlow;
use std::sync::mpsc::sync_channel;

/// The frame rate of a video unless asked otherwise.
pub const DEFAULT_FPS: u32 = 25;
/// The frame rates `--fps` accepts.
pub const FPS_RANGE: std::ops::RangeInclusive<u32> = 1..=60;
/// The size of a video unless asked otherwise.
pub const DEFAULT_SIZE: (u32, u32) = (1920, 1080);
/// The sides `--size` accepts, pixels.
pub const SIDE_RANGE: std::ops::RangeInclusive<u32> = 16..=16384;
/// The largest picture H.264 level 5.2 (and so OpenH264) encodes: 3840×2160, either way round.
pub const MP4_MAX_SIDES: (u32, u32) = (3840, 2160);
/// GIF delays are whole hundredths of a second, and browsers slow down any delay under two
/// hundredths: a GIF plays at most 50 frames a second, so a higher `--fps` makes 50.
pub const GIF_MAX_FPS: u32 = 50;

/// The shortest time a step is held, seconds.
pub const MIN_HOLD_SECONDS: f64 = 2.0;
/// The longest time a step is held, seconds (a caption longer than this takes to read is too long
/// for a slide anyway).
pub const MAX_HOLD_SECONDS: f64 = 30.0;
/// How long the audience needs to take in the map before reading, seconds.
const LOOK_SECONDS: f64 = 1.5;
/// Silent reading pace of a slide's text, words a second (about 240 words a minute).
const READING_WORDS_PER_SECOND: f64 = 4.0;

/// The two video formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VideoFormat {
    /// Animated GIF, for chat and the web.
    Gif,
    /// H.264 in MP4, for PowerPoint, Keynote and browsers.
    Mp4,
}

impl VideoFormat {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Gif => "gif",
            Self::Mp4 => "mp4",
        }
    }

    /// The frame rate actually written for a requested `fps` (GIF: at most [`GIF_MAX_FPS`]).
    pub fn effective_fps(self, fps: u32) -> u32 {
        match self {
            Self::Gif => fps.min(GIF_MAX_FPS),
            Self::Mp4 => fps,
        }
    }

    /// Whether `size` and `fps` are ones this format can be written at; the error says what was
    /// asked and what was expected, for the caller to prefix with the output's name.
    pub fn check(self, size: (u32, u32), fps: u32) -> Result<(), String> {
        if !FPS_RANGE.contains(&fps) {
            return Err(format!(
                "--fps {fps}: expected a whole number of frames a second from {} to {}",
                FPS_RANGE.start(),
                FPS_RANGE.end()
            ));
        }
        let (w, h) = size;
        if !SIDE_RANGE.contains(&w) || !SIDE_RANGE.contains(&h) {
            return Err(format!(
                "--size {w}x{h}: expected each side from {} to {} pixels",
                SIDE_RANGE.start(),
                SIDE_RANGE.end()
            ));
        }
        if self == Self::Mp4 {
            if w % 2 != 0 || h % 2 != 0 {
                return Err(format!(
                    "--size {w}x{h}: an MP4 (H.264, 4:2:0) needs an even width and height"
                ));
            }
            let (long, short) = MP4_MAX_SIDES;
            if w.max(h) > long || w.min(h) > short {
                return Err(format!(
                    "--size {w}x{h}: an MP4 (H.264) is at most {long}x{short} (or {short}x{long})"
                ));
            }
        }
        Ok(())
    }
}

/// How long `step` stays on screen, seconds: a moment to take in the map, then its title and
/// caption read at a silent reading pace; never under [`MIN_HOLD_SECONDS`] nor over
/// [`MAX_HOLD_SECONDS`].
pub fn hold_seconds(step: &Step) -> f64 {
    let words = step.title.split_whitespace().count() + step.caption.split_whitespace().count();
    (LOOK_SECONDS + words as f64 / READING_WORDS_PER_SECOND)
        .clamp(MIN_HOLD_SECONDS, MAX_HOLD_SECONDS)
}

/// One piece of the walkthrough.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shot {
    /// Step `step` (0-based) held still for `frames` frames.
    Hold {
        /// The step.
        step: usize,
        /// How many frames.
        frames: u32,
    },
    /// The view flying from step `to - 1`'s to step `to`'s, with step `to`'s title, caption,
    /// layers and features, over `frames` frames: the first at the start (the new step's text
    /// over the old view, as presentation mode shows it the moment the presenter moves on), the
    /// hold that follows at the arrival.
    Fly {
        /// The step flown to.
        to: usize,
        /// How many frames.
        frames: u32,
    },
}

impl Shot {
    /// Its length in frames.
    pub fn frames(self) -> u32 {
        match self {
            Self::Hold { frames, .. } | Self::Fly { frames, .. } => frames,
        }
    }
}

/// Frames for `seconds` at `fps`, at least one.
fn frames_for(seconds: f64, fps: u32) -> u32 {
    ((seconds * f64::from(fps)).round() as u32).max(1)
}

/// The walkthrough of `steps` at `fps`: the first step held, then for each next step a flight
/// to it and its hold.
pub fn timeline(steps: &[Step], fps: u32) -> Vec<Shot> {
    let mut shots = Vec::with_capacity(steps.len() * 2);
    for (i, step) in steps.iter().enumerate() {
        if i > 0 {
            shots.push(Shot::Fly {
                to: i,
                frames: frames_for(STEP_FLIGHT_SECONDS, fps),
            });
        }
        shots.push(Shot::Hold {
            step: i,
            frames: frames_for(hold_seconds(step), fps),
        });
    }
    shots
}

/// Draws one frame: `page` at `size` through the headless page drawing every export uses.
/// Every frame of a video comes from here.
pub fn render_frame(
    scene: &ExportScene,
    page: &MapPage,
    size: (u32, u32),
) -> Result<tiny_skia::Pixmap, ExportError> {
    scene.pixmap(page, size)
}

/// The view a page shows at `size`.
pub fn page_pose(page: &MapPage, size: (u32, u32)) -> ViewPose {
    let view = super::svg::page_view(page, size);
    ViewPose {
        center: view.world([f64::from(size.0) / 2.0, f64::from(size.1) / 2.0]),
        zoom: view.zoom,
    }
}

/// `page` looking at `pose` instead of its own extent: the extent that fills a page of `size`
/// exactly at that view.
pub fn page_at(page: &MapPage, pose: ViewPose, size: (u32, u32)) -> MapPage {
    let k = crate::scene::geometry::TILE_PX * 2f64.powf(pose.zoom);
    let (hw, hh) = (f64::from(size.0) / 2.0 / k, f64::from(size.1) / 2.0 / k);
    let [west, north] = lonlat_from_world([pose.center[0] - hw, pose.center[1] - hh]);
    let [east, south] = lonlat_from_world([pose.center[0] + hw, pose.center[1] + hh]);
    MapPage {
        extent: [west, south, east, north],
        margin: 1.0,
        below_title: false,
        ..page.clone()
    }
}

/// Why a video was not made.
#[derive(Debug, thiserror::Error)]
pub enum VideoError {
    /// Drawing a frame failed.
    #[error(transparent)]
    Draw(#[from] ExportError),
    /// The encoder failed.
    #[error("cannot encode the video: {0}")]
    Encode(String),
    /// The scenario has no steps to walk through.
    #[error("the scenario has no steps to walk through")]
    NoSteps,
    /// The size or frame rate cannot be written in this format.
    #[error("{0}")]
    Settings(String),
    /// The user cancelled.
    #[error("cancelled")]
    Cancelled,
}

/// The walkthrough of `scene`'s steps as a `format` video of `size` at `fps` (the format's
/// [`VideoFormat::effective_fps`]), returned as the file's bytes. `progress(done, total)` is
/// told the frames done after each drawn frame; returning `ControlFlow::Break` cancels.
pub fn walkthrough(
    scene: &ExportScene,
    format: VideoFormat,
    size: (u32, u32),
    fps: u32,
    progress: &mut dyn FnMut(u32, u32) -> ControlFlow<()>,
) -> Result<Vec<u8>, VideoError> {
    format.check(size, fps).map_err(VideoError::Settings)?;
    if scene.scenario.steps.is_empty() {
        return Err(VideoError::NoSteps);
    }
    let fps = format.effective_fps(fps);
    let shots = timeline(&scene.scenario.steps, fps);
    let total: u32 = shots.iter().map(|s| s.frames()).sum();
    let mut sink: Box<dyn FrameSink> = match format {
        VideoFormat::Gif => Box::new(GifSink::new(size, fps)?),
        VideoFormat::Mp4 => Box::new(Mp4Sink::new(size, fps)?),
    };

    // Frames are drawn on one thread and encoded on this one, two frames of slack between them.
    let (tx, rx) = sync_channel::<Result<(tiny_skia::Pixmap, u32), ExportError>>(2);
    let stop = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|s| -> Result<(), VideoError> {
        let stop = &stop;
        let shots = &shots;
        s.spawn(move || {
            for frame in frames(scene, shots, size) {
                if stop.load(std::sync::atomic::Ordering::Relaxed) || tx.send(frame).is_err() {
                    return;
                }
            }
        });
        let mut done = 0;
        let result = (|| {
            for frame in rx.iter() {
                let (pixmap, repeat) = frame?;
                // Every sink stores a held step once with its duration, so each push is quick
                // and Cancel answers within a frame's time.
                sink.push(&pixmap, repeat)?;
                done += repeat;
                if progress(done, total).is_break() {
                    return Err(VideoError::Cancelled);
                }
            }
            Ok(())
        })();
        if result.is_err() {
            stop.store(true, std::sync::atomic::Ordering::Relaxed);
            // Let the drawing thread see the closed channel.
            drop(rx);
        }
        result
    })?;
    if let Some(missing) = total.checked_sub(sink.frames()).filter(|m| *m > 0) {
        return Err(VideoError::Encode(format!("{missing} frames went missing")));
    }
    sink.finish()
}

/// The frames of `shots`, each with how many times it is shown, drawn lazily.
fn frames<'a>(
    scene: &'a ExportScene,
    shots: &'a [Shot],
    size: (u32, u32),
) -> impl Iterator<Item = Result<(tiny_skia::Pixmap, u32), ExportError>> + 'a {
    let page = move |i: usize| {
        scene
            .step_page(i)
            .ok_or_else(|| ExportError::Svg(format!("step {} went missing", i + 1)))
    };
    shots.iter().flat_map(move |shot| {
        let items: Box<dyn Iterator<Item = Result<(tiny_skia::Pixmap, u32), ExportError>>> =
            match *shot {
                Shot::Hold { step, frames } => Box::new(std::iter::once_with(move || {
                    render_frame(scene, &page(step)?, size).map(|p| (p, frames))
                })),
                Shot::Fly { to, frames } => {
                    let fps_frames = f64::from(frames);
                    Box::new((0..frames).map(move |i| {
                        let (from_page, to_page) = (page(to - 1)?, page(to)?);
                        let flight = Flight::new(
                            page_pose(&from_page, size),
                            page_pose(&to_page, size),
                            STEP_FLIGHT_SECONDS,
                        );
                        let pose = flight.at(STEP_FLIGHT_SECONDS * f64::from(i) / fps_frames);
                        render_frame(scene, &page_at(&to_page, pose, size), size).map(|p| (p, 1))
                    }))
                }
            };
        items
    })
}

/// Where frames go.
trait FrameSink {
    /// Adds `frame`, shown `repeat` frames long (a held step is one push: the sink stores it
    /// once with its duration).
    fn push(&mut self, frame: &tiny_skia::Pixmap, repeat: u32) -> Result<(), VideoError>;
    /// Frames added so far.
    fn frames(&self) -> u32;
    /// The finished file.
    fn finish(self: Box<Self>) -> Result<Vec<u8>, VideoError>;
}

/// An animated GIF that loops, each frame with its own palette.
struct GifSink {
    encoder: gif::Encoder<Vec<u8>>,
    size: (u16, u16),
    fps: u32,
    frames: u32,
    /// Centiseconds written so far (delays are rounded on the running total, so the whole lasts
    /// exactly frames ÷ fps).
    written_cs: u64,
}

impl GifSink {
    fn new(size: (u32, u32), fps: u32) -> Result<Self, VideoError> {
        let side = |v: u32| {
            u16::try_from(v)
                .map_err(|_| VideoError::Settings(format!("{v} pixels is too wide for a GIF")))
        };
        let size = (side(size.0)?, side(size.1)?);
        let mut encoder = gif::Encoder::new(Vec::new(), size.0, size.1, &[])
            .map_err(|e| VideoError::Encode(e.to_string()))?;
        encoder
            .set_repeat(gif::Repeat::Infinite)
            .map_err(|e| VideoError::Encode(e.to_string()))?;
        Ok(Self {
            encoder,
            size,
            fps,
            frames: 0,
            written_cs: 0,
        })
    }
}

/// The speed of the GIF colour quantiser (1 best … 30 fastest): 10 is the `gif` crate's own
/// choice for a good palette at a fair speed.
const GIF_QUANTISER_SPEED: i32 = 10;

impl FrameSink for GifSink {
    fn push(&mut self, frame: &tiny_skia::Pixmap, repeat: u32) -> Result<(), VideoError> {
        let mut rgba = frame.data().to_vec();
        let mut gif_frame =
            gif::Frame::from_rgba_speed(self.size.0, self.size.1, &mut rgba, GIF_QUANTISER_SPEED);
        self.frames += repeat;
        let until_cs =
            (u64::from(self.frames) * 100 + u64::from(self.fps) / 2) / u64::from(self.fps);
        let mut delay = until_cs - self.written_cs;
        // A delay is at most 655.35 s: longer holds repeat the frame.
        while delay > u64::from(u16::MAX) {
            gif_frame.delay = u16::MAX;
            self.encoder
                .write_frame(&gif_frame)
                .map_err(|e| VideoError::Encode(e.to_string()))?;
            delay -= u64::from(u16::MAX);
        }
        gif_frame.delay = delay as u16;
        self.encoder
            .write_frame(&gif_frame)
            .map_err(|e| VideoError::Encode(e.to_string()))?;
        self.written_cs = until_cs;
        Ok(())
    }

    fn frames(&self) -> u32 {
        self.frames
    }

    fn finish(self: Box<Self>) -> Result<Vec<u8>, VideoError> {
        self.encoder
            .into_inner()
            .map_err(|e| VideoError::Encode(e.to_string()))
    }
}

/// H.264 in an MP4: OpenH264's Annex B output turned into `avc1` samples (length-prefixed NAL
/// units; the parameter sets go into the `avcC` box).
struct Mp4Sink {
    encoder: openh264::encoder::Encoder,
    size: (u32, u32),
    fps: u32,
    frames: u32,
    /// Samples encoded before the parameter sets were known (none in practice: OpenH264 sends
    /// them with the first picture).
    writer: Option<mp4::Mp4Writer<std::io::Cursor<Vec<u8>>>>,
    yuv: openh264::formats::YUVBuffer,
}

/// Each sample's duration in the track's timescale (fps × this per second).
const MP4_TICKS_PER_FRAME: u32 = 1000;

impl Mp4Sink {
    fn new(size: (u32, u32), fps: u32) -> Result<Self, VideoError> {
        use openh264::encoder::{
            Complexity, EncoderConfig, FrameRate, IntraFramePeriod, Profile, RateControlMode,
            UsageType, VuiConfig,
        };
        let config = EncoderConfig::new()
            .max_frame_rate(FrameRate::from_hz(fps as f32))
            // A constant quality (OpenH264's default quantiser) rather than a bit rate: a bit
            // rate is only kept by skipping frames, and every frame must stay.
            .rate_control_mode(RateControlMode::Off)
            // Neither is supported for screen content (OpenH264 turns them off with a warning).
            .adaptive_quantization(false)
            .background_detection(false)
            // Every frame is kept: the walkthrough's timing is its frame count.
            .skip_frames(false)
            .usage_type(UsageType::ScreenContentRealTime)
            .profile(Profile::Baseline)
            .complexity(Complexity::Medium)
            // A key frame every two seconds, so players can seek.
            .intra_frame_period(IntraFramePeriod::from_num_frames(fps * 2))
            .vui(VuiConfig::bt709());
        let encoder = openh264::encoder::Encoder::with_api_config(
            openh264::OpenH264API::from_source(),
            config,
        )
        .map_err(|e| VideoError::Encode(e.to_string()))?;
        Ok(Self {
            encoder,
            size,
            fps,
            frames: 0,
            writer: None,
            yuv: openh264::formats::YUVBuffer::new(size.0 as usize, size.1 as usize),
        })
    }

    /// Starts the MP4 once the first picture brought the parameter sets.
    fn start(&mut self, sps: &[u8], pps: &[u8]) -> Result<(), VideoError> {
        let err = |e: mp4::Error| VideoError::Encode(e.to_string());
        let brand = |s: &str| s.parse::<mp4::FourCC>().map_err(err);
        let config = mp4::Mp4Config {
            major_brand: brand("isom")?,
            minor_version: 512,
            compatible_brands: vec![
                brand("isom")?,
                brand("iso2")?,
                brand("avc1")?,
                brand("mp41")?,
            ],
            timescale: 1000,
        };
        let mut writer =
            mp4::Mp4Writer::write_start(std::io::Cursor::new(Vec::new()), &config).map_err(err)?;
        writer
            .add_track(&mp4::TrackConfig {
                track_type: mp4::TrackType::Video,
                timescale: self.fps * MP4_TICKS_PER_FRAME,
                language: "und".to_owned(),
                media_conf: mp4::MediaConfig::AvcConfig(mp4::AvcConfig {
                    width: self.size.0 as u16,
                    height: self.size.1 as u16,
                    seq_param_set: sps.to_vec(),
                    pic_param_set: pps.to_vec(),
                }),
            })
            .map_err(err)?;
        self.writer = Some(writer);
        Ok(())
    }
}

/// The NAL units of an Annex B stream (start codes removed).
fn nal_units(stream: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut starts = Vec::new();
    let mut i = 0;
    while i + 3 <= stream.len() {
        if stream[i..i + 3] == [0, 0, 1] {
            starts.push(i + 3);
            i += 3;
        } else {
            i += 1;
        }
    }
    let ends: Vec<usize> = starts
        .iter()
        .skip(1)
        .map(|&next| {
            // The start code before `next` is 3 bytes, or 4 with a leading zero.
            let code = next - 3;
            if code > 0 && stream[code - 1] == 0 {
                code - 1
            } else {
                code
            }
        })
        .chain(std::iter::once(stream.len()))
        .collect();
    starts
        .into_iter()
        .zip(ends)
        .map(move |(s, e)| &stream[s..e.max(s)])
}

impl Mp4Sink {
    /// Encodes the picture in `self.yuv` (a key frame if `key`) and writes it as one sample
    /// shown for `frames` frames.
    fn encode_sample(&mut self, frames: u32, key: bool) -> Result<(), VideoError> {
        if key {
            self.encoder.force_intra_frame();
        }
        let stream = self
            .encoder
            .encode(&self.yuv)
            .map_err(|e| VideoError::Encode(e.to_string()))?
            .to_vec();
        let mut sample = Vec::with_capacity(stream.len() + 16);
        let (mut sps, mut pps, mut sync) = (None, None, false);
        for nal in nal_units(&stream) {
            match nal.first().map(|b| b & 0x1f) {
                Some(7) => sps = Some(nal),
                Some(8) => pps = Some(nal),
                Some(5) => sync = true,
                _ => {}
            }
            if matches!(nal.first().map(|b| b & 0x1f), Some(7 | 8) | None) {
                continue;
            }
            sample.extend_from_slice(&(nal.len() as u32).to_be_bytes());
            sample.extend_from_slice(nal);
        }
        if self.writer.is_none() {
            match (sps, pps) {
                (Some(sps), Some(pps)) => self.start(sps, pps)?,
                _ => {
                    return Err(VideoError::Encode(
                        "the encoder's first picture has no parameter sets".to_owned(),
                    ));
                }
            }
        }
        if sample.is_empty() {
            return Err(VideoError::Encode(format!(
                "the encoder dropped frame {}",
                self.frames + 1
            )));
        }
        let writer = self
            .writer
            .as_mut()
            .ok_or_else(|| VideoError::Encode("the MP4 was not started".to_owned()))?;
        let ticks = |frames: u32| u64::from(frames) * u64::from(MP4_TICKS_PER_FRAME);
        writer
            .write_sample(
                1,
                &mp4::Mp4Sample {
                    start_time: ticks(self.frames),
                    // At most a second of frames (see `push`): it fits.
                    duration: frames * MP4_TICKS_PER_FRAME,
                    rendering_offset: 0,
                    is_sync: sync,
                    bytes: sample.into(),
                },
            )
            .map_err(|e| VideoError::Encode(e.to_string()))?;
        self.frames += frames;
        Ok(())
    }
}

impl FrameSink for Mp4Sink {
    /// A frame shown once (a frame of a flight) is one picture predicted from the one before.
    /// A frame shown `repeat` > 1 times (a held step) is not encoded again for every frame of
    /// the hold, which made a 5-step walkthrough take 84 s at 1080p: it is a key frame, so a
    /// seek into the step lands on its picture, then the same picture once a second (an almost
    /// empty predicted frame), each sample lasting until the next, as a screen recorder stores
    /// a still screen. The refresh keeps every second of the video holding a frame for players
    /// and editors that mishandle samples many seconds long.
    fn push(&mut self, frame: &tiny_skia::Pixmap, repeat: u32) -> Result<(), VideoError> {
        use openh264::formats::RgbaSliceU8;
        let (w, h) = (self.size.0 as usize, self.size.1 as usize);
        self.yuv.read_rgb(RgbaSliceU8::new(frame.data(), (w, h)));
        if repeat == 1 {
            return self.encode_sample(1, false);
        }
        let mut left = repeat;
        while left > 0 {
            let frames = left.min(self.fps);
            self.encode_sample(frames, left == repeat)?;
            left -= frames;
        }
        Ok(())
    }

    fn frames(&self) -> u32 {
        self.frames
    }

    fn finish(self: Box<Self>) -> Result<Vec<u8>, VideoError> {
        let mut writer = self
            .writer
            .ok_or_else(|| VideoError::Encode("no frames".to_owned()))?;
        writer
            .write_end()
            .map_err(|e| VideoError::Encode(e.to_string()))?;
        Ok(writer.into_writer().into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(title: &str, caption: &str) -> Step {
        Step {
            title: title.to_owned(),
            caption: caption.to_owned(),
            view: None,
            layers: None,
            features: None,
            findings: false,
        }
    }

    #[test]
    fn a_step_holds_long_enough_to_read_it() {
        assert_eq!(hold_seconds(&step("A", "")), MIN_HOLD_SECONDS);
        let short = hold_seconds(&step("Today's line", "The front as of November."));
        let long = hold_seconds(&step("Today's line", &"word ".repeat(40)));
        assert!(
            short >= MIN_HOLD_SECONDS && long > short + 8.0,
            "{short} {long}"
        );
        assert_eq!(
            hold_seconds(&step("A", &"word ".repeat(1000))),
            MAX_HOLD_SECONDS
        );
    }

    #[test]
    fn the_timeline_holds_each_step_and_flies_between() {
        let steps = [step("One", ""), step("Two", "")];
        let shots = timeline(&steps, 25);
        assert_eq!(
            shots,
            vec![
                Shot::Hold {
                    step: 0,
                    frames: 50
                },
                Shot::Fly { to: 1, frames: 25 },
                Shot::Hold {
                    step: 1,
                    frames: 50
                },
            ]
        );
    }

    #[test]
    fn settings_out_of_range_are_refused() {
        assert!(VideoFormat::Mp4.check((1920, 1080), 25).is_ok());
        assert!(VideoFormat::Gif.check((1921, 1081), 60).is_ok());
        assert!(VideoFormat::Mp4.check((1921, 1080), 25).is_err());
        assert!(VideoFormat::Mp4.check((4096, 2160), 25).is_err());
        assert!(VideoFormat::Mp4.check((2160, 3840), 25).is_ok());
        assert!(VideoFormat::Gif.check((1920, 1080), 0).is_err());
        assert!(VideoFormat::Gif.check((1920, 1080), 61).is_err());
        assert!(VideoFormat::Gif.check((15, 1080), 25).is_err());
        assert_eq!(VideoFormat::Gif.effective_fps(60), 50);
        assert_eq!(VideoFormat::Mp4.effective_fps(60), 60);
    }

    #[test]
    fn annex_b_splits_into_nal_units() {
        let stream = [
            0, 0, 0, 1, 0x67, 1, 2, 0, 0, 1, 0x68, 3, 0, 0, 0, 1, 0x65, 4, 5,
        ];
        let units: Vec<&[u8]> = nal_units(&stream).collect();
        assert_eq!(
            units,
            vec![&[0x67, 1, 2][..], &[0x68, 3][..], &[0x65, 4, 5][..]]
        );
    }

    #[test]
    fn a_page_at_its_own_pose_is_the_same_view() {
        let page = MapPage {
            extent: [36.9, 48.2, 38.4, 49.1],
            margin: super::super::STEP_MARGIN,
            layers: super::super::Layers::ALL,
            features: None,
            page_label: None,
            title: None,
            caption: None,
            badges: Vec::new(),
            findings: true,
            legend: true,
            below_title: true,
        };
        let size = (640, 360);
        let pose = page_pose(&page, size);
        let again = page_pose(&page_at(&page, pose, size), size);
        assert!((again.zoom - pose.zoom).abs() < 1e-9);
        assert!((again.center[0] - pose.center[0]).abs() < 1e-12);
        assert!((again.center[1] - pose.center[1]).abs() < 1e-12);
    }
}
