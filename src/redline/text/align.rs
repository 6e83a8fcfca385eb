//! Aligning two texts' paragraphs.
//!
//! Texts of up to a few thousand paragraphs (a grid of at most
//! [`MAX_MATRIX`] pairs) are aligned as a whole by dynamic programming over
//! the grid of similar pairs: the best alignment, and the one every real
//! resolution gets.
//!
//! Larger texts are anchored first. Each paragraph is recognised by its
//! start and its end ([`Keys`]); paragraphs whose keys occur in only one
//! text can only be changes and are left out (git's xdiff does the same with
//! lines); the rest are aligned with Myers' algorithm on the keys (numbers,
//! compared as numbers), and each anchor is confirmed by the rule of
//! similarity. The stretches between anchors (an edited paragraph, a
//! rewritten sentence) are then aligned by similarity, each on its own small
//! grid. Measured on 2 MB texts with a tenth of their sentences rewritten:
//! Myers asking "similar?" of every pair on its path took 480 ms, nearly all
//! of it in the question; anchored, the alignment takes a few milliseconds.
//! A stretch with no anchor that is still too large for a grid (unrelated
//! texts) is paired by position, and the result says how many paragraphs
//! were.

use std::collections::HashSet;
use std::hash::BuildHasherDefault;
use std::time::Instant;

use super::similarity::{Prehashed, Similarity};
use super::taken;
use super::{Line, line_hash};
use crate::redline::myers::{self, Op};

/// Most pairs of paragraphs aligned on one grid (a `bool` each, 4 MB at most).
pub(super) const MAX_MATRIX: usize = 4_000_000;

/// The alignment, and how many paragraphs of the new text were paired by position.
pub(super) struct Alignment {
    pub(super) ops: Vec<Op>,
    pub(super) by_position: usize,
}

/// Aligns `a` with `b`; `deadline` bounds the search for anchors. The
/// similarity it returns answers for any pair (from its grid, when the
/// texts were aligned on one).
pub(super) fn align<'a, 'b>(a: &'a [Line<'b>], b: &'a [Line<'b>], deadline: Instant) -> (Similarity<'a, 'b>, Alignment) {
    if a.len().saturating_mul(b.len()) <= MAX_MATRIX {
        taken!(WHOLE_GRID);
        let sim = Similarity::new(a, b);
        let out = match sim.align() {
            Some(ops) => Alignment { ops, by_position: 0 },
            None => {
                taken!(BY_POSITION);
                Alignment { ops: by_position(&sim), by_position: b.len() }
            }
        };
        return (sim, out);
    }
    taken!(ANCHORED);
    let (ka, kb) = (Keys::of(a), Keys::of(b));
    let sim = Similarity::lazy(a, b);
    // Walked where the texts keep in step; searched from where they do not.
    let (mut pairs, (i, j)) = walk(&ka, &kb);
    if i < a.len() && j < b.len() {
        pairs.extend(search(&ka, &kb, i, j, deadline));
    }
    // The same start or end makes a candidate; the rule decides.
    // Confirmed in two halves on two threads when there are many: each
    // candidate whose ends differ is judged by its words.
    let confirm = |ps: &[(usize, usize)]| ps.iter().copied().filter(|&(i, j)| sim.similar(i, j)).collect::<Vec<_>>();
    let (first, second) = pairs.split_at(pairs.len() / 2);
    let (mut anchors, rest) = super::both(pairs.len() >= 2 * SPLIT_ANCHORS, || confirm(first), || confirm(second));
    anchors.extend(rest);
    // The stretches between anchors are independent: the first half of
    // them on a second thread (on a 2 MB pair with a tenth of its sentences
    // rewritten, judging them took 4 ms of the comparison on one thread).
    let (first, second) = anchors.split_at(anchors.len() / 2);
    // The second half starts at its first anchor; the first ends just before it.
    let middle = second.first().copied().unwrap_or((a.len(), b.len()));
    let stretches = |anchors: &[(usize, usize)], (i0, j0): (usize, usize), end: Option<(usize, usize)>| {
        let (n, m) = end.unwrap_or((a.len(), b.len()));
        let mut out = Alignment { ops: Vec::with_capacity(n - i0 + m - j0), by_position: 0 };
        let (mut i, mut j) = (i0, j0);
        for &(x, y) in anchors {
            gap(&a[i..x], &b[j..y], i, j, &mut out);
            out.ops.push(Op::Same(x, y));
            (i, j) = (x + 1, y + 1);
        }
        gap(&a[i..n], &b[j..m], i, j, &mut out);
        out
    };
    let out = if anchors.len() >= 2 * SPLIT_ANCHORS {
        taken!(STRETCHES_TWO_THREADS);
        std::thread::scope(|s| {
            let later = s.spawn(|| stretches(second, middle, None));
            let mut out = stretches(first, (0, 0), Some(middle));
            let rest = later.join().unwrap_or_else(|_| stretches(second, middle, None));
            out.ops.extend(rest.ops);
            out.by_position += rest.by_position;
            out
        })
    } else {
        stretches(&anchors, (0, 0), None)
    };
    (sim, out)
}

/// Texts with at least twice this many anchors have their stretches aligned on two threads.
const SPLIT_ANCHORS: usize = 1000;

/// How far ahead [`walk`] looks, in each text, for the two to be in step again.
const WINDOW: usize = 16;

/// Candidate anchors found by walking both texts together: paragraphs in
/// step whose keys agree, and past paragraphs that differ, the nearest
/// place (fewest paragraphs passed over in both texts, within [`WINDOW`]
/// in each) where two paragraphs running agree again. Returns the pairs
/// and where it stopped: at both ends, or where no such place was found
/// (a long insertion, a text that moved a block: [`search`] goes on from
/// there). Edited, inserted, deleted and moved paragraphs leave the texts
/// in step within a few paragraphs: on 2 MB pairs this takes a fraction
/// of a millisecond where Myers' search took 2 to 3.
fn walk(ka: &Keys, kb: &Keys) -> (Vec<(usize, usize)>, (usize, usize)) {
    let (n, m) = (ka.start.len(), kb.start.len());
    let same = |i: usize, j: usize| ka.start[i] == kb.start[j] || ka.end[i] == kb.end[j];
    // In step again at (i, j): that pair agrees, and the next one too (or a text ends).
    let resumes = |i: usize, j: usize| i < n && j < m && same(i, j) && (i + 1 == n || j + 1 == m || same(i + 1, j + 1));
    let mut pairs = Vec::with_capacity(n.min(m));
    let (mut i, mut j) = (0, 0);
    'walk: while i < n && j < m {
        if same(i, j) {
            pairs.push((i, j));
            (i, j) = (i + 1, j + 1);
            continue;
        }
        for passed in 1..=2 * WINDOW {
            for skip_a in passed.saturating_sub(WINDOW)..=passed.min(WINDOW) {
                if resumes(i + skip_a, j + passed - skip_a) {
                    (i, j) = (i + skip_a, j + passed - skip_a);
                    continue 'walk;
                }
            }
        }
        return (pairs, (i, j));
    }
    (pairs, (n, m))
}

/// Candidate anchors after `a[i0..]` and `b[j0..]`, by Myers' algorithm on
/// the keys. Only paragraphs whose start or end is found in the other text
/// can anchor; the rest are left out of the search.
fn search(ka: &Keys, kb: &Keys, i0: usize, j0: usize, deadline: Instant) -> Vec<(usize, usize)> {
    taken!(ANCHORS_SEARCHED);
    let (sa, sb) = (ka.sets(i0), kb.sets(j0));
    let xa: Vec<usize> = (i0..ka.start.len()).filter(|&i| sb.0.contains(&ka.start[i]) || sb.1.contains(&ka.end[i])).collect();
    let xb: Vec<usize> = (j0..kb.start.len()).filter(|&j| sa.0.contains(&kb.start[j]) || sa.1.contains(&kb.end[j])).collect();
    // The candidates' keys side by side: the search reads them many times each.
    let ea: Vec<(u64, u64)> = xa.iter().map(|&i| (ka.start[i], ka.end[i])).collect();
    let eb: Vec<(u64, u64)> = xb.iter().map(|&j| (kb.start[j], kb.end[j])).collect();
    let same_ends = |x: usize, y: usize| ea[x].0 == eb[y].0 || ea[x].1 == eb[y].1;
    match myers::diff_near(xa.len(), xb.len(), same_ends, Some(deadline)) {
        Ok(ops) => ops.into_iter().filter_map(|op| if let Op::Same(x, y) = op { Some((xa[x], xb[y])) } else { None }).collect(),
        // Out of time before any anchor was found: the stretch is the rest of the text.
        Err(_) => Vec::new(),
    }
}

/// What a paragraph is recognised by when anchoring: hashes of its first
/// and of its last [`KEY_BYTES`] bytes. An edited paragraph mostly keeps
/// one of them (3% of words changed leaves both ends of nine paragraphs in
/// ten); identities of whole paragraphs anchored only the unchanged ones,
/// and on texts that repeat, every old copy of an edited paragraph stayed
/// in the search and made it five times slower.
struct Keys {
    start: Vec<u64>,
    end: Vec<u64>,
}

/// Bytes of a paragraph's start or end that make its keys.
const KEY_BYTES: usize = 32;

type KeySet = HashSet<u64, BuildHasherDefault<Prehashed>>;

impl Keys {
    fn of(lines: &[Line]) -> Keys {
        let cut = |t: &str, from_end: bool| {
            if t.len() <= KEY_BYTES {
                return line_hash(t);
            }
            let mut at = if from_end { t.len() - KEY_BYTES } else { KEY_BYTES };
            while !t.is_char_boundary(at) {
                at += 1;
            }
            line_hash(if from_end { &t[at..] } else { &t[..at] })
        };
        Keys { start: lines.iter().map(|l| cut(&l.text, false)).collect(), end: lines.iter().map(|l| cut(&l.text, true)).collect() }
    }

    /// The keys of the paragraphs from `from` on.
    fn sets(&self, from: usize) -> (KeySet, KeySet) {
        let set = |keys: &[u64]| {
            let mut s = KeySet::with_capacity_and_hasher(keys.len(), Default::default());
            s.extend(keys.iter().copied());
            s
        };
        (set(&self.start[from..]), set(&self.end[from..]))
    }
}

/// Aligns a stretch (`a` from `i0`, `b` from `j0`) by similarity.
fn gap(a: &[Line], b: &[Line], i0: usize, j0: usize, out: &mut Alignment) {
    if a.is_empty() || b.is_empty() {
        out.ops.extend((i0..i0 + a.len()).map(Op::Del));
        out.ops.extend((j0..j0 + b.len()).map(Op::Ins));
        return;
    }
    // Most stretches are paragraphs edited in place: pair them without a grid.
    let lazy = Similarity::lazy(a, b);
    if a.len() == b.len() && (0..a.len()).all(|k| lazy.similar(k, k)) {
        taken!(STRETCH_IN_PLACE);
        out.ops.extend((0..a.len()).map(|k| Op::Same(i0 + k, j0 + k)));
        return;
    }
    // One paragraph against one that is not similar (a sentence rewritten
    // at both ends): the question is answered; a grid would ask it again
    // (on a 2 MB pair with a tenth of its sentences rewritten, 700 such
    // stretches, 2 ms asked twice).
    if a.len() == 1 && b.len() == 1 {
        taken!(STRETCH_GRID);
        out.ops.extend([Op::Del(i0), Op::Ins(j0)]);
        return;
    }
    let sim = Similarity::new(a, b);
    let ops = match sim.align() {
        Some(ops) => {
            taken!(STRETCH_GRID);
            ops
        }
        None => {
            taken!(BY_POSITION);
            out.by_position += b.len();
            by_position(&sim)
        }
    };
    out.ops.extend(ops.into_iter().map(|op| match op {
        Op::Same(i, j) => Op::Same(i0 + i, j0 + j),
        Op::Del(i) => Op::Del(i0 + i),
        Op::Ins(j) => Op::Ins(j0 + j),
    }));
}

/// Paragraphs paired in order: the k-th with the k-th, when they are similar.
fn by_position(sim: &Similarity) -> Vec<Op> {
    let (a, b) = (sim.a, sim.b);
    let mut ops = Vec::with_capacity(a.len().max(b.len()) * 2);
    for k in 0..a.len().max(b.len()) {
        match (a.get(k), b.get(k)) {
            (Some(_), Some(_)) if sim.similar(k, k) => ops.push(Op::Same(k, k)),
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
