//! Data shown on a terminal is shown, never obeyed: control characters and
//! bidirectional overrides in names, titles or text are made visible, so that
//! an escape sequence in a proposal cannot clear the screen, retitle the
//! window, plant a hyperlink or switch off the underline of inserted text.

use std::borrow::Cow;

/// Whether `c` would act on a terminal or on the order text is shown in,
/// rather than be shown: C0 controls but tab and line feed, DEL, C1 controls,
/// and the bidirectional embeddings, overrides and isolates.
pub fn is_unsafe(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `s` with every unsafe character replaced by a visible stand-in: C0
/// controls by their Unicode control pictures (`␛` for ESC), DEL by `␡`, C1
/// controls and bidi overrides by their code (`<U+009B>`, `<U+202E>`). A
/// carriage return before a line feed (a Windows line end) is kept.
pub fn visible(s: &str) -> Cow<'_, str> {
    // Most text has none: a byte scan finds out (C1 controls start with 0xC2,
    // the bidi controls with 0xE2; only then are characters looked at).
    let suspect = |b: &u8| matches!(*b, 0..=8 | 0x0b..=0x1f | 0x7f | 0xc2 | 0xe2);
    if !s.as_bytes().iter().any(suspect) || !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if !is_unsafe(c) || (c == '\r' && chars.peek() == Some(&'\n')) {
            out.push(c);
            continue;
        }
        match c {
            '\u{0}'..='\u{1f}' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}')),
            '\u{7f}' => out.push('\u{2421}'),
            _ => out.push_str(&format!("<U+{:04X}>", c as u32)),
        }
    }
    Cow::Owned(out)
}

/// The first unsafe character of `s`: its column (1-based, in characters) and code.
pub fn first_unsafe(s: &str) -> Option<(usize, u32)> {
    s.chars().enumerate().find(|&(_, c)| is_unsafe(c) && c != '\r').map(|(k, c)| (k + 1, c as u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_shown_not_obeyed() {
        assert_eq!(visible("plain text, tabs\tand\nlines"), "plain text, tabs\tand\nlines");
        assert!(matches!(visible("plain"), Cow::Borrowed(_)));
        assert_eq!(visible("\x1b[2Jcleared"), "␛[2Jcleared");
        assert_eq!(visible("\x1b]0;title\x07"), "␛]0;title␇");
        assert_eq!(visible("a\u{9b}31mb"), "a<U+009B>31mb");
        assert_eq!(visible("abc\u{202e}fed"), "abc<U+202E>fed");
        assert_eq!(visible("line\r\nnext\rover"), "line\r\nnext␍over");
        assert_eq!(visible("\x7f"), "␡");
        for s in ["\x1b[0m", "\u{85}", "\u{2067}x", "\0"] {
            assert!(!visible(s).chars().any(is_unsafe), "{s:?}");
        }
    }

    #[test]
    fn where_the_first_one_is() {
        assert_eq!(first_unsafe("Kenya\x1b[2J"), Some((6, 0x1b)));
        assert_eq!(first_unsafe("ok\r\n"), None);
    }
}
