//! Replays the `xml_body` fuzz corpus (`fuzz/corpus/xml_body`) as an ordinary
//! test, with the very check the fuzz target runs, so CI needs no fuzzer.

include!("../fuzz/checks/xml_body.rs");
include!("../fuzz/checks/replay.rs");

#[test]
fn xml_body_corpus_replays_clean() {
    replay(
        concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz/corpus/xml_body"),
        check_body,
    );
}
