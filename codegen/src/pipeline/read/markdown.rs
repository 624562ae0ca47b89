//! Markdown → blocks: headings, captions, title lines and pipe tables, read
//! with pulldown-cmark. The host format: it hands each HTML block to the HTML
//! reader and passes over the stretches other readers found (multiline
//! tables), without knowing either.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::table::{cell_from_lines, collapse, is_line_break_tag, Block, Read, Row, Section};
use super::title::{caption_label_len, is_title_like, without_caption_label};
use crate::pipeline::source::SourceFile;

/// Reads the blocks of `src` in source order. `embedded` are stretches other
/// readers found beforehand (markdown reads them as paragraphs), by start;
/// `html` reads an HTML block from its start to its end, and may read past it.
pub(crate) fn read(
    src: &SourceFile,
    embedded: Vec<Read>,
    mut html: impl FnMut(&SourceFile, usize, usize) -> Read,
) -> Vec<Block> {
    // Front matter (`---` … `---`) is metadata, not a heading or a paragraph.
    // Footnote definitions hold blocks, tables among them, as readers see them.
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_FOOTNOTES;
    let parser = Parser::new_ext(src.text(), options).into_offset_iter();
    let mut reader = Reader {
        src,
        blocks: Vec::new(),
        inline: String::new(),
        emphasis_depth: 0,
        plain_text_seen: false,
        opening_bold: None,
        in_block: false,
        header: None,
        rows: Vec::new(),
        row: None,
        in_cell: false,
    };
    // Events before this offset belong to a stretch another reader read.
    let mut skip_until = 0;
    let mut embedded = embedded.into_iter().peekable();
    for (event, range) in parser {
        while let Some(read) = embedded.next_if(|r| r.start <= range.start) {
            if read.start >= skip_until {
                skip_until = read.end;
                reader.blocks.extend(read.blocks);
            }
        }
        if range.start < skip_until {
            continue;
        }
        if let Event::Start(Tag::HtmlBlock) = event {
            let read = html(src, range.start, range.end);
            reader.blocks.extend(read.blocks);
            skip_until = read.end;
            continue;
        }
        reader.event(event, range);
    }
    for read in embedded.filter(|r| r.start >= skip_until) {
        reader.blocks.extend(read.blocks);
    }
    reader.blocks
}

/// The state of one pass over the markdown events.
struct Reader<'a> {
    src: &'a SourceFile,
    blocks: Vec<Block>,
    /// Inline text being collected, for a heading, a paragraph or a cell.
    inline: String,
    /// Inside a paragraph: depth of bold/emphasis, and whether any text fell outside it.
    emphasis_depth: usize,
    plain_text_seen: bool,
    /// Inside a paragraph: whether it opened with bold text, and that text.
    opening_bold: Option<String>,
    in_block: bool,
    header: Option<Row>,
    rows: Vec<Row>,
    row: Option<Row>,
    in_cell: bool,
}

impl Reader<'_> {
    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(Tag::Heading { .. }) | Event::Start(Tag::Paragraph) if !self.in_cell => {
                self.blocks.push(Block::Other);
                self.inline.clear();
                self.emphasis_depth = 0;
                self.plain_text_seen = false;
                self.opening_bold = None;
                self.in_block = true;
            }
            Event::End(TagEnd::Heading(_)) => {
                self.in_block = false;
                let title = collapse(&self.inline);
                let heading = (!title.is_empty()).then_some(Section { title, span: range });
                self.blocks.push(Block::Heading(heading));
            }
            Event::End(TagEnd::Paragraph) => self.end_paragraph(range),
            Event::Start(Tag::Strong)
                if self.in_block && !self.in_cell && self.inline.trim().is_empty() =>
            {
                self.emphasis_depth += 1;
                self.opening_bold = Some(String::new());
            }
            Event::Start(Tag::Strong | Tag::Emphasis) => self.emphasis_depth += 1,
            Event::End(TagEnd::Strong) if self.opening_bold.as_deref() == Some("") => {
                self.emphasis_depth = self.emphasis_depth.saturating_sub(1);
                self.opening_bold = Some(collapse(&self.inline));
            }
            Event::End(TagEnd::Strong | TagEnd::Emphasis) => {
                self.emphasis_depth = self.emphasis_depth.saturating_sub(1)
            }
            Event::Start(
                Tag::List(_) | Tag::CodeBlock(_) | Tag::BlockQuote(_) | Tag::FootnoteDefinition(_),
            )
            | Event::Rule => {
                self.blocks.push(Block::Other);
            }
            Event::Start(Tag::Table(_)) => {
                self.blocks.push(Block::TableStart);
                self.header = None;
                self.rows.clear();
            }
            Event::Text(t) | Event::Code(t) => {
                if self.in_block && self.emphasis_depth == 0 && !t.trim().is_empty() {
                    self.plain_text_seen = true;
                }
                self.inline.push_str(&t);
            }
            Event::InlineHtml(html) | Event::Html(html) if is_line_break_tag(&html) => {
                self.inline.push('\n')
            }
            // A footnote reference stays in the text as written (`[^1]`).
            Event::FootnoteReference(label) => {
                self.inline.push_str("[^");
                self.inline.push_str(&label);
                self.inline.push(']');
            }
            Event::HardBreak => self.inline.push('\n'),
            Event::SoftBreak => self.inline.push(' '),
            event => self.table_event(event, range),
        }
    }

    /// A paragraph of bold text (or a caption) names the section; a short
    /// title-like one names the table right after it.
    fn end_paragraph(&mut self, range: Range<usize>) {
        self.in_block = false;
        let text = collapse(&self.inline);
        let captioned = self
            .opening_bold
            .as_deref()
            .is_some_and(|bold| caption_label_len(bold) == bold.len());
        let section = || Section {
            title: without_caption_label(text.clone()),
            span: range.clone(),
        };
        if (!self.plain_text_seen || captioned) && !text.is_empty() {
            self.blocks.push(Block::Heading(Some(section())));
        } else if is_title_like(&text) && lines_with_text(&self.src.text()[range.clone()]) == 1 {
            self.blocks.push(Block::TitleLine(section()));
        }
    }

    /// Rows and cells of a pipe table.
    fn table_event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                self.row = Some(Row {
                    cells: Vec::new(),
                    line: self.src.line_of(range.start),
                    span: range,
                });
            }
            Event::End(TagEnd::TableHead) => self.header = self.row.take(),
            Event::End(TagEnd::TableRow) => self.rows.extend(self.row.take()),
            Event::Start(Tag::TableCell) => {
                self.in_cell = true;
                self.inline.clear();
            }
            Event::End(TagEnd::TableCell) => {
                self.in_cell = false;
                if let Some(row) = self.row.as_mut() {
                    let markdown = cell_markdown(&self.src.text()[range.clone()]);
                    row.cells
                        .push(cell_from_lines(&self.inline, &markdown, range));
                }
            }
            Event::End(TagEnd::Table) => {
                if let Some(mut header) = self.header.take() {
                    let mut rows = std::mem::take(&mut self.rows);
                    // An empty header row (common in converted documents): the
                    // first row is what readers take for the header.
                    if header.cells.iter().all(|c| c.text.is_empty()) && !rows.is_empty() {
                        header = rows.remove(0);
                    }
                    self.blocks.push(Block::Table {
                        header,
                        rows,
                        section: None,
                    });
                }
            }
            _ => {}
        }
    }
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

#[cfg(test)]
mod tests {
    use super::super::title::caption_label_len;
    use crate::pipeline::read::{read_tables, Row, Table};
    use crate::pipeline::source::SourceFile;

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
