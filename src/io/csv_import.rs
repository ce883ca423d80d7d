//! Forces from a spreadsheet: a CSV file with the columns `name, nation, component, role,
//! strength, readiness_days, lon, lat` and optionally `echelon, range_km, sidc`, one force per
//! row.
//!
//! Every row is checked on its own and every bad cell is reported with its row, its column and
//! the reason, so a planner fixes a whole sheet in one go instead of one error at a time. Good
//! rows become one [`Edit::Batch`], so the whole import is undone with one Undo. GUI-free: the
//! window's dialog only shows the [`CsvImport`] this module returns.

use crate::model::edit::{Edit, Property};
use crate::model::load::read_input;
use crate::model::scenario::{Component, Force, Item, Role, Scenario, ScenarioFeature};
use geo::Point;
use std::collections::HashSet;
use std::fmt;
use std::path::Path;

/// The columns every file must have, in the order the documentation lists them.
pub const REQUIRED_COLUMNS: [&str; 8] = [
    "name",
    "nation",
    "component",
    "role",
    "strength",
    "readiness_days",
    "lon",
    "lat",
];

/// The columns a file may have in addition.
pub const OPTIONAL_COLUMNS: [&str; 3] = ["echelon", "range_km", "sidc"];

/// The file as a whole cannot be imported (no row is then).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CsvImportError {
    /// The file cannot be read (missing, too large, not UTF-8).
    #[error("{0}")]
    Read(String),
    /// The header row is missing or lacks required columns.
    #[error("{file}: row 1 (the header): {reason}")]
    Header {
        /// The file's name.
        file: String,
        /// What is wrong with the header, and what was expected.
        reason: String,
    },
}

/// One bad cell (or a row that is bad as a whole).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    /// The row as a spreadsheet numbers it: the header is row 1.
    pub row: u64,
    /// The column at fault; `None` when the row as a whole is wrong (wrong number of cells).
    pub column: Option<String>,
    /// What is wrong and what was expected.
    pub reason: String,
}

impl fmt::Display for RowProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.column {
            Some(column) => write!(f, "row {}, column {column}: {}", self.row, self.reason),
            None => write!(f, "row {}: {}", self.row, self.reason),
        }
    }
}

/// What a CSV file yields: the forces of its good rows and the problems of its bad ones.
#[derive(Debug, Clone, PartialEq)]
pub struct CsvImport {
    /// The file's name, for messages.
    pub file: String,
    /// Forces ready to add, each with the row it came from; ids are unused in the scenario.
    pub forces: Vec<(u64, ScenarioFeature)>,
    /// Every bad cell of every row that was not imported, in file order.
    pub problems: Vec<RowProblem>,
    /// Rows that were not imported (a row with three bad cells counts once).
    pub rejected_rows: usize,
    /// Columns the program does not know, ignored.
    pub ignored_columns: Vec<String>,
}

impl CsvImport {
    /// The edit that adds every good row's force after the scenario's features, undone as one;
    /// `None` if there is nothing to add.
    pub fn edit(&self, scenario: &Scenario) -> Option<Edit> {
        if self.forces.is_empty() {
            return None;
        }
        let start = scenario.features.len();
        let edits = self
            .forces
            .iter()
            .enumerate()
            .map(|(offset, (_, feature))| Edit::AddFeature {
                index: start + offset,
                feature: Box::new(feature.clone()),
            })
            .collect();
        Some(Edit::Batch(edits))
    }

    /// One sentence saying what was and wasn't imported.
    pub fn summary(&self) -> String {
        let forces = crate::format::counted(self.forces.len(), "force", "forces");
        let rows = crate::format::counted(self.rejected_rows, "row", "rows");
        match (self.forces.len(), self.rejected_rows) {
            (0, 0) => format!("{}: no rows below the header; nothing imported.", self.file),
            (_, 0) => format!("Imported {forces} from {}.", self.file),
            (0, _) => format!(
                "Nothing imported from {}: all {rows} have problems (listed below).",
                self.file
            ),
            _ => format!(
                "Imported {forces} from {}; {rows} not imported because of the problems below.",
                self.file
            ),
        }
    }
}

/// Reads and checks a CSV file of forces (at most the size of a scenario file).
pub fn read_forces(path: &Path, scenario: &Scenario) -> Result<CsvImport, CsvImportError> {
    let text = read_input(path, "a CSV file").map_err(|e| CsvImportError::Read(e.to_string()))?;
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into(),
    );
    parse_forces(&name, &text, scenario)
}

/// Where each known column is in the file.
struct Columns {
    index: Vec<(&'static str, usize)>,
}

impl Columns {
    fn of(&self, name: &str) -> Option<usize> {
        self.index.iter().find(|(n, _)| *n == name).map(|(_, i)| *i)
    }
}

/// Checks the CSV text of forces; `file` names it in messages. Ids of new forces are
/// `<nation>-<n>` (lower case, as in `pl-1`), unused in `scenario` and in this import.
pub fn parse_forces(
    file: &str,
    text: &str,
    scenario: &Scenario,
) -> Result<CsvImport, CsvImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let header_line = text.lines().next().unwrap_or_default();
    // Spreadsheets set to a European locale write semicolons; a header tells which one it is.
    let delimiter = if !header_line.contains(',') && header_line.contains(';') {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(true)
        .from_reader(text.as_bytes());
    let header_error = |reason: String| CsvImportError::Header {
        file: file.to_owned(),
        reason,
    };
    let headers = reader
        .headers()
        .map_err(|e| header_error(format!("cannot be read ({e})")))?
        .clone();
    if headers.iter().all(|h| h.trim().is_empty()) {
        return Err(header_error(format!(
            "the file is empty: expected a header row with the columns {}",
            REQUIRED_COLUMNS.join(", ")
        )));
    }
    let normalised: Vec<String> = headers
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    let mut index = Vec::new();
    let mut ignored_columns = Vec::new();
    for (i, name) in normalised.iter().enumerate() {
        match REQUIRED_COLUMNS
            .iter()
            .chain(OPTIONAL_COLUMNS.iter())
            .find(|known| **known == name.as_str())
        {
            Some(known) if index.iter().any(|(n, _)| n == known) => {
                return Err(header_error(format!("the column {known} appears twice")));
            }
            Some(known) => index.push((*known, i)),
            None => ignored_columns.push(headers.get(i).unwrap_or_default().trim().to_owned()),
        }
    }
    let missing: Vec<&str> = REQUIRED_COLUMNS
        .iter()
        .copied()
        .filter(|c| !index.iter().any(|(n, _)| n == c))
        .collect();
    if !missing.is_empty() {
        return Err(header_error(format!(
            "missing column{} {}: expected the columns {} (and optionally {}), found {}",
            if missing.len() == 1 { "" } else { "s" },
            missing.join(", "),
            REQUIRED_COLUMNS.join(", "),
            OPTIONAL_COLUMNS.join(", "),
            normalised.join(", ")
        )));
    }
    let columns = Columns { index };

    let mut used: HashSet<String> = scenario.features.iter().map(|f| f.id.clone()).collect();
    let mut import = CsvImport {
        file: file.to_owned(),
        forces: Vec::new(),
        problems: Vec::new(),
        rejected_rows: 0,
        ignored_columns,
    };
    for (n, record) in reader.records().enumerate() {
        // Row 1 is the header; a record's own line is used where csv knows it (quoted cells
        // may span lines), else its position.
        let row = record
            .as_ref()
            .ok()
            .and_then(|r| r.position())
            .map_or(n as u64 + 2, |p| p.line());
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                import.rejected_rows += 1;
                import.problems.push(RowProblem {
                    row: e.position().map_or(n as u64 + 2, |p| p.line()),
                    column: None,
                    reason: format!("cannot be read ({e})"),
                });
                continue;
            }
        };
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        if record.len() != headers.len() {
            import.rejected_rows += 1;
            import.problems.push(RowProblem {
                row,
                column: None,
                reason: format!(
                    "{} cells, expected {} as in the header",
                    record.len(),
                    headers.len()
                ),
            });
            continue;
        }
        match read_row(&columns, &record, row) {
            Ok(force) => {
                let prefix = force.nation.to_ascii_lowercase();
                let id = (1..)
                    .map(|k| format!("{prefix}-{k}"))
                    .find(|candidate| !used.contains(candidate))
                    .unwrap_or_default();
                used.insert(id.clone());
                import
                    .forces
                    .push((row, ScenarioFeature::new(id, Item::Force(force))));
            }
            Err(problems) => {
                import.rejected_rows += 1;
                import.problems.extend(problems);
            }
        }
    }
    Ok(import)
}

/// Reads one row into a force, or every problem it has.
fn read_row(
    columns: &Columns,
    record: &csv::StringRecord,
    row: u64,
) -> Result<Force, Vec<RowProblem>> {
    let mut problems = Vec::new();
    let cell = |name: &str| -> &str {
        columns
            .of(name)
            .and_then(|i| record.get(i))
            .map_or("", str::trim)
    };
    let mut problem = |column: &str, reason: String| {
        problems.push(RowProblem {
            row,
            column: Some(column.to_owned()),
            reason,
        });
    };
    let mut property = |column: &str| -> Option<Property> {
        let text = cell(column);
        let required = REQUIRED_COLUMNS.contains(&column) && column != "name";
        if required && text.is_empty() {
            problem(column, "empty: a value is required".to_owned());
            return None;
        }
        match Property::parse(column, text) {
            Ok(p) => Some(p),
            Err(reason) => {
                // Most reasons quote the value already ("\"UK\" is not an ISO … code").
                if reason.contains(text) && !text.is_empty() {
                    problem(column, reason);
                } else {
                    problem(column, format!("\"{text}\": {reason}"));
                }
                None
            }
        }
    };
    let name = property("name");
    let nation = property("nation");
    let component = property("component");
    let role = property("role");
    let strength = property("strength");
    let readiness = property("readiness_days");
    let echelon = property("echelon");
    let range = property("range_km");
    let sidc = property("sidc");
    let lon = coordinate(cell("lon"), 180.0, "longitude");
    let lat = coordinate(cell("lat"), 90.0, "latitude");
    if let Err(reason) = &lon {
        problem("lon", reason.clone());
    }
    if let Err(reason) = &lat {
        problem("lat", reason.clone());
    }
    match (
        name, nation, component, role, strength, readiness, echelon, range, sidc, lon, lat,
    ) {
        (
            Some(Property::Name(name)),
            Some(Property::Nation(nation)),
            Some(Property::Component(component)),
            Some(Property::Role(role)),
            Some(Property::Strength(strength)),
            Some(Property::ReadinessDays(readiness_days)),
            Some(Property::Echelon(echelon)),
            Some(Property::RangeKm(range_km)),
            Some(Property::Sidc(sidc)),
            Ok(lon),
            Ok(lat),
        ) if problems.is_empty() => Ok(Force {
            name,
            nation,
            component,
            role,
            strength,
            readiness_days,
            echelon,
            range_km,
            position: Point::new(lon, lat),
            sidc,
        }),
        _ => Err(problems),
    }
}

/// A longitude or latitude in degrees, within ±`limit`.
fn coordinate(text: &str, limit: f64, what: &str) -> Result<f64, String> {
    if text.is_empty() {
        return Err("empty: a value is required".to_owned());
    }
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() && v.abs() <= limit => Ok(v),
        Ok(_) => Err(format!(
            "\"{text}\": expected a {what} in degrees between −{limit} and {limit}"
        )),
        Err(_) => Err(format!(
            "\"{text}\" is not a number: expected a {what} in degrees (WGS84, such as {})",
            if limit > 90.0 { "30.52" } else { "50.45" }
        )),
    }
}

/// The component and role keywords, for the dialog's help text.
pub fn keywords_help() -> String {
    format!(
        "component: {}; role: {}",
        Component::expected(),
        Role::expected()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str =
        "name,nation,component,role,strength,readiness_days,lon,lat,echelon,range_km";

    fn parse(text: &str) -> CsvImport {
        parse_forces("forces.csv", text, &Scenario::default()).expect("header is fine")
    }

    #[test]
    fn good_rows_become_forces_with_fresh_ids() {
        let text = format!(
            "{HEADER}\n12th Mech Bde,PL,land,reassurance,4500,3,30.52,50.45,brigade,\n\
             ,gb,air,rapid-reaction,\"1,200\",2,23.5,52.1,,1500\n"
        );
        let import = parse(&text);
        assert!(import.problems.is_empty(), "{:?}", import.problems);
        let ids: Vec<&str> = import.forces.iter().map(|(_, f)| f.id.as_str()).collect();
        assert_eq!(ids, ["pl-1", "gb-1"]);
        let Item::Force(gb) = &import.forces[1].1.item else {
            panic!("a force")
        };
        assert_eq!(
            (gb.strength, gb.range_km, gb.name.as_deref()),
            (1200, Some(1500.0), None)
        );
        assert_eq!(gb.position, Point::new(23.5, 52.1));
        assert_eq!(import.summary(), "Imported 2 forces from forces.csv.");
    }

    #[test]
    fn every_bad_cell_is_reported_by_row_and_column() {
        let text = format!(
            "{HEADER}\nA,PL,land,reassurance,4500,3,30.5,50.4,,\n\
             B,UK,tanks,reassurance,-5,3,200,50.4,,\n\
             C,PL,land\n\
             D,PL,land,monitor,100,1,30,abc,platoon,-1\n"
        );
        let import = parse(&text);
        assert_eq!(import.forces.len(), 1);
        assert_eq!(import.rejected_rows, 3);
        let lines: Vec<String> = import.problems.iter().map(ToString::to_string).collect();
        let expect = [
            "row 3, column nation: \"UK\"",
            "row 3, column component: \"tanks\": expected one of land",
            "row 3, column strength: -5 is negative",
            "row 3, column lon: \"200\": expected a longitude",
            "row 4: 3 cells, expected 10",
            "row 5, column echelon: \"platoon\"",
            "row 5, column range_km: -1 is negative",
            "row 5, column lat: \"abc\" is not a number",
        ];
        for fragment in expect {
            assert!(
                lines.iter().any(|l| l.starts_with(fragment)),
                "{fragment} in {lines:#?}"
            );
        }
        assert_eq!(lines.len(), expect.len(), "{lines:#?}");
        assert!(
            import.summary().contains("3 rows not imported"),
            "{}",
            import.summary()
        );
    }

    #[test]
    fn header_problems_refuse_the_file() {
        let err = parse_forces("f.csv", "name,nation,lon\n", &Scenario::default()).unwrap_err();
        let text = err.to_string();
        assert!(text.starts_with("f.csv: row 1 (the header): missing columns component, role, strength, readiness_days, lat"), "{text}");
        let err = parse_forces("f.csv", "", &Scenario::default()).unwrap_err();
        assert!(err.to_string().contains("empty"), "{err}");
    }

    #[test]
    fn semicolons_bom_case_and_extra_columns_are_accepted() {
        let text = "\u{feff}Name;Nation;Component;Role;Strength;Readiness_days;Lon;Lat;Notes\n\
                    X;fr;maritime;backstop;900;5;31;46;kept aside\n";
        let import = parse(text);
        assert_eq!(import.forces.len(), 1, "{:?}", import.problems);
        assert_eq!(import.ignored_columns, ["Notes"]);
    }

    #[test]
    fn ids_avoid_existing_features_and_the_batch_undoes_as_one() {
        let mut scenario = Scenario::bundled_default().expect("bundled");
        let text = format!(
            "{HEADER}\nA,PL,land,reassurance,10,1,30,50,,\nB,PL,land,reassurance,20,1,30,50,,\n"
        );
        let import = parse_forces("f.csv", &text, &scenario).expect("ok");
        for (_, f) in &import.forces {
            assert!(scenario.feature(&f.id).is_none(), "{} is new", f.id);
        }
        let before = scenario.clone();
        let edit = import.edit(&scenario).expect("two forces");
        let inverse = edit.apply(&mut scenario).expect("applies");
        assert_eq!(scenario.features.len(), before.features.len() + 2);
        inverse.apply(&mut scenario).expect("undoes");
        assert_eq!(scenario, before);
    }
}
