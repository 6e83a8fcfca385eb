//! Any two texts (the input split at its first NUL byte) compared word by
//! word and paragraph by paragraph: never a panic, and the invariants of the
//! tracked changes hold. Leaving out the inserted pieces gives the old text
//! and leaving out the deleted ones the new (word diff); every paragraph of
//! each side comes back (text diff), and no mark holds a line break.
#![no_main]
use std::time::Duration;

use gavel::redline::text::{diff_texts, paragraphs};
use gavel::redline::{PieceKind, diff_words, new_text, old_text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (old, new) = text.split_once('\0').unwrap_or((text, ""));

    let d = diff_words(old, new, None);
    assert_eq!(old_text(&d.pieces), old);
    assert_eq!(new_text(&d.pieces), new);

    let t = diff_texts(old, new, Duration::from_secs(5));
    let news: Vec<String> =
        t.blocks.iter().filter(|b| b.status != gavel::redline::doc::Status::Deleted).map(|b| new_text(&b.pieces)).collect();
    assert_eq!(news, paragraphs(new));
    let mut olds: Vec<String> =
        t.blocks.iter().filter(|b| b.status != gavel::redline::doc::Status::Inserted).map(|b| old_text(&b.pieces)).collect();
    let mut want: Vec<String> = paragraphs(old).into_iter().map(|p| p.into_owned()).collect();
    olds.sort();
    want.sort();
    assert_eq!(olds, want);
    for b in &t.blocks {
        for p in &b.pieces {
            assert!(p.kind == PieceKind::Same || !p.text.contains('\n'), "a mark holds a line break");
        }
    }
});
