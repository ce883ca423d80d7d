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

/// A colour with its alpha replaced by `alpha` (0–1 of opaque).
pub const fn with_alpha(c: Rgba, alpha: f32) -> Rgba {
    [c[0], c[1], c[2], (alpha * 255.0) as u8]
}

/// White.
pub const WHITE: Rgba = [255, 255, 255, 255];
/// Black.
pub const BLACK: Rgba = [0, 0, 0, 255];

// Text and its halo.
/// The halo behind map labels.
pub const HALO: Rgba = [255, 255, 255, 210];
/// Width of the halo around map labels, px.
pub const HALO_WIDTH: f32 = 2.2;
/// City names, px.
pub const CITY_TEXT: f32 = 12.5;
/// Major city names (always labelled), px.
pub const MAJOR_CITY_TEXT: f32 = 13.5;
/// Country names, px.
pub const COUNTRY_TEXT: f32 = 15.0;
/// Proposal names at their line's end, px.
pub const PROPOSAL_TEXT: f32 = 13.0;
/// The nation and strength beside a symbol, px.
pub const FORCE_TEXT: f32 = 11.0;
/// A force's nation code beside its symbol.
pub const FORCE_NATION: Rgba = [0, 0, 0, 255];
/// A force's strength beside its symbol.
pub const FORCE_STRENGTH: Rgba = [40, 40, 40, 255];

// Panels drawn over the map: legend, scale bar, title panel, footer.
/// A panel's background.
pub const PANEL_FILL: Rgba = [255, 255, 255, 225];
/// A panel's edge.
pub const PANEL_EDGE: Rgba = [170, 170, 170, 255];
/// Text in panels.
pub const PANEL_TEXT: Rgba = [25, 25, 25, 255];
/// Muted text in panels (the step number, the legend's header).
pub const PANEL_MUTED: Rgba = [90, 90, 100, 255];
/// Legend text, px.
pub const LEGEND_TEXT: f32 = 12.5;
/// Height of a legend row, px.
pub const LEGEND_ROW: f32 = 18.0;
/// The scale bar's background.
pub const SCALE_FILL: Rgba = [255, 255, 255, 200];
/// The scale bar's ink.
pub const SCALE_INK: Rgba = [30, 30, 30, 255];
/// The title panel's background.
pub const TITLE_FILL: Rgba = [255, 255, 255, 235];
/// The title panel's edge.
pub const TITLE_EDGE: Rgba = [150, 150, 150, 255];
/// The step's title.
pub const TITLE_TEXT: Rgba = [20, 20, 20, 255];
/// The step's caption.
pub const CAPTION_TEXT: Rgba = [40, 40, 40, 255];
/// The footer's background.
pub const FOOTER_FILL: Rgba = [255, 255, 255, 190];
/// The footer's text.
pub const FOOTER_TEXT: Rgba = [60, 60, 60, 255];

// The scenario.
/// Guarantee-area outlines.
pub const GUARANTEE_AREA: Rgba = [20, 110, 160, 255];
/// Guarantee-area outline width, px (selected: [`GUARANTEE_AREA_SELECTED_WIDTH`]).
pub const GUARANTEE_AREA_WIDTH: f32 = 1.8;
/// A selected guarantee area's outline width, px.
pub const GUARANTEE_AREA_SELECTED_WIDTH: f32 = 3.0;
/// Guarantee-area dashes, px.
pub const GUARANTEE_AREA_DASH: [f32; 2] = [8.0, 5.0];
/// Proposal line width, px.
pub const PROPOSAL_WIDTH: f32 = 3.5;
/// A selected proposal's line width, px.
pub const PROPOSAL_SELECTED_WIDTH: f32 = 5.0;
/// Proposals are dashed, so the front line shows where a proposal follows it.
pub const PROPOSAL_DASH: [f32; 2] = [14.0, 6.0];
/// The light casing under a proposal's dashes, px beyond the line's width.
pub const PROPOSAL_CASING: f32 = 2.5;
/// A range ring.
pub const RANGE_RING: Rgba = [40, 60, 120, 110];
/// The selected force's range ring.
pub const RANGE_RING_SELECTED: Rgba = [230, 140, 0, 255];
/// Leader lines from a fanned-out symbol, or a stacked label, to its true place.
pub const LEADER: Rgba = [60, 60, 60, 255];
/// The dot at a fanned-out force's true place.
pub const LEADER_DOT: Rgba = [30, 30, 30, 255];
/// A cluster symbol's text.
pub const CLUSTER_TEXT: Rgba = [30, 30, 30, 255];
/// A cluster symbol's edge and count.
pub const CLUSTER_INK: Rgba = [0, 0, 0, 255];
/// A cluster symbol's edge width.
pub const CLUSTER_EDGE_WIDTH: f32 = 1.5;
/// A force symbol's friendly land frame in the legend, px tall.
pub const LEGEND_SYMBOL_PX: f32 = 10.0;

// Rule marks.
/// Half the size of the cross over a force that cannot stand where it is, px.
pub const MISPLACED_CROSS: f32 = 9.0;
/// Moved to Russian control; a lost belt city; a force too close to the line.
pub const CEDED: Rgba = [196, 28, 36, 255];
/// Moved to Ukrainian control; a held belt city.
pub const GAINED: Rgba = [24, 140, 60, 255];
/// Stretches no monitor covers.
pub const UNMONITORED: Rgba = [255, 140, 0, 178];
/// Width of the unmonitored band, px: wide enough to show on both sides of a proposal.
pub const UNMONITORED_WIDTH: f32 = 20.0;
/// An exposed belt city.
pub const AMBER: Rgba = [235, 160, 0, 255];
/// A city outside air cover.
pub const NO_AIR_COVER: Rgba = [150, 0, 150, 255];
/// The translucent fill of a hatched area (alpha of its colour).
pub const HATCH_FILL_ALPHA: f32 = 0.22;
/// The alpha of hatch lines.
pub const HATCH_LINE_ALPHA: f32 = 0.8;
/// Hatch line width, px.
pub const HATCH_WIDTH: f32 = 1.3;
/// Outline of a hatched area, px.
pub const HATCH_EDGE_WIDTH: f32 = 1.6;
/// The box behind a rule mark's label.
pub const MARK_LABEL_FILL: Rgba = [255, 255, 255, 235];
/// A rule mark's label, px.
pub const MARK_TEXT: f32 = 12.5;
/// The edge around a belt city's dot.
pub const BELT_RING: Rgba = [40, 40, 40, 255];
/// The dashed box around the finding last clicked.
pub const FOCUS: Rgba = [250, 190, 0, 255];

/// A mark label's colour: `c` darkened, so it reads on white.
pub const fn darker(c: Rgba) -> Rgba {
    [
        (c[0] as f32 * 0.7) as u8,
        (c[1] as f32 * 0.7) as u8,
        (c[2] as f32 * 0.7) as u8,
        255,
    ]
}

// Findings badges.
/// A passing rule: fill and ink.
pub const BADGE_PASS: (Rgba, Rgba) = ([222, 242, 222, 255], [30, 120, 50, 255]);
/// A warning: fill and ink.
pub const BADGE_WARNING: (Rgba, Rgba) = ([255, 240, 205, 255], [170, 100, 0, 255]);
/// An error: fill and ink.
pub const BADGE_ERROR: (Rgba, Rgba) = ([250, 218, 218, 255], [180, 30, 30, 255]);
/// A badge's text.
pub const BADGE_TEXT: Rgba = [20, 20, 20, 255];

// The window's own marks and panels (not part of the map picture).
/// The tools' ink: a line being drawn, edit handles.
pub const TOOL_INK: Rgba = [200, 40, 120, 255];
/// The measure tool's line and text.
pub const MEASURE_INK: Rgba = [0, 0, 0, 255];
/// An edit handle that inserts a vertex.
pub const INSERT_HANDLE: Rgba = [255, 255, 255, 200];
/// The box of a box selection: fill and edge.
pub const SELECT_BOX: (Rgba, Rgba) = ([40, 120, 220, 40], [40, 120, 220, 255]);
/// The ring where a vertex snaps onto the front line.
pub const SNAP_RING: Rgba = [255, 200, 0, 255];
/// Where a dragged step will drop.
pub const DROP_LINE: Rgba = [40, 110, 200, 255];
/// Text of an input that cannot be used.
pub const ERROR_TEXT: Rgba = [160, 0, 0, 255];
/// An error finding.
pub const SEVERITY_ERROR: Rgba = [190, 20, 30, 255];
/// A warning finding.
pub const SEVERITY_WARNING: Rgba = [190, 120, 0, 255];
/// An info finding.
pub const SEVERITY_INFO: Rgba = [40, 90, 170, 255];
/// The rules status chip with errors: fill and text.
pub const CHIP_ERROR: (Rgba, Rgba) = ([196, 28, 36, 255], WHITE);
/// The rules status chip with warnings: fill and text.
pub const CHIP_WARNING: (Rgba, Rgba) = ([240, 170, 20, 255], BLACK);
/// The rules status chip when every rule holds: fill and text.
pub const CHIP_PASS: (Rgba, Rgba) = ([30, 140, 70, 255], WHITE);
/// A rule that holds, in the comparison table.
pub const VERDICT_PASS: Rgba = [20, 120, 50, 255];
/// A rule switched off, in the comparison table.
pub const VERDICT_OFF: Rgba = [160, 160, 160, 255];
/// Ledger: strength in Ukraine.
pub const LEDGER_IN_UKRAINE: Rgba = [30, 90, 180, 255];
/// Ledger: strength outside Ukraine.
pub const LEDGER_OUTSIDE: Rgba = [130, 180, 235, 255];
/// Ledger: a benchmark line.
pub const LEDGER_BENCHMARK: Rgba = [196, 28, 36, 255];
/// Ledger: strength ready in time.
pub const LEDGER_READY: Rgba = [90, 140, 90, 255];
/// A backstop nation's force icon in KML.
pub const BACKSTOP_ICON: Rgba = [60, 120, 255, 255];
