//! Codes from rows: a repeated (code, status) within a section refused (or
//! kept, leniently), rows grouped by code in order of first appearance,
//! look-alike and non-ASCII codes warned of; then, once every edition is in,
//! each code given its Rust name from the set of codes alone.

use std::collections::HashMap;

use super::{CodeEntry, ErrorRow, Model, ReadOptions, Validator};
use crate::pipeline::diagnostic::{Diagnostic, Lint};
use crate::pipeline::model::naming::{assign, spelled_name, variant_name, Naming, Wanted};
use crate::pipeline::source::SourceFile;

impl Validator<'_> {
    /// A second row with the same code and status in one section: refused,
    /// or in lenient mode kept (its description is the spec's too) with a
    /// warning. The same code in another section is a row of its own.
    pub(super) fn repeated_rows(&mut self, rows: Vec<ErrorRow>) -> Vec<ErrorRow> {
        type Key = (String, Option<u16>, Option<String>);
        let mut seen: HashMap<Key, usize> = HashMap::new();
        let mut kept = Vec::with_capacity(rows.len());
        for row in rows {
            let key = (row.code.clone(), row.status, row.section.clone());
            let Some(first) = seen.get(&key) else {
                seen.insert(key, row.line);
                kept.push(row);
                continue;
            };
            // The code first, unless it was carried down by `rowspan` from
            // an earlier line: then the status, which is on this row's line.
            let (mut code, mut status) = row.cells.clone();
            if self.src.line_of(code.start) < row.line {
                std::mem::swap(&mut code, &mut status);
            }
            let (message, subject) = match row.status {
                Some(s) => (
                    format!("code `{}` with status {s} is listed twice", row.code),
                    format!("{} {s}", row.code),
                ),
                None => (
                    format!("code `{}` is listed twice in one section", row.code),
                    row.code.clone(),
                ),
            };
            let mut diagnostic = Diagnostic::error(self.src, code.clone(), message)
                .with_note(format!("first listed at {}:{first}", self.src.name()));
            if status != code {
                diagnostic = diagnostic.also_at(status);
            }
            if self.options.lenient {
                self.diagnostics.push(
                    diagnostic
                        .with_note("lenient mode: both rows are kept; `row` and `description` give the first")
                        .downgraded(Lint::RepeatedRow)
                        .with_lint(Lint::RepeatedRow, subject),
                );
                kept.push(row);
            } else {
                self.diagnostics.push(diagnostic);
            }
        }
        kept
    }

    /// Groups rows by code, in order of first appearance ([`regroup`]), with
    /// the warnings a code's rows call for; names are given afterwards, from
    /// the whole set of codes ([`name_codes`]).
    pub(super) fn group_codes(&mut self, rows: Vec<ErrorRow>) -> (Vec<ErrorRow>, Vec<CodeEntry>) {
        let codes = regroup(&rows);
        let mut by_folded: HashMap<String, usize> = HashMap::new();
        for (index, code) in codes.iter().enumerate() {
            self.similar_or_non_ascii(index, &codes, &rows, &mut by_folded);
            self.conflicting_values(code, &rows);
        }
        (rows, codes)
    }

    /// Rows of `code` that give another value than the code's (its first
    /// row's that gives one): refused, or in lenient mode warned of, the
    /// first value kept.
    fn conflicting_values(&mut self, code: &CodeEntry, rows: &[ErrorRow]) {
        let Some(first) = code.value else { return };
        let code_rows = || code.rows.iter().map(|&i| &rows[i]);
        let given = code_rows()
            .find(|r| r.value == Some(first))
            .map_or(0, |r| r.line);
        for row in code_rows() {
            let Some(value) = row.value.filter(|&v| v != first) else {
                continue;
            };
            let message = format!(
                "code `{}` has the value {value} here and {first} at {}:{given}",
                row.code,
                self.src.name()
            );
            let diagnostic = Diagnostic::error(self.src, row.cells.0.clone(), message);
            if self.options.lenient {
                self.diagnostics.push(
                    diagnostic
                        .with_note(format!(
                            "lenient mode: the first value, {first}, is the code's"
                        ))
                        .downgraded(Lint::ConflictingValue)
                        .with_lint(Lint::ConflictingValue, row.code.clone()),
                );
            } else {
                self.diagnostics.push(diagnostic.with_note(
                    "a code has one value: correct one of the rows, or give one of them another code",
                ));
            }
        }
    }

    /// Warns of code `index` (at its first row) when it differs from an
    /// earlier one only in case or separators, or when its name is derived
    /// from non-ASCII characters.
    fn similar_or_non_ascii(
        &mut self,
        index: usize,
        codes: &[CodeEntry],
        kept: &[ErrorRow],
        by_folded: &mut HashMap<String, usize>,
    ) {
        let row = &kept[codes[index].rows[0]];
        let folded: String = row
            .code
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        if let Some(&other) = by_folded.get(&folded) {
            let first = &kept[codes[other].rows[0]];
            self.diagnostics.push(
                Diagnostic::warning(
                    self.src,
                    row.cells.0.clone(),
                    format!(
                        "codes `{}` and `{}` differ only in case or separators",
                        first.code, row.code
                    ),
                )
                .with_label("a second, distinct code")
                .with_note(format!(
                    "`{}` is at {}:{}; servers compare codes exactly, so both are kept",
                    first.code,
                    self.src.name(),
                    first.line
                ))
                .with_lint(Lint::SimilarCodes, format!("{} {}", first.code, row.code)),
            );
        } else {
            by_folded.insert(folded, index);
        }
        if !row.code.is_ascii() && !self.options.names.contains_key(&row.code) {
            self.diagnostics.push(
                Diagnostic::warning(
                    self.src,
                    row.cells.0.clone(),
                    format!(
                        "code `{}` has non-ASCII characters; its variant is `{}`",
                        row.code,
                        variant_name(&row.code)
                    ),
                )
                .with_label("named by code points")
                .with_note(format!(
                    "choose a name: `names = {{ \"{}\" = \"Name\" }}` (`Builder::variant_name`)",
                    row.code
                ))
                .with_lint(Lint::NonAsciiCode, row.code.clone()),
            );
        }
    }
}

/// The codes of `errors` in order of first appearance, each with its rows
/// and its value (from the first row that gives one); unnamed.
pub(crate) fn regroup(errors: &[ErrorRow]) -> Vec<CodeEntry> {
    let mut codes: Vec<CodeEntry> = Vec::new();
    let mut by_code: HashMap<&str, usize> = HashMap::new();
    for (i, row) in errors.iter().enumerate() {
        match by_code.get(row.code.as_str()) {
            Some(&at) => {
                let entry = &mut codes[at];
                entry.rows.push(i);
                entry.value = entry.value.or(row.value);
            }
            None => {
                by_code.insert(&row.code, codes.len());
                codes.push(CodeEntry {
                    code: row.code.clone(),
                    variant: String::new(),
                    value: row.value,
                    rows: vec![i],
                });
            }
        }
    }
    codes
}

/// Names every code of `model` from the set of codes alone (see
/// [`assign`]): as `names` gives it; for a numeric code, from its name
/// column when it has one; else from the code. Codes whose names collide are
/// warned of (`renamed_variant`); names that still collide after spelling
/// are numbered in lenient mode, refused otherwise. `sources` are the
/// editions' documents, the primary first.
pub(crate) fn name_codes(
    model: &mut Model,
    sources: &[&SourceFile],
    options: &ReadOptions,
) -> Vec<Diagnostic> {
    let own = own_names(model, options);
    let wanted: Vec<Wanted<'_>> = model
        .codes
        .iter()
        .zip(&own)
        .map(|(entry, (name, chosen, spelled))| Wanted {
            code: &entry.code,
            name,
            chosen: *chosen,
            spelled,
        })
        .collect();
    let named = assign(&wanted);
    let mut diagnostics = Vec::new();
    for (i, (name, naming)) in named.iter().enumerate() {
        let ((with, more), numbered) = match naming {
            Naming::Own => continue,
            Naming::Spelled { with, more } => ((with, *more), false),
            Naming::Numbered { with, more } => ((with, *more), true),
        };
        let first_row = |code: usize| &model.errors[model.codes[code].rows[0]];
        let others: Vec<&ErrorRow> = with.iter().map(|&j| first_row(j)).collect();
        diagnostics.extend(renamed(
            sources,
            first_row(i),
            (&others, more),
            (&own[i].0, name),
            (numbered, options.lenient),
        ));
    }
    for (entry, (name, _)) in model.codes.iter_mut().zip(named) {
        entry.variant = name;
    }
    diagnostics
}

/// Each code's own name, whether the settings chose it, and its spelled name.
fn own_names(model: &Model, options: &ReadOptions) -> Vec<(String, bool, String)> {
    model
        .codes
        .iter()
        .map(|entry| {
            if let Some(name) = options.names.get(&entry.code) {
                return (name.clone(), true, name.clone());
            }
            let first = &model.errors[entry.rows[0]];
            match (&first.name, entry.value) {
                (Some(name), Some(_))
                    if crate::pipeline::layout::parse_integer(&entry.code).is_some() =>
                {
                    let number = variant_name(&entry.code);
                    let own = variant_name(name);
                    let spelled = format!("{own}{}", number.trim_start_matches('_'));
                    (own, false, spelled)
                }
                _ => (variant_name(&entry.code), false, spelled_name(&entry.code)),
            }
        })
        .collect()
}

/// The warning for a code named `name` because its own name, `own`, is
/// also that of `others`; an error for a numbered name unless lenient.
fn renamed(
    sources: &[&SourceFile],
    row: &ErrorRow,
    (others, more): (&[&ErrorRow], usize),
    (own, name): (&str, &str),
    (numbered, lenient): (bool, bool),
) -> Option<Diagnostic> {
    let refused = numbered && !lenient;
    let src = sources.get(row.edition)?;
    let mut codes: Vec<String> = others.iter().map(|o| format!("`{}`", o.code)).collect();
    if more > 0 {
        codes.push(format!("{more} more"));
    }
    let at: Vec<String> = others
        .iter()
        .map(|o| {
            let file = sources.get(o.edition).map_or("", |s| s.name());
            format!("`{}` is at {file}:{}", o.code, o.line)
        })
        .collect();
    let message = format!(
        "codes `{}` and {} both become the Rust name `{own}`",
        row.code,
        codes.join(" and ")
    );
    let why = if refused {
        "its spelled name is taken too; name one of them"
    } else if numbered {
        "its spelled name is taken too: a number follows it, in the order of the codes' texts"
    } else {
        "it takes its spelled name, each separator a word (the code whose text is the name, or the one `names` names, keeps it)"
    };
    let fix = format!(
        "or choose one: `names = {{ \"{}\" = \"OtherName\" }}` (`Builder::variant_name`)",
        row.code
    );
    let diagnostic = Diagnostic::warning(src, row.cells.0.clone(), message)
        .with_note(format!("{}; {why}; {fix}", at.join("; ")));
    Some(if refused {
        Diagnostic {
            severity: crate::pipeline::diagnostic::Severity::Error,
            ..diagnostic
        }
    } else {
        diagnostic
            .with_label(format!("named `{name}`"))
            .with_lint(Lint::RenamedVariant, row.code.clone())
    })
}
