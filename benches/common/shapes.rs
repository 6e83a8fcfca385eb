//! The shapes of edit users make, on 2 MB texts: the resolution repeated,
//! then edited. Deterministic (the same seed gives the same pair).

use super::Rng;

pub const VOCABULARY: &[&str] = &[
    "Parties",
    "Secretariat",
    "trade",
    "specimens",
    "shall",
    "enforcement",
    "compliance",
    "months",
    "national",
    "report",
    "wildlife",
    "measures",
    "provide",
    "information",
    "within",
    "three",
];

/// `text` repeated until it is at least `size` bytes.
pub fn repeated(text: &str, size: usize) -> String {
    let mut old = String::with_capacity(size + text.len());
    while old.len() < size {
        old.push_str(text);
    }
    old
}

/// What happens to one word.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Edit {
    Keep,
    Replace,
    Insert,
    Delete,
}

/// Rewrites `old` word by word, asking `choose` what to do with each word.
fn edit_words(old: &str, rng: &mut Rng, mut choose: impl FnMut(&mut Rng) -> Edit) -> String {
    let mut new = String::with_capacity(old.len() + old.len() / 10);
    let mut word_start = None;
    let mut skip_space = false;
    let mut flush = |word: &str, new: &mut String, rng: &mut Rng, skip: &mut bool| match choose(rng) {
        Edit::Keep => new.push_str(word),
        Edit::Replace => new.push_str(VOCABULARY[rng.below(VOCABULARY.len())]),
        Edit::Insert => {
            new.push_str(VOCABULARY[rng.below(VOCABULARY.len())]);
            new.push(' ');
            new.push_str(word);
        }
        Edit::Delete => *skip = true,
    };
    for (i, c) in old.char_indices() {
        if c.is_alphanumeric() {
            word_start.get_or_insert(i);
            continue;
        }
        if let Some(s) = word_start.take() {
            flush(&old[s..i], &mut new, rng, &mut skip_space);
        }
        if skip_space && c == ' ' {
            skip_space = false;
            continue;
        }
        skip_space = false;
        new.push(c);
    }
    if let Some(s) = word_start {
        flush(&old[s..], &mut new, rng, &mut skip_space);
    }
    new
}

fn per_million(share: f64) -> usize {
    (share * 1_000_000.0) as usize
}

/// (a) `share` of the words replaced by others.
pub fn replaced(old: &str, share: f64, rng: &mut Rng) -> String {
    let p = per_million(share);
    edit_words(old, rng, |r| if r.below(1_000_000) < p { Edit::Replace } else { Edit::Keep })
}

/// (b) `share` of the words changed, split evenly between replacement,
/// insertion and deletion, at random places.
pub fn mixed(old: &str, share: f64, rng: &mut Rng) -> String {
    let p = per_million(share);
    edit_words(old, rng, |r| match r.below(3_000_000) {
        x if x < p => Edit::Replace,
        x if x < 2 * p => Edit::Insert,
        x if x < 3 * p => Edit::Delete,
        _ => Edit::Keep,
    })
}

/// (c) `moves` paragraphs (lines) moved elsewhere, then `share` of the words changed as in (b).
pub fn moved(old: &str, moves: usize, share: f64, rng: &mut Rng) -> String {
    let mut lines: Vec<&str> = old.split_inclusive('\n').collect();
    for _ in 0..moves {
        let from = rng.below(lines.len());
        let line = lines.remove(from);
        let to = rng.below(lines.len() + 1);
        lines.insert(to, line);
    }
    mixed(&lines.concat(), share, rng)
}

/// (d) whole sentences (lines) rewritten until `share` of the words changed.
pub fn clustered(old: &str, share: f64, rng: &mut Rng) -> String {
    let lines: Vec<&str> = old.split_inclusive('\n').collect();
    let words = |l: &str| l.split_whitespace().count();
    let total: usize = lines.iter().map(|l| words(l)).sum();
    let mut budget = (total as f64 * share) as usize;
    let mut out = String::with_capacity(old.len());
    // Each line is rewritten with the chance that spreads the share over the text.
    let p = per_million(share);
    for l in lines {
        let n = words(l);
        if budget >= n && n > 0 && rng.below(1_000_000) < p {
            budget -= n;
            let rewritten: Vec<&str> = (0..n).map(|_| VOCABULARY[rng.below(VOCABULARY.len())]).collect();
            out.push_str(&rewritten.join(" "));
            if l.ends_with('\n') {
                out.push('\n');
            }
        } else {
            out.push_str(l);
        }
    }
    out
}

/// A text of random sentences from the vocabulary, unrelated to any other.
pub fn unrelated(size: usize, rng: &mut Rng) -> String {
    let mut s = String::with_capacity(size + 100);
    while s.len() < size {
        for _ in 0..(8 + rng.below(60)) {
            s.push_str(VOCABULARY[rng.below(VOCABULARY.len())]);
            s.push(' ');
        }
        s.push_str(&rng.next().to_string());
        s.push_str(".\n");
    }
    s
}
