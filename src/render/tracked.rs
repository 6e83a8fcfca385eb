//! Tracked changes as text: wdiff notation (`[-deleted-]{+inserted+}`),
//! the terminal (strikethrough and underline, colour added), Markdown
//! (`~~deleted~~`, `<ins>inserted</ins>`) and HTML (`<del>`, `<ins>`).
//! New text is underlined and deleted text struck through; colour may add
//! to that, never replace it.

use std::fmt::Write as _;

use super::inline::{Inline, inlines};
use crate::redline::doc::{Block, BlockKind, Status};
use crate::redline::{Piece, PieceKind};

/// An output format for tracked changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// wdiff notation, for scripts and copy and paste.
    Txt,
    /// ANSI strikethrough and underline, with colour.
    Ansi,
    Md,
    Html,
}

/// How one piece of text is written in a format.
pub fn piece(format: Format, p: &Piece, out: &mut String, italic: &mut bool) {
    match format {
        Format::Txt => match p.kind {
            PieceKind::Same => out.push_str(&p.text),
            PieceKind::Del => {
                let _ = write!(out, "[-{}-]", p.text);
            }
            PieceKind::Ins => {
                let _ = write!(out, "{{+{}+}}", p.text);
            }
        },
        Format::Ansi => match p.kind {
            PieceKind::Same => out.push_str(&p.text),
            PieceKind::Del => {
                let _ = write!(out, "\x1b[9;31m{}\x1b[0m", p.text);
            }
            PieceKind::Ins => {
                let _ = write!(out, "\x1b[4;32m{}\x1b[0m", p.text);
            }
        },
        Format::Md => {
            let text = escape_md(&p.text);
            match p.kind {
                PieceKind::Same => out.push_str(&text),
                PieceKind::Del => {
                    let _ = write!(out, "~~{text}~~");
                }
                PieceKind::Ins => {
                    let _ = write!(out, "<ins>{text}</ins>");
                }
            }
        }
        Format::Html => {
            let (open, close) = match p.kind {
                PieceKind::Same => ("", ""),
                PieceKind::Del => ("<del>", "</del>"),
                PieceKind::Ins => ("<ins>", "</ins>"),
            };
            out.push_str(open);
            for inline in inlines(&p.text, italic) {
                match inline {
                    Inline::Text { text, italic: true } => {
                        let _ = write!(out, "<em>{}</em>", escape_html(text));
                    }
                    Inline::Text { text, italic: false } => out.push_str(&escape_html(text)),
                    Inline::Footnote(k) => {
                        let _ = write!(out, "<sup><a href=\"#fn-{0}\">{0}</a></sup>", escape_html(k));
                    }
                }
            }
            out.push_str(close);
        }
    }
}

/// Pieces written in a format.
pub fn pieces(format: Format, ps: &[Piece]) -> String {
    let mut out = String::new();
    let mut italic = false;
    for p in ps {
        piece(format, p, &mut out, &mut italic);
    }
    out
}

/// The label and text of a block as one run of pieces: the space between
/// them belongs to an insertion or deletion that covers both.
pub fn line_pieces(b: &Block) -> Vec<Piece> {
    let mut v: Vec<Piece> = b.label.clone();
    if !b.label.is_empty() {
        let last = b.label.last().map(|p| p.kind);
        let first = b.text.first().map(|p| p.kind);
        let kind = if last == first && last != Some(PieceKind::Same) { last.unwrap_or(PieceKind::Same) } else { PieceKind::Same };
        v.push(Piece::new(kind, " "));
    }
    v.extend(b.text.iter().cloned());
    merge(v)
}

/// Joins neighbouring pieces of the same kind.
pub fn merge(v: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::with_capacity(v.len());
    for p in v {
        if p.text.is_empty() {
            continue;
        }
        match out.last_mut() {
            Some(last) if last.kind == p.kind => last.text.push_str(&p.text),
            _ => out.push(p),
        }
    }
    out
}

/// What a reader is told about a block that could not be compared word by word.
pub const REPLACED_WHOLE: &str = "compared as a whole: the word comparison ran out of time";

/// Blocks as lines of text (txt, ansi or md), sub-paragraphs indented,
/// top-level provisions separated by blank lines as in the resolution file.
pub fn blocks(format: Format, bs: &[Block]) -> String {
    let mut out = String::new();
    let mut italic = false;
    for (k, b) in bs.iter().enumerate() {
        if format == Format::Html {
            html_block(b, &mut out, &mut italic);
            continue;
        }
        let separate = k > 0 && (b.depth == 0 || format == Format::Md);
        if separate {
            out.push('\n');
        }
        if format != Format::Md {
            out.push_str(&"    ".repeat(b.depth));
        } else if b.depth > 0 {
            out.push_str(&"&emsp;&emsp;".repeat(b.depth));
        }
        if format == Format::Md && b.kind == BlockKind::Section {
            out.push_str("**");
        }
        for p in line_pieces(b) {
            piece(format, &p, &mut out, &mut italic);
        }
        if format == Format::Md && b.kind == BlockKind::Section {
            out.push_str("**");
        }
        if b.status == Status::Moved {
            out.push_str(if format == Format::Md { " *(moved here)*" } else { "  (moved here)" });
        }
        if b.replaced_whole {
            let _ = write!(out, "  [{REPLACED_WHOLE}]");
        }
        out.push('\n');
    }
    out
}

fn html_block(b: &Block, out: &mut String, italic: &mut bool) {
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
    let _ = write!(out, "<p class=\"{class} d{}{status}\">", b.depth);
    for p in line_pieces(b) {
        piece(Format::Html, &p, out, italic);
    }
    if b.replaced_whole {
        let _ = write!(out, " <span class=\"gavel-note\">[{REPLACED_WHOLE}]</span>");
    }
    out.push_str("</p>\n");
}

/// Escapes text for HTML: `<script>` in amendment text shows as text.
pub fn escape_html(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            _ => o.push(c),
        }
    }
    o
}

/// Escapes what Markdown would read as markup, except the `*italic*` that
/// resolution text and Markdown share.
fn escape_md(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
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

/// The stylesheet of HTML output: underline and strikethrough carry the
/// meaning; colour only adds to it.
pub const HTML_STYLE: &str = "body{font-family:Arial,Helvetica,sans-serif;max-width:52em;margin:2em auto;padding:0 1em;line-height:1.45}\
ins{text-decoration:underline;color:#006400;background:none}\
del{text-decoration:line-through;color:#a00000}\
p.d1{margin-left:2.5em}p.d2{margin-left:5em}p.d3{margin-left:7.5em}\
p.section{font-weight:bold;margin-top:1.5em}p.marker{margin-top:1.5em}\
.note{font-style:italic}.gavel-note{color:#555;font-size:90%}.symbol{text-align:right}";
