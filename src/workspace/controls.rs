//! `check` warns about control characters and bidirectional overrides in
//! data: gavel shows them visibly on a terminal (`crate::safe`), but they
//! are almost never meant, and a file written with `-o` holds them as they are.

use std::path::Path;

use crate::diag::Diagnostic;
use crate::safe::is_unsafe;

/// A warning at the first unsafe character of each line of `text`; in JSON
/// (`json`), also at `\u001b`-style escapes that stand for one.
pub fn findings(path: &Path, text: &str, json: bool) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // Every command loads every data file: a byte scan clears clean text at
    // once (C1 controls start with 0xC2, bidi controls with 0xE2, escapes with `\u`).
    let suspect = |b: &u8| matches!(*b, 0..=8 | 0x0b..=0x0c | 0x0e..=0x1f | 0x7f | 0xc2 | 0xe2);
    if !(text.as_bytes().iter().any(suspect) || (json && text.contains("\\u"))) {
        return out;
    }
    for (n, line) in text.lines().enumerate() {
        let found = line.char_indices().enumerate().find_map(|(col, (at, c))| {
            if is_unsafe(c) && c != '\r' {
                return Some((col, c as u32));
            }
            if json && c == '\\' {
                return escaped(line, at).map(|code| (col, code));
            }
            None
        });
        if let Some((col, code)) = found {
            let shown = crate::safe::visible(&char::from_u32(code).map(String::from).unwrap_or_default()).into_owned();
            out.push(
                Diagnostic::warning(path, n as u32 + 1, col as u32 + 1, format!("a control character (U+{code:04X}) is in the data"))
                    .hint(format!("remove it: on a terminal gavel shows it as `{shown}`, but a file written with -o holds it")),
            );
        }
    }
    out
}

/// The code of an unsafe character written as a `\uXXXX` escape starting at
/// byte `at` (a backslash that is not itself escaped).
fn escaped(line: &str, at: usize) -> Option<u32> {
    let backslashes = line[..at].bytes().rev().take_while(|&b| b == b'\\').count();
    if backslashes % 2 == 1 {
        return None;
    }
    let hex = line.get(at + 2..at + 6).filter(|_| line[at + 1..].starts_with('u'))?;
    let code = u32::from_str_radix(hex, 16).ok()?;
    char::from_u32(code).filter(|&c| is_unsafe(c) && !matches!(c, '\r')).map(|_| code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_and_escaped() {
        let p = Path::new("f.json");
        let f = findings(p, "{\"name\": \"Kenya\\u001b[2J\"}\n{\"ok\": \"tab\\t and \\\\u001b\"}\n\"\u{202e}x\"", true);
        let at: Vec<(u32, u32)> = f.iter().map(|d| (d.line, d.column)).collect();
        assert_eq!(at, [(1, 16), (3, 2)], "{f:?}");
        assert!(f[0].to_string().contains("U+001B"), "{}", f[0]);
        assert!(findings(Path::new("r.txt"), "plain\r\ntext\n", false).is_empty());
        assert_eq!(findings(Path::new("r.txt"), "a\x1b[0mb", false)[0].column, 2);
    }
}
