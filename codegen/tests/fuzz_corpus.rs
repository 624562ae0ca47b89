//! Replays the `spec_reader` fuzz corpus (`fuzz/corpus/spec_reader`) as an
//! ordinary test, with the very check the fuzz target runs, so CI needs no fuzzer.

include!("../../fuzz/checks/spec_reader.rs");
include!("../../fuzz/checks/replay.rs");

#[test]
fn spec_reader_corpus_replays_clean() {
    replay(
        concat!(env!("CARGO_MANIFEST_DIR"), "/../fuzz/corpus/spec_reader"),
        check_spec,
    );
}
