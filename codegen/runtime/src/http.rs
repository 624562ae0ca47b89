//! `http` integration (feature `http`): a response → a typed [`ServiceError`],
//! and a spec row → a response, for servers and test doubles. Generic over
//! the generated body type, which implements [`ErrorBody`] under the
//! generated crate's `body` or `http` feature (settings `body-feature`,
//! `http-feature`). The body types are [`crate::body`]'s, re-exported here.
//!
//! The request and trace ids come from the body, or, when it lacks them,
//! from the response headers the settings name (`request-id-headers`,
//! `trace-id-headers`).

use std::fmt;

use http::header::{CONTENT_TYPE, LOCATION};
use http::{HeaderMap, HeaderValue, Response, StatusCode};

use crate::body::read_body;
pub use crate::body::{Body, BodyKind, ErrorBody, ErrorDocument, RAW_SNIPPET_BYTES};
use crate::code::{Code, CodeEnum};
use crate::retry::{self, Retry};
use crate::row::{Edition, Row};

/// A failed request, as typed as the response allows.
///
/// `Display` gives the status and the whole error document (code, message,
/// request id) once; `source()` is the XML error only when the body could
/// not be read, so walking the chain prints the message once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceError<B> {
    status: StatusCode,
    location: Option<String>,
    request_id: Option<String>,
    trace_id: Option<String>,
    body: Body<B>,
}

impl<B: ErrorBody> ServiceError<B> {
    /// Builds the error from a response's parts.
    pub fn from_parts(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Self {
        // A value in UTF-8 is kept (`to_str` takes visible ASCII only); an
        // empty one is no value.
        let header = |names: &[&str]| {
            names
                .iter()
                .find_map(|name| present(std::str::from_utf8(headers.get(*name)?.as_bytes()).ok()))
                .map(str::to_owned)
        };
        let location = status
            .is_redirection()
            .then(|| header(&[LOCATION.as_str()]))
            .flatten();
        ServiceError {
            status,
            location,
            request_id: header(B::REQUEST_ID_HEADERS),
            trace_id: header(B::TRACE_ID_HEADERS),
            body: read_body(body),
        }
    }

    /// Builds the error from a whole response.
    pub fn from_response<T: AsRef<[u8]>>(response: &Response<T>) -> Self {
        Self::from_parts(
            response.status(),
            response.headers(),
            response.body().as_ref(),
        )
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The code as sent, if the body was an error document.
    pub fn code(&self) -> Option<&str> {
        self.response().map(|r| r.code().as_str())
    }

    /// The code, typed: known to the spec or kept as sent.
    pub fn typed_code(&self) -> Option<&Code<B::Code>> {
        self.response().map(ErrorBody::code)
    }

    /// The body's message.
    pub fn message(&self) -> Option<&str> {
        self.response()?.message()
    }

    /// The request id, to quote to the vendor's support: the body's, else
    /// the first of the settings' request-id headers the response has.
    /// An empty id (`<RequestId/>`) is no id.
    pub fn request_id(&self) -> Option<&str> {
        present(self.response().and_then(ErrorBody::request_id)).or(self.request_id.as_deref())
    }

    /// The trace id: the body's, else the first trace-id header the response has.
    pub fn trace_id(&self) -> Option<&str> {
        present(self.response().and_then(ErrorBody::trace_id)).or(self.trace_id.as_deref())
    }

    /// The spec's description of this code with this status (see
    /// [`ServiceError::row`]), in the primary language.
    pub fn spec_description(&self) -> Option<&'static str> {
        self.row().map(|row| row.description)
    }

    /// [`ServiceError::spec_description`] in the edition `lang` (a generated `Lang`).
    pub fn description_in(&self, lang: impl Edition) -> Option<&'static str> {
        self.row()?.description_in(lang)
    }

    /// What the spec says to do about this error, in the primary language, when it says.
    pub fn remedy(&self) -> Option<&'static str> {
        self.row()?.remedy()
    }

    /// [`ServiceError::remedy`] in the edition `lang`.
    pub fn remedy_in(&self, lang: impl Edition) -> Option<&'static str> {
        self.row()?.remedy_in(lang)
    }

    /// The parsed body, if it was an error document.
    pub fn response(&self) -> Option<&B> {
        match &self.body {
            Body::Parsed(r) => Some(r),
            Body::Unparsed { .. } => None,
        }
    }

    /// The body, parsed or not.
    pub fn body(&self) -> &Body<B> {
        &self.body
    }

    /// The spec's row for this (code, status) pair, when the spec has one;
    /// for a code the spec lists without a status (sent, as API 3.0 errors
    /// are, with any status), its first such row.
    pub fn row(&self) -> Option<Row<B::Code>> {
        let code = self.response()?.code().known()?;
        let status = self.status.as_u16();
        code.rows()
            .find(|row| row.status == Some(status))
            .or_else(|| code.rows().find(|row| row.status.is_none()))
    }

    /// The `Location` header of a 3xx response.
    pub fn location(&self) -> Option<&str> {
        self.location.as_deref()
    }

    /// What to do next, under the runtime's [policy](crate::retry): by
    /// the status, and by the code's retry class when the spec's settings
    /// give it one.
    pub fn retry(&self) -> Retry {
        let class = self
            .response()
            .and_then(|r| r.code().known())
            .and_then(|c| c.retry_class());
        retry::advice(Some(self.status.as_u16()), class)
    }

    /// Whether the same request may be sent again, after a back-off.
    pub fn is_retryable(&self) -> bool {
        self.retry().is_retryable()
    }
}

impl<B: ErrorBody> fmt::Display for ServiceError<B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {}: ", self.status)?;
        match &self.body {
            Body::Parsed(r) => write!(f, "{r}"),
            Body::Unparsed { kind, .. } => write!(f, "{kind}, not an error document"),
        }
    }
}

impl<B: ErrorBody> std::error::Error for ServiceError<B> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.body {
            Body::Unparsed {
                kind: BodyKind::Xml(error),
                ..
            } => Some(error),
            _ => None,
        }
    }
}

/// The response a server sends with `body` for `row`: the row's status (200
/// for a row without one, as API 3.0 services send errors),
/// `Content-Type: application/xml`, the body as XML.
pub fn response<B: ErrorBody>(row: &Row<B::Code>, body: &B) -> Response<String> {
    let mut response = Response::new(body.to_xml());
    *response.status_mut() = row.status_code().unwrap_or(StatusCode::OK);
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/xml"));
    response
}

/// [`response`] with the body a server sends for `row`: its code, and its
/// description as the message.
pub fn response_for_row<B: ErrorBody>(row: &Row<B::Code>) -> Response<String> {
    let body = B::from_fields(
        Code::Known(row.code),
        Some(row.description.to_owned()),
        None,
        None,
    );
    response(row, &body)
}

/// `value` unless it is empty: an empty id is no id.
fn present(value: Option<&str>) -> Option<&str> {
    value.filter(|v| !v.is_empty())
}
