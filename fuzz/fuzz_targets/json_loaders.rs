//! Any text as each of gavel's JSON files: every loader returns findings,
//! never panics, never overflows its stack, and every finding is located
//! inside the text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fn check<T: serde::de::DeserializeOwned>(text: &str) {
    let f = gavel::json::parse::<T>(text, std::path::Path::new("fuzz.json"));
    let lines = text.lines().count().max(1) as u32 + 1;
    for d in &f.diagnostics {
        assert!(d.line >= 1 && d.line <= lines, "{d:?}");
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    check::<gavel::group::WorkingGroup>(text);
    check::<gavel::group::Meeting>(text);
    check::<gavel::group::ProposalFile>(text);
});
