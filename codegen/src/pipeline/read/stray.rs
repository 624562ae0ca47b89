//! Rows cut off from their table: lines right after a table that look like
//! its rows but belong to no table (a blank line or a line without pipes
//! ended the table). Found here, where the source's lines are known; whether
//! to warn is the layout's decision.

use std::collections::HashSet;

use super::table::Table;
use crate::pipeline::source::SourceFile;

/// Fills in each table's [`Table::stray_lines`].
pub(crate) fn mark(src: &SourceFile, tables: &mut [Table]) {
    // Lines that belong to a table: header, delimiter, every line of every row.
    let table_lines: HashSet<usize> = tables
        .iter()
        .flat_map(|t| {
            std::iter::once(t.header.line + 1).chain(
                std::iter::once(&t.header)
                    .chain(&t.rows)
                    .flat_map(|r| r.line..=r.last_line(src)),
            )
        })
        .collect();
    for table in tables.iter_mut() {
        table.stray_lines = stray_lines(src, table.last_line(src), &table_lines);
    }
}

/// The lines after `last` that look like rows and are in no table, up to a
/// heading, a row of another table, or a second line of anything else.
fn stray_lines(src: &SourceFile, last: usize, table_lines: &HashSet<usize>) -> Vec<usize> {
    let looks_like_row = |text: &str| {
        let text = text.trim();
        text.starts_with('|') && text.len() > 1 && text.matches('|').count() >= 2
    };
    let mut found = Vec::new();
    let mut line = last + 1;
    let mut breaks = 0;
    while line <= src.line_count() && breaks <= 1 {
        let text = src.line_text(line);
        if looks_like_row(text) && !table_lines.contains(&line) {
            found.push(line);
        } else if looks_like_row(text) || text.trim_start().starts_with('#') {
            break;
        } else {
            breaks += 1;
        }
        line += 1;
    }
    found
}

#[cfg(test)]
mod tests {
    use crate::pipeline::read::read_tables;
    use crate::pipeline::source::SourceFile;

    fn stray(md: &str) -> Vec<Vec<usize>> {
        read_tables(&SourceFile::new("t.md", md))
            .into_iter()
            .map(|t| t.stray_lines)
            .collect()
    }

    #[test]
    fn rows_after_a_blank_line_are_stray_until_a_heading_or_another_table() {
        let table = "| A | B |\n|---|---|\n| 1 | 2 |\n";
        assert_eq!(
            stray(&format!("{table}\n| 3 | 4 |\n| 5 | 6 |\n")),
            [vec![5, 6]]
        );
        assert_eq!(
            stray(&format!("{table}\n# H\n| 3 | 4 |\n")),
            [Vec::<usize>::new()]
        );
        assert_eq!(
            stray(&format!("{table}\n\n\n| 3 | 4 |\n")),
            [Vec::<usize>::new()]
        );
        // A table of its own after the first: its rows are not stray.
        assert_eq!(
            stray(&format!("{table}\n{table}")),
            [Vec::<usize>::new(), Vec::new()]
        );
    }
}
