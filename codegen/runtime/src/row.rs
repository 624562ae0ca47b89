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

/// One row of a spec's error tables: a code with one status.
///
/// ```
/// use ci_errors_runtime::{Description, Row, StatusClass};
///
/// const ROW: Row<&str> = Row::new("Busy", 503, "Service Unavailable", Some("5xx errors"),
///     &[Description::new("en", "Try again.", "Try *again*.")]);
/// let row = ROW;
/// assert!(row.is_server_error());
/// assert_eq!(row.class(), StatusClass::ServerError);
/// assert_eq!(row.description, "Try again.");
/// assert_eq!(row.description_in("en"), Some("Try again."));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Row<C: 'static> {
    /// The code.
    pub code: C,
    /// The HTTP status, 100–599.
    pub status: u16,
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
        }
    }

    /// The plain-text description in the edition tagged `lang` (such as `zh`), if the spec has it.
    pub fn description_in(&self, lang: &str) -> Option<&'static str> {
        self.descriptions
            .iter()
            .find(|d| d.lang == lang)
            .map(|d| d.text)
    }

    /// The class of the row's status.
    pub const fn class(&self) -> StatusClass {
        StatusClass::of(self.status)
    }

    /// Whether the status is 1xx.
    pub const fn is_informational(&self) -> bool {
        matches!(self.class(), StatusClass::Informational)
    }

    /// Whether the status is 2xx.
    pub const fn is_success(&self) -> bool {
        matches!(self.class(), StatusClass::Success)
    }

    /// Whether the status is 3xx: the body tells where to go, and so does `Location`.
    pub const fn is_redirection(&self) -> bool {
        matches!(self.class(), StatusClass::Redirection)
    }

    /// Whether the status is 4xx: the request must change before it is sent again.
    pub const fn is_client_error(&self) -> bool {
        matches!(self.class(), StatusClass::ClientError)
    }

    /// Whether the status is 5xx.
    pub const fn is_server_error(&self) -> bool {
        matches!(self.class(), StatusClass::ServerError)
    }

    /// The status as an `http::StatusCode`.
    #[cfg(feature = "http")]
    #[cfg_attr(docsrs, doc(cfg(feature = "http")))]
    pub fn status_code(&self) -> http::StatusCode {
        // `Row::new` admits only 100–599, all of which `http` accepts.
        http::StatusCode::from_u16(self.status).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR)
    }
}

impl<C: CodeEnum> Row<C> {
    /// Retry advice for this row under the crate's [policy](crate::retry).
    pub fn retry(&self) -> Retry {
        retry::advice(self.status, Some(self.code.as_str()))
    }
}

/// The distinct codes listed with `status` in `rows`, in order of first
/// appearance; what a generated `for_status` returns.
pub fn codes_with_status<C: CodeEnum>(
    rows: &'static [&'static Row<C>],
    status: u16,
) -> impl Iterator<Item = C> {
    rows.iter()
        .filter(move |row| row.status == status)
        // A code listed twice with one status (lenient mode keeps both) counts once.
        .filter(move |row| {
            row.code
                .rows()
                .iter()
                .find(|r| r.status == status)
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
