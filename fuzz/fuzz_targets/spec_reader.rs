//! Markdown in, model or located errors out; never a panic.
#![no_main]

include!("../checks/spec_reader.rs");

libfuzzer_sys::fuzz_target!(|data: &[u8]| check_spec(data));
