//! The header block: `Symbol:`, `Revision:`, `Title:`, `Note:`.

use std::collections::HashMap;

use super::Parser;
use crate::resolution::model::Header;
use crate::resolution::symbol::{Revision, Symbol};

const HEADER_KEYS: &str = "Symbol, Revision, Title, Note";

impl Parser<'_> {
    /// Reads `Key: value` lines up to the first blank line.
    pub(super) fn header(&mut self, lines: &[&str]) -> (Option<Header>, usize) {
        const START_HINT: &str = "start the file with `Symbol: Conf. 11.3`, `Revision: Rev. CoP19` and `Title: …`, then a blank line";
        // key -> (value, line, column of the value)
        let mut fields: HashMap<&'static str, (String, usize, usize)> = HashMap::new();
        let mut i = lines.iter().position(|l| !l.trim().is_empty()).unwrap_or(lines.len());
        let first = i;
        while i < lines.len() && !lines[i].trim().is_empty() {
            let line = lines[i];
            let key = line.split_once(':').map(|(k, v)| (k.trim().to_ascii_lowercase(), k, v));
            let known = match key.as_ref().map(|(k, _, _)| k.as_str()) {
                Some("symbol") => Some("Symbol"),
                Some("revision") => Some("Revision"),
                Some("title") => Some("Title"),
                Some("note") => Some("Note"),
                _ => None,
            };
            match (known, key) {
                (Some(k), Some((_, raw_key, value))) => {
                    let col = raw_key.chars().count() + 2 + (value.len() - value.trim_start().len());
                    if fields.contains_key(k) {
                        self.err(i + 1, 1, format!("`{k}` is given twice in the header"), "keep one");
                    } else {
                        fields.insert(k, (value.trim().to_string(), i + 1, col));
                    }
                }
                _ if i == first => {
                    self.err(i + 1, 1, "expected the header line `Symbol: Conf. …` at the top of the file", START_HINT);
                    return (None, i);
                }
                (None, Some((k, _, _))) => {
                    self.err(i + 1, 1, format!("unknown header key `{k}`"), format!("the header keys are {HEADER_KEYS}"));
                }
                (_, None) => {
                    self.err(
                        i + 1,
                        1,
                        "expected `Key: value` in the header, or a blank line to end it",
                        format!("the header keys are {HEADER_KEYS}; leave a blank line between the header and the first paragraph"),
                    );
                }
            }
            i += 1;
        }
        // Findings about the header as a whole point at its first line (line 1 of an empty text).
        let first = first.min(lines.len().saturating_sub(1));
        let at = |k: &str| fields.get(k).cloned();
        let symbol = match at("Symbol") {
            Some((v, line, col)) => v.parse::<Symbol>().map_err(|e| self.err(line, col, e, "write the symbol as `Conf. 11.3`")).ok(),
            None => {
                self.err(first + 1, 1, "the header has no `Symbol:`", "add `Symbol: Conf. 11.3` (the resolution's symbol)");
                None
            }
        };
        let revision = match at("Revision") {
            Some((v, line, col)) => match v.parse::<Revision>() {
                Ok(r) => Ok(Some(r)),
                Err(e) => {
                    self.err(line, col, e, "write the revision as `Rev. CoP19`, or leave the line out for an original text");
                    Err(())
                }
            },
            None => Ok(None),
        };
        let title = match at("Title") {
            Some((v, _, _)) if !v.is_empty() => Some(v),
            _ => {
                self.err(
                    first + 1,
                    1,
                    "the header has no `Title:`",
                    "add `Title: …` with the resolution's title, e.g. `Title: Compliance and enforcement`",
                );
                None
            }
        };
        let note = at("Note").map(|(v, _, _)| v);
        let header = match (symbol, title, revision) {
            (Some(symbol), Some(title), Ok(revision)) => Some(Header { symbol, revision, title, note }),
            _ => None,
        };
        (header, i)
    }
}
