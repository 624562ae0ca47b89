//! Generates Rust error-code types from markdown error-code tables.
//!
//! The pipeline runs one way, one module per step:
//! [`markdown`] (markdown → tables) → [`model`] (tables → validated model)
//! → [`emit`] (model → tokens) → [`format`](mod@format) (tokens → `syn` tree → text).
//! [`Builder`] drives it from a build script or the command-line tool.
#![warn(missing_docs)]

pub mod builder;
pub mod changes;
pub mod diagnostic;
pub mod emit;
pub mod format;
pub mod markdown;
pub mod model;
pub mod naming;
pub mod project;
pub mod source;
pub mod status;
pub mod vocabulary;

pub use builder::{Builder, Error, Generated, SpecResult};
pub use diagnostic::{Diagnostic, Severity};
pub use model::{Model, ReadOptions, Validated};
pub use source::SourceFile;
pub use vocabulary::{Column, Vocabulary};

/// Reads one spec: markdown → tables → validated model.
pub fn read_spec(src: &SourceFile, options: &ReadOptions) -> Validated {
    let tables = markdown::read_tables(src);
    model::build(src, &tables, options)
}
