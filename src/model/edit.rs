//! Every change to a scenario is an [`Edit`]: applying one returns its inverse, so the
//! [`History`] can undo and redo without limit (helix's "transactions that invert"). Edits check
//! their values before touching the scenario: a wrong value is refused with the reason and the
//! scenario stays as it was.
//!
//! Nothing here knows egui: the window, the import dialogs and the tests all edit through this.

use super::nations::nation_name;
use super::scenario::{
    Component, Echelon, Item, MAX_STRENGTH, Mandate, Recognition, Role, Scenario, ScenarioFeature,
    Step,
};
use super::sidc::Sidc;
use geo::{Coord, LineString, MultiPolygon, Point};
use geojson::JsonObject;
use std::fmt;

/// One property of a force, demarcation or guarantee area, with its new value.
#[derive(Debug, Clone, PartialEq)]
pub enum Property {
    /// `name` (`None` removes it).
    Name(Option<String>),
    /// `nation`: an ISO 3166-1 alpha-2 code.
    Nation(String),
    /// `component`.
    Component(Component),
    /// `role`.
    Role(Role),
    /// `strength`: personnel.
    Strength(u64),
    /// `readiness_days` (≥ 0).
    ReadinessDays(f64),
    /// `echelon`.
    Echelon(Option<Echelon>),
    /// `range_km` (≥ 0).
    RangeKm(Option<f64>),
    /// A demarcation's `recognition`.
    Recognition(Recognition),
    /// `sidc`: the symbol code (`None`: derived when drawn).
    Sidc(Option<Sidc>),
}

impl Property {
    /// The property's name in files.
    pub fn key(&self) -> &'static str {
        match self {
            Self::Name(_) => "name",
            Self::Nation(_) => "nation",
            Self::Component(_) => "component",
            Self::Role(_) => "role",
            Self::Strength(_) => "strength",
            Self::ReadinessDays(_) => "readiness_days",
            Self::Echelon(_) => "echelon",
            Self::RangeKm(_) => "range_km",
            Self::Recognition(_) => "recognition",
            Self::Sidc(_) => "sidc",
        }
    }

    /// Parses what a person typed for the property `key`; the error says what was expected.
    pub fn parse(key: &str, text: &str) -> Result<Self, String> {
        let text = text.trim();
        let optional = |text: &str| (!text.is_empty()).then(|| text.to_owned());
        match key {
            "name" => Ok(Self::Name(optional(text))),
            "nation" => {
                let code = text.to_ascii_uppercase();
                if nation_name(&code).is_some() {
                    Ok(Self::Nation(code))
                } else {
                    Err(format!(
                        "\"{text}\" is not an ISO 3166-1 alpha-2 code (such as PL, or GB for the UK)"
                    ))
                }
            }
            "component" => Component::parse(text)
                .map(Self::Component)
                .ok_or_else(|| format!("expected {}", Component::expected())),
            "role" => Role::parse(text)
                .map(Self::Role)
                .ok_or_else(|| format!("expected {}", Role::expected())),
            "echelon" if text.is_empty() => Ok(Self::Echelon(None)),
            "echelon" => Echelon::parse(text)
                .map(|e| Self::Echelon(Some(e)))
                .ok_or_else(|| format!("expected nothing or {}", Echelon::expected())),
            "strength" => {
                let digits: String = text
                    .chars()
                    .filter(|c| !matches!(c, ',' | '_' | ' '))
                    .collect();
                // 4500.0 is the whole number 4500, as in a file.
                let whole = digits.parse::<i128>().ok().or_else(|| {
                    digits
                        .parse::<f64>()
                        .ok()
                        .filter(|x| x.fract() == 0.0 && x.abs() < 1e18)
                        .map(|x| x as i128)
                });
                match whole {
                    Some(n) if n < 0 => Err(format!(
                        "{n} is negative: personnel is a whole number from 0 to 10,000,000"
                    )),
                    Some(n) if n > i128::from(MAX_STRENGTH) => Err(format!(
                        "{n} is more than 10,000,000: personnel is a whole number from 0 to 10,000,000"
                    )),
                    Some(n) => u64::try_from(n)
                        .map(Self::Strength)
                        .map_err(|_| format!("{n} is too large")),
                    None => Err(format!("\"{text}\" is not a whole number of personnel")),
                }
            }
            "readiness_days" => parse_non_negative(text, "days").map(Self::ReadinessDays),
            "range_km" if text.is_empty() => Ok(Self::RangeKm(None)),
            "range_km" => parse_non_negative(text, "km").map(|r| Self::RangeKm(Some(r))),
            "recognition" => Recognition::parse(text)
                .map(Self::Recognition)
                .ok_or_else(|| format!("expected {}", Recognition::expected())),
            "sidc" if text.is_empty() => Ok(Self::Sidc(None)),
            "sidc" => Sidc::parse(text)
                .map(|s| Self::Sidc(Some(s)))
                .map_err(|e| format!("\"{text}\": expected nothing or {e}")),
            other => Err(format!("\"{other}\" is not a property the program edits")),
        }
    }

    /// Checks a value that did not come through [`Property::parse`].
    fn validate(&self) -> Result<(), String> {
        match self {
            Self::Nation(code) if nation_name(code).is_none() => Err(format!(
                "\"{code}\" is not an ISO 3166-1 alpha-2 code (such as PL, or GB for the UK)"
            )),
            Self::Strength(n) if *n > MAX_STRENGTH => Err(format!(
                "{n} is more than 10,000,000: personnel is a whole number from 0 to 10,000,000"
            )),
            Self::ReadinessDays(d) if !(d.is_finite() && *d >= 0.0) => {
                Err(format!("{d} is not a number of days ≥ 0"))
            }
            Self::RangeKm(Some(r)) if !(r.is_finite() && *r >= 0.0) => {
                Err(format!("{r} is not a distance in km ≥ 0"))
            }
            _ => Ok(()),
        }
    }
}

fn parse_non_negative(text: &str, unit: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
        Ok(v) if v < 0.0 => Err(format!("{v} is negative: expected {unit} ≥ 0")),
        _ => Err(format!("\"{text}\" is not a number of {unit} ≥ 0")),
    }
}

/// One change to a scenario.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Inserts a feature at `index` in the feature list (its id must be new).
    AddFeature {
        /// Position in `Scenario::features` (at most its length).
        index: usize,
        /// The feature.
        feature: Box<ScenarioFeature>,
    },
    /// Removes a feature.
    RemoveFeature {
        /// Its id.
        id: String,
    },
    /// Moves a force.
    MoveForce {
        /// The force's id.
        id: String,
        /// Its new position, lon/lat.
        to: Point,
    },
    /// Sets one property.
    SetProperty {
        /// The feature's id.
        id: String,
        /// The property and its value.
        property: Property,
    },
    /// Replaces a demarcation's line.
    SetLine {
        /// The demarcation's id.
        id: String,
        /// The new line (at least two points).
        line: LineString,
    },
    /// Replaces a guarantee area's polygons.
    SetArea {
        /// The area's id.
        id: String,
        /// The new area.
        area: MultiPolygon,
    },
    /// Inserts a vertex into a demarcation before position `index`.
    InsertVertex {
        /// The demarcation's id.
        id: String,
        /// Position of the new vertex (at most the number of vertices).
        index: usize,
        /// Where, lon/lat.
        at: Coord,
    },
    /// Moves a demarcation's vertex.
    MoveVertex {
        /// The demarcation's id.
        id: String,
        /// Which vertex.
        index: usize,
        /// Where to, lon/lat.
        to: Coord,
    },
    /// Removes a demarcation's vertex (a line keeps at least two).
    RemoveVertex {
        /// The demarcation's id.
        id: String,
        /// Which vertex.
        index: usize,
    },
    /// Sets the plan's title.
    SetTitle(String),
    /// Sets the credibility measures taken.
    SetMeasures(Vec<String>),
    /// Sets `armistice.mandate` (`None`: the plan names none).
    SetMandate(Option<Mandate>),
    /// Sets the per-rule parameter overrides.
    SetRules(JsonObject),
    /// Sets the walkthrough's steps.
    SetSteps(Vec<Step>),
    /// Sets the path of the scenario's front line (`None`: the bundled one).
    SetFrontLine(Option<String>),
    /// Several edits as one (undone together); if one fails, none is applied.
    Batch(Vec<Edit>),
}

/// Why an edit was refused; the scenario is unchanged then.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EditError {
    /// No feature has this id.
    #[error("no feature has the id \"{0}\"")]
    NoFeature(String),
    /// A feature with this id exists already.
    #[error("a feature with the id \"{0}\" exists already")]
    DuplicateId(String),
    /// The feature is of another kind than the edit needs.
    #[error("feature \"{id}\" is not a {expected}")]
    WrongKind {
        /// The feature's id.
        id: String,
        /// The kind the edit needs.
        expected: &'static str,
    },
    /// A position in a list is past its end.
    #[error("{what} {index} is out of range (there are {len})")]
    OutOfRange {
        /// What the index points into.
        what: &'static str,
        /// The index.
        index: usize,
        /// The list's length.
        len: usize,
    },
    /// A line would have fewer than two points.
    #[error("a demarcation needs at least two points")]
    TooFewPoints,
    /// A value is wrong.
    #[error("property \"{property}\": {reason}")]
    Invalid {
        /// The property at fault.
        property: &'static str,
        /// What is wrong, and what was expected.
        reason: String,
    },
}

fn check_coord(c: Coord) -> Result<(), EditError> {
    if c.x.is_finite()
        && c.y.is_finite()
        && (-180.0..=180.0).contains(&c.x)
        && (-90.0..=90.0).contains(&c.y)
    {
        Ok(())
    } else {
        Err(EditError::Invalid {
            property: "geometry",
            reason: format!("({}, {}) is not a longitude/latitude in degrees", c.x, c.y),
        })
    }
}

fn feature_mut<'a>(
    scenario: &'a mut Scenario,
    id: &str,
) -> Result<&'a mut ScenarioFeature, EditError> {
    scenario
        .feature_mut(id)
        .ok_or_else(|| EditError::NoFeature(id.to_owned()))
}

fn line_mut<'a>(scenario: &'a mut Scenario, id: &str) -> Result<&'a mut LineString, EditError> {
    match &mut feature_mut(scenario, id)?.item {
        Item::Demarcation(d) => Ok(&mut d.line),
        _ => Err(EditError::WrongKind {
            id: id.to_owned(),
            expected: "demarcation",
        }),
    }
}

fn vertex_range(line: &LineString, index: usize, past_end: bool) -> Result<(), EditError> {
    let len = line.0.len();
    if index < len || (past_end && index == len) {
        Ok(())
    } else {
        Err(EditError::OutOfRange {
            what: "vertex",
            index,
            len,
        })
    }
}

impl Edit {
    /// Applies the edit to `scenario` and returns the edit that undoes it. On error nothing
    /// changed.
    pub fn apply(self, scenario: &mut Scenario) -> Result<Edit, EditError> {
        match self {
            Self::AddFeature { index, feature } => {
                if scenario.feature(&feature.id).is_some() {
                    return Err(EditError::DuplicateId(feature.id));
                }
                let len = scenario.features.len();
                if index > len {
                    return Err(EditError::OutOfRange {
                        what: "feature position",
                        index,
                        len,
                    });
                }
                check_item(&feature.item)?;
                let id = feature.id.clone();
                scenario.features.insert(index, *feature);
                Ok(Self::RemoveFeature { id })
            }
            Self::RemoveFeature { id } => {
                let index = scenario
                    .feature_index(&id)
                    .ok_or_else(|| EditError::NoFeature(id.clone()))?;
                let feature = scenario.features.remove(index);
                Ok(Self::AddFeature {
                    index,
                    feature: Box::new(feature),
                })
            }
            Self::MoveForce { id, to } => {
                check_coord(to.0)?;
                match &mut feature_mut(scenario, &id)?.item {
                    Item::Force(f) => {
                        let from = std::mem::replace(&mut f.position, to);
                        Ok(Self::MoveForce { id, to: from })
                    }
                    _ => Err(EditError::WrongKind {
                        id,
                        expected: "force",
                    }),
                }
            }
            Self::SetProperty { id, property } => {
                property.validate().map_err(|reason| EditError::Invalid {
                    property: property.key(),
                    reason,
                })?;
                let feature = feature_mut(scenario, &id)?;
                let old = set_property(&mut feature.item, property).map_err(|expected| {
                    EditError::WrongKind {
                        id: id.clone(),
                        expected,
                    }
                })?;
                Ok(Self::SetProperty { id, property: old })
            }
            Self::SetLine { id, line } => {
                if line.0.len() < 2 {
                    return Err(EditError::TooFewPoints);
                }
                line.0.iter().try_for_each(|c| check_coord(*c))?;
                let old = std::mem::replace(line_mut(scenario, &id)?, line);
                Ok(Self::SetLine { id, line: old })
            }
            Self::SetArea { id, area } => {
                check_area(&area)?;
                match &mut feature_mut(scenario, &id)?.item {
                    Item::GuaranteeArea(a) => {
                        let old = std::mem::replace(&mut a.area, area);
                        Ok(Self::SetArea { id, area: old })
                    }
                    _ => Err(EditError::WrongKind {
                        id,
                        expected: "guarantee area",
                    }),
                }
            }
            Self::InsertVertex { id, index, at } => {
                check_coord(at)?;
                let line = line_mut(scenario, &id)?;
                vertex_range(line, index, true)?;
                line.0.insert(index, at);
                Ok(Self::RemoveVertex { id, index })
            }
            Self::MoveVertex { id, index, to } => {
                check_coord(to)?;
                let line = line_mut(scenario, &id)?;
                vertex_range(line, index, false)?;
                let from = line
                    .0
                    .get_mut(index)
                    .map(|c| std::mem::replace(c, to))
                    .ok_or(EditError::TooFewPoints)?;
                Ok(Self::MoveVertex {
                    id,
                    index,
                    to: from,
                })
            }
            Self::RemoveVertex { id, index } => {
                let line = line_mut(scenario, &id)?;
                vertex_range(line, index, false)?;
                if line.0.len() <= 2 {
                    return Err(EditError::TooFewPoints);
                }
                let at = line.0.remove(index);
                Ok(Self::InsertVertex { id, index, at })
            }
            Self::SetTitle(title) => Ok(Self::SetTitle(std::mem::replace(
                &mut scenario.title,
                title,
            ))),
            Self::SetMeasures(measures) => Ok(Self::SetMeasures(std::mem::replace(
                &mut scenario.measures,
                measures,
            ))),
            Self::SetMandate(mandate) => Ok(Self::SetMandate(std::mem::replace(
                &mut scenario.mandate,
                mandate,
            ))),
            Self::SetRules(rules) => {
                if let Some((id, _)) = rules.iter().find(|(_, v)| !v.is_object()) {
                    return Err(EditError::Invalid {
                        property: "rules",
                        reason: format!("rules.{id}: expected an object of parameters"),
                    });
                }
                Ok(Self::SetRules(std::mem::replace(
                    &mut scenario.rules,
                    rules,
                )))
            }
            Self::SetSteps(steps) => Ok(Self::SetSteps(std::mem::replace(
                &mut scenario.steps,
                steps,
            ))),
            Self::SetFrontLine(path) => Ok(Self::SetFrontLine(std::mem::replace(
                &mut scenario.front_line,
                path,
            ))),
            Self::Batch(edits) => {
                let mut inverses = Vec::with_capacity(edits.len());
                for edit in edits {
                    match edit.apply(scenario) {
                        Ok(inverse) => inverses.push(inverse),
                        Err(e) => {
                            // Roll back what was applied, newest first: each inverse applies
                            // cleanly to the state its edit left.
                            for inverse in inverses.into_iter().rev() {
                                let _ = inverse.apply(scenario);
                            }
                            return Err(e);
                        }
                    }
                }
                inverses.reverse();
                Ok(Self::Batch(inverses))
            }
        }
    }

    /// A short description for the Edit menu ("Undo move force").
    pub fn describe(&self) -> String {
        match self {
            Self::AddFeature { feature, .. } => match feature.item.kind() {
                Some(kind) => format!("add {kind}"),
                None => "add feature".to_owned(),
            },
            Self::RemoveFeature { .. } => "delete feature".to_owned(),
            Self::MoveForce { .. } => "move force".to_owned(),
            Self::SetProperty { property, .. } => format!("set {}", property.key()),
            Self::SetLine { .. } => "change line".to_owned(),
            Self::SetArea { .. } => "change area".to_owned(),
            Self::InsertVertex { .. } => "insert vertex".to_owned(),
            Self::MoveVertex { .. } => "move vertex".to_owned(),
            Self::RemoveVertex { .. } => "remove vertex".to_owned(),
            Self::SetTitle(_) => "set title".to_owned(),
            Self::SetMeasures(_) => "set measures".to_owned(),
            Self::SetMandate(_) => "set mandate".to_owned(),
            Self::SetRules(_) => "set rule parameters".to_owned(),
            Self::SetSteps(_) => "set steps".to_owned(),
            Self::SetFrontLine(_) => "set front line".to_owned(),
            Self::Batch(edits) => match edits.as_slice() {
                [one] => one.describe(),
                _ => format!("{} changes", edits.len()),
            },
        }
    }
}

fn check_area(area: &MultiPolygon) -> Result<(), EditError> {
    for polygon in &area.0 {
        for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
            if ring.0.len() < 4 || ring.0.first() != ring.0.last() {
                return Err(EditError::Invalid {
                    property: "geometry",
                    reason: "an area needs closed rings of at least three corners".to_owned(),
                });
            }
            ring.0.iter().try_for_each(|c| check_coord(*c))?;
        }
    }
    Ok(())
}

/// Checks a new feature's values, as the file reader would.
fn check_item(item: &Item) -> Result<(), EditError> {
    let invalid = |property: &'static str, reason: String| EditError::Invalid { property, reason };
    match item {
        Item::Force(f) => {
            check_coord(f.position.0)?;
            for property in [
                Property::Nation(f.nation.clone()),
                Property::Strength(f.strength),
                Property::ReadinessDays(f.readiness_days),
                Property::RangeKm(f.range_km),
            ] {
                property
                    .validate()
                    .map_err(|r| invalid(property.key(), r))?;
            }
            Ok(())
        }
        Item::Demarcation(d) => {
            if d.line.0.len() < 2 {
                return Err(EditError::TooFewPoints);
            }
            d.line.0.iter().try_for_each(|c| check_coord(*c))
        }
        Item::GuaranteeArea(a) => check_area(&a.area),
        Item::Other => Ok(()),
    }
}

/// Sets `property` on `item`, returning the old value, or the kind the property needs.
fn set_property(item: &mut Item, property: Property) -> Result<Property, &'static str> {
    use std::mem::replace;
    if let Property::Name(name) = property {
        let slot = match item {
            Item::Force(f) => &mut f.name,
            Item::Demarcation(d) => &mut d.name,
            Item::GuaranteeArea(a) => &mut a.name,
            Item::Other => return Err("force, demarcation or guarantee area"),
        };
        return Ok(Property::Name(replace(slot, name)));
    }
    if let Property::Recognition(recognition) = property {
        let Item::Demarcation(d) = item else {
            return Err("demarcation");
        };
        return Ok(Property::Recognition(replace(
            &mut d.recognition,
            recognition,
        )));
    }
    let Item::Force(f) = item else {
        return Err("force");
    };
    Ok(match property {
        Property::Name(_) | Property::Recognition(_) => return Err("force"),
        Property::Nation(v) => Property::Nation(replace(&mut f.nation, v)),
        Property::Component(v) => Property::Component(replace(&mut f.component, v)),
        Property::Role(v) => Property::Role(replace(&mut f.role, v)),
        Property::Strength(v) => Property::Strength(replace(&mut f.strength, v)),
        Property::ReadinessDays(v) => Property::ReadinessDays(replace(&mut f.readiness_days, v)),
        Property::Echelon(v) => Property::Echelon(replace(&mut f.echelon, v)),
        Property::RangeKm(v) => Property::RangeKm(replace(&mut f.range_km, v)),
        Property::Sidc(v) => Property::Sidc(replace(&mut f.sidc, v)),
    })
}

/// One applied edit, kept for undo and redo.
#[derive(Debug, Clone, PartialEq)]
struct Entry {
    /// What was done.
    forward: Edit,
    /// What undoes it.
    inverse: Edit,
    /// The state the scenario is in after `forward`.
    state: u64,
}

/// Undo and redo, without limit.
///
/// Each state the scenario passes through has a number ([`History::state`]); a save remembers the
/// number, so the window knows whether there are unsaved changes even after undo and redo.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    undo: Vec<Entry>,
    redo: Vec<Entry>,
    last_state: u64,
}

impl History {
    /// Applies `edit` to `scenario` and records it; a new edit clears what could be redone.
    pub fn apply(&mut self, scenario: &mut Scenario, edit: Edit) -> Result<(), EditError> {
        let inverse = edit.clone().apply(scenario)?;
        self.last_state += 1;
        self.undo.push(Entry {
            forward: edit,
            inverse,
            state: self.last_state,
        });
        self.redo.clear();
        Ok(())
    }

    /// Undoes the newest edit; returns its description, or `None` if there is nothing to undo.
    pub fn undo(&mut self, scenario: &mut Scenario) -> Option<String> {
        let mut entry = self.undo.pop()?;
        match entry.inverse.clone().apply(scenario) {
            Ok(forward) => {
                let label = forward.describe();
                entry.forward = forward;
                self.redo.push(entry);
                Some(label)
            }
            Err(e) => {
                // Cannot happen while every change goes through the history; drop the entry
                // rather than leave a history that lies.
                log::error!("undo failed: {e}");
                self.undo.clear();
                None
            }
        }
    }

    /// Redoes the newest undone edit; returns its description.
    pub fn redo(&mut self, scenario: &mut Scenario) -> Option<String> {
        let mut entry = self.redo.pop()?;
        match entry.forward.clone().apply(scenario) {
            Ok(inverse) => {
                let label = entry.forward.describe();
                entry.inverse = inverse;
                self.undo.push(entry);
                Some(label)
            }
            Err(e) => {
                log::error!("redo failed: {e}");
                self.redo.clear();
                None
            }
        }
    }

    /// What Undo would undo.
    pub fn undo_label(&self) -> Option<String> {
        self.undo.last().map(|e| e.forward.describe())
    }

    /// What Redo would redo.
    pub fn redo_label(&self) -> Option<String> {
        self.redo.last().map(|e| e.forward.describe())
    }

    /// Number of edits that can be undone.
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    /// Number of edits that can be redone.
    pub fn redo_len(&self) -> usize {
        self.redo.len()
    }

    /// The number of the state the scenario is in now (0: as loaded).
    pub fn state(&self) -> u64 {
        self.undo.last().map_or(0, |e| e.state)
    }
}

impl fmt::Display for Property {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Name(v) => f.write_str(v.as_deref().unwrap_or("")),
            Self::Nation(v) => f.write_str(v),
            Self::Component(v) => write!(f, "{v}"),
            Self::Role(v) => write!(f, "{v}"),
            Self::Strength(v) => write!(f, "{v}"),
            Self::ReadinessDays(v) => write!(f, "{v}"),
            Self::Echelon(v) => f.write_str(v.map_or("", |e| e.as_str())),
            Self::RangeKm(v) => v.map_or(Ok(()), |r| write!(f, "{r}")),
            Self::Recognition(v) => write!(f, "{v}"),
            Self::Sidc(v) => v.map_or(Ok(()), |s| write!(f, "{s}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::scenario::{Demarcation, Force};
    use proptest::prelude::*;

    fn plan() -> Scenario {
        Scenario::bundled_default().expect("bundled default")
    }

    fn first_of(scenario: &Scenario, kind: &str) -> String {
        scenario
            .features
            .iter()
            .find(|f| f.item.kind() == Some(kind))
            .map(|f| f.id.clone())
            .expect("feature of that kind")
    }

    #[test]
    fn property_parsing_explains_wrong_values() {
        assert_eq!(
            Property::parse("strength", "4,500"),
            Ok(Property::Strength(4500))
        );
        let e = Property::parse("strength", "-5").unwrap_err();
        assert!(e.contains("negative"), "{e}");
        let e = Property::parse("nation", "UK").unwrap_err();
        assert!(e.contains("\"UK\" is not an ISO"), "{e}");
        assert_eq!(
            Property::parse("nation", "gb"),
            Ok(Property::Nation("GB".into()))
        );
        assert_eq!(Property::parse("range_km", ""), Ok(Property::RangeKm(None)));
        assert!(Property::parse("readiness_days", "NaN").is_err());
        assert!(Property::parse("component", "cavalry").is_err());
    }

    #[test]
    fn wrong_values_are_refused_and_change_nothing() {
        let mut s = plan();
        let before = s.clone();
        let force = first_of(&s, "force");
        let mut history = History::default();
        let e = history
            .apply(
                &mut s,
                Edit::SetProperty {
                    id: force.clone(),
                    property: Property::Nation("XX".into()),
                },
            )
            .unwrap_err();
        assert!(matches!(
            e,
            EditError::Invalid {
                property: "nation",
                ..
            }
        ));
        let e = history
            .apply(
                &mut s,
                Edit::MoveForce {
                    id: force,
                    to: Point::new(f64::NAN, 50.0),
                },
            )
            .unwrap_err();
        assert!(matches!(e, EditError::Invalid { .. }), "{e}");
        assert_eq!(history.undo_len(), 0);
        assert_eq!(s, before);
    }

    #[test]
    fn failing_batch_rolls_back() {
        let mut s = plan();
        let before = s.clone();
        let line = first_of(&s, "demarcation");
        let batch = Edit::Batch(vec![
            Edit::SetTitle("Changed".into()),
            Edit::InsertVertex {
                id: line.clone(),
                index: 0,
                at: Coord { x: 30.0, y: 50.0 },
            },
            Edit::RemoveFeature { id: "nope".into() },
        ]);
        assert_eq!(
            batch.apply(&mut s),
            Err(EditError::NoFeature("nope".into()))
        );
        assert_eq!(s, before);
    }

    #[test]
    fn a_line_keeps_two_points() {
        let mut s = plan();
        let id = s.unused_id("demarcation");
        let line = LineString::from(vec![(30.0, 50.0), (31.0, 51.0)]);
        let feature = ScenarioFeature::new(
            id.clone(),
            Item::Demarcation(Demarcation {
                name: None,
                line,
                recognition: crate::model::scenario::Recognition::DEFAULT,
            }),
        );
        let mut history = History::default();
        let index = s.features.len();
        history
            .apply(
                &mut s,
                Edit::AddFeature {
                    index,
                    feature: Box::new(feature),
                },
            )
            .expect("add");
        let e = history.apply(&mut s, Edit::RemoveVertex { id, index: 0 });
        assert_eq!(e, Err(EditError::TooFewPoints));
    }

    #[test]
    fn state_numbers_track_save_points_through_undo_and_redo() {
        let mut s = plan();
        let mut history = History::default();
        assert_eq!(history.state(), 0);
        history.apply(&mut s, Edit::SetTitle("A".into())).unwrap();
        let saved = history.state();
        history.apply(&mut s, Edit::SetTitle("B".into())).unwrap();
        assert_ne!(history.state(), saved);
        assert_eq!(history.undo(&mut s).as_deref(), Some("set title"));
        assert_eq!(history.state(), saved);
        assert_eq!(s.title, "A");
        history.redo(&mut s);
        assert_eq!(s.title, "B");
        history.undo(&mut s);
        history.undo(&mut s);
        assert_eq!(history.state(), 0);
        // A new edit after undo gets a new number, never one seen before.
        history.apply(&mut s, Edit::SetTitle("C".into())).unwrap();
        assert_ne!(history.state(), saved);
        assert_eq!(history.redo_len(), 0);
    }

    /// One random operation, turned into an edit against the scenario as it is then.
    #[derive(Debug, Clone)]
    struct Op {
        kind: u8,
        pick: usize,
        index: usize,
        x: f64,
        y: f64,
        number: u64,
    }

    fn op() -> impl Strategy<Value = Op> {
        (
            0u8..12,
            0usize..1000,
            0usize..1000,
            20.0f64..45.0,
            40.0f64..56.0,
            0u64..200_000,
        )
            .prop_map(|(kind, pick, index, x, y, number)| Op {
                kind,
                pick,
                index,
                x,
                y,
                number,
            })
    }

    fn edit_for(s: &Scenario, op: &Op) -> Edit {
        let ids_of = |kind: &str| -> Vec<String> {
            s.features
                .iter()
                .filter(|f| f.item.kind() == Some(kind))
                .map(|f| f.id.clone())
                .collect()
        };
        let pick = |ids: Vec<String>| {
            ids.get(op.pick % ids.len().max(1))
                .cloned()
                .unwrap_or_default()
        };
        let at = Coord { x: op.x, y: op.y };
        let line_len = |id: &str| match s.feature(id).map(|f| &f.item) {
            Some(Item::Demarcation(d)) => d.line.0.len(),
            _ => 0,
        };
        match op.kind {
            0 => {
                let force = Force {
                    name: Some(format!("F{}", op.number)),
                    nation: "PL".into(),
                    component: Component::Land,
                    role: Role::Reassurance,
                    strength: op.number,
                    readiness_days: 3.0,
                    echelon: None,
                    range_km: None,
                    position: Point::from(at),
                    sidc: None,
                };
                Edit::AddFeature {
                    index: op.index % (s.features.len() + 1),
                    feature: Box::new(ScenarioFeature::new(
                        s.unused_id("force"),
                        Item::Force(force),
                    )),
                }
            }
            1 => Edit::RemoveFeature {
                id: pick(s.features.iter().map(|f| f.id.clone()).collect()),
            },
            2 => Edit::MoveForce {
                id: pick(ids_of("force")),
                to: Point::from(at),
            },
            3 => Edit::SetProperty {
                id: pick(ids_of("force")),
                property: Property::Strength(op.number),
            },
            4 => Edit::SetProperty {
                id: pick(ids_of("force")),
                property: Property::Nation(["GB", "FR", "US", "UA"][op.index % 4].into()),
            },
            5 => {
                let id = pick(ids_of("demarcation"));
                let index = op.index % (line_len(&id) + 1);
                Edit::InsertVertex { id, index, at }
            }
            6 => {
                let id = pick(ids_of("demarcation"));
                let index = op.index % line_len(&id).max(1);
                Edit::MoveVertex { id, index, to: at }
            }
            7 => {
                let id = pick(ids_of("demarcation"));
                let index = op.index % line_len(&id).max(1);
                Edit::RemoveVertex { id, index }
            }
            8 => Edit::SetTitle(format!("Plan {}", op.number)),
            9 => Edit::SetProperty {
                id: pick(s.features.iter().map(|f| f.id.clone()).collect()),
                property: Property::Name(Some(format!("N{}", op.number))),
            },
            10 => Edit::SetLine {
                id: pick(ids_of("demarcation")),
                line: LineString::from(vec![(op.x, op.y), (op.x + 1.0, op.y - 1.0)]),
            },
            _ => Edit::Batch(vec![
                Edit::SetMeasures(vec![format!("m{}", op.number)]),
                Edit::SetProperty {
                    id: pick(ids_of("force")),
                    property: Property::RangeKm(Some(op.number as f64)),
                },
            ]),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        #[test]
        fn undo_all_returns_the_original_and_redo_all_the_final(ops in proptest::collection::vec(op(), 1..40)) {
            let original = plan();
            let mut s = original.clone();
            let mut history = History::default();
            for op in &ops {
                let edit = edit_for(&s, op);
                let before = s.clone();
                if history.apply(&mut s, edit).is_err() {
                    // A refused edit changes nothing.
                    prop_assert_eq!(&s, &before);
                }
            }
            let last = s.clone();
            let applied = history.undo_len();
            while history.undo(&mut s).is_some() {}
            prop_assert_eq!(&s, &original);
            prop_assert_eq!(history.redo_len(), applied);
            while history.redo(&mut s).is_some() {}
            prop_assert_eq!(&s, &last);
        }
    }
}
