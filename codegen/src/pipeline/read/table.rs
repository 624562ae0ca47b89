//! The neutral table types every reader produces, and the one contract it
//! fulfils: a reader reports [`Block`]s in source order, and [`assemble`]
//! turns them into tables that know their section. No reader knows another.

use std::ops::Range;

use crate::pipeline::source::SourceFile;

/// One table cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// Plain text: code spans give their content, links their text, inline
    /// HTML tags are dropped (`<br>` counts as a space), white space is
    /// collapsed and trimmed.
    pub text: String,
    /// The plain text of each line as shown, where `<br>` (or, in HTML
    /// tables, a block tag) breaks it; empty lines dropped.
    pub lines: Vec<String>,
    /// The cell's markdown as written, trimmed, with `\|` unescaped, for doc comments.
    pub markdown: String,
    /// Byte range of the cell in the source.
    pub span: Range<usize>,
}

/// One table row (the header row included).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Cells as written; a short row has fewer cells than the header.
    pub cells: Vec<Cell>,
    /// Byte range of the row in the source.
    pub span: Range<usize>,
    /// 1-based line of the row.
    pub line: usize,
}

impl Row {
    /// Cell `index`, or `None` where the row is short.
    pub fn cell(&self, index: usize) -> Option<&Cell> {
        self.cells.get(index)
    }

    /// How many cells the row has as written: cells the parser padded in
    /// have an empty span and do not count.
    pub fn written(&self) -> usize {
        self.cells.iter().filter(|c| !c.span.is_empty()).count()
    }

    /// The span to point at for cell `index`: its content without pipes and
    /// spaces; a missing cell, or an empty one the parser padded in, points
    /// at the end of the row's line.
    pub(crate) fn cell_span(&self, src: &SourceFile, index: usize) -> Range<usize> {
        match self.cell(index) {
            Some(c) if !c.span.is_empty() => trim_span(src, c),
            _ => {
                let end = src.line_range(self.line).end;
                end..end
            }
        }
    }

    /// The last line the row is written on (an HTML row may spread over several).
    pub(crate) fn last_line(&self, src: &SourceFile) -> usize {
        src.line_of(self.span.end.saturating_sub(1)).max(self.line)
    }
}

/// A table and the section it stands in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The header row.
    pub header: Row,
    /// The body rows, in source order.
    pub rows: Vec<Row>,
    /// The nearest heading, or paragraph made only of bold or emphasised
    /// text, or caption, before the table.
    pub section: Option<Section>,
    /// Lines right after the table that look like its rows but belong to no
    /// table: the table was cut short by a blank line or a line without pipes.
    pub stray_lines: Vec<usize>,
}

impl Table {
    /// The title of the table's section, if it has one.
    pub fn section_title(&self) -> Option<&str> {
        self.section.as_ref().map(|s| s.title.as_str())
    }

    /// The last line of the table: of its last row, or of the delimiter row
    /// under the header when it has none.
    pub(crate) fn last_line(&self, src: &SourceFile) -> usize {
        self.rows
            .last()
            .map_or(self.header.line + 1, |r| r.last_line(src))
    }
}

/// The title a table stands under, and where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Plain text: caption labels (`**表 3** OEF错误码` gives `OEF错误码`) and
    /// heading attributes (`{#id .class}`) are dropped.
    pub title: String,
    /// Byte range of the heading, paragraph, caption or group row.
    pub span: Range<usize>,
}

/// What a reader reports, in source order.
#[derive(Debug)]
pub(crate) enum Block {
    /// A heading, or a paragraph of bold text or a caption: names the
    /// section of the tables after it. `None`: a markdown heading with no
    /// text, after which tables have no section.
    Heading(Option<Section>),
    /// A short line that reads as a title: names the section of a table
    /// that starts right after it.
    TitleLine(Section),
    /// Any other block: a title line before it names nothing.
    Other,
    /// A table starts here: a title line right before it becomes the section in force.
    TableStart,
    /// A table's rows. `section` is its own title (an HTML caption or group
    /// row), which does not change the section in force; `None` takes that.
    Table {
        header: Row,
        rows: Vec<Row>,
        section: Option<Section>,
    },
}

/// What a reader of an embedded format found in a stretch of the document.
pub(crate) struct Read {
    /// Where the stretch starts.
    pub start: usize,
    /// Where reading stopped: what lies before it is this reader's.
    pub end: usize,
    /// What it found, in order.
    pub blocks: Vec<Block>,
}

/// Tables from blocks in source order, each with the section in force or its own.
pub(crate) fn assemble(blocks: impl IntoIterator<Item = Block>) -> Vec<Table> {
    let mut tables = Vec::new();
    let mut section: Option<Section> = None;
    let mut title_line: Option<Section> = None;
    for block in blocks {
        match block {
            Block::Heading(heading) => {
                title_line = None;
                section = heading;
            }
            Block::TitleLine(title) => title_line = Some(title),
            Block::Other => title_line = None,
            Block::TableStart => {
                if let Some(title) = title_line.take() {
                    section = Some(title);
                }
            }
            Block::Table {
                header,
                rows,
                section: own,
            } => tables.push(Table {
                header,
                rows,
                section: own.or_else(|| section.clone()),
                stray_lines: Vec::new(),
            }),
        }
    }
    tables
}

/// A cell from its text as shown (`\n` where a line breaks), its markdown
/// (or HTML) as written, and its span.
pub(crate) fn cell_from_lines(shown: &str, markdown: &str, span: Range<usize>) -> Cell {
    // Zero-width spaces and byte-order marks, common in text copied from web
    // pages, are invisible to a reader: drop them.
    let shown: String = shown
        .chars()
        .filter(|c| !matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}'))
        .collect();
    Cell {
        text: collapse(&shown),
        lines: shown
            .split('\n')
            .map(collapse)
            .filter(|line| !line.is_empty())
            .collect(),
        markdown: collapse(markdown),
        span,
    }
}

/// Collapses runs of white space to one space and trims.
pub(crate) fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Whether an HTML tag (`<br>`, `<br/>`, `<BR />`) breaks a line.
pub(crate) fn is_line_break_tag(html: &str) -> bool {
    let tag = html.trim().trim_start_matches('<').trim_end_matches('>');
    let tag = tag.trim_end_matches('/').trim();
    tag.eq_ignore_ascii_case("br")
}

/// The cell's span without surrounding pipes and spaces, for the caret.
fn trim_span(src: &SourceFile, cell: &Cell) -> Range<usize> {
    let raw = &src.text()[cell.span.clone()];
    let start_trim = raw.len() - raw.trim_start_matches(['|', ' ', '\t']).len();
    let end_trim = raw.len() - raw.trim_end_matches(['|', ' ', '\t', '\r', '\n']).len();
    let start = cell.span.start + start_trim;
    let end = (cell.span.end - end_trim).max(start);
    if start < end {
        return start..end;
    }
    // An empty cell: point at the space between its pipes, not at a pipe.
    let inner_start = cell.span.start + usize::from(raw.starts_with('|'));
    let inner_end = cell.span.end - (raw.len() - raw.trim_end_matches(['\r', '\n']).len());
    let inner_end = inner_end - usize::from(src.text()[inner_start..inner_end].ends_with('|'));
    if inner_start < inner_end {
        inner_start..inner_end
    } else {
        start..end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_br_breaks_a_line() {
        for tag in ["<br>", "<br/>", "<BR />", " <br > "] {
            assert!(is_line_break_tag(tag), "{tag}");
        }
        for tag in ["<b>", "</br-x>", "<bre>", "<p>", ""] {
            assert!(!is_line_break_tag(tag), "{tag}");
        }
    }

    fn section(title: &str) -> Section {
        Section {
            title: title.to_owned(),
            span: 0..0,
        }
    }

    fn table(own: Option<&str>) -> Block {
        let header = Row {
            cells: Vec::new(),
            span: 0..0,
            line: 1,
        };
        Block::Table {
            header,
            rows: Vec::new(),
            section: own.map(section),
        }
    }

    fn titles(blocks: Vec<Block>) -> Vec<Option<String>> {
        assemble(blocks)
            .into_iter()
            .map(|t| t.section.map(|s| s.title))
            .collect()
    }

    #[test]
    fn a_title_line_names_only_a_table_right_after_it() {
        use Block::*;
        let got = titles(vec![
            Heading(Some(section("H"))),
            TitleLine(section("T")),
            TableStart,
            table(None),
            TitleLine(section("U")),
            Other,
            TableStart,
            table(None),
        ]);
        assert_eq!(got, [Some("T".to_owned()), Some("T".to_owned())]);
    }

    #[test]
    fn a_table_of_its_own_title_leaves_the_section_in_force() {
        use Block::*;
        let got = titles(vec![
            Heading(Some(section("H"))),
            TableStart,
            table(Some("Caption")),
            table(None),
        ]);
        assert_eq!(got, [Some("Caption".to_owned()), Some("H".to_owned())]);
    }
}
