//! The parser of the resolution text format (see README, "Resolution files").
//!
//! It never stops at the first problem: it builds as much of the tree as the
//! text allows and reports every finding with its line and column, so that
//! `gavel check` can list them all.

mod header;
mod sequence;
#[cfg(test)]
mod tests;

use std::path::Path;

use super::label::{LabelStyle, RawLabel, split_label};
use super::model::{Footnote, Header, Node, NodeId, NodeIdx, NodeKind, OPERATIVE_MARKER, Resolution};
use super::symbol::Symbol;
use crate::diag::Diagnostic;

/// The outcome of parsing one file: the resolution when its header could be
/// read, and every finding.
#[derive(Debug)]
pub struct Parsed {
    pub resolution: Option<Resolution>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses the text of a resolution file. `path` is used in findings only.
pub fn parse(text: &str, path: &Path) -> Parsed {
    let mut p = Parser { path, diags: Vec::new(), nodes: Vec::new(), raw: Vec::new() };
    let lines: Vec<&str> = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).collect();
    let (header, body_start) = p.header(&lines);
    let (preamble, operative, footnotes) = p.body(&lines, body_start);
    let mut res = Resolution {
        header: header.clone().unwrap_or_else(|| Header {
            symbol: Symbol { meeting: 0, number: 0 },
            revision: None,
            title: String::new(),
            note: None,
        }),
        nodes: std::mem::take(&mut p.nodes),
        preamble,
        operative,
        footnotes,
    };
    p.settle_labels(&mut res);
    p.assign_ids(&mut res);
    p.check_text(&res);
    p.diags.sort_by_key(|d| (d.line, d.column));
    Parsed { resolution: header.map(|_| res), diagnostics: p.diags }
}

struct Parser<'a> {
    path: &'a Path,
    diags: Vec<Diagnostic>,
    nodes: Vec<Node>,
    /// The label as written, per node, until its kind is settled.
    raw: Vec<Option<RawAt>>,
}

/// A label as written and where: (line, column).
#[derive(Clone)]
struct RawAt {
    label: RawLabel,
    line: u32,
    col: u32,
}

/// A node still open to receive children or continuation lines.
struct Open {
    indent: usize,
    idx: NodeIdx,
}

impl<'a> Parser<'a> {
    fn err(&mut self, line: usize, col: usize, msg: impl Into<String>, hint: impl Into<String>) {
        self.diags.push(Diagnostic::error(self.path, line as u32, col as u32, msg).hint(hint));
    }

    fn warn(&mut self, line: usize, col: usize, msg: impl Into<String>, hint: impl Into<String>) {
        self.diags.push(Diagnostic::warning(self.path, line as u32, col as u32, msg).hint(hint));
    }
    fn push(&mut self, kind: NodeKind, raw: Option<(RawLabel, usize)>, text: &str, parent: Option<NodeIdx>, line: usize) -> NodeIdx {
        let idx = NodeIdx(self.nodes.len());
        self.nodes.push(Node {
            kind,
            label: None,
            text: text.trim_end().to_string(),
            id: NodeId(String::new()),
            explicit_id: false,
            parent,
            children: Vec::new(),
            line: line as u32,
        });
        self.raw.push(raw.map(|(label, col)| RawAt { label, line: line as u32, col: col as u32 }));
        if let Some(p) = parent {
            self.nodes[p.0].children.push(idx);
        }
        idx
    }

    #[allow(clippy::type_complexity)]
    fn body(&mut self, lines: &[&str], start: usize) -> (Vec<NodeIdx>, Vec<NodeIdx>, Vec<Footnote>) {
        let mut preamble = Vec::new();
        let mut operative = Vec::new();
        let mut footnotes: Vec<Footnote> = Vec::new();
        let mut in_operative = false;
        let mut marker_line: Option<usize> = None;
        let mut section: Option<NodeIdx> = None;
        let mut open: Vec<Open> = Vec::new();
        let mut blank_before = true;
        for (i, raw_line) in lines.iter().enumerate().skip(start) {
            let lineno = i + 1;
            if raw_line.trim().is_empty() {
                blank_before = true;
                continue;
            }
            let was_blank = std::mem::replace(&mut blank_before, false);
            let indent_str: &str = &raw_line[..raw_line.len() - raw_line.trim_start().len()];
            if indent_str.contains('\t') {
                self.warn(lineno, 1, "tab in indentation", "indent with spaces (4 per level); a tab counts as 4 spaces");
            }
            let indent: usize = indent_str.chars().map(|c| if c == '\t' { 4 } else { 1 }).sum();
            let text = raw_line.trim();
            let col = indent + 1;

            if indent == 0
                && text.starts_with("[^")
                && let Some((key, def)) = text[2..].split_once("]:")
            {
                if footnotes.iter().any(|f| f.key == key) {
                    self.err(lineno, 1, format!("footnote [^{key}] is defined twice"), "give each footnote its own number");
                } else {
                    footnotes.push(Footnote { key: key.to_string(), text: def.trim().to_string(), line: lineno as u32 });
                }
                open.clear();
                continue;
            }
            if text == OPERATIVE_MARKER {
                if let Some(first) = marker_line {
                    self.err(
                        lineno,
                        col,
                        format!("`{OPERATIVE_MARKER}` appears twice (first on line {first})"),
                        "keep the first one: it opens the operative part",
                    );
                } else if indent > 0 {
                    self.warn(lineno, 1, format!("`{OPERATIVE_MARKER}` is indented"), "start it at the beginning of the line");
                }
                marker_line.get_or_insert(lineno);
                in_operative = true;
                open.clear();
                section = None;
                continue;
            }
            let label = split_label(text);
            let continuation = !was_blank && label.is_none() && !open.is_empty();
            if continuation {
                let top = open.last().expect("checked non-empty").idx;
                let node = &mut self.nodes[top.0];
                node.text.push(' ');
                node.text.push_str(text);
                continue;
            }
            if indent == 0 {
                open.clear();
                match label {
                    None if in_operative => {
                        let idx = self.push(NodeKind::Paragraph, None, text, section, lineno);
                        if section.is_none() {
                            operative.push(idx);
                        }
                        open.push(Open { indent: 0, idx });
                    }
                    None => {
                        let idx = self.push(NodeKind::Recital, None, text, None, lineno);
                        preamble.push(idx);
                        open.push(Open { indent: 0, idx });
                    }
                    Some(l) if l.style == LabelStyle::Dot && l.value.bytes().all(|b| b.is_ascii_uppercase()) => {
                        self.require_operative(&mut in_operative, lineno, &format!("section heading `{}.`", l.value));
                        let rest = text[l.len..].to_string();
                        let idx = self.push(NodeKind::Section, Some((l, 1)), &rest, None, lineno);
                        operative.push(idx);
                        section = Some(idx);
                    }
                    Some(l) if l.style == LabelStyle::Dot && l.value.bytes().all(|b| b.is_ascii_digit()) => {
                        self.require_operative(&mut in_operative, lineno, &format!("numbered paragraph `{}.`", l.value));
                        let rest = text[l.len..].to_string();
                        let idx = self.push(NodeKind::Paragraph, Some((l, 1)), &rest, section, lineno);
                        if section.is_none() {
                            operative.push(idx);
                        }
                        open.push(Open { indent: 0, idx });
                    }
                    Some(l) => {
                        self.err(
                            lineno,
                            1,
                            format!("sub-paragraph `{}` is not indented", text[..l.len].trim()),
                            "indent a sub-paragraph under its paragraph (4 spaces; 8 for a sub-sub-paragraph)",
                        );
                        let parent = self.last_top(&preamble, &operative, section);
                        let rest = text[l.len..].to_string();
                        if let Some(p) = parent {
                            let idx = self.push(NodeKind::Item, Some((l, 1)), &rest, Some(p), lineno);
                            // Recover as if it were indented the usual 4 spaces, so that
                            // its indented siblings stay its siblings.
                            open.push(Open { indent: 0, idx: p });
                            open.push(Open { indent: 4, idx });
                        }
                    }
                }
                continue;
            }
            // Indented: a sub-paragraph, whose parent is the nearest open node indented less.
            while open.last().is_some_and(|o| o.indent >= indent) {
                open.pop();
            }
            let Some(parent) = open.last().map(|o| o.idx) else {
                self.err(
                    lineno,
                    col,
                    "indented text with no paragraph above it",
                    "start a paragraph at the beginning of a line, or remove the indentation",
                );
                continue;
            };
            match label {
                Some(l) => {
                    let rest = text[l.len..].to_string();
                    let idx = self.push(NodeKind::Item, Some((l, col)), &rest, Some(parent), lineno);
                    open.push(Open { indent, idx });
                }
                None => {
                    self.err(
                        lineno,
                        col,
                        "indented text without a label after a blank line",
                        "start a sub-paragraph with its label (`a)`, `iv)`), or remove the blank line above to continue the paragraph",
                    );
                    let node = &mut self.nodes[parent.0];
                    node.text.push(' ');
                    node.text.push_str(text);
                    open.push(Open { indent, idx: parent });
                }
            }
        }
        if marker_line.is_none() {
            self.err(
                lines.len().max(1),
                1,
                format!("no operative part: the line `{OPERATIVE_MARKER}` is missing"),
                format!("add the line `{OPERATIVE_MARKER}` after the last preambular paragraph"),
            );
        }
        (preamble, operative, footnotes)
    }

    /// Sections and numbered paragraphs belong to the operative part: report
    /// one found before its marker, and carry on as if the marker were there.
    fn require_operative(&mut self, in_operative: &mut bool, lineno: usize, what: &str) {
        if !*in_operative {
            self.err(
                lineno,
                1,
                format!("{what} before `{OPERATIVE_MARKER}`"),
                format!("put the line `{OPERATIVE_MARKER}` between the preamble and the operative part"),
            );
            *in_operative = true;
        }
    }

    fn last_top(&self, preamble: &[NodeIdx], operative: &[NodeIdx], section: Option<NodeIdx>) -> Option<NodeIdx> {
        section
            .and_then(|s| self.nodes[s.0].children.last().copied())
            .or_else(|| operative.last().copied().filter(|&i| self.nodes[i.0].kind != NodeKind::Section))
            .or_else(|| preamble.last().copied())
    }
}
