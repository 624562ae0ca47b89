//! The fallback body `ErrorDocument` (what a generated crate without field
//! tables gets) and the writer's edges, pinned on a code enum of its own.
#![cfg(feature = "http")]

use ci_errors_runtime::http::{Body, ErrorBody, ErrorDocument, ServiceError};
use ci_errors_runtime::retry::RetryClass;
use ci_errors_runtime::xml::{Limits, XmlErrorKind};
use ci_errors_runtime::{Code, CodeEnum, Edition, RowData, Rows};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Demo {
    Gone,
}

#[derive(Clone, Copy)]
enum Lang {
    En,
}

impl Edition for Lang {
    fn index(self) -> usize {
        0
    }
    fn tag(self) -> &'static str {
        "en"
    }
}

static ROWS: [RowData<2>; 1] = [RowData {
    status: Some(410),
    reason: "",
    section: None,
    texts: ["It is gone.", "It is gone."],
}];

impl CodeEnum for Demo {
    type Lang = Lang;
    const REQUEST_ID_HEADERS: &'static [&'static str] = &["x-request-id"];
    const TRACE_ID_HEADERS: &'static [&'static str] = &["x-trace-id"];
    const ALL: &'static [Self] = &[Demo::Gone];
    fn from_code(code: &str) -> Option<Self> {
        (code == "Gone").then_some(Demo::Gone)
    }
    fn as_str(&self) -> &'static str {
        "Gone"
    }
    fn rows(&self) -> Rows<Self> {
        Rows::new(*self, 0..1, |c, i| Some(ROWS.get(i)?.view(c, &["en"])))
    }
    fn retry_class(&self) -> Option<RetryClass> {
        None
    }
}

type Document = ErrorDocument<Demo>;

fn document(message: Option<&str>, request_id: Option<&str>, trace_id: Option<&str>) -> Document {
    Document::from_fields(
        Code::from("Gone"),
        message.map(str::to_owned),
        request_id.map(str::to_owned),
        trace_id.map(str::to_owned),
    )
}

#[test]
fn the_document_keeps_its_ids_and_writes_them_back() {
    let doc = document(Some("m"), Some("r-1"), Some("t-1"));
    assert_eq!(doc.code(), &Code::Known(Demo::Gone));
    assert_eq!(doc.message(), Some("m"));
    assert_eq!(doc.request_id(), Some("r-1"));
    assert_eq!(doc.trace_id(), Some("t-1"));
    let xml = doc.to_xml();
    assert_eq!(
        xml,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n\t<Code>Gone</Code>\n\t<Message>m</Message>\n\t<RequestId>r-1</RequestId>\n\t<TraceId>t-1</TraceId>\n</Error>\n"
    );
    assert_eq!(
        Document::from_xml_with(xml.as_bytes(), &Limits::default()).unwrap(),
        doc
    );
    // What is absent is not written.
    let xml = document(None, None, Some("t")).to_xml();
    assert!(xml.contains("<TraceId>t</TraceId>"), "{xml}");
    assert!(
        !xml.contains("<Message") && !xml.contains("<RequestId"),
        "{xml}"
    );
    // The spec's row is reachable from the document's code.
    let row = Demo::Gone.rows().next().unwrap();
    assert_eq!(row.description_in(Lang::En), Some("It is gone."));
}

#[test]
fn display_leaves_out_what_is_absent() {
    assert_eq!(document(None, None, None).to_string(), "Gone");
    assert_eq!(document(Some("m"), None, None).to_string(), "Gone: m");
    assert_eq!(
        document(Some("m"), Some("r"), None).to_string(),
        "Gone: m (RequestId: r)"
    );
    assert_eq!(
        document(None, Some("r"), Some("t")).to_string(),
        "Gone (RequestId: r, TraceId: t)"
    );
    assert_eq!(
        document(None, None, Some("t")).to_string(),
        "Gone (TraceId: t)"
    );
}

#[test]
fn characters_a_reader_would_lose_are_written_as_references() {
    let doc = document(Some("a\u{7f}b\u{fffe}c\u{ffff}d\re\u{1}"), None, None);
    let xml = doc.to_xml();
    assert!(
        xml.contains("<Message>a&#127;b&#65534;c&#65535;d&#13;e&#1;</Message>"),
        "{xml}"
    );
    assert_eq!(
        Document::from_xml_with(xml.as_bytes(), &Limits::default()).unwrap(),
        doc
    );
}

#[test]
fn the_size_limit_is_exact() {
    let body = "<Error><Code>Gone</Code></Error>";
    let mut limits = Limits::default();
    limits.max_body_bytes = body.len();
    assert!(Document::from_xml_with(body.as_bytes(), &limits).is_ok());
    limits.max_body_bytes = body.len() - 1;
    let err = Document::from_xml_with(body.as_bytes(), &limits).unwrap_err();
    assert!(
        matches!(err.kind(), XmlErrorKind::TooLarge { limit } if *limit == body.len() - 1),
        "{err:?}"
    );
}

/// A 410 response with `body` and both id headers.
fn service_error(body: &str, request_id: &[u8]) -> ServiceError<Document> {
    let response = http::Response::builder()
        .status(410)
        .header(
            "x-request-id",
            http::HeaderValue::from_bytes(request_id).unwrap(),
        )
        .header("x-trace-id", "t-header")
        .body(body.to_owned())
        .unwrap();
    ServiceError::from_response(&response)
}

#[test]
fn an_empty_id_in_the_body_leaves_the_header_s() {
    for body in [
        "<Error><Code>Gone</Code><RequestId/><TraceId></TraceId></Error>",
        r#"{"Response":{"Error":{"Code":"Gone"},"RequestId":"","TraceId":""}}"#,
        r#"{"Error":{"Code":"Gone","RequestId":""}}"#,
    ] {
        let err = service_error(body, b"r-header");
        assert!(err.response().is_some(), "{body}");
        assert_eq!(err.request_id(), Some("r-header"), "{body}");
        assert_eq!(err.trace_id(), Some("t-header"), "{body}");
    }
}

#[test]
fn a_header_in_utf8_is_kept_and_an_empty_one_is_none() {
    let err = service_error("<Error><Code>Gone</Code></Error>", "r-é".as_bytes());
    assert_eq!(err.request_id(), Some("r-é"));
    let err = service_error("<Error><Code>Gone</Code></Error>", b"");
    assert_eq!(err.request_id(), None);
}

#[test]
fn del_and_c1_controls_are_text_and_c0_ones_are_binary() {
    for message in ["a\u{7f}b", "a\u{85}b", "a\u{9f}b"] {
        let body = format!("<Error><Code>Gone</Code><Message>{message}</Message></Error>");
        let err = service_error(&body, b"r");
        assert_eq!(err.message(), Some(message), "{message:?}");
        let json = format!(r#"{{"Error":{{"Code":"Gone","Message":"{message}"}}}}"#);
        assert_eq!(
            service_error(&json, b"r").message(),
            Some(message),
            "{message:?}"
        );
    }
    let err = service_error(
        "<Error><Code>Gone</Code><Message>a\u{1}b</Message></Error>",
        b"r",
    );
    assert!(
        matches!(err.body(), Body::Unparsed { kind, .. } if kind.to_string() == "a binary body")
    );
}

#[test]
fn an_id_of_another_type_is_kept_as_text_or_left_out_not_fatal() {
    let err = service_error(
        r#"{"Response":{"Error":{"Code":"Gone"},"RequestId":12345}}"#,
        b"h",
    );
    assert_eq!(err.typed_code(), Some(&Code::Known(Demo::Gone)));
    assert_eq!(err.request_id(), Some("12345"));
    let err = service_error(
        r#"{"Response":{"Error":{"Code":"Gone","Message":["x"]},"RequestId":{"id":1},"TraceId":true}}"#,
        b"h",
    );
    assert_eq!(err.typed_code(), Some(&Code::Known(Demo::Gone)));
    assert_eq!(
        (err.message(), err.request_id(), err.trace_id()),
        (None, Some("h"), Some("t-header"))
    );
    let err = service_error(r#"{"Error":{"Code":4100}}"#, b"h");
    assert_eq!(err.code(), Some("4100"));
}

#[test]
fn the_wrapped_error_wins_over_a_top_level_one() {
    for body in [
        r#"{"Error":{"Code":"Other"},"Response":{"Error":{"Code":"Gone"},"RequestId":"r-1"}}"#,
        r#"{"Response":{"Error":{"Code":"Gone"},"RequestId":"r-1"},"Error":{"Code":"Other"}}"#,
        r#"{"Response":{"Error":{"Code":"Gone"},"RequestId":7},"Error":{"Code":"Other"}}"#,
    ] {
        let err = service_error(body, b"h");
        assert_eq!(err.typed_code(), Some(&Code::Known(Demo::Gone)), "{body}");
    }
    // A wrapper without an error is not an error document, whatever is beside it.
    let err = service_error(
        r#"{"Response":{"RequestId":"r"},"Error":{"Code":"Gone"}}"#,
        b"h",
    );
    assert!(err.response().is_none());
}
