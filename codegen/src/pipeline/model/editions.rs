//! Translations: the same document in another language, read with the same
//! rules, matched to the primary edition row by row (code, status) and node
//! by node (name). Drift between the editions is reported in both files.

use std::collections::HashMap;

use crate::pipeline::diagnostic::Diagnostic;
use crate::pipeline::model::{ErrorRow, Model, Texts};
use crate::pipeline::source::SourceFile;

/// One edition to merge: its language tag, source and model.
pub struct Edition<'a> {
    /// Language tag, such as `zh`.
    pub lang: &'a str,
    /// The translation's text.
    pub src: &'a SourceFile,
    /// The translation read on its own.
    pub model: &'a Model,
}

/// Adds `edition`'s descriptions to `primary` (read from `src`). Rows and
/// nodes missing from either side are reported: errors, or in lenient mode
/// warnings, with the primary text standing in for a missing translation.
pub fn merge(
    primary: &mut Model,
    src: &SourceFile,
    edition: &Edition<'_>,
    lenient: bool,
) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let mut report = |d: Diagnostic| {
        diagnostics.push(if lenient {
            d.with_note("lenient mode: the primary edition's text stands in")
                .downgraded(crate::pipeline::diagnostic::Lint::TranslationDrift)
        } else {
            d
        })
    };
    let other = edition.src.name();
    // Rows by (code, status); the nth repeat of a pair matches the nth repeat.
    let mut theirs: HashMap<(&str, Option<u16>), Vec<usize>> = HashMap::new();
    for (i, row) in edition.model.errors.iter().enumerate().rev() {
        theirs
            .entry((row.code.as_str(), row.status))
            .or_default()
            .push(i);
    }
    let mut matched = vec![false; edition.model.errors.len()];
    for row in &mut primary.errors {
        let found = theirs
            .get_mut(&(row.code.as_str(), row.status))
            .and_then(Vec::pop);
        let translation = match found {
            Some(i) => {
                matched[i] = true;
                Some(&edition.model.errors[i])
            }
            None => {
                report(missing_row(src, row, edition.lang, other));
                None
            }
        };
        let text = |texts: fn(&ErrorRow) -> &Texts| translation.map(|t| texts(t).primary().clone());
        row.description.push(text(|r| &r.description));
        row.remedy.push(text(|r| &r.remedy));
        row.cause.push(text(|r| &r.cause));
        row.message.push(text(|r| &r.message));
    }
    for (row, _) in edition
        .model
        .errors
        .iter()
        .zip(&matched)
        .filter(|(_, m)| !**m)
    {
        report(
            Diagnostic::error(
                edition.src,
                row.cells.0.clone(),
                format!("{} is not in the primary edition", row_name(row)),
            )
            .also_at(row.cells.1.clone())
            .with_note(format!(
                "{} has no row for this code and status; it is left out",
                src.name()
            )),
        );
    }
    merge_fields(primary, src, edition, &mut report);
    primary.languages.push(edition.lang.to_owned());
    diagnostics
}

/// A row as messages name it: `` `Code` with status 403 ``, or `` `Code` `` without one.
fn row_name(row: &ErrorRow) -> String {
    match row.status {
        Some(status) => format!("`{}` with status {status}", row.code),
        None => format!("`{}`", row.code),
    }
}

/// A primary row the edition lacks: carets under its code and status,
/// not across the whole row.
fn missing_row(src: &SourceFile, row: &ErrorRow, lang: &str, other: &str) -> Diagnostic {
    Diagnostic::error(
        src,
        row.cells.0.clone(),
        format!("{} is missing from the `{lang}` edition", row_name(row)),
    )
    .also_at(row.cells.1.clone())
    .with_note(format!("{other} has no row for this code and status"))
}

/// Field nodes by name: descriptions for the body's docs, drift reported.
fn merge_fields(
    primary: &mut Model,
    src: &SourceFile,
    edition: &Edition<'_>,
    report: &mut impl FnMut(Diagnostic),
) {
    let theirs: HashMap<&str, &crate::pipeline::model::FieldRow> = edition
        .model
        .fields
        .iter()
        .map(|f| (f.name.as_str(), f))
        .collect();
    for field in &primary.fields {
        if !theirs.contains_key(field.name.as_str()) {
            report(
                Diagnostic::error(
                    src,
                    src.line_range(field.line),
                    format!(
                        "node `{}` is missing from the `{}` edition",
                        field.name, edition.lang
                    ),
                )
                .with_note(format!(
                    "{} has no field-table row for it",
                    edition.src.name()
                )),
            );
        }
    }
    for field in &edition.model.fields {
        if !primary.fields.iter().any(|f| f.name == field.name) {
            report(
                Diagnostic::error(
                    edition.src,
                    edition.src.line_range(field.line),
                    format!("node `{}` is not in the primary edition", field.name),
                )
                .with_note(format!("{} has no field-table row for it", src.name())),
            );
        }
    }
    let Some(body) = &mut primary.body else {
        return;
    };
    let text = |element: &str| theirs.get(element).map(|f| f.description.clone());
    body.code_description.push(text(&body.code_element));
    for field in &mut body.fields {
        field.description.push(text(&field.element));
    }
}

/// Fills each edition's descriptions from the columns of the primary
/// edition's tables that are written in that edition's language
/// (`错误代码 | 错误描述 | 英文描述`): where the edition gives no description
/// of its own. A language that is no edition of the spec becomes one, after
/// the translations; its other texts are absent (the primary stands in).
pub fn fill_from_columns(model: &mut Model) {
    let mut tags: Vec<String> = Vec::new();
    for row in &model.errors {
        for (tag, _) in &row.described_in {
            if !tags.contains(tag) {
                tags.push(tag.clone());
            }
        }
    }
    for tag in tags {
        let index = match model.languages.iter().position(|l| *l == tag) {
            Some(index) => index,
            None => {
                model.languages.push(tag.clone());
                model.languages.len() - 1
            }
        };
        for row in &mut model.errors {
            let text = row
                .described_in
                .iter()
                .find(|(t, _)| *t == tag)
                .map(|(_, text)| text.clone());
            if let Some(text) = text {
                row.description.fill(index, text);
            }
            // Every text of every row has an entry for every edition.
            for texts in [
                &mut row.description,
                &mut row.remedy,
                &mut row.cause,
                &mut row.message,
            ] {
                texts.pad(index);
            }
        }
    }
}
