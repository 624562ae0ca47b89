//! A spec file in memory, with the line index that diagnostics need.

use std::ops::Range;

/// The text of one spec file and the name it is reported under.
///
/// A leading UTF-8 byte-order mark is dropped on load, so byte offsets
/// refer to the text after it.
#[derive(Debug, Clone)]
pub struct SourceFile {
    name: String,
    text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    /// Wraps `text`, reported as `name` (usually the path as the user gave it).
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let mut text: String = text.into();
        // A byte-order mark starts the file, or a line where files were
        // joined: invisible to a reader, and it would hide the line's `|`.
        if text.contains('\u{feff}') {
            text = drop_line_start_marks(&text);
        }
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        SourceFile {
            name: name.into(),
            text,
            line_starts,
        }
    }

    /// The name used in diagnostics.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The text, without a byte-order mark.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// How many lines the text has.
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The text of 1-based `line`, without its line end.
    pub fn line_text(&self, line: usize) -> &str {
        &self.text[self.line_range(line)]
    }

    /// The 1-based line that holds byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&start| start <= offset)
    }

    /// 1-based line and column (in characters) of byte `offset`.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let line = self.line_of(offset);
        let start = self.line_starts[line - 1];
        let column = self
            .text
            .get(start..offset)
            .map_or(1, |before| before.chars().count() + 1);
        (line, column)
    }

    /// Byte range of 1-based `line`, without its line end (`\n` or `\r\n`).
    pub fn line_range(&self, line: usize) -> Range<usize> {
        let start = self.line_starts[line.clamp(1, self.line_starts.len()) - 1];
        let end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i);
        let end = if self.text[start..end].ends_with('\r') {
            end - 1
        } else {
            end
        };
        start..end
    }
}

/// `text` without the byte-order marks that open it or one of its lines.
fn drop_line_start_marks(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        out.push_str(line.trim_start_matches('\u{feff}'));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_one_based_and_skip_bom_and_crlf() {
        let src = SourceFile::new("x.md", "\u{feff}a\r\nbc\r\n\r\nd");
        assert_eq!(src.text(), "a\r\nbc\r\n\r\nd");
        assert_eq!(src.line_of(0), 1);
        assert_eq!(src.line_of(3), 2);
        assert_eq!(src.line_of(src.text().len() - 1), 4);
        assert_eq!(&src.text()[src.line_range(2)], "bc");
        assert_eq!(&src.text()[src.line_range(3)], "");
        assert_eq!(&src.text()[src.line_range(4)], "d");
    }
}
