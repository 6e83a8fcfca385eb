//! Writes a resolution back in its text format: the inverse of
//! [`parse`](super::parse), so that gavel can change one provision and
//! leave the rest of the file as the drafter wrote it.

use std::fmt::Write as _;

use super::model::{Node, NodeIdx, NodeKind, OPERATIVE_MARKER, Resolution};

const INDENT: &str = "    ";

/// Whether identities (`{#…}`) are written: in the file, yes; in what a
/// reader is shown, no.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ids {
    Keep,
    Hide,
}

/// `text` as a file written like `original`: with its byte-order mark if it
/// had one, and with CRLF line ends if most of its lines had them, so that a
/// rewrite changes only the lines whose content changed.
pub fn like(original: &[u8], text: &str) -> Vec<u8> {
    let bom = original.starts_with(b"\xef\xbb\xbf");
    let lines = original.iter().filter(|b| **b == b'\n').count();
    let crlf = original.windows(2).filter(|w| w == b"\r\n").count();
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Vec::with_capacity(body.len() + lines + 3);
    if bom {
        out.extend_from_slice(b"\xef\xbb\xbf");
    }
    if lines > 0 && crlf * 2 > lines {
        out.extend_from_slice(body.replace("\r\n", "\n").replace('\n', "\r\n").as_bytes());
    } else {
        out.extend_from_slice(body.as_bytes());
    }
    out
}

/// The whole file.
pub fn to_text(res: &Resolution) -> String {
    text(res, Ids::Keep)
}

/// The whole resolution as a reader sees it (no identities).
pub fn display_text(res: &Resolution) -> String {
    text(res, Ids::Hide)
}

fn text(res: &Resolution, ids: Ids) -> String {
    let mut out = String::new();
    let h = &res.header;
    let _ = writeln!(out, "Symbol: {}", h.symbol);
    if let Some(r) = h.revision {
        let _ = writeln!(out, "Revision: {r}");
    }
    let _ = writeln!(out, "Title: {}", h.title);
    if let Some(n) = &h.note {
        let _ = writeln!(out, "Note: {n}");
    }
    for &p in &res.preamble {
        out.push('\n');
        write_subtree(res, p, 0, ids, &mut out);
    }
    out.push('\n');
    out.push_str(OPERATIVE_MARKER);
    out.push('\n');
    for &top in &res.operative {
        out.push('\n');
        write_subtree(res, top, 0, ids, &mut out);
    }
    for f in &res.footnotes {
        let _ = write!(out, "\n[^{}]: {}\n", f.key, f.text);
    }
    out
}

/// One provision with everything under it, as `gavel show` prints it,
/// followed by the footnotes it refers to.
pub fn provision_text(res: &Resolution, idx: NodeIdx) -> String {
    let mut out = String::new();
    write_subtree(res, idx, 0, Ids::Hide, &mut out);
    let mut keys: Vec<&str> = Vec::new();
    for i in res.subtree(idx) {
        for k in Resolution::footnote_refs(&res.node(i).text) {
            if !keys.contains(&k) {
                keys.push(k);
            }
        }
    }
    for k in keys {
        if let Some(f) = res.footnotes.iter().find(|f| f.key == k) {
            let _ = write!(out, "\n[^{}]: {}\n", f.key, f.text);
        }
    }
    out
}

/// The line of one provision without its children, as in the file: `b) when, within …`.
pub fn line_of(node: &Node) -> String {
    line(node, Ids::Keep)
}

fn line(node: &Node, ids: Ids) -> String {
    let mut line = match (node.kind, node.label) {
        (NodeKind::Recital, _) | (_, None) => node.text.clone(),
        (_, Some(l)) => format!("{l} {}", node.text),
    };
    if node.explicit_id && ids == Ids::Keep {
        let _ = write!(line, " {{#{}}}", node.id);
    }
    line
}

fn write_subtree(res: &Resolution, idx: NodeIdx, depth: usize, ids: Ids, out: &mut String) {
    let node = res.node(idx);
    for _ in 0..depth {
        out.push_str(INDENT);
    }
    out.push_str(&line(node, ids));
    out.push('\n');
    if node.kind == NodeKind::Section {
        // A section's paragraphs stand apart from its heading and each other.
        for &c in &node.children {
            out.push('\n');
            write_subtree(res, c, depth, ids, out);
        }
        return;
    }
    for &c in &node.children {
        write_subtree(res, c, depth + 1, ids, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rewrite_keeps_the_bom_and_crlf_of_the_original() {
        assert_eq!(like(b"\xef\xbb\xbfa\r\nb\r\n", "a\nc\n"), b"\xef\xbb\xbfa\r\nc\r\n");
        assert_eq!(like(b"a\nb\n", "a\nc\n"), b"a\nc\n");
        assert_eq!(like(b"a\r\nb\r\n", "a\r\nc\n"), b"a\r\nc\r\n");
    }
}
