use super::*;
use crate::redline::wdiff;

fn all(d: &TextDiff) -> String {
    d.blocks.iter().map(|b| wdiff(&b.pieces)).collect::<Vec<_>>().join("\n")
}

#[test]
fn paragraphs_whatever_the_line_breaks() {
    let pdf = "Compliance and enforcement\n\
RECALLING that Article VIII, paragraph 1, of the Convention provides that the Parties\n\
shall take appropriate measures to enforce the provisions of the Convention and to\n\
prohibit trade in specimens in violation thereof;\n\
\n\
CoP17 Doc. 25 – p. 21\n\
\n\
k) consider the formation, at national level, of specialized wildlife units or teams\n\
that work across borders with the customs, the police and the other wildlife law-\n\
\n\
12\n\
\n\
enforcement agencies of the region, and share what they find with one another;\n\
n)\n\
\n\
as appropriate, initiate intelligence-driven operations at international level.\n";
    assert_eq!(
        paragraphs(pdf),
        [
            "Compliance and enforcement",
            "RECALLING that Article VIII, paragraph 1, of the Convention provides that the Parties shall take appropriate measures to enforce the provisions of the Convention and to prohibit trade in specimens in violation thereof;",
            "k) consider the formation, at national level, of specialized wildlife units or teams that work across borders with the customs, the police and the other wildlife law-enforcement agencies of the region, and share what they find with one another;",
            "n) as appropriate, initiate intelligence-driven operations at international level.",
        ]
    );
    // A paragraph a line, as in a resolution file; list markers of an extraction are not text.
    assert_eq!(paragraphs("- 1. AGREES that:\n - a) first;\n\n[^1]: A note.\n"), ["1. AGREES that:", "a) first;", "[^1]: A note."]);
}

#[test]
fn edited_and_inserted_paragraphs_and_no_mark_holds_a_line_break() {
    let old = "one line\nsecond line here\nthird\n";
    let new = "one line\nsecond line there\ninserted\nthird";
    let d = diff_texts(old, new, Duration::from_secs(5));
    assert_eq!(all(&d), "one line\nsecond line[- here-]{+ there+}\n{+inserted+}\nthird");
    assert!(d.blocks.iter().flat_map(|b| &b.pieces).all(|p| !p.text.contains('\n')));
}

#[test]
fn an_edited_paragraph_pairs_with_its_old_version_among_insertions() {
    let old = "alpha beta gamma delta epsilon.\nzeta eta theta iota kappa.\n";
    let new = "new first line.\nalpha beta GAMMA delta epsilon.\nanother new line.\nzeta eta theta iota kappa.\n";
    let d = diff_texts(old, new, Duration::from_secs(5));
    let statuses: Vec<Status> = d.blocks.iter().map(|b| b.status).collect();
    assert_eq!(statuses, [Status::Inserted, Status::Changed, Status::Inserted, Status::Same]);
}

#[test]
fn blank_lines_do_not_steer_the_alignment() {
    let old = "Compliance and enforcement\n\n\nFirst paragraph of the text.\n";
    let new = "Compliance and enforcement\nFirst paragraph of the text.\n";
    let d = diff_texts(old, new, Duration::from_secs(5));
    assert!(d.blocks.iter().all(|b| b.status == Status::Same), "{:?}", d.blocks);
}

#[test]
fn a_moved_paragraph_is_shown_once_where_it_now_stands() {
    let old = "Alpha paragraph stays here.\nBeta paragraph will move to the end of the text.\nGamma paragraph stays too.\nDelta paragraph stays as well.\n";
    let new = "Alpha paragraph stays here.\nGamma paragraph stays too.\nDelta paragraph stays as well.\nBeta paragraph will move to the very end of the text.\n";
    let d = diff_texts(old, new, Duration::from_secs(5));
    assert_eq!(d.blocks.len(), 4);
    let last = d.blocks.last().unwrap();
    assert_eq!(last.status, Status::Moved);
    assert_eq!(wdiff(&last.pieces), "Beta paragraph will move to the {+very +}end of the text.");
    assert!(!d.blocks.iter().any(|b| b.status == Status::Deleted));
}

#[test]
fn lasting_texts_are_lent_not_copied_and_compare_the_same() {
    let old = "First paragraph, unchanged.\nSecond  paragraph with   odd spacing.\nThird one, edited here.\nGone.\n";
    let new = "First paragraph, unchanged.\nSecond paragraph with odd spacing.\nThird one, edited there.\nNew.\n";
    let lent = diff_lasting_texts_until(old, new, Instant::now() + Duration::from_secs(5));
    assert_eq!(lent, diff_texts(old, new, Duration::from_secs(5)));
    let borrowed = |b: &TextBlock| b.pieces.iter().all(|p| matches!(p.text, Cow::Borrowed(_)));
    // Paragraphs shown whole, as they stand in the text, are lent; one whose spacing was made single is not.
    assert!(borrowed(&lent.blocks[0]));
    assert!(!borrowed(&lent.blocks[1]));
    let alone: Vec<&TextBlock> = lent.blocks.iter().filter(|b| matches!(b.status, Status::Deleted | Status::Inserted)).collect();
    assert_eq!(alone.len(), 2);
    assert!(alone.into_iter().all(borrowed));
    assert_eq!(within(old, &new[..5]), None);
    assert_eq!(within(old, &old[6..15]), Some("paragraph"));
}

#[test]
fn unrelated_texts_finish_and_say_how() {
    let old: String = (0..3000).map(|i| format!("old paragraph number {i} with some words.\n")).collect();
    let new: String = (0..3000).map(|i| format!("entirely different {} text.\n", i * 7)).collect();
    let d = diff_texts(&old, &new, Duration::from_millis(50));
    let olds: Vec<String> = d.blocks.iter().filter(|b| b.status != Status::Inserted).map(|b| crate::redline::old_text(&b.pieces)).collect();
    assert_eq!(olds, paragraphs(&old));
}

/// Each way through the comparison, reached by an input made for it:
/// the count of each path goes up, and every paragraph compared word by
/// word carries the marks of the word diff itself (whose Myers is
/// checked against a plain dynamic-programming reference in `myers`).
#[test]
fn every_path_is_taken_and_agrees_with_the_word_diff() {
    use std::sync::atomic::Ordering;
    let count = || -> Vec<usize> { paths::TAKEN.iter().map(|c| c.load(Ordering::Relaxed)).collect() };
    // Paragraphs that share no word, so that none is similar to another.
    let para = |i: usize| {
        let w: Vec<String> =
            ["asks", "report", "measure", "within", "six", "months", "adoption", "Parties"].iter().map(|w| format!("{w}{i}")).collect();
        format!("{} the {} to {} on {} {} {} {} of its {}.", i, w[7], w[1], w[2], w[3], w[4], w[5], w[6])
    };
    let check = |old: &str, new: &str, want: &[usize]| {
        let before = count();
        let d = diff_texts(old, new, Duration::from_secs(30));
        let after = count();
        for &p in want {
            assert!(after[p] > before[p], "path {p} not taken");
        }
        for b in d.blocks.iter().filter(|b| matches!(b.status, Status::Changed | Status::Moved)) {
            let (o, n) = (crate::redline::old_text(&b.pieces), crate::redline::new_text(&b.pieces));
            assert_eq!(b.pieces, diff_words(&o, &n, None).pieces, "{o} -> {n}");
        }
    };
    // A small text: one grid; a paragraph moved as it was and one moved and edited; few changes.
    let small: Vec<String> = (0..40).map(para).collect();
    let mut moved = small.clone();
    let a = moved.remove(3);
    moved.push(a);
    let b = moved.remove(7).replacen("months", "weeks", 1);
    moved.insert(20, b);
    moved[30] = moved[30].replace("report", "write");
    check(&small.join("\n"), &moved.join("\n"), &[paths::WHOLE_GRID, paths::MOVED_SAME, paths::MOVED_SIMILAR, paths::WORDS_ONE_THREAD]);
    // Many edits: the word diffs on two threads.
    let edited: Vec<String> = small.iter().map(|p| p.replace("six", "three")).collect();
    check(&small.join("\n"), &edited.join("\n"), &[paths::WORDS_TWO_THREADS]);
    // A large text: anchored; edits in place, and a stretch where one paragraph is also inserted.
    let large: Vec<String> = (0..2100).map(para).collect();
    let mut changed = large.clone();
    for k in (5..2100).step_by(50) {
        // Both ends changed: no key of its own anchors it.
        changed[k] = format!("Furthermore, {} Noted.", changed[k]);
    }
    changed[1000] = format!("Also, {} Done.", changed[1000]);
    changed.insert(1001, "A new paragraph that nothing before it resembles at all.".to_string());
    check(
        &large.join("\n"),
        &changed.join("\n"),
        &[paths::ANCHORED, paths::STRETCH_IN_PLACE, paths::STRETCH_GRID, paths::STRETCHES_TWO_THREADS],
    );
    // A block inserted longer than the walk looks ahead: the anchors after it are searched for.
    let mut block = large.clone();
    for k in 0..40 {
        block.insert(700, format!("Inserted paragraph {k}, which says something of its own."));
    }
    check(&large.join("\n"), &block.join("\n"), &[paths::ANCHORED, paths::ANCHORS_SEARCHED]);
    let d = diff_texts(&large.join("\n"), &block.join("\n"), Duration::from_secs(30));
    let inserted: Vec<usize> = (0..d.blocks.len()).filter(|&k| d.blocks[k].status == Status::Inserted).collect();
    assert_eq!(inserted, (700..740).collect::<Vec<_>>());
    assert!(d.blocks.iter().all(|b| matches!(b.status, Status::Same | Status::Inserted)));
    // Two large texts that share nothing: paired by position, and said so.
    let other: Vec<String> = (0..2100).map(|i| format!("{} is another text altogether, number {i}.", i * 7)).collect();
    let before = count()[paths::BY_POSITION];
    let d = diff_texts(&large.join("\n"), &other.join("\n"), Duration::from_secs(30));
    assert!(count()[paths::BY_POSITION] > before);
    assert_eq!(d.paired_by_position, 2100);
}
