//! A spec's files as they were at a git revision: what `changes --since`
//! and `generate`'s API comparison read the old spec from.

use std::path::Path;
use std::process::{Command, Stdio};

use crate::pipeline::spec::SpecText;

/// The text of `file` (relative to `root`) at git revision `rev`, if git has it.
pub(crate) fn show(root: &Path, rev: &str, file: &str) -> Option<String> {
    Command::new("git")
        .args(["show", &format!("{rev}:./{file}")])
        .current_dir(root)
        .stderr(Stdio::null())
        .output()
        .ok()
        .filter(|out| out.status.success())
        .and_then(|out| String::from_utf8(out.stdout).ok())
}

/// `spec` as its files were at git revision `rev`: `None` when its primary
/// file was not there; a translation that was not is left out.
pub(crate) fn spec_at(root: &Path, rev: &str, spec: &SpecText) -> Option<SpecText> {
    let mut old = SpecText::new(spec.name(), show(root, rev, spec.name())?);
    for (lang, src) in spec.translations() {
        if let Some(text) = show(root, rev, src.name()) {
            old = old.with_translation(lang, src.name(), text);
        }
    }
    Some(old)
}
