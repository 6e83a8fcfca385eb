//! The Markdown printer: `<del>deleted</del>` and `<ins>inserted</ins>`
//! (GitHub's `~~` cannot close after the space a deletion carries), headings
//! with `#`, sub-levels indented with em spaces (Markdown has no indented
//! paragraphs), problems as quotes. Everything Markdown or HTML would read as
//! markup is escaped, except the `*italic*` resolution text shares with it.

use std::borrow::Cow;
use std::fmt::Write as _;

use crate::redline::doc::{Block, BlockKind, Status};
use crate::redline::{Piece, PieceKind};
use crate::render::document::{Document, Element, Shown, shown};
use crate::render::tracked::{REPLACED_WHOLE, line_pieces};
use crate::safe::visible;

struct Printer {
    visible: bool,
    out: String,
}

/// The document as Markdown; `visible` to show control characters in data.
pub fn print(doc: &Document, visible: bool) -> String {
    let mut p = Printer { visible, out: String::new() };
    for e in &doc.elements {
        p.element(e);
    }
    p.out
}

/// Escapes what Markdown would read as markup, except `*` (italics) and
/// `[^1]` (footnote markers): HTML, code, strikethrough, headings, and the
/// `](` that would make a link.
pub fn escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            ']' if chars.peek() == Some(&'(') => o.push_str("]\\("),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '&' => o.push_str("&amp;"),
            '~' | '_' | '`' | '\\' | '#' => {
                o.push('\\');
                o.push(c);
            }
            _ => o.push(c),
        }
    }
    o
}

impl Printer {
    /// Data as Markdown text.
    fn text(&self, s: &str) -> String {
        let s: Cow<str> = if self.visible { visible(s) } else { Cow::Borrowed(s) };
        escape(&s)
    }

    fn element(&mut self, e: &Element) {
        match e {
            Element::Heading(level, t) => {
                let t = self.text(t);
                let _ = writeln!(self.out, "{} {t}\n", "#".repeat((*level).max(1) as usize));
            }
            Element::Symbol { text, starred } => {
                let t = self.text(text);
                let _ = writeln!(self.out, "{t}{}\n", if *starred { "\\*" } else { "" });
            }
            Element::Caption { title, by } => {
                let t = self.text(title);
                let _ = writeln!(self.out, "### {t}\n");
                if let Some(b) = by {
                    let b = self.text(b);
                    let _ = writeln!(self.out, "*{b}*\n");
                }
            }
            Element::Legend(t) | Element::Note(t) => {
                let t = self.text(t);
                let _ = writeln!(self.out, "*{t}*\n");
            }
            Element::Para { indent, pieces } => {
                self.out.push_str(&"&emsp;&emsp;".repeat(*indent as usize));
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
                for part in parts {
                    match part {
                        Some(b) => {
                            self.pieces(&b.pieces);
                            if b.status == Status::Moved {
                                self.out.push_str(" *(moved here)*");
                            }
                        }
                        None => self.out.push('…'),
                    }
                    self.out.push_str("\n\n");
                }
            }
            Element::Step { head, about, pieces } => {
                let h = self.text(head);
                let _ = writeln!(self.out, "**{h}**  ");
                for a in about {
                    let a = self.text(a);
                    let _ = writeln!(self.out, "    {a}  ");
                }
                self.pieces(pieces);
                self.out.push_str("\n\n");
            }
            Element::Footnote { key, text } => {
                let t = self.text(text);
                if key == "*" {
                    let _ = writeln!(self.out, "\\* {t}\n");
                } else {
                    let k = self.text(key);
                    let _ = writeln!(self.out, "[^{k}]: {t}\n");
                }
            }
            Element::Rule => self.out.push_str("---\n\n"),
            Element::Problem(t) => {
                let t = self.text(t);
                let _ = writeln!(self.out, "> **Problem:** {t}\n");
            }
            Element::Lines(t) => {
                for line in t.lines() {
                    let l = self.text(line);
                    let _ = writeln!(self.out, "{l}  ");
                }
                self.out.push('\n');
            }
        }
    }

    /// A provision: a paragraph of its own, indented by depth, sections in bold.
    fn block(&mut self, b: &Block, first: bool) {
        if !first {
            self.out.push('\n');
        }
        self.out.push_str(&"&emsp;&emsp;".repeat(b.depth));
        let bold = if b.kind == BlockKind::Section { "**" } else { "" };
        self.out.push_str(bold);
        self.pieces(&line_pieces(b));
        self.out.push_str(bold);
        if b.status == Status::Moved {
            self.out.push_str(" *(moved here)*");
        }
        if b.replaced_whole {
            let _ = write!(self.out, "  [{REPLACED_WHOLE}]");
        }
        self.out.push('\n');
    }

    fn pieces(&mut self, pieces: &[Piece]) {
        for p in pieces {
            let text = self.text(&p.text);
            let _ = match p.kind {
                PieceKind::Same => write!(self.out, "{text}"),
                PieceKind::Del => write!(self.out, "<del>{text}</del>"),
                PieceKind::Ins => write!(self.out, "<ins>{text}</ins>"),
            };
        }
    }
}
