//! Meetings' journals in the store: files that a room keeps appending to,
//! so that sync and repairs append to them and never replace them, and the
//! index follows only their committed part.

use std::path::{Path, PathBuf};

use super::{Store, StoreError, git};

/// A meeting's journal (`agendas/<group>/<meeting>.journal.jsonl`).
pub(crate) fn is_journal(p: &Path) -> bool {
    p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.ends_with(".journal.jsonl"))
}

impl Store {
    /// Appends to each journal the complete lines `tree` has and the file lacks.
    pub(super) fn append_journals(&self, journals: &[PathBuf], tree: &git2::Tree) -> std::io::Result<()> {
        use std::io::Write;
        for p in journals {
            let Some(want) = tree.get_path(p).ok().and_then(|e| self.repo.find_blob(e.id()).ok()) else { continue };
            let abs = self.workdir.join(p);
            let have = std::fs::read(&abs).unwrap_or_default();
            let add = crate::journal::missing(&String::from_utf8_lossy(&have), &String::from_utf8_lossy(want.content()));
            if add.is_empty() {
                continue;
            }
            if let Some(dir) = abs.parent() {
                std::fs::create_dir_all(dir)?;
            }
            let mut f = std::fs::OpenOptions::new().create(true).append(true).open(&abs)?;
            // A torn last line is never glued to what follows.
            let lead = if have.last().is_some_and(|b| *b != b'\n') { "\n" } else { "" };
            f.write_all(format!("{lead}{add}").as_bytes())?;
            f.sync_data()?;
        }
        Ok(())
    }

    /// The index holds each journal as `tree` has it (the file may have more: its uncommitted tail).
    pub(super) fn index_journals(&self, journals: &[PathBuf], tree: &git2::Tree) -> Result<(), StoreError> {
        if journals.is_empty() {
            return Ok(());
        }
        let mut index = git(self.repo.index(), || "opening the index".into())?;
        for p in journals {
            if let Ok(e) = tree.get_path(p)
                && let Ok(blob) = self.repo.find_blob(e.id())
            {
                let entry = git(super::index_entry(p, blob.content(), tree), || format!("updating the index for {}", p.display()))?;
                git(index.add(&entry), || format!("updating the index for {}", p.display()))?;
            }
        }
        git(index.write(), || "writing the index".into())
    }
}
