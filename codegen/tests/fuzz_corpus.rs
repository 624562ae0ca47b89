//! Replays the `spec_reader` fuzz corpus (`fuzz/corpus/spec_reader`) as an
//! ordinary test, with the very check the fuzz target runs, so CI needs no fuzzer.

include!("../../fuzz/checks/spec_reader.rs");
include!("../../fuzz/checks/replay.rs");

#[path = "support/sample.rs"]
mod sample;

#[test]
fn spec_reader_corpus_replays_clean() {
    replay(
        concat!(env!("CARGO_MANIFEST_DIR"), "/../fuzz/corpus/spec_reader"),
        check_spec,
    );
}

/// What the generator accepts compiles: the code generated for a sample of
/// the corpus inputs it accepts (leniently), as modules of one crate.
/// Warnings are allowed; an error or a deny-by-default lint fails.
#[test]
fn a_sample_of_accepted_corpus_inputs_compiles() {
    use std::path::Path;
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/corpus/spec_reader");
    let mut inputs: Vec<_> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    inputs.sort();
    let mut sources = Vec::new();
    for path in inputs {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let generated = ci_errors_codegen::Builder::new()
            .lenient(true)
            .generate_from([ci_errors_codegen::SpecText::new("fuzz.md", text)]);
        if let Ok(generated) = generated {
            sources.push(generated.source);
        }
        if sources.len() == 24 {
            break;
        }
    }
    assert!(
        sources.len() >= 10,
        "only {} accepted inputs",
        sources.len()
    );
    let out = sample::run_sample("corpus-sample", &sources, "", "", "build");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
