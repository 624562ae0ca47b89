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

/// A power-of-two table, at most half full, of entry indices.
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
            if info.name == code {
                return Some(entry as usize);
            }
            slot = (slot + 1) & mask;
        }
    }
}

impl Slots {
    fn build(table: &[CodeInfo]) -> Self {
        // At most half full, so that a miss meets an empty slot soon; at least 2.
        let size = (table.len().max(1) * 2).next_power_of_two();
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

/// A fast multiplicative hash, eight bytes at a time; its high bits pick
/// the slot. Fixed, not seeded: the keys are the spec's, not an attacker's,
/// and a probe for any string stops at the first empty slot of a table at
/// most half full.
#[inline]
fn hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h = (bytes.len() as u64).wrapping_mul(K);
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        h = (h.rotate_left(23) ^ u64::from_le_bytes(word)).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut word = [0u8; 8];
        word[..rest.len()].copy_from_slice(rest);
        h = (h.rotate_left(23) ^ u64::from_le_bytes(word)).wrapping_mul(K);
    }
    h
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
            })
            .collect()
    }

    #[test]
    fn every_name_is_found_and_nothing_else() {
        let names: Vec<&'static str> = (0..5000)
            .map(|i| &*Box::leak(format!("Category{}.Reason{i}", i % 7).into_boxed_str()))
            .chain(["", "a", "SlowDown", "exactly8", "exactly16bytes!!"])
            .collect();
        let table = table(&names);
        let index = CodeIndex::new();
        for (i, name) in names.iter().enumerate() {
            assert_eq!(index.find(&table, name), Some(i), "{name:?}");
        }
        for miss in ["slowdown", "SlowDow", "SlowDownX", "Category0.Reason1", "exactly9"] {
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
