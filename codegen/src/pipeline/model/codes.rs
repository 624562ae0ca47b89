//! Codes from rows: a repeated (code, status) within a section refused (or
//! kept, leniently), rows grouped by code in order of first appearance, each
//! code given its Rust name, collisions refused (or renamed, leniently),
//! look-alike and non-ASCII codes warned of.

use std::collections::{HashMap, HashSet};

use super::{CodeEntry, ErrorRow, Validator};
use crate::pipeline::diagnostic::{Diagnostic, Lint};
use crate::pipeline::model::naming::variant_name;

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

    /// Groups rows by code and names each code. Codes whose Rust names
    /// collide are refused; in lenient mode the later one is given the
    /// first free numbered name (`Name2`, `Name3`, …) with a warning.
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
                self.later_value(&mut codes[i], &row, &kept);
                codes[i].rows.push(kept.len());
                kept.push(row);
                continue;
            }
            let mut variant = self.variant_of(&row);
            if let Some(&other) = by_variant.get(&variant) {
                let first = kept[codes[other].rows[0]].clone();
                match self.collision(&first, &row, &variant, &by_variant) {
                    Some(renamed) => variant = renamed,
                    None => {
                        refused.insert(row.code.clone());
                        continue;
                    }
                }
            }
            self.similar_or_non_ascii(&row, &codes, &kept, &mut by_folded);
            by_code.insert(row.code.clone(), codes.len());
            by_variant.insert(variant.clone(), codes.len());
            codes.push(CodeEntry {
                code: row.code.clone(),
                variant,
                value: row.value,
                rows: vec![kept.len()],
            });
            kept.push(row);
        }
        (kept, codes)
    }

    /// A later row of `code` with a value: the code's value when it had
    /// none; a different one is refused, or in lenient mode warned of, the
    /// first value kept.
    fn later_value(&mut self, code: &mut CodeEntry, row: &ErrorRow, kept: &[ErrorRow]) {
        let Some(value) = row.value else { return };
        let Some(first) = code.value else {
            code.value = Some(value);
            return;
        };
        if first == value {
            return;
        }
        let given = code
            .rows
            .iter()
            .map(|&i| &kept[i])
            .find(|r| r.value == Some(first))
            .map_or(0, |r| r.line);
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

    /// The variant name of a new code: as `names` gives it; for a numeric
    /// code, from its name column when it has one; else derived from the code.
    fn variant_of(&self, row: &ErrorRow) -> String {
        if let Some(name) = self.options.names.get(&row.code) {
            return name.clone();
        }
        match (&row.name, row.value) {
            (Some(name), Some(_))
                if crate::pipeline::layout::parse_integer(&row.code).is_some() =>
            {
                variant_name(name)
            }
            _ => variant_name(&row.code),
        }
    }

    /// Two codes named `variant`: refused (`None`), or in lenient mode the
    /// first free numbered name for the later code, with a warning.
    fn collision(
        &mut self,
        first: &ErrorRow,
        row: &ErrorRow,
        variant: &str,
        taken: &HashMap<String, usize>,
    ) -> Option<String> {
        let message = format!(
            "codes `{}` and `{}` both become the Rust name `{variant}`",
            first.code, row.code
        );
        let at = format!("`{}` is at {}:{}", first.code, self.src.name(), first.line);
        let fix = format!(
            "name it: `names = {{ \"{}\" = \"OtherName\" }}` (`Builder::variant_name`)",
            row.code
        );
        if !self.options.lenient {
            self.diagnostics.push(
                Diagnostic::error(self.src, row.cells.0.clone(), message)
                    .with_note(format!("{at}; rename one of them, or {fix}")),
            );
            return None;
        }
        let renamed = (2..)
            .map(|n| format!("{variant}{n}"))
            .find(|name| !taken.contains_key(name))?;
        self.diagnostics.push(
            Diagnostic::warning(self.src, row.cells.0.clone(), message)
                .with_label(format!("named `{renamed}`"))
                .with_note(format!(
                    "{at}; the later code takes the first free numbered name; or {fix}"
                ))
                .with_lint(Lint::RenamedVariant, format!("{} {}", first.code, row.code)),
        );
        Some(renamed)
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
