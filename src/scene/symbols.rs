//! How a force's symbol is drawn, for every output: which standard symbol ([`symbology`]), how
//! large, where its parts go, and the text amplifiers beside it. The window (`ui::symbols`,
//! rasterised once per size into a texture atlas) and the export (`export::svg`, vector paths)
//! both place symbols with [`SymbolPlacement`], so a symbol stands in the same place in both.
//!
//! Coordinates are screen-like: x grows right, y grows down, in pixels (or points).

use super::style::Rgba;
use super::symbology::{self, Symbol, ViewBox};
use crate::model::scenario::{Force, NationLists};
use crate::model::sidc::{Identity, Sidc};

/// A point on screen (or page), y down.
pub type ScreenPoint = [f32; 2];

/// Frame fill of friendly units (APP-6 "crystal blue"), as milsymbol draws it.
pub const FRIENDLY_FILL: Rgba = [128, 224, 255, 255];
/// Frame fill of hostile units.
pub const HOSTILE_FILL: Rgba = [255, 128, 128, 255];
/// Frame fill of neutral units.
pub const NEUTRAL_FILL: Rgba = [170, 255, 170, 255];
/// Frame fill of unknown units.
pub const UNKNOWN_FILL: Rgba = [255, 255, 128, 255];
/// The highlight behind a selected symbol.
pub const HIGHLIGHT: Rgba = [255, 200, 0, 200];
/// Height of a friendly land unit's frame on the map, px: the standard's "size" of a symbol
/// (other frames are drawn to the same scale, as the standard sizes them).
pub const SYMBOL_PX: f32 = 22.0;
/// Size of the nation and strength written beside a symbol, px.
pub const AMPLIFIER_TEXT_PX: f32 = 11.0;

/// A friendly land frame is this many symbol units tall.
const FRAME_UNITS: f32 = 100.0;

/// The frame fill of an identity, for keys and KML styles.
pub fn identity_fill(identity: Identity) -> Rgba {
    match identity {
        Identity::Friend | Identity::AssumedFriend => FRIENDLY_FILL,
        Identity::Hostile | Identity::Suspect => HOSTILE_FILL,
        Identity::Neutral => NEUTRAL_FILL,
        Identity::Unknown | Identity::Pending => UNKNOWN_FILL,
    }
}

/// The symbol a force is drawn with: its own code or the derived one, resolved in the catalogue.
pub fn force_symbol(force: &Force, lists: &NationLists) -> Symbol<'static> {
    symbology::resolve(force.symbol_code(lists))
}

/// "4.5k" for 4,500: the strength written beside a symbol.
pub fn short_strength(n: u64) -> String {
    if n >= 1000 {
        let k = n as f64 / 1000.0;
        if k >= 10.0 || k.fract() < 0.05 {
            format!("{k:.0}k")
        } else {
            format!("{k:.1}k")
        }
    } else {
        n.to_string()
    }
}

/// Where a symbol goes on screen.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SymbolPlacement {
    /// Screen pixels for each symbol unit.
    pub px_per_unit: f32,
    /// The whole symbol (frame, icon, echelon, staff): min x, min y, max x, max y.
    pub image: [f32; 4],
    /// The frame alone: the nation goes left of it, the strength right of it; clicks hit it.
    pub frame: [f32; 4],
    /// Screen position of symbol unit (0, 0): the translation of the symbol's own units.
    pub origin: ScreenPoint,
}

fn screen_box(origin: ScreenPoint, scale: f32, b: ViewBox) -> [f32; 4] {
    [
        origin[0] + b[0] * scale,
        origin[1] + b[1] * scale,
        origin[0] + (b[0] + b[2]) * scale,
        origin[1] + (b[1] + b[3]) * scale,
    ]
}

impl SymbolPlacement {
    /// The symbol standing with its anchor (the frame's centre, or a headquarters staff's
    /// foot) on `at`, its friendly land frame `size` px tall.
    pub fn new(symbol: &Symbol<'_>, at: ScreenPoint, size: f32) -> Self {
        let scale = size / FRAME_UNITS;
        let anchor = symbol.anchor();
        let origin = [at[0] - anchor[0] * scale, at[1] - anchor[1] * scale];
        Self {
            px_per_unit: scale,
            image: screen_box(origin, scale, symbol.view_box()),
            frame: screen_box(origin, scale, symbol.frame_box()),
            origin,
        }
    }

    /// Where the nation code goes: right-aligned, vertically centred on this point.
    pub fn nation_at(&self) -> ScreenPoint {
        [self.frame[0] - 3.0, (self.frame[1] + self.frame[3]) / 2.0]
    }

    /// Where the strength goes: left-aligned, vertically centred on this point.
    pub fn strength_at(&self) -> ScreenPoint {
        [self.frame[2] + 3.0, (self.frame[1] + self.frame[3]) / 2.0]
    }
}

/// The opening tag of a symbol's group on the page: the code asked for (`data-sidc`) and the
/// translation and scale from symbol units to page units.
fn svg_group_open(symbol: &Symbol<'_>, placement: &SymbolPlacement) -> String {
    format!(
        r#"<g data-sidc="{}" transform="translate({:.2} {:.2}) scale({:.4})">"#,
        symbol.asked, placement.origin[0], placement.origin[1], placement.px_per_unit,
    )
}

/// The symbol as a self-contained SVG group in page coordinates, its vector paths embedded,
/// tagged with the code asked for (`data-sidc`). A page with many symbols uses [`svg_def`] and
/// [`svg_use`] instead, so each symbol's paths are written once.
pub fn svg_group(symbol: &Symbol<'_>, placement: &SymbolPlacement) -> String {
    format!("{}{}</g>", svg_group_open(symbol, placement), symbol.body())
}

/// The id of a symbol's definition on a page: one per symbol drawn (the code drawn decides the
/// paths: frame, icon and amplifiers).
pub fn svg_def_id(symbol: &Symbol<'_>) -> String {
    format!("sym-{}", symbol.drawn)
}

/// The symbol's vector paths in symbol units, once per page, for the page's `<defs>`.
pub fn svg_def(symbol: &Symbol<'_>) -> String {
    format!(r#"<g id="{}">{}</g>"#, svg_def_id(symbol), symbol.body())
}

/// The symbol at `placement` drawn from its definition ([`svg_def`]): a group tagged with the
/// code asked for (`data-sidc`) holding one `<use>`.
pub fn svg_use(symbol: &Symbol<'_>, placement: &SymbolPlacement) -> String {
    format!(
        r##"{}<use href="#{}"/></g>"##,
        svg_group_open(symbol, placement),
        svg_def_id(symbol)
    )
}

/// The code of a force of `identity` in the legend: an infantry unit.
pub fn legend_code(identity: Identity) -> Sidc {
    Sidc::infantry(identity)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strengths_are_short() {
        assert_eq!(short_strength(800), "800");
        assert_eq!(short_strength(4500), "4.5k");
        assert_eq!(short_strength(5000), "5k");
        assert_eq!(short_strength(40_000), "40k");
    }

    #[test]
    fn a_friendly_unit_stands_centred_on_its_position() {
        let s = symbology::resolve(Sidc::parse("10031000181211020000").unwrap());
        let p = SymbolPlacement::new(&s, [100.0, 50.0], 20.0);
        let [x0, y0, x1, y1] = p.frame;
        // 150 × 100 units plus the stroke (108 units tall), centred.
        assert!(((x0 + x1) / 2.0 - 100.0).abs() < 0.01);
        assert!(((y0 + y1) / 2.0 - 50.0).abs() < 0.01);
        assert!((y1 - y0 - 21.6).abs() < 0.01, "{p:?}");
        // The echelon makes the image taller above the frame only.
        assert!(p.image[1] < p.frame[1]);
        assert_eq!(p.image[3], p.frame[3]);
        assert!(p.nation_at()[0] < x0 && p.strength_at()[0] > x1);
    }

    #[test]
    fn svg_group_names_its_code() {
        let s = symbology::resolve(Sidc::parse("10061000161205000000").unwrap());
        let p = SymbolPlacement::new(&s, [0.0, 0.0], 20.0);
        let g = svg_group(&s, &p);
        assert!(g.starts_with(r#"<g data-sidc="10061000161205000000""#));
        assert!(g.contains("<path"));
        assert!(!g.contains("<text"));
    }

    #[test]
    fn a_use_draws_the_definition_of_the_code_drawn() {
        let s = symbology::resolve(Sidc::parse("10061000161205000000").unwrap());
        let p = SymbolPlacement::new(&s, [0.0, 0.0], 20.0);
        let def = svg_def(&s);
        let used = svg_use(&s, &p);
        assert!(def.starts_with(&format!(r#"<g id="sym-{}">"#, s.drawn)));
        assert!(def.contains("<path"));
        assert!(used.starts_with(r#"<g data-sidc="10061000161205000000""#));
        assert!(used.ends_with(&format!(r##"<use href="#sym-{}"/></g>"##, s.drawn)));
        assert!(!used.contains("<path"));
        // The same transform as the self-contained group.
        let g = svg_group(&s, &p);
        assert_eq!(g.split('>').next(), used.split('>').next());
    }

    #[test]
    fn legend_codes_exist() {
        for identity in Identity::ALL {
            let s = symbology::resolve(legend_code(identity));
            assert!(s.entity.is_some());
        }
    }
}
