//! The command-line tool, run as a user runs it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SEED: &str = include_str!("../../spec/error-codes.md");
const GENERATED: &str = include_str!("../../generated/error_codes.rs");

fn tool(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ci-errors-codegen"))
        .args(args)
        .output()
        .expect("the tool runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh directory under the target dir, removed first if left over.
fn temp_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(path: &Path, text: &str) -> String {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
    path.to_str().unwrap().to_owned()
}

#[test]
fn dump_prints_the_model_as_json() {
    let dir = temp_dir("dump");
    let spec = write(&dir.join("spec.md"), SEED);
    let out = tool(&["dump", &spec]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let errors = json["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 29);
    let first = &errors[0];
    assert_eq!(first["code"], "PermanentRedirect");
    assert_eq!(first["status"], 301);
    assert_eq!(first["reason"], "Moved Permanently");
    assert_eq!(first["section"], "3XX errors");
    assert_eq!(first["line"], 44);
    assert!(first["description"]
        .as_str()
        .unwrap()
        .contains("use the HTTP Location response"));
    let access: Vec<_> = errors
        .iter()
        .filter(|e| e["code"] == "AccessDenied")
        .map(|e| &e["status"])
        .collect();
    assert_eq!(access, [401, 403]);
    let internal = errors
        .iter()
        .find(|e| e["code"] == "InternalError")
        .unwrap();
    assert_eq!(internal["reason"], "Internal Server");
    let fields = json["fields"].as_array().unwrap();
    let names: Vec<_> = fields.iter().map(|f| f["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Error", "Code", "Message", "RequestId", "TraceId"]);
    assert_eq!(fields[0]["parent"], serde_json::Value::Null);
    assert_eq!(fields[1]["parent"], "Error");
    assert_eq!(fields[1]["type"], "string");
    assert_eq!(fields[1]["line"], 33);
    // The non-standard reason is a warning on stderr, with file:line.
    let err = stderr(&out);
    assert!(
        err.contains("warning: non-standard reason phrase `Internal Server`"),
        "{err}"
    );
    assert!(err.contains(&format!("{spec}:80")), "{err}");
}

#[test]
fn dump_reports_no_reason_as_empty_and_no_section_as_null() {
    let dir = temp_dir("dump-plain");
    let spec = write(
        &dir.join("s.md"),
        "| Code | Status |\n|---|---|\n| A | 404 |\n",
    );
    let out = tool(&["dump", &spec]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["errors"][0]["reason"], "");
    assert_eq!(json["errors"][0]["section"], serde_json::Value::Null);
    assert_eq!(json["fields"], serde_json::json!([]));
}

#[test]
fn bad_spec_fails_dump_generate_and_check_with_every_problem_located() {
    let root = temp_dir("bad");
    let bad =
        "| Error Code | HTTP Status Code |\n|---|---|\n| A | N/A |\n| B | 404 |\n| C | 1000 |\n\n\
         | Node Name | Parent Node | Type |\n|---|---|---|\n| Error | None | Container |\n| Code | Error | string |\n";
    let spec = write(&root.join("spec/error-codes.md"), bad);
    let root_arg = root.to_str().unwrap();
    let runs = [
        (tool(&["dump", &spec]), spec.clone()),
        (
            tool(&["generate", "--root", root_arg]),
            "spec/error-codes.md".to_owned(),
        ),
        (
            tool(&["check", "--root", root_arg]),
            "spec/error-codes.md".to_owned(),
        ),
    ];
    for (out, name) in &runs {
        assert!(!out.status.success());
        let err = stderr(out);
        assert!(err.contains("error: status `N/A` is not a number"), "{err}");
        assert!(
            err.contains("error: status 1000 is outside 100–599"),
            "{err}"
        );
        assert!(err.contains(&format!("--> {name}:3:")), "{err}");
        assert!(err.contains(&format!("--> {name}:5:")), "{err}");
        assert!(!err.contains("panicked"), "{err}");
        assert!(out.stdout.is_empty(), "{}", stdout(out));
    }
    assert!(
        !root.join("generated").exists(),
        "nothing is written for a bad spec"
    );

    let out = tool(&["dump", "--lenient", &spec]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["errors"].as_array().unwrap().len(), 1);
    assert!(stderr(&out).contains("warning: status `N/A` is not a number"));
    let out = tool(&["generate", "--lenient", "--root", root_arg]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(root.join("generated/error_codes.rs").exists());

    // Without field tables, ci-errors' own generate says what is missing.
    write(
        &root.join("spec/error-codes.md"),
        "| Code | Status |\n|---|---|\n| A | 400 |\n",
    );
    let out = tool(&["generate", "--root", root_arg]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("error: the spec describes no usable XML error body"),
        "{err}"
    );
}

#[test]
fn missing_spec_is_a_clear_error() {
    let out = tool(&["dump", "/nonexistent/spec.md"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("/nonexistent/spec.md"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn check_catches_a_stale_copy_and_generate_fixes_it() {
    let root = temp_dir("stale");
    let spec_path = root.join("spec/error-codes.md");
    write(&spec_path, SEED);
    write(&root.join("generated/error_codes.rs"), GENERATED);
    let root_arg = root.to_str().unwrap();

    let out = tool(&["check", "--root", root_arg]);
    assert!(
        out.status.success(),
        "seed must pass check: {}",
        stdout(&out)
    );

    let edited = SEED.replace(
        "| SlowDown  ",
        "| NewThrottleCode | Too many new things. | 429 Too Many Requests |\n| SlowDown  ",
    );
    assert_ne!(edited, SEED);
    write(&spec_path, &edited);

    let out = tool(&["check", "--root", root_arg]);
    assert!(!out.status.success());
    let text = stdout(&out);
    assert!(text.contains("is stale"), "{text}");
    assert!(text.contains("- Added code `NewThrottleCode`"), "{text}");
    assert!(text.contains("+    NewThrottleCode,"), "{text}");
    assert!(text.contains("--- a/generated/error_codes.rs"), "{text}");
    assert!(
        text.contains("cargo run -p ci-errors-codegen -- generate"),
        "{text}"
    );

    let out = tool(&["generate", "--root", root_arg]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("codes     28 (30 rows)"),
        "{}",
        stdout(&out)
    );

    let out = tool(&["check", "--root", root_arg]);
    assert!(out.status.success(), "{}", stdout(&out));

    // Generating again leaves the file untouched.
    let before = std::fs::metadata(root.join("generated/error_codes.rs"))
        .unwrap()
        .modified()
        .unwrap();
    let out = tool(&["generate", "--root", root_arg]);
    assert!(stdout(&out).starts_with("Unchanged:"), "{}", stdout(&out));
    let after = std::fs::metadata(root.join("generated/error_codes.rs"))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(before, after);
}

#[test]
fn changes_marks_removals_breaking_and_additions_not() {
    let dir = temp_dir("changes");
    let old = write(&dir.join("old.md"), SEED);
    let removed = write(
        &dir.join("removed.md"),
        &SEED
            .lines()
            .filter(|l| !l.starts_with("| QueuePaused"))
            .collect::<Vec<_>>()
            .join("\n"),
    );
    let added = write(
        &dir.join("added.md"),
        &SEED.replace("| SlowDown  ", "| BrandNew | New. | 418 |\n| SlowDown  "),
    );

    let out = tool(&["changes", &old, &removed]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(
        text.contains("**breaking:** removed code `QueuePaused`"),
        "{text}"
    );

    let out = tool(&["changes", &old, &added]);
    let text = stdout(&out);
    assert!(
        text.contains("- Added code `BrandNew` (`ErrorCode::BrandNew`), status 418"),
        "{text}"
    );
    assert!(text.contains("No breaking changes."), "{text}");
    assert!(!text.contains("breaking:"), "{text}");

    let out = tool(&["changes", "--json", &old, &removed]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["breaking"], true);
    assert_eq!(json["changes"][0]["kind"], "code_removed");
    assert_eq!(json["changes"][0]["code"], "QueuePaused");

    let out = tool(&["changes", "--json", &old, &added]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["breaking"], false);
}

#[test]
fn changes_reports_statuses_reasons_descriptions_and_renames() {
    let dir = temp_dir("changes-detail");
    let old = write(&dir.join("old.md"), SEED);
    let new = SEED
        .replace("| 500 Internal Server |", "| 500 Internal Server Error |")
        .replace("The queue is full.", "The queue is saturated.")
        .replace("| QueuePaused ", "| Queue.Paused ")
        .replace(
            "| SlowDown                   | Please decrease the access frequency.                                               | 429 Too Many Requests             |",
            "| SlowDown | Please decrease the access frequency. | 429 Too Many Requests |\n| SlowDown | Slow down more. | 503 Service Unavailable |",
        );
    let new = write(&dir.join("new.md"), &new);
    let text = stdout(&tool(&["changes", &old, &new]));
    assert!(
        text.contains("`InternalError` 500: reason `Internal Server` → `Internal Server Error`"),
        "{text}"
    );
    assert!(text.contains("`QueueSaturated` 403: description \"The queue is full.\" → \"The queue is saturated.\""), "{text}");
    assert!(text.contains("`SlowDown`: status 503 added"), "{text}");
    assert!(
        text.contains("- **breaking:** `ErrorCode::QueuePaused` now stands for code `Queue.Paused` (was `QueuePaused`), so `QueuePaused` no longer parses"),
        "{text}"
    );
    // A code whose variant name changes too.
    let renamed = write(
        &dir.join("renamed.md"),
        &SEED.replace("| QueuePaused ", "| queue-paused-v2 "),
    );
    let text = stdout(&tool(&["changes", &old, &renamed]));
    assert!(
        text.contains("- **breaking:** renamed `ErrorCode::QueuePaused` → `ErrorCode::QueuePausedV2` (code `QueuePaused` → `queue-paused-v2`)"),
        "{text}"
    );
    assert!(
        !text.contains("removed code"),
        "a rename is not a removal: {text}"
    );
}

#[test]
fn generation_is_byte_identical_across_runs_directories_and_environments() {
    let mut outputs = Vec::new();
    for (i, (tz, lang)) in [("UTC", "C"), ("Asia/Shanghai", "zh_CN.UTF-8")]
        .into_iter()
        .enumerate()
    {
        let root = temp_dir(&format!("determinism-{i}"));
        write(&root.join("spec/error-codes.md"), SEED);
        // Each run is its own process (its own hash seed), from another directory.
        let out = Command::new(env!("CARGO_BIN_EXE_ci-errors-codegen"))
            .args(["generate", "--root", root.to_str().unwrap()])
            .current_dir(std::env::temp_dir())
            .env("TZ", tz)
            .env("LANG", lang)
            .env("SOURCE_DATE_EPOCH", (i * 1_000_000).to_string())
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        let text = std::fs::read_to_string(root.join("generated/error_codes.rs")).unwrap();
        assert!(
            !text.contains(root.to_str().unwrap()),
            "no absolute path in the output"
        );
        outputs.push(text);
    }
    assert!(outputs[0] == outputs[1], "two runs differ");
    assert!(
        outputs[0] == GENERATED,
        "output differs from the checked-in generated/error_codes.rs"
    );
}
