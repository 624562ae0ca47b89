//! One row of a spec's error tables, and the class of its status.

use texts::TextKind;

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

/// The layout of [`RowData::texts`], the contract between the generator,
/// which writes the arrays, and [`Row`], which reads them: for each kind of
/// text in [`TextKind`] order (descriptions, then remedies when the spec has
/// any), for each edition in order, the plain text then the markdown.
#[doc(hidden)]
pub mod texts {
    /// The kinds of text a row holds, in their order in the array.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum TextKind {
        /// What the error means.
        Description = 0,
        /// What to do about it; present only when the spec has remedies.
        Remedy = 1,
    }

    /// How many texts each edition has of each kind: plain, then markdown.
    pub const PER_EDITION: usize = 2;

    /// The array's length for `editions` editions, with or without remedies.
    pub const fn len(editions: usize, remedies: bool) -> usize {
        let kinds = if remedies { 2 } else { 1 };
        kinds * editions * PER_EDITION
    }

    /// Whether an array of `count` texts for `editions` editions holds remedies.
    pub const fn has_remedies(count: usize, editions: usize) -> bool {
        count >= len(editions, true)
    }

    /// Where the plain text of `kind` in the edition at `edition` is; the
    /// markdown follows it.
    pub const fn plain(kind: TextKind, edition: usize, editions: usize) -> usize {
        (kind as usize * editions + edition) * PER_EDITION
    }
}

/// One edition of a spec (its language), as a generated `Lang` enum names it.
pub trait Edition: Copy + 'static {
    /// The edition's place among the spec's editions, the primary first.
    fn index(self) -> usize;
    /// The edition's language tag, such as `en`.
    fn tag(self) -> &'static str;
}

/// For generated code: one row as stored in a generated table, its texts
/// inline, laid out as [`texts`] says.
///
/// The table holds no code: the row's place in it says whose it is, which
/// keeps the table flat and cheap for rustc to evaluate.
///
/// Written as struct literals: a `const fn` call per row costs rustc about
/// three times as much to evaluate. The generator writes only statuses in
/// 100–599 and at least the primary description.
#[doc(hidden)]
#[derive(Debug)]
pub struct RowData<const T: usize> {
    /// The HTTP status, if the row has one.
    pub status: Option<u16>,
    /// The reason phrase as written, or `""`.
    pub reason: &'static str,
    /// The heading or caption the row stands under.
    pub section: Option<&'static str>,
    /// The row's texts, laid out as [`texts`] says.
    pub texts: [&'static str; T],
}

impl<const T: usize> RowData<T> {
    /// The row as the API shows it: of `code`, with editions `langs`.
    pub fn view<C>(&'static self, code: C, langs: &'static [&'static str]) -> Row<C> {
        let texts: &'static [&'static str] = &self.texts;
        Row {
            code,
            status: self.status,
            reason: self.reason,
            section: self.section,
            description: texts.first().copied().unwrap_or_default(),
            description_markdown: texts.get(1).copied().unwrap_or_default(),
            texts,
            langs,
        }
    }
}

/// One row of a spec's error tables: a code with one status, or with none
/// (SDK, messaging and API 3.0 codes have no HTTP status).
///
/// A row is a small `Copy` view of the generated table, which a code's
/// `rows()` hands out by value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Row<C: 'static> {
    /// The code.
    pub code: C,
    /// The HTTP status, 100–599; `None` for a code the spec lists without one.
    pub status: Option<u16>,
    /// The reason phrase as the spec writes it (`""` when absent); may differ from the standard one.
    pub reason: &'static str,
    /// The heading or caption the row's table stands under.
    pub section: Option<&'static str>,
    /// The description as plain text, in the spec's primary language
    /// (empty when the primary edition lacks the row: see [`Row::description_in`]).
    pub description: &'static str,
    /// The description as the spec's markdown, in the spec's primary language.
    pub description_markdown: &'static str,
    /// The row's texts, laid out as [`texts`] says.
    texts: &'static [&'static str],
    /// The editions' tags, the primary first.
    langs: &'static [&'static str],
}

impl<C> Row<C> {
    /// The description in every edition of the spec, the primary one first
    /// (empty in an edition that lacks the row).
    pub fn descriptions(&self) -> impl ExactSizeIterator<Item = Description> + 'static {
        self.texts_of(Some(TextKind::Description))
    }

    /// What to do about the error in every edition, the primary one first;
    /// none when the spec has no remedy column.
    pub fn remedies(&self) -> impl ExactSizeIterator<Item = Description> + 'static {
        self.texts_of(self.has_remedies().then_some(TextKind::Remedy))
    }

    /// The plain-text description in the edition `lang` (a generated
    /// `Lang`), if that edition gives one: `None` where it lacks the row or
    /// says nothing. No edition stands in for another.
    pub fn description_in(&self, lang: impl Edition) -> Option<&'static str> {
        self.text(TextKind::Description, lang)
            .filter(|t| !t.is_empty())
    }

    /// What to do about the error, in the primary language, when the spec says.
    pub fn remedy(&self) -> Option<&'static str> {
        self.remedies()
            .next()
            .map(|r| r.text)
            .filter(|t| !t.is_empty())
    }

    /// [`Row::remedy`] in the edition `lang`.
    pub fn remedy_in(&self, lang: impl Edition) -> Option<&'static str> {
        if !self.has_remedies() {
            return None;
        }
        self.text(TextKind::Remedy, lang).filter(|t| !t.is_empty())
    }

    fn has_remedies(&self) -> bool {
        texts::has_remedies(self.texts.len(), self.langs.len())
    }

    /// Texts of `kind` per edition; none for no kind.
    fn texts_of(
        &self,
        kind: Option<TextKind>,
    ) -> impl ExactSizeIterator<Item = Description> + 'static {
        let (start, langs) = match kind {
            Some(kind) => (texts::plain(kind, 0, self.langs.len()), self.langs),
            None => (self.texts.len(), &[][..]),
        };
        let texts = &self.texts[start.min(self.texts.len())..];
        langs
            .iter()
            .zip(texts.chunks_exact(texts::PER_EDITION))
            .map(|(lang, pair)| Description {
                lang,
                text: pair[0],
                markdown: pair[1],
            })
    }

    /// The plain text of `kind` in the edition `lang`, found by its tag, so
    /// that any `Lang` with the same tag finds it.
    fn text(&self, kind: TextKind, lang: impl Edition) -> Option<&'static str> {
        let tag = lang.tag();
        let at = match self.langs.get(lang.index()) {
            Some(&t) if t == tag => lang.index(),
            _ => self.langs.iter().position(|&t| t == tag)?,
        };
        self.texts
            .get(texts::plain(kind, at, self.langs.len()))
            .copied()
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
        // `RowData::new` admits only 100–599, all of which `http` accepts.
        self.status.and_then(|s| http::StatusCode::from_u16(s).ok())
    }
}

/// A code's rows, in spec order: what a generated `rows()` returns.
#[derive(Clone)]
pub struct Rows<C: 'static> {
    code: C,
    next: usize,
    end: usize,
    at: fn(C, usize) -> Option<Row<C>>,
}

impl<C> Rows<C> {
    /// For generated code: the rows `range` of the table `at` reads, of `code`.
    #[doc(hidden)]
    pub fn new(code: C, range: std::ops::Range<usize>, at: fn(C, usize) -> Option<Row<C>>) -> Self {
        Rows {
            code,
            next: range.start,
            end: range.end.max(range.start),
            at,
        }
    }
}

impl<C: Copy> Iterator for Rows<C> {
    type Item = Row<C>;

    fn next(&mut self) -> Option<Row<C>> {
        if self.next >= self.end {
            return None;
        }
        self.next += 1;
        (self.at)(self.code, self.next - 1)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.end - self.next;
        (left, Some(left))
    }
}

impl<C: Copy> DoubleEndedIterator for Rows<C> {
    fn next_back(&mut self) -> Option<Row<C>> {
        if self.next >= self.end {
            return None;
        }
        self.end -= 1;
        (self.at)(self.code, self.end)
    }
}

impl<C: Copy> ExactSizeIterator for Rows<C> {}

impl<C: Copy> std::iter::FusedIterator for Rows<C> {}

impl<C: std::fmt::Debug> std::fmt::Debug for Rows<C> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rows")
            .field("code", &self.code)
            .field("left", &(self.end - self.next))
            .finish()
    }
}

/// The distinct statuses of `rows`, in spec order: what a generated
/// `statuses()` returns.
pub fn distinct_statuses<C: Copy>(rows: Rows<C>) -> Statuses<C> {
    Statuses {
        all: rows.clone(),
        rows,
        at: 0,
    }
}

/// The distinct statuses of a code's rows, in spec order: a named type
/// rather than `impl Iterator`, so that it borrows nothing from the code
/// it came from (edition 2024 would make `code.statuses()` on a temporary
/// borrow the temporary).
#[derive(Debug, Clone)]
pub struct Statuses<C: 'static> {
    all: Rows<C>,
    rows: Rows<C>,
    at: usize,
}

impl<C: Copy> Iterator for Statuses<C> {
    type Item = u16;

    fn next(&mut self) -> Option<u16> {
        for row in self.rows.by_ref() {
            let i = self.at;
            self.at += 1;
            let Some(status) = row.status else { continue };
            if !self.all.clone().take(i).any(|r| r.status == Some(status)) {
                return Some(status);
            }
        }
        None
    }
}

impl<C: Copy> std::iter::FusedIterator for Statuses<C> {}

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
