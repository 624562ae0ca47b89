//! The `ci-errors` crate's own settings, shared by its build script and the
//! command-line tool so that both write the same bytes.

use crate::Builder;

/// The spec, relative to the workspace root.
pub const SPEC: &str = "spec/error-codes.md";
/// The checked-in copy of the generated source, relative to the workspace root.
pub const GENERATED: &str = "generated/error_codes.rs";
/// The command that regenerates [`GENERATED`].
pub const REGENERATE: &str = "cargo run -p ci-errors-codegen -- generate";

/// The builder `ci-errors` uses (run from the workspace root).
pub fn builder() -> Builder {
    Builder::new()
        .spec(SPEC)
        .out_file("error_codes.rs")
        .xml_runtime("crate::xml")
        .serde_feature("serde")
        // src/http.rs and src/retry.rs use the body: say so, rather than fail to compile.
        .require_xml_body(true)
        .regenerate_command(REGENERATE)
}
