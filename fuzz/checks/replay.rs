// Replays a checked-in fuzz corpus through a fuzz target's check function, as
// an ordinary test; shared by `tests/fuzz_corpus.rs` and `codegen/tests/fuzz_corpus.rs`.

/// Runs `check` on every file in `dir`, naming any input that fails.
pub fn replay(dir: &str, check: fn(&[u8])) {
    let mut count = 0;
    for entry in std::fs::read_dir(dir).expect("the corpus is checked in") {
        let path = entry.unwrap().path();
        let data = std::fs::read(&path).unwrap();
        let result = std::panic::catch_unwind(|| check(&data));
        assert!(result.is_ok(), "corpus input {} fails the check", path.display());
        count += 1;
    }
    assert!(count >= 5, "only {count} corpus inputs in {dir}");
}
