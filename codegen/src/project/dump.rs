//! The schema of `ci-errors-codegen dump`: a spec's model as JSON, for
//! tools and for the corpus's expected output.

use crate::pipeline::model::{Model, Texts};

/// Language tag → text.
type ByLang<'a> = std::collections::BTreeMap<&'a str, &'a str>;

/// One error row of a [`Dump`].
#[derive(Debug, serde::Serialize)]
#[non_exhaustive]
pub struct DumpError<'a> {
    /// `code`.
    pub code: &'a str,
    /// `null` for a code without a status.
    pub status: Option<u16>,
    /// `reason`.
    pub reason: &'a str,
    /// `description`.
    pub description: &'a str,
    /// The other roles, each shown when the row has it.
    #[serde(skip_serializing_if = "str::is_empty")]
    pub remedy: &'a str,
    /// `cause`.
    #[serde(skip_serializing_if = "str::is_empty")]
    pub cause: &'a str,
    /// `message`.
    #[serde(skip_serializing_if = "str::is_empty")]
    pub message: &'a str,
    /// `name`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<&'a str>,
    /// `value`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<i64>,
    /// `section`.
    pub section: Option<&'a str>,
    /// `line`.
    pub line: usize,
    /// Where the status number is: a cell with several statuses gives a row for each.
    pub status_line: Option<usize>,
    /// `status_column`.
    pub status_column: Option<usize>,
    /// Language tag → description, for each translation.
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub translations: ByLang<'a>,
    /// Language tag → remedy, cause and message, for each translation, when the row has them.
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub remedy_translations: ByLang<'a>,
    /// `cause_translations`.
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub cause_translations: ByLang<'a>,
    /// `message_translations`.
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub message_translations: ByLang<'a>,
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
    /// `name`.
    pub name: &'a str,
    /// `parent`.
    pub parent: Option<&'a str>,
    /// `description`.
    pub description: &'a str,
    /// `type_name`.
    #[serde(rename = "type")]
    pub type_name: &'a str,
    /// `line`.
    pub line: usize,
}

/// A spec's model as `ci-errors-codegen dump` prints it: the schema of its JSON.
#[derive(Debug, serde::Serialize)]
#[non_exhaustive]
pub struct Dump<'a> {
    /// `errors`.
    pub errors: Vec<DumpError<'a>>,
    /// `fields`.
    pub fields: Vec<DumpField<'a>>,
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
        }
    }

    /// The dump as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        // Plain structs of strings and numbers always serialize.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}
