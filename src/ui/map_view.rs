//! The map's view: where it looks and how far it is zoomed, the keyboard and animated
//! navigation, and the transform from world units to the screen.

use crate::scene::flight::{Flight, ViewPose};
use crate::scene::geometry::{TILE_PX, WorldPoint, lonlat_from_world, world_from_lonlat};
use egui::{Pos2, Rect, Vec2, pos2};
use serde::{Deserialize, Serialize};
use walkers::{MapMemory, Projector, lon_lat};

/// Zoom limits: the whole of Europe at the smallest, a few streets at the largest.
pub const MIN_ZOOM: f64 = 3.0;
/// See [`MIN_ZOOM`].
pub const MAX_ZOOM: f64 = 16.0;

/// One press of + or − zooms by this many levels.
const KEY_ZOOM_STEP: f64 = 0.5;
/// How fast a key zoom settles: the remaining distance shrinks by e^(−rate·seconds).
const KEY_ZOOM_RATE: f64 = 14.0;
/// Arrow-key panning speed, screen pixels per second.
const KEY_PAN_PX_PER_S: f32 = 700.0;

/// The part of the view that is remembered between runs.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SavedView {
    /// Centre longitude, degrees.
    pub lon: f64,
    /// Centre latitude, degrees.
    pub lat: f64,
    /// Slippy-map zoom level.
    pub zoom: f64,
}

impl Default for SavedView {
    fn default() -> Self {
        Self {
            lon: 31.2,
            lat: 48.4,
            zoom: 6.0,
        }
    }
}

/// An eased flight from one view to another (Home, a presentation step) under way: the flight
/// is `scene::flight`'s, which the walkthrough video follows too.
#[derive(Debug, Clone, Copy, PartialEq)]
struct FlightUnderWay {
    flight: Flight,
    elapsed: f64,
}

/// A zoom that settles smoothly on `target`, keeping the point under `anchor` in place.
#[derive(Debug, Clone, Copy, PartialEq)]
struct KeyZoom {
    target: f64,
    anchor: Pos2,
}

/// The map's view state: walkers' memory plus the animations Armistice adds.
pub struct MapView {
    /// walkers' own state (centre and zoom).
    pub memory: MapMemory,
    /// The screen rectangle the map had last frame.
    pub last_rect: Rect,
    flight: Option<FlightUnderWay>,
    key_zoom: Option<KeyZoom>,
}

/// Pixels of the whole world at `zoom`.
pub fn world_px(zoom: f64) -> f64 {
    TILE_PX * 2f64.powf(zoom)
}

impl MapView {
    /// A view at `saved`.
    pub fn new(saved: SavedView) -> Self {
        let mut view = Self {
            memory: MapMemory::default(),
            last_rect: Rect::from_min_size(Pos2::ZERO, Vec2::new(1280.0, 800.0)),
            flight: None,
            key_zoom: None,
        };
        view.set(lon_lat_world(saved.lon, saved.lat), saved.zoom);
        view
    }

    /// What to remember.
    pub fn saved(&self) -> SavedView {
        let [lon, lat] = lonlat_from_world(self.center_world());
        SavedView {
            lon,
            lat,
            zoom: self.zoom(),
        }
    }

    /// Current zoom.
    pub fn zoom(&self) -> f64 {
        self.memory.zoom()
    }

    /// The centre in f64 world units.
    pub fn center_world(&self) -> [f64; 2] {
        let p = self.memory.detached().unwrap_or(lon_lat(31.2, 48.4));
        world_from_lonlat(p.x(), p.y())
    }

    fn set(&mut self, center_world: [f64; 2], zoom: f64) {
        let [lon, lat] = lonlat_from_world(center_world);
        self.memory.center_at(lon_lat(lon, lat.clamp(-85.0, 85.0)));
        // Only out-of-range zooms fail; the clamp keeps us inside walkers' 0..=26.
        let _ = self.memory.set_zoom(zoom.clamp(MIN_ZOOM, MAX_ZOOM));
    }

    /// Whether an animation is under way (the caller keeps repainting).
    pub fn animating(&self) -> bool {
        self.flight.is_some() || self.key_zoom.is_some()
    }

    /// The zoom and centre that fit `extent` ([min_lon, min_lat, max_lon, max_lat]) into the
    /// last map rectangle with a margin.
    pub fn fit(&self, extent: [f64; 4]) -> ([f64; 2], f64) {
        let a = world_from_lonlat(extent[0], extent[3]);
        let b = world_from_lonlat(extent[2], extent[1]);
        let size = self.last_rect.size();
        let (w, h) = ((b[0] - a[0]).abs().max(1e-9), (b[1] - a[1]).abs().max(1e-9));
        let margin = 0.92;
        let scale = (f64::from(size.x) * margin / w).min(f64::from(size.y) * margin / h);
        let zoom = (scale / TILE_PX).log2().clamp(MIN_ZOOM, MAX_ZOOM);
        ([(a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0], zoom)
    }

    /// Jumps to a remembered view at once (leaving presentation mode restores the view the
    /// presenter started from).
    pub fn jump_to(&mut self, saved: SavedView) {
        self.flight = None;
        self.key_zoom = None;
        self.set(lon_lat_world(saved.lon, saved.lat), saved.zoom);
    }

    /// Like [`MapView::fit`], but into the map rectangle less `pad` screen points on each side
    /// ([left, top, right, bottom]): the part a panel over the map leaves free. The centre
    /// returned is the view's, so the extent sits in the middle of the free part.
    pub fn fit_padded(&self, extent: [f64; 4], pad: [f32; 4]) -> ([f64; 2], f64) {
        let rect = self.last_rect;
        let free = Rect::from_min_max(
            rect.min + Vec2::new(pad[0], pad[1]),
            rect.max - Vec2::new(pad[2], pad[3]),
        );
        if free.width() < 50.0 || free.height() < 50.0 {
            return self.fit(extent);
        }
        // The one fit every export of a step uses too (`scene::view::View::fit_within`).
        let (w, h) = (f64::from(rect.width()), f64::from(rect.height()));
        let view = crate::scene::view::View::fit_within(
            extent,
            crate::scene::layout::STEP_MARGIN,
            [w, h],
            pad,
        );
        (
            view.world([w / 2.0, h / 2.0]),
            view.zoom.clamp(MIN_ZOOM, MAX_ZOOM),
        )
    }

    /// Flies to `extent` fitted into the part of the map `pad` leaves free (see
    /// [`MapView::fit_padded`]).
    pub fn fly_to_extent_padded(&mut self, extent: [f64; 4], seconds: f64, pad: [f32; 4]) {
        let (to_world, to_zoom) = self.fit_padded(extent, pad);
        self.fly_to(to_world, to_zoom, seconds);
    }

    /// Moves the destination of the flight under way (the panel over the map turned out
    /// taller or shorter than expected); the flight keeps its start, pace and duration.
    /// Returns whether there was a flight.
    pub fn retarget_flight(&mut self, extent: [f64; 4], pad: [f32; 4]) -> bool {
        let (to_world, to_zoom) = self.fit_padded(extent, pad);
        match &mut self.flight {
            Some(under_way) => {
                under_way.flight.to = ViewPose {
                    center: to_world,
                    zoom: to_zoom,
                };
                true
            }
            None => false,
        }
    }

    /// Jumps to `extent` at once.
    pub fn show_extent(&mut self, extent: [f64; 4]) {
        let (center, zoom) = self.fit(extent);
        self.flight = None;
        self.key_zoom = None;
        self.set(center, zoom);
    }

    /// Flies to `extent` with an eased animation of `seconds`.
    pub fn fly_to_extent(&mut self, extent: [f64; 4], seconds: f64) {
        let (to_world, to_zoom) = self.fit(extent);
        self.fly_to(to_world, to_zoom, seconds);
    }

    /// Starts an eased flight from the current view to `to_world` at `to_zoom`.
    fn fly_to(&mut self, to_world: [f64; 2], to_zoom: f64, seconds: f64) {
        self.key_zoom = None;
        let from = ViewPose {
            center: self.center_world(),
            zoom: self.zoom(),
        };
        let to = ViewPose {
            center: to_world,
            zoom: to_zoom,
        };
        self.flight = Some(FlightUnderWay {
            flight: Flight::new(from, to, seconds),
            elapsed: 0.0,
        });
    }

    /// Starts (or extends) a smooth zoom by `levels` around the screen point `anchor`.
    pub fn zoom_by(&mut self, levels: f64, anchor: Pos2) {
        self.flight = None;
        let from = self.key_zoom.map_or(self.zoom(), |z| z.target);
        self.key_zoom = Some(KeyZoom {
            target: (from + levels).clamp(MIN_ZOOM, MAX_ZOOM),
            anchor,
        });
    }

    /// Pans by a screen offset: the map content moves by `delta` pixels.
    pub fn pan_by(&mut self, delta: Vec2) {
        let k = world_px(self.zoom());
        let c = self.center_world();
        let center = [c[0] - f64::from(delta.x) / k, c[1] - f64::from(delta.y) / k];
        self.set(center, self.zoom());
    }

    /// Advances animations by `dt` seconds. Call once a frame, before the map is drawn.
    pub fn animate(&mut self, dt: f64) {
        if let Some(mut under_way) = self.flight {
            under_way.elapsed += dt;
            let pose = under_way.flight.at(under_way.elapsed);
            self.set(pose.center, pose.zoom);
            self.flight = (!under_way.flight.arrived(under_way.elapsed)).then_some(under_way);
        }
        if let Some(key_zoom) = self.key_zoom {
            let zoom = self.zoom();
            let remaining = key_zoom.target - zoom;
            let next = if remaining.abs() < 1e-3 {
                key_zoom.target
            } else {
                zoom + remaining * (1.0 - (-KEY_ZOOM_RATE * dt).exp())
            };
            self.zoom_keeping(next, key_zoom.anchor);
            self.key_zoom = (next != key_zoom.target).then_some(key_zoom);
        }
    }

    /// Sets the zoom so that the point under `anchor` stays under it.
    fn zoom_keeping(&mut self, zoom: f64, anchor: Pos2) {
        let offset = anchor - self.last_rect.center();
        let (dx, dy) = (f64::from(offset.x), f64::from(offset.y));
        let c = self.center_world();
        let k0 = world_px(self.zoom());
        let under = [c[0] + dx / k0, c[1] + dy / k0];
        let k1 = world_px(zoom);
        self.set([under[0] - dx / k1, under[1] - dy / k1], zoom);
    }

    /// Handles the navigation keys (+ − arrows, Home); `fit_home` is the extent Home shows.
    pub fn handle_keys(&mut self, ctx: &egui::Context, hover: Option<Pos2>, fit_home: [f64; 4]) {
        let anchor = hover.unwrap_or(self.last_rect.center());
        let (zoom_in, zoom_out, home, pan, dt) = ctx.input(|i| {
            let zoom_in = i.key_pressed(egui::Key::Plus) || i.key_pressed(egui::Key::Equals);
            let zoom_out = i.key_pressed(egui::Key::Minus);
            let home = i.key_pressed(egui::Key::Home);
            let mut pan = Vec2::ZERO;
            for (key, dir) in [
                (egui::Key::ArrowLeft, Vec2::new(1.0, 0.0)),
                (egui::Key::ArrowRight, Vec2::new(-1.0, 0.0)),
                (egui::Key::ArrowUp, Vec2::new(0.0, 1.0)),
                (egui::Key::ArrowDown, Vec2::new(0.0, -1.0)),
            ] {
                if i.key_down(key) {
                    pan += dir;
                }
            }
            (zoom_in, zoom_out, home, pan, i.stable_dt.min(0.1))
        });
        if zoom_in {
            self.zoom_by(KEY_ZOOM_STEP, anchor);
        }
        if zoom_out {
            self.zoom_by(-KEY_ZOOM_STEP, anchor);
        }
        if home {
            self.fly_to_extent(fit_home, 0.8);
        }
        if pan != Vec2::ZERO {
            self.flight = None;
            self.pan_by(pan * KEY_PAN_PX_PER_S * dt);
            ctx.request_repaint();
        }
    }

    /// The current view's extent as [min_lon, min_lat, max_lon, max_lat].
    pub fn extent(&self) -> [f64; 4] {
        let k = world_px(self.zoom());
        let c = self.center_world();
        let half = self.last_rect.size() / 2.0;
        let (hx, hy) = (f64::from(half.x) / k, f64::from(half.y) / k);
        let [w, n] = lonlat_from_world([c[0] - hx, c[1] - hy]);
        let [e, s] = lonlat_from_world([c[0] + hx, c[1] + hy]);
        [w, s, e, n]
    }
}

fn lon_lat_world(lon: f64, lat: f64) -> [f64; 2] {
    world_from_lonlat(lon, lat)
}

/// Maps world units to screen points for one frame.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScreenFromWorld {
    /// Where the world origin is on screen.
    pub origin_in_screen: Pos2,
    /// Screen pixels per world unit.
    pub scale: f32,
    /// The map's rectangle on screen.
    pub clip: Rect,
    /// The zoom level.
    pub zoom: f64,
}

impl ScreenFromWorld {
    /// The transform for the frame walkers' `projector` draws.
    pub fn from_projector(projector: &Projector) -> Self {
        let [lon, lat] = crate::scene::geometry::ORIGIN_LONLAT;
        let origin = projector.project(lon_lat(lon, lat));
        Self {
            origin_in_screen: origin.to_pos2(),
            scale: world_px(projector.zoom()) as f32,
            clip: projector.clip_rect(),
            zoom: projector.zoom(),
        }
    }

    /// This frame's view for the layout ([`crate::scene::layout`]): the same transform.
    pub fn view(&self) -> crate::scene::view::View {
        crate::scene::view::View {
            origin: [
                f64::from(self.origin_in_screen.x),
                f64::from(self.origin_in_screen.y),
            ],
            scale: world_px(self.zoom),
            zoom: self.zoom,
            rect: super::picture::screen_rect(self.clip),
        }
    }

    /// The screen position of a world point.
    #[inline]
    pub fn screen(&self, p: WorldPoint) -> Pos2 {
        pos2(
            self.origin_in_screen.x + p[0] * self.scale,
            self.origin_in_screen.y + p[1] * self.scale,
        )
    }

    /// The world point at a screen position.
    pub fn world(&self, p: Pos2) -> WorldPoint {
        [
            (p.x - self.origin_in_screen.x) / self.scale,
            (p.y - self.origin_in_screen.y) / self.scale,
        ]
    }

    /// The lon/lat at a screen position.
    pub fn lonlat(&self, p: Pos2) -> [f64; 2] {
        let w = self.world(p);
        lonlat_from_world([f64::from(w[0]), f64::from(w[1])])
    }

    /// The visible world rectangle.
    pub fn visible_world(&self) -> crate::scene::geometry::WorldRect {
        crate::scene::geometry::WorldRect {
            min: self.world(self.clip.min),
            max: self.world(self.clip.max),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use walkers::MercatorProjection;

    #[test]
    fn screen_transform_agrees_with_walkers_projector_both_ways() {
        let mut memory = MapMemory::default();
        memory.center_at(lon_lat(37.5, 48.7));
        memory.set_zoom(9.3).expect("valid zoom");
        let rect = Rect::from_min_size(pos2(10.0, 20.0), Vec2::new(1920.0, 1080.0));
        let projector = Projector::new(rect, &MercatorProjection, &memory, lon_lat(0.0, 0.0));
        let t = ScreenFromWorld::from_projector(&projector);
        for (lon, lat) in [(37.60, 48.85), (37.71, 48.53), (36.9, 49.2)] {
            let ours = t.screen(crate::scene::geometry::world_point(lon, lat));
            let theirs = projector.project(lon_lat(lon, lat)).to_pos2();
            assert!((ours - theirs).length() < 0.05, "{ours:?} vs {theirs:?}");
            let back = t.lonlat(ours);
            assert!((back[0] - lon).abs() < 1e-4 && (back[1] - lat).abs() < 1e-4);
        }
    }

    #[test]
    fn key_zoom_keeps_the_anchor_in_place() {
        let mut view = MapView::new(SavedView::default());
        view.last_rect = Rect::from_min_size(Pos2::ZERO, Vec2::new(1000.0, 800.0));
        let anchor = pos2(800.0, 200.0);
        let k = world_px(view.zoom());
        let c = view.center_world();
        let under = [c[0] + 300.0 / k, c[1] - 200.0 / k];
        view.zoom_by(1.0, anchor);
        for _ in 0..200 {
            view.animate(1.0 / 60.0);
        }
        assert!(!view.animating());
        assert!((view.zoom() - 7.0).abs() < 1e-9);
        let k = world_px(view.zoom());
        let c = view.center_world();
        let now = [c[0] + 300.0 / k, c[1] - 200.0 / k];
        assert!((now[0] - under[0]).abs() * k < 0.01 && (now[1] - under[1]).abs() * k < 0.01);
    }

    #[test]
    fn a_padded_fit_centres_the_extent_in_the_free_part() {
        let mut view = MapView::new(SavedView::default());
        view.last_rect = Rect::from_min_size(Pos2::ZERO, Vec2::new(1600.0, 1000.0));
        let extent = [36.9, 48.2, 38.4, 49.1];
        // A title panel over the top 300 points, a bar over the bottom 56.
        let (c, zoom) = view.fit_padded(extent, [16.0, 300.0, 16.0, 56.0]);
        let k = world_px(zoom);
        let screen = |lon: f64, lat: f64| {
            let w = world_from_lonlat(lon, lat);
            (800.0 + (w[0] - c[0]) * k, 500.0 + (w[1] - c[1]) * k)
        };
        let (west, north) = screen(extent[0], extent[3]);
        let (east, south) = screen(extent[2], extent[1]);
        assert!(north >= 299.5 && south <= 944.5, "{north} {south}");
        assert!(west >= 15.5 && east <= 1584.5, "{west} {east}");
        assert!(((north + south) / 2.0 - 622.0).abs() < 1.0);
        assert!(((west + east) / 2.0 - 800.0).abs() < 1.0);
        // It fills 92% of the free height (the tighter side here).
        assert!(
            ((south - north) - 0.92 * 644.0).abs() < 1.0,
            "{}",
            south - north
        );
    }

    #[test]
    fn fit_shows_the_whole_extent() {
        let mut view = MapView::new(SavedView::default());
        view.last_rect = Rect::from_min_size(Pos2::ZERO, Vec2::new(1600.0, 900.0));
        let ukraine = [22.1, 44.3, 40.2, 52.4];
        view.show_extent(ukraine);
        let e = view.extent();
        assert!(
            e[0] <= ukraine[0] && e[1] <= ukraine[1] && e[2] >= ukraine[2] && e[3] >= ukraine[3]
        );
        assert!(e[2] - e[0] < 2.0 * (ukraine[2] - ukraine[0]));
    }
}
