//! Generates `api_errors.rs` into `OUT_DIR` from the settings in `Cargo.toml`.

fn main() -> std::process::ExitCode {
    match ci_errors_codegen::Builder::from_manifest(".") {
        Ok(builder) => builder.build_script(),
        Err(error) => {
            eprintln!("{error}");
            std::process::ExitCode::FAILURE
        }
    }
}
