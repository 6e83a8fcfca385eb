//! The Word printer.
//!
//! Changes are shown in one of two forms: formatting (new text underlined,
//! deleted text struck through, as the annexes the Secretariat publishes
//! look), or real tracked changes (`w:ins` / `w:del` with author and date,
//! deleted text in `w:delText`, inserted or deleted paragraphs marked on the
//! paragraph mark) that the Secretariat can accept or reject one by one.
//! Labels are literal text, not Word numbering, so that `~~e~~f)` is a
//! deletion and an insertion. Numbered footnotes become Word footnotes where
//! their markers stand. XML cannot hold control characters: they are shown.

use std::collections::HashMap;

use docx_rs::{AlignmentType, Delete, Docx, Footnote, Insert, LineSpacing, Paragraph, Run, RunFonts, SpecialIndentType};

use crate::redline::doc::{Block, BlockKind, Status};
use crate::redline::{Piece, PieceKind};
use crate::render::document::{Document, Element};
use crate::render::inline::{Inline, inlines};
use crate::render::tracked::{REPLACED_WHOLE, line_pieces};
use crate::safe::visible;

/// How the DOCX shows changes.
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

/// One centimetre in twentieths of a point.
const CM: i32 = 567;

/// What every paragraph of one document needs.
struct Ctx<'a> {
    o: &'a DocxOptions,
    /// The text of each numbered footnote, written as a Word footnote where its marker stands.
    footnotes: HashMap<&'a str, &'a str>,
}

/// Plain text in a run: Word (XML) cannot hold control characters.
fn text_run(t: &str) -> Run {
    Run::new().add_text(visible(t))
}

/// Writes the document as DOCX bytes.
pub fn print(d: &Document, o: &DocxOptions) -> Result<Vec<u8>, String> {
    let footnotes = d
        .elements
        .iter()
        .filter_map(|e| match e {
            Element::Footnote { key, text } if key != "*" => Some((key.as_str(), text.as_str())),
            _ => None,
        })
        .collect();
    let cx = Ctx { o, footnotes };
    let mut doc = Docx::new().default_fonts(RunFonts::new().ascii("Arial").hi_ansi("Arial").cs("Arial")).default_size(20);
    for e in &d.elements {
        for p in element(e, &cx) {
            doc = doc.add_paragraph(p);
        }
    }
    let mut buf = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut buf).map_err(|e| format!("cannot write the DOCX: {e}"))?;
    Ok(buf.into_inner())
}

fn element(e: &Element, cx: &Ctx) -> Vec<Paragraph> {
    let plain = |pieces: &[Piece], indent: i32| {
        let mut p = Paragraph::new().indent(Some(CM * indent), None, None, None);
        let mut italic = false;
        for piece in pieces {
            p = add_piece(p, piece, false, cx, &cx.o.author, &mut italic);
        }
        p
    };
    match e {
        Element::Heading(level, t) => {
            let size = match level {
                0 | 1 => 28,
                2 => 24,
                _ => 20,
            };
            vec![Paragraph::new().add_run(text_run(t).bold().size(size))]
        }
        Element::Symbol { text, starred } => {
            vec![Paragraph::new().align(AlignmentType::Right).add_run(text_run(&format!("{text}{}", if *starred { "*" } else { "" })))]
        }
        Element::Caption { title, by } => {
            let mut v = vec![Paragraph::new().add_run(text_run(title).bold())];
            v.extend(by.iter().map(|b| Paragraph::new().add_run(text_run(b).italic())));
            v
        }
        Element::Legend(t) | Element::Note(t) => vec![Paragraph::new().add_run(text_run(t).italic())],
        Element::Para { indent, pieces } => vec![plain(pieces, i32::from(*indent))],
        Element::Provisions { shown, authors } => {
            let mut italic = false;
            shown
                .iter()
                .map(|b| match b {
                    Some(b) => block(b, authors.get(&b.id).map(String::as_str), cx, &mut italic),
                    None => Paragraph::new().add_run(Run::new().add_text("…")),
                })
                .collect()
        }
        Element::TextChanges(parts) => {
            let mut lines: Vec<Vec<Piece>> = vec![Vec::new()];
            for part in parts {
                match part {
                    Some(pieces) => {
                        for p in pieces {
                            for (k, t) in p.text.split('\n').enumerate() {
                                if k > 0 {
                                    lines.push(Vec::new());
                                }
                                let t = t.strip_suffix('\r').unwrap_or(t);
                                if !t.is_empty() {
                                    lines.last_mut().expect("a line").push(Piece::new(p.kind, t));
                                }
                            }
                        }
                    }
                    None => lines.push(vec![Piece::new(PieceKind::Same, "…")]),
                }
            }
            lines.iter().map(|l| plain(l, 0)).collect()
        }
        Element::Step { head, about, pieces } => {
            let mut v = vec![Paragraph::new().add_run(text_run(head).bold())];
            v.extend(about.iter().map(|a| Paragraph::new().indent(Some(CM), None, None, None).add_run(text_run(a))));
            v.push(plain(pieces, 1));
            v
        }
        // The note on the symbol ends the text; numbered footnotes are Word footnotes where their markers stand.
        Element::Footnote { key, text } if key == "*" => vec![Paragraph::new().add_run(text_run(&format!("* {text}")).size(16))],
        Element::Footnote { .. } | Element::Rule => Vec::new(),
        Element::Problem(t) => vec![Paragraph::new().add_run(text_run(&format!("Problem: {t}")).bold().color("A00000"))],
        Element::Lines(t) => t.lines().map(|l| Paragraph::new().add_run(text_run(l))).collect(),
    }
}

fn block(b: &Block, author: Option<&str>, cx: &Ctx, italic: &mut bool) -> Paragraph {
    let o = cx.o;
    let author = author.unwrap_or(&o.author);
    let mut p = Paragraph::new();
    p = match b.kind {
        BlockKind::Item => p.indent(Some(CM * b.depth as i32 + CM), Some(SpecialIndentType::Hanging(CM)), None, None),
        BlockKind::Paragraph => p.indent(Some(CM), Some(SpecialIndentType::Hanging(CM)), None, None),
        _ => p,
    };
    if o.track_changes {
        match b.status {
            Status::Inserted => p = p.insert(author, &o.date),
            Status::Deleted => p = p.delete(author, &o.date),
            _ => {}
        }
    }
    let bold = b.kind == BlockKind::Section;
    p = p.line_spacing(LineSpacing::new().after(if b.depth == 0 { 120 } else { 60 }));
    // The label, a tab to the hanging indent, the text: as Word lays out a numbered list.
    let mut pieces = line_pieces(b);
    if !b.label.is_empty()
        && matches!(b.kind, BlockKind::Item | BlockKind::Paragraph)
        && let Some(sep) = pieces.iter_mut().flat_map(|p| p.text.find(' ').map(|at| (p, at))).next()
    {
        sep.0.text.replace_range(sep.1..sep.1 + 1, "\t");
    }
    for piece in pieces {
        p = add_piece(p, &piece, bold, cx, author, italic);
    }
    if b.replaced_whole {
        p = p.add_run(Run::new().add_text(format!(" [{REPLACED_WHOLE}]")).italic());
    }
    p
}

fn add_piece(mut p: Paragraph, piece: &Piece, bold: bool, cx: &Ctx, author: &str, italic: &mut bool) -> Paragraph {
    let o = cx.o;
    for inline in inlines(&piece.text, italic) {
        let run = match inline {
            Inline::Footnote(k) => {
                let text = cx.footnotes.get(k).copied().unwrap_or("");
                let mut f = Footnote::new();
                let f = f.add_content(Paragraph::new().add_run(text_run(text)));
                p = p.add_run(Run::new().add_footnote_reference(f));
                continue;
            }
            Inline::Text { text, italic } => {
                let mut r = Run::new();
                for (k, part) in text.split('\t').enumerate() {
                    if k > 0 {
                        r = r.add_tab();
                    }
                    if !part.is_empty() {
                        let part = visible(part);
                        r = match (piece.kind, o.track_changes) {
                            (PieceKind::Del, true) => r.add_delete_text(part),
                            _ => r.add_text(part),
                        };
                    }
                }
                if italic {
                    r = r.italic();
                }
                if bold {
                    r = r.bold();
                }
                r
            }
        };
        p = match (piece.kind, o.track_changes) {
            (PieceKind::Same, _) => p.add_run(run),
            (PieceKind::Del, false) => p.add_run(run.strike()),
            (PieceKind::Ins, false) => p.add_run(run.underline("single")),
            (PieceKind::Del, true) => p.add_delete(Delete::new().author(author).date(&o.date).add_run(run)),
            (PieceKind::Ins, true) => p.add_insert(Insert::new(run).author(author).date(&o.date)),
        };
    }
    p
}
