//! Editions: the same document in other languages, read with the same
//! rules and matched to the rows so far by (code, status), and node by node
//! (name). The model holds the union of every edition's rows; each text is
//! per edition, absent where that edition lacks the row. Drift between the
//! editions is a warning (`translation_drift`), one per finding, never a
//! refusal.

use std::collections::HashMap;

use crate::pipeline::diagnostic::{Diagnostic, Lint};
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

/// Adds `edition` to `merged`, whose editions' documents are `sources` (the
/// primary first). A row both list gets the edition's texts; a row the
/// edition lacks has none in it; a row only the edition lists joins the
/// model before the row it precedes there. Each difference is a warning.
pub fn merge(
    merged: &mut Model,
    sources: &[&SourceFile],
    edition: &Edition<'_>,
) -> Vec<Diagnostic> {
    let index = merged.languages.len();
    let mut diagnostics = Vec::new();
    // Rows by (code, status); the nth repeat of a pair matches the nth repeat.
    let mut theirs: HashMap<(&str, Option<u16>), Vec<usize>> = HashMap::new();
    for (i, row) in edition.model.errors.iter().enumerate().rev() {
        theirs
            .entry((row.code.as_str(), row.status))
            .or_default()
            .push(i);
    }
    // For each of the edition's rows, the merged row it is.
    let mut matched: Vec<Option<usize>> = vec![None; edition.model.errors.len()];
    for (at, row) in merged.errors.iter_mut().enumerate() {
        let found = theirs
            .get_mut(&(row.code.as_str(), row.status))
            .and_then(Vec::pop);
        let translation = found.map(|i| {
            matched[i] = Some(at);
            &edition.model.errors[i]
        });
        if translation.is_some() {
            row.listed_in.push(index);
        } else if let Some(src) = sources.get(row.edition) {
            diagnostics.push(missing_row(src, row, edition.lang, edition.src.name()));
        }
        let text = |texts: fn(&ErrorRow) -> &Texts| translation.map(|t| texts(t).primary().clone());
        for (texts, theirs) in [
            (&mut row.description, text(|r| &r.description)),
            (&mut row.remedy, text(|r| &r.remedy)),
            (&mut row.cause, text(|r| &r.cause)),
            (&mut row.message, text(|r| &r.message)),
        ] {
            texts.pad(index);
            texts.push(theirs);
        }
    }
    // Rows only the edition lists, each just before the merged row its
    // successor there matched (at the end when none did): after the rows
    // the edition lacks at that place, so earlier editions keep their order.
    let mut joining: Vec<(Option<usize>, ErrorRow)> = Vec::new();
    let mut before = None;
    for (row, found) in edition.model.errors.iter().zip(&matched).rev() {
        if found.is_some() {
            before = *found;
            continue;
        }
        joining.push((before, joined(row, index)));
    }
    joining.reverse();
    for (_, row) in &joining {
        diagnostics.push(only_in(sources, row, edition));
    }
    if !joining.is_empty() {
        // Grouped by the row they go before: the edition's order may cross
        // the merged one, so their anchors need not ascend.
        let mut before: HashMap<Option<usize>, Vec<ErrorRow>> = HashMap::new();
        for (at, row) in joining {
            before.entry(at).or_default().push(row);
        }
        let rows = std::mem::take(&mut merged.errors);
        let mut errors = Vec::with_capacity(rows.len() + before.len());
        for (i, row) in rows.into_iter().enumerate() {
            errors.extend(before.remove(&Some(i)).unwrap_or_default());
            errors.push(row);
        }
        errors.extend(before.remove(&None).unwrap_or_default());
        merged.errors = errors;
    }
    merge_fields(merged, sources[0], edition, &mut |d| diagnostics.push(d));
    merged.languages.push(edition.lang.to_owned());
    diagnostics
}

/// A row of edition `index` that no earlier edition lists: its texts are
/// that edition's alone.
fn joined(row: &ErrorRow, index: usize) -> ErrorRow {
    let only = |texts: &Texts| Texts::only_in(index, texts.primary().clone());
    ErrorRow {
        description: only(&row.description),
        remedy: only(&row.remedy),
        cause: only(&row.cause),
        message: only(&row.message),
        edition: index,
        listed_in: vec![index],
        ..row.clone()
    }
}

/// A row as messages name it: `` `Code` with status 403 ``, or `` `Code` `` without one.
fn row_name(row: &ErrorRow) -> String {
    match row.status {
        Some(status) => format!("`{}` with status {status}", row.code),
        None => format!("`{}`", row.code),
    }
}

/// The subject by which one drift finding is accepted: the row (its code
/// and status) and what became of it in the edition (`UnsupportedMethod
/// 405 missing from ja`, `OnlyHere only in zh`).
fn subject(row: &ErrorRow, what: &str, lang: &str) -> String {
    match row.status {
        Some(status) => format!("{} {status} {what} {lang}", row.code),
        None => format!("{} {what} {lang}", row.code),
    }
}

/// A row the edition lacks: carets under its code and status, not across
/// the whole row.
fn missing_row(src: &SourceFile, row: &ErrorRow, lang: &str, other: &str) -> Diagnostic {
    Diagnostic::warning(
        src,
        row.cells.0.clone(),
        format!("{} is missing from the `{lang}` edition", row_name(row)),
    )
    .also_at(row.cells.1.clone())
    .with_note(format!(
        "{other} has no row for this code and status; the row has no `{lang}` text"
    ))
    .with_lint(Lint::TranslationDrift, subject(row, "missing from", lang))
}

/// A row only this edition lists, so far: it joins the model.
fn only_in(sources: &[&SourceFile], row: &ErrorRow, edition: &Edition<'_>) -> Diagnostic {
    let before: Vec<&str> = sources.iter().map(|s| s.name()).collect();
    Diagnostic::warning(
        edition.src,
        row.cells.0.clone(),
        format!(
            "{} is only in the `{}` edition",
            row_name(row),
            edition.lang
        ),
    )
    .also_at(row.cells.1.clone())
    .with_note(format!(
        "{} {} no row for this code and status; the row is kept, with no text in {}",
        before.join(", "),
        if before.len() == 1 { "has" } else { "have" },
        if before.len() == 1 {
            "that edition"
        } else {
            "those editions"
        },
    ))
    .with_lint(
        Lint::TranslationDrift,
        subject(row, "only in", edition.lang),
    )
}

/// Field nodes by name: descriptions for the body's docs, drift reported.
fn merge_fields(
    primary: &mut Model,
    src: &SourceFile,
    edition: &Edition<'_>,
    report: &mut dyn FnMut(Diagnostic),
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
                Diagnostic::warning(
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
                ))
                .with_lint(
                    Lint::TranslationDrift,
                    format!("node {} missing from {}", field.name, edition.lang),
                ),
            );
        }
    }
    for field in &edition.model.fields {
        if !primary.fields.iter().any(|f| f.name == field.name) {
            report(
                Diagnostic::warning(
                    edition.src,
                    edition.src.line_range(field.line),
                    format!("node `{}` is not in the primary edition", field.name),
                )
                .with_note(format!(
                    "{} has no field-table row for it; the body is the primary edition's",
                    src.name()
                ))
                .with_lint(
                    Lint::TranslationDrift,
                    format!("node {} only in {}", field.name, edition.lang),
                ),
            );
        }
    }
    let Some(body) = &mut primary.body else {
        return;
    };
    let text = |element: &str| theirs.get(element).map(|f| f.description.clone());
    let index = primary.languages.len();
    body.code_description.pad(index);
    body.code_description.push(text(&body.code_element));
    for field in &mut body.fields {
        field.description.pad(index);
        field.description.push(text(&field.element));
    }
}

/// Fills each edition's descriptions from the columns of the primary
/// edition's tables that are written in that edition's language
/// (`错误代码 | 错误描述 | 英文描述`): where the edition gives no description
/// of its own. A language that is no edition of the spec becomes one, after
/// the translations; its other texts are absent.
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
                texts.pad(index + 1);
            }
        }
    }
}
