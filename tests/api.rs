//! The generated API, checked against the real spec (`spec/error-codes.md`).
//! Expected values are read from the spec text, not from the generated code.

use std::str::FromStr;

use ci_errors::{Code, ErrorCode, StatusClass, ROWS};

const SPEC: &str = include_str!("../spec/error-codes.md");

/// `(code, status, rest-of-status-cell)` of every error row, read with a plain line scan.
fn spec_rows() -> Vec<(String, u16, String)> {
    SPEC.lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line
                .trim()
                .trim_matches('|')
                .split('|')
                .map(str::trim)
                .collect();
            let status = cells.last()?;
            let (number, reason) = status.split_once(' ').unwrap_or((status, ""));
            let number: u16 = number.parse().ok()?;
            Some((cells[0].to_owned(), number, reason.to_owned()))
        })
        .collect()
}

#[test]
fn every_spec_row_is_in_rows_in_order() {
    let expected = spec_rows();
    assert_eq!(expected.len(), 29, "the seed spec has 29 error rows");
    assert_eq!(ROWS.len(), expected.len());
    for (row, (code, status, reason)) in ROWS.iter().zip(&expected) {
        assert_eq!(row.code.as_str(), code);
        assert_eq!(row.status, *status);
        assert_eq!(row.reason, reason);
    }
}

#[test]
fn all_lists_distinct_codes_in_order_of_first_appearance() {
    let mut expected: Vec<String> = Vec::new();
    for (code, ..) in spec_rows() {
        if !expected.contains(&code) {
            expected.push(code);
        }
    }
    let all: Vec<&str> = ErrorCode::ALL.iter().map(ErrorCode::as_str).collect();
    assert_eq!(all, expected);
}

#[test]
fn codes_with_two_statuses() {
    assert_eq!(ErrorCode::AccessDenied.statuses(), &[401, 403]);
    assert_eq!(ErrorCode::InvalidContent.statuses(), &[400, 413]);
    assert_eq!(
        ErrorCode::AccessDenied.description(401),
        Some("No permission.")
    );
    assert_eq!(
        ErrorCode::AccessDenied.description(403),
        Some("The operation is prohibited.")
    );
    assert_eq!(
        ErrorCode::InvalidContent.description(413),
        Some("The sent packet is too large.")
    );
    assert_eq!(ErrorCode::AccessDenied.description(500), None);
    assert_eq!(ErrorCode::AccessDenied.rows().len(), 2);
}

#[test]
fn descriptions_are_plain_text_and_markdown_is_kept() {
    let row = ErrorCode::InvalidHost.row(400).unwrap();
    assert_eq!(row.description, "Host authentication failed.");
    assert!(row.description_markdown.starts_with("[Host](https://"));
    assert_eq!(
        ErrorCode::CIRoleNotExist.description(400),
        Some("The CI role CI_QCSRole does not exist.")
    );
}

#[test]
fn non_standard_reason_is_kept_as_written() {
    let row = ErrorCode::InternalError.row(500).unwrap();
    assert_eq!(row.reason, "Internal Server");
    assert_eq!(row.section, Some("5xx errors"));
}

#[test]
fn display_and_from_str_round_trip_for_every_code() {
    for &code in ErrorCode::ALL {
        assert_eq!(code.to_string().parse::<ErrorCode>(), Ok(code));
        assert_eq!(ErrorCode::try_from(code.as_str()), Ok(code));
        assert_eq!(ErrorCode::from_code(code.as_str()), Some(code));
    }
}

#[test]
fn from_str_is_exact_and_keeps_the_rejected_string() {
    for miss in [
        "accessdenied",
        "AccessDenied ",
        " AccessDenied",
        "AccessDenie",
        "",
        "Nope",
    ] {
        let err = ErrorCode::from_str(miss).unwrap_err();
        assert_eq!(err.rejected(), miss);
        assert!(err.to_string().contains(&format!("`{miss}`")));
    }
}

#[test]
fn reverse_lookup_by_status() {
    let expected: Vec<String> = {
        let mut codes = Vec::new();
        for (code, status, _) in spec_rows() {
            if status == 401 && !codes.contains(&code) {
                codes.push(code);
            }
        }
        codes
    };
    let got: Vec<&str> = ErrorCode::for_status(401)
        .iter()
        .map(ErrorCode::as_str)
        .collect();
    assert_eq!(got, expected);
    assert!(ErrorCode::for_status(403).contains(&ErrorCode::AccessDenied));
    assert!(ErrorCode::for_status(413).contains(&ErrorCode::InvalidContent));
    assert!(ErrorCode::for_status(200).is_empty());
}

#[test]
fn status_classes() {
    let redirect = ErrorCode::PermanentRedirect.row(301).unwrap();
    assert!(redirect.is_redirect() && !redirect.is_client_error());
    assert!(ErrorCode::SlowDown.row(429).unwrap().is_client_error());
    assert!(ErrorCode::ServiceUnavailable
        .row(503)
        .unwrap()
        .is_server_error());
    assert_eq!(StatusClass::of(307), StatusClass::Redirection);
    assert_eq!(StatusClass::of(451), StatusClass::ClientError);
    for row in ROWS {
        assert_eq!(row.class(), StatusClass::of(row.status));
    }
}

#[test]
fn code_keeps_unknown_codes() {
    let known = Code::from("SlowDown");
    assert_eq!(known, Code::Known(ErrorCode::SlowDown));
    assert_eq!(known.known(), Some(ErrorCode::SlowDown));
    assert_eq!(known, ErrorCode::SlowDown);
    let unknown = Code::from("NoSuchBucket".to_owned());
    assert_eq!(unknown, Code::Unknown("NoSuchBucket".into()));
    assert_eq!(unknown.as_str(), "NoSuchBucket");
    assert_eq!(unknown.known(), None);
    assert_eq!(unknown.to_string(), "NoSuchBucket");
    assert_eq!("SlowDown".parse::<Code>(), Ok(known));
}

/// The checked-in `generated/` must be exactly what the build script wrote.
#[test]
fn checked_in_generated_code_is_up_to_date() {
    let built = include_str!(concat!(env!("OUT_DIR"), "/error_codes.rs"));
    let checked_in = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/generated/error_codes.rs"
    ))
    .expect("generated/error_codes.rs is checked in");
    if checked_in != built {
        let diff = similar::TextDiff::from_lines(checked_in.as_str(), built);
        panic!(
            "generated/error_codes.rs is stale; run `cargo run -p ci-errors-codegen -- generate` and commit it\n\n{}",
            diff.unified_diff()
                .context_radius(2)
                .header("generated/error_codes.rs", "what spec/error-codes.md gives")
        );
    }
}

#[test]
fn generated_header_marks_the_file_and_names_spec_and_command() {
    let built = include_str!(concat!(env!("OUT_DIR"), "/error_codes.rs"));
    let header: Vec<&str> = built.lines().take(2).collect();
    assert!(header[0].starts_with("// @generated by ci-errors-codegen from spec/error-codes.md"));
    assert_eq!(
        header[1],
        "// Regenerate with: cargo run -p ci-errors-codegen -- generate"
    );
    assert!(
        !built.contains(env!("CARGO_MANIFEST_DIR")),
        "no absolute paths"
    );
}
