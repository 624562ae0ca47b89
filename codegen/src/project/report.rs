//! What `generate` and `changes` report: the summary of a run, and the API
//! changes of each spec against its files at a git revision.

use std::fmt::Write as _;

use super::builder::Builder;
use super::git;
use crate::error::Error;
use crate::pipeline::changes::{Api, Change};
use crate::pipeline::spec::SpecText;
use crate::pipeline::{Generated, SpecResult};

/// `writeln!` into a `String`, which cannot fail.
macro_rules! outln {
    ($out:expr, $($arg:tt)*) => {{
        let _ = writeln!($out, $($arg)*);
    }};
}

impl Generated {
    /// Per spec: codes and rows, sections, codes with several rows, the
    /// body and the number of warnings, as `generate` prints them.
    pub fn summary(&self) -> String {
        let mut out = String::new();
        for spec in &self.specs {
            let model = &spec.model;
            match spec.spec.module() {
                Some(module) => outln!(out, "  {} (module {module})", spec.spec.name()),
                None => outln!(out, "  {}", spec.spec.name()),
            }
            outln!(
                out,
                "  codes     {} ({} rows)",
                model.codes.len(),
                model.errors.len()
            );
            let mut sections: Vec<(String, usize)> = Vec::new();
            for row in &model.errors {
                let name = row.section.clone().unwrap_or_else(|| "(none)".into());
                match sections.last_mut() {
                    Some((last, n)) if *last == name => *n += 1,
                    _ => sections.push((name, 1)),
                }
            }
            let sections: Vec<String> =
                sections.iter().map(|(s, n)| format!("{s} ({n})")).collect();
            outln!(out, "  sections  {}", sections.join(", "));
            let multi: Vec<String> = model
                .codes
                .iter()
                .filter(|c| c.rows.len() > 1)
                .map(|c| {
                    let statuses: Vec<String> = model
                        .rows_of(c)
                        .map(|r| r.status.map_or_else(|| "-".to_owned(), |s| s.to_string()))
                        .collect();
                    format!("{} {}", c.code, statuses.join("/"))
                })
                .collect();
            if !multi.is_empty() {
                outln!(out, "  multi     {}", multi.join(", "));
            }
            if model.languages.len() > 1 {
                outln!(out, "  languages {}", model.languages.join(", "));
            }
            if let Some(body) = &model.body {
                let fields: Vec<&str> = std::iter::once(body.code_element.as_str())
                    .chain(body.fields.iter().map(|f| f.element.as_str()))
                    .collect();
                outln!(out, "  body      <{}>: {}", body.root, fields.join(", "));
            }
            outln!(out, "  warnings  {}", spec.warnings.len());
        }
        out
    }
}

/// The API changes of one spec of the settings against its files at a revision.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct SpecChanges {
    /// The spec's path, as the settings give it.
    pub spec: String,
    /// The enum's path (`ErrorCode`, or `v1::ErrorCode` in a module).
    pub enum_name: String,
    /// The changes, breaking ones among them.
    pub changes: Vec<Change>,
}

impl SpecChanges {
    /// How many of the changes are breaking.
    pub fn breaking(&self) -> usize {
        self.changes.iter().filter(|c| c.is_breaking()).count()
    }
}

impl Builder {
    /// Each spec of the settings against the same files at git revision
    /// `rev`, read with the settings (a spec that did not exist then is all
    /// new): the CI gate of `changes --since`.
    pub fn changes_since(&self, rev: &str) -> Result<Vec<SpecChanges>, Error> {
        let mut reports = Vec::new();
        for new in self.read_specs()? {
            let spec = new.name().to_owned();
            let enum_name = match new.module() {
                Some(module) => format!("{module}::{}", self.code_enum_name()),
                None => self.code_enum_name().to_owned(),
            };
            // A spec new since `rev`, or unreadable then, compares with nothing.
            let old_api = self
                .read_at(rev, &new)
                .and_then(Result::ok)
                .map(|old| Api::from_model(&old.model))
                .unwrap_or_default();
            let new_api = Api::from_model(&self.read_from(new)?.model);
            reports.push(SpecChanges {
                spec,
                enum_name,
                changes: old_api.diff(&new_api),
            });
        }
        Ok(reports)
    }

    /// What `generated` changed in the API, against each spec as last
    /// committed (`git show HEAD:<spec>`); said plainly when there is
    /// nothing to compare with.
    pub fn changes_against_head(&self, generated: &Generated) -> String {
        let mut out = String::new();
        for spec in &generated.specs {
            let name = spec.spec.name();
            match self.read_at("HEAD", &spec.spec) {
                None => outln!(out, "\n(no committed {name} to compare the API with)"),
                Some(Ok(old)) => {
                    let changes = Api::from_model(&old.model).diff(&Api::from_model(&spec.model));
                    outln!(out, "\nAgainst {name} as committed:\n");
                    out.push_str(&Change::to_markdown(&changes, self.code_enum_name()));
                }
                Some(Err(_)) => {
                    outln!(
                        out,
                        "\n(the committed {name} cannot be read; no API comparison)"
                    );
                }
            }
        }
        out
    }

    /// `spec` as its files were at git revision `rev`, read leniently (its
    /// problems are not this change's); `None` when its primary file was
    /// not there.
    fn read_at(&self, rev: &str, spec: &SpecText) -> Option<Result<SpecResult, Error>> {
        let old = git::spec_at(self.root_dir(), rev, spec)?;
        Some(self.clone().lenient(true).read_from(old))
    }
}
