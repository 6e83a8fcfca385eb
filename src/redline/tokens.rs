//! Splitting text into the units a drafter reads: words, runs of white
//! space, and single punctuation marks.
//!
//! A word is a run of letters and digits, with the joiners that stay inside
//! a word when a letter or digit follows them: hyphens (`non-detriment`,
//! `CITES-listed`), apostrophes (`Côte d'Ivoire`, `Parties’`), and dots or
//! commas between digits (`11.3`, `2,000`). Marks therefore never fall
//! inside a word; a changed semicolon is one token.

/// A fast hash of a paragraph or token, eight bytes at a time (multiply and
/// rotate, as FxHash does); only a prefilter before comparing text.
pub fn fast_hash(s: &str) -> u64 {
    let mut h = Hash::new(s.len());
    let mut chunks = s.as_bytes().chunks_exact(8);
    for c in &mut chunks {
        h.add(u64::from_le_bytes(c.try_into().expect("eight bytes")));
    }
    h.finish(chunks.remainder())
}

/// [`fast_hash`] fed eight bytes at a time, for a reader that has them at
/// hand for another purpose too.
pub struct Hash(u64);

impl Hash {
    const K: u64 = 0x517c_c1b7_2722_0a95;

    pub fn new(len: usize) -> Hash {
        Hash(len as u64)
    }

    pub fn add(&mut self, eight: u64) {
        self.0 = (self.0.rotate_left(5) ^ eight).wrapping_mul(Self::K);
    }

    /// The hash, with the last bytes (fewer than eight).
    pub fn finish(mut self, rest: &[u8]) -> u64 {
        let mut tail = [0u8; 8];
        tail[..rest.len()].copy_from_slice(rest);
        self.add(u64::from_le_bytes(tail));
        self.0
    }
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Space,
    Punct,
}

/// A token: its kind and byte range in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub start: usize,
    pub end: usize,
}

/// True for characters that make up words.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn joins_word(c: char) -> bool {
    matches!(c, '-' | '\'' | '’' | '‑')
}

/// The character at byte `i` of `text` and its length: ASCII without decoding.
#[inline]
fn char_at(text: &str, i: usize) -> (char, usize) {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        return (char::from(b), 1);
    }
    let c = text[i..].chars().next().expect("a character starts here");
    (c, c.len_utf8())
}

/// Splits `text` into tokens that cover it exactly.
///
/// Read by byte index, ASCII without decoding: the iterator of characters
/// it replaced (peeked ahead) was a fifth of the word diffs of a 2 MB pair
/// with 3% of its words replaced; [`tests::the_same_tokens_as_by_characters`]
/// keeps the two the same.
pub fn tokenize(text: &str) -> Vec<Token> {
    let n = text.len();
    let mut out = Vec::with_capacity(n / 4);
    let mut start = 0;
    while start < n {
        let (c, len) = char_at(text, start);
        let mut end = start + len;
        let kind = if is_word_char(c) {
            let mut prev_digit = c.is_ascii_digit();
            while end < n {
                let (d, dl) = char_at(text, end);
                if is_word_char(d) {
                    prev_digit = d.is_ascii_digit();
                    end += dl;
                    continue;
                }
                // A joiner stays in the word only when a word character follows it.
                let digit_sep = prev_digit && matches!(d, '.' | ',');
                if (joins_word(d) || digit_sep) && end + dl < n {
                    let (a, _) = char_at(text, end + dl);
                    if if digit_sep { a.is_ascii_digit() } else { is_word_char(a) } {
                        end += dl;
                        continue;
                    }
                }
                break;
            }
            TokenKind::Word
        } else if c.is_whitespace() {
            while end < n {
                let (d, dl) = char_at(text, end);
                if !d.is_whitespace() {
                    break;
                }
                end += dl;
            }
            TokenKind::Space
        } else {
            TokenKind::Punct
        };
        out.push(Token { kind, start, end });
        start = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(t: &str) -> Vec<&str> {
        tokenize(t).iter().map(|k| &t[k.start..k.end]).collect()
    }

    #[test]
    fn words_spaces_and_single_punctuation() {
        assert_eq!(words("within six months, the"), ["within", " ", "six", " ", "months", ",", " ", "the"]);
        assert_eq!(words("respond;"), ["respond", ";"]);
        assert_eq!(words("(Rev. CoP19)"), ["(", "Rev", ".", " ", "CoP19", ")"]);
    }

    #[test]
    fn joiners_inside_words() {
        assert_eq!(words("non-detriment CITES-listed"), ["non-detriment", " ", "CITES-listed"]);
        assert_eq!(words("Côte d'Ivoire"), ["Côte", " ", "d'Ivoire"]);
        assert_eq!(words("Conf. 11.3 of 2,000"), ["Conf", ".", " ", "11.3", " ", "of", " ", "2,000"]);
        assert_eq!(words("end-"), ["end", "-"]);
        assert_eq!(words("3."), ["3", "."]);
        assert_eq!(words("Parties’ role"), ["Parties", "’", " ", "role"]);
    }

    /// The tokenizer as it was, character by character: the reference.
    fn by_characters(text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        let mut it = text.char_indices().peekable();
        while let Some((start, c)) = it.next() {
            let kind = if is_word_char(c) {
                TokenKind::Word
            } else if c.is_whitespace() {
                TokenKind::Space
            } else {
                TokenKind::Punct
            };
            let mut end = start + c.len_utf8();
            match kind {
                TokenKind::Word => {
                    let mut prev_digit = c.is_ascii_digit();
                    while let Some(&(i, d)) = it.peek() {
                        if is_word_char(d) {
                            prev_digit = d.is_ascii_digit();
                            end = i + d.len_utf8();
                            it.next();
                            continue;
                        }
                        let digit_sep = prev_digit && matches!(d, '.' | ',');
                        if joins_word(d) || digit_sep {
                            let after = text[i + d.len_utf8()..].chars().next();
                            let ok = match after {
                                Some(a) if digit_sep => a.is_ascii_digit(),
                                Some(a) => is_word_char(a),
                                None => false,
                            };
                            if ok {
                                end = i + d.len_utf8();
                                it.next();
                                continue;
                            }
                        }
                        break;
                    }
                }
                TokenKind::Space => {
                    while let Some(&(i, d)) = it.peek() {
                        if !d.is_whitespace() {
                            break;
                        }
                        end = i + d.len_utf8();
                        it.next();
                    }
                }
                TokenKind::Punct => {}
            }
            out.push(Token { kind, start, end });
        }
        out
    }

    #[test]
    fn the_same_tokens_as_by_characters() {
        let pieces = [
            "a", "Bc", "9", "1", " ", "  ", "\t", "\n", "\u{a0}", "\u{3000}", "\u{b}", ".", ",", "-", "'", "’", "‑", "é", "ü", "中", "—",
            ";", "(", ")", "x-", "2.", ",3",
        ];
        let mut state = 5u64;
        for _ in 0..20_000 {
            let mut t = String::new();
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            for _ in 0..(state >> 60) {
                state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                t.push_str(pieces[(state >> 33) as usize % pieces.len()]);
            }
            assert_eq!(tokenize(&t), by_characters(&t), "{t:?}");
        }
    }

    #[test]
    fn tokens_cover_the_text() {
        let t = "  Türkiye — “quoted”;\tand  中文 ";
        let joined: String = words(t).concat();
        assert_eq!(joined, t);
    }
}
