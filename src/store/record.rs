//! Recording a change: new contents of a few files committed on top of HEAD,
//! written into the work tree, and the branch moved, in that order. The
//! store takes the commit message; it does not compose it (the use cases in
//! `ops` do).
//!
//! The branch moves only if it still points at the commit the new one was
//! built on (a compare-and-swap on the reference), so a writer that lost a
//! race never undoes the winner's decision. If it cannot move, each file is
//! put back to what this process found, and only if it still holds what this
//! process wrote: a rollback never overwrites another writer's files.

use std::path::{Path, PathBuf};

use git2::build::TreeUpdateBuilder;
use git2::{FileMode, Oid};

use super::{Author, Store, StoreError, git, io};

/// What was committed.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub commit: Oid,
    /// The commit it was built on.
    pub parent: Oid,
    /// Other files with uncommitted changes, left as they were.
    pub left_alone: Vec<String>,
}

/// One file's new content, by its path in the repository (relative to the work tree).
#[derive(Debug, Clone)]
pub struct NewFile {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
    /// A file others append to (a meeting's journal, which an open room keeps
    /// writing): `bytes` are what is committed of it (the file as it is, up to
    /// its last complete line); the file itself is never rewritten, and its
    /// uncommitted tail is no obstacle.
    pub appended: bool,
}

impl NewFile {
    pub fn new(path: PathBuf, bytes: Vec<u8>) -> NewFile {
        NewFile { path, bytes, appended: false }
    }

    /// The committed part of a file that others append to.
    pub fn appended(path: PathBuf, bytes: Vec<u8>) -> NewFile {
        NewFile { path, bytes, appended: true }
    }
}

impl Store {
    /// Commits `files` (new contents) on top of HEAD with `message` by
    /// `author`, writes them, and moves the branch. Every check is made before
    /// anything is written: commits exist, HEAD is on a branch, no other git
    /// program holds the index, the files have no uncommitted changes.
    pub fn record(&self, files: &[NewFile], message: &str, author: Option<&Author>) -> Result<Recorded, StoreError> {
        let rels: Vec<&Path> = files.iter().filter(|f| !f.appended).map(|f| f.path.as_path()).collect();
        self.ready_to_write(&rels)?;
        let author = match author {
            Some(a) => a.clone(),
            None => super::signature_from_config(&self.repo)?,
        };
        let repo = &self.repo;
        let head = git(repo.head(), || "reading HEAD".into())?;
        let branch = head.name().map(str::to_string).map_err(|_| StoreError::DetachedHead)?;
        let parent = git(head.peel_to_commit(), || "reading HEAD".into())?;
        let base_tree = git(parent.tree(), || "reading HEAD's tree".into())?;
        let mut update = TreeUpdateBuilder::new();
        for f in files {
            let blob = git(repo.blob(&f.bytes), || format!("storing {}", f.path.display()))?;
            let mode = base_tree.get_path(&f.path).map(|e| e.filemode()).unwrap_or(i32::from(FileMode::Blob));
            let mode = if mode == i32::from(FileMode::BlobExecutable) { FileMode::BlobExecutable } else { FileMode::Blob };
            update.upsert(f.path.to_string_lossy().replace('\\', "/"), blob, mode);
        }
        let tree_id = git(update.create_updated(repo, &base_tree), || "building the commit's tree".into())?;
        let tree = git(repo.find_tree(tree_id), || "reading the commit's tree".into())?;
        let sig = git(author.signature(), || format!("the signature of {}", author.name))?;
        let commit = git(repo.commit(None, &sig, &sig, message, &tree, &[&parent]), || "creating the commit".into())?;
        crate::ops::crash_point("record:committed");
        self.begin(&super::intent::Intent {
            branch: branch.clone(),
            parent: parent.id().to_string(),
            commit: commit.to_string(),
            paths: files.iter().filter(|f| !f.appended).map(|f| f.path.clone()).collect(),
            appended: files.iter().filter(|f| f.appended).map(|f| f.path.clone()).collect(),
        })?;
        crate::ops::crash_point("record:intent");

        // The files, each whole; then the branch.
        let files_written: Vec<&NewFile> = files.iter().filter(|f| !f.appended).collect();
        let mut found: Vec<(PathBuf, Option<Vec<u8>>)> = Vec::new();
        for f in &files_written {
            let abs = self.workdir.join(&f.path);
            let old = match std::fs::read(&abs) {
                Ok(b) => Some(b),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
                Err(e) => return io(Err(e), || format!("reading {}", abs.display())),
            };
            found.push((abs, old));
        }
        let put_back = |upto: usize| {
            for (f, (abs, old)) in files_written.iter().zip(&found).take(upto) {
                // Only what this process wrote is taken back.
                if std::fs::read(abs).ok().as_deref() != Some(f.bytes.as_slice()) {
                    continue;
                }
                let _ = match old {
                    Some(b) => crate::fsx::write_atomic(abs, b),
                    None => std::fs::remove_file(abs),
                };
            }
        };
        for (k, (f, (abs, _))) in files_written.iter().zip(&found).enumerate() {
            if let Some(dir) = abs.parent() {
                let _ = std::fs::create_dir_all(dir);
            }
            if let Err(e) = crate::fsx::write_atomic(abs, &f.bytes) {
                put_back(k);
                self.end();
                return Err(StoreError::Io { doing: format!("writing {}", f.path.display()), source: e });
            }
            crate::ops::crash_point("record:file-written");
        }
        let subject = message.lines().next().unwrap_or_default();
        if let Err(e) = repo.reference_matching(&branch, commit, true, parent.id(), &format!("gavel: {subject}")) {
            put_back(files_written.len());
            self.end();
            let moved = repo.refname_to_id(&branch).map(|o| o != parent.id()).unwrap_or(false);
            return Err(if moved {
                StoreError::Moved(branch)
            } else {
                StoreError::Git { doing: format!("moving {branch} to the new commit"), source: e }
            });
        }
        crate::ops::crash_point("record:branch-moved");
        // The index follows the files; other staged changes stay as they were.
        if let Ok(mut index) = repo.index() {
            let ok = files
                .iter()
                .try_for_each(
                    |f| if f.appended { index.add(&super::index_entry(&f.path, &f.bytes, &tree)?) } else { index.add_path(&f.path) },
                )
                .and_then(|_| index.write());
            if ok.is_err() {
                eprintln!(
                    "gavel: warning: the commit is made, but git's index could not be refreshed; `git status` may list the files until you run `git reset`"
                );
            }
        }
        crate::ops::crash_point("record:index");
        self.end();
        let written: Vec<String> = files.iter().map(|f| f.path.display().to_string()).collect();
        let left_alone = self.changed_files().into_iter().filter(|f| !written.contains(f)).collect();
        Ok(Recorded { commit, parent: parent.id(), left_alone })
    }

    /// The contents that undo `commit` on top of HEAD: each file it changed,
    /// as HEAD has it with that commit's change taken back. Refused when a
    /// later commit changed the same lines.
    pub fn revert_contents(&self, commit: Oid) -> Result<Vec<NewFile>, StoreError> {
        let repo = &self.repo;
        let c = git(repo.find_commit(commit), || format!("reading commit {commit}"))?;
        let head = git(repo.head().and_then(|h| h.peel_to_commit()), || "reading HEAD".into())?;
        let mut index = git(repo.revert_commit(&c, &head, 0, None), || format!("taking back commit {}", short(commit)))?;
        // A meeting's journal is never taken back: it records that the decision was taken, and then struck.
        let conflicted: Vec<PathBuf> = index
            .conflicts()
            .map(|cs| {
                cs.filter_map(|c| c.ok())
                    .filter_map(|c| c.our.or(c.their).or(c.ancestor).map(|e| PathBuf::from(String::from_utf8_lossy(&e.path).to_string())))
                    .collect()
            })
            .unwrap_or_default();
        if conflicted.iter().any(|p| !super::journals::is_journal(p)) {
            return Err(StoreError::Conflict(format!(
                "later commits changed the same text as {}; take it back by a new proposal instead",
                short(commit)
            )));
        }
        for p in &conflicted {
            let _ = index.conflict_remove(p);
        }
        let tree_id = git(index.write_tree_to(repo), || "building the reverted tree".into())?;
        let new_tree = git(repo.find_tree(tree_id), || "reading the reverted tree".into())?;
        let head_tree = git(head.tree(), || "reading HEAD's tree".into())?;
        let diff = git(repo.diff_tree_to_tree(Some(&head_tree), Some(&new_tree), None), || "comparing trees".into())?;
        let mut out = Vec::new();
        for d in diff.deltas() {
            let path = d.new_file().path().or(d.old_file().path()).map(Path::to_path_buf).unwrap_or_default();
            if super::journals::is_journal(&path) {
                continue;
            }
            if d.new_file().id().is_zero() {
                return Err(StoreError::Conflict(format!("taking back {} would delete {}", short(commit), path.display())));
            }
            let blob = git(repo.find_blob(d.new_file().id()), || format!("reading {}", path.display()))?;
            out.push(NewFile::new(path, blob.content().to_vec()));
        }
        Ok(out)
    }
}

pub fn short(o: Oid) -> String {
    o.to_string()[..7].to_string()
}
