//! Bringing a resolution in from what CITES publishes: its Word file, or its
//! text as copied from the PDF. Both are read into the same [`Block`]s (a
//! label as written or as Word numbers it, the text, where it came from);
//! [`provisions`] places them as preamble, sections, paragraphs and
//! sub-paragraphs and writes gavel's text format, which the resolution
//! parser then reads as `gavel check` does.
//!
//! Nothing is guessed silently: every repair (a label restored from its
//! neighbours, a paragraph joined across a page break, page furniture
//! dropped, a hyphen at a line end) is listed with its line or paragraph,
//! and what cannot be placed is listed and left out, never slipped in.

pub mod docx;
mod place;
pub mod provisions;
pub mod reply;
pub mod text;
pub mod zip;

use std::fmt;

/// Where something came from: a line of a text, a paragraph of a Word file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Place {
    Line(u32),
    Paragraph(u32),
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Line(n) => write!(f, "line {n}"),
            Place::Paragraph(n) => write!(f, "paragraph {n}"),
        }
    }
}

/// What Word's numbering says a paragraph is (a label it numbers is not in the text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Section,
    Paragraph,
    /// A sub-paragraph (1) or sub-sub-paragraph (2).
    Item(usize),
}

/// One paragraph of the source, before it is placed.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// The label as written or numbered (`23.`, `b)`, `(iv)`), if any.
    pub label: Option<String>,
    /// The text after the label: `*italics*` and footnote markers `[^1]` as in gavel's format.
    pub text: String,
    pub at: Place,
    /// What Word's numbering says it is, when it numbers it.
    pub level: Option<Level>,
}

/// A footnote of the source: its key and text.
#[derive(Debug, Clone, PartialEq)]
pub struct Footnote {
    pub key: String,
    pub text: String,
}

/// What the source is read into: the lines before the text (its header,
/// where the file gives one), its paragraphs, its footnotes, and the
/// repairs made and what was dropped while reading it.
#[derive(Debug, Clone, Default)]
pub struct Source {
    pub blocks: Vec<Block>,
    pub footnotes: Vec<Footnote>,
    pub repairs: Vec<Note>,
    pub unplaced: Vec<Note>,
    /// The note on the resolution's symbol, where the file gives one (Word's `*` footnote).
    pub note: Option<String>,
}

/// A repair made, or something left out, with where.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    pub at: Place,
    pub what: String,
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.at, crate::safe::visible(&self.what))
    }
}

/// The header as given on the command line, where the file does not say it.
#[derive(Debug, Clone, Default)]
pub struct Given {
    pub symbol: Option<String>,
    pub revision: Option<String>,
    pub title: Option<String>,
    pub note: Option<String>,
}

/// A resolution imported: its text in gavel's format, what was repaired,
/// what was left out, and the problems `gavel check` still finds in it.
#[derive(Debug, Clone)]
pub struct Imported {
    pub text: String,
    pub symbol: Option<crate::resolution::symbol::Symbol>,
    pub repairs: Vec<Note>,
    pub unplaced: Vec<Note>,
    pub problems: Vec<crate::diag::Diagnostic>,
    /// Where each provision came from, in the order the text has them (preamble, then operative).
    pub places: Vec<Place>,
}

/// Why a source could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// The file is not what it claims to be, or is damaged (exit 1).
    #[error("{0}")]
    Broken(String),
    /// What was asked cannot be done (exit 2).
    #[error("{0}")]
    Asked(String),
}

impl ImportError {
    pub fn exit_code(&self) -> u8 {
        match self {
            ImportError::Broken(_) => 1,
            ImportError::Asked(_) => 2,
        }
    }
}

/// A label at the start of a text (`23.`, `b)`, `(iv)`, `IX.`), with the bytes it
/// and the space after it take: a number, letters of one kind or a roman
/// numeral, not a word such as `Conf.` or `Rev.`.
pub fn leading_label(text: &str) -> Option<crate::resolution::label::RawLabel> {
    crate::resolution::label::split_label(text).filter(|l| crate::resolution::label::kind_of_first(&l.value).is_some())
}

/// The largest file gavel imports (a resolution's Word file is well under 1 MB).
pub const MAX_SOURCE_BYTES: usize = 16 * 1024 * 1024;

/// Imports a resolution from a file's bytes: a Word file (by its zip
/// signature) or text. `name` is how the file is named in messages.
pub fn resolution(bytes: &[u8], name: &str, given: &Given) -> Result<Imported, ImportError> {
    if bytes.len() > MAX_SOURCE_BYTES {
        return Err(ImportError::Broken(format!(
            "{name} is {:.1} MB; gavel imports files of at most {} MB",
            bytes.len() as f64 / 1e6,
            MAX_SOURCE_BYTES / (1024 * 1024)
        )));
    }
    let docx_named = name.to_ascii_lowercase().ends_with(".docx");
    if docx_named && !bytes.starts_with(b"PK") {
        return Err(ImportError::Broken(format!(
            "{name} is not a Word file (.docx): it is not a zip package; save it from Word as .docx, or give the text as .txt"
        )));
    }
    let source = if bytes.starts_with(b"PK") {
        let doc = docx::Document::read(bytes, name)?;
        doc.source()
    } else {
        let text = std::str::from_utf8(bytes).map_err(|e| {
            ImportError::Broken(format!(
                "{name} is neither a Word file (.docx) nor UTF-8 text (byte {}); save the text as UTF-8, or give the .docx",
                e.valid_up_to()
            ))
        })?;
        text::read(text.strip_prefix('\u{feff}').unwrap_or(text))
    };
    provisions::build(source, given, name)
}
