//! Placing findings in a JSON text: a path such as
//! `days[0].sessions[1].items[3].id` turned into a line and column, or into
//! the byte span of its value, by scanning the text (it serves findings that
//! only appear once the file is understood, and the blanking of unknown
//! members).

use super::Seg;
use crate::diag::line_col;

/// Finds the position of a path in a JSON text: the key of an object member,
/// or the start of an array element. Falls back to the deepest part of the
/// path that exists, then to the start of the file.
pub fn locate(text: &str, path: &[Seg]) -> (u32, u32) {
    let entries = index(text);
    for len in (1..=path.len()).rev() {
        if let Some(e) = entries.iter().find(|e| e.path == path[..len]) {
            return line_col(text, e.key.map_or(e.value.0, |k| k.0));
        }
    }
    (1, 1)
}

/// The line and column of a character inside the string value at `path`:
/// `offset` bytes into the string as it reads once unescaped. Falls back to
/// [`locate`] when the path has no string value.
pub fn locate_in_string(text: &str, path: &[Seg], value: &str, offset: usize) -> (u32, u32) {
    let Some((start, _)) = value_span(text, path) else { return locate(text, path) };
    // Past the opening quote, and the string's text before the character as JSON writes it.
    let before = serde_json::to_string(&value[..offset]).map_or(offset, |s| s.len() - 2);
    line_col(text, (start + 1 + before).min(text.len()))
}

/// The byte range of the value at a path, if the text has it.
pub fn value_span(text: &str, path: &[Seg]) -> Option<(usize, usize)> {
    index(text).into_iter().find(|e| e.path == path).map(|e| e.value)
}

/// The member whose key holds byte `offset`.
pub(super) fn key_at(text: &str, offset: usize) -> Option<Entry> {
    index(text).into_iter().find(|e| e.key.is_some_and(|(s, end)| s <= offset && offset < end))
}

/// A member or element found while scanning.
#[derive(Debug)]
pub(super) struct Entry {
    pub(super) path: Vec<Seg>,
    /// Byte span of the key string, quotes included, for object members.
    pub(super) key: Option<(usize, usize)>,
    /// Byte span of the value.
    pub(super) value: (usize, usize),
    pub(super) comma_after: Option<usize>,
    pub(super) comma_before: Option<usize>,
}

/// Scans a JSON text into entries with their paths and spans. Keys are
/// interned against the static names the caller's paths use; a key that no
/// path could name is kept under `Seg::Key("")`. Gives up quietly (returning
/// what it has) on malformed input: it only serves to place findings.
pub(super) fn index(text: &str) -> Vec<Entry> {
    let mut out = Vec::new();
    let mut path = Vec::new();
    let _ = scan_value(text.as_bytes(), text, skip_ws(text.as_bytes(), 0), &mut path, &mut out);
    out
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && b[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}

fn scan_string(b: &[u8], mut i: usize) -> Option<usize> {
    if b.get(i) != Some(&b'"') {
        return None;
    }
    i += 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

fn scan_value(b: &[u8], text: &str, i: usize, path: &mut Vec<Seg>, out: &mut Vec<Entry>) -> Option<usize> {
    match b.get(i)? {
        b'"' => scan_string(b, i),
        b'{' => {
            let mut j = skip_ws(b, i + 1);
            if b.get(j) == Some(&b'}') {
                return Some(j + 1);
            }
            let mut comma_before = None;
            loop {
                let key_start = j;
                let key_end = scan_string(b, j)?;
                let key = intern(&text[key_start + 1..key_end - 1]);
                j = skip_ws(b, key_end);
                if b.get(j) != Some(&b':') {
                    return None;
                }
                let v_start = skip_ws(b, j + 1);
                path.push(Seg::Key(key));
                let v_end = scan_value(b, text, v_start, path, out);
                let entry_path = path.clone();
                path.pop();
                let v_end = v_end?;
                j = skip_ws(b, v_end);
                let comma_after = (b.get(j) == Some(&b',')).then_some(j);
                out.push(Entry { path: entry_path, key: Some((key_start, key_end)), value: (v_start, v_end), comma_after, comma_before });
                match b.get(j)? {
                    b',' => {
                        comma_before = Some(j);
                        j = skip_ws(b, j + 1);
                    }
                    b'}' => return Some(j + 1),
                    _ => return None,
                }
            }
        }
        b'[' => {
            let mut j = skip_ws(b, i + 1);
            if b.get(j) == Some(&b']') {
                return Some(j + 1);
            }
            let mut n = 0;
            let mut comma_before = None;
            loop {
                path.push(Seg::Index(n));
                let v_end = scan_value(b, text, j, path, out);
                let entry_path = path.clone();
                path.pop();
                let v_end = v_end?;
                let k = skip_ws(b, v_end);
                let comma_after = (b.get(k) == Some(&b',')).then_some(k);
                out.push(Entry { path: entry_path, key: None, value: (j, v_end), comma_after, comma_before });
                match b.get(k)? {
                    b',' => {
                        comma_before = Some(k);
                        j = skip_ws(b, k + 1);
                        n += 1;
                    }
                    b']' => return Some(k + 1),
                    _ => return None,
                }
            }
        }
        _ => {
            let mut j = i;
            while j < b.len() && !matches!(b[j], b',' | b'}' | b']') && !b[j].is_ascii_whitespace() {
                j += 1;
            }
            (j > i).then_some(j)
        }
    }
}

/// The field names paths may use. A path names fields by `&'static str`, so
/// keys are matched against this list; others become `""`.
const KNOWN_KEYS: &[&str] = &[
    "access",
    "after",
    "before",
    "body",
    "category",
    "changes",
    "chapeau",
    "closing",
    "date",
    "days",
    "decision",
    "documents",
    "drafted_against",
    "end",
    "established",
    "group",
    "id",
    "items",
    "kind",
    "label",
    "mandate",
    "members",
    "minutes",
    "name",
    "note",
    "op",
    "presenters",
    "proponents",
    "proposals",
    "resolution",
    "resolutions",
    "revision",
    "roles",
    "sessions",
    "short_name",
    "source",
    "start",
    "status",
    "supporters",
    "target",
    "text",
    "title",
    "topic",
    "topics",
    "venue",
];

fn intern(key: &str) -> &'static str {
    KNOWN_KEYS.iter().copied().find(|k| *k == key).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locate_finds_nested_paths() {
        let t = "{\n  \"members\": [\n    {\"name\": \"a\"},\n    {\"name\": \"Côte d'Ivoire\", \"roles\": [\"x\"]}\n  ]\n}";
        assert_eq!(locate(t, &[Seg::Key("members"), Seg::Index(1), Seg::Key("roles")]), (4, 31));
        assert_eq!(locate(t, &[Seg::Key("members"), Seg::Index(1), Seg::Key("roles"), Seg::Index(0)]), (4, 41));
        assert_eq!(locate(t, &[Seg::Key("members"), Seg::Index(7)]), (2, 3), "falls back to the part that exists");
    }
}
