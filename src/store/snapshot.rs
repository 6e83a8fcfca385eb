//! A working group's files as they were at a revision: a tag
//! (`conf-11.3/rev-cop19`), a branch, or any git revision.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use git2::{ObjectType, TreeWalkMode, TreeWalkResult};

use super::{Store, StoreError, git};
use crate::workspace::{AGENDAS_DIR, RESOLUTIONS_DIR, TreeFiles, Workspace};

impl Store {
    /// The commit a revision names.
    pub fn commit(&self, rev: &str) -> Result<git2::Commit<'_>, StoreError> {
        let obj = self.repo.revparse_single(rev).map_err(|e| StoreError::BadRevision(rev.to_string(), e.message().to_string()))?;
        obj.peel_to_commit().map_err(|e| StoreError::BadRevision(rev.to_string(), e.message().to_string()))
    }

    /// The newest tag named `prefix/…` (by its commit's time), as CITES
    /// revisions are tagged (`conf-11.3/rev-cop19`).
    pub fn latest_tag(&self, prefix: &str) -> Option<String> {
        let names = self.repo.tag_names(Some(&format!("{prefix}/*"))).ok()?;
        (0..names.len())
            .filter_map(|k| names.get(k).ok().flatten())
            .filter_map(|n| self.commit(n).ok().map(|c| (c.time().seconds(), n.to_string())))
            .max()
            .map(|(_, n)| n)
    }

    /// The files of the working group at `root` as they were at `rev`.
    pub fn files_at(&self, rev: &str, root: &Path) -> Result<TreeFiles, StoreError> {
        let commit = self.commit(rev)?;
        let tree = git(commit.tree(), || format!("reading the tree of {rev}"))?;
        let prefix = self.relative(root);
        let mut files = BTreeMap::new();
        let mut failed = None;
        let walked = tree.walk(TreeWalkMode::PreOrder, |dir, entry| {
            if entry.kind() != Some(ObjectType::Blob) {
                return TreeWalkResult::Ok;
            }
            let full = PathBuf::from(dir).join(entry.name().unwrap_or_default());
            let Ok(rel) = full.strip_prefix(&prefix) else { return TreeWalkResult::Ok };
            if !(rel.starts_with(RESOLUTIONS_DIR) || rel.starts_with(AGENDAS_DIR)) {
                return TreeWalkResult::Ok;
            }
            match self.repo.find_blob(entry.id()) {
                Ok(b) => {
                    files.insert(rel.to_path_buf(), b.content().to_vec());
                    TreeWalkResult::Ok
                }
                Err(e) => {
                    failed = Some(e);
                    TreeWalkResult::Abort
                }
            }
        });
        if let Some(e) = failed {
            return git(Err(e), || format!("reading the files of {rev}"));
        }
        git(walked, || format!("reading the files of {rev}"))?;
        Ok(TreeFiles { revision: rev.to_string(), files })
    }

    /// The working group at `root` as it was at `rev`, loaded and checked.
    pub fn workspace_at(&self, rev: &str, root: &Path) -> Result<Workspace, StoreError> {
        let files = self.files_at(rev, root)?;
        Ok(Workspace::load_from(root, &files))
    }
}
