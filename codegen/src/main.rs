//! `ci-errors-codegen`: regenerate, check, dump and compare error-code specs,
//! for any project whose `Cargo.toml` has a `[package.metadata.ci-errors-codegen]` table.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ci_errors_codegen::{Api, Builder, Change, Dump, Error, SpecResult, SpecText};
use clap::{Args, Parser, Subcommand};

#[derive(Parser)]
#[command(
    version,
    about = "Generates Rust error-code types from markdown error-code tables"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Args)]
struct Project {
    /// The project's Cargo.toml (default: ./Cargo.toml, which must have the settings).
    #[arg(long)]
    manifest_path: Option<PathBuf>,
    /// Skip bad rows with a warning instead of failing.
    #[arg(long)]
    lenient: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Adopt a crate for a spec of its own: write the settings and
    /// dependencies into Cargo.toml, a build.rs, the `include!` in
    /// src/lib.rs, the first checked-in copy and a staleness test. Never
    /// overwrites; writes nothing unless the spec reads.
    Init {
        /// The spec, relative to the crate.
        #[arg(long)]
        spec: PathBuf,
        /// A translation of it, `LANG=PATH` (repeatable).
        #[arg(long = "translation", value_name = "LANG=PATH")]
        translations: Vec<String>,
        /// The code enum's name (default `ErrorCode`).
        #[arg(long)]
        enum_name: Option<String>,
        /// The crate's directory (default: the current one).
        #[arg(long, default_value = ".")]
        dir: PathBuf,
        /// Take the generator and runtime from a checkout of this repository
        /// (path dependencies) instead of the registry.
        #[arg(long, value_name = "CHECKOUT")]
        from_checkout: Option<PathBuf>,
    },
    /// Regenerate the checked-in file from the spec and print a summary.
    Generate(Project),
    /// Fail if the checked-in file differs from what the spec gives; print a diff and the fix.
    Check(Project),
    /// Print a spec's model as JSON.
    Dump {
        /// The spec file.
        spec: PathBuf,
        /// A translation of it, `LANG=PATH` (repeatable).
        #[arg(long = "translation", value_name = "LANG=PATH")]
        translations: Vec<String>,
        /// Skip bad rows with a warning instead of failing.
        #[arg(long)]
        lenient: bool,
        /// The spec's own language tag (default `en`), as the `language` setting.
        #[arg(long, value_name = "TAG")]
        language: Option<String>,
    },
    /// Print the drift between a spec's editions in full, as markdown (or
    /// JSON): each row an edition lacks, and pairs that may be one row
    /// written two ways (spelled alike, or at the same place). Without SPEC,
    /// every spec of the project's settings.
    Drift {
        /// The spec file (default: the project's specs).
        spec: Option<PathBuf>,
        /// A translation of it, `LANG=PATH` (repeatable).
        #[arg(long = "translation", value_name = "LANG=PATH", requires = "spec")]
        translations: Vec<String>,
        /// The spec's own language tag (default `en`).
        #[arg(long, value_name = "TAG", requires = "spec")]
        language: Option<String>,
        /// Without SPEC: the project's Cargo.toml (default: ./Cargo.toml).
        #[arg(long, conflicts_with = "spec")]
        manifest_path: Option<PathBuf>,
        /// Skip bad rows with a warning instead of failing.
        #[arg(long)]
        lenient: bool,
        /// Print JSON instead of markdown.
        #[arg(long)]
        json: bool,
    },
    /// Print what changing OLD to NEW does to the generated API, as markdown.
    Changes {
        /// The spec before (`-` for standard input).
        #[arg(required_unless_present = "since")]
        old: Option<PathBuf>,
        /// The spec after (`-` for standard input).
        #[arg(required_unless_present = "since")]
        new: Option<PathBuf>,
        /// Compare every spec and translation of the project's settings with
        /// the same files at git revision REV, read with the settings (header
        /// words, names, the enum's name): the CI gate.
        #[arg(long, value_name = "REV", conflicts_with_all = ["old", "new"])]
        since: Option<String>,
        /// With `--since`: the project's Cargo.toml (default: ./Cargo.toml).
        #[arg(long, requires = "since")]
        manifest_path: Option<PathBuf>,
        /// A translation of OLD, `LANG=PATH` (repeatable).
        #[arg(long = "old-translation", value_name = "LANG=PATH")]
        old_translations: Vec<String>,
        /// A translation of NEW, `LANG=PATH` (repeatable).
        #[arg(long = "new-translation", value_name = "LANG=PATH")]
        new_translations: Vec<String>,
        /// Print JSON instead of markdown.
        #[arg(long)]
        json: bool,
        /// Exit with status 2 when a change is breaking (a CI gate).
        #[arg(long)]
        fail_on_breaking: bool,
        /// Skip bad rows with a warning instead of failing.
        #[arg(long)]
        lenient: bool,
    },
}

fn main() -> ExitCode {
    let command = Cli::parse().command;
    // Only `generate` writes: only it says that nothing was.
    let writes = matches!(command, Command::Generate(_) | Command::Init { .. });
    match run(command) {
        Ok(code) => code,
        Err(error) => {
            // Every error starts with `error:`; a spec's problems are rendered so already.
            match &error {
                Error::Spec { .. } => eprintln!("{error}"),
                _ => eprintln!("error: {error}"),
            }
            if writes && matches!(error, Error::Spec { .. }) {
                eprintln!("error: the spec has problems; nothing was written");
            }
            ExitCode::FAILURE
        }
    }
}

/// Runs one command.
fn run(command: Command) -> Result<ExitCode, Error> {
    match command {
        Command::Init {
            spec,
            translations,
            enum_name,
            dir,
            from_checkout,
        } => init(&dir, &spec, &translations, enum_name, from_checkout),
        Command::Generate(project) => project.builder_for_generate().and_then(|b| generate(&b)),
        Command::Check(project) => project.builder().and_then(|b| check(&b)),
        Command::Dump {
            spec,
            translations,
            lenient,
            language,
        } => dump(&spec, &translations, lenient, language.as_deref()),
        Command::Drift {
            spec,
            translations,
            language,
            manifest_path,
            lenient,
            json,
        } => drift(
            spec.as_deref(),
            &translations,
            language.as_deref(),
            Project {
                manifest_path,
                lenient,
            },
            json,
        ),
        Command::Changes {
            since: Some(rev),
            manifest_path,
            json,
            fail_on_breaking,
            lenient,
            ..
        } => Project {
            manifest_path,
            lenient,
        }
        .builder()
        .and_then(|b| since(&b, &rev, json))
        .map(|breaking| gate(breaking, fail_on_breaking)),
        Command::Changes {
            old: Some(old),
            new: Some(new),
            old_translations,
            new_translations,
            json,
            fail_on_breaking,
            lenient,
            ..
        } => compare(
            (&old, &old_translations),
            (&new, &new_translations),
            json,
            lenient,
        )
        .map(|breaking| gate(breaking, fail_on_breaking)),
        Command::Changes { .. } => Err(Error::Config {
            path: PathBuf::from("changes"),
            message: "give OLD and NEW, or `--since REV`".into(),
        }),
    }
}

/// `init`: adopts the crate in `dir` and says what it wrote and what to run next.
fn init(
    dir: &Path,
    spec: &Path,
    translations: &[String],
    enum_name: Option<String>,
    from_checkout: Option<PathBuf>,
) -> Result<ExitCode, Error> {
    let mut adopt = ci_errors_codegen::Init::new(dir, spec);
    for t in translations {
        let (lang, path) = t.split_once('=').ok_or_else(|| Error::Config {
            path: PathBuf::from(t),
            message: "a translation is `LANG=PATH`".into(),
        })?;
        adopt = adopt.translation(lang, path);
    }
    if let Some(name) = &enum_name {
        adopt = adopt.enum_name(name);
    }
    if let Some(checkout) = from_checkout {
        adopt = adopt.dependencies(ci_errors_codegen::Dependencies::Checkout(checkout));
    }
    let adopted = adopt.run()?;
    // Each finding on one line with its place, as a build prints warnings.
    for line in adopted.drift.iter().chain(&adopted.warnings) {
        eprintln!("{line}");
    }
    println!("Adopted {} for {}; wrote:", dir.display(), spec.display());
    for file in &adopted.written {
        println!("  {}", file.display());
    }
    if !adopted.decided.is_empty() {
        println!("\nSettings it needed or proposes (in Cargo.toml; review them):");
        for setting in &adopted.decided {
            println!("  {setting}");
        }
    }
    if !adopted.drift.is_empty() {
        println!(
            "\nThe editions drift ({} findings, accepted above): `ci-errors-codegen drift` reports it in full.",
            adopted.drift.len()
        );
    }
    println!(
        "\nNext, in {}:\n  cargo test                                   checks the checked-in copy against the spec\n  \
         CI_ERRORS_CODEGEN_UPDATE=1 cargo test --features regenerate   after editing the spec: rewrites the copy\n  \
         ci-errors-codegen changes --since origin/main --fail-on-breaking   the CI gate",
        dir.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// The exit status of `changes`: 2 when asked to fail on breaking changes and there are some.
fn gate(breaking: usize, fail_on_breaking: bool) -> ExitCode {
    if fail_on_breaking && breaking > 0 {
        eprintln!("error: {breaking} breaking change(s)");
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

/// `changes --since REV`: prints each spec's changes; returns how many are breaking.
fn since(builder: &Builder, rev: &str, as_json: bool) -> Result<usize, Error> {
    let reports = builder.changes_since(rev)?;
    for report in &reports {
        if as_json {
            let value = serde_json::json!({ "spec": report.spec, "changes": changes_json(&report.changes) });
            println!("{}", json(&value));
        } else {
            println!("{} since {rev}:\n", report.spec);
            print!(
                "{}",
                Change::to_markdown(&report.changes, &report.enum_name)
            );
        }
    }
    Ok(reports.iter().map(|r| r.breaking()).sum())
}

/// Each change as JSON, with whether it is breaking beside its kind.
fn changes_json(changes: &[Change]) -> Vec<serde_json::Value> {
    changes
        .iter()
        .map(|c| {
            let mut value = serde_json::to_value(c).unwrap_or_default();
            if let Some(object) = value.as_object_mut() {
                object.insert("breaking".into(), c.is_breaking().into());
            }
            value
        })
        .collect()
}

impl Project {
    /// The builder for `generate`: with `--lenient`, only when the build
    /// accepts what it writes (the build reads with the manifest's settings).
    fn builder_for_generate(&self) -> Result<Builder, Error> {
        let builder = self.builder()?;
        if self.lenient {
            let as_built = self.manifest_builder()?;
            if let Err(Error::Spec { rendered, .. }) = as_built.generate() {
                return Err(Error::Config {
                    path: PathBuf::from("Cargo.toml"),
                    message: format!(
                        "`--lenient` would write code that the build refuses: the build reads the spec with the settings, strictly.\n\
                         to fix: correct the spec, or set `lenient = true` in the settings so that the build reads it leniently too\n\n{rendered}"
                    ),
                });
            }
        }
        Ok(builder)
    }

    /// The builder the project's manifest describes, `--lenient` applied.
    fn builder(&self) -> Result<Builder, Error> {
        let builder = self.manifest_builder()?;
        Ok(if self.lenient {
            builder.lenient(true)
        } else {
            builder
        })
    }

    /// The builder the project's manifest describes, as the build sees it.
    fn manifest_builder(&self) -> Result<Builder, Error> {
        Builder::from_manifest_path(self.manifest_path.as_deref())
    }
}

fn checked_in_name(builder: &Builder) -> String {
    builder
        .checked_in_path()
        .map_or_else(String::new, |p| p.display().to_string())
}

fn generate(builder: &Builder) -> Result<ExitCode, Error> {
    let (generated, written) = builder.write_checked_in()?;
    print_warnings(&generated);
    println!(
        "{} {}",
        if written { "Wrote" } else { "Unchanged:" },
        checked_in_name(builder)
    );
    print!("{}", generated.summary());
    print!("{}", builder.changes_against_head(&generated));
    Ok(ExitCode::SUCCESS)
}

/// Each warning on one line with its `file:line:col`, as a build prints
/// them (drift between editions can be a finding per row), or each in full
/// with `CI_ERRORS_CODEGEN_FULL` set.
fn print_warnings(generated: &ci_errors_codegen::Generated) {
    let full = std::env::var_os(ci_errors_codegen::FULL_ENV).is_some();
    let how = format!(
        "{}=1; the drift between editions: `ci-errors-codegen drift`",
        ci_errors_codegen::FULL_ENV
    );
    for line in generated.warning_report(full, &how) {
        eprintln!("{line}");
    }
}

fn check(builder: &Builder) -> Result<ExitCode, Error> {
    match builder.check_checked_in() {
        Ok(generated) => {
            eprint!("{}", generated.rendered_warnings());
            println!("{} is up to date", checked_in_name(builder));
            Ok(ExitCode::SUCCESS)
        }
        Err(Error::Stale { path, diff, fix }) => {
            println!(
                "error: {} is stale: it differs from what the spec gives\n",
                path.display()
            );
            print!("{diff}");
            println!("\nto fix: {fix}");
            Ok(ExitCode::FAILURE)
        }
        Err(other) => Err(other),
    }
}

/// Reads `path`, or standard input for `-`.
fn read_input(path: &Path) -> Result<(String, String), Error> {
    if path == Path::new("-") {
        let text =
            ci_errors_codegen::read_spec_from(std::io::stdin()).map_err(|source| Error::Io {
                path: path.to_owned(),
                source,
            })?;
        return Ok(("<stdin>".to_owned(), text));
    }
    let text = ci_errors_codegen::read_spec_file(path)?;
    Ok((path.to_string_lossy().replace('\\', "/"), text))
}

/// Reads a spec and its translations (`LANG=PATH` each) into a model.
fn read_model(
    path: &Path,
    translations: &[String],
    lenient: bool,
    language: Option<&str>,
) -> Result<SpecResult, Error> {
    let (name, text) = read_input(path)?;
    let mut spec = SpecText::new(name, text);
    for translation in translations {
        let Some((lang, path)) = translation.split_once('=') else {
            return Err(Error::Config {
                path: PathBuf::from(translation),
                message: "a translation is given as LANG=PATH".into(),
            });
        };
        let (name, text) = read_input(Path::new(path))?;
        spec = spec.with_translation(lang, name, text);
    }
    // Only the model is needed: no code is generated.
    let mut builder = Builder::new().lenient(lenient);
    if let Some(language) = language {
        builder = builder.language(language);
    }
    let result = builder.read_from(spec)?;
    eprint!("{}", result.rendered_warnings);
    Ok(result)
}

fn dump(
    spec: &Path,
    translations: &[String],
    lenient: bool,
    language: Option<&str>,
) -> Result<ExitCode, Error> {
    let result = read_model(spec, translations, lenient, language)?;
    println!("{}", Dump::of(&result.model).to_json());
    Ok(ExitCode::SUCCESS)
}

/// `drift`: the report of each spec, given or the project's.
fn drift(
    spec: Option<&Path>,
    translations: &[String],
    language: Option<&str>,
    project: Project,
    as_json: bool,
) -> Result<ExitCode, Error> {
    let results = match spec {
        Some(spec) => vec![read_model(spec, translations, project.lenient, language)?],
        None => {
            let generated = project.builder()?.generate()?;
            eprint!("{}", generated.rendered_warnings());
            generated.specs
        }
    };
    let reports: Vec<(String, ci_errors_codegen::Drift)> = results
        .iter()
        .map(|r| (r.spec.name().to_owned(), r.drift()))
        .collect();
    if as_json {
        let by_spec: std::collections::BTreeMap<&str, &ci_errors_codegen::Drift> =
            reports.iter().map(|(n, d)| (n.as_str(), d)).collect();
        println!("{}", json(&by_spec));
    } else {
        for (name, report) in &reports {
            println!("{}", report.to_markdown(name));
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn json(value: &impl serde::Serialize) -> String {
    // Serializing plain structs of strings and numbers cannot fail.
    serde_json::to_string_pretty(value).unwrap_or_default()
}

/// Prints the changes; returns how many are breaking.
fn compare(
    (old, old_translations): (&Path, &[String]),
    (new, new_translations): (&Path, &[String]),
    as_json: bool,
    lenient: bool,
) -> Result<usize, Error> {
    // Standard input can be read once: at most one input may be `-`.
    let stdin = std::iter::once(old)
        .chain(std::iter::once(new))
        .map(Path::to_path_buf)
        .chain(
            old_translations
                .iter()
                .chain(new_translations)
                .filter_map(|t| t.split_once('=').map(|(_, p)| PathBuf::from(p))),
        )
        .filter(|p| p == Path::new("-"))
        .count();
    if stdin > 1 {
        return Err(Error::Config {
            path: PathBuf::from("-"),
            message: "standard input can be read once: give at most one spec or translation as `-`"
                .into(),
        });
    }
    let old_api = Api::from_model(&read_model(old, old_translations, lenient, None)?.model);
    let new_api = Api::from_model(&read_model(new, new_translations, lenient, None)?.model);
    let changes = old_api.diff(&new_api);
    if as_json {
        let report = serde_json::json!({
            "breaking": changes.iter().any(|c| c.is_breaking()),
            "changes": changes_json(&changes),
        });
        println!("{}", json(&report));
    } else {
        print!("{}", Change::to_markdown(&changes, "ErrorCode"));
    }
    Ok(changes.iter().filter(|c| c.is_breaking()).count())
}
