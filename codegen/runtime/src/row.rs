//! One row of a spec's error tables, and the class of its status.

use crate::code::CodeEnum;
use crate::retry::{self, Retry};

/// A description in one language: the spec's cell as plain text and as markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Description {
    /// The language tag of the edition it comes from, such as `en` or `zh`.
    pub lang: &'static str,
    /// Plain text, as a reader sees the cell rendered (links and code spans reduced to their text).
    pub text: &'static str,
    /// The cell's markdown as written.
    pub markdown: &'static str,
}

impl Description {
    /// For generated code.
    #[doc(hidden)]
    pub const fn new(lang: &'static str, text: &'static str, markdown: &'static str) -> Self {
        Description {
            lang,
            text,
            markdown,
        }
    }
}

/// One row of a spec's error tables: a code with one status, or with none
/// (SDK, messaging and API 3.0 codes have no HTTP status).
///
/// ```
/// use ci_errors_runtime::{Description, Row, StatusClass};
///
/// const ROW: Row<&str> = Row::new("Busy", 503, "Service Unavailable", Some("5xx errors"),
///     &[Description::new("en", "Try again.", "Try *again*.")]);
/// let row = ROW;
/// assert!(row.is_server_error());
/// assert_eq!(row.class(), Some(StatusClass::ServerError));
/// assert_eq!(row.description, "Try again.");
/// assert_eq!(row.description_in("en"), Some("Try again."));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Row<C: 'static> {
    /// The code.
    pub code: C,
    /// The HTTP status, 100–599; `None` for a code the spec lists without one.
    pub status: Option<u16>,
    /// The reason phrase as the spec writes it (`""` when absent); may differ from the standard one.
    pub reason: &'static str,
    /// The description as plain text, in the spec's primary language.
    pub description: &'static str,
    /// The description as the spec's markdown, in the spec's primary language.
    pub description_markdown: &'static str,
    /// The heading or caption the row's table stands under.
    pub section: Option<&'static str>,
    /// The description in every edition of the spec, the primary one first.
    pub descriptions: &'static [Description],
    /// What to do about the error in every edition, the primary one first;
    /// empty when the spec has no remedy column.
    pub remedies: &'static [Description],
}

impl<C> Row<C> {
    /// For generated code: a row whose primary description is `descriptions[0]`.
    ///
    /// A status outside 100–599, or no description, fails at compile time
    /// (rows are built in statics).
    #[doc(hidden)]
    pub const fn new(
        code: C,
        status: u16,
        reason: &'static str,
        section: Option<&'static str>,
        descriptions: &'static [Description],
    ) -> Self {
        assert!(status >= 100 && status <= 599, "status out of 100–599");
        Self::with_status(code, Some(status), reason, section, descriptions)
    }

    /// For generated code: a row without a status.
    #[doc(hidden)]
    pub const fn without_status(
        code: C,
        section: Option<&'static str>,
        descriptions: &'static [Description],
    ) -> Self {
        Self::with_status(code, None, "", section, descriptions)
    }

    /// A row from its parts; the primary description is `descriptions[0]`.
    const fn with_status(
        code: C,
        status: Option<u16>,
        reason: &'static str,
        section: Option<&'static str>,
        descriptions: &'static [Description],
    ) -> Self {
        assert!(
            !descriptions.is_empty(),
            "a row needs its primary description"
        );
        Row {
            code,
            status,
            reason,
            description: descriptions[0].text,
            description_markdown: descriptions[0].markdown,
            section,
            descriptions,
            remedies: &[],
        }
    }

    /// For generated code: the row with its remedy in every edition.
    #[doc(hidden)]
    pub const fn with_remedies(mut self, remedies: &'static [Description]) -> Self {
        self.remedies = remedies;
        self
    }

    /// What to do about the error, in the primary language, when the spec says.
    pub fn remedy(&self) -> Option<&'static str> {
        self.remedies
            .first()
            .map(|r| r.text)
            .filter(|t| !t.is_empty())
    }

    /// [`Row::remedy`] in the edition tagged `lang`.
    pub fn remedy_in(&self, lang: &str) -> Option<&'static str> {
        self.remedies
            .iter()
            .find(|d| d.lang == lang)
            .map(|d| d.text)
            .filter(|t| !t.is_empty())
    }

    /// The plain-text description in the edition tagged `lang` (such as `zh`), if the spec has it.
    pub fn description_in(&self, lang: &str) -> Option<&'static str> {
        self.descriptions
            .iter()
            .find(|d| d.lang == lang)
            .map(|d| d.text)
    }

    /// The class of the row's status, if it has one.
    pub const fn class(&self) -> Option<StatusClass> {
        match self.status {
            Some(status) => Some(StatusClass::of(status)),
            None => None,
        }
    }

    /// Whether the status is 1xx.
    pub const fn is_informational(&self) -> bool {
        matches!(self.class(), Some(StatusClass::Informational))
    }

    /// Whether the status is 2xx.
    pub const fn is_success(&self) -> bool {
        matches!(self.class(), Some(StatusClass::Success))
    }

    /// Whether the status is 3xx: the body tells where to go, and so does `Location`.
    pub const fn is_redirection(&self) -> bool {
        matches!(self.class(), Some(StatusClass::Redirection))
    }

    /// Whether the status is 4xx: the request must change before it is sent again.
    pub const fn is_client_error(&self) -> bool {
        matches!(self.class(), Some(StatusClass::ClientError))
    }

    /// Whether the status is 5xx.
    pub const fn is_server_error(&self) -> bool {
        matches!(self.class(), Some(StatusClass::ServerError))
    }

    /// The status as an `http::StatusCode`, if the row has one.
    #[cfg(feature = "http")]
    #[cfg_attr(docsrs, doc(cfg(feature = "http")))]
    pub fn status_code(&self) -> Option<http::StatusCode> {
        // `Row::new` admits only 100–599, all of which `http` accepts.
        self.status.and_then(|s| http::StatusCode::from_u16(s).ok())
    }
}

impl<C: CodeEnum> Row<C> {
    /// Retry advice for this row under the crate's [policy](crate::retry).
    pub fn retry(&self) -> Retry {
        match self.status {
            Some(status) => retry::advice(status, Some(self.code.as_str())),
            None => retry::code_advice(self.code.as_str()),
        }
    }
}

/// The distinct codes listed with `status` in `rows`, in order of first
/// appearance; what a generated `for_status` returns.
pub fn codes_with_status<C: CodeEnum>(
    rows: &'static [&'static Row<C>],
    status: u16,
) -> impl Iterator<Item = C> {
    rows.iter()
        .filter(move |row| row.status == Some(status))
        // A code listed twice with one status (lenient mode keeps both) counts once.
        .filter(move |row| {
            row.code
                .rows()
                .iter()
                .find(|r| r.status == Some(status))
                .is_some_and(|first| std::ptr::eq(first, **row))
        })
        .map(|row| row.code)
}

/// The class of an HTTP status, by its first digit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StatusClass {
    /// 1xx.
    Informational,
    /// 2xx.
    Success,
    /// 3xx.
    Redirection,
    /// 4xx.
    ClientError,
    /// 5xx.
    ServerError,
}

impl StatusClass {
    /// The class of `status`; anything below 200 is informational and
    /// anything from 500 up a server error.
    ///
    /// ```
    /// use ci_errors_runtime::StatusClass;
    /// assert_eq!(StatusClass::of(307), StatusClass::Redirection);
    /// ```
    pub const fn of(status: u16) -> Self {
        match status {
            0..=199 => Self::Informational,
            200..=299 => Self::Success,
            300..=399 => Self::Redirection,
            400..=499 => Self::ClientError,
            _ => Self::ServerError,
        }
    }
}
