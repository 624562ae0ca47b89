//! The generator's shape, checked on its own source: data flows one way
//! between its top-level modules (no import circle), every module is
//! private, and no function is longer than 80 lines except the emitter's
//! `quote!` templates.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const MAX_FUNCTION_LINES: usize = 80;

fn sources() -> Vec<PathBuf> {
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
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    files.sort();
    files
}

/// The top-level module a file belongs to (`read/html.rs` → `read`), or
/// `None` for the crate root and the tool.
fn module_of(file: &Path) -> Option<String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let relative = file.strip_prefix(&src).unwrap();
    let first = relative.components().next()?.as_os_str().to_str()?;
    let name = first.trim_end_matches(".rs");
    (!matches!(name, "lib" | "main")).then(|| name.to_owned())
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
    for file in sources() {
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

/// Which top-level modules each one names through `crate::`.
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in sources() {
        let Some(module) = module_of(&file) else {
            continue;
        };
        let text = std::fs::read_to_string(&file).unwrap();
        let uses = graph.entry(module.clone()).or_default();
        for line in text.lines().map(code_of) {
            for (at, _) in line.match_indices("crate::") {
                let name: String = line[at + 7..]
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() && name != module {
                    uses.insert(name);
                }
            }
        }
    }
    graph
}

#[test]
fn modules_import_one_way() {
    let graph = imports();
    // Depth-first search for a path back to where it started.
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
    let circles: Vec<&String> = graph
        .keys()
        .filter(|m| reaches(&graph, m, m, &mut BTreeSet::new()))
        .collect();
    assert!(
        circles.is_empty(),
        "modules in an import circle: {circles:?}\n{graph:#?}"
    );
    // The front end never names the steps after it.
    for (early, later) in [
        ("read", "layout"),
        ("read", "model"),
        ("layout", "model"),
        ("model", "emit"),
        ("config", "builder"),
    ] {
        assert!(!graph[early].contains(later), "`{early}` imports `{later}`");
    }
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
