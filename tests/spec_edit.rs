//! Editing the spec and running `cargo build` is all a user does: a new row
//! becomes a variant, a new `string` node a field, a bad row a located error.
//! Builds a copy of this crate for real, each copy in its own target directory.

use std::path::{Path, PathBuf};
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// A standalone copy of this crate with `spec` as its spec.
fn copy_crate(name: &str, spec: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(dir.join("src"));
    let _ = std::fs::remove_dir_all(dir.join("tests"));
    for sub in ["src", "spec", "tests"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
    }
    for file in [
        "src/lib.rs",
        "src/xml.rs",
        "src/retry.rs",
        "build.rs",
        "Cargo.lock",
    ] {
        std::fs::copy(Path::new(ROOT).join(file), dir.join(file)).unwrap();
    }
    std::fs::write(dir.join("spec/error-codes.md"), spec).unwrap();
    let manifest = format!(
        "[package]\nname = \"ci-errors\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n[workspace]\n\n\
         [features]\nhttp = []\nserde = []\n\n\
         [dependencies]\nquick-xml = \"0.42\"\n\n\
         [build-dependencies]\nci-errors-codegen = {{ path = {:?}, default-features = false }}\n",
        Path::new(ROOT).join("codegen")
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
    dir
}

fn cargo(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO"))
        .args(args)
        .arg("--offline")
        .current_dir(dir)
        // Its own target dir: Cargo hashes path packages relative to their
        // workspace root, so two copies sharing one would share OUT_DIR.
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs")
}

fn seed() -> String {
    std::fs::read_to_string(Path::new(ROOT).join("spec/error-codes.md")).unwrap()
}

#[test]
fn a_new_row_and_a_new_node_appear_after_cargo_build() {
    let spec = seed()
        .replace(
            "| SlowDown  ",
            "| Brand.New-Thing | A code added by a user. | 418 I'm a teapot |\n| SlowDown  ",
        )
        .replace(
            "| TraceId | Error  |",
            "| RetryAfter | Error | Seconds to wait before retrying. | string |\n| TraceId | Error  |",
        );
    let dir = copy_crate("spec-edit-ok", &spec);
    std::fs::write(
        dir.join("tests/uses_new.rs"),
        r#"
use ci_errors::{ErrorCode, ErrorResponse};

#[test]
fn new_row_is_a_variant() {
    assert_eq!(ErrorCode::BrandNewThing.as_str(), "Brand.New-Thing");
    assert_eq!(ErrorCode::BrandNewThing.statuses(), &[418]);
    assert_eq!("Brand.New-Thing".parse::<ErrorCode>(), Ok(ErrorCode::BrandNewThing));
    assert_eq!(ErrorCode::BrandNewThing.description(418), Some("A code added by a user."));
}

#[test]
fn new_node_is_a_field() {
    let r = ErrorResponse::from_xml(b"<Error><Code>SlowDown</Code><RetryAfter>5</RetryAfter></Error>").unwrap();
    assert_eq!(r.retry_after.as_deref(), Some("5"));
    assert!(r.extra.is_empty());
    assert!(r.to_xml().contains("<RetryAfter>5</RetryAfter>"));
}
"#,
    )
    .unwrap();
    let out = cargo(&dir, &["test", "--test", "uses_new"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stderr}\n{stdout}");
    assert!(stdout.contains("2 passed"), "{stdout}");
}

#[test]
fn a_bad_row_fails_cargo_build_with_its_location() {
    let spec = seed().replace("| 429 Too Many Requests ", "| N/A ");
    let line = spec
        .lines()
        .position(|l| l.starts_with("| SlowDown"))
        .unwrap()
        + 1;
    let dir = copy_crate("spec-edit-bad", &spec);
    let out = cargo(&dir, &["build"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains("error: status `N/A` is not a number"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("--> spec/error-codes.md:{line}:")),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}
