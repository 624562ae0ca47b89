//! Retry advice: this crate's policy, not the spec's (the spec says nothing on retries).
//!
//! - throttling (status 429, or code `SlowDown` whatever its status) and
//!   transient server errors (500, 502, 503, 504): retry, with back-off;
//! - redirects (3xx): send again to where the `Location` header points;
//! - everything else: the request must change first.
//!
//! ```
//! use ci_errors_runtime::retry::{advice, Retry};
//! assert_eq!(advice(503, None), Retry::Retry);
//! assert_eq!(advice(400, Some("SlowDown")), Retry::Retry);
//! assert_eq!(advice(403, Some("AccessDenied")), Retry::DoNotRetry);
//! ```

use crate::code::CodeEnum;
use crate::row::Row;

/// What a client should do after a failed request.
///
/// ```
/// use ci_errors_runtime::retry::{advice, Retry};
/// let next = advice(429, None);
/// assert_eq!(next, Retry::Retry);
/// assert!(next.is_retryable());
/// assert_eq!(advice(301, None), Retry::Redirect);
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

/// The code this policy treats as throttling at any status.
const THROTTLING_CODE: &str = "SlowDown";

/// Advice for a response with `status` and, when the body parsed, `code`.
pub fn advice(status: u16, code: Option<&str>) -> Retry {
    let throttled = status == 429 || code == Some(THROTTLING_CODE);
    let transient = matches!(status, 500 | 502 | 503 | 504);
    if throttled || transient {
        Retry::Retry
    } else if (300..400).contains(&status) {
        Retry::Redirect
    } else {
        Retry::DoNotRetry
    }
}

/// Advice for a code the spec gives no status, by the code alone: the
/// throttling code is retried, anything else is not.
pub fn code_advice(code: &str) -> Retry {
    if code == THROTTLING_CODE {
        Retry::Retry
    } else {
        Retry::DoNotRetry
    }
}

impl<C: CodeEnum> Row<C> {
    /// Retry advice for this row under this module's policy.
    pub fn retry(&self) -> Retry {
        match self.status {
            Some(status) => advice(status, Some(self.code.as_str())),
            None => code_advice(self.code.as_str()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn throttling_and_transient_server_errors_are_retryable() {
        assert_eq!(advice(429, None), Retry::Retry);
        assert_eq!(advice(400, Some("SlowDown")), Retry::Retry);
        for status in [500, 502, 503, 504] {
            assert_eq!(advice(status, None), Retry::Retry, "{status}");
            assert!(advice(status, None).is_retryable());
        }
        assert_eq!(advice(501, None), Retry::DoNotRetry);
        assert_eq!(advice(403, Some("AccessDenied")), Retry::DoNotRetry);
        assert_eq!(advice(301, None), Retry::Redirect);
        assert_eq!(advice(307, Some("TemporaryRedirect")), Retry::Redirect);
    }
}
