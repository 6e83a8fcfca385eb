//! Tracked changes as pieces: a block's label and text as one run, and
//! neighbouring pieces of one kind joined. How pieces look is each printer's
//! (`print::`).

use crate::redline::doc::Block;
use crate::redline::{Piece, PieceKind};

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
            Some(last) if last.kind == p.kind => last.text.to_mut().push_str(&p.text),
            _ => out.push(p),
        }
    }
    out
}

/// What a reader is told about a block that could not be compared word by word.
pub const REPLACED_WHOLE: &str = "compared as a whole: the word comparison ran out of time";
