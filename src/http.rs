//! `http` integration (feature `http`): a response → a typed [`ServiceError`],
//! and a spec row → a response, for servers and test doubles.
//!
//! ```
//! use ci_errors::http::ServiceError;
//! use http::Response;
//!
//! let response = Response::builder()
//!     .status(503)
//!     .body("<Error><Code>Busy</Code><Message>Try later.</Message><RequestId>r-1</RequestId></Error>")
//!     .unwrap();
//! let err = ServiceError::from_response(&response);
//! assert_eq!(err.code(), Some("Busy"));
//! assert_eq!(err.message(), Some("Try later."));
//! assert_eq!(err.request_id(), Some("r-1"));
//! assert!(err.is_retryable()); // 503, under the crate's retry policy
//! ```

use std::fmt;

use http::header::{CONTENT_TYPE, LOCATION};
use http::{HeaderMap, HeaderValue, Response, StatusCode};

use crate::retry::{self, Retry};
use crate::xml::{Limits, XmlError, XmlErrorKind};
use crate::{Code, ErrorResponse, ErrorRow, Lang};

/// How much of a body that is not an error document is kept.
pub const RAW_SNIPPET_BYTES: usize = 512;

/// What the body of a failed response turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// An XML error document, or a Tencent Cloud API 3.0 JSON error
    /// (`{"Response":{"Error":{"Code","Message"},"RequestId"}}`), read into the same type.
    Parsed(ErrorResponse),
    /// Anything else: what it is, and its first [`RAW_SNIPPET_BYTES`] bytes as text.
    Unparsed {
        /// What the body is.
        kind: BodyKind,
        /// The start of the body, lossily decoded, cut on a character boundary.
        snippet: String,
    },
}

/// What a body that is not an error document is.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum BodyKind {
    /// Empty, or only white space.
    Empty,
    /// An HTML page, typically from a proxy or load balancer.
    Html,
    /// JSON without the API 3.0 error shape.
    Json,
    /// Not text: not UTF-8, or with control characters.
    Binary,
    /// XML (or something that starts like it) that is not an error document: why.
    Xml(XmlError),
    /// Plain text.
    Text,
    /// Larger than the body limit ([`Limits::max_body_bytes`], 64 KiB by
    /// default), XML or JSON alike: not read.
    TooLarge {
        /// The limit, in bytes.
        limit: usize,
    },
}

impl fmt::Display for BodyKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BodyKind::Empty => f.write_str("an empty body"),
            BodyKind::Html => f.write_str("an HTML page"),
            BodyKind::Json => f.write_str("JSON that is not an error document"),
            BodyKind::Binary => f.write_str("a binary body"),
            BodyKind::Xml(_) => f.write_str("an unreadable XML body"),
            BodyKind::Text => f.write_str("a plain-text body"),
            BodyKind::TooLarge { limit } => write!(f, "a body over {limit} bytes, not read"),
        }
    }
}

/// A failed request, as typed as the response allows.
///
/// `Display` gives the status and the whole error document (code, message,
/// request id) once; `source()` is the XML error only when the body could
/// not be read, so walking the chain prints the message once.
///
/// ```
/// use ci_errors::http::ServiceError;
///
/// let json = r#"{"Response":{"Error":{"Code":"AuthFailure","Message":"Bad signature."},"RequestId":"r-9"}}"#;
/// let response = http::Response::builder().status(401).body(json).unwrap();
/// let err = ServiceError::from_response(&response);
/// assert_eq!(err.code(), Some("AuthFailure"));
/// assert_eq!(err.message(), Some("Bad signature."));
/// assert_eq!(err.request_id(), Some("r-9"));
/// assert!(!err.is_retryable());
/// assert_eq!(err.to_string(), "HTTP 401 Unauthorized: AuthFailure: Bad signature. (RequestId: r-9)");
/// ```
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
        ServiceError {
            status,
            location,
            body: read_body(body),
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

    /// The code as sent, if the body was an error document.
    pub fn code(&self) -> Option<&str> {
        self.response().map(|r| r.code.as_str())
    }

    /// The code, typed: known to the spec or kept as sent.
    pub fn typed_code(&self) -> Option<&Code> {
        self.response().map(|r| &r.code)
    }

    /// The body's message.
    pub fn message(&self) -> Option<&str> {
        self.response()?.message.as_deref()
    }

    /// The body's request id, to quote to the vendor's support.
    pub fn request_id(&self) -> Option<&str> {
        self.response()?.request_id.as_deref()
    }

    /// The body's trace id.
    pub fn trace_id(&self) -> Option<&str> {
        self.response()?.trace_id.as_deref()
    }

    /// The spec's description of this code with this status (see [`ServiceError::row`]), in the primary language.
    pub fn description(&self) -> Option<&'static str> {
        self.row().map(|row| row.description)
    }

    /// [`ServiceError::description`] in the edition `lang`, as the generated
    /// enum's `description_in` takes it.
    pub fn description_in(&self, lang: Lang) -> Option<&'static str> {
        self.row()?.description_in(lang)
    }

    /// [`ServiceError::remedy`] in the edition `lang`.
    pub fn remedy_in(&self, lang: Lang) -> Option<&'static str> {
        self.row()?.remedy_in(lang)
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

    /// The spec's row for this (code, status) pair, when the spec has one;
    /// for a code the spec lists without a status (sent, as API 3.0 errors
    /// are, with any status), its first such row.
    pub fn row(&self) -> Option<ErrorRow> {
        let code = self.response()?.code.known()?;
        code.row(self.status.as_u16())
            .or_else(|| code.rows().find(|row| row.status.is_none()))
    }

    /// What the spec says to do about this error, in the primary language, when it says.
    pub fn remedy(&self) -> Option<&'static str> {
        self.row()?.remedy()
    }

    /// The `Location` header of a 3xx response.
    pub fn location(&self) -> Option<&str> {
        self.location.as_deref()
    }

    /// What to do next, under the crate's [policy](crate::retry).
    pub fn retry(&self) -> Retry {
        retry::advice(self.status.as_u16(), self.code())
    }

    /// Whether the same request may be sent again, after a back-off.
    pub fn is_retryable(&self) -> bool {
        self.retry().is_retryable()
    }
}

impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {}: ", self.status)?;
        match &self.body {
            Body::Parsed(r) => write!(f, "{r}"),
            Body::Unparsed { kind, .. } => write!(f, "{kind}, not an error document"),
        }
    }
}

impl std::error::Error for ServiceError {
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

/// Reads a body: an XML or JSON error document, or what else it is.
fn read_body(body: &[u8]) -> Body {
    let unparsed = |kind| Body::Unparsed {
        kind,
        snippet: snippet(body),
    };
    let limits = Limits::default();
    if body.len() > limits.max_body_bytes {
        return unparsed(BodyKind::TooLarge {
            limit: limits.max_body_bytes,
        });
    }
    let Ok(text) = std::str::from_utf8(body) else {
        return unparsed(BodyKind::Binary);
    };
    let trimmed = text.trim_start_matches('\u{feff}').trim();
    if trimmed.is_empty() {
        return unparsed(BodyKind::Empty);
    }
    if trimmed
        .chars()
        .any(|c| c.is_control() && !c.is_whitespace())
    {
        return unparsed(BodyKind::Binary);
    }
    if trimmed.starts_with(['{', '[']) {
        return match json_error(trimmed) {
            Ok(Some(parsed)) => Body::Parsed(parsed),
            Ok(None) => unparsed(BodyKind::Json),
            Err(_) => unparsed(BodyKind::Text),
        };
    }
    match ErrorResponse::from_xml_with(body, &limits) {
        Ok(parsed) => Body::Parsed(parsed),
        Err(error) if *error.kind() == XmlErrorKind::Html => unparsed(BodyKind::Html),
        Err(_) if !trimmed.starts_with('<') => unparsed(BodyKind::Text),
        Err(error) => unparsed(BodyKind::Xml(error)),
    }
}

/// Tencent Cloud API 3.0's error shape, `{"Response":{"Error":{"Code","Message"},"RequestId"}}`
/// (or the same without the `Response` wrapper): `Ok(None)` for JSON of
/// another shape, `Err` for text that is not JSON. Read into structs rather
/// than a tree: other members are skipped unread (a number out of range
/// there loses nothing), and a member given twice (`Code`) is refused, as a
/// repeated XML element is.
fn json_error(text: &str) -> Result<Option<ErrorResponse>, serde_json::Error> {
    #[derive(serde::Deserialize)]
    struct Wrapped {
        #[serde(rename = "Response")]
        response: Envelope,
    }
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "PascalCase")]
    struct Envelope {
        error: Option<JsonError>,
        request_id: Option<String>,
        trace_id: Option<String>,
    }
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "PascalCase")]
    struct JsonError {
        code: JsonCode,
        message: Option<String>,
        request_id: Option<String>,
        trace_id: Option<String>,
    }
    /// A code as a string, or as the number some services send.
    #[derive(serde::Deserialize)]
    #[serde(untagged)]
    enum JsonCode {
        Text(String),
        Number(i64),
    }
    // JSON at all? Then the wrapped shape, else the bare one.
    serde_json::from_str::<serde::de::IgnoredAny>(text)?;
    let envelope = serde_json::from_str::<Wrapped>(text)
        .map(|w| w.response)
        .or_else(|_| serde_json::from_str::<Envelope>(text));
    let Ok(Envelope {
        error: Some(error),
        request_id,
        trace_id,
    }) = envelope
    else {
        return Ok(None);
    };
    let code = match error.code {
        JsonCode::Text(code) => code,
        JsonCode::Number(n) => n.to_string(),
    };
    let mut parsed = ErrorResponse::new(code.as_str());
    parsed.message = error.message;
    parsed.request_id = request_id.or(error.request_id);
    parsed.trace_id = trace_id.or(error.trace_id);
    Ok(Some(parsed))
}

fn snippet(body: &[u8]) -> String {
    let mut end = body.len().min(RAW_SNIPPET_BYTES);
    // Do not cut a UTF-8 sequence in half.
    while end < body.len() && end > 0 && (body[end] & 0xC0) == 0x80 {
        end -= 1;
    }
    String::from_utf8_lossy(&body[..end]).into_owned()
}

/// The response a server sends with `body` for `row`: the row's status (200
/// for a row without one, as API 3.0 services send errors),
/// `Content-Type: application/xml`, the body as XML.
pub fn response(row: &ErrorRow, body: &ErrorResponse) -> Response<String> {
    let mut response = Response::new(body.to_xml());
    *response.status_mut() = row.status_code().unwrap_or(StatusCode::OK);
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/xml"));
    response
}

/// [`response`] with the body [`ErrorResponse::from_row`] gives.
pub fn response_for_row(row: &ErrorRow) -> Response<String> {
    response(row, &ErrorResponse::from_row(row))
}
