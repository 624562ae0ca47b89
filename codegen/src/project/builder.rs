//! The [`Builder`], in the manner of `prost-build`: the settings, set in
//! code or read from the manifest ([`super::manifest`]), and the spec files
//! they name, read and handed to the pure [`pipeline`](crate::pipeline).
//! Where the output goes is [`super::build_script`]'s business (`OUT_DIR`)
//! and [`super::checked_in`]'s (the copy for review).

use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::pipeline::diagnostic::Lint;
use crate::pipeline::layout::vocabulary::Column;
use crate::pipeline::settings::Settings;
use crate::pipeline::spec::SpecText;
use crate::pipeline::{self, Generated, SpecResult};
use crate::project::manifest::SpecPaths;

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
    pub(super) specs: Vec<SpecPaths>,
    pub(super) root: PathBuf,
    pub(super) out_dir: Option<PathBuf>,
    pub(super) out_file: String,
    pub(super) checked_in: Option<PathBuf>,
    pub(super) settings: Settings,
    /// The manifest the settings came from, which a build script watches too.
    pub(super) manifest: Option<PathBuf>,
}

impl Default for Builder {
    fn default() -> Self {
        Self::new()
    }
}

/// Reads the spec file at `root/path`.
fn read_spec_file(root: &Path, path: &Path) -> Result<String, Error> {
    crate::project::spec_file::read_spec_file(root.join(path))
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
        Ok(Self::with_manifest(
            dir,
            crate::project::manifest::read_manifest(dir)?,
        ))
    }

    /// The settings of the manifest at `manifest_path`, or, when none is
    /// given, of `./Cargo.toml`, which must have them: only where the tool
    /// is pointed, never the workspace it was compiled in.
    pub fn from_manifest_path(manifest_path: Option<&Path>) -> Result<Self, Error> {
        let dir = match manifest_path {
            Some(path) => path.parent().unwrap_or(Path::new(".")),
            None if crate::project::manifest::has_settings(Path::new(".")) => Path::new("."),
            None => {
                return Err(Error::Config {
                    path: PathBuf::from("Cargo.toml"),
                    message: format!(
                        "no `[package.metadata.{}]` settings here: run in the project's directory, or pass `--manifest-path`",
                        crate::project::manifest::METADATA_KEY
                    ),
                })
            }
        };
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        Self::from_manifest(dir)
    }

    /// [`Builder::from_manifest`] for a manifest not yet written: `text`
    /// stands for `dir/Cargo.toml` (what `init` is about to write).
    #[cfg(feature = "cli")]
    pub(crate) fn from_manifest_text(dir: &Path, text: &str) -> Result<Self, Error> {
        let manifest = crate::project::manifest::parse_manifest(&dir.join("Cargo.toml"), text)?;
        Ok(Self::with_manifest(dir, manifest))
    }

    pub(super) fn with_manifest(dir: &Path, manifest: crate::project::manifest::Manifest) -> Self {
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
        self.generate_from(self.read_specs()?)
    }

    /// The specs of the settings as their files are now.
    pub(crate) fn read_specs(&self) -> Result<Vec<SpecText>, Error> {
        self.spec_texts(|path| read_spec_file(&self.root, path))
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_regenerate_command_is_the_one_the_header_names() {
        let spec = SpecText::new(
            "a.md",
            "| Error Code | Description |\n| --- | --- |\n| A | a |\n",
        );
        let builder = Builder::new();
        let default = builder.regenerate().to_owned();
        let builder = builder.regenerate_command("make regenerate-errors");
        assert_ne!(default, builder.regenerate());
        assert_eq!(builder.regenerate(), "make regenerate-errors");
        let source = builder.generate_from([spec]).unwrap().source;
        assert!(source.contains("make regenerate-errors"), "{source}");
    }
}
