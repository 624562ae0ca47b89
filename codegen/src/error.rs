//! Why a run of the generator failed.

use std::fmt;
use std::io;
use std::path::PathBuf;

use crate::pipeline::diagnostic::Diagnostic;
use crate::pipeline::emit::EmitError;

/// Why a run failed.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read or written.
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
    /// The spec has problems; all of them are here.
    Spec {
        /// Errors and warnings, in file order.
        diagnostics: Vec<Diagnostic>,
        /// The same, rendered rustc-style.
        rendered: String,
    },
    /// No spec was given.
    NoSpec,
    /// No output directory: not in a build script, and none given.
    NoOutDir,
    /// A module name that is not a Rust identifier.
    InvalidModule(String),
    /// Two specs emitted into one module (`None`: two specs without a module).
    DuplicateModule(Option<String>),
    /// A path in the settings that would write outside the crate, or over one of its inputs.
    UnsafePath {
        /// The setting (`checked-in`, `out-file`).
        setting: &'static str,
        /// The path as given.
        path: PathBuf,
        /// Why it is refused.
        reason: &'static str,
    },
    /// An enum name or runtime path that is not valid Rust.
    Emit(EmitError),
    /// The emitter produced code that does not parse (a bug in the generator).
    Unparsable(String),
    /// The settings in a manifest are not usable.
    Config {
        /// The manifest.
        path: PathBuf,
        /// What is wrong, naming the key.
        message: String,
    },
    /// A checked-in file differs from what the spec gives.
    Stale {
        /// The checked-in file.
        path: PathBuf,
        /// A unified diff from the file to what the spec gives.
        diff: String,
        /// The command that regenerates it.
        fix: String,
    },
    /// Git could not give a revision's files: the revision does not
    /// resolve, or git cannot be run.
    Git {
        /// The revision as given.
        rev: String,
        /// What git said.
        message: String,
    },
    /// `init` would overwrite something; nothing was written.
    Exists {
        /// The file.
        path: PathBuf,
        /// What is there.
        why: String,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::Spec { rendered, .. } => f.write_str(rendered.trim_end()),
            Error::NoSpec => f.write_str("no spec given: call `Builder::spec`"),
            Error::NoOutDir => f.write_str("OUT_DIR is not set: call `Builder::out_dir`"),
            Error::DuplicateModule(Some(name)) => {
                write!(
                    f,
                    "two specs are emitted into module `{name}`: give each a module of its own"
                )
            }
            Error::DuplicateModule(None) => {
                f.write_str("two specs have no module: with several specs, give each a module")
            }
            Error::UnsafePath {
                setting,
                path,
                reason,
            } => write!(
                f,
                "`{setting}` = `{}` is refused: {reason}; nothing was written",
                path.display()
            ),
            Error::InvalidModule(name) => {
                write!(f, "module name `{name}` is not a Rust identifier")
            }
            Error::Emit(e) => e.fmt(f),
            Error::Unparsable(e) => {
                write!(f, "generated code does not parse (a generator bug): {e}")
            }
            Error::Config { path, message } => write!(f, "{}: {message}", path.display()),
            Error::Git { rev, message } => {
                write!(f, "git revision `{rev}`: {message}")
            }
            Error::Exists { path, why } => write!(
                f,
                "{}: {why}; nothing was written (init adopts a crate once)",
                path.display()
            ),
            Error::Stale { path, diff, fix } => write!(
                f,
                "{} is stale: it differs from what the spec gives\n\n{diff}\nto fix: {fix}",
                path.display()
            ),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            Error::Emit(e) => Some(e),
            _ => None,
        }
    }
}
