//! Any text as a reference to a provision (`23 b)`, `preamble 5`, `IX`):
//! reading it never panics, and what it reads writes back and reads again
//! to the same reference.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(r) = text.parse::<gavel::resolution::ParagraphRef>() {
        let written = r.to_string();
        let back: gavel::resolution::ParagraphRef = written.parse().expect("what gavel writes, it reads");
        assert_eq!(back, r);
        let _ = r.describe();
    }
    let _ = text.parse::<gavel::resolution::ResolutionName>();
});
