// Replays a checked-in fuzz corpus through a fuzz target's check function, as
// an ordinary test; shared by `tests/fuzz_corpus.rs` and `codegen/tests/fuzz_corpus.rs`.

/// Runs `check` on every file in `dir`, spread over the machine's cores,
/// naming every input that fails.
pub fn replay(dir: &str, check: fn(&[u8])) {
    let mut paths: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .expect("the corpus is checked in")
        .map(|entry| entry.unwrap().path())
        .collect();
    paths.sort();
    assert!(paths.len() >= 5, "only {} corpus inputs in {dir}", paths.len());
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = paths.len().div_ceil(threads);
    let failed: Vec<String> = std::thread::scope(|scope| {
        let workers: Vec<_> = paths
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .filter(|path| {
                            let data = std::fs::read(path).unwrap();
                            std::panic::catch_unwind(|| check(&data)).is_err()
                        })
                        .map(|path| path.display().to_string())
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers.into_iter().flat_map(|w| w.join().unwrap()).collect()
    });
    assert!(failed.is_empty(), "corpus inputs fail the check: {failed:?}");
}
