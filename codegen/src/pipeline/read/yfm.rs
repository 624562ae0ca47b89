//! Multiline tables of Yandex Flavored Markdown (`#|` … `|#`), which YFM
//! sites show as tables: `||` opens and closes a row, `|` separates its
//! cells, and a cell may hold several lines and paragraphs. The first row is
//! the header. Pipes inside code spans and fenced blocks are text.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::table::{cell_from_lines, is_line_break_tag, Block, Cell, Read, Row};
use crate::pipeline::source::SourceFile;

/// A multiline table: its rows (the first is the header) and its byte range,
/// from the `#|` line to the end of the `|#` line.
struct YfmTable {
    rows: Vec<Row>,
    span: Range<usize>,
}

/// Every multiline table of `src`, in order, as the stretch of the document
/// it takes: markdown reads these lines as paragraphs, so they are found first.
pub(crate) fn find(src: &SourceFile) -> Vec<Read> {
    find_tables(src)
        .into_iter()
        .map(|table| {
            let mut blocks = vec![Block::TableStart];
            let mut rows = table.rows.into_iter();
            if let Some(header) = rows.next() {
                blocks.push(Block::Table {
                    header,
                    rows: rows.collect(),
                    section: None,
                });
            }
            Read {
                start: table.span.start,
                end: table.span.end,
                blocks,
            }
        })
        .collect()
}

/// Every multiline table of `src`, outside fenced code blocks, in order. A
/// table without its closing `|#` runs to the end of the file.
fn find_tables(src: &SourceFile) -> Vec<YfmTable> {
    let text = src.text();
    let mut tables = Vec::new();
    let mut fence: Option<&str> = None;
    let mut line = 1;
    while line <= src.line_count() {
        let range = src.line_range(line);
        let trimmed = text[range.clone()].trim();
        match fence {
            Some(marker) if trimmed.starts_with(marker) => fence = None,
            Some(_) => {}
            None if trimmed.starts_with("```") => fence = Some("```"),
            None if trimmed.starts_with("~~~") => fence = Some("~~~"),
            None if trimmed == "#|" => {
                let table = read_table(src, range.end);
                line = src.line_of(table.span.end.saturating_sub(1)).max(line);
                tables.push(YfmTable {
                    rows: table.rows,
                    span: range.start..table.span.end,
                });
            }
            None => {}
        }
        line += 1;
    }
    tables
}

/// Reads rows from `start` (just after a `#|` line) to the `|#` that closes them.
fn read_table(src: &SourceFile, start: usize) -> YfmTable {
    let text = src.text();
    let bytes = text.as_bytes();
    let mut rows = Vec::new();
    // The open row: where it starts, and its cells so far.
    let mut row: Option<(usize, Vec<Cell>)> = None;
    // The open cell's start.
    let mut cell_start = 0;
    let mut i = start;
    while i < bytes.len() {
        match bytes[i] {
            b'`' => {
                i = skip_code(text, i);
                continue;
            }
            b'|' if bytes.get(i + 1) == Some(&b'|') => {
                match row.take() {
                    Some((row_start, mut cells)) => {
                        cells.push(cell(text, cell_start..i));
                        rows.push(Row {
                            cells,
                            span: row_start..i + 2,
                            line: src.line_of(row_start),
                        });
                    }
                    None => {
                        row = Some((i, Vec::new()));
                        cell_start = i + 2;
                    }
                }
                i += 2;
                continue;
            }
            b'|' if row.is_some() => {
                if let Some((_, cells)) = row.as_mut() {
                    cells.push(cell(text, cell_start..i));
                }
                cell_start = i + 1;
            }
            b'|' if bytes.get(i + 1) == Some(&b'#') => {
                let end = text[i..].find('\n').map_or(text.len(), |n| i + n + 1);
                return YfmTable {
                    rows,
                    span: start..end,
                };
            }
            _ => {}
        }
        i += 1;
    }
    if let Some((row_start, mut cells)) = row {
        cells.push(cell(text, cell_start..text.len()));
        rows.push(Row {
            cells,
            span: row_start..text.len(),
            line: src.line_of(row_start),
        });
    }
    YfmTable {
        rows,
        span: start..text.len(),
    }
}

/// The offset after the code span or fence that opens at `at` (a run of
/// backticks), or after the run itself when nothing closes it.
fn skip_code(text: &str, at: usize) -> usize {
    let run = text[at..].bytes().take_while(|&b| b == b'`').count();
    let marker = &text[at..at + run];
    let after = at + run;
    // The closing run must be exactly as long.
    let mut from = after;
    while let Some(found) = text[from..].find(marker) {
        let close = from + found;
        let len = text[close..].bytes().take_while(|&b| b == b'`').count();
        if len == run {
            return close + run;
        }
        from = close + len;
    }
    after
}

/// A cell from its markdown: text as shown (paragraphs and breaks as lines).
fn cell(text: &str, span: Range<usize>) -> Cell {
    let markdown = &text[span.clone()];
    let mut shown = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => shown.push_str(&t),
            Event::SoftBreak => shown.push(' '),
            Event::HardBreak | Event::End(TagEnd::Paragraph | TagEnd::Item) => shown.push('\n'),
            Event::Start(Tag::Item) => shown.push('\n'),
            Event::InlineHtml(html) | Event::Html(html) if is_line_break_tag(&html) => {
                shown.push('\n')
            }
            _ => {}
        }
    }
    let trimmed = markdown.trim();
    let at = span.start + (markdown.len() - markdown.trim_start().len());
    let span = if trimmed.is_empty() {
        span
    } else {
        at..at + trimmed.len()
    };
    cell_from_lines(&shown, trimmed, span)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(row: &Row) -> Vec<&str> {
        row.cells.iter().map(|c| c.text.as_str()).collect()
    }

    #[test]
    fn rows_cells_and_lines() {
        let md = "# T\n\n#|\n|| **HTTP** | **Error code** | **Description** ||\n|| 301 | `PermanentRedirect` | Moved. ||\n|| 400 | `Bad|Code` | Two paragraphs.\n\n\nAnd a line<br/>break. ||\n|#\n\nAfter.\n";
        let src = SourceFile::new("t.md", md);
        let tables = find_tables(&src);
        assert_eq!(tables.len(), 1);
        let rows = &tables[0].rows;
        assert_eq!(texts(&rows[0]), ["HTTP", "Error code", "Description"]);
        assert_eq!(texts(&rows[1]), ["301", "PermanentRedirect", "Moved."]);
        assert_eq!(
            texts(&rows[2]),
            ["400", "Bad|Code", "Two paragraphs. And a line break."]
        );
        assert_eq!(
            rows[2].cells[2].lines,
            ["Two paragraphs.", "And a line", "break."]
        );
        assert_eq!(rows.iter().map(|r| r.line).collect::<Vec<_>>(), [4, 5, 6]);
        assert_eq!(&md[rows[1].cells[1].span.clone()], "`PermanentRedirect`");
        assert_eq!(&md[tables[0].span.clone()][..2], "#|");
        assert!(md[tables[0].span.clone()].ends_with("|#\n"));
    }

    #[test]
    fn fenced_code_and_unclosed_tables() {
        let md = "```\n#|\n|| a ||\n|#\n```\n\n#|\n|| A | B ||\n|| 1 | 2";
        let tables = find_tables(&SourceFile::new("t.md", md));
        assert_eq!(tables.len(), 1);
        assert_eq!(texts(&tables[0].rows[1]), ["1", "2"]);
        assert_eq!(tables[0].span.end, md.len());
        // A code span closes at a run of its own length, past longer ones.
        let md = "#|\n|| A | B ||\n|| `` x ``` | y `` | z ||\n|#\n";
        let tables = find_tables(&SourceFile::new("t.md", md));
        assert_eq!(texts(&tables[0].rows[1]), ["x ``` | y", "z"]);
        // Only the fence's own marker closes it.
        let md = "~~~\n```\n#|\n|| a ||\n|#\n~~~\n";
        assert!(find_tables(&SourceFile::new("t.md", md)).is_empty());
    }
}
