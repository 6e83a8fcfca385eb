//! The annex as a Word document.
//!
//! Two forms: formatting (new text underlined, deleted text struck through,
//! as the annexes the Secretariat publishes look), or real tracked changes
//! (`w:ins` / `w:del` with author and date, deleted text in `w:delText`,
//! inserted or deleted paragraphs marked on the paragraph mark) that the
//! Secretariat can accept or reject one by one. Labels are literal text, not
//! Word numbering, so that `~~e~~f)` is a deletion and an insertion.

use std::collections::HashMap;

use docx_rs::{AlignmentType, Delete, Docx, Footnote, Insert, LineSpacing, Paragraph, Run, RunFonts, SpecialIndentType};

use super::annex::{Annex, NOTE};
use super::inline::{Inline, inlines};
use super::tracked::{REPLACED_WHOLE, line_pieces};
use crate::redline::doc::{Block, BlockKind, Status};
use crate::redline::{Piece, PieceKind};

/// How the DOCX shows changes.
#[derive(Debug, Clone)]
pub struct DocxOptions {
    /// Real Word revisions instead of underline and strikethrough.
    pub track_changes: bool,
    /// The author of revisions whose proposal is unknown.
    pub author: String,
    /// The date of the revisions, ISO 8601 (`2025-02-03T09:00:00Z`).
    pub date: String,
}

/// One centimetre in twentieths of a point.
const CM: i32 = 567;

/// Writes the annex as DOCX bytes.
pub fn annex_docx(a: &Annex, o: &DocxOptions) -> Result<Vec<u8>, String> {
    let mut doc = Docx::new().default_fonts(RunFonts::new().ascii("Arial").hi_ansi("Arial").cs("Arial")).default_size(20);
    let star = if a.note.is_some() { "*" } else { "" };
    doc = doc.add_paragraph(Paragraph::new().align(AlignmentType::Right).add_run(Run::new().add_text(format!("{}{star}", a.symbol))));
    doc = doc.add_paragraph(Paragraph::new().add_run(Run::new().add_text(&a.title).bold()));
    doc = doc.add_paragraph(Paragraph::new().add_run(Run::new().add_text(NOTE).italic()));
    let footnotes: HashMap<&str, &str> = a.footnotes.iter().map(|(k, t)| (k.as_str(), t.as_str())).collect();
    let mut italic = false;
    for b in &a.blocks {
        doc = doc.add_paragraph(block(b, a, o, &footnotes, &mut italic));
    }
    if let Some(n) = &a.note {
        doc = doc.add_paragraph(Paragraph::new().add_run(Run::new().add_text(format!("* {n}")).size(16)));
    }
    for n in &a.not_shown {
        let problems: Vec<String> = n.problems.iter().map(|p| p.to_string()).collect();
        let text = format!("Not shown: proposal {} ({}): {}", n.id, n.proponents, problems.join("; "));
        doc = doc.add_paragraph(Paragraph::new().add_run(Run::new().add_text(text).italic()));
    }
    let mut buf = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut buf).map_err(|e| format!("cannot write the DOCX: {e}"))?;
    Ok(buf.into_inner())
}

fn block(b: &Block, a: &Annex, o: &DocxOptions, footnotes: &HashMap<&str, &str>, italic: &mut bool) -> Paragraph {
    let author = a.authors.get(&b.id).cloned().unwrap_or_else(|| o.author.clone());
    let mut p = Paragraph::new();
    p = match b.kind {
        BlockKind::Item => p.indent(Some(CM * b.depth as i32 + CM), Some(SpecialIndentType::Hanging(CM)), None, None),
        BlockKind::Paragraph => p.indent(Some(CM), Some(SpecialIndentType::Hanging(CM)), None, None),
        _ => p,
    };
    if o.track_changes {
        match b.status {
            Status::Inserted => p = p.insert(&author, &o.date),
            Status::Deleted => p = p.delete(&author, &o.date),
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
        p = add_piece(p, &piece, bold, o, &author, footnotes, italic);
    }
    if b.replaced_whole {
        p = p.add_run(Run::new().add_text(format!(" [{REPLACED_WHOLE}]")).italic());
    }
    p
}

pub(crate) fn add_piece(
    mut p: Paragraph,
    piece: &Piece,
    bold: bool,
    o: &DocxOptions,
    author: &str,
    footnotes: &HashMap<&str, &str>,
    italic: &mut bool,
) -> Paragraph {
    for inline in inlines(&piece.text, italic) {
        let run = match inline {
            Inline::Footnote(k) => {
                let text = footnotes.get(k).copied().unwrap_or("");
                let mut f = Footnote::new();
                let f = f.add_content(Paragraph::new().add_run(Run::new().add_text(text)));
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
