// Compiles generated sources for real, as modules of a scratch crate that
// depends on the runtime; shared by the tests that check that what the
// generator accepts compiles (`proptest_specs.rs`, `fuzz_corpus.rs`).

/// Writes `sources` as modules `s0`, `s1`, … of a crate named `name` in
/// `CARGO_TARGET_TMPDIR/name`, its `lib.rs` being `head`, the modules, then
/// `tail`; runs `cargo <command> --offline -q` there.
pub fn run_sample(
    name: &str,
    sources: &[String],
    head: &str,
    tail: &str,
    command: &str,
) -> std::process::Output {
    use std::path::Path;
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(dir.join("src"));
    std::fs::create_dir_all(dir.join("src")).unwrap();
    let mut lib = String::from(head);
    for (i, source) in sources.iter().enumerate() {
        std::fs::write(dir.join(format!("src/s{i}.rs")), source).unwrap();
        lib.push_str(&format!("pub mod s{i};\n"));
    }
    lib.push_str(tail);
    std::fs::write(dir.join("src/lib.rs"), lib).unwrap();
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n[workspace]\n\n\
             [dependencies]\nci-errors-runtime = {{ path = {:?} }}\n",
            manifest.join("runtime")
        ),
    )
    .unwrap();
    std::fs::copy(manifest.join("../Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    std::process::Command::new(env!("CARGO"))
        .args([command, "--offline", "-q"])
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .output()
        .unwrap()
}
