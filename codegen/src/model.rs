//! Step 2: tables → validated model. Every rule of the spec format is
//! enforced here, and every problem is reported, not just the first.

use std::collections::{HashMap, HashSet};

use crate::diagnostic::{Diagnostic, Lint, Severity};
use crate::markdown::{Cell, Row, Table};
use crate::naming::{field_name, variant_name};
use crate::source::SourceFile;
use crate::status::{
    is_standard_reason, parse_statuses, split_punctuation, standard_reasons, StatusError,
    StatusPart,
};
use crate::vocabulary::{Column, Vocabulary};

/// One row of an error table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorRow {
    /// The code, exactly as in the spec's plain text.
    pub code: String,
    /// HTTP status, 100–599.
    pub status: u16,
    /// Reason phrase as written, `""` when absent.
    pub reason: String,
    /// Description as plain text (`""` when the table has no description column).
    pub description: String,
    /// Description as markdown, for doc comments.
    pub description_markdown: String,
    /// Section the table stands in.
    pub section: Option<String>,
    /// 1-based line of the row.
    pub line: usize,
    /// 1-based line of the status number (differs from `line` in an HTML
    /// table that spreads a row over lines).
    pub status_line: usize,
    /// 1-based column, in characters, of the status number.
    pub status_column: usize,
    /// The description in each translation, in [`Model::languages`] order after the primary.
    pub translations: Vec<Translation>,
    /// Byte ranges of the code cell and of the status number, for diagnostics.
    pub cells: (std::ops::Range<usize>, std::ops::Range<usize>),
}

/// A row's description in one translation of the spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translation {
    /// Plain text.
    pub description: String,
    /// Markdown, for doc comments.
    pub description_markdown: String,
    /// 1-based line of the row in the translation, or `None` where the
    /// translation lacks the row and the primary text stands in.
    pub line: Option<usize>,
}

impl ErrorRow {
    /// `(plain text, markdown)` of the description in every language, the primary first.
    pub fn texts(&self) -> impl Iterator<Item = (&str, &str)> {
        std::iter::once((
            self.description.as_str(),
            self.description_markdown.as_str(),
        ))
        .chain(
            self.translations
                .iter()
                .map(|t| (t.description.as_str(), t.description_markdown.as_str())),
        )
    }
}

/// The kind of an XML node in a field table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeType {
    /// Holds other nodes (`Container`).
    Container,
    /// Holds text (`string`).
    String,
}

/// One row of a field table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldRow {
    /// Node name, such as `RequestId`.
    pub name: String,
    /// Parent node; `None` where the cell is empty, absent or says none (`None`, `无`, `-`).
    pub parent: Option<String>,
    /// Description as plain text.
    pub description: String,
    /// Description as markdown, for doc comments.
    pub description_markdown: String,
    /// The type as written, such as `string`.
    pub type_name: String,
    /// The type as understood.
    pub node_type: NodeType,
    /// 1-based line of the row.
    pub line: usize,
}

/// A distinct code and where its rows are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeEntry {
    /// The code as in the spec.
    pub code: String,
    /// The Rust variant name derived from it.
    pub variant: String,
    /// Indexes into [`Model::errors`], in spec order.
    pub rows: Vec<usize>,
}

/// What a text child of the body is for; the emitter treats each role its own way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldRole {
    /// `Message`: the human-readable text, shown after the code.
    Message,
    /// Any other text child, shown in parentheses (`RequestId: …`).
    Detail,
}

/// One text child of the XML error body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyField {
    /// What the field is for.
    pub role: FieldRole,
    /// Element name, such as `RequestId`.
    pub element: String,
    /// Rust field name, such as `request_id`.
    pub field: String,
    /// Description as markdown.
    pub description_markdown: String,
    /// `(language tag, markdown)` of the description in each translation that has the node.
    pub translations: Vec<(String, String)>,
}

/// The XML error body described by the field tables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Body {
    /// Root element, such as `Error`.
    pub root: String,
    /// Description of the root, as markdown.
    pub root_description: String,
    /// Element that holds the code (`Code`).
    pub code_element: String,
    /// Description of the code element, as markdown.
    pub code_description: String,
    /// `(language tag, markdown)` of the code element's description in each translation.
    pub code_translations: Vec<(String, String)>,
    /// The other text children, in spec order.
    pub fields: Vec<BodyField>,
}

impl Body {
    /// The `Message` field, if the body has one.
    pub fn message(&self) -> Option<&BodyField> {
        self.fields.iter().find(|f| f.role == FieldRole::Message)
    }
}

/// A validated spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Model {
    /// Every error row, in spec order.
    pub errors: Vec<ErrorRow>,
    /// Every field row, in spec order.
    pub fields: Vec<FieldRow>,
    /// Distinct codes, in order of first appearance.
    pub codes: Vec<CodeEntry>,
    /// The XML body, when the spec has field tables.
    pub body: Option<Body>,
    /// Language tags of the editions, the primary first (`["en"]` by default).
    pub languages: Vec<String>,
}

impl Model {
    /// The rows of `code`, in spec order.
    pub fn rows_of<'m>(&'m self, code: &'m CodeEntry) -> impl Iterator<Item = &'m ErrorRow> + 'm {
        code.rows.iter().map(|&i| &self.errors[i])
    }

    /// Every row in spec order, with the index of its code in [`Model::codes`]
    /// and its position among that code's rows.
    pub fn spec_order(&self) -> impl Iterator<Item = (usize, usize, &ErrorRow)> {
        let mut placed = vec![None; self.errors.len()];
        for (index, code) in self.codes.iter().enumerate() {
            for (nth, &row) in code.rows.iter().enumerate() {
                placed[row] = Some((index, nth));
            }
        }
        self.errors
            .iter()
            .zip(placed)
            .filter_map(|(row, placed)| placed.map(|(code, nth)| (code, nth, row)))
    }

    /// The distinct statuses of `code`, in spec order.
    pub fn statuses_of(&self, code: &CodeEntry) -> Vec<u16> {
        let mut statuses: Vec<u16> = Vec::with_capacity(code.rows.len());
        for row in self.rows_of(code) {
            if !statuses.contains(&row.status) {
                statuses.push(row.status);
            }
        }
        statuses
    }
}

/// How strictly to read.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Skip bad rows with a warning instead of failing.
    pub lenient: bool,
    /// Header words.
    pub vocabulary: Vocabulary,
    /// Language tag of the spec (default `en`).
    pub language: Option<String>,
    /// Variant names chosen for codes, overriding the derived ones.
    pub names: std::collections::BTreeMap<String, String>,
}

impl ReadOptions {
    /// The spec's language tag.
    pub fn language(&self) -> &str {
        self.language.as_deref().unwrap_or("en")
    }
}

/// The result of validation: a model and its warnings, or every error found.
pub type Validated = Result<(Model, Vec<Diagnostic>), Vec<Diagnostic>>;

/// What lenient mode leaves out when the field tables do not describe a usable body.
const BODY_SKIPPED: &str = "the XML body";
/// The element of the body that carries the error code.
const CODE_ELEMENT: &str = "Code";
/// The element of the body that carries the message.
const MESSAGE_ELEMENT: &str = "Message";
/// Field of the generated body that holds the code.
pub const CODE_FIELD: &str = "code";
/// Field of the generated body that keeps unknown elements.
pub const EXTRA_FIELD: &str = "extra";

/// Validates `tables` read from `src`.
pub fn build(src: &SourceFile, tables: &[Table], options: &ReadOptions) -> Validated {
    let mut v = Validator {
        src,
        options,
        diagnostics: Vec::new(),
    };
    let mut errors = Vec::new();
    let mut fields = Vec::new();
    let mut error_tables = 0;
    // Lines that belong to a table (header, delimiter, every line of every row),
    // for the stray-row check.
    let table_lines: HashSet<usize> = tables
        .iter()
        .flat_map(|t| {
            std::iter::once(t.header.line + 1).chain(
                std::iter::once(&t.header).chain(&t.rows).flat_map(|r| {
                    let last = src.line_of(r.span.end.saturating_sub(1)).max(r.line);
                    r.line..=last
                }),
            )
        })
        .collect();
    for table in tables {
        let headers: Vec<&str> = table.header.cells.iter().map(|c| c.text.as_str()).collect();
        let vocab = &options.vocabulary;
        let (mut code, mut status) = (
            vocab.find(Column::Code, &headers),
            vocab.find(Column::Status, &headers),
        );
        // Of the columns headed like a code, one that holds only statuses
        // (`错误码` over 400, 403 …) is the status column when another names the code.
        if status.is_none() {
            let (numbers, names): (Vec<usize>, Vec<usize>) = vocab
                .ranked(Column::Code, &headers)
                .into_iter()
                .partition(|&i| holds_only_statuses(table, i));
            if let (Some(&numbers), Some(&names)) = (numbers.first(), names.first()) {
                (code, status) = (Some(names), Some(numbers));
            }
        }
        // A table of codes under a heading that names their status (`## 404 Not Found`).
        let status = match (code, status) {
            (Some(_), None) if heading_statuses(table) => Some(StatusFrom::Section),
            _ => status.map(StatusFrom::Column),
        };
        if let (Some(code), Some(status)) = (code, status) {
            error_tables += 1;
            let description = vocab.find(Column::Description, &headers);
            if description.is_none() {
                v.header_warning(table, Lint::MissingDescriptionColumn, "error table with no description column".into(),
                    "every description of this table is empty".into(),
                    format!("if a column holds the description, add its header word: `header-words = {{ description = [\"…\"] }}` (`Builder::header_word(Column::Description, …)`); headers: {}", headers.join(" | ")));
            }
            for row in v.carry_down(table, code, status).iter() {
                errors.extend(v.error_rows(table, row, code, status, description));
            }
            v.stray_rows(table, &table_lines);
        } else if let (Some(name), Some(ty)) = (
            vocab.find(Column::NodeName, &headers),
            vocab.find(Column::Type, &headers),
        ) {
            let parent = vocab.find(Column::Parent, &headers);
            let description = vocab.find(Column::Description, &headers);
            for row in &table.rows {
                fields.extend(v.field_row(row, name, ty, parent, description));
            }
        } else if let Some((found, found_header, missing, key)) = match (code, status) {
            (Some(i), None) => Some(("an error-code", headers[i], "status", "status")),
            (None, Some(StatusFrom::Column(i))) => Some(("a status", headers[i], "code", "code")),
            _ => None,
        } {
            v.header_warning(table, Lint::UnrecognisedTable,
                format!("table has {found} column (`{found_header}`) but no {missing} column"),
                "this table is not read; its rows are ignored".into(),
                format!("if a column holds the {missing}, add its header word: `header-words = {{ {key} = [\"…\"] }}` (`Builder::header_word`); headers: {}{}", headers.join(" | "),
                    if code.is_some() { "; or, when every row has one status, name it in the heading above the table (`## 404 Not Found`)" } else { "" }));
        }
    }
    if error_tables == 0 {
        v.diagnostics.push(
            Diagnostic::file_error(src, "no error table found")
                .with_note("an error table has a code column (such as `Error Code`) and a status column (such as `HTTP Status Code`)"),
        );
    }
    let errors = v.repeated_rows(errors);
    let (errors, codes) = v.group_codes(errors);
    let already_refused = v.diagnostics.iter().any(|d| d.severity == Severity::Error);
    if error_tables > 0 && codes.is_empty() && !already_refused {
        v.diagnostics.push(Diagnostic::file_error(
            src,
            "the error tables have no usable rows",
        ));
    }
    let body = v.body(&fields);
    v.finish(Model {
        errors,
        fields,
        codes,
        body,
        languages: vec![options.language().to_owned()],
    })
}

struct Validator<'a> {
    src: &'a SourceFile,
    options: &'a ReadOptions,
    diagnostics: Vec<Diagnostic>,
}

impl Validator<'_> {
    /// Records a problem that makes a row (or code) unusable: an error, or a
    /// warning in lenient mode, where the row is skipped.
    fn reject(&mut self, diagnostic: Diagnostic) {
        self.reject_skipping(diagnostic, "this row");
    }

    /// [`Validator::reject`], naming what lenient mode skips.
    fn reject_skipping(&mut self, diagnostic: Diagnostic, skipped: &str) {
        let diagnostic = if self.options.lenient {
            diagnostic
                .with_note(format!("lenient mode: {skipped} is skipped"))
                .downgraded(Lint::SkippedRow)
        } else {
            diagnostic
        };
        self.diagnostics.push(diagnostic);
    }

    /// A warning about a table as a whole, at its header row.
    fn header_warning(
        &mut self,
        table: &Table,
        lint: Lint,
        message: String,
        label: String,
        note: String,
    ) {
        let subject = self.src.line_text(table.header.line).trim().to_owned();
        self.diagnostics.push(
            Diagnostic::warning(self.src, self.src.line_range(table.header.line), message)
                .with_label(label)
                .with_note(note)
                .with_lint(lint, subject),
        );
    }

    /// The rows of an error table whose first column is its code or status
    /// column, with an empty cell there taking the cell above it: a merged
    /// cell, as documents converted from HTML or Word write it. Warned of
    /// once per table (`carried_cell`).
    fn carry_down<'t>(
        &mut self,
        table: &'t Table,
        code_col: usize,
        status_from: StatusFrom,
    ) -> std::borrow::Cow<'t, [Row]> {
        use std::borrow::Cow;
        let name = match (code_col, status_from) {
            (0, _) => "code",
            (_, StatusFrom::Column(0)) => "status",
            _ => return Cow::Borrowed(&table.rows),
        };
        let mut rows: Cow<'t, [Row]> = Cow::Borrowed(&table.rows);
        // The last cell written in the first column.
        let mut above: Option<&Cell> = None;
        let mut carried: Vec<(usize, std::ops::Range<usize>)> = Vec::new();
        for (i, row) in table.rows.iter().enumerate() {
            let rest_written = row.cells.iter().skip(1).any(|c| !c.text.is_empty());
            match (row.cells.first(), above) {
                (Some(first), _) if !first.text.is_empty() => above = Some(first),
                (first, Some(cell)) if rest_written => {
                    let at = first
                        .filter(|c| !c.span.is_empty())
                        .map_or_else(|| self.src.line_range(row.line), |_| self.cell_span(row, 0));
                    carried.push((row.line, at));
                    let cells = &mut rows.to_mut()[i].cells;
                    match cells.first_mut() {
                        Some(first) => *first = cell.clone(),
                        None => cells.push(cell.clone()),
                    }
                }
                _ => {}
            }
        }
        if let Some((line, at)) = carried.first().cloned() {
            let count = carried.len();
            let header = table.header.cell(0).map_or("", |c| c.text.as_str());
            self.diagnostics.push(
                Diagnostic::warning(
                    self.src,
                    at,
                    format!(
                        "{count} row{} with an empty `{header}` cell take the {name} of the row above",
                        plural(count)
                    ),
                )
                .with_label(format!("empty: the {name} above is used"))
                .with_note(match carried.get(1) {
                    Some(_) => format!(
                        "rows at lines {}; read as one merged cell; write the {name} in every row to be explicit",
                        carried.iter().map(|(l, _)| l.to_string()).collect::<Vec<_>>().join(", ")
                    ),
                    None => format!("row at line {line}; read as one merged cell; write the {name} in every row to be explicit"),
                })
                .with_lint(Lint::CarriedCell, self.src.line_text(table.header.line).trim().to_owned()),
            );
        }
        rows
    }

    /// Lines right after `table` that look like its rows but are not part of
    /// any table: a table cut short by a blank line or a line without pipes.
    fn stray_rows(&mut self, table: &Table, table_lines: &HashSet<usize>) {
        let last = table.rows.last().map_or(table.header.line + 1, |r| {
            self.src.line_of(r.span.end.saturating_sub(1)).max(r.line)
        });
        let in_a_table = |line: usize| table_lines.contains(&line);
        let looks_like_row = |text: &str| {
            let text = text.trim();
            text.starts_with('|') && text.len() > 1 && text.matches('|').count() >= 2
        };
        let mut line = last + 1;
        let mut breaks = 0;
        while line <= self.src.line_count() && breaks <= 1 {
            let text = self.src.line_text(line);
            if looks_like_row(text) && !in_a_table(line) {
                self.diagnostics.push(
                    Diagnostic::warning(self.src, self.src.line_range(line), format!("this line looks like a row of the table above (its last row is line {last}) but is not part of it"))
                        .with_label("not read")
                        .with_note("a blank line or a line without pipes ends a table: remove it so that the row is read")
                        .with_lint(Lint::StrayRows, text.trim().to_owned()),
                );
            } else if looks_like_row(text) || text.trim_start().starts_with('#') {
                break;
            } else {
                breaks += 1;
            }
            line += 1;
        }
    }

    fn finish(mut self, model: Model) -> Validated {
        self.diagnostics.sort_by_key(|d| (d.line, d.severity));
        if self
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
        {
            Err(self.diagnostics)
        } else {
            Ok((model, self.diagnostics))
        }
    }

    fn cell<'r>(&self, row: &'r Row, index: usize) -> Option<&'r Cell> {
        row.cell(index)
    }

    /// The span to point at for cell `index` of `row`, or the row where the cell is missing.
    /// A missing cell, or an empty one the parser padded in, points at the end of the row's line.
    fn cell_span(&self, row: &Row, index: usize) -> std::ops::Range<usize> {
        match self.cell(row, index) {
            Some(c) if !c.span.is_empty() => trim_span(self.src, c),
            _ => {
                let end = self.src.line_range(row.line).end;
                end..end
            }
        }
    }

    /// The rows of one table row: one per status in its status cell.
    fn error_rows(
        &mut self,
        table: &Table,
        row: &Row,
        code_col: usize,
        status_from: StatusFrom,
        description_col: Option<usize>,
    ) -> Vec<ErrorRow> {
        // A row with nothing in it (a spacer, common in converted documents) says nothing.
        if row.cells.iter().all(|c| c.text.is_empty()) {
            return Vec::new();
        }
        let code = self.cell(row, code_col).map_or("", |c| c.text.as_str());
        let code_span = self.cell_span(row, code_col);
        let (status_span, status_text) = match (status_from, &table.section) {
            (StatusFrom::Column(i), _) => (
                self.cell_span(row, i),
                self.cell(row, i)
                    .map_or(String::new(), |c| c.lines.join("\n")),
            ),
            (StatusFrom::Section, Some(section)) => (section.span.clone(), section.title.clone()),
            (StatusFrom::Section, None) => (code_span.clone(), String::new()),
        };
        let (width, written) = (table.header.cells.len(), row.written());
        let short = (written < width).then(|| {
            format!(
                "this row has {written} cell{}, the header has {width}",
                plural(written)
            )
        });
        let missing = |i: usize| row.cell(i).is_none_or(|c| c.span.is_empty());
        if let Some(counts) = &short {
            let status_col = match status_from {
                StatusFrom::Column(i) => Some((i, "status")),
                StatusFrom::Section => None,
            };
            let required = std::iter::once((code_col, "code")).chain(status_col);
            if let Some((_, name)) = required.into_iter().find(|(i, _)| missing(*i)) {
                self.reject(
                    Diagnostic::error(self.src, self.src.line_range(row.line), counts.clone())
                        .with_label(format!("no {name} cell"))
                        .with_note(
                            "a row with merged or missing cells cannot be read; write every cell",
                        ),
                );
                return Vec::new();
            }
        }
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
        let (description, description_markdown) = text_and_markdown(row, description_col);
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
                    self.reject(with_optional_note(diagnostic, &short_note));
                    continue;
                }
            };
            let at = at.unwrap_or(span.start);
            // A heading's words after the number are a title, not a reason
            // phrase, unless they are the standard one.
            let reason = match status_from {
                StatusFrom::Section
                    if !standard_reasons(status)
                        .iter()
                        .any(|r| r.eq_ignore_ascii_case(reason)) =>
                {
                    ""
                }
                _ => reason,
            };
            statuses.push((status, reason, span, at));
        }
        // Each code of the cell with each status of the row.
        let codes = match self.cell(row, code_col) {
            Some(cell) => self.codes_in(cell, &code_span),
            None => vec![(code.to_owned(), code_span.clone())],
        };
        let mut rows = Vec::new();
        for (code, code_span) in &codes {
            for (status, reason, span, at) in &statuses {
                self.check_status(table, code, *status, reason, span);
                let (status_line, status_column) = self.src.line_column(*at);
                rows.push(ErrorRow {
                    code: code.clone(),
                    status: *status,
                    reason: (*reason).to_owned(),
                    description: description.clone(),
                    description_markdown: description_markdown.clone(),
                    section: table.section_title().map(str::to_owned),
                    line: row.line,
                    status_line,
                    status_column,
                    translations: Vec::new(),
                    cells: (code_span.clone(), span.clone()),
                });
            }
        }
        if let (Some(counts), false) = (short, rows.is_empty()) {
            let label = match description_col {
                Some(i) if missing(i) => "its description is empty".to_owned(),
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
        rows
    }

    /// The codes of a code cell, each with its span: one per line or per
    /// listed item (split at punctuation, not at `or`) when every one looks
    /// like a code (`APIException<br>UNKNOWN_EXCEPTION`, `BadDigest / InvalidDigest`),
    /// else the whole cell.
    fn codes_in(
        &self,
        cell: &Cell,
        span: &std::ops::Range<usize>,
    ) -> Vec<(String, std::ops::Range<usize>)> {
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
        within: std::ops::Range<usize>,
    ) -> (Option<std::ops::Range<usize>>, Option<usize>) {
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
    fn locate(
        &self,
        needle: &str,
        within: std::ops::Range<usize>,
    ) -> Option<std::ops::Range<usize>> {
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
        span: &std::ops::Range<usize>,
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

    fn field_row(
        &mut self,
        row: &Row,
        name_col: usize,
        type_col: usize,
        parent_col: Option<usize>,
        description_col: Option<usize>,
    ) -> Option<FieldRow> {
        let name = self.cell(row, name_col).map_or("", |c| c.text.as_str());
        let type_name = self.cell(row, type_col).map_or("", |c| c.text.as_str());
        if name.is_empty() {
            self.reject(Diagnostic::error(
                self.src,
                self.cell_span(row, name_col),
                "empty node name cell",
            ));
            return None;
        }
        let node_type = if type_name.eq_ignore_ascii_case("string") {
            NodeType::String
        } else if type_name.eq_ignore_ascii_case("container") {
            NodeType::Container
        } else {
            self.reject(
                Diagnostic::error(
                    self.src,
                    self.cell_span(row, type_col),
                    format!("unsupported node type `{type_name}` for node `{name}`"),
                )
                .with_label("expected `string` or `Container`"),
            );
            return None;
        };
        let parent = parent_col
            .and_then(|i| self.cell(row, i))
            .map(|c| c.text.as_str())
            .filter(|p| !is_none_word(p))
            .map(str::to_owned);
        let (description, description_markdown) = text_and_markdown(row, description_col);
        Some(FieldRow {
            name: name.to_owned(),
            parent,
            description,
            description_markdown,
            type_name: type_name.to_owned(),
            node_type,
            line: row.line,
        })
    }

    /// A second row with the same code and status: refused, or in lenient
    /// mode kept (its description is the spec's too) with a warning.
    fn repeated_rows(&mut self, rows: Vec<ErrorRow>) -> Vec<ErrorRow> {
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
    fn group_codes(&mut self, rows: Vec<ErrorRow>) -> (Vec<ErrorRow>, Vec<CodeEntry>) {
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

    /// Derives the XML body: one root container, text children under it, one
    /// of them `Code`. In lenient mode an unusable body is left out with a warning.
    fn body(&mut self, fields: &[FieldRow]) -> Option<Body> {
        if fields.is_empty() {
            return None;
        }
        let roots: Vec<&FieldRow> = fields.iter().filter(|f| f.parent.is_none()).collect();
        let Some(root) = roots.first().copied() else {
            self.reject_skipping(
                Diagnostic::error(
                    self.src,
                    self.src.line_range(fields[0].line),
                    "the field tables have no root node",
                )
                .with_note("the root (such as `Error`) has parent `None` and type `Container`"),
                BODY_SKIPPED,
            );
            return None;
        };
        let mut ok = true;
        for extra in roots.iter().skip(1) {
            self.reject_skipping(
                Diagnostic::error(
                    self.src,
                    self.src.line_range(extra.line),
                    format!("second root node `{}`", extra.name),
                )
                .with_note(format!(
                    "the root is `{}`, at line {}",
                    root.name, root.line
                )),
                BODY_SKIPPED,
            );
            ok = false;
        }
        if root.node_type != NodeType::Container {
            self.reject_skipping(
                Diagnostic::error(
                    self.src,
                    self.src.line_range(root.line),
                    format!("root node `{}` must be a `Container`", root.name),
                ),
                BODY_SKIPPED,
            );
            ok = false;
        }
        let mut code = None;
        let mut body_fields: Vec<BodyField> = Vec::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        for f in fields.iter().filter(|f| f.parent.is_some()) {
            let span = self.src.line_range(f.line);
            if f.parent.as_deref() != Some(root.name.as_str()) {
                self.reject(Diagnostic::error(
                    self.src,
                    span,
                    format!(
                        "node `{}` is under `{}`; only children of the root `{}` are supported",
                        f.name,
                        f.parent.as_deref().unwrap_or_default(),
                        root.name
                    ),
                ));
                continue;
            }
            if f.node_type != NodeType::String {
                self.reject(
                    Diagnostic::error(
                        self.src,
                        span,
                        format!("nested container `{}` is not supported", f.name),
                    )
                    .with_note("children of the root must be `string` nodes"),
                );
                continue;
            }
            let field = if f.name == CODE_ELEMENT {
                CODE_FIELD.to_owned()
            } else {
                field_name(&f.name)
            };
            if let Some(first) = seen.get(&field) {
                self.reject(
                    Diagnostic::error(
                        self.src,
                        span,
                        format!(
                            "node `{}` becomes field `{field}`, which is already taken",
                            f.name
                        ),
                    )
                    .with_note(format!("first taken at {}:{first}", self.src.name())),
                );
                continue;
            }
            if field == EXTRA_FIELD || (field == CODE_FIELD && f.name != CODE_ELEMENT) {
                self.reject(Diagnostic::error(
                    self.src,
                    span,
                    format!(
                        "node `{}` would become field `{field}`, which the body reserves",
                        f.name
                    ),
                ));
                continue;
            }
            seen.insert(field.clone(), f.line);
            if f.name == CODE_ELEMENT {
                code = Some(f);
            } else {
                body_fields.push(BodyField {
                    role: if f.name == MESSAGE_ELEMENT {
                        FieldRole::Message
                    } else {
                        FieldRole::Detail
                    },
                    element: f.name.clone(),
                    field,
                    description_markdown: f.description_markdown.clone(),
                    translations: Vec::new(),
                });
            }
        }
        let Some(code) = code else {
            self.reject_skipping(
                Diagnostic::error(
                    self.src,
                    self.src.line_range(root.line),
                    format!(
                        "the body `{}` has no `{CODE_ELEMENT}` node of type `string`",
                        root.name
                    ),
                ),
                BODY_SKIPPED,
            );
            return None;
        };
        ok.then(|| Body {
            root: root.name.clone(),
            root_description: root.description_markdown.clone(),
            code_element: code.name.clone(),
            code_description: code.description_markdown.clone(),
            code_translations: Vec::new(),
            fields: body_fields,
        })
    }
}

/// The plain text and markdown of an optional column's cell (empty when absent).
fn text_and_markdown(row: &Row, column: Option<usize>) -> (String, String) {
    column
        .and_then(|i| row.cell(i))
        .map_or((String::new(), String::new()), |c| {
            (c.text.clone(), c.markdown.clone())
        })
}

/// Where the statuses of an error table are written.
#[derive(Debug, Clone, Copy)]
enum StatusFrom {
    /// In this column of each row.
    Column(usize),
    /// In the title of the table's section, for every row.
    Section,
}

/// Whether every written cell of column `index` is a status (and one is).
fn holds_only_statuses(table: &Table, index: usize) -> bool {
    let mut cells = table
        .rows
        .iter()
        .filter_map(|row| row.cell(index))
        .filter(|c| !c.text.is_empty())
        .peekable();
    cells.peek().is_some()
        && cells.all(|c| {
            parse_statuses(&c.lines.join("\n"))
                .iter()
                .all(|p| p.parsed.is_ok())
        })
}

/// Whether the table's section title names statuses and nothing else
/// (`404 Not Found`, `400—Bad Request`, `HTTP 409`).
fn heading_statuses(table: &Table) -> bool {
    table
        .section_title()
        .is_some_and(|title| parse_statuses(title).iter().all(|part| part.parsed.is_ok()))
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

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn is_none_word(text: &str) -> bool {
    let t = text.trim();
    t.is_empty()
        || ["none", "无", "-", "—", "n/a", "なし", "없음"]
            .iter()
            .any(|w| t.eq_ignore_ascii_case(w))
}

/// The cell's span without surrounding pipes and spaces, for the caret.
fn trim_span(src: &SourceFile, cell: &Cell) -> std::ops::Range<usize> {
    let raw = &src.text()[cell.span.clone()];
    let start_trim = raw.len() - raw.trim_start_matches(['|', ' ', '\t']).len();
    let end_trim = raw.len() - raw.trim_end_matches(['|', ' ', '\t', '\r', '\n']).len();
    let start = cell.span.start + start_trim;
    let end = (cell.span.end - end_trim).max(start);
    if start < end {
        return start..end;
    }
    // An empty cell: point at the space between its pipes, not at a pipe.
    let inner_start = cell.span.start + usize::from(raw.starts_with('|'));
    let inner_end = cell.span.end - (raw.len() - raw.trim_end_matches(['\r', '\n']).len());
    let inner_end = inner_end - usize::from(src.text()[inner_start..inner_end].ends_with('|'));
    if inner_start < inner_end {
        inner_start..inner_end
    } else {
        start..end
    }
}
