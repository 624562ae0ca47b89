//! Property: a table written in HTML reads exactly as the same table written
//! with pipes, whatever the HTML style (`<thead>` or not, end tags or not,
//! one row per line or spread over lines), each row at its `<tr>` line.

use ci_errors_codegen::{read_spec, ReadOptions, SourceFile};
use proptest::prelude::*;

#[derive(Debug, Clone)]
struct Row {
    code: String,
    status: String,
    description: String,
}

#[derive(Debug, Clone)]
struct Style {
    thead: bool,
    end_tags: bool,
    spread: bool,
}

fn row() -> impl Strategy<Value = Row> {
    (
        "[A-Z][a-zA-Z0-9]{0,10}",
        prop_oneof![
            (100u16..600).prop_map(|s| s.to_string()),
            Just("404 Not Found".to_owned()),
            Just("Conflict (409)".to_owned()),
            Just("400, 412".to_owned()),
        ],
        "[a-z]{1,6}( [a-z]{1,6}){0,3}( & more)?",
    )
        .prop_map(|(code, status, description)| Row {
            code,
            status,
            description,
        })
}

fn style() -> impl Strategy<Value = Style> {
    (any::<bool>(), any::<bool>(), any::<bool>()).prop_map(|(thead, end_tags, spread)| Style {
        thead,
        end_tags,
        spread,
    })
}

fn pipes(rows: &[Row]) -> String {
    let mut md =
        "# Errors\n\n| Error Code | HTTP Status Code | Description |\n|---|---|---|\n".to_owned();
    for r in rows {
        md += &format!("| {} | {} | {} |\n", r.code, r.status, r.description);
    }
    md
}

/// The HTML table and the 1-based line of each body row's `<tr>`.
fn html(rows: &[Row], style: &Style) -> (String, Vec<usize>) {
    let mut md = "# Errors\n\n<table>\n".to_owned();
    let (open, close) = if style.thead {
        ("<thead>\n", "</thead>\n<tbody>\n")
    } else {
        ("", "")
    };
    md += open;
    md += "<tr><th>Error Code</th><th>HTTP Status Code</th><th>Description</th></tr>\n";
    md += close;
    let mut lines = Vec::new();
    for r in rows {
        lines.push(md.lines().count() + 1);
        let description = r.description.replace('&', "&amp;");
        let cells = [r.code.as_str(), r.status.as_str(), description.as_str()];
        md += "<tr>";
        for cell in cells {
            if style.spread {
                md += "\n  ";
            }
            md += &format!("<td>{cell}");
            if style.end_tags {
                md += "</td>";
            }
        }
        md += if style.end_tags { "\n</tr>\n" } else { "\n" };
    }
    if style.thead {
        md += "</tbody>\n";
    }
    md += "</table>\n";
    (md, lines)
}

/// `(code, status, reason, description, line)` of each row read.
fn read(md: &str) -> Vec<(String, u16, String, String, usize)> {
    let (model, _) = read_spec(&SourceFile::new("t.md", md), &ReadOptions::default())
        .unwrap_or_else(|e| panic!("{md}\n{e:#?}"));
    model
        .errors
        .into_iter()
        .map(|r| {
            let description = r.description.primary().plain.clone();
            let status = r.status.expect("every fixture row has a status");
            (r.code, status, r.reason, description, r.line)
        })
        .collect()
}

proptest! {
    #[test]
    fn an_html_table_reads_as_its_pipe_table(
        rows in proptest::collection::vec(row(), 1..8)
            .prop_filter("distinct codes", |rows| {
                let mut codes: Vec<&String> = rows.iter().map(|r| &r.code).collect();
                codes.sort();
                codes.dedup();
                codes.len() == rows.len()
            }),
        style in style(),
    ) {
        let from_pipes = read(&pipes(&rows));
        let (md, lines) = html(&rows, &style);
        let from_html = read(&md);
        prop_assert_eq!(from_pipes.len(), from_html.len());
        for (p, h) in from_pipes.iter().zip(&from_html) {
            prop_assert_eq!((&p.0, p.1, &p.2, &p.3), (&h.0, h.1, &h.2, &h.3));
        }
        // Each row read at the line of its `<tr>` (a cell with two statuses gives two rows).
        let mut expected_lines = Vec::new();
        for (r, line) in rows.iter().zip(&lines) {
            let n = if r.status.contains(',') { 2 } else { 1 };
            expected_lines.extend(std::iter::repeat_n(*line, n));
        }
        let got_lines: Vec<usize> = from_html.iter().map(|h| h.4).collect();
        prop_assert_eq!(got_lines, expected_lines);
    }
}
