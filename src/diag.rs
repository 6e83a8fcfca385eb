//! Findings about a user's files: where (path, line, column), what is wrong,
//! and how to fix it. Every reader in gavel reports through this type.

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a finding is: errors make `gavel check` fail; warnings are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One finding in one file. `line` and `column` count from 1; 0 means the
/// finding is about the whole file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub path: PathBuf,
    pub line: u32,
    pub column: u32,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(path: &Path, line: u32, column: u32, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Error, path: path.to_path_buf(), line, column, message: message.into(), hint: None }
    }

    pub fn warning(path: &Path, line: u32, column: u32, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Self::error(path, line, column, message) }
    }

    /// Adds how to fix it.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if self.line > 0 {
            write!(f, ":{}:{}", self.line, self.column.max(1))?;
        }
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, ": {sev}: {}", self.message)?;
        if let Some(h) = &self.hint {
            write!(f, "\n  fix: {h}")?;
        }
        Ok(())
    }
}

/// Several findings that stop an operation (a file that cannot be read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Findings(pub Vec<Diagnostic>);

impl fmt::Display for Findings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Findings {}

/// 1-based line and character column of a byte offset in `text`.
pub fn line_col(text: &str, offset: usize) -> (u32, u32) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() as u32 + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() as u32 + 1;
    (line, column)
}

/// Converts a 1-based (line, byte column) pair, as serde_json reports it,
/// into a 1-based (line, character column) pair.
pub fn byte_col_to_char_col(text: &str, line: usize, byte_col: usize) -> (u32, u32) {
    let Some(line_text) = text.split('\n').nth(line.saturating_sub(1)) else {
        return (line as u32, byte_col as u32);
    };
    let end = floor_char_boundary(line_text, byte_col.saturating_sub(1).min(line_text.len()));
    (line as u32, line_text[..end].chars().count() as u32 + 1)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_not_bytes() {
        let t = "ab\nCôte d'Ivoire x";
        let off = t.find('x').unwrap();
        assert_eq!(line_col(t, off), (2, 15));
        assert_eq!(byte_col_to_char_col(t, 2, off - 3 + 1), (2, 15));
    }

    #[test]
    fn display_names_file_line_column_and_fix() {
        let d = Diagnostic::error(Path::new("r.txt"), 3, 7, "bad").hint("do this");
        assert_eq!(d.to_string(), "r.txt:3:7: error: bad\n  fix: do this");
        let d = Diagnostic::warning(Path::new("r.txt"), 0, 0, "empty");
        assert_eq!(d.to_string(), "r.txt: warning: empty");
    }
}
