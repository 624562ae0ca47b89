//! Generates the error codes and the XML error body from `spec/error-codes.md`.

fn main() -> std::process::ExitCode {
    ci_errors_codegen::Builder::new()
        .spec("spec/error-codes.md")
        .xml_runtime("crate::xml")
        .regenerate_command("cargo run -p ci-errors-codegen -- generate")
        .build_script()
}
