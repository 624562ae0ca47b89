//! The fingerprints of the spec files a checked-in generated file came from,
//! kept beside it (`errors.rs` → `errors.fingerprints`), so that a build
//! without the generator can tell, cheaply, that the checked-in code still
//! matches its spec.
//!
//! Self-contained on purpose: the build script `init` writes (and
//! `ci-errors`' own, the same) embeds this module, to check fingerprints
//! when the generator is not compiled.

/// The line that records one input: `Input: <name> fnv1a64:<16 hex digits>`.
pub const INPUT_PREFIX: &str = "Input: ";

/// FNV-1a (64-bit) of `text` with every `\r\n` read as `\n`, so that a CRLF
/// checkout of the same spec has the same fingerprint.
pub fn fingerprint(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let bytes = text.as_bytes();
    for (i, &byte) in bytes.iter().enumerate() {
        if byte == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
            continue;
        }
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("fnv1a64:{hash:016x}")
}

/// The line for input `name` with contents `text`.
pub fn input_line(name: &str, text: &str) -> String {
    format!("{INPUT_PREFIX}{name} {}", fingerprint(text))
}

/// The `(name, fingerprint)` pairs a fingerprint file records.
pub fn recorded_inputs(fingerprints: &str) -> Vec<(&str, &str)> {
    fingerprints
        .lines()
        .filter_map(|line| line.trim_end_matches('\r').strip_prefix(INPUT_PREFIX))
        .filter_map(|rest| rest.rsplit_once(' '))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_read_back_whatever_the_line_ends() {
        let file = format!(
            "{}\r\n{}\n",
            input_line("a b.md", "x\n"),
            input_line("c.md", "y")
        );
        let read = recorded_inputs(&file);
        assert_eq!(read.len(), 2);
        assert_eq!(read[0], ("a b.md", fingerprint("x\r\n").as_str()));
        assert_eq!(read[1], ("c.md", fingerprint("y").as_str()));
        assert_ne!(fingerprint("x"), fingerprint("y"));
    }
}
