//! A builder for build scripts, in the manner of `prost-build`: settings
//! plus file IO on top of the pure [`pipeline`](crate::pipeline): spec files
//! in, formatted source in `OUT_DIR` (or the checked-in copy) out. The
//! command-line tool drives the same builder, from the same settings
//! ([`crate::config`]).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::config::SpecPaths;
use crate::diagnostic::Lint;
use crate::error::Error;
use crate::pipeline::{self, Generated, SpecResult};
use crate::settings::Settings;
use crate::spec::SpecText;
use crate::vocabulary::Column;

/// Configures and runs the generator.
///
/// ```no_run
/// // build.rs
/// fn main() -> std::process::ExitCode {
///     ci_errors_codegen::Builder::new()
///         .spec("spec/error-codes.md")
///         .build_script()
/// }
/// ```
#[derive(Debug, Clone)]
pub struct Builder {
    specs: Vec<SpecPaths>,
    root: PathBuf,
    out_dir: Option<PathBuf>,
    out_file: String,
    checked_in: Option<PathBuf>,
    settings: Settings,
    /// The manifest the settings came from, which a build script watches too.
    manifest: Option<PathBuf>,
}

impl Default for Builder {
    fn default() -> Self {
        Self::new()
    }
}

/// Reads the spec file at `root/path`, named for diagnostics as `path` with `/`.
pub fn read_spec_file(root: &Path, path: &Path) -> Result<(String, String), Error> {
    let full = root.join(path);
    let text = std::fs::read_to_string(&full).map_err(|source| Error::Io { path: full, source })?;
    Ok((slash_path(path), text))
}

/// `path` written with `/` whatever the platform, as specs are named and
/// settings write paths.
pub(crate) fn slash_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

impl Builder {
    /// A builder with the defaults: enum `ErrorCode`, strict, XML body on,
    /// output `error_codes.rs` in `OUT_DIR`.
    pub fn new() -> Self {
        Builder {
            specs: Vec::new(),
            root: PathBuf::new(),
            out_dir: None,
            out_file: "error_codes.rs".to_owned(),
            checked_in: None,
            settings: Settings::default(),
            manifest: None,
        }
    }

    /// Silences every warning of kind `lint`.
    pub fn allow(mut self, lint: Lint) -> Self {
        self.settings.allowed.push(lint);
        self
    }

    /// Silences the one warning of kind `lint` about `subject` (the subject
    /// each warning names, such as `500 Internal Server`), so a known quirk
    /// of a vendor's document is quiet while a new one still warns.
    pub fn accept(mut self, lint: Lint, subject: &str) -> Self {
        self.settings.accepted.push((lint, subject.to_owned()));
        self
    }

    /// Gives `code` the variant name `name` (for a code of non-ASCII
    /// characters, or to settle a collision).
    pub fn variant_name(mut self, code: &str, name: &str) -> Self {
        self.settings
            .read
            .names
            .insert(code.to_owned(), name.to_owned());
        self
    }

    /// The settings in `[package.metadata.ci-errors-codegen]` of the
    /// `Cargo.toml` in `dir`, with paths relative to `dir`: the one place
    /// that a build script and the command-line tool both read.
    pub fn from_manifest(dir: impl AsRef<Path>) -> Result<Self, Error> {
        let dir = dir.as_ref();
        Ok(Self::with_manifest(dir, crate::config::read_manifest(dir)?))
    }

    /// [`Builder::from_manifest`] for a manifest not yet written: `text`
    /// stands for `dir/Cargo.toml` (what `init` is about to write).
    #[cfg(feature = "cli")]
    pub(crate) fn from_manifest_text(dir: &Path, text: &str) -> Result<Self, Error> {
        let manifest = crate::config::parse_manifest(&dir.join("Cargo.toml"), text)?;
        Ok(Self::with_manifest(dir, manifest))
    }

    fn with_manifest(dir: &Path, manifest: crate::config::Manifest) -> Self {
        let mut builder = Builder::new().root(dir);
        builder.specs = manifest.specs;
        builder.settings = manifest.settings;
        if let Some(out_file) = manifest.out_file {
            builder.out_file = out_file;
        }
        builder.checked_in = manifest.checked_in;
        builder.manifest = Some(dir.join("Cargo.toml"));
        builder
    }

    /// The directory relative paths are read from (default: the current
    /// directory, which in a build script is the package root). Names in
    /// diagnostics and the header stay as given.
    pub fn root(mut self, dir: impl AsRef<Path>) -> Self {
        self.root = dir.as_ref().to_owned();
        self
    }

    /// The spec to read. Replaces earlier specs.
    pub fn spec(mut self, path: impl AsRef<Path>) -> Self {
        self.specs = vec![SpecPaths {
            module: None,
            path: path.as_ref().to_owned(),
            translations: Vec::new(),
        }];
        self
    }

    /// Adds a spec emitted into its own module `module`, for crates with several tables.
    pub fn module_spec(mut self, module: &str, path: impl AsRef<Path>) -> Self {
        self.specs.push(SpecPaths {
            module: Some(module.to_owned()),
            path: path.as_ref().to_owned(),
            translations: Vec::new(),
        });
        self
    }

    /// Adds a translation of the spec added last: the same document in
    /// language `lang` (such as `zh`), read with the same rules.
    pub fn translation(mut self, lang: &str, path: impl AsRef<Path>) -> Self {
        if let Some(spec) = self.specs.last_mut() {
            spec.translations
                .push((lang.to_owned(), path.as_ref().to_owned()));
        }
        self
    }

    /// The language tag of the specs (default `en`).
    pub fn language(mut self, lang: &str) -> Self {
        self.settings.read.language = Some(lang.to_owned());
        self
    }

    /// Where to write (default: `$OUT_DIR`).
    pub fn out_dir(mut self, dir: impl AsRef<Path>) -> Self {
        self.out_dir = Some(dir.as_ref().to_owned());
        self
    }

    /// File name to write in the output directory (default `error_codes.rs`).
    pub fn out_file(mut self, name: &str) -> Self {
        self.out_file = name.to_owned();
        self
    }

    /// The checked-in copy for review (such as `generated/error_codes.rs`),
    /// which [`Builder::write_checked_in`] writes and [`Builder::check_checked_in`] compares.
    pub fn checked_in(mut self, path: impl AsRef<Path>) -> Self {
        self.checked_in = Some(path.as_ref().to_owned());
        self
    }

    /// In lenient mode a bad row is a warning and is skipped; strict (the default) fails.
    pub fn lenient(mut self, lenient: bool) -> Self {
        self.settings.read.lenient = lenient;
        self
    }

    /// Name of the error-code enum (default `ErrorCode`).
    pub fn enum_name(mut self, name: &str) -> Self {
        self.settings.emit.enum_name = name.to_owned();
        self
    }

    /// Adds a header word that marks `column`, for tables in other wordings.
    pub fn header_word(mut self, column: Column, word: &str) -> Self {
        self.settings.read.vocabulary.add(column, word);
        self
    }

    /// Whether to emit the XML error body from the field tables (default on).
    pub fn xml_body(mut self, emit: bool) -> Self {
        self.settings.emit.xml_body = emit;
        self
    }

    /// Fail when a spec describes no usable XML body, for crates whose own
    /// code relies on `ErrorResponse` (off by default).
    pub fn require_xml_body(mut self, required: bool) -> Self {
        self.settings.require_xml_body = required;
        self
    }

    /// Path of the runtime crate generated code uses (default `::ci_errors_runtime`).
    pub fn runtime(mut self, path: &str) -> Self {
        self.settings.emit.runtime = path.to_owned();
        self
    }

    /// Implement `serde` traits for the enum and body under this Cargo feature of the generated crate.
    pub fn serde_feature(mut self, feature: &str) -> Self {
        self.settings.emit.serde_feature = Some(feature.to_owned());
        self
    }

    /// The crate path users name the generated items by (such as `my_crate`):
    /// the enum's and body's docs then carry runnable examples.
    pub fn doc_crate(mut self, path: &str) -> Self {
        self.settings.emit.doc_path = Some(path.to_owned());
        self
    }

    /// The command named in the generated header and in the staleness fix
    /// as the way to regenerate (default: `ci-errors-codegen generate`, in
    /// the crate's directory: the command that writes the checked-in copy).
    pub fn regenerate_command(mut self, command: &str) -> Self {
        self.settings.regenerate = command.to_owned();
        self
    }

    /// The command that regenerates the output, as the header names it.
    pub fn regenerate(&self) -> &str {
        &self.settings.regenerate
    }

    /// The name of the error-code enum, as set.
    pub fn code_enum_name(&self) -> &str {
        &self.settings.emit.enum_name
    }

    /// The directory relative paths are read from.
    pub fn root_dir(&self) -> &Path {
        &self.root
    }

    /// The checked-in copy's path, relative to the root, if one is configured.
    pub fn checked_in_path(&self) -> Option<&Path> {
        self.checked_in.as_deref()
    }

    /// The spec files, their translations included, as given.
    pub fn inputs(&self) -> impl Iterator<Item = &Path> {
        self.specs.iter().flat_map(|s| {
            std::iter::once(s.path.as_path()).chain(s.translations.iter().map(|(_, p)| p.as_path()))
        })
    }

    /// Reads the specs and generates the source, writing nothing.
    pub fn generate(&self) -> Result<Generated, Error> {
        let texts = self.spec_texts(|path| read_spec_file(&self.root, path).map(|(_, t)| t))?;
        self.generate_from(texts)
    }

    /// The specs of the settings in memory, each file's text given by
    /// `read` (its path as set, relative to the root): the files as they
    /// are, or as they were at some revision.
    pub fn spec_texts(
        &self,
        read: impl Fn(&Path) -> Result<String, Error>,
    ) -> Result<Vec<SpecText>, Error> {
        if self.specs.is_empty() {
            return Err(Error::NoSpec);
        }
        let mut texts = Vec::new();
        for spec in &self.specs {
            let mut text = SpecText::new(slash_path(&spec.path), read(&spec.path)?);
            if let Some(module) = &spec.module {
                text = text.in_module(module);
            }
            for (lang, path) in &spec.translations {
                text = text.with_translation(lang, slash_path(path), read(path)?);
            }
            texts.push(text);
        }
        Ok(texts)
    }

    /// Reads and validates one spec in memory with its translations,
    /// generating nothing: the model and its warnings, or every problem found.
    pub fn read_from(&self, spec: SpecText) -> Result<SpecResult, Error> {
        pipeline::read(spec, &self.settings)
    }

    /// Generates from specs already in memory, ignoring the paths given to
    /// [`Builder::spec`] and [`Builder::module_spec`]. Writes nothing.
    pub fn generate_from(
        &self,
        specs: impl IntoIterator<Item = SpecText>,
    ) -> Result<Generated, Error> {
        pipeline::generate(specs, &self.settings)
    }

    /// Generates and writes the file, leaving an unchanged file untouched so
    /// nothing rebuilds needlessly. Returns what was generated and the path.
    pub fn compile(&self) -> Result<(Generated, PathBuf), Error> {
        let generated = self.generate()?;
        let dir = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or(Error::NoOutDir)?,
        };
        if !is_file_name(&self.out_file) {
            return Err(Error::UnsafePath {
                setting: "out-file",
                path: PathBuf::from(&self.out_file),
                reason: "it must be a file name in OUT_DIR, without a directory",
            });
        }
        let path = dir.join(&self.out_file);
        write_if_changed(&path, &generated.source)?;
        Ok((generated, path))
    }

    /// Runs [`Builder::compile`] the way a build script should: asks Cargo to
    /// rerun when a spec or the manifest changes, passes each warning on as one
    /// `cargo:warning` line with its `file:line:col` (rendered in full when
    /// [`FULL_ENV`] is set), and on failure prints every problem in full and
    /// returns failure. Never panics.
    pub fn build_script(self) -> ExitCode {
        for path in self.inputs() {
            println!("cargo:rerun-if-changed={}", self.root.join(path).display());
        }
        // A settings change (`enum-name`, `accept`, a new spec) regenerates too.
        if let Some(manifest) = &self.manifest {
            println!("cargo:rerun-if-changed={}", manifest.display());
        }
        println!("cargo:rerun-if-env-changed={FULL_ENV}");
        let full = std::env::var_os(FULL_ENV).is_some();
        match self.compile() {
            Ok((generated, _)) => {
                // Cargo prefixes every line: one line per warning, unless asked.
                let lines = if full {
                    generated
                        .rendered_warnings()
                        .lines()
                        .map(str::to_owned)
                        .collect()
                } else {
                    generated.warning_lines()
                };
                for line in &lines {
                    println!("cargo:warning={line}");
                }
                if !lines.is_empty() && !full {
                    println!("cargo:warning=(each in full: {FULL_ENV}=1 cargo build, or `ci-errors-codegen generate`)");
                }
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("{error}");
                ExitCode::FAILURE
            }
        }
    }

    /// Generates and writes the checked-in copy and its fingerprint file
    /// (each skipped when unchanged). Returns what was generated and whether a file changed.
    pub fn write_checked_in(&self) -> Result<(Generated, bool), Error> {
        let generated = self.generate()?;
        let written = self.write_generated(&generated)?;
        Ok((generated, written))
    }

    /// Writes `generated` as the checked-in copy and its fingerprint file
    /// (each skipped when unchanged); whether a file changed.
    pub(crate) fn write_generated(&self, generated: &Generated) -> Result<bool, Error> {
        write_checked_in_pair(&self.checked_in_file()?, generated)
    }

    /// Fails with [`Error::Stale`] (a diff and the fix) when the checked-in
    /// copy differs from what the specs give, line ends aside. With the
    /// environment variable [`UPDATE_ENV`] set to `1`, rewrites it instead:
    /// a project's own test calls this to catch staleness.
    pub fn check_checked_in(&self) -> Result<Generated, Error> {
        let path = self.checked_in_file()?;
        let generated = self.generate()?;
        if std::env::var_os(UPDATE_ENV).is_some_and(|v| v == "1") {
            // Said on standard error, so that a rewrite is never silent.
            if write_checked_in_pair(&path, &generated)? {
                eprintln!(
                    "{UPDATE_ENV}=1: rewrote {} and its fingerprints",
                    path.display()
                );
            } else {
                eprintln!("{UPDATE_ENV}=1: {} is up to date", path.display());
            }
            return Ok(generated);
        }
        let shown = self.checked_in.as_deref().unwrap_or(&path).to_owned();
        let mut diff = String::new();
        for (file, name, expected) in [
            (path.clone(), shown.clone(), &generated.source),
            (
                fingerprint_file(&path),
                fingerprint_file(&shown),
                &generated.fingerprints,
            ),
        ] {
            let current = std::fs::read_to_string(&file)
                .unwrap_or_default()
                .replace("\r\n", "\n");
            if current != *expected {
                let name = name.display();
                diff.push_str(
                    &similar::TextDiff::from_lines(current.as_str(), expected.as_str())
                        .unified_diff()
                        .context_radius(3)
                        .header(&format!("a/{name}"), &format!("b/{name}"))
                        .to_string(),
                );
            }
        }
        if diff.is_empty() {
            return Ok(generated);
        }
        Err(Error::Stale {
            path: shown,
            diff,
            fix: format!(
                "{} (or set {UPDATE_ENV}=1 and rerun the test)",
                self.settings.regenerate
            ),
        })
    }

    fn checked_in_file(&self) -> Result<PathBuf, Error> {
        if let Some(path) = &self.checked_in {
            let refuse = |reason| Error::UnsafePath {
                setting: "checked-in",
                path: path.clone(),
                reason,
            };
            if !stays_inside(path) {
                return Err(refuse(
                    "it must be a relative path inside the crate, without `..`",
                ));
            }
            let fingerprints = fingerprint_file(path);
            if normal(&fingerprints) == normal(path) {
                return Err(refuse(
                    "its fingerprint file would be the file itself (`.fingerprints`)",
                ));
            }
            let same = |input: &Path| {
                let input = normal(input);
                input == normal(path) || input == normal(&fingerprints)
            };
            if self.inputs().any(same) {
                return Err(refuse("it is one of the specs or translations it is generated from, or their fingerprint file"));
            }
        }
        self.checked_in
            .as_ref()
            .map(|p| self.root.join(p))
            .ok_or_else(|| Error::Config {
                path: self.root.join("Cargo.toml"),
                message:
                    "no checked-in file configured: set `checked-in` or call `Builder::checked_in`"
                        .into(),
            })
    }
}

/// Whether `path` is relative and never climbs out (`..`) of where it starts.
fn stays_inside(path: &Path) -> bool {
    use std::path::Component;
    path.components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
        && path.components().any(|c| matches!(c, Component::Normal(_)))
}

/// A relative path without `.` components, for comparing settings.
fn normal(path: &Path) -> PathBuf {
    path.components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect()
}

/// Whether `name` is a plain file name: no directory, not `.` or `..`.
fn is_file_name(name: &str) -> bool {
    let path = Path::new(name);
    matches!(
        path.components().collect::<Vec<_>>().as_slice(),
        [std::path::Component::Normal(_)]
    ) && !name.contains(['/', '\\'])
}

/// Writes the checked-in copy at `path` and its fingerprint file, each only
/// when changed; whether either changed.
fn write_checked_in_pair(path: &Path, generated: &Generated) -> Result<bool, Error> {
    let source = write_if_changed(path, &generated.source)?;
    let fingerprints = write_if_changed(&fingerprint_file(path), &generated.fingerprints)?;
    Ok(source || fingerprints)
}

/// The fingerprint file beside a checked-in copy: `errors.rs` → `errors.fingerprints`.
pub fn fingerprint_file(checked_in: &Path) -> PathBuf {
    checked_in.with_extension("fingerprints")
}

/// Set to `1`, [`Builder::check_checked_in`] rewrites a stale file instead of failing.
pub const UPDATE_ENV: &str = "CI_ERRORS_CODEGEN_UPDATE";

/// Set, [`Builder::build_script`] renders each warning in full (source line
/// and carets) instead of one line with its `file:line:col`.
pub const FULL_ENV: &str = "CI_ERRORS_CODEGEN_FULL";

/// Writes `text` to `path` unless the file already holds exactly that.
pub fn write_if_changed(path: &Path, text: &str) -> Result<bool, Error> {
    if std::fs::read(path).is_ok_and(|old| old == text.as_bytes()) {
        return Ok(false);
    }
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|source| Error::Io {
            path: parent.to_owned(),
            source,
        })?;
    }
    std::fs::write(path, text).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })?;
    Ok(true)
}
