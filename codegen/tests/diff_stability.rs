//! Reviewability: a new code anywhere in the spec changes at most three hunks
//! of the generated file (its variant, its table entry, its rows in `ROWS`),
//! and nothing about other codes.

use ci_errors_codegen::{Builder, SpecText};

const STORE: &str = include_str!("fixtures/store.md");

fn generate(spec: &str) -> String {
    Builder::new()
        .lenient(true)
        .generate_from([SpecText::new("store.md", spec)])
        .unwrap()
        .source
}

/// Hunks of a unified diff with three lines of context, as `git diff` shows them.
fn hunks(old: &str, new: &str) -> usize {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .iter_hunks()
        .count()
}

#[test]
fn a_new_code_anywhere_is_at_most_three_hunks() {
    let before = generate(STORE);
    let rows: Vec<&str> = STORE
        .lines()
        .filter(|l| l.starts_with("| ") && l.contains(" | 4") || l.contains(" | 5"))
        .collect();
    assert!(rows.len() >= 5);
    for (i, row) in rows.iter().enumerate() {
        let spec = STORE.replacen(
            row,
            &format!("{row}\n| Inserted{i} | A new code. | 418 |"),
            1,
        );
        let after = generate(&spec);
        let n = hunks(&before, &after);
        assert!(
            n <= 3,
            "after {row}: {n} hunks\n{}",
            similar::TextDiff::from_lines(&before, &after).unified_diff()
        );
        assert!(after.contains(&format!("Inserted{i},")));
    }
    // Before the first code, which then is the first variant.
    let first = rows[0];
    let spec = STORE.replacen(
        first,
        &format!("| Inserted | A new code. | 418 |\n{first}"),
        1,
    );
    let n = hunks(&before, &generate(&spec));
    assert!(n <= 3, "before {first}: {n} hunks");
}
