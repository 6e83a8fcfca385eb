//! The one document value every command's output is built as: what is
//! shown (headings, paragraphs, provisions with tracked changes, notes,
//! problems), not how. A printer per format (`print::txt`, `term`, `md`,
//! `html`, `docx`) decides how each element looks, so a fix to a format is
//! made once for every command.

use std::collections::HashMap;

use crate::redline::doc::Block;
use crate::redline::{Piece, PieceKind};
use crate::resolution::NodeId;

/// One element of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Element {
    /// A heading; level 1 is the document's own title.
    Heading(u8, String),
    /// The heading over one comparison (a proposal in context, two
    /// revisions): gavel's own line in wdiff output, so marked `#` there.
    Caption { title: String, by: Option<String> },
    /// The symbol at the head of a resolution (`Conf. 11.3 (Rev. CoP19)`),
    /// with `*` when a note on it follows.
    Symbol { text: String, starred: bool },
    /// What the marks mean (`new text is underlined …`).
    Legend(String),
    /// A paragraph, indented by `indent` levels, whose pieces may be tracked changes.
    Para { indent: u8, pieces: Vec<Piece> },
    /// Provisions of a resolution as tracked changes, labelled and indented
    /// by depth; `None` stands for provisions left out (`…`).
    Provisions { shown: Vec<Option<Block>>, authors: HashMap<NodeId, String> },
    /// A plain text compared, a paragraph each; `None` stands for paragraphs left out.
    TextChanges(Vec<Option<crate::redline::text::TextBlock>>),
    /// One step of a history: who and when, what it was about, the change.
    Step { head: String, about: Vec<String>, pieces: Vec<Piece> },
    /// A footnote (`*` for the note on the symbol).
    Footnote { key: String, text: String },
    /// The end of the text proper (before footnotes).
    Rule,
    /// What gavel says about the output, apart from the text.
    Note(String),
    /// A problem found while writing, marked where it occurs.
    Problem(String),
    /// Lines of plain text (listings, findings), printed as they are.
    Lines(String),
}

/// Provisions as printers lay them out: each block, and whether it is the
/// first of its run (no blank line before it), or a gap where provisions
/// are left out.
pub enum Shown<'a> {
    Block(&'a Block, bool),
    Gap,
}

/// The blocks and gaps of `Element::Provisions`, each block told whether it starts a run.
pub fn shown(items: &[Option<Block>]) -> impl Iterator<Item = Shown<'_>> {
    items.iter().enumerate().map(move |(k, b)| match b {
        Some(b) => Shown::Block(b, k == 0 || items[k - 1].is_none()),
        None => Shown::Gap,
    })
}

/// A document: its title (the HTML page's, the Word file's) and elements.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    pub title: String,
    pub elements: Vec<Element>,
}

impl Document {
    pub fn new(title: impl Into<String>) -> Document {
        Document { title: title.into(), elements: Vec::new() }
    }

    pub fn push(&mut self, e: Element) {
        self.elements.push(e);
    }

    pub fn heading(&mut self, level: u8, text: impl Into<String>) {
        self.push(Element::Heading(level, text.into()));
    }

    /// A paragraph of plain text.
    pub fn para(&mut self, text: impl Into<String>) {
        self.push(Element::Para { indent: 0, pieces: vec![Piece::new(PieceKind::Same, text.into())] });
    }

    pub fn pieces(&mut self, indent: u8, pieces: Vec<Piece>) {
        self.push(Element::Para { indent, pieces });
    }

    /// A word comparison's pieces, and the reader told when it ran out of time.
    pub fn compared(&mut self, indent: u8, d: crate::redline::WordDiff) {
        self.pieces(indent, d.pieces);
        if d.replaced_whole {
            self.note(format!("The text above was {}.", crate::render::tracked::REPLACED_WHOLE));
        }
    }

    pub fn note(&mut self, text: impl Into<String>) {
        self.push(Element::Note(text.into()));
    }

    pub fn problem(&mut self, text: impl Into<String>) {
        self.push(Element::Problem(text.into()));
    }

    pub fn lines(&mut self, text: impl Into<String>) {
        self.push(Element::Lines(text.into()));
    }

    /// A document of plain lines (a listing, findings).
    pub fn of_lines(title: impl Into<String>, text: impl Into<String>) -> Document {
        let mut d = Document::new(title);
        d.lines(text);
        d
    }
}
