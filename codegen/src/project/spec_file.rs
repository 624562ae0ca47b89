//! Reading a spec file as the generator does: a regular file (a link to
//! one is followed), at most [`MAX_SPEC_BYTES`], in UTF-8. A FIFO would
//! block a build forever and a device such as `/dev/zero` would never end,
//! so both are refused before they are opened.

use std::io::Read;
use std::path::Path;

use crate::error::Error;

/// The largest spec file read: far above any vendor's error page (the
/// largest seen is under 1 MiB), far below what would strain a build.
pub const MAX_SPEC_BYTES: u64 = 16 * 1024 * 1024;

/// The text of the spec file at `path`: refused when it is not a regular
/// file, is larger than [`MAX_SPEC_BYTES`], or is not UTF-8.
pub fn read_spec_file(path: impl AsRef<Path>) -> Result<String, Error> {
    let path = path.as_ref();
    let fail = |source: std::io::Error| Error::Io {
        path: path.to_owned(),
        source,
    };
    let metadata = std::fs::metadata(path).map_err(fail)?;
    if !metadata.is_file() {
        return Err(fail(invalid(
            "not a regular file (a directory, FIFO or device); a spec is read from a file",
        )));
    }
    let file = std::fs::File::open(path).map_err(fail)?;
    read_spec_from(file).map_err(fail)
}

/// A spec from `reader` (standard input, a file already open), as
/// [`read_spec_file`] reads one: at most [`MAX_SPEC_BYTES`], more being an
/// error rather than a truncated spec, in UTF-8.
pub fn read_spec_from(reader: impl Read) -> std::io::Result<String> {
    let mut bytes = Vec::new();
    reader.take(MAX_SPEC_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_SPEC_BYTES {
        return Err(invalid(&format!(
            "larger than {} MiB, the most a spec may be",
            MAX_SPEC_BYTES >> 20
        )));
    }
    String::from_utf8(bytes).map_err(|e| {
        invalid(&format!(
            "not UTF-8 (an invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
    })
}

fn invalid(message: &str) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, message.to_owned())
}
