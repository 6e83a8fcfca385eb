//! When two paragraphs are the same paragraph, edited: the rule, and the
//! grid of every pair judged ahead for texts of up to a few thousand
//! paragraphs, aligned by dynamic programming.

use std::hash::BuildHasherDefault;

use super::align::MAX_MATRIX;
use super::{Line, MIN_KEPT_WORDS, SIMILAR};
use crate::redline::myers::Op;

/// Grids up to this many pairs are judged pair by pair: building the index
/// of words costs more than it saves (most stretches between anchors in a
/// large text are one or two paragraphs on each side).
const SMALL: usize = 64;

/// Whether paragraphs are similar: the same; or sharing their start and end
/// for most of their length; or with most of their words shared (Dice over
/// word hashes with repeats); or one of eight words or more kept nine
/// tenths whole inside the other.
///
/// The alignment asks this of the same pairs many times (Myers' search
/// meets most cells of the paragraph grid); for texts of up to a few
/// thousand paragraphs the shared words of every pair are counted once,
/// ahead, through an index of the new text's words: on the 30 KB Annex 2 of
/// CoP17 Doc. 25 against Conf. 11.3 this took the comparison from 9.7 ms,
/// three quarters of it in the pairwise merge, to the measures in the bench.
pub(super) struct Similarity<'a, 'b> {
    pub(super) a: &'a [Line<'b>],
    pub(super) b: &'a [Line<'b>],
    /// Whether `a[i]` and `b[j]` are similar, at `i * b.len() + j`, when found ahead.
    known: Option<Vec<bool>>,
}

impl<'a, 'b> Similarity<'a, 'b> {
    /// Judges pairs as they are asked about, nothing ahead.
    pub(super) fn lazy(a: &'a [Line<'b>], b: &'a [Line<'b>]) -> Self {
        Similarity { a, b, known: None }
    }

    /// Judges every pair ahead, when there are at most [`MAX_MATRIX`].
    pub(super) fn new(a: &'a [Line<'b>], b: &'a [Line<'b>]) -> Self {
        let cells = a.len().saturating_mul(b.len());
        if cells == 0 || cells > MAX_MATRIX || a.iter().chain(b).any(|l| l.words().len() > usize::from(u16::MAX)) {
            return Self::lazy(a, b);
        }
        if cells <= SMALL {
            let lazy = Self::lazy(a, b);
            let known = (0..cells).map(|c| lazy.similar(c / b.len(), c % b.len())).collect();
            return Similarity { a, b, known: Some(known) };
        }
        // Each distinct word of the new text, with the paragraphs that hold it and how often.
        let mut index: std::collections::HashMap<u64, Vec<(u32, u16)>, BuildHasherDefault<Prehashed>> = Default::default();
        for (j, l) in b.iter().enumerate() {
            for run in l.words().chunk_by(|x, y| x == y) {
                index.entry(run[0]).or_default().push((j as u32, run.len() as u16));
            }
        }
        a.iter().for_each(|l| {
            l.words();
        });
        // Row by row: the shared words of a[i] with every b[j], then the rule.
        let rows = |first: usize, known: &mut [bool]| {
            let mut common = vec![0u16; b.len()];
            for (k, out) in known.chunks_mut(b.len()).enumerate() {
                let x = &a[first + k];
                common.fill(0);
                for run in x.words().chunk_by(|p, q| p == q) {
                    for &(j, n) in index.get(&run[0]).map(Vec::as_slice).unwrap_or_default() {
                        common[j as usize] += n.min(run.len() as u16);
                    }
                }
                for (j, cell) in out.iter_mut().enumerate() {
                    *cell = Self::judge(x, &b[j], || usize::from(common[j]), true);
                }
            }
        };
        let mut known = vec![false; cells];
        // Two halves on two threads when the grid is worth it.
        if cells >= 20_000 && a.len() >= 2 {
            let half = a.len() / 2;
            let (top, bottom) = known.split_at_mut(half * b.len());
            std::thread::scope(|s| {
                s.spawn(|| rows(half, bottom));
                rows(0, top);
            });
        } else {
            rows(0, &mut known);
        }
        Similarity { a, b, known: Some(known) }
    }

    pub(super) fn similar(&self, i: usize, j: usize) -> bool {
        match &self.known {
            Some(k) => k[i * self.b.len() + j],
            None => Self::judge(&self.a[i], &self.b[j], || shared_words(self.a[i].words(), self.b[j].words()), false),
        }
    }

    /// With the grid known ahead, the longest sequence of similar pairs by
    /// dynamic programming over it (a `u16` a cell; its lengths never
    /// exceed the shorter text's paragraphs, at most 2,000 here), which
    /// on such grids is several times faster than Myers' search asking
    /// cell by cell. Deletions come before insertions, as in Myers'.
    pub(super) fn align(&self) -> Option<Vec<Op>> {
        let known = self.known.as_ref()?;
        let (n, m) = (self.a.len(), self.b.len());
        let w = m + 1;
        // lcs[i * w + j]: the longest sequence within a[i..] and b[j..].
        let mut lcs = vec![0u16; (n + 1) * w];
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                lcs[i * w + j] = if known[i * m + j] { lcs[(i + 1) * w + j + 1] + 1 } else { lcs[(i + 1) * w + j].max(lcs[i * w + j + 1]) };
            }
        }
        let mut ops = Vec::with_capacity(n + m);
        let (mut i, mut j) = (0, 0);
        while i < n || j < m {
            if i < n && j < m && known[i * m + j] && lcs[i * w + j] == lcs[(i + 1) * w + j + 1] + 1 {
                ops.push(Op::Same(i, j));
                i += 1;
                j += 1;
            } else if j == m || (i < n && lcs[(i + 1) * w + j] >= lcs[i * w + j + 1]) {
                ops.push(Op::Del(i));
                i += 1;
            } else {
                ops.push(Op::Ins(j));
                j += 1;
            }
        }
        Some(ops)
    }

    /// The rule, with the shared words counted by `shared`. When counting
    /// is dear (pair by pair) the ends are looked at first; when the count
    /// is known (the grid) the words are, which settles most pairs without
    /// reading their text (the grid of Annex 2 of CoP17 Doc. 25 against
    /// Conf. 11.3 went from 0.9 to 0.6 ms). Either way the answer is the same.
    fn judge(x: &Line, y: &Line, shared: impl FnOnce() -> usize, counted: bool) -> bool {
        // No part of the rule can hold when one is more than four times the other.
        let far = |m: usize, n: usize| 5 * m.min(n) < m + n;
        if far(x.text.len(), y.text.len()) && far(x.words().len(), y.words().len()) {
            return false;
        }
        if x.hash == y.hash && x.text == y.text {
            return true;
        }
        // Most edited paragraphs keep their start and end.
        let ends = || {
            let (ta, tb) = (x.text.as_bytes(), y.text.as_bytes());
            let pre = ta.iter().zip(tb).take_while(|(p, q)| p == q).count();
            let suf = ta[pre..].iter().rev().zip(tb[pre..].iter().rev()).take_while(|(p, q)| p == q).count();
            (2 * (pre + suf)) as f64 >= SIMILAR * (ta.len() + tb.len()) as f64
        };
        // Most words shared; or a paragraph of some length kept almost whole
        // inside a longer one that extends it (a clause added at its end).
        let words = |shared: usize| {
            let (nx, ny) = (x.words().len(), y.words().len());
            nx > 0
                && ny > 0
                && (2.0 * shared as f64 >= SIMILAR * (nx + ny) as f64 || (nx.min(ny) >= MIN_KEPT_WORDS && shared * 10 >= nx.min(ny) * 9))
        };
        if counted {
            let known = shared();
            return words(known) || ends();
        }
        ends() || words(shared())
    }
}

/// A hasher for keys that are hashes already (the words' `line_hash`).
#[derive(Default)]
pub(super) struct Prehashed(u64);

impl std::hash::Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// Words two sorted lists of word hashes share, with repeats.
pub(super) fn shared_words(x: &[u64], y: &[u64]) -> usize {
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
    common
}
