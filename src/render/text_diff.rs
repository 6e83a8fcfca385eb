//! A comparison of two plain texts in a format, whole or with only the
//! changed paragraphs and some around them.

use super::tracked::{self, Format};
use crate::redline::Piece;
use crate::redline::doc::Status;
use crate::redline::text::TextDiff;

/// The text diff in a format; with `context`, only changed lines and that many around them.
pub fn render(d: &TextDiff, format: Format, context: Option<usize>) -> String {
    let keep: Vec<bool> = match context {
        None => vec![true; d.blocks.len()],
        Some(c) => {
            let changed: Vec<usize> = d.blocks.iter().enumerate().filter(|(_, b)| b.status != Status::Same).map(|(i, _)| i).collect();
            let mut keep = vec![false; d.blocks.len()];
            for i in changed {
                let last = (i + c).min(d.blocks.len().saturating_sub(1));
                keep[i.saturating_sub(c)..=last].fill(true);
            }
            keep
        }
    };
    let mut out = String::new();
    let mut italic = false;
    let mut gap = false;
    for (b, k) in d.blocks.iter().zip(keep) {
        if !k {
            gap = true;
            continue;
        }
        if gap {
            out.push_str(if format == Format::Md { "…\n\n" } else { "…\n" });
            gap = false;
        }
        match format {
            // Markdown has no line breaks inside a paragraph: each line ends in a hard break.
            Format::Md => {
                for line in split_lines(&b.pieces) {
                    out.push_str(&tracked::pieces(Format::Md, &line));
                    out.push_str("  \n");
                }
            }
            _ => {
                for p in &b.pieces {
                    tracked::piece(format, p, &mut out, &mut italic);
                }
            }
        }
    }
    if gap {
        out.push_str("…\n");
    }
    out
}

/// Pieces split at line endings, which are dropped.
fn split_lines(pieces: &[Piece]) -> Vec<Vec<Piece>> {
    let mut lines = vec![Vec::new()];
    for p in pieces {
        let mut parts = p.text.split('\n').peekable();
        while let Some(part) = parts.next() {
            let part = part.strip_suffix('\r').unwrap_or(part);
            if !part.is_empty() {
                lines.last_mut().expect("one line at least").push(Piece::new(p.kind, part));
            }
            if parts.peek().is_some() {
                lines.push(Vec::new());
            }
        }
    }
    if lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines
}
