//! Input an attacker or an unlucky user gives the generator: whatever it
//! accepts compiles (checked for real by `proptest_specs.rs`), and whatever
//! it refuses is refused with a clear error and nothing written.

use std::io::Read as _;
use std::path::Path;

use ci_errors_codegen::{Builder, Error, SourceFile, SpecText};

const SPEC: &str =
    "| Error Code | HTTP Status Code | Description |\n|---|---|---|\n| Busy | 503 | Busy. |\n";

fn spec() -> SpecText {
    SpecText::new("s.md", SPEC)
}

#[test]
fn enum_names_the_generated_code_uses_are_refused() {
    // Derived from what the code uses: prelude types and traits, primitive
    // types, its own items.
    let names = [
        "Lang", "Result", "Option", "Some", "CODES", "Iterator", "u16", "str", "usize", "i64",
        "u32", "INDEX",
    ];
    for name in names {
        let err = Builder::new()
            .enum_name(name)
            .generate_from([spec()])
            .unwrap_err();
        assert!(
            err.to_string().contains(&format!(
                "enum-name `{name}` is a name the generated code uses"
            )),
            "{name}: {err}"
        );
    }
    assert!(Builder::new()
        .enum_name("ApiError")
        .generate_from([spec()])
        .is_ok());
    // The body's type is reserved only where a body is generated.
    assert!(Builder::new()
        .enum_name("ErrorResponse")
        .generate_from([spec()])
        .is_ok());
}

#[test]
fn a_variant_named_like_the_enums_own_items_is_refused() {
    for name in ["ALL", "as_str", "statuses", "from_code", "retry"] {
        let err = Builder::new()
            .variant_name("Busy", name)
            .generate_from([spec()])
            .unwrap_err();
        assert!(err.to_string().contains(&format!("`{name}`")), "{err}");
    }
}

#[test]
fn two_editions_with_one_language_variant_are_refused() {
    let cases = [
        ("en", "a translation tagged like the primary"),
        ("EN", "a tag that differs only in case"),
    ];
    for (tag, why) in cases {
        let err = Builder::new()
            .generate_from([spec().with_translation(tag, "t.md", SPEC)])
            .unwrap_err();
        assert!(
            err.to_string()
                .contains("give each edition a tag of its own"),
            "{why}: {err}"
        );
    }
    let err = Builder::new()
        .generate_from([spec()
            .with_translation("zh-cn", "a.md", SPEC)
            .with_translation("zh_cn", "b.md", SPEC)])
        .unwrap_err();
    assert!(err.to_string().contains("`zh-cn` and `zh_cn`"), "{err}");
}

#[test]
fn two_specs_in_one_module_are_refused() {
    let err = Builder::new()
        .generate_from([spec().in_module("v1"), spec().in_module("v1")])
        .unwrap_err();
    assert!(
        matches!(err, Error::DuplicateModule(Some(ref m)) if m == "v1"),
        "{err}"
    );
    let err = Builder::new().generate_from([spec(), spec()]).unwrap_err();
    assert!(matches!(err, Error::DuplicateModule(None)), "{err}");
}

/// A project directory of its own with the spec and the given settings.
fn project(name: &str, settings: &str) -> std::path::PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("hostile")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("spec")).unwrap();
    std::fs::write(dir.join("spec/s.md"), SPEC).unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        format!("[package]\nname = \"x\"\n[package.metadata.ci-errors-codegen]\nspecs = [{{ path = \"spec/s.md\" }}]\n{settings}\n"),
    )
    .unwrap();
    dir
}

#[test]
fn settings_cannot_write_outside_the_crate_or_over_its_inputs() {
    for (name, checked_in) in [
        ("parent", "../x/y.rs"),
        ("absolute", "/tmp/ci-errors-hostile.rs"),
        ("spec", "spec/s.md"),
        ("dotted", "./spec/s.md"),
        ("fingerprints", "spec/s.fingerprints"),
    ] {
        let dir = project(name, &format!("checked-in = {checked_in:?}"));
        let before: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        let err = Builder::from_manifest(&dir)
            .unwrap()
            .write_checked_in()
            .unwrap_err();
        assert!(
            matches!(
                err,
                Error::UnsafePath {
                    setting: "checked-in",
                    ..
                }
            ),
            "{name}: {err}"
        );
        assert!(err.to_string().contains("nothing was written"), "{err}");
        let after: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        assert_eq!(before, after, "{name}: a file was written");
        assert_eq!(
            std::fs::read_to_string(dir.join("spec/s.md")).unwrap(),
            SPEC
        );
    }
    assert!(!Path::new("/tmp/ci-errors-hostile.rs").exists());
    for out_file in ["../escape.rs", "sub/x.rs", "/tmp/x.rs", ".."] {
        let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("hostile-out");
        let err = Builder::new()
            .spec(Path::new(env!("CARGO_TARGET_TMPDIR")).join("hostile/parent/spec/s.md"))
            .out_dir(&out)
            .out_file(out_file)
            .compile()
            .unwrap_err();
        assert!(
            matches!(
                err,
                Error::UnsafePath {
                    setting: "out-file",
                    ..
                }
            ),
            "{out_file}: {err}"
        );
    }
}

/// Paths compared as the file system resolves them, and no file the
/// generator did not write is overwritten.
#[test]
fn the_checked_in_guard_resolves_paths_and_keeps_the_crate_s_own_files() {
    let lib = "pub fn mine() {}\n";
    let cases: [(&str, &str, &str); 5] = [
        ("manifest", "spec/s.md", "Cargo.toml"),
        ("crate-root", "spec/s.md", "src/lib.rs"),
        ("climbing-spec", "generated/../spec/s.md", "spec/s.md"),
        ("linked", "spec/s.md", "gen/link.rs"),
        ("linked-dir", "spec/s.md", "gen-dir/s.md"),
    ];
    for (name, spec, checked_in) in cases {
        let dir = project(name, "");
        std::fs::write(
            dir.join("Cargo.toml"),
            format!("[package]\nname = \"x\"\n[package.metadata.ci-errors-codegen]\nspecs = [{{ path = {spec:?} }}]\nchecked-in = {checked_in:?}\n"),
        )
        .unwrap();
        let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap();
        std::fs::create_dir_all(dir.join("src")).unwrap();
        std::fs::create_dir_all(dir.join("generated")).unwrap();
        std::fs::create_dir_all(dir.join("gen")).unwrap();
        std::fs::write(dir.join("src/lib.rs"), lib).unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("../spec/s.md", dir.join("gen/link.rs")).unwrap();
            std::os::unix::fs::symlink("spec", dir.join("gen-dir")).unwrap();
        }
        let err = Builder::from_manifest(&dir)
            .unwrap()
            .write_checked_in()
            .unwrap_err();
        assert!(
            matches!(
                err,
                Error::UnsafePath {
                    setting: "checked-in",
                    ..
                }
            ),
            "{name}: {err}"
        );
        assert_eq!(
            std::fs::read_to_string(dir.join("spec/s.md")).unwrap(),
            SPEC,
            "{name}"
        );
        assert_eq!(
            std::fs::read_to_string(dir.join("src/lib.rs")).unwrap(),
            lib,
            "{name}"
        );
        assert_eq!(
            std::fs::read_to_string(dir.join("Cargo.toml")).unwrap(),
            manifest,
            "{name}"
        );
    }
    // A file the generator wrote is rewritten as before.
    let dir = project("rewrite", "checked-in = \"src/errors.rs\"");
    let builder = Builder::from_manifest(&dir).unwrap();
    assert!(builder.write_checked_in().unwrap().1);
    std::fs::write(
        dir.join("spec/s.md"),
        format!("{SPEC}| Later | 409 | Later. |\n"),
    )
    .unwrap();
    assert!(builder.write_checked_in().unwrap().1);
    assert!(std::fs::read_to_string(dir.join("src/errors.rs"))
        .unwrap()
        .contains("Later"));
}

/// A spec is a regular file under the size limit: a FIFO is refused
/// before it is opened (opening one blocks), a device that never ends is
/// refused, and a file one byte over the limit too.
#[test]
fn specs_are_regular_files_under_a_size_limit() {
    use ci_errors_codegen::{read_spec_file, read_spec_from, MAX_SPEC_BYTES};
    let dir = project("special", "");
    for special in [
        Path::new("/dev/zero"),
        Path::new("/dev/null"),
        dir.as_path(),
    ] {
        if special.exists() {
            let err = read_spec_file(special).unwrap_err();
            assert!(err.to_string().contains("not a regular file"), "{err}");
        }
    }
    #[cfg(unix)]
    {
        let fifo = dir.join("fifo.md");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            let err = read_spec_file(&fifo).unwrap_err();
            assert!(err.to_string().contains("not a regular file"), "{err}");
            let manifest = "[package]\nname = \"x\"\n[package.metadata.ci-errors-codegen]\nspecs = [{ path = \"fifo.md\" }]\n";
            std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
            let err = Builder::from_manifest(&dir)
                .unwrap()
                .generate()
                .unwrap_err();
            assert!(err.to_string().contains("not a regular file"), "{err}");
        }
    }
    let limit = MAX_SPEC_BYTES as usize;
    let at_limit = read_spec_from(std::io::repeat(b' ').take(MAX_SPEC_BYTES)).unwrap();
    assert_eq!(at_limit.len(), limit);
    let err = read_spec_from(std::io::repeat(b' ').take(MAX_SPEC_BYTES + 1)).unwrap_err();
    assert!(err.to_string().contains("larger than 16 MiB"), "{err}");
    let err = read_spec_from(&b"| a |\xff"[..]).unwrap_err();
    assert!(
        err.to_string()
            .contains("not UTF-8 (an invalid byte at offset 5)"),
        "{err}"
    );
}

/// A file whose lines end with a lone CR is read, with its lines counted.
#[test]
fn a_file_with_cr_line_ends_is_read_line_by_line() {
    let spec = SPEC.replace('\n', "\r") + "| Gone | 410 | Gone. |\r";
    let read = Builder::new()
        .read_from(SpecText::new("cr.md", spec))
        .unwrap();
    let lines: Vec<usize> = read.model.errors.iter().map(|r| r.line).collect();
    assert_eq!(lines, [3, 4]);
    let bad = SPEC.replace('\n', "\r") + "| Gone | 999 | Gone. |\r";
    let Err(Error::Spec { rendered, .. }) = Builder::new().read_from(SpecText::new("cr.md", bad))
    else {
        panic!("status 999 is refused");
    };
    assert!(rendered.contains("--> cr.md:4:10"), "{rendered}");
}

/// Cells copied by spans are bounded for the whole document, however many
/// tables and HTML blocks share it: each copy costs at least 64 bytes of a
/// budget of 16 times the document plus 1 MiB.
#[test]
fn span_copies_are_bounded_across_tables() {
    let table = format!(
        "<table><tr><th>Error Code</th><th>HTTP Status Code</th></tr>\
         <tr><td rowspan=\"0\" colspan=\"1000\">{}</td><td>x</td></tr>{}</table>\n\n",
        "Wide. ".repeat(8),
        "<tr><td>".repeat(60)
    );
    let doc = table.repeat(300_000 / table.len());
    let src = SourceFile::new("spans.md", doc.clone());
    let cells: usize = ci_errors_codegen::stages::read_tables(&src)
        .iter()
        .flat_map(|t| &t.rows)
        .map(|r| r.cells.len())
        .sum();
    let written = doc.matches("<td").count();
    let budget = (16 * doc.len() + (1 << 20)) / 64;
    assert!(
        cells <= written + budget,
        "{cells} cells from {written} written and a budget of {budget} copies"
    );
}

#[test]
fn codes_past_the_length_limit_are_refused_at_their_cell() {
    let long = "A".repeat(257);
    let md = format!(
        "{SPEC}| {long} | 400 | Long. |\n| {} | 400 | Fits. |\n",
        "B".repeat(256)
    );
    let Err(Error::Spec { rendered, .. }) =
        Builder::new().read_from(SpecText::new("s.md", md.clone()))
    else {
        panic!("a 257-byte code is refused");
    };
    assert!(rendered.contains("error: code of 257 bytes"), "{rendered}");
    assert!(rendered.contains("--> s.md:4:3"), "{rendered}");
    let read = Builder::new()
        .lenient(true)
        .read_from(SpecText::new("s.md", md))
        .unwrap();
    let lengths: Vec<usize> = read.model.codes.iter().map(|c| c.code.len()).collect();
    assert_eq!(lengths, [4, 256]);
}

#[test]
fn node_names_the_body_cannot_round_trip_are_refused() {
    for (node, why) in [
        ("Request Id", "not an XML element name"),
        ("a&lt;b", "not an XML element name"),
        ("ns:Message", "a prefixed name"),
        ("xml:lang", "a prefixed name"),
    ] {
        let md = format!(
            "{SPEC}\n| Node Name | Parent Node | Description | Type |\n|---|---|---|---|\n| Error | None | Root. | Container |\n| Code | Error | Code. | string |\n| {node} | Error | x | string |\n"
        );
        let Err(Error::Spec { rendered, .. }) = Builder::new().read_from(SpecText::new("s.md", md))
        else {
            panic!("{node} is refused");
        };
        assert!(rendered.contains(why), "{node}: {rendered}");
        assert!(rendered.contains("--> s.md:9:"), "{rendered}");
    }
}

/// Thousands of codes whose derived names are one (`a.b`, `a-b`, `a._b`, …):
/// each is named and warned of, naming a few of the others and counting
/// the rest, so that the warnings grow with the codes, not their square.
#[test]
fn thousands_of_codes_alike_are_named_with_warnings_that_stay_short() {
    // (Not `/`: `a/b` is a cell listing two codes.)
    let separators = [".", "-", "_", "+", ":"];
    let mut codes = Vec::new();
    for a in separators {
        for b in separators {
            for c in separators {
                for d in separators {
                    for e in separators {
                        codes.push(format!("a{a}{b}{c}{d}{e}b"));
                    }
                }
            }
        }
    }
    let mut spec = String::from("| Error Code | Description |\n|---|---|\n");
    for code in &codes {
        spec.push_str(&format!("| {code} | Alike. |\n"));
    }
    let read = Builder::new()
        .lenient(true)
        .read_from(SpecText::new("alike.md", spec))
        .unwrap();
    assert_eq!(read.model.codes.len(), codes.len());
    let names: std::collections::BTreeSet<&str> = read
        .model
        .codes
        .iter()
        .map(|c| c.variant.as_str())
        .collect();
    assert_eq!(names.len(), codes.len(), "every code has a name of its own");
    let renamed: Vec<_> = read
        .warnings
        .iter()
        .filter(|w| w.lint == Some(ci_errors_codegen::Lint::RenamedVariant))
        .collect();
    assert_eq!(renamed.len(), codes.len());
    let longest = renamed.iter().map(|w| w.message.len()).max().unwrap();
    assert!(longest < 200, "{longest}: {}", renamed[0].message);
    assert!(
        renamed[0].message.ends_with(&format!(
            "{} more both become the Rust name `AB`",
            codes.len() - 4
        )),
        "{}",
        renamed[0].message
    );
}
