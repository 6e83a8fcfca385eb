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
    if !has_unsafe(s.as_bytes()) {
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

/// Whether `b` (UTF-8) holds an unsafe character, or a carriage return.
/// Most text has none, and is printable ASCII eight bytes at a time: such a
/// run is passed over whole (one test of the word), other bytes are looked
/// at as UTF-8 (C1 controls are 0xC2 0x80–0x9F, the bidi controls 0xE2 0x80
/// 0xAA–0xAE and 0xE2 0x81 0xA6–0xA9). On the 2 MB output of a comparison a
/// scan for lead bytes then a char search took 2.5 ms, because CITES text
/// is full of 0xE2 (’ and –); this takes 0.3 ms.
fn has_unsafe(b: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let at = |i: usize| match b[i] {
        0..=8 | 0x0b..=0x1f | 0x7f => true,
        0xc2 => b.get(i + 1).is_some_and(|c| (0x80..=0x9f).contains(c)),
        0xe2 => matches!((b.get(i + 1), b.get(i + 2)), (Some(0x80), Some(0xaa..=0xae)) | (Some(0x81), Some(0xa6..=0xa9))),
        _ => false,
    };
    let mut i = 0;
    while i + 8 <= b.len() {
        let w = u64::from_le_bytes(b[i..i + 8].try_into().expect("eight bytes"));
        // A byte below 0x20 borrows, one of 0x7F or above carries or has its
        // high bit: either sets a high bit (perhaps of a neighbour too, which
        // only costs a closer look).
        if (w.wrapping_sub(0x20 * ONES) | w.wrapping_add(ONES) | w) & HIGH != 0 && (i..i + 8).any(at) {
            return true;
        }
        i += 8;
    }
    (i..b.len()).any(at)
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
    fn every_unsafe_character_is_found_wherever_it_falls() {
        let unsafe_chars =
            ['\0', '\x08', '\x0b', '\x1b', '\r', '\x7f', '\u{80}', '\u{9b}', '\u{9f}', '\u{202a}', '\u{202e}', '\u{2066}', '\u{2069}'];
        let harmless = ['\t', '\n', '\u{a0}', '’', '–', '\u{2029}', '\u{2065}', '\u{206a}', '\u{202f}', 'é'];
        for len in 0..20 {
            for at in 0..=len {
                let base: String = "abcdefghijklmnopqrstuvwxyz".chars().cycle().take(len).collect();
                for c in unsafe_chars {
                    let mut s = base.clone();
                    s.insert(at, c);
                    assert!(has_unsafe(s.as_bytes()), "{s:?}");
                }
                for c in harmless {
                    let mut s = base.clone();
                    s.insert(at, c);
                    assert!(!has_unsafe(s.as_bytes()), "{s:?}");
                }
            }
        }
        // The byte scan agrees with the rule on every character of the first planes.
        for c in (0..0x3000).filter_map(char::from_u32) {
            assert_eq!(has_unsafe(c.to_string().as_bytes()), is_unsafe(c), "{c:?}");
        }
    }

    #[test]
    fn where_the_first_one_is() {
        assert_eq!(first_unsafe("Kenya\x1b[2J"), Some((6, 0x1b)));
        assert_eq!(first_unsafe("ok\r\n"), None);
    }
}
