//! Generates Rust error-code types from markdown error-code tables.
//!
//! The pipeline runs one way, one module per step:
//! [`markdown`] (markdown → tables) → [`model`] (tables → validated model)
//! → [`emit`] (model → tokens) → [`format`](mod@format) (tokens → `syn` tree → text).
//! [`Builder`] drives it from a build script or the command-line tool, with
//! settings from code or from the project's `Cargo.toml` ([`config`]).
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
//! let bad = spec.replace("| 402 |", "| N/A |");
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

pub mod builder;
pub mod changes;
pub mod config;
pub mod diagnostic;
pub mod emit;
pub mod fingerprint;
pub mod format;
mod layout;
pub mod model;
pub mod naming;
pub mod read;
pub mod source;
pub mod status;
pub mod translate;
pub mod vocabulary;

pub use builder::{Builder, Error, Generated, SpecResult, SpecText};
pub use diagnostic::{Diagnostic, Lint, Severity};
pub use model::{Model, ReadOptions, Validated};
pub use source::SourceFile;
pub use vocabulary::{Column, Vocabulary};

/// Reads one spec: markdown → tables → validated model.
pub fn read_spec(src: &SourceFile, options: &ReadOptions) -> Validated {
    let tables = read::read_tables(src);
    model::build(src, &tables, options)
}
