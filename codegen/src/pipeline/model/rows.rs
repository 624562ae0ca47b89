//! Error rows from an error table's cells: the code (or the codes listed in
//! its cell), each status of the status cell or heading located at its
//! number, the description; short rows and bad statuses reported.

use std::ops::Range;

use super::{cell_text, plural, ErrorRow, Text, Texts, Validator};
use crate::pipeline::diagnostic::{Diagnostic, Lint};
use crate::pipeline::layout::status::{
    is_no_status, is_standard_reason, parse_statuses, split_punctuation, standard_reasons,
    StatusError, StatusPart,
};
use crate::pipeline::layout::{ErrorTable, StatusFrom};
use crate::pipeline::read::{Cell, Row, Table};

/// The longest code read: longer ones are refused (a code reaches a `match`
/// and string tables of the generated code, whose compile cost it drives).
pub(crate) const MAX_CODE_BYTES: usize = 256;

/// One status of a row (`None`: the table gives none): the number, its
/// reason, the span of its part (the code's without a status) and the
/// offset of its number.
type Located = (Option<u16>, String, Range<usize>, Option<usize>);

impl Validator<'_> {
    /// The rows of one table row: one per code in its code cell and status in its status cell.
    pub(super) fn error_rows(&mut self, t: &ErrorTable<'_>, row: &Row) -> Vec<ErrorRow> {
        // A row with nothing in it (a spacer, common in converted documents) says nothing.
        if row.cells.iter().all(|c| c.text.is_empty()) {
            return Vec::new();
        }
        let code = row.cell(t.code).map_or("", |c| c.text.as_str());
        let code_span = row.cell_span(self.src, t.code);
        let Ok(short) = self.short_row(t, row) else {
            return Vec::new();
        };
        // A note for every refusal of a short row: its cells may have slid left.
        let short_note = short.as_ref().map(|counts| {
            format!("{counts}: a merged or missing cell may have moved the cells after it")
        });
        if code.is_empty() {
            let diagnostic = Diagnostic::error(self.src, code_span.clone(), "empty code cell")
                .with_label("every error row needs a code");
            self.reject(with_optional_note(diagnostic, &short_note));
            return Vec::new();
        }
        let statuses = self.statuses(t, row, &code_span, &short_note);
        // Each code of the cell with each status of the row.
        let codes = match row.cell(t.code) {
            Some(cell) => self.codes_in(cell, &code_span),
            None => vec![(code.to_owned(), code_span.clone())],
        };
        if self.too_long(&codes) {
            return Vec::new();
        }
        let text = |column| Texts::new(cell_text(row, column));
        // A remedy, cause or message of `-` or `无` says there is none.
        let role = |column| Texts::new(cell_text(row, column).or_none());
        let (description, remedy) = (text(t.texts.description), role(t.texts.remedy));
        let (cause, message) = (role(t.texts.cause), role(t.texts.message));
        let name = t
            .name
            .and_then(|i| row.cell(i))
            .map(|c| c.text.clone())
            .filter(|n| !n.is_empty());
        let value_cell = self.value_cell(t, row);
        let described_in = described_in(t, row);
        let mut rows = Vec::new();
        for (code, code_span) in &codes {
            for (status, reason, span, at) in &statuses {
                if let Some(status) = status {
                    self.check_status(t.table, code, *status, reason, span);
                }
                let (status_line, status_column) = at
                    .map(|at| self.src.line_column(at))
                    .map_or((None, None), |(l, c)| (Some(l), Some(c)));
                rows.push(ErrorRow {
                    code: code.clone(),
                    status: *status,
                    reason: reason.clone(),
                    description: description.clone(),
                    remedy: remedy.clone(),
                    cause: cause.clone(),
                    message: message.clone(),
                    name: name.clone(),
                    value: crate::pipeline::layout::parse_integer(code).or(value_cell),
                    section: t.table.section_title().map(str::to_owned),
                    line: row.line,
                    status_line,
                    status_column,
                    cells: (code_span.clone(), span.clone()),
                    described_in: described_in.clone(),
                    edition: 0,
                    listed_in: vec![0],
                });
            }
        }
        if let (Some(counts), false) = (short, rows.is_empty()) {
            self.short_row_kept(t, row, code, counts);
        }
        rows
    }

    /// Whether a code of the cell is longer than [`MAX_CODE_BYTES`], refused.
    fn too_long(&mut self, codes: &[(String, Range<usize>)]) -> bool {
        let Some((long, span)) = codes.iter().find(|(c, _)| c.len() > MAX_CODE_BYTES) else {
            return false;
        };
        self.reject(
            Diagnostic::error(
                self.src,
                span.clone(),
                format!("code of {} bytes", long.len()),
            )
            .with_label(format!("codes are at most {MAX_CODE_BYTES} bytes"))
            .with_note("a code this long is not one a service sends; check the table's columns"),
        );
        true
    }

    /// The row's value column as an integer; a cell that is not one is
    /// warned of (`non_numeric_value`) and the row kept without it.
    fn value_cell(&mut self, t: &ErrorTable<'_>, row: &Row) -> Option<i64> {
        let index = t.value?;
        let cell = row.cell(index).filter(|c| !c.text.is_empty())?;
        let value = crate::pipeline::layout::parse_integer(&cell.text);
        if value.is_none() {
            let span = row.cell_span(self.src, index);
            self.diagnostics.push(
                Diagnostic::warning(
                    self.src,
                    span,
                    format!("value `{}` is not an integer", cell.text),
                )
                .with_label("kept without a value")
                .with_note("a value column holds each code's number, such as `-3301`")
                .with_lint(Lint::NonNumericValue, cell.text.clone()),
            );
        }
        value
    }

    /// For a row with fewer cells than the header, what to say of it;
    /// `Err` when it lacks its code or status cell and is refused.
    fn short_row(&mut self, t: &ErrorTable<'_>, row: &Row) -> Result<Option<String>, ()> {
        let (width, written) = (t.table.header.cells.len(), row.written());
        if written >= width {
            return Ok(None);
        }
        let counts = format!(
            "this row has {written} cell{}, the header has {width}",
            plural(written)
        );
        let status_col = match t.status {
            StatusFrom::Column(i) => Some((i, "status")),
            StatusFrom::Section | StatusFrom::None => None,
        };
        let required = std::iter::once((t.code, "code")).chain(status_col);
        if let Some((_, name)) = required.into_iter().find(|(i, _)| missing(row, *i)) {
            self.reject(
                Diagnostic::error(self.src, self.src.line_range(row.line), counts)
                    .with_label(format!("no {name} cell"))
                    .with_note(
                        "a row with merged or missing cells cannot be read; write every cell",
                    ),
            );
            return Err(());
        }
        Ok(Some(counts))
    }

    /// The warning for a short row that was kept.
    fn short_row_kept(&mut self, t: &ErrorTable<'_>, row: &Row, code: &str, counts: String) {
        let (width, written) = (t.table.header.cells.len(), row.written());
        let label = match t.texts.description {
            Some(i) if missing(row, i) => "its description is empty".to_owned(),
            _ if written + 1 == width => format!("cell {width} is empty"),
            _ => format!("cells {}–{width} are empty", written + 1),
        };
        self.diagnostics.push(
            Diagnostic::warning(self.src, self.src.line_range(row.line), counts)
                .with_label(label)
                .with_note("kept; write every cell, or check for merged cells")
                .with_lint(Lint::ShortRow, format!("{code} {written}/{width}")),
        );
    }

    /// The statuses of a row, each located; a bad one is refused at its own place.
    fn statuses(
        &mut self,
        t: &ErrorTable<'_>,
        row: &Row,
        code_span: &Range<usize>,
        short_note: &Option<String>,
    ) -> Vec<Located> {
        let (status_span, status_text) = match (t.status, &t.table.section) {
            (StatusFrom::None, _) => {
                return vec![(None, String::new(), code_span.clone(), None)];
            }
            (StatusFrom::Column(i), _) => (
                row.cell_span(self.src, i),
                row.cell(i).map_or(String::new(), |c| c.lines.join("\n")),
            ),
            (StatusFrom::Section, Some(section)) => (section.span.clone(), section.title.clone()),
            (StatusFrom::Section, None) => (code_span.clone(), String::new()),
        };
        if matches!(t.status, StatusFrom::Column(_)) && is_no_status(&status_text) {
            return vec![(None, String::new(), code_span.clone(), None)];
        }
        let mut statuses = Vec::new();
        let mut search_from = status_span.start;
        for part in parse_statuses(&status_text) {
            let (span, at) = self.locate_part(&part, search_from..status_span.end);
            let span = span.unwrap_or_else(|| status_span.clone());
            if span != status_span {
                search_from = span.end;
            }
            let (status, reason) = match part.parsed {
                Ok(parsed) => parsed,
                Err(e) => {
                    let (message, label) = status_problem(e, part.text);
                    let diagnostic = Diagnostic::error(self.src, span, message)
                        .with_label(label)
                        .in_view(code_span.clone());
                    self.reject(with_optional_note(diagnostic, short_note));
                    continue;
                }
            };
            let at = Some(at.unwrap_or(span.start));
            // A heading's words after the number are a title, not a reason
            // phrase, unless they are the standard one.
            let reason = match t.status {
                StatusFrom::Section
                    if !standard_reasons(status)
                        .iter()
                        .any(|r| r.eq_ignore_ascii_case(reason)) =>
                {
                    ""
                }
                _ => reason,
            };
            statuses.push((Some(status), reason.to_owned(), span, at));
        }
        statuses
    }

    /// The codes of a code cell, each with its span: one per line or per
    /// listed item (split at punctuation, not at `or`) when every one looks
    /// like a code (`APIException<br>UNKNOWN_EXCEPTION`, `BadDigest / InvalidDigest`),
    /// else the whole cell.
    fn codes_in(&self, cell: &Cell, span: &Range<usize>) -> Vec<(String, Range<usize>)> {
        let looks_like_code = |item: &str| {
            item.starts_with(|c: char| c.is_alphanumeric())
                && item.chars().any(char::is_alphabetic)
                && item
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '-' | ':'))
        };
        let items: Vec<&str> = cell
            .lines
            .iter()
            .flat_map(|line| split_punctuation(line))
            .map(|(_, item)| item.trim())
            .filter(|item| !item.is_empty())
            .collect();
        if items.len() < 2 || !items.iter().all(|i| looks_like_code(i)) {
            return vec![(cell.text.clone(), span.clone())];
        }
        let mut from = span.start;
        items
            .into_iter()
            .map(|item| {
                let at = self
                    .locate(item, from..span.end)
                    .unwrap_or_else(|| span.clone());
                if at != *span {
                    from = at.end;
                }
                (item.to_owned(), at)
            })
            .collect()
    }

    /// Where a status part is written in `within` (the rest of its cell): the
    /// part as written, or else its number (a link or code span changes the
    /// text), and the offset of its number; `None` where neither is found.
    fn locate_part(
        &self,
        part: &StatusPart<'_>,
        within: Range<usize>,
    ) -> (Option<Range<usize>>, Option<usize>) {
        let part_span = self.locate(part.text, within.clone());
        let number = match &part.parsed {
            Ok((status, _)) => Some(status.to_string()),
            Err(StatusError::OutOfRange(number)) => Some(number.clone()),
            Err(_) => None,
        };
        let number_span = number.and_then(|n| self.locate(&n, part_span.clone().unwrap_or(within)));
        let at = number_span.as_ref().map(|n| n.start);
        (part_span.or(number_span), at)
    }

    /// The span of the first `needle` in `within` that is not part of a
    /// longer number, or `None`.
    fn locate(&self, needle: &str, within: Range<usize>) -> Option<Range<usize>> {
        let hay = self.src.text().get(within.clone())?;
        let digits = needle.bytes().all(|b| b.is_ascii_digit());
        hay.match_indices(needle)
            .map(|(i, _)| within.start + i)
            .find(|&at| {
                let text = self.src.text();
                !digits
                    || (!text[..at].ends_with(|c: char| c.is_ascii_digit())
                        && !text[at + needle.len()..].starts_with(|c: char| c.is_ascii_digit()))
            })
            .map(|at| at..at + needle.len())
    }

    /// Warns of a non-standard reason phrase, and of a status outside the
    /// class its section names.
    fn check_status(
        &mut self,
        table: &Table,
        code: &str,
        status: u16,
        reason: &str,
        span: &Range<usize>,
    ) {
        if !reason.is_empty() && !is_standard_reason(status, reason) {
            self.diagnostics.push(
                Diagnostic::warning(
                    self.src,
                    span.clone(),
                    format!("non-standard reason phrase `{reason}` for status {status}"),
                )
                .with_label("kept as written")
                .with_note(format!(
                    "the standard phrase is `{}`",
                    standard_reasons(status)[0]
                ))
                .with_lint(Lint::NonStandardReason, format!("{status} {reason}")),
            );
        }
        if let Some(class) = table.section_title().and_then(section_class) {
            if status / 100 != class {
                self.diagnostics.push(
                    Diagnostic::warning(
                        self.src,
                        span.clone(),
                        format!(
                            "status {status} of `{code}` stands under the section `{}`",
                            table.section_title().unwrap_or_default()
                        ),
                    )
                    .with_label(format!("not a {class}xx status"))
                    .with_note("kept as written; check the status or move the row")
                    .with_lint(Lint::StatusClassMismatch, format!("{code} {status}")),
                );
            }
        }
    }
}

/// Whether cell `i` of `row` is missing or was padded in by the parser.
fn missing(row: &Row, i: usize) -> bool {
    row.cell(i).is_none_or(|c| c.span.is_empty())
}

/// The status class a section title names, such as 4 for `4xx errors` or `4XX 类型错误`.
fn section_class(title: &str) -> Option<u16> {
    let bytes = title.as_bytes();
    (0..bytes.len().saturating_sub(2)).find_map(|i| {
        let starts_word = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        let ends_word = bytes.get(i + 3).is_none_or(|b| !b.is_ascii_alphanumeric());
        (starts_word
            && ends_word
            && (b'1'..=b'5').contains(&bytes[i])
            && bytes[i + 1].eq_ignore_ascii_case(&b'x')
            && bytes[i + 2].eq_ignore_ascii_case(&b'x'))
        .then(|| u16::from(bytes[i] - b'0'))
    })
}

/// The message and label of a status part that is not a status.
fn status_problem(error: StatusError, text: &str) -> (String, &'static str) {
    const FORMS: &str = "expected `NNN`, `NNN Reason` or `Reason (NNN)`";
    match error {
        StatusError::Empty => ("empty status cell".to_owned(), FORMS),
        StatusError::NotANumber => (
            format!("status `{text}` is not a number"),
            "expected `NNN`, `NNN Reason` or `Reason (NNN)`, with 100 ≤ NNN ≤ 599",
        ),
        StatusError::OutOfRange(number) => (
            format!("status {number} is outside 100–599"),
            "HTTP statuses are 100 to 599",
        ),
    }
}

fn with_optional_note(diagnostic: Diagnostic, note: &Option<String>) -> Diagnostic {
    match note {
        Some(note) => diagnostic.with_note(note.clone()),
        None => diagnostic,
    }
}

/// The descriptions a row gives in other languages' columns (`英文描述`).
fn described_in(t: &ErrorTable<'_>, row: &Row) -> Vec<(String, Text)> {
    t.described_in
        .iter()
        .map(|&(lang, i)| (lang.to_owned(), cell_text(row, Some(i))))
        .filter(|(_, text)| !text.plain.is_empty())
        .collect()
}
