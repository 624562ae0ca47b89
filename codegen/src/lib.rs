//! Generates Rust error-code types from markdown error-code tables.
//!
//! The pipeline runs one way, one private module per step ([`stages`] shows
//! them one by one): a document → tables (markdown, HTML and multiline
//! readers) → laid-out tables (each column's role) → validated [`Model`] →
//! tokens → formatted source. [`Builder`] drives it from a build script or
//! the command-line tool, with settings from code or from the project's
//! `Cargo.toml` (`[package.metadata.ci-errors-codegen]`).
//! Generated code depends on the small runtime crate `ci-errors-runtime`.
//!
//! Nothing in it is specific to Tencent beyond the default header words: point
//! it at any markdown table with a code column and a status column.
//!
//! ```
//! use ci_errors_codegen::{Builder, Column, Error, SpecText};
//!
//! let spec = "\
//! ## Cards
//!
//! | Problem Type | Status | Description |
//! | --- | --- | --- |
//! | card.declined | 402 | The issuer declined the card. |
//! | card.expired | 402 Payment Required | The card has expired. |
//! ";
//! let generated = Builder::new()
//!     .enum_name("ApiError")
//!     .header_word(Column::Code, "Problem Type")
//!     .xml_body(false)
//!     .generate_from([SpecText::new("errors.md", spec)])?;
//! assert!(generated.source.contains("pub enum ApiError {"));
//! assert!(generated.source.contains("CardDeclined,"));
//! assert_eq!(generated.specs[0].model.codes.len(), 2);
//!
//! // A bad row is refused with its location, rustc-style.
//! let bad = spec.replace("| 402 |", "| TBD |");
//! let refused = Builder::new()
//!     .header_word(Column::Code, "Problem Type")
//!     .generate_from([SpecText::new("errors.md", bad)]);
//! match refused {
//!     Err(Error::Spec { rendered, .. }) => assert!(rendered.contains("--> errors.md:5:")),
//!     other => panic!("expected a spec error, got {other:?}"),
//! }
//! # Ok::<(), Error>(())
//! ```
#![warn(missing_docs)]

// Every module is private: the surface is what this root re-exports, so
// that each public name is a choice (see the README, "What is public").
mod error;
mod pipeline;
mod project;

pub use error::Error;
pub use pipeline::changes::{Api, ApiCode, Change};
pub use pipeline::diagnostic::{render_all, Diagnostic, Lint, Severity};
pub use pipeline::drift::{Drift, Finding, Likeness, NearMiss};
pub use pipeline::fingerprint::{fingerprint, input_line, recorded_inputs};
pub use pipeline::layout::vocabulary::{Column, Vocabulary};
pub use pipeline::layout::{ColumnRole, Signal, TableRecord};
pub use pipeline::model::naming::{field_name, spelled_name, variant_name};
pub use pipeline::model::{
    Body, BodyField, CodeEntry, ErrorRow, FieldRole, FieldRow, Model, NodeType, ReadOptions, Text,
    Texts, Validated,
};
pub use pipeline::source::SourceFile;
pub use pipeline::spec::SpecText;
pub use pipeline::{read_spec, Generated, SpecResult};
pub use project::build_script::FULL_ENV;
pub use project::builder::Builder;
pub use project::checked_in::UPDATE_ENV;
#[cfg(feature = "cli")]
pub use project::dump::{Dump, DumpError, DumpField};
#[cfg(feature = "cli")]
pub use project::init::{Adopted, Dependencies, Init};
pub use project::manifest::{Accepted, ManifestSettings, RetryClasses, SpecEntry, METADATA_KEY};
#[cfg(feature = "cli")]
pub use project::report::SpecChanges;
pub use project::spec_file::{read_spec_file, read_spec_from, MAX_SPEC_BYTES};

/// The pipeline's steps one by one, for benchmarks and tools that look
/// between them: document → tables ([`read_tables`](stages::read_tables)) →
/// validated model ([`validate`](stages::validate)) → tokens
/// ([`emit`](stages::emit)) → formatted source ([`format`](stages::format)).
/// [`read_spec`] and [`Builder`] run them together.
pub mod stages {
    pub use crate::pipeline::emit::format::{format, header};
    pub use crate::pipeline::emit::{emit, EmitError, EmitOptions};
    pub use crate::pipeline::model::build as validate;
    pub use crate::pipeline::read::{read_tables, Cell, Row, Section, Table};
}
