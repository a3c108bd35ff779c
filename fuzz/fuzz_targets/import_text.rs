#![no_main]
use quiz::formats::Kind;

libfuzzer_sys::fuzz_target!(|data: &[u8]| quiz_fuzz::importer(Kind::Text, data));
