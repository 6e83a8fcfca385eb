//! Opening the repository of a working group, and the checks that every
//! write makes before it touches anything.

use std::path::{Path, PathBuf};

use git2::{Repository, Status, StatusOptions};

use super::{Author, StoreError, git};

/// A working group's repository.
pub struct Store {
    pub repo: Repository,
    /// The work tree's root.
    pub workdir: PathBuf,
}

impl Store {
    /// The repository that holds `path` (a working-group folder).
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        // Reading history reads thousands of objects: like git, do not re-hash each one
        // on every read (objects are still checked when written and when packs are indexed).
        git2::opts::strict_hash_verification(false);
        let repo = Repository::discover(path).map_err(|_| StoreError::NotARepository(path.to_path_buf()))?;
        let workdir = repo.workdir().ok_or_else(|| StoreError::NotARepository(path.to_path_buf()))?.to_path_buf();
        Ok(Store { repo, workdir })
    }

    /// `path` (absolute or relative to the current folder) relative to the work tree.
    pub fn relative(&self, path: &Path) -> PathBuf {
        let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let root = std::fs::canonicalize(&self.workdir).unwrap_or_else(|_| self.workdir.clone());
        let abs =
            abs.parent().and_then(|p| std::fs::canonicalize(p).ok()).map(|p| p.join(abs.file_name().unwrap_or_default())).unwrap_or(abs);
        abs.strip_prefix(&root).map(Path::to_path_buf).unwrap_or(abs)
    }

    /// The checks before a write: a branch with commits, no other git
    /// program at work, and no uncommitted changes in the files to be written.
    pub fn ready_to_write(&self, files: &[&Path]) -> Result<(), StoreError> {
        let lock = self.repo.path().join("index.lock");
        if lock.exists() {
            return Err(StoreError::IndexLocked(lock));
        }
        match self.repo.head() {
            Err(e) if e.code() == git2::ErrorCode::UnbornBranch || e.code() == git2::ErrorCode::NotFound => {
                return Err(StoreError::NoCommits);
            }
            Err(e) => return git(Err(e), || "reading HEAD".into()),
            Ok(_) => {}
        }
        if git(self.repo.head_detached(), || "reading HEAD".into())? {
            return Err(StoreError::DetachedHead);
        }
        let mut dirty = Vec::new();
        for f in files {
            let status = match self.repo.status_file(f) {
                Ok(s) => s,
                // Neither in git nor on disk: a new file, nothing of it to lose.
                Err(e) if e.code() == git2::ErrorCode::NotFound && !self.workdir.join(f).exists() => Status::CURRENT,
                Err(e) if e.code() == git2::ErrorCode::NotFound => Status::WT_NEW,
                Err(e) => return git(Err(e), || format!("reading the status of {}", f.display())),
            };
            if status != Status::CURRENT {
                dirty.push(f.display().to_string());
            }
        }
        if !dirty.is_empty() {
            return Err(StoreError::Dirty(dirty));
        }
        Ok(())
    }

    /// Files with uncommitted changes (for telling the user what was left alone).
    pub fn changed_files(&self) -> Vec<String> {
        let mut opts = StatusOptions::new();
        opts.include_untracked(true).recurse_untracked_dirs(false);
        match self.repo.statuses(Some(&mut opts)) {
            Ok(st) => st.iter().filter_map(|e| e.path().ok().map(str::to_string)).collect(),
            Err(_) => Vec::new(),
        }
    }
}

/// The author from git's configuration (user.name, user.email), stamped now.
pub fn signature_from_config(repo: &Repository) -> Result<Author, StoreError> {
    let cfg = git(repo.config(), || "reading git's configuration".into())?;
    let name = cfg.get_string("user.name").ok().filter(|s| !s.trim().is_empty());
    let email = cfg.get_string("user.email").ok().filter(|s| !s.trim().is_empty());
    match (name, email) {
        (Some(n), Some(e)) => Ok(Author::now(&n, &e)),
        _ => Err(StoreError::NoIdentity),
    }
}
