//! The generator's shape, checked on its own source and the runtime's: two
//! layers, the pure `pipeline` (read → layout → model → emit) and the
//! `project` that does the IO; data flows one way between modules (no import
//! circle, no step naming a later one, nothing in the pipeline naming the
//! project or doing IO); every module is private; and no function is longer
//! than 80 lines except the emitter's `quote!` templates.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const MAX_FUNCTION_LINES: usize = 80;

fn sources() -> Vec<PathBuf> {
    sources_in("src")
}

/// The `.rs` files under `dir` of this crate, sorted.
fn sources_in(dir: &str) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join(dir), &mut files);
    files.sort();
    files
}

/// The module a file belongs to, as a path under `src` of at most two
/// names (`pipeline/read/html.rs` → `pipeline::read`, `pipeline/mod.rs` →
/// `pipeline`, `error.rs` → `error`), or `None` for the crate root and the tool.
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let relative = file.strip_prefix(src).unwrap();
    let names: Vec<&str> = relative
        .components()
        .map(|c| c.as_os_str().to_str().unwrap().trim_end_matches(".rs"))
        .filter(|n| *n != "mod")
        .take(2)
        .collect();
    let module = names.join("::");
    (!matches!(module.as_str(), "lib" | "main")).then_some(module)
}

/// A line without its comment and with string and character literals emptied,
/// so that braces and paths inside them do not count.
fn code_of(line: &str) -> String {
    let mut out = String::new();
    let mut chars = line.chars().peekable();
    let mut in_string = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' if in_string => {
                chars.next();
            }
            '"' => in_string = !in_string,
            _ if in_string => {}
            '/' if chars.peek() == Some(&'/') => break,
            '\'' => {
                // A character literal (`'{'`, `'\n'`), not a lifetime.
                let rest: String = chars.clone().take(3).collect();
                if rest.starts_with('\\') || rest.chars().nth(1) == Some('\'') {
                    while let Some(c) = chars.next() {
                        if c == '\\' {
                            chars.next();
                        } else if c == '\'' {
                            break;
                        }
                    }
                } else {
                    out.push(c);
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// `(name, first line, line count, holds a quote! template)` of each function.
fn functions(text: &str) -> Vec<(String, usize, usize, bool)> {
    let lines: Vec<String> = text.lines().map(code_of).collect();
    let mut found = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(at) = line.find("fn ") else { continue };
        let before = line[..at].trim();
        let is_item = before.split_whitespace().all(|w| {
            matches!(
                w,
                "pub" | "pub(crate)" | "pub(super)" | "const" | "unsafe" | "async"
            )
        });
        if !is_item {
            continue;
        }
        let name: String = line[at + 3..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let (mut depth, mut opened) = (0i64, false);
        let mut end = i;
        for (j, l) in lines.iter().enumerate().skip(i) {
            for c in l.chars() {
                match c {
                    '{' => {
                        depth += 1;
                        opened = true;
                    }
                    '}' => depth -= 1,
                    _ => {}
                }
            }
            end = j;
            if (opened && depth <= 0) || (!opened && l.trim_end().ends_with(';')) {
                break;
            }
        }
        let template = lines[i..=end].iter().any(|l| l.contains("quote!"));
        found.push((name, i + 1, end - i + 1, template));
    }
    found
}

#[test]
fn no_function_is_longer_than_80_lines_but_templates() {
    let mut long = Vec::new();
    for file in sources().into_iter().chain(sources_in("runtime/src")) {
        let text = std::fs::read_to_string(&file).unwrap();
        for (name, line, count, template) in functions(&text) {
            if count > MAX_FUNCTION_LINES && !template {
                long.push(format!("{}:{line} `{name}`: {count} lines", file.display()));
            }
        }
    }
    assert!(
        long.is_empty(),
        "functions over {MAX_FUNCTION_LINES} lines:\n{}",
        long.join("\n")
    );
}

#[test]
fn the_length_check_sees_long_functions_and_skips_literals() {
    let body = "    let x = \"}\";\n    let y = '{';\n".repeat(50);
    let text = format!("pub(crate) fn long() {{\n{body}}}\nfn short() {{}}\n");
    let found = functions(&text);
    assert_eq!(found[0], ("long".to_owned(), 1, 102, false));
    assert_eq!(found[1], ("short".to_owned(), 103, 1, false));
}

/// Which modules each module of the files under `src` names through
/// `crate::`, at the depth [`module_of`] gives (`crate::pipeline::read::Cell`
/// → `pipeline::read`; `crate::pipeline::SpecResult` → `pipeline`).
fn imports(src: &Path, files: &[PathBuf]) -> BTreeMap<String, BTreeSet<String>> {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let modules: BTreeSet<String> = files.iter().filter_map(|f| module_of(src, f)).collect();
    for file in files {
        let Some(module) = module_of(src, file) else {
            continue;
        };
        let text = std::fs::read_to_string(file).unwrap();
        let uses = graph.entry(module.clone()).or_default();
        for line in text.lines().map(code_of) {
            for (at, _) in line.match_indices("crate::") {
                let path: Vec<String> = line[at + 7..]
                    .split("::")
                    .map(|s| {
                        s.chars()
                            .take_while(|c| c.is_alphanumeric() || *c == '_')
                            .collect()
                    })
                    .take(2)
                    .collect();
                let two = path.join("::");
                let name = if modules.contains(&two) {
                    two
                } else {
                    path[0].clone()
                };
                if !name.is_empty() && name != module && modules.contains(&name) {
                    uses.insert(name);
                }
            }
        }
    }
    graph
}

/// The modules of `graph` that reach themselves again.
fn circles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<&String> {
    fn reaches(
        graph: &BTreeMap<String, BTreeSet<String>>,
        from: &str,
        to: &str,
        seen: &mut BTreeSet<String>,
    ) -> bool {
        graph
            .get(from)
            .into_iter()
            .flatten()
            .any(|next| next == to || (seen.insert(next.clone()) && reaches(graph, next, to, seen)))
    }
    graph
        .keys()
        .filter(|m| reaches(graph, m, m, &mut BTreeSet::new()))
        .collect()
}

fn generator_imports() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    imports(&src, &sources())
}

#[test]
fn modules_import_one_way() {
    let graph = generator_imports();
    let circles = circles(&graph);
    assert!(
        circles.is_empty(),
        "modules in an import circle: {circles:?}\n{graph:#?}"
    );
    // The front end never names the steps after it, and nothing names the
    // pipeline's own driver but the project.
    let steps = ["read", "layout", "model", "emit"];
    for (i, early) in steps.iter().enumerate() {
        for later in &steps[i + 1..] {
            let (early, later) = (format!("pipeline::{early}"), format!("pipeline::{later}"));
            assert!(graph.contains_key(&early), "no module `{early}`");
            assert!(
                !graph[&early].contains(&later),
                "`{early}` imports `{later}`"
            );
        }
    }
    for (module, uses) in &graph {
        if module.starts_with("pipeline") {
            assert!(
                !uses.iter().any(|u| u.starts_with("project")),
                "`{module}` (pipeline) imports the project layer: {uses:?}"
            );
            assert!(
                !uses.contains("pipeline"),
                "`{module}` imports the pipeline's driver"
            );
        }
    }
    assert!(!graph["project::manifest"].contains("project::builder"));
}

#[test]
fn the_structure_check_sees_circles_and_paths() {
    let graph: BTreeMap<String, BTreeSet<String>> = [
        ("a", ["b"].as_slice()),
        ("b", ["a"].as_slice()),
        ("c", ["a"].as_slice()),
    ]
    .into_iter()
    .map(|(m, uses)| (m.to_owned(), uses.iter().map(|u| u.to_string()).collect()))
    .collect();
    assert_eq!(circles(&graph), ["a", "b"]);
    let src = Path::new("/x/src");
    assert_eq!(
        module_of(src, Path::new("/x/src/pipeline/read/html.rs")).as_deref(),
        Some("pipeline::read")
    );
    assert_eq!(
        module_of(src, Path::new("/x/src/pipeline/mod.rs")).as_deref(),
        Some("pipeline")
    );
    assert_eq!(module_of(src, Path::new("/x/src/lib.rs")), None);
}

/// The pipeline is pure: no file, process or environment access under
/// `src/pipeline` (the project layer does all of it).
#[test]
fn the_pipeline_does_no_io() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/pipeline");
    for file in sources_in("src/pipeline") {
        let text = std::fs::read_to_string(&file).unwrap();
        for (i, line) in text.lines().map(code_of).enumerate() {
            for io in [
                "std::fs",
                "std::process",
                "std::env",
                "std::net",
                "env!(",
                "fs::File",
            ] {
                assert!(
                    !line.contains(io),
                    "{}:{}: `{io}` in the pipeline",
                    file.strip_prefix(&src).unwrap().display(),
                    i + 1
                );
            }
        }
    }
}

/// The runtime's modules import one way too.
#[test]
fn runtime_modules_import_one_way() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("runtime/src");
    let graph = imports(&src, &sources_in("runtime/src"));
    assert!(graph.contains_key("row") && graph.contains_key("retry"));
    let circles = circles(&graph);
    assert!(
        circles.is_empty(),
        "runtime modules in an import circle: {circles:?}\n{graph:#?}"
    );
}

#[test]
fn every_module_is_private() {
    let lib =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).unwrap();
    let public: Vec<&str> = lib
        .lines()
        .filter(|l| l.starts_with("pub mod ") && !l.starts_with("pub mod stages"))
        .collect();
    assert!(public.is_empty(), "public modules: {public:?}");
}

/// The files built against the project's own spec, whose tests and doc
/// examples must hold after any edit of it.
fn spec_bound_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for dir in ["src", "tests", "benches"] {
        let mut stack = vec![root.join(dir)];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    files.push(path);
                }
            }
        }
    }
    files.sort();
    files
}

/// The statements of Rust text, doc examples included (`///` and `//!`
/// prefixes dropped), split at `;`, `{` and `}` outside string literals,
/// each with its 1-based line.
fn statements(text: &str) -> Vec<(usize, String)> {
    let mut code = String::new();
    for line in text.lines() {
        let trimmed = line.trim_start();
        let line = trimmed
            .strip_prefix("//!")
            .or_else(|| trimmed.strip_prefix("///"))
            .map_or(line, |rest| rest.strip_prefix(' ').unwrap_or(rest));
        let line = line.trim_start().strip_prefix("# ").unwrap_or(line);
        code.push_str(line);
        code.push('\n');
    }
    let mut out = Vec::new();
    let (mut current, mut line, mut start) = (String::new(), 1, 1);
    let mut chars = code.chars().peekable();
    let mut in_string = false;
    while let Some(c) = chars.next() {
        if c == '\n' {
            line += 1;
        }
        if current.trim().is_empty() {
            start = line;
        }
        current.push(c);
        match c {
            '\\' if in_string => {
                if let Some(next) = chars.next() {
                    current.push(next);
                }
            }
            '"' => in_string = !in_string,
            ';' | '{' | '}' if !in_string => {
                out.push((start, std::mem::take(&mut current)));
            }
            _ => {}
        }
    }
    out.push((start, current));
    out
}

/// The code-shaped names a statement looks up from literals: in
/// `from_code("X")`, `Code::from("X")`, `"X".parse`, `<Code>X</Code>`,
/// `"Code":"X"`, and whether the look-up is a parse (whose
/// failure is an `Err`).
fn looked_up(statement: &str) -> Vec<(String, bool)> {
    let name_at = |rest: &str, end: char| -> Option<String> {
        let name: String = rest.chars().take_while(|&c| c != end).collect();
        let shaped = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_alphanumeric() || "._-".contains(c))
            && rest[name.len()..].starts_with(end);
        shaped.then_some(name)
    };
    let mut found = Vec::new();
    let patterns: [(&str, char, bool); 7] = [
        ("from_code(\"", '"', false),
        ("Code::from(\"", '"', false),
        ("<Code>", '<', false),
        ("\"Code\":\"", '"', false),
        ("from_str::<ErrorCode>(\"\\\"", '\\', true),
        ("from_str::<Code>(\"\\\"", '\\', true),
        ("from_str(\"", '"', true),
    ];
    for (pattern, end, parse) in patterns {
        for (at, _) in statement.match_indices(pattern) {
            if let Some(name) = name_at(&statement[at + pattern.len()..], end) {
                found.push((name, parse));
            }
        }
    }
    for (at, _) in statement.match_indices("\".parse") {
        let before = &statement[..at];
        if let Some(open) = before.rfind('"') {
            if let Some(name) = name_at(&statement[open + 1..], '"') {
                found.push((name, true));
            }
        }
    }
    found
}

/// Whether `text`, a statement with a look-up, says that it found nothing.
fn says_absent(text: &str, parse: bool) -> bool {
    let markers: &[&str] = if parse {
        &["None", "is_none", "Unknown", "Err(", "is_err", "unwrap_err"]
    } else {
        &["None", "is_none", "Unknown"]
    };
    markers.iter().any(|m| text.contains(m))
}

/// Whether `text`, a later statement, asks `binding` for its code's
/// entry and says there is none.
fn says_binding_absent(text: &str, binding: &str) -> bool {
    let asks = [
        "known()",
        "typed_code()",
        "row(",
        "spec_description()",
        "is_known()",
    ]
    .iter()
    .any(|m| text.contains(&format!("{binding}.{m}")));
    asks && ["None", "is_none", "Unknown", "false"]
        .iter()
        .any(|m| text.contains(m))
}

/// Each statement that looks a literal name up and asserts, there or in
/// the next statements that ask its binding, that the spec lacks it:
/// `file:line name`.
fn absent_name_assertions(name: &str, text: &str) -> Vec<String> {
    let statements = statements(text);
    let mut found = Vec::new();
    for (i, (line, statement)) in statements.iter().enumerate() {
        for (code, parse) in looked_up(statement) {
            let binding = statement
                .trim_start()
                .strip_prefix("let ")
                .and_then(|rest| rest.split(['=', ':']).next())
                .map(|b| b.trim().trim_start_matches("mut ").to_owned());
            let here = says_absent(statement, parse)
                && (statement.contains("assert") || statement.contains("unwrap_err"));
            let later = binding.filter(|b| !b.is_empty()).is_some_and(|b| {
                statements[i + 1..]
                    .iter()
                    .take(6)
                    .any(|(_, s)| says_binding_absent(s, &b))
            });
            if here || later {
                found.push(format!("{name}:{line} `{code}`"));
            }
        }
    }
    found
}

#[test]
fn no_test_or_doc_example_asserts_a_name_absent_from_the_spec() {
    let mut found = Vec::new();
    for file in spec_bound_files() {
        let text = std::fs::read_to_string(&file).unwrap();
        found.extend(absent_name_assertions(&file.display().to_string(), &text));
    }
    assert!(
        found.is_empty(),
        "tests and doc examples built against the spec assert names absent (a spec edit that adds one breaks them; derive an absent name at test time):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_absent_name_check_sees_each_form() {
    let flagged = |text: &str| absent_name_assertions("t.rs", text);
    // The crate doc's old form, and the binding form.
    assert_eq!(
        flagged(
            "//! assert_eq!(Code::from(\"NoSuchBucket\"), Code::Unknown(\"NoSuchBucket\".into()));"
        ),
        ["t.rs:1 `NoSuchBucket`"]
    );
    assert_eq!(
        flagged(
            "/// let other = Code::from(\"SomethingNew\");\n/// assert_eq!(other.known(), None);\n"
        ),
        ["t.rs:1 `SomethingNew`"]
    );
    assert_eq!(
        flagged("let err = serde_json::from_str::<ErrorCode>(\"\\\"Nope\\\"\").unwrap_err();\nassert!(err.to_string().contains(\"Nope\"));"),
        ["t.rs:1 `Nope`"]
    );
    assert_eq!(
        flagged("assert!(ErrorCode::from_code(\"Gone\").is_none());"),
        ["t.rs:1 `Gone`"]
    );
    assert_eq!(
        flagged("assert_eq!(serde_json::from_str::<Code>(\"\\\"Other\\\"\").unwrap(), Code::Unknown(\"Other\".into()));"),
        ["t.rs:1 `Other`"]
    );
    assert_eq!(
        flagged("assert!(\"Gone\".parse::<ErrorCode>().is_err());"),
        ["t.rs:1 `Gone`"]
    );
    // Names derived at test time, and XML errors that are not about the code, pass.
    assert!(flagged("let mut x = String::from(\"A\");\nwhile ErrorCode::from_code(&x).is_some() { x.push('X'); }\nassert_eq!(Code::from(x.as_str()), Code::Unknown(x.clone()));").is_empty());
    assert!(flagged("let err = ErrorResponse::from_xml(b\"<Error><Code>A</Code><Code>B</Code></Error>\").unwrap_err();").is_empty());
    assert!(flagged("let e = ServiceError::from_response(&reply(b\"<Error><Code>Moved</Code></Error>\"));\nassert_eq!(e.location(), None);").is_empty());
    assert_eq!(
        flagged("let e = ServiceError::from_response(&reply(b\"<Error><Code>Gone</Code></Error>\"));\nassert_eq!(e.spec_description(), None);"),
        ["t.rs:1 `Gone`"]
    );
}
