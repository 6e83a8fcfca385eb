//! `gavel diff --text` on real documents: texts copied from PDFs (hard
//! wrapped, page headers, labels on lines of their own, footnotes at page
//! feet) against the resolution file, compared paragraph by paragraph.

mod common;

use std::path::Path;
use std::time::Duration;

use gavel::redline::doc::Status;
use gavel::redline::text::{TextDiff, diff_texts, paragraphs};
use gavel::redline::{new_text, old_text};

fn seed(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/seeds").join(name)).unwrap()
}

fn in_force() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("resolutions/conf-11.3.txt")).unwrap()
}

/// Lines `from..to` (1-based, `to` excluded) of a seed.
fn lines(text: &str, from: usize, to: usize) -> String {
    text.lines().skip(from - 1).take(to - from).collect::<Vec<_>>().join("\n")
}

fn count(d: &TextDiff, s: Status) -> usize {
    d.blocks.iter().filter(|b| b.status == s).count()
}

fn block_with<'a>(d: &'a TextDiff, words: &str) -> &'a gavel::redline::text::TextBlock {
    d.blocks
        .iter()
        .find(|b| new_text(&b.pieces).contains(words) || old_text(&b.pieces).contains(words))
        .unwrap_or_else(|| panic!("{words}"))
}

#[test]
fn the_annex_of_cop17_doc_25_against_the_text_in_force() {
    // Annex 2 of CoP17 Doc. 25: Rev. CoP16 with CoP17's proposals run together, hard wrapped from a PDF.
    let old = lines(&seed("003_6b40393e18054e70.txt"), 671, 1216);
    let d = diff_texts(&old, &in_force(), Duration::from_secs(3));
    assert!(d.paired_by_position == 0 && d.replaced_whole() == 0);
    for b in &d.blocks {
        assert!(b.pieces.iter().all(|p| !p.text.contains('\n')), "a mark never holds a line break");
        assert!(!old_text(&b.pieces).contains("CoP17 Doc. 25 – p."), "page headers are not text");
    }
    // A paragraph wrapped over five lines in the PDF pairs with its one line in the file, word changes within.
    let b = block_with(&d, "AWARE that there is considerable variability among Parties");
    assert_ne!(b.status, Status::Deleted);
    assert_ne!(b.status, Status::Inserted);
    // The title is the same words in both: never deleted and inserted again.
    assert_eq!(block_with(&d, "Compliance and enforcement").status, Status::Changed);
    // Paragraphs that moved are shown once, where they now stand.
    assert!(count(&d, Status::Moved) >= 11, "{} moved", count(&d, Status::Moved));
    let moved = block_with(&d, "RECALLING that Article VIII, paragraph 1, of the Convention");
    assert!(matches!(moved.status, Status::Moved | Status::Changed), "{:?}", moved.status);
    // A label on a line of its own takes its text: `n)` then a blank line then the words.
    let ps = paragraphs(&old);
    assert!(ps.iter().any(|p| p.starts_with("n) as appropriate, initiate intelligence-driven operations")), "{ps:#?}");
}

#[test]
fn the_annex_of_sc78_doc_37_against_the_text_in_force() {
    // The Annex as extracted: a paragraph a line with list markers, footnotes at page feet inside paragraphs.
    let old = seed("002_59fff69e1e92b3dc.txt").lines().skip(142).collect::<Vec<_>>().join("\n");
    let d = diff_texts(&old, &in_force(), Duration::from_secs(3));
    let (same, changed) = (count(&d, Status::Same), count(&d, Status::Changed));
    let (ins, del) = (count(&d, Status::Inserted), count(&d, Status::Deleted));
    // The text in force is the Annex less its proposals: almost all of it is the same.
    assert!(same >= 150 && ins + del <= 10, "same {same}, changed {changed}, inserted {ins}, deleted {del}");
    // A paragraph cut by a page break and a footnote is one paragraph again.
    let ps = paragraphs(&old);
    assert!(
        ps.iter()
            .any(|p| p.contains("museum and antique collection organizations") && p.contains("legal or accountancy accreditation bodies"))
    );
}

/// Two large texts that share no paragraph: the binary finishes, and its
/// output says the paragraphs were paired by position, and how many.
#[test]
fn the_output_says_when_large_texts_were_paired_by_position() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("old.txt"), tmp.path().join("new.txt"));
    let para = |i: usize, w: &str| format!("{w}{i} asks the Parties{i} to report{i} on measure{i}.\n");
    std::fs::write(&a, (0..2100).map(|i| para(i, "First")).collect::<String>()).unwrap();
    std::fs::write(&b, (0..2100).map(|i| format!("Another text altogether, {} of them{i}.\n", i * 7)).collect::<String>()).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gavel")).args(["diff", "--text"]).arg(&a).arg(&b).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("2100 paragraphs were paired by position"), "{}", &text[text.len().saturating_sub(400)..]);
}
