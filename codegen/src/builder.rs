//! A builder for build scripts, in the manner of `prost-build`: spec in,
//! formatted source in `OUT_DIR` out.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::diagnostic::{render_all, Diagnostic};
use crate::emit::{emit, EmitOptions};
use crate::format::{format, header};
use crate::model::{Model, ReadOptions};
use crate::source::SourceFile;
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
    specs: Vec<(Option<String>, PathBuf)>,
    out_dir: Option<PathBuf>,
    out_file: String,
    read: ReadOptions,
    emit: EmitOptions,
    regenerate: String,
    require_xml_body: bool,
}

impl Default for Builder {
    fn default() -> Self {
        Self::new()
    }
}

/// A spec already in memory: its text, the name diagnostics use, and
/// optionally the module it is emitted into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecText {
    /// The name shown in diagnostics and in the generated header, such as `spec/errors.md`.
    pub name: String,
    /// The markdown.
    pub text: String,
    /// The module to emit into, or `None` for the top level.
    pub module: Option<String>,
}

impl SpecText {
    /// A spec named `name` (as diagnostics should show it) with markdown `text`.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        SpecText {
            name: name.into(),
            text: text.into(),
            module: None,
        }
    }

    /// Emits this spec into module `module`.
    pub fn in_module(mut self, module: impl Into<String>) -> Self {
        self.module = Some(module.into());
        self
    }
}

/// What a successful run produced.
#[derive(Debug, Clone)]
pub struct Generated {
    /// The formatted source, header included.
    pub source: String,
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
    /// The builder was given a name or path that is not valid Rust, or no spec.
    Config(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::Spec { rendered, .. } => f.write_str(rendered.trim_end()),
            Error::Config(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl Builder {
    /// A builder with the defaults: enum `ErrorCode`, strict, XML body on,
    /// output `error_codes.rs` in `OUT_DIR`.
    pub fn new() -> Self {
        Builder {
            specs: Vec::new(),
            out_dir: None,
            out_file: "error_codes.rs".to_owned(),
            read: ReadOptions::default(),
            emit: EmitOptions::default(),
            regenerate: "cargo build".to_owned(),
            require_xml_body: false,
        }
    }

    /// The spec to read (relative paths are relative to the current
    /// directory, which in a build script is the package root). Replaces
    /// earlier specs.
    pub fn spec(mut self, path: impl AsRef<Path>) -> Self {
        self.specs = vec![(None, path.as_ref().to_owned())];
        self
    }

    /// Adds a spec emitted into its own module `module`, for crates with several tables.
    pub fn module_spec(mut self, module: &str, path: impl AsRef<Path>) -> Self {
        self.specs
            .push((Some(module.to_owned()), path.as_ref().to_owned()));
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

    /// Path of the XML runtime the body uses (default `::ci_errors::xml`).
    pub fn xml_runtime(mut self, path: &str) -> Self {
        self.emit.xml_runtime = path.to_owned();
        self
    }

    /// Derive `serde` traits for the XML body under this Cargo feature of the generated crate.
    pub fn serde_feature(mut self, feature: &str) -> Self {
        self.emit.serde_feature = Some(feature.to_owned());
        self
    }

    /// The command named in the generated header as the way to regenerate.
    pub fn regenerate_command(mut self, command: &str) -> Self {
        self.regenerate = command.to_owned();
        self
    }

    /// Reads the specs and generates the source, writing nothing.
    pub fn generate(&self) -> Result<Generated, Error> {
        if self.specs.is_empty() {
            return Err(Error::Config("no spec given: call `Builder::spec`".into()));
        }
        let mut texts = Vec::new();
        for (module, path) in &self.specs {
            let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
                path: path.clone(),
                source,
            })?;
            texts.push(SpecText {
                name: display_name(path),
                text,
                module: module.clone(),
            });
        }
        self.generate_from(texts)
    }

    /// Reads and validates one spec in memory, generating nothing: the model
    /// and its warnings, or every problem found.
    pub fn read_from(&self, spec: SpecText) -> Result<SpecResult, Error> {
        let SpecText { name, text, module } = spec;
        let src = SourceFile::new(name.clone(), text);
        let (model, warnings) = crate::read_spec(&src, &self.read).and_then(|(model, warnings)| {
            if self.require_xml_body && model.body.is_none() {
                let mut all = warnings;
                all.push(
                    Diagnostic::file_error(&src, "the spec describes no usable XML error body")
                        .with_note("this crate needs field tables (`Node Name | Parent Node | Description | Type`) with a root container and a `Code` node"),
                );
                Err(all)
            } else {
                Ok((model, warnings))
            }
        })
        .map_err(|diagnostics| Error::Spec {
            rendered: render_all(&diagnostics, &src),
            diagnostics,
        })?;
        Ok(SpecResult {
            rendered_warnings: render_all(&warnings, &src),
            name,
            module,
            model,
            warnings,
        })
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
        // Every spec is read before failing, so that all problems are reported at once.
        for spec in specs {
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
        let names: Vec<&str> = results.iter().map(|r| r.name.as_str()).collect();
        let mut tokens = proc_macro2::TokenStream::new();
        for result in &results {
            let options = EmitOptions {
                spec_name: format!("`{}`", result.name),
                ..self.emit.clone()
            };
            let items = emit(&result.model, &options).map_err(|e| Error::Config(e.to_string()))?;
            tokens.extend(match &result.module {
                Some(module) => {
                    let module = syn::parse_str::<syn::Ident>(module)
                        .map_err(|e| Error::Config(format!("module name `{module}`: {e}")))?;
                    let doc = format!(" Generated from `{}`.", result.name);
                    quote::quote! {
                        #[doc = #doc]
                        pub mod #module { #items }
                    }
                }
                None => items,
            });
        }
        let source = format(tokens, &header(&names.join(", "), &self.regenerate))
            .map_err(|e| Error::Config(format!("generated code does not parse: {e}")))?;
        Ok(Generated {
            source,
            specs: results,
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
                .ok_or_else(|| {
                    Error::Config("OUT_DIR is not set: call `Builder::out_dir`".into())
                })?,
        };
        let path = dir.join(&self.out_file);
        write_if_changed(&path, &generated.source)?;
        Ok((generated, path))
    }

    /// Runs [`Builder::compile`] the way a build script should: asks Cargo to
    /// rerun when a spec changes, passes warnings on as `cargo:warning`, and
    /// on failure prints every problem and returns failure. Never panics.
    pub fn build_script(self) -> ExitCode {
        for (_, path) in &self.specs {
            println!("cargo:rerun-if-changed={}", path.display());
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
}

/// The path as shown in diagnostics and the header: as given, with `/`.
fn display_name(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

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
