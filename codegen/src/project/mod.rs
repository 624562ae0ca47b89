//! The project layer: everything that touches files, processes or the
//! environment, on top of the pure [`pipeline`](crate::pipeline). The
//! manifest's settings, the [`Builder`](builder::Builder) and cargo's
//! build-script protocol, the checked-in copy and its staleness, git history
//! for `changes --since`, the `dump` schema, and `init`.

pub(crate) mod build_script;
pub(crate) mod builder;
pub(crate) mod checked_in;
#[cfg(feature = "cli")]
pub(crate) mod dump;
#[cfg(feature = "cli")]
mod git;
#[cfg(feature = "cli")]
pub(crate) mod init;
pub(crate) mod manifest;
#[cfg(feature = "cli")]
pub(crate) mod report;
pub(crate) mod spec_file;
