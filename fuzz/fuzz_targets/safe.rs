#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| quiz_fuzz::safe(data));
