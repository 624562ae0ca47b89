//! `init`: turns an existing crate into a generated one for a spec of its
//! own, in one step. It writes the settings and dependencies into
//! `Cargo.toml`, a `build.rs`, the `include!` in `src/lib.rs`, the first
//! checked-in copy, and a staleness test that needs no dev-dependency.
//!
//! Everything is checked before anything is written: the spec must read, and
//! no file `init` would write may exist already (it never overwrites).

use std::path::{Path, PathBuf};

use toml_edit::{value, Array, DocumentMut, InlineTable, Item, Table};

use crate::error::Error;
use crate::project::builder::{slash_path, Builder};
use crate::project::checked_in::write_if_changed;
use crate::project::manifest::METADATA_KEY;

/// Where an adopted crate takes the generator and the runtime from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dependencies {
    /// The registry, at this generator's version.
    Registry,
    /// A checkout of this repository (the directory holding `codegen/`).
    Checkout(PathBuf),
}

/// What `ci-errors-codegen init` does, as a library call.
///
/// ```no_run
/// let written = ci_errors_codegen::Init::new("my-crate", "spec/errors.md")
///     .enum_name("CosError")
///     .run()?;
/// # Ok::<(), ci_errors_codegen::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Init {
    dir: PathBuf,
    spec: PathBuf,
    translations: Vec<(String, PathBuf)>,
    enum_name: Option<String>,
    dependencies: Dependencies,
}

/// The test `init` writes: the build script has generated the file into
/// `OUT_DIR` already, so comparing it with the checked-in copy costs one
/// small test binary and no dependency.
const STALENESS_TEST: &str = r#"//! The checked-in copy is what the build generates from the spec now: a spec
//! edit that was not followed by `ci-errors-codegen generate` fails here.
//! Written by `ci-errors-codegen init`; it needs no dev-dependency, since the
//! build script has already generated the file into `OUT_DIR`.

#[test]
fn the_checked_in_copy_is_current() {
    let built = include_str!(concat!(env!("OUT_DIR"), "/{out_file}"));
    let checked_in = include_str!("../{checked_in}");
    assert!(
        built.replace("\r\n", "\n") == checked_in.replace("\r\n", "\n"),
        "{checked_in} is stale: run `ci-errors-codegen generate` in this crate's directory"
    );
}
"#;

const BUILD_SCRIPT: &str = r#"//! Generates `{out_file}` into `OUT_DIR` from the spec, with the settings in
//! `Cargo.toml` (`[package.metadata.ci-errors-codegen]`). Written by
//! `ci-errors-codegen init`.

fn main() -> std::process::ExitCode {
    match ci_errors_codegen::Builder::from_manifest(".") {
        Ok(builder) => builder.build_script(),
        Err(error) => {
            eprintln!("{error}");
            std::process::ExitCode::FAILURE
        }
    }
}
"#;

impl Init {
    /// Adopts the crate in `dir` for the spec at `spec` (relative to `dir`).
    pub fn new(dir: impl AsRef<Path>, spec: impl AsRef<Path>) -> Self {
        Init {
            dir: dir.as_ref().to_path_buf(),
            spec: spec.as_ref().to_path_buf(),
            translations: Vec::new(),
            enum_name: None,
            dependencies: Dependencies::Registry,
        }
    }

    /// Adds a translation of the spec (its language tag and path, relative to the crate).
    pub fn translation(mut self, lang: &str, path: impl AsRef<Path>) -> Self {
        self.translations
            .push((lang.to_owned(), path.as_ref().to_path_buf()));
        self
    }

    /// Names the code enum (default `ErrorCode`).
    pub fn enum_name(mut self, name: &str) -> Self {
        self.enum_name = Some(name.to_owned());
        self
    }

    /// Where the dependencies come from (default: the registry).
    pub fn dependencies(mut self, from: Dependencies) -> Self {
        self.dependencies = from;
        self
    }

    /// Checks everything, then writes the files; returns the files written
    /// or changed, relative to the crate. Refuses, writing nothing, when one
    /// of them exists already or the spec does not read.
    pub fn run(&self) -> Result<Vec<PathBuf>, Error> {
        let manifest_path = self.dir.join("Cargo.toml");
        let manifest = read(&manifest_path)?;
        let mut doc: DocumentMut = manifest.parse().map_err(|e| Error::Config {
            path: manifest_path.clone(),
            message: format!("not a TOML manifest: {e}"),
        })?;
        let crate_name = crate_name(&doc, &manifest_path)?;
        // `spec/error-codes.md` gives `error_codes.rs`.
        let stem = self
            .spec
            .file_stem()
            .map(|s| crate::pipeline::model::naming::field_name(&s.to_string_lossy()))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "errors".to_owned());
        let out_file = format!("{stem}.rs");
        let checked_in = format!("generated/{out_file}");
        let files = Files {
            build_rs: PathBuf::from("build.rs"),
            lib_rs: PathBuf::from("src/lib.rs"),
            checked_in: PathBuf::from(&checked_in),
            test: PathBuf::from(format!("tests/{stem}_are_current.rs")),
        };
        self.refuse_existing(&doc, &files, &manifest_path)?;
        self.edit_manifest(&mut doc, &crate_name, &out_file, &checked_in)?;
        let manifest = doc.to_string();
        // The generator as the new settings configure it: the spec must read
        // and generate before anything is written.
        let builder = Builder::from_manifest_text(&self.dir, &manifest)?;
        let generated = builder.generate()?;
        let lib = self.lib_with_include(&files.lib_rs, &checked_in, &out_file)?;
        let mut written = Vec::new();
        let mut write = |file: &Path, text: &str| -> Result<(), Error> {
            let path = self.dir.join(file);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(|source| Error::Io {
                    path: parent.to_path_buf(),
                    source,
                })?;
            }
            if write_if_changed(&path, text)? {
                written.push(file.to_path_buf());
            }
            Ok(())
        };
        write(Path::new("Cargo.toml"), &manifest)?;
        write(
            &files.build_rs,
            &BUILD_SCRIPT.replace("{out_file}", &out_file),
        )?;
        write(&files.lib_rs, &lib)?;
        let test = STALENESS_TEST
            .replace("{out_file}", &out_file)
            .replace("{checked_in}", &checked_in);
        write(&files.test, &test)?;
        if builder.write_generated(&generated)? {
            written.push(files.checked_in.clone());
        }
        Ok(written)
    }

    /// `src/lib.rs` with the `include!` added at its end (the file is
    /// created when the crate has none).
    fn lib_with_include(
        &self,
        lib_rs: &Path,
        checked_in: &str,
        out_file: &str,
    ) -> Result<String, Error> {
        let path = self.dir.join(lib_rs);
        let lib = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(source) => return Err(Error::Io { path, source }),
        };
        let spec = self.spec.display();
        let include = format!(
            "// The error codes of `{spec}`, generated by `build.rs` (see `{checked_in}`).\n\
             include!(concat!(env!(\"OUT_DIR\"), \"/{out_file}\"));\n"
        );
        Ok(if lib.is_empty() {
            format!("//! Error codes generated from `{spec}`.\n\n{include}")
        } else {
            format!("{}\n\n{include}", lib.trim_end())
        })
    }

    /// Refuses when the crate has settings, a build script, the include, a
    /// checked-in copy or the test already.
    fn refuse_existing(
        &self,
        doc: &DocumentMut,
        files: &Files,
        manifest_path: &Path,
    ) -> Result<(), Error> {
        let package = doc.get("package").and_then(Item::as_table_like);
        let has_settings = package
            .and_then(|p| p.get("metadata"))
            .and_then(Item::as_table_like)
            .is_some_and(|m| m.contains_key(METADATA_KEY));
        if has_settings {
            return Err(exists(
                manifest_path,
                &format!("it has [package.metadata.{METADATA_KEY}] already"),
            ));
        }
        if package.is_some_and(|p| p.contains_key("build")) {
            return Err(exists(
                manifest_path,
                "it names a build script (`build`) already",
            ));
        }
        for file in [&files.build_rs, &files.checked_in, &files.test] {
            let path = self.dir.join(file);
            if path.exists() {
                return Err(exists(&path, "it exists; init does not overwrite"));
            }
        }
        let lib = self.dir.join(&files.lib_rs);
        if std::fs::read_to_string(&lib).is_ok_and(|text| text.contains("include!")) {
            return Err(exists(&lib, "it has an `include!` already"));
        }
        for path in std::iter::once(&self.spec).chain(self.translations.iter().map(|(_, p)| p)) {
            if !self.dir.join(path).is_file() {
                return Err(Error::Config {
                    path: manifest_path.to_path_buf(),
                    message: format!("spec `{}` is not a file in the crate", path.display()),
                });
            }
        }
        Ok(())
    }

    /// Adds the dependencies and the settings to the manifest.
    fn edit_manifest(
        &self,
        doc: &mut DocumentMut,
        crate_name: &str,
        out_file: &str,
        checked_in: &str,
    ) -> Result<(), Error> {
        let version = env!("CARGO_PKG_VERSION");
        let (runtime, codegen) = match &self.dependencies {
            Dependencies::Registry => {
                let mut codegen = InlineTable::new();
                codegen.insert("version", version.into());
                codegen.insert("default-features", false.into());
                (value(version), value(codegen))
            }
            Dependencies::Checkout(root) => {
                let root = std::path::absolute(root).map_err(|source| Error::Io {
                    path: root.clone(),
                    source,
                })?;
                let path = |sub: &str| root.join(sub).display().to_string();
                let mut runtime = InlineTable::new();
                runtime.insert("path", path("codegen/runtime").into());
                let mut codegen = InlineTable::new();
                codegen.insert("path", path("codegen").into());
                codegen.insert("default-features", false.into());
                (value(runtime), value(codegen))
            }
        };
        dependency(doc, "dependencies", "ci-errors-runtime", runtime);
        dependency(doc, "build-dependencies", "ci-errors-codegen", codegen);
        http_feature(doc);
        let mut spec = InlineTable::new();
        spec.insert("path", slash_path(&self.spec).into());
        if !self.translations.is_empty() {
            let mut translations = InlineTable::new();
            for (lang, path) in &self.translations {
                translations.insert(lang, slash_path(path).into());
            }
            spec.insert("translations", translations.into());
        }
        let mut specs = Array::new();
        specs.push(spec);
        let mut settings = Table::new();
        settings.insert("specs", value(specs));
        if let Some(name) = &self.enum_name {
            settings.insert("enum-name", value(name));
        }
        settings.insert("doc-crate", value(crate_name.replace('-', "_")));
        // The typed `ServiceError` of the runtime, for this crate's body, under its `http` feature.
        settings.insert("http-feature", value("http"));
        settings.insert("out-file", value(out_file));
        settings.insert("checked-in", value(checked_in));
        let package = doc
            .entry("package")
            .or_insert_with(|| Table::new().into())
            .as_table_mut();
        let Some(package) = package else {
            return Err(Error::Config {
                path: self.dir.join("Cargo.toml"),
                message: "`package` is not a table".into(),
            });
        };
        let metadata = package.entry("metadata").or_insert_with(|| {
            let mut t = Table::new();
            t.set_implicit(true);
            t.into()
        });
        match metadata.as_table_like_mut() {
            Some(metadata) => {
                metadata.insert(METADATA_KEY, Item::Table(settings));
                Ok(())
            }
            None => Err(Error::Config {
                path: self.dir.join("Cargo.toml"),
                message: "`package.metadata` is not a table".into(),
            }),
        }
    }
}

/// The files `init` writes besides the manifest, relative to the crate.
struct Files {
    build_rs: PathBuf,
    lib_rs: PathBuf,
    checked_in: PathBuf,
    test: PathBuf,
}

/// The feature `http` turns on the runtime's: added, or extended when the
/// crate has an `http` feature already.
fn http_feature(doc: &mut DocumentMut) {
    const RUNTIME_HTTP: &str = "ci-errors-runtime/http";
    let features = doc.entry("features").or_insert_with(|| Table::new().into());
    let Some(features) = features.as_table_like_mut() else {
        return;
    };
    match features.get_mut("http").and_then(Item::as_array_mut) {
        Some(list) => {
            if !list.iter().any(|v| v.as_str() == Some(RUNTIME_HTTP)) {
                list.push(RUNTIME_HTTP);
            }
        }
        None => {
            let mut list = Array::new();
            list.push(RUNTIME_HTTP);
            features.insert("http", value(list));
        }
    }
}

/// Adds `name` to the table `section` unless it is there already.
fn dependency(doc: &mut DocumentMut, section: &str, name: &str, spec: Item) {
    let table = doc.entry(section).or_insert_with(|| Table::new().into());
    if let Some(table) = table.as_table_like_mut() {
        if !table.contains_key(name) {
            table.insert(name, spec);
        }
    }
}

fn crate_name(doc: &DocumentMut, manifest_path: &Path) -> Result<String, Error> {
    doc.get("package")
        .and_then(|p| p.get("name"))
        .and_then(Item::as_str)
        .map(str::to_owned)
        .ok_or_else(|| Error::Config {
            path: manifest_path.to_path_buf(),
            message: "no `package.name`: init adopts a package, not a workspace".into(),
        })
}

fn exists(path: &Path, why: &str) -> Error {
    Error::Exists {
        path: path.to_path_buf(),
        why: why.to_owned(),
    }
}

fn read(path: &Path) -> Result<String, Error> {
    std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })
}
