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
//! assert!(err.is_retryable()); // 503, under the runtime's retry policy
//! ```
//!
//! The types are the runtime's (`ci_errors_runtime::http`), for this
//! crate's [`ErrorResponse`]: any generated crate gets the same with its
//! settings' `http-feature`. Request and trace ids come from the body, or
//! from the headers the settings name (`x-ci-request-id`,
//! `x-cos-request-id`; `x-ci-trace-id`, `x-cos-trace-id`).

use http::Response;

use crate::{ErrorResponse, ErrorRow};

pub use ci_errors_runtime::http::{BodyKind, ErrorBody, RAW_SNIPPET_BYTES};

/// A failed request, as typed as the response allows (the generated alias,
/// [`crate::ServiceError`]).
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
pub use crate::ServiceError;

/// What the body of a failed response turned out to be.
pub type Body = ci_errors_runtime::http::Body<ErrorResponse>;

/// The response a server sends with `body` for `row`: the row's status (200
/// for a row without one, as API 3.0 services send errors),
/// `Content-Type: application/xml`, the body as XML.
pub fn response(row: &ErrorRow, body: &ErrorResponse) -> Response<String> {
    ci_errors_runtime::http::response(row, body)
}

/// [`response`] with the body [`ErrorResponse::from_row`] gives.
pub fn response_for_row(row: &ErrorRow) -> Response<String> {
    ci_errors_runtime::http::response_for_row::<ErrorResponse>(row)
}
