//! Retry advice: the runtime's policy by status, and each code's retry
//! class from the generator's settings (`retry = { throttling = […],
//! transient = […] }`), in the manner of smithy's throttling and transient
//! errors. The runtime names no vendor's code.
//!
//! - a code with a retry class, throttling or transient, whatever its status,
//!   and statuses 429 (throttling) and 500, 502, 503, 504 (transient): retry,
//!   with back-off;
//! - redirects (3xx): send again to where the `Location` header points;
//! - everything else: the request must change first.
//!
//! ```
//! use ci_errors_runtime::retry::{advice, Retry, RetryClass};
//! assert_eq!(advice(Some(503), None), Retry::Retry);
//! assert_eq!(advice(Some(400), Some(RetryClass::Throttling)), Retry::Retry);
//! assert_eq!(advice(Some(403), None), Retry::DoNotRetry);
//! assert_eq!(advice(None, Some(RetryClass::Transient)), Retry::Retry);
//! ```

/// What a client should do after a failed request.
///
/// ```
/// use ci_errors_runtime::retry::{advice, Retry};
/// let next = advice(Some(429), None);
/// assert_eq!(next, Retry::Retry);
/// assert!(next.is_retryable());
/// assert_eq!(advice(Some(301), None), Retry::Redirect);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Retry {
    /// Send the same request again, after a back-off.
    Retry,
    /// Send it again to another location (the `Location` header, when given).
    Redirect,
    /// Do not send it again unchanged.
    DoNotRetry,
}

impl Retry {
    /// Whether the same request may be sent again as it is.
    pub const fn is_retryable(self) -> bool {
        matches!(self, Retry::Retry)
    }
}

/// Why a code may be retried, as the settings class it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RetryClass {
    /// The service asks the client to slow down: retry with a longer back-off.
    Throttling,
    /// A passing fault on the service's side: retry with back-off.
    Transient,
}

/// Advice for a response with `status` (none for a code the spec lists
/// without one) and, when known, its code's retry class.
pub const fn advice(status: Option<u16>, class: Option<RetryClass>) -> Retry {
    if class.is_some() {
        return Retry::Retry;
    }
    match status {
        Some(429 | 500 | 502 | 503 | 504) => Retry::Retry,
        Some(300..=399) => Retry::Redirect,
        _ => Retry::DoNotRetry,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn throttling_and_transient_are_retryable_by_status_or_class() {
        assert_eq!(advice(Some(429), None), Retry::Retry);
        for status in [500, 502, 503, 504] {
            assert_eq!(advice(Some(status), None), Retry::Retry, "{status}");
        }
        for class in [RetryClass::Throttling, RetryClass::Transient] {
            assert_eq!(advice(Some(400), Some(class)), Retry::Retry);
            assert_eq!(advice(None, Some(class)), Retry::Retry);
        }
        assert_eq!(advice(Some(501), None), Retry::DoNotRetry);
        assert_eq!(advice(Some(403), None), Retry::DoNotRetry);
        assert_eq!(advice(None, None), Retry::DoNotRetry);
        assert_eq!(advice(Some(301), None), Retry::Redirect);
        assert_eq!(advice(Some(307), None), Retry::Redirect);
    }
}
