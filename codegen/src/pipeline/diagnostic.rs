//! Problems found in a spec, rendered the way rustc renders its own.

use std::fmt;
use std::ops::Range;

use annotate_snippets::{Annotation, AnnotationKind, Level, Renderer, Snippet};

use crate::pipeline::source::SourceFile;

/// The width long lines are windowed to.
const WIDTH: usize = 120;
/// How many lines away from the caret's line a second caret may be and still be shown.
const MAX_SPREAD: usize = 4;

/// Whether a problem stops generation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Reported; generation goes on.
    Warning,
    /// Generation fails (or, in lenient mode, the row is skipped and this becomes a warning).
    Error,
}

/// A named kind of warning, like a rustc lint: each can be allowed by name,
/// or one occurrence of it accepted by its subject (see `Builder::allow` and
/// `Builder::accept`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Lint {
    /// A reason phrase that is not the standard one for its status (subject: `500 Internal Server`).
    NonStandardReason,
    /// A table with a recognised status column but no code column: not read (subject: the header row's text).
    UnrecognisedTable,
    /// An error table with no description column (subject: the header row's text).
    MissingDescriptionColumn,
    /// Lines after an error table that look like its rows but are not part of it (subject: the line).
    StrayRows,
    /// A status whose class contradicts its section's title, such as 503 under "4xx errors" (subject: `Code 503`).
    StatusClassMismatch,
    /// Two codes that differ only in case or separators (subject: `CodeA CodeB`).
    SimilarCodes,
    /// A code with non-ASCII characters, named by their code points (subject: the code).
    NonAsciiCode,
    /// Lenient mode: the same code and status listed twice, both rows kept (subject: `Code 403`).
    RepeatedRow,
    /// A row with fewer cells than the header, such as a merged cell (subject: `Code 2/4`, cells written/header).
    ShortRow,
    /// Empty cells in a table's first column (code or status) that take the
    /// cell above, as a merged cell (subject: the table's header line).
    CarriedCell,
    /// Lenient mode: a row that cannot be read, skipped.
    SkippedRow,
    /// The editions of the spec disagree: a row or node that one edition
    /// lists and another lacks (subject: the row and what it is in the
    /// edition, such as `UnsupportedMethod 405 missing from ja` or
    /// `OnlyHere only in zh`; `node Message missing from zh`).
    TranslationDrift,
    /// A value cell that is not an integer: the row is kept without a value (subject: the cell).
    NonNumericValue,
    /// A code whose Rust name another code would take too: it takes its
    /// spelled name (`InvalidParameterDotConflict`), or a numbered one when
    /// that collides too, in lenient mode (subject: the renamed code).
    RenamedVariant,
    /// Lenient mode: a code given two different values in its rows; the
    /// first is its value (subject: the code).
    ConflictingValue,
    /// A table left out whose column holds a distinct code on each row: a
    /// table of codes, perhaps, that nothing names (subject: the header row's text).
    UnreadCodeTable,
}

impl Lint {
    /// Every lint, in the order the README lists them.
    pub const ALL: &'static [Lint] = &[
        Lint::NonStandardReason,
        Lint::UnrecognisedTable,
        Lint::MissingDescriptionColumn,
        Lint::StrayRows,
        Lint::StatusClassMismatch,
        Lint::SimilarCodes,
        Lint::NonAsciiCode,
        Lint::RepeatedRow,
        Lint::ShortRow,
        Lint::CarriedCell,
        Lint::SkippedRow,
        Lint::TranslationDrift,
        Lint::NonNumericValue,
        Lint::RenamedVariant,
        Lint::ConflictingValue,
        Lint::UnreadCodeTable,
    ];

    /// The stable name, such as `non_standard_reason`.
    pub const fn name(self) -> &'static str {
        match self {
            Lint::NonStandardReason => "non_standard_reason",
            Lint::UnrecognisedTable => "unrecognised_table",
            Lint::MissingDescriptionColumn => "missing_description_column",
            Lint::StrayRows => "stray_rows",
            Lint::StatusClassMismatch => "status_class_mismatch",
            Lint::SimilarCodes => "similar_codes",
            Lint::NonAsciiCode => "non_ascii_code",
            Lint::RepeatedRow => "repeated_row",
            Lint::ShortRow => "short_row",
            Lint::CarriedCell => "carried_cell",
            Lint::SkippedRow => "skipped_row",
            Lint::TranslationDrift => "translation_drift",
            Lint::NonNumericValue => "non_numeric_value",
            Lint::RenamedVariant => "renamed_variant",
            Lint::ConflictingValue => "conflicting_value",
            Lint::UnreadCodeTable => "unread_code_table",
        }
    }

    /// The lint named `name`.
    pub fn from_name(name: &str) -> Option<Lint> {
        Lint::ALL.iter().copied().find(|l| l.name() == name)
    }
}

impl fmt::Display for Lint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One problem, located in a spec file.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in one line.
    pub message: String,
    /// The spec file it was found in, as named by the user.
    pub file: String,
    /// 1-based line, or `None` for a problem with the whole file.
    pub line: Option<usize>,
    /// Byte range in the file that the caret points at.
    pub span: Option<Range<usize>>,
    /// Text shown under the caret.
    pub label: Option<String>,
    /// Extra lines (`= note: ...`), such as where an earlier duplicate is.
    pub notes: Vec<String>,
    /// For a warning: its kind, by which it can be allowed.
    pub lint: Option<Lint>,
    /// For a warning: what this occurrence is about, by which it can be accepted.
    pub subject: Option<String>,
    /// Further places on the same line the caret also points at (such as a row's code cell).
    pub also: Vec<Range<usize>>,
    /// A place on the same line kept in view when a long line is shown in part (a row's code cell).
    pub context: Option<Range<usize>>,
}

impl Diagnostic {
    /// An error at `span` of `src`.
    pub fn error(src: &SourceFile, span: Range<usize>, message: impl Into<String>) -> Self {
        Self::at(Severity::Error, src, Some(span), message)
    }

    /// A warning at `span` of `src`.
    pub fn warning(src: &SourceFile, span: Range<usize>, message: impl Into<String>) -> Self {
        Self::at(Severity::Warning, src, Some(span), message)
    }

    /// An error with the whole file rather than one place in it.
    pub fn file_error(src: &SourceFile, message: impl Into<String>) -> Self {
        Self::at(Severity::Error, src, None, message)
    }

    fn at(
        severity: Severity,
        src: &SourceFile,
        span: Option<Range<usize>>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity,
            message: message.into(),
            file: src.name().to_owned(),
            line: span.as_ref().map(|s| src.line_of(s.start)),
            span,
            label: None,
            notes: Vec::new(),
            lint: None,
            subject: None,
            also: Vec::new(),
            context: None,
        }
    }

    /// Keeps `span` (on the same line) in view when the line is windowed.
    pub fn in_view(mut self, span: Range<usize>) -> Self {
        self.context = Some(span);
        self
    }

    /// Names the warning's kind and this occurrence's subject.
    pub fn with_lint(mut self, lint: Lint, subject: impl Into<String>) -> Self {
        self.lint = Some(lint);
        self.subject = Some(subject.into());
        self
    }

    /// Points the caret at `span` too (on the same line).
    pub fn also_at(mut self, span: Range<usize>) -> Self {
        self.also.push(span);
        self
    }

    /// Adds the text shown under the caret.
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Adds a `= note:` line.
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// Turns an error into a warning of kind `lint`, for lenient mode.
    pub fn downgraded(mut self, lint: Lint) -> Self {
        self.severity = Severity::Warning;
        if self.lint.is_none() {
            self.lint = Some(lint);
        }
        self
    }

    /// `file:line`, or just `file`.
    pub fn location(&self) -> String {
        match self.line {
            Some(line) => format!("{}:{}", self.file, line),
            None => self.file.clone(),
        }
    }

    /// The diagnostic on one line: `file:line:col: warning[lint]: message`
    /// (the column when `src`, the file it names, is given).
    pub fn one_line(&self, src: Option<&SourceFile>) -> String {
        let at = match (&self.span, self.line, src) {
            (Some(span), Some(_), Some(src)) if span.start <= src.text().len() => {
                // The first caret on the line, as the rendered form's `-->` says.
                let first = self
                    .also
                    .iter()
                    .map(|a| a.start)
                    .filter(|&a| a <= src.text().len() && src.line_of(a) == src.line_of(span.start))
                    .fold(span.start, usize::min);
                let (line, column) = src.line_column(first);
                format!("{}:{line}:{column}", self.file)
            }
            _ => self.location(),
        };
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let lint = self.lint.map(|l| format!("[{l}]")).unwrap_or_default();
        format!("{at}: {level}{lint}: {}", visible(&self.message))
    }

    /// Renders like rustc: the message, `--> file:line:col`, the line with a
    /// caret under the cell, then notes. Plain text, no colour.
    pub fn render(&self, src: &SourceFile) -> String {
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        // Control and direction characters never reach the terminal raw:
        // escaped in the text, masked (same byte length) in the source shown.
        let message = visible(&self.message);
        let title = level.primary_title(message.as_str());
        let mut row_note = None;
        let window = match (&self.span, self.line) {
            (Some(span), Some(line)) if span.end <= src.text().len() => {
                let (first, range) = self.window(src, line);
                Some((span, line, first, mask(&src.text()[range.clone()]), range))
            }
            _ => None,
        };
        let mut group = match &window {
            Some((span, line, first, text, range)) => {
                let (snippet, note) = self.snippet(src, text, range, *first, span, *line);
                row_note = note;
                title.element(snippet)
            }
            None => title.element(annotate_snippets::Origin::path(self.file.as_str())),
        };
        let notes: Vec<String> = row_note
            .into_iter()
            .chain(self.notes.iter().map(|n| visible(n)))
            .collect();
        for note in &notes {
            group = group.element(Level::NOTE.message(note.as_str()));
        }
        let help;
        if let Some(lint) = self.lint.filter(|_| self.severity == Severity::Warning) {
            help = format!(
                "`{lint}` warning: allow it with `allow = [\"{lint}\"]`{}",
                match &self.subject {
                    Some(subject) => format!(", or accept this one with `accept = [{{ lint = \"{lint}\", subject = \"{}\" }}]`", visible(subject)),
                    None => String::new(),
                }
            );
            group = group.element(Level::NOTE.message(help.as_str()));
        }
        // Long lines are windowed around the carets, so the row's code stays in view.
        Renderer::plain().term_width(WIDTH).render(&[group])
    }

    /// The source lines around `span` (on `line`) with carets under it and
    /// under secondary spans close by; and a note naming the row's code when
    /// the line is too long to underline it too.
    /// The lines to show: the primary line, widened to the lines of
    /// secondary spans close by (an HTML row spreads its cells over lines);
    /// the first line's number and the byte range.
    fn window(&self, src: &SourceFile, line: usize) -> (usize, Range<usize>) {
        let near = |s: &&Range<usize>| {
            s.end <= src.text().len() && src.line_of(s.start).abs_diff(line) <= MAX_SPREAD
        };
        let (first, last) = self
            .also
            .iter()
            .filter(near)
            .fold((line, line), |(first, last), s| {
                (
                    first.min(src.line_of(s.start)),
                    last.max(src.line_of(s.end)),
                )
            });
        (first, src.line_range(first).start..src.line_range(last).end)
    }

    /// `text` (the window's lines, masked) with carets under `span` and
    /// under secondary spans in it; and a note naming the row's code when
    /// the line is too long to underline it too.
    fn snippet<'a>(
        &'a self,
        src: &SourceFile,
        text: &'a str,
        line_range: &Range<usize>,
        first: usize,
        span: &Range<usize>,
        line: usize,
    ) -> (Snippet<'a, Annotation<'a>>, Option<String>) {
        let line_range = line_range.clone();
        let local = |span: &Range<usize>| {
            let start = span.start.saturating_sub(line_range.start).min(text.len());
            start
                ..span
                    .end
                    .saturating_sub(line_range.start)
                    .clamp(start, text.len())
        };
        let mut annotation = AnnotationKind::Primary.span(local(span));
        if let Some(label) = &self.label {
            annotation = annotation.label(label.as_str());
        }
        let mut snippet = Snippet::source(text)
            .line_start(first)
            .path(self.file.as_str())
            .annotation(annotation);
        for span in self
            .also
            .iter()
            .filter(|s| s.start >= line_range.start && s.end <= line_range.end)
        {
            snippet = snippet.annotation(AnnotationKind::Primary.span(local(span)));
        }
        let mut row_note = None;
        if let Some(span) = self
            .context
            .as_ref()
            .filter(|s| s.start >= line_range.start && s.end <= line_range.end && !s.is_empty())
        {
            // A long line is shown in part, around the caret: the row's
            // code is then named in a note rather than underlined far off.
            if src.line_text(line).chars().count() > WIDTH - 20 {
                row_note = Some(format!(
                    "in the row of `{}`",
                    visible(&src.text()[span.clone()])
                ));
            } else {
                snippet = snippet.annotation(AnnotationKind::Context.span(local(span)));
            }
        }
        (snippet, row_note)
    }
}

impl fmt::Display for Diagnostic {
    /// One line: `error: message (file:line)`; see [`Diagnostic::render`] for the full form.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{level}: {} ({})",
            visible(&self.message),
            self.location()
        )
    }
}

/// `text` with control characters (but line breaks and tabs) and
/// text-direction controls written as `\u{…}` escapes.
pub(crate) fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_hidden(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// `text` with each hidden character replaced by a visible one of the same
/// length in bytes, so that carets still fall under the right bytes.
fn mask(text: &str) -> String {
    text.chars()
        .map(|c| match (is_hidden(c), c.len_utf8()) {
            (false, _) => c,
            (true, 1) => '?',
            (true, 2) => '¿',
            (true, _) => '\u{fffd}',
        })
        .collect()
}

/// Characters a reader cannot see, or that reorder what is shown: control
/// characters (but line breaks and tabs) and text-direction controls.
pub(crate) fn is_hidden(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

/// At most this many diagnostics are rendered in full by [`render_all`]: each
/// shows its source line, so a document with thousands of problems on one
/// long line would cost the square of its size to print. The rest are counted.
pub const MAX_RENDERED: usize = 100;

/// Renders the diagnostics, each against the file it names among
/// `sources`, separated by blank lines; past the first hundred, one line
/// counts the errors and warnings not shown (every one stays in the list).
pub fn render_all(diagnostics: &[Diagnostic], sources: &[&SourceFile]) -> String {
    let mut out = String::new();
    for d in diagnostics.iter().take(MAX_RENDERED) {
        match sources.iter().find(|s| s.name() == d.file) {
            Some(src) => out.push_str(&d.render(src)),
            None => out.push_str(&d.to_string()),
        }
        out.push_str("\n\n");
    }
    let rest = diagnostics.get(MAX_RENDERED..).unwrap_or_default();
    if !rest.is_empty() {
        let errors = rest
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        out.push_str(&format!(
            "note: {errors} more error(s) and {} more warning(s) not shown\n\n",
            rest.len() - errors
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span_of(src: &SourceFile, needle: &str) -> Range<usize> {
        let start = src.text().find(needle).unwrap();
        start..start + needle.len()
    }

    #[test]
    fn one_line_names_the_first_caret_on_the_primary_line_only() {
        let src = SourceFile::new("a.md", "| Early | x |\n| Late | q | z |\n");
        let d = Diagnostic::warning(&src, span_of(&src, "z"), "m")
            .also_at(span_of(&src, "Early"))
            .also_at(span_of(&src, "q"));
        // `Early` is on another line; `q` is the first caret on line 2.
        assert_eq!(d.one_line(Some(&src)), "a.md:2:10: warning: m");
    }

    #[test]
    fn a_context_on_another_line_changes_nothing_shown() {
        let src = SourceFile::new("a.md", "| Code | bad |\n| Next | row |\n");
        let plain = Diagnostic::error(&src, span_of(&src, "bad"), "m");
        let with_context = plain.clone().in_view(span_of(&src, "Next"));
        assert_eq!(with_context.render(&src), plain.render(&src));
    }

    #[test]
    fn a_caret_far_from_the_line_changes_nothing_shown() {
        let far = "\n".repeat(MAX_SPREAD + 2);
        let src = SourceFile::new("a.md", format!("| Code | bad |{far}| Next | row |\n"));
        let plain = Diagnostic::error(&src, span_of(&src, "bad"), "m");
        let with_far = plain.clone().also_at(span_of(&src, "Next"));
        assert_eq!(with_far.render(&src), plain.render(&src));
    }

    #[test]
    fn a_long_line_names_the_row_in_a_note_and_a_short_one_underlines_it() {
        for (width, noted) in [(WIDTH - 30, false), (WIDTH - 10, true), (WIDTH + 10, true)] {
            let line = format!("| Code | {} bad |", "x".repeat(width - 15));
            assert_eq!(line.chars().count(), width);
            let src = SourceFile::new("a.md", format!("{line}\n"));
            let rendered = Diagnostic::error(&src, span_of(&src, "bad"), "m")
                .in_view(span_of(&src, "Code"))
                .render(&src);
            assert_eq!(
                rendered.contains("note: in the row of `Code`"),
                noted,
                "{width}: {rendered}"
            );
        }
    }
}
