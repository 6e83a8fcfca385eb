//! The inline marks of resolution text, `*italic*` and footnote markers
//! `[^1]`, split out of a run of text for renderers that show them as
//! formatting (HTML, DOCX) rather than as characters.

/// A stretch of text with one formatting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline<'a> {
    Text {
        text: &'a str,
        italic: bool,
    },
    /// A footnote marker: its key (`1`).
    Footnote(&'a str),
}

/// Splits `text`, carrying the italic state across calls: a deletion may end
/// inside an italic title that the next piece closes.
pub fn inlines<'a>(text: &'a str, italic: &mut bool) -> Vec<Inline<'a>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'*' => {
                if i > start {
                    out.push(Inline::Text { text: &text[start..i], italic: *italic });
                }
                *italic = !*italic;
                i += 1;
                start = i;
            }
            b'[' if bytes.get(i + 1) == Some(&b'^') => {
                let close = text[i..].find(']').map(|c| i + c);
                match close {
                    Some(c) if c > i + 2 && text[i + 2..c].chars().all(|ch| ch.is_alphanumeric()) => {
                        if i > start {
                            out.push(Inline::Text { text: &text[start..i], italic: *italic });
                        }
                        out.push(Inline::Footnote(&text[i + 2..c]));
                        i = c + 1;
                        start = i;
                    }
                    _ => i += 1,
                }
            }
            _ => i += 1,
        }
    }
    if start < text.len() {
        out.push(Inline::Text { text: &text[start..], italic: *italic });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn italics_and_footnotes() {
        let mut it = false;
        let v = inlines("Conf. 17.6 (Rev. CoP19)[^1] on *Prohibiting, preventing*, for", &mut it);
        assert_eq!(
            v,
            [
                Inline::Text { text: "Conf. 17.6 (Rev. CoP19)", italic: false },
                Inline::Footnote("1"),
                Inline::Text { text: " on ", italic: false },
                Inline::Text { text: "Prohibiting, preventing", italic: true },
                Inline::Text { text: ", for", italic: false },
            ]
        );
        assert!(!it);
        let v = inlines("on *Trans", &mut it);
        assert_eq!(v.last(), Some(&Inline::Text { text: "Trans", italic: true }));
        assert!(it, "the state carries into the next piece");
    }
}
