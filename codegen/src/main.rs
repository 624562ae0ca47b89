//! `ci-errors-codegen`: regenerate, check, dump and compare error-code specs.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ci_errors_codegen::changes::{self, Api};
use ci_errors_codegen::{project, Builder, Error, Generated, SpecText};
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    version,
    about = "Generates Rust error-code types from markdown error-code tables"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Regenerate `generated/` from the spec and print a summary.
    Generate {
        /// Workspace root (default: the current directory if it holds the spec, else this workspace).
        #[arg(long)]
        root: Option<PathBuf>,
        /// Skip bad rows with a warning instead of failing.
        #[arg(long)]
        lenient: bool,
    },
    /// Fail if `generated/` differs from what the spec gives; print the changes and a diff.
    Check {
        /// Workspace root.
        #[arg(long)]
        root: Option<PathBuf>,
        /// Skip bad rows with a warning instead of failing.
        #[arg(long)]
        lenient: bool,
    },
    /// Print a spec's model as JSON.
    Dump {
        /// The spec file.
        spec: PathBuf,
        /// Skip bad rows with a warning instead of failing.
        #[arg(long)]
        lenient: bool,
    },
    /// Print what changing OLD to NEW does to the generated API, as markdown.
    Changes {
        /// The spec before.
        old: PathBuf,
        /// The spec after.
        new: PathBuf,
        /// Print JSON instead of markdown.
        #[arg(long)]
        json: bool,
        /// Skip bad rows with a warning instead of failing.
        #[arg(long)]
        lenient: bool,
    },
}

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Command::Generate { root, lenient } => generate(&root_dir(root), lenient),
        Command::Check { root, lenient } => check(&root_dir(root), lenient),
        Command::Dump { spec, lenient } => dump(&spec, lenient),
        Command::Changes {
            old,
            new,
            json,
            lenient,
        } => compare(&old, &new, json, lenient),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("{error}");
            if matches!(error, Error::Spec { .. }) {
                eprintln!("error: the spec has problems; nothing was written");
            }
            ExitCode::FAILURE
        }
    }
}

fn root_dir(root: Option<PathBuf>) -> PathBuf {
    root.unwrap_or_else(|| {
        if Path::new(project::SPEC).is_file() {
            PathBuf::from(".")
        } else {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
        }
    })
}

/// Generates the project's source from `root`, naming the spec as the build script does.
fn generate_project(root: &Path, lenient: bool) -> Result<Generated, Error> {
    let path = root.join(project::SPEC);
    let text = read(&path)?;
    let generated = project::builder()
        .lenient(lenient)
        .generate_from([SpecText::new(project::SPEC, text)])?;
    eprint!("{}", generated.rendered_warnings());
    Ok(generated)
}

fn read(path: &Path) -> Result<String, Error> {
    std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })
}

fn generate(root: &Path, lenient: bool) -> Result<ExitCode, Error> {
    let generated = generate_project(root, lenient)?;
    let out = root.join(project::GENERATED);
    let written = ci_errors_codegen::builder::write_if_changed(&out, &generated.source)?;
    let spec = &generated.specs[0];
    let model = &spec.model;
    println!(
        "{} {} from {}",
        if written { "Wrote" } else { "Unchanged:" },
        project::GENERATED,
        project::SPEC
    );
    println!(
        "  codes     {} ({} rows)",
        model.codes.len(),
        model.errors.len()
    );
    let mut sections: Vec<(String, usize)> = Vec::new();
    for row in &model.errors {
        let name = row.section.clone().unwrap_or_else(|| "(none)".into());
        match sections.iter_mut().find(|(s, _)| *s == name) {
            Some((_, n)) => *n += 1,
            None => sections.push((name, 1)),
        }
    }
    let sections: Vec<String> = sections.iter().map(|(s, n)| format!("{s} ({n})")).collect();
    println!("  sections  {}", sections.join(", "));
    let multi: Vec<String> = model
        .codes
        .iter()
        .filter(|c| c.rows.len() > 1)
        .map(|c| {
            let statuses: Vec<String> = c
                .rows
                .iter()
                .map(|&i| model.errors[i].status.to_string())
                .collect();
            format!("{} {}", c.code, statuses.join("/"))
        })
        .collect();
    if !multi.is_empty() {
        println!("  multi     {}", multi.join(", "));
    }
    if let Some(body) = &model.body {
        let fields: Vec<&str> = std::iter::once(body.code_element.as_str())
            .chain(body.fields.iter().map(|f| f.element.as_str()))
            .collect();
        println!("  body      <{}>: {}", body.root, fields.join(", "));
    }
    println!("  warnings  {}", spec.warnings.len());
    Ok(ExitCode::SUCCESS)
}

fn check(root: &Path, lenient: bool) -> Result<ExitCode, Error> {
    let generated = generate_project(root, lenient)?;
    let path = root.join(project::GENERATED);
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    if current == generated.source {
        println!(
            "{} is up to date with {}",
            project::GENERATED,
            project::SPEC
        );
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "error: {} is stale: it differs from what {} gives\n",
        project::GENERATED,
        project::SPEC
    );
    let new_api = Api::from_model(&generated.specs[0].model);
    match Api::from_generated(&current) {
        Some(old_api) => println!(
            "{}",
            changes::to_markdown(&changes::diff(&old_api, &new_api), "ErrorCode")
        ),
        None => println!(
            "({} is missing or not generated code)\n",
            project::GENERATED
        ),
    }
    let diff = similar::TextDiff::from_lines(current.as_str(), generated.source.as_str());
    print!(
        "{}",
        diff.unified_diff().context_radius(3).header(
            &format!("a/{}", project::GENERATED),
            &format!("b/{}", project::GENERATED)
        )
    );
    println!("\nto fix: {}", project::REGENERATE);
    Ok(ExitCode::FAILURE)
}

fn read_model(path: &Path, lenient: bool) -> Result<ci_errors_codegen::SpecResult, Error> {
    let text = read(path)?;
    let name = path.to_string_lossy().replace('\\', "/");
    // Only the model is needed: no code is generated.
    let result = Builder::new()
        .lenient(lenient)
        .read_from(SpecText::new(name, text))?;
    eprint!("{}", result.rendered_warnings);
    Ok(result)
}

#[derive(serde::Serialize)]
struct DumpError<'a> {
    code: &'a str,
    status: u16,
    reason: &'a str,
    description: &'a str,
    section: Option<&'a str>,
    line: usize,
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

fn dump(spec: &Path, lenient: bool) -> Result<ExitCode, Error> {
    let result = read_model(spec, lenient)?;
    let model = &result.model;
    let dump = Dump {
        errors: model
            .errors
            .iter()
            .map(|r| DumpError {
                code: &r.code,
                status: r.status,
                reason: &r.reason,
                description: &r.description,
                section: r.section.as_deref(),
                line: r.line,
            })
            .collect(),
        fields: model
            .fields
            .iter()
            .map(|f| DumpField {
                name: &f.name,
                parent: f.parent.as_deref(),
                description: &f.description,
                type_name: &f.type_name,
                line: f.line,
            })
            .collect(),
    };
    let json = serde_json::to_string_pretty(&dump).map_err(|e| Error::Config(e.to_string()))?;
    println!("{json}");
    Ok(ExitCode::SUCCESS)
}

fn compare(old: &Path, new: &Path, json: bool, lenient: bool) -> Result<ExitCode, Error> {
    let old_api = Api::from_model(&read_model(old, lenient)?.model);
    let new_api = Api::from_model(&read_model(new, lenient)?.model);
    let changes = changes::diff(&old_api, &new_api);
    if json {
        let report = serde_json::json!({
            "breaking": changes.iter().any(|c| c.is_breaking()),
            "changes": changes,
        });
        let text =
            serde_json::to_string_pretty(&report).map_err(|e| Error::Config(e.to_string()))?;
        println!("{text}");
    } else {
        print!("{}", changes::to_markdown(&changes, "ErrorCode"));
    }
    Ok(ExitCode::SUCCESS)
}
