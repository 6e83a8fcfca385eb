//! A history asked again at the same commit, answered from the cache
//! without starting libgit2 (1.8 ms of a warm run's 6.8, most of it
//! OpenSSL building its context): the command remembers which provision
//! its words named at HEAD and a digest of the cache that answered
//! ([`Store::remember`]); [`quick_history`] reads HEAD from the git
//! folder's files ([`super::refs`]) and answers only when HEAD is the same
//! commit and the cache the very file remembered, whole.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::history::{CACHE_FORMAT, Cached, cache_path};
use super::{Step, Store};
use crate::resolution::NodeId;

impl Store {
    /// Remembers that `key` (a resolution and a reference as a command
    /// named them) named provision `id` of `file` at HEAD, and shows `title`:
    /// the next [`quick_history`] with the same key answers from the cache
    /// without starting libgit2, while HEAD and the cache stay as they are.
    pub fn remember(&self, key: &str, title: &str, file: &Path, id: &NodeId) {
        let Ok(head) = self.commit("HEAD").map(|c| c.id().to_string()) else { return };
        let Ok(bytes) = std::fs::read(self.cache_path(file, id)) else { return };
        let s = Shortcut {
            format: CACHE_FORMAT,
            key: key.to_string(),
            head,
            title: title.to_string(),
            file: file.display().to_string(),
            id: id.0.clone(),
            digest: digest(&bytes),
        };
        if let Ok(bytes) = serde_json::to_vec(&s) {
            let _ = crate::fsx::write_atomic(&shortcut_path(self.repo.path(), key), &bytes);
        }
    }
}

fn shortcut_path(git_dir: &Path, key: &str) -> PathBuf {
    cache_path(git_dir, &format!("named {key}"))
}

/// What a command's resolution and reference named at a commit, and the
/// cache that answered it then ([`Store::remember`]).
#[derive(Debug, Serialize, Deserialize)]
struct Shortcut {
    format: u32,
    key: String,
    head: String,
    title: String,
    file: String,
    id: String,
    /// Of the cache file's bytes: a cache changed or damaged since is not used.
    digest: u64,
}

fn digest(bytes: &[u8]) -> u64 {
    crate::redline::tokens::fast_hash(&String::from_utf8_lossy(bytes))
}

/// The history that `key` named when HEAD was last where it is now, with
/// its title, read from the cache alone (no libgit2): `None` unless HEAD is
/// plainly the same commit ([`super::refs::head_commit`]) and the cache is
/// the very file remembered, whole. Then the answer is the one the
/// repository gave for this commit, which cannot have changed.
pub fn quick_history(git_dir: &Path, key: &str) -> Option<(String, Vec<Step>)> {
    let head = super::refs::head_commit(git_dir)?;
    let s: Shortcut = serde_json::from_slice(&std::fs::read(shortcut_path(git_dir, key)).ok()?).ok()?;
    if s.format != CACHE_FORMAT || s.key != key || s.head != head {
        return None;
    }
    let bytes = std::fs::read(cache_path(git_dir, &format!("{}#{}", s.file, s.id))).ok()?;
    if digest(&bytes) != s.digest {
        return None;
    }
    let c: Cached = serde_json::from_slice(&bytes).ok()?;
    if c.format != CACHE_FORMAT || c.head != head || c.file != s.file || c.id != s.id {
        return None;
    }
    Some((s.title, c.changes.into_iter().map(Step::from).collect()))
}
