//! The one view transform: world units (see [`super::geometry`]) to screen or page units, with
//! the rectangle it draws into. The window derives it from walkers' projector each frame, the
//! export fits it to a step's extent; the layout and both backends read only this.

use super::geometry::{TILE_PX, WorldPoint, WorldRect, lonlat_from_world, world_from_lonlat};

/// A point on screen (or page), y down.
pub type ScreenPoint = [f32; 2];

/// Earth's equatorial radius (WGS84), m: Web Mercator's sphere.
const EARTH_RADIUS_M: f64 = 6_378_137.0;
/// Largest zoom a fitted view uses (the exact geometry is drawn from zoom 12 on anyway).
const MAX_FIT_ZOOM: f64 = 18.0;

/// An axis-aligned rectangle on screen: min and max corners, y down.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScreenRect {
    /// Top left.
    pub min: ScreenPoint,
    /// Bottom right.
    pub max: ScreenPoint,
}

/// Where a text or box sits relative to its anchor point, horizontally and vertically.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// The anchor is at the start (left or top).
    Start,
    /// The anchor is in the middle.
    Center,
    /// The anchor is at the end (right or bottom).
    End,
}

impl ScreenRect {
    /// The rectangle from `min` to `max`.
    pub const fn new(min: ScreenPoint, max: ScreenPoint) -> Self {
        Self { min, max }
    }

    /// The rectangle of `size` placed at `at` with the alignment `h`, `v`.
    pub fn anchored(at: ScreenPoint, size: [f32; 2], h: Align, v: Align) -> Self {
        let x = match h {
            Align::Start => at[0],
            Align::Center => at[0] - size[0] / 2.0,
            Align::End => at[0] - size[0],
        };
        let y = match v {
            Align::Start => at[1],
            Align::Center => at[1] - size[1] / 2.0,
            Align::End => at[1] - size[1],
        };
        Self::new([x, y], [x + size[0], y + size[1]])
    }

    /// A square of side `side` around `c`.
    pub fn around(c: ScreenPoint, side: f32) -> Self {
        let h = side / 2.0;
        Self::new([c[0] - h, c[1] - h], [c[0] + h, c[1] + h])
    }

    /// Width.
    pub fn width(&self) -> f32 {
        self.max[0] - self.min[0]
    }

    /// Height.
    pub fn height(&self) -> f32 {
        self.max[1] - self.min[1]
    }

    /// The centre.
    pub fn center(&self) -> ScreenPoint {
        [
            (self.min[0] + self.max[0]) / 2.0,
            (self.min[1] + self.max[1]) / 2.0,
        ]
    }

    /// Grown by `by` on every side (shrunk for a negative `by`).
    pub fn expand(&self, by: f32) -> Self {
        Self::new(
            [self.min[0] - by, self.min[1] - by],
            [self.max[0] + by, self.max[1] + by],
        )
    }

    /// Whether the two rectangles overlap.
    pub fn intersects(&self, o: &Self) -> bool {
        self.min[0] <= o.max[0]
            && o.min[0] <= self.max[0]
            && self.min[1] <= o.max[1]
            && o.min[1] <= self.max[1]
    }

    /// Whether `p` lies inside.
    pub fn contains(&self, p: ScreenPoint) -> bool {
        p[0] >= self.min[0] && p[0] <= self.max[0] && p[1] >= self.min[1] && p[1] <= self.max[1]
    }

    /// Whether `o` lies wholly inside.
    pub fn contains_rect(&self, o: &Self) -> bool {
        o.min[0] >= self.min[0]
            && o.min[1] >= self.min[1]
            && o.max[0] <= self.max[0]
            && o.max[1] <= self.max[1]
    }

    /// The smallest rectangle holding both points.
    pub fn from_two(a: ScreenPoint, b: ScreenPoint) -> Self {
        Self::new(
            [a[0].min(b[0]), a[1].min(b[1])],
            [a[0].max(b[0]), a[1].max(b[1])],
        )
    }
}

/// World units to screen units: `screen = origin + world · scale`, drawing into `rect`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct View {
    /// Where the world origin lies on screen.
    pub origin: [f64; 2],
    /// Screen units per world unit.
    pub scale: f64,
    /// The slippy-map zoom of this scale, for the level of detail.
    pub zoom: f64,
    /// The rectangle drawn into.
    pub rect: ScreenRect,
}

impl View {
    /// The view that shows `extent` ([min_lon, min_lat, max_lon, max_lat]) centred on a page of
    /// `size` from (0, 0), filling `margin` of it along the tighter side (as the window's fit).
    pub fn fit(extent: [f64; 4], margin: f64, size: (u32, u32)) -> Self {
        let (width, height) = (f64::from(size.0), f64::from(size.1));
        let a = world_from_lonlat(extent[0], extent[3]);
        let b = world_from_lonlat(extent[2], extent[1]);
        let (w, h) = ((b[0] - a[0]).abs().max(1e-9), (b[1] - a[1]).abs().max(1e-9));
        let scale = (width * margin / w).min(height * margin / h);
        let zoom = (scale / TILE_PX).log2().clamp(0.0, MAX_FIT_ZOOM);
        let scale = TILE_PX * 2f64.powf(zoom);
        let center = [(a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0];
        Self {
            origin: [
                width / 2.0 - center[0] * scale,
                height / 2.0 - center[1] * scale,
            ],
            scale,
            zoom,
            rect: ScreenRect::new([0.0, 0.0], [width as f32, height as f32]),
        }
    }

    /// The view that shows `extent` in the part of a page of `size` that `pad` ([left, top,
    /// right, bottom]) leaves free, filling `margin` of it along the tighter side; the view's
    /// rectangle is still the whole page. Too little room left: [`View::fit`].
    pub fn fit_within(extent: [f64; 4], margin: f64, size: [f64; 2], pad: [f32; 4]) -> Self {
        let [width, height] = size;
        let free_w = width - f64::from(pad[0] + pad[2]);
        let free_h = height - f64::from(pad[1] + pad[3]);
        if free_w < 50.0 || free_h < 50.0 {
            return Self::fit(extent, margin, (width as u32, height as u32));
        }
        let a = world_from_lonlat(extent[0], extent[3]);
        let b = world_from_lonlat(extent[2], extent[1]);
        let (w, h) = ((b[0] - a[0]).abs().max(1e-9), (b[1] - a[1]).abs().max(1e-9));
        let scale = (free_w * margin / w).min(free_h * margin / h);
        let zoom = (scale / TILE_PX).log2().clamp(0.0, MAX_FIT_ZOOM);
        let scale = TILE_PX * 2f64.powf(zoom);
        let center = [(a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0];
        let free_centre = [
            f64::from(pad[0]) + free_w / 2.0,
            f64::from(pad[1]) + free_h / 2.0,
        ];
        Self {
            origin: [
                free_centre[0] - center[0] * scale,
                free_centre[1] - center[1] * scale,
            ],
            scale,
            zoom,
            rect: ScreenRect::new([0.0, 0.0], [width as f32, height as f32]),
        }
    }

    /// The screen position of a world point.
    #[inline]
    pub fn screen(&self, p: WorldPoint) -> ScreenPoint {
        [
            (self.origin[0] + f64::from(p[0]) * self.scale) as f32,
            (self.origin[1] + f64::from(p[1]) * self.scale) as f32,
        ]
    }

    /// The world position (f64) of a screen point.
    pub fn world(&self, p: [f64; 2]) -> [f64; 2] {
        [
            (p[0] - self.origin[0]) / self.scale,
            (p[1] - self.origin[1]) / self.scale,
        ]
    }

    /// The screen position of a lon/lat.
    pub fn screen_of_lonlat(&self, lon: f64, lat: f64) -> ScreenPoint {
        let w = world_from_lonlat(lon, lat);
        [
            (self.origin[0] + w[0] * self.scale) as f32,
            (self.origin[1] + w[1] * self.scale) as f32,
        ]
    }

    /// The world rectangle shown, grown by `margin` screen units on every side.
    pub fn visible_world(&self, margin: f32) -> WorldRect {
        let r = self.rect.expand(margin);
        let min = self.world([f64::from(r.min[0]), f64::from(r.min[1])]);
        let max = self.world([f64::from(r.max[0]), f64::from(r.max[1])]);
        WorldRect {
            min: [min[0] as f32, min[1] as f32],
            max: [max[0] as f32, max[1] as f32],
        }
    }

    /// The extent shown as [min_lon, min_lat, max_lon, max_lat].
    pub fn extent(&self) -> [f64; 4] {
        let r = self.rect;
        let [w, n] = lonlat_from_world(self.world([f64::from(r.min[0]), f64::from(r.min[1])]));
        let [e, s] = lonlat_from_world(self.world([f64::from(r.max[0]), f64::from(r.max[1])]));
        [w, s, e, n]
    }

    /// Screen units per metre on the ground at the view's centre.
    pub fn units_per_m(&self) -> f64 {
        let c = self.rect.center();
        let [_, lat] = lonlat_from_world(self.world([f64::from(c[0]), f64::from(c[1])]));
        self.scale / (std::f64::consts::TAU * EARTH_RADIUS_M * lat.to_radians().cos())
    }

    /// World units per screen unit (the size of one pixel in the world).
    pub fn world_per_px(&self) -> f64 {
        1.0 / self.scale
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::geometry::world_point;

    #[test]
    fn fit_centres_the_extent_and_keeps_it_on_the_page() {
        let extent = [22.1, 44.3, 40.2, 52.4];
        let v = View::fit(extent, 0.92, (1920, 1080));
        let [w, s, e, n] = v.extent();
        assert!(
            w < 22.1 && s < 44.3 && e > 40.2 && n > 52.4,
            "{:?}",
            v.extent()
        );
        let a = v.screen(world_point(22.1, 52.4));
        let b = v.screen(world_point(40.2, 44.3));
        let fill = ((b[0] - a[0]) / 1920.0).max((b[1] - a[1]) / 1080.0);
        assert!((fill - 0.92).abs() < 1e-3, "{fill}");
        assert!(v.zoom > 5.0 && v.zoom < 7.0, "{}", v.zoom);
        let back = v.world([f64::from(a[0]), f64::from(a[1])]);
        let [lon, lat] = lonlat_from_world(back);
        assert!((lon - 22.1).abs() < 1e-4 && (lat - 52.4).abs() < 1e-4);
    }

    #[test]
    fn scale_is_right_on_the_ground() {
        // At zoom z the equator has 256·2^z px per 40,075 km; at 60° N twice as many per km.
        let v = View::fit([-1.0, 59.0, 1.0, 61.0], 1.0, (512, 512));
        let expected = v.scale / (40_075_016.686 * 0.5);
        assert!((v.units_per_m() / expected - 1.0).abs() < 0.01);
    }

    #[test]
    fn rectangles_anchor_and_overlap() {
        let r = ScreenRect::anchored([10.0, 10.0], [20.0, 10.0], Align::End, Align::Center);
        assert_eq!(r, ScreenRect::new([-10.0, 5.0], [10.0, 15.0]));
        assert!(r.intersects(&ScreenRect::around([10.0, 15.0], 2.0)));
        assert!(!r.intersects(&ScreenRect::around([30.0, 15.0], 2.0)));
        assert!(r.expand(1.0).contains_rect(&r));
    }
}
