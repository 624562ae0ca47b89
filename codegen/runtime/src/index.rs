//! Code look-up for generated enums: an open-addressing hash table over the
//! generated code table, built on first use.
//!
//! Why not a `match` on byte strings: at 10,000 codes it is about a tenth of
//! a crate's build. Why not a table rustc builds at compile time: hashing
//! 10,000 names in const evaluation costs more than half a second of every
//! cold build. Built at run time it costs microseconds, once, and the
//! generated file holds no positions that a new code would shift.
//!
//! The worst case is bounded: the hash reads every byte, a table whose
//! longest run of filled slots exceeds [`MAX_RUN`] is built again with the
//! next seed, and if every seed fails (names made to collide) the look-up
//! becomes a binary search over the names sorted.

use std::sync::OnceLock;

use crate::code::CodeInfo;

/// For generated code: the look-up table of one generated code table.
#[doc(hidden)]
#[derive(Debug)]
pub struct CodeIndex {
    slots: OnceLock<Lookup>,
}

/// How a built index finds a name.
#[derive(Debug)]
enum Lookup {
    /// The hash table: the usual case.
    Hashed(Slots),
    /// Entry indices in name order, for names no seed spreads.
    Sorted(Box<[u32]>),
}

/// A power-of-two table, at most a quarter full, of entry indices.
#[derive(Debug)]
struct Slots {
    /// `EMPTY` or an index into the code table.
    slots: Box<[u32]>,
    /// How far to shift a hash right to get a slot (64 minus log2 of the size).
    shift: u32,
    /// The hash's seed, the first of [`SEEDS`] that kept every run short.
    seed: u64,
    /// The longest name: anything longer misses without hashing.
    longest: usize,
}

const EMPTY: u32 = u32::MAX;

/// The longest run of filled slots a table may have, and so the most
/// names a hit or a miss compares: at a quarter full, well-spread names
/// make runs of a dozen at 50,000 codes.
const MAX_RUN: usize = 64;

/// The seeds tried in turn (digits of π): a fixed hash keeps look-ups the
/// same on every machine and run.
const SEEDS: [u64; 4] = [
    0x243F_6A88_85A3_08D3,
    0x1319_8A2E_0370_7344,
    0xA409_3822_299F_31D0,
    0x082E_FA98_EC4E_6C89,
];

impl CodeIndex {
    /// An index not yet built.
    #[allow(clippy::new_without_default)] // a `static`'s initializer must be `const`
    pub const fn new() -> Self {
        CodeIndex {
            slots: OnceLock::new(),
        }
    }

    /// The index in `table` of the code named exactly `code`, if there is
    /// one. A generated enum passes its own table, always the same one.
    #[inline]
    pub fn find(&self, table: &[CodeInfo], code: &str) -> Option<usize> {
        match self.slots.get_or_init(|| Lookup::build(table)) {
            Lookup::Hashed(slots) => slots.find(table, code.as_bytes()),
            Lookup::Sorted(sorted) => {
                let at = sorted
                    .binary_search_by(|&i| {
                        let name = table.get(i as usize).map_or("", |info| info.name);
                        name.as_bytes().cmp(code.as_bytes())
                    })
                    .ok()?;
                Some(sorted[at] as usize)
            }
        }
    }
}

impl Lookup {
    fn build(table: &[CodeInfo]) -> Self {
        // A table over `u32::MAX` entries cannot be a generated one; the rest are left out.
        let table = &table[..table.len().min(EMPTY as usize)];
        for seed in SEEDS {
            if let Some(slots) = Slots::build(table, seed) {
                return Lookup::Hashed(slots);
            }
        }
        let mut sorted: Vec<u32> = (0..table.len() as u32).collect();
        sorted.sort_by(|&a, &b| table[a as usize].name.cmp(table[b as usize].name));
        Lookup::Sorted(sorted.into_boxed_slice())
    }
}

impl Slots {
    /// The table of `table` under `seed`, or `None` when a run of filled
    /// slots is longer than [`MAX_RUN`].
    fn build(table: &[CodeInfo], seed: u64) -> Option<Self> {
        // At most a quarter full, so that a miss meets an empty slot at once,
        // mostly (a half-full table made misses 1.5× slower); at least 4 slots.
        let size = (table.len().max(1) * 4).next_power_of_two();
        let shift = 64 - size.trailing_zeros();
        let mut slots = vec![EMPTY; size].into_boxed_slice();
        let mask = size - 1;
        let mut longest = 0;
        for (i, info) in table.iter().enumerate() {
            let mut slot = (hash(info.name.as_bytes(), seed) >> shift) as usize;
            while slots[slot] != EMPTY {
                slot = (slot + 1) & mask;
            }
            slots[slot] = i as u32;
            longest = longest.max(info.name.len());
        }
        (longest_run(&slots) <= MAX_RUN).then_some(Slots {
            slots,
            shift,
            seed,
            longest,
        })
    }

    #[inline]
    fn find(&self, table: &[CodeInfo], code: &[u8]) -> Option<usize> {
        if code.len() > self.longest {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut slot = (hash(code, self.seed) >> self.shift) as usize;
        loop {
            let entry = *self.slots.get(slot)?;
            if entry == EMPTY {
                return None;
            }
            let info = table.get(entry as usize)?;
            if same(info.name.as_bytes(), code) {
                return Some(entry as usize);
            }
            slot = (slot + 1) & mask;
        }
    }
}

/// The longest run of filled slots, wrapping around the end (a table is
/// never full: at most a quarter of it is).
fn longest_run(slots: &[u32]) -> usize {
    let Some(first_empty) = slots.iter().position(|&s| s == EMPTY) else {
        return slots.len();
    };
    let (mut longest, mut run) = (0, 0);
    for i in 1..=slots.len() {
        if slots[(first_empty + i) % slots.len()] == EMPTY {
            run = 0;
        } else {
            run += 1;
            longest = longest.max(run);
        }
    }
    longest
}

/// A fast hash of every byte of a short string: eight bytes at a time (the
/// last word overlapping the one before, as no partial word is copied),
/// each mixed in by one 64-bit multiply and a rotation, the whole folded by
/// one wide multiply whose high bits pick the slot. Fixed per seed, not
/// random: the keys are the spec's, and the table is checked for long runs
/// when it is built.
#[inline]
fn hash(bytes: &[u8], seed: u64) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mix = |h: u64, w: u64| (h ^ w).wrapping_mul(K).rotate_left(29);
    let len = bytes.len();
    let mut h = seed ^ len as u64;
    if len >= 8 {
        let mut at = 0;
        while at + 8 < len {
            h = mix(h, word(bytes, at));
            at += 8;
        }
        h = mix(h, word(bytes, len - 8));
    } else if len >= 4 {
        let quarter = |at: usize| {
            let mut w = [0u8; 4];
            w.copy_from_slice(&bytes[at..at + 4]);
            u64::from(u32::from_le_bytes(w))
        };
        h = mix(h, quarter(0) | quarter(len - 4) << 32);
    } else if len > 0 {
        let b = |at: usize| u64::from(bytes[at]);
        h = mix(h, b(0) | b(len / 2) << 8 | b(len - 1) << 16);
    }
    fold(h, K ^ seed)
}

/// The two halves of the 128-bit product of `x` and `k`, xored.
#[inline]
fn fold(x: u64, k: u64) -> u64 {
    let product = u128::from(x) * u128::from(k);
    (product as u64) ^ ((product >> 64) as u64)
}

/// Whether `a` and `b` are the same bytes, eight at a time (the last
/// word overlapping): for strings of a code's length that is cheaper than
/// a call to `memcmp`.
#[inline]
fn same(a: &[u8], b: &[u8]) -> bool {
    let len = a.len();
    if len != b.len() {
        return false;
    }
    if len < 8 {
        return a == b;
    }
    let mut at = 0;
    while at + 8 < len {
        if word(a, at) != word(b, at) {
            return false;
        }
        at += 8;
    }
    word(a, len - 8) == word(b, len - 8)
}

/// The eight bytes of `bytes` at `at`, which the caller keeps in bounds.
#[inline]
fn word(bytes: &[u8], at: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(names: &[&'static str]) -> Vec<CodeInfo> {
        names
            .iter()
            .map(|name| CodeInfo {
                variant: name,
                name,
                rows: 1,
                value: None,
                retry: None,
                listed_in: 1,
            })
            .collect()
    }

    #[test]
    fn every_name_is_found_and_nothing_else() {
        let names: Vec<&'static str> = (0..5000)
            .map(|i| &*Box::leak(format!("Category{}.Reason{i}", i % 7).into_boxed_str()))
            .chain(["", "a", "Busy", "exactly8", "exactly16bytes!!"])
            .collect();
        let table = table(&names);
        let index = CodeIndex::new();
        for (i, name) in names.iter().enumerate() {
            assert_eq!(index.find(&table, name), Some(i), "{name:?}");
        }
        for miss in ["busy", "Bus", "BusyX", "Category0.Reason1", "exactly9"] {
            assert_eq!(index.find(&table, miss), None, "{miss:?}");
        }
    }

    /// Names that agree on their length and on their first, middle and
    /// last eight bytes (which the first hash read) are spread like any.
    #[test]
    fn names_alike_but_for_inner_bytes_make_short_runs() {
        let names: Vec<&'static str> = (0..20_000)
            .map(|i| {
                &*Box::leak(
                    format!("Prefix00.{i:05}.Middle00Middle00.{i:05}.Suffix00").into_boxed_str(),
                )
            })
            .collect();
        let table = table(&names);
        let Lookup::Hashed(slots) = Lookup::build(&table) else {
            panic!("well-spread names fell back to the sorted look-up");
        };
        assert!(longest_run(&slots.slots) <= MAX_RUN);
        let index = CodeIndex::new();
        for (i, name) in names.iter().enumerate() {
            assert_eq!(index.find(&table, name), Some(i));
        }
        assert_eq!(
            index.find(&table, "Prefix00.00000.Middle00Middle00.00001.Suffix00"),
            None
        );
    }

    /// Short names, which the hash reads in two overlapping halves or three
    /// bytes, are spread too: 10,000 of seven bytes alike in their first
    /// four, every name of one or two letters, and of three that differ in
    /// their last two.
    #[test]
    fn short_names_make_short_runs() {
        let letters = (b'A'..=b'Z').chain(b'a'..=b'z').map(char::from);
        let names: Vec<&'static str> = (0..10_000)
            .map(|i| format!("Err{i:04}"))
            .chain(letters.clone().map(String::from))
            .chain(
                letters
                    .clone()
                    .flat_map(|a| letters.clone().map(move |b| format!("{a}{b}"))),
            )
            .chain(
                letters
                    .clone()
                    .flat_map(|a| letters.clone().map(move |b| format!("E{a}{b}"))),
            )
            .map(|name| &*Box::leak(name.into_boxed_str()))
            .collect();
        let table = table(&names);
        let Lookup::Hashed(slots) = Lookup::build(&table) else {
            panic!("well-spread short names fell back to the sorted look-up");
        };
        assert!(longest_run(&slots.slots) <= MAX_RUN);
    }

    /// Where no seed keeps the runs short, the look-up is a binary search,
    /// still exact.
    #[test]
    fn the_sorted_look_up_finds_every_name_and_nothing_else() {
        let names: Vec<&'static str> = ["b", "a", "cc", "", "abcdefghijk", "abcdefghijj"].to_vec();
        let table = table(&names);
        let mut sorted: Vec<u32> = (0..names.len() as u32).collect();
        sorted.sort_by_key(|&i| names[i as usize]);
        let index = CodeIndex {
            slots: OnceLock::from(Lookup::Sorted(sorted.into_boxed_slice())),
        };
        for (i, name) in names.iter().enumerate() {
            assert_eq!(index.find(&table, name), Some(i), "{name:?}");
        }
        for miss in ["c", "abcdefghijl", "aa", "B"] {
            assert_eq!(index.find(&table, miss), None, "{miss:?}");
        }
    }

    #[test]
    fn runs_are_measured_around_the_end() {
        let e = EMPTY;
        assert_eq!(longest_run(&[1, e, 2, 3, e, 4]), 2);
        assert_eq!(longest_run(&[1, 2, e, e, 3, 4]), 4);
        assert_eq!(longest_run(&[e, e]), 0);
        assert_eq!(longest_run(&[1, 2]), 2);
    }

    #[test]
    fn a_name_longer_than_any_misses_and_words_past_eight_bytes_count() {
        let names = ["0123456789abcdef-tail"];
        let table = table(&names);
        let index = CodeIndex::new();
        assert_eq!(index.find(&table, names[0]), Some(0));
        assert_eq!(index.find(&table, "0123456789abcdef-tail!"), None);
        assert_eq!(index.find(&table, "0123456789abcdeX-tail"), None);
        assert_eq!(index.find(&table, "0123456789Xbcdef-tail"), None);
        assert!(same(b"0123456789abcdef-tail", b"0123456789abcdef-tail"));
        assert!(!same(b"0123456789abcdef-tail", b"0123456789abcdeX-tail"));
        assert!(!same(b"X123456789abcdef-tail", b"0123456789abcdef-tail"));
    }

    #[test]
    fn an_empty_table_finds_nothing() {
        let index = CodeIndex::new();
        assert_eq!(index.find(&[], "x"), None);
        assert_eq!(index.find(&[], ""), None);
    }
}
