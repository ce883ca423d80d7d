//! The disk cache of the online basemap's tiles (View ▸ Basemap ▸ OpenStreetMap).
//!
//! walkers caches HTTP responses in a folder we name (`HttpOptions::cache`, an http-cache /
//! cacache store that honours the tile server's `Cache-Control` and `Expires` headers, as
//! OpenStreetMap's tile usage policy asks). That store never shrinks by itself, so it is bounded
//! here: when it has grown past [`TILE_CACHE_MAX_BYTES`] it is emptied before the basemap opens
//! it, and fills again from the tiles actually viewed.
//!
//! The folder is `$ARMISTICE_TILE_CACHE_DIR` if set (tests), else the user's cache folder
//! (`$XDG_CACHE_HOME/armistice/tiles`, `~/.cache/armistice/tiles` on Linux,
//! `~/Library/Caches/armistice/tiles` on macOS, `%LOCALAPPDATA%\armistice\tiles` on Windows).
//! GUI-free.

use std::io;
use std::path::{Path, PathBuf};

/// Environment variable that overrides the tile cache folder.
pub const TILE_CACHE_DIR_VAR: &str = "ARMISTICE_TILE_CACHE_DIR";

/// The most the tile cache may hold before it is emptied, bytes (about 8,000 map tiles).
pub const TILE_CACHE_MAX_BYTES: u64 = 200 * 1024 * 1024;

/// The tile cache folder from the environment (see the module documentation), or `None` if no
/// home or cache folder is known.
pub fn default_tile_cache_dir() -> Option<PathBuf> {
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    if let Some(dir) = var(TILE_CACHE_DIR_VAR) {
        return Some(PathBuf::from(dir));
    }
    let cache = if cfg!(windows) {
        var("LOCALAPPDATA").map(PathBuf::from)?
    } else if cfg!(target_os = "macos") {
        PathBuf::from(var("HOME")?).join("Library/Caches")
    } else {
        var("XDG_CACHE_HOME")
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .or_else(|| var("HOME").map(|home| PathBuf::from(home).join(".cache")))?
    };
    Some(cache.join("armistice").join("tiles"))
}

/// The bytes of every file below `dir` (0 for a folder that does not exist).
pub fn folder_size(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .map(|entry| match entry.file_type() {
            Ok(kind) if kind.is_dir() => folder_size(&entry.path()),
            Ok(kind) if kind.is_file() => entry.metadata().map_or(0, |m| m.len()),
            _ => 0,
        })
        .sum()
}

/// What [`bound_tile_cache`] found and did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CacheCheck {
    /// Bytes in the cache before the check.
    pub bytes: u64,
    /// Whether the cache was emptied for being over the limit.
    pub emptied: bool,
}

/// Keeps the cache in `dir` within `max_bytes`: a cache over the limit is removed whole (its
/// index and contents together, so no entry points at missing content). Call before the basemap
/// opens the folder.
pub fn bound_tile_cache(dir: &Path, max_bytes: u64) -> io::Result<CacheCheck> {
    let bytes = folder_size(dir);
    if bytes <= max_bytes {
        return Ok(CacheCheck {
            bytes,
            emptied: false,
        });
    }
    std::fs::remove_dir_all(dir)?;
    Ok(CacheCheck {
        bytes,
        emptied: true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "armistice-tile-cache-{name}-{}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn a_cache_within_the_limit_is_kept() {
        let dir = scratch("kept");
        std::fs::create_dir_all(dir.join("content-v2/sha256")).unwrap();
        std::fs::write(dir.join("content-v2/sha256/a"), vec![0u8; 1000]).unwrap();
        std::fs::write(dir.join("index"), vec![0u8; 24]).unwrap();
        assert_eq!(folder_size(&dir), 1024);
        let check = bound_tile_cache(&dir, 2048).unwrap();
        assert_eq!(
            check,
            CacheCheck {
                bytes: 1024,
                emptied: false
            }
        );
        assert!(dir.join("content-v2/sha256/a").is_file());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_cache_over_the_limit_is_emptied() {
        let dir = scratch("over");
        std::fs::create_dir_all(dir.join("content-v2")).unwrap();
        std::fs::write(dir.join("content-v2/a"), vec![0u8; 5000]).unwrap();
        let check = bound_tile_cache(&dir, 4096).unwrap();
        assert!(check.emptied);
        assert_eq!(check.bytes, 5000);
        assert!(!dir.exists());
    }

    #[test]
    fn a_missing_cache_is_empty() {
        let dir = scratch("missing");
        assert_eq!(folder_size(&dir), 0);
        assert!(!bound_tile_cache(&dir, 0).unwrap().emptied);
    }
}
