//! The generated API, checked against the spec it was built from: every row
//! the spec gives is reachable through the API, and nothing else. Expected
//! values come from the spec files (read by the generator's own reader, and
//! cross-checked by a plain line scan), never from the generated code.

use std::collections::BTreeSet;
use std::str::FromStr;

use ci_errors::{Code, ErrorCode, ErrorRow, Lang, StatusClass};
use ci_errors_codegen::Builder;
use ci_errors_codegen::Model;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The model of `spec/` as this crate's settings read it (translations included).
fn model() -> Model {
    let generated = Builder::from_manifest(ROOT)
        .unwrap()
        .generate()
        .expect("the spec reads");
    generated.specs.into_iter().next().unwrap().model
}

/// Every row of the API, code by code.
/// The cells of a markdown table line, as a plain scan reads them.
fn cells(line: &str) -> Vec<&str> {
    line.trim()
        .trim_matches('|')
        .split('|')
        .map(str::trim)
        .collect()
}

/// A text as `description_in` gives it: none when empty (an edition that
/// lacks the row, or an empty cell).
fn written(text: &str) -> Option<&str> {
    (!text.is_empty()).then_some(text)
}

fn all_rows() -> Vec<ErrorRow> {
    ErrorCode::all_rows().collect()
}

#[test]
fn every_spec_row_is_in_all_rows_code_by_code_and_nothing_else() {
    let model = model();
    let rows = all_rows();
    assert_eq!(rows.len(), model.errors.len());
    let expected = model.codes.iter().flat_map(|c| model.rows_of(c));
    for (row, expected) in rows.iter().zip(expected) {
        let at = format!("spec/error-codes.md:{}", expected.line);
        assert_eq!(row.code.as_str(), expected.code, "{at}");
        assert_eq!(row.status, expected.status, "{at}");
        assert_eq!(row.reason, expected.reason, "{at}");
        let primary = expected.description.primary();
        assert_eq!(row.description, primary.plain, "{at}");
        assert_eq!(row.description_markdown, primary.markdown, "{at}");
        assert_eq!(row.section, expected.section.as_deref(), "{at}");
        let texts: Vec<&str> = expected
            .description
            .each()
            .map(|t| t.plain.as_str())
            .collect();
        let got: Vec<&str> = row.descriptions().map(|d| d.text).collect();
        assert_eq!(got, texts, "{at}");
        // An edition that lacks the row (or says nothing) gives none.
        for (&lang, text) in Lang::ALL.iter().zip(&texts) {
            assert_eq!(row.description_in(lang), written(text), "{at}");
        }
    }
}

/// An independent reading of the spec: `(code, status)` of every line that
/// looks like an error row (a cell that is a known code, a cell starting with
/// a three-digit status), in each edition; the enum's rows are their union
/// (a pair listed n times in one edition and m in the other is there
/// max(n, m) times).
#[test]
fn a_plain_line_scan_finds_the_same_pairs() {
    let scan = |file: &str| {
        let spec = std::fs::read_to_string(format!("{ROOT}/{file}")).unwrap();
        let mut scanned: std::collections::BTreeMap<(ErrorCode, u16), usize> = Default::default();
        for line in spec.lines().filter(|l| l.trim_start().starts_with('|')) {
            let cells = cells(line);
            let Some(code) = cells.first().and_then(|c| ErrorCode::from_code(c)) else {
                continue;
            };
            if let Some(status) = cells.iter().find_map(|c| {
                c.get(..3)
                    .filter(|n| n.bytes().all(|b| b.is_ascii_digit()))
                    .and_then(|n| n.parse::<u16>().ok())
            }) {
                *scanned.entry((code, status)).or_default() += 1;
            }
        }
        scanned
    };
    let mut union = scan("spec/error-codes.md");
    for (pair, n) in scan("spec/error-codes.zh.md") {
        let count = union.entry(pair).or_default();
        *count = (*count).max(n);
    }
    let mut api: std::collections::BTreeMap<(ErrorCode, u16), usize> = Default::default();
    for pair in all_rows().iter().filter_map(|r| Some((r.code, r.status?))) {
        *api.entry(pair).or_default() += 1;
    }
    assert_eq!(api, union);
}

#[test]
fn all_lists_distinct_codes_in_order_of_first_appearance() {
    let model = model();
    let all: Vec<&str> = ErrorCode::ALL.iter().map(ErrorCode::as_str).collect();
    let expected: Vec<&str> = model.codes.iter().map(|c| c.code.as_str()).collect();
    assert_eq!(all, expected);
}

#[test]
fn statuses_rows_and_descriptions_per_code() {
    let model = model();
    for (entry, &code) in model.codes.iter().zip(ErrorCode::ALL) {
        assert_eq!(
            code.statuses().collect::<Vec<_>>(),
            model.statuses_of(entry),
            "{}",
            entry.code
        );
        assert_eq!(code.rows().len(), entry.rows.len(), "{}", entry.code);
        let mut rows = code.rows();
        let left = |n: usize| format!("Rows {{ code: {code:?}, left: {n} }}");
        assert_eq!(format!("{rows:?}"), left(entry.rows.len()));
        rows.next();
        assert_eq!(format!("{rows:?}"), left(entry.rows.len() - 1));
        // Status-free: the first row's description and the first remedy given, in each edition.
        let rows: Vec<_> = model.rows_of(entry).collect();
        for (i, &lang) in Lang::ALL.iter().enumerate() {
            let nth = |t: &ci_errors_codegen::Texts| t.each().nth(i).unwrap().plain.clone();
            assert_eq!(
                code.describe(lang),
                nth(&rows[0].description),
                "{}",
                entry.code
            );
            let remedy = rows.iter().map(|r| nth(&r.remedy)).find(|r| !r.is_empty());
            assert_eq!(
                code.remedy(lang).map(str::to_owned),
                remedy,
                "{}",
                entry.code
            );
        }
        assert_eq!(code.value(), entry.value, "{}", entry.code);
        if let Some(value) = entry.value {
            let first = model.codes.iter().find(|c| c.value == Some(value)).unwrap();
            assert_eq!(
                ErrorCode::from_value(value).map(|c| c.as_str()),
                Some(first.code.as_str())
            );
        }
        let category = entry
            .code
            .split_once('.')
            .map(|(c, _)| c)
            .filter(|c| !c.is_empty());
        assert_eq!(code.category(), category, "{}", entry.code);
        for row in model.rows_of(entry) {
            let Some(status) = row.status else {
                continue;
            };
            // The first row with a status is the one `row` and `description` give.
            let first = model
                .rows_of(entry)
                .find(|r| r.status == row.status)
                .unwrap();
            assert_eq!(
                code.description(status),
                Some(first.description.primary().plain.as_str())
            );
            assert_eq!(
                code.description_in(Lang::En, status),
                written(&first.description.primary().plain)
            );
            let zh = first.description.get(1).plain.as_str();
            assert_eq!(code.description_in(Lang::Zh, status), written(zh));
        }
        let unlisted = (100..600).find(|&s| code.row(s).is_none()).unwrap();
        assert_eq!(code.row(unlisted), None);
        assert_eq!(code.description(unlisted), None);
    }
}

#[test]
fn display_and_from_str_round_trip_for_every_code() {
    for &code in ErrorCode::ALL {
        assert_eq!(code.to_string().parse::<ErrorCode>(), Ok(code));
        assert_eq!(ErrorCode::try_from(code.as_str()), Ok(code));
        assert_eq!(ErrorCode::from_code(code.as_str()), Some(code));
    }
}

/// Strings near each code (other case, a byte off, cut short, extended) that the spec does not list.
fn near_misses() -> Vec<String> {
    let listed: BTreeSet<&str> = ErrorCode::ALL.iter().map(ErrorCode::as_str).collect();
    let mut misses = vec![String::new(), " ".into()];
    for code in &listed {
        misses.push(code.to_lowercase());
        misses.push(code.to_uppercase());
        misses.push(format!("{code} "));
        misses.push(format!(" {code}"));
        misses.push(code[..code.len() - 1].to_owned());
        misses.push(format!("{code}X"));
    }
    misses.retain(|m| !listed.contains(m.as_str()));
    misses
}

#[test]
fn from_str_is_exact_and_keeps_the_rejected_string() {
    for miss in near_misses() {
        assert_eq!(ErrorCode::from_code(&miss), None, "{miss:?}");
        let err = ErrorCode::from_str(&miss).unwrap_err();
        assert_eq!(err.rejected(), miss);
        assert!(err.to_string().contains(&format!("`{miss}`")));
    }
}

#[test]
fn reverse_lookup_by_status() {
    let model = model();
    let statuses: BTreeSet<u16> = model.errors.iter().filter_map(|r| r.status).collect();
    for status in statuses {
        // In the enum's order: the order of first appearance.
        let expected: Vec<&str> = model
            .codes
            .iter()
            .filter(|c| model.rows_of(c).any(|r| r.status == Some(status)))
            .map(|c| c.code.as_str())
            .collect();
        let got: Vec<&str> = ErrorCode::for_status(status).map(|c| c.as_str()).collect();
        assert_eq!(got, expected, "{status}");
    }
    assert_eq!(ErrorCode::for_status(200).count(), 0);
}

#[test]
fn status_classes_follow_the_first_digit() {
    for row in all_rows() {
        let Some(status) = row.status else {
            assert_eq!(row.class(), None);
            assert!(!row.is_client_error() && !row.is_server_error());
            continue;
        };
        let class = match status / 100 {
            1 => StatusClass::Informational,
            2 => StatusClass::Success,
            3 => StatusClass::Redirection,
            4 => StatusClass::ClientError,
            _ => StatusClass::ServerError,
        };
        assert_eq!(row.class(), Some(class), "{} {status}", row.code);
        assert_eq!(row.is_redirection(), class == StatusClass::Redirection);
        assert_eq!(row.is_client_error(), class == StatusClass::ClientError);
        assert_eq!(row.is_server_error(), class == StatusClass::ServerError);
    }
}

#[test]
fn code_keeps_unknown_codes() {
    for &listed in ErrorCode::ALL {
        let known = Code::from(listed.as_str());
        assert_eq!(known, Code::Known(listed));
        assert_eq!(known.known(), Some(listed));
        assert_eq!(known, listed);
        assert_eq!(listed.as_str().parse::<Code>(), Ok(known));
    }
    for miss in near_misses() {
        let unknown = Code::from(miss.clone());
        assert_eq!(unknown, Code::Unknown(miss.clone()));
        assert_eq!(unknown.as_str(), miss);
        assert_eq!(unknown.known(), None);
        assert_eq!(unknown.to_string(), miss);
    }
}

/// The checked-in `generated/` must be exactly what the spec gives
/// (`CI_ERRORS_CODEGEN_UPDATE=1` rewrites it instead).
#[test]
fn checked_in_generated_code_is_up_to_date() {
    let builder = Builder::from_manifest(ROOT).unwrap();
    if let Err(stale) = builder.check_checked_in() {
        panic!("{stale}");
    }
}

#[test]
fn generated_header_marks_the_file_and_fingerprints_name_every_spec_file() {
    let built = std::fs::read_to_string(format!("{ROOT}/generated/error_codes.rs")).unwrap();
    let header: Vec<&str> = built.lines().take(2).collect();
    assert!(header[0].starts_with("// @generated by ci-errors-codegen from spec/error-codes.md"));
    assert_eq!(
        header[1],
        "// Regenerate with: cargo run -p ci-errors-codegen -- generate"
    );
    assert!(!built.contains(ROOT), "no absolute paths");
    let recorded =
        std::fs::read_to_string(format!("{ROOT}/generated/error_codes.fingerprints")).unwrap();
    let lines: Vec<&str> = recorded.lines().collect();
    let files = ["spec/error-codes.md", "spec/error-codes.zh.md"];
    assert_eq!(lines.len(), files.len());
    for (line, file) in lines.iter().zip(files) {
        let text = std::fs::read_to_string(format!("{ROOT}/{file}")).unwrap();
        assert_eq!(*line, ci_errors_codegen::input_line(file, &text));
        // The same file with CRLF line ends has the same fingerprint.
        assert_eq!(
            *line,
            ci_errors_codegen::input_line(file, &text.replace('\n', "\r\n"))
        );
    }
}

/// The English and Chinese editions as this crate reads them, with `edit` applied to the Chinese.
fn with_chinese(
    edit: impl FnOnce(&str) -> String,
) -> Result<ci_errors_codegen::Generated, ci_errors_codegen::Error> {
    let read = |file: &str| std::fs::read_to_string(format!("{ROOT}/{file}")).unwrap();
    let zh = edit(&read("spec/error-codes.zh.md"));
    Builder::from_manifest(ROOT)
        .unwrap()
        .generate_from([ci_errors_codegen::SpecText::new(
            "spec/error-codes.md",
            read("spec/error-codes.md"),
        )
        .with_translation("zh", "spec/error-codes.zh.md", zh)])
}

/// The rows that have a status, each with it: the edits below copy a row's
/// line, which the seed writes with its status.
fn with_status() -> Vec<(ErrorRow, u16)> {
    all_rows()
        .into_iter()
        .filter_map(|r| Some((r, r.status?)))
        .collect()
}

/// The line (1-based) of `file` holding the row of `code` with `status`.
fn row_line(file: &str, code: &str, status: u16) -> usize {
    std::fs::read_to_string(format!("{ROOT}/{file}"))
        .unwrap()
        .lines()
        .position(|l| l.starts_with(&format!("| {code} ")) && l.contains(&format!("| {status}")))
        .unwrap()
        + 1
}

/// The one spec of `generated`: its model and its warnings, one line each.
fn model_and_warnings(
    generated: &ci_errors_codegen::Generated,
) -> (&ci_errors_codegen::Model, Vec<String>) {
    (&generated.specs[0].model, generated.warning_lines())
}

#[test]
fn a_row_deleted_from_the_chinese_edition_is_drift_reported_at_its_english_line() {
    let rows = with_status();
    let (row, status) = rows[rows.len() / 2];
    let zh_line = row_line("spec/error-codes.zh.md", row.code.as_str(), status);
    let generated = with_chinese(|zh| {
        let lines: Vec<&str> = zh.lines().collect();
        let mut kept = lines[..zh_line - 1].to_vec();
        kept.extend(&lines[zh_line..]);
        kept.join("\n") + "\n"
    })
    .expect("drift between editions is a report, not a refusal");
    let (model, warnings) = model_and_warnings(&generated);
    let en_line = row_line("spec/error-codes.md", row.code.as_str(), status);
    let expected = format!(
        "spec/error-codes.md:{en_line}:3: warning[translation_drift]: `{}` with status {status} is missing from the `zh` edition",
        row.code
    );
    assert!(
        warnings.iter().any(|w| w.starts_with(&expected)),
        "{warnings:#?}"
    );
    // The row stays, with no Chinese text: no edition stands in for another.
    let kept = model
        .errors
        .iter()
        .find(|r| r.code == row.code.as_str() && r.status == Some(status))
        .unwrap();
    assert_eq!(kept.listed_in, [0]);
    assert_eq!(kept.description.get(1).plain, "");
    assert_eq!(kept.description.primary().plain, row.description);
}

#[test]
fn a_row_only_the_chinese_edition_has_joins_the_enum_and_is_reported_at_its_line_there() {
    let rows = with_status();
    let (last, status) = rows[rows.len() - 1];
    let zh_line = row_line("spec/error-codes.zh.md", last.code.as_str(), status);
    let mut only_zh = String::from("OnlyInChinese");
    while ErrorCode::from_code(&only_zh).is_some() {
        only_zh.push('X');
    }
    let generated = with_chinese(|zh| {
        let mut lines: Vec<String> = zh.lines().map(str::to_owned).collect();
        lines.insert(zh_line, format!("| {only_zh} | 只在中文版 | {status} |"));
        lines.join("\n") + "\n"
    })
    .expect("drift between editions is a report, not a refusal");
    let (model, warnings) = model_and_warnings(&generated);
    let expected = format!(
        "spec/error-codes.zh.md:{}:3: warning[translation_drift]: `{only_zh}` with status {status} is only in the `zh` edition",
        zh_line + 1
    );
    assert!(
        warnings.iter().any(|w| w.starts_with(&expected)),
        "{warnings:#?}"
    );
    let joined = model.codes.iter().position(|c| c.code == only_zh).unwrap();
    let last_at = model
        .codes
        .iter()
        .position(|c| c.code == last.code.as_str())
        .unwrap();
    assert_eq!(
        joined,
        last_at + 1,
        "after the row it follows in the zh edition"
    );
    let row = &model.errors[model.codes[joined].rows[0]];
    assert_eq!(row.listed_in, [1]);
    assert_eq!(row.description.primary().plain, "");
    assert_eq!(row.description.get(1).plain, "只在中文版");
}

/// Every Chinese description, as a plain line scan of the Chinese file reads it
/// (for cells without markup), is what `description_in(Lang::Zh, …)` gives.
#[test]
fn chinese_descriptions_match_the_chinese_cells() {
    let zh = std::fs::read_to_string(format!("{ROOT}/spec/error-codes.zh.md")).unwrap();
    let mut checked = 0;
    for (row, status) in with_status() {
        let line = zh.lines().find(|l| {
            l.starts_with(&format!("| {} ", row.code)) && l.contains(&format!("| {status}"))
        });
        // A row the Chinese edition lacks has no Chinese text.
        let Some(line) = line else {
            assert_eq!(row.description_in(Lang::Zh), None, "{}", row.code);
            continue;
        };
        let cells = cells(line);
        let cell = cells[1];
        if !cell.contains(['[', '`', '*', '<']) {
            assert_eq!(
                row.code.description_in(Lang::Zh, status),
                row.code.row(status).unwrap().description_in(Lang::Zh)
            );
            if row.code.row(status) == Some(row) {
                assert_eq!(
                    row.code.description_in(Lang::Zh, status),
                    written(cell),
                    "{} {status}",
                    row.code
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 0);
}

/// A body read from bytes alone, XML or JSON, with no `http` crate: every
/// code of the spec comes back typed, with its retry answer.
#[cfg(feature = "body")]
#[test]
fn a_body_reads_from_bytes_without_http() {
    use ci_errors::{BodyKind, ResponseBody, Retry};
    for &code in ErrorCode::ALL {
        let xml = format!("<Error><Code>{code}</Code><Message>m</Message></Error>");
        let json = format!(
            r#"{{"Response":{{"Error":{{"Code":"{code}","Message":"m"}},"RequestId":"r"}}}}"#
        );
        for bytes in [xml.as_bytes(), json.as_bytes()] {
            let body = ResponseBody::read(bytes);
            assert_eq!(body.code(), Some(&Code::Known(code)));
            let expected = if code.retry_class().is_some() {
                Retry::Retry
            } else {
                Retry::DoNotRetry
            };
            assert_eq!(body.retry(), expected, "{code}");
        }
    }
    assert!(matches!(
        ResponseBody::read(b"<html><body>502</body></html>"),
        ResponseBody::Unparsed {
            kind: BodyKind::Html,
            ..
        }
    ));
}
