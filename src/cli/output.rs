//! Where and how tracked changes are written: the format (chosen, implied by
//! the output file's name, or the terminal's), and files written whole or
//! not at all.

use std::io::IsTerminal;
use std::path::Path;

use super::{CliError, emit_bytes};
use crate::render::Document;
use crate::render::print::{DocxOptions, Format, Options};

/// Formats of tracked changes on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    /// wdiff notation: `[-deleted-]{+inserted+}`.
    Txt,
    /// Markdown: `~~deleted~~`, `<ins>inserted</ins>`.
    Md,
    /// HTML: `<del>`, `<ins>`, styled as strikethrough and underline.
    Html,
    /// The terminal: strikethrough and underline, with colour.
    Term,
    /// Word (annex only).
    Docx,
    /// JSON (history; README, JSON output).
    Json,
}

/// Formats of listings (show, proposals, check, status).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ListFormat {
    /// Plain text, as read on a terminal.
    Txt,
    /// JSON, one documented schema per command (README, JSON output).
    Json,
}

/// The format to use: as asked, else from the output file's extension, else
/// the terminal's when standard output is one and NO_COLOR is unset, else txt.
pub fn choose(asked: Option<FormatArg>, output: Option<&Path>) -> FormatArg {
    if let Some(f) = asked {
        return f;
    }
    let by_ext = output.and_then(|p| p.extension()).and_then(|e| e.to_str()).map(|e| e.to_ascii_lowercase());
    match by_ext.as_deref() {
        Some("docx") => FormatArg::Docx,
        Some("html" | "htm") => FormatArg::Html,
        Some("md" | "markdown") => FormatArg::Md,
        Some(_) => FormatArg::Txt,
        None if std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) => FormatArg::Term,
        None => FormatArg::Txt,
    }
}

/// The printer's format for a format argument; JSON is no document format.
pub fn format(f: FormatArg) -> Result<Format, CliError> {
    Ok(match f {
        FormatArg::Txt => Format::Txt,
        FormatArg::Md => Format::Md,
        FormatArg::Html => Format::Html,
        FormatArg::Term => Format::Term,
        FormatArg::Docx => Format::Docx,
        FormatArg::Json => {
            return Err(CliError::user(
                "--format json is for show, proposals, history, check and status: choose txt, md, html or docx here",
            ));
        }
    })
}

/// Prints `doc` in `format` to `output` (whole, or not at all) or to
/// standard output. A file holds the data as it is; on standard output,
/// control characters in data are shown, not written.
pub fn print(doc: &Document, format: Format, output: Option<&Path>, docx: DocxOptions) -> Result<(), CliError> {
    let o = Options { visible: output.is_none(), docx };
    let bytes = crate::render::print::print(doc, format, &o).map_err(CliError::env)?;
    write(output, &bytes)
}

/// A listing or findings, as plain text on standard output.
pub fn lines(title: &str, text: String) -> Result<(), CliError> {
    print(&Document::of_lines(title, text), Format::Txt, None, DocxOptions::default())
}

/// Writes to `output` (whole, or not at all) or to standard output.
pub fn write(output: Option<&Path>, bytes: &[u8]) -> Result<(), CliError> {
    match output {
        None => {
            if std::io::stdout().is_terminal() && std::str::from_utf8(bytes).is_err() {
                return Err(CliError::user("this is a binary file: name a file to write it to with -o FILE"));
            }
            emit_bytes(bytes)
        }
        Some(path) => {
            let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
            if !dir.is_dir() {
                return Err(CliError::user(format!("cannot write {}: the folder {} does not exist", path.display(), dir.display())));
            }
            // Only a regular file is replaced: never a link, a pipe, a device or a folder.
            if let Ok(meta) = std::fs::symlink_metadata(path) {
                let t = meta.file_type();
                let what = if t.is_symlink() {
                    Some("a symbolic link")
                } else if t.is_dir() {
                    Some("a folder")
                } else if !t.is_file() {
                    Some("not a regular file (a pipe, a socket or a device)")
                } else {
                    None
                };
                if let Some(what) = what {
                    return Err(CliError::user(format!("will not write {}: it is {what}; name a regular file", path.display())));
                }
                if meta.permissions().readonly() {
                    return Err(CliError::env(format!("cannot write {}: the file is read-only", path.display())));
                }
            }
            crate::fsx::write_atomic(path, bytes).map_err(|e| CliError::env(format!("cannot write {}: {e}", path.display())))
        }
    }
}
