//! Generates the error codes and the XML error body from `spec/error-codes.md`
//! into `OUT_DIR`; `src/lib.rs` includes the result.

fn main() -> std::process::ExitCode {
    ci_errors_codegen::project::builder().build_script()
}
