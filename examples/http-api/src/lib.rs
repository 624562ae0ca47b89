//! Error codes of an example payments API, generated from `spec/v1.md`,
//! `spec/v2.md` and its SDK's `spec/sdk.md` by `ci-errors-codegen` (see `build.rs`).
//!
//! ```
//! use http_api_errors_example::{v1, v2};
//!
//! let code: v1::ApiError = "rate_limited".parse()?;
//! assert_eq!(code.statuses().collect::<Vec<_>>(), [429]);
//! assert_eq!(v2::ApiError::for_status(402).count(), 2);
//! # Ok::<(), ci_errors_runtime::ParseCodeError>(())
//! ```

include!(concat!(env!("OUT_DIR"), "/api_errors.rs"));

/// What only this API knows: v1 codes that have a v2 successor.
pub fn v2_successor(code: v1::ApiError) -> Option<v2::ApiError> {
    match code.as_str() {
        "card_declined" => Some(v2::ApiError::CardDeclined),
        "rate_limited" => Some(v2::ApiError::LimitsRate),
        _ => None,
    }
}
