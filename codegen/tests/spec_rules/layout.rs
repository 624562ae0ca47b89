//! Step 2, layout: which tables are error tables and which column holds what.

use super::*;

#[test]
fn columns_in_any_order_with_extra_columns_ignored() {
    let md = "| Note | HTTP Status | Meaning | Code |\n|---|---|---|---|\n| x | 404 Not Found | Gone away. | NoSuchKey |\n";
    let m = ok(md);
    assert_eq!(m.errors.len(), 1);
    let r = &m.errors[0];
    assert_eq!(
        (r.code.as_str(), r.status.unwrap(), r.reason.as_str()),
        ("NoSuchKey", 404, "Not Found")
    );
    assert_eq!(r.description.primary().plain, "Gone away.");
    assert_eq!(r.line, 3);
}

#[test]
fn a_headed_description_column_is_kept_beside_longer_prose() {
    for header in ["Description", "Cause", "Error Message", "Solution"] {
        let md = format!("| Code | {header} | Remark |\n|---|---|---|\n| NoSuchKey | Gone. | Seen when the key was deleted a moment before the read. |\n");
        let (m, warnings) = read(&md).unwrap();
        let r = &m.errors[0];
        let (description, remedy) = match header {
            "Solution" => ("", "Gone."),
            _ => ("Gone.", ""),
        };
        assert_eq!(r.description.primary().plain, description, "{header}");
        assert_eq!(r.remedy.primary().plain, remedy, "{header}");
        assert!(warnings.is_empty(), "{header}: {warnings:?}");
    }
}

#[test]
fn description_column_is_optional() {
    let m = ok("| Code | Status |\n|---|---|\n| A | 400 |\n");
    assert_eq!(m.errors[0].description.primary().plain, "");
    assert_eq!(m.errors[0].reason, "");
}

#[test]
fn headers_in_other_languages() {
    for header in [
        "| 错误码 | 描述 | HTTP 状态码 |",
        "| エラーコード | 説明 | HTTPステータスコード |",
        "| 오류 코드 | 설명 | HTTP 상태 코드 |",
        "| ERROR  CODE | error message | Status Code |",
    ] {
        let md = format!("{header}\n|---|---|---|\n| A | d | 403 |\n");
        assert_eq!(ok(&md).errors[0].status, Some(403), "{header}");
    }
}

#[test]
fn other_tables_are_ignored() {
    let md = format!("| Name | Value |\n|---|---|\n| a | b |\n\n{TABLE}| A | a | 400 |\n");
    let m = ok(&md);
    assert_eq!(m.errors.len(), 1);
    assert!(m.fields.is_empty());
}

#[test]
fn refuses_cells_in_the_wrong_columns() {
    assert_one_error(
        &format!("{TABLE}| A | 400 | Bad thing |\n"),
        3,
        "not a number",
    );
}

#[test]
fn refuses_spec_without_error_table() {
    let errs = errors("# Nothing\n\n| A | B |\n|---|---|\n| 1 | 2 |\n");
    assert_eq!(errs.len(), 1);
    assert!(errs[0].message.contains("no error table"));
    assert_eq!(errs[0].line, None);
}

#[test]
fn lenient_mode_still_needs_an_error_table() {
    assert!(read_lenient("no tables here\n").is_err());
    assert!(read_lenient(&format!("{TABLE}| A | a | TBD |\n")).is_err());
}

#[test]
fn bilingual_and_run_together_headers_are_read() {
    let md =
        "| 错误码（Error Code） | HTTPStatus | 错误信息 |\n|---|---|---|\n| A | 404 | 不存在。 |\n";
    let m = ok(md);
    assert_eq!(m.errors[0].description.primary().plain, "不存在。");
    assert_eq!(located_rows(&m), [("A", 404, "", 3, 7)]);
}

#[test]
fn a_heading_that_names_a_status_gives_it_to_a_table_without_a_status_column() {
    let md = "# Errors\n\n## 400—Bad Request\n\n| Error Code | Description |\n|---|---|\n| `badRequest` | a |\n| invalid | b |\n\n<h3>HTTP 404 Not Found</h3>\n\n| Code | Description |\n|---|---|\n| notFound | c |\n\n## 409 conflicts\n\n| Code | Description |\n|---|---|\n| conflict | d |\n";
    let m = ok(md);
    assert_eq!(
        located_rows(&m),
        [
            ("badRequest", 400, "Bad Request", 3, 4),
            ("invalid", 400, "Bad Request", 3, 4),
            ("notFound", 404, "Not Found", 10, 10),
            // The heading's other words are a title, not a reason phrase.
            ("conflict", 409, "", 16, 4),
        ]
    );
    let lines: Vec<_> = m.errors.iter().map(|r| r.line).collect();
    assert_eq!(lines, [7, 8, 14, 20]);
    assert_eq!(m.errors[0].section.as_deref(), Some("400—Bad Request"));
}

#[test]
fn a_heading_that_is_not_only_statuses_gives_no_status() {
    let md = "## Errors for 404\n\n| Error Code | Description |\n|---|---|\n| A | a |\n\n## 2024 changes\n\n| Error Code | Description |\n|---|---|\n| B | b |\n\n## Real\n\n| Error Code | HTTP Status Code |\n|---|---|\n| C | 400 |\n";
    let (m, warnings) = read(md).unwrap();
    let rows: Vec<_> = m
        .errors
        .iter()
        .map(|r| {
            (
                r.code.as_str(),
                r.status,
                r.section.as_deref(),
                r.status_line,
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("A", None, Some("Errors for 404"), None),
            ("B", None, Some("2024 changes"), None),
            ("C", Some(400), Some("Real"), Some(17)),
        ]
    );
    let lints: Vec<_> = warnings.iter().map(|w| (w.lint, w.line)).collect();
    assert_eq!(lints, [(Some(Lint::MissingDescriptionColumn), Some(15))]);
}

#[test]
fn empty_cells_in_a_first_code_or_status_column_take_the_cell_above() {
    let md = "| HTTP Status Code | Error Code | Description |\n|---|---|---|\n| 400 | A | a |\n|  | B | b |\n|  | C | c |\n| 403 | D | d |\n|  | E | e |\n|  |  |  |\n";
    let (m, warnings) = read(md).unwrap();
    let rows: Vec<_> = m
        .errors
        .iter()
        .map(|r| {
            (
                r.code.as_str(),
                r.status.unwrap(),
                r.line,
                r.status_line.unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("A", 400, 3, 3),
            ("B", 400, 4, 3),
            ("C", 400, 5, 3),
            ("D", 403, 6, 6),
            ("E", 403, 7, 6)
        ]
    );
    // One warning for the table, at its first empty cell; the empty row says nothing.
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    let w = &warnings[0];
    assert_eq!(w.lint, Some(Lint::CarriedCell));
    assert_eq!(
        w.message,
        "3 rows with an empty `HTTP Status Code` cell take the status of the row above"
    );
    assert_eq!(w.line, Some(4));
    assert!(w.notes[0].starts_with("rows at lines 4, 5, 7;"), "{w:#?}");

    // A code merged over its two statuses.
    let md = "| Error Code | HTTP Status Code |\n|---|---|\n| AccessDenied | 401 |\n|  | 403 |\n";
    let (m, _) = read(md).unwrap();
    assert_eq!(m.codes.len(), 1);
    assert_eq!(m.statuses_of(&m.codes[0]), [401, 403]);
}

#[test]
fn empty_cells_elsewhere_or_with_nothing_above_are_still_refused() {
    // Nothing above to take.
    assert_one_error(
        "| HTTP Status Code | Error Code |\n|---|---|\n|  | A |\n",
        3,
        "empty status",
    );
    // Not the first column: a missing value, not a merged cell.
    assert_one_error(
        "| Description | Error Code | HTTP Status Code |\n|---|---|---|\n| a | A | 400 |\n| b | B |  |\n",
        4,
        "empty status",
    );
}

#[test]
fn a_code_headed_column_of_statuses_is_the_status_column_beside_another_code_column() {
    let md = "| 错误码 | 错误名称 | 错误描述 |\n|---|---|---|\n| 400 | BAD_REQUEST | 参数错误 |\n| 403 | FORBIDDEN | 请求被禁止 |\n";
    let m = ok(md);
    assert_eq!(
        located_rows(&m),
        [("BAD_REQUEST", 400, "", 3, 3), ("FORBIDDEN", 403, "", 4, 3)]
    );
    let descriptions: Vec<_> = m
        .errors
        .iter()
        .map(|r| r.description.primary().plain.as_str())
        .collect();
    assert_eq!(descriptions, ["参数错误", "请求被禁止"]);
    // The column of numbers need not be the best-named one.
    let md =
        "| 错误码ID | 错误码名称 | 含义 |\n|---|---|---|\n| 401 | PARAM_MISSING | 参数缺失 |\n";
    let m = ok(md);
    assert_eq!(
        (m.errors[0].code.as_str(), m.errors[0].status.unwrap()),
        ("PARAM_MISSING", 401)
    );
    // A cell that is not a status, or no other code column: headers decide, and
    // the table has no status column: its codes have none.
    let m = ok("| 错误码 | 错误名称 |\n|---|---|\n| 400 | A |\n| E1 | B |\n");
    let rows: Vec<_> = m
        .errors
        .iter()
        .map(|r| (r.code.as_str(), r.status, r.name.as_deref()))
        .collect();
    assert_eq!(rows, [("400", None, Some("A")), ("E1", None, Some("B"))]);
    // A numeric code takes its variant from the name beside it.
    let variants: Vec<_> = m.codes.iter().map(|c| c.variant.as_str()).collect();
    assert_eq!(variants, ["A", "E1"]);
    let m = ok("| 错误码 | 描述 |\n|---|---|\n| 400 | a |\n");
    assert_eq!(
        (m.errors[0].status, m.codes[0].variant.as_str()),
        (None, "_400")
    );
}

#[test]
fn symbolic_codes_take_no_names_from_another_column_of_symbols() {
    let md = "| Error Code | Constant | Description |\n|---|---|---|\n| NoSuchKey | NO_SUCH_KEY | Gone. |\n| KeyLocked | KEY_LOCKED | Locked. |\n";
    let m = ok(md);
    let names: Vec<Option<&str>> = m.errors.iter().map(|r| r.name.as_deref()).collect();
    assert_eq!(names, [None, None]);
}

#[test]
fn repeated_numbers_beside_other_numbers_stay_the_codes() {
    // `Since` holds distinct integers, but numbers are never names: the
    // repeated code stays the code (and is warned of as repeated).
    let md = "| Error Code | Since | Description |\n|---|---|---|\n| 4000 | 1 | Bad input. |\n| 4000 | 2 | Bad input again. |\n";
    let (m, _) = read_lenient(md).unwrap();
    let codes: Vec<&str> = m.codes.iter().map(|c| c.code.as_str()).collect();
    assert_eq!(codes, ["4000"]);
}

#[test]
fn distinct_numbers_beside_constants_stay_the_codes_with_their_names() {
    let md = "| Code | Constant | Description |\n|---|---|---|\n| 1001 | ERR_A | First failure. |\n| 1002 | ERR_B | Second failure. |\n";
    let m = ok(md);
    let rows: Vec<(&str, Option<&str>)> = m
        .errors
        .iter()
        .map(|r| (r.code.as_str(), r.name.as_deref()))
        .collect();
    assert_eq!(rows, [("1001", Some("ERR_A")), ("1002", Some("ERR_B"))]);
}
