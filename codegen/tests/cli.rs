//! The command-line tool, run as a user runs it, on fixture specs of its own
//! (`tests/fixtures/`) in projects it makes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const STORE: &str = include_str!("fixtures/store.md");

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

/// A project whose manifest points the generator at `spec/errors.md`; returns its manifest path.
fn project(name: &str, spec: &str) -> (PathBuf, String) {
    let root = temp_dir(name);
    write(&root.join("spec/errors.md"), spec);
    let manifest = write(
        &root.join("Cargo.toml"),
        "[package]\nname = \"p\"\nversion = \"0.0.0\"\n\n[package.metadata.ci-errors-codegen]\n\
         specs = [{ path = \"spec/errors.md\" }]\nchecked-in = \"generated/errors.rs\"\nregenerate = \"make errors\"\n",
    );
    (root, manifest)
}

#[test]
fn dump_prints_the_model_as_json() {
    let dir = temp_dir("dump");
    let spec = write(&dir.join("spec.md"), STORE);
    let out = tool(&["dump", &spec]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let errors = json["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 7);
    let first = &errors[0];
    assert_eq!(first["code"], "NoSuchKey");
    assert_eq!(first["status"], 404);
    assert_eq!(first["reason"], "Not Found");
    assert_eq!(first["section"], "Client errors");
    assert_eq!(first["line"], 18);
    assert_eq!(errors[1]["description"], "The key is locked; see locks.");
    assert_eq!(
        errors[2]["description"],
        "The key is locked for writing: PUT later."
    );
    let locked: Vec<_> = errors
        .iter()
        .filter(|e| e["code"] == "KeyLocked")
        .map(|e| &e["status"])
        .collect();
    assert_eq!(locked, [409, 423]);
    assert_eq!(errors[5]["reason"], "Store Failure");
    let fields = json["fields"].as_array().unwrap();
    let names: Vec<_> = fields.iter().map(|f| f["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Error", "Code", "Message", "RequestId"]);
    assert_eq!(fields[0]["parent"], serde_json::Value::Null);
    assert_eq!(fields[1]["parent"], "Error");
    assert_eq!(fields[1]["type"], "string");
    assert_eq!(fields[1]["line"], 8);
    // The non-standard reason is a warning on stderr, with file:line:column.
    let err = stderr(&out);
    assert!(
        err.contains("warning: non-standard reason phrase `Store Failure`"),
        "{err}"
    );
    assert!(err.contains(&format!("--> {spec}:28:38")), "{err}");
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
    let bad = "| Error Code | HTTP Status Code |\n|---|---|\n| A | TBD |\n| B | 404 |\n| C | 1000 |\n\n\
               | Node Name | Parent Node | Type |\n|---|---|---|\n| Error | None | Container |\n| Code | Error | string |\n";
    let (root, manifest) = project("bad", bad);
    let spec = root.join("spec/errors.md").to_str().unwrap().to_owned();
    let runs = [
        (tool(&["dump", &spec]), spec.clone()),
        (
            tool(&["generate", "--manifest-path", &manifest]),
            "spec/errors.md".to_owned(),
        ),
        (
            tool(&["check", "--manifest-path", &manifest]),
            "spec/errors.md".to_owned(),
        ),
    ];
    for (out, name) in &runs {
        assert!(!out.status.success());
        let err = stderr(out);
        assert!(err.contains("error: status `TBD` is not a number"), "{err}");
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
    assert!(stderr(&out).contains("warning: status `TBD` is not a number"));
    // `generate --lenient` would leave code the (strict) build refuses: refused, nothing written.
    let out = tool(&["generate", "--lenient", "--manifest-path", &manifest]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("set `lenient = true` in the settings"),
        "{}",
        stderr(&out)
    );
    assert!(!root.join("generated").exists());
    // With the build lenient too, it writes.
    let settings = std::fs::read_to_string(&manifest).unwrap();
    write(Path::new(&manifest), &format!("{settings}lenient = true\n"));
    let out = tool(&["generate", "--lenient", "--manifest-path", &manifest]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(root.join("generated/errors.rs").exists());
}

#[test]
fn bad_settings_are_named() {
    let (root, manifest) = project("bad-settings", STORE);
    write(&root.join("Cargo.toml"), "[package]\nname = \"p\"\n\n[package.metadata.ci-errors-codegen]\nspecs = [{ path = \"spec/errors.md\" }]\nenum_name = \"X\"\n");
    let out = tool(&["generate", "--manifest-path", &manifest]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("unknown key `enum_name`"),
        "{}",
        stderr(&out)
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
    let (root, manifest) = project("stale", STORE);
    let out = tool(&["check", "--manifest-path", &manifest]);
    assert!(!out.status.success(), "a missing file is stale");

    let out = tool(&["generate", "--manifest-path", &manifest]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("codes     6 (7 rows)"),
        "{}",
        stdout(&out)
    );
    assert!(
        stdout(&out).contains("multi     KeyLocked 409/423"),
        "{}",
        stdout(&out)
    );
    let out = tool(&["check", "--manifest-path", &manifest]);
    assert!(out.status.success(), "{}", stdout(&out));

    write(
        &root.join("spec/errors.md"),
        &STORE.replace("| Busy |", "| NewCode | New. | 418 |\n| Busy |"),
    );
    let out = tool(&["check", "--manifest-path", &manifest]);
    assert!(!out.status.success());
    let text = stdout(&out);
    assert!(text.contains("is stale"), "{text}");
    assert!(text.contains("+        NewCode,"), "{text}");
    assert!(text.contains("--- a/generated/errors.rs"), "{text}");
    assert!(text.contains("to fix: make errors"), "{text}");

    // A CRLF checkout of a fresh file is not stale.
    let out = tool(&["generate", "--manifest-path", &manifest]);
    assert!(out.status.success());
    let generated = root.join("generated/errors.rs");
    let crlf = std::fs::read_to_string(&generated)
        .unwrap()
        .replace('\n', "\r\n");
    std::fs::write(&generated, crlf).unwrap();
    let out = tool(&["check", "--manifest-path", &manifest]);
    assert!(out.status.success(), "{}", stdout(&out));

    // Generating again leaves an unchanged file untouched.
    tool(&["generate", "--manifest-path", &manifest]);
    let before = std::fs::metadata(&generated).unwrap().modified().unwrap();
    let out = tool(&["generate", "--manifest-path", &manifest]);
    assert!(stdout(&out).starts_with("Unchanged:"), "{}", stdout(&out));
    assert_eq!(
        before,
        std::fs::metadata(&generated).unwrap().modified().unwrap()
    );
}

#[test]
fn changes_marks_removals_breaking_and_additions_not() {
    let dir = temp_dir("changes");
    let old = write(&dir.join("old.md"), STORE);
    let removed = write(
        &dir.join("removed.md"),
        &STORE
            .lines()
            .filter(|l| !l.starts_with("| Paused"))
            .collect::<Vec<_>>()
            .join("\n"),
    );
    let added = write(
        &dir.join("added.md"),
        &STORE.replace("| Busy |", "| BrandNew | New. | 418 |\n| Busy |"),
    );

    let out = tool(&["changes", &old, &removed]);
    assert!(out.status.success());
    assert!(
        stdout(&out).contains("**breaking:** removed code `Paused`"),
        "{}",
        stdout(&out)
    );

    let out = tool(&["changes", &old, &added]);
    let text = stdout(&out);
    assert!(
        text.contains("- Added code `BrandNew` (`ErrorCode::BrandNew`), status 418"),
        "{text}"
    );
    assert!(text.contains("No breaking changes."), "{text}");

    let out = tool(&["changes", "--json", &old, &removed]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["breaking"], true);
    assert_eq!(json["changes"][0]["kind"], "code_removed");
    assert_eq!(json["changes"][0]["breaking"], true);
    assert_eq!(json["changes"][0]["code"], "Paused");
}

#[test]
fn changes_fails_on_breaking_when_asked_and_reads_old_from_stdin() {
    let dir = temp_dir("changes-gate");
    let removed = write(
        &dir.join("removed.md"),
        &STORE.replace("| Paused | The store is paused. | 403 Forbidden |\n", ""),
    );
    let added = write(
        &dir.join("added.md"),
        &STORE.replace("| Busy |", "| BrandNew | New. | 418 |\n| Busy |"),
    );
    let run = |new: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ci-errors-codegen"))
            .args(["changes", "--fail-on-breaking", "-", new])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write as _;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(STORE.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };
    let out = run(&removed);
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert!(stdout(&out).contains("removed code `Paused`"));
    assert!(
        stderr(&out).contains("error: 1 breaking change"),
        "{}",
        stderr(&out)
    );
    let out = run(&added);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn changes_reports_statuses_reasons_descriptions_and_renames() {
    let dir = temp_dir("changes-detail");
    let old = write(&dir.join("old.md"), STORE);
    let new = STORE
        .replace("500 Store Failure", "500 Internal Server Error")
        .replace("Slow down.", "Slow down, please.")
        .replace("| Paused ", "| Pau.sed ")
        .replace(
            "| Busy | Try again. | 503 Service Unavailable |",
            "| Busy | Try again. | 503 Service Unavailable |\n| Busy | Later. | 502 Bad Gateway |",
        );
    let new = write(&dir.join("new.md"), &new);
    let text = stdout(&tool(&["changes", &old, &new]));
    assert!(
        text.contains("`StoreFailure` 500: reason `Store Failure` → `Internal Server Error`"),
        "{text}"
    );
    assert!(
        text.contains("`Throttled` 429: description \"Slow down.\" → \"Slow down, please.\""),
        "{text}"
    );
    assert!(text.contains("`Busy`: status 502 added"), "{text}");
    assert!(
        text.contains("- **breaking:** `ErrorCode::PauSed` now stands for code `Pau.sed`")
            || text.contains("renamed `ErrorCode::Paused` → `ErrorCode::PauSed`"),
        "{text}"
    );
    assert!(
        !text.contains("removed code"),
        "a rename is not a removal: {text}"
    );
}

#[test]
fn the_tool_acts_only_where_it_is_pointed_and_every_error_says_error() {
    let dir = temp_dir("unpointed");
    let out = Command::new(env!("CARGO_BIN_EXE_ci-errors-codegen"))
        .arg("generate")
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(!out.status.success(), "it regenerated somewhere else");
    let text = stderr(&out);
    assert!(text.starts_with("error: "), "{text}");
    assert!(text.contains("--manifest-path"), "{text}");
    // `dump` writes nothing, so it never says that nothing was written.
    let bad = write(
        &dir.join("bad.md"),
        "| Error Code | HTTP Status Code |\n|---|---|\n| A | TBD |\n",
    );
    let text = stderr(&tool(&["dump", &bad]));
    assert!(
        text.contains("error: status `TBD` is not a number"),
        "{text}"
    );
    assert!(!text.contains("nothing was written"), "{text}");
    let text = stderr(&tool(&["dump", "no-such-file.md"]));
    assert!(text.starts_with("error: no-such-file.md"), "{text}");
}

/// The English edition of the committed project's spec.
const COMMITTED_EN: &str =
    "| Problem | HTTP Status Code | Description |\n|---|---|---|\n| Busy | 503 | Busy. |\n";
/// Its Chinese edition.
const COMMITTED_ZH: &str =
    "| Problem | HTTP Status Code | Description |\n|---|---|---|\n| Busy | 503 | 忙。 |\n";

/// A manifest whose settings are the header word `Problem` and `rest`.
fn problem_settings(rest: &str) -> String {
    format!(
        "[package]\nname = \"p\"\n[package.metadata.ci-errors-codegen]\nheader-words = {{ code = [\"Problem\"] }}\n{rest}"
    )
}

/// A project with [`COMMITTED_EN`] and [`COMMITTED_ZH`] as one spec and its
/// translation, enum `CosError`, committed in a repository of its own: its
/// directory and its manifest's path.
fn committed_project(name: &str) -> (PathBuf, String) {
    let dir = temp_dir(name);
    write(&dir.join("spec/e.md"), COMMITTED_EN);
    write(&dir.join("spec/e.zh.md"), COMMITTED_ZH);
    let manifest = write(
        &dir.join("Cargo.toml"),
        &problem_settings("specs = [{ path = \"spec/e.md\", translations = { zh = \"spec/e.zh.md\" } }]\nenum-name = \"CosError\"\n"),
    );
    git_in(&dir, &["init", "-q"]);
    git_in(&dir, &["add", "."]);
    git_in(&dir, &["commit", "-q", "-m", "spec"]);
    (dir, manifest)
}

#[test]
fn changes_since_a_revision_reads_every_spec_file_with_the_settings() {
    let (dir, manifest) = committed_project("since");
    let (en, zh) = (COMMITTED_EN, COMMITTED_ZH);
    // A Chinese-only edit, and a new code in both editions.
    write(
        &dir.join("spec/e.zh.md"),
        &format!("{}| Gone | 410 | 没了。 |\n", zh.replace("忙。", "繁忙。")),
    );
    write(
        &dir.join("spec/e.md"),
        &format!("{en}| Gone | 410 | Gone. |\n"),
    );
    let out = tool(&["changes", "--since", "HEAD", "--manifest-path", &manifest]);
    let text = stdout(&out);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(text.contains("spec/e.md since HEAD"), "{text}");
    assert!(
        text.contains("`Busy` 503: description (zh) \"忙。\" → \"繁忙。\""),
        "{text}"
    );
    assert!(
        text.contains("Added code `Gone` (`CosError::Gone`)"),
        "{text}"
    );
}

/// Runs git in `dir`, which must succeed.
fn git_in(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@e",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_gate_fails_closed_and_reads_the_settings_at_the_revision() {
    let (dir, manifest) = committed_project("gate");

    // Nothing changed: no API changes, exit 0.
    let out = tool(&[
        "changes",
        "--since",
        "HEAD",
        "--manifest-path",
        &manifest,
        "--fail-on-breaking",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("No API changes."), "{}", stdout(&out));

    // A revision git cannot resolve is an error, not an empty past.
    for rev in ["no-such-branch", "origin/main", "--output=written-by-git"] {
        let since = format!("--since={rev}");
        let out = tool(&[
            "changes",
            &since,
            "--manifest-path",
            &manifest,
            "--fail-on-breaking",
        ]);
        assert!(!out.status.success(), "{rev}: {}", stdout(&out));
        assert!(
            stderr(&out).contains(&format!("git revision `{rev}`")),
            "{}",
            stderr(&out)
        );
        assert!(stdout(&out).is_empty(), "{}", stdout(&out));
    }
    assert!(!dir.join("written-by-git").exists());

    // Breaking changes made through the settings alone: the enum renamed,
    // a variant named, an edition dropped.
    write(
        &dir.join("Cargo.toml"),
        &problem_settings("specs = [{ path = \"spec/e.md\" }]\nenum-name = \"StorageError\"\nnames = { Busy = \"TooBusy\" }\n"),
    );
    let out = tool(&[
        "changes",
        "--since",
        "HEAD",
        "--manifest-path",
        &manifest,
        "--fail-on-breaking",
    ]);
    let text = stdout(&out);
    assert!(!out.status.success(), "{text}");
    assert!(
        text.contains("the enum `CosError` is now `StorageError`"),
        "{text}"
    );
    assert!(
        text.contains("renamed `StorageError::Busy` → `StorageError::TooBusy`"),
        "{text}"
    );
    assert!(text.contains("edition `zh` removed"), "{text}");
    assert!(text.contains("**3 breaking change(s).**"), "{text}");
    let out = tool(&[
        "changes",
        "--since",
        "HEAD",
        "--manifest-path",
        &manifest,
        "--json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let kinds: Vec<(&str, bool)> = json["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["kind"].as_str().unwrap(),
                c["breaking"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            ("enum_renamed", true),
            ("edition_removed", true),
            ("variant_renamed", true)
        ]
    );
}

#[test]
fn changes_reads_standard_input_once() {
    let out = tool(&["changes", "-", "-"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("standard input can be read once"),
        "{stderr}"
    );
}

#[test]
fn changes_report_remedies_and_rows_without_a_status() {
    let dir = temp_dir("changes-remedy");
    let spec = "## Job errors\n\n| Error Code | Description | Solution |\n| --- | --- | --- |\n| Job.Failed | The job failed. | Submit it again. |\n| -1001 | Busy. | Wait. |\n";
    let old = write(&dir.join("old.md"), spec);
    let new = spec
        .replace("Submit it again.", "Check the input, then submit it again.")
        .replace("| -1001 | Busy. |", "| -1001 | Overloaded. |");
    let new = write(&dir.join("new.md"), &new);
    let text = stdout(&tool(&["changes", &old, &new]));
    assert!(
        text.contains("- `Job.Failed`: remedy \"Submit it again.\" → \"Check the input, then submit it again.\""),
        "{text}"
    );
    assert!(
        text.contains("- `-1001`: description \"Busy.\" → \"Overloaded.\""),
        "{text}"
    );
    assert!(text.contains("No breaking changes."), "{text}");
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&tool(&["changes", "--json", &old, &new]))).unwrap();
    assert_eq!(json["changes"][0]["kind"], "remedy_changed");
    assert_eq!(json["changes"][0]["status"], serde_json::Value::Null);
    // Each change says whether it breaks, and names the primary edition's tag.
    assert_eq!(json["changes"][0]["breaking"], false);
    assert_eq!(json["changes"][0]["lang"], "en");
    assert_eq!(json["changes"][0]["translation"], false);
}

#[test]
fn generation_is_byte_identical_across_runs_directories_and_environments() {
    let mut outputs = Vec::new();
    for (i, (tz, lang)) in [("UTC", "C"), ("Asia/Shanghai", "zh_CN.UTF-8")]
        .into_iter()
        .enumerate()
    {
        let (root, manifest) = project(&format!("determinism-{i}"), STORE);
        // Each run is its own process (its own hash seed), from another directory.
        let out = Command::new(env!("CARGO_BIN_EXE_ci-errors-codegen"))
            .args(["generate", "--manifest-path", &manifest])
            .current_dir(std::env::temp_dir())
            .env("TZ", tz)
            .env("LANG", lang)
            .env("SOURCE_DATE_EPOCH", (i * 1_000_000).to_string())
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        let text = std::fs::read_to_string(root.join("generated/errors.rs")).unwrap();
        assert!(
            !text.contains(root.to_str().unwrap()),
            "no absolute path in the output"
        );
        outputs.push(text);
    }
    assert!(outputs[0] == outputs[1], "two runs differ");
}

#[test]
fn generate_prints_what_it_changed_in_the_api_against_the_committed_spec() {
    let (root, manifest) = project("generate-changes", STORE);
    let out = tool(&["generate", "--manifest-path", &manifest]);
    assert!(
        // Outside any repository, git's reason follows.
        stdout(&out).contains("(no committed spec/errors.md to compare the API with"),
        "{}",
        stdout(&out)
    );
    git_in(&root, &["init", "-q"]);
    git_in(&root, &["add", "."]);
    git_in(&root, &["commit", "-q", "-m", "spec"]);
    write(
        &root.join("spec/errors.md"),
        &STORE.replace("| Paused | The store is paused. | 403 Forbidden |\n", ""),
    );
    for lenient in [false, true] {
        let mut args = vec!["generate", "--manifest-path", &manifest];
        if lenient {
            args.push("--lenient");
        }
        let out = tool(&args);
        assert!(out.status.success(), "{}", stderr(&out));
        let text = stdout(&out);
        assert!(
            text.contains("Against spec/errors.md as committed:"),
            "{text}"
        );
        assert!(
            text.contains("- **breaking:** removed code `Paused` (`ErrorCode::Paused`)"),
            "{text}"
        );
    }
}

#[test]
fn dump_and_changes_carry_translations() {
    let dir = temp_dir("translations");
    let en = write(&dir.join("en.md"), "| Error Code | Description | HTTP Status Code |\n|---|---|---|\n| Gone | It is gone. | 410 |\n");
    let zh = write(
        &dir.join("zh.md"),
        "| 错误码 | 描述 | HTTP 状态码 |\n|---|---|---|\n| Gone | 已删除 | 410 |\n",
    );
    let zh2 = write(
        &dir.join("zh2.md"),
        "| 错误码 | 描述 | HTTP 状态码 |\n|---|---|---|\n| Gone | 已经删除 | 410 |\n",
    );
    let out = tool(&["dump", &en, "--translation", &format!("zh={zh}")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["errors"][0]["translations"]["zh"], "已删除");
    assert_eq!(json["errors"][0]["description"], "It is gone.");
    let out = tool(&[
        "changes",
        &en,
        &en,
        "--old-translation",
        &format!("zh={zh}"),
        "--new-translation",
        &format!("zh={zh2}"),
    ]);
    let text = stdout(&out);
    assert!(
        text.contains("- `Gone` 410: description (zh) \"已删除\" → \"已经删除\""),
        "{text}"
    );
    assert!(text.contains("No breaking changes."), "{text}");
}

/// A fresh crate as `cargo new --lib` leaves it, with `spec` as its spec.
fn fresh_crate(name: &str, spec: &str) -> PathBuf {
    let root = temp_dir(name);
    write(
        &root.join("Cargo.toml"),
        "[package]\nname = \"fresh-crate\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\n[dependencies]\n",
    );
    write(&root.join("src/lib.rs"), "pub fn kept() {}\n");
    write(&root.join("spec/errors.md"), spec);
    root
}

fn init(root: &Path, extra: &[&str]) -> Output {
    let dir = root.to_str().unwrap();
    let mut args = vec!["init", "--dir", dir, "--spec", "spec/errors.md"];
    args.extend(extra);
    tool(&args)
}

#[test]
fn init_writes_settings_build_script_include_copy_and_test() {
    let root = fresh_crate("init", STORE);
    let out = init(&root, &["--enum-name", "StoreError"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let read = |f: &str| std::fs::read_to_string(root.join(f)).unwrap();
    let manifest: toml::Table = read("Cargo.toml").parse().unwrap();
    let settings = &manifest["package"]["metadata"]["ci-errors-codegen"];
    assert_eq!(settings["enum-name"].as_str(), Some("StoreError"));
    assert_eq!(settings["checked-in"].as_str(), Some("generated/errors.rs"));
    assert_eq!(settings["doc-crate"].as_str(), Some("fresh_crate"));
    assert_eq!(
        manifest["dependencies"]["ci-errors-runtime"].as_str(),
        Some(env!("CARGO_PKG_VERSION"))
    );
    // `ci-errors`' own shape: the generator runs only behind `regenerate`;
    // the crate's own tests check the copy with it.
    let build_dependency = &manifest["build-dependencies"]["ci-errors-codegen"];
    assert_eq!(build_dependency["default-features"].as_bool(), Some(false));
    assert_eq!(build_dependency["optional"].as_bool(), Some(true));
    assert!(manifest["dev-dependencies"]["ci-errors-codegen"].is_table());
    let feature = |name: &str| manifest["features"][name].as_array().unwrap().clone();
    assert_eq!(
        feature("regenerate"),
        [toml::Value::from("dep:ci-errors-codegen")]
    );
    assert_eq!(
        feature("body"),
        [toml::Value::from("ci-errors-runtime/body")]
    );
    let build = read("build.rs");
    assert!(build.contains("Builder::from_manifest(\".\")"), "{build}");
    assert!(
        build.contains("const FINGERPRINTS: &str = \"generated/errors.fingerprints\";"),
        "{build}"
    );
    assert!(build.contains("mod fingerprint {"), "{build}");
    let lib = read("src/lib.rs");
    assert!(lib.starts_with("pub fn kept() {}"), "{lib}");
    assert!(lib.contains(
        "#[cfg(feature = \"regenerate\")]\ninclude!(concat!(env!(\"OUT_DIR\"), \"/errors.rs\"));"
    ));
    assert!(lib
        .contains("#[cfg(not(feature = \"regenerate\"))]\ninclude!(\"../generated/errors.rs\");"));
    assert!(read("generated/errors.rs").contains("pub enum StoreError"));
    assert!(read("tests/errors_are_current.rs").contains(".check_checked_in()"));
    for file in [
        "Cargo.toml",
        "build.rs",
        "src/lib.rs",
        "generated/errors.rs",
    ] {
        assert!(stdout(&out).contains(file), "{file}: {}", stdout(&out));
    }
}

#[test]
fn init_never_overwrites_and_writes_nothing_when_it_refuses() {
    // Run twice: the second refuses, everything as the first left it.
    let root = fresh_crate("init-twice", STORE);
    assert!(init(&root, &[]).status.success());
    let before: Vec<String> = ["Cargo.toml", "build.rs", "src/lib.rs"]
        .iter()
        .map(|f| std::fs::read_to_string(root.join(f)).unwrap())
        .collect();
    let out = init(&root, &[]);
    assert!(!out.status.success());
    assert!(stderr(&out).starts_with("error: "), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("nothing was written"),
        "{}",
        stderr(&out)
    );
    for (f, text) in ["Cargo.toml", "build.rs", "src/lib.rs"].iter().zip(&before) {
        assert_eq!(&std::fs::read_to_string(root.join(f)).unwrap(), text, "{f}");
    }

    // A build script of its own: refused, nothing written.
    let root = fresh_crate("init-build-rs", STORE);
    write(&root.join("build.rs"), "fn main() {}\n");
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    let out = init(&root, &[]);
    assert!(
        stderr(&out).contains("build.rs: it exists"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(root.join("Cargo.toml")).unwrap(),
        manifest
    );

    // A spec that does not read: its problems, and nothing written.
    let root = fresh_crate("init-bad-spec", "| Error Code | Description | HTTP Status Code |\n| --- | --- | --- |\n| Bad | A bad status. | TBD |\n");
    let out = init(&root, &[]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("spec/errors.md:3:"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(root.join("Cargo.toml")).unwrap(),
        manifest
    );
    assert!(!root.join("build.rs").exists());
    assert!(!root.join("generated").exists());
}

#[test]
fn a_retry_class_for_a_code_no_spec_lists_is_refused() {
    let (root, _) = project("retry-unknown", STORE);
    let manifest = root.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).unwrap();
    // A code derived from the spec's, so that it is not one of them.
    let absent = "NoSuchKey".repeat(2);
    std::fs::write(
        &manifest,
        format!("{text}retry = {{ throttling = [\"{absent}\"] }}\n"),
    )
    .unwrap();
    let out = tool(&["generate", "--manifest-path", manifest.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains(&format!(
            "`retry.throttling` names `{absent}`, which no spec lists"
        )),
        "{}",
        stderr(&out)
    );
}

/// Every file of the crate as it is, by path.
fn snapshot(root: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    let mut files = std::collections::BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let meta = std::fs::symlink_metadata(&path).unwrap();
            if meta.is_dir() {
                stack.push(path);
            } else {
                files.insert(path.clone(), std::fs::read(&path).unwrap_or_default());
            }
        }
    }
    files
}

/// `init` writes all or nothing, never through a link, and refuses what
/// would not build, saying why.
#[test]
fn init_is_all_or_nothing_and_refuses_what_would_not_build() {
    let refused = |name: &str, prepare: &dyn Fn(&Path), args: &[&str], why: &str| {
        let root = fresh_crate(name, STORE);
        prepare(&root);
        let before = snapshot(&root);
        let out = init(&root, args);
        assert!(!out.status.success(), "{name}: {}", stdout(&out));
        assert!(stderr(&out).contains(why), "{name}: {}", stderr(&out));
        assert!(snapshot(&root) == before, "{name}: a file changed");
        root
    };
    // `tests` is a file: nothing written, not even the manifest; a rerun
    // once it is gone succeeds.
    let root = refused(
        "init-tests-file",
        &|root| {
            write(&root.join("tests"), "not a directory\n");
        },
        &[],
        "it is not a directory",
    );
    std::fs::remove_file(root.join("tests")).unwrap();
    assert!(init(&root, &[]).status.success());

    // A dangling `build.rs` link: refused, its target never created.
    #[cfg(unix)]
    {
        let target = std::env::temp_dir().join("ci-errors-init-dangling-target.rs");
        let _ = std::fs::remove_file(&target);
        refused(
            "init-dangling",
            &|root| std::os::unix::fs::symlink(&target, root.join("build.rs")).unwrap(),
            &[],
            "build.rs: it exists",
        );
        assert!(!target.exists());
        // A `generated` link out of the crate.
        let outside = temp_dir("init-outside");
        refused(
            "init-linked-dir",
            &|root| std::os::unix::fs::symlink(&outside, root.join("generated")).unwrap(),
            &[],
            "it is a link",
        );
        assert!(std::fs::read_dir(&outside).unwrap().next().is_none());
    }

    // Spec paths: a newline, a path out of the crate, an absolute path elsewhere.
    let outside = temp_dir("init-spec-outside");
    write(&outside.join("errors.md"), STORE);
    for (name, spec, why) in [
        (
            "init-newline",
            "spec/errors.md\npub fn injected() {}",
            "control character",
        ),
        (
            "init-climbing",
            "../init-spec-outside/errors.md",
            "outside the crate",
        ),
        (
            "init-absolute",
            outside.join("errors.md").to_str().unwrap(),
            "outside the crate",
        ),
    ] {
        let root = fresh_crate(name, STORE);
        let before = snapshot(&root);
        let out = tool(&["init", "--dir", root.to_str().unwrap(), "--spec", spec]);
        assert!(!out.status.success(), "{name}");
        assert!(stderr(&out).contains(why), "{name}: {}", stderr(&out));
        assert!(snapshot(&root) == before, "{name}: a file changed");
    }
    // An absolute path inside the crate is written relative.
    let root = fresh_crate("init-absolute-inside", STORE);
    let spec = root.join("spec/errors.md");
    let out = tool(&[
        "init",
        "--dir",
        root.to_str().unwrap(),
        "--spec",
        spec.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("path = \"spec/errors.md\""), "{manifest}");

    // `forbid(unsafe_code)`, in the root or in `[lints.rust]`.
    refused(
        "init-forbid",
        &|root| {
            write(
                &root.join("src/lib.rs"),
                "#![forbid(unsafe_code)]\npub fn kept() {}\n",
            );
        },
        &[],
        "forbids unsafe code",
    );
    refused(
        "init-forbid-lints",
        &|root| {
            let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
            write(
                &root.join("Cargo.toml"),
                &format!("{manifest}\n[lints.rust]\nunsafe_code = \"forbid\"\n"),
            );
        },
        &[],
        "forbids unsafe code",
    );
    // Names the generated code uses itself.
    for name in ["Iterator", "u16", "str", "usize"] {
        refused(
            &format!("init-enum-{name}"),
            &|_| {},
            &["--enum-name", name],
            "a name the generated code uses",
        );
    }
}

/// What `init` writes into a manifest is one cargo reads: with an optional
/// `http` dependency, and with a `[lib] name` of its own.
#[test]
fn init_keeps_the_manifest_valid_and_names_the_library_as_it_is_imported() {
    let root = fresh_crate("init-optional-http", STORE);
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    write(
        &root.join("Cargo.toml"),
        &format!(
            "{manifest}http = {{ version = \"1\", optional = true }}\n\n[lib]\nname = \"store_errs\"\n\n[workspace]\n"
        ),
    );
    let out = init(&root, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let metadata = Command::new(env!("CARGO"))
        .args([
            "metadata",
            "--no-deps",
            "--offline",
            "--format-version",
            "1",
            "--manifest-path",
        ])
        .arg(root.join("Cargo.toml"))
        .output()
        .unwrap();
    assert!(
        metadata.status.success(),
        "{}",
        String::from_utf8_lossy(&metadata.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&metadata.stdout).unwrap();
    let features = &json["packages"][0]["features"]["http"];
    assert_eq!(
        features,
        &serde_json::json!(["dep:http", "body", "ci-errors-runtime/http"])
    );
    let manifest: toml::Table = std::fs::read_to_string(root.join("Cargo.toml"))
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(
        manifest["package"]["metadata"]["ci-errors-codegen"]["doc-crate"].as_str(),
        Some("store_errs")
    );
}

/// `generate`'s summary names the editions when there are several, and
/// only then.
#[test]
fn the_summary_names_the_editions_of_a_translated_spec() {
    let en = "| Error Code | Description | HTTP Status Code |\n|---|---|---|\n| Gone | It is gone. | 410 |\n";
    let zh = "| 错误码 | 描述 | HTTP 状态码 |\n|---|---|---|\n| Gone | 已删除 | 410 |\n";
    let single = ci_errors_codegen::Builder::new()
        .generate_from([ci_errors_codegen::SpecText::new("e.md", en)])
        .unwrap();
    assert!(
        !single.summary().contains("languages"),
        "{}",
        single.summary()
    );
    let both = ci_errors_codegen::Builder::new()
        .generate_from([
            ci_errors_codegen::SpecText::new("e.md", en).with_translation("zh", "z.md", zh)
        ])
        .unwrap();
    assert!(
        both.summary().contains("  languages en, zh\n"),
        "{}",
        both.summary()
    );
}

/// `Builder::module_spec` gives each spec its own module; `Builder::spec`
/// starts the list over.
#[test]
fn each_module_spec_is_its_own_module_and_spec_starts_over() {
    let dir = temp_dir("module-specs");
    let table = "| Error Code | Description |\n| --- | --- |\n";
    write(&dir.join("a.md"), &format!("{table}| FirstCode | a |\n"));
    write(&dir.join("b.md"), &format!("{table}| SecondCode | b |\n"));
    let builder = ci_errors_codegen::Builder::new()
        .root(&dir)
        .module_spec("first", "a.md")
        .module_spec("second", "b.md");
    let source = builder.generate().unwrap().source;
    for part in ["pub mod first", "pub mod second", "FirstCode", "SecondCode"] {
        assert!(source.contains(part), "{part}");
    }
    let source = builder.spec("b.md").generate().unwrap().source;
    assert!(!source.contains("pub mod first") && !source.contains("FirstCode"));
    assert!(source.contains("SecondCode"));
}

/// `generate`'s summary counts the rows of each run of a section, in order,
/// and the codes with several rows.
#[test]
fn the_summary_counts_sections_and_codes_of_several_rows() {
    let table = "| Error Code | Description | HTTP Status Code |\n|---|---|---|\n";
    let md = format!("## Client\n\n{table}| Gone | a | 410 |\n| Busy | b | 409 |\n| Busy | c | 423 |\n\n## Server\n\n{table}| Down | d | 503 |\n");
    let summary = ci_errors_codegen::Builder::new()
        .generate_from([ci_errors_codegen::SpecText::new("e.md", md)])
        .unwrap()
        .summary();
    assert!(
        summary.contains("  codes     3 (4 rows)\n  sections  Client (3), Server (1)\n  multi     Busy 409/423\n"),
        "{summary}"
    );
}

/// `drift` names both spellings of a typo, as markdown and as JSON, and the
/// build's warnings say each finding on one line with its place.
#[test]
fn drift_names_both_spellings_of_a_typo() {
    let dir = temp_dir("drift");
    let head = "## Errors\n\n| Error Code | Description |\n| --- | --- |\n";
    let en = write(
        &dir.join("en.md"),
        &format!("{head}| Kept | a |\n| FFailedOperation.ParentIdNoFound | b |\n"),
    );
    let zh = write(
        &dir.join("zh.md"),
        &format!("{head}| Kept | 甲 |\n| FailedOperation.ParentIdNoFound | 乙 |\n"),
    );
    let translation = format!("zh={zh}");
    let out = tool(&["drift", &en, "--translation", &translation]);
    assert!(out.status.success(), "{}", stderr(&out));
    let markdown = stdout(&out);
    assert!(
        markdown.contains(&format!(
            "- `FFailedOperation.ParentIdNoFound` (en, {en}:6) ↔ `FailedOperation.ParentIdNoFound` (zh, {zh}:6): spelled alike, at the same place"
        )),
        "{markdown}"
    );
    assert!(
        stderr(&out)
            .contains("warning: `FailedOperation.ParentIdNoFound` is only in the `zh` edition"),
        "{}",
        stderr(&out)
    );
    let out = tool(&["drift", &en, "--translation", &translation, "--json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let report = &report[en.as_str()];
    let codes: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        [
            "FFailedOperation.ParentIdNoFound",
            "FailedOperation.ParentIdNoFound"
        ]
    );
    assert_eq!(report["near_misses"][0]["likeness"][0], "spelling");
}

/// A page set in three editions that drift, with a repeated row, names
/// that collide and words of retry: adopted in one `init`, which writes the
/// settings it needed into `Cargo.toml` and prints each drift finding on
/// one line; the enum is the union of the editions' codes.
#[test]
fn init_adopts_a_drifting_page_set_in_one_command() {
    let root = fresh_crate("init-pageset", include_str!("fixtures/pageset/en.md"));
    write(
        &root.join("spec/errors.zh.md"),
        include_str!("fixtures/pageset/zh.md"),
    );
    write(
        &root.join("spec/errors.ja.md"),
        include_str!("fixtures/pageset/ja.md"),
    );
    // An absolute path inside the crate is written relative, as the spec's is.
    let ja = format!("ja={}", root.join("spec/errors.ja.md").display());
    let out = init(
        &root,
        &[
            "--translation",
            "zh=spec/errors.zh.md",
            "--translation",
            &ja,
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let manifest_text = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    let manifest: toml::Table = manifest_text.parse().unwrap();
    let settings = &manifest["package"]["metadata"]["ci-errors-codegen"];
    assert_eq!(settings["lenient"].as_bool(), Some(true), "{manifest_text}");
    assert_eq!(
        settings["specs"][0]["translations"]["ja"].as_str(),
        Some("spec/errors.ja.md")
    );
    assert_eq!(
        settings["names"]["InvalidParameter.Conflict"].as_str(),
        Some("InvalidParameterDotConflict")
    );
    let accepted: Vec<&str> = settings["accept"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["subject"].as_str().unwrap())
        .collect();
    for subject in [
        "UnsupportedProtocol only in zh",
        "UnsupportedMethod missing from ja",
        "FailedOperation.ParentIdNoFound only in zh",
        "OnlyInChinese.Code only in zh",
    ] {
        assert!(accepted.contains(&subject), "{subject}: {accepted:?}");
    }
    assert_eq!(
        settings["retry"]["throttling"][0].as_str(),
        Some("RequestLimitExceeded")
    );
    assert_eq!(
        settings["retry"]["transient"][0].as_str(),
        Some("InternalError")
    );
    assert!(manifest_text.contains("# Proposed by init from the spec's words"));
    // Each finding on one line, with its place.
    let err = stderr(&out);
    assert!(
        err.lines().any(|l| l.starts_with("spec/errors.zh.md:")
            && l.contains("warning[translation_drift]: `FailedOperation.ParentIdNoFound` is only in the `zh` edition")),
        "{err}"
    );
    assert!(stdout(&out).contains("lenient = true"), "{}", stdout(&out));
    // The union of the editions' codes, each text only where written.
    let generated = std::fs::read_to_string(root.join("generated/errors.rs")).unwrap();
    for variant in [
        "FFailedOperationParentIdNoFound",
        "FailedOperationParentIdNoFound",
        "UnsupportedMethod",
        "UnsupportedProtocol",
        "FailedOperationGetVpcFailed",
        "OnlyInChineseCode",
        "InvalidParameterDotConflict",
        "InvalidParameterConflict",
    ] {
        assert!(
            generated.contains(&format!("        {variant},\n")),
            "{variant}"
        );
    }
    // And the drift report names both spellings.
    let out = tool(&[
        "drift",
        "--manifest-path",
        root.join("Cargo.toml").to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("`FFailedOperation.ParentIdNoFound` (en, spec/errors.md:16) ↔ `FailedOperation.ParentIdNoFound` (zh, spec/errors.zh.md:16)"),
        "{}",
        stdout(&out)
    );
}

/// `generate` prints each warning on one line with its place, as a build
/// does: a finding of drift per line.
#[test]
fn generate_prints_each_drift_finding_on_one_line() {
    let (root, manifest) = project("generate-drift", include_str!("fixtures/pageset/en.md"));
    write(
        &root.join("spec/errors.zh.md"),
        include_str!("fixtures/pageset/zh.md"),
    );
    let text = std::fs::read_to_string(&manifest).unwrap().replace(
        "specs = [{ path = \"spec/errors.md\" }]",
        "specs = [{ path = \"spec/errors.md\", translations = { zh = \"spec/errors.zh.md\" } }]\nlenient = true",
    );
    write(Path::new(&manifest), &text);
    let out = tool(&["generate", "--manifest-path", &manifest]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    let drift: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("warning[translation_drift]"))
        .collect();
    assert!(drift.len() >= 4, "{err}");
    assert!(drift.iter().all(|l| l.starts_with("spec/errors")), "{err}");
    assert!(
        drift.contains(&"spec/errors.zh.md:16:3: warning[translation_drift]: `FailedOperation.ParentIdNoFound` is only in the `zh` edition"),
        "{err}"
    );
    assert!(err.contains("ci-errors-codegen drift"), "{err}");
}
