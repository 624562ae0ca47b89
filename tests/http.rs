//! Feature `http`: responses to typed errors and back.
#![cfg(feature = "http")]

use ci_errors::http::{response, response_for_row, Body, ServiceError, RAW_SNIPPET_BYTES};
use ci_errors::retry::Retry;
use ci_errors::xml::XmlErrorKind;
use ci_errors::{Code, ErrorCode, ErrorResponse};
use http::{header, Response, StatusCode};

fn reply(status: u16, body: &str) -> Response<Vec<u8>> {
    Response::builder()
        .status(status)
        .header(header::LOCATION, "https://other.example/key")
        .body(body.as_bytes().to_vec())
        .unwrap()
}

#[test]
fn error_document_becomes_a_typed_error_with_its_row() {
    let e = ServiceError::from_response(&reply(
        403,
        "<Error><Code>AccessDenied</Code><RequestId>r</RequestId></Error>",
    ));
    assert_eq!(e.status(), StatusCode::FORBIDDEN);
    assert_eq!(e.code(), Some(&Code::Known(ErrorCode::AccessDenied)));
    assert_eq!(e.row().unwrap().description, "The operation is prohibited.");
    assert_eq!(e.location(), None, "Location only counts on redirects");
    assert_eq!(e.retry(), Retry::DoNotRetry);
    assert_eq!(
        e.to_string(),
        "HTTP 403 Forbidden: AccessDenied (RequestId: r)"
    );
    // Same code, other status: the other row.
    let e = ServiceError::from_response(&reply(401, "<Error><Code>AccessDenied</Code></Error>"));
    assert_eq!(e.row().unwrap().description, "No permission.");
    // A (code, status) pair the spec does not list has no row.
    let e = ServiceError::from_response(&reply(500, "<Error><Code>AccessDenied</Code></Error>"));
    assert!(e.row().is_none());
}

#[test]
fn redirects_carry_the_location() {
    let e =
        ServiceError::from_response(&reply(307, "<Error><Code>TemporaryRedirect</Code></Error>"));
    assert_eq!(e.location(), Some("https://other.example/key"));
    assert_eq!(e.retry(), Retry::Redirect);
    assert!(e.row().unwrap().is_redirect());
}

#[test]
fn throttling_and_transient_errors_are_retryable() {
    assert_eq!(
        ServiceError::from_response(&reply(429, "<Error><Code>SlowDown</Code></Error>")).retry(),
        Retry::Retry
    );
    assert_eq!(
        ServiceError::from_response(&reply(503, "")).retry(),
        Retry::Retry
    );
}

#[test]
fn a_body_that_is_not_an_error_document_is_kept_as_a_bounded_snippet() {
    let page = format!("<html><body>{}</body></html>", "é".repeat(1000));
    let e = ServiceError::from_response(&reply(502, &page));
    assert!(e.response().is_none());
    let Body::Unparsed { error, snippet } = e.body() else {
        panic!("expected unparsed")
    };
    assert_eq!(error.kind(), &XmlErrorKind::Html);
    assert!(snippet.len() <= RAW_SNIPPET_BYTES);
    assert!(snippet.starts_with("<html><body>éé"));
    assert!(!snippet.contains('\u{fffd}'), "cut on a character boundary");
    assert!(std::error::Error::source(&e).is_some());
}

#[test]
fn rows_become_responses() {
    let row = ErrorCode::SlowDown.row(429).unwrap();
    let resp = response_for_row(row);
    assert_eq!(resp.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(resp.headers()[header::CONTENT_TYPE], "application/xml");
    let body = ErrorResponse::from_xml(resp.body().as_bytes()).unwrap();
    assert_eq!(body.code, ErrorCode::SlowDown);
    assert_eq!(
        body.message.as_deref(),
        Some("Please decrease the access frequency.")
    );

    let mut custom = ErrorResponse::from_row(ErrorCode::InvalidContent.row(413).unwrap());
    custom.request_id = Some("req-1".into());
    let resp = response(ErrorCode::InvalidContent.row(413).unwrap(), &custom);
    assert_eq!(resp.status(), StatusCode::PAYLOAD_TOO_LARGE);
    // And back: the client side sees exactly what the server sent.
    let e = ServiceError::from_response(&resp.map(String::into_bytes));
    assert_eq!(e.response(), Some(&custom));
    assert_eq!(
        e.row().unwrap().description,
        "The sent packet is too large."
    );
}
