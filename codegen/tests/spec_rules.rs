//! Every reading rule and every refusal of the spec format, one test each.

use ci_errors_codegen::Lint;
use ci_errors_codegen::{read_spec, Diagnostic, Model, ReadOptions, Severity, SourceFile};

fn read(md: &str) -> Result<(Model, Vec<Diagnostic>), Vec<Diagnostic>> {
    read_spec(&SourceFile::new("spec.md", md), &ReadOptions::default())
}

fn read_lenient(md: &str) -> Result<(Model, Vec<Diagnostic>), Vec<Diagnostic>> {
    let options = ReadOptions {
        lenient: true,
        ..ReadOptions::default()
    };
    read_spec(&SourceFile::new("spec.md", md), &options)
}

fn ok(md: &str) -> Model {
    match read(md) {
        Ok((model, _)) => model,
        Err(errors) => panic!("expected success, got {errors:#?}"),
    }
}

fn errors(md: &str) -> Vec<Diagnostic> {
    match read(md) {
        Ok((model, _)) => panic!("expected errors, got {model:#?}"),
        Err(errors) => errors
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .collect(),
    }
}

const TABLE: &str = "| Error Code | Description | HTTP Status Code |\n| --- | --- | --- |\n";

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
fn cell_text_is_plain_and_markdown_is_kept() {
    let md = format!(
        "{TABLE}| `Code.X` | See [docs](http://e.x/y) and *this* <b>now</b> a \\| b | 400 Bad Request |\n"
    );
    let m = ok(&md);
    let r = &m.errors[0];
    assert_eq!(r.code, "Code.X");
    assert_eq!(r.description.primary().plain, "See docs and this now a | b");
    assert_eq!(
        r.description.primary().markdown,
        "See [docs](http://e.x/y) and *this* <b>now</b> a | b"
    );
}

#[test]
fn sections_come_from_headings_and_bold_paragraphs() {
    let md = format!(
        "## Errors\n\n{TABLE}| A | a | 400 |\n\n**5xx errors**\n\nSome text.\n\n{TABLE}| B | b | 500 |\n"
    );
    let m = ok(&md);
    assert_eq!(m.errors[0].section.as_deref(), Some("Errors"));
    assert_eq!(m.errors[1].section.as_deref(), Some("5xx errors"));
}

#[test]
fn no_section_is_none() {
    assert_eq!(
        ok(&format!("{TABLE}| A | a | 400 |\n")).errors[0].section,
        None
    );
}

#[test]
fn bom_and_crlf_are_accepted() {
    let md = format!(
        "\u{feff}# S\r\n\r\n{}| A | a | 401 Unauthorized |\r\n",
        TABLE.replace('\n', "\r\n")
    );
    let m = ok(&md);
    assert_eq!(m.errors[0].line, 5);
    assert_eq!(m.errors[0].reason, "Unauthorized");
    assert_eq!(m.errors[0].section.as_deref(), Some("S"));
}

#[test]
fn one_code_with_two_statuses_is_one_variant() {
    let md = format!("{TABLE}| AccessDenied | No. | 401 |\n| Other | o | 400 |\n| AccessDenied | Forbidden. | 403 |\n");
    let m = ok(&md);
    assert_eq!(m.codes.len(), 2);
    assert_eq!(m.codes[0].code, "AccessDenied");
    assert_eq!(m.codes[0].rows, vec![0, 2]);
    assert_eq!(m.errors[2].status, Some(403));
}

#[test]
fn non_standard_reason_is_a_warning_with_location() {
    let md = format!("{TABLE}| InternalError | x | 500 Internal Server |\n");
    let (model, warnings) = read(&md).unwrap();
    assert_eq!(model.errors[0].reason, "Internal Server");
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].severity, Severity::Warning);
    assert_eq!(warnings[0].location(), "spec.md:3");
    let rendered = warnings[0].render(&SourceFile::new("spec.md", md.as_str()));
    assert!(
        rendered.starts_with("warning: non-standard reason phrase `Internal Server`"),
        "{rendered}"
    );
    assert!(rendered.contains("--> spec.md:3:"), "{rendered}");
    assert!(rendered.contains("^^^^"), "{rendered}");
}

#[test]
fn field_tables_describe_the_body() {
    let md = "| Node Name (Keyword) | Parent Node | Description | Type |\n|---|---|---|---|\n| Error | None | All | Container |\n\n\
              | Node Name (Keyword) | Parent Node | Description | Type |\n|---|---|---|---|\n| Code | Error | The code | string |\n| RequestId | Error | Id | string |\n\n"
        .to_owned()
        + TABLE
        + "| A | a | 400 |\n";
    let m = ok(&md);
    assert_eq!(m.fields.len(), 3);
    assert_eq!(m.fields[0].parent, None);
    assert_eq!(m.fields[1].parent.as_deref(), Some("Error"));
    assert_eq!(m.fields[2].line, 8);
    let body = m.body.unwrap();
    assert_eq!(body.root, "Error");
    assert_eq!(body.fields[0].field, "request_id");
}

#[test]
fn other_tables_are_ignored() {
    let md = format!("| Name | Value |\n|---|---|\n| a | b |\n\n{TABLE}| A | a | 400 |\n");
    let m = ok(&md);
    assert_eq!(m.errors.len(), 1);
    assert!(m.fields.is_empty());
}

fn assert_one_error(md: &str, line: usize, message_part: &str) {
    let errs = errors(md);
    assert!(
        errs.iter()
            .any(|e| e.line == Some(line) && e.message.contains(message_part)),
        "expected an error at line {line} containing {message_part:?}, got {errs:#?}"
    );
}

#[test]
fn refuses_status_that_is_not_a_number() {
    assert_one_error(&format!("{TABLE}| A | a | N/A |\n"), 3, "not a number");
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
fn refuses_status_out_of_range() {
    assert_one_error(&format!("{TABLE}| A | a | 99 |\n"), 3, "outside 100–599");
    assert_one_error(
        &format!("{TABLE}| A | a | 600 Nope |\n"),
        3,
        "outside 100–599",
    );
}

#[test]
fn refuses_empty_code_and_status_cells() {
    assert_one_error(&format!("{TABLE}|  | a | 400 |\n"), 3, "empty code");
    assert_one_error(&format!("{TABLE}| A | a |  |\n"), 3, "empty status");
    // A short row names both counts.
    assert_one_error(
        &format!("{TABLE}| A | a |\n"),
        3,
        "this row has 2 cells, the header has 3",
    );
}

#[test]
fn refuses_same_code_with_same_status_twice() {
    let md = format!("{TABLE}| A | a | 400 |\n| A | again | 400 Bad Request |\n");
    let errs = errors(&md);
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].line, Some(4));
    assert!(errs[0].notes[0].contains("spec.md:3"), "{errs:#?}");
}

#[test]
fn refuses_codes_whose_rust_names_collide() {
    let md = format!("{TABLE}| Invalid.Arg | a | 400 |\n| Invalid-Arg | b | 400 |\n");
    assert_one_error(&md, 4, "both become the Rust name `InvalidArg`");
}

#[test]
fn refuses_spec_without_error_table() {
    let errs = errors("# Nothing\n\n| A | B |\n|---|---|\n| 1 | 2 |\n");
    assert_eq!(errs.len(), 1);
    assert!(errs[0].message.contains("no error table"));
    assert_eq!(errs[0].line, None);
}

#[test]
fn refuses_unsupported_node_type() {
    let md = format!(
        "| Node Name | Parent Node | Type |\n|---|---|---|\n| Error | None | Container |\n| Code | Error | string |\n| Count | Error | int |\n\n{TABLE}| A | a | 400 |\n"
    );
    assert_one_error(&md, 5, "unsupported node type `int`");
}

#[test]
fn reports_every_problem_at_once_in_line_order() {
    let md = format!("{TABLE}|  | c | 400 |\n| A | a | N/A |\n| B | b | 700 |\n| D | d | 400 |\n");
    let errs = errors(&md);
    let lines: Vec<_> = errs.iter().map(|e| e.line).collect();
    assert_eq!(lines, vec![Some(3), Some(4), Some(5)]);
}

#[test]
fn lenient_mode_skips_unreadable_rows_and_keeps_repeats_with_warnings() {
    let md = format!("{TABLE}| A | a | N/A |\n| B | b | 404 |\n| B | b | 404 |\n| C.x | c | 400 |\n| C-x | c | 400 |\n");
    let (model, warnings) = read_lenient(&md).unwrap();
    let codes: Vec<_> = model.errors.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(
        codes,
        ["B", "B", "C.x", "C-x"],
        "a repeated (code, status) is kept, a colliding name is numbered"
    );
    let variants: Vec<_> = model.codes.iter().map(|c| c.variant.as_str()).collect();
    assert_eq!(variants, ["B", "CX", "CX2"]);
    let lints: Vec<_> = warnings.iter().map(|w| w.lint).collect();
    assert_eq!(
        lints,
        [
            Some(Lint::SkippedRow),
            Some(Lint::RepeatedRow),
            Some(Lint::RenamedVariant),
            Some(Lint::SimilarCodes),
        ]
    );
    let lines: Vec<_> = warnings.iter().map(|w| w.line).collect();
    assert_eq!(lines, vec![Some(3), Some(5), Some(7), Some(7)]);
    assert!(warnings.iter().all(|w| w.severity == Severity::Warning));
}

#[test]
fn lenient_mode_still_needs_an_error_table() {
    assert!(read_lenient("no tables here\n").is_err());
    assert!(read_lenient(&format!("{TABLE}| A | a | N/A |\n")).is_err());
}

#[test]
fn rendered_errors_name_file_and_line_rustc_style() {
    let md = format!("{TABLE}| A | a | N/A |\n");
    let errs = errors(&md);
    let text = errs[0].render(&SourceFile::new("spec.md", md.as_str()));
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("error: status `N/A` is not a number"));
    assert_eq!(lines.next().map(str::trim), Some("--> spec.md:3:11"));
    assert!(text.contains("3 | | A | a | N/A |"), "{text}");
    assert!(text.contains("^^^"), "{text}");
}

const TWO_ROOTS: &str = "| Node Name | Parent Node | Type |\n|---|---|---|\n| Error | None | Container |\n| Response | None | Container |\n| Code | Error | string |\n\n";

#[test]
fn field_table_problems_fail_strict_mode_with_their_lines() {
    let md = format!("{TWO_ROOTS}{TABLE}| A | a | 400 |\n");
    assert_one_error(&md, 4, "second root node `Response`");
    let no_code = "| Node Name | Parent Node | Type |\n|---|---|---|\n| Error | None | Container |\n| Message | Error | string |\n\n".to_owned() + TABLE + "| A | a | 400 |\n";
    assert_one_error(&no_code, 3, "has no `Code` node");
}

#[test]
fn lenient_mode_leaves_out_an_unusable_body_and_keeps_the_codes() {
    let md = format!("{TWO_ROOTS}{TABLE}| A | a | 400 |\n");
    let (model, warnings) = read_lenient(&md).unwrap();
    assert!(model.body.is_none());
    assert_eq!(model.errors.len(), 1);
    assert!(
        warnings.iter().any(|w| w.line == Some(4)
            && w.notes
                .iter()
                .any(|n| n.contains("the XML body is skipped"))),
        "{warnings:#?}"
    );
}

#[test]
fn a_builder_can_require_the_body() {
    use ci_errors_codegen::{Builder, Error, SpecText};
    let no_fields = format!("{TABLE}| A | a | 400 |\n");
    let result = Builder::new()
        .require_xml_body(true)
        .generate_from([SpecText::new("s.md", no_fields.clone())]);
    match result {
        Err(Error::Spec { rendered, .. }) => assert!(
            rendered.contains("error: the spec describes no usable XML error body"),
            "{rendered}"
        ),
        other => panic!("expected a spec error, got {other:?}"),
    }
    assert!(Builder::new()
        .generate_from([SpecText::new("s.md", no_fields)])
        .is_ok());
}

/// `(code, status, reason, status line, status column)` of every row.
fn located_rows(m: &Model) -> Vec<(&str, u16, &str, usize, usize)> {
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

#[test]
fn a_cell_with_several_statuses_gives_a_row_for_each_at_its_number() {
    let md = format!(
        "{TABLE}| A | a | 400, 412 |\n| B | b | Conflict (409) or Gone (410) |\n| C | c | 401 或 403 |\n| D | d | 403 Forbidden<br>404 Not Found |\n"
    );
    let m = ok(&md);
    assert_eq!(
        located_rows(&m),
        [
            ("A", 400, "", 3, 11),
            ("A", 412, "", 3, 16),
            ("B", 409, "Conflict", 4, 21),
            ("B", 410, "Gone", 4, 35),
            ("C", 401, "", 5, 11),
            ("C", 403, "", 5, 17),
            ("D", 403, "Forbidden", 6, 11),
            ("D", 404, "Not Found", 6, 28),
        ]
    );
    // One code, several statuses: one variant.
    assert_eq!(m.codes.len(), 4);
    assert_eq!(m.codes[0].rows, vec![0, 1]);
}

#[test]
fn a_bad_status_among_several_is_located_and_the_good_ones_kept_in_lenient_mode() {
    let md = format!("{TABLE}| A | a | 400, 4x2, 404 |\n");
    let errs = errors(&md);
    assert_eq!(errs.len(), 1, "{errs:#?}");
    assert_eq!(errs[0].message, "status `4x2` is not a number");
    let rendered = errs[0].render(&SourceFile::new("spec.md", md.as_str()));
    assert!(rendered.contains("--> spec.md:3:16"), "{rendered}");
    let (m, warnings) = read_lenient(&md).unwrap();
    assert_eq!(
        located_rows(&m),
        [("A", 400, "", 3, 11), ("A", 404, "", 3, 21)]
    );
    assert_eq!(warnings[0].lint, Some(Lint::SkippedRow));
}

#[test]
fn a_short_row_names_both_counts_and_keeps_what_it_has() {
    let md = "| Error Code | HTTP Status Code | Description | Solution |\n|---|---|---|---|\n| A | 400 |\n";
    let (m, warnings) = read(md).unwrap();
    assert_eq!(located_rows(&m), [("A", 400, "", 3, 7)]);
    assert_eq!(warnings.len(), 1);
    assert_eq!(
        warnings[0].message,
        "this row has 2 cells, the header has 4"
    );
    assert_eq!(warnings[0].lint, Some(Lint::ShortRow));
    assert_eq!(warnings[0].subject.as_deref(), Some("A 2/4"));
    assert_eq!(
        warnings[0].label.as_deref(),
        Some("its description is empty")
    );
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
fn a_refused_short_row_says_its_cells_may_have_moved() {
    let md = "| Error Code | HTTP Status Code | Description |\n|---|---|---|\n| A | 401 | a |\n| 403 | b |\n";
    let errs = errors(md);
    assert_eq!(errs.len(), 1, "{errs:#?}");
    assert_eq!(errs[0].line, Some(4));
    assert!(
        errs[0].notes.iter().any(|n| n
            == "this row has 2 cells, the header has 3: a merged or missing cell may have moved the cells after it"),
        "{errs:#?}"
    );
}

#[test]
fn a_repeated_html_row_is_shown_over_its_lines_with_carets_on_its_cells() {
    let md = "<table>\n<tr><th>Error Code</th><th>HTTP Status Code</th></tr>\n<tr><td>A</td><td>400</td></tr>\n<tr>\n<td>A</td>\n<td>400</td>\n</tr>\n</table>\n";
    let errs = errors(md);
    assert_eq!(errs.len(), 1, "{errs:#?}");
    let text = errs[0].render(&SourceFile::new("spec.md", md));
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    assert_eq!(lines[1].trim(), "--> spec.md:5:5", "{text}");
    assert!(
        lines.windows(4).any(|w| w
            == [
                "5 | <td>A</td>",
                "  |     ^",
                "6 | <td>400</td>",
                "  |     ^^^"
            ]),
        "{text}"
    );
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
fn a_code_in_two_sections_keeps_both_rows_and_a_repeat_in_one_is_refused() {
    let md = "## Download\n\n| Error Code | Description |\n|---|---|\n| -3006 | Download failed. |\n\n## Preview\n\n| Error Code | Description |\n|---|---|\n| -3006 | Preview failed. |\n| -3007 | Other. |\n";
    let m = ok(md);
    let rows: Vec<_> = m
        .errors
        .iter()
        .map(|r| {
            (
                r.code.as_str(),
                r.section.as_deref(),
                r.description.primary().plain.as_str(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("-3006", Some("Download"), "Download failed."),
            ("-3006", Some("Preview"), "Preview failed."),
            ("-3007", Some("Preview"), "Other."),
        ]
    );
    let variants: Vec<_> = m
        .codes
        .iter()
        .map(|c| (c.variant.as_str(), c.value))
        .collect();
    assert_eq!(
        variants,
        [("Minus3006", Some(-3006)), ("Minus3007", Some(-3007))]
    );
    let repeated = format!("{md}| -3007 | Again. |\n");
    assert_one_error(&repeated, 13, "code `-3007` is listed twice in one section");
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
fn a_code_cell_of_several_codes_gives_a_row_for_each_code() {
    let md = "| HTTP Status Code | Error Code | Description |\n|---|---|---|\n| 400 | APIException<br>`UNKNOWN_EXCEPTION` | 调用API异常<br>遇到未知的异常 |\n| 403 | Access denied<br>(old) | x |\n| 400 / 409 | BadDigest / `InvalidDigest` | y |\n| 404 | NoSuchKey、NoSuchBucket | z |\n| 405 | N/A | w |\n| 406 | Xx or yy | v |\n";
    let m = ok(md);
    let rows: Vec<_> = m
        .errors
        .iter()
        .map(|r| {
            (
                r.code.as_str(),
                r.status.unwrap(),
                r.description.primary().plain.as_str(),
                &md[r.cells.0.clone()],
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (
                "APIException",
                400,
                "调用API异常 遇到未知的异常",
                "APIException"
            ),
            (
                "UNKNOWN_EXCEPTION",
                400,
                "调用API异常 遇到未知的异常",
                "UNKNOWN_EXCEPTION"
            ),
            // Lines that are not each a code: one code, as shown.
            ("Access denied (old)", 403, "x", "Access denied<br>(old)"),
            // Listed codes, each with each status of the row.
            ("BadDigest", 400, "y", "BadDigest"),
            ("BadDigest", 409, "y", "BadDigest"),
            ("InvalidDigest", 400, "y", "InvalidDigest"),
            ("InvalidDigest", 409, "y", "InvalidDigest"),
            ("NoSuchKey", 404, "z", "NoSuchKey"),
            ("NoSuchBucket", 404, "z", "NoSuchBucket"),
            // A slash without spaces lists nothing.
            ("N/A", 405, "w", "N/A"),
            // Nor does `or`: codes may be phrases.
            ("Xx or yy", 406, "v", "Xx or yy"),
        ]
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
fn hidden_characters_never_reach_diagnostics_or_generated_code_raw() {
    use ci_errors_codegen::{Builder, Error, SpecText};
    let hidden = |c: char| matches!(c, '\u{1b}' | '\u{0}' | '\u{202e}' | '\u{2066}');
    let md = "| Error Code | HTTP Status Code | Description |\n|---|---|---|\n| Esc\u{1b}Code\u{0} | N/A | Bidi \u{202e}text\u{2066} |\n";
    let Err(Error::Spec { rendered, .. }) = Builder::new().read_from(SpecText::new("h.md", md))
    else {
        panic!("a bad status is refused");
    };
    assert!(!rendered.chars().any(hidden), "{rendered:?}");
    assert!(rendered.contains("--> h.md:3:"), "{rendered}");
    let generated = Builder::new()
        .generate_from([SpecText::new("h.md", md.replace("N/A", "400"))])
        .unwrap()
        .source;
    assert!(
        !generated.chars().any(hidden),
        "raw control in the generated code"
    );
    assert!(
        generated.contains(r"Bidi \u{202e}text\u{2066}"),
        "the doc shows the escapes"
    );
}

#[test]
fn a_table_in_a_footnote_is_read_and_a_reference_stays_in_the_text() {
    let md = "| Error Code | HTTP Status Code | Description |\n|---|---|---|\n| A | 400 | See the note[^1]. |\n\n[^1]: Codes of the note:\n\n    | Error Code | HTTP Status Code | Description |\n    |---|---|---|\n    | B | 401 | b |\n";
    let m = ok(md);
    let rows: Vec<_> = m
        .errors
        .iter()
        .map(|r| {
            (
                r.code.as_str(),
                r.line,
                r.description.primary().plain.as_str(),
            )
        })
        .collect();
    assert_eq!(rows, [("A", 3, "See the note[^1]."), ("B", 9, "b")]);
}

#[test]
fn a_byte_order_mark_at_the_start_of_a_line_is_dropped() {
    let md = "| Error Code | HTTP Status Code | Description |\n|---|---|---|\n| A | 400 | a |\n\n\u{feff}| Error Code | HTTP Status Code | Description |\n|---|---|---|\n| \u{feff}B | 401 | b |\n";
    let m = ok(md);
    let rows: Vec<_> = m.errors.iter().map(|r| (r.code.as_str(), r.line)).collect();
    assert_eq!(rows, [("A", 3), ("B", 7)]);
}
