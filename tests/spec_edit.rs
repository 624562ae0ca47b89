//! Editing the spec is safe. In a copy of this workspace (its own target
//! directory), one test makes the edits a user makes and proves:
//!
//! 1. a scratch crate depending on `ci-errors` by path does not compile the generator;
//! 2. after the edits (a new code with a link and a code span, a second
//!    status for a code, the 500 reason fixed, a code removed, a new section
//!    with its own table, a new `string` node) and `generate`, the crate's
//!    suite, `cargo test -p ci-errors --all-features`, passes (the other
//!    crates' tests read no spec of this crate);
//! 3. a spec edit without `generate` fails `cargo build -p ci-errors` (the
//!    generator off) with the fixing command, while `cargo build` at the
//!    root regenerates and the new variant is usable;
//! 4. a new crate adopted with `ci-errors-codegen init`, for a spec of its own
//!    with its own enum name, builds and passes its tests; a settings change
//!    (`enum-name`) reruns its build script; its staleness test fails after a
//!    spec edit until `generate`; the README's gate fails on a breaking edit;
//! 5. a bad row fails `cargo build` with its location.
//!
//! The edits touch both editions, as a maintainer keeping them in step would.
//!
//! It builds a second copy of the workspace (about 90 s), so the everyday
//! suite leaves it out: `.ci/run` runs it, and so does
//! `cargo test --test spec_edit -- --ignored`. The pipeline's own tests
//! (`codegen/tests`) cover the same edits without cargo.
//! The adopted crate shares the copy's target directory (the generator and
//! runtime are built once), and the copy is removed when the test passes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
/// Set in the copy's own test run, so that this test does not recurse.
const NESTED: &str = "CI_ERRORS_SPEC_EDIT_NESTED";

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        if [".git", "target"].contains(&name.to_str().unwrap_or("")) {
            continue;
        }
        let (src, dst) = (entry.path(), to.join(&name));
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&src, &dst);
        } else {
            std::fs::copy(&src, &dst).unwrap();
        }
    }
}

fn cargo(dir: &Path, args: &[&str]) -> Output {
    cargo_with_target(dir, &dir.join("target"), args)
}

/// Cargo in `dir`, building into `target`.
fn cargo_with_target(dir: &Path, target: &Path, args: &[&str]) -> Output {
    cargo_command(dir, target, args)
        .output()
        .expect("cargo runs")
}

/// Cargo, offline, in `dir` with the target directory `target`.
fn cargo_command(dir: &Path, target: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO"));
    command
        .arg("--offline")
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env(NESTED, "1")
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS");
    command
}

fn text(out: &Output) -> String {
    format!(
        "{}\n{}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    )
}

fn edit(path: &Path, f: impl FnOnce(String) -> String) {
    let text = std::fs::read_to_string(path).unwrap();
    std::fs::write(path, f(text)).unwrap();
}

/// The line of `spec` that is the error row of `code` with `status`.
fn row_line<'s>(spec: &'s str, code: &str, status: u16) -> &'s str {
    spec.lines()
        .find(|l| {
            let cells: Vec<&str> = l
                .trim()
                .trim_matches('|')
                .split('|')
                .map(str::trim)
                .collect();
            cells.first() == Some(&code) && cells.iter().any(|c| c.starts_with(&status.to_string()))
        })
        .unwrap_or_else(|| panic!("no row {code} {status}"))
}

/// Inserts `new` after the row of `code` with `status`.
fn insert_after(spec: String, code: &str, status: u16, new: &str) -> String {
    let line = row_line(&spec, code, status).to_owned();
    spec.replacen(&line, &format!("{line}\n{new}"), 1)
}

/// The user's edits, applied to both editions.
fn apply_edits(copy: &Path) {
    let codes = ci_errors::ErrorCode::ALL;
    // A code with one row, to remove; a code to give a second status; a row to add after.
    let removed = codes
        .iter()
        .rev()
        .find(|c| c.rows().len() == 1 && c.statuses().count() == 1)
        .unwrap();
    let widened = codes
        .iter()
        .find(|c| *c != removed && c.statuses().count() > 0 && c.row(409).is_none())
        .unwrap();
    let widened_status = widened.statuses().next().unwrap();
    let removed_status = removed.statuses().next().unwrap();
    for (file, lang_text, table_head, job_head) in [
        (
            "spec/error-codes.md",
            "Added by a user; see [the docs](https://example.com/x) and `X-Header`.",
            "| Error Code | Description | HTTP Status Code |",
            "| Error Code | Description | Solution |",
        ),
        (
            "spec/error-codes.zh.md",
            "用户添加；见 [文档](https://example.com/x) 和 `X-Header`。",
            "| 错误码 | 描述 | HTTP 状态码 |",
            "| 错误码 | 描述 | 解决方法 |",
        ),
    ] {
        edit(&copy.join(file), |spec| {
            let spec = insert_after(
                spec,
                widened.as_str(),
                widened_status,
                &format!("| {widened} | {lang_text} | 409 Conflict |"),
            );
            let spec = insert_after(
                spec,
                widened.as_str(),
                widened_status,
                &format!("| Brand.New-Code | {lang_text} | 418 |"),
            );
            let gone = row_line(&spec, removed.as_str(), removed_status).to_owned();
            let spec = spec.replacen(&format!("{gone}\n"), "", 1);
            let spec = spec.replace("500 Internal Server ", "500 Internal Server Error ");
            let spec = spec.replace(
                "| TraceId ",
                &format!("| RetryAfter | Error | {lang_text} | string |\n| TraceId "),
            );
            // A section of codes without a status: a dotted code with a remedy, a numeric one.
            format!("{spec}\n**Custom section**\n\n{table_head}\n| --- | --- | --- |\n| CustomThing | {lang_text} | 422 |\n\n**Job errors**\n\n{job_head}\n| --- | --- | --- |\n| Job.Failed | {lang_text} | {lang_text} |\n| -1001 | {lang_text} |  |\n")
        });
    }
    // Drift, as vendors' editions have it: a row in each edition only.
    for (file, stem, text) in [
        ("spec/error-codes.md", "OnlyInEnglish", "Only in English."),
        ("spec/error-codes.zh.md", "OnlyInChinese", "只在中文版。"),
    ] {
        let mut code = stem.to_owned();
        while ci_errors::ErrorCode::from_code(&code).is_some() {
            code.push('X');
        }
        edit(&copy.join(file), |spec| {
            insert_after(
                spec,
                widened.as_str(),
                widened_status,
                &format!("| {code} | {text} | 502 Bad Gateway |"),
            )
        });
    }
}

#[test]
#[ignore = "end to end: builds a copy of the workspace; `.ci/run` runs it"]
fn spec_edits_rebuild_regenerate_and_keep_the_suite_green() {
    if std::env::var_os(NESTED).is_some() {
        return;
    }
    let copy: PathBuf = Path::new(env!("CARGO_TARGET_TMPDIR")).join("spec-edit");
    for sub in [
        "src",
        "spec",
        "generated",
        "tests",
        "codegen",
        "examples",
        "benches",
        "fuzz",
    ] {
        let _ = std::fs::remove_dir_all(copy.join(sub));
    }
    copy_tree(Path::new(ROOT), &copy);

    // 1. A dependent does not compile the generator.
    let scratch = copy.join("scratch-dependent");
    dependent_crate(
        &scratch,
        &format!("ci-errors = {{ path = {copy:?} }}"),
        "pub use ci_errors::ErrorCode;\n",
        &copy.join("Cargo.lock"),
    );
    let out = cargo(&scratch, &["build", "-v"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        !text(&out).contains("ci-errors-codegen"),
        "the generator was compiled:\n{}",
        text(&out)
    );
    assert!(!text(&out).contains("warning"), "{}", text(&out));

    // 2. The edits, `generate`, and the crate's suite.
    apply_edits(&copy);
    let out = cargo(
        &copy,
        &["run", "-q", "-p", "ci-errors-codegen", "--", "generate"],
    );
    assert!(out.status.success(), "{}", text(&out));
    // The crate's suite: the generator's, the runtime's and the example's
    // tests read no spec of this crate, and would double this test's time.
    let out = cargo(&copy, &["test", "-p", "ci-errors", "--all-features"]);
    assert!(
        out.status.success(),
        "the suite fails after the edits:\n{}",
        text(&out)
    );
    assert!(text(&out).contains("test result: ok"), "{}", text(&out));
    // The edits' warnings reach cargo one line each, with their place.
    assert!(
        text(&out).contains("warning: ci-errors@0.1.0: spec/error-codes.md:")
            && text(&out).contains(": warning[status_class_mismatch]: status 418"),
        "{}",
        text(&out)
    );
    assert!(
        !text(&out).contains("ci-errors@0.1.0:    |"),
        "{}",
        text(&out)
    );

    // 3. An edit without `generate`: the generator off refuses, `cargo build` regenerates.
    for (file, description, head) in [
        (
            "spec/error-codes.md",
            "Probe.",
            "| Error Code | Description | HTTP Status Code |",
        ),
        (
            "spec/error-codes.zh.md",
            "探测。",
            "| 错误码 | 描述 | HTTP 状态码 |",
        ),
    ] {
        edit(&copy.join(file), |spec| {
            format!("{spec}\n{head}\n| --- | --- | --- |\n| ProbeCode | {description} | 410 |\n")
        });
    }
    let out = cargo(&copy, &["build", "-p", "ci-errors"]);
    assert!(
        !out.status.success(),
        "a stale checked-in file was used:\n{}",
        text(&out)
    );
    let message = text(&out);
    assert!(
        message.contains(
            "spec/error-codes.md has changed since generated/error_codes.rs was generated"
        ),
        "{message}"
    );
    assert!(
        message.contains("to fix: cargo run -p ci-errors-codegen -- generate"),
        "{message}"
    );
    std::fs::write(
        copy.join("tests/uses_probe.rs"),
        "#[test]\nfn probe() {\n    assert_eq!(ci_errors::ErrorCode::ProbeCode.statuses().collect::<Vec<u16>>(), [410]);\n    assert_eq!(ci_errors::ErrorCode::ProbeCode.description_in(ci_errors::Lang::Zh, 410), Some(\"探测。\"));\n}\n",
    )
    .unwrap();
    let out = cargo(&copy, &["build"]);
    assert!(out.status.success(), "{}", text(&out));
    let out = cargo(&copy, &["test", "--test", "uses_probe"]);
    assert!(out.status.success(), "{}", text(&out));

    // 4. A crate adopted with `init`.
    adopt_a_new_crate(&copy);

    // 5. A bad row fails the build with its location.
    edit(&copy.join("spec/error-codes.md"), |spec| {
        spec.replace("| 410 |", "| TBD |")
    });
    let line = std::fs::read_to_string(copy.join("spec/error-codes.md"))
        .unwrap()
        .lines()
        .position(|l| l.starts_with("| ProbeCode"))
        .unwrap()
        + 1;
    let out = cargo(&copy, &["build"]);
    let message = text(&out);
    assert!(!out.status.success());
    assert!(
        message.contains("error: status `TBD` is not a number"),
        "{message}"
    );
    assert!(
        message.contains(&format!("--> spec/error-codes.md:{line}:")),
        "{message}"
    );
    assert!(!message.contains("panicked"), "{message}");
    // About 2 GB of build: kept only when the test fails, for a look.
    let _ = std::fs::remove_dir_all(&copy);
}

/// A COS-like error page, trimmed to the structure the vendor uses.
const ADOPTED_SPEC: &str = "# Object storage errors\n\n\
## Error body\n\n\
| Node Name | Parent Node | Description | Type |\n| --- | --- | --- | --- |\n\
| Error | None | Holds the error | Container |\n| Code | Error | The error code | String |\n\
| Message | Error | What went wrong | String |\n| RequestId | Error | The request's ID | String |\n\n\
## 4xx errors\n\n\
| HTTP Status Code | Error Code | Description |\n| --- | --- | --- |\n\
| 403 Forbidden | AccessDenied | Access denied. |\n\
| 404 Not Found | NoSuchBucket | The bucket does not exist. |\n\
| 404 Not Found | NoSuchKey | The key does not exist. |\n";

/// Its Chinese edition, drifting as vendors' editions do: it lacks
/// `AccessDenied` and lists a code the English edition lacks.
const ADOPTED_SPEC_ZH: &str = "# 对象存储错误码\n\n\
## 错误响应\n\n\
| 节点名称 | 父节点 | 描述 | 类型 |\n| --- | --- | --- | --- |\n\
| Error | 无 | 保存错误 | Container |\n| Code | Error | 错误码 | String |\n\
| Message | Error | 错误信息 | String |\n| RequestId | Error | 请求 ID | String |\n\n\
## 4xx 错误\n\n\
| HTTP 状态码 | 错误码 | 描述 |\n| --- | --- | --- |\n\
| 404 Not Found | NoSuchBucket | 存储桶不存在。 |\n\
| 404 Not Found | NoSuchKey | 对象不存在。 |\n\
| 409 Conflict | BucketAlreadyExists | 存储桶已存在。 |\n";

/// Runs the copy's tool in `dir`.
fn tool(copy: &Path, dir: &Path, args: &[&str]) -> Output {
    let mut cmd = Command::new(copy.join("target/debug/ci-errors-codegen"));
    cmd.args(args)
        .current_dir(dir)
        .output()
        .expect("the tool runs")
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", text(&out));
}

/// A crate in `dir` with the one dependency `dependency` (a manifest line),
/// the root `lib`, and the lock file `lock`.
fn dependent_crate(dir: &Path, dependency: &str, lib: &str, lock: &Path) {
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        format!("[package]\nname = \"dependent\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n[workspace]\n\n[dependencies]\n{dependency}\n"),
    )
    .unwrap();
    std::fs::write(dir.join("src/lib.rs"), lib).unwrap();
    std::fs::copy(lock, dir.join("Cargo.lock")).unwrap();
}

/// [`cargo_with_target`] with `CI_ERRORS_CODEGEN_UPDATE=1`: the staleness
/// test rewrites the checked-in copy.
fn cargo_updating(dir: &Path, target: &Path, args: &[&str]) -> Output {
    cargo_command(dir, target, args)
        .env("CI_ERRORS_CODEGEN_UPDATE", "1")
        .output()
        .expect("cargo runs")
}

/// A crate that depends on the adopted one: no generator in its tree, and
/// no warning in its build.
fn depend_on(adopted: &Path, target: &Path) {
    let dependent = adopted.with_file_name("dependent-crate");
    let _ = std::fs::remove_dir_all(&dependent);
    dependent_crate(
        &dependent,
        &format!("object-errors = {{ path = {adopted:?} }}"),
        "//! Uses the adopted crate alone.\n\n/// The first code.\npub fn first() -> object_errs::Code {\n    object_errs::Code::Known(object_errs::StorageError::ALL[0])\n}\n",
        &adopted.join("Cargo.lock"),
    );
    let tree = cargo_with_target(&dependent, target, &["tree", "-e", "normal,build"]);
    assert!(tree.status.success(), "{}", text(&tree));
    assert!(
        !text(&tree).contains("ci-errors-codegen"),
        "a dependent compiles the generator:\n{}",
        text(&tree)
    );
    let out = cargo_with_target(&dependent, target, &["build"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(!text(&out).contains("warning"), "{}", text(&out));
    let _ = std::fs::remove_dir_all(&dependent);
}

/// Step 4: `init` on a fresh crate, then the README's adopter commands.
fn adopt_a_new_crate(copy: &Path) {
    let out = cargo(copy, &["build", "-q", "-p", "ci-errors-codegen"]);
    assert!(out.status.success(), "{}", text(&out));
    let krate = copy.with_file_name("adopted-crate");
    // The copy's target: its generator and runtime are built already.
    let target = copy.join("target");
    let _ = std::fs::remove_dir_all(&krate);
    std::fs::create_dir_all(krate.join("spec")).unwrap();
    std::fs::create_dir_all(krate.join("src")).unwrap();
    std::fs::write(
        krate.join("Cargo.toml"),
        // As `cargo new` leaves it (edition 2024), with what real crates have:
        // a library name of its own and an optional `http` dependency.
        "[package]\nname = \"object-errors\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\n\
         [lib]\nname = \"object_errs\"\n\n[dependencies]\nhttp = { version = \"1\", optional = true }\n\n[workspace]\n",
    )
    .unwrap();
    // A root with a `Result` of its own, which generated code must not take for the prelude's.
    std::fs::write(
        krate.join("src/lib.rs"),
        "//! Object storage errors.\n\n/// This crate's result.\npub type Result<T> = core::result::Result<T, ()>;\n",
    )
    .unwrap();
    std::fs::write(krate.join("spec/errors.md"), ADOPTED_SPEC).unwrap();
    std::fs::write(krate.join("spec/errors.zh.md"), ADOPTED_SPEC_ZH).unwrap();
    std::fs::copy(copy.join("Cargo.lock"), krate.join("Cargo.lock")).unwrap();
    let copy_arg = copy.display().to_string();
    let init = [
        "init",
        "--spec",
        "spec/errors.md",
        "--translation",
        "zh=spec/errors.zh.md",
        "--enum-name",
        "ObjectError",
        "--from-checkout",
        &copy_arg,
    ];
    let out = tool(copy, &krate, &init);
    assert!(out.status.success(), "{}", text(&out));
    // The drift is reported, one finding per line, and accepted in the settings.
    assert!(
        text(&out).contains("spec/errors.zh.md:18:3: warning[translation_drift]: `BucketAlreadyExists` with status 409 is only in the `zh` edition"),
        "{}",
        text(&out)
    );
    // Never twice: the second run refuses and writes nothing.
    let manifest = std::fs::read_to_string(krate.join("Cargo.toml")).unwrap();
    let out = tool(copy, &krate, &init);
    assert!(!out.status.success());
    assert!(text(&out).contains("nothing was written"), "{}", text(&out));
    assert_eq!(
        std::fs::read_to_string(krate.join("Cargo.toml")).unwrap(),
        manifest
    );
    std::fs::write(
        krate.join("tests/uses_the_enum.rs"),
        "use object_errs::{Lang, ObjectError};\n\n\
         #[test]\nfn the_enum_is_named_as_set() {\n    assert_eq!(\"NoSuchKey\".parse::<ObjectError>().unwrap().as_str(), \"NoSuchKey\");\n    let body = object_errs::ErrorResponse::from_xml(b\"<Error><Code>AccessDenied</Code></Error>\").unwrap();\n    assert_eq!(body.code, ObjectError::AccessDenied);\n}\n\n\
         #[test]\nfn the_enum_is_the_union_of_the_editions() {\n    let only_zh = ObjectError::BucketAlreadyExists;\n    assert_eq!(only_zh.editions().collect::<Vec<_>>(), [Lang::Zh]);\n    assert_eq!(only_zh.describe(Lang::En), \"\");\n    assert_eq!(only_zh.description_in(Lang::Zh, 409), Some(\"存储桶已存在。\"));\n    assert_eq!(ObjectError::AccessDenied.describe(Lang::Zh), \"\");\n    assert!(!ObjectError::AccessDenied.is_listed_in(Lang::Zh));\n}\n",
    )
    .unwrap();
    let out = cargo_with_target(&krate, &target, &["test"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(!text(&out).contains("warning"), "{}", text(&out));
    // The crate's own tests build the generator (a dev-dependency, without
    // its command line): what dependents never compile.
    assert!(
        !text(&out).contains("Compiling clap"),
        "the tests built the generator's command line:\n{}",
        text(&out)
    );

    // A settings change leaves the checked-in copy stale: the staleness
    // test says so with the diff, and with the update variable rewrites it.
    edit(&krate.join("Cargo.toml"), |m| {
        m.replace(
            "enum-name = \"ObjectError\"",
            "enum-name = \"StorageError\"",
        )
    });
    let out = cargo_with_target(&krate, &target, &["test", "--test", "errors_are_current"]);
    assert!(!out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("generated/errors.rs is stale: it differs from what the spec gives")
            && text(&out).contains("CI_ERRORS_CODEGEN_UPDATE=1"),
        "{}",
        text(&out)
    );
    let out = cargo_updating(&krate, &target, &["test", "--test", "errors_are_current"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(std::fs::read_to_string(krate.join("generated/errors.rs"))
        .unwrap()
        .contains("pub enum StorageError"));
    let out = cargo_with_target(&krate, &target, &["test", "--test", "errors_are_current"]);
    assert!(out.status.success(), "{}", text(&out));

    // The gate: a removed code is breaking, against the committed spec.
    git(&krate, &["init", "-q"]);
    git(&krate, &["add", "-A"]);
    git(&krate, &["commit", "-q", "-m", "adopted"]);
    // From both editions: the enum is their union.
    for edition in ["spec/errors.md", "spec/errors.zh.md"] {
        edit(&krate.join(edition), |spec| {
            spec.lines()
                .filter(|l| !l.contains("NoSuchBucket"))
                .collect::<Vec<_>>()
                .join("\n")
                + "\n"
        });
    }
    let out = tool(
        copy,
        &krate,
        &["changes", "--since", "HEAD", "--fail-on-breaking"],
    );
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(
        text(&out).contains("removed code `NoSuchBucket`"),
        "{}",
        text(&out)
    );
    let out = cargo_with_target(&krate, &target, &["test", "--test", "errors_are_current"]);
    assert!(
        !out.status.success(),
        "a spec edit without generate passed:\n{}",
        text(&out)
    );
    assert!(
        text(&out)
            .contains("spec/errors.md has changed since generated/errors.rs was generated from it"),
        "{}",
        text(&out)
    );
    // The fix the build names: regenerate, and the update variable rewrites the copy.
    let out = cargo_updating(
        &krate,
        &target,
        &[
            "test",
            "--features",
            "regenerate",
            "--test",
            "errors_are_current",
        ],
    );
    assert!(out.status.success(), "{}", text(&out));
    let out = cargo_with_target(&krate, &target, &["test", "--test", "errors_are_current"]);
    assert!(out.status.success(), "{}", text(&out));
    depend_on(&krate, &target);
    // rustdoc shows no variant index as if it were the code's value.
    let out = cargo_with_target(&krate, &target, &["doc", "--no-deps"]);
    assert!(out.status.success(), "{}", text(&out));
    let page =
        std::fs::read_to_string(target.join("doc/object_errs/enum.StorageError.html")).unwrap();
    assert!(page.contains("code-header\">NoSuchKey<"), "{page}");
    assert!(!page.contains("NoSuchKey = "), "{page}");
    // The runtime's typed error, for this crate's body, under its `http` feature
    // (serde's derive for its JSON reader is built here: about 10 s more).
    git(&krate, &["checkout", "-q", "--", "."]);
    edit(&krate.join("Cargo.toml"), |m| {
        m.replace("[dev-dependencies]\n", "[dev-dependencies]\nhttp = \"1\"\n")
    });
    std::fs::write(
        krate.join("tests/service_error.rs"),
        "#![cfg(feature = \"http\")]\n\ntype ServiceError = ci_errors_runtime::http::ServiceError<object_errs::ErrorResponse>;\n\n#[test]\nfn a_response_is_a_typed_error() {\n    let response = http::Response::builder().status(404).body(\"<Error><Code>NoSuchKey</Code><RequestId>r-1</RequestId></Error>\").unwrap();\n    let err = ServiceError::from_response(&response);\n    assert_eq!(err.typed_code(), Some(&ci_errors_runtime::Code::Known(object_errs::StorageError::NoSuchKey)));\n    assert_eq!(err.request_id(), Some(\"r-1\"));\n    assert_eq!(err.spec_description(), Some(\"The key does not exist.\"));\n}\n",
    )
    .unwrap();
    let out = cargo_with_target(
        &krate,
        &target,
        &["test", "--features", "http", "--test", "service_error"],
    );
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("a_response_is_a_typed_error ... ok"),
        "{}",
        text(&out)
    );
    let _ = std::fs::remove_dir_all(&krate);
}
