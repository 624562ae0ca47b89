//! Error bodies read from bytes (feature `body`): an XML error document,
//! or Tencent Cloud API 3.0's JSON error, into the generated body type; or
//! what else the bytes are. No `http` crate needed: [`Body::read`] takes the
//! bytes of any client's response.
//!
//! ```
//! # use ci_errors_runtime::{CodeEnum, Edition, Rows, RowData, Code};
//! # #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
//! # enum Demo { Busy }
//! # #[derive(Clone, Copy)] enum Lang { En }
//! # impl Edition for Lang { fn index(self) -> usize { 0 } fn tag(self) -> &'static str { "en" } }
//! # static ROWS: [RowData<2>; 1] = [RowData { status: None, reason: "", section: None, texts: ["Busy.", "Busy."] }];
//! # impl CodeEnum for Demo {
//! #     type Lang = Lang;
//! #     const ALL: &'static [Self] = &[Demo::Busy];
//! #     fn from_code(code: &str) -> Option<Self> { (code == "Busy").then_some(Demo::Busy) }
//! #     fn as_str(&self) -> &'static str { "Busy" }
//! #     fn rows(&self) -> Rows<Self> { Rows::new(*self, 0..1, |c, i| Some(ROWS.get(i)?.view(c, &["en"]))) }
//! #     fn retry_class(&self) -> Option<ci_errors_runtime::retry::RetryClass> { Some(ci_errors_runtime::retry::RetryClass::Throttling) }
//! # }
//! use ci_errors_runtime::body::{Body, BodyKind, ErrorDocument};
//! use ci_errors_runtime::retry::Retry;
//!
//! let json = br#"{"Response":{"Error":{"Code":"Busy","Message":"Later."},"RequestId":"r-1"}}"#;
//! let body = Body::<ErrorDocument<Demo>>::read(json);
//! assert_eq!(body.code(), Some(&Code::Known(Demo::Busy)));
//! assert_eq!(body.retry(), Retry::Retry);
//! let xml = b"<Error><Code>Busy</Code><Message>Later.</Message></Error>";
//! assert_eq!(Body::<ErrorDocument<Demo>>::read(xml).code(), Some(&Code::Known(Demo::Busy)));
//! assert!(matches!(Body::<ErrorDocument<Demo>>::read(b"<html></html>"), Body::Unparsed { kind: BodyKind::Html, .. }));
//! ```

use std::fmt;

use crate::code::{Code, CodeEnum};
use crate::retry::{self, Retry};
use crate::xml::{ExtraElement, Extras, Limits, XmlError, XmlErrorKind, XmlWriter};

/// How much of a body that is not an error document is kept.
pub const RAW_SNIPPET_BYTES: usize = 512;

/// What a generated error body provides to [`Body::read`] and to the `http`
/// feature's `ServiceError`; implemented
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
/// body (and, with the `http` feature, a typed `ServiceError`): the
/// generated `ResponseBody` and `ServiceError` aliases use it when there is
/// no generated body.
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
/// use ci_errors_runtime::body::{Body, ErrorBody, ErrorDocument};
///
/// let json = br#"{"Response":{"Error":{"Code":"Busy","Message":"Later."},"RequestId":"r-1"}}"#;
/// let Body::Parsed(doc) = Body::<ErrorDocument<Demo>>::read(json) else { panic!() };
/// assert_eq!(doc.code, Code::Known(Demo::Busy));
/// assert_eq!(doc.request_id(), Some("r-1"));
/// assert_eq!(doc.to_string(), "Busy: Later. (RequestId: r-1)");
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

impl<B: ErrorBody> Body<B> {
    /// Reads a body: an XML or JSON error document, or what else it is.
    /// Bounded: a body over the default limit is not read.
    pub fn read(bytes: &[u8]) -> Self {
        read_body(bytes)
    }

    /// The code, when the body is an error document.
    pub fn code(&self) -> Option<&Code<B::Code>> {
        match self {
            Body::Parsed(body) => Some(body.code()),
            Body::Unparsed { .. } => None,
        }
    }

    /// Retry advice from the code alone (its retry class), for a body read
    /// without its status; `ServiceError::retry` weighs the status too.
    pub fn retry(&self) -> Retry {
        let class = self
            .code()
            .and_then(Code::known)
            .and_then(|code| code.retry_class());
        retry::advice(None, class)
    }
}

/// Reads a body: an XML or JSON error document, or what else it is.
pub(crate) fn read_body<B: ErrorBody>(body: &[u8]) -> Body<B> {
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

#[cfg(test)]
mod tests {
    use super::{snippet, RAW_SNIPPET_BYTES};

    #[test]
    fn a_snippet_ends_on_a_character_boundary() {
        // Byte 512 falls inside an `é`: the snippet stops before it.
        let body = format!("a{}", "é".repeat(400));
        let cut = snippet(body.as_bytes());
        assert_eq!(cut.len(), RAW_SNIPPET_BYTES - 1);
        assert!(!cut.contains('\u{FFFD}'));
        assert_eq!(snippet(b"short"), "short");
        // Not UTF-8 at all (a binary body): cut back to the start, never past it.
        assert_eq!(snippet(&[0x80; 600]), "");
        assert_eq!(snippet(b""), "");
    }
}
