//! Code look-up for generated enums: an open-addressing hash table over the
//! generated code table, built on first use.
//!
//! Why not a `match` on byte strings: at 10,000 codes it is about a tenth of
//! a crate's build. Why not a table rustc builds at compile time: hashing
//! 10,000 names in const evaluation costs more than half a second of every
//! cold build. Built at run time it costs microseconds, once, and the
//! generated file holds no positions that a new code would shift.

use std::sync::OnceLock;

use crate::code::CodeInfo;

/// For generated code: the look-up table of one generated code table.
#[doc(hidden)]
#[derive(Debug)]
pub struct CodeIndex {
    slots: OnceLock<Slots>,
}

/// A power-of-two table, at most a quarter full, of entry indices.
#[derive(Debug)]
struct Slots {
    /// `EMPTY` or an index into the code table.
    slots: Box<[u32]>,
    /// How far to shift a hash right to get a slot (64 minus log2 of the size).
    shift: u32,
}

const EMPTY: u32 = u32::MAX;

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
        let index = self.slots.get_or_init(|| Slots::build(table));
        let mask = index.slots.len() - 1;
        let mut slot = (hash(code.as_bytes()) >> index.shift) as usize;
        loop {
            let entry = *index.slots.get(slot)?;
            if entry == EMPTY {
                return None;
            }
            let info = table.get(entry as usize)?;
            if same(info.name.as_bytes(), code.as_bytes()) {
                return Some(entry as usize);
            }
            slot = (slot + 1) & mask;
        }
    }
}

impl Slots {
    fn build(table: &[CodeInfo]) -> Self {
        // At most a quarter full, so that a miss meets an empty slot at once,
        // mostly (a half-full table made misses 1.5× slower); at least 4 slots.
        let size = (table.len().max(1) * 4).next_power_of_two();
        let shift = 64 - size.trailing_zeros();
        let mut slots = vec![EMPTY; size].into_boxed_slice();
        let mask = size - 1;
        // A table over `u32::MAX` entries cannot be a generated one; the rest are left out.
        for (i, info) in table.iter().enumerate().take(EMPTY as usize) {
            let mut slot = (hash(info.name.as_bytes()) >> shift) as usize;
            while slots[slot] != EMPTY {
                slot = (slot + 1) & mask;
            }
            slots[slot] = i as u32;
        }
        Slots { slots, shift }
    }
}

/// A fast hash of a short string: its length and three overlapping
/// eight-byte words (first, middle, last), folded by one wide multiply
/// whose high bits pick the slot. Fixed, not seeded: the keys are the
/// spec's, and a probe for any string stops at the first empty slot of a
/// table at most a quarter full. Strings that agree on those words only share a
/// probe sequence; they are still told apart by comparing them whole.
#[inline]
fn hash(bytes: &[u8]) -> u64 {
    let len = bytes.len();
    let (first, middle, last) = if len >= 8 {
        let mid = len / 2 - 4;
        (word(bytes, 0), word(bytes, mid), word(bytes, len - 8))
    } else if len >= 4 {
        let quarter = |at: usize| {
            let mut w = [0u8; 4];
            w.copy_from_slice(&bytes[at..at + 4]);
            u64::from(u32::from_le_bytes(w))
        };
        (quarter(0), 0, quarter(len - 4))
    } else if len > 0 {
        let b = |at: usize| u64::from(bytes[at]);
        (b(0) | b(len / 2) << 8 | b(len - 1) << 16, 0, 0)
    } else {
        (0, 0, 0)
    };
    let x = (first ^ middle.rotate_left(29) ^ 0x243F_6A88_85A3_08D3) as u128;
    let y = (last ^ (len as u64) ^ 0x9E37_79B9_7F4A_7C15) as u128;
    let folded = x * y;
    (folded as u64) ^ ((folded >> 64) as u64)
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

    #[test]
    fn an_empty_table_finds_nothing() {
        let index = CodeIndex::new();
        assert_eq!(index.find(&[], "x"), None);
        assert_eq!(index.find(&[], ""), None);
    }
}
