//! Feature `http`: responses to typed errors and back. Codes and
//! descriptions are taken from the spec's rows (`all_rows`), not written here.
#![cfg(feature = "http")]

use std::error::Error as _;

use ci_errors::http::{
    response, response_for_row, Body, BodyKind, ServiceError, RAW_SNIPPET_BYTES,
};
use ci_errors::retry::Retry;
use ci_errors::{Code, ErrorCode, ErrorResponse, Lang};
use http::{header, Response, StatusCode};

fn reply(status: u16, body: &str) -> Response<Vec<u8>> {
    Response::builder()
        .status(status)
        .header(header::LOCATION, "https://other.example/key")
        .body(body.as_bytes().to_vec())
        .unwrap()
}

/// The error chain as `anyhow`'s `{:#}` prints it: each `Display`, joined by `: `.
fn chain(e: &ServiceError) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

#[test]
fn every_row_round_trips_with_every_accessor() {
    for row in ErrorCode::all_rows() {
        let row = &row;
        let mut body = ErrorResponse::from_row(row);
        body.request_id = Some("req-1".into());
        body.trace_id = Some("trace-1".into());
        let e = ServiceError::from_response(&response(row, &body).map(String::into_bytes));
        // A row without a status is sent with 200, as API 3.0 errors are.
        let sent = row.status_code().unwrap_or(StatusCode::OK);
        assert_eq!(e.status(), sent);
        assert_eq!(e.status().as_u16(), row.status.unwrap_or(200));
        assert_eq!(e.code(), Some(row.code.as_str()));
        assert_eq!(e.typed_code(), Some(&Code::Known(row.code)));
        assert_eq!(e.message(), Some(row.description));
        assert_eq!(e.request_id(), Some("req-1"));
        assert_eq!(e.trace_id(), Some("trace-1"));
        // The first row of the (code, status) pair describes it; for a code
        // without a status, its first row without one.
        let first = row
            .code
            .row(sent.as_u16())
            .or_else(|| row.code.rows().find(|r| r.status.is_none()));
        assert_eq!(e.row(), first);
        assert_eq!(e.spec_description(), first.map(|r| r.description));
        assert_eq!(e.remedy(), first.and_then(|r| r.remedy()));
        for &lang in Lang::ALL {
            // None where the edition lacks the row (an empty text).
            let text = first
                .and_then(|r| r.descriptions().find(|d| d.lang == lang.tag()))
                .map(|d| d.text)
                .filter(|t| !t.is_empty());
            assert_eq!(e.description_in(lang), text);
            let remedy = first
                .and_then(|r| r.remedies().find(|d| d.lang == lang.tag()))
                .map(|d| d.text)
                .filter(|t| !t.is_empty());
            assert_eq!(e.remedy_in(lang), remedy);
        }
        assert_eq!(e.retry(), row.retry());
        assert_eq!(e.is_retryable(), row.retry() == Retry::Retry);
        assert_eq!(e.response(), Some(&body));
    }
}

#[test]
fn the_message_appears_once_along_the_error_chain() {
    let e = ServiceError::from_response(&reply(
        403,
        "<Error><Code>SomeCode</Code><Message>Unique message text.</Message><RequestId>r</RequestId></Error>",
    ));
    let printed = chain(&e);
    assert_eq!(
        printed.matches("Unique message text.").count(),
        1,
        "{printed}"
    );
    assert_eq!(printed.matches("RequestId: r").count(), 1, "{printed}");
    assert_eq!(
        printed,
        "HTTP 403 Forbidden: SomeCode: Unique message text. (RequestId: r)"
    );
    assert!(e.source().is_none());
}

#[test]
fn tencent_cloud_api_3_json_errors_are_read_into_the_same_type() {
    let json = r#"{"Response":{"Error":{"Code":"AuthFailure.SignatureExpire","Message":"Signature expired."},"RequestId":"6c3c0f3e-1"}}"#;
    let e = ServiceError::from_response(&reply(401, json));
    assert_eq!(e.code(), Some("AuthFailure.SignatureExpire"));
    assert_eq!(e.message(), Some("Signature expired."));
    assert_eq!(e.request_id(), Some("6c3c0f3e-1"));
    assert_eq!(e.trace_id(), None);
    // A listed code in JSON is typed like one in XML.
    let listed = ErrorCode::ALL[0];
    let json = format!(
        r#"{{"Response":{{"Error":{{"Code":"{listed}","Message":"m"}},"RequestId":"r"}}}}"#
    );
    let e = ServiceError::from_response(&reply(400, &json));
    assert_eq!(e.typed_code(), Some(&Code::Known(listed)));
}

#[test]
fn json_bodies_are_bounded_refuse_a_repeated_code_and_keep_the_code_past_odd_numbers() {
    let kind = |body: &str| match ServiceError::from_response(&reply(400, body)).body() {
        Body::Unparsed { kind, .. } => Some(kind.clone()),
        Body::Parsed(_) => None,
    };
    // A repeated `Code` is refused, as a repeated XML element is.
    let twice = r#"{"Response":{"Error":{"Code":"A","Code":"B","Message":"m"},"RequestId":"r"}}"#;
    assert_eq!(kind(twice), Some(BodyKind::Json));
    // A number out of range elsewhere in the body does not lose the code.
    let odd = r#"{"Response":{"Error":{"Code":"A","Message":"m"},"Total":1e999,"RequestId":"r"}}"#;
    let e = ServiceError::from_response(&reply(400, odd));
    assert_eq!((e.code(), e.request_id()), (Some("A"), Some("r")));
    // A numeric code is kept as its digits; the bare shape reads too.
    let bare = r#"{"Error":{"Code":4100,"Message":"m"},"RequestId":"r"}"#;
    assert_eq!(
        ServiceError::from_response(&reply(400, bare)).code(),
        Some("4100")
    );
    // The XML limit holds for JSON: a larger body is not read.
    let limit = ci_errors::xml::Limits::default().max_body_bytes;
    let padding = " ".repeat(limit);
    let large = format!(r#"{{"Response":{{"Error":{{"Code":"A"}}}}}}{padding}"#);
    assert_eq!(kind(&large), Some(BodyKind::TooLarge { limit }));
    let xml = format!("<Error><Code>A</Code></Error>{padding}");
    assert_eq!(kind(&xml), Some(BodyKind::TooLarge { limit }));
}

#[test]
fn bodies_that_are_not_error_documents_are_named_with_a_bounded_snippet() {
    let page = format!("<html><body>{}</body></html>", "é".repeat(1000));
    let cases: [(&[u8], BodyKind); 6] = [
        (page.as_bytes(), BodyKind::Html),
        (b"<!DOCTYPE html><html></html>", BodyKind::Html),
        (br#"{"message":"upstream timeout"}"#, BodyKind::Json),
        (b"  \n", BodyKind::Empty),
        (b"\x00\x01\x02\xff binary", BodyKind::Binary),
        (b"upstream connect error", BodyKind::Text),
    ];
    for (body, kind) in cases {
        let e = ServiceError::from_parts(StatusCode::BAD_GATEWAY, &Default::default(), body);
        let Body::Unparsed { kind: got, snippet } = e.body() else {
            panic!("expected unparsed: {body:?}")
        };
        assert_eq!(got, &kind, "{body:?}");
        assert!(snippet.len() <= RAW_SNIPPET_BYTES);
        assert!(
            e.to_string()
                .starts_with(&format!("HTTP 502 Bad Gateway: {kind}")),
            "{e}"
        );
        assert_eq!(e.code(), None);
    }
    let e = ServiceError::from_response(&reply(502, &page));
    let Body::Unparsed { snippet, .. } = e.body() else {
        unreachable!()
    };
    assert!(snippet.starts_with("<html><body>éé"));
    assert!(!snippet.contains('\u{fffd}'), "cut on a character boundary");
}

#[test]
fn malformed_xml_keeps_its_error_as_the_source() {
    let e = ServiceError::from_response(&reply(500, "<Error><Code>X</Code>"));
    let Body::Unparsed {
        kind: BodyKind::Xml(error),
        ..
    } = e.body()
    else {
        panic!("expected unreadable XML: {:?}", e.body())
    };
    assert_eq!(e.source().unwrap().to_string(), error.to_string());
    assert_eq!(chain(&e).matches(&error.to_string()).count(), 1);
}

#[test]
fn a_503_is_retryable_whatever_its_body() {
    for body in ["<Error><Code>Anything</Code></Error>", "", "<html></html>"] {
        let e = ServiceError::from_response(&reply(503, body));
        assert!(e.is_retryable(), "{body:?}");
        assert_eq!(e.retry(), Retry::Retry);
    }
    let e = ServiceError::from_response(&reply(403, "<Error><Code>Anything</Code></Error>"));
    assert!(!e.is_retryable());
}

#[test]
fn redirects_carry_the_location() {
    let e = ServiceError::from_response(&reply(307, "<Error><Code>Moved</Code></Error>"));
    assert_eq!(e.location(), Some("https://other.example/key"));
    assert_eq!(e.retry(), Retry::Redirect);
    let e = ServiceError::from_response(&reply(403, "<Error><Code>Moved</Code></Error>"));
    assert_eq!(e.location(), None, "Location only counts on redirects");
}

#[test]
fn rows_become_responses() {
    for row in ErrorCode::all_rows() {
        let resp = response_for_row(&row);
        assert_eq!(resp.status(), row.status_code().unwrap_or(StatusCode::OK));
        assert_eq!(resp.headers()[header::CONTENT_TYPE], "application/xml");
        let body = ErrorResponse::from_xml(resp.body().as_bytes()).unwrap();
        assert_eq!(body.code, row.code);
        assert_eq!(body.message.as_deref(), Some(row.description));
    }
}

/// Request and trace ids come from the headers the settings name when the
/// body has none; the body's win when it has them.
#[test]
fn ids_come_from_the_settings_headers_when_the_body_lacks_them() {
    use ci_errors::http::ErrorBody;
    let code = ErrorCode::ALL[0].as_str();
    let request = <ErrorResponse as ErrorBody>::REQUEST_ID_HEADERS;
    let trace = <ErrorResponse as ErrorBody>::TRACE_ID_HEADERS;
    for (i, (request, trace)) in request.iter().zip(trace).enumerate() {
        let bare = format!("<Error><Code>{code}</Code></Error>");
        let reply = Response::builder()
            .status(400)
            .header(*request, format!("h-req-{i}"))
            .header(*trace, format!("h-trace-{i}"))
            .header("x-unrelated-id", "nope")
            .body(bare.into_bytes())
            .unwrap();
        let e = ServiceError::from_response(&reply);
        assert_eq!(e.request_id(), Some(format!("h-req-{i}").as_str()));
        assert_eq!(e.trace_id(), Some(format!("h-trace-{i}").as_str()));
        let full = format!("<Error><Code>{code}</Code><RequestId>b-req</RequestId><TraceId>b-trace</TraceId></Error>");
        let reply = Response::builder()
            .status(400)
            .header(*request, "h-req")
            .body(full.into_bytes())
            .unwrap();
        let e = ServiceError::from_response(&reply);
        assert_eq!(e.request_id(), Some("b-req"));
        assert_eq!(e.trace_id(), Some("b-trace"));
    }
    // A header the settings do not name is not read.
    let reply = Response::builder()
        .status(400)
        .header("x-unrelated-id", "nope")
        .body(format!("<Error><Code>{code}</Code></Error>").into_bytes())
        .unwrap();
    assert_eq!(ServiceError::from_response(&reply).request_id(), None);
}

/// The retry class of every code is what the settings say (`retry` in
/// `Cargo.toml`), and it makes a code retryable whatever its status.
#[test]
fn retry_classes_come_from_the_settings() {
    use ci_errors::retry::RetryClass;
    let manifest: toml::Table =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml"))
            .unwrap()
            .parse()
            .unwrap();
    let retry = &manifest["package"]["metadata"]["ci-errors-codegen"].get("retry");
    let listed = |class: &str| -> Vec<String> {
        retry
            .and_then(|r| r.get(class))
            .and_then(|v| v.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
    let (throttling, transient) = (listed("throttling"), listed("transient"));
    for &code in ErrorCode::ALL {
        let expected = if throttling.iter().any(|c| c == code.as_str()) {
            Some(RetryClass::Throttling)
        } else if transient.iter().any(|c| c == code.as_str()) {
            Some(RetryClass::Transient)
        } else {
            None
        };
        assert_eq!(code.retry_class(), expected, "{code}");
        if expected.is_some() {
            assert_eq!(code.retry(), Retry::Retry, "{code}");
            let body = format!("<Error><Code>{code}</Code></Error>");
            let e = ServiceError::from_response(&reply(400, &body));
            assert!(e.is_retryable(), "{code} at 400");
        }
    }
}
