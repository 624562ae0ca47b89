//! Step 1: markdown → tables. Knows pulldown-cmark (and, for HTML table
//! blocks, the `html` module); knows nothing of error codes.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::source::SourceFile;
use crate::{html, yfm};

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
}

impl Table {
    /// The title of the table's section, if it has one.
    pub fn section_title(&self) -> Option<&str> {
        self.section.as_ref().map(|s| s.title.as_str())
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

/// Reads every table of `src`, pipe tables and HTML `<table>` blocks, in source order.
pub fn read_tables(src: &SourceFile) -> Vec<Table> {
    let text = src.text();
    // Front matter (`---` … `---`) is metadata, not a heading or a paragraph.
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let parser = Parser::new_ext(text, options).into_offset_iter();

    let mut tables = Vec::new();
    let mut section: Option<Section> = None;
    // Inline text being collected, for a heading, a paragraph or a cell.
    let mut inline = String::new();
    // Inside a paragraph: depth of bold/emphasis, and whether any text fell outside it.
    let mut emphasis_depth = 0usize;
    let mut plain_text_seen = false;
    // Inside a paragraph: whether it opened with bold text, and that text.
    let mut opening_bold: Option<String> = None;
    // A short title-like paragraph (`3XX Type Error`), which names the table right after it.
    let mut title_line: Option<Section> = None;
    let mut in_block = false;
    // Events before this offset belong to an HTML table already read.
    let mut skip_until = 0;
    let mut header: Option<Row> = None;
    let mut rows: Vec<Row> = Vec::new();
    let mut row: Option<Row> = None;
    let mut in_cell = false;

    // Multiline tables (`#|` … `|#`) are found apart: markdown reads them as paragraphs.
    let mut multiline = yfm::find_tables(src).into_iter().peekable();
    let take_multiline = |table: yfm::YfmTable,
                          tables: &mut Vec<Table>,
                          section: &mut Option<Section>,
                          title_line: &mut Option<Section>| {
        if let Some(title) = title_line.take() {
            *section = Some(title);
        }
        let mut rows = table.rows.into_iter();
        if let Some(header) = rows.next() {
            tables.push(Table {
                header,
                rows: rows.collect(),
                section: section.clone(),
            });
        }
    };
    for (event, range) in parser {
        while let Some(table) = multiline.next_if(|t| t.span.start <= range.start) {
            if table.span.start >= skip_until {
                skip_until = table.span.end;
                take_multiline(table, &mut tables, &mut section, &mut title_line);
            }
        }
        if range.start < skip_until {
            continue;
        }
        match event {
            // HTML blocks hold tables, and headings that name the sections after them.
            Event::Start(Tag::HtmlBlock) => {
                if let Some(title) = title_line.take() {
                    if starts_with_table(&text[range.clone()]) {
                        section = Some(title);
                    }
                }
                let read = html::read_tables(src, range.start, range.end, &mut section);
                tables.extend(read.tables);
                skip_until = read.end;
                title_line = read.title_line;
            }
            Event::Start(Tag::Heading { .. }) | Event::Start(Tag::Paragraph) if !in_cell => {
                title_line = None;
                inline.clear();
                emphasis_depth = 0;
                plain_text_seen = false;
                opening_bold = None;
                in_block = true;
            }
            Event::End(TagEnd::Heading(_)) => {
                in_block = false;
                section = non_empty(collapse(&inline)).map(|title| Section { title, span: range });
            }
            Event::End(TagEnd::Paragraph) => {
                in_block = false;
                let text = collapse(&inline);
                let captioned = opening_bold
                    .as_deref()
                    .is_some_and(|bold| caption_label_len(bold) == bold.len());
                if (!plain_text_seen || captioned) && !text.is_empty() {
                    section = Some(Section {
                        title: without_caption_label(text),
                        span: range,
                    });
                } else if is_title_like(&text) && lines_with_text(&src.text()[range.clone()]) == 1 {
                    title_line = Some(Section {
                        title: without_caption_label(text),
                        span: range,
                    });
                }
            }
            Event::Start(Tag::Strong) if in_block && !in_cell && inline.trim().is_empty() => {
                emphasis_depth += 1;
                opening_bold = Some(String::new());
            }
            Event::Start(Tag::Strong | Tag::Emphasis) => emphasis_depth += 1,
            Event::End(TagEnd::Strong) if opening_bold.as_deref() == Some("") => {
                emphasis_depth = emphasis_depth.saturating_sub(1);
                opening_bold = Some(collapse(&inline));
            }
            Event::End(TagEnd::Strong | TagEnd::Emphasis) => {
                emphasis_depth = emphasis_depth.saturating_sub(1)
            }
            Event::Start(Tag::List(_) | Tag::CodeBlock(_) | Tag::BlockQuote(_)) | Event::Rule => {
                title_line = None;
            }
            Event::Start(Tag::Table(_)) => {
                if let Some(title) = title_line.take() {
                    section = Some(title);
                }
                header = None;
                rows.clear();
            }
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                row = Some(Row {
                    cells: Vec::new(),
                    line: src.line_of(range.start),
                    span: range,
                });
            }
            Event::End(TagEnd::TableHead) => header = row.take(),
            Event::End(TagEnd::TableRow) => rows.extend(row.take()),
            Event::Start(Tag::TableCell) => {
                in_cell = true;
                inline.clear();
            }
            Event::End(TagEnd::TableCell) => {
                in_cell = false;
                if let Some(row) = row.as_mut() {
                    let markdown = cell_markdown(&text[range.clone()]);
                    row.cells.push(cell_from_lines(&inline, &markdown, range));
                }
            }
            Event::End(TagEnd::Table) => {
                if let Some(mut header) = header.take() {
                    // An empty header row (common in converted documents): the
                    // first row is what readers take for the header.
                    if header.cells.iter().all(|c| c.text.is_empty()) && !rows.is_empty() {
                        header = rows.remove(0);
                    }
                    tables.push(Table {
                        header,
                        rows: std::mem::take(&mut rows),
                        section: section.clone(),
                    });
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if in_block && emphasis_depth == 0 && !t.trim().is_empty() {
                    plain_text_seen = true;
                }
                inline.push_str(&t);
            }
            Event::InlineHtml(html) | Event::Html(html) if is_line_break_tag(&html) => {
                inline.push('\n')
            }
            Event::HardBreak => inline.push('\n'),
            Event::SoftBreak => inline.push(' '),
            _ => {}
        }
    }
    for table in multiline.filter(|t| t.span.start >= skip_until) {
        take_multiline(table, &mut tables, &mut section, &mut title_line);
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

/// Byte length of a table caption label that `text` opens with, such as
/// `表 3`, `表3-1：`, `Table 2.` or `Tab. 4:`; `0` when it has none.
pub(crate) fn caption_label_len(text: &str) -> usize {
    const WORDS: &[&str] = &["table", "tab.", "表格", "表", "표"];
    let Some(word) = WORDS.iter().find(|w| {
        text.get(..w.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(w))
    }) else {
        return 0;
    };
    let rest = &text[word.len()..];
    let number = rest.trim_start();
    let digits = number.len()
        - number
            .trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | '-' | '_'))
            .len();
    if !number[..digits].starts_with(|c: char| c.is_ascii_digit()) {
        return 0;
    }
    let after = &number[digits..];
    // The label must end here: at the end, a space or a colon, not inside a word.
    let after_colon = after.strip_prefix([':', '：']).unwrap_or(after);
    if !after_colon.is_empty()
        && after_colon.len() == after.len()
        && !after.starts_with(char::is_whitespace)
    {
        return 0;
    }
    let label_end = text.len() - after_colon.len();
    label_end + (after_colon.len() - after_colon.trim_start().len())
}

/// A section title without the caption label it opens with; the label
/// alone when nothing follows it.
pub(crate) fn without_caption_label(text: String) -> String {
    let len = caption_label_len(&text);
    if len == 0 || len == text.len() {
        return text;
    }
    text[len..].trim().to_owned()
}

/// Whether a paragraph reads as a title rather than a sentence or a note:
/// one short line with a letter in it, no colon and no closing punctuation
/// (`3XX Type Error`, not `The codes are listed below:` or `Note: see below`).
pub(crate) fn is_title_like(text: &str) -> bool {
    const MAX_CHARS: usize = 50;
    let text = text.trim();
    !text.is_empty()
        && !text.contains('\n')
        && text.chars().count() <= MAX_CHARS
        && text.chars().any(char::is_alphabetic)
        && !text.contains([':', '：'])
        && !text.ends_with([
            '.', ':', ';', ',', '!', '?', '。', '：', '；', '，', '！', '？', '…',
        ])
}

/// How many lines of `raw` show text: lines of nothing but tags (an
/// anchor such as `<a name="x"></a>`) do not count.
fn lines_with_text(raw: &str) -> usize {
    raw.lines()
        .filter(|line| {
            let mut in_tag = false;
            line.chars().any(|c| match c {
                '<' => {
                    in_tag = true;
                    false
                }
                '>' if in_tag => {
                    in_tag = false;
                    false
                }
                _ => !in_tag && !c.is_whitespace(),
            })
        })
        .count()
}

/// Whether an HTML block opens with a `<table>` (after any comments or anchors).
fn starts_with_table(html: &str) -> bool {
    let mut rest = html.trim_start();
    loop {
        let opens = |tag: &str| {
            rest.get(..tag.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(tag))
        };
        if opens("<table") {
            return true;
        }
        // Skip an empty anchor or a comment before the table.
        let skipped = if rest.starts_with("<!--") {
            rest.find("-->").map(|i| i + 3)
        } else if opens("<a ") || opens("<a>") {
            rest.find("</a>").map(|i| i + 4)
        } else {
            None
        };
        match skipped {
            Some(n) => rest = rest[n..].trim_start(),
            None => return false,
        }
    }
}

fn non_empty(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
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

fn cell_markdown(raw: &str) -> String {
    let raw = raw.trim();
    let raw = raw.strip_prefix('|').unwrap_or(raw);
    let raw = match raw.strip_suffix('|') {
        Some(rest) if !rest.ends_with('\\') => rest,
        _ => raw,
    };
    // Collapsed with the rest of the cell by `cell_from_lines`.
    raw.replace("\\|", "|")
}

pub(crate) fn is_line_break_tag(html: &str) -> bool {
    let tag = html.trim().trim_start_matches('<').trim_end_matches('>');
    let tag = tag.trim_end_matches('/').trim();
    tag.eq_ignore_ascii_case("br")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tables(md: &str) -> Vec<Table> {
        read_tables(&SourceFile::new("t.md", md))
    }

    fn texts(row: &Row) -> Vec<&str> {
        row.cells.iter().map(|c| c.text.as_str()).collect()
    }

    #[test]
    fn cell_text_is_plain_and_markdown_is_kept() {
        let t = tables(
            "| A | B |\n|---|---|\n| `x_y` and [link](http://e) | *em* <b>bold</b> a<br>b \\| c |\n",
        );
        let row = &t[0].rows[0];
        assert_eq!(texts(row), ["x_y and link", "em bold a b | c"]);
        assert_eq!(row.cells[0].markdown, "`x_y` and [link](http://e)");
        assert_eq!(row.cells[1].markdown, "*em* <b>bold</b> a<br>b | c");
        assert_eq!(row.line, 3);
        assert_eq!(t[0].header.line, 1);
    }

    #[test]
    fn escaped_pipe_inside_code_span_is_a_pipe() {
        let t = tables("| A |\n|---|\n| `a\\|b` |\n");
        assert_eq!(texts(&t[0].rows[0]), ["a|b"]);
    }

    #[test]
    fn section_is_nearest_heading_or_bold_paragraph() {
        let md = "# Top\n\n**Bold `x` part**\n\nplain words follow.\n\n| A |\n|---|\n| 1 |\n\n## Next\n\nmixed **bold** text.\n\n| B |\n|---|\n| 2 |\n";
        let t = tables(md);
        assert_eq!(t[0].section_title(), Some("Bold x part"));
        assert_eq!(t[1].section_title(), Some("Next"));
    }

    #[test]
    fn no_section_before_first_heading() {
        let t = tables("| A |\n|---|\n| 1 |\n");
        assert_eq!(t[0].section, None);
    }

    #[test]
    fn short_rows_have_fewer_cells_and_crlf_lines_count() {
        let t = tables("| A | B |\r\n|---|---|\r\n| 1 |\r\n");
        assert!(t[0].rows[0].cell(1).is_none_or(|c| c.text.is_empty()));
        assert_eq!(t[0].rows[0].line, 3);
    }

    #[test]
    fn heading_attributes_and_front_matter_are_not_text() {
        let md = "---\ntitle: x\n---\n\n## Errors {#section_x .section}\n\n| A |\n|---|\n| 1 |\n";
        let t = tables(md);
        assert_eq!(t[0].section_title(), Some("Errors"));
        assert_eq!(t[0].header.line, 7);
    }

    #[test]
    fn a_title_line_right_before_a_table_names_it() {
        let sections = |md: &str| -> Vec<Option<String>> {
            tables(md)
                .iter()
                .map(|t| t.section_title().map(str::to_owned))
                .collect()
        };
        let title = Some("3XX Type Error".to_owned());
        let top = Some("Top".to_owned());
        let pipe = "| A |\n|---|\n| 1 |\n";
        let html = "<table><tr><th>A</th></tr><tr><td>1</td></tr></table>\n";
        assert_eq!(
            sections(&format!("# Top\n\n3XX Type Error\n\n{pipe}")),
            vec![title.clone()]
        );
        assert_eq!(
            sections(&format!("# Top\n\n3XX Type Error\n{html}")),
            vec![title.clone()]
        );
        assert_eq!(
            sections(&format!(
                "# Top\n\n3XX Type Error\n<a name=\"x\"></a>\n<!-- c -->{html}"
            )),
            vec![title.clone()]
        );
        // Any other HTML first (here with a character of several bytes): the heading stands.
        assert_eq!(
            sections(&format!(
                "# Top\n\n3XX Type Error\n<div>说明。</div>\n{html}"
            )),
            vec![top.clone()]
        );
        // A caption label is dropped, as from a bold caption.
        assert_eq!(
            sections(&format!("# Top\n\nTable 2 3XX Type Error\n\n{pipe}")),
            vec![title.clone()]
        );
        // A sentence, a long line or a paragraph in between: the heading stands.
        for before in [
            "The codes are listed below:\n\n",
            "3XX Type Error\n\nSome more words.\n\n",
            "A line that goes on far too long to be the title of a table\n\n",
            "3XX\nType Error\n\n",
        ] {
            assert_eq!(
                sections(&format!("# Top\n\n{before}{pipe}")),
                vec![top.clone()],
                "{before}"
            );
        }
        // A title line at the end of an HTML block names the table of the next block.
        let md = format!("# Top\n\n{html}5XX Type Error\n\n{html}");
        assert_eq!(
            sections(&md),
            [top.clone(), Some("5XX Type Error".to_owned())]
        );
        let t = tables(&md);
        let span = t[1].section.as_ref().unwrap().span.clone();
        assert_eq!(&md[span], "5XX Type Error");
    }

    #[test]
    fn a_caption_names_the_table_after_it_without_its_label() {
        let section = |caption: &str| {
            let md = format!("# Top\n\n{caption}\n\n| A |\n|---|\n| 1 |\n");
            tables(&md).remove(0).section.map(|s| s.title)
        };
        assert_eq!(section("**表 3** OEF错误码").as_deref(), Some("OEF错误码"));
        assert_eq!(
            section("**表3-1：** 服务端错误码").as_deref(),
            Some("服务端错误码")
        );
        assert_eq!(
            section("**Table 2.** Bucket errors").as_deref(),
            Some("Bucket errors")
        );
        assert_eq!(
            section("**Table 2: Bucket errors**").as_deref(),
            Some("Bucket errors")
        );
        assert_eq!(section("**表 3**").as_deref(), Some("表 3"));
        // Bold text that is not a label, then plain text: an ordinary paragraph
        // (a note, or a sentence; a short title line would name the table).
        assert_eq!(section("**Note:** see below").as_deref(), Some("Top"));
        assert_eq!(section("**Tablets 3** x.").as_deref(), Some("Top"));
        assert_eq!(section("**Tablets 3** x").as_deref(), Some("Tablets 3 x"));
    }

    #[test]
    fn caption_labels_end_at_a_word_boundary() {
        assert_eq!(caption_label_len("表 3 OEF"), "表 3 ".len());
        assert_eq!(caption_label_len("Table 12: x"), "Table 12: ".len());
        assert_eq!(caption_label_len("Tab. 4"), 6);
        assert_eq!(caption_label_len("Table x"), 0);
        assert_eq!(caption_label_len("Table 3x"), 0);
        assert_eq!(caption_label_len("表格"), 0);
    }

    #[test]
    fn line_breaks_split_a_cell_into_lines_and_invisible_characters_go() {
        let t = tables("| A |\n|---|\n| 400 Bad<br>403 <br/> | \n| No\u{200B}Such\u{FEFF}Key |\n");
        assert_eq!(t[0].rows[0].cells[0].lines, ["400 Bad", "403"]);
        assert_eq!(t[0].rows[0].cells[0].text, "400 Bad 403");
        assert_eq!(t[0].rows[1].cells[0].text, "NoSuchKey");
    }

    #[test]
    fn written_counts_the_cells_of_the_source() {
        let t = tables("| A | B | C |\n|---|---|---|\n| 1 |\n| 1 | | 3 |\n| 1 | 2 | 3 | 4 |\n");
        let written: Vec<usize> = t[0].rows.iter().map(Row::written).collect();
        assert_eq!(written, [1, 3, 3]);
    }

    #[test]
    fn an_empty_header_row_gives_way_to_the_first_row() {
        let t = tables("|  |  |\n|---|---|\n| Code | Status |\n| A | 400 |\n");
        assert_eq!(texts(&t[0].header), ["Code", "Status"]);
        assert_eq!(t[0].header.line, 3);
        assert_eq!(t[0].rows.len(), 1);
    }
}
