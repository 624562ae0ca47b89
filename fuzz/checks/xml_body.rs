// The property the `xml_body` fuzz target checks, shared with the corpus
// replay test (`tests/fuzz_corpus.rs`): any bytes are either refused with an
// offset inside the body, or parsed into a body that survives `to_xml`.

/// Checks one input; panics (so the fuzzer reports it) when the property fails.
pub fn check_body(data: &[u8]) {
    use ci_errors::ErrorResponse;

    match ErrorResponse::from_xml(data) {
        Err(e) => assert!(e.offset() <= data.len().max(64 * 1024), "{e} beyond {}", data.len()),
        Ok(parsed) => {
            let again = ErrorResponse::from_xml(parsed.to_xml().as_bytes()).expect("to_xml output parses");
            assert_eq!(again, parsed);
        }
    }
}
