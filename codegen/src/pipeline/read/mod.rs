//! Step 1: a document → tables, in neutral form. Each format is a reader of
//! its own, a peer of the others, producing [`table::Block`]s through one
//! contract; markdown is the host that hands HTML blocks over and passes over
//! the stretches the multiline-table reader found. Nothing here knows what an
//! error code is.
//!
//! A fourth format is one new file here: a function that returns a
//! [`table::Read`] for each stretch it recognises, registered in [`read_tables`].

mod html;
mod markdown;
mod stray;
mod table;
mod title;
mod yfm;

pub use table::{Cell, Row, Section, Table};

use crate::pipeline::source::SourceFile;

/// Reads every table of `src` in source order: pipe tables, HTML `<table>`
/// blocks and multiline (`#|` … `|#`) tables, each with its section and the
/// stray rows after it.
pub fn read_tables(src: &SourceFile) -> Vec<Table> {
    // One budget of span copies for the whole document, however many
    // HTML blocks and tables it holds.
    let mut copied = 0;
    let blocks = markdown::read(src, yfm::find(src), |src, start, end| {
        html::read(src, start, end, &mut copied)
    });
    let mut tables = table::assemble(blocks);
    stray::mark(src, &mut tables);
    tables
}
