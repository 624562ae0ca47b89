//! A project's files as they were at a git revision: what `changes --since`
//! and `generate`'s API comparison read the old spec and settings from.
//!
//! Fails closed: a revision git cannot resolve (a typo, a branch a shallow
//! clone lacks, no git at all) is an error, never an empty past that makes
//! every code look new. A revision is resolved to a commit id first, and
//! given after `--end-of-options`, so that one starting with `-` is never
//! read as an option.

use std::path::Path;
use std::process::{Command, Stdio};

use crate::error::Error;

/// A revision resolved to its commit.
#[derive(Debug, Clone)]
pub(crate) struct Commit {
    /// The revision as given, for messages.
    pub rev: String,
    /// Its commit id, in hexadecimal.
    id: String,
}

/// Runs git in `root` with `args`: its standard output, or why it failed.
fn git(root: &Path, args: &[&str]) -> Result<std::process::Output, String> {
    Command::new("git")
        .args(args)
        .current_dir(root)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run git: {e}"))
}

/// `rev` as a commit of the repository `root` is in.
pub(crate) fn resolve(root: &Path, rev: &str) -> Result<Commit, Error> {
    let failed = |message: String| Error::Git {
        rev: rev.to_owned(),
        message,
    };
    let spec = format!("{rev}^{{commit}}");
    let out = git(
        root,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            "--end-of-options",
            &spec,
        ],
    )
    .map_err(failed)?;
    let id = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    if !out.status.success() || id.is_empty() || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        let why = String::from_utf8_lossy(&out.stderr).trim().to_owned();
        return Err(failed(if why.is_empty() {
            "not a commit of this repository (in a shallow clone, fetch it first)".to_owned()
        } else {
            why
        }));
    }
    Ok(Commit {
        rev: rev.to_owned(),
        id,
    })
}

/// The text of `file` (relative to `root`) at `commit`: `None` when the
/// commit has no such file; an error when git cannot tell, or when the file
/// is not UTF-8.
pub(crate) fn show(root: &Path, commit: &Commit, file: &str) -> Result<Option<String>, Error> {
    let failed = |message: String| Error::Git {
        rev: commit.rev.clone(),
        message,
    };
    let object = format!("{}:./{file}", commit.id);
    let exists = git(root, &["cat-file", "-e", &object]).map_err(failed)?;
    if !exists.status.success() {
        return Ok(None);
    }
    let out = git(root, &["cat-file", "blob", &object]).map_err(failed)?;
    if !out.status.success() {
        return Err(failed(format!(
            "cannot read {file}: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        )));
    }
    String::from_utf8(out.stdout)
        .map(Some)
        .map_err(|_| failed(format!("{file} is not UTF-8 there")))
}
