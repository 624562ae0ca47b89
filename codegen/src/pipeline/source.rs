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
    /// `(byte offset, characters before it)` about every [`MARK_EVERY`]
    /// bytes, so that a column on a long line is counted from a nearby mark,
    /// not from the line's start (a one-line document of 40,000 rows).
    char_marks: Vec<(usize, usize)>,
}

/// How far apart [`SourceFile::char_marks`] are, in bytes.
const MARK_EVERY: usize = 256;

impl SourceFile {
    /// Wraps `text`, reported as `name` (usually the path as the user gave it).
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let mut text: String = text.into();
        // A byte-order mark starts the file, or a line where files were
        // joined: invisible to a reader, and it would hide the line's `|`.
        if text.contains('\u{feff}') {
            text = drop_line_start_marks(&text);
        }
        // A lone CR ends a line, as it does for CommonMark: read as LF, byte
        // for byte, so offsets stay those of the file.
        if text.contains('\r') {
            text = lone_cr_as_lf(text);
        }
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let mut char_marks = vec![(0, 0)];
        for (chars, (at, _)) in text.char_indices().enumerate() {
            if at >= char_marks[char_marks.len() - 1].0 + MARK_EVERY {
                char_marks.push((at, chars));
            }
        }
        SourceFile {
            name: name.into(),
            text,
            line_starts,
            char_marks,
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
        let column = match (self.chars_before(start), self.chars_before(offset)) {
            (Some(start), Some(end)) => end - start + 1,
            _ => 1,
        };
        (line, column)
    }

    /// How many characters come before byte `offset` (`None` off a
    /// character boundary or past the end): from the nearest mark.
    fn chars_before(&self, offset: usize) -> Option<usize> {
        let at = self.char_marks.partition_point(|&(byte, _)| byte <= offset) - 1;
        let (byte, chars) = self.char_marks[at];
        Some(chars + self.text.get(byte..offset)?.chars().count())
    }

    /// Byte range of 1-based `line`, without its line end (`\n` or `\r\n`).
    pub fn line_range(&self, line: usize) -> Range<usize> {
        let line = line.clamp(1, self.line_starts.len());
        let start = self.line_starts[line - 1];
        // The next line's start is one past this line's `\n`.
        let end = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |next| next - 1);
        let end = if self.text[start..end].ends_with('\r') {
            end - 1
        } else {
            end
        };
        start..end
    }
}

/// `text` with each CR that no LF follows turned into an LF.
fn lone_cr_as_lf(text: String) -> String {
    let mut bytes = text.into_bytes();
    for i in 0..bytes.len() {
        if bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n') {
            bytes[i] = b'\n';
        }
    }
    // ASCII for ASCII: still UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
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

    #[test]
    fn columns_count_characters_on_lines_of_any_length() {
        let line = "é".repeat(1000) + "x" + &"a".repeat(700);
        let src = SourceFile::new("x.md", format!("ab\n{line}\nc"));
        let x = src.text().find('x').unwrap();
        assert_eq!(src.line_column(x), (2, 1001));
        assert_eq!(src.line_column(x + 700), (2, 1701));
        assert_eq!(src.line_column(src.text().len() - 1), (3, 1));
        assert_eq!(src.line_column(1), (1, 2));
        // Off a character boundary: the line's start, as before.
        assert_eq!(src.line_column(4), (2, 1));
    }

    #[test]
    fn a_lone_cr_ends_a_line_and_offsets_stay() {
        let src = SourceFile::new("x.md", "a\rbc\r\nd\r");
        assert_eq!(src.text(), "a\nbc\r\nd\n");
        assert_eq!(src.line_count(), 4);
        assert_eq!(src.line_of(2), 2);
        assert_eq!(&src.text()[src.line_range(2)], "bc");
        assert_eq!(&src.text()[src.line_range(3)], "d");
    }
}
