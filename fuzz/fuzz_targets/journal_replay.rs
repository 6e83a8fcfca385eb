//! Any lines as a meeting's journal: each line read on its own (a damaged
//! one skipped), and the session replayed from what was read, with
//! corrections, never panics.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let entries: Vec<gavel::journal::Entry> = text
        .lines()
        .enumerate()
        .filter_map(|(k, l)| {
            let mut e: gavel::journal::Entry = serde_json::from_str(l).ok()?;
            if e.id.is_empty() {
                e.id = format!("line-{}", k + 1);
            }
            Some(e)
        })
        .collect();
    let session = gavel::journal::Session::replay(&entries, None);
    let _ = gavel::journal::effective(&entries);
    for id in session.items.keys() {
        let _ = session.status(id);
        let _ = session.used(id, 0);
    }
    let _ = gavel::journal::join(text, text);
});
