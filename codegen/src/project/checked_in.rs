//! The checked-in copy: written for review, compared for staleness, and
//! kept to a path inside the crate that is none of its inputs.

use std::path::{Path, PathBuf};

use super::builder::Builder;
use crate::error::Error;
use crate::pipeline::Generated;

/// Set to `1`, [`Builder::check_checked_in`] rewrites a stale file instead of failing.
pub const UPDATE_ENV: &str = "CI_ERRORS_CODEGEN_UPDATE";

impl Builder {
    /// Generates and writes the checked-in copy and its fingerprint file
    /// (each skipped when unchanged). Returns what was generated and whether a file changed.
    pub fn write_checked_in(&self) -> Result<(Generated, bool), Error> {
        let generated = self.generate()?;
        let written = self.write_generated(&generated)?;
        Ok((generated, written))
    }

    /// Writes `generated` as the checked-in copy and its fingerprint file
    /// (each skipped when unchanged); whether a file changed.
    pub(crate) fn write_generated(&self, generated: &Generated) -> Result<bool, Error> {
        write_checked_in_pair(&self.writable_checked_in()?, generated)
    }

    /// Fails with [`Error::Stale`] (a diff and the fix) when the checked-in
    /// copy differs from what the specs give, line ends aside. With the
    /// environment variable [`UPDATE_ENV`] set to `1`, rewrites it instead:
    /// a project's own test calls this to catch staleness.
    pub fn check_checked_in(&self) -> Result<Generated, Error> {
        let path = self.checked_in_file()?;
        let generated = self.generate()?;
        if std::env::var_os(UPDATE_ENV).is_some_and(|v| v == "1") {
            let path = self.writable_checked_in()?;
            // Said on standard error, so that a rewrite is never silent.
            if write_checked_in_pair(&path, &generated)? {
                eprintln!(
                    "{UPDATE_ENV}=1: rewrote {} and its fingerprints",
                    path.display()
                );
            } else {
                eprintln!("{UPDATE_ENV}=1: {} is up to date", path.display());
            }
            return Ok(generated);
        }
        let shown = self.checked_in.as_deref().unwrap_or(&path).to_owned();
        let mut diff = String::new();
        for (file, name, expected) in [
            (path.clone(), shown.clone(), &generated.source),
            (
                fingerprint_file(&path),
                fingerprint_file(&shown),
                &generated.fingerprints,
            ),
        ] {
            let current = std::fs::read_to_string(&file)
                .unwrap_or_default()
                .replace("\r\n", "\n");
            if current != *expected {
                let name = name.display();
                diff.push_str(
                    &similar::TextDiff::from_lines(current.as_str(), expected.as_str())
                        .unified_diff()
                        .context_radius(3)
                        .header(&format!("a/{name}"), &format!("b/{name}"))
                        .to_string(),
                );
            }
        }
        if diff.is_empty() {
            return Ok(generated);
        }
        Err(Error::Stale {
            path: shown,
            diff,
            fix: format!(
                "{} (or set {UPDATE_ENV}=1 and rerun the test)",
                self.settings.regenerate
            ),
        })
    }

    fn checked_in_file(&self) -> Result<PathBuf, Error> {
        if let Some(path) = &self.checked_in {
            let refuse = |reason| Error::UnsafePath {
                setting: "checked-in",
                path: path.clone(),
                reason,
            };
            if !stays_inside(path) {
                return Err(refuse(
                    "it must be a relative path inside the crate, without `..`",
                ));
            }
            let fingerprints = fingerprint_file(path);
            if normal(&fingerprints) == normal(path) {
                return Err(refuse(
                    "its fingerprint file would be the file itself (`.fingerprints`)",
                ));
            }
            // Compared as the file system resolves them (`..`, `.`, links),
            // not as strings.
            let targets = [
                canonical(&self.root, path),
                canonical(&self.root, &fingerprints),
            ];
            let same = |input: &Path| targets.contains(&canonical(&self.root, input));
            if self.inputs().any(same) {
                return Err(refuse("it is one of the specs or translations it is generated from, or their fingerprint file"));
            }
            let manifest = self
                .manifest
                .clone()
                .unwrap_or_else(|| self.root.join("Cargo.toml"));
            if targets.contains(&canonical(Path::new(""), &manifest)) {
                return Err(refuse("it is the crate's manifest"));
            }
        }
        self.checked_in
            .as_ref()
            .map(|p| self.root.join(p))
            .ok_or_else(|| Error::Config {
                path: self.root.join("Cargo.toml"),
                message:
                    "no checked-in file configured: set `checked-in` or call `Builder::checked_in`"
                        .into(),
            })
    }
}

impl Builder {
    /// [`Builder::checked_in_file`], when writing: a file already there must
    /// be one the generator wrote (its header, its fingerprint lines), so
    /// that a setting never overwrites a file of the crate's own.
    fn writable_checked_in(&self) -> Result<PathBuf, Error> {
        let path = self.checked_in_file()?;
        let ours = |file: &Path, owned: fn(&str) -> bool| match std::fs::read(file) {
            Ok(bytes) => std::str::from_utf8(&bytes).is_ok_and(owned),
            Err(e) => e.kind() == std::io::ErrorKind::NotFound,
        };
        let generated = |text: &str| text.starts_with("// @generated by ci-errors-codegen");
        let fingerprints = |text: &str| {
            text.lines()
                .all(|l| l.is_empty() || l.starts_with("Input: "))
        };
        if !ours(&path, generated) || !ours(&fingerprint_file(&path), fingerprints) {
            return Err(Error::UnsafePath {
                setting: "checked-in",
                path: self.checked_in.clone().unwrap_or(path),
                reason: "a file there (or at its `.fingerprints`) was not written by ci-errors-codegen; remove it first if it should be replaced",
            });
        }
        Ok(path)
    }
}

/// `root/path` as the file system resolves it: the canonical path of the
/// file, or of its directory with its name when the file is not there yet,
/// or, when neither is, the path with `.` and `..` worked out.
fn canonical(root: &Path, path: &Path) -> PathBuf {
    let full = root.join(path);
    if let Ok(found) = std::fs::canonicalize(&full) {
        return found;
    }
    if let (Some(parent), Some(name)) = (full.parent(), full.file_name()) {
        if let Ok(dir) = std::fs::canonicalize(if parent.as_os_str().is_empty() {
            Path::new(".")
        } else {
            parent
        }) {
            return dir.join(name);
        }
    }
    let mut out = PathBuf::new();
    for part in full.components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Whether `path` is relative and never climbs out (`..`) of where it starts.
fn stays_inside(path: &Path) -> bool {
    use std::path::Component;
    path.components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
        && path.components().any(|c| matches!(c, Component::Normal(_)))
}

/// A relative path without `.` components, for comparing settings.
fn normal(path: &Path) -> PathBuf {
    path.components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect()
}

/// Whether `name` is a plain file name: no directory, not `.` or `..`.
pub(super) fn is_file_name(name: &str) -> bool {
    let path = Path::new(name);
    matches!(
        path.components().collect::<Vec<_>>().as_slice(),
        [std::path::Component::Normal(_)]
    ) && !name.contains(['/', '\\'])
}

/// Writes the checked-in copy at `path` and its fingerprint file, each only
/// when changed; whether either changed.
fn write_checked_in_pair(path: &Path, generated: &Generated) -> Result<bool, Error> {
    let source = write_if_changed(path, &generated.source)?;
    let fingerprints = write_if_changed(&fingerprint_file(path), &generated.fingerprints)?;
    Ok(source || fingerprints)
}

/// The fingerprint file beside a checked-in copy: `errors.rs` → `errors.fingerprints`.
pub(crate) fn fingerprint_file(checked_in: &Path) -> PathBuf {
    checked_in.with_extension("fingerprints")
}

/// Writes `text` to `path` unless the file already holds exactly that.
pub(crate) fn write_if_changed(path: &Path, text: &str) -> Result<bool, Error> {
    if std::fs::read(path).is_ok_and(|old| old == text.as_bytes()) {
        return Ok(false);
    }
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|source| Error::Io {
            path: parent.to_owned(),
            source,
        })?;
    }
    std::fs::write(path, text).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })?;
    Ok(true)
}
