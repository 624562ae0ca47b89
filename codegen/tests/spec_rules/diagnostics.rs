//! Across the steps: every problem reported at once, rendered rustc-style, and kept visible.

use super::*;

#[test]
fn reports_every_problem_at_once_in_line_order() {
    let md = format!("{TABLE}|  | c | 400 |\n| A | a | TBD |\n| B | b | 700 |\n| D | d | 400 |\n");
    let errs = errors(&md);
    let lines: Vec<_> = errs.iter().map(|e| e.line).collect();
    assert_eq!(lines, vec![Some(3), Some(4), Some(5)]);
}

#[test]
fn rendered_errors_name_file_and_line_rustc_style() {
    let md = format!("{TABLE}| A | a | TBD |\n");
    let errs = errors(&md);
    let text = errs[0].render(&SourceFile::new("spec.md", md.as_str()));
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("error: status `TBD` is not a number"));
    assert_eq!(lines.next().map(str::trim), Some("--> spec.md:3:11"));
    assert!(text.contains("3 | | A | a | TBD |"), "{text}");
    assert!(text.contains("^^^"), "{text}");
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

#[test]
fn hidden_characters_never_reach_diagnostics_or_generated_code_raw() {
    use ci_errors_codegen::{Builder, Error, SpecText};
    let hidden = |c: char| matches!(c, '\u{1b}' | '\u{0}' | '\u{202e}' | '\u{2066}');
    let md = "| Error Code | HTTP Status Code | Description |\n|---|---|---|\n| Esc\u{1b}Code\u{0} | TBD | Bidi \u{202e}text\u{2066} |\n";
    let Err(Error::Spec { rendered, .. }) = Builder::new().read_from(SpecText::new("h.md", md))
    else {
        panic!("a bad status is refused");
    };
    assert!(!rendered.chars().any(hidden), "{rendered:?}");
    assert!(rendered.contains("--> h.md:3:"), "{rendered}");
    let generated = Builder::new()
        .generate_from([SpecText::new("h.md", md.replace("TBD", "400"))])
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
