//! The HTML printer: one page, one style sheet. `<del>` and `<ins>` carry
//! the changes (struck through and underlined by the style sheet, colour
//! only added), `*italic*` becomes `<em>`, footnote markers link to their
//! notes. Every text from data is escaped, and its control characters shown
//! (HTML cannot hold them).

use std::fmt::Write as _;

use crate::redline::doc::{Block, BlockKind, Status};
use crate::redline::{Piece, PieceKind};
use crate::render::document::{Document, Element};
use crate::render::inline::{Inline, inlines};
use crate::render::tracked::{REPLACED_WHOLE, line_pieces};

/// The style sheet of every page: underline and strikethrough carry the
/// meaning; colour only adds to it.
pub const STYLE: &str = "body{font-family:Arial,Helvetica,sans-serif;max-width:52em;margin:2em auto;padding:0 1em;line-height:1.45}\
ins{text-decoration:underline;color:#006400;background:none}\
del{text-decoration:line-through;color:#a00000}\
p.d1{margin-left:2.5em}p.d2{margin-left:5em}p.d3{margin-left:7.5em}\
p.section{font-weight:bold;margin-top:1.5em}p.marker{margin-top:1.5em}\
.note{font-style:italic}.gavel-note{color:#555;font-size:90%}.symbol{text-align:right}\
.problem{color:#a00000;font-weight:bold}.text{white-space:pre-wrap}";

use super::escape_markup as escape;

/// The document as a whole HTML page.
pub fn print(doc: &Document) -> String {
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        escape(&doc.title)
    );
    for e in &doc.elements {
        element(&mut out, e);
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn element(out: &mut String, e: &Element) {
    let mut italic = false;
    match e {
        Element::Heading(level, t) => {
            let l = (*level).clamp(1, 6);
            let _ = writeln!(out, "<h{l}>{}</h{l}>", escape(t));
        }
        Element::Symbol { text, starred } => {
            let _ = writeln!(out, "<p class=\"symbol\">{}{}</p>", escape(text), if *starred { "<sup>*</sup>" } else { "" });
        }
        Element::Caption { title, by } => {
            let _ = writeln!(out, "<h2>{}</h2>", escape(title));
            if let Some(b) = by {
                let _ = writeln!(out, "<p class=\"note\">{}</p>", escape(b));
            }
        }
        Element::Legend(t) => {
            let _ = writeln!(out, "<p class=\"note\">{}</p>", escape(t));
        }
        Element::Para { indent, pieces: ps } => {
            let _ = writeln!(out, "<p class=\"d{indent}\">{}</p>", pieces(ps, &mut italic));
        }
        Element::Provisions { shown, .. } => {
            for b in shown {
                match b {
                    Some(b) => block(out, b, &mut italic),
                    None => out.push_str("<p>…</p>\n"),
                }
            }
            out.push('\n');
        }
        Element::TextChanges(parts) => {
            for part in parts {
                match part {
                    Some(b) => {
                        let moved = if b.status == Status::Moved { " <span class=\"gavel-note\">(moved here)</span>" } else { "" };
                        let _ = writeln!(out, "<p class=\"text\">{}{moved}</p>", pieces(&b.pieces, &mut italic));
                    }
                    None => out.push_str("<p>…</p>\n"),
                }
            }
        }
        Element::Step { head, about, pieces: ps } => {
            let _ = write!(out, "<p><b>{}</b>", escape(head));
            for a in about {
                let _ = write!(out, "<br>\n{}", escape(a));
            }
            let _ = writeln!(out, "</p>\n<p class=\"d1\">{}</p>", pieces(ps, &mut italic));
        }
        Element::Footnote { key, text } if key == "*" => {
            let _ = writeln!(out, "<p class=\"footnote\"><sup>*</sup> {}</p>", escape(text));
        }
        Element::Footnote { key, text } => {
            let _ = writeln!(
                out,
                "<p class=\"footnote\" id=\"fn-{0}\"><sup>{0}</sup> {1}</p>",
                escape(key),
                pieces(&[Piece::new(PieceKind::Same, text.clone())], &mut italic)
            );
        }
        Element::Rule => out.push_str("<hr>\n"),
        Element::Note(t) => {
            let _ = writeln!(out, "<p class=\"gavel-note\">{}</p>", escape(t));
        }
        Element::Problem(t) => {
            let _ = writeln!(out, "<p class=\"problem\">Problem: {}</p>", escape(t));
        }
        Element::Lines(t) => {
            let _ = writeln!(out, "<pre>{}</pre>", escape(t));
        }
    }
}

fn block(out: &mut String, b: &Block, italic: &mut bool) {
    let class = match b.kind {
        BlockKind::Recital => "recital",
        BlockKind::Marker => "marker",
        BlockKind::Section => "section",
        BlockKind::Paragraph => "paragraph",
        BlockKind::Item => "item",
    };
    let status = match b.status {
        Status::Inserted => " inserted",
        Status::Deleted => " deleted",
        Status::Moved => " moved",
        _ => "",
    };
    let _ = write!(out, "<p class=\"{class} d{}{status}\">{}", b.depth, pieces(&line_pieces(b), italic));
    if b.replaced_whole {
        let _ = write!(out, " <span class=\"gavel-note\">[{REPLACED_WHOLE}]</span>");
    }
    out.push_str("</p>\n");
}

/// Pieces as HTML; the italic state carries across pieces (a deletion may
/// end inside an italic title that the next piece closes).
fn pieces(ps: &[Piece], italic: &mut bool) -> String {
    let mut out = String::new();
    for p in ps {
        let (open, close) = match p.kind {
            PieceKind::Same => ("", ""),
            PieceKind::Del => ("<del>", "</del>"),
            PieceKind::Ins => ("<ins>", "</ins>"),
        };
        out.push_str(open);
        for inline in inlines(&p.text, italic) {
            match inline {
                Inline::Text { text, italic: true } => {
                    let _ = write!(out, "<em>{}</em>", escape(text));
                }
                Inline::Text { text, italic: false } => out.push_str(&escape(text)),
                Inline::Footnote(k) => {
                    let _ = write!(out, "<sup><a href=\"#fn-{0}\">{0}</a></sup>", escape(k));
                }
            }
        }
        out.push_str(close);
    }
    out
}
