//! Reading JSON files so that a user's mistakes come back located and all at
//! once: every unknown field (with serde's list of the expected ones), a
//! syntax or type error with its line and column, and a locator that turns a
//! path such as `days[0].sessions[1].items[3].id` into a line and column for
//! findings that only appear once the file is understood.

use std::path::Path;

use serde::de::DeserializeOwned;

mod locate;
mod recover;

use locate::{index, key_at};
pub use locate::{locate, locate_in_string, value_span};

pub use recover::{MAX_DEPTH, too_deep};
use recover::{in_words, stand_in, unshift};

use crate::diag::{Diagnostic, byte_col_to_char_col, line_col};

/// One step of a path into a JSON document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Key(&'static str),
    Index(usize),
}

/// A parsed JSON file: the value, if it could be read, and every finding.
#[derive(Debug)]
pub struct JsonFile<T> {
    pub value: Option<T>,
    pub diagnostics: Vec<Diagnostic>,
}

/// At most this many unknown fields are reported in one file.
const MAX_UNKNOWN: usize = 100;

/// Deserializes `text`, reporting every unknown field rather than the first.
/// Unknown members are blanked out (replaced by spaces, so positions stay
/// true) and parsing is tried again.
pub fn parse<T: DeserializeOwned>(text: &str, path: &Path) -> JsonFile<T> {
    if let Some(at) = too_deep(text) {
        let (line, column) = line_col(text, at);
        let d = Diagnostic::error(path, line, column, format!("arrays and objects nest more than {MAX_DEPTH} levels deep here"))
            .hint("no gavel file nests so deep: this part of the file is not what gavel wrote; remove it");
        return JsonFile { value: None, diagnostics: vec![d] };
    }
    let mut diagnostics = Vec::new();
    let mut work = text.to_string();
    // Placeholders stood in for values of the wrong kind: (offset in `work`, bytes added), to map positions back.
    let mut shifts: Vec<(usize, isize)> = Vec::new();
    let mut stood_in = false;
    loop {
        match serde_json::from_str::<T>(&work) {
            Ok(_) if stood_in => return JsonFile { value: None, diagnostics },
            Ok(v) => return JsonFile { value: Some(v), diagnostics },
            Err(e) => {
                let at = byte_offset(&work, e.line(), e.column());
                let original = unshift(&shifts, at);
                let (line, column) = line_col(text, original.min(text.len()));
                let message = strip_position(&e.to_string());
                // A value of the wrong kind: reported, then a placeholder of a kind that fits stands in
                // for it, so that the errors after it are found too (all of them, not just the first).
                if e.classify() == serde_json::error::Category::Data
                    && !message.starts_with("unknown field")
                    && !message.starts_with("missing field")
                    && diagnostics.len() < MAX_UNKNOWN
                {
                    diagnostics.push(
                        Diagnostic::error(path, line, column, in_words(e.classify(), &message))
                            .hint("see README, File formats, for what this field holds"),
                    );
                    match stand_in::<T>(&work, at) {
                        Some((next, span, added)) => {
                            shifts.push((span, added));
                            work = next;
                            stood_in = true;
                            continue;
                        }
                        None => return JsonFile { value: None, diagnostics },
                    }
                }
                if stood_in && message.starts_with("missing field") {
                    // A consequence of a placeholder, not a finding of its own.
                    return JsonFile { value: None, diagnostics };
                }
                let (line, column) = if shifts.is_empty() { byte_col_to_char_col(&work, e.line(), e.column()) } else { (line, column) };
                if message.starts_with("unknown field") && diagnostics.len() < MAX_UNKNOWN {
                    let offset = byte_offset(&work, e.line(), e.column());
                    if let Some(blanked) = blank_member_at(&work, offset) {
                        let (line, column) = key_position(&work, offset).unwrap_or((line, column));
                        diagnostics.push(
                            Diagnostic::error(path, line, column, message)
                                .hint("remove the field or correct its spelling (the fields are listed in README, File formats)"),
                        );
                        work = blanked;
                        continue;
                    }
                }
                let hint = match e.classify() {
                    serde_json::error::Category::Syntax => {
                        "check the punctuation here: members are separated by commas (none after the last), keys and strings are in double quotes"
                    }
                    serde_json::error::Category::Eof => "the file ends inside a value: a closing `}`, `]` or `\"` is missing",
                    serde_json::error::Category::Data => "see README, File formats, for what this field holds",
                    serde_json::error::Category::Io => "the file could not be read",
                };
                diagnostics.push(Diagnostic::error(path, line, column, in_words(e.classify(), &message)).hint(hint));
                return JsonFile { value: None, diagnostics };
            }
        }
    }
}

pub(crate) fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(at) if msg[at..].contains(" column ") => msg[..at].to_string(),
        _ => msg.to_string(),
    }
}

/// Byte offset of serde_json's 1-based (line, byte column).
fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
    (start + column.saturating_sub(1)).min(text.len())
}

/// Where the key whose closing quote is at `offset` starts.
fn key_position(text: &str, offset: usize) -> Option<(u32, u32)> {
    Some(line_col(text, key_at(text, offset)?.key?.0))
}

fn blank_member_at(text: &str, offset: usize) -> Option<String> {
    let entry = key_at(text, offset)?;
    let (start, _) = entry.key?;
    let end = entry.value.1;
    let (from, to) = match (entry.comma_after, entry.comma_before) {
        (Some(c), _) => (start, c + 1),
        (None, Some(c)) => (c, end),
        (None, None) => (start, end),
    };
    let mut bytes = text.as_bytes().to_vec();
    for b in &mut bytes[from..to] {
        if *b != b'\n' {
            *b = b' ';
        }
    }
    // Only ASCII bytes were written over whole UTF-8 sequences, so this cannot fail.
    String::from_utf8(bytes).ok()
}

/// Reads and parses a JSON file from disk.
pub fn read<T: DeserializeOwned>(path: &Path) -> (JsonFile<T>, Option<String>) {
    match crate::source::read_text(path) {
        Ok(text) => (parse(&text, path), Some(text)),
        Err(d) => (JsonFile { value: None, diagnostics: vec![d] }, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Member {
        name: String,
        #[serde(default)]
        roles: Vec<String>,
    }

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Group {
        members: Vec<Member>,
    }

    #[test]
    fn every_unknown_field_is_reported_with_its_position() {
        let t = "{\n  \"members\": [\n    {\"name\": \"a\", \"rol\": [1, {\"x\": 2}]},\n    {\"nme\": \"b\", \"name\": \"c\"}\n  ],\n  \"extra\": true\n}";
        let f = parse::<Group>(t, Path::new("g.json"));
        let got: Vec<String> = f.diagnostics.iter().map(|d| format!("{}:{} {}", d.line, d.column, d.message)).collect();
        assert_eq!(
            got,
            [
                "3:19 unknown field `rol`, expected `name` or `roles`",
                "4:6 unknown field `nme`, expected `name` or `roles`",
                "6:3 unknown field `extra`, expected `members`",
            ]
        );
        assert!(f.value.is_some(), "the rest of the file is still read");
    }

    #[test]
    fn syntax_errors_stop_with_line_and_column() {
        let t = "{\n  \"members\": [\n    {\"name\": \"a\"}\n    {\"name\": \"b\"}\n  ]\n}";
        let f = parse::<Group>(t, Path::new("g.json"));
        assert!(f.value.is_none());
        assert_eq!(f.diagnostics.len(), 1);
        let d = &f.diagnostics[0];
        assert_eq!((d.line, d.column, d.message.as_str()), (4, 5, "this is not JSON here, because expected `,` or `]`"));
    }

    #[test]
    fn missing_fields_and_wrong_types_are_named() {
        let f = parse::<Group>("{\"members\": [{\"roles\": []}]}", Path::new("g.json"));
        assert_eq!(f.diagnostics[0].message, "the field `name` is missing");
        let f = parse::<Group>("{\"members\": {}}", Path::new("g.json"));
        assert!(
            f.diagnostics[0].message.starts_with("a value of the wrong kind, because invalid type: map, expected a sequence"),
            "{}",
            f.diagnostics[0].message
        );
        // Every value of the wrong kind is reported, each at its own place, with no cascade.
        let t = "{\"members\": [\n  {\"name\": 1},\n  {\"name\": \"ok\", \"roles\": 5},\n  {\"name\": true}\n]}";
        let f = parse::<Group>(t, Path::new("g.json"));
        assert!(f.value.is_none());
        let at: Vec<(u32, u32)> = f.diagnostics.iter().map(|d| (d.line, d.column)).collect();
        assert_eq!(at.len(), 3, "{:?}", f.diagnostics);
        assert_eq!(at.iter().map(|p| p.0).collect::<Vec<_>>(), [2, 3, 4], "{:?}", f.diagnostics);
    }
}
