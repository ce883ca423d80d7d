//! Map projections, free of any GUI type: Web Mercator for drawing tiles and shapes, and local
//! azimuthal projections centred on a point for algorithms that need planar coordinates.
//!
//! Coordinate spaces are named in the types' docs: `lonlat` is WGS84 degrees, `world` is Web
//! Mercator normalised to the unit square (as slippy-map tiles at zoom 0), `local` is metres on a
//! plane tangent at the projection's centre.

use std::f64::consts::{FRAC_PI_2, FRAC_PI_4, PI};

/// The latitude where Web Mercator's square world ends (north and south), in degrees.
pub const MERCATOR_MAX_LAT: f64 = 85.051_128_779_806_59;

/// WGS84 semi-major axis, metres.
pub const WGS84_A: f64 = 6_378_137.0;
/// WGS84 flattening.
pub const WGS84_F: f64 = 1.0 / 298.257_223_563;

/// Web Mercator (EPSG:3857) position of a WGS84 longitude/latitude, in normalised world units:
/// x runs 0..1 from 180° W eastwards, y runs 0..1 from 85.0511° N southwards. The latitude is
/// clamped to ±[`MERCATOR_MAX_LAT`].
pub fn mercator_from_lonlat(lon: f64, lat: f64) -> [f64; 2] {
    let lat = lat.clamp(-MERCATOR_MAX_LAT, MERCATOR_MAX_LAT).to_radians();
    let x = (lon + 180.0) / 360.0;
    let y = 0.5 - (FRAC_PI_4 + lat / 2.0).tan().ln() / (2.0 * PI);
    [x, y]
}

/// The WGS84 longitude/latitude of a Web Mercator position in normalised world units: the inverse
/// of [`mercator_from_lonlat`]. Returns `[lon, lat]` in degrees.
pub fn lonlat_from_mercator(world: [f64; 2]) -> [f64; 2] {
    let [x, y] = world;
    let lon = x * 360.0 - 180.0;
    let lat = (2.0 * ((0.5 - y) * 2.0 * PI).exp().atan() - FRAC_PI_2).to_degrees();
    [lon, lat]
}

/// Which local projection a [`LocalProjection`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LocalKind {
    /// Azimuthal equidistant on a sphere of the Gaussian mean radius at the centre: distances and
    /// directions from the centre are true, to within the sphere's approximation of the
    /// ellipsoid (about 0.2 % at 500 km).
    AzimuthalEquidistant,
    /// Lambert azimuthal equal-area on the WGS84 ellipsoid (Snyder, "Map Projections – A Working
    /// Manual", 1987, §24): areas are true everywhere.
    LambertEqualArea,
}

/// A projection onto a plane tangent at `centre`, in metres (x east, y north).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LocalProjection {
    kind: LocalKind,
    lon0: f64,
    lat0: f64,
    /// Sphere radius for the equidistant kind; authalic radius Rq for the equal-area kind.
    radius: f64,
    /// Authalic latitude of the centre (equal-area), or the centre latitude (equidistant), radians.
    beta1: f64,
    /// Snyder's D (equal-area only; 1 for the equidistant kind).
    d: f64,
    /// sin and cos of `beta1`, and Snyder's q at the pole (equal-area; 1 for the equidistant
    /// kind): kept so that projecting a point costs as little trigonometry as it can.
    sin_beta1: f64,
    cos_beta1: f64,
    qp: f64,
}

fn eccentricity_sq() -> f64 {
    WGS84_F * (2.0 - WGS84_F)
}

/// Snyder's q(φ) for the authalic latitude (Snyder 3-12), its logarithm written as the series
/// of atanh: -(1/2e) ln((1 - e sin φ)/(1 + e sin φ)) = sin φ Σ (e² sin² φ)^k / (2k + 1). With
/// e² sin² φ under 0.0067 the terms after the seventh are below 1e-16 of the sum, and each point
/// a projection takes costs no logarithm.
fn authalic_q(sin_lat: f64) -> f64 {
    let e2 = eccentricity_sq();
    let u = e2 * sin_lat * sin_lat;
    let atanh_ratio = 1.0
        + u * (1.0 / 3.0
            + u * (1.0 / 5.0
                + u * (1.0 / 7.0 + u * (1.0 / 9.0 + u * (1.0 / 11.0 + u * (1.0 / 13.0))))));
    (1.0 - e2) * sin_lat * (1.0 / (1.0 - u) + atanh_ratio)
}

impl LocalProjection {
    /// An azimuthal equidistant projection centred on `[lon, lat]` (degrees).
    pub fn azimuthal_equidistant(centre: [f64; 2]) -> Self {
        let [lon0, lat0] = centre;
        let e2 = eccentricity_sq();
        let s = lat0.to_radians().sin();
        let w = 1.0 - e2 * s * s;
        // Gaussian mean radius sqrt(M N): the sphere that best fits the ellipsoid at the centre.
        let radius = WGS84_A * (1.0 - e2).sqrt() / w;
        Self {
            kind: LocalKind::AzimuthalEquidistant,
            lon0,
            lat0,
            radius,
            beta1: lat0.to_radians(),
            d: 1.0,
            sin_beta1: lat0.to_radians().sin(),
            cos_beta1: lat0.to_radians().cos(),
            qp: 1.0,
        }
    }

    /// A Lambert azimuthal equal-area projection (ellipsoidal) centred on `[lon, lat]` (degrees).
    pub fn lambert_equal_area(centre: [f64; 2]) -> Self {
        let [lon0, lat0] = centre;
        let e2 = eccentricity_sq();
        let qp = authalic_q(1.0);
        let rq = WGS84_A * (qp / 2.0).sqrt();
        let phi1 = lat0.to_radians();
        let beta1 = (authalic_q(phi1.sin()) / qp).clamp(-1.0, 1.0).asin();
        let m1 = phi1.cos() / (1.0 - e2 * phi1.sin().powi(2)).sqrt();
        let cos_beta1 = beta1.cos();
        // At a pole D is 1 by continuity.
        let d = if cos_beta1.abs() < 1e-12 {
            1.0
        } else {
            WGS84_A * m1 / (rq * cos_beta1)
        };
        Self {
            kind: LocalKind::LambertEqualArea,
            lon0,
            lat0,
            radius: rq,
            beta1,
            d,
            sin_beta1: beta1.sin(),
            cos_beta1,
            qp,
        }
    }

    /// Which projection this is.
    pub fn kind(&self) -> LocalKind {
        self.kind
    }

    /// The centre, `[lon, lat]` in degrees.
    pub fn centre(&self) -> [f64; 2] {
        [self.lon0, self.lat0]
    }

    /// The local position in metres (x east, y north) of `[lon, lat]` in degrees. The antipode of
    /// the centre has no image; it maps to non-finite values.
    pub fn project(&self, lonlat: [f64; 2]) -> [f64; 2] {
        let [lon, lat] = lonlat;
        let dlon = (lon - self.lon0).to_radians();
        match self.kind {
            LocalKind::AzimuthalEquidistant => {
                let (s1, c1) = (self.sin_beta1, self.cos_beta1);
                let (sin_phi, cos_phi) = lat.to_radians().sin_cos();
                let (sin_dlon, cos_dlon) = dlon.sin_cos();
                let cos_c = (s1 * sin_phi + c1 * cos_phi * cos_dlon).clamp(-1.0, 1.0);
                let c = cos_c.acos();
                let k = if c < 1e-12 { 1.0 } else { c / c.sin() };
                let x = self.radius * k * cos_phi * sin_dlon;
                let y = self.radius * k * (c1 * sin_phi - s1 * cos_phi * cos_dlon);
                [x, y]
            }
            LocalKind::LambertEqualArea => {
                // sin β = q / qp; cos β ≥ 0 for a latitude.
                let sb = (authalic_q(lat.to_radians().sin()) / self.qp).clamp(-1.0, 1.0);
                let cb = (1.0 - sb * sb).sqrt();
                let (sb1, cb1) = (self.sin_beta1, self.cos_beta1);
                let (sin_dlon, cos_dlon) = dlon.sin_cos();
                let b = self.radius * (2.0 / (1.0 + sb1 * sb + cb1 * cb * cos_dlon)).sqrt();
                let x = b * self.d * cb * sin_dlon;
                let y = (b / self.d) * (cb1 * sb - sb1 * cb * cos_dlon);
                [x, y]
            }
        }
    }

    /// The `[lon, lat]` in degrees of a local position in metres: the inverse of
    /// [`LocalProjection::project`].
    pub fn unproject(&self, local: [f64; 2]) -> [f64; 2] {
        let [x, y] = local;
        match self.kind {
            LocalKind::AzimuthalEquidistant => {
                let rho = x.hypot(y);
                if rho < 1e-9 {
                    return [self.lon0, self.lat0];
                }
                let c = rho / self.radius;
                let phi1 = self.beta1;
                let phi = (c.cos() * phi1.sin() + y * c.sin() * phi1.cos() / rho)
                    .clamp(-1.0, 1.0)
                    .asin();
                let dlon =
                    (x * c.sin()).atan2(rho * phi1.cos() * c.cos() - y * phi1.sin() * c.sin());
                [
                    normalise_lon(self.lon0 + dlon.to_degrees()),
                    phi.to_degrees(),
                ]
            }
            LocalKind::LambertEqualArea => {
                let d = self.d;
                let rho = (x / d).hypot(d * y);
                if rho < 1e-9 {
                    return [self.lon0, self.lat0];
                }
                let ce = 2.0 * (rho / (2.0 * self.radius)).clamp(-1.0, 1.0).asin();
                let (sb1, cb1) = self.beta1.sin_cos();
                let (sce, cce) = ce.sin_cos();
                let beta = (cce * sb1 + d * y * sce * cb1 / rho)
                    .clamp(-1.0, 1.0)
                    .asin();
                let dlon = (x * sce).atan2(d * rho * cb1 * cce - d * d * y * sb1 * sce);
                [
                    normalise_lon(self.lon0 + dlon.to_degrees()),
                    latitude_from_authalic(beta).to_degrees(),
                ]
            }
        }
    }
}

/// Geodetic latitude from authalic latitude (Snyder eq. 3-18), radians.
fn latitude_from_authalic(beta: f64) -> f64 {
    let e2 = eccentricity_sq();
    let e4 = e2 * e2;
    let e6 = e4 * e2;
    beta + (e2 / 3.0 + 31.0 * e4 / 180.0 + 517.0 * e6 / 5040.0) * (2.0 * beta).sin()
        + (23.0 * e4 / 360.0 + 251.0 * e6 / 3780.0) * (4.0 * beta).sin()
        + (761.0 * e6 / 45360.0) * (6.0 * beta).sin()
}

fn normalise_lon(lon: f64) -> f64 {
    if lon > 180.0 {
        lon - 360.0
    } else if lon < -180.0 {
        lon + 360.0
    } else {
        lon
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{Distance, Geodesic, GeodesicArea, Point, Polygon, polygon};

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    #[test]
    fn mercator_corners_and_centre() {
        let [x, y] = mercator_from_lonlat(0.0, 0.0);
        assert!(close(x, 0.5, 1e-12) && close(y, 0.5, 1e-12));
        let [x, y] = mercator_from_lonlat(-180.0, MERCATOR_MAX_LAT);
        assert!(close(x, 0.0, 1e-12) && close(y, 0.0, 1e-9), "{x} {y}");
        let [x, y] = mercator_from_lonlat(180.0, -MERCATOR_MAX_LAT);
        assert!(close(x, 1.0, 1e-12) && close(y, 1.0, 1e-9), "{x} {y}");
    }

    #[test]
    fn mercator_clamps_poles() {
        assert_eq!(
            mercator_from_lonlat(10.0, 90.0),
            mercator_from_lonlat(10.0, MERCATOR_MAX_LAT)
        );
        assert!(mercator_from_lonlat(10.0, -90.0)[1].is_finite());
    }

    #[test]
    fn mercator_matches_slippy_tile_of_kyiv() {
        // Kyiv (30.5234 E, 50.4501 N) lies in tile x=9581, y=5524 at zoom 14 (the OSM wiki's
        // formula y = (1 − asinh(tan φ)/π)/2 · 2^z).
        let [x, y] = mercator_from_lonlat(30.5234, 50.4501);
        let n = f64::from(1u32 << 14);
        assert_eq!(((x * n).floor(), (y * n).floor()), (9581.0, 5524.0));
    }

    #[test]
    fn mercator_round_trip() {
        for &(lon, lat) in &[
            (30.5234, 50.4501),
            (-0.1276, 51.5072),
            (151.2, -33.9),
            (0.0, 0.0),
        ] {
            let [lon2, lat2] = lonlat_from_mercator(mercator_from_lonlat(lon, lat));
            assert!(
                close(lon, lon2, 1e-9) && close(lat, lat2, 1e-9),
                "{lon},{lat}"
            );
        }
    }

    #[test]
    fn local_round_trip_both_kinds() {
        let kyiv = [30.5234, 50.4501];
        for proj in [
            LocalProjection::azimuthal_equidistant(kyiv),
            LocalProjection::lambert_equal_area(kyiv),
        ] {
            assert_eq!(proj.project(kyiv), [0.0, 0.0]);
            for &p in &[
                [24.03, 49.84],
                [36.23, 49.99],
                [33.52, 44.6],
                [22.3, 48.6],
                [40.2, 52.3],
            ] {
                let back = proj.unproject(proj.project(p));
                assert!(
                    close(back[0], p[0], 1e-8) && close(back[1], p[1], 1e-8),
                    "{:?}: {p:?} -> {back:?}",
                    proj.kind()
                );
            }
        }
    }

    #[test]
    fn equidistant_keeps_distance_from_centre() {
        // Kyiv→Lviv geodesic ≈ 469 km; the sphere approximation stays within 0.2 %.
        let kyiv = [30.5234, 50.4501];
        let lviv = [24.0297, 49.8397];
        let proj = LocalProjection::azimuthal_equidistant(kyiv);
        let [x, y] = proj.project(lviv);
        let geodesic = Geodesic.distance(Point::from(kyiv), Point::from(lviv));
        assert!(
            ((x.hypot(y) - geodesic) / geodesic).abs() < 2e-3,
            "{} vs {geodesic}",
            x.hypot(y)
        );
        assert!(x < 0.0, "Lviv lies west of Kyiv");
    }

    #[test]
    fn equal_area_of_ukraine_sized_region_within_half_percent() {
        // A 22°–40° E × 44°–52.5° N box, densified so its edges follow the same path in both
        // measures (lon/lat-straight), about 1.1 million km².
        let mut ring = Vec::new();
        let steps = 200;
        for i in 0..steps {
            ring.push((22.0 + 18.0 * f64::from(i) / f64::from(steps), 44.0));
        }
        for i in 0..steps {
            ring.push((40.0, 44.0 + 8.5 * f64::from(i) / f64::from(steps)));
        }
        for i in 0..steps {
            ring.push((40.0 - 18.0 * f64::from(i) / f64::from(steps), 52.5));
        }
        for i in 0..steps {
            ring.push((22.0, 52.5 - 8.5 * f64::from(i) / f64::from(steps)));
        }
        let poly = Polygon::new(ring.clone().into(), vec![]);
        let geodesic = poly.geodesic_area_unsigned();

        let proj = LocalProjection::lambert_equal_area([31.0, 48.25]);
        let projected: Vec<(f64, f64)> = ring
            .iter()
            .map(|&(lon, lat)| {
                let [x, y] = proj.project([lon, lat]);
                (x, y)
            })
            .collect();
        let planar = geo::Area::unsigned_area(&Polygon::new(projected.into(), vec![]));
        let error = (planar - geodesic).abs() / geodesic;
        assert!(
            error < 0.005,
            "planar {planar} geodesic {geodesic} error {error}"
        );
        assert!(geodesic > 1.0e12 && geodesic < 1.3e12, "{geodesic}");
    }

    #[test]
    fn equal_area_of_small_square_is_exact() {
        // A 0.01° cell near Kyiv: equal-area projection and geodesic agree to 1e-5.
        let cell: Polygon = polygon![(x: 30.5, y: 50.4), (x: 30.51, y: 50.4), (x: 30.51, y: 50.41), (x: 30.5, y: 50.41)];
        let proj = LocalProjection::lambert_equal_area([30.5, 50.4]);
        let projected: Vec<(f64, f64)> = cell
            .exterior()
            .coords()
            .map(|c| {
                let [x, y] = proj.project([c.x, c.y]);
                (x, y)
            })
            .collect();
        let planar = geo::Area::unsigned_area(&Polygon::new(projected.into(), vec![]));
        let geodesic = cell.geodesic_area_unsigned();
        assert!(
            ((planar - geodesic) / geodesic).abs() < 1e-5,
            "{planar} {geodesic}"
        );
    }
}
