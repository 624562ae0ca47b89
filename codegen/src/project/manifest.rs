//! The generator's settings in a project's `Cargo.toml`, under
//! `[package.metadata.ci-errors-codegen]`: the one place that the build
//! script ([`Builder::from_manifest`](crate::Builder::from_manifest)) and the
//! command-line tool both read. Each setting is declared once, as a field of
//! [`ManifestSettings`], whose docs are the settings reference.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::{Table, Value};

use crate::error::Error;
use crate::pipeline::diagnostic::Lint;
use crate::pipeline::layout::vocabulary::Column;
use crate::pipeline::settings::Settings;
use crate::pipeline::source::SourceFile;

/// The table name under `[package.metadata]`.
pub const METADATA_KEY: &str = "ci-errors-codegen";

/// The settings under `[package.metadata.ci-errors-codegen]`, the reference
/// for each key. An unknown key is an error (with the nearest known one
/// suggested), so a typo does not go unnoticed.
///
/// ```toml
/// [package.metadata.ci-errors-codegen]
/// specs = [{ path = "spec/errors.md", translations = { zh = "spec/errors.zh.md" } }]
/// checked-in = "generated/errors.rs"   # the copy for review; `generate` writes it
/// enum-name = "ErrorCode"
/// header-words = { code = ["Problem Type"] }
/// accept = [{ lint = "non_standard_reason", subject = "500 Internal Server" }]
/// ```
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[non_exhaustive]
pub struct ManifestSettings {
    /// The specs: each a `path`, its `translations` (`{ zh = "spec/errors.zh.md" }`),
    /// and, when there are several, the `module` each is emitted into.
    #[serde(default)]
    pub specs: Vec<SpecEntry>,
    /// The language tag of the specs (default `en`).
    pub language: Option<String>,
    /// The file written in `OUT_DIR` (default `error_codes.rs`): a file name, no directory.
    pub out_file: Option<String>,
    /// The checked-in copy for review, relative to the crate (such as
    /// `generated/errors.rs`): `generate` writes it, `check` compares it.
    pub checked_in: Option<PathBuf>,
    /// The code enum's name (default `ErrorCode`).
    pub enum_name: Option<String>,
    /// The runtime crate's path in generated code (default `::ci_errors_runtime`).
    pub runtime: Option<String>,
    /// The generated crate's Cargo feature under which codes and bodies
    /// implement `serde`'s traits.
    pub serde_feature: Option<String>,
    /// The generated crate's Cargo feature under which the body implements
    /// the runtime's `http::ErrorBody` (for its `ServiceError`).
    pub http_feature: Option<String>,
    /// The generated crate's Cargo feature under which the body implements
    /// the runtime's `body::ErrorBody` and `ResponseBody` reads a body from
    /// bytes, XML or JSON, without the `http` crate (the `http-feature`
    /// turns it on too).
    pub body_feature: Option<String>,
    /// Response headers that carry the request id when the body lacks it, in order.
    #[serde(default)]
    pub request_id_headers: Vec<String>,
    /// Response headers that carry the trace id when the body lacks it, in order.
    #[serde(default)]
    pub trace_id_headers: Vec<String>,
    /// Retry classes: `{ throttling = [codes], transient = [codes] }`; each
    /// code must be listed by some spec.
    #[serde(default)]
    pub retry: RetryClasses,
    /// The command the generated header and the staleness fix name as the
    /// way to regenerate.
    pub regenerate: Option<String>,
    /// The crate path users name the generated items by (such as
    /// `my_crate`): the docs then carry runnable examples.
    pub doc_crate: Option<String>,
    /// Whether to emit the XML error body from the field tables (default `true`).
    pub xml_body: Option<bool>,
    /// Fail when a spec describes no usable XML body (default `false`).
    #[serde(default)]
    pub require_xml_body: bool,
    /// Skip bad rows with a warning instead of failing (default `false`).
    #[serde(default)]
    pub lenient: bool,
    /// More header words, column → words. Columns: `code`, `status`,
    /// `description`, `remedy`, `cause`, `message`, `name`, `value`,
    /// `node-name`, `type`, `parent`.
    #[serde(default)]
    pub header_words: BTreeMap<String, Vec<String>>,
    /// Variant names chosen for codes, code → name (for a code of non-ASCII
    /// characters, or to settle a collision).
    #[serde(default)]
    pub names: BTreeMap<String, String>,
    /// Warnings silenced by name (such as `status_class_mismatch`).
    #[serde(default)]
    pub allow: Vec<String>,
    /// Single warnings silenced: `{ lint, subject }`, the subject each warning names.
    #[serde(default)]
    pub accept: Vec<Accepted>,
}

/// One entry of `specs`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct SpecEntry {
    /// The spec, relative to the crate.
    pub path: PathBuf,
    /// The module its items go into; required when there are several specs.
    pub module: Option<String>,
    /// Its editions in other languages, language tag → path.
    #[serde(default)]
    pub translations: BTreeMap<String, PathBuf>,
}

/// The `retry` table.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct RetryClasses {
    /// Codes that ask the client to slow down.
    #[serde(default)]
    pub throttling: Vec<String>,
    /// Codes of passing faults on the service's side.
    #[serde(default)]
    pub transient: Vec<String>,
}

/// One entry of `accept`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Accepted {
    /// The warning's name.
    pub lint: String,
    /// The subject it names.
    pub subject: String,
}

/// One spec's files: its path, the module it goes into, and its translations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SpecPaths {
    pub module: Option<String>,
    pub path: PathBuf,
    pub translations: Vec<(String, PathBuf)>,
}

/// What a manifest's settings say: the specs' files, where output goes, and
/// how to read and emit.
#[derive(Debug, Default)]
pub(crate) struct Manifest {
    pub specs: Vec<SpecPaths>,
    pub out_file: Option<String>,
    pub checked_in: Option<PathBuf>,
    pub settings: Settings,
}

/// Reads the settings of `dir/Cargo.toml`.
pub(crate) fn read_manifest(dir: &Path) -> Result<Manifest, Error> {
    let path = dir.join("Cargo.toml");
    let text = std::fs::read_to_string(&path).map_err(|source| Error::Io {
        path: path.clone(),
        source,
    })?;
    parse_manifest(&path, &text)
}

/// The settings in `text`, the manifest at `path` (named in errors, with
/// the line and column of a bad setting).
pub(crate) fn parse_manifest(path: &Path, text: &str) -> Result<Manifest, Error> {
    let fail = |message: String| Error::Config {
        path: path.to_path_buf(),
        message,
    };
    let manifest: Table = text.parse().map_err(|e| fail(format!("not TOML: {e}")))?;
    if settings_of(&manifest).is_none() {
        return Err(fail(format!(
            "no `[package.metadata.{METADATA_KEY}]` table"
        )));
    }
    let parsed: CargoToml = toml::from_str(text).map_err(|e| fail(setting_error(text, &e)))?;
    parsed
        .package
        .metadata
        .settings
        .into_manifest()
        .map_err(fail)
}

/// Just enough of a manifest to reach the settings.
#[derive(Deserialize)]
struct CargoToml {
    package: Package,
}

#[derive(Deserialize)]
struct Package {
    metadata: Metadata,
}

#[derive(Deserialize)]
struct Metadata {
    #[serde(rename = "ci-errors-codegen")]
    settings: ManifestSettings,
}

/// A bad setting, said with its line and column and, for an unknown key,
/// the nearest known one.
fn setting_error(text: &str, error: &toml::de::Error) -> String {
    let message = error.message().trim_end();
    let message = unknown_key(message).unwrap_or_else(|| message.to_owned());
    match error.span() {
        Some(span) => {
            // Columns in characters, as the spec's diagnostics count them.
            let (line, column) = SourceFile::new("Cargo.toml", text).line_column(span.start);
            format!("line {line}, column {column}: {message}")
        }
        None => message,
    }
}

/// The `[package.metadata.ci-errors-codegen]` table of a parsed manifest.
fn settings_of(manifest: &Table) -> Option<&Table> {
    manifest
        .get("package")
        .and_then(|p| p.get("metadata"))
        .and_then(|m| m.get(METADATA_KEY))
        .and_then(Value::as_table)
}

/// Whether `dir/Cargo.toml` is a manifest with generator settings.
pub(crate) fn has_settings(dir: &Path) -> bool {
    std::fs::read_to_string(dir.join("Cargo.toml")).is_ok_and(|text| text_has_settings(&text))
}

/// Whether `text` is a manifest with generator settings.
pub(crate) fn text_has_settings(text: &str) -> bool {
    text.parse::<Table>()
        .is_ok_and(|manifest| settings_of(&manifest).is_some())
}

/// `; did you mean `x`?` for the known word nearest to `word`, when one is
/// near (an edit or two away), else nothing.
fn suggestion(word: &str, known: &[&str]) -> String {
    let nearest = known
        .iter()
        .map(|k| (crate::pipeline::drift::edit_distance(word, k), *k))
        .min()
        .filter(|(d, _)| *d <= 2);
    nearest.map_or_else(String::new, |(_, k)| format!("; did you mean `{k}`?"))
}

/// serde's error for an unknown key (`unknown field `x`, expected one of
/// `a`, `b``), said in the settings' words with the nearest key suggested.
fn unknown_key(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (key, rest) = rest.split_once('`')?;
    let known: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
    Some(format!(
        "unknown key `{key}`{} (known: {})",
        suggestion(key, &known),
        known.join(", ")
    ))
}

impl ManifestSettings {
    /// The settings as the builder holds them: paths apart, the rest checked
    /// (column and warning names) and handed to the pipeline's settings.
    fn into_manifest(self) -> Result<Manifest, String> {
        let mut m = Manifest {
            specs: spec_paths(self.specs)?,
            out_file: self.out_file,
            checked_in: self.checked_in,
            settings: Settings::default(),
        };
        let s = &mut m.settings;
        s.read.language = self.language;
        s.read.lenient = self.lenient;
        s.read.names = self.names;
        for (column, words) in &self.header_words {
            let column = column_named(column)?;
            for word in words {
                s.read.vocabulary.add(column, word);
            }
        }
        let e = &mut s.emit;
        set(&mut e.enum_name, self.enum_name);
        set(&mut e.runtime, self.runtime);
        set(&mut e.xml_body, self.xml_body);
        e.serde_feature = self.serde_feature;
        e.http_feature = self.http_feature;
        e.body_feature = self.body_feature;
        e.doc_path = self.doc_crate;
        e.request_id_headers = self.request_id_headers;
        e.trace_id_headers = self.trace_id_headers;
        e.throttling = self.retry.throttling;
        e.transient = self.retry.transient;
        set(&mut s.regenerate, self.regenerate);
        s.require_xml_body = self.require_xml_body;
        for name in &self.allow {
            s.allowed.push(lint("allow", name)?);
        }
        for (i, entry) in self.accept.into_iter().enumerate() {
            let lint = lint(&format!("accept[{i}].lint"), &entry.lint)?;
            s.accepted.push((lint, entry.subject));
        }
        Ok(m)
    }
}

/// Replaces a default with a value given.
fn set<T>(slot: &mut T, value: Option<T>) {
    if let Some(value) = value {
        *slot = value;
    }
}

fn spec_paths(specs: Vec<SpecEntry>) -> Result<Vec<SpecPaths>, String> {
    specs
        .into_iter()
        .enumerate()
        .map(|(i, spec)| {
            if i > 0 && spec.module.is_none() {
                return Err(format!(
                    "`specs[{i}].module` is missing: several specs need a module each"
                ));
            }
            Ok(SpecPaths {
                module: spec.module,
                path: spec.path,
                translations: spec.translations.into_iter().collect(),
            })
        })
        .collect()
}

fn column_named(name: &str) -> Result<Column, String> {
    Ok(match name {
        "code" => Column::Code,
        "status" => Column::Status,
        "description" => Column::Description,
        "remedy" => Column::Remedy,
        "cause" => Column::Cause,
        "message" => Column::Message,
        "name" => Column::Name,
        "value" => Column::Value,
        "node-name" => Column::NodeName,
        "type" => Column::Type,
        "parent" => Column::Parent,
        other => return Err(format!("unknown column `{other}` in `header-words` (expected code, status, description, remedy, cause, message, name, value, node-name, type or parent)")),
    })
}

fn lint(key: &str, name: &str) -> Result<Lint, String> {
    Lint::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = Lint::ALL.iter().map(|l| l.name()).collect();
        format!(
            "`{key}`: unknown warning `{name}` (known: {})",
            names.join(", ")
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The error `settings` (the table's lines) give, or the manifest.
    fn parse(settings: &str) -> Result<Manifest, String> {
        let text =
            format!("[package]\nname = \"p\"\n\n[package.metadata.{METADATA_KEY}]\n{settings}\n");
        parse_manifest(Path::new("Cargo.toml"), &text).map_err(|e| match e {
            Error::Config { message, .. } => message,
            other => panic!("{other}"),
        })
    }

    #[test]
    fn unknown_keys_and_wrong_types_are_named_with_their_place() {
        let err = parse("enum-nam = \"X\"").unwrap_err();
        assert!(
            err.starts_with("line 5, column 1: unknown key `enum-nam`; did you mean `enum-name`? (known: specs, language,"),
            "{err}"
        );
        let err = parse("colour = 1").unwrap_err();
        assert!(!err.contains("did you mean"), "{err}");
        assert!(err.contains("unknown key `colour`"), "{err}");
        let err = parse("lenient = \"yes\"").unwrap_err();
        assert!(
            err.starts_with("line 5, column 11: invalid type: string \"yes\", expected a boolean"),
            "{err}"
        );
        let err = parse("specs = [{ path = \"a.md\", modul = \"v1\" }]").unwrap_err();
        assert!(
            err.contains("unknown key `modul`; did you mean `module`?"),
            "{err}"
        );
        let err = parse("specs = [{ path = \"a.md\" }, { path = \"b.md\" }]").unwrap_err();
        assert_eq!(
            err,
            "`specs[1].module` is missing: several specs need a module each"
        );
        let err = parse("header-words = { kode = [\"x\"] }").unwrap_err();
        assert!(err.starts_with("unknown column `kode`"), "{err}");
        let err = parse("allow = [\"no_such_lint\"]").unwrap_err();
        assert!(
            err.starts_with("`allow`: unknown warning `no_such_lint`"),
            "{err}"
        );
        let err = parse("retry = { slow = [\"X\"] }").unwrap_err();
        assert!(err.contains("unknown key `slow`"), "{err}");
    }

    #[test]
    fn settings_reach_the_manifest() {
        let m = parse(
            "specs = [{ path = \"a.md\", translations = { zh = \"a.zh.md\" } }]\nchecked-in = \"gen/a.rs\"\nregenerate = \"make gen\"\nenum-name = \"Api\"\nxml-body = false\nretry = { transient = [\"Busy\"] }\naccept = [{ lint = \"non_standard_reason\", subject = \"500 X\" }]",
        )
        .unwrap();
        assert_eq!(
            m.specs,
            [SpecPaths {
                module: None,
                path: "a.md".into(),
                translations: vec![("zh".to_owned(), "a.zh.md".into())],
            }]
        );
        assert_eq!(m.checked_in.as_deref(), Some(Path::new("gen/a.rs")));
        assert_eq!(m.settings.regenerate, "make gen");
        assert_eq!(m.settings.emit.enum_name, "Api");
        assert!(!m.settings.emit.xml_body);
        assert_eq!(m.settings.emit.transient, ["Busy"]);
        assert_eq!(
            m.settings.accepted,
            [(Lint::NonStandardReason, "500 X".to_owned())]
        );
        // Defaults stay where a setting is not given.
        let m = parse("specs = [{ path = \"a.md\" }]").unwrap();
        assert_eq!(m.settings.emit.enum_name, "ErrorCode");
        assert!(m.settings.emit.xml_body);
    }
}
