//! Rows of two editions with remedies, on a code enum of its own: texts
//! found by their edition's tag, remedies through `ServiceError`, status
//! classes, and the snippet of a body that is not an error document.
#![cfg(feature = "http")]

use ci_errors_runtime::http::{Body, ErrorDocument, ServiceError, RAW_SNIPPET_BYTES};
use ci_errors_runtime::retry::RetryClass;
use ci_errors_runtime::{CodeEnum, Edition, RowData, Rows, StatusClass};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Demo {
    Busy,
}

/// The editions, in the order the table holds them.
#[derive(Clone, Copy)]
enum Lang {
    En,
    Zh,
}

impl Edition for Lang {
    fn index(self) -> usize {
        self as usize
    }
    fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }
}

/// An edition whose place disagrees with its tag: found by the tag.
#[derive(Clone, Copy)]
struct Misplaced;

impl Edition for Misplaced {
    fn index(self) -> usize {
        0
    }
    fn tag(self) -> &'static str {
        "zh"
    }
}

// Description (en, zh), then remedy (en, zh): plain and markdown each.
static ROWS: [RowData<8>; 1] = [RowData {
    status: Some(503),
    reason: "Service Unavailable",
    section: None,
    texts: [
        "Busy.",
        "*Busy.*",
        "忙。",
        "*忙。*",
        "Retry later.",
        "Retry later.",
        "稍后重试。",
        "稍后重试。",
    ],
}];

impl CodeEnum for Demo {
    type Lang = Lang;
    const ALL: &'static [Self] = &[Demo::Busy];
    fn from_code(code: &str) -> Option<Self> {
        (code == "Busy").then_some(Demo::Busy)
    }
    fn as_str(&self) -> &'static str {
        "Busy"
    }
    fn rows(&self) -> Rows<Self> {
        Rows::new(*self, 0..1, |c, i| {
            Some(ROWS.get(i)?.view(c, &["en", "zh"]))
        })
    }
    fn retry_class(&self) -> Option<RetryClass> {
        None
    }
}

fn reply(status: u16, body: &str) -> ServiceError<ErrorDocument<Demo>> {
    let response = http::Response::builder()
        .status(status)
        .body(body.to_owned())
        .unwrap();
    ServiceError::from_response(&response)
}

#[test]
fn texts_are_found_by_their_edition_s_tag() {
    let row = Demo::Busy.rows().next().unwrap();
    assert_eq!(row.description_in(Lang::En), Some("Busy."));
    assert_eq!(row.description_in(Lang::Zh), Some("忙。"));
    assert_eq!(row.description_in(Misplaced), Some("忙。"));
    assert_eq!(row.remedy_in(Lang::Zh), Some("稍后重试。"));
    assert_eq!(row.remedy(), Some("Retry later."));
}

#[test]
fn a_service_error_gives_the_spec_s_remedy() {
    let err = reply(503, "<Error><Code>Busy</Code></Error>");
    assert_eq!(err.spec_description(), Some("Busy."));
    assert_eq!(err.remedy(), Some("Retry later."));
    assert_eq!(err.remedy_in(Lang::Zh), Some("稍后重试。"));
    assert_eq!(err.description_in(Lang::Zh), Some("忙。"));
}

#[test]
fn status_classes_follow_the_first_digit() {
    let classes: Vec<StatusClass> = [101, 204, 304, 404, 503].map(StatusClass::of).to_vec();
    assert_eq!(
        classes,
        [
            StatusClass::Informational,
            StatusClass::Success,
            StatusClass::Redirection,
            StatusClass::ClientError,
            StatusClass::ServerError,
        ]
    );
}

#[test]
fn the_snippet_of_a_long_body_is_cut_on_a_character() {
    let body = "é".repeat(RAW_SNIPPET_BYTES);
    let err = reply(502, &body);
    let Body::Unparsed { snippet, .. } = err.body() else {
        panic!("plain text is not an error document");
    };
    assert_eq!(*snippet, "é".repeat(RAW_SNIPPET_BYTES / 2));
    let short = reply(502, "Bad gateway");
    let Body::Unparsed { snippet, .. } = short.body() else {
        panic!("plain text is not an error document");
    };
    assert_eq!(snippet, "Bad gateway");
}

/// A body of exactly the size limit is read; one byte more is not.
#[test]
fn the_body_limit_is_exact_for_a_service_error() {
    let limit = ci_errors_runtime::xml::Limits::default().max_body_bytes;
    let document = "<Error><Code>Busy</Code></Error>";
    let at_limit = format!("{document}{}", " ".repeat(limit - document.len()));
    assert_eq!(at_limit.len(), limit);
    assert!(reply(503, &at_limit).response().is_some());
    let over = format!("{at_limit} ");
    let err = reply(503, &over);
    assert!(
        matches!(err.body(), Body::Unparsed { kind, .. } if kind.to_string().contains("not read")),
        "{:?}",
        err.body()
    );
}
