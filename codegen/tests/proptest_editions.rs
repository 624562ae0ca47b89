//! Property tests over editions that drift: whatever rows each edition
//! lists, and in whatever order, the model is the union of their codes, each
//! row knows which editions list it, each text is written only where its
//! edition has the row, the drift report lists exactly the rows some edition
//! lacks, and every code's Rust name is the same whatever the order.

use std::collections::{BTreeMap, BTreeSet};

use ci_errors_codegen::{Builder, SpecResult, SpecText};
use proptest::prelude::*;

/// Codes drawn from a pool that holds names alike once derived
/// (`Near.Miss`, `NearMiss`, `near-miss`) and codes alike but for case.
fn pool() -> Vec<String> {
    let mut pool: Vec<String> = (0..12).map(|i| format!("Code{i}.Detail")).collect();
    pool.extend(
        [
            "Near.Miss",
            "NearMiss",
            "near-miss",
            "NEAR_MISS",
            "A.b",
            "A-b",
            "a.b",
        ]
        .iter()
        .map(|c| (*c).to_owned()),
    );
    pool
}

/// One edition: the indexes of the pool it lists, in its order.
fn edition() -> impl Strategy<Value = Vec<usize>> {
    let n = pool().len();
    proptest::sample::subsequence((0..n).collect::<Vec<_>>(), 1..n).prop_shuffle()
}

fn document(title: &str, codes: &[usize], text: &str) -> String {
    let pool = pool();
    let mut doc = format!("# {title}\n\n| Error Code | Description |\n| --- | --- |\n");
    for &i in codes {
        doc.push_str(&format!("| {} | {text} {i}. |\n", pool[i]));
    }
    doc
}

/// Each edition's tag and the text its descriptions start with.
const EDITIONS: [(&str, &str); 3] = [("en", "Text"), ("zh", "说明"), ("ja", "説明")];

fn read(editions: &[Vec<usize>]) -> SpecResult {
    let mut spec = SpecText::new("en.md", document("Errors", &editions[0], EDITIONS[0].1));
    for (e, codes) in editions.iter().enumerate().skip(1) {
        let (tag, text) = EDITIONS[e];
        spec = spec.with_translation(tag, format!("{tag}.md"), document(tag, codes, text));
    }
    Builder::new()
        .lenient(true)
        .read_from(spec)
        .expect("lenient reading of drifting editions never refuses")
}

/// Code → variant name.
fn names(result: &SpecResult) -> BTreeMap<String, String> {
    result
        .model
        .codes
        .iter()
        .map(|c| (c.code.clone(), c.variant.clone()))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_model_is_the_union_and_the_drift_its_difference(
        editions in proptest::collection::vec(edition(), 2..=3),
    ) {
        let pool = pool();
        let result = read(&editions);
        let model = &result.model;
        let sets: Vec<BTreeSet<String>> = editions
            .iter()
            .map(|codes| codes.iter().map(|&i| pool[i].clone()).collect())
            .collect();
        let union: BTreeSet<String> = sets.iter().flatten().cloned().collect();
        let codes: BTreeSet<String> = model.codes.iter().map(|c| c.code.clone()).collect();
        prop_assert_eq!(&codes, &union);
        for row in &model.errors {
            let expected: Vec<usize> = (0..sets.len()).filter(|&e| sets[e].contains(&row.code)).collect();
            prop_assert_eq!(&row.listed_in, &expected, "{}", row.code);
            // A text only where its edition has the row, never another's.
            let i = pool.iter().position(|c| *c == row.code).unwrap();
            for (e, set) in sets.iter().enumerate() {
                let text = if set.contains(&row.code) { format!("{} {i}.", EDITIONS[e].1) } else { String::new() };
                prop_assert_eq!(&row.description.get(e).plain, &text);
            }
        }
        let drift = result.drift();
        let found: BTreeSet<String> = drift.findings.iter().map(|f| f.code.clone()).collect();
        let everywhere: BTreeSet<String> = union.iter().filter(|c| sets.iter().all(|s| s.contains(*c))).cloned().collect();
        prop_assert_eq!(found, union.difference(&everywhere).cloned().collect::<BTreeSet<_>>());
        // Names: distinct, and the same with the editions in another order,
        // each reversed.
        let named = names(&result);
        let distinct: BTreeSet<&String> = named.values().collect();
        prop_assert_eq!(distinct.len(), named.len());
        let mut other: Vec<Vec<usize>> = editions.iter().rev().cloned().collect();
        for codes in &mut other {
            codes.reverse();
        }
        prop_assert_eq!(&names(&read(&other)), &named);
    }
}

/// A row only a translation lists keeps every text of that edition
/// (description, remedy, cause, message) and none in the others.
#[test]
fn a_row_only_a_translation_lists_keeps_all_its_texts() {
    let head =
        "| Error Code | Description | Remedy | Cause | Error Message |\n|---|---|---|---|---|\n";
    let en = format!("{head}| Both | d | r | c | m |\n");
    let zh = format!(
        "{head}| Both | 描述 | 处理 | 原因 | 信息 |\n| OnlyZh | 仅描述 | 仅处理 | 仅原因 | 仅信息 |\n"
    );
    let result = Builder::new()
        .read_from(SpecText::new("en.md", en).with_translation("zh", "zh.md", zh))
        .unwrap();
    let row = result
        .model
        .errors
        .iter()
        .find(|r| r.code == "OnlyZh")
        .unwrap();
    let texts = [&row.description, &row.remedy, &row.cause, &row.message];
    let zh: Vec<&str> = texts.iter().map(|t| t.get(1).plain.as_str()).collect();
    assert_eq!(zh, ["仅描述", "仅处理", "仅原因", "仅信息"]);
    assert!(texts.iter().all(|t| t.primary().plain.is_empty()));
    assert_eq!((row.edition, row.listed_in.as_slice()), (1, &[1][..]));
}
