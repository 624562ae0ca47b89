//! What a spec change does to the generated API, for review.
//!
//! Compares [`Api`] summaries of two models.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;

use crate::pipeline::model::Model;
#[cfg(feature = "cli")]
use crate::pipeline::settings::Settings;

/// One code as the generated API exposes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiCode {
    /// The code string.
    pub code: String,
    /// The enum variant.
    pub variant: String,
    /// Its rows, in spec order.
    pub rows: Vec<ApiRow>,
}

/// One row of a code as the generated API exposes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiRow {
    /// The status, if the row has one.
    pub status: Option<u16>,
    /// The reason phrase.
    pub reason: String,
    /// `(language tag, description, remedy)` in every edition, the primary first.
    pub texts: Vec<(String, String, String)>,
}

/// The parts of a generated API that a spec change, or a change of the
/// settings, can touch.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Api {
    /// Codes in order.
    pub codes: Vec<ApiCode>,
    /// Fields of the XML body other than `code` and the extras.
    pub body_fields: Vec<String>,
    /// The enum's path (`ErrorCode`, `v1::ErrorCode`); empty when not known
    /// (an API from a model alone).
    pub enum_path: String,
    /// The editions' language tags, the primary first: the `Lang` variants.
    pub languages: Vec<String>,
    /// Whether the typed XML body is generated.
    pub body: bool,
    /// The Cargo features generated impls are gated on, by what they gate
    /// (`serde`, `http`); `None` where the impls are not generated.
    pub features: Vec<(String, Option<String>)>,
}

impl Api {
    /// The API a model generates under `settings`, whose enum is in `module`.
    #[cfg(feature = "cli")]
    pub(crate) fn of(model: &Model, settings: &Settings, module: Option<&str>) -> Self {
        let emit = &settings.emit;
        let mut api = Api::from_model(model);
        api.enum_path = match module {
            Some(module) => format!("{module}::{}", emit.enum_name),
            None => emit.enum_name.clone(),
        };
        api.body = emit.xml_body && model.body.is_some();
        if !api.body {
            api.body_fields.clear();
        }
        api.features = vec![
            ("serde".to_owned(), emit.serde_feature.clone()),
            ("http".to_owned(), emit.http_feature.clone()),
            ("body".to_owned(), emit.body_feature.clone()),
        ];
        api
    }

    /// The API a model generates, as far as the model decides it (not the
    /// enum's name or the features, which the settings give).
    pub fn from_model(model: &Model) -> Self {
        let codes = model
            .codes
            .iter()
            .map(|c| ApiCode {
                code: c.code.clone(),
                variant: c.variant.clone(),
                rows: model
                    .rows_of(c)
                    .map(|r| ApiRow {
                        status: r.status,
                        reason: r.reason.clone(),
                        texts: model
                            .languages
                            .iter()
                            .zip(r.description.each().zip(r.remedy.each()))
                            .map(|(lang, (d, m))| (lang.clone(), d.plain.clone(), m.plain.clone()))
                            .collect(),
                    })
                    .collect(),
            })
            .collect();
        let body_fields = model
            .body
            .iter()
            .flat_map(|b| b.fields.iter().map(|f| f.field.clone()))
            .collect();
        Api {
            codes,
            body_fields,
            enum_path: String::new(),
            languages: model.languages.clone(),
            body: model.body.is_some(),
            features: Vec::new(),
        }
    }
}

/// One change, in a form both the markdown and the JSON report use.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Change {
    /// A new code.
    CodeAdded {
        /// The code.
        code: String,
        /// Its variant.
        variant: String,
        /// Its statuses.
        statuses: Vec<u16>,
    },
    /// A code gone: breaking.
    CodeRemoved {
        /// The code.
        code: String,
        /// Its variant.
        variant: String,
    },
    /// A code whose variant name changed, or a code replaced by one with the same rows: breaking.
    VariantRenamed {
        /// Old code.
        old_code: String,
        /// New code.
        new_code: String,
        /// Old variant.
        old_variant: String,
        /// New variant.
        new_variant: String,
    },
    /// A status added to a code.
    StatusAdded {
        /// The code.
        code: String,
        /// The status.
        status: u16,
    },
    /// A status removed from a code.
    StatusRemoved {
        /// The code.
        code: String,
        /// The status.
        status: u16,
    },
    /// A reason phrase changed.
    ReasonChanged {
        /// The code.
        code: String,
        /// The status.
        status: u16,
        /// Before.
        old: String,
        /// After.
        new: String,
    },
    /// A description changed.
    DescriptionChanged {
        /// The code.
        code: String,
        /// The status, if the row has one.
        status: Option<u16>,
        /// The edition's language tag, the primary's included.
        lang: String,
        /// Whether it is a translation rather than the primary edition.
        translation: bool,
        /// Before.
        old: String,
        /// After.
        new: String,
    },
    /// A remedy changed.
    RemedyChanged {
        /// The code.
        code: String,
        /// The status, if the row has one.
        status: Option<u16>,
        /// The edition's language tag, the primary's included.
        lang: String,
        /// Whether it is a translation rather than the primary edition.
        translation: bool,
        /// Before.
        old: String,
        /// After.
        new: String,
    },
    /// A new field of the XML body.
    FieldAdded {
        /// The Rust field.
        field: String,
    },
    /// A field of the XML body gone: breaking.
    FieldRemoved {
        /// The Rust field.
        field: String,
    },
    /// The enum's name or module changed (settings `enum-name`, `module`): breaking.
    EnumRenamed {
        /// The old path.
        old: String,
        /// The new path.
        new: String,
    },
    /// A new edition, a new `Lang` variant (`Lang` is `#[non_exhaustive]`).
    EditionAdded {
        /// Its language tag.
        lang: String,
    },
    /// An edition gone, and its `Lang` variant: breaking.
    EditionRemoved {
        /// Its language tag.
        lang: String,
    },
    /// The typed XML body generated where it was not.
    BodyAdded,
    /// The typed XML body no longer generated: breaking.
    BodyRemoved,
    /// The feature that gates an impl changed; breaking when it was
    /// gated before (the old feature name no longer turns it on).
    FeatureChanged {
        /// What the feature gates (`serde`, `http`).
        gates: String,
        /// The old feature, `None` for impls not generated.
        old: Option<String>,
        /// The new feature, `None` for impls not generated.
        new: Option<String>,
    },
}

impl Change {
    /// Whether code that compiled before may not compile after.
    pub fn is_breaking(&self) -> bool {
        matches!(
            self,
            Change::CodeRemoved { .. }
                | Change::VariantRenamed { .. }
                | Change::FieldRemoved { .. }
                | Change::EnumRenamed { .. }
                | Change::EditionRemoved { .. }
                | Change::BodyRemoved
                | Change::FeatureChanged { old: Some(_), .. }
        )
    }
}

impl Api {
    /// Every change from `self` to `new`, codes in the new spec's order, then removals.
    pub fn diff(&self, new: &Api) -> Vec<Change> {
        diff(self, new)
    }
}

impl Change {
    /// `changes` as markdown, ready to paste into a review; codes are named
    /// as variants of `enum_name`.
    pub fn to_markdown(changes: &[Change], enum_name: &str) -> String {
        to_markdown(changes, enum_name)
    }
}

/// Every change from `old` to `new`, codes in the new spec's order, then removals.
fn diff(old: &Api, new: &Api) -> Vec<Change> {
    let old_by_code: HashMap<&str, &ApiCode> =
        old.codes.iter().map(|c| (c.code.as_str(), c)).collect();
    let (renamed_to, still_removed) = renames(old, new);
    let mut changes = surface_changes(old, new);
    for new_code in &new.codes {
        if let Some(gone) = renamed_to.get(new_code.code.as_str()) {
            changes.push(renamed(gone, new_code));
            continue;
        }
        let Some(old_code) = old_by_code.get(new_code.code.as_str()) else {
            changes.push(Change::CodeAdded {
                code: new_code.code.clone(),
                variant: new_code.variant.clone(),
                statuses: new_code.rows.iter().filter_map(|r| r.status).collect(),
            });
            continue;
        };
        if old_code.variant != new_code.variant {
            changes.push(renamed(old_code, new_code));
        }
        code_changes(old_code, new_code, &mut changes);
    }
    // Removals in the old spec's order.
    for gone in still_removed {
        changes.push(Change::CodeRemoved {
            code: gone.code.clone(),
            variant: gone.variant.clone(),
        });
    }
    let old_fields: BTreeSet<&String> = old.body_fields.iter().collect();
    let new_fields: BTreeSet<&String> = new.body_fields.iter().collect();
    for field in new.body_fields.iter().filter(|f| !old_fields.contains(f)) {
        changes.push(Change::FieldAdded {
            field: field.clone(),
        });
    }
    for field in old.body_fields.iter().filter(|f| !new_fields.contains(f)) {
        changes.push(Change::FieldRemoved {
            field: field.clone(),
        });
    }
    changes
}

/// Changes of what the settings decide: the enum's path, the editions,
/// the body, the features. An API whose enum path is not known (one from a
/// model alone) compares neither path nor features.
fn surface_changes(old: &Api, new: &Api) -> Vec<Change> {
    let mut changes = Vec::new();
    let known = !old.enum_path.is_empty() && !new.enum_path.is_empty();
    if known && old.enum_path != new.enum_path {
        changes.push(Change::EnumRenamed {
            old: old.enum_path.clone(),
            new: new.enum_path.clone(),
        });
    }
    // An empty old API (a spec new since then) has no editions to compare.
    if !old.codes.is_empty() {
        for lang in new.languages.iter().filter(|l| !old.languages.contains(l)) {
            changes.push(Change::EditionAdded { lang: lang.clone() });
        }
        for lang in old.languages.iter().filter(|l| !new.languages.contains(l)) {
            changes.push(Change::EditionRemoved { lang: lang.clone() });
        }
        match (old.body, new.body) {
            (false, true) => changes.push(Change::BodyAdded),
            (true, false) => changes.push(Change::BodyRemoved),
            _ => {}
        }
    }
    if known {
        for (gates, new_feature) in &new.features {
            let old_feature = old
                .features
                .iter()
                .find(|(g, _)| g == gates)
                .and_then(|(_, f)| f.clone());
            if old_feature != *new_feature {
                changes.push(Change::FeatureChanged {
                    gates: gates.clone(),
                    old: old_feature,
                    new: new_feature.clone(),
                });
            }
        }
    }
    changes
}

/// Codes gone from `old` that reappear in `new` under another code with the
/// very same rows (a rename), by new code; and the codes simply removed.
fn renames<'a>(old: &'a Api, new: &'a Api) -> (HashMap<&'a str, &'a ApiCode>, Vec<&'a ApiCode>) {
    type Shape = Vec<(Option<u16>, String)>;
    let old_codes: BTreeSet<&str> = old.codes.iter().map(|c| c.code.as_str()).collect();
    let new_codes: BTreeSet<&str> = new.codes.iter().map(|c| c.code.as_str()).collect();
    let shape = |c: &ApiCode| -> Shape {
        c.rows
            .iter()
            .map(|r| {
                (
                    r.status,
                    r.texts.first().map(|t| t.1.clone()).unwrap_or_default(),
                )
            })
            .collect()
    };
    let mut added_by_shape: HashMap<Shape, Vec<&ApiCode>> = HashMap::new();
    for code in new.codes.iter().rev() {
        if !old_codes.contains(code.code.as_str()) {
            added_by_shape.entry(shape(code)).or_default().push(code);
        }
    }
    let mut renamed_to: HashMap<&str, &ApiCode> = HashMap::new();
    let mut still_removed = Vec::new();
    for gone in old
        .codes
        .iter()
        .filter(|c| !new_codes.contains(c.code.as_str()))
    {
        match added_by_shape.get_mut(&shape(gone)).and_then(Vec::pop) {
            Some(new_code) => {
                renamed_to.insert(new_code.code.as_str(), gone);
            }
            None => still_removed.push(gone),
        }
    }
    (renamed_to, still_removed)
}

fn renamed(old: &ApiCode, new: &ApiCode) -> Change {
    Change::VariantRenamed {
        old_code: old.code.clone(),
        new_code: new.code.clone(),
        old_variant: old.variant.clone(),
        new_variant: new.variant.clone(),
    }
}

/// Changes to the rows of a code both sides have: statuses added and
/// removed, reasons, descriptions and remedies changed. Rows are matched by
/// status and, among rows of one status (or of none), by order.
fn code_changes(old_code: &ApiCode, new_code: &ApiCode, changes: &mut Vec<Change>) {
    let code = || new_code.code.clone();
    for (nth, row) in nth_of_status(&new_code.rows) {
        let Some(old) = nth_of_status(&old_code.rows)
            .find(|(n, r)| *n == nth && r.status == row.status)
            .map(|(_, r)| r)
        else {
            if let (Some(status), 0) = (row.status, nth) {
                changes.push(Change::StatusAdded {
                    code: code(),
                    status,
                });
            }
            continue;
        };
        if let (Some(status), true) = (row.status, old.reason != row.reason) {
            changes.push(Change::ReasonChanged {
                code: code(),
                status,
                old: old.reason.clone(),
                new: row.reason.clone(),
            });
        }
        text_changes(&code(), row.status, old, row, changes);
    }
    let mut gone: Vec<u16> = Vec::new();
    for status in old_code.rows.iter().filter_map(|r| r.status) {
        if !new_code.rows.iter().any(|r| r.status == Some(status)) && !gone.contains(&status) {
            gone.push(status);
            changes.push(Change::StatusRemoved {
                code: code(),
                status,
            });
        }
    }
}

/// Each row with its position among the rows of its status.
fn nth_of_status(rows: &[ApiRow]) -> impl Iterator<Item = (usize, &ApiRow)> {
    rows.iter().enumerate().map(move |(i, row)| {
        (
            rows[..i].iter().filter(|r| r.status == row.status).count(),
            row,
        )
    })
}

/// Description and remedy changes of one row, in every edition both sides have.
fn text_changes(
    code: &str,
    status: Option<u16>,
    old: &ApiRow,
    new: &ApiRow,
    changes: &mut Vec<Change>,
) {
    for (i, (lang, description, remedy)) in new.texts.iter().enumerate() {
        let Some((_, old_description, old_remedy)) = old.texts.iter().find(|(l, ..)| l == lang)
        else {
            continue;
        };
        let translation = i > 0;
        if old_description != description {
            changes.push(Change::DescriptionChanged {
                code: code.to_owned(),
                status,
                lang: lang.clone(),
                translation,
                old: old_description.clone(),
                new: description.clone(),
            });
        }
        if old_remedy != remedy {
            changes.push(Change::RemedyChanged {
                code: code.to_owned(),
                status,
                lang: lang.clone(),
                translation,
                old: old_remedy.clone(),
                new: remedy.clone(),
            });
        }
    }
}

/// `` - `Code` 403: description (zh) "old" → "new" ``; no status or tag where there is none.
fn text_line(
    what: &str,
    code: &str,
    status: Option<u16>,
    lang: Option<&String>,
    old: &str,
    new: &str,
) -> String {
    let status = status.map_or_else(String::new, |s| format!(" {s}"));
    let lang = lang.map_or_else(String::new, |l| format!(" ({l})"));
    format!("- `{code}`{status}: {what}{lang} \"{old}\" → \"{new}\"")
}

/// The changes as markdown, ready to paste into a review.
fn to_markdown(changes: &[Change], enum_name: &str) -> String {
    let mut out = String::from("### Error-code API changes\n\n");
    if changes.is_empty() {
        out.push_str("No API changes.\n");
        return out;
    }
    let breaking = changes.iter().filter(|c| c.is_breaking()).count();
    if breaking > 0 {
        let _ = writeln!(out, "**{breaking} breaking change(s).**\n");
    } else {
        out.push_str("No breaking changes.\n\n");
    }
    for change in changes {
        let line = match change {
            Change::CodeAdded { code, variant, statuses } if statuses.is_empty() => {
                format!("- Added code `{code}` (`{enum_name}::{variant}`)")
            }
            Change::CodeAdded { code, variant, statuses } => format!(
                "- Added code `{code}` (`{enum_name}::{variant}`), status {}",
                statuses.iter().map(u16::to_string).collect::<Vec<_>>().join(", ")
            ),
            Change::CodeRemoved { code, variant } => {
                format!("- **breaking:** removed code `{code}` (`{enum_name}::{variant}`)")
            }
            Change::VariantRenamed { old_code, new_code, old_variant, new_variant } if old_variant == new_variant => format!(
                "- **breaking:** `{enum_name}::{new_variant}` now stands for code `{new_code}` (was `{old_code}`), so `{old_code}` no longer parses"
            ),
            Change::VariantRenamed { old_code, new_code, old_variant, new_variant } => format!(
                "- **breaking:** renamed `{enum_name}::{old_variant}` → `{enum_name}::{new_variant}` (code `{old_code}` → `{new_code}`)"
            ),
            Change::StatusAdded { code, status } => format!("- `{code}`: status {status} added"),
            Change::StatusRemoved { code, status } => format!("- `{code}`: status {status} removed"),
            Change::ReasonChanged { code, status, old, new } => {
                format!("- `{code}` {status}: reason `{old}` → `{new}`")
            }
            Change::DescriptionChanged { code, status, lang, translation, old, new } => {
                text_line("description", code, *status, translation.then_some(lang), old, new)
            }
            Change::RemedyChanged { code, status, lang, translation, old, new } => {
                text_line("remedy", code, *status, translation.then_some(lang), old, new)
            }
            Change::FieldAdded { field } => format!("- `ErrorResponse`: field `{field}` added"),
            Change::FieldRemoved { field } => {
                format!("- **breaking:** `ErrorResponse`: field `{field}` removed")
            }
            Change::EnumRenamed { old, new } => {
                format!("- **breaking:** the enum `{old}` is now `{new}`")
            }
            Change::EditionAdded { lang } => format!("- Edition `{lang}` added (a new `Lang` variant)"),
            Change::EditionRemoved { lang } => {
                format!("- **breaking:** edition `{lang}` removed, and its `Lang` variant")
            }
            Change::BodyAdded => "- The typed body `ErrorResponse` added".to_owned(),
            Change::BodyRemoved => "- **breaking:** the typed body `ErrorResponse` removed".to_owned(),
            Change::FeatureChanged { gates, old, new } => {
                let name = |f: &Option<String>| {
                    f.as_ref().map_or_else(|| "none".to_owned(), |f| format!("`{f}`"))
                };
                let breaking = if old.is_some() { "**breaking:** " } else { "" };
                format!(
                    "- {breaking}the `{gates}` impls' feature: {} → {}",
                    name(old),
                    name(new)
                )
            }
        };
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[cfg(all(test, feature = "cli"))]
mod tests {
    use super::*;
    use crate::pipeline::spec::SpecText;

    const SPEC: &str = "## Response body\n\n| Node Name | Parent Node | Description | Type |\n| --- | --- | --- | --- |\n| Error | None | The document | Container |\n| Code | Error | The code | string |\n| Resource | Error | The resource | string |\n\n## Error codes\n\n| Error Code | Description | HTTP Status Code |\n| --- | --- | --- |\n| NoSuchKey | Gone. | 404 Not Found |\n";

    #[test]
    fn the_body_fields_are_the_api_only_where_the_body_is_generated() {
        let mut settings = Settings::default();
        let model = crate::pipeline::read(SpecText::new("a.md", SPEC), &settings)
            .unwrap()
            .model;
        let api = Api::of(&model, &settings, Some("errors"));
        assert!(api.body);
        assert_eq!(api.body_fields, Api::from_model(&model).body_fields);
        assert!(!api.body_fields.is_empty());
        assert_eq!(
            api.enum_path,
            format!("errors::{}", settings.emit.enum_name)
        );
        settings.emit.xml_body = false;
        let api = Api::of(&model, &settings, None);
        assert!(!api.body);
        assert!(api.body_fields.is_empty());
        assert_eq!(api.enum_path, settings.emit.enum_name);
    }
}
