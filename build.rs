//! With the `regenerate` feature (on in this workspace): generates the error
//! codes from `spec/` into `OUT_DIR` with `ci-errors-codegen`, settings from
//! `[package.metadata.ci-errors-codegen]` in `Cargo.toml`.
//!
//! Without it (every dependent): compiles nothing heavy, and only checks that
//! the checked-in `generated/error_codes.rs` was generated from the spec
//! files as they are, by the fingerprints recorded beside it.

use std::process::ExitCode;

#[cfg(not(feature = "regenerate"))]
#[path = "src/fingerprint.rs"]
#[allow(dead_code)]
mod fingerprint;

/// The checked-in generated file, which `src/lib.rs` includes when the generator is off.
#[cfg(not(feature = "regenerate"))]
const GENERATED: &str = "generated/error_codes.rs";
/// The spec files' fingerprints, written with [`GENERATED`].
#[cfg(not(feature = "regenerate"))]
const FINGERPRINTS: &str = "generated/error_codes.fingerprints";
#[cfg(not(feature = "regenerate"))]
const FIX: &str = "cargo run -p ci-errors-codegen -- generate";

#[cfg(feature = "regenerate")]
fn main() -> ExitCode {
    match ci_errors_codegen::Builder::from_manifest(".") {
        Ok(builder) => builder.build_script(),
        Err(error) => {
            eprintln!("{error}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(not(feature = "regenerate"))]
fn main() -> ExitCode {
    println!("cargo:rerun-if-changed={GENERATED}");
    println!("cargo:rerun-if-changed={FINGERPRINTS}");
    let recorded = match std::fs::read_to_string(FINGERPRINTS) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("error: cannot read {FINGERPRINTS}: {e}\nto fix: {FIX}");
            return ExitCode::FAILURE;
        }
    };
    let inputs = fingerprint::recorded_inputs(&recorded);
    if inputs.is_empty() {
        eprintln!("error: {FINGERPRINTS} records no spec fingerprints\nto fix: {FIX}");
        return ExitCode::FAILURE;
    }
    let mut stale = Vec::new();
    for (name, recorded) in inputs {
        println!("cargo:rerun-if-changed={name}");
        match std::fs::read_to_string(name) {
            Ok(text) if fingerprint::fingerprint(&text) == recorded => {}
            Ok(_) => stale.push(format!(
                "{name} has changed since {GENERATED} was generated from it"
            )),
            Err(e) => stale.push(format!(
                "cannot read {name}, which {GENERATED} was generated from: {e}"
            )),
        }
    }
    if stale.is_empty() {
        return ExitCode::SUCCESS;
    }
    for line in stale {
        eprintln!("error: {line}");
    }
    eprintln!(
        "error: the checked-in code is stale and this build does not regenerate it (feature `regenerate` is off)\n\
         to fix: {FIX} (or `cargo build` at the workspace root, which turns `regenerate` on)"
    );
    ExitCode::FAILURE
}
