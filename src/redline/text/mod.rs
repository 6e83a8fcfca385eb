//! Comparing two plain texts of any size, paragraph by paragraph.
//!
//! Texts are read as paragraphs first ([`paragraphs`]), whatever their line
//! breaks: a text copied from a PDF is hard-wrapped, has page headers and
//! footers between the lines of a paragraph, and labels on lines of their
//! own; a resolution file has a paragraph a line. Paragraphs are aligned
//! with Myers' algorithm where two paragraphs "match" when they are the same
//! or similar (most of their words shared), so that a lightly edited
//! paragraph pairs with its old version however many paragraphs changed.
//! A paragraph deleted in one place and inserted, the same or similar, in
//! another has moved: it is shown once, where it now stands, with its own
//! word changes. Blank lines only separate paragraphs; they never take part
//! in the alignment. The alignment and every word diff have a time budget:
//! if the alignment runs out, paragraphs are paired by position (the result
//! says so); a paragraph whose word diff runs out is shown replaced whole.

use std::borrow::Cow;
use std::collections::HashMap;
use std::time::{Duration, Instant};

mod align;
mod line;
mod paragraphs;
mod similarity;

#[cfg(test)]
pub(super) mod paths;

/// Counts a way through the comparison (in tests only).
macro_rules! taken {
    ($path:ident) => {
        #[cfg(test)]
        crate::redline::text::paths::take(crate::redline::text::paths::$path);
    };
}
use taken;

pub use paragraphs::paragraphs;
use similarity::Similarity;

use super::doc::Status;
use super::myers::Op;
pub(super) use super::tokens::fast_hash as line_hash;
use super::words::diff_words;
use super::{Piece, PieceKind};
use line::Line;
use paragraphs::read;

/// One paragraph of the comparison; its pieces never hold a line break.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextBlock {
    pub pieces: Vec<Piece>,
    pub status: Status,
    pub replaced_whole: bool,
}

/// The comparison of two texts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TextDiff {
    pub blocks: Vec<TextBlock>,
    /// Paragraphs of the new text paired by position, in stretches where no
    /// paragraph was left unchanged that were too large to align.
    pub paired_by_position: usize,
}

impl TextDiff {
    /// Paragraphs that could not be compared word by word.
    pub fn replaced_whole(&self) -> usize {
        self.blocks.iter().filter(|b| b.replaced_whole).count()
    }
}

/// Two paragraphs are similar when their shared words make up at least this share (Dice).
const SIMILAR: f64 = 0.5;

/// A paragraph of at least this many words, kept nine tenths whole inside
/// a longer one, is that one's old version.
const MIN_KEPT_WORDS: usize = 8;

/// Most pairs of a deleted and an inserted paragraph compared for moves.
const MAX_MOVE_PAIRS: usize = 250_000;

/// Texts of at least this many bytes together are read on two threads.
pub const READ_APART: u64 = 256 * 1024;

/// Compares two texts within `budget` (alignment and word diffs together).
pub fn diff_texts(old: &str, new: &str, budget: Duration) -> TextDiff {
    diff_texts_until(old, new, Instant::now() + budget)
}

/// Compares two texts by `deadline` (and the command's, if earlier).
pub fn diff_texts_until(old: &str, new: &str, deadline: Instant) -> TextDiff {
    compare(old, new, None, deadline)
}

/// As [`diff_texts_until`], for texts kept for the life of the process (a
/// command's input files): paragraphs shown whole lend their text to the
/// comparison instead of being copied. On two 2 MB texts the copies were
/// 2.5 ms and 800 page faults of the 14 ms it took to compare them.
pub fn diff_lasting_texts_until(old: &'static str, new: &'static str, deadline: Instant) -> TextDiff {
    compare(old, new, Some(Lent(old, new)), deadline)
}

/// The texts compared, when they outlive the comparison's result.
#[derive(Clone, Copy)]
struct Lent(&'static str, &'static str);

impl Lent {
    /// A paragraph's text as a piece holds it: lent when it is a stretch of either text as it stands.
    fn text(lent: Option<Lent>, text: &str) -> Cow<'static, str> {
        lent.and_then(|Lent(old, new)| within(old, text).or_else(|| within(new, text)))
            .map_or_else(|| Cow::Owned(text.to_owned()), Cow::Borrowed)
    }
}

/// `part` as a slice of `whole`, when it lies inside it.
fn within<'t>(whole: &'t str, part: &str) -> Option<&'t str> {
    let at = (part.as_ptr() as usize).checked_sub(whole.as_ptr() as usize)?;
    whole.get(at..at.checked_add(part.len())?)
}

fn compare(old: &str, new: &str, lent: Option<Lent>, deadline: Instant) -> TextDiff {
    let start = Instant::now();
    let deadline = super::budget::bounded(Some(deadline)).unwrap_or(deadline);
    // Reading each text into paragraphs is a fifth of a large comparison,
    // and neither needs the other: on two 2 MB texts, 3.6 ms on one thread.
    // (A thread costs more than reading the Annex 2 of CoP17 Doc. 25.)
    let (a, b) = if (old.len() + new.len()) as u64 >= READ_APART {
        std::thread::scope(|s| {
            let later = s.spawn(|| read(new));
            let first = read(old);
            (first, later.join().unwrap_or_else(|_| read(new)))
        })
    } else {
        (read(old), read(new))
    };
    let align_deadline = start + deadline.saturating_duration_since(start) / 2;
    let (sim, alignment) = align::align(&a, &b, align_deadline);
    let (ops, paired_by_position) = (alignment.ops, alignment.by_position);
    let mut moved_from = vec![None; b.len()];
    let mut moved_away = vec![false; a.len()];
    for (i, j) in moves(&sim, &ops, align_deadline) {
        moved_from[j] = Some(i);
        moved_away[i] = true;
    }
    // What each block shows: a paragraph alone, or a pair compared word by word.
    let shown: Vec<(Option<usize>, Option<usize>, Status)> = ops
        .iter()
        .filter_map(|&op| match op {
            Op::Same(i, j) => Some((Some(i), Some(j), Status::Same)),
            Op::Del(i) if moved_away[i] => None,
            Op::Del(i) => Some((Some(i), None, Status::Deleted)),
            Op::Ins(j) => match moved_from[j] {
                Some(i) => Some((Some(i), Some(j), Status::Moved)),
                None => Some((None, Some(j), Status::Inserted)),
            },
        })
        .collect();
    let (ta, tb): (Vec<&str>, Vec<&str>) = (a.iter().map(|l| &*l.text).collect(), b.iter().map(|l| &*l.text).collect());
    let block = |&(i, j, status): &(Option<usize>, Option<usize>, Status)| match (i, j) {
        (Some(i), Some(j)) if status == Status::Moved => TextBlock { status, ..pair(ta[i], tb[j], lent, deadline) },
        (Some(i), Some(j)) => pair(ta[i], tb[j], lent, deadline),
        (Some(i), None) => whole(ta[i], PieceKind::Del, status, lent),
        (None, Some(j)) => whole(tb[j], PieceKind::Ins, status, lent),
        (None, None) => unreachable!("every block shows a paragraph"),
    };
    // The word diffs are most of the work on texts that differ much: two
    // halves on two threads where the machine has them (measured on the
    // Annex 2 of CoP17 Doc. 25: the word diffs went from 1.3 ms to 0.7 ms).
    // The work of each block: the length of a pair to compare word by word.
    let cost: Vec<usize> = shown
        .iter()
        .map(|(i, j, _)| match (i, j) {
            (Some(i), Some(j)) if ta[*i] != tb[*j] => ta[*i].len() + tb[*j].len(),
            _ => 0,
        })
        .collect();
    let changed = cost.iter().filter(|&&c| c > 0).count();
    // (Asking the machine how many cores it has reads cgroup files: 0.2 ms, more than a thread costs.)
    let blocks = if changed >= 16 {
        // Split where half the work is done, not half the blocks.
        let total: usize = cost.iter().sum();
        let mut acc = 0;
        let at = cost.iter().position(|c| {
            acc += c;
            acc * 2 >= total
        });
        let (first, second) = shown.split_at(at.map_or(shown.len() / 2, |k| k + 1));
        taken!(WORDS_TWO_THREADS);
        std::thread::scope(|s| {
            let later = s.spawn(|| second.iter().map(block).collect::<Vec<_>>());
            let mut v: Vec<TextBlock> = first.iter().map(block).collect();
            v.extend(later.join().unwrap_or_else(|_| second.iter().map(block).collect()));
            v
        })
    } else {
        taken!(WORDS_ONE_THREAD);
        shown.iter().map(block).collect()
    };
    TextDiff { blocks, paired_by_position }
}

/// Deleted and inserted paragraphs that are the same or similar: a
/// paragraph that moved. Each pairs at most once, the same text first.
fn moves(sim: &Similarity, ops: &[Op], deadline: Instant) -> Vec<(usize, usize)> {
    let (a, b) = (sim.a, sim.b);
    let dels: Vec<usize> = ops.iter().filter_map(|o| if let Op::Del(i) = o { Some(*i) } else { None }).collect();
    let ins: Vec<usize> = ops.iter().filter_map(|o| if let Op::Ins(j) = o { Some(*j) } else { None }).collect();
    let mut taken = vec![false; ins.len()];
    let mut out = Vec::new();
    // The same text first, through a map of the inserted paragraphs' hashes.
    let mut by_hash: HashMap<u64, Vec<usize>> = HashMap::with_capacity(ins.len());
    for (k, &j) in ins.iter().enumerate().rev() {
        by_hash.entry(b[j].hash).or_default().push(k);
    }
    let mut paired = vec![false; a.len()];
    for &i in &dels {
        let Some(ks) = by_hash.get_mut(&a[i].hash) else { continue };
        if let Some(at) = ks.iter().rposition(|&k| b[ins[k]].text == a[i].text) {
            taken!(MOVED_SAME);
            let k = ks.remove(at);
            taken[k] = true;
            paired[i] = true;
            out.push((i, ins[k]));
        }
    }
    // Then similar ones, when there are few enough pairs to ask.
    if dels.len() * ins.len() <= MAX_MOVE_PAIRS {
        for &i in &dels {
            if paired[i] || Instant::now() >= deadline {
                continue;
            }
            if let Some(k) = (0..ins.len()).find(|&k| !taken[k] && sim.similar(i, ins[k])) {
                taken!(MOVED_SIMILAR);
                taken[k] = true;
                paired[i] = true;
                out.push((i, ins[k]));
            }
        }
    }
    out
}

fn whole(text: &str, kind: PieceKind, status: Status, lent: Option<Lent>) -> TextBlock {
    TextBlock { pieces: vec![Piece { kind, text: Lent::text(lent, text) }], status, replaced_whole: false }
}

fn pair(x: &str, y: &str, lent: Option<Lent>, deadline: Instant) -> TextBlock {
    if x == y {
        return whole(x, PieceKind::Same, Status::Same, lent);
    }
    let d = diff_words(x, y, Some(deadline));
    TextBlock { pieces: d.pieces, status: Status::Changed, replaced_whole: d.replaced_whole }
}
#[cfg(test)]
mod tests {
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
        let olds: Vec<String> =
            d.blocks.iter().filter(|b| b.status != Status::Inserted).map(|b| crate::redline::old_text(&b.pieces)).collect();
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
}
