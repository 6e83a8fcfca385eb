//! A text read for comparison: its paragraphs, each with a hash of its
//! text and, when first asked, the sorted hashes of its words.

use std::borrow::Cow;

/// A paragraph as the comparison sees it. (Its words' hashes were kept
/// here too, found when first asked: the cells for them were 1.2 MB of
/// fresh memory on two 2 MB texts, for the few paragraphs a grid judges.)
pub(super) struct Line<'t> {
    pub(super) text: Cow<'t, str>,
    pub(super) hash: u64,
}

/// The hashes of a paragraph's words, sorted.
pub(super) fn words(text: &str) -> Vec<u64> {
    let mut w = Vec::with_capacity(text.len() / 6 + 1);
    for_each_word(text, |_, hash| w.push(hash));
    w.sort_unstable();
    w
}

/// The words of `text` as `split_whitespace` finds them, each with a hash
/// of its bytes (FNV-1a, mixed), read a byte at a time through a table:
/// only the lead bytes of Unicode's spaces (U+0085 to U+3000) are decoded.
/// `split_whitespace` decodes every character, and hashing each word
/// afterwards read it twice and copied its tail; on a 2 MB pair with a
/// tenth of its sentences rewritten, judging the stretches' paragraphs
/// similar spent 2 ms there.
pub(super) fn for_each_word<'t>(text: &'t str, mut f: impl FnMut(&'t str, u64)) {
    let b = text.as_bytes();
    // The white space at `k`, in bytes (0: none).
    let space = |k: usize| match BYTE[usize::from(b[k])] {
        WORD => 0,
        SPACE => 1,
        _ => text[k..].chars().next().filter(|c| c.is_whitespace()).map_or(0, char::len_utf8),
    };
    let mut k = 0;
    while k < b.len() {
        let n = space(k);
        if n > 0 {
            k += n;
            continue;
        }
        let start = k;
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        loop {
            hash = (hash ^ u64::from(b[k])).wrapping_mul(0x0100_0000_01b3);
            k += 1;
            if k == b.len() || (BYTE[usize::from(b[k])] != WORD && space(k) > 0) {
                break;
            }
        }
        f(&text[start..k], (hash ^ (hash >> 29)).wrapping_mul(0xbf58_476d_1ce4_e5b9));
    }
}

const WORD: u8 = 0;
const SPACE: u8 = 1;
/// A byte that may begin a Unicode space of more than one byte.
const LEAD: u8 = 2;

/// What each byte is to [`for_each_word`].
static BYTE: [u8; 256] = {
    let mut t = [WORD; 256];
    let mut k = 0;
    while k < 256 {
        t[k] = match k as u8 {
            b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r' => SPACE,
            0xc2 | 0xe1 | 0xe2 | 0xe3 => LEAD,
            _ => WORD,
        };
        k += 1;
    }
    t
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_those_split_whitespace_finds() {
        let pieces = [
            "a",
            "bc",
            " ",
            "  ",
            "\t",
            "\n",
            "\u{a0}",
            "\u{2003}",
            "\u{3000}",
            "\u{85}",
            "é",
            "–",
            "\u{2028}",
            "ü",
            "\u{1680}",
            "x\u{200b}y",
        ];
        let mut state = 7u64;
        for _ in 0..3000 {
            let mut t = String::new();
            for _ in 0..(state % 9) {
                state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                t.push_str(pieces[(state >> 33) as usize % pieces.len()]);
            }
            let mut got = Vec::new();
            for_each_word(&t, |w, _| got.push(w));
            assert_eq!(got, t.split_whitespace().collect::<Vec<_>>(), "{t:?}");
        }
    }
}
