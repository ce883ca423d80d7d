//! The scenario file of contract.md: one GeoJSON FeatureCollection whose foreign member
//! `armistice` holds the plan's settings. Forces, demarcations and guarantee areas are parsed into
//! types ("parse, don't validate"); every other feature and every property the program does not
//! know is kept and written back unchanged.

use super::geojson_read::{FeatureRef, GeoJsonError, parse_collection};
use super::nations::nation_name;
use super::sidc::{Sidc, SidcError};
use geo::{LineString, MultiPolygon, Point};
use geojson::{Feature, FeatureCollection, GeometryValue, JsonObject, JsonValue};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The newest scenario format this program reads and writes.
pub const FORMAT_VERSION: u64 = 1;

/// Largest scenario file read, in bytes: a plan is a few hundred features, not a data dump.
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;

/// Deepest JSON nesting accepted (GeoJSON needs 7 for a MultiPolygon inside a feature).
pub const MAX_NESTING: usize = 64;

/// Largest strength of one force (contract.md): ten million, more than any army fields, so that
/// no sum of a file's forces can come near the range of the totals.
pub const MAX_STRENGTH: u64 = 10_000_000;

/// The members of a step object the program reads; others are kept as they are.
const STEP_MEMBERS: [&str; 6] = ["title", "caption", "view", "layers", "features", "findings"];

/// The names of the bundled layers a step may show.
pub const LAYER_NAMES: [&str; 6] = [
    "countries",
    "guarantors",
    "oblasts",
    "cities",
    "front-line",
    "occupied",
];

macro_rules! keyword_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name { $($(#[$vmeta])* #[serde(rename = $text)] $variant),+ }

        impl $name {
            /// Every value, in the order of contract.md.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// The keyword used in files.
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $text),+ }
            }

            /// Parses the keyword used in files.
            pub fn parse(text: &str) -> Option<Self> {
                match text { $($text => Some(Self::$variant),)+ _ => None }
            }

            /// "one of a, b, c" for messages.
            pub fn expected() -> String {
                let names: Vec<&str> = Self::ALL.iter().map(|v| v.as_str()).collect();
                format!("one of {}", names.join(", "))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

keyword_enum!(
    /// A force's military component.
    Component {
        /// Ground forces.
        Land => "land",
        /// Combat aircraft.
        Air => "air",
        /// Naval forces.
        Maritime => "maritime",
        /// Ground-based air and missile defence.
        AirDefense => "air-defense",
        /// Intelligence, surveillance, reconnaissance.
        Isr => "isr",
        /// Supply, transport, maintenance.
        Logistics => "logistics",
    }
);

keyword_enum!(
    /// What a force is for.
    Role {
        /// Stationed to reassure, away from the line.
        Reassurance => "reassurance",
        /// Ready within days to reinforce.
        RapidReaction => "rapid-reaction",
        /// Observes the line.
        Monitor => "monitor",
        /// Stands behind the guarantee from outside.
        Backstop => "backstop",
    }
);

keyword_enum!(
    /// A visible credibility measure (`armistice.measures`, contract.md).
    Measure {
        /// Joint exercises with Ukraine.
        JointExercises => "joint-exercises",
        /// Contingency planning.
        ContingencyPlanning => "contingency-planning",
        /// Equipment pre-positioned.
        Prepositioning => "prepositioning",
        /// Rapid-reaction protocols agreed.
        RapidReactionProtocols => "rapid-reaction-protocols",
    }
);

keyword_enum!(
    /// Unit size, as drawn above an APP-6 frame.
    Echelon {
        /// A team or crew.
        Team => "team",
        /// About 100–250.
        Company => "company",
        /// About 800.
        Battalion => "battalion",
        /// About 3,000–5,000.
        Brigade => "brigade",
        /// About 10,000–20,000.
        Division => "division",
        /// Several divisions.
        Corps => "corps",
    }
);

keyword_enum!(
    /// How a demarcation's control is accepted (`recognition`).
    Recognition {
        /// Control accepted in fact, temporarily, without recognition in law (the default).
        DeFacto => "de-facto",
        /// Control recognised in law.
        DeJure => "de-jure",
    }
);

impl Recognition {
    /// What a demarcation without a `recognition` property is: de facto.
    pub const DEFAULT: Self = Self::DeFacto;
}

keyword_enum!(
    /// The mandate of a mission in Ukraine (`armistice.mandate`).
    Mandate {
        /// Watch and report only (the Sinai MFO).
        Observation => "observation",
        /// Force only in self-defence.
        SelfDefence => "self-defence",
        /// Force beyond self-defence to carry out the mission.
        Robust => "robust",
    }
);

/// A force a nation would commit.
#[derive(Debug, Clone, PartialEq)]
pub struct Force {
    /// Display name ("12th Mech Bde").
    pub name: Option<String>,
    /// ISO 3166-1 alpha-2 code.
    pub nation: String,
    /// Its component.
    pub component: Component,
    /// Its role.
    pub role: Role,
    /// Personnel.
    pub strength: u64,
    /// Days until ready to act.
    pub readiness_days: f64,
    /// Unit size.
    pub echelon: Option<Echelon>,
    /// Reach of its weapons or aircraft, km.
    pub range_km: Option<f64>,
    /// Where it is, WGS84 lon/lat.
    pub position: Point,
    /// The symbol code the planner chose; `None`: derived from nation, component, role and
    /// echelon when drawn ([`Sidc::derive`]), and never written to the file.
    pub sidc: Option<Sidc>,
}

impl Force {
    /// The code that decides this force's symbol: its own, or one derived from its nation's part
    /// in the plan, component, role and echelon.
    pub fn symbol_code(&self, lists: &NationLists) -> Sidc {
        self.sidc
            .unwrap_or_else(|| Sidc::derive(self, lists.affiliation(&self.nation)))
    }
}

/// A proposed line of control.
#[derive(Debug, Clone, PartialEq)]
pub struct Demarcation {
    /// Display name ("Proposal A").
    pub name: Option<String>,
    /// The line, WGS84 lon/lat.
    pub line: LineString,
    /// Whether control along it would be accepted de facto or recognised de jure.
    pub recognition: Recognition,
}

/// The territory a guarantee would cover.
#[derive(Debug, Clone, PartialEq)]
pub struct GuaranteeArea {
    /// Display name.
    pub name: Option<String>,
    /// The area, WGS84 lon/lat.
    pub area: MultiPolygon,
}

/// What a scenario feature is.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// `kind: "force"`.
    Force(Force),
    /// `kind: "demarcation"`.
    Demarcation(Demarcation),
    /// `kind: "guarantee-area"`.
    GuaranteeArea(GuaranteeArea),
    /// Any other kind, or none: kept as it was.
    Other,
}

impl Item {
    /// The `kind` keyword, if the program knows the kind.
    pub fn kind(&self) -> Option<&'static str> {
        match self {
            Self::Force(_) => Some("force"),
            Self::Demarcation(_) => Some("demarcation"),
            Self::GuaranteeArea(_) => Some("guarantee-area"),
            Self::Other => None,
        }
    }

    /// The display name, if any.
    pub fn name(&self) -> Option<&str> {
        match self {
            Self::Force(f) => f.name.as_deref(),
            Self::Demarcation(d) => d.name.as_deref(),
            Self::GuaranteeArea(a) => a.name.as_deref(),
            Self::Other => None,
        }
    }
}

/// How a scenario file was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    /// Whether the file had the `armistice` member (settings, steps); without it, it was read as
    /// plain GeoJSON with default settings.
    pub settings_member: bool,
}

/// One feature of the scenario, with everything the file said about it.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioFeature {
    /// Stable id: from the file, or assigned on load and written on save.
    pub id: String,
    /// What it is, parsed.
    pub item: Item,
    /// The feature as read (geometry, properties, foreign members): written back with the known
    /// properties and the geometry of `item` put in, so nothing unknown is lost.
    pub original: Feature,
}

impl ScenarioFeature {
    /// A label for lists: the name; for a feature of another kind (plain GeoJSON) its `name` or
    /// `title` property; else the id.
    pub fn label(&self) -> &str {
        self.item
            .name()
            .or_else(|| match self.item {
                Item::Other => self.original.properties.as_ref().and_then(|props| {
                    ["name", "title"]
                        .iter()
                        .find_map(|key| props.get(*key).and_then(JsonValue::as_str))
                        .filter(|name| !name.trim().is_empty())
                }),
                _ => None,
            })
            .unwrap_or(&self.id)
    }

    /// A feature made in the program (not read from a file): `original` is an empty feature, so
    /// the file gets exactly what `item` says.
    pub fn new(id: String, item: Item) -> Self {
        Self {
            id,
            item,
            original: Feature {
                bbox: None,
                geometry: None,
                id: None,
                properties: None,
                foreign_members: None,
            },
        }
    }
}

/// One step of a walkthrough.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Step {
    /// Title shown large.
    pub title: String,
    /// Text under the title.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub caption: String,
    /// [min_lon, min_lat, max_lon, max_lat].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub view: Option<[f64; 4]>,
    /// Bundled layers shown; `None`: all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub layers: Option<Vec<String>>,
    /// Scenario features shown; `None`: all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub features: Option<Vec<String>>,
    /// Whether the live rule status is shown.
    #[serde(default)]
    pub findings: bool,
}

/// A plan: its settings and its features.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// The plan's title.
    pub title: String,
    /// Path of a front-line GeoJSON relative to the scenario file; `None`: the bundled line.
    pub front_line: Option<String>,
    /// Visible credibility measures taken.
    pub measures: Vec<String>,
    /// The mandate of the mission in Ukraine, if the plan names one.
    pub mandate: Option<Mandate>,
    /// Per-rule parameter overrides, `armistice.rules` as written.
    pub rules: JsonObject,
    /// The walkthrough.
    pub steps: Vec<Step>,
    /// Forces, demarcations, guarantee areas and other features, in file order.
    pub features: Vec<ScenarioFeature>,
    /// Members of `armistice` this program does not know, kept for writing back.
    pub other_settings: JsonObject,
    /// Foreign members of the collection other than `armistice`, kept for writing back.
    pub other_members: JsonObject,
    /// Members of steps this program does not know, each with the step it was read with. On save
    /// they go back into the step equal to that one, so a reordered step keeps them (a step
    /// whose known members were edited no longer matches and is written without them).
    pub step_extras: Vec<(Step, JsonObject)>,
}

impl Default for Scenario {
    fn default() -> Self {
        Self {
            title: "Untitled plan".to_owned(),
            front_line: None,
            measures: Vec::new(),
            mandate: None,
            rules: JsonObject::new(),
            steps: Vec::new(),
            features: Vec::new(),
            other_settings: JsonObject::new(),
            other_members: JsonObject::new(),
            step_extras: Vec::new(),
        }
    }
}

/// The bundled default scenario, embedded in the binary.
pub const DEFAULT_SCENARIO: &str = include_str!("../../scenarios/default.geojson");

/// Something wrong in a scenario file.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ScenarioError {
    /// A GeoJSON-level problem (syntax, geometry, property).
    #[error(transparent)]
    GeoJson(#[from] GeoJsonError),
    /// The file is larger than a scenario can be.
    #[error("{file}: {bytes} bytes is too large for a scenario (at most {max} bytes)")]
    TooLarge {
        /// The file's name.
        file: String,
        /// Its size.
        bytes: usize,
        /// The limit.
        max: usize,
    },
    /// JSON nested deeper than any scenario needs.
    #[error("{file}: JSON nested deeper than {max} levels")]
    TooDeep {
        /// The file's name.
        file: String,
        /// The limit.
        max: usize,
    },
    /// A setting under `armistice` is wrong.
    #[error("{file}: {}: expected {expected}", setting_path(setting))]
    Setting {
        /// The file's name.
        file: String,
        /// The setting's path below `armistice`.
        setting: String,
        /// What was expected.
        expected: String,
    },
    /// Two features share an id (edits, steps and findings name features by id).
    #[error(
        "{file}: feature #{index}: id \"{id}\": expected an id no other feature has (feature #{first} has it too)"
    )]
    DuplicateId {
        /// The file's name.
        file: String,
        /// The later feature's index.
        index: usize,
        /// The id.
        id: String,
        /// The index of the first feature with that id.
        first: usize,
    },
    /// The file was written by a newer program.
    #[error(
        "{file}: armistice.format {found} is newer than this program knows (format {FORMAT_VERSION}); update Armistice to open it"
    )]
    NewerFormat {
        /// The file's name.
        file: String,
        /// The format found.
        found: u64,
    },
}

/// "armistice.title" for the setting "title", "armistice" for the member itself.
fn setting_path(setting: &str) -> String {
    if setting.is_empty() {
        "armistice".to_owned()
    } else {
        format!("armistice.{setting}")
    }
}

/// ` (found 5)`: a value as the file wrote it, cut short, for messages.
fn found_suffix(value: &JsonValue) -> String {
    let text = value.to_string();
    let short: String = text.chars().take(40).collect();
    let more = if short.len() < text.len() { "…" } else { "" };
    format!(" (found {short}{more})")
}

fn property_error(
    file: &str,
    feature: FeatureRef,
    property: &str,
    expected: String,
) -> ScenarioError {
    GeoJsonError::Property {
        file: file.to_owned(),
        feature,
        property: property.to_owned(),
        expected,
    }
    .into()
}

/// A number for a message: `95.5`, and `1e308` rather than its 309 digits.
fn show(x: f64) -> String {
    super::geojson_read::show_number(x)
}

/// Reads one step of `armistice.steps`. An error gives the member at fault ("" for the step
/// itself) and what was expected, with what was found.
fn read_step(value: &JsonValue) -> Result<Step, (String, String)> {
    let fail = |member: &str, expected: String| Err((member.to_owned(), expected));
    let Some(members) = value.as_object() else {
        return fail(
            "",
            format!(
                "a step, an object with a title such as {{\"title\": \"Today's line\"}}{}",
                found_suffix(value)
            ),
        );
    };
    let found = |member: &str| match members.get(member) {
        None => " (missing)".to_owned(),
        Some(v) => found_suffix(v),
    };
    let title = match members.get("title") {
        Some(JsonValue::String(s)) => s.clone(),
        _ => {
            return fail(
                "title",
                format!("the step's title, a string{}", found("title")),
            );
        }
    };
    let caption = match members.get("caption") {
        None => String::new(),
        Some(JsonValue::String(s)) => s.clone(),
        Some(other) => {
            return fail(
                "caption",
                format!("the text under the title, a string{}", found_suffix(other)),
            );
        }
    };
    let view_expected = "[min_lon, min_lat, max_lon, max_lat]: four numbers in degrees, longitudes from −180 to 180, latitudes from −90 to 90, each min less than its max";
    let view = match members.get("view") {
        None | Some(JsonValue::Null) => None,
        Some(v) => {
            let numbers: Option<Vec<f64>> = v
                .as_array()
                .map(|a| {
                    a.iter()
                        .map(JsonValue::as_f64)
                        .collect::<Option<Vec<f64>>>()
                })
                .unwrap_or(None);
            let Some([w, s, e, n]) = numbers
                .as_deref()
                .and_then(|n| <[f64; 4]>::try_from(n).ok())
            else {
                return fail("view", format!("{view_expected}{}", found_suffix(v)));
            };
            let problem = [("min_lon", w), ("max_lon", e)]
                .into_iter()
                .find(|(_, x)| !(-180.0..=180.0).contains(x))
                .map(|(name, x)| format!("{name} {} is outside −180..180", show(x)))
                .or_else(|| {
                    [("min_lat", s), ("max_lat", n)]
                        .into_iter()
                        .find(|(_, y)| !(-90.0..=90.0).contains(y))
                        .map(|(name, y)| format!("{name} {} is outside −90..90", show(y)))
                })
                .or_else(|| {
                    (w >= e).then(|| {
                        format!("min_lon {} is not less than max_lon {}", show(w), show(e))
                    })
                })
                .or_else(|| {
                    (s >= n).then(|| {
                        format!("min_lat {} is not less than max_lat {}", show(s), show(n))
                    })
                });
            if let Some(problem) = problem {
                return fail("view", format!("{view_expected} ({problem})"));
            }
            Some([w, s, e, n])
        }
    };
    let names = |member: &str, expected: &str| -> Result<Option<Vec<String>>, (String, String)> {
        match members.get(member) {
            None | Some(JsonValue::Null) => Ok(None),
            Some(v) => serde_json::from_value::<Vec<String>>(v.clone())
                .map(Some)
                .map_err(|_| (member.to_owned(), format!("{expected}{}", found_suffix(v)))),
        }
    };
    let layers = names(
        "layers",
        &format!("a list of layer names from {}", LAYER_NAMES.join(", ")),
    )?;
    if let Some(unknown) = layers
        .iter()
        .flatten()
        .find(|l| !LAYER_NAMES.contains(&l.as_str()))
    {
        return fail(
            "layers",
            format!(
                "layer names from {} (found \"{unknown}\")",
                LAYER_NAMES.join(", ")
            ),
        );
    }
    let features = names("features", "a list of feature ids")?;
    let findings = match members.get("findings") {
        None => false,
        Some(JsonValue::Bool(b)) => *b,
        Some(other) => {
            return fail(
                "findings",
                format!(
                    "true or false (whether the step shows the rule status){}",
                    found_suffix(other)
                ),
            );
        }
    };
    Ok(Step {
        title,
        caption,
        view,
        layers,
        features,
        findings,
    })
}

/// How deep `text` nests `[` and `{`, stopping early past `limit`; strings are skipped (found
/// by `memchr`, escapes and all).
fn nesting_exceeds(text: &str, limit: usize) -> bool {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        i += 1;
        match byte {
            b'"' => loop {
                let Some(at) = bytes
                    .get(i..)
                    .and_then(|rest| memchr::memchr2(b'"', b'\\', rest))
                    .map(|k| i + k)
                else {
                    return false;
                };
                if bytes.get(at) == Some(&b'\\') {
                    // An escape: the next byte is part of the string whatever it is.
                    i = at + 2;
                } else {
                    i = at + 1;
                    break;
                }
            },
            b'[' | b'{' => {
                depth += 1;
                if depth > limit {
                    return true;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    false
}

impl Scenario {
    /// The bundled default scenario.
    pub fn bundled_default() -> Result<Self, ScenarioError> {
        Self::parse("default.geojson", DEFAULT_SCENARIO)
    }

    /// Parses a scenario file's text; `file` names it in messages.
    pub fn parse(file: &str, text: &str) -> Result<Self, ScenarioError> {
        Self::parse_reading(file, text).map(|(scenario, _)| scenario)
    }

    /// Parses a scenario file's text and says how it was read: a plain GeoJSON file (no
    /// `armistice` member, as QGIS writes one) is a plan with default settings whose title is the
    /// collection's `name` or `title`, if it has one.
    pub fn parse_reading(file: &str, text: &str) -> Result<(Self, Reading), ScenarioError> {
        if text.len() > MAX_FILE_BYTES {
            return Err(ScenarioError::TooLarge {
                file: file.to_owned(),
                bytes: text.len(),
                max: MAX_FILE_BYTES,
            });
        }
        if nesting_exceeds(text, MAX_NESTING) {
            return Err(ScenarioError::TooDeep {
                file: file.to_owned(),
                max: MAX_NESTING,
            });
        }
        // Editors on Windows often start UTF-8 files with a byte order mark; JSON parsers don't
        // expect one (RFC 8259 lets them ignore it).
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut collection = parse_collection(file, text)?;
        let mut scenario = Self::default();
        let mut other_members = collection.foreign_members.take().unwrap_or_default();
        if let Some(bbox) = &collection.bbox {
            // Not used by the program, but the file's own: written back as it was.
            other_members.insert("bbox".to_owned(), bbox.clone().into());
        }
        let settings_member = match other_members.shift_remove("armistice") {
            Some(settings) => {
                scenario.read_settings(file, settings)?;
                true
            }
            None => {
                let named = ["name", "title"]
                    .iter()
                    .find_map(|key| other_members.get(*key).and_then(JsonValue::as_str));
                if let Some(name) = named.filter(|n| !n.trim().is_empty()) {
                    scenario.title = name.trim().to_owned();
                }
                false
            }
        };
        scenario.other_members = other_members;

        let mut features = Vec::with_capacity(collection.features.len());
        for (index, feature) in collection.features.into_iter().enumerate() {
            features.push(read_feature(file, feature, index)?);
        }
        let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for (index, feature) in features.iter().enumerate() {
            if feature.id.is_empty() {
                continue;
            }
            if let Some(first) = seen.insert(&feature.id, index) {
                return Err(ScenarioError::DuplicateId {
                    file: file.to_owned(),
                    index,
                    id: feature.id.clone(),
                    first,
                });
            }
        }
        assign_missing_ids(&mut features);
        scenario.features = features;
        scenario.check_step_features(file)?;
        Ok((scenario, Reading { settings_member }))
    }

    fn read_settings(&mut self, file: &str, settings: JsonValue) -> Result<(), ScenarioError> {
        let setting_error = |setting: &str, expected: &str| ScenarioError::Setting {
            file: file.to_owned(),
            setting: setting.to_owned(),
            expected: expected.to_owned(),
        };
        let JsonValue::Object(mut settings) = settings else {
            return Err(ScenarioError::Setting {
                file: file.to_owned(),
                setting: String::new(),
                expected: format!("an object of settings{}", found_suffix(&settings)),
            });
        };
        if let Some(format) = settings.shift_remove("format") {
            let Some(found) = format.as_u64() else {
                return Err(setting_error(
                    "format",
                    &format!("a whole number (1){}", found_suffix(&format)),
                ));
            };
            if found > FORMAT_VERSION {
                return Err(ScenarioError::NewerFormat {
                    file: file.to_owned(),
                    found,
                });
            }
        }
        if let Some(title) = settings.shift_remove("title") {
            self.title = match title {
                JsonValue::String(s) => s,
                other => {
                    return Err(setting_error(
                        "title",
                        &format!("a string{}", found_suffix(&other)),
                    ));
                }
            };
        }
        if let Some(front) = settings.shift_remove("front_line") {
            self.front_line = match front {
                JsonValue::String(s) => Some(s),
                JsonValue::Null => None,
                other => {
                    return Err(setting_error(
                        "front_line",
                        &format!("a path to a GeoJSON file{}", found_suffix(&other)),
                    ));
                }
            };
        }
        if let Some(measures) = settings.shift_remove("measures") {
            self.measures = serde_json::from_value(measures.clone()).map_err(|_| {
                setting_error(
                    "measures",
                    &format!("a list of strings{}", found_suffix(&measures)),
                )
            })?;
            if let Some((i, unknown)) = self
                .measures
                .iter()
                .enumerate()
                .find(|(_, m)| Measure::parse(m).is_none())
            {
                return Err(setting_error(
                    &format!("measures[{i}]"),
                    &format!(
                        "a measure, {}{}",
                        Measure::expected(),
                        found_suffix(&JsonValue::from(unknown.as_str()))
                    ),
                ));
            }
        }
        if let Some(mandate) = settings.shift_remove("mandate") {
            self.mandate = match &mandate {
                JsonValue::Null => None,
                value => Some(value.as_str().and_then(Mandate::parse).ok_or_else(|| {
                    setting_error(
                        "mandate",
                        &format!("{}{}", Mandate::expected(), found_suffix(&mandate)),
                    )
                })?),
            };
        }
        if let Some(rules) = settings.shift_remove("rules") {
            self.rules = match rules {
                JsonValue::Object(map) => map,
                other => {
                    return Err(setting_error(
                        "rules",
                        &format!("an object of rule ids{}", found_suffix(&other)),
                    ));
                }
            };
            for (id, params) in &self.rules {
                if !params.is_object() {
                    return Err(setting_error(
                        &format!("rules.{id}"),
                        "an object of parameters",
                    ));
                }
            }
        }
        if let Some(steps) = settings.shift_remove("steps") {
            let JsonValue::Array(steps) = steps else {
                return Err(setting_error("steps", "a list of steps"));
            };
            for (i, step) in steps.into_iter().enumerate() {
                let extras: JsonObject = step
                    .as_object()
                    .map(|members| {
                        members
                            .iter()
                            .filter(|(k, _)| !STEP_MEMBERS.contains(&k.as_str()))
                            .map(|(k, v)| (k.clone(), v.clone()))
                            .collect()
                    })
                    .unwrap_or_default();
                let step = read_step(&step).map_err(|(member, expected)| {
                    let setting = if member.is_empty() {
                        format!("steps[{i}]")
                    } else {
                        format!("steps[{i}].{member}")
                    };
                    setting_error(&setting, &expected)
                })?;
                if !extras.is_empty() {
                    self.step_extras.push((step.clone(), extras));
                }
                self.steps.push(step);
            }
        }
        self.other_settings = settings;
        Ok(())
    }

    /// Every id a step names must be a feature's (a walkthrough showing a feature that is not
    /// there would show something else than its author meant).
    fn check_step_features(&self, file: &str) -> Result<(), ScenarioError> {
        if self.steps.iter().all(|s| s.features.is_none()) {
            return Ok(());
        }
        let ids: std::collections::HashSet<&str> =
            self.features.iter().map(|f| f.id.as_str()).collect();
        for (i, step) in self.steps.iter().enumerate() {
            if let Some(missing) = step
                .features
                .iter()
                .flatten()
                .find(|id| !ids.contains(id.as_str()))
            {
                return Err(ScenarioError::Setting {
                    file: file.to_owned(),
                    setting: format!("steps[{i}].features"),
                    expected: format!(
                        "ids of the scenario's features (found \"{missing}\", which no feature has)"
                    ),
                });
            }
        }
        Ok(())
    }

    /// The steps with `ids` taken out of the features they show, if any step names one: what a
    /// deletion of those features does to the walkthrough, so the file stays one that opens.
    pub fn steps_without(&self, ids: &[String]) -> Option<Vec<Step>> {
        let names = |s: &Step| s.features.iter().flatten().any(|f| ids.contains(f));
        if !self.steps.iter().any(names) {
            return None;
        }
        Some(
            self.steps
                .iter()
                .map(|s| {
                    let mut s = s.clone();
                    if let Some(features) = &mut s.features {
                        features.retain(|f| !ids.contains(f));
                    }
                    s
                })
                .collect(),
        )
    }

    /// Where the feature with this id is in `features`.
    pub fn feature_index(&self, id: &str) -> Option<usize> {
        self.features.iter().position(|f| f.id == id)
    }

    /// The feature with this id, to change it.
    pub fn feature_mut(&mut self, id: &str) -> Option<&mut ScenarioFeature> {
        self.features.iter_mut().find(|f| f.id == id)
    }

    /// An id no feature has yet: `prefix-N` with the smallest free N.
    pub fn unused_id(&self, prefix: &str) -> String {
        (1..)
            .map(|n| format!("{prefix}-{n}"))
            .find(|candidate| self.feature(candidate).is_none())
            .unwrap_or_else(|| prefix.to_owned())
    }

    /// The feature with this id.
    pub fn feature(&self, id: &str) -> Option<&ScenarioFeature> {
        self.features.iter().find(|f| f.id == id)
    }

    /// The forces, with their ids.
    pub fn forces(&self) -> impl Iterator<Item = (&str, &Force)> {
        self.features.iter().filter_map(|f| match &f.item {
            Item::Force(force) => Some((f.id.as_str(), force)),
            _ => None,
        })
    }

    /// The demarcation proposals, with their ids.
    pub fn demarcations(&self) -> impl Iterator<Item = (&str, &Demarcation)> {
        self.features.iter().filter_map(|f| match &f.item {
            Item::Demarcation(d) => Some((f.id.as_str(), d)),
            _ => None,
        })
    }

    /// The guarantee areas, with their ids.
    pub fn guarantee_areas(&self) -> impl Iterator<Item = (&str, &GuaranteeArea)> {
        self.features.iter().filter_map(|f| match &f.item {
            Item::GuaranteeArea(a) => Some((f.id.as_str(), a)),
            _ => None,
        })
    }

    /// A rule parameter's scenario override, if the scenario sets one.
    pub fn rule_param(&self, rule: &str, param: &str) -> Option<&JsonValue> {
        self.rules.get(rule)?.get(param)
    }

    /// The guarantor and backstop nations: `guarantor-eligibility`'s `guarantors` and `backstop`
    /// lists, with contract.md's defaults where the scenario sets none.
    pub fn nation_lists(&self) -> NationLists {
        let list = |param: &str, default: &[&str]| -> Vec<String> {
            self.rule_param("guarantor-eligibility", param)
                .and_then(|v| serde_json::from_value::<Vec<String>>(v.clone()).ok())
                .unwrap_or_else(|| default.iter().map(|s| (*s).to_owned()).collect())
        };
        NationLists {
            guarantors: list("guarantors", &DEFAULT_GUARANTORS),
            backstop: list("backstop", &DEFAULT_BACKSTOP),
            host: list("host", &DEFAULT_HOST),
            adversary: list("adversary", &DEFAULT_ADVERSARY),
        }
    }

    /// The scenario as a GeoJSON FeatureCollection, ready to write.
    pub fn to_collection(&self) -> FeatureCollection {
        let mut settings = JsonObject::new();
        settings.insert("format".to_owned(), FORMAT_VERSION.into());
        settings.insert("title".to_owned(), self.title.clone().into());
        if let Some(front) = &self.front_line {
            settings.insert("front_line".to_owned(), front.clone().into());
        }
        if !self.measures.is_empty() {
            settings.insert("measures".to_owned(), self.measures.clone().into());
        }
        if let Some(mandate) = self.mandate {
            settings.insert("mandate".to_owned(), mandate.as_str().into());
        }
        if !self.rules.is_empty() {
            settings.insert("rules".to_owned(), JsonValue::Object(self.rules.clone()));
        }
        if !self.steps.is_empty() {
            let mut unused: Vec<&(Step, JsonObject)> = self.step_extras.iter().collect();
            // A step never names a feature that is not there (an edit may have removed it): the
            // file would not open again.
            let ids: Option<std::collections::HashSet<&str>> = self
                .steps
                .iter()
                .any(|s| s.features.is_some())
                .then(|| self.features.iter().map(|f| f.id.as_str()).collect());
            let steps = self
                .steps
                .iter()
                .map(|step| {
                    let mut value = serde_json::to_value(step).unwrap_or(JsonValue::Null);
                    if let (Some(ids), Some(JsonValue::Array(names))) =
                        (&ids, value.get_mut("features"))
                    {
                        names.retain(|n| n.as_str().is_some_and(|n| ids.contains(n)));
                    }
                    if let (Some(at), JsonValue::Object(members)) =
                        (unused.iter().position(|(s, _)| s == step), &mut value)
                    {
                        let (_, extras) = unused.remove(at);
                        for (k, v) in extras {
                            members.insert(k.clone(), v.clone());
                        }
                    }
                    value
                })
                .collect();
            settings.insert("steps".to_owned(), JsonValue::Array(steps));
        }
        for (k, v) in &self.other_settings {
            settings.insert(k.clone(), v.clone());
        }
        let mut members = JsonObject::new();
        members.insert("armistice".to_owned(), JsonValue::Object(settings));
        for (k, v) in &self.other_members {
            members.insert(k.clone(), v.clone());
        }
        FeatureCollection {
            bbox: None,
            features: self.features.iter().map(write_feature).collect(),
            foreign_members: Some(members),
        }
    }

    /// The scenario as GeoJSON text: pretty-printed, so that files diff well, unless that would
    /// pass [`MAX_FILE_BYTES`] (indentation makes a file about 1.55 times larger); then compact,
    /// so that what the program writes it opens again.
    pub fn to_geojson_string(&self) -> String {
        // Serialised straight from the collection (no intermediate JSON tree: the same text, a
        // third less memory for a large plan).
        let collection = self.to_collection();
        let mut text = serde_json::to_string_pretty(&collection).unwrap_or_default();
        if text.len() >= MAX_FILE_BYTES {
            text = serde_json::to_string(&collection).unwrap_or_default();
        }
        text.push('\n');
        text
    }
}

/// contract.md's default guarantor nations.
pub const DEFAULT_GUARANTORS: [&str; 11] = [
    "PL", "EE", "LV", "LT", "FI", "SE", "NO", "DK", "FR", "DE", "GB",
];
/// contract.md's default backstop nations.
pub const DEFAULT_BACKSTOP: [&str; 1] = ["US"];
/// contract.md's default host nations.
pub const DEFAULT_HOST: [&str; 1] = ["UA"];
/// contract.md's default adversary nations.
pub const DEFAULT_ADVERSARY: [&str; 2] = ["RU", "BY"];

/// Which nations play which part in a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NationLists {
    /// European guarantors.
    pub guarantors: Vec<String>,
    /// Backstop (the US).
    pub backstop: Vec<String>,
    /// The host (Ukraine).
    pub host: Vec<String>,
    /// Adversaries.
    pub adversary: Vec<String>,
}

/// The part a nation plays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Affiliation {
    /// A guarantor state.
    Guarantor,
    /// A backstop state.
    Backstop,
    /// The host state.
    Host,
    /// An adversary.
    Adversary,
    /// In none of the lists.
    Other,
}

impl NationLists {
    /// The part `nation` plays.
    pub fn affiliation(&self, nation: &str) -> Affiliation {
        let has = |list: &[String]| list.iter().any(|n| n == nation);
        if has(&self.guarantors) {
            Affiliation::Guarantor
        } else if has(&self.backstop) {
            Affiliation::Backstop
        } else if has(&self.host) {
            Affiliation::Host
        } else if has(&self.adversary) {
            Affiliation::Adversary
        } else {
            Affiliation::Other
        }
    }
}

fn read_feature(
    file: &str,
    feature: Feature,
    index: usize,
) -> Result<ScenarioFeature, ScenarioError> {
    use super::geojson_read::FeatureReader;
    let reference = FeatureRef::of(&feature, index);
    let reader = FeatureReader::new(file, &feature, index);
    let kind = reader.opt_string("kind").ok().flatten();
    let item = match kind.as_deref() {
        Some("force") => Item::Force(read_force(file, &reader, reference)?),
        Some("demarcation") => {
            let line = reader.line_string()?;
            if line.0.len() < 2 {
                return Err(GeoJsonError::Geometry {
                    file: file.to_owned(),
                    feature: reader.reference(),
                    expected: "a LineString of at least two points",
                    found: format!("{} point(s)", line.0.len()),
                }
                .into());
            }
            let recognition = match feature
                .properties
                .as_ref()
                .and_then(|p| p.get("recognition"))
            {
                None | Some(JsonValue::Null) => Recognition::DEFAULT,
                Some(value) => value.as_str().and_then(Recognition::parse).ok_or_else(|| {
                    property_error(
                        file,
                        reference.clone(),
                        "recognition",
                        format!("{}{}", Recognition::expected(), found_suffix(value)),
                    )
                })?,
            };
            Item::Demarcation(Demarcation {
                name: reader.opt_string("name")?,
                line,
                recognition,
            })
        }
        Some("guarantee-area") => {
            let area = reader.areas()?;
            // Checked on the file's own rings: geo closes open rings when it builds polygons.
            let polygons: Vec<&Vec<Vec<geojson::Position>>> =
                match feature.geometry.as_ref().map(|g| &g.value) {
                    Some(GeometryValue::Polygon { coordinates }) => vec![coordinates],
                    Some(GeometryValue::MultiPolygon { coordinates }) => {
                        coordinates.iter().collect()
                    }
                    _ => Vec::new(),
                };
            let ring_problem = polygons.iter().find_map(|rings| {
                if rings.is_empty() {
                    return Some("a polygon without rings".to_owned());
                }
                rings.iter().find_map(|ring| {
                    let xy = |p: &geojson::Position| {
                        p.as_slice().iter().take(2).copied().collect::<Vec<f64>>()
                    };
                    match (ring.first().map(xy), ring.last().map(xy)) {
                        (Some(first), Some(last)) if ring.len() >= 4 && first != last => {
                            Some(format!(
                                "a ring that ends at ({}, {}), not where it starts ({}, {})",
                                last.first().copied().unwrap_or_default(),
                                last.get(1).copied().unwrap_or_default(),
                                first.first().copied().unwrap_or_default(),
                                first.get(1).copied().unwrap_or_default(),
                            ))
                        }
                        _ if ring.len() < 4 => {
                            Some(format!("a ring of {} position(s)", ring.len()))
                        }
                        _ => None,
                    }
                })
            });
            if let Some(found) = ring_problem {
                return Err(GeoJsonError::Geometry {
                    file: file.to_owned(),
                    feature: reader.reference(),
                    expected: "closed rings of at least four positions",
                    found,
                }
                .into());
            }
            Item::GuaranteeArea(GuaranteeArea {
                name: reader.opt_string("name")?,
                area,
            })
        }
        _ => Item::Other,
    };
    let id = match &feature.id {
        Some(geojson::feature::Id::String(s)) => s.clone(),
        Some(geojson::feature::Id::Number(n)) => n.to_string(),
        None => String::new(),
    };
    // The file's properties are kept for writing back; their map was grown while parsing
    // (to 16 slots for a force's 9 properties): kept at its size, a plan of 100,000 forces
    // holds about 0.5 KB less per force.
    let mut feature = feature;
    if let Some(properties) = feature.properties.as_mut() {
        // serde_json's map has no `shrink_to_fit`; collecting sizes it to its length (in order).
        *properties = std::mem::take(properties).into_iter().collect();
    }
    Ok(ScenarioFeature {
        id,
        item,
        original: feature,
    })
}

fn read_force(
    file: &str,
    reader: &super::geojson_read::FeatureReader<'_>,
    reference: FeatureRef,
) -> Result<Force, ScenarioError> {
    let no_properties = JsonObject::new();
    let props = reader.feature.properties.as_ref().unwrap_or(&no_properties);
    // What the file holds, so a message tells a missing property from a wrong value.
    let found = |property: &str| match props.get(property) {
        None => " (missing)".to_owned(),
        Some(value) => found_suffix(value),
    };
    let err = |property: &str, expected: String| {
        property_error(
            file,
            reference.clone(),
            property,
            format!("{expected}{}", found(property)),
        )
    };
    let text = |property: &str| -> Option<&str> { props.get(property).and_then(JsonValue::as_str) };

    let nation = text("nation").unwrap_or_default();
    if nation_name(nation).is_none() {
        return Err(err(
            "nation",
            "an ISO 3166-1 alpha-2 code such as PL or GB".to_owned(),
        ));
    }
    let component = text("component")
        .and_then(Component::parse)
        .ok_or_else(|| err("component", Component::expected()))?;
    let role = text("role")
        .and_then(Role::parse)
        .ok_or_else(|| err("role", Role::expected()))?;
    // 4500.0 is the whole number 4500; 4500.5, -5 and eleven million are not strengths.
    let strength = props
        .get("strength")
        .and_then(|v| {
            v.as_u64().or_else(|| {
                v.as_f64()
                    .filter(|x| x.fract() == 0.0 && (0.0..=MAX_STRENGTH as f64).contains(x))
                    .map(|x| x as u64)
            })
        })
        .filter(|n| *n <= MAX_STRENGTH)
        .ok_or_else(|| {
            err(
                "strength",
                "personnel, a whole number from 0 to 10,000,000".to_owned(),
            )
        })?;
    let readiness_days = props
        .get("readiness_days")
        .and_then(JsonValue::as_f64)
        .filter(|d| d.is_finite() && *d >= 0.0)
        .ok_or_else(|| err("readiness_days", "a number of days ≥ 0".to_owned()))?;
    let echelon = match props.get("echelon").filter(|v| !v.is_null()) {
        None => None,
        Some(v) => Some(
            v.as_str()
                .and_then(Echelon::parse)
                .ok_or_else(|| err("echelon", Echelon::expected()))?,
        ),
    };
    let range_km = match props.get("range_km").filter(|v| !v.is_null()) {
        None => None,
        Some(v) => Some(
            v.as_f64()
                .filter(|r| r.is_finite() && *r >= 0.0)
                .ok_or_else(|| err("range_km", "a distance in km ≥ 0".to_owned()))?,
        ),
    };
    let sidc = match props.get("sidc").filter(|v| !v.is_null()) {
        None => None,
        Some(v) => Some(
            v.as_str()
                .ok_or(SidcError::NotTwentyDigits)
                .and_then(Sidc::parse)
                .map_err(|reason| err("sidc", reason.to_string()))?,
        ),
    };
    Ok(Force {
        name: reader.opt_string("name")?,
        nation: nation.to_owned(),
        component,
        role,
        strength,
        readiness_days,
        echelon,
        range_km,
        position: reader.point()?,
        sidc,
    })
}

/// Gives every feature without an id a stable one: its kind and the first free number.
fn assign_missing_ids(features: &mut [ScenarioFeature]) {
    let mut used: std::collections::HashSet<String> = features
        .iter()
        .map(|f| f.id.clone())
        .filter(|id| !id.is_empty())
        .collect();
    for feature in features.iter_mut().filter(|f| f.id.is_empty()) {
        let prefix = feature.item.kind().unwrap_or("feature");
        let id = (1..)
            .map(|n| format!("{prefix}-{n}"))
            .find(|candidate| !used.contains(candidate))
            .unwrap_or_default();
        used.insert(id.clone());
        // Written on save: the feature as loaded already carries it, so a reload is identical.
        feature.original.id = Some(geojson::feature::Id::String(id.clone()));
        feature.id = id;
    }
}

/// Sets `key` in `props` to `value`, or removes it for `None`. A value the file already holds in
/// another spelling (`3.0` for `3`, `null` for nothing) is left as written, so a save changes only
/// what was edited and a load–save–load gives back the same features.
fn put(props: &mut JsonObject, key: &str, value: Option<JsonValue>) {
    let current = props.get(key);
    match value {
        Some(v) => {
            let same = match (current, &v) {
                (Some(JsonValue::Number(a)), JsonValue::Number(b)) => a.as_f64() == b.as_f64(),
                (Some(a), b) => a == b,
                (None, _) => false,
            };
            if !same {
                props.insert(key.to_owned(), v);
            }
        }
        None => {
            if current.is_some_and(|c| !c.is_null()) {
                // shift_remove keeps the other properties in the file's order.
                props.shift_remove(key);
            }
        }
    }
}

fn number(value: f64) -> JsonValue {
    // Whole numbers are written without ".0", as people write them.
    if value.fract() == 0.0 && value.abs() < 1e15 {
        JsonValue::from(value as i64)
    } else {
        serde_json::Number::from_f64(value).map_or(JsonValue::Null, JsonValue::Number)
    }
}

fn write_feature(feature: &ScenarioFeature) -> Feature {
    let mut out = feature.original.clone();
    // A numeric id stays a number.
    let id_kept = match &out.id {
        Some(geojson::feature::Id::String(s)) => *s == feature.id,
        Some(geojson::feature::Id::Number(n)) => n.to_string() == feature.id,
        None => false,
    };
    if !id_kept {
        out.id = Some(geojson::feature::Id::String(feature.id.clone()));
    }
    if matches!(feature.item, Item::Other) {
        // Nothing known about it: written exactly as read.
        return out;
    }
    let mut props = out.properties.take().unwrap_or_default();
    match &feature.item {
        Item::Force(f) => {
            put(&mut props, "kind", Some("force".into()));
            put(&mut props, "name", f.name.clone().map(Into::into));
            put(&mut props, "nation", Some(f.nation.clone().into()));
            put(&mut props, "component", Some(f.component.as_str().into()));
            put(&mut props, "role", Some(f.role.as_str().into()));
            put(&mut props, "strength", Some(f.strength.into()));
            put(&mut props, "readiness_days", Some(number(f.readiness_days)));
            put(&mut props, "echelon", f.echelon.map(|e| e.as_str().into()));
            put(&mut props, "range_km", f.range_km.map(number));
            put(&mut props, "sidc", f.sidc.map(|s| s.as_str().into()));
            set_geometry(&mut out, GeometryValue::from(&f.position));
        }
        Item::Demarcation(d) => {
            put(&mut props, "kind", Some("demarcation".into()));
            put(&mut props, "name", d.name.clone().map(Into::into));
            // The default is written only where the file wrote it, so a file round-trips as it was.
            let written = props.get("recognition").is_some_and(|v| !v.is_null());
            put(
                &mut props,
                "recognition",
                (written || d.recognition != Recognition::DEFAULT)
                    .then(|| d.recognition.as_str().into()),
            );
            set_geometry(&mut out, GeometryValue::from(&d.line));
        }
        Item::GuaranteeArea(a) => {
            put(&mut props, "kind", Some("guarantee-area".into()));
            put(&mut props, "name", a.name.clone().map(Into::into));
            let was_multi = matches!(
                out.geometry.as_ref().map(|g| &g.value),
                Some(GeometryValue::MultiPolygon { .. })
            );
            let value = match a.area.0.as_slice() {
                [single] if !was_multi => GeometryValue::from(single),
                _ => GeometryValue::from(&a.area),
            };
            set_geometry(&mut out, value);
        }
        Item::Other => {}
    }
    out.properties = Some(props);
    out
}

/// `value` with every position cut to longitude and latitude, as the program reads it.
fn two_d(value: &GeometryValue) -> GeometryValue {
    let cut = |p: &geojson::Position| -> geojson::Position {
        geojson::Position::from(p.as_slice().iter().take(2).copied().collect::<Vec<f64>>())
    };
    let line = |l: &[geojson::Position]| -> Vec<geojson::Position> { l.iter().map(cut).collect() };
    let rings = |r: &[Vec<geojson::Position>]| -> Vec<Vec<geojson::Position>> {
        r.iter().map(|l| line(l)).collect()
    };
    match value {
        GeometryValue::Point { coordinates } => GeometryValue::Point {
            coordinates: cut(coordinates),
        },
        GeometryValue::LineString { coordinates } => GeometryValue::LineString {
            coordinates: line(coordinates),
        },
        GeometryValue::Polygon { coordinates } => GeometryValue::Polygon {
            coordinates: rings(coordinates),
        },
        GeometryValue::MultiPolygon { coordinates } => GeometryValue::MultiPolygon {
            coordinates: coordinates.iter().map(|p| rings(p)).collect(),
        },
        other => other.clone(),
    }
}

fn set_geometry(feature: &mut Feature, value: GeometryValue) {
    // Keep the original geometry object (its foreign members, altitudes) when the program's
    // reading of it did not change.
    if feature.geometry.as_ref().map(|g| two_d(&g.value)) != Some(value.clone()) {
        feature.geometry = Some(geojson::Geometry::new(value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAN: &str = r#"{
      "type": "FeatureCollection",
      "armistice": { "format": 1, "title": "Plan A", "measures": ["joint-exercises"],
                     "rules": { "front-standoff": { "min_km": 80 } }, "custom": [1, 2],
                     "steps": [ { "title": "Line", "view": [36, 47.5, 39, 49.5], "findings": true } ] },
      "note": "kept",
      "features": [
        { "type": "Feature", "id": "pl-1", "geometry": { "type": "Point", "coordinates": [30.52, 50.45] },
          "properties": { "kind": "force", "name": "12th Mech Bde", "nation": "PL", "component": "land",
                          "role": "reassurance", "strength": 4500, "readiness_days": 3,
                          "echelon": "brigade", "range_km": 0, "colour": "teal" } },
        { "type": "Feature", "geometry": { "type": "LineString", "coordinates": [[37, 50], [36, 46]] },
          "properties": { "kind": "demarcation", "name": "Proposal A" } },
        { "type": "Feature", "geometry": { "type": "Point", "coordinates": [31, 49] },
          "properties": { "kind": "depot", "size": 3 } }
      ]
    }"#;

    #[test]
    fn reads_settings_and_features() {
        let s = Scenario::parse("plan.geojson", PLAN).expect("valid");
        assert_eq!(s.title, "Plan A");
        assert_eq!(
            s.rule_param("front-standoff", "min_km"),
            Some(&JsonValue::from(80))
        );
        assert_eq!(s.steps.len(), 1);
        let (id, force) = s.forces().next().expect("one force");
        assert_eq!(
            (id, force.strength, force.role),
            ("pl-1", 4500, Role::Reassurance)
        );
        assert_eq!(s.demarcations().count(), 1);
        assert_eq!(s.features.len(), 3);
    }

    #[test]
    fn missing_ids_are_stable_and_unique() {
        let s = Scenario::parse("plan.geojson", PLAN).expect("valid");
        let ids: Vec<&str> = s.features.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, ["pl-1", "demarcation-1", "feature-1"]);
        let again = Scenario::parse("plan.geojson", &s.to_geojson_string()).expect("valid");
        let ids_again: Vec<&str> = again.features.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, ids_again);
    }

    #[test]
    fn round_trip_keeps_unknown_members_properties_and_kinds() {
        let s = Scenario::parse("plan.geojson", PLAN).expect("valid");
        let text = s.to_geojson_string();
        assert!(text.contains("\"colour\": \"teal\""));
        assert!(text.contains("\"kind\": \"depot\""));
        assert!(text.contains("\"note\": \"kept\""));
        assert!(text.contains("\"custom\""));
        let again = Scenario::parse("plan.geojson", &text).expect("valid");
        assert_eq!(
            again,
            Scenario::parse("plan.geojson", &text).expect("valid")
        );
        assert_eq!(again.to_geojson_string(), text);
    }

    #[test]
    fn bad_force_names_feature_and_property() {
        let bad = PLAN.replace("\"strength\": 4500", "\"strength\": -5");
        let err = Scenario::parse("plan.geojson", &bad).expect_err("negative strength");
        assert_eq!(
            err.to_string(),
            "plan.geojson: feature \"pl-1\": property \"strength\": expected personnel, a whole number from 0 to 10,000,000 (found -5)"
        );
        let bad = PLAN.replace("\"nation\": \"PL\"", "\"nation\": \"UK\"");
        let err = Scenario::parse("plan.geojson", &bad).expect_err("UK is not ISO");
        assert!(err.to_string().contains("property \"nation\""), "{err}");
        assert!(err.to_string().contains("found \"UK\""), "{err}");
    }

    #[test]
    fn newer_format_is_refused_with_reason() {
        let bad = PLAN.replace("\"format\": 1", "\"format\": 7");
        let err = Scenario::parse("plan.geojson", &bad).expect_err("format 7");
        assert!(err.to_string().contains("format 7 is newer"), "{err}");
    }

    #[test]
    fn deep_nesting_is_refused_before_parsing() {
        let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        let err = Scenario::parse("deep.geojson", &deep).expect_err("deep");
        assert!(matches!(err, ScenarioError::TooDeep { .. }));
    }

    /// The depth `text` reaches, a byte at a time: the reference for `nesting_exceeds`.
    fn depth_reached(text: &str) -> usize {
        let (mut depth, mut deepest, mut in_string, mut escaped) = (0usize, 0, false, false);
        for byte in text.bytes() {
            if in_string {
                match (escaped, byte) {
                    (true, _) => escaped = false,
                    (false, b'\\') => escaped = true,
                    (false, b'"') => in_string = false,
                    _ => {}
                }
                continue;
            }
            match byte {
                b'"' => in_string = true,
                b'[' | b'{' => {
                    depth += 1;
                    deepest = deepest.max(depth);
                }
                b']' | b'}' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        deepest
    }

    #[test]
    fn nesting_skips_strings_and_escapes() {
        assert!(!nesting_exceeds(r#"["[[[[", "\"[[[[", {"a": "]]]]"}]"#, 2));
        assert!(nesting_exceeds(r#"["\\", [[]]]"#, 2));
        assert!(!nesting_exceeds(r#"["\\", [[]]]"#, 3));
        // An unterminated string ends the text.
        assert!(!nesting_exceeds(r#"[" [[[[[ "#, 1));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
        #[test]
        fn nesting_agrees_with_a_byte_at_a_time(text in "[\\[\\]{}\"\\\\ a]{0,40}", limit in 0usize..6) {
            proptest::prop_assert_eq!(nesting_exceeds(&text, limit), depth_reached(&text) > limit);
        }
    }

    #[test]
    fn wrong_geometry_for_kind_is_refused() {
        let bad = PLAN.replace(
            "\"type\": \"LineString\", \"coordinates\": [[37, 50], [36, 46]]",
            "\"type\": \"Point\", \"coordinates\": [37, 50]",
        );
        let err = Scenario::parse("plan.geojson", &bad).expect_err("point demarcation");
        assert!(
            err.to_string()
                .contains("feature #1: geometry: expected a LineString"),
            "{err}"
        );
    }

    #[test]
    fn bundled_default_parses() {
        let s = Scenario::bundled_default().expect("bundled default is valid");
        assert!(!s.title.is_empty());
    }

    #[test]
    fn affiliation_follows_lists() {
        let lists = Scenario::default().nation_lists();
        assert_eq!(lists.affiliation("GB"), Affiliation::Guarantor);
        assert_eq!(lists.affiliation("US"), Affiliation::Backstop);
        assert_eq!(lists.affiliation("UA"), Affiliation::Host);
        assert_eq!(lists.affiliation("BY"), Affiliation::Adversary);
        assert_eq!(lists.affiliation("BR"), Affiliation::Other);
    }
}
