//! Property tests over generated specs: every spec is either refused with
//! the right lines, or read into exactly the model that went in, and its
//! generated code parses. A sample of the generated code is compiled for real.

use std::collections::{BTreeSet, HashMap};

use ci_errors_codegen::{read_spec, Builder, ReadOptions, Severity, SourceFile, SpecText};
use ci_errors_codegen::{spelled_name, variant_name};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestRunner};

/// One piece of a description: its markdown and its plain text.
fn segment() -> impl Strategy<Value = (String, String)> {
    let word = "[a-zA-Z0-9]{1,8}";
    prop_oneof![
        word.prop_map(|w| (w.clone(), w)),
        word.prop_map(|w| (format!("`{w}_x`"), format!("{w}_x"))),
        word.prop_map(|w| (format!("[{w}](https://example.com/{w})"), w)),
        word.prop_map(|w| (format!("*{w}*"), w)),
        word.prop_map(|w| (format!("**{w}**"), w)),
        word.prop_map(|w| (format!("{w} \\| {w}"), format!("{w} | {w}"))),
        word.prop_map(|w| (format!("<b>{w}</b>"), w)),
        Just(("中文".to_owned(), "中文".to_owned())),
        Just((
            "a\u{202e}b\u{2069}".to_owned(),
            "a\u{202e}b\u{2069}".to_owned()
        )),
    ]
}

fn description() -> impl Strategy<Value = (String, String)> {
    proptest::collection::vec(segment(), 0..4).prop_map(|segs| {
        let md: Vec<String> = segs.iter().map(|s| s.0.clone()).collect();
        let text: Vec<String> = segs.iter().map(|s| s.1.clone()).collect();
        (md.join(" "), text.join(" "))
    })
}

fn code() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[A-Z][a-zA-Z0-9]{0,12}",
        1 => "[A-Z][a-z]{1,6}\\.[A-Z][a-z]{1,6}",
        1 => "[a-z]{1,6}-[a-z]{1,6}",
        1 => "[A-Z][a-z]{1,5} [a-z]{1,5} [a-z]{1,5}",
        1 => "[0-9][a-zA-Z]{1,6}",
        1 => prop::sample::select(vec!["Self", "self", "type", "Type", "crate", "_x", "错误", "Café", "Ünïcode"]).prop_map(str::to_owned),
        1 => prop::sample::select(vec!["Near.Miss", "Near-Miss", "NearMiss", "near miss"]).prop_map(str::to_owned),
        // Rust keywords, prelude and std names, the generated API's own names.
        1 => prop::sample::select(vec![
            "Err", "Error", "ALL", "Ok", "Some", "None", "Option", "Result", "String", "Vec",
            "Lang", "ErrorResponse", "CODES", "ROWS", "ROW_STARTS", "LANG_TAGS", "INDEX", "Box", "Default", "fn", "match", "Into",
        ]).prop_map(str::to_owned),
        // Text-direction and other invisible controls inside a code.
        1 => ("[A-Z][a-z]{1,5}", prop::sample::select(vec!['\u{202e}', '\u{2066}', '\u{200f}', '\u{1b}', '\u{7f}']))
            .prop_map(|(w, c)| format!("{w}{c}x")),
    ]
}

/// `(code, status, reason, description)` as the model must hold it.
type ExpectedRow = (String, u16, String, String);

#[derive(Debug, Clone)]
enum Status {
    Valid(u16, String),
    Invalid(String),
}

fn status() -> impl Strategy<Value = Status> {
    prop_oneof![
        6 => (100u16..600).prop_map(|s| Status::Valid(s, String::new())),
        6 => prop::sample::select(vec![(400u16, "Bad Request"), (403, "Forbidden"), (404, "Not Found"), (429, "Too Many Requests"), (503, "Service Unavailable")])
            .prop_map(|(s, r)| Status::Valid(s, r.to_owned())),
        2 => (100u16..600, "[A-Z][a-z]{1,8}( [A-Z][a-z]{1,8})?").prop_map(|(s, r)| Status::Valid(s, r)),
        1 => prop::sample::select(vec!["TBD", "99", "600", "4O4", "", "-1", "12345 Big"]).prop_map(|s| Status::Invalid(s.to_owned())),
    ]
}

#[derive(Debug, Clone)]
struct Row {
    code: String,
    status: Status,
    description: (String, String),
}

#[derive(Debug, Clone)]
struct Spec {
    rows: Vec<Row>,
    /// Column order: a permutation of 0 = code, 1 = status, 2 = description, 3 = an ignored column.
    columns: Vec<usize>,
    code_header: &'static str,
    status_header: &'static str,
    crlf: bool,
    bom: bool,
    bold_section: bool,
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        proptest::collection::vec((code(), status(), description()), 1..12),
        Just(vec![0usize, 1, 2, 3]).prop_shuffle(),
        prop::sample::select(vec![
            "Error Code",
            "code",
            "ERROR",
            "错误码",
            "エラーコード",
            "오류 코드",
        ]),
        prop::sample::select(vec![
            "HTTP Status Code",
            "status",
            "Http  Code",
            "HTTP 状态码",
            "상태 코드",
        ]),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(rows, columns, code_header, status_header, crlf, bom, bold_section, extra)| Spec {
                rows: rows
                    .into_iter()
                    .map(|(code, status, description)| Row {
                        code,
                        status,
                        description,
                    })
                    .collect(),
                columns: if extra {
                    columns
                } else {
                    columns.into_iter().filter(|&c| c != 3).collect()
                },
                code_header,
                status_header,
                crlf,
                bom,
                bold_section,
            },
        )
}

impl Spec {
    /// The markdown, and the 1-based line of each row.
    fn render(&self) -> (String, Vec<usize>) {
        let mut lines = vec![
            "# Errors".to_owned(),
            String::new(),
            if self.bold_section {
                "**Generated section**".to_owned()
            } else {
                "## Generated section".to_owned()
            },
            String::new(),
        ];
        let header: Vec<&str> = self
            .columns
            .iter()
            .map(|&c| match c {
                0 => self.code_header,
                1 => self.status_header,
                2 => "Description",
                _ => "Remarks",
            })
            .collect();
        lines.push(format!("| {} |", header.join(" | ")));
        lines.push(format!("|{}", " --- |".repeat(header.len())));
        let mut row_lines = Vec::new();
        for row in &self.rows {
            let cells: Vec<String> = self
                .columns
                .iter()
                .map(|&c| match c {
                    0 => row.code.clone(),
                    1 => match &row.status {
                        Status::Valid(s, r) if r.is_empty() => s.to_string(),
                        Status::Valid(s, r) => format!("{s} {r}"),
                        Status::Invalid(t) => t.clone(),
                    },
                    2 => row.description.0.clone(),
                    _ => "ignored `cell`".to_owned(),
                })
                .collect();
            lines.push(format!("| {} |", cells.join(" | ")));
            row_lines.push(lines.len());
        }
        let eol = if self.crlf { "\r\n" } else { "\n" };
        let mut text = lines.join(eol);
        text.push_str(eol);
        if self.bom {
            text.insert(0, '\u{feff}');
        }
        (text, row_lines)
    }

    /// What the reader must produce: the valid rows `(code, status, reason,
    /// description)` in order, and the lines it must refuse.
    fn expected(&self, row_lines: &[usize]) -> (Vec<ExpectedRow>, BTreeSet<usize>) {
        let has_description = self.columns.contains(&2);
        let mut refused = BTreeSet::new();
        let mut valid = Vec::new();
        // An empty cell in a first status column takes the status above it;
        // a bad status taken so is refused where it is written.
        let status_first = self.columns.first() == Some(&1);
        let mut above: Option<Status> = None;
        for (row, &line) in self.rows.iter().zip(row_lines) {
            let code = row.code.split_whitespace().collect::<Vec<_>>().join(" ");
            let mut status = row.status.clone();
            let mut carried = false;
            if status_first {
                match (&status, &above) {
                    (Status::Invalid(t), Some(a)) if t.is_empty() => {
                        status = a.clone();
                        carried = true;
                    }
                    (Status::Invalid(t), None) if t.is_empty() => {}
                    _ => above = Some(status.clone()),
                }
            }
            match &status {
                Status::Valid(s, r) if !code.is_empty() => valid.push((
                    code,
                    *s,
                    r.clone(),
                    if has_description {
                        row.description.1.clone()
                    } else {
                        String::new()
                    },
                    line,
                )),
                _ if carried => {}
                _ => {
                    refused.insert(line);
                }
            }
        }
        let mut seen = std::collections::HashSet::new();
        let mut kept = Vec::new();
        for row in valid {
            if seen.insert((row.0.clone(), row.1)) {
                kept.push(row);
            } else {
                refused.insert(row.4);
            }
        }
        // Names by the documented rule: a code keeps its derived name unless
        // another code derives it too; then the code whose text is that name
        // keeps it and the others spell their separators. Names that still
        // meet are refused, but for the one that is its own (or else the
        // first by text), at each refused code's first row.
        let mut first_line: Vec<(String, usize)> = Vec::new();
        for row in &kept {
            if !first_line.iter().any(|(c, _)| *c == row.0) {
                first_line.push((row.0.clone(), row.4));
            }
        }
        let mut by_base: HashMap<String, usize> = HashMap::new();
        for (code, _) in &first_line {
            *by_base.entry(variant_name(code)).or_default() += 1;
        }
        let named: Vec<(String, bool)> = first_line
            .iter()
            .map(|(code, _)| {
                let base = variant_name(code);
                let own = by_base[&base] == 1 || *code == base;
                (if own { base } else { spelled_name(code) }, own)
            })
            .collect();
        let mut bad_codes = BTreeSet::new();
        for (i, (name, _)) in named.iter().enumerate() {
            let mut group: Vec<usize> = (0..named.len()).filter(|&j| named[j].0 == *name).collect();
            group.sort_by_key(|&j| (!named[j].1, first_line[j].0.clone()));
            if group.len() > 1 && group[0] != i {
                refused.insert(first_line[i].1);
                bad_codes.insert(first_line[i].0.clone());
            }
        }
        let rows = kept
            .into_iter()
            .filter(|row| !bad_codes.contains(&row.0))
            .map(|row| (row.0, row.1, row.2, row.3))
            .collect();
        (rows, refused)
    }
}

fn check(spec: &Spec) -> Result<Option<String>, TestCaseError> {
    let (text, row_lines) = spec.render();
    let (expected_rows, refused) = spec.expected(&row_lines);
    let src = SourceFile::new("prop.md", text.clone());
    match read_spec(&src, &ReadOptions::default()) {
        Err(diagnostics) => {
            let errors: BTreeSet<usize> = diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .filter_map(|d| d.line)
                .collect();
            prop_assert!(
                !refused.is_empty(),
                "refused a valid spec: {diagnostics:#?}\n{text}"
            );
            prop_assert_eq!(errors, refused, "\n{}", text);
            for d in &diagnostics {
                let rendered = d.render(&src);
                prop_assert!(rendered.contains("--> prop.md:"), "{}", rendered);
            }
            Ok(None)
        }
        Ok((model, _warnings)) => {
            prop_assert!(
                refused.is_empty(),
                "accepted a spec with bad lines {refused:?}\n{text}"
            );
            let got: Vec<ExpectedRow> = model
                .errors
                .iter()
                .map(|r| {
                    (
                        r.code.clone(),
                        r.status.unwrap_or(0), // every generated table has a status column
                        r.reason.clone(),
                        r.description.primary().plain.clone(),
                    )
                })
                .collect();
            prop_assert_eq!(got, expected_rows, "\n{}", text);
            prop_assert!(model
                .errors
                .iter()
                .all(|r| r.section.as_deref() == Some("Generated section")));
            let generated = Builder::new()
                .xml_body(false)
                .generate_from([SpecText::new("prop.md", text.clone())])
                .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
            prop_assert!(syn::parse_file(&generated.source).is_ok());
            Ok(Some(generated.source))
        }
    }
}

proptest! {
    #![proptest_config(Config { cases: 300, ..Config::default() })]

    #[test]
    fn every_spec_is_refused_on_the_right_lines_or_read_exactly(spec in spec()) {
        check(&spec)?;
    }
}

#[path = "support/sample.rs"]
mod sample;

/// Compiles the code generated for a fixed-seed sample of accepted specs, as
/// modules of one crate with warnings denied (lints such as non-camel-case
/// names included).
#[test]
fn a_sample_of_generated_code_compiles() {
    let mut runner = TestRunner::deterministic();
    let mut sources = Vec::new();
    let strategy = spec();
    while sources.len() < 12 {
        let spec = strategy.new_tree(&mut runner).unwrap().current();
        if let Ok(Some(source)) = check(&spec) {
            sources.push(source);
        }
    }
    // Plus the awkward names on purpose: keywords, the generated API's own
    // names, direction controls in a code and a description, and body nodes
    // named like the reader's own locals.
    let awkward = "| Code | Status | Description |\n|---|---|---|\n| Self | 400 | |\n| 3rdPartyFailure | 401 | |\n| Request has expired | 402 | |\n| 错误 | 403 | |\n| type | 404 | |\n| a.b-c d | 405 | |\n\
        | Err | 406 | |\n| Error | 407 | |\n| ALL | 408 | |\n| Bidi\u{202e}x | 409 | Text \u{2066}reordered\u{2069} here. |\n\n\
        | Node Name | Parent Node | Description | Type |\n|---|---|---|---|\n| Error | None | Root. | Container |\n| Code | Error | Code. | string |\n\
        | Body | Error | b | string |\n| Limits | Error | l | string |\n| Child | Error | c | string |\n| End | Error | e\u{202e} | string |\n| Text | Error | t | string |\n";
    sources.push(
        Builder::new()
            .enum_name("Awkward")
            .generate_from([SpecText::new("awkward.md", awkward)])
            .unwrap()
            .source,
    );

    // Codes that each differ in one byte: the look-up tree reaches its depth cap.
    let mut deep = String::from("| Code | Status |\n|---|---|\n");
    for i in 0..8 {
        let mut code = vec![b'A'; 8];
        code[i] = b'X';
        deep.push_str(&format!("| {} | 400 |\n", String::from_utf8(code).unwrap()));
    }
    // Included where the crate has names of its own that the generated
    // code also uses (a `Result` alias, a `CODES`, an `Iterator` trait).
    let crate_names = "pub type Result<T> = ::core::result::Result<T, ()>;\n\
                       pub struct CODES;\npub trait Iterator {}\npub type Option = ();\n";
    sources.push(format!(
        "{crate_names}{}",
        Builder::new()
            .enum_name("Deep")
            .generate_from([SpecText::new("deep.md", deep)])
            .unwrap()
            .source
    ));

    // Each shape read by content, at 2,000 rows: SDK symbols with values
    // (hexadecimal among them), numbers that repeat beside symbolic codes,
    // enumerations without values, statuses that say there is none, numeric
    // codes whose names and descriptions only their cells tell.
    for shape in 0..6 {
        let mut doc = String::from(match shape {
            0 => "| 符号 | 值 | 含义 |\n|---|---|---|\n",
            1 => "| 错误码 | 模块错误码 | 说明 |\n|---|---|---|\n",
            2 => "# Error codes\n\n| Enumerated Value | Description |\n|---|---|\n",
            3 => "| 错误代码 | 错误描述 | 英文描述 |\n|---|---|---|\n",
            5 => "| code | イベントの定義 | 意味の説明 |\n|---|---|---|\n",
            _ => "| Error Code | Description | HTTP Status Code |\n|---|---|---|\n",
        });
        for i in 0..2000 {
            doc.push_str(&match shape {
                0 if i % 2 == 0 => format!("| ERR_CODE_{i} | 0x{i:X} | 错误 {i}。 |\n"),
                0 => format!("| ERR_CODE_{i} | -{i} | 错误 {i}。 |\n"),
                1 => format!("| {} | Module.Error{i} | 说明 {i}。 |\n", 4000 + i / 7),
                2 => format!("| Resolution_{i}_{i} | Resolution {i} by {i}. |\n"),
                3 => format!("| Error{i} | 错误 {i}。 | Error {i}. |\n"),
                5 => format!("| {} | EVT_NAME_{i} | 説明 {i}。 |\n", 3000 + i),
                _ if i % 3 == 0 => format!("| Code{i} | Text {i}. | N/A |\n"),
                _ => format!("| Code{i} | Text {i}. | {} |\n", 400 + i % 100),
            });
        }
        let generated = Builder::new()
            .enum_name("Shape")
            .language(match shape {
                3 => "zh",
                5 => "ja",
                _ => "en",
            })
            .generate_from([SpecText::new("shape.md", doc)])
            .unwrap();
        assert_eq!(generated.specs[0].model.codes.len(), 2000, "shape {shape}");
        sources.push(generated.source);
    }

    let out = sample::run_sample(
        "generated-sample",
        &sources,
        "#![deny(warnings)]\n#![allow(dead_code)]\n",
        "#[test]\nfn awkward() {\n    let last = s12::Awkward::ALL;\n    assert_eq!(last.len(), 10);\n    \
         for c in last { assert_eq!(c.as_str().parse::<s12::Awkward>(), Ok(*c)); }\n    \
         assert_eq!(s12::Awkward::All.as_str(), \"ALL\");\n    \
         assert_eq!(s12::Awkward::Err.as_str(), \"Err\");\n    \
         let body = s12::ErrorResponse::from_xml(b\"<Error><Code>Err</Code><Body>b</Body><Limits>l</Limits><Child>c</Child><End>e</End></Error>\").unwrap();\n    \
         assert_eq!((body.body.as_deref(), body.end.as_deref()), (Some(\"b\"), Some(\"e\")));\n    \
         assert_eq!(s12::Awkward::SelfCode.as_str(), \"Self\");\n    assert_eq!(s12::Awkward::_3rdPartyFailure.statuses().collect::<Vec<u16>>(), [401]);\n}\n\
         #[test]\nfn shapes_by_content() {\n    \
         assert_eq!(s14::Shape::from_code(\"ERR_CODE_2\").unwrap().value(), Some(2));\n    \
         assert_eq!(s14::Shape::from_value(-3), s14::Shape::from_code(\"ERR_CODE_3\"));\n    \
         assert_eq!(s15::Shape::from_code(\"Module.Error8\").unwrap().value(), Some(4001));\n    \
         assert_eq!(s16::Shape::ALL.len(), 2000);\n    \
         assert_eq!(s17::Shape::from_code(\"Error7\").unwrap().describe(s17::Lang::En), \"Error 7.\");\n    \
         assert_eq!(s18::Shape::from_code(\"Code3\").unwrap().statuses().count(), 0);\n    \
         assert_eq!(s19::Shape::EvtName7.value(), Some(3007));\n    \
         assert_eq!(s19::Shape::EvtName7.describe(s19::Lang::Ja), \"説明 7。\");\n}\n\
         #[test]\nfn deep() {\n    assert_eq!(s13::Deep::ALL.len(), 8);\n    \
         for c in s13::Deep::ALL { assert_eq!(s13::Deep::from_code(c.as_str()), Some(*c)); }\n    \
         assert_eq!(s13::Deep::from_code(\"AAAAAAAA\"), None);\n    assert_eq!(s13::Deep::from_code(\"XXAAAAAA\"), None);\n    \
         // Edition 2024: statuses of a temporary borrow nothing from it.\n    \
         let statuses = s13::Deep::from_code(\"XAAAAAAA\").unwrap().statuses();\n    \
         assert_eq!(statuses.collect::<Vec<u16>>(), [400]);\n}\n",
        "test",
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stderr}\n{stdout}");
    assert!(stdout.contains("3 passed"), "{stdout}");
}
