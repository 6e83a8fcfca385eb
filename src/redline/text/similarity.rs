//! When two paragraphs are the same paragraph, edited: the rule, and the
//! grid of every pair judged ahead for texts of up to a few thousand
//! paragraphs, aligned by dynamic programming.

use std::hash::BuildHasherDefault;

use super::align::MAX_MATRIX;
use super::line::words;
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
        if cells == 0 || cells > MAX_MATRIX {
            return Self::lazy(a, b);
        }
        if cells <= SMALL {
            // Pair by pair, the ends first; a paragraph's words are hashed
            // once, when a pair of it first needs them. Asked pair by pair
            // (each pair hashing the middle where it differs), a cluster of
            // rewritten sentences hashed each paragraph once a pair: on a
            // 2 MB pair with a tenth of its sentences rewritten, 0.8 ms.
            let (wa, wb) = (vec![std::cell::OnceCell::new(); a.len()], vec![std::cell::OnceCell::new(); b.len()]);
            let known = (0..cells)
                .map(|c| {
                    let (i, j) = (c / b.len(), c % b.len());
                    let counts = || {
                        let (x, y): (&Vec<u64>, &Vec<u64>) =
                            (wa[i].get_or_init(|| words(&a[i].text)), wb[j].get_or_init(|| words(&b[j].text)));
                        Counts { x: x.len(), y: y.len(), shared: shared_words(x, y) }
                    };
                    Self::judge(&a[i], &b[j], counts, false)
                })
                .collect();
            return Similarity { a, b, known: Some(known) };
        }
        let (wa, wb): (Vec<Vec<u64>>, Vec<Vec<u64>>) =
            (a.iter().map(|l| words(&l.text)).collect(), b.iter().map(|l| words(&l.text)).collect());
        if wa.iter().chain(&wb).any(|w| w.len() > usize::from(u16::MAX)) {
            return Self::lazy(a, b);
        }
        // Each distinct word of the new text, with the paragraphs that hold it and how often.
        let mut index: std::collections::HashMap<u64, Vec<(u32, u16)>, BuildHasherDefault<Prehashed>> = Default::default();
        for (j, w) in wb.iter().enumerate() {
            for run in w.chunk_by(|x, y| x == y) {
                index.entry(run[0]).or_default().push((j as u32, run.len() as u16));
            }
        }
        // Row by row: the shared words of a[i] with every b[j], then the rule.
        let rows = |first: usize, known: &mut [bool]| {
            let mut common = vec![0u16; b.len()];
            for (k, out) in known.chunks_mut(b.len()).enumerate() {
                let (x, wx) = (&a[first + k], &wa[first + k]);
                common.fill(0);
                for run in wx.chunk_by(|p, q| p == q) {
                    for &(j, n) in index.get(&run[0]).map(Vec::as_slice).unwrap_or_default() {
                        common[j as usize] += n.min(run.len() as u16);
                    }
                }
                for (j, cell) in out.iter_mut().enumerate() {
                    let counts = || Counts { x: wx.len(), y: wb[j].len(), shared: usize::from(common[j]) };
                    *cell = Self::judge(x, &b[j], counts, true);
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
            None => Self::judge(&self.a[i], &self.b[j], || Counts::between(&self.a[i].text, &self.b[j].text), false),
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

    /// The rule, with the words counted by `counts`. When counting is
    /// dear (pair by pair) the ends are looked at first; when the count is
    /// known (the grid) the words are, which settles most pairs without
    /// reading their text (the grid of Annex 2 of CoP17 Doc. 25 against
    /// Conf. 11.3 went from 0.9 to 0.6 ms). Either way the answer is the same.
    fn judge(x: &Line, y: &Line, counts: impl FnOnce() -> Counts, counted: bool) -> bool {
        if x.hash == y.hash && x.text == y.text {
            return true;
        }
        // No part of the rule can hold when one is more than four times the
        // other, in bytes and in words (and the ends cannot when in bytes).
        let far = |m: usize, n: usize| 5 * m.min(n) < m + n;
        let far_bytes = far(x.text.len(), y.text.len());
        // Most edited paragraphs keep their start and end.
        let ends = || {
            let (pre, suf) = common_ends(x.text.as_bytes(), y.text.as_bytes());
            (2 * (pre + suf)) as f64 >= SIMILAR * (x.text.len() + y.text.len()) as f64
        };
        // Most words shared; or a paragraph of some length kept almost whole
        // inside a longer one that extends it (a clause added at its end).
        let words = |c: Counts| {
            let (nx, ny, shared) = (c.x, c.y, c.shared);
            !(far_bytes && far(nx, ny))
                && nx > 0
                && ny > 0
                && (2.0 * shared as f64 >= SIMILAR * (nx + ny) as f64 || (nx.min(ny) >= MIN_KEPT_WORDS && shared * 10 >= nx.min(ny) * 9))
        };
        if counted {
            return words(counts()) || (!far_bytes && ends());
        }
        (!far_bytes && ends()) || words(counts())
    }
}

/// The words of two paragraphs and those they share (with repeats).
pub(super) struct Counts {
    x: usize,
    y: usize,
    shared: usize,
}

impl Counts {
    /// Of a pair asked about alone: only the middle where they differ is
    /// hashed. Cut where both sides have white space, the same start and
    /// end hold the same words on both sides, so every word there is
    /// shared and the count is exactly that of the whole (each word's
    /// shared count is the least of its counts on the two sides, and the
    /// ends add the same to both). On a 2 MB pair with a tenth of its
    /// sentences rewritten, hashing and sorting whole paragraphs to judge
    /// the stretches between anchors took 2 ms.
    pub(super) fn between(x: &str, y: &str) -> Counts {
        let (a, b) = (x.as_bytes(), y.as_bytes());
        let (mut pre, _) = common_ends(a, b);
        while pre > 0 && !a[pre - 1].is_ascii_whitespace() {
            pre -= 1;
        }
        let (_, mut suf) = common_ends(&a[pre..], &b[pre..]);
        while suf > 0 && !a[a.len() - suf].is_ascii_whitespace() {
            suf -= 1;
        }
        let count = |t: &str| {
            let mut n = 0;
            super::line::for_each_word(t, |_, _| n += 1);
            n
        };
        let same = count(&x[..pre]) + count(&x[x.len() - suf..]);
        let hashed = |t: &str| {
            let mut w = Vec::new();
            super::line::for_each_word(t, |_, hash| w.push(hash));
            w.sort_unstable();
            w
        };
        let (mx, my) = (hashed(&x[pre..x.len() - suf]), hashed(&y[pre..y.len() - suf]));
        Counts { x: same + mx.len(), y: same + my.len(), shared: same + shared_words(&mx, &my) }
    }
}

/// The lengths of the common start of two byte strings and of the common
/// end of what follows it.
fn common_ends(a: &[u8], b: &[u8]) -> (usize, usize) {
    let pre = crate::redline::ends::common_prefix(a, b);
    (pre, crate::redline::ends::common_suffix(&a[pre..], &b[pre..]))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn whole(t: &str) -> Vec<u64> {
        let mut w: Vec<u64> = t.split_whitespace().map(super::super::line_hash).collect();
        w.sort_unstable();
        w
    }

    /// Counting only the middle gives the counts of the whole paragraphs,
    /// wherever the two differ and whatever their spacing.
    #[test]
    fn words_counted_in_the_middle_are_those_of_the_whole() {
        let vocabulary = ["six", "months", "the", "Parties", " ", "  ", "\u{a0}", "\n", "six,", "sixty", "x", "é", "–"];
        let mut state = 11u64;
        let mut next = |n: usize| {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (state >> 33) as usize % n
        };
        for _ in 0..5000 {
            let len = next(14);
            let base: Vec<&str> = (0..len).map(|_| vocabulary[next(vocabulary.len())]).collect();
            let mut other = base.clone();
            for _ in 0..next(3) + 1 {
                let at = next(other.len() + 1);
                match next(3) {
                    0 => other.insert(at, vocabulary[next(vocabulary.len())]),
                    1 if at < other.len() => drop(other.remove(at)),
                    _ if at < other.len() => other[at] = vocabulary[next(vocabulary.len())],
                    _ => {}
                }
            }
            let (x, y) = (base.join(" "), other.concat());
            let c = Counts::between(&x, &y);
            let (wx, wy) = (whole(&x), whole(&y));
            assert_eq!((c.x, c.y, c.shared), (wx.len(), wy.len(), shared_words(&wx, &wy)), "{x:?} / {y:?}");
        }
    }
}
