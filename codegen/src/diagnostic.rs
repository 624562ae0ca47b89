//! Problems found in a spec, rendered the way rustc renders its own.

use std::fmt;
use std::ops::Range;

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};

use crate::source::SourceFile;

/// Whether a problem stops generation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Reported; generation goes on.
    Warning,
    /// Generation fails (or, in lenient mode, the row is skipped and this becomes a warning).
    Error,
}

/// One problem, located in a spec file.
#[derive(Debug, Clone, PartialEq, Eq)]
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
        }
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

    /// Turns an error into a warning, for lenient mode.
    pub fn downgraded(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    /// `file:line`, or just `file`.
    pub fn location(&self) -> String {
        match self.line {
            Some(line) => format!("{}:{}", self.file, line),
            None => self.file.clone(),
        }
    }

    /// Renders like rustc: the message, `--> file:line:col`, the line with a
    /// caret under the cell, then notes. Plain text, no colour.
    pub fn render(&self, src: &SourceFile) -> String {
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let title = level.primary_title(self.message.as_str());
        let mut group = match (&self.span, self.line) {
            (Some(span), Some(line)) if span.end <= src.text().len() => {
                let line_range = src.line_range(line);
                let text = &src.text()[line_range.clone()];
                let start = span.start.saturating_sub(line_range.start).min(text.len());
                let end = span
                    .end
                    .saturating_sub(line_range.start)
                    .clamp(start, text.len());
                let mut annotation = AnnotationKind::Primary.span(start..end);
                if let Some(label) = &self.label {
                    annotation = annotation.label(label.as_str());
                }
                title.element(
                    Snippet::source(text)
                        .line_start(line)
                        .path(self.file.as_str())
                        .annotation(annotation),
                )
            }
            _ => title.element(annotate_snippets::Origin::path(self.file.as_str())),
        };
        for note in &self.notes {
            group = group.element(Level::NOTE.message(note.as_str()));
        }
        Renderer::plain().render(&[group])
    }
}

impl fmt::Display for Diagnostic {
    /// One line: `error: message (file:line)`; see [`Diagnostic::render`] for the full form.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{level}: {} ({})", self.message, self.location())
    }
}

/// Renders every diagnostic, each against the file it names among
/// `sources`, separated by blank lines.
pub fn render_all(diagnostics: &[Diagnostic], sources: &[&SourceFile]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        match sources.iter().find(|s| s.name() == d.file) {
            Some(src) => out.push_str(&d.render(src)),
            None => out.push_str(&d.to_string()),
        }
        out.push_str("\n\n");
    }
    out
}
