//! The word diff of two texts, cleaned up for drafters.
//!
//! Rules (also in the README):
//! 1. Text is compared as tokens: words, white space, single punctuation
//!    marks ([`tokenize`]). A mark never falls inside a word.
//! 2. An insertion or deletion of whole words takes one neighbouring space
//!    with it and starts on a word where it can (`a [-b -]c`), as a word
//!    processor deletes a double-clicked word.
//! 3. An unchanged island of fewer than [`MIN_ISLAND_WORDS`] words between two
//!    changes is folded into them, so that `six months` → `three weeks` reads
//!    as one replacement rather than two with a lone space between.
//! 4. A replacement leaves out what its two sides share at either end, so
//!    `six,` → `three,` marks `six` → `three` and keeps the comma.
//! 5. A deletion is shown before the insertion that replaces it.
//! 6. A deletion and the insertion that replaces it never touch: both carry
//!    the white space that follows them (`within [-six -]{+three +}months`),
//!    or, before punctuation, the one before them (`months[- six-]{+ three+};`),
//!    so that neither the page nor a copy of it reads `sixthree`.
//! 7. When the comparison runs out of time or exceeds its budget, the text is
//!    shown as replaced whole, and [`WordDiff::replaced_whole`] says so.

use std::time::Instant;

use super::ends::{common_prefix, common_suffix};
use super::myers::{self, Budget, Op};
use super::tokens::{Token, TokenKind, tokenize};
use super::{Piece, PieceKind};

/// Unchanged runs with fewer words than this, between two changes, are folded into them.
pub const MIN_ISLAND_WORDS: usize = 3;

/// The most token edits searched in one paragraph before it is shown as replaced whole.
pub const MAX_TOKEN_EDITS: usize = 4000;

/// The word diff of two texts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WordDiff {
    pub pieces: Vec<Piece>,
    /// The comparison ran out of budget: the old text is shown deleted and
    /// the new one inserted, whole.
    pub replaced_whole: bool,
}

impl WordDiff {
    /// True when nothing changed.
    pub fn is_unchanged(&self) -> bool {
        self.pieces.iter().all(|p| p.kind == PieceKind::Same)
    }
}

/// Compares two texts word by word.
pub fn diff_words(old: &str, new: &str, deadline: Option<Instant>) -> WordDiff {
    let deadline = super::budget::bounded(deadline);
    if old == new {
        return WordDiff { pieces: piece(PieceKind::Same, old).into_iter().collect(), replaced_whole: false };
    }
    // Only the middle that differs is tokenized and compared: the common
    // start and end, cut where a word begins or a space begins, are the same
    // tokens on both sides and sit at the edges, where no rule reaches them.
    let (pre, suf) = common_ends(old, new);
    let mut d = diff_middle(&old[pre..old.len() - suf], &new[pre..new.len() - suf], deadline);
    if pre > 0 {
        d.pieces.insert(0, Piece { kind: PieceKind::Same, text: old[..pre].to_string().into() });
    }
    if suf > 0 {
        d.pieces.push(Piece { kind: PieceKind::Same, text: old[old.len() - suf..].to_string().into() });
    }
    d.pieces = apart(merge_same(d.pieces));
    d
}

/// Rule 6: a replacement whose deleted text ends and inserted text starts
/// on a non-space takes a space from the unchanged text after it (or else
/// before it) into both sides. What each side reads is unchanged.
fn apart(mut v: Vec<Piece>) -> Vec<Piece> {
    // A space, not a line break: a mark never holds one.
    let space = |c: char| matches!(c, ' ' | '\t' | '\u{a0}');
    let ws_end = |s: &str| s.chars().next_back().is_some_and(space);
    let ws_start = |s: &str| s.chars().next().is_some_and(space);
    let mut k = 0;
    while k + 1 < v.len() {
        let touching = v[k].kind == PieceKind::Del && v[k + 1].kind == PieceKind::Ins && !ws_end(&v[k].text) && !ws_start(&v[k + 1].text);
        if !touching {
            k += 1;
            continue;
        }
        if let Some(after) = v.get_mut(k + 2).filter(|p| p.kind == PieceKind::Same && ws_start(&p.text)) {
            let c = after.text.to_mut().remove(0);
            v[k].text.to_mut().push(c);
            v[k + 1].text.to_mut().push(c);
        } else if let Some(before) = k.checked_sub(1).and_then(|b| v.get_mut(b)).filter(|p| p.kind == PieceKind::Same && ws_end(&p.text)) {
            let c = before.text.to_mut().pop().expect("ends in a space");
            v[k].text.to_mut().insert(0, c);
            v[k + 1].text.to_mut().insert(0, c);
        }
        k += 2;
    }
    v.retain(|p| !p.text.is_empty());
    v
}

/// Byte lengths of the common start and end of two texts, each cut at a
/// token boundary: the start just after white space and before a word, the
/// end just after a word and before white space.
fn common_ends(a: &str, b: &str) -> (usize, usize) {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    let mut p = common_prefix(x, y);
    while p > 0
        && !(x[p - 1].is_ascii_whitespace() && p < x.len() && p < y.len() && !x[p].is_ascii_whitespace() && !y[p].is_ascii_whitespace())
    {
        p -= 1;
    }
    let (xr, yr) = (&x[p..], &y[p..]);
    let mut s = common_suffix(xr, yr);
    // The end starts at a space that follows a non-space on both sides.
    while s > 0 {
        let (i, j) = (xr.len() - s, yr.len() - s);
        if x[p + i].is_ascii_whitespace() && i > 0 && j > 0 && !xr[i - 1].is_ascii_whitespace() && !yr[j - 1].is_ascii_whitespace() {
            break;
        }
        s -= 1;
    }
    (p, s)
}

fn merge_same(v: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::with_capacity(v.len());
    for p in v {
        match out.last_mut() {
            Some(last) if last.kind == p.kind => last.text.to_mut().push_str(&p.text),
            _ => out.push(p),
        }
    }
    out
}

fn diff_middle(old: &str, new: &str, deadline: Option<Instant>) -> WordDiff {
    let ta = tokenize(old);
    let tb = tokenize(new);
    // Tokens are short: comparing their bytes is cheaper than hashing them first.
    let eq = |i: usize, j: usize| old.as_bytes()[ta[i].start..ta[i].end] == new.as_bytes()[tb[j].start..tb[j].end];
    let budget = Budget { max_cost: MAX_TOKEN_EDITS, deadline };
    let Ok(ops) = myers::diff(ta.len(), tb.len(), eq, budget) else {
        let mut pieces: Vec<Piece> = piece(PieceKind::Del, old).into_iter().collect();
        pieces.extend(piece(PieceKind::Ins, new));
        return WordDiff { pieces, replaced_whole: true };
    };
    let side = Sides { old, new, ta: &ta, tb: &tb };
    let ops = slide(&side, ops);
    let segments = fold_islands(&side, segments(&ops));
    WordDiff { pieces: side.pieces(&segments), replaced_whole: false }
}

fn piece(kind: PieceKind, text: &str) -> Option<Piece> {
    (!text.is_empty()).then(|| Piece { kind, text: text.to_string().into() })
}

struct Sides<'a> {
    old: &'a str,
    new: &'a str,
    ta: &'a [Token],
    tb: &'a [Token],
}

impl Sides<'_> {
    fn a(&self, i: usize) -> &str {
        &self.old[self.ta[i].start..self.ta[i].end]
    }
    fn b(&self, j: usize) -> &str {
        &self.new[self.tb[j].start..self.tb[j].end]
    }
}

/// Moves pure insertions and deletions along equal text so that they start
/// on a word rather than on a space or punctuation mark (rule 2).
fn slide(s: &Sides, mut ops: Vec<Op>) -> Vec<Op> {
    let mut p = 0;
    while p < ops.len() {
        let del = matches!(ops[p], Op::Del(_));
        let ins = matches!(ops[p], Op::Ins(_));
        if !del && !ins {
            p += 1;
            continue;
        }
        let mut q = p;
        while q < ops.len() && matches!(ops[q], Op::Del(_)) == del && matches!(ops[q], Op::Ins(_)) == ins {
            q += 1;
        }
        let pure = (p == 0 || matches!(ops[p - 1], Op::Same(..))) && (q == ops.len() || matches!(ops[q], Op::Same(..)));
        if pure {
            let mut moves = 0;
            while q < ops.len() && moves < 8 {
                let (first_kind, first_text, next_text) = match (ops[p], ops[q]) {
                    (Op::Del(i), Op::Same(i2, _)) => (s.ta[i].kind, s.a(i), s.a(i2)),
                    (Op::Ins(j), Op::Same(_, j2)) => (s.tb[j].kind, s.b(j), s.b(j2)),
                    _ => break,
                };
                if first_kind == TokenKind::Word || first_text != next_text {
                    break;
                }
                // [x .. y] z with x == z becomes x' [.. y z]: the same texts, the run one step on.
                let Op::Same(i2, j2) = ops[q] else { break };
                let shifted: Vec<Op> =
                    ops[p + 1..q].iter().copied().chain(std::iter::once(if del { Op::Del(i2) } else { Op::Ins(j2) })).collect();
                let first = match ops[p] {
                    Op::Del(i) => Op::Same(i, j2),
                    Op::Ins(j) => Op::Same(i2, j),
                    same => same,
                };
                ops[p] = first;
                ops.splice(p + 1..q + 1, shifted);
                p += 1;
                q += 1;
                moves += 1;
            }
        }
        p = q.max(p + 1);
    }
    ops
}

/// A run of matched tokens, or a change: the old and new token ranges it covers.
#[derive(Debug, Clone, Copy)]
enum Segment {
    Same { a: (usize, usize), b: (usize, usize) },
    Change { a: (usize, usize), b: (usize, usize) },
}

fn segments(ops: &[Op]) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let (mut i, mut j) = (0usize, 0usize);
    for op in ops {
        let same = matches!(op, Op::Same(..));
        let (ni, nj) = match *op {
            Op::Same(x, y) => (x + 1, y + 1),
            Op::Del(x) => (x + 1, j),
            Op::Ins(y) => (i, y + 1),
        };
        match (out.last_mut(), same) {
            (Some(Segment::Same { a, b }), true) | (Some(Segment::Change { a, b }), false) => {
                a.1 = ni;
                b.1 = nj;
            }
            _ if same => out.push(Segment::Same { a: (i, ni), b: (j, nj) }),
            _ => out.push(Segment::Change { a: (i, ni), b: (j, nj) }),
        }
        (i, j) = (ni, nj);
    }
    out
}

/// Folds short unchanged islands between two changes into them (rule 3).
fn fold_islands(s: &Sides, segs: Vec<Segment>) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::with_capacity(segs.len());
    for (k, seg) in segs.iter().enumerate() {
        let folded = match *seg {
            Segment::Same { a, b } => {
                let between = k > 0 && k + 1 < segs.len();
                let words = (a.0..a.1).filter(|&i| s.ta[i].kind == TokenKind::Word).count();
                if between && words < MIN_ISLAND_WORDS { Segment::Change { a, b } } else { *seg }
            }
            change => change,
        };
        match (out.last_mut(), folded) {
            (Some(Segment::Change { a, b }), Segment::Change { a: na, b: nb }) => {
                a.1 = na.1;
                b.1 = nb.1;
            }
            _ => out.push(folded),
        }
    }
    out
}

impl Sides<'_> {
    fn text_a(&self, r: (usize, usize)) -> &str {
        if r.0 == r.1 { "" } else { &self.old[self.ta[r.0].start..self.ta[r.1 - 1].end] }
    }
    fn text_b(&self, r: (usize, usize)) -> &str {
        if r.0 == r.1 { "" } else { &self.new[self.tb[r.0].start..self.tb[r.1 - 1].end] }
    }

    /// Pieces from segments, trimming what a replacement's sides share at their ends (rule 4).
    fn pieces(&self, segs: &[Segment]) -> Vec<Piece> {
        let mut out: Vec<Piece> = Vec::new();
        let push = |out: &mut Vec<Piece>, kind: PieceKind, text: &str| {
            if text.is_empty() {
                return;
            }
            match out.last_mut() {
                Some(last) if last.kind == kind => last.text.to_mut().push_str(text),
                _ => out.push(Piece { kind, text: text.to_string().into() }),
            }
        };
        for seg in segs {
            match *seg {
                Segment::Same { a, .. } => push(&mut out, PieceKind::Same, self.text_a(a)),
                Segment::Change { mut a, mut b } => {
                    let mut lead = (a.0, a.0);
                    while a.0 < a.1 && b.0 < b.1 && self.a(a.0) == self.b(b.0) {
                        a.0 += 1;
                        b.0 += 1;
                        lead.1 = a.0;
                    }
                    let mut trail = (a.1, a.1);
                    while a.1 > a.0 && b.1 > b.0 && self.a(a.1 - 1) == self.b(b.1 - 1) {
                        a.1 -= 1;
                        b.1 -= 1;
                        trail.0 = a.1;
                    }
                    push(&mut out, PieceKind::Same, self.text_a(lead));
                    push(&mut out, PieceKind::Del, self.text_a(a));
                    push(&mut out, PieceKind::Ins, self.text_b(b));
                    push(&mut out, PieceKind::Same, self.text_a(trail));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// wdiff notation, for reading tests.
    fn w(old: &str, new: &str) -> String {
        super::super::wdiff(&diff_words(old, new, None).pieces)
    }

    #[test]
    fn a_changed_word_is_one_replacement() {
        assert_eq!(w("within six months, the", "within three months, the"), "within [-six -]{+three +}months, the");
    }

    #[test]
    fn inserted_words_at_the_end_keep_the_punctuation() {
        assert_eq!(w("able to respond;", "able to respond and provide it;"), "able to respond{+ and provide it+};");
    }

    #[test]
    fn a_deleted_word_takes_its_space_and_starts_on_the_word() {
        assert_eq!(w("a b c", "a c"), "a [-b -]c");
        assert_eq!(w("a c", "a b c"), "a {+b +}c");
        assert_eq!(w("levels; and", "levels;"), "levels;[- and-]");
    }

    #[test]
    fn a_changed_semicolon_stays_small() {
        assert_eq!(w("fauna and flora; and", "fauna and flora: and"), "fauna and flora[-; -]{+: +}and");
    }

    #[test]
    fn short_islands_fold_into_the_changes_around_them() {
        assert_eq!(
            w("within six months of the request", "within three weeks of the request"),
            "within [-six months -]{+three weeks +}of the request"
        );
        assert_eq!(w("one two three four five six", "one TWO three FOUR five six"), "one [-two three four -]{+TWO three FOUR +}five six");
        // Three unchanged words are an island worth keeping.
        assert_eq!(w("alpha one two three beta", "gamma one two three delta"), "[-alpha -]{+gamma +}one two three[- beta-]{+ delta+}");
    }

    #[test]
    fn words_are_never_split() {
        assert_eq!(w("non-detriment findings", "non-governmental findings"), "[-non-detriment -]{+non-governmental +}findings");
        assert_eq!(w("Conf. 11.3", "Conf. 11.4"), "Conf.[- 11.3-]{+ 11.4+}");
    }

    #[test]
    fn out_of_budget_is_replaced_whole_and_says_so() {
        let past = Instant::now() - std::time::Duration::from_millis(1);
        let d = diff_words("a b c d", "w x y z", Some(past));
        assert!(d.replaced_whole);
        assert_eq!(super::super::wdiff(&d.pieces), "[-a b c d-]{+w x y z+}");
    }
}
