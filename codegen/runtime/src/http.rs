//! `http` integration (feature `http`): a response → a typed [`ServiceError`],
//! and a spec row → a response, for servers and test doubles. Generic over
//! the generated body type, which implements [`ErrorBody`] under the
//! generated crate's `http` feature (setting `http-feature`).
//!
//! The request and trace ids come from the body, or, when it lacks them,
//! from the response headers the settings name (`request-id-headers`,
//! `trace-id-headers`).

use std::fmt;

use http::header::{CONTENT_TYPE, LOCATION};
use http::{HeaderMap, HeaderValue, Response, StatusCode};

use crate::code::{Code, CodeEnum};
use crate::retry::{self, Retry};
use crate::row::{Edition, Row};
use crate::xml::{ExtraElement, Extras, Limits, XmlError, XmlErrorKind, XmlWriter};

/// How much of a body that is not an error document is kept.
pub const RAW_SNIPPET_BYTES: usize = 512;

/// What a generated error body provides to [`ServiceError`]; implemented
/// by generated code.
pub trait ErrorBody: Sized + Clone + PartialEq + fmt::Debug + fmt::Display {
    /// The generated code enum.
    type Code: CodeEnum;
    /// Response headers that carry the request id, first found wins.
    const REQUEST_ID_HEADERS: &'static [&'static str];
    /// Response headers that carry the trace id, first found wins.
    const TRACE_ID_HEADERS: &'static [&'static str];
    /// Parses an XML body within `limits`.
    fn from_xml_with(body: &[u8], limits: &Limits) -> Result<Self, XmlError>;
    /// Writes the body as XML.
    fn to_xml(&self) -> String;
    /// A body from the fields every error document has (a JSON error is
    /// read into these); fields the body does not have are dropped.
    fn from_fields(
        code: Code<Self::Code>,
        message: Option<String>,
        request_id: Option<String>,
        trace_id: Option<String>,
    ) -> Self;
    /// The code.
    fn code(&self) -> &Code<Self::Code>;
    /// The message, if the body has one.
    fn message(&self) -> Option<&str>;
    /// The request id, if the body has one.
    fn request_id(&self) -> Option<&str>;
    /// The trace id, if the body has one.
    fn trace_id(&self) -> Option<&str>;
}

/// The error document for a generated crate whose spec describes no body
/// of its own (API 3.0 pages, SDK tables, `xml-body = false`): `<Error>`
/// with `Code`, `Message`, `RequestId` and `TraceId`, other elements kept;
/// or the API 3.0 JSON error. With it, every generated enum gets a typed
/// [`ServiceError`]: the generated `ServiceError` alias uses it when there
/// is no generated body.
///
/// ```
/// # use ci_errors_runtime::{CodeEnum, Edition, Rows, RowData, Code};
/// # #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
/// # enum Demo { Busy }
/// # #[derive(Clone, Copy)] enum Lang { En }
/// # impl Edition for Lang { fn index(self) -> usize { 0 } fn tag(self) -> &'static str { "en" } }
/// # static ROWS: [RowData<2>; 1] = [RowData { status: None, reason: "", section: None, texts: ["Busy.", "Busy."] }];
/// # impl CodeEnum for Demo {
/// #     type Lang = Lang;
/// #     const ALL: &'static [Self] = &[Demo::Busy];
/// #     fn from_code(code: &str) -> Option<Self> { (code == "Busy").then_some(Demo::Busy) }
/// #     fn as_str(&self) -> &'static str { "Busy" }
/// #     fn rows(&self) -> Rows<Self> { Rows::new(*self, 0..1, |c, i| Some(ROWS.get(i)?.view(c, &["en"]))) }
/// #     fn retry_class(&self) -> Option<ci_errors_runtime::retry::RetryClass> { None }
/// # }
/// use ci_errors_runtime::http::{ErrorDocument, ServiceError};
///
/// let json = r#"{"Response":{"Error":{"Code":"Busy","Message":"Later."},"RequestId":"r-1"}}"#;
/// let response = http::Response::builder().status(200).body(json).unwrap();
/// let err = ServiceError::<ErrorDocument<Demo>>::from_response(&response);
/// assert_eq!(err.typed_code(), Some(&Code::Known(Demo::Busy)));
/// assert_eq!(err.spec_description(), Some("Busy."));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorDocument<C> {
    /// `<Code>`.
    pub code: Code<C>,
    /// `<Message>`.
    pub message: Option<String>,
    /// `<RequestId>`.
    pub request_id: Option<String>,
    /// `<TraceId>`.
    pub trace_id: Option<String>,
    /// Other elements, in document order, kept so that nothing is lost.
    pub extra: Vec<ExtraElement>,
}

impl<C: CodeEnum> ErrorBody for ErrorDocument<C> {
    type Code = C;
    const REQUEST_ID_HEADERS: &'static [&'static str] = C::REQUEST_ID_HEADERS;
    const TRACE_ID_HEADERS: &'static [&'static str] = C::TRACE_ID_HEADERS;

    fn from_xml_with(body: &[u8], limits: &Limits) -> Result<Self, XmlError> {
        let (mut code, mut message, mut request_id, mut trace_id) = (None, None, None, None);
        let mut extra = Extras::new();
        let end =
            crate::xml::read_document(body, "Error", limits, |child| match child.local_name() {
                "Code" => child.store_with(&mut code, |text| Code::from(&*text)),
                "Message" => child.store(&mut message),
                "RequestId" => child.store(&mut request_id),
                "TraceId" => child.store(&mut trace_id),
                _ => child.keep_in(&mut extra),
            })?;
        Ok(ErrorDocument {
            code: code.ok_or_else(|| XmlError::missing("Code", end))?,
            message,
            request_id,
            trace_id,
            extra: extra.into_vec(),
        })
    }

    fn to_xml(&self) -> String {
        let mut out = XmlWriter::new("Error");
        out.element("Code", self.code.as_str());
        let optional = [
            ("Message", &self.message),
            ("RequestId", &self.request_id),
            ("TraceId", &self.trace_id),
        ];
        for (name, value) in optional {
            if let Some(value) = value {
                out.element(name, value);
            }
        }
        out.extra(&self.extra);
        out.finish()
    }

    fn from_fields(
        code: Code<C>,
        message: Option<String>,
        request_id: Option<String>,
        trace_id: Option<String>,
    ) -> Self {
        ErrorDocument {
            code,
            message,
            request_id,
            trace_id,
            extra: Vec::new(),
        }
    }

    fn code(&self) -> &Code<C> {
        &self.code
    }

    fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    fn trace_id(&self) -> Option<&str> {
        self.trace_id.as_deref()
    }
}

impl<C: CodeEnum> fmt::Display for ErrorDocument<C> {
    /// `Code: message (RequestId: …, TraceId: …)`, leaving out what is absent.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code.as_str())?;
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        let ids = [("RequestId", &self.request_id), ("TraceId", &self.trace_id)];
        let mut open = false;
        for (name, value) in ids {
            if let Some(value) = value {
                f.write_str(if open { ", " } else { " (" })?;
                write!(f, "{name}: {value}")?;
                open = true;
            }
        }
        if open {
            f.write_str(")")?;
        }
        Ok(())
    }
}

/// What the body of a failed response turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body<B> {
    /// An XML error document, or a Tencent Cloud API 3.0 JSON error
    /// (`{"Response":{"Error":{"Code","Message"},"RequestId"}}`), read into the same type.
    Parsed(B),
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

/// Reads a body: an XML or JSON error document, or what else it is.
fn read_body<B: ErrorBody>(body: &[u8]) -> Body<B> {
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
    // C0 controls other than white space, which neither XML nor JSON text
    // may hold; DEL and the C1 controls are text to both.
    if trimmed.chars().any(|c| c < ' ' && !c.is_whitespace()) {
        return unparsed(BodyKind::Binary);
    }
    if trimmed.starts_with(['{', '[']) {
        return match json_error(trimmed) {
            Ok(Some(parsed)) => Body::Parsed(parsed),
            Ok(None) => unparsed(BodyKind::Json),
            Err(_) => unparsed(BodyKind::Text),
        };
    }
    match B::from_xml_with(body, &limits) {
        Ok(parsed) => Body::Parsed(parsed),
        Err(error) if *error.kind() == XmlErrorKind::Html => unparsed(BodyKind::Html),
        Err(_) if !trimmed.starts_with('<') => unparsed(BodyKind::Text),
        Err(error) => unparsed(BodyKind::Xml(error)),
    }
}

/// `value` unless it is empty: an empty id is no id.
fn present(value: Option<&str>) -> Option<&str> {
    value.filter(|v| !v.is_empty())
}

/// Tencent Cloud API 3.0's error shape, `{"Response":{"Error":{"Code","Message"},"RequestId"}}`
/// (or the same without the `Response` wrapper, read only when there is no
/// `Response`): `Ok(None)` for JSON of another shape, `Err` for text that
/// is not JSON. Read into structs rather than a tree: other members are
/// skipped unread (a number out of range there loses nothing), a member
/// given twice (`Code`) is refused, as a repeated XML element is, and an id
/// or message of another type than text is a number kept as text, or else
/// left out; it does not cost the document.
fn json_error<B: ErrorBody>(text: &str) -> Result<Option<B>, serde_json::Error> {
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "PascalCase")]
    struct Top {
        response: Option<Envelope>,
        #[serde(flatten)]
        bare: Envelope,
    }
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "PascalCase")]
    struct Envelope {
        error: Option<JsonError>,
        #[serde(default)]
        request_id: Scalar,
        #[serde(default)]
        trace_id: Scalar,
    }
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "PascalCase")]
    struct JsonError {
        code: Scalar,
        #[serde(default)]
        message: Scalar,
        #[serde(default)]
        request_id: Scalar,
        #[serde(default)]
        trace_id: Scalar,
    }
    // JSON at all? Then its shape.
    serde_json::from_str::<serde::de::IgnoredAny>(text)?;
    let Ok(top) = serde_json::from_str::<Top>(text) else {
        return Ok(None);
    };
    let Envelope {
        error: Some(error),
        request_id,
        trace_id,
    } = top.response.unwrap_or(top.bare)
    else {
        return Ok(None);
    };
    let Some(code) = error.code.0 else {
        return Ok(None);
    };
    // The envelope's id first, else the error's; an empty one is none.
    let id = |outer: Scalar, inner: Scalar| outer.present().or(inner.present());
    Ok(Some(B::from_fields(
        Code::from(code),
        error.message.0,
        id(request_id, error.request_id),
        id(trace_id, error.trace_id),
    )))
}

/// A JSON member read as text: a string as it is, a number as written
/// (some services send numeric codes and ids), anything else as absent.
#[derive(Default)]
struct Scalar(Option<String>);

impl Scalar {
    /// The text, unless it is empty: an empty id is no id.
    fn present(self) -> Option<String> {
        self.0.filter(|v| !v.is_empty())
    }
}

impl<'de> serde::Deserialize<'de> for Scalar {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(serde::Deserialize)]
        #[serde(untagged)]
        enum Any {
            Text(String),
            Integer(i64),
            Unsigned(u64),
            Other(serde::de::IgnoredAny),
        }
        Ok(Scalar(match Any::deserialize(deserializer)? {
            Any::Text(text) => Some(text),
            Any::Integer(n) => Some(n.to_string()),
            Any::Unsigned(n) => Some(n.to_string()),
            Any::Other(_) => None,
        }))
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
