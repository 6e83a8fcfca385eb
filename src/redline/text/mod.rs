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

/// `first()` and `second()`, on two threads when `apart` (the second
/// is done again here if its thread panicked).
pub fn both<A: Send, B: Send>(apart: bool, first: impl FnOnce() -> A, second: impl Fn() -> B + Sync) -> (A, B) {
    if !apart {
        return (first(), second());
    }
    std::thread::scope(|s| {
        let later = s.spawn(&second);
        let a = first();
        (a, later.join().unwrap_or_else(|_| second()))
    })
}

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
    let (a, b) = both((old.len() + new.len()) as u64 >= READ_APART, || read(old), || read(new));
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
mod tests;
