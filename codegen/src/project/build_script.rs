//! Cargo's build-script protocol: generate into `OUT_DIR`, ask cargo to
//! rerun when an input changes, and pass warnings on one line each.

use std::path::PathBuf;
use std::process::ExitCode;

use super::builder::Builder;
use super::checked_in::{is_file_name, write_if_changed};
use crate::error::Error;
use crate::pipeline::Generated;

/// Set, [`Builder::build_script`] renders each warning in full (source line
/// and carets) instead of one line with its `file:line:col`.
pub const FULL_ENV: &str = "CI_ERRORS_CODEGEN_FULL";

impl Builder {
    /// Generates and writes the file, leaving an unchanged file untouched so
    /// nothing rebuilds needlessly. Returns what was generated and the path.
    pub fn compile(&self) -> Result<(Generated, PathBuf), Error> {
        let generated = self.generate()?;
        let dir = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or(Error::NoOutDir)?,
        };
        if !is_file_name(&self.out_file) {
            return Err(Error::UnsafePath {
                setting: "out-file",
                path: PathBuf::from(&self.out_file),
                reason: "it must be a file name in OUT_DIR, without a directory",
            });
        }
        let path = dir.join(&self.out_file);
        write_if_changed(&path, &generated.source)?;
        Ok((generated, path))
    }

    /// Runs [`Builder::compile`] the way a build script should: asks Cargo to
    /// rerun when a spec or the manifest changes, passes each warning on as one
    /// `cargo:warning` line with its `file:line:col` (rendered in full when
    /// [`FULL_ENV`] is set), and on failure prints every problem in full and
    /// returns failure. Never panics.
    pub fn build_script(self) -> ExitCode {
        for path in self.inputs() {
            println!("cargo:rerun-if-changed={}", self.root.join(path).display());
        }
        // A settings change (`enum-name`, `accept`, a new spec) regenerates too.
        if let Some(manifest) = &self.manifest {
            println!("cargo:rerun-if-changed={}", manifest.display());
        }
        println!("cargo:rerun-if-env-changed={FULL_ENV}");
        let full = std::env::var_os(FULL_ENV).is_some();
        match self.compile() {
            Ok((generated, _)) => {
                // Cargo prefixes every line: one line per warning, unless asked.
                let how =
                    format!("{FULL_ENV}=1 cargo build, or {FULL_ENV}=1 ci-errors-codegen generate");
                for line in generated.warning_report(full, &how) {
                    println!("cargo:warning={line}");
                }
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("{error}");
                ExitCode::FAILURE
            }
        }
    }
}
