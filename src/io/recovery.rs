//! Recovery snapshots: unsaved work written aside at least every [`RECOVERY_INTERVAL`], offered
//! back at the next start, discarded once the work is saved or deliberately closed.
//!
//! Snapshots live in one folder: `$ARMISTICE_RECOVERY_DIR` if set (tests), else the user's data
//! folder (`$XDG_DATA_HOME/armistice/recovery`, `~/.local/share/armistice/recovery` on Linux,
//! `~/Library/Application Support/armistice/recovery` on macOS, `%APPDATA%\armistice\recovery` on
//! Windows). Each window session writes one file, `<start time ms>-<pid>.geojson`: the scenario
//! as GeoJSON (it opens in any GIS) with one extra top-level member, `armistice_recovery`, that
//! records the file the work belongs to and when it was written. That member is removed again on
//! restore. Snapshots are written with [`write_output`], so a crash while writing one never leaves
//! a broken snapshot.

use super::output::write_output;
use crate::model::load::{load_front_line, read_limited, resolve_relative};
use crate::model::{FrontLine, LoadError, Scenario};
use geojson::JsonValue;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Environment variable that overrides the recovery folder.
pub const RECOVERY_DIR_VAR: &str = "ARMISTICE_RECOVERY_DIR";

/// Longest time unsaved work goes without a recovery snapshot.
pub const RECOVERY_INTERVAL: Duration = Duration::from_secs(30);

/// The top-level member of a snapshot that records where the work belongs and when it was taken.
pub const RECOVERY_MEMBER: &str = "armistice_recovery";

/// The recovery folder from the environment (see the module documentation), or `None` if no
/// home or data folder is known.
pub fn default_recovery_dir() -> Option<PathBuf> {
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    if let Some(dir) = var(RECOVERY_DIR_VAR) {
        return Some(PathBuf::from(dir));
    }
    let data = if cfg!(windows) {
        var("APPDATA").map(PathBuf::from)?
    } else if cfg!(target_os = "macos") {
        PathBuf::from(var("HOME")?).join("Library/Application Support")
    } else {
        var("XDG_DATA_HOME")
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .or_else(|| var("HOME").map(|home| PathBuf::from(home).join(".local/share")))?
    };
    Some(data.join("armistice").join("recovery"))
}

/// The folder of recovery snapshots.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecoveryStore {
    dir: PathBuf,
}

/// A snapshot found in the recovery folder.
#[derive(Debug, Clone, PartialEq)]
pub struct RecoveryEntry {
    /// The snapshot file itself.
    pub file: PathBuf,
    /// The scenario file the work belongs to; `None` if it had never been saved.
    pub original: Option<PathBuf>,
    /// When the snapshot was written.
    pub saved_at: SystemTime,
    /// The scenario's title.
    pub title: String,
    /// Why the snapshot cannot be restored, if it cannot (then it can only be discarded).
    pub problem: Option<String>,
}

/// Work taken back from a snapshot.
#[derive(Debug, Clone)]
pub struct Recovered {
    /// The plan as it was when the snapshot was written (with unsaved changes).
    pub scenario: Scenario,
    /// The scenario file the work belongs to; `None` if it had never been saved.
    pub original: Option<PathBuf>,
    /// The scenario's own front line (`armistice.front_line`), if it has one and it could be read.
    pub front_line: Option<FrontLine>,
    /// A problem that did not prevent the restore (e.g. the front line file is gone).
    pub warning: Option<String>,
}

/// The snapshot of one window session: written while there is unsaved work, removed after a
/// save or a deliberate close.
#[derive(Debug)]
pub struct RecoverySession {
    file: PathBuf,
    last_written: Option<Instant>,
}

impl RecoveryStore {
    /// The store in the folder named by the environment, if one is known.
    pub fn from_env() -> Option<Self> {
        default_recovery_dir().map(Self::at)
    }

    /// The store in `dir` (created when the first snapshot is written).
    pub fn at(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Every snapshot in the folder, newest first. A missing folder has none; a file that cannot
    /// be read is listed with its `problem`, so it can be discarded.
    pub fn list(&self) -> Vec<RecoveryEntry> {
        let Ok(read_dir) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut entries: Vec<RecoveryEntry> = read_dir
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "geojson"))
            .map(|p| read_entry(&p))
            .collect();
        entries.sort_by(|a, b| b.saved_at.cmp(&a.saved_at).then(a.file.cmp(&b.file)));
        entries
    }

    /// A new session whose snapshot file no other session uses.
    pub fn new_session(&self) -> RecoverySession {
        let millis = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_millis());
        RecoverySession {
            file: self
                .dir
                .join(format!("{millis}-{}.geojson", std::process::id())),
            last_written: None,
        }
    }
}

impl RecoveryEntry {
    /// Reads the work back. The scenario's front line is read relative to the original file.
    pub fn restore(&self) -> Result<Recovered, LoadError> {
        if let Some(problem) = &self.problem {
            return Err(LoadError(problem.clone()));
        }
        let name = self.file.display().to_string();
        let text = read_limited(&self.file)?;
        let mut scenario = Scenario::parse(&name, &text).map_err(|e| LoadError(e.to_string()))?;
        scenario.other_members.remove(RECOVERY_MEMBER);
        let (front_line, warning) = match (&scenario.front_line, &self.original) {
            (Some(rel), original) => {
                let path = match original {
                    Some(original) => resolve_relative(original, rel),
                    None => PathBuf::from(rel),
                };
                match load_front_line(&path) {
                    Ok(line) => (Some(line), None),
                    Err(e) => (
                        None,
                        Some(format!(
                            "the scenario's front line could not be read, the bundled one is shown: {e}"
                        )),
                    ),
                }
            }
            (None, _) => (None, None),
        };
        Ok(Recovered {
            scenario,
            original: self.original.clone(),
            front_line,
            warning,
        })
    }

    /// Deletes the snapshot (a snapshot already gone is fine).
    pub fn discard(&self) -> io::Result<()> {
        remove_if_present(&self.file)
    }

    /// One line for the "recover unsaved work" dialog.
    pub fn describe(&self) -> String {
        let file = self
            .original
            .as_ref()
            .map_or_else(|| "never saved".to_owned(), |p| p.display().to_string());
        let when = format_utc(self.saved_at);
        match &self.problem {
            None => format!("“{}” ({file}), unsaved work from {when}", self.title),
            Some(problem) => format!("unreadable snapshot from {when}: {problem}"),
        }
    }
}

impl RecoverySession {
    /// The snapshot file this session writes.
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// Whether a snapshot is due: never written, or written [`RECOVERY_INTERVAL`] ago or more.
    /// The caller writes only while there is unsaved work.
    pub fn is_due(&self, now: Instant) -> bool {
        self.last_written
            .is_none_or(|t| now.saturating_duration_since(t) >= RECOVERY_INTERVAL)
    }

    /// Writes a snapshot of `scenario`, the work on `original` (`None`: never saved), atomically,
    /// creating the folder if needed.
    pub fn write(&mut self, scenario: &Scenario, original: Option<&Path>) -> io::Result<()> {
        if let Some(dir) = self.file.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let mut collection = scenario.to_collection();
        let saved_at = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let mut meta = geojson::JsonObject::new();
        meta.insert(
            "original".to_owned(),
            original.map_or(JsonValue::Null, |p| {
                absolute(p).display().to_string().into()
            }),
        );
        meta.insert("saved_at".to_owned(), saved_at.into());
        collection
            .foreign_members
            .get_or_insert_with(Default::default)
            .insert(RECOVERY_MEMBER.to_owned(), JsonValue::Object(meta));
        let text = serde_json::to_string(&collection).map_err(io::Error::other)?;
        write_output(&self.file, text.as_bytes())?;
        self.last_written = Some(Instant::now());
        Ok(())
    }

    /// Removes this session's snapshot: after a save, or when the user closes without saving.
    pub fn discard(&mut self) -> io::Result<()> {
        self.last_written = None;
        remove_if_present(&self.file)
    }
}

fn remove_if_present(path: &Path) -> io::Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// `path` made absolute against the current folder, so a snapshot names its file unambiguously.
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Reads a snapshot's metadata (the whole file is parsed, so an entry without a `problem` will
/// restore).
fn read_entry(file: &Path) -> RecoveryEntry {
    let modified = std::fs::metadata(file)
        .and_then(|m| m.modified())
        .unwrap_or(UNIX_EPOCH);
    let mut entry = RecoveryEntry {
        file: file.to_path_buf(),
        original: None,
        saved_at: modified,
        title: String::new(),
        problem: None,
    };
    let name = file.display().to_string();
    let parsed = read_limited(file)
        .and_then(|text| Scenario::parse(&name, &text).map_err(|e| LoadError(e.to_string())));
    match parsed {
        Ok(scenario) => {
            entry.title = scenario.title.clone();
            if let Some(meta) = scenario.other_members.get(RECOVERY_MEMBER) {
                entry.original = meta
                    .get("original")
                    .and_then(JsonValue::as_str)
                    .map(PathBuf::from);
                if let Some(secs) = meta.get("saved_at").and_then(JsonValue::as_u64) {
                    entry.saved_at = UNIX_EPOCH + Duration::from_secs(secs);
                }
            }
        }
        Err(e) => entry.problem = Some(e.0),
    }
    entry
}

/// "2026-11-22 08:07 UTC".
pub fn format_utc(time: SystemTime) -> String {
    let secs = time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let (year, month, day) = civil_from_days(days);
    let minutes = secs % 86_400 / 60;
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02} UTC",
        minutes / 60,
        minutes % 60
    )
}

/// Days since 1970-01-01 to (year, month, day) in the proleptic Gregorian calendar
/// (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("armistice-recovery-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn snapshot_is_listed_restored_and_discarded() {
        let dir = temp_dir("cycle");
        let store = RecoveryStore::at(&dir);
        assert!(store.list().is_empty(), "a missing folder has no snapshots");

        let mut scenario = Scenario::bundled_default().expect("default");
        scenario.title = "Unsaved plan".to_owned();
        scenario.features.truncate(3);
        // The steps name only features there are (a file naming others does not open).
        let ids: Vec<String> = scenario.features.iter().map(|f| f.id.clone()).collect();
        for step in &mut scenario.steps {
            if let Some(features) = &mut step.features {
                features.retain(|f| ids.contains(f));
            }
        }
        let original = dir.join("plans/plan.geojson");
        let mut session = store.new_session();
        assert!(session.is_due(Instant::now()));
        session.write(&scenario, Some(&original)).expect("write");
        assert!(!session.is_due(Instant::now()));
        assert!(session.is_due(Instant::now() + RECOVERY_INTERVAL));

        let entries = store.list();
        assert_eq!(entries.len(), 1);
        let entry = &entries[0];
        assert_eq!(entry.title, "Unsaved plan");
        assert_eq!(entry.original.as_deref(), Some(original.as_path()));
        assert!(entry.problem.is_none());
        let age = SystemTime::now()
            .duration_since(entry.saved_at)
            .unwrap_or_default();
        assert!(age < Duration::from_secs(60), "saved_at {age:?} ago");
        assert!(
            entry.describe().contains("plan.geojson"),
            "{}",
            entry.describe()
        );

        let recovered = entry.restore().expect("restore");
        assert_eq!(
            recovered.scenario, scenario,
            "the recovery member is removed"
        );
        assert_eq!(recovered.original.as_deref(), Some(original.as_path()));

        session.discard().expect("discard");
        assert!(store.list().is_empty());
        session.discard().expect("discarding twice is fine");
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn unreadable_snapshot_is_listed_with_its_problem_and_can_be_discarded() {
        let dir = temp_dir("broken");
        std::fs::create_dir_all(&dir).expect("dir");
        std::fs::write(dir.join("1-1.geojson"), "{ not json").expect("write");
        std::fs::write(dir.join("notes.txt"), "ignored").expect("write");
        let entries = RecoveryStore::at(&dir).list();
        assert_eq!(entries.len(), 1);
        let problem = entries[0].problem.clone().expect("a problem");
        assert!(problem.contains("1-1.geojson"), "{problem}");
        assert!(entries[0].restore().is_err());
        entries[0].discard().expect("discard");
        assert!(RecoveryStore::at(&dir).list().is_empty());
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn newest_snapshot_comes_first_and_sessions_do_not_collide() {
        let dir = temp_dir("order");
        let store = RecoveryStore::at(&dir);
        let a = store.new_session();
        std::thread::sleep(Duration::from_millis(3));
        let b = store.new_session();
        assert_ne!(a.file(), b.file());
        std::fs::create_dir_all(&dir).expect("dir");
        for (name, secs) in [("old", 1_000), ("new", 2_000)] {
            let mut s = Scenario {
                title: name.to_owned(),
                ..Scenario::default()
            };
            let mut meta = geojson::JsonObject::new();
            meta.insert("saved_at".to_owned(), JsonValue::from(secs));
            s.other_members
                .insert(RECOVERY_MEMBER.to_owned(), JsonValue::Object(meta));
            std::fs::write(dir.join(format!("{name}.geojson")), s.to_geojson_string())
                .expect("write");
        }
        let titles: Vec<String> = store.list().into_iter().map(|e| e.title).collect();
        assert_eq!(titles, ["new", "old"]);
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn utc_dates_are_right() {
        assert_eq!(format_utc(UNIX_EPOCH), "1970-01-01 00:00 UTC");
        // 2000-02-29 12:34 UTC, a leap day in a century leap year.
        let t = UNIX_EPOCH + Duration::from_secs(951_827_640);
        assert_eq!(format_utc(t), "2000-02-29 12:34 UTC");
        let t = UNIX_EPOCH + Duration::from_secs(1_795_852_800);
        assert_eq!(format_utc(t), "2026-11-28 08:00 UTC");
    }
}
