//! Every reading rule and every refusal of the spec format, one test each,
//! grouped by the pipeline step that decides it.

mod diagnostics;
mod layout;
mod model;
mod read;

pub(crate) use ci_errors_codegen::Lint;
pub(crate) use ci_errors_codegen::{
    read_spec, Diagnostic, Model, ReadOptions, Severity, SourceFile,
};

pub(crate) fn read(md: &str) -> Result<(Model, Vec<Diagnostic>), Vec<Diagnostic>> {
    read_spec(&SourceFile::new("spec.md", md), &ReadOptions::default())
}

pub(crate) fn read_lenient(md: &str) -> Result<(Model, Vec<Diagnostic>), Vec<Diagnostic>> {
    read_spec(&SourceFile::new("spec.md", md), &ReadOptions::lenient(true))
}

pub(crate) fn ok(md: &str) -> Model {
    match read(md) {
        Ok((model, _)) => model,
        Err(errors) => panic!("expected success, got {errors:#?}"),
    }
}

pub(crate) fn errors(md: &str) -> Vec<Diagnostic> {
    match read(md) {
        Ok((model, _)) => panic!("expected errors, got {model:#?}"),
        Err(errors) => errors
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .collect(),
    }
}

pub(crate) const TABLE: &str =
    "| Error Code | Description | HTTP Status Code |\n| --- | --- | --- |\n";

pub(crate) fn assert_one_error(md: &str, line: usize, message_part: &str) {
    let errs = errors(md);
    assert!(
        errs.iter()
            .any(|e| e.line == Some(line) && e.message.contains(message_part)),
        "expected an error at line {line} containing {message_part:?}, got {errs:#?}"
    );
}

/// `(code, status, reason, status line, status column)` of every row.
pub(crate) fn located_rows(m: &Model) -> Vec<(&str, u16, &str, usize, usize)> {
    m.errors
        .iter()
        .map(|r| {
            (
                r.code.as_str(),
                r.status.unwrap(),
                r.reason.as_str(),
                r.status_line.unwrap(),
                r.status_column.unwrap(),
            )
        })
        .collect()
}
