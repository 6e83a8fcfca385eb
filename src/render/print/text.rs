//! The plain-text printers: `txt` marks changes in wdiff notation
//! (`[-deleted-]{+inserted+}`), `term` with ANSI strikethrough and underline.
//! Both lay the document out the same way; only the marks differ.
//!
//! The term printer opens and closes its styles on every line of a change,
//! so that a pager that resets attributes at line ends, or anything in the
//! data, cannot leave inserted text shown without its underline.

use std::borrow::Cow;
use std::fmt::Write as _;

use crate::redline::doc::{Block, Status};
use crate::redline::{Piece, PieceKind};
use crate::render::document::{Document, Element, Shown, shown};
use crate::render::tracked::{REPLACED_WHOLE, line_pieces};
use crate::safe::visible;

/// What the wdiff marks mean, for a reader of the txt format.
pub const WDIFF_LEGEND: &str = "(In this text, new text is marked {+like this+} and text proposed for deletion [-like this-].)";

/// SGR: struck through in red; underlined in green; all off.
const DEL_ON: &str = "\x1b[9;31m";
const INS_ON: &str = "\x1b[4;32m";
const OFF: &str = "\x1b[0m";

struct Printer {
    term: bool,
    visible: bool,
    out: String,
}

/// The document as text; `term` for ANSI marks, `visible` to show control characters in data.
pub fn print(doc: &Document, term: bool, visible: bool) -> String {
    let mut p = Printer { term, visible, out: String::new() };
    for e in &doc.elements {
        p.element(e);
    }
    p.out
}

/// Pieces in wdiff notation, as they are (for commit messages and prompts).
pub fn wdiff(pieces: &[Piece]) -> String {
    let mut p = Printer { term: false, visible: false, out: String::new() };
    p.pieces(pieces);
    p.out
}

/// Provisions in wdiff notation, as they are, one a line, sub-levels indented.
pub fn wdiff_blocks(blocks: &[Block]) -> String {
    let mut p = Printer { term: false, visible: false, out: String::new() };
    for (k, b) in blocks.iter().enumerate() {
        p.block(b, k == 0);
    }
    p.out
}

impl Printer {
    fn data<'a>(&self, s: &'a str) -> Cow<'a, str> {
        if self.visible { visible(s) } else { Cow::Borrowed(s) }
    }

    fn text(&mut self, s: &str) {
        let s = if self.visible { visible(s) } else { Cow::Borrowed(s) };
        self.out.push_str(&s);
    }

    fn line(&mut self, prefix: &str, s: &str) {
        self.out.push_str(prefix);
        self.text(s);
        self.out.push('\n');
    }

    fn element(&mut self, e: &Element) {
        match e {
            Element::Heading(_, t) | Element::Symbol { text: t, starred: false } => {
                self.line("", t);
                self.out.push('\n');
            }
            Element::Symbol { text, starred: true } => {
                self.text(text);
                self.out.push_str("*\n\n");
            }
            Element::Caption { title, by } => {
                self.line("# ", title);
                if let Some(b) = by {
                    self.line("# ", b);
                }
            }
            Element::Legend(t) => {
                self.line("", t);
                if !self.term {
                    self.out.push_str(WDIFF_LEGEND);
                    self.out.push('\n');
                }
                self.out.push('\n');
            }
            Element::Para { indent, pieces } => {
                self.out.push_str(&"    ".repeat(*indent as usize));
                self.pieces(pieces);
                self.out.push_str("\n\n");
            }
            Element::Provisions { shown: items, .. } => {
                for s in shown(items) {
                    match s {
                        Shown::Block(b, first) => self.block(b, first),
                        Shown::Gap => self.out.push_str("…\n"),
                    }
                }
                self.out.push('\n');
            }
            Element::TextChanges(parts) => {
                // The output is about the size of the texts: grown once, not doubled along the way.
                let size: usize = parts.iter().flatten().flat_map(|b| &b.pieces).map(|p| p.text.len() + 4).sum();
                self.out.reserve(size + 2 * parts.len());
                for part in parts {
                    match part {
                        Some(b) => {
                            self.pieces(&b.pieces);
                            if b.status == Status::Moved {
                                self.out.push_str("  (moved here)");
                            }
                        }
                        None => self.out.push('…'),
                    }
                    self.out.push_str("\n\n");
                }
            }
            Element::Step { head, about, pieces } => {
                self.line("", head);
                for a in about {
                    self.line("    ", a);
                }
                self.out.push_str("    ");
                self.pieces(pieces);
                self.out.push_str("\n\n");
            }
            Element::Footnote { key, text } => {
                if key == "*" {
                    self.line("* ", text);
                } else {
                    let k = self.data(key).into_owned();
                    self.line(&format!("[^{k}]: "), text);
                }
                self.out.push('\n');
            }
            Element::Rule => {}
            Element::Note(t) => self.line("# ", t),
            Element::Problem(t) => {
                self.out.push_str("[Problem: ");
                self.text(t);
                self.out.push_str("]\n\n");
            }
            Element::Lines(t) => self.text(t),
        }
    }

    /// A provision: indented by depth, a blank line before each top-level one.
    fn block(&mut self, b: &Block, first: bool) {
        if !first && b.depth == 0 {
            self.out.push('\n');
        }
        self.out.push_str(&"    ".repeat(b.depth));
        self.pieces(&line_pieces(b));
        if b.status == Status::Moved {
            self.out.push_str("  (moved here)");
        }
        if b.replaced_whole {
            let _ = write!(self.out, "  [{REPLACED_WHOLE}]");
        }
        self.out.push('\n');
    }

    fn pieces(&mut self, pieces: &[Piece]) {
        for p in pieces {
            let text = if self.visible { visible(&p.text) } else { Cow::Borrowed(p.text.as_ref()) };
            match (p.kind, self.term) {
                (PieceKind::Same, _) => self.out.push_str(&text),
                // Pushed, not formatted: a 2 MB comparison has a hundred thousand marks.
                (PieceKind::Del, false) => {
                    self.out.push_str("[-");
                    self.out.push_str(&text);
                    self.out.push_str("-]");
                }
                (PieceKind::Ins, false) => {
                    self.out.push_str("{+");
                    self.out.push_str(&text);
                    self.out.push_str("+}");
                }
                (kind, true) => {
                    let on = if kind == PieceKind::Del { DEL_ON } else { INS_ON };
                    for (k, line) in text.split('\n').enumerate() {
                        if k > 0 {
                            self.out.push('\n');
                        }
                        if !line.is_empty() {
                            let _ = write!(self.out, "{on}{line}{OFF}");
                        }
                    }
                }
            }
        }
    }
}
