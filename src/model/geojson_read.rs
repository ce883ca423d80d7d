//! Reading typed values out of GeoJSON features, with errors that name the file, the feature
//! and the property at fault.

use geo::{Coord, LineString, MultiLineString, MultiPolygon, Point, Polygon};
use geojson::{Feature, FeatureCollection, GeometryValue};
use std::fmt;

/// Which feature of a file an error is about: its `id` where it has one, else its index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeatureRef {
    /// The feature's `id` member.
    Id(String),
    /// The feature's zero-based position in `features`.
    Index(usize),
}

impl FeatureRef {
    /// The reference for `feature`, found at `index` in its collection.
    pub fn of(feature: &Feature, index: usize) -> Self {
        match &feature.id {
            Some(geojson::feature::Id::String(s)) => Self::Id(s.clone()),
            Some(geojson::feature::Id::Number(n)) => Self::Id(n.to_string()),
            None => Self::Index(index),
        }
    }
}

impl fmt::Display for FeatureRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Id(id) => write!(f, "feature \"{id}\""),
            Self::Index(i) => write!(f, "feature #{i}"),
        }
    }
}

/// Something wrong in a GeoJSON file.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum GeoJsonError {
    /// The text is not JSON, or not GeoJSON.
    #[error("{file}: not a GeoJSON FeatureCollection: {reason}")]
    Syntax {
        /// The file's name.
        file: String,
        /// What the parser said.
        reason: String,
    },
    /// A feature's geometry is missing or of the wrong type.
    #[error("{file}: {feature}: geometry: expected {expected}, found {found}")]
    Geometry {
        /// The file's name.
        file: String,
        /// The feature at fault.
        feature: FeatureRef,
        /// What was expected, e.g. "a Polygon or MultiPolygon".
        expected: &'static str,
        /// What was found.
        found: String,
    },
    /// A coordinate is not a finite longitude/latitude.
    #[error(
        "{file}: {feature}: geometry: coordinate ({}, {}) is not a WGS84 longitude/latitude (expected −180..180, −90..90)",
        show_number(*lon),
        show_number(*lat)
    )]
    Coordinate {
        /// The file's name.
        file: String,
        /// The feature at fault.
        feature: FeatureRef,
        /// The longitude found.
        lon: f64,
        /// The latitude found.
        lat: f64,
    },
    /// A position has fewer than two numbers.
    #[error(
        "{file}: {feature}: geometry: a position of {found} number(s), expected [longitude, latitude]"
    )]
    Position {
        /// The file's name.
        file: String,
        /// The feature at fault.
        feature: FeatureRef,
        /// How many numbers it has.
        found: usize,
    },
    /// A property is missing or has the wrong type or value.
    #[error("{file}: {feature}: property \"{property}\": expected {expected}")]
    Property {
        /// The file's name.
        file: String,
        /// The feature at fault.
        feature: FeatureRef,
        /// The property's name.
        property: String,
        /// What was expected.
        expected: String,
    },
    /// The collection as a whole is wrong (e.g. no feature where one is needed).
    #[error("{file}: {reason}")]
    Collection {
        /// The file's name.
        file: String,
        /// What is wrong.
        reason: String,
    },
}

/// A number for a message, short: `200`, `95.5`, and `1e308` rather than its 309 digits.
pub fn show_number(x: f64) -> String {
    if x.is_finite() && (x == 0.0 || (1e-4..1e15).contains(&x.abs())) {
        format!("{x}")
    } else {
        format!("{x:e}")
    }
}

/// Parses `text` as a FeatureCollection.
pub fn parse_collection(file: &str, text: &str) -> Result<FeatureCollection, GeoJsonError> {
    text.parse::<FeatureCollection>().map_err(|e| {
        diagnose(file, text).unwrap_or_else(|| GeoJsonError::Syntax {
            file: file.to_owned(),
            reason: e.to_string(),
        })
    })
}

/// For JSON that is not a valid FeatureCollection, the error at the place it goes wrong: the
/// top-level member, or the first feature that is not a valid GeoJSON Feature (geojson's own
/// error names neither). `None` for text that is not JSON at all (serde_json's line and column
/// say where then).
fn diagnose(file: &str, text: &str) -> Option<GeoJsonError> {
    let value: serde_json::Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(e) => {
            return Some(GeoJsonError::Syntax {
                file: file.to_owned(),
                reason: explain_json_error(text, &e),
            });
        }
    };
    let collection_error = |reason: String| {
        Some(GeoJsonError::Collection {
            file: file.to_owned(),
            reason,
        })
    };
    let Some(members) = value.as_object() else {
        return collection_error(format!(
            "expected a GeoJSON FeatureCollection (a JSON object), found {}",
            json_kind(&value)
        ));
    };
    match members.get("type") {
        Some(serde_json::Value::String(t)) if t == "FeatureCollection" => {}
        Some(other) => {
            return collection_error(format!(
                "member \"type\": expected \"FeatureCollection\", found {}",
                short_json(other)
            ));
        }
        None => {
            return collection_error(
                "member \"type\": missing, expected \"FeatureCollection\"".to_owned(),
            );
        }
    }
    let features = match members.get("features") {
        Some(serde_json::Value::Array(features)) => features,
        Some(other) => {
            return collection_error(format!(
                "member \"features\": expected a list of features, found {}",
                json_kind(other)
            ));
        }
        None => {
            return collection_error(
                "member \"features\": missing, expected a list of features".to_owned(),
            );
        }
    };
    for (index, feature) in features.iter().enumerate() {
        if let Err(e) = serde_json::from_value::<Feature>(feature.clone()) {
            let reference = match feature.get("id") {
                Some(serde_json::Value::String(id)) => FeatureRef::Id(id.clone()),
                Some(serde_json::Value::Number(n)) => FeatureRef::Id(n.to_string()),
                _ => FeatureRef::Index(index),
            };
            return collection_error(format!("{reference}: not a valid GeoJSON Feature: {e}"));
        }
    }
    if let Some(bbox) = members.get("bbox")
        && serde_json::from_value::<Vec<f64>>(bbox.clone()).is_err()
    {
        return collection_error(format!(
            "member \"bbox\": expected a list of numbers, found {}",
            short_json(bbox)
        ));
    }
    None
}

/// What is wrong with text that is not JSON, in words: where (line, column, and the feature it
/// is in, if any), what is there and what was expected.
fn explain_json_error(text: &str, e: &serde_json::Error) -> String {
    let (line, column) = (e.line(), e.column());
    let offset = byte_offset(text, line, column);
    let place = match feature_at(text, offset) {
        Some(spot) => {
            let feature = feature_id(text, spot.start).map_or_else(
                || format!("feature #{}", spot.index),
                |id| format!("feature \"{id}\""),
            );
            let member = spot
                .key
                .map(|k| format!(", member \"{k}\""))
                .unwrap_or_default();
            format!("line {line}, column {column} (in {feature}{member})")
        }
        None => format!("line {line}, column {column}"),
    };
    if text.trim().is_empty() {
        return "the file is empty: expected a GeoJSON FeatureCollection".to_owned();
    }
    if e.classify() == serde_json::error::Category::Eof {
        return format!(
            "the text stops at {place} in the middle of the JSON (the file is cut short, or a closing bracket or quote is missing): expected the rest of the FeatureCollection"
        );
    }
    // What stands at the error: serde_json points at or just after it.
    let start = text.get(..offset).map_or(0, |before| {
        before
            .char_indices()
            .rev()
            .find(|(_, c)| !is_word(*c))
            .map_or(0, |(i, c)| i + c.len_utf8())
    });
    let word: String = text
        .get(start..)
        .unwrap_or_default()
        .chars()
        .take_while(|c| is_word(*c))
        .take(20)
        .collect();
    let plain = e.to_string();
    let what = plain
        .rsplit_once(" at line ")
        .map_or(plain.as_str(), |(what, _)| what);
    match word.trim_start_matches(['-', '+']) {
        "NaN" | "nan" | "Infinity" | "infinity" | "inf" | "Inf" => format!(
            "{place}: {word} is not a number JSON allows (JSON has no NaN or infinity): expected a finite number such as 50.45"
        ),
        _ if what == "number out of range" => format!(
            "{place}: the number {word} is too large to be a coordinate or a figure (number out of range): expected a finite number such as 50.45"
        ),
        _ if what == "trailing comma" => format!(
            "{place}: a comma before a closing bracket (trailing comma): expected another value after the comma, or no comma"
        ),
        _ if what == "expected value" && !word.is_empty() => format!(
            "{place}: \"{word}\" is not a JSON value: expected a number, a \"quoted string\", true, false, null, a list or an object"
        ),
        _ => format!("{place}: not valid JSON ({what})"),
    }
}

/// Letters, digits and what numbers are written with.
fn is_word(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '+' | '.' | '_')
}

/// The byte offset of serde_json's 1-based `line` and `column` (a byte count within the line)
/// in `text`, clamped to the text and to a character boundary.
fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    let mut offset = (line_start + column.saturating_sub(1)).min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Where in the `features` list a byte offset lies.
struct FeatureSpot<'t> {
    /// The feature's index in the list.
    index: usize,
    /// The byte where the feature's value starts.
    start: usize,
    /// The last member name seen inside the feature before the offset ("coordinates",
    /// "strength").
    key: Option<&'t str>,
}

/// The feature's `id` (a string or a number at the feature's own level), read from the text at
/// `start` without parsing it as JSON (the text may be broken further on). Looks at most 1 MiB.
fn feature_id(text: &str, start: usize) -> Option<String> {
    let bytes = text.as_bytes();
    let end = bytes.len().min(start.saturating_add(1 << 20));
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    let mut string_start = 0;
    let mut last: Option<(usize, usize)> = None;
    let mut want_id_value = false;
    let mut i = start;
    while i < end {
        let b = bytes[i];
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => {
                    in_string = false;
                    if want_id_value && depth == 1 {
                        return text.get(string_start..i).map(str::to_owned);
                    }
                    last = Some((string_start, i));
                }
                _ => {}
            }
            i += 1;
            continue;
        }
        match b {
            b'"' => {
                in_string = true;
                string_start = i + 1;
            }
            b':' if depth == 1 => {
                want_id_value = last.and_then(|(a, z)| text.get(a..z)) == Some("id");
            }
            b'{' | b'[' => {
                depth += 1;
                want_id_value = false;
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return None;
                }
            }
            b',' => want_id_value = false,
            b'-' | b'0'..=b'9' if want_id_value && depth == 1 => {
                let number: String = text
                    .get(i..end)?
                    .chars()
                    .take_while(|c| c.is_ascii_digit() || matches!(c, '-' | '+' | '.' | 'e' | 'E'))
                    .collect();
                return Some(number);
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// The feature of `features` that `offset` lies in, for text that may not be valid JSON: a scan
/// that skips strings and counts the values of the top-level `features` list.
fn feature_at(text: &str, offset: usize) -> Option<FeatureSpot<'_>> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut string_start = 0;
    let mut last_top_string: &str = "";
    // The depth of the values of the features list, while inside it.
    let mut features_depth: Option<usize> = None;
    let mut index: Option<usize> = None;
    let mut start = 0;
    let mut last_string: (usize, usize) = (0, 0);
    let mut key: Option<&str> = None;
    let mut expecting = false;
    for (i, &b) in bytes.iter().enumerate().take(offset) {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => {
                    in_string = false;
                    if depth == 1 {
                        last_top_string = text.get(string_start..i).unwrap_or_default();
                    }
                    last_string = (string_start, i);
                }
                _ => {}
            }
            continue;
        }
        let starts_value = features_depth == Some(depth) && expecting;
        match b {
            b':' => {
                if features_depth.is_some_and(|d| depth > d) {
                    key = text.get(last_string.0..last_string.1);
                }
                continue;
            }
            b' ' | b'\t' | b'\n' | b'\r' => continue,
            b',' => {
                if features_depth == Some(depth) {
                    expecting = true;
                }
                continue;
            }
            b'[' if depth == 1 && features_depth.is_none() && last_top_string == "features" => {
                depth += 1;
                features_depth = Some(depth);
                expecting = true;
                continue;
            }
            b']' | b'}' => {
                if features_depth == Some(depth) {
                    features_depth = None;
                    index = None;
                }
                depth = depth.saturating_sub(1);
                continue;
            }
            _ => {}
        }
        if starts_value {
            index = Some(index.map_or(0, |n| n + 1));
            start = i;
            key = None;
            expecting = false;
        }
        match b {
            b'"' => {
                in_string = true;
                string_start = i + 1;
            }
            b'[' | b'{' => depth += 1,
            _ => {}
        }
    }
    let index = features_depth.and(index)?;
    Some(FeatureSpot { index, start, key })
}

/// "an array", "a string", … for messages.
fn json_kind(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "true or false",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

/// A value as JSON, cut to 40 characters, for messages.
fn short_json(value: &serde_json::Value) -> String {
    let text = value.to_string();
    let short: String = text.chars().take(40).collect();
    if short.len() < text.len() {
        format!("{short}…")
    } else {
        short
    }
}

/// One feature being read, carrying what an error must name.
pub struct FeatureReader<'a> {
    /// The file's name.
    pub file: &'a str,
    /// The feature.
    pub feature: &'a Feature,
    /// Its index in the collection.
    pub index: usize,
}

impl<'a> FeatureReader<'a> {
    /// A reader for `feature` at `index` of `file`.
    pub fn new(file: &'a str, feature: &'a Feature, index: usize) -> Self {
        Self {
            file,
            feature,
            index,
        }
    }

    /// The reference used in messages.
    pub fn reference(&self) -> FeatureRef {
        FeatureRef::of(self.feature, self.index)
    }

    fn property_error(&self, property: &str, expected: impl Into<String>) -> GeoJsonError {
        let found = match self.raw(property) {
            Some(value) => format!(" (found {})", short_json(value)),
            None => " (missing)".to_owned(),
        };
        GeoJsonError::Property {
            file: self.file.to_owned(),
            feature: self.reference(),
            property: property.to_owned(),
            expected: format!("{}{found}", expected.into()),
        }
    }

    fn raw(&self, property: &str) -> Option<&'a serde_json::Value> {
        self.feature
            .properties
            .as_ref()
            .and_then(|p| p.get(property))
            .filter(|v| !v.is_null())
    }

    /// A required string property.
    pub fn string(&self, property: &str) -> Result<String, GeoJsonError> {
        match self.raw(property) {
            Some(serde_json::Value::String(s)) => Ok(s.clone()),
            _ => Err(self.property_error(property, "a string")),
        }
    }

    /// An optional string property (absent or null gives `None`).
    pub fn opt_string(&self, property: &str) -> Result<Option<String>, GeoJsonError> {
        match self.raw(property) {
            None => Ok(None),
            Some(serde_json::Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(self.property_error(property, "a string")),
        }
    }

    /// A required whole number ≥ 0.
    pub fn count(&self, property: &str) -> Result<u64, GeoJsonError> {
        self.raw(property)
            .and_then(serde_json::Value::as_u64)
            .ok_or_else(|| self.property_error(property, "a whole number ≥ 0"))
    }

    /// An optional boolean (absent gives `false`).
    pub fn flag(&self, property: &str) -> Result<bool, GeoJsonError> {
        match self.raw(property) {
            None => Ok(false),
            Some(serde_json::Value::Bool(b)) => Ok(*b),
            Some(_) => Err(self.property_error(property, "true or false")),
        }
    }

    fn value(&self, expected: &'static str) -> Result<&'a GeometryValue, GeoJsonError> {
        self.feature
            .geometry
            .as_ref()
            .map(|g| &g.value)
            .ok_or_else(|| GeoJsonError::Geometry {
                file: self.file.to_owned(),
                feature: self.reference(),
                expected,
                found: "no geometry".to_owned(),
            })
    }

    fn wrong_geometry(&self, expected: &'static str, found: &GeometryValue) -> GeoJsonError {
        GeoJsonError::Geometry {
            file: self.file.to_owned(),
            feature: self.reference(),
            expected,
            found: format!("a {}", found.type_name()),
        }
    }

    fn coord(&self, position: &geojson::Position) -> Result<Coord, GeoJsonError> {
        let (lon, lat) = match position.as_slice() {
            [lon, lat, ..] => (*lon, *lat),
            numbers => {
                return Err(GeoJsonError::Position {
                    file: self.file.to_owned(),
                    feature: self.reference(),
                    found: numbers.len(),
                });
            }
        };
        if lon.is_finite() && lat.is_finite() && lon.abs() <= 180.0 && lat.abs() <= 90.0 {
            Ok(Coord { x: lon, y: lat })
        } else {
            Err(GeoJsonError::Coordinate {
                file: self.file.to_owned(),
                feature: self.reference(),
                lon,
                lat,
            })
        }
    }

    fn line(&self, positions: &[geojson::Position]) -> Result<LineString, GeoJsonError> {
        positions
            .iter()
            .map(|p| self.coord(p))
            .collect::<Result<Vec<_>, _>>()
            .map(LineString::new)
    }

    fn polygon(&self, rings: &[Vec<geojson::Position>]) -> Result<Polygon, GeoJsonError> {
        let mut rings = rings.iter().map(|r| self.line(r));
        let exterior = rings
            .next()
            .transpose()?
            .unwrap_or_else(|| LineString::new(vec![]));
        let interiors = rings.collect::<Result<Vec<_>, _>>()?;
        Ok(Polygon::new(exterior, interiors))
    }

    /// The geometry as a point.
    pub fn point(&self) -> Result<Point, GeoJsonError> {
        const EXPECTED: &str = "a Point";
        match self.value(EXPECTED)? {
            GeometryValue::Point { coordinates } => self.coord(coordinates).map(Point::from),
            other => Err(self.wrong_geometry(EXPECTED, other)),
        }
    }

    /// The geometry as a line string.
    pub fn line_string(&self) -> Result<LineString, GeoJsonError> {
        const EXPECTED: &str = "a LineString";
        match self.value(EXPECTED)? {
            GeometryValue::LineString { coordinates } => self.line(coordinates),
            other => Err(self.wrong_geometry(EXPECTED, other)),
        }
    }

    /// The geometry as lines: a LineString or a MultiLineString.
    pub fn lines(&self) -> Result<MultiLineString, GeoJsonError> {
        const EXPECTED: &str = "a LineString or MultiLineString";
        match self.value(EXPECTED)? {
            GeometryValue::LineString { coordinates } => {
                Ok(MultiLineString::new(vec![self.line(coordinates)?]))
            }
            GeometryValue::MultiLineString { coordinates } => coordinates
                .iter()
                .map(|l| self.line(l))
                .collect::<Result<Vec<_>, _>>()
                .map(MultiLineString::new),
            other => Err(self.wrong_geometry(EXPECTED, other)),
        }
    }

    /// The geometry as areas: a Polygon or a MultiPolygon.
    pub fn areas(&self) -> Result<MultiPolygon, GeoJsonError> {
        const EXPECTED: &str = "a Polygon or MultiPolygon";
        match self.value(EXPECTED)? {
            GeometryValue::Polygon { coordinates } => {
                Ok(MultiPolygon::new(vec![self.polygon(coordinates)?]))
            }
            GeometryValue::MultiPolygon { coordinates } => coordinates
                .iter()
                .map(|p| self.polygon(p))
                .collect::<Result<Vec<_>, _>>()
                .map(MultiPolygon::new),
            other => Err(self.wrong_geometry(EXPECTED, other)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(text: &str) -> Feature {
        parse_collection("t.geojson", text)
            .expect("parses")
            .features
            .remove(0)
    }

    #[test]
    fn reports_file_feature_and_property() {
        let f = first(
            r#"{"type":"FeatureCollection","features":[{"type":"Feature","id":"a","geometry":null,"properties":{"population":-3}}]}"#,
        );
        let err = FeatureReader::new("cities.geojson", &f, 0)
            .count("population")
            .expect_err("negative count");
        assert_eq!(
            err.to_string(),
            "cities.geojson: feature \"a\": property \"population\": expected a whole number ≥ 0 (found -3)"
        );
    }

    #[test]
    fn a_broken_number_names_the_feature_by_id_and_its_member() {
        let explain = |text: &str| {
            let e = serde_json::from_str::<serde_json::Value>(text).expect_err("broken");
            explain_json_error(text, &e)
        };
        let m = explain(
            r#"{"type":"FeatureCollection","features":[{"type":"Feature","id":"a","geometry":null,"properties":{"id":"inner"}},{"type":"Feature","properties":{"name":"x","strength":NaN},"id":7,"geometry":null}]}"#,
        );
        assert!(m.contains(r#"(in feature "7", member "strength")"#), "{m}");
        let m = explain(
            r#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[Infinity,1]},"properties":{"id":"not-mine"}}]}"#,
        );
        assert!(
            m.contains(r#"(in feature #0, member "coordinates")"#),
            "{m}"
        );
    }

    #[test]
    fn rejects_out_of_range_coordinates() {
        let f = first(
            r#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[200,10]},"properties":{}}]}"#,
        );
        let err = FeatureReader::new("x.geojson", &f, 0)
            .point()
            .expect_err("lon 200");
        assert!(err.to_string().contains("feature #0"), "{err}");
        assert!(err.to_string().contains("(200, 10)"), "{err}");
    }

    #[test]
    fn names_wrong_geometry_type() {
        let f = first(
            r#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[30,50]},"properties":{}}]}"#,
        );
        let err = FeatureReader::new("x.geojson", &f, 0)
            .areas()
            .expect_err("point");
        assert_eq!(
            err.to_string(),
            "x.geojson: feature #0: geometry: expected a Polygon or MultiPolygon, found a Point"
        );
    }

    #[test]
    fn syntax_error_names_file() {
        let err = parse_collection("bad.geojson", "{").expect_err("truncated");
        assert!(err.to_string().starts_with("bad.geojson: "), "{err}");
    }
}
