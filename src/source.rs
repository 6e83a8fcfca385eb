//! Reading a user's file: size limit, UTF-8, emptiness, each with a clear
//! finding, before any parser sees the text.

use std::path::Path;

use crate::diag::{Diagnostic, line_col};

/// The largest file gavel reads. The longest CITES resolution is about
/// 100 KB; a file this size is a mistake (a PDF, a dump), and is refused
/// from its metadata without being read.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Reads a text file, or says why it cannot be used.
pub fn read_text(path: &Path) -> Result<String, Diagnostic> {
    read_limited(path, MAX_FILE_BYTES, false)
}

/// The largest plain text `gavel diff --text` compares.
pub const MAX_COMPARED_BYTES: u64 = 64 * 1024 * 1024;

/// Reads any text to compare: larger files are allowed, and an empty one is
/// simply empty.
pub fn read_any_text(path: &Path) -> Result<String, Diagnostic> {
    read_limited(path, MAX_COMPARED_BYTES, true)
}

fn read_limited(path: &Path, limit: u64, allow_empty: bool) -> Result<String, Diagnostic> {
    let meta = std::fs::metadata(path).map_err(|e| io_finding(path, &e))?;
    if meta.is_dir() {
        return Err(Diagnostic::error(path, 0, 0, "is a directory, not a file"));
    }
    if meta.len() > limit {
        return Err(Diagnostic::error(
            path,
            0,
            0,
            format!("file is {:.1} MB; gavel reads files of at most {} MB", meta.len() as f64 / 1e6, limit / (1024 * 1024)),
        )
        .hint("check that this is the file you meant: resolutions and agendas are small text files"));
    }
    let bytes = std::fs::read(path).map_err(|e| io_finding(path, &e))?;
    if allow_empty && bytes.is_empty() {
        return Ok(String::new());
    }
    decode(path, bytes)
}

/// Checks that bytes are non-empty UTF-8 text; drops a byte-order mark.
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let prefix = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
            let (line, column) = line_col(prefix, valid);
            return Err(Diagnostic::error(
                path,
                line,
                column,
                format!("file is not UTF-8 text: byte 0x{:02X} cannot start a character here", bytes[valid]),
            )
            .hint("save the file as UTF-8 (in most editors: Save As, encoding UTF-8)"));
        }
    };
    let text = text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text);
    if text.trim().is_empty() {
        return Err(Diagnostic::error(path, 0, 0, "file is empty").hint("restore its content from git, or remove the file"));
    }
    Ok(text)
}

fn io_finding(path: &Path, e: &std::io::Error) -> Diagnostic {
    let what = match e.kind() {
        std::io::ErrorKind::NotFound => "file not found".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied: gavel cannot read this file".to_string(),
        _ => format!("cannot read file: {e}"),
    };
    Diagnostic::error(path, 0, 0, what)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_line_and_column() {
        let d = decode(Path::new("x.txt"), b"Symbol: Conf. 1.1\nTitle: caf\xe9\n".to_vec()).unwrap_err();
        assert_eq!((d.line, d.column), (2, 11));
        assert!(d.message.contains("not UTF-8"), "{}", d.message);
    }

    #[test]
    fn empty_and_blank_files_are_refused() {
        assert!(decode(Path::new("x"), vec![]).unwrap_err().message.contains("empty"));
        assert!(decode(Path::new("x"), b"  \n\n".to_vec()).unwrap_err().message.contains("empty"));
    }

    #[test]
    fn byte_order_mark_is_dropped() {
        assert_eq!(decode(Path::new("x"), "\u{feff}abc".as_bytes().to_vec()).unwrap(), "abc");
    }
}
