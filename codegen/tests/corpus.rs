//! Vendor-like documents of our own (`tests/corpus/`), each written in a
//! style other vendors publish in: `dump --lenient` with default settings must
//! give exactly the rows a reader sees, as listed by hand in `NAME.dump.json`,
//! and exactly the warnings in `NAME.warnings` (`line:column message`; none
//! when the file is absent). A document with settings of its own gives them
//! in `NAME.args`, `dump`'s arguments one per line.
//!
//! A new table style is a new document here. With `CI_ERRORS_CODEGEN_UPDATE=1`
//! the test writes what the tool gives as the expectations instead of
//! comparing, so that a change of behaviour is reviewed as their diff
//! (`git diff codegen/tests/corpus`); a new document's first expectations
//! are checked by hand.

use std::path::{Path, PathBuf};
use std::process::Command;

fn corpus() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut docs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    docs
}

fn with_suffix(doc: &Path, suffix: &str) -> PathBuf {
    let stem = doc.file_stem().unwrap().to_str().unwrap();
    doc.with_file_name(format!("{stem}{suffix}"))
}

/// `line:column message` of each warning the tool printed, in order.
fn warnings(stderr: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut lines = stderr.lines();
    while let Some(line) = lines.next() {
        if let Some(message) = line.strip_prefix("warning: ") {
            let location = lines
                .next()
                .and_then(|l| l.trim_start().strip_prefix("--> "))
                .and_then(|l| {
                    l.rsplitn(3, ':')
                        .collect::<Vec<_>>()
                        .get(..2)
                        .map(|p| format!("{}:{}", p[1], p[0]))
                })
                .unwrap_or_default();
            found.push(format!("{location} {message}"));
        }
    }
    found
}

/// The document's own settings, as `dump` takes them: the arguments in
/// `NAME.args` (one per line; none when the file is absent), such as
/// `--language` and `zh` for a Chinese page read as its primary edition.
fn settings(doc: &Path) -> Vec<String> {
    std::fs::read_to_string(with_suffix(doc, ".args"))
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Whether the expectations are to be rewritten rather than compared.
fn updating() -> bool {
    std::env::var_os("CI_ERRORS_CODEGEN_UPDATE").is_some_and(|v| v == "1")
}

/// Writes the expectations of `doc`: its dump, and its warnings (no file when none).
fn update(doc: &Path, dump: &serde_json::Value, warnings: &[String]) {
    let json = serde_json::to_string_pretty(dump).unwrap() + "\n";
    std::fs::write(with_suffix(doc, ".dump.json"), json).unwrap();
    let path = with_suffix(doc, ".warnings");
    if warnings.is_empty() {
        let _ = std::fs::remove_file(path);
    } else {
        std::fs::write(path, warnings.join("\n") + "\n").unwrap();
    }
}

#[test]
fn every_document_reads_as_its_readers_see_it() {
    let docs = corpus();
    assert!(docs.len() >= 20, "corpus: {docs:?}");
    let mut failures = Vec::new();
    for doc in &docs {
        let out = Command::new(env!("CARGO_BIN_EXE_ci-errors-codegen"))
            .args(["dump", "--lenient"])
            .args(settings(doc))
            .arg(doc)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{}: {stderr}", doc.display());
        let got: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        if updating() {
            update(doc, &got, &warnings(&stderr));
            eprintln!(
                "CI_ERRORS_CODEGEN_UPDATE=1: wrote the expectations of {}",
                doc.display()
            );
            continue;
        }
        let expected_path = with_suffix(doc, ".dump.json");
        let expected: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&expected_path).unwrap()).unwrap();
        if got != expected {
            failures.push(format!(
                "{}: dump differs from {}:\n{}",
                doc.display(),
                expected_path.display(),
                serde_json::to_string_pretty(&got).unwrap()
            ));
        }
        let expected_warnings: Vec<String> = std::fs::read_to_string(with_suffix(doc, ".warnings"))
            .unwrap_or_default()
            .lines()
            .map(str::to_owned)
            .collect();
        let got_warnings = warnings(&stderr);
        if got_warnings != expected_warnings {
            failures.push(format!(
                "{}: warnings {got_warnings:#?}, expected {expected_warnings:#?}\n{stderr}",
                doc.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
