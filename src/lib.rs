//! Typed error codes and XML error bodies of Tencent Cloud Infinite (CI).
//!
//! Everything about the codes — the [`ErrorCode`] enum, statuses,
//! descriptions, [`ROWS`], the [`ErrorResponse`] body — is generated at build
//! time from `spec/error-codes.md`, the vendor's own document. This file adds
//! only what cannot be generated.
#![warn(missing_docs)]

pub mod retry;
pub mod xml;

#[cfg(feature = "http")]
pub mod http;
#[cfg(feature = "serde")]
mod serde_impls;

include!(concat!(env!("OUT_DIR"), "/error_codes.rs"));
