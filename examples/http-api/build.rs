//! Two specs, two modules; our own enum name; one extra header word; no XML body.

use ci_errors_codegen::{Builder, Column};

fn main() -> std::process::ExitCode {
    Builder::new()
        .module_spec("v1", "spec/v1.md")
        .module_spec("v2", "spec/v2.md")
        .enum_name("ApiError")
        .header_word(Column::Code, "Problem Type")
        .xml_body(false)
        .out_file("api_errors.rs")
        .build_script()
}
