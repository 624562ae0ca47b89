//! A builder for build scripts, in the manner of `prost-build`: spec in,
//! formatted source in `OUT_DIR` out. The command-line tool drives the same
//! builder, from the same settings ([`crate::config`]).

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::diagnostic::{render_all, Diagnostic, Lint};
use crate::emit::{emit, EmitError, EmitOptions};
use crate::fingerprint::input_line;
use crate::format::{format, header};
use crate::model::{Model, ReadOptions};
use crate::source::SourceFile;
use crate::vocabulary::Column;

/// One spec to read: its path, the module it goes into, and its translations.
#[derive(Debug, Clone, PartialEq, Eq)]
struct SpecInput {
    module: Option<String>,
    path: PathBuf,
    translations: Vec<(String, PathBuf)>,
}

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
    specs: Vec<SpecInput>,
    root: PathBuf,
    out_dir: Option<PathBuf>,
    out_file: String,
    checked_in: Option<PathBuf>,
    read: ReadOptions,
    emit: EmitOptions,
    regenerate: String,
    require_xml_body: bool,
    allowed: Vec<Lint>,
    accepted: Vec<(Lint, String)>,
}

impl Default for Builder {
    fn default() -> Self {
        Self::new()
    }
}

/// A spec already in memory: its text, the name diagnostics use, optionally
/// the module it is emitted into, and its translations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecText {
    /// The name shown in diagnostics and in the generated header, such as `spec/errors.md`.
    pub name: String,
    /// The markdown.
    pub text: String,
    /// The module to emit into, or `None` for the top level.
    pub module: Option<String>,
    /// Translations: `(language tag, name, markdown)`.
    pub translations: Vec<(String, String, String)>,
}

impl SpecText {
    /// A spec named `name` (as diagnostics should show it) with markdown `text`.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        SpecText {
            name: name.into(),
            text: text.into(),
            module: None,
            translations: Vec::new(),
        }
    }

    /// Emits this spec into module `module`.
    pub fn in_module(mut self, module: impl Into<String>) -> Self {
        self.module = Some(module.into());
        self
    }

    /// Adds the same document in language `lang`, named `name`.
    pub fn with_translation(
        mut self,
        lang: impl Into<String>,
        name: impl Into<String>,
        text: impl Into<String>,
    ) -> Self {
        self.translations
            .push((lang.into(), name.into(), text.into()));
        self
    }
}

/// What a successful run produced.
#[derive(Debug, Clone)]
pub struct Generated {
    /// The formatted source, header included.
    pub source: String,
    /// The fingerprint file written beside the checked-in copy: one line per
    /// spec file read (see [`crate::fingerprint`]).
    pub fingerprints: String,
    /// Each spec read, in the order given.
    pub specs: Vec<SpecResult>,
}

/// One spec's model and warnings.
#[derive(Debug, Clone)]
pub struct SpecResult {
    /// The spec as named in diagnostics.
    pub name: String,
    /// The module it was emitted into, if several specs were given.
    pub module: Option<String>,
    /// Its translations: `(language tag, name)`.
    pub translations: Vec<(String, String)>,
    /// The validated model.
    pub model: Model,
    /// Warnings (non-standard reasons; skipped rows in lenient mode).
    pub warnings: Vec<Diagnostic>,
    /// The warnings rendered rustc-style.
    pub rendered_warnings: String,
}

impl Generated {
    /// Every warning of every spec.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.specs.iter().flat_map(|s| &s.warnings)
    }

    /// Every warning rendered, spec by spec.
    pub fn rendered_warnings(&self) -> String {
        self.specs
            .iter()
            .map(|s| s.rendered_warnings.as_str())
            .collect()
    }
}

/// Why a run failed.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read or written.
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
    /// The spec has problems; all of them are here.
    Spec {
        /// Errors and warnings, in file order.
        diagnostics: Vec<Diagnostic>,
        /// The same, rendered rustc-style.
        rendered: String,
    },
    /// No spec was given.
    NoSpec,
    /// No output directory: not in a build script, and none given.
    NoOutDir,
    /// A module name that is not a Rust identifier.
    InvalidModule(String),
    /// An enum name or runtime path that is not valid Rust.
    Emit(EmitError),
    /// The emitter produced code that does not parse (a bug in the generator).
    Unparsable(String),
    /// The settings in a manifest are not usable.
    Config {
        /// The manifest.
        path: PathBuf,
        /// What is wrong, naming the key.
        message: String,
    },
    /// A checked-in file differs from what the spec gives.
    Stale {
        /// The checked-in file.
        path: PathBuf,
        /// A unified diff from the file to what the spec gives.
        diff: String,
        /// The command that regenerates it.
        fix: String,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::Spec { rendered, .. } => f.write_str(rendered.trim_end()),
            Error::NoSpec => f.write_str("no spec given: call `Builder::spec`"),
            Error::NoOutDir => f.write_str("OUT_DIR is not set: call `Builder::out_dir`"),
            Error::InvalidModule(name) => {
                write!(f, "module name `{name}` is not a Rust identifier")
            }
            Error::Emit(e) => e.fmt(f),
            Error::Unparsable(e) => {
                write!(f, "generated code does not parse (a generator bug): {e}")
            }
            Error::Config { path, message } => write!(f, "{}: {message}", path.display()),
            Error::Stale { path, diff, fix } => write!(
                f,
                "{} is stale: it differs from what the spec gives\n\n{diff}\nto fix: {fix}",
                path.display()
            ),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            Error::Emit(e) => Some(e),
            _ => None,
        }
    }
}

/// Reads the spec file at `root/path`, named for diagnostics as `path` with `/`.
pub fn read_spec_file(root: &Path, path: &Path) -> Result<(String, String), Error> {
    let full = root.join(path);
    let text = std::fs::read_to_string(&full).map_err(|source| Error::Io { path: full, source })?;
    Ok((path.to_string_lossy().replace('\\', "/"), text))
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
            read: ReadOptions::default(),
            emit: EmitOptions::default(),
            regenerate: "cargo build".to_owned(),
            require_xml_body: false,
            allowed: Vec::new(),
            accepted: Vec::new(),
        }
    }

    /// Silences every warning of kind `lint`.
    pub fn allow(mut self, lint: Lint) -> Self {
        self.allowed.push(lint);
        self
    }

    /// Silences the one warning of kind `lint` about `subject` (the subject
    /// each warning names, such as `500 Internal Server`), so a known quirk
    /// of a vendor's document is quiet while a new one still warns.
    pub fn accept(mut self, lint: Lint, subject: &str) -> Self {
        self.accepted.push((lint, subject.to_owned()));
        self
    }

    /// Gives `code` the variant name `name` (for a code of non-ASCII
    /// characters, or to settle a collision).
    pub fn variant_name(mut self, code: &str, name: &str) -> Self {
        self.read.names.insert(code.to_owned(), name.to_owned());
        self
    }

    /// Whether `d` is a warning that was allowed or accepted.
    fn acknowledged(&self, d: &Diagnostic) -> bool {
        d.severity == crate::Severity::Warning
            && d.lint.is_some_and(|lint| {
                self.allowed.contains(&lint)
                    || self
                        .accepted
                        .iter()
                        .any(|(l, subject)| *l == lint && d.subject.as_deref() == Some(subject))
            })
    }

    /// The settings in `[package.metadata.ci-errors-codegen]` of the
    /// `Cargo.toml` in `dir`, with paths relative to `dir`: the one place
    /// that a build script and the command-line tool both read.
    pub fn from_manifest(dir: impl AsRef<Path>) -> Result<Self, Error> {
        crate::config::read_manifest(dir.as_ref())
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
        self.specs = vec![SpecInput {
            module: None,
            path: path.as_ref().to_owned(),
            translations: Vec::new(),
        }];
        self
    }

    /// Adds a spec emitted into its own module `module`, for crates with several tables.
    pub fn module_spec(mut self, module: &str, path: impl AsRef<Path>) -> Self {
        self.specs.push(SpecInput {
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
        self.read.language = Some(lang.to_owned());
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
        self.read.lenient = lenient;
        self
    }

    /// Name of the error-code enum (default `ErrorCode`).
    pub fn enum_name(mut self, name: &str) -> Self {
        self.emit.enum_name = name.to_owned();
        self
    }

    /// Adds a header word that marks `column`, for tables in other wordings.
    pub fn header_word(mut self, column: Column, word: &str) -> Self {
        self.read.vocabulary.add(column, word);
        self
    }

    /// Whether to emit the XML error body from the field tables (default on).
    pub fn xml_body(mut self, emit: bool) -> Self {
        self.emit.xml_body = emit;
        self
    }

    /// Fail when a spec describes no usable XML body, for crates whose own
    /// code relies on `ErrorResponse` (off by default).
    pub fn require_xml_body(mut self, required: bool) -> Self {
        self.require_xml_body = required;
        self
    }

    /// Path of the runtime crate generated code uses (default `::ci_errors_runtime`).
    pub fn runtime(mut self, path: &str) -> Self {
        self.emit.runtime = path.to_owned();
        self
    }

    /// Implement `serde` traits for the enum and body under this Cargo feature of the generated crate.
    pub fn serde_feature(mut self, feature: &str) -> Self {
        self.emit.serde_feature = Some(feature.to_owned());
        self
    }

    /// The crate path users name the generated items by (such as `my_crate`):
    /// the enum's and body's docs then carry runnable examples.
    pub fn doc_crate(mut self, path: &str) -> Self {
        self.emit.doc_path = Some(path.to_owned());
        self
    }

    /// The command named in the generated header as the way to regenerate.
    pub fn regenerate_command(mut self, command: &str) -> Self {
        self.regenerate = command.to_owned();
        self
    }

    /// The command that regenerates the output, as the header names it.
    pub fn regenerate(&self) -> &str {
        &self.regenerate
    }

    /// The name of the error-code enum, as set.
    pub fn code_enum_name(&self) -> &str {
        &self.emit.enum_name
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
        if self.specs.is_empty() {
            return Err(Error::NoSpec);
        }
        let mut texts = Vec::new();
        for spec in &self.specs {
            let (name, text) = read_spec_file(&self.root, &spec.path)?;
            let mut text = SpecText::new(name, text);
            text.module = spec.module.clone();
            for (lang, path) in &spec.translations {
                let (name, translated) = read_spec_file(&self.root, path)?;
                text = text.with_translation(lang, name, translated);
            }
            texts.push(text);
        }
        self.generate_from(texts)
    }

    /// Reads and validates one spec in memory with its translations,
    /// generating nothing: the model and its warnings, or every problem found.
    pub fn read_from(&self, spec: SpecText) -> Result<SpecResult, Error> {
        let SpecText {
            name,
            text,
            module,
            translations,
        } = spec;
        let src = SourceFile::new(name.clone(), text);
        let editions: Vec<(String, SourceFile)> = translations
            .into_iter()
            .map(|(lang, name, text)| (lang, SourceFile::new(name, text)))
            .collect();
        let mut sources = vec![&src];
        sources.extend(editions.iter().map(|(_, s)| s));
        let (model, warnings) =
            self.validate(&src, &editions)
                .map_err(|diagnostics| Error::Spec {
                    rendered: render_all(&diagnostics, &sources),
                    diagnostics,
                })?;
        Ok(SpecResult {
            rendered_warnings: render_all(&warnings, &sources),
            translations: editions
                .iter()
                .map(|(lang, src)| (lang.clone(), src.name().to_owned()))
                .collect(),
            name,
            module,
            model,
            warnings,
        })
    }

    /// The model of `src` with `editions` merged in, or every problem found.
    fn validate(&self, src: &SourceFile, editions: &[(String, SourceFile)]) -> crate::Validated {
        let (mut model, mut diagnostics) = crate::read_spec(src, &self.read)?;
        if self.require_xml_body && model.body.is_none() {
            diagnostics.push(
                Diagnostic::file_error(src, "the spec describes no usable XML error body")
                    .with_note("this crate needs field tables (`Node Name | Parent Node | Description | Type`) with a root container and a `Code` node"),
            );
        }
        for (lang, edition_src) in editions {
            match crate::read_spec(edition_src, &self.read) {
                Ok((edition, warnings)) => {
                    diagnostics.extend(warnings);
                    let edition = crate::translate::Edition {
                        lang,
                        src: edition_src,
                        model: &edition,
                    };
                    diagnostics.extend(crate::translate::merge(
                        &mut model,
                        src,
                        &edition,
                        self.read.lenient,
                    ));
                }
                Err(problems) => diagnostics.extend(problems),
            }
        }
        diagnostics.retain(|d| !self.acknowledged(d));
        if diagnostics
            .iter()
            .any(|d| d.severity == crate::Severity::Error)
        {
            Err(diagnostics)
        } else {
            Ok((model, diagnostics))
        }
    }

    /// Generates from specs already in memory, ignoring the paths given to
    /// [`Builder::spec`] and [`Builder::module_spec`]. Writes nothing.
    pub fn generate_from(
        &self,
        specs: impl IntoIterator<Item = SpecText>,
    ) -> Result<Generated, Error> {
        let mut results = Vec::new();
        let mut failed = Vec::new();
        let mut rendered_failures = String::new();
        let mut inputs = Vec::new();
        // Every spec is read before failing, so that all problems are reported at once.
        for spec in specs {
            inputs.push(input_line(&spec.name, &spec.text));
            for (_, name, text) in &spec.translations {
                inputs.push(input_line(name, text));
            }
            match self.read_from(spec) {
                Ok(result) => results.push(result),
                Err(Error::Spec {
                    diagnostics,
                    rendered,
                }) => {
                    failed.extend(diagnostics);
                    rendered_failures.push_str(&rendered);
                }
                Err(other) => return Err(other),
            }
        }
        if !failed.is_empty() {
            return Err(Error::Spec {
                diagnostics: failed,
                rendered: rendered_failures,
            });
        }
        if results.is_empty() {
            return Err(Error::NoSpec);
        }
        let mut tokens = proc_macro2::TokenStream::new();
        for result in &results {
            tokens.extend(self.emit_one(result)?);
        }
        let names: Vec<&str> = results.iter().map(|r| r.name.as_str()).collect();
        let source = format(tokens, &header(&names.join(", "), &self.regenerate))
            .map_err(|e| Error::Unparsable(e.to_string()))?;
        let mut fingerprints = String::new();
        for line in inputs {
            fingerprints.push_str(&line);
            fingerprints.push('\n');
        }
        Ok(Generated {
            source,
            fingerprints,
            specs: results,
        })
    }

    /// One spec's items, in its module if it has one.
    fn emit_one(&self, result: &SpecResult) -> Result<proc_macro2::TokenStream, Error> {
        let doc_path = match (&self.emit.doc_path, &result.module) {
            (Some(path), Some(module)) => Some(format!("{path}::{module}")),
            (path, _) => path.clone(),
        };
        let options = EmitOptions {
            spec_name: format!("`{}`", result.name),
            doc_path,
            ..self.emit.clone()
        };
        let items = emit(&result.model, &options).map_err(Error::Emit)?;
        Ok(match &result.module {
            Some(module) => {
                let module = syn::parse_str::<syn::Ident>(module)
                    .map_err(|_| Error::InvalidModule(module.clone()))?;
                let doc = format!(" Generated from `{}`.", result.name);
                quote::quote! {
                    #[doc = #doc]
                    pub mod #module { #items }
                }
            }
            None => items,
        })
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
        let path = dir.join(&self.out_file);
        write_if_changed(&path, &generated.source)?;
        Ok((generated, path))
    }

    /// Runs [`Builder::compile`] the way a build script should: asks Cargo to
    /// rerun when a spec changes, passes warnings on as `cargo:warning`, and
    /// on failure prints every problem and returns failure. Never panics.
    pub fn build_script(self) -> ExitCode {
        for path in self.inputs() {
            println!("cargo:rerun-if-changed={}", self.root.join(path).display());
        }
        match self.compile() {
            Ok((generated, _)) => {
                for line in generated.rendered_warnings().lines() {
                    println!("cargo:warning={line}");
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
        let path = self.checked_in_file()?;
        let generated = self.generate()?;
        let written = write_checked_in_pair(&path, &generated)?;
        Ok((generated, written))
    }

    /// Fails with [`Error::Stale`] (a diff and the fix) when the checked-in
    /// copy differs from what the specs give, line ends aside. With the
    /// environment variable [`UPDATE_ENV`] set to `1`, rewrites it instead:
    /// a project's own test calls this to catch staleness.
    pub fn check_checked_in(&self) -> Result<Generated, Error> {
        let path = self.checked_in_file()?;
        let generated = self.generate()?;
        if std::env::var_os(UPDATE_ENV).is_some_and(|v| v == "1") {
            write_checked_in_pair(&path, &generated)?;
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
                self.regenerate
            ),
        })
    }

    fn checked_in_file(&self) -> Result<PathBuf, Error> {
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
