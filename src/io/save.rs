//! Atomic saves: the target file is always either the old version or the new one, never a mix,
//! even if the program is killed or the machine loses power in the middle of a save.
//!
//! The bytes go to a temporary file in the target's own folder (a rename is only atomic within
//! one file system), which is flushed to disk (`fsync`) and then renamed over the target; finally
//! the folder itself is flushed so that the rename survives a power cut.

use crate::model::Scenario;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Distinguishes temporary files of concurrent saves within one process.
static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, written, flushed to
/// disk, renamed over `path`, then the folder flushed. On any error the temporary file is removed
/// and `path` is left as it was. An existing target keeps its permissions; a symbolic link is
/// followed, so the file it points to is replaced and the link stays.
pub fn save_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let target = resolve_symlink(path)?;
    let dir = folder_of(&target);
    let file_name = target.file_name().ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{}: not a file name", path.display()),
        )
    })?;
    if target.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::IsADirectory,
            format!("{}: is a folder", path.display()),
        ));
    }

    let (temp_path, mut temp) = create_temp(&dir, &file_name.to_string_lossy())?;
    let written = (|| {
        if let Ok(meta) = fs::metadata(&target) {
            temp.set_permissions(meta.permissions())?;
        }
        temp.write_all(bytes)?;
        temp.sync_all()?;
        drop(temp);
        fs::rename(&temp_path, &target)
    })();
    if let Err(e) = written {
        // The target is untouched; only our temporary file must go.
        let _ = fs::remove_file(&temp_path);
        return Err(e);
    }
    sync_dir(&dir)?;
    remove_stale_temps(&dir, &file_name.to_string_lossy());
    Ok(())
}

/// How old another process's temporary file must be before it counts as abandoned where the
/// system cannot tell whether that process still runs.
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(600);

/// Removes temporary files that saves of the same target left behind when their process was
/// killed mid-save. A file belongs to a save in progress while its process runs, so only files
/// of dead processes (or, where that cannot be checked, old ones) go. Best effort: a file that
/// cannot be removed stays for the next save.
fn remove_stale_temps(dir: &Path, file_name: &str) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let prefix = format!(".{file_name}.");
    let own_pid = std::process::id();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(".tmp"))
            .and_then(|rest| rest.split('.').next())
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        if pid == own_pid {
            // Our own: a concurrent save in this process is still writing it.
            continue;
        }
        if process_is_gone(pid, &entry) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Whether the process that made a temporary file has ended.
fn process_is_gone(pid: u32, entry: &fs::DirEntry) -> bool {
    if cfg!(target_os = "linux") {
        return !Path::new(&format!("/proc/{pid}")).exists();
    }
    entry
        .metadata()
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age > STALE_AFTER)
}

/// Saves `scenario` as GeoJSON to `path` with [`save_atomic`].
pub fn save_scenario(path: &Path, scenario: &Scenario) -> io::Result<()> {
    save_atomic(path, scenario.to_geojson_string().as_bytes())
}

/// The folder holding `target` ("." for a bare file name, whose `parent` is empty).
fn folder_of(target: &Path) -> PathBuf {
    match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// The file a path finally names: symbolic links followed (a dangling link names its target).
fn resolve_symlink(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    // A bounded walk: a cycle of links ends in an error rather than a hang.
    for _ in 0..40 {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = fs::read_link(&current)?;
                current = match current.parent() {
                    Some(parent) if link.is_relative() => parent.join(link),
                    _ => link,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("{}: too many levels of symbolic links", path.display()),
    ))
}

/// Creates a new, hidden temporary file in `dir` named after the target.
fn create_temp(dir: &Path, file_name: &str) -> io::Result<(PathBuf, File)> {
    let pid = std::process::id();
    loop {
        let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
        let temp_path = dir.join(format!(".{file_name}.{pid}.{n}.tmp"));
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp_path)
        {
            Ok(file) => return Ok((temp_path, file)),
            // Left over from a killed process with the same pid: try the next name.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
}

/// Flushes a folder's entries (the rename) to disk. Windows has no such call; its rename is
/// already durable once `MoveFileEx` returns with the write-through flag std uses.
fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("armistice-save-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("temp dir");
        dir
    }

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .expect("read dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn writes_new_file_and_replaces_old_one_without_leftovers() {
        let dir = temp_dir("replace");
        let path = dir.join("plan.geojson");
        save_atomic(&path, b"first").expect("save");
        assert_eq!(fs::read(&path).expect("read"), b"first");
        save_atomic(&path, b"second, longer").expect("save");
        assert_eq!(fs::read(&path).expect("read"), b"second, longer");
        assert_eq!(entries(&dir), ["plan.geojson"]);
        fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn failure_leaves_target_and_folder_as_they_were() {
        let dir = temp_dir("fail");
        // A folder where the file should be: the rename fails, nothing else changes.
        let path = dir.join("plan.geojson");
        fs::create_dir(&path).expect("dir");
        assert!(save_atomic(&path, b"x").is_err());
        assert!(path.is_dir());
        assert_eq!(entries(&dir), ["plan.geojson"]);
        // A missing folder: an error, not a panic.
        assert!(save_atomic(&dir.join("no/such/plan.geojson"), b"x").is_err());
        fs::remove_dir_all(&dir).ok();
    }

    #[cfg(unix)]
    #[test]
    fn keeps_permissions_and_follows_symlinks() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = temp_dir("perm");
        let real = dir.join("real.geojson");
        fs::write(&real, b"old").expect("write");
        fs::set_permissions(&real, fs::Permissions::from_mode(0o640)).expect("chmod");
        let link = dir.join("link.geojson");
        std::os::unix::fs::symlink("real.geojson", &link).expect("symlink");
        save_atomic(&link, b"new").expect("save");
        assert!(
            fs::symlink_metadata(&link)
                .expect("meta")
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(&real).expect("read"), b"new");
        let mode = fs::metadata(&real).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        fs::remove_dir_all(&dir).ok();
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn leftovers_of_dead_processes_are_removed_on_the_next_save() {
        let dir = temp_dir("stale");
        let path = dir.join("plan.geojson");
        // pid 0 is never a user process: a file of a process that is gone. Another target's
        // temporary file and one of a running process (our parent) stay.
        let parent = std::os::unix::process::parent_id();
        for name in [
            ".plan.geojson.0.3.tmp".to_owned(),
            ".other.geojson.0.1.tmp".to_owned(),
            format!(".plan.geojson.{parent}.1.tmp"),
        ] {
            fs::write(dir.join(name), b"partial").expect("write");
        }
        save_atomic(&path, b"new").expect("save");
        assert_eq!(
            entries(&dir),
            [
                ".other.geojson.0.1.tmp".to_owned(),
                format!(".plan.geojson.{parent}.1.tmp"),
                "plan.geojson".to_owned()
            ]
        );
        fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn bare_file_name_lives_in_current_folder() {
        assert_eq!(folder_of(Path::new("plan.geojson")), Path::new("."));
        assert_eq!(folder_of(Path::new("a/plan.geojson")), Path::new("a"));
        assert_eq!(folder_of(Path::new("/plan.geojson")), Path::new("/"));
    }
}
