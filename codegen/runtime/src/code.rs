//! Codes: the trait a generated enum implements, the known-or-unknown
//! wrapper, and the error for a string that is not a listed code.

use std::fmt;
use std::hash::Hash;

use crate::retry::{advice, Retry, RetryClass};
use crate::row::{Edition, Row, Rows};

/// What a generated error-code enum provides; everything generic in this
/// crate works through it.
///
/// Implemented by generated code. The enum's own inherent methods of the same
/// names are the ones to call; this trait is for code generic over specs.
pub trait CodeEnum: Copy + Eq + Ord + Hash + fmt::Debug + 'static {
    /// The spec's editions (the generated `Lang`).
    type Lang: Edition;
    /// Every code, in order of first appearance in the spec.
    const ALL: &'static [Self];
    /// The code for exactly `code` (case-sensitive), if the spec lists it.
    fn from_code(code: &str) -> Option<Self>;
    /// The code as the spec writes it.
    fn as_str(&self) -> &'static str;
    /// The spec's rows for this code, one per status, in spec order.
    fn rows(&self) -> Rows<Self>;
    /// The code's retry class, when the settings give it one.
    fn retry_class(&self) -> Option<RetryClass>;
    /// Response headers that carry the request id (the settings'
    /// `request-id-headers`), for the runtime's `http::ServiceError`.
    const REQUEST_ID_HEADERS: &'static [&'static str] = &[];
    /// Response headers that carry the trace id (`trace-id-headers`).
    const TRACE_ID_HEADERS: &'static [&'static str] = &[];
}

/// Any code a server may send: one the spec lists, or one it does not,
/// kept as sent so that nothing is lost.
///
/// Build it with `From` (or `parse`), which picks [`Code::Known`] whenever the
/// spec lists the string; a hand-built `Code::Unknown` of a listed code
/// compares unequal to the known one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code<C> {
    /// A code the spec lists.
    Known(C),
    /// A code the spec does not list, exactly as sent.
    Unknown(String),
}

impl<C: CodeEnum> Code<C> {
    /// The code as sent.
    pub fn as_str(&self) -> &str {
        match self {
            Code::Known(code) => code.as_str(),
            Code::Unknown(code) => code,
        }
    }

    /// The category of a dotted code (its first segment), known or not:
    /// `InvalidParameter.Unlisted` still says `InvalidParameter`.
    pub fn category(&self) -> Option<&str> {
        category_of(self.as_str())
    }

    /// The spec's code, if the spec lists it.
    pub fn known(&self) -> Option<C> {
        match self {
            Code::Known(code) => Some(*code),
            Code::Unknown(_) => None,
        }
    }
}

impl<C: CodeEnum> From<&str> for Code<C> {
    fn from(code: &str) -> Self {
        C::from_code(code).map_or_else(|| Code::Unknown(code.into()), Code::Known)
    }
}

impl<C: CodeEnum> From<String> for Code<C> {
    fn from(code: String) -> Self {
        C::from_code(&code).map_or(Code::Unknown(code), Code::Known)
    }
}

impl<C: CodeEnum> From<C> for Code<C> {
    fn from(code: C) -> Self {
        Code::Known(code)
    }
}

impl<C: CodeEnum> PartialEq<C> for Code<C> {
    fn eq(&self, other: &C) -> bool {
        self.known() == Some(*other)
    }
}

impl<C: CodeEnum> std::str::FromStr for Code<C> {
    type Err = std::convert::Infallible;

    fn from_str(code: &str) -> Result<Self, Self::Err> {
        Ok(Code::from(code))
    }
}

impl<C: CodeEnum> fmt::Display for Code<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// How many bytes of a rejected string are kept without allocating.
const INLINE: usize = 46;

/// A string that is not one of the spec's codes; keeps the string.
///
/// Short strings are kept inline, so a failed parse of a typical code does
/// not allocate.
///
/// ```
/// let err = ci_errors_runtime::ParseCodeError::new("NoSuchCode");
/// assert_eq!(err.rejected(), "NoSuchCode");
/// assert_eq!(err.to_string(), "unknown error code `NoSuchCode`");
/// ```
#[derive(Clone)]
pub struct ParseCodeError {
    rejected: Rejected,
}

#[derive(Clone)]
enum Rejected {
    Inline { len: u8, bytes: [u8; INLINE] },
    Heap(Box<str>),
}

impl ParseCodeError {
    /// The error for `code`.
    #[inline]
    pub fn new(code: &str) -> Self {
        let rejected = match u8::try_from(code.len()) {
            Ok(len) if code.len() <= INLINE => {
                let mut bytes = [0u8; INLINE];
                bytes[..code.len()].copy_from_slice(code.as_bytes());
                Rejected::Inline { len, bytes }
            }
            _ => Rejected::Heap(code.into()),
        };
        ParseCodeError { rejected }
    }

    /// The string that was rejected.
    pub fn rejected(&self) -> &str {
        match &self.rejected {
            // Always a whole `&str` copied in, so always UTF-8.
            Rejected::Inline { len, bytes } => {
                std::str::from_utf8(&bytes[..usize::from(*len)]).unwrap_or_default()
            }
            Rejected::Heap(code) => code,
        }
    }
}

impl fmt::Debug for ParseCodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ParseCodeError")
            .field("rejected", &self.rejected())
            .finish()
    }
}

impl PartialEq for ParseCodeError {
    fn eq(&self, other: &Self) -> bool {
        self.rejected() == other.rejected()
    }
}

impl Eq for ParseCodeError {}

impl Hash for ParseCodeError {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.rejected().hash(state);
    }
}

impl fmt::Display for ParseCodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown error code `{}`", self.rejected())
    }
}

impl std::error::Error for ParseCodeError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejected_strings_are_kept_inline_and_on_the_heap() {
        for s in ["", "x", &"a".repeat(INLINE), &"é".repeat(40)] {
            assert_eq!(ParseCodeError::new(s).rejected(), s);
        }
        assert!(matches!(
            ParseCodeError::new(&"b".repeat(INLINE + 1)).rejected,
            Rejected::Heap(_)
        ));
        assert_eq!(ParseCodeError::new("a"), ParseCodeError::new("a"));
        assert_ne!(ParseCodeError::new("a"), ParseCodeError::new("b"));
    }
}

/// For generated code: one code's entry in the generated table, in the
/// enum's order (its index is the variant's discriminant); its rows follow
/// those of the entries before it.
///
/// The entry does not hold the variant itself: an enum path in a static
/// costs rustc a search of the enum's variants, quadratic in their number.
#[doc(hidden)]
#[derive(Debug)]
pub struct CodeInfo {
    /// The Rust variant's name, which `Debug` writes.
    pub variant: &'static str,
    /// The code as the spec writes it.
    pub name: &'static str,
    /// How many rows it has in the row table.
    pub rows: u32,
    /// Its numeric value, for a numeric code or one with a value column.
    pub value: Option<i64>,
    /// Its retry class, when the settings give it one.
    pub retry: Option<RetryClass>,
    /// The editions whose documents list it: bit `i` for the edition at
    /// index `i` (the primary is bit 0).
    pub listed_in: u64,
}

/// For generated code: where each entry's rows start in the row table, and
/// (last) where they end; `N` is one more than the entries. Evaluated by
/// rustc, so the generated file holds counts, not offsets that a new code
/// would shift.
#[doc(hidden)]
pub const fn row_starts<const N: usize>(table: &[CodeInfo]) -> [u32; N] {
    assert!(table.len() + 1 == N, "one start per entry, and the end");
    let mut starts = [0; N];
    let mut i = 0;
    while i < table.len() {
        starts[i + 1] = starts[i] + table[i].rows;
        i += 1;
    }
    starts
}

/// The category of a dotted code: its first segment (`InvalidParameter` for
/// `InvalidParameter.ValueTooLarge`), or `None` for a code without a dot.
///
/// ```
/// assert_eq!(ci_errors_runtime::category_of("AuthFailure.SignatureExpire"), Some("AuthFailure"));
/// assert_eq!(ci_errors_runtime::category_of("AccessDenied"), None);
/// ```
pub fn category_of(code: &str) -> Option<&str> {
    code.split_once('.')
        .map(|(category, _)| category)
        .filter(|c| !c.is_empty())
}

impl<C: CodeEnum> Row<C> {
    /// Retry advice for this row: its status and its code's retry class.
    pub fn retry(&self) -> Retry {
        advice(self.status, self.code.retry_class())
    }
}
