//! Step 1, reading: cell text, sections, HTML and footnote tables, line ends and marks.

use super::*;

#[test]
fn cell_text_is_plain_and_markdown_is_kept() {
    let md = format!(
        "{TABLE}| `Code.X` | See [docs](http://e.x/y) and *this* <b>now</b> a \\| b | 400 Bad Request |\n"
    );
    let m = ok(&md);
    let r = &m.errors[0];
    assert_eq!(r.code, "Code.X");
    assert_eq!(r.description.primary().plain, "See docs and this now a | b");
    assert_eq!(
        r.description.primary().markdown,
        "See [docs](http://e.x/y) and *this* <b>now</b> a | b"
    );
}

#[test]
fn sections_come_from_headings_and_bold_paragraphs() {
    let md = format!(
        "## Errors\n\n{TABLE}| A | a | 400 |\n\n**5xx errors**\n\nSome text.\n\n{TABLE}| B | b | 500 |\n"
    );
    let m = ok(&md);
    assert_eq!(m.errors[0].section.as_deref(), Some("Errors"));
    assert_eq!(m.errors[1].section.as_deref(), Some("5xx errors"));
}

/// A caption label in bold names the section only where it opens the
/// paragraph (`**Table 1:** Storage errors`), not inside a sentence.
#[test]
fn a_bold_caption_label_names_the_section_only_at_the_start() {
    for (before, section) in [
        ("**Table 1:** Storage errors", Some("Storage errors")),
        ("Table **1:** Storage errors", None),
    ] {
        let md = format!("{before}\n\n{TABLE}| A | a | 400 |\n");
        assert_eq!(ok(&md).errors[0].section.as_deref(), section, "{before}");
    }
}

#[test]
fn no_section_is_none() {
    assert_eq!(
        ok(&format!("{TABLE}| A | a | 400 |\n")).errors[0].section,
        None
    );
}

#[test]
fn bom_and_crlf_are_accepted() {
    let md = format!(
        "\u{feff}# S\r\n\r\n{}| A | a | 401 Unauthorized |\r\n",
        TABLE.replace('\n', "\r\n")
    );
    let m = ok(&md);
    assert_eq!(m.errors[0].line, 5);
    assert_eq!(m.errors[0].reason, "Unauthorized");
    assert_eq!(m.errors[0].section.as_deref(), Some("S"));
}

#[test]
fn a_repeated_html_row_is_shown_over_its_lines_with_carets_on_its_cells() {
    let md = "<table>\n<tr><th>Error Code</th><th>HTTP Status Code</th></tr>\n<tr><td>A</td><td>400</td></tr>\n<tr>\n<td>A</td>\n<td>400</td>\n</tr>\n</table>\n";
    let errs = errors(md);
    assert_eq!(errs.len(), 1, "{errs:#?}");
    let text = errs[0].render(&SourceFile::new("spec.md", md));
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    assert_eq!(lines[1].trim(), "--> spec.md:5:5", "{text}");
    assert!(
        lines.windows(4).any(|w| w
            == [
                "5 | <td>A</td>",
                "  |     ^",
                "6 | <td>400</td>",
                "  |     ^^^"
            ]),
        "{text}"
    );
}

#[test]
fn a_table_in_a_footnote_is_read_and_a_reference_stays_in_the_text() {
    let md = "| Error Code | HTTP Status Code | Description |\n|---|---|---|\n| A | 400 | See the note[^1]. |\n\n[^1]: Codes of the note:\n\n    | Error Code | HTTP Status Code | Description |\n    |---|---|---|\n    | B | 401 | b |\n";
    let m = ok(md);
    let rows: Vec<_> = m
        .errors
        .iter()
        .map(|r| {
            (
                r.code.as_str(),
                r.line,
                r.description.primary().plain.as_str(),
            )
        })
        .collect();
    assert_eq!(rows, [("A", 3, "See the note[^1]."), ("B", 9, "b")]);
}

#[test]
fn a_byte_order_mark_at_the_start_of_a_line_is_dropped() {
    let md = "| Error Code | HTTP Status Code | Description |\n|---|---|---|\n| A | 400 | a |\n\n\u{feff}| Error Code | HTTP Status Code | Description |\n|---|---|---|\n| \u{feff}B | 401 | b |\n";
    let m = ok(md);
    let rows: Vec<_> = m.errors.iter().map(|r| (r.code.as_str(), r.line)).collect();
    assert_eq!(rows, [("A", 3), ("B", 7)]);
}

/// An HTML table's caption is its rows' section; a caption of a table
/// nested in a cell is not.
#[test]
fn an_html_caption_names_the_section_and_a_nested_one_does_not() {
    let md = "<table><caption>Storage errors</caption>\n<tr><th>Error Code</th><th>HTTP Status Code</th><th>Description</th></tr>\n\
              <tr><td>Full</td><td>507</td><td>The disk is full.<table><caption>Inner</caption><tr><td>x</td></tr></table></td></tr>\n\
              <tr><td>Locked</td><td>423</td><td>It is locked.</td></tr>\n</table>\n";
    let m = ok(md);
    let sections: Vec<_> = m
        .errors
        .iter()
        .map(|r| (r.code.as_str(), r.section.as_deref()))
        .collect();
    assert_eq!(
        sections,
        [
            ("Full", Some("Storage errors")),
            ("Locked", Some("Storage errors"))
        ]
    );
}

/// A title line names the HTML table right after it, when the block opens
/// with the table, or with an anchor or a comment before it.
#[test]
fn a_title_line_names_an_html_table_after_an_anchor_or_comment() {
    let table = "<table><tr><th>Error Code</th><th>HTTP Status Code</th></tr><tr><td>A</td><td>400</td></tr></table>";
    for (before, named) in [
        ("", true),
        // An anchor's open tag alone on its line opens an HTML block.
        ("<A name=x>\n</a> <!-- c -->\n", true),
        ("<!-- kept -->", true),
        ("<p>x</p>", false),
    ] {
        let md = format!("Client errors\n\n{before}{table}\n");
        let Ok((m, _)) = read(&md) else {
            panic!("{before}")
        };
        let section = m.errors[0].section.clone();
        assert_eq!(
            section.as_deref() == Some("Client errors"),
            named,
            "{before}"
        );
    }
}
