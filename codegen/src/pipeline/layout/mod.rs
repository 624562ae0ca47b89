//! Step 2: tables → laid-out tables. Each table is given its kind (an error
//! table, a field table, or ignored with its warning) and each of its columns
//! a role, by header words ([`Vocabulary`]), by content (a code-headed column
//! of statuses) and by heading (a status named above the table). This is the
//! place for new column roles; the model only reads the cells they point at.

use std::borrow::Cow;

use crate::pipeline::diagnostic::{Diagnostic, Lint};
mod content;
mod merged;
pub(crate) mod status;
pub(crate) mod vocabulary;

use crate::pipeline::layout::status::{is_no_status, parse_statuses};
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
    /// Neither: why, and a warning when the table looks like one but is not read.
    Ignored {
        /// Why the table is not read.
        reason: String,
        /// The warning, for a table that looks like one.
        warning: Option<Diagnostic>,
    },
}

/// What decided a column's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Signal {
    /// Its header's words.
    Header,
    /// What its cells hold.
    Content,
    /// The heading above the table (a status named there).
    Heading,
}

/// What became of one table of a spec: read as error rows or as field
/// rows, or left out with the reason; and each column's role, with what
/// decided it. `dump` lists one per table, so that none is dropped in silence.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct TableRecord {
    /// 1-based line of the header row.
    pub line: usize,
    /// `errors`, `fields` or `left_out`.
    pub read_as: &'static str,
    /// Why it was left out; `None` for a table that was read.
    pub reason: Option<String>,
    /// The columns given a role, in column order.
    pub roles: Vec<ColumnRole>,
}

/// One column's role in a table.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct ColumnRole {
    /// 0-based column.
    pub column: usize,
    /// Its header's text.
    pub header: String,
    /// `code`, `status`, `description`, `remedy`, `cause`, `message`,
    /// `name`, `value`, `node_name`, `type`, `parent`.
    pub role: &'static str,
    /// What decided it.
    pub by: Signal,
    /// For a description in another language's column, that language's tag.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<&'static str>,
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
    /// What decided the code column's role (the text columns follow it).
    pub code_by: Signal,
    /// What decided where the statuses are.
    pub status_by: Signal,
    /// What decided the description column.
    pub description_by: Signal,
    /// What decided the value column.
    pub value_by: Signal,
    /// What decided the name column.
    pub name_by: Signal,
    /// Description columns whose headers name another language: `(tag, column)`.
    pub described_in: Vec<(&'static str, usize)>,
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
    /// Whether the table has any text column at all. A cause or message
    /// column is the description when there is no other, so with no
    /// description there is neither.
    fn any(&self) -> bool {
        self.description.is_some() || self.remedy.is_some()
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

/// Lays out one table of `src`, with the record of what became of it.
pub(crate) fn lay_out<'t>(
    src: &SourceFile,
    table: &'t Table,
    vocab: &Vocabulary,
) -> (Layout<'t>, TableRecord) {
    let headers: Vec<&str> = table.header.cells.iter().map(|c| c.text.as_str()).collect();
    let layout = layout_of(src, table, &headers, vocab);
    let record = record_of(table, &headers, &layout);
    (layout, record)
}

fn layout_of<'t>(
    src: &SourceFile,
    table: &'t Table,
    headers: &[&str],
    vocab: &Vocabulary,
) -> Layout<'t> {
    let (code, status, status_by) = code_and_status(table, headers, vocab);
    if let Some(code) = code {
        let status = status.unwrap_or(StatusFrom::None);
        let mut laid_out = error_table(src, table, headers, vocab, code, status);
        laid_out.status_by = status_by;
        return Layout::Errors(laid_out);
    }
    if let (Some(name), Some(ty)) = (
        vocab.find(Column::NodeName, headers),
        vocab.find(Column::Type, headers),
    ) {
        return Layout::Fields(FieldTable {
            table,
            name,
            ty,
            parent: vocab.find(Column::Parent, headers),
            description: vocab.find(Column::Description, headers),
        });
    }
    if status.is_none() {
        if let Some(found) = content::find(src, table, headers, vocab) {
            return Layout::Errors(content_table(src, table, headers, vocab, found));
        }
    }
    // What the table is, once: of parameters and the like, or with a
    // column of codes; the warning and the reason both follow from it.
    let something_else = content::describes_something_else(headers, vocab);
    let codes = content::symbolic_code_column(&table.rows, headers.len());
    let warning = match (status, codes) {
        (Some(StatusFrom::Column(i)), _) => Some(header_warning(
            src,
            table,
            Lint::UnrecognisedTable,
            format!("table has a status column (`{}`) but no code column", headers[i]),
            "this table is not read; its rows are ignored",
            format!("if a column holds the code, add its header word: `header-words = {{ code = [\"…\"] }}` (`Builder::header_word`); headers: {}", headers.join(" | ")),
        )),
        (_, Some(column)) if !something_else => unread_codes(src, table, headers, column),
        _ => None,
    };
    let reason = match (&warning, something_else) {
        (Some(warning), _) => warning.message.clone(),
        (None, true) => "a table of parameters, fields, settings or types (by its headers)".to_owned(),
        (None, false) if codes.is_some() => {
            "its column of codes stands nowhere near errors (no error word in its section, the document's title, its headers or its codes)".to_owned()
        }
        (None, false) => "no column is headed like codes or body nodes, nor holds a distinct code on each row beside text".to_owned(),
    };
    Layout::Ignored { reason, warning }
}

/// A warning for a table left out whose `column` holds distinct codes (but
/// nothing the content rule reads as their text), when it stands among
/// errors, so that no table of codes is dropped in silence.
fn unread_codes(
    src: &SourceFile,
    table: &Table,
    headers: &[&str],
    column: usize,
) -> Option<Diagnostic> {
    if !content::among_errors(src, table, headers, column) {
        return None;
    }
    Some(header_warning(
        src,
        table,
        Lint::UnreadCodeTable,
        format!("table looks like codes (`{}` holds a distinct code on each row) but is not read", headers[column]),
        "no header names a code column, and no column reads as their description",
        format!("if it is a table of errors, name its columns: `header-words = {{ code = [\"{}\"], description = [\"…\"] }}`; headers: {}", headers[column], headers.join(" | ")),
    ))
}

/// The record of `layout`: what the table was read as, and its columns' roles.
fn record_of(table: &Table, headers: &[&str], layout: &Layout<'_>) -> TableRecord {
    let mut roles = Vec::new();
    let mut role =
        |column: Option<usize>, name: &'static str, by: Signal, lang: Option<&'static str>| {
            if let Some(column) = column {
                roles.push(ColumnRole {
                    column,
                    header: headers.get(column).copied().unwrap_or_default().to_owned(),
                    role: name,
                    by,
                    lang,
                });
            }
        };
    let (read_as, reason) = match layout {
        Layout::Errors(t) => {
            role(Some(t.code), "code", t.code_by, None);
            match t.status {
                StatusFrom::Column(i) => role(Some(i), "status", t.status_by, None),
                StatusFrom::Section | StatusFrom::None => {}
            }
            role(t.texts.description, "description", t.description_by, None);
            role(t.texts.remedy, "remedy", Signal::Header, None);
            role(t.texts.cause, "cause", Signal::Header, None);
            role(t.texts.message, "message", Signal::Header, None);
            role(t.name, "name", t.name_by, None);
            role(t.value, "value", t.value_by, None);
            for &(lang, column) in &t.described_in {
                role(Some(column), "description", Signal::Header, Some(lang));
            }
            ("errors", None)
        }
        Layout::Fields(t) => {
            role(Some(t.name), "node_name", Signal::Header, None);
            role(Some(t.ty), "type", Signal::Header, None);
            role(t.parent, "parent", Signal::Header, None);
            role(t.description, "description", Signal::Header, None);
            ("fields", None)
        }
        Layout::Ignored { reason, .. } => ("left_out", Some(reason.clone())),
    };
    roles.sort_by_key(|r| r.column);
    TableRecord {
        line: table.header.line,
        read_as,
        reason,
        roles,
    }
}

/// The code column and where statuses come from: by header words; else, of
/// the columns headed like a code, one that holds only statuses (`错误码`
/// over 400, 403 …) when another names the code; else a heading that names
/// the status of every row (`## 404 Not Found`).
fn code_and_status(
    table: &Table,
    headers: &[&str],
    vocab: &Vocabulary,
) -> (Option<usize>, Option<StatusFrom>, Signal) {
    let (mut code, mut status) = (
        vocab.find(Column::Code, headers),
        vocab.find(Column::Status, headers),
    );
    let mut by_content = false;
    // No code column, but a name beside numbers (`Key | getCode`): the name is the code.
    if code.is_none() {
        let value = vocab.find(Column::Value, headers);
        code = vocab
            .find(Column::Name, headers)
            .filter(|_| value.is_some_and(|v| holds_only_integers(&table.rows, v)));
    }
    if status.is_none() {
        let (numbers, names): (Vec<usize>, Vec<usize>) = vocab
            .ranked(Column::Code, headers)
            .into_iter()
            .partition(|&i| holds_only_statuses(table, i));
        if let (Some(&numbers), Some(&names)) = (numbers.first(), names.first()) {
            (code, status) = (Some(names), Some(numbers));
            by_content = true;
        }
    }
    let status = match (code, status) {
        (Some(_), None) if heading_statuses(table) => Some(StatusFrom::Section),
        _ => status.map(StatusFrom::Column),
    };
    let by = if by_content {
        Signal::Content
    } else {
        Signal::Header
    };
    (code, status, by)
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
    let (texts, described_in) = texts_and_languages(headers, vocab, code, status);
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
    let mut laid_out = ErrorTable {
        table,
        rows,
        code,
        status,
        texts,
        name: other(Column::Name),
        value: other(Column::Value),
        code_by: Signal::Header,
        status_by: Signal::Header,
        description_by: Signal::Header,
        value_by: Signal::Header,
        name_by: Signal::Header,
        described_in,
        warnings,
        stray,
    };
    two_code_columns(&mut laid_out, headers.len());
    fill_by_content(&mut laid_out, headers.len());
    laid_out
}

/// The columns an error table's roles already hold.
fn taken_columns(t: &ErrorTable<'_>) -> Vec<usize> {
    let status = match t.status {
        StatusFrom::Column(i) => Some(i),
        _ => None,
    };
    [
        t.texts.description,
        t.texts.remedy,
        t.texts.cause,
        t.texts.message,
        t.name,
        t.value,
        Some(t.code),
        status,
    ]
    .into_iter()
    .flatten()
    .chain(t.described_in.iter().map(|&(_, i)| i))
    .collect()
}

/// Roles the header words left open, from the cells: beside numeric codes,
/// a column of distinct symbolic names (`PLAY_EVT_PLAY_BEGIN`) is their
/// names; with no text column, the longest
/// prose column is the description (`意味の説明`, a word the vocabulary
/// lacks), which ends the missing-description warning.
fn fill_by_content(laid_out: &mut ErrorTable<'_>, width: usize) {
    if laid_out.name.is_none() && holds_only_integers(&laid_out.rows, laid_out.code) {
        let taken = taken_columns(laid_out);
        if let Some(name) = content::symbolic_code_column_except(&laid_out.rows, width, &taken) {
            laid_out.name = Some(name);
            laid_out.name_by = Signal::Content;
        }
    }
    if !laid_out.texts.any() {
        let taken = taken_columns(laid_out);
        if let Some(description) = content::longest_prose_except(&laid_out.rows, width, &taken) {
            laid_out.texts.description = Some(description);
            laid_out.description_by = Signal::Content;
            laid_out
                .warnings
                .retain(|w| w.lint != Some(Lint::MissingDescriptionColumn));
        }
    }
}

/// The text columns, and the description columns headed with a language
/// (`英文描述`), which are that edition's, not the table's own description.
fn texts_and_languages(
    headers: &[&str],
    vocab: &Vocabulary,
    code: usize,
    status: StatusFrom,
) -> (TextColumns, Vec<(&'static str, usize)>) {
    let described_in: Vec<(&'static str, usize)> = headers
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != code && status != StatusFrom::Column(i))
        .filter_map(|(i, h)| Some((content::description_language(h, vocab)?, i)))
        .collect();
    let tagged = |i: usize| described_in.iter().any(|&(_, c)| c == i);
    let untagged: Vec<&str> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| if tagged(i) { "" } else { *h })
        .collect();
    (text_columns(&untagged, vocab), described_in)
}

/// Two code columns: numbers that repeat beside distinct names. The name
/// is the code (`from_code`), the number its value (`from_value`).
fn two_code_columns(laid_out: &mut ErrorTable<'_>, width: usize) {
    let code = laid_out.code;
    let taken = taken_columns(laid_out);
    if let Some(symbolic) = content::symbolic_beside_numbers(&laid_out.rows, width, code, &taken) {
        laid_out.value = Some(code);
        laid_out.value_by = Signal::Content;
        laid_out.code = symbolic;
        laid_out.code_by = Signal::Content;
    }
}

/// An error table whose code column its content decided.
fn content_table<'t>(
    src: &SourceFile,
    table: &'t Table,
    headers: &[&str],
    vocab: &Vocabulary,
    found: content::Found,
) -> ErrorTable<'t> {
    let status = found.status.map_or(StatusFrom::None, StatusFrom::Column);
    let mut laid_out = error_table(src, table, headers, vocab, found.code, status);
    laid_out.status_by = Signal::Content;
    laid_out.code = found.code;
    laid_out.code_by = Signal::Content;
    if laid_out.texts.description.is_none() {
        laid_out.texts.description = found.description;
        laid_out.description_by = Signal::Content;
    }
    if laid_out.value.is_none() && found.value.is_some() {
        laid_out.value = found.value;
        laid_out.value_by = Signal::Content;
    }
    laid_out
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

/// The written cells of column `index`.
pub(crate) fn written(rows: &[Row], index: usize) -> impl Iterator<Item = &Cell> {
    rows.iter()
        .filter_map(move |row| row.cell(index))
        .filter(|c| !c.text.is_empty())
}

/// Whether every written cell of column `index` is an integer (and one is).
pub(crate) fn holds_only_integers(rows: &[Row], index: usize) -> bool {
    holds_only(rows, index, |c| parse_integer(&c.text).is_some())
}

/// Whether every written cell of column `index` passes `test` (and one is written).
fn holds_only(rows: &[Row], index: usize, test: impl Fn(&Cell) -> bool) -> bool {
    let mut cells = written(rows, index).peekable();
    cells.peek().is_some() && cells.all(test)
}

/// Whether every written cell of column `index` is a status as `status`
/// reads one, or says there is none, and one is a status.
pub(crate) fn holds_statuses(rows: &[Row], index: usize, status: impl Fn(&Cell) -> bool) -> bool {
    holds_only(rows, index, |c| is_no_status(&c.text) || status(c))
        && written(rows, index).any(status)
}

/// An integer as a code or value cell writes it: `-103`, `70001`, `+5`,
/// or hexadecimal, `0x1000` (SDK tables write flags and ranges so).
pub(crate) fn parse_integer(text: &str) -> Option<i64> {
    let text = text.trim();
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let magnitude = match unsigned
        .strip_prefix("0x")
        .or_else(|| unsigned.strip_prefix("0X"))
    {
        Some(hex) if !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()) => {
            i128::from_str_radix(hex, 16).ok()?
        }
        Some(_) => return None,
        None if !unsigned.is_empty() && unsigned.bytes().all(|b| b.is_ascii_digit()) => {
            unsigned.parse::<i128>().ok()?
        }
        None => return None,
    };
    i64::try_from(if negative { -magnitude } else { magnitude }).ok()
}

/// Whether every written cell of column `index` is a status or says there
/// is none (and one is a status).
fn holds_only_statuses(table: &Table, index: usize) -> bool {
    holds_statuses(&table.rows, index, |c| {
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

#[cfg(test)]
mod tests {
    use super::parse_integer;

    #[test]
    fn integers_are_decimal_or_hexadecimal() {
        assert_eq!(parse_integer(" -103 "), Some(-103));
        assert_eq!(parse_integer("+5"), Some(5));
        assert_eq!(parse_integer("0x1000"), Some(4096));
        assert_eq!(parse_integer("0XfF"), Some(255));
        assert_eq!(parse_integer("-0x10"), Some(-16));
        assert_eq!(parse_integer("-9223372036854775808"), Some(i64::MIN));
        assert_eq!(parse_integer("0x8000000000000000"), None);
        for bad in ["", "-", "0x", "0xg", "1e3", "12 34", "٣"] {
            assert_eq!(parse_integer(bad), None, "{bad:?}");
        }
    }
}
