//! What a write is about to do, on disk before it does it, so that a write
//! cut off in the middle (a crash, `kill -9`, the power) is finished or undone
//! by the next gavel command, never left half-done.
//!
//! A write (adopt, save a proposal, withdraw, take back, sync) builds its
//! commit first, then records the intent (`.git/gavel/pending.json`: the
//! branch, the commit it moves from and to, the files it writes), then writes
//! the files, moves the branch, updates the index, and removes the intent.
//! Finding an intent, the next command looks at the branch: if it moved, the
//! write is completed (files and index as the commit has them); if not, it
//! is undone (files as the commit before had them). Either way the repository
//! is exactly as before the write or exactly as after it.

use std::path::{Path, PathBuf};

use git2::Oid;
use serde::{Deserialize, Serialize};

use super::{Store, StoreError, git, io};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Intent {
    pub branch: String,
    pub parent: String,
    pub commit: String,
    /// Paths relative to the work tree.
    pub paths: Vec<PathBuf>,
    /// Files others append to (journals): committed as they were, never rewritten; only the index follows.
    #[serde(default)]
    pub appended: Vec<PathBuf>,
}

/// What the next command found and did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Repaired {
    /// The branch had moved: the files and the index now match the commit.
    Completed { commit: String, paths: Vec<String> },
    /// The branch had not moved: the files are back as they were.
    Undone { paths: Vec<String> },
}

impl std::fmt::Display for Repaired {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Repaired::Completed { commit, paths } => write!(
                f,
                "an earlier write was cut off after its commit {} was recorded; it is now completed ({})",
                &commit[..commit.len().min(7)],
                paths.join(", ")
            ),
            Repaired::Undone { paths } => {
                write!(f, "an earlier write was cut off before it was recorded; its files are back as they were ({})", paths.join(", "))
            }
        }
    }
}

/// `.git/gavel/pending.json` of the git folder `git_dir`.
pub fn intent_path(git_dir: &Path) -> PathBuf {
    git_dir.join("gavel").join("pending.json")
}

impl Store {
    /// Records the intent, on disk, before the first file is written.
    pub(crate) fn begin(&self, intent: &Intent) -> Result<(), StoreError> {
        let path = intent_path(self.repo.path());
        if let Some(dir) = path.parent() {
            io(std::fs::create_dir_all(dir), || format!("creating {}", dir.display()))?;
        }
        let bytes = serde_json::to_vec_pretty(intent).unwrap_or_default();
        io(crate::fsx::write_atomic(&path, &bytes), || format!("writing {}", path.display()))
    }

    /// The write is whole: the intent goes.
    pub(crate) fn end(&self) {
        let _ = std::fs::remove_file(intent_path(self.repo.path()));
    }

    /// Finishes or undoes a write that was cut off, if there is one. The
    /// caller holds the repository lock.
    pub fn repair(&self) -> Result<Option<Repaired>, StoreError> {
        let path = intent_path(self.repo.path());
        let Ok(bytes) = std::fs::read(&path) else { return Ok(None) };
        let Ok(intent) = serde_json::from_slice::<Intent>(&bytes) else {
            // Unreadable: written half by a crash before any file was touched (it is written whole, atomically).
            self.end();
            return Ok(None);
        };
        let repo = &self.repo;
        let at = repo.refname_to_id(&intent.branch).ok();
        let (Ok(commit), Ok(parent)) = (Oid::from_str(&intent.commit), Oid::from_str(&intent.parent)) else {
            self.end();
            return Ok(None);
        };
        let (target, done) = if at == Some(commit) { (commit, true) } else { (parent, false) };
        let tree = git(repo.find_commit(target).and_then(|c| c.tree()), || format!("reading commit {target}"))?;
        let mut index = git(repo.index(), || "opening the index".into())?;
        for p in &intent.paths {
            let abs = self.workdir.join(p);
            match tree.get_path(p) {
                Ok(e) => {
                    let blob = git(repo.find_blob(e.id()), || format!("reading {}", p.display()))?;
                    if std::fs::read(&abs).ok().as_deref() != Some(blob.content()) {
                        if let Some(dir) = abs.parent() {
                            let _ = std::fs::create_dir_all(dir);
                        }
                        io(crate::fsx::write_atomic(&abs, blob.content()), || format!("writing {}", abs.display()))?;
                    }
                    git(index.add_path(p), || format!("updating the index for {}", p.display()))?;
                }
                Err(_) => {
                    let _ = std::fs::remove_file(&abs);
                    let _ = index.remove_path(p);
                }
            }
        }
        if done {
            for p in &intent.appended {
                if let Ok(e) = tree.get_path(p)
                    && let Ok(blob) = repo.find_blob(e.id())
                {
                    let entry = git(super::index_entry(p, blob.content(), &tree), || format!("updating the index for {}", p.display()))?;
                    git(index.add(&entry), || format!("updating the index for {}", p.display()))?;
                }
            }
        }
        git(index.write(), || "writing the index".into())?;
        self.end();
        let paths = intent.paths.iter().map(|p| p.display().to_string()).collect();
        Ok(Some(if done { Repaired::Completed { commit: intent.commit, paths } } else { Repaired::Undone { paths } }))
    }
}
