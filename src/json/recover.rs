//! Going on after a problem, so that a file's findings come all at once and
//! nothing can exhaust the stack: the nesting limit checked before any
//! parser, placeholders that stand in for values of the wrong kind, and
//! serde's messages in gavel's words.

use serde::de::DeserializeOwned;

use super::{byte_offset, index};

/// How deep arrays and objects may nest in a gavel file (the deepest real one
/// nests 6 levels): deeper is refused before any parser sees it, so that no
/// file can exhaust the stack.
pub const MAX_DEPTH: usize = 64;

/// Where `text` first nests deeper than [`MAX_DEPTH`], if it does (a scan
/// without recursion, strings skipped).
pub fn too_deep(text: &str) -> Option<usize> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for (k, b) in text.bytes().enumerate() {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(k);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// serde's message in gavel's words; serde's own follows after "because".
pub(super) fn in_words(category: serde_json::error::Category, msg: &str) -> String {
    use serde_json::error::Category;
    if let Some(field) = msg.strip_prefix("missing field ") {
        return format!("the field {field} is missing");
    }
    let what = match category {
        Category::Eof => "the file ends too soon, inside a value",
        Category::Syntax => "this is not JSON here",
        Category::Data if msg.starts_with("invalid type") || msg.starts_with("invalid value") => "a value of the wrong kind",
        Category::Data if msg.contains("recursion limit") => "values nest too deep",
        Category::Data => return msg.to_string(),
        Category::Io => "the file could not be read",
    };
    format!("{what}, because {msg}")
}

/// An offset in the text with placeholders back to the original text's.
pub(super) fn unshift(shifts: &[(usize, isize)], at: usize) -> usize {
    let delta: isize = shifts.iter().filter(|(pos, _)| *pos < at).map(|(_, d)| *d).sum();
    (at as isize - delta).max(0) as usize
}

/// Values tried in place of one of the wrong kind, in order.
const PLACEHOLDERS: &[&str] = &[
    "\"\"",
    "0",
    "[]",
    "{}",
    "false",
    "null",
    "\"2000-01-01\"",
    "\"00:00\"",
    "\"a)\"",
    "\"1\"",
    "\"Conf. 1.1\"",
    "\"party\"",
    "\"item\"",
    "\"open\"",
    "\"pending\"",
    "\"replace\"",
];

/// The text with the value that ends at (or holds) `at` replaced by a
/// placeholder after which parsing gets further; the replaced span's start
/// and the bytes the placeholder added.
pub(super) fn stand_in<T: DeserializeOwned>(work: &str, at: usize) -> Option<(String, usize, isize)> {
    let entries = index(work);
    // The innermost value around the error (serde points at or just after a value's end).
    let e = entries.iter().filter(|e| e.value.0 <= at && at <= e.value.1).min_by_key(|e| e.value.1 - e.value.0)?;
    let (start, end) = e.value;
    for p in PLACEHOLDERS {
        let next = format!("{}{p}{}", &work[..start], &work[end..]);
        let added = p.len() as isize - (end - start) as isize;
        let further = match serde_json::from_str::<T>(&next) {
            Ok(_) => true,
            Err(e2) => {
                let at2 = byte_offset(&next, e2.line(), e2.column());
                at2 as isize - added > end as isize
            }
        };
        if further {
            return Some((next, start, added));
        }
    }
    None
}
