//! `ci-errors-codegen`: regenerate, check, dump and compare error-code specs,
//! for any project whose `Cargo.toml` has a `[package.metadata.ci-errors-codegen]` table.

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ci_errors_codegen::{
    has_settings, Api, Builder, Change, Error, Generated, SpecResult, SpecText, METADATA_KEY,
};
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
    let result = match command {
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
        } => dump(&spec, &translations, lenient),
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
    };
    match result {
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

/// The text of `file` (relative to `root`) at git revision `rev`, if git has it.
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
    let written = adopt.run()?;
    println!("Adopted {} for {}; wrote:", dir.display(), spec.display());
    for file in &written {
        println!("  {}", file.display());
    }
    println!(
        "\nNext, in {}:\n  cargo test                      builds, and checks the checked-in copy\n  \
         ci-errors-codegen generate      after editing the spec: rewrites the checked-in copy\n  \
         ci-errors-codegen changes --since origin/main --fail-on-breaking   the CI gate",
        dir.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn git_show(root: &Path, rev: &str, file: &str) -> Option<String> {
    std::process::Command::new("git")
        .args(["show", &format!("{rev}:./{file}")])
        .current_dir(root)
        .stderr(std::process::Stdio::null())
        .output()
        .ok()
        .filter(|out| out.status.success())
        .and_then(|out| String::from_utf8(out.stdout).ok())
}

/// `spec` as its files were at git revision `rev`: `None` when its primary
/// file was not there; a translation that was not is left out.
fn at_revision(root: &Path, rev: &str, spec: &SpecText) -> Option<SpecText> {
    let mut old = SpecText::new(spec.name(), git_show(root, rev, spec.name())?);
    for (lang, src) in spec.translations() {
        if let Some(text) = git_show(root, rev, src.name()) {
            old = old.with_translation(lang, src.name(), text);
        }
    }
    Some(old)
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

/// `changes --since REV`: each spec of the settings against its files at
/// `rev` (a spec that did not exist then is all new). Returns how many
/// changes are breaking.
fn since(builder: &Builder, rev: &str, as_json: bool) -> Result<usize, Error> {
    let now = builder.spec_texts(|path| {
        ci_errors_codegen::read_spec_file(builder.root_dir(), path).map(|(_, text)| text)
    })?;
    let mut breaking = 0;
    let mut reports = Vec::new();
    for new in now {
        let name = new.name().to_owned();
        let enum_name = match new.module() {
            Some(module) => format!("{module}::{}", builder.code_enum_name()),
            None => builder.code_enum_name().to_owned(),
        };
        // A spec new since `rev` compares with nothing; the old one is read
        // leniently: its problems are not this change's.
        let old_api = at_revision(builder.root_dir(), rev, &new)
            .and_then(|old| builder.clone().lenient(true).read_from(old).ok())
            .map(|old| Api::from_model(&old.model))
            .unwrap_or_default();
        let new_api = Api::from_model(&builder.read_from(new)?.model);
        let changes = old_api.diff(&new_api);
        breaking += changes.iter().filter(|c| c.is_breaking()).count();
        reports.push((name, enum_name, changes));
    }
    for (name, enum_name, changes) in &reports {
        if as_json {
            println!(
                "{}",
                json(&serde_json::json!({ "spec": name, "changes": changes_json(changes) }))
            );
        } else {
            println!("{name} since {rev}:\n");
            print!("{}", Change::to_markdown(changes, enum_name));
        }
    }
    Ok(breaking)
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
        let dir = match &self.manifest_path {
            Some(path) => path
                .parent()
                .map_or_else(|| PathBuf::from("."), Path::to_owned),
            // Only where it is pointed: the current directory's manifest,
            // never the workspace the tool was compiled in.
            None if has_settings(Path::new(".")) => PathBuf::from("."),
            None => {
                return Err(Error::Config {
                    path: PathBuf::from("Cargo.toml"),
                    message: format!(
                        "no `[package.metadata.{METADATA_KEY}]` settings here: run in the project's directory, or pass `--manifest-path`"
                    ),
                })
            }
        };
        let dir = if dir.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            dir
        };
        Builder::from_manifest(dir)
    }
}

fn checked_in_name(builder: &Builder) -> String {
    builder
        .checked_in_path()
        .map_or_else(String::new, |p| p.display().to_string())
}

fn generate(builder: &Builder) -> Result<ExitCode, Error> {
    let (generated, written) = builder.write_checked_in()?;
    eprint!("{}", generated.rendered_warnings());
    println!(
        "{} {}",
        if written { "Wrote" } else { "Unchanged:" },
        checked_in_name(builder)
    );
    summary(&generated);
    api_changes(builder, &generated);
    Ok(ExitCode::SUCCESS)
}

/// What this generation changed in the API, against each spec as last
/// committed (`git show HEAD:<spec>`); said plainly when there is nothing to compare with.
fn api_changes(builder: &Builder, generated: &Generated) {
    for spec in &generated.specs {
        let name = spec.spec.name();
        let Some(old) = at_revision(builder.root_dir(), "HEAD", &spec.spec) else {
            println!("\n(no committed {name} to compare the API with)");
            continue;
        };
        // The committed spec read leniently: its problems are not this run's.
        let old = builder.clone().lenient(true).read_from(old);
        match old {
            Ok(old) => {
                let changes = Api::from_model(&old.model).diff(&Api::from_model(&spec.model));
                println!("\nAgainst {name} as committed:\n");
                print!(
                    "{}",
                    Change::to_markdown(&changes, builder.code_enum_name())
                );
            }
            Err(_) => println!("\n(the committed {name} cannot be read; no API comparison)"),
        }
    }
}

/// Per spec: codes and rows, sections, codes with several rows, the body, warnings.
fn summary(generated: &Generated) {
    for spec in &generated.specs {
        let model = &spec.model;
        match spec.spec.module() {
            Some(module) => println!("  {} (module {module})", spec.spec.name()),
            None => println!("  {}", spec.spec.name()),
        }
        println!(
            "  codes     {} ({} rows)",
            model.codes.len(),
            model.errors.len()
        );
        let mut sections: Vec<(String, usize)> = Vec::new();
        for row in &model.errors {
            let name = row.section.clone().unwrap_or_else(|| "(none)".into());
            match sections.last_mut() {
                Some((last, n)) if *last == name => *n += 1,
                _ => sections.push((name, 1)),
            }
        }
        let sections: Vec<String> = sections.iter().map(|(s, n)| format!("{s} ({n})")).collect();
        println!("  sections  {}", sections.join(", "));
        let multi: Vec<String> = model
            .codes
            .iter()
            .filter(|c| c.rows.len() > 1)
            .map(|c| {
                let statuses: Vec<String> = model
                    .rows_of(c)
                    .map(|r| r.status.map_or_else(|| "-".to_owned(), |s| s.to_string()))
                    .collect();
                format!("{} {}", c.code, statuses.join("/"))
            })
            .collect();
        if !multi.is_empty() {
            println!("  multi     {}", multi.join(", "));
        }
        if model.languages.len() > 1 {
            println!("  languages {}", model.languages.join(", "));
        }
        if let Some(body) = &model.body {
            let fields: Vec<&str> = std::iter::once(body.code_element.as_str())
                .chain(body.fields.iter().map(|f| f.element.as_str()))
                .collect();
            println!("  body      <{}>: {}", body.root, fields.join(", "));
        }
        println!("  warnings  {}", spec.warnings.len());
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
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|source| Error::Io {
                path: path.to_owned(),
                source,
            })?;
        return Ok(("<stdin>".to_owned(), text));
    }
    ci_errors_codegen::read_spec_file(Path::new(""), path)
}

/// Reads a spec and its translations (`LANG=PATH` each) into a model.
fn read_model(path: &Path, translations: &[String], lenient: bool) -> Result<SpecResult, Error> {
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
    let result = Builder::new().lenient(lenient).read_from(spec)?;
    eprint!("{}", result.rendered_warnings);
    Ok(result)
}

type ByLang<'a> = std::collections::BTreeMap<&'a str, &'a str>;

#[derive(serde::Serialize)]
struct DumpError<'a> {
    code: &'a str,
    /// `null` for a code without a status.
    status: Option<u16>,
    reason: &'a str,
    description: &'a str,
    /// The other roles, each shown when the row has it.
    #[serde(skip_serializing_if = "str::is_empty")]
    remedy: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    cause: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<i64>,
    section: Option<&'a str>,
    line: usize,
    /// Where the status number is: a cell with several statuses gives a row for each.
    status_line: Option<usize>,
    status_column: Option<usize>,
    /// Language tag → description, for each translation.
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    translations: ByLang<'a>,
    /// Language tag → remedy, cause and message, for each translation, when the row has them.
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    remedy_translations: ByLang<'a>,
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    cause_translations: ByLang<'a>,
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    message_translations: ByLang<'a>,
}

/// Language tag → text of each translation, or nothing when no edition has the text.
fn by_lang<'a>(languages: &'a [String], texts: &'a ci_errors_codegen::Texts) -> ByLang<'a> {
    if texts.each().all(|t| t.plain.is_empty()) {
        return ByLang::new();
    }
    languages[1..]
        .iter()
        .map(String::as_str)
        .zip(texts.each().skip(1).map(|t| t.plain.as_str()))
        .collect()
}

#[derive(serde::Serialize)]
struct DumpField<'a> {
    name: &'a str,
    parent: Option<&'a str>,
    description: &'a str,
    #[serde(rename = "type")]
    type_name: &'a str,
    line: usize,
}

#[derive(serde::Serialize)]
struct Dump<'a> {
    errors: Vec<DumpError<'a>>,
    fields: Vec<DumpField<'a>>,
}

fn dump(spec: &Path, translations: &[String], lenient: bool) -> Result<ExitCode, Error> {
    let result = read_model(spec, translations, lenient)?;
    let model = &result.model;
    let dump = Dump {
        errors: model
            .errors
            .iter()
            .map(|r| DumpError {
                code: &r.code,
                status: r.status,
                reason: &r.reason,
                description: &r.description.primary().plain,
                remedy: &r.remedy.primary().plain,
                cause: &r.cause.primary().plain,
                message: &r.message.primary().plain,
                name: r.name.as_deref(),
                value: r.value,
                section: r.section.as_deref(),
                line: r.line,
                status_line: r.status_line,
                status_column: r.status_column,
                translations: model.languages[1..]
                    .iter()
                    .map(String::as_str)
                    .zip(r.description.each().skip(1).map(|t| t.plain.as_str()))
                    .collect(),
                remedy_translations: by_lang(&model.languages, &r.remedy),
                cause_translations: by_lang(&model.languages, &r.cause),
                message_translations: by_lang(&model.languages, &r.message),
            })
            .collect(),
        fields: model
            .fields
            .iter()
            .map(|f| DumpField {
                name: &f.name,
                parent: f.parent.as_deref(),
                description: &f.description.plain,
                type_name: &f.type_name,
                line: f.line,
            })
            .collect(),
    };
    println!("{}", json(&dump));
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
    let old_api = Api::from_model(&read_model(old, old_translations, lenient)?.model);
    let new_api = Api::from_model(&read_model(new, new_translations, lenient)?.model);
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
