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

fn read(en: &[usize], zh: &[usize]) -> SpecResult {
    let spec = SpecText::new("en.md", document("Errors", en, "Text")).with_translation(
        "zh",
        "zh.md",
        document("错误码", zh, "说明"),
    );
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
    fn the_model_is_the_union_and_the_drift_its_difference(en in edition(), zh in edition()) {
        let pool = pool();
        let result = read(&en, &zh);
        let model = &result.model;
        let listed = |codes: &[usize]| -> BTreeSet<String> {
            codes.iter().map(|&i| pool[i].clone()).collect()
        };
        let (in_en, in_zh) = (listed(&en), listed(&zh));
        let codes: BTreeSet<String> = model.codes.iter().map(|c| c.code.clone()).collect();
        prop_assert_eq!(&codes, &in_en.union(&in_zh).cloned().collect::<BTreeSet<_>>());
        for row in &model.errors {
            let expected: Vec<usize> = [(0, &in_en), (1, &in_zh)]
                .iter()
                .filter(|(_, set)| set.contains(&row.code))
                .map(|(e, _)| *e)
                .collect();
            prop_assert_eq!(&row.listed_in, &expected, "{}", row.code);
            // A text only where its edition has the row, never another's.
            let i = pool.iter().position(|c| *c == row.code).unwrap();
            let en_text = if in_en.contains(&row.code) { format!("Text {i}.") } else { String::new() };
            let zh_text = if in_zh.contains(&row.code) { format!("说明 {i}.") } else { String::new() };
            prop_assert_eq!(&row.description.get(0).plain, &en_text);
            prop_assert_eq!(&row.description.get(1).plain, &zh_text);
        }
        let drift = result.drift();
        let found: BTreeSet<String> = drift.findings.iter().map(|f| f.code.clone()).collect();
        let lacking: BTreeSet<String> = in_en.symmetric_difference(&in_zh).cloned().collect();
        prop_assert_eq!(found, lacking);
        // Names: valid, distinct, and the same with the editions swapped
        // and each reversed.
        let named = names(&result);
        let distinct: BTreeSet<&String> = named.values().collect();
        prop_assert_eq!(distinct.len(), named.len());
        let mut en_rev = en.clone();
        en_rev.reverse();
        let mut zh_rev = zh.clone();
        zh_rev.reverse();
        prop_assert_eq!(&names(&read(&zh_rev, &en_rev)), &named);
    }
}
