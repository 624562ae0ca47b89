//! `ErrorResponse::from_xml` / `to_xml`: every acceptance and refusal case.

use ci_errors::xml::{ExtraElement, Limits, XmlErrorKind};
use ci_errors::{Code, ErrorCode, ErrorResponse, ErrorRow};
use proptest::prelude::*;

/// A row of the spec (its first), for bodies that need a listed code.
fn row() -> ErrorRow {
    ErrorCode::all_rows().next().expect("the spec lists a code")
}

/// A listed code, as the spec writes it.
fn code() -> &'static str {
    row().code.as_str()
}

/// A name the spec lists neither as a code nor as a node of the body, derived
/// from `base` at test time (a user may add `Resource` or `NoSuchBucket`).
fn absent(base: &str) -> String {
    let built = ci_errors_codegen::Builder::from_manifest(env!("CARGO_MANIFEST_DIR"))
        .and_then(|b| b.generate())
        .expect("the spec generates");
    let model = &built.specs[0].model;
    let nodes: Vec<&str> = model.fields.iter().map(|f| f.name.as_str()).collect();
    let mut name = base.to_owned();
    while ErrorCode::from_code(&name).is_some() || nodes.contains(&name.as_str()) {
        name.push('X');
    }
    name
}

/// The sample body from the spec itself, tab-indented, with its values filled in.
fn seed_sample() -> String {
    let spec = include_str!("../spec/error-codes.md");
    let start = spec.find("<?xml").unwrap();
    let end = spec[start..].find("```").unwrap() + start;
    spec[start..end]
        .replace("<Code>string</Code>", &format!("<Code>{}</Code>", code()))
        .replace(
            "<Message>string</Message>",
            &format!("<Message>{}</Message>", row().description),
        )
        .replace(
            "<RequestId>string</RequestId>",
            "<RequestId>NjFh...</RequestId>",
        )
        .replace("<TraceId>string</TraceId>", "<TraceId>OGVm...</TraceId>")
}

fn kind(body: &[u8]) -> XmlErrorKind {
    ErrorResponse::from_xml(body).unwrap_err().kind().clone()
}

#[test]
fn parses_the_spec_sample_with_tabs() {
    let body = seed_sample();
    assert!(body.contains("\t<Code>"), "the sample is tab-indented");
    let r = ErrorResponse::from_xml(body.as_bytes()).unwrap();
    assert_eq!(r.code, Code::Known(row().code));
    assert_eq!(r.message.as_deref(), Some(row().description));
    assert_eq!(r.request_id.as_deref(), Some("NjFh..."));
    assert_eq!(r.trace_id.as_deref(), Some("OGVm..."));
    assert!(r.extra.is_empty());
    if let Some(status) = row().status {
        assert_eq!(r.row(status).unwrap().description, row().description);
    }
}

#[test]
fn accepts_no_declaration_bom_and_any_whitespace() {
    for body in [
        format!("<Error><Code>{}</Code></Error>", code()),
        format!(
            "\u{feff}<?xml version=\"1.0\"?><Error><Code>{}</Code></Error>",
            code()
        ),
        format!(
            "\n\n  <Error>\r\n    <Code>{}</Code>\r\n  </Error>\n\n",
            code()
        ),
    ] {
        let r = ErrorResponse::from_xml(body.as_bytes()).unwrap();
        assert_eq!(r.code, row().code, "{body:?}");
    }
}

#[test]
fn accepts_entities_character_references_and_cdata() {
    let body = format!("<Error><Code>{}</Code><Message>a &amp; b &lt;c&gt; &#233;&#x4E2D; <![CDATA[<raw> & stuff]]></Message></Error>", code());
    let r = ErrorResponse::from_xml(body.as_bytes()).unwrap();
    assert_eq!(r.message.as_deref(), Some("a & b <c> é中 <raw> & stuff"));
}

#[test]
fn accepts_elements_in_any_order_and_keeps_unknown_ones() {
    let (resource, host, unlisted) = (absent("Resource"), absent("HostId"), absent("NoSuchBucket"));
    let body = format!(
        "<Error><TraceId>t</TraceId><{resource}>/bucket/key</{resource}><Code>{unlisted}</Code>\
                <{host} a=\"1\">h&amp;1</{host}><RequestId>r</RequestId></Error>"
    );
    let r = ErrorResponse::from_xml(body.as_bytes()).unwrap();
    assert_eq!(r.code, Code::Unknown(unlisted.clone()));
    assert_eq!(r.trace_id.as_deref(), Some("t"));
    assert_eq!(r.request_id.as_deref(), Some("r"));
    let names: Vec<&str> = r.extra.iter().map(ExtraElement::name).collect();
    assert_eq!(names, [resource.as_str(), host.as_str()]);
    assert_eq!(r.extra[0].text(), Some("/bucket/key"));
    assert_eq!(r.extra[1].text(), Some("h&1"));
    assert_eq!(
        r.extra[1].xml(),
        format!("<{host} a=\"1\">h&amp;1</{host}>")
    );
    // Nothing is lost on the way back out.
    assert_eq!(ErrorResponse::from_xml(r.to_xml().as_bytes()).unwrap(), r);
}

#[test]
fn keeps_unknown_elements_with_children() {
    let detail = absent("Detail");
    let inner = "<Item>1</Item><Item>2</Item>";
    let body = format!("<Error><Code>X</Code><{detail}>{inner}</{detail}></Error>");
    let r = ErrorResponse::from_xml(body.as_bytes()).unwrap();
    assert_eq!(r.extra[0].text(), None);
    assert_eq!(r.extra[0].xml(), format!("<{detail}>{inner}</{detail}>"));
}

#[test]
fn accepts_a_namespace_on_the_root() {
    for body in [
        format!(
            "<Error xmlns=\"http://example.com/doc/2006-03-01/\"><Code>{}</Code></Error>",
            code()
        ),
        format!(
            "<ci:Error xmlns:ci=\"urn:x\"><ci:Code>{}</ci:Code></ci:Error>",
            code()
        ),
    ] {
        assert_eq!(
            ErrorResponse::from_xml(body.as_bytes()).unwrap().code,
            row().code
        );
    }
}

#[test]
fn empty_code_and_empty_elements() {
    let r = ErrorResponse::from_xml(b"<Error><Code/><Message></Message></Error>").unwrap();
    assert_eq!(r.code, Code::Unknown(String::new()));
    assert_eq!(r.message.as_deref(), Some(""));
}

#[test]
fn refuses_empty_bodies() {
    for body in [&b""[..], b"   \n", b"<?xml version=\"1.0\"?>"] {
        assert_eq!(kind(body), XmlErrorKind::Empty, "{body:?}");
    }
}

#[test]
fn refuses_truncated_bodies_at_their_end() {
    let full = seed_sample();
    for cut in [10, full.len() / 2, full.len() - 3] {
        let body = &full.as_bytes()[..cut];
        let err = ErrorResponse::from_xml(body).unwrap_err();
        assert!(
            matches!(
                err.kind(),
                XmlErrorKind::Truncated | XmlErrorKind::Syntax(_)
            ),
            "cut at {cut}: {err}"
        );
        assert!(err.offset() <= cut, "{err}");
    }
    assert_eq!(kind(b"<Error><Code>X</Code>"), XmlErrorKind::Truncated);
}

#[test]
fn refuses_a_root_that_is_not_error() {
    let err =
        ErrorResponse::from_xml(b"<?xml version=\"1.0\"?>\n<Response><Code>X</Code></Response>")
            .unwrap_err();
    assert_eq!(
        err.kind(),
        &XmlErrorKind::WrongRoot {
            expected: "Error".into(),
            found: "Response".into()
        }
    );
    assert_eq!(err.offset(), 22);
    assert!(err.to_string().contains("at byte 22"), "{err}");
}

#[test]
fn refuses_a_missing_code() {
    let err = ErrorResponse::from_xml(b"<Error><Message>m</Message></Error>").unwrap_err();
    assert_eq!(err.kind(), &XmlErrorKind::Missing("Code".into()));
    assert_eq!(err.offset(), 35);
}

#[test]
fn refuses_repeated_elements() {
    let err = ErrorResponse::from_xml(b"<Error><Code>A</Code><Code>B</Code></Error>").unwrap_err();
    assert_eq!(err.kind(), &XmlErrorKind::Repeated("Code".into()));
    assert_eq!(err.offset(), 21);
    assert_eq!(
        kind(b"<Error><Code>A</Code><Extra>1</Extra><Extra>2</Extra></Error>"),
        XmlErrorKind::Repeated("Extra".into())
    );
}

#[test]
fn refuses_bodies_over_the_size_limit() {
    let big = format!(
        "<Error><Code>A</Code><Message>{}</Message></Error>",
        "x".repeat(70 * 1024)
    );
    assert_eq!(
        kind(big.as_bytes()),
        XmlErrorKind::TooLarge { limit: 64 * 1024 }
    );
    let small = Limits::default().with_max_body_bytes(16);
    let err = ErrorResponse::from_xml_with(b"<Error><Code>A</Code></Error>", &small).unwrap_err();
    assert_eq!(err.kind(), &XmlErrorKind::TooLarge { limit: 16 });
    let roomy = Limits::default().with_max_body_bytes(1 << 20);
    assert!(ErrorResponse::from_xml_with(big.as_bytes(), &roomy).is_ok());
}

#[test]
fn refuses_deep_nesting_without_recursion() {
    let depth = 100_000;
    let body = format!(
        "<Error><Code>A</Code><X>{}{}</X></Error>",
        "<a>".repeat(depth),
        "</a>".repeat(depth)
    );
    let limits = Limits::default().with_max_body_bytes(usize::MAX);
    let err = ErrorResponse::from_xml_with(body.as_bytes(), &limits).unwrap_err();
    assert_eq!(err.kind(), &XmlErrorKind::TooDeep { limit: 16 });
    let shallow = Limits::default().with_max_depth(2);
    assert!(ErrorResponse::from_xml_with(b"<Error><Code>A</Code></Error>", &shallow).is_ok());
    let err = ErrorResponse::from_xml_with(b"<Error><Code>A</Code><X><y/></X></Error>", &shallow)
        .unwrap_err();
    assert_eq!(err.kind(), &XmlErrorKind::TooDeep { limit: 2 });
}

#[test]
fn refuses_html_pages_from_proxies() {
    for body in [
        "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>",
        "<html>\r\n<head><title>504 Gateway Time-out</title></head></html>",
        "<HTML><BODY>Service Unavailable</BODY></HTML>",
        // Text first, so the HTML is spotted by its head; a 3-byte character straddles byte 512.
        &format!("Bad Gateway <html>{}</html>", "中".repeat(200)),
    ] {
        assert_eq!(kind(body.as_bytes()), XmlErrorKind::Html, "{body}");
    }
}

#[test]
fn refuses_other_malformed_bodies() {
    assert!(matches!(
        kind(b"<Error><Code>A</Code></Eror>"),
        XmlErrorKind::Syntax(_)
    ));
    assert_eq!(
        kind(b"<Error><Code>A<b/></Code></Error>"),
        XmlErrorKind::UnexpectedElement {
            inside: "Code".into(),
            found: "b".into()
        }
    );
    assert_eq!(
        kind(b"<Error>stray<Code>A</Code></Error>"),
        XmlErrorKind::UnexpectedText
    );
    assert_eq!(
        kind(b"<Error><Code>A</Code></Error><Error/>"),
        XmlErrorKind::TrailingContent
    );
    assert_eq!(kind(b"Bad Gateway"), XmlErrorKind::UnexpectedText);
    assert_eq!(
        kind(b"<Error><Code>\xff</Code></Error>"),
        XmlErrorKind::NotUtf8
    );
    assert!(matches!(
        kind(b"<Error><Code>&bogus;</Code></Error>"),
        XmlErrorKind::Syntax(_)
    ));
}

#[test]
fn to_xml_has_the_spec_shape_and_escapes() {
    let mut r = ErrorResponse::new(row().code);
    r.message = Some("a < b & \"c\"".into());
    r.trace_id = Some("t".into());
    let xml = r.to_xml();
    assert_eq!(
        xml,
        format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n\t<Code>{}</Code>\n\t<Message>a &lt; b &amp; \"c\"</Message>\n\t<TraceId>t</TraceId>\n</Error>\n", code())
    );
    assert_eq!(ErrorResponse::from_xml(xml.as_bytes()).unwrap(), r);
}

#[test]
fn display_reads_like_a_log_line() {
    let body = seed_sample();
    let r = ErrorResponse::from_xml(body.as_bytes()).unwrap();
    assert_eq!(
        r.to_string(),
        format!(
            "{}: {} (RequestId: NjFh..., TraceId: OGVm...)",
            code(),
            row().description
        )
    );
    assert_eq!(ErrorResponse::new(row().code).to_string(), code());
    let boxed: Box<dyn std::error::Error> = Box::new(r);
    assert!(boxed.to_string().starts_with(code()));
}

fn any_code() -> impl Strategy<Value = Code> {
    prop_oneof![
        proptest::sample::select(ErrorCode::ALL).prop_map(Code::Known),
        any::<String>().prop_map(Code::from),
    ]
}

fn any_extra() -> impl Strategy<Value = Vec<ExtraElement>> {
    proptest::collection::vec(("[A-Z][A-Za-z0-9]{0,8}", any::<String>()), 0..3).prop_map(|pairs| {
        let mut out: Vec<ExtraElement> = Vec::new();
        for (name, text) in pairs {
            let taken = ["Code", "Message", "RequestId", "TraceId"].contains(&name.as_str())
                || out.iter().any(|e| e.name() == name);
            if !taken {
                out.push(ExtraElement::new(&name, &text).unwrap());
            }
        }
        out
    })
}

#[test]
fn two_byte_order_marks_and_a_comment_before_a_wide_character_do_not_panic() {
    let body = "\u{feff}\u{feff}<Error><Code>A<!--x-->€a</Code></Error>";
    let e = ErrorResponse::from_xml(body.as_bytes()).unwrap_err();
    assert_eq!(e.kind(), &XmlErrorKind::UnexpectedText, "{e}");
    let one = ErrorResponse::from_xml(&body.as_bytes()[3..]).unwrap();
    assert_eq!(one.code.as_str(), "A€a");
}

#[test]
fn kept_elements_named_like_written_ones_are_left_out_so_the_body_reads_back() {
    let mut body = ErrorResponse::new(ErrorCode::ALL[0]);
    let known = ExtraElement::new("Code", "forged").unwrap();
    let prefixed = ExtraElement::new("ns:Code", "forged").unwrap();
    let kept = ExtraElement::new("Kept", "k").unwrap();
    let again = ExtraElement::new("Kept", "again").unwrap();
    body.extra = vec![known, prefixed, kept.clone(), again];
    let read = ErrorResponse::from_xml(body.to_xml().as_bytes()).unwrap();
    assert_eq!(read.code, body.code);
    assert_eq!(read.extra, [kept]);
}

proptest! {
    #[test]
    fn round_trip(
        code in any_code(),
        message in proptest::option::of(any::<String>()),
        request_id in proptest::option::of(any::<String>()),
        trace_id in proptest::option::of("[ -~\\t\\r\\n]{0,20}"),
        extra in any_extra(),
    ) {
        let mut r = ErrorResponse::new(code);
        (r.message, r.request_id, r.trace_id, r.extra) = (message, request_id, trace_id, extra);
        let xml = r.to_xml();
        prop_assert_eq!(ErrorResponse::from_xml_with(xml.as_bytes(), &Limits::default().with_max_body_bytes(usize::MAX)), Ok(r));
    }

    #[test]
    fn arbitrary_bytes_never_panic(body in proptest::collection::vec(any::<u8>(), 0..256)) {
        if let Err(e) = ErrorResponse::from_xml(&body) {
            prop_assert!(e.offset() <= body.len(), "{} beyond {}", e, body.len());
        }
    }

    /// Byte-order marks before the body, comments and characters of several
    /// bytes inside it: one mark is dropped, a second is text before the root;
    /// positions never drift (they once did by a second mark, and a slice
    /// landed inside a character).
    #[test]
    fn marks_comments_and_wide_characters_keep_positions(
        marks in 0usize..4,
        pieces in proptest::collection::vec(
            prop_oneof![Just("<!--x-->"), Just("€"), Just("a"), Just("中文"), Just("<!---->")],
            0..6,
        ),
        detail in "[€a中]{0,3}",
    ) {
        let code: String = pieces.concat();
        let body = format!(
            "{}<Error><Code>{code}</Code><!--c--><Message>{detail}€</Message></Error>",
            "\u{feff}".repeat(marks)
        );
        let shown: String = pieces.iter().filter(|p| !p.starts_with("<!--")).copied().collect();
        match ErrorResponse::from_xml(body.as_bytes()) {
            Ok(r) => {
                prop_assert!(marks <= 1, "a second mark is text before the root");
                prop_assert_eq!(r.code.as_str(), shown.as_str());
                let message = format!("{detail}€");
                prop_assert_eq!(r.message.as_deref(), Some(message.as_str()));
                prop_assert!(r.extra.is_empty(), "children read with wrong names: {:?}", r.extra);
            }
            Err(e) => {
                prop_assert!(marks >= 2, "{}", e);
                prop_assert_eq!(e.offset(), 3);
            }
        }
    }

    #[test]
    fn mutated_sample_never_panics(cut in 0usize..200, byte in any::<u8>(), at in 0usize..200) {
        let mut body = seed_sample().into_bytes();
        let at = at.min(body.len() - 1);
        body[at] = byte;
        body.truncate(cut.max(1).min(body.len()));
        match ErrorResponse::from_xml(&body) {
            Ok(r) => prop_assert!(!r.code.as_str().is_empty() || body.windows(6).any(|w| w == b"<Code>")),
            Err(e) => prop_assert!(e.offset() <= body.len(), "{} beyond {}", e, body.len()),
        }
    }
}

#[test]
fn refuses_mismatched_end_tags_at_every_depth() {
    for body in [
        "<Error><Code>A</Code></Eror>",
        "<Error><Code>A</Cod></Error>",
        "<Error><Code>A</Code><X><y>1</z></X></Error>",
        "<Error><Code>A</Code><X><y><z/></x></y></X></Error>",
    ] {
        let err = ErrorResponse::from_xml(body.as_bytes()).unwrap_err();
        assert!(
            matches!(err.kind(), XmlErrorKind::Syntax(_)),
            "{body}: {err}"
        );
    }
}

/// A syntax error is located in the body as sent, past a byte-order mark.
#[test]
fn a_syntax_error_is_located_past_a_byte_order_mark() {
    let body = "<Error><Code>A</Cod></Error>";
    let err = ErrorResponse::from_xml(body.as_bytes()).unwrap_err();
    let at = body.find("</Cod>").unwrap();
    assert!((at..=at + "</Cod>".len()).contains(&err.offset()), "{err}");
    let marked = ErrorResponse::from_xml(format!("\u{feff}{body}").as_bytes()).unwrap_err();
    assert_eq!(marked.offset(), err.offset() + 3, "{marked}");
}

/// A body cut short is located at its end, past a byte-order mark too.
#[test]
fn a_body_cut_short_is_located_at_its_end() {
    for body in [
        "<Error><Code>A</Code><!-- cut",
        "\u{feff}<Error><Code>A</Code><!-- cut",
    ] {
        let err = ErrorResponse::from_xml(body.as_bytes()).unwrap_err();
        assert_eq!(err.offset(), body.len(), "{err}");
    }
}
