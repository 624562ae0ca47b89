//! What decides how specs are read and emitted, apart from where files are:
//! the part of a [`Builder`](crate::Builder) that the pure pipeline takes.

use crate::pipeline::diagnostic::{Diagnostic, Lint, Severity};
use crate::pipeline::emit::EmitOptions;
use crate::pipeline::model::ReadOptions;

/// How to read, validate and emit specs.
#[derive(Debug, Clone)]
pub(crate) struct Settings {
    /// Strictness, header words, language, variant names.
    pub read: ReadOptions,
    /// Names and paths of the generated code.
    pub emit: EmitOptions,
    /// Fail when a spec describes no usable XML body.
    pub require_xml_body: bool,
    /// Warnings silenced by kind.
    pub allowed: Vec<Lint>,
    /// Warnings silenced by kind and subject.
    pub accepted: Vec<(Lint, String)>,
    /// The command the generated header names as the way to regenerate.
    pub regenerate: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            read: ReadOptions::default(),
            emit: EmitOptions::default(),
            require_xml_body: false,
            allowed: Vec::new(),
            accepted: Vec::new(),
            // The command that writes the checked-in copy, run in the crate's
            // directory (`cargo build` only regenerates into OUT_DIR).
            regenerate: "ci-errors-codegen generate (in the crate's directory)".to_owned(),
        }
    }
}

impl Settings {
    /// Whether `d` is a warning that was allowed or accepted.
    pub fn acknowledged(&self, d: &Diagnostic) -> bool {
        d.severity == Severity::Warning
            && d.lint.is_some_and(|lint| {
                self.allowed.contains(&lint)
                    || self
                        .accepted
                        .iter()
                        .any(|(l, subject)| *l == lint && d.subject.as_deref() == Some(subject))
            })
    }
}
