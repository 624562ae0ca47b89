// The property the `spec_reader` fuzz target checks, shared with the corpus
// replay test (`codegen/tests/fuzz_corpus.rs`): any bytes are either refused
// with located diagnostics or read into a model whose generated code parses.

/// Checks one input; panics (so the fuzzer reports it) when the property fails.
pub fn check_spec(data: &[u8]) {
    use ci_errors_codegen::{read_spec, Builder, ReadOptions, Severity, SourceFile};

    let Ok(text) = std::str::from_utf8(data) else { return };
    let src = SourceFile::new("fuzz.md", text);
    for lenient in [false, true] {
        let options = ReadOptions::lenient(lenient);
        match read_spec(&src, &options) {
            Err(diagnostics) => {
                assert!(diagnostics.iter().any(|d| d.severity == Severity::Error));
                for d in &diagnostics {
                    let rendered = d.render(&src);
                    assert!(rendered.contains("fuzz.md"), "{rendered}");
                }
            }
            Ok((model, warnings)) => {
                assert!(warnings.iter().all(|w| w.severity == Severity::Warning));
                assert!(!model.codes.is_empty());
                for w in &warnings {
                    let _ = w.render(&src);
                }
                let generated = Builder::new()
                    .lenient(lenient)
                    .generate_from([ci_errors_codegen::SpecText::new("fuzz.md", text)])
                    .expect("an accepted spec generates");
                syn::parse_file(&generated.source).expect("generated code parses");
            }
        }
    }
}
