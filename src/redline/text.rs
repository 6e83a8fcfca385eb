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

use std::hash::BuildHasherDefault;
use std::time::{Duration, Instant};

use super::doc::Status;
use super::myers::{self, Budget, Op};
use super::words::diff_words;
use super::{Piece, PieceKind};

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
    /// The alignment of paragraphs ran out of time; they were paired by position.
    pub aligned_by_position: bool,
}

impl TextDiff {
    /// Paragraphs that could not be compared word by word.
    pub fn replaced_whole(&self) -> usize {
        self.blocks.iter().filter(|b| b.replaced_whole).count()
    }
}

/// A label or list marker that opens a paragraph: `23.`, `b)`, `iv)`, `(a)`,
/// `IX.`, `- `, `• `; the labels extraction runs together (`jc)`) too.
fn label_len(line: &str) -> Option<usize> {
    let t = line.trim_start();
    let lead = line.len() - t.len();
    if let Some(rest) = t.strip_prefix("- ").or_else(|| t.strip_prefix("• ")).or_else(|| t.strip_prefix("* ")) {
        return Some(lead + (t.len() - rest.len()));
    }
    let word = t.split_whitespace().next()?;
    let is_label = match word.as_bytes() {
        [.., b')'] if word.starts_with('(') => word.len() <= 6,
        [.., b')'] => word.len() <= 5 && word[..word.len() - 1].chars().all(|c| c.is_ascii_alphanumeric()),
        [.., b'.'] => {
            let w = &word[..word.len() - 1];
            !w.is_empty() && (w.chars().all(|c| c.is_ascii_digit()) || w.chars().all(|c| "IVXLC".contains(c)))
        }
        _ => false,
    };
    is_label.then_some(lead + word.len())
}

/// A page header or footer of a PDF copy (`CoP17 Doc. 25 – p. 21`, a bare
/// page number): not part of the text, and no paragraph break.
fn is_furniture(line: &str) -> bool {
    let t = line.trim();
    if t.len() > 60 {
        return false;
    }
    // A rule between the text and the notes at a page's foot.
    if !t.is_empty() && t.chars().all(|c| c == '_') {
        return true;
    }
    if !t.is_empty() && t.len() <= 4 && t.chars().all(|c| c.is_ascii_digit()) {
        return true;
    }
    let Some(at) = t.rfind("p.") else { return false };
    let page = t[at + 2..].trim();
    let before = t[..at].trim_end();
    !page.is_empty() && page.chars().all(|c| c.is_ascii_digit()) && (before.is_empty() || before.ends_with(['–', '-', '—']))
}

/// A footnote's text as extraction leaves it (`¹ Corrected …`, `^{*} Amended …`).
fn is_footnote(t: &str) -> bool {
    t.starts_with(['¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹']) || t.starts_with("^{")
}

/// Whether a paragraph's text ends a sentence, a clause or a list item.
fn ends_clause(p: &str) -> bool {
    let p = p.trim_end();
    p.ends_with(['.', ';', ':', '!', '?']) || p.ends_with("; and") || p.ends_with("; or")
}

/// The paragraphs of a text, each on one line, white space single.
///
/// A text is hard-wrapped when most of its lines run to about the same
/// width (at least 40 characters): then a line continues the paragraph
/// above unless it opens with a label, or the paragraph above ends a
/// clause, or that paragraph's last line stopped well short of the width (a
/// title, a heading), or a blank line comes between and the line starts in
/// upper case; a word hyphenated at a line end is joined again. Otherwise
/// (a paragraph a line, as in a resolution file) each line is a paragraph.
/// Either way a bare label takes the text after it, and page headers and
/// footers are left out.
pub fn paragraphs(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let mut widths: Vec<usize> = lines
        .iter()
        .map(|l| l.trim())
        .filter(|t| !t.is_empty() && !is_furniture(t) && label_len(t).is_none_or(|n| n < t.len()))
        .map(str::len)
        .collect();
    widths.sort_unstable();
    let width = widths.get(widths.len() * 4 / 5).copied().unwrap_or(0);
    let full = widths.iter().filter(|&&n| n * 10 >= width * 7).count();
    let wrapped = width >= 40 && full * 2 >= widths.len();
    let mut out: Vec<String> = Vec::new();
    // The paragraph a line may continue: a footnote's text, set at a page's
    // foot, stands on its own and leaves the paragraph above it open.
    let mut open: Option<usize> = None;
    let mut last_short = true;
    // A blank line or page furniture came since the last line: a page break, perhaps.
    let mut broken = false;
    for line in lines {
        let t = line.trim();
        if t.is_empty() || is_furniture(t) {
            broken = true;
            continue;
        }
        let t = t.strip_prefix("- ").or_else(|| t.strip_prefix("• ")).unwrap_or(t).trim_start();
        if is_footnote(t) {
            out.push(t.to_string());
            continue;
        }
        let bare_label = |p: &str| label_len(p).is_some_and(|n| n >= p.len());
        let lower = t.starts_with(|c: char| c.is_lowercase());
        let continues = match open.map(|k| out[k].as_str()) {
            None => false,
            Some(p) if bare_label(p) => true,
            Some(_) if label_len(t).is_some() => false,
            Some(p) if ends_clause(p) => false,
            // A paragraph a line: only a page break inside a sentence continues it.
            Some(_) if !wrapped => broken && lower,
            Some(_) => !last_short && (!broken || lower),
        };
        match open.filter(|_| continues) {
            Some(k) => {
                let p = &mut out[k];
                let hyphen = p.ends_with('-') && p[..p.len() - 1].ends_with(|c: char| c.is_alphabetic()) && lower;
                if !hyphen {
                    p.push(' ');
                }
                p.push_str(t);
            }
            None => {
                out.push(t.to_string());
                open = Some(out.len() - 1);
            }
        }
        last_short = t.len() * 10 < width * 6;
        broken = false;
    }
    for p in &mut out {
        let spaced = p.as_bytes().windows(2).any(|w| w[0].is_ascii_whitespace() && w[1].is_ascii_whitespace()) || p.contains(['\t', '\r']);
        if spaced {
            *p = p.split_whitespace().collect::<Vec<_>>().join(" ");
        }
    }
    out
}

/// Most paragraphs inserted plus deleted that the alignment searches.
const MAX_LINE_EDITS: usize = 20_000;

/// Two paragraphs are similar when their shared words make up at least this share (Dice).
const SIMILAR: f64 = 0.5;

/// A paragraph of at least this many words, kept nine tenths whole inside
/// a longer one, is that one's old version.
const MIN_KEPT_WORDS: usize = 8;

/// Most pairs of a deleted and an inserted paragraph compared for moves.
const MAX_MOVE_PAIRS: usize = 250_000;

struct Line<'a> {
    text: &'a str,
    hash: u64,
    /// Hashes of its words, sorted; computed when first needed.
    words: std::sync::OnceLock<Vec<u64>>,
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

fn lines(paras: &[String]) -> Vec<Line<'_>> {
    paras.iter().map(|p| Line { text: p, hash: line_hash(p), words: std::sync::OnceLock::new() }).collect()
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

/// Most pairs of paragraphs whose shared words are counted ahead, all at
/// once (a matrix of `u16`, 8 MB at most); larger texts count pair by pair.
const MAX_MATRIX: usize = 4_000_000;

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
struct Similarity<'a, 'b> {
    a: &'a [Line<'b>],
    b: &'a [Line<'b>],
    /// Whether `a[i]` and `b[j]` are similar, at `i * b.len() + j`, when found ahead.
    known: Option<Vec<bool>>,
}

impl<'a, 'b> Similarity<'a, 'b> {
    fn new(a: &'a [Line<'b>], b: &'a [Line<'b>]) -> Self {
        let cells = a.len().saturating_mul(b.len());
        if cells == 0 || cells > MAX_MATRIX || a.iter().chain(b).any(|l| l.words().len() > usize::from(u16::MAX)) {
            return Similarity { a, b, known: None };
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
                    *cell = Self::judge(x, &b[j], || usize::from(common[j]));
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

    fn similar(&self, i: usize, j: usize) -> bool {
        match &self.known {
            Some(k) => k[i * self.b.len() + j],
            None => Self::judge(&self.a[i], &self.b[j], || shared_words(self.a[i].words(), self.b[j].words())),
        }
    }

    /// With the grid known ahead, the longest sequence of similar pairs by
    /// dynamic programming over it (a `u16` a cell; its lengths never
    /// exceed the shorter text's paragraphs, at most 2,000 here), which
    /// on such grids is several times faster than Myers' search asking
    /// cell by cell. Deletions come before insertions, as in Myers'.
    fn align(&self) -> Option<Vec<Op>> {
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

    /// The rule, with the shared words counted by `shared` only when needed.
    fn judge(x: &Line, y: &Line, shared: impl FnOnce() -> usize) -> bool {
        // No part of the rule can hold when one is more than four times the other.
        let far = |m: usize, n: usize| 5 * m.min(n) < m + n;
        if far(x.text.len(), y.text.len()) && far(x.words().len(), y.words().len()) {
            return false;
        }
        if x.hash == y.hash && x.text == y.text {
            return true;
        }
        // Most edited paragraphs keep their start and end.
        let (ta, tb) = (x.text.as_bytes(), y.text.as_bytes());
        let pre = ta.iter().zip(tb).take_while(|(p, q)| p == q).count();
        let suf = ta[pre..].iter().rev().zip(tb[pre..].iter().rev()).take_while(|(p, q)| p == q).count();
        if (2 * (pre + suf)) as f64 >= SIMILAR * (ta.len() + tb.len()) as f64 {
            return true;
        }
        let (nx, ny) = (x.words().len(), y.words().len());
        if nx == 0 || ny == 0 {
            return false;
        }
        let shared = shared();
        // Most words shared; or a paragraph of some length kept almost whole
        // inside a longer one that extends it (a clause added at its end).
        2.0 * shared as f64 >= SIMILAR * (nx + ny) as f64 || (nx.min(ny) >= MIN_KEPT_WORDS && shared * 10 >= nx.min(ny) * 9)
    }
}

/// A hasher for keys that are hashes already (the words' `line_hash`).
#[derive(Default)]
struct Prehashed(u64);

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
fn shared_words(x: &[u64], y: &[u64]) -> usize {
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

/// Compares two texts within `budget` (alignment and word diffs together).
pub fn diff_texts(old: &str, new: &str, budget: Duration) -> TextDiff {
    let start = Instant::now();
    let deadline = start + budget;
    let (pa, pb) = (paragraphs(old), paragraphs(new));
    let (a, b) = (lines(&pa), lines(&pb));
    let align_deadline = start + budget / 2;
    let sim = Similarity::new(&a, &b);
    let ops = match sim.align() {
        Some(ops) => Ok(ops),
        None => {
            myers::diff(a.len(), b.len(), |i, j| sim.similar(i, j), Budget { max_cost: MAX_LINE_EDITS, deadline: Some(align_deadline) })
        }
    };
    let (ops, aligned_by_position) = match ops {
        Ok(ops) => (ops, false),
        Err(_) => (by_position(&sim), true),
    };
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
    let (ta, tb): (Vec<&str>, Vec<&str>) = (a.iter().map(|l| l.text).collect(), b.iter().map(|l| l.text).collect());
    let block = |&(i, j, status): &(Option<usize>, Option<usize>, Status)| match (i, j) {
        (Some(i), Some(j)) if status == Status::Moved => TextBlock { status, ..pair(ta[i], tb[j], deadline) },
        (Some(i), Some(j)) => pair(ta[i], tb[j], deadline),
        (Some(i), None) => whole(ta[i], PieceKind::Del, status),
        (None, Some(j)) => whole(tb[j], PieceKind::Ins, status),
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
        std::thread::scope(|s| {
            let later = s.spawn(|| second.iter().map(block).collect::<Vec<_>>());
            let mut v: Vec<TextBlock> = first.iter().map(block).collect();
            v.extend(later.join().unwrap_or_else(|_| second.iter().map(block).collect()));
            v
        })
    } else {
        shown.iter().map(block).collect()
    };
    TextDiff { blocks, aligned_by_position }
}

/// Deleted and inserted paragraphs that are the same or similar: a
/// paragraph that moved. Each pairs at most once, the same text first.
fn moves(sim: &Similarity, ops: &[Op], deadline: Instant) -> Vec<(usize, usize)> {
    let (a, b) = (sim.a, sim.b);
    let dels: Vec<usize> = ops.iter().filter_map(|o| if let Op::Del(i) = o { Some(*i) } else { None }).collect();
    let ins: Vec<usize> = ops.iter().filter_map(|o| if let Op::Ins(j) = o { Some(*j) } else { None }).collect();
    let mut taken = vec![false; ins.len()];
    let mut paired = vec![false; a.len()];
    let mut out = Vec::new();
    let fuzzy = dels.len() * ins.len() <= MAX_MOVE_PAIRS;
    for exact in [true, false] {
        if !exact && !fuzzy {
            break;
        }
        for &i in &dels {
            if paired[i] || (!exact && Instant::now() >= deadline) {
                continue;
            }
            let hit = ins
                .iter()
                .enumerate()
                .find(|&(k, &j)| !taken[k] && if exact { a[i].hash == b[j].hash && a[i].text == b[j].text } else { sim.similar(i, j) });
            if let Some((k, &j)) = hit {
                taken[k] = true;
                paired[i] = true;
                out.push((i, j));
            }
        }
    }
    out
}

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

fn whole(text: &str, kind: PieceKind, status: Status) -> TextBlock {
    TextBlock { pieces: vec![Piece::new(kind, text)], status, replaced_whole: false }
}

fn pair(x: &str, y: &str, deadline: Instant) -> TextBlock {
    if x == y {
        return TextBlock { pieces: vec![Piece::new(PieceKind::Same, x)], status: Status::Same, replaced_whole: false };
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
    fn unrelated_texts_finish_and_say_how() {
        let old: String = (0..3000).map(|i| format!("old paragraph number {i} with some words.\n")).collect();
        let new: String = (0..3000).map(|i| format!("entirely different {} text.\n", i * 7)).collect();
        let d = diff_texts(&old, &new, Duration::from_millis(50));
        let olds: Vec<String> =
            d.blocks.iter().filter(|b| b.status != Status::Inserted).map(|b| crate::redline::old_text(&b.pieces)).collect();
        assert_eq!(olds, paragraphs(&old));
    }
}
