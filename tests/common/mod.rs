//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod demo;
pub mod room;
pub mod tmux;

use std::path::{Path, PathBuf};

use gavel::diag::Diagnostic;
use gavel::workspace::Workspace;

/// A temporary working-group repository holding the bundled files.
pub struct TempRepo {
    pub dir: tempfile::TempDir,
}

impl TempRepo {
    pub fn bundled() -> Self {
        let dir = tempfile::tempdir().unwrap();
        for f in gavel::bundled::FILES {
            let p = dir.path().join(f.path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, f.text).unwrap();
        }
        TempRepo { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn file(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.file(rel)).unwrap()
    }

    pub fn write(&self, rel: &str, text: impl AsRef<[u8]>) {
        std::fs::write(self.file(rel), text).unwrap();
    }

    /// Replaces `old` (which must occur exactly once) in a file.
    pub fn edit(&self, rel: &str, old: &str, new: &str) {
        let text = self.read(rel);
        assert_eq!(text.matches(old).count(), 1, "`{old}` in {rel}");
        self.write(rel, text.replacen(old, new, 1));
    }

    pub fn load(&self) -> Workspace {
        Workspace::load(self.path())
    }

    /// Findings about one file, as `line:column severity: message`.
    pub fn findings(&self, rel: &str) -> Vec<String> {
        let ws = self.load();
        let want = self.file(rel);
        ws.diagnostics
            .iter()
            .filter(|d| d.path == want)
            .map(|d: &Diagnostic| format!("{}:{} {}: {}", d.line, d.column, if d.is_error() { "error" } else { "warning" }, d.message))
            .collect()
    }
}
