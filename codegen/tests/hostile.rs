//! Input an attacker or an unlucky user gives the generator: whatever it
//! accepts compiles (checked for real by `proptest_specs.rs`), and whatever
//! it refuses is refused with a clear error and nothing written.

use std::path::Path;

use ci_errors_codegen::{Builder, Error, SpecText};

const SPEC: &str =
    "| Error Code | HTTP Status Code | Description |\n|---|---|---|\n| Busy | 503 | Busy. |\n";

fn spec() -> SpecText {
    SpecText::new("s.md", SPEC)
}

#[test]
fn enum_names_the_generated_code_uses_are_refused() {
    for name in ["ErrorResponse", "Lang", "Result", "Option", "Some", "CODES"] {
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
}

#[test]
fn a_variant_named_like_the_enums_own_items_is_refused() {
    let err = Builder::new()
        .variant_name("Busy", "ALL")
        .generate_from([spec()])
        .unwrap_err();
    assert!(err.to_string().contains("`ALL`"), "{err}");
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
