//! Replays the `xml_body` fuzz corpus (`fuzz/corpus/xml_body`) as an ordinary
//! test, with the very check the fuzz target runs, so CI needs no fuzzer.

include!("../fuzz/checks/xml_body.rs");

#[test]
fn xml_body_corpus_replays_clean() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz/corpus/xml_body");
    let mut count = 0;
    for entry in std::fs::read_dir(dir).expect("the corpus is checked in") {
        let path = entry.unwrap().path();
        let data = std::fs::read(&path).unwrap();
        let result = std::panic::catch_unwind(|| check_body(&data));
        assert!(
            result.is_ok(),
            "corpus input {} fails the check",
            path.display()
        );
        count += 1;
    }
    assert!(count >= 5, "only {count} corpus inputs");
}
