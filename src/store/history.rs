//! The history of one provision, read through git and followed by identity
//! (not line number or label), so that a sub-paragraph relettered from e)
//! to f) keeps its history.
//!
//! Commits whose copy of the resolution file is the same as their parent's
//! are passed over without reading the file. Results are kept in a cache
//! under `.git/gavel/history/`: derived from git, rebuilt when it does not
//! fit, never the only copy of anything.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use git2::{Oid, Sort};
use serde::{Deserialize, Serialize};

use super::message::{Trailers, trailers};
use super::versions::{extract, older, pid_known, same_line};
use super::{Store, StoreError, git};
use crate::redline::{Piece, PieceKind, WordDiff, diff_words};
use crate::render::tracked::merge;
use crate::resolution::NodeId;

/// A provision as it read in one version of the file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Version {
    /// Its address then: `23 b)`.
    pub address: String,
    /// Its label then, as written: `b)`.
    pub label: Option<String>,
    pub text: String,
    /// Its line in the file, and the line of the top-level provision it is in:
    /// enough to recognise it in the next older version without parsing.
    #[serde(skip)]
    pub(super) line: Option<(String, String)>,
}

impl PartialEq for Version {
    fn eq(&self, other: &Self) -> bool {
        (&self.address, &self.label, &self.text) == (&other.address, &other.label, &other.text)
    }
}

/// One commit that changed the provision.
#[derive(Debug, Clone)]
pub struct Step {
    /// Its id, 40 hex digits.
    pub commit: String,
    pub seconds: i64,
    pub offset_minutes: i32,
    pub author: String,
    pub email: String,
    pub subject: String,
    pub trailers: Trailers,
    /// The provision before (absent when the commit brought it in).
    pub before: Option<Version>,
    /// The provision after (absent when the commit removed it).
    pub after: Option<Version>,
}

/// What the cache keeps for one provision: the changes up to a commit.
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct Cached {
    pub(super) format: u32,
    pub(super) file: String,
    pub(super) id: String,
    pub(super) head: String,
    pub(super) changes: Vec<CachedChange>,
}

/// A commit that changed the provision, with what the history shows of
/// it: a warm `gavel history` reads no commit (reading each twice, to check
/// it and to show it, was most of the 9 ms it took on a provision changed
/// 150 times).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct CachedChange {
    commit: String,
    seconds: i64,
    offset_minutes: i32,
    author: String,
    email: String,
    subject: String,
    message: String,
    before: Option<Version>,
    after: Option<Version>,
}

impl CachedChange {
    fn new(c: &git2::Commit, before: Option<Version>, after: Option<Version>) -> Self {
        let author = c.author();
        CachedChange {
            commit: c.id().to_string(),
            seconds: author.when().seconds(),
            offset_minutes: author.when().offset_minutes(),
            author: author.name().unwrap_or_default().to_string(),
            email: author.email().unwrap_or_default().to_string(),
            subject: c.summary().ok().flatten().unwrap_or_default().to_string(),
            message: c.message().unwrap_or_default().to_string(),
            before,
            after,
        }
    }
}

pub(super) const CACHE_FORMAT: u32 = 2;

/// How the answer was found, for the curious and the benchmark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CacheUse {
    /// Read whole from the cache.
    Hit,
    /// The cache covered an older commit; only newer commits were read.
    Extended,
    /// Computed from the history (no cache, or one that did not fit).
    Rebuilt,
    /// The cache was not used.
    Off,
}

impl Store {
    /// Every commit reachable from `head` (and not from `since`) that changed
    /// the provision `id` of the resolution in `file` (relative to the work
    /// tree), newest first.
    pub fn history(
        &self,
        file: &Path,
        id: &NodeId,
        head: &str,
        since: Option<&str>,
        use_cache: bool,
    ) -> Result<(Vec<Step>, CacheUse), StoreError> {
        let head_commit = self.commit(head)?.id();
        let since = since.map(|s| self.commit(s).map(|c| c.id())).transpose()?;
        let cache_path = self.cache_path(file, id);
        // The cache is never trusted over git: an entry naming a commit git does not have is a cache to rebuild.
        let cached = if use_cache { read_cache(&cache_path, file, id).filter(|c| self.cache_is_sound(c)) } else { None };
        let (changes, how) = match cached {
            Some(c) if c.head == head_commit.to_string() => (c.changes, CacheUse::Hit),
            Some(c) => {
                let old_head = Oid::from_str(&c.head).ok();
                match old_head.filter(|o| self.repo.graph_descendant_of(head_commit, *o).unwrap_or(false)) {
                    Some(o) => {
                        let mut newer = self.walk(file, id, head_commit, Some(o))?;
                        newer.extend(c.changes);
                        (newer, CacheUse::Extended)
                    }
                    None => (self.walk(file, id, head_commit, None)?, CacheUse::Rebuilt),
                }
            }
            None => (self.walk(file, id, head_commit, None)?, if use_cache { CacheUse::Rebuilt } else { CacheUse::Off }),
        };
        if use_cache && how != CacheUse::Hit {
            write_cache(
                &cache_path,
                &Cached {
                    format: CACHE_FORMAT,
                    file: file.display().to_string(),
                    id: id.0.clone(),
                    head: head_commit.to_string(),
                    changes: changes.clone(),
                },
            );
        }
        let mut steps = Vec::with_capacity(changes.len());
        for ch in changes {
            let oid = Oid::from_str(&ch.commit).map_err(|e| StoreError::Git { doing: "reading the history cache".into(), source: e })?;
            if let Some(s) = since
                && (oid == s || self.repo.graph_descendant_of(s, oid).unwrap_or(false))
            {
                continue;
            }
            steps.push(ch.into());
        }
        Ok((steps, how))
    }

    /// True when every commit the cache names is a commit of this repository.
    fn cache_is_sound(&self, c: &Cached) -> bool {
        let Ok(odb) = self.repo.odb() else { return false };
        let is_commit =
            |s: &str| Oid::from_str(s).is_ok_and(|o| odb.read_header(o).is_ok_and(|(_, kind)| kind == git2::ObjectType::Commit));
        is_commit(&c.head) && c.changes.iter().all(|ch| is_commit(&ch.commit))
    }

    pub(super) fn cache_path(&self, file: &Path, id: &NodeId) -> PathBuf {
        cache_path(self.repo.path(), &format!("{}#{}", file.display(), id.0))
    }

    /// Walks the commits from `head` (not those reachable from `stop`).
    fn walk(&self, file: &Path, id: &NodeId, head: Oid, stop: Option<Oid>) -> Result<Vec<CachedChange>, StoreError> {
        let repo = &self.repo;
        let mut walk = git(repo.revwalk(), || "walking the history".into())?;
        git(walk.set_sorting(Sort::TOPOLOGICAL | Sort::TIME), || "walking the history".into())?;
        git(walk.push(head), || "walking the history".into())?;
        if let Some(s) = stop {
            git(walk.hide(s), || "walking the history".into())?;
        }
        let file_s = file.to_string_lossy().replace('\\', "/");
        let ahead = super::prefetch::Prefetch::start(repo.path(), head, stop, &file_s);
        let read = |b: Oid| ahead.blob(repo, b);
        let blob_at = |c: &git2::Commit| -> Option<Oid> { c.tree().ok()?.get_path(Path::new(&file_s)).ok().map(|e| e.id()) };
        // A version per blob: each blob is read once, however many commits share it;
        // an older version is parsed only when it does not plainly hold the same line.
        let mut versions: HashMap<(Oid, NodeId), Option<Version>> = HashMap::new();
        let version = |versions: &mut HashMap<(Oid, NodeId), Option<Version>>, blob: Option<Oid>, id: &NodeId, newer: Option<&Version>| {
            let b = blob?;
            if let Some(v) = versions.get(&(b, id.clone())) {
                return v.clone();
            }
            let found = read(b).and_then(|blob| match newer.and_then(|n| same_line(&blob, n)) {
                Some(same) => Some(same),
                None => extract(&blob, id),
            });
            versions.insert((b, id.clone()), found.clone());
            found
        };
        // The provision's identity in each commit: a list relettered by hand without markers
        // gives it another derived identity in the older version, found by its words.
        let mut ids: HashMap<Oid, NodeId> = HashMap::from([(head, id.clone())]);
        let mut out = Vec::new();
        for oid in walk {
            let oid = git(oid, || "walking the history".into())?;
            let Some(my_id) = ids.get(&oid).cloned() else { continue };
            let c = git(repo.find_commit(oid), || format!("reading commit {oid}"))?;
            let mine = blob_at(&c);
            let parents: Vec<(Oid, Option<Oid>)> = c.parents().map(|p| (p.id(), blob_at(&p))).collect();
            let after = version(&mut versions, mine, &my_id, None);
            let mut first_before = None;
            for (k, (p, blob)) in parents.iter().enumerate() {
                let (pid, before) = match (*blob == mine, pid_known(&versions, *blob, &my_id)) {
                    (true, _) => (Some(my_id.clone()), None),
                    // Read before (a merge's other parent, say): the same identity, the version known.
                    (false, Some(v)) => (Some(my_id.clone()), Some(v)),
                    (false, None) => older(&read, *blob, mine, &my_id, after.as_ref()),
                };
                // What was read on the way is kept, so that the next (older) commit does not read it again.
                if let (Some(b), Some(i), Some(v)) = (*blob, &pid, &before) {
                    versions.insert((b, i.clone()), Some(v.clone()));
                }
                if k == 0 {
                    first_before = match (&pid, before) {
                        (_, Some(v)) => Some(v),
                        (Some(i), None) => version(&mut versions, *blob, i, after.as_ref()),
                        (None, None) => None,
                    };
                }
                if let Some(pid) = pid {
                    ids.entry(*p).or_insert(pid);
                }
            }
            if parents.iter().any(|(_, b)| *b == mine) || (parents.is_empty() && mine.is_none()) {
                continue;
            }
            if first_before != after {
                out.push(CachedChange::new(&c, first_before, after));
            }
        }
        Ok(out)
    }
}

impl Step {
    /// The step as tracked changes: label and text (and whether the text's
    /// comparison ran out of time and shows it replaced whole).
    pub fn pieces(&self) -> WordDiff {
        let s = self;
        let mut v = Vec::new();
        let mut replaced_whole = false;
        match (&s.before, &s.after) {
            (Some(b), Some(a)) => {
                match (&b.label, &a.label) {
                    (Some(x), Some(y)) => {
                        v.extend(label_change(x, y));
                        v.push(Piece::new(PieceKind::Same, " "));
                    }
                    (None, Some(y)) => v.push(Piece::new(PieceKind::Ins, format!("{y} "))),
                    (Some(x), None) => v.push(Piece::new(PieceKind::Del, format!("{x} "))),
                    (None, None) => {}
                }
                let d = diff_words(&b.text, &a.text, None);
                replaced_whole = d.replaced_whole;
                v.extend(d.pieces);
            }
            (None, Some(a)) => v.push(Piece::new(PieceKind::Ins, line(a))),
            (Some(b), None) => v.push(Piece::new(PieceKind::Del, line(b))),
            (None, None) => {}
        }
        WordDiff { pieces: merge(v), replaced_whole }
    }
}

/// `e)` → `f)` as `e` deleted, `f` inserted, `)` kept: the label's value changes as a whole.
fn label_change(old: &str, new: &str) -> Vec<Piece> {
    if old == new {
        return vec![Piece::new(PieceKind::Same, old)];
    }
    let open = if old.starts_with('(') && new.starts_with('(') { "(" } else { "" };
    let close = [")", "."].into_iter().find(|c| old.ends_with(c) && new.ends_with(c)).unwrap_or("");
    let inner = |s: &str| s[open.len()..s.len() - close.len()].to_string();
    merge(vec![
        Piece::new(PieceKind::Same, open),
        Piece::new(PieceKind::Del, inner(old)),
        Piece::new(PieceKind::Ins, inner(new)),
        Piece::new(PieceKind::Same, close),
    ])
}

fn line(v: &crate::store::Version) -> String {
    match &v.label {
        Some(l) => format!("{l} {}", v.text),
        None => v.text.clone(),
    }
}

/// Where the history cache keeps what `key` names, in the git folder.
pub(super) fn cache_path(git_dir: &Path, key: &str) -> PathBuf {
    let key: String = key.chars().map(|c| if c.is_ascii_alphanumeric() || c == '.' || c == '-' { c } else { '_' }).collect();
    git_dir.join("gavel").join("history").join(format!("{key}.json"))
}

impl From<CachedChange> for Step {
    fn from(ch: CachedChange) -> Step {
        Step {
            commit: ch.commit,
            seconds: ch.seconds,
            offset_minutes: ch.offset_minutes,
            author: ch.author,
            email: ch.email,
            subject: ch.subject,
            trailers: trailers(&ch.message),
            before: ch.before,
            after: ch.after,
        }
    }
}

fn read_cache(path: &Path, file: &Path, id: &NodeId) -> Option<Cached> {
    let c: Cached = serde_json::from_slice(&std::fs::read(path).ok()?).ok()?;
    (c.format == CACHE_FORMAT && c.file == file.display().to_string() && c.id == id.0).then_some(c)
}

/// Writes the cache; a cache that cannot be written is simply not kept.
fn write_cache(path: &Path, c: &Cached) {
    if let (Some(dir), Ok(bytes)) = (path.parent(), serde_json::to_vec(c))
        && std::fs::create_dir_all(dir).is_ok()
    {
        let _ = crate::fsx::write_atomic(path, &bytes);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn labels_change_as_a_whole() {
        assert_eq!(crate::redline::wdiff(&super::label_change("e)", "f)")), "[-e-]{+f+})");
        assert_eq!(crate::redline::wdiff(&super::label_change("(iv)", "(v)")), "([-iv-]{+v+})");
        assert_eq!(crate::redline::wdiff(&super::label_change("24.", "25.")), "[-24-]{+25+}.");
    }
}
