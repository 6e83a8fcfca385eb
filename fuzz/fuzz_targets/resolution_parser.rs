//! Any text as a resolution file: the parser never panics, and what it reads
//! without errors writes back and reads again to the same resolution.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let parsed = gavel::resolution::parse(text, std::path::Path::new("fuzz.txt"));
    if let Some(res) = parsed.resolution.filter(|_| parsed.diagnostics.iter().all(|d| !d.is_error())) {
        let written = gavel::resolution::write::to_text(&res);
        let again = gavel::resolution::parse(&written, std::path::Path::new("fuzz.txt"));
        let back = again.resolution.expect("what gavel writes, it reads");
        assert_eq!(gavel::resolution::write::to_text(&back), written, "writing is stable");
    }
});
