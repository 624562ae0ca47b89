//! The generator's settings in a project's `Cargo.toml`, under
//! `[package.metadata.ci-errors-codegen]`: the one place that the build
//! script ([`Builder::from_manifest`]) and the command-line tool both read.
//!
//! ```toml
//! [package.metadata.ci-errors-codegen]
//! specs = [{ path = "spec/errors.md", translations = { zh = "spec/errors.zh.md" } }]
//! checked-in = "generated/errors.rs"   # the copy for review; `generate` writes it
//! out-file = "errors.rs"               # in OUT_DIR
//! enum-name = "ErrorCode"
//! header-words = { code = ["Problem Type"] }
//! ```
//!
//! Keys: `specs` (each `path`, optional `module`, optional `translations`),
//! `language`, `out-file`, `checked-in`, `enum-name`, `runtime`,
//! `serde-feature`, `doc-crate`, `xml-body`, `require-xml-body`, `lenient`, `regenerate`,
//! `header-words` (column → words; columns `code`, `status`, `description`,
//! `node-name`, `type`, `parent`), `names` (code → variant name), `allow`
//! (warning names), `accept` (`{ lint, subject }` tables). An unknown key is an error, so a typo
//! does not go unnoticed.

use std::path::{Path, PathBuf};

use toml::{Table, Value};

use crate::error::Error;
use crate::pipeline::diagnostic::Lint;
use crate::pipeline::layout::vocabulary::Column;
use crate::pipeline::settings::Settings;

/// The table name under `[package.metadata]`.
pub const METADATA_KEY: &str = "ci-errors-codegen";

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

/// The settings in `text`, the manifest at `path` (named in errors).
pub(crate) fn parse_manifest(path: &Path, text: &str) -> Result<Manifest, Error> {
    let fail = |message: String| Error::Config {
        path: path.to_path_buf(),
        message,
    };
    let manifest: Table = text.parse().map_err(|e| fail(format!("not TOML: {e}")))?;
    let settings = settings_of(&manifest)
        .ok_or_else(|| fail(format!("no `[package.metadata.{METADATA_KEY}]` table")))?;
    apply(settings).map_err(fail)
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
pub fn has_settings(dir: &Path) -> bool {
    std::fs::read_to_string(dir.join("Cargo.toml"))
        .ok()
        .and_then(|text| text.parse::<Table>().ok())
        .is_some_and(|manifest| settings_of(&manifest).is_some())
}

/// Every key of the settings table.
const KEYS: &[&str] = &[
    "specs",
    "language",
    "out-file",
    "checked-in",
    "enum-name",
    "runtime",
    "serde-feature",
    "http-feature",
    "request-id-headers",
    "trace-id-headers",
    "retry",
    "regenerate",
    "doc-crate",
    "xml-body",
    "require-xml-body",
    "lenient",
    "header-words",
    "allow",
    "accept",
    "names",
];

/// `; did you mean `x`?` for the known word nearest to `word`, when one is
/// near (an edit or two away), else nothing.
fn suggestion(word: &str, known: &[&str]) -> String {
    let nearest = known
        .iter()
        .map(|k| (edit_distance(word, k), *k))
        .min()
        .filter(|(d, _)| *d <= 2);
    nearest.map_or_else(String::new, |(_, k)| format!("; did you mean `{k}`?"))
}

/// Levenshtein distance between two short words.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (row[j + 1] + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// The manifest `settings` describe.
fn apply(settings: &Table) -> Result<Manifest, String> {
    let mut m = Manifest::default();
    for (key, value) in settings {
        let owned = |v: &Value| string(key, v).map(str::to_owned);
        let s = &mut m.settings;
        match key.as_str() {
            "specs" => m.specs = specs(value)?,
            "language" => s.read.language = Some(owned(value)?),
            "out-file" => m.out_file = Some(owned(value)?),
            "checked-in" => m.checked_in = Some(PathBuf::from(owned(value)?)),
            "enum-name" => s.emit.enum_name = owned(value)?,
            "runtime" => s.emit.runtime = owned(value)?,
            "serde-feature" => s.emit.serde_feature = Some(owned(value)?),
            "http-feature" => s.emit.http_feature = Some(owned(value)?),
            "request-id-headers" => s.emit.request_id_headers = strings(key, value)?,
            "trace-id-headers" => s.emit.trace_id_headers = strings(key, value)?,
            "retry" => retry(s, value)?,
            "regenerate" => s.regenerate = owned(value)?,
            "doc-crate" => s.emit.doc_path = Some(owned(value)?),
            "xml-body" => s.emit.xml_body = boolean(key, value)?,
            "require-xml-body" => s.require_xml_body = boolean(key, value)?,
            "lenient" => s.read.lenient = boolean(key, value)?,
            "header-words" => header_words(s, value)?,
            "allow" => allow(s, value)?,
            "accept" => accept(s, value)?,
            "names" => names(s, value)?,
            other => {
                return Err(format!(
                    "unknown key `{other}` in `[package.metadata.{METADATA_KEY}]`{}",
                    suggestion(other, KEYS)
                ))
            }
        }
    }
    Ok(m)
}

fn specs(value: &Value) -> Result<Vec<SpecPaths>, String> {
    let mut paths = Vec::new();
    let specs = value
        .as_array()
        .ok_or("`specs` must be an array of tables")?;
    for (i, spec) in specs.iter().enumerate() {
        let spec = spec
            .as_table()
            .ok_or_else(|| format!("`specs[{i}]` must be a table"))?;
        let key = |name: &str| format!("specs[{i}].{name}");
        let path = string(
            &key("path"),
            spec.get("path")
                .ok_or_else(|| format!("`{}` is missing", key("path")))?,
        )?;
        let module = match spec.get("module") {
            Some(module) => Some(string(&key("module"), module)?.to_owned()),
            None if i == 0 => None,
            None => {
                return Err(format!(
                    "`{}` is missing: several specs need a module each",
                    key("module")
                ))
            }
        };
        if let Some(name) = spec
            .keys()
            .find(|k| !["path", "module", "translations"].contains(&k.as_str()))
        {
            return Err(format!("unknown key `{}`", key(name)));
        }
        let mut spec_paths = SpecPaths {
            module,
            path: PathBuf::from(path),
            translations: Vec::new(),
        };
        if let Some(translations) = spec.get("translations") {
            let translations = translations.as_table().ok_or_else(|| {
                format!(
                    "`{}` must be a table of language = path",
                    key("translations")
                )
            })?;
            for (lang, path) in translations {
                let path = string(&key(&format!("translations.{lang}")), path)?;
                spec_paths
                    .translations
                    .push((lang.clone(), PathBuf::from(path)));
            }
        }
        paths.push(spec_paths);
    }
    Ok(paths)
}

fn header_words(settings: &mut Settings, value: &Value) -> Result<(), String> {
    let table = value
        .as_table()
        .ok_or("`header-words` must be a table of column = [words]")?;
    for (column, words) in table {
        let column_kind = match column.as_str() {
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
        };
        let words = words
            .as_array()
            .ok_or_else(|| format!("`header-words.{column}` must be an array of strings"))?;
        for word in words {
            let word = string(&format!("header-words.{column}"), word)?;
            settings.read.vocabulary.add(column_kind, word);
        }
    }
    Ok(())
}

fn lint(key: &str, value: &Value) -> Result<Lint, String> {
    let name = string(key, value)?;
    Lint::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = Lint::ALL.iter().map(|l| l.name()).collect();
        format!(
            "`{key}`: unknown warning `{name}` (known: {})",
            names.join(", ")
        )
    })
}

/// An array of strings.
fn strings(key: &str, value: &Value) -> Result<Vec<String>, String> {
    let items = value
        .as_array()
        .ok_or_else(|| format!("`{key}` must be an array of strings"))?;
    items
        .iter()
        .map(|v| string(key, v).map(str::to_owned))
        .collect()
}

/// `retry = { throttling = ["Code", …], transient = ["Code", …] }`.
fn retry(settings: &mut Settings, value: &Value) -> Result<(), String> {
    let table = value
        .as_table()
        .ok_or("`retry` must be a table: `{ throttling = [codes], transient = [codes] }`")?;
    for (class, codes) in table {
        let codes = strings(&format!("retry.{class}"), codes)?;
        match class.as_str() {
            "throttling" => settings.emit.throttling = codes,
            "transient" => settings.emit.transient = codes,
            other => {
                return Err(format!(
                    "unknown retry class `{other}`: the classes are `throttling` and `transient`"
                ))
            }
        }
    }
    Ok(())
}

fn allow(settings: &mut Settings, value: &Value) -> Result<(), String> {
    let names = value
        .as_array()
        .ok_or("`allow` must be an array of warning names")?;
    for name in names {
        settings.allowed.push(lint("allow", name)?);
    }
    Ok(())
}

fn accept(settings: &mut Settings, value: &Value) -> Result<(), String> {
    let entries = value
        .as_array()
        .ok_or("`accept` must be an array of { lint, subject } tables")?;
    for (i, entry) in entries.iter().enumerate() {
        let key = |name: &str| format!("accept[{i}].{name}");
        let get = |name: &str| {
            entry
                .get(name)
                .ok_or_else(|| format!("`{}` is missing", key(name)))
        };
        settings.accepted.push((
            lint(&key("lint"), get("lint")?)?,
            string(&key("subject"), get("subject")?)?.to_owned(),
        ));
    }
    Ok(())
}

fn names(settings: &mut Settings, value: &Value) -> Result<(), String> {
    let table = value
        .as_table()
        .ok_or("`names` must be a table of code = \"VariantName\"")?;
    for (code, name) in table {
        let name = string(&format!("names.{code}"), name)?;
        settings.read.names.insert(code.clone(), name.to_owned());
    }
    Ok(())
}

fn string<'v>(key: &str, value: &'v Value) -> Result<&'v str, String> {
    value
        .as_str()
        .ok_or_else(|| format!("`{key}` must be a string"))
}

fn boolean(key: &str, value: &Value) -> Result<bool, String> {
    value
        .as_bool()
        .ok_or_else(|| format!("`{key}` must be true or false"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(text: &str) -> Table {
        text.parse().unwrap()
    }

    #[test]
    fn unknown_keys_and_wrong_types_are_named() {
        let err = apply(&settings("enum-nam = \"X\"")).unwrap_err();
        assert_eq!(
            err,
            format!("unknown key `enum-nam` in `[package.metadata.{METADATA_KEY}]`; did you mean `enum-name`?")
        );
        let err = apply(&settings("colour = 1")).unwrap_err();
        assert!(!err.contains("did you mean"), "{err}");
        let err = apply(&settings("lenient = \"yes\"")).unwrap_err();
        assert_eq!(err, "`lenient` must be true or false");
        let err = apply(&settings("specs = [{ path = \"a.md\", modul = \"v1\" }]")).unwrap_err();
        assert_eq!(err, "unknown key `specs[0].modul`");
        let err = apply(&settings(
            "specs = [{ path = \"a.md\" }, { path = \"b.md\" }]",
        ))
        .unwrap_err();
        assert_eq!(
            err,
            "`specs[1].module` is missing: several specs need a module each"
        );
        let err = apply(&settings("header-words = { kode = [\"x\"] }")).unwrap_err();
        assert!(err.starts_with("unknown column `kode`"), "{err}");
    }

    #[test]
    fn settings_reach_the_manifest() {
        let m = apply(
            &settings("specs = [{ path = \"a.md\", translations = { zh = \"a.zh.md\" } }]\nchecked-in = \"gen/a.rs\"\nregenerate = \"make gen\""),
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
    }
}
