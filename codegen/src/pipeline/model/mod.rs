//! Step 3: laid-out tables → validated model. Every rule of a row is
//! enforced here, and every problem is reported, not just the first: rows
//! are read from the cells the layout points at ([`rows`]), codes are named
//! and grouped ([`codes`]), and the XML body is derived ([`body`]).

use crate::pipeline::diagnostic::{Diagnostic, Lint, Severity};
use crate::pipeline::layout::vocabulary::Vocabulary;
use crate::pipeline::layout::{lay_out, Layout, TableRecord};
use crate::pipeline::read::Table;
use crate::pipeline::source::SourceFile;

mod body;
pub(crate) mod codes;
pub(crate) mod editions;
pub(crate) mod naming;
mod rows;
mod text;

pub use text::{Text, Texts};

/// One row of an error table.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ErrorRow {
    /// The code, exactly as in the spec's plain text.
    pub code: String,
    /// HTTP status, 100–599; `None` for a code without one (a table with no
    /// status column and no status in its heading).
    pub status: Option<u16>,
    /// Reason phrase as written, `""` when absent.
    pub reason: String,
    /// Description in every edition (empty when the table has no description column).
    pub description: Texts,
    /// What to do about the error, in every edition (empty without a remedy column).
    pub remedy: Texts,
    /// Why it happens, in every edition, when the table says so apart from the description.
    pub cause: Texts,
    /// The message the service returns, in every edition, when the table
    /// gives it apart from the description.
    pub message: Texts,
    /// The symbolic name written beside a numeric code, if the table has a name column.
    pub name: Option<String>,
    /// The code's numeric value: the code itself when it is an integer, else
    /// the table's value column.
    pub value: Option<i64>,
    /// Section the table stands in.
    pub section: Option<String>,
    /// 1-based line of the row.
    pub line: usize,
    /// 1-based line of the status number (differs from `line` in an HTML
    /// table that spreads a row over lines); `None` without a status.
    pub status_line: Option<usize>,
    /// 1-based column, in characters, of the status number; `None` without a status.
    pub status_column: Option<usize>,
    /// Byte ranges of the code cell and of the status number (the code
    /// cell again without a status), for diagnostics.
    pub cells: (std::ops::Range<usize>, std::ops::Range<usize>),
    /// Descriptions the table gives in another language's column
    /// (`英文描述`): `(language tag, text)`. They fill that edition's
    /// description (see [`Model::languages`]).
    pub described_in: Vec<(String, Text)>,
    /// The edition whose document `line`, `status_line`, `status_column`
    /// and `cells` point into: an index into [`Model::languages`], `0` for
    /// the primary, another for a row only a translation lists.
    pub edition: usize,
    /// The editions whose documents list this row, as indexes into
    /// [`Model::languages`], in order.
    pub listed_in: Vec<usize>,
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
#[non_exhaustive]
pub struct FieldRow {
    /// Node name, such as `RequestId`.
    pub name: String,
    /// Parent node; `None` where the cell is empty, absent or says none (`None`, `无`, `-`).
    pub parent: Option<String>,
    /// Description, as written in this edition.
    pub description: Text,
    /// The type as written, such as `string`.
    pub type_name: String,
    /// The type as understood.
    pub node_type: NodeType,
    /// 1-based line of the row.
    pub line: usize,
}

/// A distinct code and where its rows are.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CodeEntry {
    /// The code as in the spec.
    pub code: String,
    /// The Rust variant name derived from it (from its name column, for a
    /// numeric code that has one).
    pub variant: String,
    /// Its numeric value, from its first row.
    pub value: Option<i64>,
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
#[non_exhaustive]
pub struct BodyField {
    /// What the field is for.
    pub role: FieldRole,
    /// Element name, such as `RequestId`.
    pub element: String,
    /// Rust field name, such as `request_id`.
    pub field: String,
    /// Description in every edition.
    pub description: Texts,
}

/// The XML error body described by the field tables.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Body {
    /// Root element, such as `Error`.
    pub root: String,
    /// Description of the root.
    pub root_description: Text,
    /// Element that holds the code (`Code`).
    pub code_element: String,
    /// Description of the code element in every edition.
    pub code_description: Texts,
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
#[non_exhaustive]
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
    /// Every table of the primary edition, in order, with what became of it.
    pub tables: Vec<TableRecord>,
}

impl ErrorRow {
    /// The editions that list this row, as bits (`1 << index`), for the
    /// first 64 editions (as many as the generated code marks).
    pub fn listed_mask(&self) -> u64 {
        self.listed_in
            .iter()
            .filter(|&&e| e < 64)
            .fold(0, |mask, &e| mask | 1 << e)
    }
}

impl Model {
    /// The rows of `code`, in spec order.
    pub fn rows_of<'m>(&'m self, code: &'m CodeEntry) -> impl Iterator<Item = &'m ErrorRow> + 'm {
        code.rows.iter().map(|&i| &self.errors[i])
    }

    /// The distinct statuses of `code`, in spec order (none for a code without one).
    pub fn statuses_of(&self, code: &CodeEntry) -> Vec<u16> {
        let mut statuses: Vec<u16> = Vec::with_capacity(code.rows.len());
        for status in self.rows_of(code).filter_map(|row| row.status) {
            if !statuses.contains(&status) {
                statuses.push(status);
            }
        }
        statuses
    }
}

/// How strictly to read.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
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
    /// The default options, lenient or not.
    pub fn lenient(lenient: bool) -> Self {
        ReadOptions {
            lenient,
            ..ReadOptions::default()
        }
    }

    /// The spec's language tag.
    pub fn language(&self) -> &str {
        self.language.as_deref().unwrap_or("en")
    }
}

/// The result of validation: a model and its warnings, or every error found.
pub type Validated = Result<(Model, Vec<Diagnostic>), Vec<Diagnostic>>;

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
    let mut records = Vec::with_capacity(tables.len());
    for table in tables {
        let (layout, record) = lay_out(src, table, &options.vocabulary);
        records.push(record);
        match layout {
            Layout::Errors(mut table) => {
                error_tables += 1;
                v.diagnostics.append(&mut table.warnings);
                for row in table.rows.iter() {
                    errors.extend(v.error_rows(&table, row));
                }
                v.diagnostics.extend(table.stray);
            }
            Layout::Fields(table) => {
                for row in &table.table.rows {
                    fields.extend(v.field_row(&table, row));
                }
            }
            Layout::Ignored { warning, .. } => v.diagnostics.extend(warning),
        }
    }
    if error_tables == 0 {
        v.diagnostics.push(
            Diagnostic::file_error(src, "no error table found")
                .with_note("an error table has a code column (such as `Error Code`), and may have a status column (such as `HTTP Status Code`)"),
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
    let mut model = Model {
        errors,
        fields,
        codes,
        body,
        languages: vec![options.language().to_owned()],
        tables: records,
    };
    v.diagnostics
        .extend(codes::name_codes(&mut model, &[src], options));
    v.finish(model)
}

/// The spec being validated and the problems found so far.
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
}

/// The text of an optional column's cell (empty when absent).
fn cell_text(row: &crate::pipeline::read::Row, column: Option<usize>) -> Text {
    column
        .and_then(|i| row.cell(i))
        .map_or_else(Text::default, |c| Text::new(&c.text, &c.markdown))
}

/// Whether a cell says there is nothing (`None`, `无`, `-`, …).
fn is_none_word(text: &str) -> bool {
    let t = text.trim();
    t.is_empty()
        || ["none", "无", "-", "—", "n/a", "なし", "없음"]
            .iter()
            .any(|w| t.eq_ignore_ascii_case(w))
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
