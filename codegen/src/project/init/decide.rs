//! The settings `init` needs for a page set, decided by generating with
//! them and written visibly: lenient reading, names, accepted drift, and
//! proposed retry classes.

use std::path::Path;

use toml_edit::{value, Array, DocumentMut, InlineTable, Item, Table, Value};

use super::Adopted;
use crate::error::Error;
use crate::pipeline::diagnostic::Lint;
use crate::pipeline::Generated;
use crate::project::builder::Builder;
use crate::project::manifest::METADATA_KEY;

/// Generates with the settings in `doc`, after adding what the spec needs,
/// each visibly: `lenient = true` when the strict reading refuses; `names`
/// for codes whose derived names collide; `accept` for each finding of
/// drift between the editions; and `retry` classes proposed from the spec's
/// own words, for the user to review.
pub(super) fn decide(
    dir: &Path,
    doc: &mut DocumentMut,
    manifest_path: &Path,
) -> Result<(Generated, Adopted), Error> {
    let generate =
        |doc: &DocumentMut| Builder::from_manifest_text(dir, &doc.to_string())?.generate();
    let mut adopted = Adopted::default();
    let first = match generate(doc) {
        Ok(generated) => generated,
        Err(Error::Spec { .. }) => {
            settings_mut(doc, manifest_path)?.insert("lenient", value(true));
            adopted.decided.push("lenient = true".into());
            generate(doc)?
        }
        Err(other) => return Err(other),
    };
    let lines = first.warning_lines();
    let mut names = InlineTable::new();
    let mut accept = Array::new();
    for (warning, line) in first.warnings().zip(&lines) {
        let Some(subject) = &warning.subject else {
            continue;
        };
        match warning.lint {
            Some(Lint::RenamedVariant) => {
                let variant = first
                    .specs
                    .iter()
                    .flat_map(|s| &s.model.codes)
                    .find(|c| c.code == *subject)
                    .map(|c| c.variant.clone());
                if let Some(variant) = variant {
                    names.insert(subject, variant.into());
                }
            }
            Some(Lint::TranslationDrift) => {
                let mut entry = InlineTable::new();
                entry.insert("lint", Lint::TranslationDrift.name().into());
                entry.insert("subject", subject.as_str().into());
                accept.push_formatted(Value::from(entry).decorated("\n    ", ""));
                adopted.drift.push(line.clone());
            }
            _ => {}
        }
    }
    let settings = settings_mut(doc, manifest_path)?;
    if !names.is_empty() {
        adopted.decided.push(format!("names = {names}"));
        settings.insert("names", value(names));
    }
    if !accept.is_empty() {
        accept.set_trailing_comma(true);
        accept.set_trailing("\n");
        adopted.decided.push(format!(
            "accept: {} findings of `translation_drift`",
            accept.len()
        ));
        settings.insert("accept", value(accept));
        comment(settings, "accept", "# Drift between the editions, accepted finding by finding by init: `ci-errors-codegen drift` shows it in full.");
    }
    propose_retry(settings, &first, &mut adopted);
    let generated = generate(doc)?;
    adopted.warnings = generated.warning_lines();
    Ok((generated, adopted))
}

/// Writes `retry` classes proposed from the spec's words, with a comment
/// that says so.
fn propose_retry(settings: &mut Table, generated: &Generated, adopted: &mut Adopted) {
    let mut classes = InlineTable::new();
    let (mut throttling, mut transient) = (Array::new(), Array::new());
    for spec in &generated.specs {
        let (slow, later) = crate::pipeline::retry_words::propose(&spec.model);
        slow.iter().for_each(|code| throttling.push(code.as_str()));
        later.iter().for_each(|code| transient.push(code.as_str()));
    }
    if !throttling.is_empty() {
        classes.insert("throttling", throttling.into());
    }
    if !transient.is_empty() {
        classes.insert("transient", transient.into());
    }
    if classes.is_empty() {
        return;
    }
    adopted.decided.push(format!("retry = {classes}"));
    settings.insert("retry", value(classes));
    comment(settings, "retry", "# Proposed by init from the spec's words (rate limits, request frequency, try again later, busy, internal error): review.");
}

/// Puts `text` on the line above `key`.
fn comment(table: &mut Table, key: &str, text: &str) {
    if let Some(mut key) = table.key_mut(key) {
        key.leaf_decor_mut().set_prefix(format!("{text}\n"));
    }
}

/// The settings table `init` wrote into `doc`.
fn settings_mut<'d>(
    doc: &'d mut DocumentMut,
    manifest_path: &Path,
) -> Result<&'d mut Table, Error> {
    doc.get_mut("package")
        .and_then(|p| p.get_mut("metadata"))
        .and_then(|m| m.get_mut(METADATA_KEY))
        .and_then(Item::as_table_mut)
        .ok_or_else(|| Error::Config {
            path: manifest_path.to_path_buf(),
            message: format!("[package.metadata.{METADATA_KEY}] is not a table"),
        })
}
