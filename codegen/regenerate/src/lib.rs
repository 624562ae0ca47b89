//! Workspace-only, with no code of its own.
//!
//! It is a default member of this workspace and depends on `ci-errors` with
//! the `regenerate` feature, so that `cargo build` and `cargo test` at the
//! root regenerate from `spec/` after an edit. Dependents of `ci-errors` never
//! see this crate, so they never compile the generator.
