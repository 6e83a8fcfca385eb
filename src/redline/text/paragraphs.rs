//! Reading a plain text as paragraphs, whatever its line breaks: hard
//! wrapped from a PDF, with page headers and footers, footnotes at page
//! feet and labels on lines of their own, or a paragraph a line.

use std::borrow::Cow;

/// A label or list marker that opens a paragraph: `23.`, `b)`, `iv)`, `(a)`,
/// `IX.`, `- `, `• `; the labels extraction runs together (`jc)`) too.
pub(super) fn label_len(line: &str) -> Option<usize> {
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
///
/// A paragraph that is one line of the text, as it stands, borrows it: on
/// a 2 MB text of a paragraph a line, copying every paragraph and checking
/// its spacing char by char took 4 ms of the comparison's 40.
pub fn paragraphs(text: &str) -> Vec<Cow<'_, str>> {
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
    let mut out: Vec<Cow<str>> = Vec::new();
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
            out.push(Cow::Borrowed(t));
            continue;
        }
        let bare_label = |p: &str| label_len(p).is_some_and(|n| n >= p.len());
        let lower = t.starts_with(|c: char| c.is_lowercase());
        let continues = match open.map(|k| out[k].as_ref()) {
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
                let p = out[k].to_mut();
                let hyphen = p.ends_with('-') && p[..p.len() - 1].ends_with(|c: char| c.is_alphabetic()) && lower;
                if !hyphen {
                    p.push(' ');
                }
                p.push_str(t);
            }
            None => {
                out.push(Cow::Borrowed(t));
                open = Some(out.len() - 1);
            }
        }
        last_short = t.len() * 10 < width * 6;
        broken = false;
    }
    for p in &mut out {
        if irregular_spacing(p) {
            *p = Cow::Owned(p.split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }
    out
}

/// Two white-space characters in a row, or any white space but a space
/// (tab, carriage return …). Read eight bytes at a time as bit masks, in one
/// pass: on a 2 MB text, a char search took 2 ms, a loop over the bytes
/// 1 ms, a substring search for two spaces 1.5 ms (a candidate at every
/// space), five byte searches 1.5 ms; this takes 0.2 ms. It may answer yes
/// for a few other control characters, which costs only a needless
/// rewrite of the paragraph's spacing (the same text).
fn irregular_spacing(p: &str) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const LOW: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let b = p.as_bytes();
    let mut chunks = b.chunks_exact(8);
    let mut carry = 0u64;
    for c in &mut chunks {
        let word = u64::from_le_bytes(c.try_into().expect("eight bytes"));
        // 0x80 in each byte below 0x0e (tab to carriage return, and lower).
        let control = word.wrapping_sub(0x0e * ONES) & !word & HIGH;
        // 0x80 in each byte that is a space, exactly (no borrow between bytes).
        let v = word ^ (0x20 * ONES);
        let space = !(((v & LOW) + LOW) | v | LOW);
        if control != 0 || space & ((space << 8) | carry) != 0 {
            return true;
        }
        carry = space >> 56;
    }
    let mut after_space = carry != 0;
    for &c in chunks.remainder() {
        if c < 0x0e || (c == b' ' && after_space) {
            return true;
        }
        after_space = c == b' ';
    }
    false
}

#[cfg(test)]
mod tests {
    use super::irregular_spacing;

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
