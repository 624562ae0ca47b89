//! Merged cells written as empty cells (documents converted from HTML or
//! Word): an empty cell in a table's first column takes the cell above it.
//! HTML's `rowspan` and `colspan` are filled in by the HTML reader itself,
//! which sees them; this is the rule for formats that cannot say so.

use std::borrow::Cow;
use std::ops::Range;

use crate::pipeline::diagnostic::{Diagnostic, Lint};
use crate::pipeline::read::{Cell, Row, Table};
use crate::pipeline::source::SourceFile;

/// The rows of `table` with each empty first cell taking the cell above it,
/// in rows that have something else written; `name` says what the column
/// holds (`code`, `status`). Warned of once per table (`carried_cell`).
pub(crate) fn carry_down<'t>(
    src: &SourceFile,
    table: &'t Table,
    name: &str,
) -> (Cow<'t, [Row]>, Option<Diagnostic>) {
    let mut rows: Cow<'t, [Row]> = Cow::Borrowed(&table.rows);
    // The last cell written in the first column.
    let mut above: Option<&Cell> = None;
    let mut carried: Vec<(usize, Range<usize>)> = Vec::new();
    for (i, row) in table.rows.iter().enumerate() {
        let rest_written = row.cells.iter().skip(1).any(|c| !c.text.is_empty());
        match (row.cells.first(), above) {
            (Some(first), _) if !first.text.is_empty() => above = Some(first),
            (first, Some(cell)) if rest_written => {
                let at = first
                    .filter(|c| !c.span.is_empty())
                    .map_or_else(|| src.line_range(row.line), |_| row.cell_span(src, 0));
                carried.push((row.line, at));
                let cells = &mut rows.to_mut()[i].cells;
                match cells.first_mut() {
                    Some(first) => *first = cell.clone(),
                    None => cells.push(cell.clone()),
                }
            }
            _ => {}
        }
    }
    let warning = carried_warning(src, table, name, &carried);
    (rows, warning)
}

fn carried_warning(
    src: &SourceFile,
    table: &Table,
    name: &str,
    carried: &[(usize, Range<usize>)],
) -> Option<Diagnostic> {
    let (line, at) = carried.first().cloned()?;
    let count = carried.len();
    let header = table.header.cell(0).map_or("", |c| c.text.as_str());
    let plural = if count == 1 { "" } else { "s" };
    let note = match carried.get(1) {
        Some(_) => format!(
            "rows at lines {}; read as one merged cell; write the {name} in every row to be explicit",
            carried
                .iter()
                .map(|(l, _)| l.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        None => format!(
            "row at line {line}; read as one merged cell; write the {name} in every row to be explicit"
        ),
    };
    Some(
        Diagnostic::warning(
            src,
            at,
            format!("{count} row{plural} with an empty `{header}` cell take the {name} of the row above"),
        )
        .with_label(format!("empty: the {name} above is used"))
        .with_note(note)
        .with_lint(
            Lint::CarriedCell,
            src.line_text(table.header.line).trim().to_owned(),
        ),
    )
}
