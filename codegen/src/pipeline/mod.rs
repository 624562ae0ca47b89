//! The whole pipeline as pure functions: specs in memory and settings in,
//! models, warnings and formatted source out. Nothing here touches a file;
//! [`Builder`](crate::Builder) adds the IO.

pub(crate) mod changes;
pub(crate) mod diagnostic;
pub(crate) mod drift;
pub(crate) mod emit;
pub(crate) mod fingerprint;
pub(crate) mod layout;
pub(crate) mod model;
pub(crate) mod read;
#[cfg(feature = "cli")]
pub(crate) mod retry_words;
pub(crate) mod settings;
pub(crate) mod source;
pub(crate) mod spec;

use crate::error::Error;
use diagnostic::{render_all, Diagnostic, Severity};
use emit::format::{format, header};
use emit::{emit, EmitOptions};
use model::{editions, Model, ReadOptions, Validated};
use settings::Settings;
use source::SourceFile;
use spec::SpecText;

/// What a successful run produced.
#[derive(Debug, Clone)]
pub struct Generated {
    /// The formatted source, header included.
    pub source: String,
    /// The fingerprint file written beside the checked-in copy: one line per
    /// spec file read (see [`fingerprint`](crate::fingerprint)).
    pub fingerprints: String,
    /// Each spec read, in the order given.
    pub specs: Vec<SpecResult>,
}

impl Generated {
    /// Every warning of every spec.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.specs.iter().flat_map(|s| &s.warnings)
    }

    /// Every warning on one line (`file:line:col: warning[lint]: message`),
    /// as a build script passes them to cargo, which prefixes every line.
    pub fn warning_lines(&self) -> Vec<String> {
        self.specs
            .iter()
            .flat_map(|s| {
                let sources: Vec<&SourceFile> = s.spec.sources().collect();
                s.warnings.iter().map(move |d| {
                    let src = sources.iter().find(|src| src.name() == d.file).copied();
                    d.one_line(src)
                })
            })
            .collect()
    }

    /// The warnings as a command prints them, line by line: each on one
    /// line ([`Generated::warning_lines`]) then how to see them in full
    /// (`how_in_full`), or, with `full`, each rendered in full.
    pub fn warning_report(&self, full: bool, how_in_full: &str) -> Vec<String> {
        if full {
            return self
                .rendered_warnings()
                .lines()
                .map(str::to_owned)
                .collect();
        }
        let mut lines = self.warning_lines();
        if !lines.is_empty() {
            lines.push(format!("(each in full: {how_in_full})"));
        }
        lines
    }

    /// Every warning rendered, spec by spec.
    pub fn rendered_warnings(&self) -> String {
        self.specs
            .iter()
            .map(|s| s.rendered_warnings.as_str())
            .collect()
    }
}

/// One spec's model and warnings.
#[derive(Debug, Clone)]
pub struct SpecResult {
    /// The spec as read, every edition.
    pub spec: SpecText,
    /// The validated model, every edition merged.
    pub model: Model,
    /// Warnings not acknowledged by the settings.
    pub warnings: Vec<Diagnostic>,
    /// The warnings rendered rustc-style.
    pub rendered_warnings: String,
}

impl SpecResult {
    /// The drift between the spec's editions, in full.
    pub fn drift(&self) -> drift::Drift {
        let files: Vec<&str> = self.spec.sources().map(SourceFile::name).collect();
        drift::Drift::of(&self.model, &files)
    }
}

/// Reads and validates one spec in every edition: the model and its
/// warnings (acknowledged ones left out), or every problem found.
pub(crate) fn read(spec: SpecText, settings: &Settings) -> Result<SpecResult, Error> {
    let sources: Vec<_> = spec.sources().collect();
    match validate(&spec, settings) {
        Ok((model, warnings)) => {
            let rendered_warnings = render_all(&warnings, &sources);
            Ok(SpecResult {
                rendered_warnings,
                spec,
                model,
                warnings,
            })
        }
        Err(diagnostics) => Err(Error::Spec {
            rendered: render_all(&diagnostics, &sources),
            diagnostics,
        }),
    }
}

/// The model of the primary edition with every translation merged in.
fn validate(spec: &SpecText, settings: &Settings) -> Validated {
    let src = spec.primary();
    // Acknowledged warnings stay quiet beside errors too.
    let quiet = |mut d: Vec<Diagnostic>| {
        d.retain(|d| !settings.acknowledged(d));
        d
    };
    let (mut model, mut diagnostics) = read_spec(src, &settings.read).map_err(quiet)?;
    if settings.require_xml_body && model.body.is_none() {
        diagnostics.push(
            Diagnostic::file_error(src, "the spec describes no usable XML error body")
                .with_note("this crate needs field tables (`Node Name | Parent Node | Description | Type`) with a root container and a `Code` node"),
        );
    }
    let mut sources = vec![src];
    let rows = model.errors.len();
    for (lang, edition_src) in spec.translations() {
        match read_spec(edition_src, &settings.read) {
            Ok((edition, warnings)) => {
                // Codes are named once, from the union (the primary's names,
                // or anew below): a translation's own naming says nothing.
                diagnostics.extend(
                    warnings
                        .into_iter()
                        .filter(|d| d.lint != Some(diagnostic::Lint::RenamedVariant)),
                );
                let edition = editions::Edition {
                    lang,
                    src: edition_src,
                    model: &edition,
                };
                diagnostics.extend(editions::merge(&mut model, &sources, &edition));
            }
            Err(problems) => diagnostics.extend(problems),
        }
        sources.push(edition_src);
    }
    if model.errors.len() != rows {
        // Rows only a translation lists joined: the union's codes, named anew.
        model.codes = model::codes::regroup(&model.errors);
        diagnostics.retain(|d| d.lint != Some(diagnostic::Lint::RenamedVariant));
        diagnostics.extend(model::codes::name_codes(
            &mut model,
            &sources,
            &settings.read,
        ));
    }
    editions::fill_from_columns(&mut model);
    diagnostics.retain(|d| !settings.acknowledged(d));
    if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        Err(diagnostics)
    } else {
        Ok((model, diagnostics))
    }
}

/// Reads every spec, then emits and formats them into one source; every
/// spec is read before failing, so that all problems are reported at once.
pub(crate) fn generate(
    specs: impl IntoIterator<Item = SpecText>,
    settings: &Settings,
) -> Result<Generated, Error> {
    let mut results = Vec::new();
    let mut failed = Vec::new();
    let mut rendered_failures = String::new();
    let mut fingerprints = String::new();
    let mut modules: Vec<Option<String>> = Vec::new();
    for spec in specs {
        let module = spec.module().map(str::to_owned);
        if modules.contains(&module) {
            return Err(Error::DuplicateModule(module));
        }
        modules.push(module);
        for line in spec.inputs() {
            fingerprints.push_str(line);
            fingerprints.push('\n');
        }
        match read(spec, settings) {
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
    // A retry class names a code of some spec (each spec's enum takes the ones it lists).
    let retry = [
        ("retry.throttling", &settings.emit.throttling),
        ("retry.transient", &settings.emit.transient),
    ];
    for (setting, codes) in retry {
        let listed = |c: &String| {
            results
                .iter()
                .any(|r| r.model.codes.iter().any(|e| &e.code == c))
        };
        if let Some(code) = codes.iter().find(|c| !listed(c)) {
            return Err(Error::Emit(emit::EmitError::UnknownCode {
                setting: setting.to_owned(),
                code: code.clone(),
            }));
        }
    }
    let mut tokens = proc_macro2::TokenStream::new();
    for result in &results {
        tokens.extend(emit_one(result, &settings.emit)?);
    }
    let names: Vec<&str> = results.iter().map(|r| r.spec.name()).collect();
    let source = format(tokens, &header(&names.join(", "), &settings.regenerate))
        .map_err(|e| Error::Unparsable(e.to_string()))?;
    Ok(Generated {
        source,
        fingerprints,
        specs: results,
    })
}

/// One spec's items, in its module if it has one.
fn emit_one(result: &SpecResult, options: &EmitOptions) -> Result<proc_macro2::TokenStream, Error> {
    let module = result.spec.module();
    let doc_path = match (&options.doc_path, module) {
        (Some(path), Some(module)) => Some(format!("{path}::{module}")),
        (path, _) => path.clone(),
    };
    let options = EmitOptions {
        spec_name: format!("`{}`", result.spec.name()),
        doc_path,
        ..options.clone()
    };
    let items = emit(&result.model, &options).map_err(Error::Emit)?;
    Ok(match module {
        Some(module) => {
            let module = syn::parse_str::<syn::Ident>(module)
                .map_err(|_| Error::InvalidModule(module.to_owned()))?;
            let doc = format!(" Generated from `{}`.", result.spec.name());
            quote::quote! {
                #[doc = #doc]
                pub mod #module { #items }
            }
        }
        None => items,
    })
}

/// Reads one spec: document → tables → laid-out tables → validated model.
pub fn read_spec(src: &SourceFile, options: &ReadOptions) -> Validated {
    let tables = read::read_tables(src);
    model::build(src, &tables, options)
}
