//! `http` integration (feature `http`): a response → a typed [`ServiceError`],
//! and a spec row → a response, for servers and test doubles.

use std::fmt;

use http::header::{CONTENT_TYPE, LOCATION};
use http::{HeaderMap, HeaderValue, Response, StatusCode};

use crate::retry::{self, Retry};
use crate::xml::{Limits, XmlError};
use crate::{Code, ErrorResponse, ErrorRow};

/// How much of a body that is not an error document is kept.
pub const RAW_SNIPPET_BYTES: usize = 512;

/// What the body of a failed response turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// An error document.
    Parsed(ErrorResponse),
    /// Anything else (an HTML page from a proxy, an empty body): why it did not
    /// parse, and its first [`RAW_SNIPPET_BYTES`] bytes as text.
    Unparsed {
        /// Why it is not an error document.
        error: XmlError,
        /// The start of the body, lossily decoded.
        snippet: String,
    },
}

/// A failed request, as typed as the response allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceError {
    status: StatusCode,
    location: Option<String>,
    body: Body,
}

impl ServiceError {
    /// Builds the error from a response's parts.
    pub fn from_parts(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Self {
        let location = status
            .is_redirection()
            .then(|| headers.get(LOCATION))
            .flatten()
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let body = match ErrorResponse::from_xml_with(body, &Limits::default()) {
            Ok(parsed) => Body::Parsed(parsed),
            Err(error) => Body::Unparsed {
                error,
                snippet: snippet(body),
            },
        };
        ServiceError {
            status,
            location,
            body,
        }
    }

    /// Builds the error from a whole response.
    pub fn from_response<B: AsRef<[u8]>>(response: &Response<B>) -> Self {
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

    /// The code from the body, if it parsed.
    pub fn code(&self) -> Option<&Code> {
        self.response().map(|r| &r.code)
    }

    /// The parsed body, if it was an error document.
    pub fn response(&self) -> Option<&ErrorResponse> {
        match &self.body {
            Body::Parsed(r) => Some(r),
            Body::Unparsed { .. } => None,
        }
    }

    /// The body, parsed or not.
    pub fn body(&self) -> &Body {
        &self.body
    }

    /// The spec's row for this (code, status) pair, when the spec has one.
    pub fn row(&self) -> Option<&'static ErrorRow> {
        self.response()?.row(self.status.as_u16())
    }

    /// The `Location` header of a 3xx response.
    pub fn location(&self) -> Option<&str> {
        self.location.as_deref()
    }

    /// What to do next, under the crate's [policy](crate::retry).
    pub fn retry(&self) -> Retry {
        retry::advice(self.status.as_u16(), self.code())
    }
}

impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {}: ", self.status)?;
        match &self.body {
            Body::Parsed(r) => write!(f, "{r}"),
            Body::Unparsed { error, .. } => write!(f, "unreadable error body ({error})"),
        }
    }
}

impl std::error::Error for ServiceError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.body {
            Body::Parsed(r) => Some(r),
            Body::Unparsed { error, .. } => Some(error),
        }
    }
}

fn snippet(body: &[u8]) -> String {
    let mut end = body.len().min(RAW_SNIPPET_BYTES);
    // Do not cut a UTF-8 sequence in half.
    while end < body.len() && end > 0 && (body[end] & 0xC0) == 0x80 {
        end -= 1;
    }
    String::from_utf8_lossy(&body[..end]).into_owned()
}

/// The response a server sends with `body` for `row`: the row's status,
/// `Content-Type: application/xml`, the body as XML.
pub fn response(row: &ErrorRow, body: &ErrorResponse) -> Response<String> {
    let mut response = Response::new(body.to_xml());
    // Rows are 100–599 by construction, so this never falls back.
    *response.status_mut() =
        StatusCode::from_u16(row.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/xml"));
    response
}

/// [`response`] with the body [`ErrorResponse::from_row`] gives.
pub fn response_for_row(row: &ErrorRow) -> Response<String> {
    response(row, &ErrorResponse::from_row(row))
}
