//! Step 3, the model: rows, statuses, codes and the body validated, in strict and lenient mode.

use super::*;

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
fn refuses_status_that_is_not_a_number() {
    assert_one_error(&format!("{TABLE}| A | a | TBD |\n"), 3, "not a number");
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
fn refuses_codes_whose_rust_names_collide_even_when_spelled() {
    let md = format!("{TABLE}| invalid.Arg | a | 400 |\n| Invalid.Arg | b | 400 |\n");
    assert_one_error(&md, 3, "both become the Rust name `InvalidArg`");
}

#[test]
fn refuses_unsupported_node_type() {
    let md = format!(
        "| Node Name | Parent Node | Type |\n|---|---|---|\n| Error | None | Container |\n| Code | Error | string |\n| Count | Error | int |\n\n{TABLE}| A | a | 400 |\n"
    );
    assert_one_error(&md, 5, "unsupported node type `int`");
}

#[test]
fn lenient_mode_skips_unreadable_rows_and_keeps_repeats_with_warnings() {
    let md = format!("{TABLE}| A | a | TBD |\n| B | b | 404 |\n| B | b | 404 |\n| C.x | c | 400 |\n| C-x | c | 400 |\n");
    let (model, warnings) = read_lenient(&md).unwrap();
    let codes: Vec<_> = model.errors.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(
        codes,
        ["B", "B", "C.x", "C-x"],
        "a repeated (code, status) is kept, colliding names are spelled"
    );
    let variants: Vec<_> = model.codes.iter().map(|c| c.variant.as_str()).collect();
    assert_eq!(variants, ["B", "CDotX", "CHyphenX"]);
    let lints: Vec<_> = warnings.iter().map(|w| w.lint).collect();
    assert_eq!(
        lints,
        [
            Some(Lint::SkippedRow),
            Some(Lint::RepeatedRow),
            Some(Lint::RenamedVariant),
            Some(Lint::SimilarCodes),
            Some(Lint::RenamedVariant),
        ]
    );
    let lines: Vec<_> = warnings.iter().map(|w| w.line).collect();
    assert_eq!(lines, vec![Some(3), Some(5), Some(6), Some(7), Some(7)]);
    assert!(warnings.iter().all(|w| w.severity == Severity::Warning));
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
fn a_code_cell_of_several_codes_gives_a_row_for_each_code() {
    let md = "| HTTP Status Code | Error Code | Description |\n|---|---|---|\n| 400 | APIException<br>`UNKNOWN_EXCEPTION` | 调用API异常<br>遇到未知的异常 |\n| 403 | Access denied<br>(old) | x |\n| 400 / 409 | BadDigest / `InvalidDigest` | y |\n| 404 | NoSuchKey、NoSuchBucket | z |\n| 405 | TBD | w |\n| 406 | Xx or yy | v |\n| 407 | Bad key / Gone away | u |\n";
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
            ("TBD", 405, "w", "TBD"),
            // Nor does `or`: codes may be phrases.
            ("Xx or yy", 406, "v", "Xx or yy"),
            // Items that are phrases list nothing either.
            ("Bad key / Gone away", 407, "u", "Bad key / Gone away"),
        ]
    );
}

/// A status cell that says there is none gives the row no status, in
/// every language the vendor writes it in; an empty cell is still refused.
#[test]
fn a_status_cell_that_says_none_gives_no_status() {
    for none in ["N/A", "n/a", "-", "—", "无", "なし", "없음", "Ｎ／Ａ"] {
        let m = ok(&format!("{TABLE}| A | a | {none} |\n| B | b | 404 |\n"));
        let statuses: Vec<_> = m
            .errors
            .iter()
            .map(|r| (r.code.as_str(), r.status))
            .collect();
        assert_eq!(statuses, [("A", None), ("B", Some(404))], "{none}");
    }
    assert_eq!(errors(&format!("{TABLE}| A | a |  |\n")).len(), 1);
}
