//! `ErrorResponse::from_xml` on any bytes; never a panic, and round-trips what it accepts.
#![no_main]

include!("../checks/xml_body.rs");

libfuzzer_sys::fuzz_target!(|data: &[u8]| check_body(data));
