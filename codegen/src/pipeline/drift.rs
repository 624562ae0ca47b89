//! The drift between a spec's editions, as a report for reviewers: each row
//! that some edition lacks, and the pairs of such rows that look like one
//! row written two ways (a typo, or a rename at the same place).

use serde::Serialize;

use crate::pipeline::model::{ErrorRow, Model};

/// Above this many findings, typos are not looked for (each finding is
/// compared with the others of about its length).
const MAX_TYPO_FINDINGS: usize = 2_000;

/// Rows scanned at most to pair findings by place (one scan per pair of
/// disjoint sets of editions); beyond, the pairs found so far are kept.
const MAX_PLACE_WORK: usize = 4_000_000;

/// The drift between the editions of one spec.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct Drift {
    /// The editions' language tags, the primary first.
    pub languages: Vec<String>,
    /// Each row that an edition lacks, in the merged order.
    pub findings: Vec<Finding>,
    /// Pairs of findings that may be one row written two ways.
    pub near_misses: Vec<NearMiss>,
}

/// A row that some edition lacks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Finding {
    /// The code.
    pub code: String,
    /// Its status, if it has one.
    pub status: Option<u16>,
    /// The editions whose documents list the row.
    pub listed_in: Vec<String>,
    /// The editions whose documents lack it.
    pub missing_from: Vec<String>,
    /// `file:line` of the row, in the first edition that lists it.
    pub at: String,
}

/// Why two findings are paired.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Likeness {
    /// The codes differ by a letter or two (`FFailedOperation.X` ↔ `FailedOperation.X`).
    Spelling,
    /// The rows stand at the same place between the same rows both
    /// editions list (`UnsupportedMethod` ↔ `UnsupportedProtocol`).
    SamePlace,
}

/// Two findings, listed by editions that do not overlap, that may be one row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct NearMiss {
    /// The first finding's index in [`Drift::findings`].
    pub first: usize,
    /// The second finding's index.
    pub second: usize,
    /// Why they are paired: one reason or both.
    pub likeness: Vec<Likeness>,
}

impl Drift {
    /// The drift of a spec's model read in every edition, whose documents
    /// are `files` (the primary first), as `SpecResult::drift` gives it.
    pub fn of(model: &Model, files: &[&str]) -> Drift {
        let lacking = lacking(model);
        let findings = lacking
            .iter()
            .map(|&i| finding(model, files, &model.errors[i]))
            .collect();
        let mut near_misses = same_place(model, &lacking, MAX_PLACE_WORK);
        if lacking.len() <= MAX_TYPO_FINDINGS {
            for pair in spelling(model, &lacking) {
                let known = near_misses
                    .iter_mut()
                    .find(|m| (m.first, m.second) == (pair.first, pair.second));
                match known {
                    Some(known) => known.likeness.insert(0, Likeness::Spelling),
                    None => near_misses.push(pair),
                }
            }
        }
        near_misses.sort_by_key(|m| (m.first, m.second));
        Drift {
            languages: model.languages.clone(),
            findings,
            near_misses,
        }
    }

    /// The report as markdown: the findings as a table, then the near misses.
    pub fn to_markdown(&self, spec: &str) -> String {
        let mut out = format!("### Drift between the editions of `{spec}`\n\n");
        if self.findings.is_empty() {
            out.push_str(&format!(
                "Every edition ({}) lists the same rows.\n",
                self.languages.join(", ")
            ));
            return out;
        }
        out.push_str(
            "| Code | Status | Listed in | Missing from | At |\n| --- | --- | --- | --- | --- |\n",
        );
        for f in &self.findings {
            let status = f.status.map_or_else(String::new, |s| s.to_string());
            out.push_str(&format!(
                "| `{}` | {status} | {} | {} | {} |\n",
                f.code.replace('|', "\\|"),
                f.listed_in.join(", "),
                f.missing_from.join(", "),
                f.at
            ));
        }
        if !self.near_misses.is_empty() {
            out.push_str("\nNear misses (one row written two ways?):\n\n");
            for m in &self.near_misses {
                let (a, b) = (&self.findings[m.first], &self.findings[m.second]);
                let why: Vec<&str> = m
                    .likeness
                    .iter()
                    .map(|l| match l {
                        Likeness::Spelling => "spelled alike",
                        Likeness::SamePlace => "at the same place",
                    })
                    .collect();
                let why = why.join(", ");
                out.push_str(&format!(
                    "- `{}` ({}, {}) ↔ `{}` ({}, {}): {why}\n",
                    a.code,
                    a.listed_in.join(", "),
                    a.at,
                    b.code,
                    b.listed_in.join(", "),
                    b.at
                ));
            }
        }
        out
    }
}

fn finding(model: &Model, files: &[&str], row: &ErrorRow) -> Finding {
    let tag = |i: usize| model.languages.get(i).cloned().unwrap_or_default();
    let missing = (0..model.languages.len())
        .filter(|i| !row.listed_in.contains(i))
        .map(tag)
        .collect();
    Finding {
        code: row.code.clone(),
        status: row.status,
        listed_in: row.listed_in.iter().map(|&i| tag(i)).collect(),
        missing_from: missing,
        at: format!(
            "{}:{}",
            files.get(row.edition).copied().unwrap_or(""),
            row.line
        ),
    }
}

/// The rows (indexes into [`Model::errors`]) some edition does not list.
fn lacking(model: &Model) -> Vec<usize> {
    let all: u64 = (1u64 << model.languages.len().min(63)) - 1;
    (0..model.errors.len())
        .filter(|&i| model.errors[i].listed_mask() & all != all)
        .collect()
}

/// Findings listed by editions that do not overlap, standing between the
/// same two rows that both their editions list, at the same place among
/// the rows of each side there, where each side has as many rows: a gap of
/// unequal sides pairs nothing, as a guess would mislead. One pass over the
/// rows per pair of disjoint sets of editions, within `budget` rows in all
/// ([`MAX_PLACE_WORK`]).
fn same_place(model: &Model, lacking: &[usize], budget: usize) -> Vec<NearMiss> {
    let finding: std::collections::HashMap<usize, usize> =
        lacking.iter().enumerate().map(|(a, &i)| (i, a)).collect();
    let masks: std::collections::BTreeSet<u64> = lacking
        .iter()
        .map(|&i| model.errors[i].listed_mask())
        .collect();
    let mut pairs = Vec::new();
    let mut work = 0usize;
    for (x, &ma) in masks.iter().enumerate() {
        for &mb in masks.iter().skip(x + 1).filter(|&&mb| ma & mb == 0) {
            work += model.errors.len();
            if work > budget {
                return pairs;
            }
            let both = ma | mb;
            let (mut a, mut b) = (Vec::new(), Vec::new());
            let mut flush = |a: &mut Vec<usize>, b: &mut Vec<usize>| {
                if a.len() == b.len() {
                    for (&i, &j) in a.iter().zip(b.iter()) {
                        if model.errors[i].status == model.errors[j].status {
                            let (fi, fj) = (finding[&i], finding[&j]);
                            pairs.push(NearMiss {
                                first: fi.min(fj),
                                second: fi.max(fj),
                                likeness: vec![Likeness::SamePlace],
                            });
                        }
                    }
                }
                a.clear();
                b.clear();
            };
            for (k, row) in model.errors.iter().enumerate() {
                let m = row.listed_mask();
                if m & both == both {
                    flush(&mut a, &mut b);
                } else if m == ma {
                    a.push(k);
                } else if m == mb {
                    b.push(k);
                }
            }
            flush(&mut a, &mut b);
        }
    }
    pairs
}

/// Findings listed by editions that do not overlap whose codes differ by a
/// letter (or two, in codes of ten letters or more).
fn spelling(model: &Model, lacking: &[usize]) -> Vec<NearMiss> {
    let mut by_length: Vec<(usize, usize)> = lacking
        .iter()
        .enumerate()
        .map(|(a, &i)| (model.errors[i].code.chars().count(), a))
        .collect();
    by_length.sort();
    let mut pairs = Vec::new();
    for (x, &(len_a, a)) in by_length.iter().enumerate() {
        for &(len_b, b) in &by_length[x + 1..] {
            if len_b > len_a + 2 {
                break;
            }
            let (ra, rb) = (&model.errors[lacking[a]], &model.errors[lacking[b]]);
            if ra.listed_mask() & rb.listed_mask() != 0 || ra.code == rb.code {
                continue;
            }
            let allowed = if len_a.min(len_b) >= 10 { 2 } else { 1 };
            if within_distance(&ra.code, &rb.code, allowed) {
                pairs.push(NearMiss {
                    first: a.min(b),
                    second: a.max(b),
                    likeness: vec![Likeness::Spelling],
                });
            }
        }
    }
    pairs
}

/// Whether the Levenshtein distance of `a` and `b` is at most `k`: only a
/// band of `2k + 1` cells per row, and an early end once the band is over
/// `k`, so dissimilar codes cost a few rows.
fn within_distance(a: &str, b: &str, k: usize) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > k {
        return false;
    }
    let over = k + 1;
    // row[j] for j in 0..=b.len(), cells outside the band are `over`.
    let mut row: Vec<usize> = (0..=b.len()).map(|j| j.min(over)).collect();
    for i in 1..=a.len() {
        let lo = i.saturating_sub(k).max(1);
        let hi = (i + k).min(b.len());
        let mut diagonal = row[lo - 1];
        row[lo - 1] = if lo == 1 { i.min(over) } else { over };
        let mut best = row[lo - 1];
        for j in lo..=hi {
            let next = (row[j] + 1)
                .min(row[j - 1] + 1)
                .min(diagonal + usize::from(a[i - 1] != b[j - 1]))
                .min(over);
            diagonal = row[j];
            row[j] = next;
            best = best.min(next);
        }
        if hi < b.len() {
            row[hi + 1] = over;
        }
        if best > k {
            return false;
        }
    }
    row[b.len()] <= k
}

/// Levenshtein distance, in characters.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (row[j + 1] + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::settings::Settings;
    use crate::pipeline::spec::SpecText;

    const HEAD: &str = "## Errors\n\n| Error Code | Description |\n| --- | --- |\n";

    fn drift(en: &str, zh: &str) -> Drift {
        let spec = SpecText::new("en.md", format!("{HEAD}{en}")).with_translation(
            "zh",
            "zh.md",
            format!("{HEAD}{zh}"),
        );
        crate::pipeline::read(spec, &Settings::default())
            .unwrap()
            .drift()
    }

    #[test]
    fn a_typo_and_a_rename_are_paired_and_the_rest_listed() {
        let d = drift(
            "| FFailedOperation.ParentIdNoFound | a |\n| Kept | b |\n| UnsupportedMethod | c |\n| Tail | d |\n| OnlyEn | e |\n",
            "| FailedOperation.ParentIdNoFound | 甲 |\n| Kept | 乙 |\n| UnsupportedProtocol | 丙 |\n| Tail | 丁 |\n",
        );
        let codes: Vec<(&str, &str)> = d
            .findings
            .iter()
            .map(|f| (f.code.as_str(), f.at.as_str()))
            .collect();
        assert_eq!(
            codes,
            [
                ("FFailedOperation.ParentIdNoFound", "en.md:5"),
                ("FailedOperation.ParentIdNoFound", "zh.md:5"),
                ("UnsupportedMethod", "en.md:7"),
                ("UnsupportedProtocol", "zh.md:7"),
                ("OnlyEn", "en.md:9"),
            ]
        );
        assert_eq!(d.findings[1].listed_in, ["zh"]);
        assert_eq!(d.findings[1].missing_from, ["en"]);
        let pairs: Vec<(usize, usize, &[Likeness])> = d
            .near_misses
            .iter()
            .map(|m| (m.first, m.second, m.likeness.as_slice()))
            .collect();
        assert_eq!(
            pairs,
            [
                (0, 1, &[Likeness::Spelling, Likeness::SamePlace][..]),
                (2, 3, &[Likeness::SamePlace][..])
            ]
        );
        let markdown = d.to_markdown("en.md");
        assert!(markdown.contains(
            "- `FFailedOperation.ParentIdNoFound` (en, en.md:5) ↔ `FailedOperation.ParentIdNoFound` (zh, zh.md:5): spelled alike, at the same place"
        ), "{markdown}");
        assert!(
            markdown.contains("| `OnlyEn` |  | en | zh | en.md:9 |"),
            "{markdown}"
        );
    }

    #[test]
    fn spelling_pairs_rows_at_different_places() {
        let d = drift(
            "| InvalidParameter.Nam | a |\n| Kept | b |\n",
            "| Kept | 乙 |\n| Other.Thing | 丙 |\n| InvalidParameter.Name | 甲 |\n",
        );
        let spelled: Vec<(&str, &str)> = d
            .near_misses
            .iter()
            .filter(|m| m.likeness == [Likeness::Spelling])
            .map(|m| {
                (
                    d.findings[m.first].code.as_str(),
                    d.findings[m.second].code.as_str(),
                )
            })
            .collect();
        assert_eq!(spelled, [("InvalidParameter.Nam", "InvalidParameter.Name")]);
        assert!(d.near_misses.iter().all(
            |m| d.findings[m.first].code != "Other.Thing" || m.likeness != [Likeness::Spelling]
        ));
    }

    #[test]
    fn a_long_code_two_letters_longer_is_spelled_alike() {
        let d = drift(
            "| Kept | b |\n| GroupNameDuplicate | a |\n",
            "| GroupNameDuplicateXY | 甲 |\n| Kept | 乙 |\n",
        );
        assert_eq!(d.near_misses.len(), 1, "{:?}", d.near_misses);
        assert_eq!(d.near_misses[0].likeness, [Likeness::Spelling]);
    }

    #[test]
    fn same_place_pairing_stops_past_its_budget_of_rows() {
        let spec = SpecText::new(
            "en.md",
            format!("{HEAD}| Head | a |\n| EnOnly | b |\n| Tail | c |\n"),
        )
        .with_translation(
            "zh",
            "zh.md",
            format!("{HEAD}| Head | 甲 |\n| ZhOnly | 乙 |\n| Tail | 丙 |\n"),
        );
        let model = crate::pipeline::read(spec, &Settings::default())
            .unwrap()
            .model;
        let lacking = lacking(&model);
        assert_eq!((model.errors.len(), lacking.len()), (4, 2));
        // One pair of edition sets costs one pass over the 4 rows.
        assert_eq!(same_place(&model, &lacking, 4).len(), 1);
        assert!(same_place(&model, &lacking, 3).is_empty());
    }

    #[test]
    fn a_gap_of_unequal_sides_pairs_nothing() {
        let d = drift(
            "| Head | a |\n| FirstHere | b |\n| SecondHere | c |\n| Tail | d |\n",
            "| Head | 甲 |\n| OnlyThere | 乙 |\n| Tail | 丁 |\n",
        );
        assert_eq!(d.findings.len(), 3);
        assert!(d.near_misses.is_empty(), "{:?}", d.near_misses);
    }

    #[test]
    fn editions_that_agree_have_no_drift() {
        let d = drift("| A | a |\n", "| A | 甲 |\n");
        assert!(d.findings.is_empty() && d.near_misses.is_empty());
        assert!(d
            .to_markdown("en.md")
            .contains("Every edition (en, zh) lists the same rows."));
    }

    #[test]
    fn the_banded_distance_agrees_with_the_full_one() {
        let words = [
            "",
            "a",
            "ab",
            "ba",
            "abc",
            "FFailed",
            "Failed",
            "kitten",
            "sitting",
            "错误",
            "错",
            "InvalidParameter.Nam",
            "InvalidParameter.Name",
            "xyz",
            "abcd",
            "acbd",
        ];
        for a in words {
            for b in words {
                for k in 0..3 {
                    assert_eq!(
                        within_distance(a, b, k),
                        edit_distance(a, b) <= k,
                        "{a:?} {b:?} {k}"
                    );
                }
            }
        }
    }

    #[test]
    fn many_disjoint_findings_are_paired_in_one_pass() {
        let en: String = (0..20_000)
            .map(|i| format!("| EnOnly{i} | a |\n"))
            .collect();
        let zh: String = (0..20_000)
            .map(|i| format!("| ZhOnly{i} | 甲 |\n"))
            .collect();
        let d = drift(&en, &zh);
        assert_eq!(d.findings.len(), 40_000);
        // One gap of 20,000 a side: paired one for one, in one pass.
        assert_eq!(d.near_misses.len(), 20_000);
    }

    #[test]
    fn edit_distance_counts_edits() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "ab"), 2);
        assert_eq!(edit_distance("FFailed", "Failed"), 1);
        assert_eq!(edit_distance("错误", "错"), 1);
    }
}
