//! The map's colours and line widths, shared by the window and the export so both look alike.
//! Colours are sRGB with straight (not premultiplied) alpha: `[r, g, b, a]`.

use super::CountryRole;

/// An sRGB colour with straight alpha.
pub type Rgba = [u8; 4];

/// Sea and everything off the land.
pub const SEA: Rgba = [200, 218, 232, 255];
/// Ukraine.
pub const HOST_FILL: Rgba = [250, 241, 205, 255];
/// Guarantor and backstop states.
pub const GUARANTOR_FILL: Rgba = [204, 220, 245, 255];
/// Adversary states.
pub const ADVERSARY_FILL: Rgba = [236, 214, 210, 255];
/// Other countries, muted.
pub const OTHER_FILL: Rgba = [232, 231, 226, 255];
/// Country borders.
pub const BORDER: Rgba = [128, 128, 128, 255];
/// Oblast boundaries.
pub const OBLAST_LINE: Rgba = [170, 150, 110, 255];
/// Donetsk and Luhansk outlines.
pub const DONBAS_LINE: Rgba = [120, 80, 40, 255];
/// The occupied area's fill (translucent red).
pub const OCCUPIED_FILL: Rgba = [205, 40, 40, 70];
/// The occupied area's edge.
pub const OCCUPIED_EDGE: Rgba = [180, 30, 30, 200];
/// The front line.
pub const FRONT_LINE: Rgba = [140, 0, 0, 255];
/// City dots.
pub const CITY: Rgba = [40, 40, 40, 255];
/// Text.
pub const LABEL: Rgba = [30, 30, 30, 255];
/// Country names.
pub const COUNTRY_LABEL: Rgba = [90, 90, 100, 255];

/// Country border width, px.
pub const BORDER_WIDTH: f32 = 0.8;
/// Oblast boundary width, px.
pub const OBLAST_WIDTH: f32 = 0.6;
/// Donetsk/Luhansk outline width, px.
pub const DONBAS_WIDTH: f32 = 1.8;
/// Occupied-area edge width, px.
pub const OCCUPIED_EDGE_WIDTH: f32 = 1.2;
/// Front-line width, px.
pub const FRONT_LINE_WIDTH: f32 = 3.0;

/// The fill of a country with this role.
pub fn country_fill(role: CountryRole) -> Rgba {
    match role {
        CountryRole::Host => HOST_FILL,
        CountryRole::Guarantor => GUARANTOR_FILL,
        CountryRole::Adversary => ADVERSARY_FILL,
        CountryRole::Other => OTHER_FILL,
    }
}
