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

use std::path::Path;

use toml::{Table, Value};

use crate::builder::{Builder, Error};
use crate::diagnostic::Lint;
use crate::vocabulary::Column;

/// The table name under `[package.metadata]`.
pub const METADATA_KEY: &str = "ci-errors-codegen";

/// Reads `dir/Cargo.toml` into a builder rooted at `dir`.
pub fn read_manifest(dir: &Path) -> Result<Builder, Error> {
    let path = dir.join("Cargo.toml");
    let text = std::fs::read_to_string(&path).map_err(|source| Error::Io {
        path: path.clone(),
        source,
    })?;
    let fail = |message: String| Error::Config {
        path: path.clone(),
        message,
    };
    let manifest: Table = text.parse().map_err(|e| fail(format!("not TOML: {e}")))?;
    let settings = settings_of(&manifest)
        .ok_or_else(|| fail(format!("no `[package.metadata.{METADATA_KEY}]` table")))?;
    apply(Builder::new().root(dir), settings).map_err(fail)
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

/// The builder `settings` describe.
fn apply(mut builder: Builder, settings: &Table) -> Result<Builder, String> {
    for (key, value) in settings {
        builder = match key.as_str() {
            "specs" => specs(builder, value)?,
            "language" => builder.language(string(key, value)?),
            "out-file" => builder.out_file(string(key, value)?),
            "checked-in" => builder.checked_in(string(key, value)?),
            "enum-name" => builder.enum_name(string(key, value)?),
            "runtime" => builder.runtime(string(key, value)?),
            "serde-feature" => builder.serde_feature(string(key, value)?),
            "regenerate" => builder.regenerate_command(string(key, value)?),
            "doc-crate" => builder.doc_crate(string(key, value)?),
            "xml-body" => builder.xml_body(boolean(key, value)?),
            "require-xml-body" => builder.require_xml_body(boolean(key, value)?),
            "lenient" => builder.lenient(boolean(key, value)?),
            "header-words" => header_words(builder, value)?,
            "allow" => allow(builder, value)?,
            "accept" => accept(builder, value)?,
            "names" => names(builder, value)?,
            other => {
                return Err(format!(
                    "unknown key `{other}` in `[package.metadata.{METADATA_KEY}]`"
                ))
            }
        };
    }
    Ok(builder)
}

fn specs(mut builder: Builder, value: &Value) -> Result<Builder, String> {
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
        builder = match spec.get("module") {
            Some(module) => builder.module_spec(string(&key("module"), module)?, path),
            None if i == 0 => builder.spec(path),
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
        if let Some(translations) = spec.get("translations") {
            let translations = translations.as_table().ok_or_else(|| {
                format!(
                    "`{}` must be a table of language = path",
                    key("translations")
                )
            })?;
            for (lang, path) in translations {
                builder =
                    builder.translation(lang, string(&key(&format!("translations.{lang}")), path)?);
            }
        }
    }
    Ok(builder)
}

fn header_words(mut builder: Builder, value: &Value) -> Result<Builder, String> {
    let table = value
        .as_table()
        .ok_or("`header-words` must be a table of column = [words]")?;
    for (column, words) in table {
        let column_kind = match column.as_str() {
            "code" => Column::Code,
            "status" => Column::Status,
            "description" => Column::Description,
            "node-name" => Column::NodeName,
            "type" => Column::Type,
            "parent" => Column::Parent,
            other => return Err(format!("unknown column `{other}` in `header-words` (expected code, status, description, node-name, type or parent)")),
        };
        let words = words
            .as_array()
            .ok_or_else(|| format!("`header-words.{column}` must be an array of strings"))?;
        for word in words {
            builder = builder.header_word(
                column_kind,
                string(&format!("header-words.{column}"), word)?,
            );
        }
    }
    Ok(builder)
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

fn allow(mut builder: Builder, value: &Value) -> Result<Builder, String> {
    let names = value
        .as_array()
        .ok_or("`allow` must be an array of warning names")?;
    for name in names {
        builder = builder.allow(lint("allow", name)?);
    }
    Ok(builder)
}

fn accept(mut builder: Builder, value: &Value) -> Result<Builder, String> {
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
        builder = builder.accept(
            lint(&key("lint"), get("lint")?)?,
            string(&key("subject"), get("subject")?)?,
        );
    }
    Ok(builder)
}

fn names(mut builder: Builder, value: &Value) -> Result<Builder, String> {
    let table = value
        .as_table()
        .ok_or("`names` must be a table of code = \"VariantName\"")?;
    for (code, name) in table {
        builder = builder.variant_name(code, string(&format!("names.{code}"), name)?);
    }
    Ok(builder)
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
        let err = apply(Builder::new(), &settings("enum-nam = \"X\"")).unwrap_err();
        assert_eq!(
            err,
            format!("unknown key `enum-nam` in `[package.metadata.{METADATA_KEY}]`")
        );
        let err = apply(Builder::new(), &settings("lenient = \"yes\"")).unwrap_err();
        assert_eq!(err, "`lenient` must be true or false");
        let err = apply(
            Builder::new(),
            &settings("specs = [{ path = \"a.md\", modul = \"v1\" }]"),
        )
        .unwrap_err();
        assert_eq!(err, "unknown key `specs[0].modul`");
        let err = apply(
            Builder::new(),
            &settings("specs = [{ path = \"a.md\" }, { path = \"b.md\" }]"),
        )
        .unwrap_err();
        assert_eq!(
            err,
            "`specs[1].module` is missing: several specs need a module each"
        );
        let err = apply(
            Builder::new(),
            &settings("header-words = { kode = [\"x\"] }"),
        )
        .unwrap_err();
        assert!(err.starts_with("unknown column `kode`"), "{err}");
    }

    #[test]
    fn settings_reach_the_builder() {
        let b = apply(
            Builder::new(),
            &settings("specs = [{ path = \"a.md\", translations = { zh = \"a.zh.md\" } }]\nchecked-in = \"gen/a.rs\"\nregenerate = \"make gen\""),
        )
        .unwrap();
        let inputs: Vec<_> = b.inputs().map(|p| p.to_str().unwrap().to_owned()).collect();
        assert_eq!(inputs, ["a.md", "a.zh.md"]);
        assert_eq!(b.checked_in_path(), Some(Path::new("gen/a.rs")));
        assert_eq!(b.regenerate(), "make gen");
    }
}
