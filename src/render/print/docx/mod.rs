//! The Word printer.
//!
//! Changes are shown in one of two forms: formatting (new text underlined,
//! deleted text struck through, as the annexes the Secretariat publishes
//! look), or real tracked changes (`w:ins` / `w:del` with author and date,
//! deleted text in `w:delText`, inserted or deleted paragraphs marked on the
//! paragraph mark) that the Secretariat can accept or reject one by one.
//! Labels are literal text, not Word numbering, so that `~~e~~f)` is a
//! deletion and an insertion.
//!
//! The document is a CITES document: A4, the symbol and page number in the
//! header of every page, "Original language: English", the title and
//! headings in heading styles, provisions in styles that indent by level,
//! footnotes as Word's own (the note on the symbol too, marked `*`), and
//! properties that say who made it and when. WordprocessingML is written
//! here directly (`package` for the parts around the body): docx-rs 0.4
//! wrote `w:pPr` children out of schema order and could not write a
//! footnote's own mark (`w:footnoteRef`), and what this printer needs of
//! the format is small. XML cannot hold control characters: they are shown.

mod package;

use std::collections::HashMap;
use std::fmt::Write as _;

use package::CM;

use crate::redline::doc::{Block, BlockKind, Status};
use crate::redline::{Piece, PieceKind};
use crate::render::document::{Document, Element};
use crate::render::inline::{Inline, inlines};
use crate::render::tracked::{REPLACED_WHOLE, line_pieces};

/// How the DOCX shows changes, and what it says of itself.
#[derive(Debug, Clone)]
pub struct DocxOptions {
    /// Real Word revisions instead of underline and strikethrough.
    pub track_changes: bool,
    /// The author of revisions whose proposal is unknown.
    pub author: String,
    /// The date of the revisions and of the document, ISO 8601 (`2025-02-03T09:00:00Z`).
    pub date: String,
    /// The document's symbol, in the header of every page (`SC78 Doc. 37 Annex`).
    pub symbol: Option<String>,
    /// Who made the document (its properties' creator).
    pub creator: String,
}

impl Default for DocxOptions {
    fn default() -> Self {
        DocxOptions {
            track_changes: false,
            author: "gavel".into(),
            date: "2000-01-01T00:00:00Z".into(),
            symbol: None,
            creator: "gavel".into(),
        }
    }
}

pub(crate) use super::escape_markup as xml;

/// The body being written, and the footnotes its markers call for.
struct Writer<'a> {
    o: &'a DocxOptions,
    body: String,
    footnotes: Vec<String>,
    /// The text of each numbered footnote, written where its marker stands.
    notes: HashMap<&'a str, &'a str>,
    /// The note on the symbol, a footnote marked `*` on page 1.
    star: Option<&'a str>,
    /// The next id of a revision.
    rev: u32,
}

/// How a run looks.
#[derive(Clone, Copy, Default)]
struct Look {
    bold: bool,
    italic: bool,
}

/// Writes the document as DOCX bytes.
pub fn print(d: &Document, o: &DocxOptions) -> Result<Vec<u8>, String> {
    let mut notes = HashMap::new();
    let mut star = None;
    for e in &d.elements {
        if let Element::Footnote { key, text } = e {
            if key == "*" {
                star = Some(text.as_str());
            } else {
                notes.insert(key.as_str(), text.as_str());
            }
        }
    }
    // A star with no symbol to hang on stays a paragraph.
    if !d.elements.iter().any(|e| matches!(e, Element::Symbol { starred: true, .. })) {
        star = None;
    }
    let mut w = Writer { o, body: String::new(), footnotes: Vec::new(), notes, star, rev: 1 };
    if let Some(s) = &o.symbol
        && !d.elements.iter().any(|e| matches!(e, Element::Symbol { .. }))
    {
        w.para("Symbol", &[], |w| w.text(s, Look::default()));
        w.para("Symbol", &[], |w| w.text("Original language: English", Look::default()));
    }
    for e in &d.elements {
        w.element(e);
    }
    let header = match &o.symbol {
        Some(s) => format!("{s} – p. "),
        None => "p. ".to_string(),
    };
    package::pack(&package::Parts {
        body: &w.body,
        footnotes: &w.footnotes,
        header: &header,
        title: &d.title,
        creator: &o.creator,
        date: &o.date,
    })
}

impl<'a> Writer<'a> {
    /// A paragraph of `style`, with extra `w:pPr` children (in schema order after the style), its runs by `runs`.
    fn para(&mut self, style: &str, extra: &[String], runs: impl FnOnce(&mut Self)) {
        let _ = write!(self.body, "<w:p><w:pPr><w:pStyle w:val=\"{style}\"/>{}</w:pPr>", extra.concat());
        runs(self);
        self.body.push_str("</w:p>");
    }

    fn text(&mut self, t: &str, look: Look) {
        let r = run(t, look, "", false);
        self.body.push_str(&r);
    }

    fn pieces(&mut self, pieces: &[Piece], look: Look, author: &str) {
        let mut italic = false;
        for p in pieces {
            self.piece(p, look, author, &mut italic);
        }
    }

    fn element(&mut self, e: &'a Element) {
        let plain = Look::default();
        match e {
            Element::Heading(level, t) => {
                let style = format!("Heading{}", (*level).clamp(1, 3));
                self.para(&style, &[], |w| w.text(t, plain));
            }
            Element::Symbol { text, starred } => {
                self.para("Symbol", &[], |w| {
                    w.text(text, plain);
                    if *starred {
                        match w.star {
                            Some(note) => w.footnote(None, note),
                            None => w.text("*", plain),
                        }
                    }
                });
                self.para("Symbol", &[], |w| w.text("Original language: English", plain));
            }
            Element::Caption { title, by } => {
                self.para("Heading3", &[], |w| w.text(title, plain));
                if let Some(b) = by {
                    self.para("Note", &[], |w| w.text(b, plain));
                }
            }
            Element::Legend(t) | Element::Note(t) => self.para("Note", &[], |w| w.text(t, plain)),
            Element::Para { indent, pieces } => {
                let ind = if *indent > 0 { vec![format!("<w:ind w:left=\"{}\"/>", CM * i32::from(*indent))] } else { Vec::new() };
                let author = self.o.author.clone();
                self.para("Normal", &ind, |w| w.pieces(pieces, plain, &author));
            }
            Element::Provisions { shown, authors } => {
                let mut italic = false;
                for b in shown {
                    match b {
                        Some(b) => self.block(b, authors.get(&b.id).map(String::as_str), &mut italic),
                        None => self.para("Normal", &[], |w| w.text("…", plain)),
                    }
                }
            }
            Element::TextChanges(parts) => {
                let author = self.o.author.clone();
                for part in parts {
                    match part {
                        Some(b) => self.para("Normal", &[], |w| {
                            w.pieces(&b.pieces, plain, &author);
                            if b.status == Status::Moved {
                                w.text(" (moved here)", Look { bold: false, italic: true });
                            }
                        }),
                        None => self.para("Normal", &[], |w| w.text("…", plain)),
                    }
                }
            }
            Element::Step { head, about, pieces } => {
                self.para("Normal", &[], |w| w.text(head, Look { bold: true, italic: false }));
                for a in about {
                    self.para("Indent1", &[], |w| w.text(a, plain));
                }
                let author = self.o.author.clone();
                self.para("Indent1", &[], |w| w.pieces(pieces, plain, &author));
            }
            Element::Footnote { key, text } if key == "*" && self.star.is_none() => {
                self.para("FootnoteText", &[], |w| w.text(&format!("* {text}"), plain));
            }
            // Word footnotes, written where their markers stand.
            Element::Footnote { .. } | Element::Rule => {}
            Element::Problem(t) => self.para("Problem", &[], |w| w.text(&format!("Problem: {t}"), plain)),
            Element::Lines(t) => {
                for l in t.lines() {
                    self.para("Normal", &[], |w| w.text(l, plain));
                }
            }
        }
    }

    /// A provision: its style by kind and depth; an inserted or deleted one
    /// marked on its paragraph mark; the label, a tab to the hanging indent, the text.
    fn block(&mut self, b: &Block, author: Option<&str>, italic: &mut bool) {
        let author = author.unwrap_or(&self.o.author).to_string();
        let style = match b.kind {
            BlockKind::Recital => "Recital".to_string(),
            BlockKind::Marker => "Marker".to_string(),
            BlockKind::Section => "Heading2".to_string(),
            BlockKind::Paragraph if b.label.is_empty() => "Recital".to_string(),
            BlockKind::Paragraph => "Provision1".to_string(),
            BlockKind::Item => format!("Provision{}", (b.depth + 1).min(4)),
        };
        let mut extra = Vec::new();
        if self.o.track_changes {
            let mark = match b.status {
                Status::Inserted => Some("ins"),
                Status::Deleted => Some("del"),
                _ => None,
            };
            if let Some(m) = mark {
                let id = self.next_rev();
                extra.push(format!("<w:rPr><w:{m} w:id=\"{id}\" w:author=\"{}\" w:date=\"{}\"/></w:rPr>", xml(&author), xml(&self.o.date)));
            }
        }
        let mut pieces = line_pieces(b);
        if !b.label.is_empty()
            && matches!(b.kind, BlockKind::Item | BlockKind::Paragraph)
            && let Some(sep) = pieces.iter_mut().flat_map(|p| p.text.find(' ').map(|at| (p, at))).next()
        {
            sep.0.text.to_mut().replace_range(sep.1..sep.1 + 1, "\t");
        }
        // Sections are headings: their style makes them bold.
        let look = Look::default();
        self.para(&style, &extra, |w| {
            for p in &pieces {
                w.piece(p, look, &author, italic);
            }
            if b.replaced_whole {
                w.text(&format!(" [{REPLACED_WHOLE}]"), Look { bold: false, italic: true });
            }
        });
    }

    fn next_rev(&mut self) -> u32 {
        self.rev += 1;
        self.rev
    }

    /// A piece: its italics and footnote markers, shown as a change by format or as a revision.
    fn piece(&mut self, p: &Piece, look: Look, author: &str, italic: &mut bool) {
        let track = self.o.track_changes && p.kind != PieceKind::Same;
        let (open, close) = if track {
            let m = if p.kind == PieceKind::Del { "del" } else { "ins" };
            let id = self.next_rev();
            (format!("<w:{m} w:id=\"{id}\" w:author=\"{}\" w:date=\"{}\">", xml(author), xml(&self.o.date)), format!("</w:{m}>"))
        } else {
            (String::new(), String::new())
        };
        let mark = match (p.kind, track) {
            (PieceKind::Del, false) => "<w:strike/>",
            (PieceKind::Ins, false) => "<w:u w:val=\"single\"/>",
            _ => "",
        };
        self.body.push_str(&open);
        for inline in inlines(&p.text, italic) {
            match inline {
                Inline::Text { text, italic } => {
                    let r = run(text, Look { italic: italic || look.italic, ..look }, mark, track && p.kind == PieceKind::Del);
                    self.body.push_str(&r);
                }
                Inline::Footnote(k) => {
                    let text = self.notes.get(k).copied().unwrap_or("");
                    self.footnote(Some(mark), text);
                }
            }
        }
        self.body.push_str(&close);
    }

    /// A footnote here: its reference in the text, its text in footnotes.xml
    /// starting with the footnote's own mark and a space. `None` for the
    /// note on the symbol, marked `*`.
    fn footnote(&mut self, mark: Option<&str>, text: &str) {
        let id = self.footnotes.len() + 1;
        let (custom, own) = match mark {
            Some(_) => ("", "<w:footnoteRef/>".to_string()),
            None => (" w:customMarkFollows=\"1\"", "<w:t>*</w:t>".to_string()),
        };
        let extra = mark.unwrap_or("");
        let _ = write!(
            self.body,
            "<w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/>{extra}</w:rPr><w:footnoteReference{custom} w:id=\"{id}\"/>{}</w:r>",
            if mark.is_none() { "<w:t>*</w:t>" } else { "" }
        );
        let mut body = String::new();
        let mut italic = false;
        for inline in inlines(text, &mut italic) {
            if let Inline::Text { text, italic } = inline {
                body.push_str(&run(text, Look { bold: false, italic }, "", false));
            }
        }
        self.footnotes.push(format!(
            "<w:footnote w:id=\"{id}\"><w:p><w:pPr><w:pStyle w:val=\"FootnoteText\"/></w:pPr>\
<w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr>{own}</w:r><w:r><w:t xml:space=\"preserve\"> </w:t></w:r>{body}</w:p></w:footnote>"
        ));
    }
}

/// A run: its properties in schema order (`w:b`, `w:i`, `w:strike`, `w:u`),
/// tabs as `w:tab`, deleted text in `w:delText` when it is a revision.
fn run(text: &str, look: Look, mark: &str, deleted: bool) -> String {
    let mut rpr = String::new();
    if look.bold {
        rpr.push_str("<w:b/>");
    }
    if look.italic {
        rpr.push_str("<w:i/>");
    }
    // strike comes before u in w:rPr; a mark is one or the other.
    rpr.push_str(mark);
    let mut s = String::from("<w:r>");
    if !rpr.is_empty() {
        let _ = write!(s, "<w:rPr>{rpr}</w:rPr>");
    }
    let tag = if deleted { "w:delText" } else { "w:t" };
    for (k, part) in text.split('\t').enumerate() {
        if k > 0 {
            s.push_str("<w:tab/>");
        }
        if !part.is_empty() {
            let _ = write!(s, "<{tag} xml:space=\"preserve\">{}</{tag}>", xml(part));
        }
    }
    s.push_str("</w:r>");
    s
}
