// Compiles generated sources for real, as modules of a scratch crate that
// depends on the runtime, in the edition `cargo new` gives; shared by the tests that check that what the
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
    std::fs::create_dir_all(dir.join("src")).unwrap();
    // Files are written only when they change, so that a warm run finds the
    // crate built; modules of an earlier, larger sample go.
    let write = |path: &Path, text: &str| {
        if std::fs::read(path).map_or(true, |old| old != text.as_bytes()) {
            std::fs::write(path, text).unwrap();
        }
    };
    let mut lib = String::from(head);
    let mut wanted = vec!["lib.rs".to_owned()];
    for (i, source) in sources.iter().enumerate() {
        write(&dir.join(format!("src/s{i}.rs")), source);
        lib.push_str(&format!("pub mod s{i};\n"));
        wanted.push(format!("s{i}.rs"));
    }
    for entry in std::fs::read_dir(dir.join("src")).unwrap() {
        let entry = entry.unwrap();
        if !wanted
            .iter()
            .any(|w| *w == entry.file_name().to_string_lossy())
        {
            std::fs::remove_file(entry.path()).unwrap();
        }
    }
    lib.push_str(tail);
    write(&dir.join("src/lib.rs"), &lib);
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    write(
        &dir.join("Cargo.toml"),
        &format!(
            "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\n[workspace]\n\n\
             [dependencies]\nci-errors-runtime = {{ path = {:?} }}\n",
            manifest.join("runtime")
        ),
    );
    let lock = std::fs::read_to_string(manifest.join("../Cargo.lock")).unwrap();
    write(&dir.join("Cargo.lock"), &lock);
    std::process::Command::new(env!("CARGO"))
        .args([command, "--offline", "-q"])
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .output()
        .unwrap()
}
