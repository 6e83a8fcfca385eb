//! Comparing two plain texts of any size: paragraphs (lines) are aligned
//! first, then each changed paragraph is compared word by word.
//!
//! Lines are aligned with Myers' algorithm where two lines "match" when they
//! are the same or similar (most of their words shared), so that a lightly
//! edited paragraph pairs with its old version however many paragraphs
//! changed. The alignment and every word diff have a time budget: if the
//! alignment runs out, lines are paired by position (the result says so);
//! a paragraph whose word diff runs out is shown replaced whole.

use std::time::{Duration, Instant};

use super::doc::Status;
use super::myers::{self, Budget, Op};
use super::words::diff_words;
use super::{Piece, PieceKind};

/// One paragraph (line) of the comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextBlock {
    /// The line with its changes, line ending included, so that the pieces
    /// of all blocks together give back both texts exactly.
    pub pieces: Vec<Piece>,
    pub status: Status,
    pub replaced_whole: bool,
}

/// The comparison of two texts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TextDiff {
    pub blocks: Vec<TextBlock>,
    /// The alignment of paragraphs ran out of time; lines were paired by position.
    pub aligned_by_position: bool,
}

impl TextDiff {
    /// Paragraphs that could not be compared word by word.
    pub fn replaced_whole(&self) -> usize {
        self.blocks.iter().filter(|b| b.replaced_whole).count()
    }
}

/// Most lines inserted plus deleted that the alignment searches.
const MAX_LINE_EDITS: usize = 20_000;

/// Two lines are similar when their shared words make up at least this share (Dice).
const SIMILAR: f64 = 0.5;

struct Line<'a> {
    /// Without the line ending.
    text: &'a str,
    /// `\n`, `\r\n`, or empty at the end of the text.
    ending: &'a str,
    hash: u64,
    /// Hashes of its words, sorted; computed when first needed.
    words: std::cell::OnceCell<Vec<u64>>,
}

impl Line<'_> {
    fn words(&self) -> &[u64] {
        self.words.get_or_init(|| {
            let mut w: Vec<u64> = self.text.split_whitespace().map(line_hash).collect();
            w.sort_unstable();
            w
        })
    }
}

fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let (line, ending, next) = match rest.find('\n') {
            Some(i) if i > 0 && rest.as_bytes()[i - 1] == b'\r' => (&rest[..i - 1], &rest[i - 1..=i], &rest[i + 1..]),
            Some(i) => (&rest[..i], &rest[i..=i], &rest[i + 1..]),
            None => (rest, "", ""),
        };
        out.push(Line { text: line, ending, hash: line_hash(line), words: std::cell::OnceCell::new() });
        rest = next;
    }
    out
}

/// A fast hash of a line or word, eight bytes at a time (multiply and
/// rotate, as FxHash does); only a prefilter before comparing text.
fn line_hash(s: &str) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h: u64 = s.len() as u64;
    let mut chunks = s.as_bytes().chunks_exact(8);
    for c in &mut chunks {
        let v = u64::from_le_bytes(c.try_into().expect("eight bytes"));
        h = (h.rotate_left(5) ^ v).wrapping_mul(K);
    }
    let mut tail = [0u8; 8];
    let rest = chunks.remainder();
    tail[..rest.len()].copy_from_slice(rest);
    (h.rotate_left(5) ^ u64::from_le_bytes(tail)).wrapping_mul(K)
}

fn similar(a: &Line, b: &Line) -> bool {
    if a.hash == b.hash && a.text == b.text {
        return true;
    }
    // Most edited paragraphs keep their start and end: accept those without
    // building word sets.
    let (ta, tb) = (a.text.as_bytes(), b.text.as_bytes());
    let pre = ta.iter().zip(tb).take_while(|(p, q)| p == q).count();
    let suf = ta[pre..].iter().rev().zip(tb[pre..].iter().rev()).take_while(|(p, q)| p == q).count();
    if (2 * (pre + suf)) as f64 >= SIMILAR * (ta.len() + tb.len()) as f64 {
        return true;
    }
    let (x, y) = (a.words(), b.words());
    if x.is_empty() || y.is_empty() {
        return false;
    }
    let (big, small) = if x.len() > y.len() { (x.len(), y.len()) } else { (y.len(), x.len()) };
    if (2.0 * small as f64) < SIMILAR * (big + small) as f64 {
        return false;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * common as f64 >= SIMILAR * (x.len() + y.len()) as f64
}

/// Compares two texts within `budget` (alignment and word diffs together).
pub fn diff_texts(old: &str, new: &str, budget: Duration) -> TextDiff {
    let start = Instant::now();
    let deadline = start + budget;
    let (a, b) = (lines(old), lines(new));
    let align_deadline = start + budget / 2;
    let ops =
        myers::diff(a.len(), b.len(), |i, j| similar(&a[i], &b[j]), Budget { max_cost: MAX_LINE_EDITS, deadline: Some(align_deadline) });
    let (ops, aligned_by_position) = match ops {
        Ok(ops) => (ops, false),
        Err(_) => (by_position(&a, &b), true),
    };
    let mut blocks = Vec::with_capacity(ops.len());
    for op in ops {
        blocks.push(match op {
            Op::Same(i, j) => pair(&a[i], &b[j], deadline),
            Op::Del(i) => whole(&a[i], PieceKind::Del, Status::Deleted),
            Op::Ins(j) => whole(&b[j], PieceKind::Ins, Status::Inserted),
        });
    }
    TextDiff { blocks, aligned_by_position }
}

fn by_position(a: &[Line], b: &[Line]) -> Vec<Op> {
    let mut ops = Vec::with_capacity(a.len().max(b.len()) * 2);
    for k in 0..a.len().max(b.len()) {
        match (a.get(k), b.get(k)) {
            (Some(x), Some(y)) if similar(x, y) => ops.push(Op::Same(k, k)),
            (x, y) => {
                if x.is_some() {
                    ops.push(Op::Del(k));
                }
                if y.is_some() {
                    ops.push(Op::Ins(k));
                }
            }
        }
    }
    ops
}

fn whole(l: &Line, kind: PieceKind, status: Status) -> TextBlock {
    let text = format!("{}{}", l.text, l.ending);
    TextBlock { pieces: vec![Piece::new(kind, text)], status, replaced_whole: false }
}

fn pair(x: &Line, y: &Line, deadline: Instant) -> TextBlock {
    let (mut pieces, status, replaced_whole) = if x.text == y.text {
        (vec![Piece::new(PieceKind::Same, x.text)], Status::Same, false)
    } else {
        let d = diff_words(x.text, y.text, Some(deadline));
        (d.pieces, Status::Changed, d.replaced_whole)
    };
    let status = if x.ending != y.ending { Status::Changed } else { status };
    if x.ending == y.ending {
        pieces.push(Piece::new(PieceKind::Same, x.ending));
    } else {
        pieces.push(Piece::new(PieceKind::Del, x.ending));
        pieces.push(Piece::new(PieceKind::Ins, y.ending));
    }
    pieces.retain(|p| !p.text.is_empty());
    TextBlock { pieces, status, replaced_whole }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::redline::{new_text, old_text, wdiff};

    fn all(d: &TextDiff) -> Vec<Piece> {
        d.blocks.iter().flat_map(|b| b.pieces.iter().cloned()).collect()
    }

    #[test]
    fn both_texts_come_back_exactly() {
        let old = "one line\nsecond line here\nthird\n";
        let new = "one line\nsecond line there\ninserted\nthird";
        let d = diff_texts(old, new, Duration::from_secs(5));
        assert_eq!(old_text(&all(&d)), old);
        assert_eq!(new_text(&all(&d)), new);
        assert_eq!(wdiff(&all(&d)), "one line\nsecond line[- here-]{+ there+}\n{+inserted\n+}third[-\n-]");
    }

    #[test]
    fn an_edited_paragraph_pairs_with_its_old_version_among_insertions() {
        let old = "alpha beta gamma delta epsilon\nzeta eta theta iota kappa\n";
        let new = "new first line\nalpha beta GAMMA delta epsilon\nanother new line\nzeta eta theta iota kappa\n";
        let d = diff_texts(old, new, Duration::from_secs(5));
        let statuses: Vec<Status> = d.blocks.iter().map(|b| b.status).collect();
        assert_eq!(statuses, [Status::Inserted, Status::Changed, Status::Inserted, Status::Same]);
    }

    #[test]
    fn unrelated_texts_finish_and_say_how() {
        let old: String = (0..3000).map(|i| format!("old paragraph number {i} with some words\n")).collect();
        let new: String = (0..3000).map(|i| format!("entirely different {} text\n", i * 7)).collect();
        let d = diff_texts(&old, &new, Duration::from_millis(50));
        assert_eq!(old_text(&all(&d)), old);
        assert_eq!(new_text(&all(&d)), new);
    }
}
