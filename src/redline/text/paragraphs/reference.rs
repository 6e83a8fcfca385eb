//! The reading of a text as paragraphs as it was first written, char by
//! char and line by line: the reference the faster reading is checked
//! against (the same paragraphs for any text).

use std::borrow::Cow;

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
///
/// A paragraph that is one line of the text, as it stands, borrows it: on
/// a 2 MB text of a paragraph a line, copying every paragraph and checking
/// its spacing char by char took 4 ms of the comparison's 40.
pub(super) fn paragraphs(text: &str) -> Vec<Cow<'_, str>> {
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
        if super::irregular_spacing(p) {
            *p = Cow::Owned(p.split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }
    out
}
