//! Step 2: tables → laid-out tables. Each table is given its kind (an error
//! table, a field table, or ignored with its warning) and each of its columns
//! a role, by header words ([`Vocabulary`]), by content (a code-headed column
//! of statuses) and by heading (a status named above the table). This is the
//! place for new column roles; the model only reads the cells they point at.

use std::borrow::Cow;

use crate::pipeline::diagnostic::{Diagnostic, Lint};
mod merged;
pub(crate) mod status;
pub(crate) mod vocabulary;

use crate::pipeline::layout::status::parse_statuses;
use crate::pipeline::layout::vocabulary::{Column, Vocabulary};
use crate::pipeline::read::{Cell, Row, Table};
use crate::pipeline::source::SourceFile;
use merged::carry_down;

/// A table with its kind and column roles.
pub(crate) enum Layout<'t> {
    /// Rows of error codes.
    Errors(ErrorTable<'t>),
    /// Rows describing the nodes of the XML error body.
    Fields(FieldTable<'t>),
    /// Neither; with a warning when the table looks like one but is not read.
    Ignored(Option<Diagnostic>),
}

/// An error table: where each row's code, status, texts, name and value are.
pub(crate) struct ErrorTable<'t> {
    /// The table as read.
    pub table: &'t Table,
    /// Its body rows, merged cells filled in.
    pub rows: Cow<'t, [Row]>,
    /// The code column.
    pub code: usize,
    /// Where the statuses come from.
    pub status: StatusFrom,
    /// The text columns, each if any.
    pub texts: TextColumns,
    /// A symbolic name beside the code (which is then numeric), if any.
    pub name: Option<usize>,
    /// A numeric value beside the code (which is then symbolic), if any.
    pub value: Option<usize>,
    /// Warnings about the table as a whole, reported before its rows'.
    pub warnings: Vec<Diagnostic>,
    /// Warnings about rows cut off after it, reported after its rows'.
    pub stray: Vec<Diagnostic>,
}

/// A field table: where each node's name, type, parent and description are.
pub(crate) struct FieldTable<'t> {
    /// The table as read.
    pub table: &'t Table,
    /// The node-name column.
    pub name: usize,
    /// The type column.
    pub ty: usize,
    /// The parent column, if any.
    pub parent: Option<usize>,
    /// The description column, if any.
    pub description: Option<usize>,
}

/// The columns of an error table that hold text about each code.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct TextColumns {
    /// What the error means: a description or explanation, else the cause,
    /// else the returned message.
    pub description: Option<usize>,
    /// What to do about it.
    pub remedy: Option<usize>,
    /// Why it happens, when not already the description.
    pub cause: Option<usize>,
    /// The message the service returns, when not already the description.
    pub message: Option<usize>,
}

impl TextColumns {
    /// Whether the table has any text column at all.
    fn any(&self) -> bool {
        self.description.is_some()
            || self.remedy.is_some()
            || self.cause.is_some()
            || self.message.is_some()
    }
}

/// Where the statuses of an error table are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StatusFrom {
    /// In this column of each row.
    Column(usize),
    /// In the title of the table's section, for every row.
    Section,
    /// Nowhere: the codes have no HTTP status (SDK, messaging and API 3.0 codes).
    None,
}

/// Lays out one table of `src`.
pub(crate) fn lay_out<'t>(src: &SourceFile, table: &'t Table, vocab: &Vocabulary) -> Layout<'t> {
    let headers: Vec<&str> = table.header.cells.iter().map(|c| c.text.as_str()).collect();
    let (code, status) = code_and_status(table, &headers, vocab);
    if let Some(code) = code {
        let status = status.unwrap_or(StatusFrom::None);
        return Layout::Errors(error_table(src, table, &headers, vocab, code, status));
    }
    if let (Some(name), Some(ty)) = (
        vocab.find(Column::NodeName, &headers),
        vocab.find(Column::Type, &headers),
    ) {
        return Layout::Fields(FieldTable {
            table,
            name,
            ty,
            parent: vocab.find(Column::Parent, &headers),
            description: vocab.find(Column::Description, &headers),
        });
    }
    Layout::Ignored(match status {
        Some(StatusFrom::Column(i)) => Some(header_warning(
            src,
            table,
            Lint::UnrecognisedTable,
            format!("table has a status column (`{}`) but no code column", headers[i]),
            "this table is not read; its rows are ignored",
            format!("if a column holds the code, add its header word: `header-words = {{ code = [\"…\"] }}` (`Builder::header_word`); headers: {}", headers.join(" | ")),
        )),
        _ => None,
    })
}

/// The code column and where statuses come from: by header words; else, of
/// the columns headed like a code, one that holds only statuses (`错误码`
/// over 400, 403 …) when another names the code; else a heading that names
/// the status of every row (`## 404 Not Found`).
fn code_and_status(
    table: &Table,
    headers: &[&str],
    vocab: &Vocabulary,
) -> (Option<usize>, Option<StatusFrom>) {
    let (mut code, mut status) = (
        vocab.find(Column::Code, headers),
        vocab.find(Column::Status, headers),
    );
    // No code column, but a name beside numbers (`Key | getCode`): the name is the code.
    if code.is_none() {
        let value = vocab.find(Column::Value, headers);
        code = vocab
            .find(Column::Name, headers)
            .filter(|_| value.is_some_and(|v| holds_only_integers(table, v)));
    }
    if status.is_none() {
        let (numbers, names): (Vec<usize>, Vec<usize>) = vocab
            .ranked(Column::Code, headers)
            .into_iter()
            .partition(|&i| holds_only_statuses(table, i));
        if let (Some(&numbers), Some(&names)) = (numbers.first(), names.first()) {
            (code, status) = (Some(names), Some(numbers));
        }
    }
    let status = match (code, status) {
        (Some(_), None) if heading_statuses(table) => Some(StatusFrom::Section),
        _ => status.map(StatusFrom::Column),
    };
    (code, status)
}

fn error_table<'t>(
    src: &SourceFile,
    table: &'t Table,
    headers: &[&str],
    vocab: &Vocabulary,
    code: usize,
    status: StatusFrom,
) -> ErrorTable<'t> {
    let mut warnings = Vec::new();
    let texts = text_columns(headers, vocab);
    if !texts.any() {
        warnings.push(header_warning(src, table, Lint::MissingDescriptionColumn, "error table with no description column".into(),
            "every description of this table is empty",
            format!("if a column holds the description, add its header word: `header-words = {{ description = [\"…\"] }}` (`Builder::header_word(Column::Description, …)`); headers: {}", headers.join(" | "))));
    }
    // A merged cell in the first column, when it holds the code or the status.
    let first_column = match (code, status) {
        (0, _) => Some("code"),
        (_, StatusFrom::Column(0)) => Some("status"),
        _ => None,
    };
    let rows = match first_column {
        Some(name) => {
            let (rows, warning) = carry_down(src, table, name);
            warnings.extend(warning);
            rows
        }
        None => Cow::Borrowed(table.rows.as_slice()),
    };
    let stray = stray_warnings(src, table);
    let other = |column: Column| {
        vocab
            .find(column, headers)
            .filter(|&i| i != code && status != StatusFrom::Column(i))
    };
    ErrorTable {
        table,
        rows,
        code,
        status,
        texts,
        name: other(Column::Name),
        value: other(Column::Value),
        warnings,
        stray,
    }
}

/// The text columns of an error table: the best description (a description
/// or explanation, else a cause, else the returned message), the remedy, and
/// the cause and message where they are not the description.
fn text_columns(headers: &[&str], vocab: &Vocabulary) -> TextColumns {
    let description = vocab.find(Column::Description, headers);
    let other = |column: Column| {
        vocab
            .find(column, headers)
            .filter(|&i| Some(i) != description)
    };
    TextColumns {
        description,
        remedy: other(Column::Remedy),
        cause: other(Column::Cause),
        message: other(Column::Message),
    }
}

/// A warning for each line after an error table that looks like its row.
fn stray_warnings(src: &SourceFile, table: &Table) -> Vec<Diagnostic> {
    let last = table.last_line(src);
    table
        .stray_lines
        .iter()
        .map(|&line| {
            let text = src.line_text(line);
            Diagnostic::warning(src, src.line_range(line), format!("this line looks like a row of the table above (its last row is line {last}) but is not part of it"))
                .with_label("not read")
                .with_note("a blank line or a line without pipes ends a table: remove it so that the row is read")
                .with_lint(Lint::StrayRows, text.trim().to_owned())
        })
        .collect()
}

/// A warning about a table as a whole, at its header row.
fn header_warning(
    src: &SourceFile,
    table: &Table,
    lint: Lint,
    message: String,
    label: &str,
    note: String,
) -> Diagnostic {
    let subject = src.line_text(table.header.line).trim().to_owned();
    Diagnostic::warning(src, src.line_range(table.header.line), message)
        .with_label(label)
        .with_note(note)
        .with_lint(lint, subject)
}

/// Whether every written cell of column `index` is an integer (and one is).
fn holds_only_integers(table: &Table, index: usize) -> bool {
    holds_only(table, index, |c| parse_integer(&c.text).is_some())
}

/// Whether every written cell of column `index` passes `test` (and one is written).
fn holds_only(table: &Table, index: usize, test: impl Fn(&Cell) -> bool) -> bool {
    let mut cells = table
        .rows
        .iter()
        .filter_map(|row| row.cell(index))
        .filter(|c| !c.text.is_empty())
        .peekable();
    cells.peek().is_some() && cells.all(test)
}

/// An integer as a code or value cell writes it: `-103`, `70001`, `+5`.
pub(crate) fn parse_integer(text: &str) -> Option<i64> {
    let text = text.trim();
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// Whether every written cell of column `index` is a status (and one is).
fn holds_only_statuses(table: &Table, index: usize) -> bool {
    holds_only(table, index, |c| {
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
