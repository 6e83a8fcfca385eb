//! Reading a plain text as paragraphs, whatever its line breaks: hard
//! wrapped from a PDF, with page headers and footers, footnotes at page
//! feet and labels on lines of their own, or a paragraph a line.

use std::borrow::Cow;

use super::line::Line;
use super::line_hash;

#[cfg(test)]
mod reference;

/// The lines of a text, as `str::lines` has them but for a `\r` left at a
/// line's end (every line is trimmed), found by `memchr`'s vector search:
/// `str::lines` searches a word at a time, and was 8% of the time of a
/// 2 MB comparison, which reads each text's lines twice.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let breaks = memchr::memchr_iter(b'\n', text.as_bytes()).map(Some).chain([None]);
    breaks.filter_map(move |end| {
        let from = start;
        match end {
            Some(end) => {
                start = end + 1;
                Some(&text[from..end])
            }
            // What follows the last line break, if anything does.
            None => (from < text.len()).then(|| &text[from..]),
        }
    })
}

/// White space, as `char::is_whitespace` has it, among ASCII bytes.
fn ascii_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// `str::trim`, reading ASCII ends as bytes; a non-ASCII end (perhaps a
/// Unicode space) goes to `str::trim`. Trimming every line char by char
/// was 7% of a 2 MB comparison's time.
fn trim(s: &str) -> &str {
    trim_end(trim_start(s))
}

fn trim_start(s: &str) -> &str {
    let k = s.bytes().take_while(|&c| ascii_space(c)).count();
    let t = &s[k..];
    if t.as_bytes().first().is_some_and(|&c| c >= 0x80) { t.trim_start() } else { t }
}

fn trim_end(s: &str) -> &str {
    let k = s.bytes().rev().take_while(|&c| ascii_space(c)).count();
    let t = &s[..s.len() - k];
    if t.as_bytes().last().is_some_and(|&c| c >= 0x80) { t.trim_end() } else { t }
}

/// The first word of a text that starts with one, as `split_whitespace`
/// finds it: bytes up to an ASCII space; past a non-ASCII byte, chars.
fn first_word(t: &str) -> Option<&str> {
    for (k, &c) in t.as_bytes().iter().enumerate() {
        if ascii_space(c) {
            return Some(&t[..k]);
        }
        if c >= 0x80 {
            return t.split_whitespace().next();
        }
    }
    (!t.is_empty()).then_some(t)
}

/// A label or list marker that opens a paragraph: `23.`, `b)`, `iv)`, `(a)`,
/// `IX.`, `- `, `• `; the labels extraction runs together (`jc)`) too.
fn label_len(line: &str) -> Option<usize> {
    let t = trim_start(line);
    let lead = line.len() - t.len();
    if let Some(rest) = t.strip_prefix("- ").or_else(|| t.strip_prefix("• ")).or_else(|| t.strip_prefix("* ")) {
        return Some(lead + (t.len() - rest.len()));
    }
    let word = first_word(t)?;
    let is_label = match word.as_bytes() {
        [b'(', .., b')'] => word.len() <= 6,
        [.., b')'] => word.len() <= 5 && word.as_bytes()[..word.len() - 1].iter().all(u8::is_ascii_alphanumeric),
        [w @ .., b'.'] => !w.is_empty() && (w.iter().all(u8::is_ascii_digit) || w.iter().all(|c| b"IVXLC".contains(c))),
        _ => false,
    };
    is_label.then_some(lead + word.len())
}

/// A paragraph that is a label and nothing else (`n)`), which takes the line after it.
fn bare_label(p: &str) -> bool {
    label_len(p).is_some_and(|n| n >= p.len())
}

/// A page header or footer of a PDF copy (`CoP17 Doc. 25 – p. 21`, a bare
/// page number): not part of the text, and no paragraph break. `line` is trimmed.
fn is_furniture(t: &str) -> bool {
    if t.len() > 60 {
        return false;
    }
    // A rule between the text and the notes at a page's foot.
    if !t.is_empty() && t.bytes().all(|c| c == b'_') {
        return true;
    }
    if !t.is_empty() && t.len() <= 4 && t.bytes().all(|c| c.is_ascii_digit()) {
        return true;
    }
    let Some(at) = t.rfind("p.") else { return false };
    let page = t[at + 2..].trim();
    let before = t[..at].trim_end();
    !page.is_empty() && page.bytes().all(|c| c.is_ascii_digit()) && (before.is_empty() || before.ends_with(['–', '-', '—']))
}

/// A footnote's text as extraction leaves it (`¹ Corrected …`, `^{*} Amended …`).
fn is_footnote(t: &str) -> bool {
    t.starts_with(['¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹']) || t.starts_with("^{")
}

/// Whether a paragraph's text ends a sentence, a clause or a list item.
fn ends_clause(p: &str) -> bool {
    let p = trim_end(p);
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
///
/// A paragraph that is one line of the text, as it stands, borrows it: on
/// a 2 MB text of a paragraph a line, copying every paragraph and checking
/// its spacing char by char took 4 ms of the comparison's 40. Each line is
/// trimmed and judged once a pass, the cheapest test first, and the width
/// is a selection, not a sort: this reading took 2.5–3 ms a text in a
/// 2 MB comparison, and [`reference`]'s, which it equals, 1.3 ms more.
pub fn paragraphs(text: &str) -> Vec<Cow<'_, str>> {
    read(text).into_iter().map(|l| l.text).collect()
}

/// The paragraphs of a text, as [`paragraphs`], each with its hash: read
/// straight into the lines the comparison takes (a list of paragraphs
/// turned into one of lines was 0.3 MB of fresh memory a 2 MB text).
pub(super) fn read(text: &str) -> Vec<Line<'_>> {
    let mut widths: Vec<usize> = lines(text)
        .map(trim)
        .filter(|t| !t.is_empty() && !is_furniture(t) && label_len(t).is_none_or(|n| n < t.len()))
        .map(str::len)
        .collect();
    let n = widths.len();
    let width = if n == 0 { 0 } else { *widths.select_nth_unstable(n * 4 / 5).1 };
    let full = widths.iter().filter(|&&w| w * 10 >= width * 7).count();
    let wrapped = width >= 40 && full * 2 >= n;
    let mut out: Vec<Line> = Vec::with_capacity(n + 1);
    let para = |t| Line { text: Cow::Borrowed(t), hash: 0 };
    // The paragraph a line may continue: a footnote's text, set at a page's
    // foot, stands on its own and leaves the paragraph above it open.
    let mut open: Option<usize> = None;
    // Whether that paragraph is a bare label (known once a change of it).
    let mut open_bare = false;
    let mut last_short = true;
    // A blank line or page furniture came since the last line: a page break, perhaps.
    let mut broken = false;
    for line in lines(text) {
        let t = trim(line);
        if t.is_empty() || is_furniture(t) {
            broken = true;
            continue;
        }
        let t = trim_start(t.strip_prefix("- ").or_else(|| t.strip_prefix("• ")).unwrap_or(t));
        if is_footnote(t) {
            out.push(para(t));
            continue;
        }
        let lower = t.starts_with(|c: char| c.is_lowercase());
        let continues = match open {
            None => false,
            Some(_) if open_bare => true,
            Some(k) => {
                // A paragraph a line: only a page break inside a sentence continues it.
                let may = if wrapped { !last_short && (!broken || lower) } else { broken && lower };
                may && label_len(t).is_none() && !ends_clause(&out[k].text)
            }
        };
        match open.filter(|_| continues) {
            Some(k) => {
                let p = out[k].text.to_mut();
                let hyphen = p.ends_with('-') && p[..p.len() - 1].ends_with(|c: char| c.is_alphabetic()) && lower;
                if !hyphen {
                    p.push(' ');
                }
                p.push_str(t);
                open_bare = bare_label(p);
            }
            None => {
                out.push(para(t));
                open = Some(out.len() - 1);
                open_bare = bare_label(t);
            }
        }
        last_short = t.len() * 10 < width * 6;
        broken = false;
    }
    for l in &mut out {
        let (irregular, hash) = spacing_and_hash(&l.text);
        l.hash = hash;
        if irregular {
            l.text = Cow::Owned(l.text.split_whitespace().collect::<Vec<_>>().join(" "));
            l.hash = line_hash(&l.text);
        }
    }
    out
}

/// Whether a paragraph's spacing is irregular ([`spacing_and_hash`]).
#[cfg(test)]
fn irregular_spacing(p: &str) -> bool {
    spacing_and_hash(p).0
}

/// Whether a paragraph's spacing is irregular — two white-space characters
/// in a row, or any white space but a space (tab, carriage return …) — and
/// its hash ([`line_hash`]), in one pass, eight bytes at a time as bit
/// masks. On a 2 MB text, a char search for the spacing took 2 ms, a loop
/// over the bytes 1 ms, a substring search for two spaces 1.5 ms (a
/// candidate at every space), five byte searches 1.5 ms; the masks 0.2 ms;
/// and apart, the masks and the hash were four fifths of the time it took
/// to read a text into paragraphs. It may find a few other control
/// characters irregular, which costs only a needless rewrite of the
/// paragraph's spacing (the same text).
fn spacing_and_hash(p: &str) -> (bool, u64) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const LOW: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let b = p.as_bytes();
    let mut hash = crate::redline::tokens::Hash::new(b.len());
    let mut chunks = b.chunks_exact(8);
    let (mut carry, mut irregular) = (0u64, false);
    for c in &mut chunks {
        let word = u64::from_le_bytes(c.try_into().expect("eight bytes"));
        hash.add(word);
        // 0x80 in each byte below 0x0e (tab to carriage return, and lower).
        let control = word.wrapping_sub(0x0e * ONES) & !word & HIGH;
        // 0x80 in each byte that is a space, exactly (no borrow between bytes).
        let v = word ^ (0x20 * ONES);
        let space = !(((v & LOW) + LOW) | v | LOW);
        irregular |= control != 0 || space & ((space << 8) | carry) != 0;
        carry = space >> 56;
    }
    let mut after_space = carry != 0;
    for &c in chunks.remainder() {
        irregular |= c < 0x0e || (c == b' ' && after_space);
        after_space = c == b' ';
    }
    (irregular, hash.finish(chunks.remainder()))
}

#[cfg(test)]
mod tests {
    use super::{irregular_spacing, paragraphs, reference};

    /// Pieces of line that steer the reading: labels of each kind, page
    /// furniture, footnotes, hyphens, Unicode spaces at either end, lower
    /// and upper case, clause ends, lines short and long.
    const PIECES: &[&str] = &[
        "23.",
        "b)",
        "iv)",
        "(a)",
        "IX.",
        "- ",
        "• ",
        "* ",
        "jc)",
        "n)",
        "12",
        "____",
        "CoP17 Doc. 25 – p. 21",
        "p. 3",
        "¹ Corrected",
        "^{*} Amended",
        "law-",
        "enforcement",
        "RECALLING that the Parties shall",
        "take measures;",
        "; and",
        "; or",
        "end.",
        "Title",
        "\u{a0}",
        "\u{3000}",
        "\u{85}",
        "\t",
        "  ",
        " ",
        "é",
        "Émile",
        "x",
        "\u{b}",
        "a long line of ordinary words that runs well past forty characters to set a width",
        "another line of about the same width, which continues the sentence above it",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        /// The byte-wise reading gives the paragraphs of the char-wise one.
        #[test]
        fn the_reading_equals_its_reference(
            lines in proptest::collection::vec(proptest::collection::vec(0..PIECES.len(), 0..6), 0..40),
            joins in proptest::collection::vec(0u8..3, 40),
        ) {
            let text: String = lines
                .iter()
                .zip(&joins)
                .map(|(l, &j)| {
                    let sep = [" ", "", "\u{a0}"][usize::from(j)];
                    l.iter().map(|&k| PIECES[k]).collect::<Vec<_>>().join(sep) + "\n"
                })
                .collect();
            proptest::prop_assert_eq!(paragraphs(&text), reference::paragraphs(&text), "{:?}", text);
        }
    }

    #[test]
    fn lines_are_those_str_lines_finds_but_for_a_carriage_return() {
        for text in ["", "\n", "a", "a\n", "a\nb", "a\n\nb\n", "\n\na", "a\r\nb\r\n", "x\ry\n"] {
            let want: Vec<&str> = text.lines().collect();
            let got: Vec<&str> = super::lines(text).map(|l| l.strip_suffix('\r').unwrap_or(l)).collect();
            assert_eq!(got, want, "{text:?}");
        }
    }

    #[test]
    fn the_hash_read_with_the_spacing_is_the_line_hash() {
        let mut t = String::new();
        for k in 0..200 {
            assert_eq!(super::spacing_and_hash(&t).1, super::line_hash(&t), "{t:?}");
            t.push(['a', ' ', 'é', '\t', '–'][k % 5]);
        }
    }

    #[test]
    fn irregular_spacing_is_found_wherever_it_falls() {
        let word = "abcdefghijklmnopqrstuvwxyz";
        for len in 0..40 {
            for at in 0..len {
                let mut s: String = word.chars().cycle().take(len).collect();
                let regular = s.clone();
                assert!(!irregular_spacing(&regular), "{regular:?}");
                s.replace_range(at..at + 1, " ");
                assert!(!irregular_spacing(&s), "one space: {s:?}");
                if at + 2 <= len {
                    s.replace_range(at..at + 2, "  ");
                    assert!(irregular_spacing(&s), "two spaces at {at}: {s:?}");
                    s.replace_range(at..at + 2, " \t");
                    assert!(irregular_spacing(&s), "a tab at {at}: {s:?}");
                }
            }
        }
        assert!(!irregular_spacing("a b c d e f g h i j k l"));
        assert!(irregular_spacing("a b c d e f g\u{0c}h"));
    }
}
