//! Writing `init`'s files all or nothing, never through a link nor out of
//! the crate.

use std::path::{Path, PathBuf};

use crate::error::Error;

/// Writes `plan` (paths relative to `dir`, and their texts) all or not at
/// all: each directory on the way must be a directory inside the crate and
/// no file is followed through a link; each text goes to a new file beside
/// its place, and only when all are written is each renamed into place.
/// Returns the paths whose text changed.
pub(super) fn write_all(dir: &Path, plan: Vec<(PathBuf, String)>) -> Result<Vec<PathBuf>, Error> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Io { path, source }
    };
    let crate_dir = std::fs::canonicalize(dir).map_err(io(dir))?;
    let mut changed = Vec::new();
    for (file, text) in &plan {
        let path = dir.join(file);
        if std::fs::read(&path).is_ok_and(|old| old == text.as_bytes()) {
            continue;
        }
        check_place(&crate_dir, dir, file)?;
        changed.push((file.clone(), text));
    }
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
    let unstage = |staged: &[(PathBuf, PathBuf)]| {
        for (temp, _) in staged {
            let _ = std::fs::remove_file(temp);
        }
    };
    for (file, text) in &changed {
        let path = dir.join(file);
        let result = (|| {
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(io(parent))?;
            }
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            let temp = path.with_file_name(format!(".{name}.ci-errors-init"));
            let mut out = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&temp)
                .map_err(io(&temp))?;
            std::io::Write::write_all(&mut out, text.as_bytes()).map_err(io(&temp))?;
            Ok::<_, Error>(temp)
        })();
        match result {
            Ok(temp) => staged.push((temp, path)),
            Err(error) => {
                unstage(&staged);
                return Err(error);
            }
        }
    }
    for (temp, path) in &staged {
        std::fs::rename(temp, path).map_err(io(path))?;
    }
    Ok(changed.into_iter().map(|(file, _)| file).collect())
}

/// Refuses a place to write `file` whose directories are not directories
/// inside the crate (a file named `tests`, a link out of the crate), or that
/// is itself a link or something other than a regular file.
fn check_place(crate_dir: &Path, dir: &Path, file: &Path) -> Result<(), Error> {
    let refuse = |at: &Path, why: &str| Error::Exists {
        path: at.to_path_buf(),
        why: why.to_owned(),
    };
    let mut at = dir.to_path_buf();
    let parts: Vec<_> = file.components().collect();
    for (i, part) in parts.iter().enumerate() {
        at.push(part);
        let Ok(meta) = std::fs::symlink_metadata(&at) else {
            return Ok(()); // created fresh from here on
        };
        let last = i + 1 == parts.len();
        if meta.file_type().is_symlink() {
            let inside = std::fs::canonicalize(&at).is_ok_and(|t| t.starts_with(crate_dir));
            if last || !inside {
                return Err(refuse(
                    &at,
                    "it is a link; init writes no file through a link",
                ));
            }
        } else if !last && !meta.is_dir() {
            return Err(refuse(
                &at,
                "it is not a directory, and init would write a file in it",
            ));
        } else if last && !meta.is_file() {
            return Err(refuse(&at, "it is not a regular file"));
        }
    }
    Ok(())
}
