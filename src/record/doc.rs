//! A plain document (headings, paragraphs that may carry tracked changes,
//! notes of problems) and its renderings as Markdown, HTML and DOCX. The
//! summary record and the working group's report are built as this.

use std::collections::HashMap;
use std::fmt::Write as _;

use docx_rs::{Docx, Paragraph, Run, RunFonts};

use crate::redline::{Piece, PieceKind};
use crate::render::docx::{DocxOptions, add_piece};
use crate::render::tracked::{self, Format, HTML_STYLE, escape_html};

/// One element of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Element {
    Heading(u8, String),
    /// A paragraph, indented by `indent` levels, whose pieces may be tracked changes.
    Para {
        indent: u8,
        pieces: Vec<Piece>,
    },
    /// A problem found while writing, marked where it occurs.
    Problem(String),
}

/// A document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Doc {
    pub title: String,
    pub elements: Vec<Element>,
}

impl Doc {
    pub fn heading(&mut self, level: u8, text: impl Into<String>) {
        self.elements.push(Element::Heading(level, text.into()));
    }

    /// A paragraph of plain text.
    pub fn para(&mut self, text: impl Into<String>) {
        self.elements.push(Element::Para { indent: 0, pieces: vec![Piece::new(PieceKind::Same, text.into())] });
    }

    pub fn pieces(&mut self, indent: u8, pieces: Vec<Piece>) {
        self.elements.push(Element::Para { indent, pieces });
    }

    pub fn problem(&mut self, text: impl Into<String>) {
        self.elements.push(Element::Problem(text.into()));
    }

    /// Markdown: `~~deleted~~`, `<ins>inserted</ins>`, problems as quotes.
    pub fn markdown(&self) -> String {
        let mut out = format!("# {}\n\n", self.title);
        for e in &self.elements {
            match e {
                Element::Heading(l, t) => {
                    let _ = writeln!(out, "{} {t}\n", "#".repeat(*l as usize + 1));
                }
                Element::Para { indent, pieces } => {
                    let _ = writeln!(out, "{}{}\n", "&emsp;&emsp;".repeat(*indent as usize), tracked::pieces(Format::Md, pieces));
                }
                Element::Problem(t) => {
                    let _ = writeln!(out, "> **Problem:** {}\n", tracked::pieces(Format::Md, &[Piece::new(PieceKind::Same, t.clone())]));
                }
            }
        }
        out
    }

    /// A whole HTML page; every text escaped.
    pub fn html(&self) -> String {
        let mut out = format!(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{0}</title>\n<style>{HTML_STYLE}.problem{{color:#a00000;font-weight:bold}}</style>\n</head>\n<body>\n<h1>{0}</h1>\n",
            escape_html(&self.title)
        );
        for e in &self.elements {
            match e {
                Element::Heading(l, t) => {
                    let _ = writeln!(out, "<h{0}>{1}</h{0}>", l + 1, escape_html(t));
                }
                Element::Para { indent, pieces } => {
                    let _ = writeln!(out, "<p class=\"d{indent}\">{}</p>", tracked::pieces(Format::Html, pieces));
                }
                Element::Problem(t) => {
                    let _ = writeln!(out, "<p class=\"problem\">Problem: {}</p>", escape_html(t));
                }
            }
        }
        out.push_str("</body>\n</html>\n");
        out
    }

    /// Plain text with wdiff marks (for the screen and for scripts).
    pub fn text(&self) -> String {
        let mut out = format!("{}\n\n", self.title);
        for e in &self.elements {
            match e {
                Element::Heading(_, t) => {
                    let _ = writeln!(out, "{t}\n");
                }
                Element::Para { indent, pieces } => {
                    let _ = writeln!(out, "{}{}\n", "    ".repeat(*indent as usize), tracked::pieces(Format::Txt, pieces));
                }
                Element::Problem(t) => {
                    let _ = writeln!(out, "[Problem: {t}]\n");
                }
            }
        }
        out
    }

    /// A Word document: new text underlined, deleted text struck through.
    pub fn docx(&self) -> Result<Vec<u8>, String> {
        let o = DocxOptions { track_changes: false, author: "gavel".into(), date: "2000-01-01T00:00:00Z".into() };
        let none = HashMap::new();
        let mut doc = Docx::new().default_fonts(RunFonts::new().ascii("Arial").hi_ansi("Arial").cs("Arial")).default_size(20);
        doc = doc.add_paragraph(Paragraph::new().add_run(Run::new().add_text(&self.title).bold().size(28)));
        for e in &self.elements {
            let p = match e {
                Element::Heading(l, t) => Paragraph::new().add_run(Run::new().add_text(t).bold().size(if *l <= 1 { 24 } else { 20 })),
                Element::Para { indent, pieces } => {
                    let mut p = Paragraph::new().indent(Some(567 * i32::from(*indent)), None, None, None);
                    let mut italic = false;
                    for piece in pieces {
                        p = add_piece(p, piece, false, &o, "gavel", &none, &mut italic);
                    }
                    p
                }
                Element::Problem(t) => Paragraph::new().add_run(Run::new().add_text(format!("Problem: {t}")).bold().color("A00000")),
            };
            doc = doc.add_paragraph(p);
        }
        let mut buf = std::io::Cursor::new(Vec::new());
        doc.build().pack(&mut buf).map_err(|e| format!("cannot write the DOCX: {e}"))?;
        Ok(buf.into_inner())
    }
}
