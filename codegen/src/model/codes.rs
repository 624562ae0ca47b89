//! Codes from rows: a repeated (code, status) refused (or kept, leniently),
//! rows grouped by code in order of first appearance, each code given its
//! Rust name, collisions refused, look-alike and non-ASCII codes warned of.

use std::collections::{HashMap, HashSet};

use super::{CodeEntry, ErrorRow, Validator};
use crate::diagnostic::{Diagnostic, Lint};
use crate::naming::variant_name;

impl Validator<'_> {
    /// A second row with the same code and status: refused, or in lenient
    /// mode kept (its description is the spec's too) with a warning.
    pub(super) fn repeated_rows(&mut self, rows: Vec<ErrorRow>) -> Vec<ErrorRow> {
        let mut seen: HashMap<(String, u16), usize> = HashMap::new();
        let mut kept = Vec::with_capacity(rows.len());
        for row in rows {
            if let Some(first) = seen.get(&(row.code.clone(), row.status)) {
                // The code first, unless it was carried down by `rowspan` from
                // an earlier line: then the status, which is on this row's line.
                let (mut code, mut status) = row.cells.clone();
                if self.src.line_of(code.start) < row.line {
                    std::mem::swap(&mut code, &mut status);
                }
                let diagnostic = Diagnostic::error(
                    self.src,
                    code,
                    format!(
                        "code `{}` with status {} is listed twice",
                        row.code, row.status
                    ),
                )
                .also_at(status)
                .with_note(format!("first listed at {}:{first}", self.src.name()));
                if self.options.lenient {
                    self.diagnostics.push(
                        diagnostic
                            .with_note("lenient mode: both rows are kept; `row` and `description` give the first")
                            .downgraded(Lint::RepeatedRow)
                            .with_lint(Lint::RepeatedRow, format!("{} {}", row.code, row.status)),
                    );
                    kept.push(row);
                } else {
                    self.diagnostics.push(diagnostic);
                }
                continue;
            }
            seen.insert((row.code.clone(), row.status), row.line);
            kept.push(row);
        }
        kept
    }

    /// Groups rows by code and refuses codes whose Rust names collide.
    pub(super) fn group_codes(&mut self, rows: Vec<ErrorRow>) -> (Vec<ErrorRow>, Vec<CodeEntry>) {
        let mut codes: Vec<CodeEntry> = Vec::new();
        let mut by_code: HashMap<String, usize> = HashMap::new();
        let mut by_variant: HashMap<String, usize> = HashMap::new();
        let mut kept = Vec::with_capacity(rows.len());
        let mut refused: HashSet<String> = HashSet::new();
        let mut by_folded: HashMap<String, usize> = HashMap::new();
        for row in rows {
            if refused.contains(&row.code) {
                continue;
            }
            if let Some(&i) = by_code.get(&row.code) {
                codes[i].rows.push(kept.len());
                kept.push(row);
                continue;
            }
            let variant = match self.options.names.get(&row.code) {
                Some(name) => name.clone(),
                None => variant_name(&row.code),
            };
            if let Some(&other) = by_variant.get(&variant) {
                let first: &ErrorRow = &kept[codes[other].rows[0]];
                let span = row.cells.0.clone();
                let skipped = format!("every row of `{}`", row.code);
                self.reject_skipping(
                    Diagnostic::error(
                        self.src,
                        span,
                        format!(
                            "codes `{}` and `{}` both become the Rust name `{variant}`",
                            first.code, row.code
                        ),
                    )
                    .with_note(format!(
                        "`{}` is at {}:{}; rename one of them, or name it: `names = {{ \"{}\" = \"OtherName\" }}` (`Builder::variant_name`)",
                        first.code,
                        self.src.name(),
                        first.line,
                        row.code
                    )),
                    &skipped,
                );
                refused.insert(row.code.clone());
                continue;
            }
            self.similar_or_non_ascii(&row, &codes, &kept, &mut by_folded);
            by_code.insert(row.code.clone(), codes.len());
            by_variant.insert(variant.clone(), codes.len());
            codes.push(CodeEntry {
                code: row.code.clone(),
                variant,
                rows: vec![kept.len()],
            });
            kept.push(row);
        }
        (kept, codes)
    }

    /// Warns of a new code that differs from an earlier one only in case or
    /// separators, or whose name is derived from non-ASCII characters.
    fn similar_or_non_ascii(
        &mut self,
        row: &ErrorRow,
        codes: &[CodeEntry],
        kept: &[ErrorRow],
        by_folded: &mut HashMap<String, usize>,
    ) {
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
            by_folded.insert(folded, codes.len());
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
