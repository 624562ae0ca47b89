//! What `generate` and `changes` report: the summary of a run, and the API
//! changes of each spec against its files at a git revision.

use std::fmt::Write as _;

use std::path::Path;

use super::builder::{slash_path, Builder};
use super::git;
use super::manifest::{parse_manifest, text_has_settings};
use crate::error::Error;
use crate::pipeline::changes::{Api, Change};
use crate::pipeline::spec::SpecText;
use crate::pipeline::Generated;

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
    /// `rev`, read with the settings as they were there (a spec that did not
    /// exist then is all new; one gone since is all removed): the CI gate of
    /// `changes --since`. A revision git cannot resolve is an error.
    pub fn changes_since(&self, rev: &str) -> Result<Vec<SpecChanges>, Error> {
        let commit = git::resolve(self.root_dir(), rev)?;
        let past = self.at(&commit)?;
        let mut reports = Vec::new();
        for new in self.read_specs()? {
            let module = new.module().map(str::to_owned);
            let old_api = match &past {
                Some(past) => past.api_at(&commit, module.as_deref())?,
                None => Api::default(),
            };
            let new_api = Api::of(
                &self.read_from(new.clone())?.model,
                &self.settings,
                module.as_deref(),
            );
            reports.push(SpecChanges {
                spec: new.name().to_owned(),
                enum_name: new_api.enum_path.clone(),
                changes: old_api.diff(&new_api),
            });
        }
        // Specs of the settings then whose module has none now: all removed.
        for (past, spec) in past
            .iter()
            .flat_map(|p| p.specs.iter().map(move |s| (p, s)))
        {
            if self.specs.iter().any(|s| s.module == spec.module) {
                continue;
            }
            let old_api = past.api_at(&commit, spec.module.as_deref())?;
            reports.push(SpecChanges {
                spec: slash_path(&spec.path),
                enum_name: old_api.enum_path.clone(),
                changes: old_api.diff(&Api::default()),
            });
        }
        Ok(reports)
    }

    /// What `generated` changed in the API, against each spec as last
    /// committed, read with the settings as committed; said plainly when
    /// there is nothing to compare with.
    pub fn changes_against_head(&self, generated: &Generated) -> String {
        let mut out = String::new();
        let past = git::resolve(self.root_dir(), "HEAD")
            .and_then(|head| Ok((self.at(&head)?, head)))
            .map_err(|e| e.to_string());
        for spec in &generated.specs {
            let name = spec.spec.name();
            let module = spec.spec.module();
            let old = match &past {
                Ok((Some(past), head)) => past
                    .api_at(head, module)
                    .map(Some)
                    .map_err(|e| e.to_string()),
                Ok((None, _)) => Ok(None),
                Err(e) => Err(e.to_string()),
            };
            match old {
                Ok(Some(old)) if !old.codes.is_empty() => {
                    let new = Api::of(&spec.model, &self.settings, module);
                    outln!(out, "\nAgainst {name} as committed:\n");
                    out.push_str(&Change::to_markdown(&old.diff(&new), self.code_enum_name()));
                }
                Ok(_) => outln!(out, "\n(no committed {name} to compare the API with)"),
                Err(e) => outln!(out, "\n(no committed {name} to compare the API with: {e})"),
            }
        }
        out
    }

    /// The builder of the settings at `commit`: `None` when its manifest
    /// had no settings then (or there was none). A builder set in code, with
    /// no manifest, is its own past.
    fn at(&self, commit: &git::Commit) -> Result<Option<Builder>, Error> {
        let Some(manifest) = &self.manifest else {
            return Ok(Some(self.clone()));
        };
        let Some(text) = git::show(self.root_dir(), commit, "Cargo.toml")? else {
            return Ok(None);
        };
        if !text_has_settings(&text) {
            return Ok(None);
        }
        let at = format!("{} at {}", manifest.display(), commit.rev);
        let settings = parse_manifest(Path::new(&at), &text)?;
        Ok(Some(
            Builder::with_manifest(self.root_dir(), settings).lenient(true),
        ))
    }

    /// The API of this builder's spec in `module` with its files at
    /// `commit`, read leniently (its problems are not this change's): empty
    /// when it has no such spec or its file was not there; a translation not
    /// there is left out. A spec that cannot be read even leniently is an
    /// error, not an empty past.
    fn api_at(&self, commit: &git::Commit, module: Option<&str>) -> Result<Api, Error> {
        let Some(paths) = self.specs.iter().find(|s| s.module.as_deref() == module) else {
            return Ok(Api::default());
        };
        let root = self.root_dir();
        let name = slash_path(&paths.path);
        let Some(text) = git::show(root, commit, &name)? else {
            return Ok(Api::default());
        };
        let mut spec = SpecText::new(name, text);
        if let Some(module) = module {
            spec = spec.in_module(module);
        }
        for (lang, path) in &paths.translations {
            let name = slash_path(path);
            if let Some(text) = git::show(root, commit, &name)? {
                spec = spec.with_translation(lang, name, text);
            }
        }
        let read = self.read_from(spec).map_err(|e| Error::Git {
            rev: commit.rev.clone(),
            message: format!("the spec there cannot be read:\n{e}"),
        })?;
        Ok(Api::of(&read.model, &self.settings, module))
    }
}
