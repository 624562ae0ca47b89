//! Named warnings: each at its exact place, with its name; allowing a name
//! silences every one of its kind, accepting a subject only that one.

use ci_errors_codegen::{Builder, Diagnostic, Error, Lint, SpecText};

/// A spec with one occurrence of each table-level and row-level quirk.
const QUIRKS: &str = "\
## Errors

**4xx errors**

| Error Code | HTTP Status Code | Description |
| --- | --- | --- |
| Gone | 410 | Gone. |
| Busy | 503 | Busy. |
| GONE | 400 | Shouting. |
| 错误 | 400 Bad | Bad. |
| Gone | 410 | Gone again. |

| Other | 400 | Cut off. |

| HTTP Status Code | Meaning of it |
| --- | --- |
| 400 | y |

| Error Code | HTTP Status Code |
| --- | --- |
| Plain | 404 |
";

fn warnings(builder: Builder) -> Vec<Diagnostic> {
    builder
        .read_from(SpecText::new("quirks.md", QUIRKS))
        .expect("only warnings")
        .warnings
}

/// `(lint, line, byte column of the caret, subject)` of every warning.
fn located(builder: Builder) -> Vec<(Lint, usize, usize, String)> {
    warnings(builder)
        .into_iter()
        .map(|d| {
            let line = d.line.unwrap();
            let start = d.span.clone().unwrap().start;
            let line_start = QUIRKS
                .lines()
                .take(line - 1)
                .map(|l| l.len() + 1)
                .sum::<usize>();
            (
                d.lint.unwrap(),
                line,
                start - line_start + 1,
                d.subject.unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn each_warning_has_its_place_and_name() {
    let got = located(Builder::new().lenient(true));
    let expected = [
        (Lint::StatusClassMismatch, 8, 10, "Busy 503".to_owned()),
        (Lint::SimilarCodes, 9, 3, "Gone GONE".to_owned()),
        // `GONE` is a word in capitals, `Gone` once named: `Gone` keeps it.
        (Lint::RenamedVariant, 9, 3, "GONE".to_owned()),
        (Lint::NonStandardReason, 10, 12, "400 Bad".to_owned()),
        (Lint::NonAsciiCode, 10, 3, "错误".to_owned()),
        (Lint::RepeatedRow, 11, 3, "Gone 410".to_owned()),
        (
            Lint::StrayRows,
            13,
            1,
            "| Other | 400 | Cut off. |".to_owned(),
        ),
        (
            Lint::UnrecognisedTable,
            15,
            1,
            "| HTTP Status Code | Meaning of it |".to_owned(),
        ),
        (
            Lint::MissingDescriptionColumn,
            19,
            1,
            "| Error Code | HTTP Status Code |".to_owned(),
        ),
    ];
    assert_eq!(got, expected);
}

/// One code in two sections: a value given only on the later row is the
/// code's; two different values are refused at the later row, or in
/// lenient mode warned of there, the first kept.
#[test]
fn a_code_s_value_is_its_first_and_a_conflicting_one_is_named() {
    let spec = |first: &str, second: &str| {
        format!(
            "## A\n\n| Error Code | Value | Description |\n| --- | --- | --- |\n| Gone | {first} | One. |\n\n\
             ## B\n\n| Error Code | Value | Description |\n| --- | --- | --- |\n| Gone | {second} | Two. |\n"
        )
    };
    let read = |first: &str, second: &str, lenient: bool| {
        Builder::new()
            .lenient(lenient)
            .read_from(SpecText::new("v.md", spec(first, second)))
    };
    let later = read("", "7", false).unwrap();
    assert_eq!(later.model.codes[0].value, Some(7));
    assert!(later.warnings.is_empty());
    let same = read("-1", "-1", false).unwrap();
    assert_eq!(same.model.codes[0].value, Some(-1));

    let lenient = read("-1", "-2", true).unwrap();
    assert_eq!(lenient.model.codes[0].value, Some(-1));
    let lints: Vec<_> = lenient
        .warnings
        .iter()
        .map(|w| (w.lint.unwrap(), w.line.unwrap(), w.subject.clone().unwrap()))
        .collect();
    assert_eq!(lints, [(Lint::ConflictingValue, 11, "Gone".to_owned())]);
    assert!(
        lenient.warnings[0]
            .message
            .contains("-2 here and -1 at v.md:5"),
        "{}",
        lenient.warnings[0].message
    );

    match read("-1", "-2", false) {
        Err(Error::Spec { rendered, .. }) => {
            assert!(rendered.contains("--> v.md:11:3"), "{rendered}");
            assert!(
                rendered.contains("value -2 here and -1 at v.md:5"),
                "{rendered}"
            );
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn a_value_that_is_not_a_number_and_a_renamed_variant_are_named_warnings() {
    let spec = "\
| Error Code | Value | Description |
| --- | --- | --- |
| Bad.Name | -1 | One. |
| BadName | x1 | Two. |
";
    let result = Builder::new()
        .lenient(true)
        .read_from(SpecText::new("v.md", spec))
        .unwrap();
    let lints: Vec<_> = result
        .warnings
        .iter()
        .map(|w| (w.lint.unwrap(), w.line.unwrap(), w.subject.clone().unwrap()))
        .collect();
    assert_eq!(
        lints,
        [
            (Lint::RenamedVariant, 3, "Bad.Name".to_owned()),
            (Lint::NonNumericValue, 4, "x1".to_owned()),
            (Lint::SimilarCodes, 4, "Bad.Name BadName".to_owned()),
        ]
    );
    // `BadName` is its own code's name: `Bad.Name` spells its dot.
    let variants: Vec<_> = result
        .model
        .codes
        .iter()
        .map(|c| c.variant.as_str())
        .collect();
    assert_eq!(variants, ["BadDotName", "BadName"]);
    let values: Vec<_> = result.model.codes.iter().map(|c| c.value).collect();
    assert_eq!(values, [Some(-1), None]);
}

#[test]
fn names_that_still_collide_when_spelled_are_refused_or_numbered_by_code() {
    let spec = "| Error Code | Description |\n| --- | --- |\n| a.b | One. |\n| A.b | Two. |\n";
    let refused = Builder::new().read_from(SpecText::new("v.md", spec));
    let Err(ci_errors_codegen::Error::Spec { rendered, .. }) = refused else {
        panic!("a collision left after spelling is refused in strict mode");
    };
    assert!(
        rendered.contains("error: codes `a.b` and `A.b` both become the Rust name `AB`"),
        "{rendered}"
    );
    assert!(rendered.contains("--> v.md:3:3"), "{rendered}");
    // Lenient, and in either order: `A.b` sorts first and keeps `ADotB`.
    for spec in [
        spec.to_owned(),
        "| Error Code | Description |\n| --- | --- |\n| A.b | Two. |\n| a.b | One. |\n".to_owned(),
    ] {
        let read = Builder::new()
            .lenient(true)
            .read_from(SpecText::new("v.md", spec))
            .unwrap();
        let named = |code: &str| {
            let entry = read.model.codes.iter().find(|c| c.code == code).unwrap();
            entry.variant.clone()
        };
        assert_eq!(
            (named("A.b"), named("a.b")),
            ("ADotB".into(), "ADotB2".into())
        );
    }
}

#[test]
fn the_repeated_row_points_at_its_code_and_status_cells() {
    let repeated = warnings(Builder::new().lenient(true))
        .into_iter()
        .find(|d| d.lint == Some(Lint::RepeatedRow))
        .unwrap();
    let rendered = repeated.render(&ci_errors_codegen::SourceFile::new("quirks.md", QUIRKS));
    assert!(rendered.contains("--> quirks.md:11:3"), "{rendered}");
    assert!(rendered.contains("|   ^^^^   ^^^"), "{rendered}");
    assert!(rendered.contains("`repeated_row` warning"), "{rendered}");
}

#[test]
fn strict_mode_refuses_the_repeat_and_lenient_keeps_both_rows() {
    let refused = Builder::new().read_from(SpecText::new("quirks.md", QUIRKS));
    assert!(matches!(
        refused,
        Err(ci_errors_codegen::Error::Spec { .. })
    ));
    let model = Builder::new()
        .lenient(true)
        .read_from(SpecText::new("quirks.md", QUIRKS))
        .unwrap()
        .model;
    let gone: Vec<&str> = model
        .errors
        .iter()
        .filter(|r| r.code == "Gone")
        .map(|r| r.description.primary().plain.as_str())
        .collect();
    assert_eq!(gone, ["Gone.", "Gone again."]);
}

#[test]
fn allowing_a_name_silences_it_and_accepting_a_subject_silences_one() {
    for lint in Lint::ALL.iter().copied() {
        let left = located(Builder::new().lenient(true).allow(lint));
        assert!(left.iter().all(|(l, ..)| *l != lint), "{lint}: {left:?}");
        assert_eq!(Lint::from_name(lint.name()), Some(lint));
    }
    let left = located(
        Builder::new()
            .lenient(true)
            .accept(Lint::StatusClassMismatch, "Busy 503"),
    );
    assert!(left.iter().all(|(l, ..)| *l != Lint::StatusClassMismatch));
    let left = located(
        Builder::new()
            .lenient(true)
            .accept(Lint::StatusClassMismatch, "Busy 504"),
    );
    assert!(
        left.iter().any(|(l, ..)| *l == Lint::StatusClassMismatch),
        "another subject still warns"
    );
}

#[test]
fn a_chosen_name_settles_a_collision_and_names_a_non_ascii_code() {
    let spec = "| Code | Status |\n|---|---|\n| a-b | 400 |\n| a.b | 401 |\n| 错误 | 402 |\n";
    let quiet = || {
        Builder::new()
            .allow(Lint::SimilarCodes)
            .allow(Lint::MissingDescriptionColumn)
    };
    // Alike once derived, neither is its own name: both spell their separators.
    let read = quiet()
        .allow(Lint::NonAsciiCode)
        .read_from(SpecText::new("n.md", spec))
        .unwrap();
    let variants: Vec<&str> = read
        .model
        .codes
        .iter()
        .map(|c| c.variant.as_str())
        .collect();
    assert_eq!(variants, ["AHyphenB", "ADotB", "U9519U8BEF"]);
    let renamed: Vec<(usize, &str)> = read
        .warnings
        .iter()
        .map(|w| (w.line.unwrap(), w.subject.as_deref().unwrap()))
        .collect();
    assert_eq!(renamed, [(3, "a-b"), (4, "a.b")]);
    let rendered = read.warnings[1].render(&ci_errors_codegen::SourceFile::new("n.md", spec));
    assert!(rendered.contains("`Builder::variant_name`"), "{rendered}");
    assert!(rendered.contains("named `ADotB`"), "{rendered}");
    let read = quiet()
        .variant_name("a.b", "Dotted")
        .variant_name("错误", "Cuowu")
        .read_from(SpecText::new("n.md", spec))
        .unwrap();
    let variants: Vec<&str> = read
        .model
        .codes
        .iter()
        .map(|c| c.variant.as_str())
        .collect();
    assert_eq!(variants, ["AB", "Dotted", "Cuowu"]);
    assert!(read.warnings.is_empty(), "{:?}", read.warnings);
}

#[test]
fn an_empty_cell_is_pointed_at_itself() {
    let spec = "| Code | Status |\n|---|---|\n|  | 400 |\n";
    let Err(ci_errors_codegen::Error::Spec { rendered, .. }) =
        Builder::new().read_from(SpecText::new("e.md", spec))
    else {
        panic!("an empty code is refused")
    };
    assert!(rendered.contains("--> e.md:3:2"), "{rendered}");
    assert!(
        rendered.contains("|  ^^ every error row needs a code"),
        "{rendered}"
    );
}

#[test]
fn a_field_node_missing_from_a_translation_is_located_in_the_primary() {
    let body = "| Node Name | Parent Node | Description | Type |\n|---|---|---|---|\n| Error | None | Root | Container |\n| Code | Error | The code | string |\n| Message | Error | The message | string |\n\n";
    let table =
        "| Error Code | Description | HTTP Status Code |\n|---|---|---|\n| Gone | Gone. | 410 |\n";
    let primary = format!("{body}{table}");
    let translated = format!(
        "{}{table}",
        body.replace("| Message | Error | The message | string |\n", "")
    );
    let read = Builder::new()
        .read_from(SpecText::new("en.md", primary).with_translation("zh", "zh.md", translated))
        .expect("drift is a report, not a refusal");
    assert!(
        read.rendered_warnings
            .contains("warning: node `Message` is missing from the `zh` edition"),
        "{}",
        read.rendered_warnings
    );
    assert!(read.rendered_warnings.contains("--> en.md:5:1"));
    assert!(read
        .rendered_warnings
        .contains("zh.md has no field-table row for it"));
    assert_eq!(read.warnings[0].lint, Some(Lint::TranslationDrift));
    assert_eq!(
        read.warnings[0].subject.as_deref(),
        Some("node Message missing from zh")
    );
    // The body keeps its field, with no `zh` text.
    let body = read.model.body.unwrap();
    assert_eq!(body.fields.len(), 1);
    assert_eq!(body.fields[0].description.get(1).plain, "");
}

#[test]
fn a_long_row_is_windowed_with_its_code_in_view() {
    let long = "word ".repeat(60);
    let spec =
        format!("| Code | Description | Status |\n|---|---|---|\n| VisibleCode | {long} | TBD |\n");
    let Err(ci_errors_codegen::Error::Spec { rendered, .. }) =
        Builder::new().read_from(SpecText::new("long.md", spec))
    else {
        panic!("a bad status is refused")
    };
    assert!(
        rendered.contains("= note: in the row of `VisibleCode`"),
        "{rendered}"
    );
    assert!(rendered.contains("TBD"), "{rendered}");
    assert!(rendered.contains("..."), "the line is windowed: {rendered}");
    assert!(
        rendered.lines().all(|l| l.chars().count() <= 200),
        "{rendered}"
    );
}

/// What cargo shows of a build script's warnings: one line each, with the
/// place and the name.
#[test]
fn each_warning_is_one_line_for_cargo() {
    let spec = "| Error Code | HTTP Status Code | Description |\n| --- | --- | --- |\n| Gone | 410 | Gone. |\n| Oops | 500 Internal Server | Oops. |\n";
    let generated = Builder::new()
        .generate_from([SpecText::new("one.md", spec)])
        .unwrap();
    assert_eq!(
        generated.warning_lines(),
        ["one.md:4:10: warning[non_standard_reason]: non-standard reason phrase `Internal Server` for status 500"]
    );
    assert!(generated.rendered_warnings().lines().count() > 3);
    // As commands print them: one line each and how to see them in full, or in full.
    let report = generated.warning_report(false, "X=1");
    assert_eq!(report.len(), 2);
    assert_eq!(report[1], "(each in full: X=1)");
    let full: Vec<String> = generated
        .rendered_warnings()
        .lines()
        .map(str::to_owned)
        .collect();
    assert_eq!(generated.warning_report(true, "X=1"), full);
}

/// A row missing from a translation is underlined at its code and status,
/// not across the whole row.
#[test]
fn a_missing_translated_row_has_short_carets() {
    let long = "x".repeat(120);
    let en = format!("| Error Code | HTTP Status Code | Description |\n| --- | --- | --- |\n| Gone | 410 | Gone {long}. |\n| Busy | 503 | Busy {long}. |\n");
    let zh = "| Error Code | HTTP Status Code | Description |\n| --- | --- | --- |\n| Gone | 410 | 没了。 |\n";
    let generated = Builder::new()
        .generate_from([SpecText::new("en.md", en).with_translation("zh", "zh.md", zh)])
        .unwrap();
    let rendered = generated.rendered_warnings();
    assert!(rendered.contains("--> en.md:4:3"), "{rendered}");
    let longest = rendered
        .split(|c| c != '^')
        .map(str::len)
        .max()
        .unwrap_or(0);
    assert_eq!(longest, "Busy".len(), "{rendered}");
}

/// An accepted warning stays quiet when the spec also has an error.
#[test]
fn accepted_warnings_are_not_shown_beside_errors() {
    let spec = "| Error Code | HTTP Status Code | Description |\n| --- | --- | --- |\n| Oops | 500 Internal Server | Oops. |\n| Bad | TBD | Bad. |\n";
    let err = Builder::new()
        .accept(Lint::NonStandardReason, "500 Internal Server")
        .generate_from([SpecText::new("both.md", spec)])
        .unwrap_err();
    let ci_errors_codegen::Error::Spec {
        rendered,
        diagnostics,
    } = err
    else {
        panic!("{err}")
    };
    assert!(
        rendered.contains("error: status `TBD` is not a number"),
        "{rendered}"
    );
    assert!(!rendered.contains("non_standard_reason"), "{rendered}");
    assert_eq!(diagnostics.len(), 1);
}

/// A short row that is kept says which cells are empty: the last one, or a range.
#[test]
fn a_kept_short_row_names_its_empty_cells() {
    let spec = "| Error Code | Description | HTTP Status Code | Solution | Note |\n|---|---|---|---|---|\n\
                | A | a. | 400 |\n| B | b. | 400 | Fix it. |\n";
    let result = Builder::new()
        .lenient(true)
        .read_from(SpecText::new("s.md", spec))
        .unwrap();
    let labels: Vec<String> = result
        .warnings
        .iter()
        .filter(|w| w.lint == Some(Lint::ShortRow))
        .map(|w| w.subject.clone().unwrap())
        .collect();
    assert_eq!(labels, ["A 3/5", "B 4/5"]);
    assert!(
        result.rendered_warnings.contains("cells 4–5 are empty"),
        "{}",
        result.rendered_warnings
    );
    assert!(
        result.rendered_warnings.contains("cell 5 is empty"),
        "{}",
        result.rendered_warnings
    );
}

/// A warning's one line names the place its rendered form's `-->` names:
/// the first caret on the line (here the status, before the code).
#[test]
fn one_line_and_rendered_warnings_name_the_same_place() {
    let en = "| HTTP Status Code | Error Code | Description |\n| --- | --- | --- |\n| 404 Not Found | Gone | Gone. |\n| 409 Conflict | Taken | Taken. |\n";
    let zh =
        "| HTTP 状态码 | 错误码 | 描述 |\n| --- | --- | --- |\n| 404 Not Found | Gone | 没了。 |\n";
    let generated = Builder::new()
        .generate_from([SpecText::new("en.md", en).with_translation("zh", "zh.md", zh)])
        .unwrap();
    assert_eq!(
        generated.warning_lines(),
        ["en.md:4:3: warning[translation_drift]: `Taken` with status 409 is missing from the `zh` edition"]
    );
    assert!(generated.rendered_warnings().contains("--> en.md:4:3"));
}

/// Codes are named once, from the union of the editions: a collision both
/// editions share is warned of at the primary's rows only, not again in
/// each translation.
#[test]
fn a_collision_every_edition_shares_is_warned_of_once() {
    let head = "| Error Code | Description |\n|---|---|\n";
    let read =
        Builder::new()
            .read_from(
                SpecText::new("en.md", format!("{head}| A.b | x |\n| A-b | y |\n"))
                    .with_translation("zh", "zh.md", format!("{head}| A.b | 甲 |\n| A-b | 乙 |\n")),
            )
            .unwrap();
    let renamed: Vec<(&str, usize)> = read
        .warnings
        .iter()
        .filter(|w| w.lint == Some(Lint::RenamedVariant))
        .map(|w| (w.file.as_str(), w.line.unwrap()))
        .collect();
    assert_eq!(renamed, [("en.md", 3), ("en.md", 4)]);
}
