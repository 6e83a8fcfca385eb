//! One printer per format, over the one document value: `txt` (wdiff marks,
//! for scripts and copy and paste), `term` (strikethrough and underline with
//! colour), `md`, `html` and `docx`. New text is underlined and deleted text
//! struck through in every format; colour may add to that, never replace it.
//!
//! What reaches a terminal is made visible (`safe::visible`): the txt and
//! term printers do it when `Options::visible` is set (standard output), and
//! leave a file's data as it is; HTML and Word cannot hold control
//! characters, so those printers always show them.

pub mod docx;
pub mod html;
pub mod md;
pub mod text;

use super::document::Document;
pub use docx::DocxOptions;

/// Text for HTML or XML: escaped (`<script>` in amendment text shows as
/// text), its control characters shown, and the two characters XML does not
/// allow even escaped replaced.
pub(crate) fn escape_markup(s: &str) -> String {
    let s = crate::safe::visible(s);
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            '\u{fffe}' | '\u{ffff}' => o.push('\u{fffd}'),
            _ => o.push(c),
        }
    }
    o
}

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// wdiff notation: `[-deleted-]{+inserted+}`.
    Txt,
    /// ANSI strikethrough and underline, with colour.
    Term,
    Md,
    Html,
    Docx,
}

/// How a document is printed.
#[derive(Debug, Clone)]
pub struct Options {
    /// The output goes to standard output (a terminal, or a pipe to one):
    /// control characters in data are shown, not written.
    pub visible: bool,
    /// Word revisions and their author and date.
    pub docx: DocxOptions,
}

impl Default for Options {
    fn default() -> Self {
        Options { visible: true, docx: DocxOptions::default() }
    }
}

/// The document in a format.
pub fn print(doc: &Document, format: Format, o: &Options) -> Result<Vec<u8>, String> {
    Ok(match format {
        Format::Txt => text::print(doc, false, o.visible).into_bytes(),
        Format::Term => text::print(doc, true, o.visible).into_bytes(),
        Format::Md => md::print(doc, o.visible).into_bytes(),
        Format::Html => html::print(doc).into_bytes(),
        Format::Docx => docx::print(doc, &o.docx)?,
    })
}
