//! Standard military symbols (APP-6 D / MIL-STD-2525 D) from `assets/symbols`, GUI-free.
//!
//! `tools/build-symbols` renders every catalogue entity in every standard identity with
//! milsymbol, with its letters already turned into paths, and records what an echelon or a
//! headquarters staff adds to each frame. This module embeds those files, resolves a [`Sidc`] to
//! the closest symbol the catalogue holds, and gives it as SVG elements in milsymbol's units (the
//! octagon centre at 100,100; a friendly land frame is 150 × 100 units). The window rasterises
//! them into its texture atlas (`ui::symbols`), the export embeds them as vector paths
//! (`export::svg`), so both draw the very same symbol.

use crate::model::sidc::{
    Identity, SET_AIR, SET_LAND_EQUIPMENT, SET_LAND_UNIT, SET_SEA_SUBSURFACE, SET_SEA_SURFACE, Sidc,
};
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Every symbol SVG file of the catalogue, by its SIDC (no echelon, no headquarters).
static SVG_FILES: &[(&str, &str)] = include!("../../assets/symbols/embedded.rs");

/// The catalogue written by `tools/build-symbols`.
static CATALOGUE_JSON: &str = include_str!("../../assets/symbols/catalogue.json");

/// The centre of the frame in symbol units.
pub const CENTRE: [f32; 2] = [100.0, 100.0];

/// A box in symbol units: min x, min y, width, height (as an SVG viewBox).
pub type ViewBox = [f32; 4];

/// One entity of the catalogue: what the picker lists.
#[derive(Debug, Clone, Deserialize)]
pub struct Entity {
    /// Symbol set (digits 5–6): "10" land unit, "15" land equipment, "01" air, "30" sea
    /// surface, "35" sea subsurface.
    pub set: String,
    /// Entity, type and subtype (digits 11–16).
    pub code: String,
    /// The name shown to planners ("Mechanised infantry").
    pub name: String,
    /// The standard's entity path ("Movement and Manoeuvre", "Infantry", …).
    pub path: Vec<String>,
    /// More words people search for.
    pub keywords: String,
}

impl Entity {
    /// "Land unit", "Air", … for the entity's symbol set.
    pub fn set_name(&self) -> &'static str {
        set_name(&self.set)
    }

    /// "Movement and Manoeuvre › Infantry › Armoured/Mechanized/Tracked".
    pub fn path_text(&self) -> String {
        self.path.join(" › ")
    }

    /// Whether every word of `query` is found in the name, the path, the set or the keywords
    /// (case-insensitive, British or American spelling).
    pub fn matches(&self, query: &str) -> bool {
        let haystack = normalise(&format!(
            "{} {} {} {}",
            self.name,
            self.path.join(" "),
            self.set_name(),
            self.keywords
        ));
        normalise(query)
            .split_whitespace()
            .all(|word| haystack.contains(word))
    }
}

/// Lower case with American spellings made British, so "armor" finds "armour".
fn normalise(text: &str) -> String {
    text.to_lowercase()
        .replace("mechanized", "mechanised")
        .replace("motorized", "motorised")
        .replace("armor", "armour")
        .replace("defense", "defence")
        .replace("-", " ")
}

/// "Land unit" for "10".
pub fn set_name(set: &str) -> &'static str {
    match set {
        SET_AIR => "Air",
        SET_LAND_UNIT => "Land unit",
        SET_LAND_EQUIPMENT => "Land equipment",
        SET_SEA_SURFACE => "Sea surface",
        SET_SEA_SUBSURFACE => "Sea subsurface",
        _ => "Other",
    }
}

#[derive(Deserialize)]
struct AmplifierRecord {
    identity: String,
    hq: String,
    echelon: String,
    view_box: ViewBox,
    anchor: [f32; 2],
    body: String,
}

#[derive(Deserialize)]
struct CatalogueFile {
    entities: Vec<Entity>,
    symbols: HashMap<String, ViewBox>,
    amplifiers: Vec<AmplifierRecord>,
}

/// One pre-rendered symbol: frame and icon, no amplifiers.
#[derive(Debug)]
struct Base {
    view_box: ViewBox,
    body: &'static str,
}

/// What an echelon and headquarters add to a frame.
#[derive(Debug)]
struct Amplifier {
    /// The box of frame and amplifier together.
    view_box: ViewBox,
    /// Where the symbol stands (a headquarters on the foot of its staff).
    anchor: [f32; 2],
    body: String,
}

/// The embedded catalogue: entities, symbols and amplifiers.
#[derive(Debug)]
pub struct Catalogue {
    entities: Vec<Entity>,
    bases: HashMap<&'static str, Base>,
    /// By (identity digit, headquarters digit, echelon digits).
    amplifiers: HashMap<(char, char, String), Amplifier>,
}

/// The catalogue, parsed on first use.
pub fn catalogue() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(Catalogue::load)
}

/// The elements inside an SVG file's root element.
fn svg_body(svg: &'static str) -> &'static str {
    let start = svg.find('>').map_or(0, |i| i + 1);
    let end = svg.rfind("</svg>").unwrap_or(svg.len());
    svg.get(start..end).unwrap_or_default()
}

impl Catalogue {
    fn load() -> Self {
        // The file is generated and embedded; a broken one fails the catalogue tests, and the
        // program then draws no symbol rather than crash.
        let file: CatalogueFile = serde_json::from_str(CATALOGUE_JSON).unwrap_or_else(|e| {
            log::error!("assets/symbols/catalogue.json: {e}");
            CatalogueFile {
                entities: Vec::new(),
                symbols: HashMap::new(),
                amplifiers: Vec::new(),
            }
        });
        let bases = SVG_FILES
            .iter()
            .filter_map(|(sidc, svg)| {
                let view_box = *file.symbols.get(*sidc)?;
                Some((
                    *sidc,
                    Base {
                        view_box,
                        body: svg_body(svg),
                    },
                ))
            })
            .collect();
        let amplifiers = file
            .amplifiers
            .into_iter()
            .filter_map(|a| {
                let identity = a.identity.chars().next()?;
                let hq = a.hq.chars().next()?;
                Some((
                    (identity, hq, a.echelon),
                    Amplifier {
                        view_box: a.view_box,
                        anchor: a.anchor,
                        body: a.body,
                    },
                ))
            })
            .collect();
        Self {
            entities: file.entities,
            bases,
            amplifiers,
        }
    }

    /// Every entity, in the catalogue's order (by symbol set, then by function).
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// The entity of a set and code, if the catalogue has it.
    pub fn entity(&self, set: &str, code: &str) -> Option<&Entity> {
        self.entities
            .iter()
            .find(|e| e.set == set && e.code == code)
    }

    /// Entities matching a search ("mechanised infantry", "air defence", "frigate"), best
    /// first: name matches before path or keyword matches.
    pub fn search(&self, query: &str) -> Vec<&Entity> {
        let q = normalise(query.trim());
        let mut found: Vec<&Entity> = self.entities.iter().filter(|e| e.matches(&q)).collect();
        found.sort_by_key(|e| {
            let name = normalise(&e.name);
            (!name.starts_with(&q), !name.contains(&q))
        });
        found
    }

    /// Every SIDC the catalogue draws as it is: each entity in each identity the build
    /// rendered, with neither echelon nor headquarters.
    pub fn sidcs(&self) -> Vec<Sidc> {
        let mut out: Vec<Sidc> = self
            .bases
            .keys()
            .filter_map(|s| Sidc::parse(s).ok())
            .collect();
        out.sort();
        out
    }

    /// The symbol the catalogue draws for `sidc`: the code itself when the catalogue holds it,
    /// or the closest symbol it has (same identity, symbol set and echelon; the entity with the
    /// most leading digits in common, down to the set's bare frame).
    pub fn resolve(&self, sidc: Sidc) -> Symbol<'_> {
        // Pending draws as unknown (the standard gives it the same frame, dashed).
        let identity = match sidc.identity() {
            Identity::Pending => Identity::Unknown,
            other => other,
        };
        let set = match sidc.symbol_set() {
            s @ (SET_AIR | SET_LAND_UNIT | SET_LAND_EQUIPMENT | SET_SEA_SURFACE
            | SET_SEA_SUBSURFACE) => s,
            // Air missiles and space fly; mine warfare is at sea; everything else on land.
            "02" | "05" | "06" => SET_AIR,
            "36" => SET_SEA_SUBSURFACE,
            _ => SET_LAND_UNIT,
        };
        let code = sidc.entity();
        let entity = self
            .entities
            .iter()
            .filter(|e| e.set == set)
            .enumerate()
            .map(|(index, e)| {
                let shared = e
                    .code
                    .as_bytes()
                    .chunks(2)
                    .zip(code.as_bytes().chunks(2))
                    .take_while(|(a, b)| a == b)
                    .count();
                // A shared pair counts only if the rest of the catalogue code is unspecified.
                let general = e
                    .code
                    .get(shared * 2..)
                    .is_some_and(|r| r.bytes().all(|b| b == b'0'));
                let score = if e.code == code {
                    4
                } else if general {
                    shared
                } else {
                    0
                };
                (score, std::cmp::Reverse(index), e)
            })
            .filter(|(score, _, e)| *score > 0 || e.code == "000000")
            .max_by_key(|(score, index, _)| (*score, *index))
            .map(|(_, _, e)| e);
        let (hq, amplifier) = if set == SET_LAND_UNIT {
            // Feints and dummies (odd digits) draw as the real thing.
            let hq = match sidc.hq_tf() {
                '1' | '0' => '0',
                '3' | '2' => '2',
                '5' | '4' => '4',
                _ => '6',
            };
            let known = crate::model::sidc::ECHELONS
                .iter()
                .any(|(digits, _)| *digits == sidc.amplifier());
            (hq, if known { sidc.amplifier() } else { "00" })
        } else {
            ('0', "00")
        };
        let drawn = entity
            .and_then(|e| Sidc::from_parts(identity, set, hq, amplifier, &e.code))
            .unwrap_or(sidc);
        let base_key = drawn.with_hq_tf('0').with_amplifier("00");
        let base = self.bases.get(base_key.as_str());
        let amp = self
            .amplifiers
            .get(&(identity.digit(), hq, amplifier.to_owned()));
        Symbol {
            asked: sidc,
            drawn,
            entity,
            base,
            amplifier: amp,
        }
    }
}

/// A resolved symbol: what the catalogue draws for a SIDC.
#[derive(Debug, Clone, Copy)]
pub struct Symbol<'a> {
    /// The code asked for.
    pub asked: Sidc,
    /// The code drawn: the asked one, or the closest the catalogue holds.
    pub drawn: Sidc,
    /// The entity drawn.
    pub entity: Option<&'a Entity>,
    base: Option<&'a Base>,
    amplifier: Option<&'a Amplifier>,
}

impl Symbol<'_> {
    /// Whether the catalogue draws the asked code exactly (identity, set, entity, echelon,
    /// headquarters, modifiers and status as asked).
    pub fn exact(&self) -> bool {
        self.asked.as_str().get(3..) == self.drawn.as_str().get(3..)
    }

    /// For the inspector: what is drawn instead of a code outside the catalogue.
    pub fn substitute_note(&self) -> Option<String> {
        if self.exact() {
            return None;
        }
        let name = self.entity.map_or("a bare frame", |e| e.name.as_str());
        Some(format!(
            "{} is not in the symbol catalogue: drawn as the closest, {} ({})",
            self.asked, name, self.drawn
        ))
    }

    /// The frame and icon's box, without amplifiers: the strength and nation go beside it.
    pub fn frame_box(&self) -> ViewBox {
        self.base.map_or([25.0, 50.0, 150.0, 100.0], |b| b.view_box)
    }

    /// The whole symbol's box: frame, icon, echelon and headquarters staff.
    pub fn view_box(&self) -> ViewBox {
        let a = self.frame_box();
        match self.amplifier {
            Some(amp) => union(a, amp.view_box),
            None => a,
        }
    }

    /// The point of the symbol that stands on the force's position: the frame's centre, or the
    /// foot of a headquarters staff.
    pub fn anchor(&self) -> [f32; 2] {
        self.amplifier.map_or(CENTRE, |a| a.anchor)
    }

    /// The symbol as SVG elements in symbol units.
    pub fn body(&self) -> String {
        let mut out = String::from(self.base.map_or("", |b| b.body));
        if let Some(a) = self.amplifier {
            out.push_str(&a.body);
        }
        out
    }

    /// The symbol as a standalone SVG document, `px_per_unit` pixels for each symbol unit.
    pub fn svg_document(&self, px_per_unit: f32) -> String {
        let [x, y, w, h] = self.view_box();
        format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" viewBox="{x} {y} {w} {h}">{}</svg>"#,
            (w * px_per_unit).ceil().max(1.0),
            (h * px_per_unit).ceil().max(1.0),
            self.body()
        )
    }

    /// The symbol rasterised, `px_per_unit` device pixels for each symbol unit (premultiplied
    /// RGBA). `None` only if the embedded SVG were broken.
    pub fn rasterise(&self, px_per_unit: f32) -> Option<tiny_skia::Pixmap> {
        let svg = self.svg_document(px_per_unit);
        let tree = usvg::Tree::from_str(&svg, &usvg::Options::default()).ok()?;
        let size = tree.size().to_int_size();
        let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height())?;
        let sx = size.width() as f32 / tree.size().width();
        let sy = size.height() as f32 / tree.size().height();
        resvg::render(
            &tree,
            tiny_skia::Transform::from_scale(sx, sy),
            &mut pixmap.as_mut(),
        );
        Some(pixmap)
    }
}

fn union(a: ViewBox, b: ViewBox) -> ViewBox {
    let (x0, y0) = (a[0].min(b[0]), a[1].min(b[1]));
    let (x1, y1) = (
        (a[0] + a[2]).max(b[0] + b[2]),
        (a[1] + a[3]).max(b[1] + b[3]),
    );
    [x0, y0, x1 - x0, y1 - y0]
}

/// The symbol for a code, from the embedded catalogue.
pub fn resolve(sidc: Sidc) -> Symbol<'static> {
    catalogue().resolve(sidc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::scenario::{Component, Role};
    use crate::model::sidc::derived_entity;

    fn sidc(text: &str) -> Sidc {
        Sidc::parse(text).unwrap()
    }

    #[test]
    fn every_catalogue_symbol_parses_and_draws() {
        let cat = catalogue();
        assert!(cat.entities().len() >= 70);
        let all = cat.sidcs();
        assert_eq!(all.len(), cat.entities().len() * 6);
        for s in all {
            let symbol = cat.resolve(s);
            assert!(symbol.exact(), "{s}");
            assert!(symbol.entity.is_some());
            let pixmap = symbol.rasterise(0.2).expect("rasterises");
            let inked = pixmap.pixels().iter().filter(|p| p.alpha() > 0).count();
            assert!(inked > 100, "{s} draws almost nothing");
        }
    }

    #[test]
    fn the_issue_entities_are_found_by_name() {
        let cat = catalogue();
        for (query, set, code) in [
            ("mechanised infantry", "10", "121102"),
            ("mechanized infantry", "10", "121102"),
            ("air defence", "10", "130100"),
            ("air defense", "10", "130100"),
            ("frigate", "30", "120204"),
            ("armour", "10", "120500"),
            ("tanker", "01", "110109"),
            ("awacs", "01", "110116"),
            ("submarine", "35", "110100"),
            ("observer", "10", "121200"),
            ("military police", "10", "141200"),
            ("drone", "10", "121900"),
        ] {
            let found = cat.search(query);
            assert!(
                found.iter().any(|e| e.set == set && e.code == code),
                "{query}: {:?}",
                found.iter().map(|e| &e.name).collect::<Vec<_>>()
            );
        }
        assert_eq!(
            cat.search("frigate").first().map(|e| e.code.as_str()),
            Some("120204")
        );
        assert!(cat.search("zzz nothing").is_empty());
    }

    #[test]
    fn derived_codes_are_all_in_the_catalogue() {
        for &component in Component::ALL {
            for &role in Role::ALL {
                let (set, code) = derived_entity(component, role);
                assert!(
                    catalogue().entity(set, code).is_some(),
                    "{component} {role}"
                );
            }
        }
    }

    #[test]
    fn amplifiers_compose_above_and_below_the_frame() {
        let plain = resolve(sidc("10031000001211020000"));
        let brigade = resolve(sidc("10031000181211020000"));
        assert!(brigade.exact());
        // The echelon stands above the frame.
        assert!(brigade.view_box()[1] < plain.view_box()[1]);
        assert_eq!(brigade.frame_box(), plain.frame_box());
        assert_eq!(brigade.anchor(), CENTRE);
        // A headquarters stands on the foot of its staff, below the frame.
        let hq = resolve(sidc("10031002181211020000"));
        assert!(hq.exact());
        assert!(hq.anchor()[1] > 150.0, "{:?}", hq.anchor());
        assert!(hq.body().len() > brigade.body().len());
    }

    #[test]
    fn codes_outside_the_catalogue_draw_the_closest_symbol() {
        // Infantry, a subtype the catalogue lacks (sniper team would be 121500): infantry's
        // type 1211 with an unknown subtype draws infantry, keeping identity and echelon.
        let s = resolve(sidc("10061000161211990000"));
        assert!(!s.exact());
        assert_eq!(s.drawn.as_str(), "10061000161211000000");
        assert!(s.substitute_note().unwrap().contains("Infantry"));
        // An entity with nothing in common: the set's bare frame.
        let s = resolve(sidc("10041000159999990000"));
        assert_eq!(s.drawn.as_str(), "10041000150000000000");
        // A symbol set the catalogue lacks (land installation) draws as a land unit.
        let s = resolve(sidc("10032000001200000000"));
        assert_eq!(s.drawn.symbol_set(), "10");
        // Pending draws with the unknown frame.
        let s = resolve(sidc("10001000001211000000"));
        assert_eq!(s.drawn.identity(), Identity::Unknown);
        // An aircraft carries no echelon.
        let s = resolve(sidc("10030100181101040000"));
        assert_eq!(s.drawn.as_str(), "10030100001101040000");
    }
}
