//! `init`: turns an existing crate into a generated one for a page set of its
//! own, in one step, in `ci-errors`' shape. It writes the settings it needs
//! ([`decide`]) and the dependencies into `Cargo.toml`, a `build.rs` and a
//! staleness test ([`templates`]), the `include!` in `src/lib.rs`, and the
//! first checked-in copy.
//!
//! Everything is checked before anything is written ([`write`]): the spec must
//! read, and no file `init` would write may exist already (it never overwrites).

use std::path::{Path, PathBuf};

use toml_edit::{value, Array, DocumentMut, InlineTable, Item, Table};

use crate::error::Error;
use crate::project::builder::slash_path;
use crate::project::manifest::METADATA_KEY;

mod decide;
mod templates;
mod write;

use decide::decide;
use templates::{build_script, FIX, STALENESS_TEST};
use write::write_all;

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

/// What [`Init::run`] did: the files it wrote, the settings it decided
/// (each as written into `Cargo.toml`), and the warnings that remain, one
/// line each with `file:line:col`.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct Adopted {
    /// The files written or changed, relative to the crate.
    pub written: Vec<PathBuf>,
    /// The settings `init` needed or proposes, as written (`lenient = true`,
    /// accepted drift, names, retry classes).
    pub decided: Vec<String>,
    /// The drift between the editions that the settings now accept, one
    /// line per finding.
    pub drift: Vec<String>,
    /// Warnings the settings leave, one line each.
    pub warnings: Vec<String>,
}

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
    /// of them exists already, the spec does not read, or the crate could
    /// not build what it would write. All or nothing: every file is written
    /// beside its place first, then each is renamed into place.
    pub fn run(&self) -> Result<Adopted, Error> {
        let manifest_path = self.dir.join("Cargo.toml");
        let manifest = read(&manifest_path)?;
        let mut doc: DocumentMut = manifest.parse().map_err(|e| Error::Config {
            path: manifest_path.clone(),
            message: format!("not a TOML manifest: {e}"),
        })?;
        let crate_name = crate_name(&doc, &manifest_path)?;
        let init = Init {
            spec: self.inside_crate(&self.spec, &manifest_path)?,
            translations: self
                .translations
                .iter()
                .map(|(lang, path)| Ok((lang.clone(), self.inside_crate(path, &manifest_path)?)))
                .collect::<Result<_, Error>>()?,
            ..self.clone()
        };
        init.write_plan(&mut doc, &crate_name, &manifest_path)
    }

    /// [`Init::run`] once the spec paths are known to be in the crate.
    fn write_plan(
        &self,
        doc: &mut DocumentMut,
        crate_name: &str,
        manifest_path: &Path,
    ) -> Result<Adopted, Error> {
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
        self.refuse_existing(doc, &files, manifest_path)?;
        refuse_forbidden_unsafe(doc, &self.dir.join(&files.lib_rs), manifest_path)?;
        self.edit_manifest(doc, crate_name, &out_file, &checked_in)?;
        // The generator as the new settings configure it: the spec must read
        // and generate before anything is written.
        let (generated, mut adopted) = decide(&self.dir, doc, manifest_path)?;
        let manifest = doc.to_string();
        let lib = self.lib_with_include(&files.lib_rs, &checked_in, &out_file)?;
        let fingerprints = crate::project::checked_in::fingerprint_file(&files.checked_in);
        let build_script = build_script(&out_file, &checked_in, FIX);
        let plan = vec![
            (PathBuf::from("Cargo.toml"), manifest),
            (files.build_rs.clone(), build_script),
            (files.lib_rs.clone(), lib),
            (files.test.clone(), STALENESS_TEST.to_owned()),
            (files.checked_in.clone(), generated.source.clone()),
            (fingerprints, generated.fingerprints.clone()),
        ];
        adopted.written = write_all(&self.dir, plan)?;
        Ok(adopted)
    }

    /// `path` as a path relative to the crate, refused when it is not in
    /// it (absolute elsewhere, or climbing out with `..`) or when it holds
    /// a control character (it is written into a comment of `src/lib.rs`).
    fn inside_crate(&self, path: &Path, manifest_path: &Path) -> Result<PathBuf, Error> {
        let refuse = |why: &str| Error::Config {
            path: manifest_path.to_path_buf(),
            message: format!("spec `{}` {why}", path.display()),
        };
        if path.to_string_lossy().chars().any(char::is_control) {
            return Err(refuse("has a control character in its path"));
        }
        let crate_dir = std::fs::canonicalize(&self.dir).map_err(|source| Error::Io {
            path: self.dir.clone(),
            source,
        })?;
        let full = std::fs::canonicalize(self.dir.join(path))
            .map_err(|_| refuse("is not a file in the crate"))?;
        let relative = full.strip_prefix(&crate_dir).map_err(|_| {
            refuse("is outside the crate: a published crate could not read it; copy it in")
        })?;
        if !full.is_file() {
            return Err(refuse("is not a file in the crate"));
        }
        Ok(relative.to_path_buf())
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
            "// The error codes of `{spec}`: the checked-in `{checked_in}`, or, with the\n\
             // `regenerate` feature, what `build.rs` generates from the spec now.\n\
             #[cfg(feature = \"regenerate\")]\n\
             include!(concat!(env!(\"OUT_DIR\"), \"/{out_file}\"));\n\
             #[cfg(not(feature = \"regenerate\"))]\n\
             include!(\"../{checked_in}\");\n"
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
        let fingerprints = crate::project::checked_in::fingerprint_file(&files.checked_in);
        for file in [
            &files.build_rs,
            &files.checked_in,
            &fingerprints,
            &files.test,
        ] {
            let path = self.dir.join(file);
            // A link, even a dangling one, is something there.
            if std::fs::symlink_metadata(&path).is_ok() {
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

    /// Adds the runtime, the generator (a dev-dependency, and an optional
    /// build-dependency behind `regenerate`) and the features.
    fn add_dependencies(&self, doc: &mut DocumentMut) -> Result<(), Error> {
        let version = env!("CARGO_PKG_VERSION");
        let (runtime, mut codegen) = match &self.dependencies {
            Dependencies::Registry => {
                let mut codegen = InlineTable::new();
                codegen.insert("version", version.into());
                codegen.insert("default-features", false.into());
                (value(version), codegen)
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
                (value(runtime), codegen)
            }
        };
        dependency(doc, "dependencies", "ci-errors-runtime", runtime);
        // The crate's own tests check the checked-in copy with the generator.
        dependency(
            doc,
            "dev-dependencies",
            "ci-errors-codegen",
            value(codegen.clone()),
        );
        // Its build script runs the generator only behind `regenerate`.
        codegen.insert("optional", true.into());
        dependency(
            doc,
            "build-dependencies",
            "ci-errors-codegen",
            value(codegen),
        );
        features(doc);
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
        self.add_dependencies(doc)?;
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
        settings.insert("doc-crate", value(lib_name(doc, crate_name)));
        // The typed `ServiceError` of the runtime, for this crate's body, under its `http` feature.
        settings.insert("http-feature", value("http"));
        // Bodies read from bytes, XML or JSON, without the `http` crate.
        settings.insert("body-feature", value("body"));
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

/// The features `init` gives the crate, added or, where the crate has one of
/// the name already, extended: `body` (bodies read from bytes), `http` (the
/// typed `ServiceError`; where an optional dependency is named `http`, whose
/// implicit feature a written one replaces, it turns that on too) and
/// `regenerate` (the generator in the build script).
fn features(doc: &mut DocumentMut) {
    let optional_http = has_optional_dependency(doc, "http");
    let features = doc.entry("features").or_insert_with(|| Table::new().into());
    let Some(features) = features.as_table_like_mut() else {
        return;
    };
    let mut http = vec!["body", "ci-errors-runtime/http"];
    if optional_http {
        http.insert(0, "dep:http");
    }
    for (name, wanted) in [
        ("body", vec!["ci-errors-runtime/body"]),
        ("http", http),
        ("regenerate", vec!["dep:ci-errors-codegen"]),
    ] {
        match features.get_mut(name).and_then(Item::as_array_mut) {
            Some(list) => {
                for item in wanted {
                    if !list.iter().any(|v| v.as_str() == Some(item)) {
                        list.push(item);
                    }
                }
            }
            None => {
                let mut list = Array::new();
                for item in wanted {
                    list.push(item);
                }
                features.insert(name, value(list));
            }
        }
    }
}

/// Whether the manifest has an optional dependency named `name`, in
/// `[dependencies]` or a target's.
fn has_optional_dependency(doc: &DocumentMut, name: &str) -> bool {
    let optional = |deps: Option<&Item>| {
        deps.and_then(|d| d.get(name))
            .and_then(|d| d.get("optional"))
            .and_then(Item::as_bool)
            .unwrap_or(false)
    };
    let in_targets = doc
        .get("target")
        .and_then(Item::as_table_like)
        .is_some_and(|targets| targets.iter().any(|(_, t)| optional(t.get("dependencies"))));
    optional(doc.get("dependencies")) || in_targets
}

/// The name the crate is imported by: `[lib] name`, else the package's
/// name with `-` as `_`.
fn lib_name(doc: &DocumentMut, crate_name: &str) -> String {
    doc.get("lib")
        .and_then(|lib| lib.get("name"))
        .and_then(Item::as_str)
        .map_or_else(|| crate_name.replace('-', "_"), str::to_owned)
}

/// Refuses a crate that forbids unsafe code (`#![forbid(unsafe_code)]` in
/// its root, or `unsafe_code = "forbid"` in `[lints.rust]`): the generated
/// code has one `unsafe` block, under `#[allow(unsafe_code)]`, which
/// `forbid` does not let it have.
fn refuse_forbidden_unsafe(
    doc: &DocumentMut,
    lib: &Path,
    manifest_path: &Path,
) -> Result<(), Error> {
    let in_lints = doc
        .get("lints")
        .and_then(|l| l.get("rust"))
        .and_then(|r| r.get("unsafe_code"))
        .is_some_and(|level| {
            level.as_str() == Some("forbid")
                || level.get("level").and_then(Item::as_str) == Some("forbid")
        });
    let in_root = std::fs::read_to_string(lib).is_ok_and(|text| {
        syn::parse_file(&text).is_ok_and(|file| {
            file.attrs.iter().any(|attr| {
                attr.path().is_ident("forbid")
                    && attr
                        .meta
                        .require_list()
                        .is_ok_and(|list| list.tokens.to_string().contains("unsafe_code"))
            })
        })
    });
    if in_lints || in_root {
        let place = if in_root { lib } else { manifest_path };
        return Err(Error::Config {
            path: place.to_path_buf(),
            message:
                "the crate forbids unsafe code, and the generated code has one `unsafe` block \
                      (documented, under `#[allow(unsafe_code)]`) that `forbid` cannot allow; \
                      use `deny` instead of `forbid` for `unsafe_code`, then run init again"
                    .into(),
        });
    }
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_are_extended_once_and_never_repeated() {
        let mut doc: DocumentMut = "[dependencies]\nhttp = { version = \"1\", optional = true }\n\n[features]\nbody = [\"ci-errors-runtime/body\"]\nhttp = [\"extra\"]\n"
            .parse()
            .unwrap();
        features(&mut doc);
        features(&mut doc);
        let list = |name: &str| -> Vec<String> {
            doc["features"][name]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap().to_owned())
                .collect()
        };
        assert_eq!(list("body"), ["ci-errors-runtime/body"]);
        assert_eq!(
            list("http"),
            ["extra", "dep:http", "body", "ci-errors-runtime/http"]
        );
        assert_eq!(list("regenerate"), ["dep:ci-errors-codegen"]);
    }
}
