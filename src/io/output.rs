//! The one writer of every output: saves, recovery snapshots, exports, renders, videos.
//!
//! Where the bytes go is decided once, from what the output path names (contract.md, "Commands"):
//!
//! - `-`, or a name of this process's standard output (`/dev/stdout`, `/dev/fd/1`,
//!   `/proc/self/fd/1`): the bytes are written to standard output.
//! - A device, a named pipe (FIFO) or a socket: written into directly, never replaced (so
//!   `--out /dev/null` stays the device, and a pipe gets the stream). So is a file reached
//!   through one of this process's descriptors (`/dev/fd/3`): the bytes go to its end.
//! - A regular file, or a name that does not exist yet: written atomically. The bytes go to a
//!   hidden temporary file in the target's own folder (`.NAME.PID.N.tmp`; a rename is atomic only
//!   within one file system), flushed to disk (`fsync`), renamed over the target, and the folder
//!   flushed so that the rename survives a power cut. The target is always either the old version
//!   or the new one. An existing target keeps its permissions. Temporary files that killed runs
//!   left beside the same target are removed.
//! - A symbolic link is written through: the file it finally names is written (by the rules
//!   above) and the link stays a link.
//! - A folder is an error.
//!
//! [`refuse_inputs`] guards the commands that read one file and write another: an output that is
//! one of the inputs (the same file after links are followed, by device and inode) is an input
//! error, and nothing is written.
//!
//! Whole outputs are written with [`write_output`]; a long stream (a video's frames) with
//! [`OutputFile`], which is committed at the end or, if dropped before, leaves the target as it
//! was.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Distinguishes temporary files of concurrent writes within one process.
static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// How old another process's temporary file must be before it counts as abandoned where the
/// system cannot tell whether that process still runs.
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(600);

/// Most symbolic links followed from an output path before giving up (a cycle ends in an error,
/// not a hang).
const MAX_LINKS: usize = 40;

/// An output that cannot be written. The message names the output.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The output is one of the files the command reads.
    #[error(
        "{}: the output is the input file {}: expected another file name for the output (nothing was written)",
        out.display(),
        input.display()
    )]
    IsInput {
        /// The output as given.
        out: PathBuf,
        /// The input it is.
        input: PathBuf,
    },
    /// The output names a folder.
    #[error("{}: is a folder: expected a file name for the output", .0.display())]
    IsFolder(PathBuf),
    /// The system refused a step of the write.
    #[error("{}: cannot write: {source}", path.display())]
    Io {
        /// The output as given.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
}

impl From<OutputError> for io::Error {
    fn from(e: OutputError) -> Self {
        let kind = match &e {
            OutputError::IsInput { .. } => io::ErrorKind::InvalidInput,
            OutputError::IsFolder(_) => io::ErrorKind::IsADirectory,
            OutputError::Io { source, .. } => source.kind(),
        };
        io::Error::new(kind, e.to_string())
    }
}

/// Where an output path sends the bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// This process's standard output.
    Stdout,
    /// A device, pipe or socket (links followed), written into as it is.
    Direct(PathBuf),
    /// A regular file, existing or not (links followed), replaced atomically.
    Atomic(PathBuf),
}

impl Destination {
    /// What `out` names, decided before anything is written.
    pub fn of(out: &Path) -> Result<Self, OutputError> {
        let io_err = |source| OutputError::Io {
            path: out.to_path_buf(),
            source,
        };
        if out.as_os_str() == "-" {
            return Ok(Self::Stdout);
        }
        let mut current = out.to_path_buf();
        let mut links = 0;
        loop {
            if names_stdout(&current) {
                return Ok(Self::Stdout);
            }
            let meta = match fs::symlink_metadata(&current) {
                Ok(meta) => meta,
                // A new file (or a dangling link's target): made atomically.
                Err(e) if e.kind() == io::ErrorKind::NotFound => {
                    return Ok(Self::Atomic(current));
                }
                Err(e) => return Err(io_err(e)),
            };
            if meta.file_type().is_symlink() {
                // The links under /proc (a process's open files) name descriptors, not paths:
                // the system follows them when the file is opened, so they are written through.
                if current.starts_with("/proc") {
                    let target = fs::metadata(&current).map_err(io_err)?;
                    if target.is_dir() {
                        return Err(OutputError::IsFolder(out.to_path_buf()));
                    }
                    return Ok(Self::Direct(current));
                }
                links += 1;
                if links > MAX_LINKS {
                    return Err(io_err(io::Error::new(
                        io::ErrorKind::InvalidInput,
                        "too many levels of symbolic links",
                    )));
                }
                let link = fs::read_link(&current).map_err(io_err)?;
                current = match current.parent() {
                    Some(parent) if link.is_relative() => parent.join(link),
                    _ => link,
                };
                continue;
            }
            return if meta.is_dir() {
                Err(OutputError::IsFolder(out.to_path_buf()))
            } else if meta.is_file() {
                Ok(Self::Atomic(current))
            } else {
                Ok(Self::Direct(current))
            };
        }
    }
}

/// Whether `path` is one of the names of this process's standard output.
fn names_stdout(path: &Path) -> bool {
    let own = format!("/proc/{}/fd/1", std::process::id());
    ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1", own.as_str()]
        .iter()
        .any(|name| path == Path::new(name))
}

/// Refuses an output that is one of `inputs` (the same file once links are followed, compared by
/// device and inode where the system has them). An output that does not exist yet is no input.
pub fn refuse_inputs(out: &Path, inputs: &[&Path]) -> Result<(), OutputError> {
    if out.as_os_str() == "-" {
        return Ok(());
    }
    let Ok(out_meta) = fs::metadata(out) else {
        return Ok(());
    };
    for input in inputs {
        let Ok(in_meta) = fs::metadata(input) else {
            continue;
        };
        if same_file(out, &out_meta, input, &in_meta) {
            return Err(OutputError::IsInput {
                out: out.to_path_buf(),
                input: input.to_path_buf(),
            });
        }
    }
    Ok(())
}

#[cfg(unix)]
fn same_file(_: &Path, a: &fs::Metadata, _: &Path, b: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(a: &Path, _: &fs::Metadata, b: &Path, _: &fs::Metadata) -> bool {
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Writes `bytes` to `out` as the module documentation says. On an error a regular target is
/// left as it was and no temporary file stays behind.
pub fn write_output(out: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    let mut file = OutputFile::create(out)?;
    file.write_all(bytes).map_err(|source| OutputError::Io {
        path: out.to_path_buf(),
        source,
    })?;
    file.commit()
}

/// An output being written: `Write` into it, then [`OutputFile::commit`]. Dropped without a
/// commit, an atomic output's temporary file is removed and the target stays as it was.
#[derive(Debug)]
pub struct OutputFile {
    /// The output as given, for messages.
    out: PathBuf,
    sink: Sink,
}

#[derive(Debug)]
enum Sink {
    Stdout(io::Stdout),
    Direct(BufWriter<File>),
    Atomic {
        temp_path: PathBuf,
        target: PathBuf,
        file: Option<BufWriter<File>>,
    },
}

impl OutputFile {
    /// Opens `out` for writing: standard output, the device or pipe itself, or a new temporary
    /// file beside a regular target.
    pub fn create(out: &Path) -> Result<Self, OutputError> {
        let io_err = |source| OutputError::Io {
            path: out.to_path_buf(),
            source,
        };
        let sink = match Destination::of(out)? {
            Destination::Stdout => Sink::Stdout(io::stdout()),
            Destination::Direct(path) => {
                // Never created or truncated: a device or pipe is written into as it is. A
                // regular file reached through a descriptor (`/proc/self/fd/3`) was opened by
                // the shell, truncated (`>`) or not (`>>`): the bytes go to its end.
                let is_file = fs::metadata(&path).is_ok_and(|m| m.is_file());
                let file = OpenOptions::new()
                    .write(true)
                    .append(is_file)
                    .open(&path)
                    .map_err(io_err)?;
                Sink::Direct(BufWriter::new(file))
            }
            Destination::Atomic(target) => {
                let dir = folder_of(&target);
                let name = target
                    .file_name()
                    .ok_or_else(|| {
                        io_err(io::Error::new(
                            io::ErrorKind::InvalidInput,
                            "not a file name",
                        ))
                    })?
                    .to_string_lossy()
                    .into_owned();
                let (temp_path, file) = create_temp(&dir, &name).map_err(io_err)?;
                if let Ok(meta) = fs::metadata(&target)
                    && let Err(e) = file.set_permissions(meta.permissions())
                {
                    let _ = fs::remove_file(&temp_path);
                    return Err(io_err(e));
                }
                Sink::Atomic {
                    temp_path,
                    target,
                    file: Some(BufWriter::new(file)),
                }
            }
        };
        Ok(Self {
            out: out.to_path_buf(),
            sink,
        })
    }

    /// Where the bytes go.
    pub fn is_atomic(&self) -> bool {
        matches!(self.sink, Sink::Atomic { .. })
    }

    /// Finishes the output: flushed; an atomic one synced, renamed over its target and its
    /// folder synced, then stale temporary files of the same target removed.
    pub fn commit(mut self) -> Result<(), OutputError> {
        let out = self.out.clone();
        let io_err = |source| OutputError::Io { path: out, source };
        match &mut self.sink {
            Sink::Stdout(stdout) => stdout.flush().map_err(io_err),
            Sink::Direct(file) => file.flush().map_err(io_err),
            Sink::Atomic {
                temp_path,
                target,
                file,
            } => {
                let Some(file) = file.take() else {
                    return Ok(());
                };
                let result = (|| {
                    let file = file.into_inner().map_err(io::IntoInnerError::into_error)?;
                    file.sync_all()?;
                    drop(file);
                    fs::rename(&*temp_path, &*target)
                })();
                if let Err(e) = result {
                    let _ = fs::remove_file(&*temp_path);
                    return Err(io_err(e));
                }
                let dir = folder_of(target);
                sync_dir(&dir).map_err(io_err)?;
                let name = target
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                remove_stale_temps(&dir, &name);
                Ok(())
            }
        }
    }
}

impl Write for OutputFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.sink {
            Sink::Stdout(s) => s.write(buf),
            Sink::Direct(f) => f.write(buf),
            Sink::Atomic { file: Some(f), .. } => f.write(buf),
            Sink::Atomic { file: None, .. } => Err(io::Error::other("the output is closed")),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.sink {
            Sink::Stdout(s) => s.flush(),
            Sink::Direct(f) => f.flush(),
            Sink::Atomic { file: Some(f), .. } => f.flush(),
            Sink::Atomic { file: None, .. } => Ok(()),
        }
    }
}

impl Drop for OutputFile {
    fn drop(&mut self) {
        if let Sink::Atomic {
            temp_path,
            file: Some(_),
            ..
        } = &self.sink
        {
            // Not committed: the target stays as it was, the temporary file goes.
            let _ = fs::remove_file(temp_path);
        }
    }
}

/// Removes temporary files that writes of the same target left behind when their process was
/// killed mid-write (`.NAME.PID.N.tmp`, and the `.NAME.PID.tmp` of older versions). A file belongs
/// to a write in progress while its process runs, so only files of ended processes (or, where
/// that cannot be checked, old ones) go. Best effort: a file that cannot be removed stays for the
/// next write.
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
            // Our own: a concurrent write in this process is still going.
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

/// The folder holding `target` ("." for a bare file name, whose `parent` is empty).
fn folder_of(target: &Path) -> PathBuf {
    match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    }
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
            std::env::temp_dir().join(format!("armistice-output-{name}-{}", std::process::id()));
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
        write_output(&path, b"first").expect("write");
        assert_eq!(fs::read(&path).expect("read"), b"first");
        write_output(&path, b"second, longer").expect("write");
        assert_eq!(fs::read(&path).expect("read"), b"second, longer");
        assert_eq!(entries(&dir), ["plan.geojson"]);
        fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn failure_leaves_target_and_folder_as_they_were() {
        let dir = temp_dir("fail");
        let path = dir.join("plan.geojson");
        fs::create_dir(&path).expect("dir");
        let e = write_output(&path, b"x").expect_err("a folder");
        assert!(matches!(e, OutputError::IsFolder(_)), "{e}");
        assert!(path.is_dir());
        assert_eq!(entries(&dir), ["plan.geojson"]);
        let missing = dir.join("no/such/plan.geojson");
        let e = write_output(&missing, b"x").expect_err("no folder");
        assert!(e.to_string().starts_with(&missing.display().to_string()));
        fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn a_stream_dropped_before_its_commit_leaves_the_target() {
        let dir = temp_dir("drop");
        let path = dir.join("walk.gif");
        fs::write(&path, b"old").expect("write");
        {
            let mut out = OutputFile::create(&path).expect("create");
            assert!(out.is_atomic());
            out.write_all(b"half a video").expect("write");
        }
        assert_eq!(fs::read(&path).expect("read"), b"old");
        assert_eq!(entries(&dir), ["walk.gif"]);
        let mut out = OutputFile::create(&path).expect("create");
        out.write_all(b"new").expect("write");
        out.commit().expect("commit");
        assert_eq!(fs::read(&path).expect("read"), b"new");
        fs::remove_dir_all(&dir).ok();
    }

    #[cfg(unix)]
    #[test]
    fn keeps_permissions_and_writes_through_symlinks() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = temp_dir("perm");
        let real = dir.join("real.geojson");
        fs::write(&real, b"old").expect("write");
        fs::set_permissions(&real, fs::Permissions::from_mode(0o640)).expect("chmod");
        let link = dir.join("link.geojson");
        std::os::unix::fs::symlink("real.geojson", &link).expect("symlink");
        write_output(&link, b"new").expect("write");
        assert!(
            fs::symlink_metadata(&link)
                .expect("meta")
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(&real).expect("read"), b"new");
        let mode = fs::metadata(&real).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        // A dangling link: its target is made, the link stays.
        let dangling = dir.join("dangling.kml");
        std::os::unix::fs::symlink("made.kml", &dangling).expect("symlink");
        write_output(&dangling, b"kml").expect("write");
        assert_eq!(fs::read(dir.join("made.kml")).expect("read"), b"kml");
        assert!(
            fs::symlink_metadata(&dangling)
                .expect("meta")
                .file_type()
                .is_symlink()
        );
        // A cycle of links is an error, not a hang.
        std::os::unix::fs::symlink("b", dir.join("a")).expect("symlink");
        std::os::unix::fs::symlink("a", dir.join("b")).expect("symlink");
        assert!(write_output(&dir.join("a"), b"x").is_err());
        fs::remove_dir_all(&dir).ok();
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_written_into_and_stdout_names_are_stdout() {
        assert_eq!(
            Destination::of(Path::new("/dev/null")).expect("null"),
            Destination::Direct(PathBuf::from("/dev/null"))
        );
        // (Nothing is written to the system's devices here: a bug must not replace them. The
        // integration tests write into devices made in a temporary folder.)
        assert_eq!(
            Destination::of(Path::new("-")).expect("-"),
            Destination::Stdout
        );
        assert_eq!(
            Destination::of(Path::new("/dev/stdout")).expect("stdout"),
            Destination::Stdout
        );
    }

    #[test]
    fn the_input_is_refused_as_output() {
        let dir = temp_dir("input");
        let plan = dir.join("plan.geojson");
        fs::write(&plan, b"{}").expect("write");
        let other = dir.join("out.kml");
        assert!(refuse_inputs(&other, &[&plan]).is_ok());
        fs::write(&other, b"old").expect("write");
        assert!(refuse_inputs(&other, &[&plan]).is_ok());
        let e = refuse_inputs(&dir.join(".").join("plan.geojson"), &[&plan]).expect_err("same");
        assert!(matches!(e, OutputError::IsInput { .. }), "{e}");
        #[cfg(unix)]
        {
            let link = dir.join("link.geojson");
            std::os::unix::fs::symlink(&plan, &link).expect("symlink");
            assert!(refuse_inputs(&link, &[&plan]).is_err());
        }
        assert!(refuse_inputs(Path::new("-"), &[&plan]).is_ok());
        fs::remove_dir_all(&dir).ok();
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn leftovers_of_dead_processes_are_removed_on_the_next_write() {
        let dir = temp_dir("stale");
        let path = dir.join("plan.geojson");
        // pid 0 is never a user process: a file of a process that is gone. Another target's
        // temporary file and one of a running process (our parent) stay.
        let parent = std::os::unix::process::parent_id();
        for name in [
            ".plan.geojson.0.3.tmp".to_owned(),
            ".plan.geojson.0.tmp".to_owned(),
            ".other.geojson.0.1.tmp".to_owned(),
            format!(".plan.geojson.{parent}.1.tmp"),
        ] {
            fs::write(dir.join(name), b"partial").expect("write");
        }
        write_output(&path, b"new").expect("write");
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
