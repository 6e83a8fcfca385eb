//! The tracked-change engine: what changed between two texts, two versions
//! of a resolution, or a resolution and its proposals, as pieces that are
//! unchanged, deleted or inserted. Renderers turn the pieces into
//! strikethrough and underline; this module knows nothing of output formats.

use std::borrow::Cow;

pub mod amend;
pub mod budget;
pub mod doc;
pub mod ends;
pub mod merge;
pub mod myers;
pub mod text;
pub mod tokens;
pub mod words;

pub use words::{WordDiff, diff_words};

/// Whether a piece of text is unchanged, deleted or inserted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PieceKind {
    Same,
    Del,
    Ins,
}

/// A run of text with one kind of change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub kind: PieceKind,
    pub text: Cow<'static, str>,
}

impl Piece {
    pub fn new(kind: PieceKind, text: impl Into<String>) -> Self {
        Piece { kind, text: Cow::Owned(text.into()) }
    }
}

/// The text before the change: unchanged and deleted pieces.
pub fn old_text(pieces: &[Piece]) -> String {
    pieces.iter().filter(|p| p.kind != PieceKind::Ins).map(|p| p.text.as_ref()).collect()
}

/// The text after the change: unchanged and inserted pieces.
pub fn new_text(pieces: &[Piece]) -> String {
    pieces.iter().filter(|p| p.kind != PieceKind::Del).map(|p| p.text.as_ref()).collect()
}

/// The wdiff notation: `[-deleted-]{+inserted+}`.
pub fn wdiff(pieces: &[Piece]) -> String {
    let mut s = String::new();
    for p in pieces {
        match p.kind {
            PieceKind::Same => s.push_str(&p.text),
            PieceKind::Del => {
                s.push_str("[-");
                s.push_str(&p.text);
                s.push_str("-]");
            }
            PieceKind::Ins => {
                s.push_str("{+");
                s.push_str(&p.text);
                s.push_str("+}");
            }
        }
    }
    s
}
