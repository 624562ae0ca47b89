//! The fallback body `ErrorDocument` (what a generated crate without field
//! tables gets) and the writer's edges, pinned on a code enum of its own.
#![cfg(feature = "http")]

use ci_errors_runtime::http::{ErrorBody, ErrorDocument};
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
