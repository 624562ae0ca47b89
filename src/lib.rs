//! Typed error codes and XML error bodies of Tencent Cloud Infinite (CI).
//!
//! Everything about the codes — the [`ErrorCode`] enum, statuses,
//! descriptions, [`ROWS`], the [`ErrorResponse`] body — is generated at build
//! time from `spec/error-codes.md`, the vendor's own document. This file adds
//! only what cannot be generated.
//!
//! ```
//! use ci_errors::{Code, ErrorCode, ErrorResponse};
//!
//! let body = b"<Error><Code>AccessDenied</Code><Message>The operation is prohibited.</Message></Error>";
//! let err = ErrorResponse::from_xml(body)?;
//! assert_eq!(err.code, ErrorCode::AccessDenied);
//! assert_eq!(ErrorCode::AccessDenied.statuses(), &[401, 403]); // one code, two statuses
//! assert_eq!(err.row(403).unwrap().description, "The operation is prohibited.");
//!
//! // A code the spec does not list is kept, not lost.
//! assert_eq!(Code::from("NoSuchBucket"), Code::Unknown("NoSuchBucket".into()));
//! # Ok::<(), ci_errors::xml::XmlError>(())
//! ```
//!
//! Features: `http` (typed errors from `http::Response`s and back, in the
//! `http` module) and `serde` (codes as strings, bodies as structs).
#![warn(missing_docs)]

pub mod retry;
pub mod xml;

#[cfg(feature = "http")]
pub mod http;
#[cfg(feature = "serde")]
mod serde_impls;

include!(concat!(env!("OUT_DIR"), "/error_codes.rs"));
