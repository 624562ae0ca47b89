//! HTML `<table>` blocks → blocks, for documents that write their tables in
//! HTML (which GitHub renders like pipe tables). Tokenized with html5gum;
//! cells are read as a browser shows them: tags dropped, character references
//! decoded, `<br>` and block tags as line breaks, `rowspan` and `colspan`
//! filled in. Headings, captions, group rows and title lines name sections.

use std::ops::Range;

use html5gum::{DefaultEmitter, Token, Tokenizer};

use super::table::{cell_from_lines, collapse, Block, Cell, Read, Row, Section};
use super::title::{is_title_like, without_caption_label};
use crate::pipeline::source::SourceFile;

/// Browsers cap `colspan` at 1000 and `rowspan` at 65534; so do we.
const MAX_COLSPAN: usize = 1000;
const MAX_ROWSPAN: usize = 65534;
/// Spans fill a row up to this many columns: an error table has a handful.
const MAX_COLUMNS: usize = 64;
/// Spans copy cells at most this many times the document's size (plus a
/// floor), so that `rowspan="0" colspan="1000"` over thousands of rows
/// cannot make a small document fill memory; past it, spans stop.
const SPAN_COPY_FACTOR: usize = 16;
const SPAN_COPY_FLOOR: usize = 1 << 20;

/// Reads the HTML from `start`: every table that opens before `block_end`,
/// followed to its `</table>` even past the block (a blank line inside an
/// HTML table ends pulldown-cmark's block, not the table). `copied` is the
/// document's running count of bytes copied by spans, against one budget.
pub(crate) fn read(src: &SourceFile, start: usize, block_end: usize, copied: &mut usize) -> Read {
    let html = &src.text()[start..];
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    // Switch to raw text inside `<script>`, `<style>` and the like, as a browser does.
    emitter.naively_switch_states(true);
    // A title line before the block names a table only when the block opens with it.
    let opening = if starts_with_table(&src.text()[start..block_end]) {
        Block::TableStart
    } else {
        Block::Other
    };
    let mut reader = Reader {
        src,
        base: start,
        blocks: vec![opening],
        table: None,
        depth: 0,
        heading: None,
        loose: None,
        copied: *copied,
    };
    let mut end = block_end;
    for token in Tokenizer::new_with_emitter(html, emitter) {
        let Ok(token) = token;
        let span = token_span(&token);
        let (token_start, token_end) = (start + span.start, start + span.end);
        // Outside a table, nothing past the block is HTML's: a text token may
        // run on into the markdown after it.
        if reader.depth == 0 && token_start >= block_end {
            break;
        }
        let in_table = reader.depth > 0;
        reader.token(token);
        if in_table || reader.depth > 0 {
            end = end.max(token_end);
        }
        if reader.depth == 0 && token_end >= block_end {
            break;
        }
    }
    reader.close_table(src.text().len());
    *copied = reader.copied;
    // A title line the HTML ends with names a table in the next block.
    if let Some(title) = reader.loose.take().and_then(|loose| title_line(src, loose)) {
        reader.blocks.push(Block::TitleLine(title));
    }
    Read {
        start,
        end,
        blocks: reader.blocks,
    }
}

/// Text outside tables since the last block started, and where it is written.
struct Loose {
    text: String,
    span: Range<usize>,
    /// A block ended after the text: more text starts another line.
    sealed: bool,
}

/// Tags that go on with the text around them.
fn is_inline(name: &str) -> bool {
    matches!(
        name,
        "a" | "b"
            | "strong"
            | "em"
            | "i"
            | "u"
            | "span"
            | "code"
            | "font"
            | "small"
            | "big"
            | "mark"
    )
}

/// Elements whose content is not shown as text.
fn is_raw_text(name: &str) -> bool {
    matches!(name, "style" | "script" | "template" | "textarea" | "title")
}

/// Text outside tables, as a section when it reads as a title; its span is
/// the text as written, without the space around it.
fn title_line(src: &SourceFile, Loose { text, span, .. }: Loose) -> Option<Section> {
    let title = collapse(&text);
    let raw = src.text().get(span.clone())?;
    let at = span.start + (raw.len() - raw.trim_start().len());
    is_title_like(&title).then(|| Section {
        title: without_caption_label(title),
        span: at..at + raw.trim().len(),
    })
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

fn token_span(token: &Token<usize>) -> Range<usize> {
    let span = match token {
        Token::StartTag(t) => t.span,
        Token::EndTag(t) => t.span,
        Token::String(s) => s.span,
        Token::Comment(c) => c.span,
        Token::Doctype(d) => d.span,
        Token::Error(e) => e.span,
    };
    span.start..span.end
}

struct Reader<'a> {
    src: &'a SourceFile,
    /// Offset of the tokenized text in the source.
    base: usize,
    blocks: Vec<Block>,
    table: Option<TableBuilder>,
    /// Table nesting depth; only the outermost table's rows are read.
    depth: usize,
    /// Text of an `<h1>`–`<h6>` being read outside tables, and where it starts.
    heading: Option<(String, usize)>,
    /// Text outside tables since the last block began: a title line just
    /// before a table names it (`5XX Type Error` after a `</table>`).
    loose: Option<Loose>,
    /// Bytes of cells copied by spans in the document so far, against the
    /// budget: carried into each table and back out of it.
    copied: usize,
}

#[derive(Default)]
struct TableBuilder {
    header: Option<Row>,
    rows: Vec<Row>,
    /// Rows before the last group row, each group with its section.
    groups: Vec<(Option<Section>, Vec<Row>)>,
    /// The table's own section for the rows being read: its caption, or the
    /// last group row (one cell across the table); `None` for the one in force.
    section: Option<Section>,
    /// Text of the `<caption>` being read, and where it starts.
    caption: Option<(String, usize)>,
    in_thead: bool,
    row: Option<RowBuilder>,
    cell: Option<CellBuilder>,
    /// Cells carried down by `rowspan`: `(column, rows left, cell)`.
    carried: Vec<(usize, usize, Cell)>,
    /// Bytes of cells copied by spans so far, against the budget.
    copied: usize,
}

struct RowBuilder {
    start: usize,
    end: usize,
    cells: Vec<(CellBuilder, Cell)>,
    in_thead: bool,
}

struct CellBuilder {
    start: usize,
    /// Where the content starts (after the start tag) and ends.
    inner: Range<usize>,
    end: usize,
    text: String,
    header: bool,
    colspan: usize,
    rowspan: usize,
}

impl Reader<'_> {
    fn token(&mut self, token: Token<usize>) {
        match token {
            Token::StartTag(tag) => {
                let span = self.base + tag.span.start..self.base + tag.span.end;
                let attr = |name: &[u8]| {
                    tag.attributes
                        .get(name)
                        .and_then(|v| std::str::from_utf8(&v.value).ok())
                        .and_then(|v| v.trim().parse::<usize>().ok())
                };
                let (colspan, rowspan) = (attr(b"colspan"), attr(b"rowspan"));
                self.start_tag(&lower(&tag.name), span, colspan, rowspan);
            }
            Token::EndTag(tag) => {
                let span = self.base + tag.span.start..self.base + tag.span.end;
                self.end_tag(&lower(&tag.name), span);
            }
            Token::String(text) => {
                let span = self.base + text.span.start..self.base + text.span.end;
                let text = String::from_utf8_lossy(&text.value);
                self.text(&text, span);
            }
            Token::Comment(_) | Token::Doctype(_) | Token::Error(_) => {}
        }
    }

    fn start_tag(
        &mut self,
        name: &str,
        span: Range<usize>,
        colspan: Option<usize>,
        rowspan: Option<usize>,
    ) {
        // Inline tags go on with the text; any other tag starts afresh.
        let loose = if is_inline(name) {
            None
        } else {
            self.loose.take()
        };
        if name == "table" {
            self.depth += 1;
            if self.depth == 1 {
                if let Some(title) = loose.and_then(|loose| title_line(self.src, loose)) {
                    self.blocks.push(Block::TitleLine(title));
                }
                self.blocks.push(Block::TableStart);
                self.table = Some(TableBuilder {
                    copied: self.copied,
                    ..TableBuilder::default()
                });
            }
            return;
        }
        if is_heading(name) && self.depth == 0 {
            self.heading = Some((String::new(), span.start));
            return;
        }
        let outermost = self.depth == 1;
        let Some(table) = self.table.as_mut() else {
            return;
        };
        match name {
            "caption" if outermost => table.caption = Some((String::new(), span.start)),
            "thead" if outermost => {
                table.close_row(self.src);
                table.in_thead = true;
            }
            "tbody" | "tfoot" if outermost => {
                table.close_row(self.src);
                table.in_thead = false;
            }
            "tr" if outermost => {
                table.close_row(self.src);
                table.open_row(&span);
            }
            "td" | "th" if outermost => {
                table.close_cell(self.src, span.start);
                if table.row.is_none() {
                    table.open_row(&span);
                }
                table.cell = Some(CellBuilder {
                    start: span.start,
                    inner: span.end..span.end,
                    end: span.end,
                    text: String::new(),
                    header: name == "th",
                    colspan: colspan.unwrap_or(1).clamp(1, MAX_COLSPAN),
                    rowspan: match rowspan {
                        // `rowspan="0"` spans the rest of the table.
                        Some(0) => MAX_ROWSPAN,
                        other => other.unwrap_or(1).clamp(1, MAX_ROWSPAN),
                    },
                });
            }
            _ if is_break(name) => table.push_text("\n", span.end),
            _ => table.touch(span.end),
        }
    }

    fn end_tag(&mut self, name: &str, span: Range<usize>) {
        // The end of a block seals the text before it: text after it is
        // another line. The end of a style or script drops what it held.
        if is_raw_text(name) {
            self.loose = None;
        } else if !is_inline(name) {
            if let Some(loose) = self.loose.as_mut() {
                loose.sealed = true;
            }
        }
        if name == "table" && self.depth > 0 {
            self.depth -= 1;
            if self.depth == 0 {
                self.close_table(span.end);
            }
            return;
        }
        if is_heading(name) && self.depth == 0 {
            if let Some((text, start)) = self.heading.take() {
                let text = collapse(&text);
                if !text.is_empty() {
                    self.blocks.push(Block::Heading(Some(Section {
                        title: text,
                        span: start..span.end,
                    })));
                }
            }
            return;
        }
        let outermost = self.depth == 1;
        let Some(table) = self.table.as_mut() else {
            return;
        };
        match name {
            "caption" if outermost => {
                if let Some((caption, start)) = table.caption.take() {
                    let caption = collapse(&caption);
                    if !caption.is_empty() {
                        table.section = Some(Section {
                            title: without_caption_label(caption),
                            span: start..span.end,
                        });
                    }
                }
            }
            "td" | "th" if outermost => {
                if let Some(cell) = table.cell.as_mut() {
                    cell.inner.end = span.start;
                    cell.end = span.end;
                }
                table.close_cell(self.src, span.end);
            }
            "tr" | "thead" | "tbody" | "tfoot" if outermost => {
                if let Some(row) = table.row.as_mut() {
                    row.end = span.end;
                }
                table.close_row(self.src);
                if name == "thead" {
                    table.in_thead = false;
                }
            }
            _ if is_break(name) => table.push_text("\n", span.end),
            _ => table.touch(span.end),
        }
    }

    fn text(&mut self, text: &str, span: Range<usize>) {
        let end = span.end;
        if let Some((heading, _)) = self.heading.as_mut() {
            heading.push_str(text);
        } else if self.depth == 0 {
            match self.loose.as_mut() {
                Some(loose) if loose.sealed && text.trim().is_empty() => {}
                Some(loose) if !loose.sealed => {
                    loose.text.push_str(text);
                    loose.span.end = span.end;
                }
                _ => {
                    self.loose = Some(Loose {
                        text: text.to_owned(),
                        span,
                        sealed: false,
                    })
                }
            }
        }
        if let Some(table) = self.table.as_mut() {
            match table.caption.as_mut() {
                Some((caption, _)) => caption.push_str(text),
                None => table.push_text(text, end),
            }
        }
    }

    fn close_table(&mut self, end: usize) {
        let Some(mut table) = self.table.take() else {
            return;
        };
        table.close_cell(self.src, end);
        table.close_row(self.src);
        self.copied = table.copied;
        self.depth = 0;
        let Some(header) = table.header else {
            return;
        };
        // A table split by group rows gives one table per group, each with the same header.
        table.groups.push((table.section, table.rows));
        for (section, rows) in table.groups {
            self.blocks.push(Block::Table {
                header: header.clone(),
                rows,
                section,
            });
        }
    }
}

impl TableBuilder {
    /// Starts a row at the tag spanning `span` (a `<tr>`, or a cell without one).
    fn open_row(&mut self, span: &Range<usize>) {
        self.row = Some(RowBuilder {
            start: span.start,
            end: span.end,
            cells: Vec::new(),
            in_thead: self.in_thead,
        });
    }

    /// Content reached `end`: the open cell and row extend to it.
    fn touch(&mut self, end: usize) {
        if let Some(cell) = self.cell.as_mut() {
            cell.inner.end = end;
            cell.end = end;
        }
        if let Some(row) = self.row.as_mut() {
            row.end = row.end.max(end);
        }
    }

    fn push_text(&mut self, text: &str, end: usize) {
        if let Some(cell) = self.cell.as_mut() {
            cell.text.push_str(text);
        }
        self.touch(end);
    }

    /// Ends the open cell (an end tag, or a tag that closes it implicitly at `at`).
    fn close_cell(&mut self, src: &SourceFile, at: usize) {
        let Some(cell) = self.cell.take() else {
            return;
        };
        let end = cell.end.min(at).max(cell.start);
        let built = CellBuilder { end, ..cell };
        if let Some(row) = self.row.as_mut() {
            row.end = row.end.max(built.end);
            let cell = built.finish(src);
            row.cells.push((built, cell));
        }
    }

    fn close_row(&mut self, src: &SourceFile) {
        self.close_cell(src, usize::MAX);
        let Some(row) = self.row.take() else {
            return;
        };
        if row.cells.is_empty() {
            return;
        }
        let width = self.header.as_ref().map(|h| h.cells.len());
        // A body row made of one cell across the whole table names a group of rows.
        if let (Some(width), [(only, cell)]) = (width, row.cells.as_slice()) {
            if width > 1 && only.colspan >= width && self.carried.is_empty() {
                if !cell.text.is_empty() {
                    let rows = std::mem::take(&mut self.rows);
                    if !rows.is_empty() {
                        self.groups.push((self.section.take(), rows));
                    }
                    self.section = Some(Section {
                        title: cell.text.clone(),
                        span: cell.span.clone(),
                    });
                }
                return;
            }
        }
        let no_rows_yet = self.rows.is_empty() && self.groups.is_empty();
        let header_row = self.header.is_none()
            || (no_rows_yet && (row.in_thead || row.cells.iter().all(|(b, _)| b.header)));
        let budget = SPAN_COPY_FACTOR * src.text().len() + SPAN_COPY_FLOOR;
        let cells = self.lay_out(row.cells, budget);
        let built = Row {
            cells,
            span: row.start..row.end,
            line: src.line_of(row.start),
        };
        if header_row {
            // Of several header rows (`<thead>` or all `<th>`), the last names the columns.
            self.header = Some(built);
        } else {
            self.rows.push(built);
        }
    }

    /// Places written cells into columns, repeating `colspan` cells across and
    /// cells carried down from rows above by `rowspan`, within
    /// [`MAX_COLUMNS`] and a budget of bytes copied.
    fn lay_out(&mut self, written: Vec<(CellBuilder, Cell)>, budget: usize) -> Vec<Cell> {
        let mut cells: Vec<Cell> = Vec::new();
        let mut carried = std::mem::take(&mut self.carried);
        let mut next: Vec<(usize, usize, Cell)> = Vec::new();
        for (builder, cell) in written {
            self.copied += take_carried(&mut cells, &mut carried);
            for nth in 0..builder.colspan {
                let spans = self.copied <= budget && cells.len() < MAX_COLUMNS;
                if nth > 0 && !spans {
                    break;
                }
                if builder.rowspan > 1 && spans {
                    next.push((cells.len(), builder.rowspan - 1, cell.clone()));
                    self.copied += size(&cell);
                }
                if nth > 0 {
                    self.copied += size(&cell);
                }
                cells.push(cell.clone());
            }
        }
        self.copied += take_carried(&mut cells, &mut carried);
        if self.copied > budget {
            carried.clear();
        }
        // Cells carried into columns this short row does not reach: pad up to them.
        while let Some(max) = carried.iter().map(|(col, _, _)| *col).max() {
            if max < cells.len() {
                break;
            }
            // No carried cell is at the next column (`take_carried` took
            // them all): an empty one fills it.
            let at = cells.last().map_or(0, |c| c.span.end);
            cells.push(Cell {
                text: String::new(),
                lines: Vec::new(),
                markdown: String::new(),
                span: at..at,
            });
            take_carried(&mut cells, &mut carried);
        }
        carried.extend(next);
        self.carried = carried;
        cells
    }
}

impl CellBuilder {
    fn finish(&self, src: &SourceFile) -> Cell {
        let inner = self.inner.start..self.inner.end.max(self.inner.start);
        let markdown = src.text().get(inner.clone()).unwrap_or_default();
        // Diagnostics point at the cell's content, or at the whole element when it has none.
        let content = markdown.trim();
        let span = if content.is_empty() {
            self.start..self.end.max(self.start)
        } else {
            let start = inner.start + (markdown.len() - markdown.trim_start().len());
            start..start + content.len()
        };
        cell_from_lines(&self.text, markdown, span)
    }
}

/// Fills the next columns with cells carried down into them; the bytes copied.
fn take_carried(cells: &mut Vec<Cell>, carried: &mut Vec<(usize, usize, Cell)>) -> usize {
    let mut copied = 0;
    while let Some(i) = carried.iter().position(|(col, _, _)| *col == cells.len()) {
        let (_, left, cell) = &mut carried[i];
        copied += size(cell);
        cells.push(cell.clone());
        *left -= 1;
        if *left == 0 {
            carried.remove(i);
        }
    }
    copied
}

/// What copying a cell costs, in bytes (its texts, and a little for itself).
fn size(cell: &Cell) -> usize {
    64 + cell.text.len() + cell.markdown.len() + cell.lines.iter().map(String::len).sum::<usize>()
}

fn lower(name: &[u8]) -> String {
    String::from_utf8_lossy(name).to_ascii_lowercase()
}

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// Tags a browser shows as a line break inside a cell.
fn is_break(name: &str) -> bool {
    matches!(
        name,
        "br" | "p" | "div" | "li" | "ul" | "ol" | "hr" | "dd" | "dt" | "pre"
    )
}

#[cfg(test)]
mod tests {
    use crate::pipeline::read::{read_tables, Table};
    use crate::pipeline::source::SourceFile;

    fn tables(md: &str) -> Vec<Table> {
        read_tables(&SourceFile::new("t.md", md))
    }

    /// Each row's line and cell texts, the header first.
    fn rows(table: &Table) -> Vec<(usize, Vec<&str>)> {
        std::iter::once(&table.header)
            .chain(&table.rows)
            .map(|r| (r.line, r.cells.iter().map(|c| c.text.as_str()).collect()))
            .collect()
    }

    #[test]
    fn end_tags_may_be_left_out() {
        let t = tables(
            "<table>\n<tr><th>Code<th>Status\n<tr><td>A<td>400\n<tr><td>B<td>404\n</table>\n",
        );
        assert_eq!(
            rows(&t[0]),
            [
                (2, vec!["Code", "Status"]),
                (3, vec!["A", "400"]),
                (4, vec!["B", "404"])
            ]
        );
    }

    #[test]
    fn rowspan_and_colspan_are_filled_in() {
        let md = "<table>\n<tr><th>Code</th><th>Status</th><th>Description</th></tr>\n\
                  <tr><td rowspan=\"3\">A</td><td>400</td><td rowspan=2>Shared</td></tr>\n\
                  <tr><td>404</td></tr>\n\
                  <tr><td colspan=\"2\">409</td></tr>\n</table>\n";
        let t = tables(md);
        assert_eq!(
            rows(&t[0])[1..],
            [
                (3, vec!["A", "400", "Shared"]),
                (4, vec!["A", "404", "Shared"]),
                (5, vec!["A", "409", "409"])
            ]
        );
        // Carried cells keep the span where they are written.
        assert_eq!(t[0].rows[1].cells[0].span, t[0].rows[0].cells[0].span);
        assert_eq!(t[0].rows[1].written(), 3);
    }

    #[test]
    fn cells_read_as_shown() {
        let md = "<table><tr><th>A</th></tr>\n<tr><td> <code>x&lt;y</code> &amp;&nbsp;z<br/>next <p>para</p></td></tr></table>\n";
        let t = tables(md);
        let cell = &t[0].rows[0].cells[0];
        assert_eq!(cell.text, "x<y & z next para");
        assert_eq!(cell.lines, ["x<y & z", "next", "para"]);
        assert_eq!(
            cell.markdown,
            "<code>x&lt;y</code> &amp;&nbsp;z<br/>next <p>para</p>"
        );
        // Diagnostics point at the content, not at the tags around it.
        assert_eq!(&md[cell.span.clone()], cell.markdown);
        let md = "<table><tr><th>A</th></tr>\n<tr><td> </td></tr></table>\n";
        let cell = &tables(md)[0].rows[0].cells[0];
        assert_eq!(&md[cell.span.clone()], "<td> </td>");
    }

    #[test]
    fn a_stray_end_tag_closes_nothing() {
        let md = "<table><tr><th>Code</th></tr><tr><td>A</td></tr></table></table>\n\n<table><tr><th>Code</th></tr><tr><td>B</td></tr></table>\n";
        let t = tables(md);
        assert_eq!(t.len(), 2);
        assert_eq!(
            (rows(&t[0])[1].1.clone(), rows(&t[1])[1].1.clone()),
            (vec!["A"], vec!["B"])
        );
    }

    #[test]
    fn a_cell_without_its_end_tag_ends_at_its_last_content() {
        let md = "<table><tr><th>A<th>B\n<tr><td>x<img src=\"a.png\">\n<td>y <b>z</b>\n</table>\n";
        let t = tables(md);
        let cells = &t[0].rows[0].cells;
        assert_eq!(&md[cells[0].span.clone()], "x<img src=\"a.png\">");
        assert_eq!(&md[cells[1].span.clone()], "y <b>z</b>");
        assert_eq!(cells[1].markdown, "y <b>z</b>");
    }

    #[test]
    fn a_tbody_or_tfoot_ends_the_head_without_its_end_tag() {
        for body in ["tbody", "tfoot"] {
            let md = format!("<table><thead><tr><th>Code<th>Status\n<{body}><tr><td>A<td>400\n<tr><td>B<td>404\n</table>\n");
            assert_eq!(
                rows(&tables(&md)[0]),
                [
                    (1, vec!["Code", "Status"]),
                    (2, vec!["A", "400"]),
                    (3, vec!["B", "404"])
                ],
                "{body}"
            );
        }
    }

    #[test]
    fn a_short_row_is_padded_up_to_a_cell_carried_past_its_end() {
        let long = "Shared by both rows, and longer than sixty-four bytes of text in all.";
        let md = format!("<table><tr><th>Code</th><th>Status</th><th>Description</th></tr>\n<tr><td>A</td><td>400</td><td rowspan=2>{long}</td></tr>\n<tr><td>B</td></tr></table>\n");
        let t = tables(&md);
        assert_eq!(
            rows(&t[0])[1..],
            [(2, vec!["A", "400", long]), (3, vec!["B", "", long])]
        );
        // The padding is empty, at the end of the row's last written cell.
        let pad = &t[0].rows[1].cells[1];
        assert_eq!(
            pad.span,
            t[0].rows[1].cells[0].span.end..t[0].rows[1].cells[0].span.end
        );
    }

    #[test]
    fn cells_carried_down_within_the_budget_are_all_copied() {
        // Three long cells, each carried one row down, and three spread
        // over two columns: a few kilobytes copied, far within the
        // document's budget of 1 MiB and more.
        let long = |n: usize| format!("{n} {}", "word ".repeat(400));
        let mut md =
            String::from("<table><tr><th>Code</th><th>Status</th><th>Description</th></tr>\n");
        for n in 0..3 {
            md += &format!("<tr><td>A{n}</td><td>400</td><td rowspan=2>{}</td></tr>\n<tr><td>B{n}</td><td>404</td></tr>\n", long(n));
        }
        // And three spread over two columns each.
        for n in 3..6 {
            md += &format!("<tr><td>C{n}</td><td colspan=2>{}</td></tr>\n", long(n));
        }
        md += "</table>\n";
        let t = tables(&md);
        let cells = |i: usize| -> Vec<&str> {
            t[0].rows
                .iter()
                .filter_map(|r| r.cells.get(i))
                .map(|c| c.text.as_str())
                .collect()
        };
        let carried: Vec<String> = (0..3)
            .flat_map(|n| [long(n).trim().to_owned(), long(n).trim().to_owned()])
            .collect();
        let spread: Vec<String> = (3..6).map(|n| long(n).trim().to_owned()).collect();
        assert_eq!(cells(2), [carried, spread.clone()].concat());
        assert_eq!(cells(1)[6..], spread);
    }

    #[test]
    fn every_row_of_the_head_is_a_header_row_even_of_td_cells() {
        let md = "<table><thead><tr><td>Group</td><td>Group</td></tr>\n<tr><td>Code</td><td>Status</td></tr></thead>\n<tbody><tr><td>A</td><td>400</td></tr></tbody></table>\n";
        let t = tables(md);
        let body: Vec<_> = t[0].rows.iter().map(|r| r.cells[0].text.as_str()).collect();
        assert_eq!(body, ["A"]);
    }

    #[test]
    fn a_copy_costs_its_texts_and_a_little_more() {
        let cell = super::Cell {
            text: "ab".into(),
            lines: vec!["a".into(), "b".into()],
            markdown: "a<br>b".into(),
            span: 0..0,
        };
        assert_eq!(super::size(&cell), 64 + 2 + 6 + 2);
    }

    #[test]
    fn a_nested_table_is_text_of_its_cell() {
        let md = "<table><tr><th>A</th><th>B</th></tr>\n<tr><td><table><tr><td>in</td></tr></table></td><td>b</td></tr></table>\n";
        let t = tables(md);
        assert_eq!(t.len(), 1);
        assert_eq!(rows(&t[0])[1], (2, vec!["in", "b"]));
    }

    #[test]
    fn a_blank_line_inside_does_not_end_the_table_and_markdown_follows() {
        let md = "# S\n\n<table>\n<tr><th>A</th></tr>\n\n<tr><td>1</td></tr>\n</table>\n\n| B |\n|---|\n| 2 |\n";
        let t = tables(md);
        assert_eq!(t.len(), 2);
        assert_eq!(rows(&t[0]), [(4, vec!["A"]), (6, vec!["1"])]);
        assert_eq!(rows(&t[1]), [(9, vec!["B"]), (11, vec!["2"])]);
        assert_eq!(t[0].section_title(), Some("S"));
        assert_eq!(t[1].section_title(), Some("S"));
    }

    #[test]
    fn an_unclosed_table_runs_to_the_end() {
        let t = tables("<table>\n<tr><th>A</th></tr>\n\n<tr><td>1</td></tr>\n\nmore <b>text</b>\n");
        assert_eq!(rows(&t[0]), [(2, vec!["A"]), (4, vec!["1"])]);
    }

    #[test]
    fn headings_captions_and_group_rows_name_sections() {
        let md = "<h3 id=\"x\">Heading</h3>\n\n<table><caption><b>Table 4.</b> Caption</caption>\n\
                  <tr><th>A</th><th>B</th></tr>\n<tr><td>1</td><td>x</td></tr>\n\
                  <tr><th colspan=\"2\">Group</th></tr>\n<tr><td>2</td><td>y</td></tr></table>\n\n\
                  <table><tr><th>C</th></tr><tr><td>3</td></tr></table>\n";
        let t = tables(md);
        let sections: Vec<_> = t.iter().map(|t| t.section_title()).collect();
        assert_eq!(sections, [Some("Caption"), Some("Group"), Some("Heading")]);
        assert_eq!(rows(&t[1]), [(4, vec!["A", "B"]), (7, vec!["2", "y"])]);
        // Each section is located where it is written.
        let spans: Vec<_> = t
            .iter()
            .map(|t| &md[t.section.as_ref().unwrap().span.clone()])
            .collect();
        assert_eq!(
            spans,
            [
                "<caption><b>Table 4.</b> Caption</caption>",
                "Group",
                "<h3 id=\"x\">Heading</h3>"
            ]
        );
    }

    #[test]
    fn a_title_line_in_html_is_located_as_written() {
        let md = "<p>Intro.</p>\n5XX &amp; more\n<table><tr><th>A</th></tr><tr><td>1</td></tr></table>\n";
        let t = tables(md);
        let section = t[0].section.as_ref().unwrap();
        assert_eq!(section.title, "5XX & more");
        assert_eq!(&md[section.span.clone()], "5XX &amp; more");
        // A paragraph of its own, bold or not, and the caption label dropped.
        let table = "<table><tr><th>A</th></tr><tr><td>1</td></tr></table>";
        for (before, title) in [
            ("<p>4XX errors</p>\n", Some("4XX errors")),
            ("<p><b>Table 1</b> Error codes</p>", Some("Error codes")),
            ("<p>The codes are:</p>\n", None),
            ("<style>p { x: y }</style>\n", None),
        ] {
            let md = format!("{before}{table}\n");
            assert_eq!(tables(&md)[0].section_title(), title, "{before}");
        }
    }

    #[test]
    fn markdown_after_an_html_block_is_still_read() {
        let md = "<div>x</div>\n\nSome **text**.\n\n| A |\n|---|\n| 1 |\n\n<p>no table</p>\n\n| B |\n|---|\n| 2 |\n";
        let t = tables(md);
        assert_eq!(t.len(), 2);
        assert_eq!(rows(&t[0]), [(5, vec!["A"]), (7, vec!["1"])]);
        assert_eq!(rows(&t[1]), [(11, vec!["B"]), (13, vec!["2"])]);
    }

    #[test]
    fn text_after_a_table_closing_past_its_block_is_markdown() {
        let md = "<table><tr><th>A</th></tr>\n\n<tr><td>1</td></tr></table>\n\n## Next\n\n| B |\n|---|\n| 2 |\n";
        let t = tables(md);
        assert_eq!(t.len(), 2);
        assert_eq!(t[1].section_title(), Some("Next"));
    }

    #[test]
    fn two_tables_in_one_block_are_both_read() {
        let md = "<table><tr><th>A</th></tr><tr><td>1</td></tr></table>\n<table><tr><th>B</th></tr><tr><td>2</td></tr></table>\n";
        let t = tables(md);
        assert_eq!(t.len(), 2);
        assert_eq!(rows(&t[1]), [(2, vec!["B"]), (2, vec!["2"])]);
    }
}
