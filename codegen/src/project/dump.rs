//! The schema of `ci-errors-codegen dump`: a spec's model as JSON, for
//! tools and for the corpus's expected output.

use crate::pipeline::layout::TableRecord;
use crate::pipeline::model::{Model, Texts};

/// Language tag → text.
type ByLang<'a> = std::collections::BTreeMap<&'a str, &'a str>;

/// One error row of a [`Dump`].
#[derive(Debug, serde::Serialize)]
#[non_exhaustive]
pub struct DumpError<'a> {
    /// The code as the spec writes it.
    pub code: &'a str,
    /// `null` for a code without a status.
    pub status: Option<u16>,
    /// The reason phrase as written, or empty.
    pub reason: &'a str,
    /// The description in the primary edition, as plain text.
    pub description: &'a str,
    /// What to do about the error, when the table says (left out when empty).
    #[serde(skip_serializing_if = "str::is_empty")]
    pub remedy: &'a str,
    /// Why the error happens, when the table says apart from the description.
    #[serde(skip_serializing_if = "str::is_empty")]
    pub cause: &'a str,
    /// The message the service returns, when the table says apart from the description.
    #[serde(skip_serializing_if = "str::is_empty")]
    pub message: &'a str,
    /// A symbolic name beside a numeric code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<&'a str>,
    /// A numeric value beside a symbolic code, or the numeric code itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<i64>,
    /// The heading or caption the row stands under.
    pub section: Option<&'a str>,
    /// The row's line in the spec, 1-based.
    pub line: usize,
    /// The status number's line (a cell with several statuses gives a row for each).
    pub status_line: Option<usize>,
    /// The status number's column, 1-based, in characters.
    pub status_column: Option<usize>,
    /// Language tag → description, for each translation.
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub translations: ByLang<'a>,
    /// Language tag → remedy, for each translation, when the row has one.
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub remedy_translations: ByLang<'a>,
    /// Language tag → cause, for each translation, when the row has one.
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub cause_translations: ByLang<'a>,
    /// Language tag → message, for each translation, when the row has one.
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub message_translations: ByLang<'a>,
    /// The editions whose documents list the row (the spec has several):
    /// editions drift, and a row one lacks has no text in it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub listed_in: Option<Vec<&'a str>>,
}

/// Language tag → text of each translation, or nothing when no edition has the text.
fn by_lang<'a>(languages: &'a [String], texts: &'a Texts) -> ByLang<'a> {
    if texts.each().all(|t| t.plain.is_empty()) {
        return ByLang::new();
    }
    languages[1..]
        .iter()
        .map(String::as_str)
        .zip(texts.each().skip(1).map(|t| t.plain.as_str()))
        .collect()
}

/// One node of the body's field tables in a [`Dump`].
#[derive(Debug, serde::Serialize)]
#[non_exhaustive]
pub struct DumpField<'a> {
    /// The node's element name.
    pub name: &'a str,
    /// Its parent node, if the table names one.
    pub parent: Option<&'a str>,
    /// Its description, as plain text.
    pub description: &'a str,
    /// Its type as written (`String`, `Container`, …).
    #[serde(rename = "type")]
    pub type_name: &'a str,
    /// Its row's line in the spec, 1-based.
    pub line: usize,
}

/// A spec's model as `ci-errors-codegen dump` prints it: the schema of its JSON.
#[derive(Debug, serde::Serialize)]
#[non_exhaustive]
pub struct Dump<'a> {
    /// Every error row, in spec order.
    pub errors: Vec<DumpError<'a>>,
    /// Every node of the body's field tables.
    pub fields: Vec<DumpField<'a>>,
    /// Every table, with its line and what became of it: read as errors or
    /// fields, or left out and why; each column's role and what decided it.
    pub tables: &'a [TableRecord],
}

impl<'a> Dump<'a> {
    /// The dump of `model`.
    pub fn of(model: &'a Model) -> Self {
        Dump {
            errors: model
                .errors
                .iter()
                .map(|r| DumpError {
                    code: &r.code,
                    status: r.status,
                    reason: &r.reason,
                    description: &r.description.primary().plain,
                    remedy: &r.remedy.primary().plain,
                    cause: &r.cause.primary().plain,
                    message: &r.message.primary().plain,
                    name: r.name.as_deref(),
                    value: r.value,
                    section: r.section.as_deref(),
                    line: r.line,
                    status_line: r.status_line,
                    status_column: r.status_column,
                    translations: model.languages[1..]
                        .iter()
                        .map(String::as_str)
                        .zip(r.description.each().skip(1).map(|t| t.plain.as_str()))
                        .collect(),
                    remedy_translations: by_lang(&model.languages, &r.remedy),
                    cause_translations: by_lang(&model.languages, &r.cause),
                    message_translations: by_lang(&model.languages, &r.message),
                    listed_in: (model.languages.len() > 1).then(|| {
                        r.listed_in
                            .iter()
                            .filter_map(|&i| model.languages.get(i).map(String::as_str))
                            .collect()
                    }),
                })
                .collect(),
            fields: model
                .fields
                .iter()
                .map(|f| DumpField {
                    name: &f.name,
                    parent: f.parent.as_deref(),
                    description: &f.description.plain,
                    type_name: &f.type_name,
                    line: f.line,
                })
                .collect(),
            tables: &model.tables,
        }
    }

    /// The dump as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        // Plain structs of strings and numbers always serialize.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}
