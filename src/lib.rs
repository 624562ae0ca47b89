//! Typed error codes and XML error bodies of Tencent Cloud Infinite (CI).
//!
//! Everything about the codes — the [`ErrorCode`] enum, statuses,
//! descriptions in English and Chinese, [`ErrorCode::all_rows`], the [`ErrorResponse`]
//! body — is generated from `spec/error-codes.md`, the vendor's own document,
//! and its Chinese edition. The spec-independent types come from
//! `ci-errors-runtime` and are re-exported here.
//!
//! ```
//! use ci_errors::{Code, ErrorCode, ErrorResponse};
//!
//! let code = ErrorCode::ALL[0]; // whichever the spec lists first
//! let body = format!("<Error><Code>{code}</Code><Message>Refused.</Message></Error>");
//! let err = ErrorResponse::from_xml(body.as_bytes())?;
//! assert_eq!(err.code, code);
//! for status in code.statuses() {
//!     assert_eq!(err.row(status).unwrap().description, code.description(status).unwrap());
//! }
//!
//! // A code the spec does not list is kept, not lost.
//! let mut unlisted = String::from("NotInTheSpec");
//! while ErrorCode::from_code(&unlisted).is_some() {
//!     unlisted.push('X');
//! }
//! assert_eq!(Code::from(unlisted.as_str()), Code::Unknown(unlisted.clone()));
//! # Ok::<(), ci_errors::xml::XmlError>(())
//! ```
//!
//! Features: `http` (typed errors from `http::Response`s and back, in the
//! `http` module) and `serde` (codes as strings, bodies as structs).
#![warn(missing_docs)]
// The generated code's `unsafe` carries its `// SAFETY:` comment.
#![warn(clippy::undocumented_unsafe_blocks)]
#![cfg_attr(docsrs, feature(doc_cfg))]

pub use ci_errors_runtime::xml;

/// Retry advice: the runtime's policy by status (429 and 500, 502, 503, 504
/// retry; 3xx redirect), and each code's retry class from this crate's
/// settings (`retry = { throttling = ["SlowDown"] }` in `Cargo.toml`).
///
/// ```
/// use ci_errors::retry::{advice, Retry, RetryClass};
/// use ci_errors::ErrorCode;
///
/// assert_eq!(advice(Some(503), None), Retry::Retry);
/// for code in ErrorCode::ALL {
///     if code.retry_class().is_some() {
///         assert_eq!(code.retry(), Retry::Retry);
///     }
/// }
/// # let _ = RetryClass::Throttling;
/// ```
pub mod retry {
    pub use ci_errors_runtime::retry::{advice, Retry, RetryClass};
}

#[cfg(feature = "http")]
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
pub mod http;

/// One row of the spec's error tables: a code with one status, or with none.
///
/// ```
/// use ci_errors::{ErrorCode, ErrorRow, Lang};
///
/// let row: ErrorRow = ErrorCode::all_rows().next().unwrap();
/// if let Some(status) = row.status {
///     assert_eq!(row.code.row(status), Some(row));
/// }
/// // The primary edition's text; none where that edition lacks the row.
/// assert_eq!(row.description_in(Lang::En).unwrap_or(""), row.description);
/// assert_eq!(row.class(), row.status.map(ci_errors::StatusClass::of));
/// println!("{} {:?}: {}", row.code, row.status, row.description);
/// ```
pub type ErrorRow = ci_errors_runtime::Row<ErrorCode>;

#[cfg(feature = "regenerate")]
include!(concat!(env!("OUT_DIR"), "/error_codes.rs"));
#[cfg(not(feature = "regenerate"))]
include!("../generated/error_codes.rs");
