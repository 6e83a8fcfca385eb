//! `gavel sync`: co-chairs on two machines share one record. Fetch, then
//! fast-forward, or merge what both recorded (resolutions provision by
//! provision), then push. A provision both changed differently is settled by
//! the chair; until then nothing is written.

use std::path::{Path, PathBuf};

use git2::{Cred, CredentialType, FetchOptions, Oid, PushOptions, RemoteCallbacks, build::CheckoutBuilder};

use super::journals::is_journal;
use super::{Author, Store, StoreError, certs, git, io, signature_from_config};
use crate::redline::merge::{Choice, Conflict, merge_followed};
use crate::resolution::{parse, write::to_text};
use crate::workspace::{AGENDAS_DIR, RESOLUTIONS_DIR};

/// What a sync did.
#[derive(Debug)]
pub enum Synced {
    UpToDate,
    /// Our commits went to the remote.
    Pushed {
        commits: usize,
    },
    /// We took the remote's commits.
    FastForwarded {
        commits: usize,
    },
    /// Both had recorded; a merge commit joins them, and was pushed.
    Merged {
        commit: Oid,
        settled: Vec<(Conflict, Choice)>,
    },
    /// Conflicts the chair has not settled: nothing was changed.
    Stopped {
        conflicts: Vec<Conflict>,
        files: Vec<String>,
    },
}

/// How to settle what both sides changed differently.
pub trait Settle {
    fn provision(&mut self, file: &str, c: &Conflict) -> Option<Choice>;
    /// A file that is not a resolution, changed on both sides and not merged by lines.
    fn file(&mut self, path: &str) -> Option<Choice>;
}

impl Store {
    /// Fetches from `remote`, joins its record with ours, and pushes.
    pub fn sync(&self, root: &Path, remote_name: &str, author: Option<Author>, settle: &mut dyn Settle) -> Result<Synced, StoreError> {
        self.ready_to_write(&[])?;
        let prefix = self.relative(root);
        let ours_changed: Vec<String> = self
            .changed_files()
            .into_iter()
            .filter(|f| {
                let p = Path::new(f);
                let rel = p.strip_prefix(&prefix).unwrap_or(p);
                // A meeting's journal may have an uncommitted tail (entries a room wrote since its last commit).
                (rel.starts_with(RESOLUTIONS_DIR) || rel.starts_with(AGENDAS_DIR)) && !is_journal(p)
            })
            .collect();
        if !ours_changed.is_empty() {
            return Err(StoreError::Dirty(ours_changed));
        }
        let repo = &self.repo;
        let head = git(repo.head(), || "reading HEAD".into())?;
        let branch_ref = head.name().map_err(|_| StoreError::DetachedHead)?.to_string();
        let branch = branch_ref.strip_prefix("refs/heads/").unwrap_or(&branch_ref).to_string();
        let ours = git(head.peel_to_commit(), || "reading HEAD".into())?;
        let mut remote = repo.find_remote(remote_name).map_err(|_| StoreError::NoRemote(remote_name.to_string()))?;
        certs::load(remote.url().ok())?;
        let tracking = format!("refs/remotes/{remote_name}/{branch}");
        let mut fo = FetchOptions::new();
        fo.remote_callbacks(callbacks(repo));
        git(remote.fetch(&[format!("+refs/heads/{branch}:{tracking}")], Some(&mut fo), None), || format!("fetching from {remote_name}"))?;
        let theirs = match repo.find_reference(&tracking).and_then(|r| r.peel_to_commit()) {
            Ok(c) => c,
            Err(_) => {
                self.push(remote_name, &branch)?;
                return Ok(Synced::Pushed { commits: count(repo, ours.id(), None) });
            }
        };
        if theirs.id() == ours.id() {
            return Ok(Synced::UpToDate);
        }
        let base = git(repo.merge_base(ours.id(), theirs.id()), || "finding where the two records part".into())?;
        if base == theirs.id() {
            self.push(remote_name, &branch)?;
            return Ok(Synced::Pushed { commits: count(repo, ours.id(), Some(theirs.id())) });
        }
        if base == ours.id() {
            let (journals, paths): (Vec<PathBuf>, Vec<PathBuf>) =
                changed_paths(repo, &ours, &theirs)?.into_iter().partition(|p| is_journal(p));
            self.begin(&super::intent::Intent {
                branch: branch_ref.clone(),
                parent: ours.id().to_string(),
                commit: theirs.id().to_string(),
                paths: paths.clone(),
                appended: journals.clone(),
            })?;
            // Journals are never replaced (a room may have one open): what they lack is appended.
            let theirs_tree = git(theirs.tree(), || "reading trees".into())?;
            let appended = self.append_journals(&journals, &theirs_tree);
            let mut co = CheckoutBuilder::new();
            co.safe();
            for p in &paths {
                co.path(p);
            }
            let checked_out = if paths.is_empty() { Ok(()) } else { repo.checkout_tree(theirs.as_object(), Some(&mut co)) };
            if let Err(e) = appended
                .map_err(|e| StoreError::Io { doing: "appending to a journal".into(), source: e })
                .and(checked_out.map_err(|e| StoreError::Git { doing: "updating the files to the remote's record".into(), source: e }))
            {
                self.repair()?;
                return Err(e);
            }
            self.index_journals(&journals, &theirs_tree)?;
            crate::ops::crash_point("sync:files-written");
            if let Err(e) = repo.reference_matching(&branch_ref, theirs.id(), true, ours.id(), "gavel sync: fast-forward") {
                self.repair()?;
                return git(Err(e), || format!("moving {branch}"));
            }
            crate::ops::crash_point("sync:branch-moved");
            self.end();
            return Ok(Synced::FastForwarded { commits: count(repo, theirs.id(), Some(ours.id())) });
        }
        self.merge_with(&prefix, &branch_ref, &ours, &theirs, base, remote_name, &branch, author, settle)
    }

    #[allow(clippy::too_many_arguments)]
    fn merge_with(
        &self,
        prefix: &Path,
        branch_ref: &str,
        ours: &git2::Commit,
        theirs: &git2::Commit,
        base: Oid,
        remote_name: &str,
        branch: &str,
        author: Option<Author>,
        settle: &mut dyn Settle,
    ) -> Result<Synced, StoreError> {
        let repo = &self.repo;
        let base_c = git(repo.find_commit(base), || "reading the common commit".into())?;
        let (bt, ot, tt) = (
            git(base_c.tree(), || "reading trees".into())?,
            git(ours.tree(), || "reading trees".into())?,
            git(theirs.tree(), || "reading trees".into())?,
        );
        let mut index = git(repo.merge_trees(&bt, &ot, &tt, None), || "merging".into())?;
        let blob_text = |tree: &git2::Tree, path: &Path| -> Option<String> {
            let e = tree.get_path(path).ok()?;
            let b = repo.find_blob(e.id()).ok()?;
            String::from_utf8(b.content().to_vec()).ok()
        };
        // Paths both sides changed.
        let changed = |a: &git2::Tree, b: &git2::Tree| -> Vec<PathBuf> {
            let diff = repo.diff_tree_to_tree(Some(a), Some(b), None);
            diff.map(|d| d.deltas().filter_map(|x| x.new_file().path().or(x.old_file().path()).map(Path::to_path_buf)).collect())
                .unwrap_or_default()
        };
        let (ours_paths, theirs_paths) = (changed(&bt, &ot), changed(&bt, &tt));
        let both: Vec<PathBuf> = ours_paths.into_iter().filter(|p| theirs_paths.contains(p)).collect();
        let mut settled = Vec::new();
        let mut open_conflicts = Vec::new();
        let mut open_files = Vec::new();
        for path in &both {
            // Two co-chairs' journals of one meeting: joined, each side's entries kept in order, none doubled.
            if is_journal(path) {
                let joined = crate::journal::join(&blob_text(&ot, path).unwrap_or_default(), &blob_text(&tt, path).unwrap_or_default());
                put(repo, &mut index, path, joined.as_bytes(), &ot)?;
                continue;
            }
            let rel = path.strip_prefix(prefix).unwrap_or(path);
            let is_resolution = rel.starts_with(RESOLUTIONS_DIR) && path.extension().is_some_and(|e| e == "txt");
            let parsed = |t: Option<String>| t.and_then(|t| parse(&t, path).resolution);
            let texts = (parsed(blob_text(&bt, path)), parsed(blob_text(&ot, path)), parsed(blob_text(&tt, path)));
            let shown = path.display().to_string();
            if let (true, (Some(b), Some(o), Some(t))) = (is_resolution, texts) {
                let m = merge_followed(&b, &o, &t, |c| settle.provision(&shown, c));
                for (c, choice) in m.conflicts.iter().cloned() {
                    match choice {
                        Some(ch) => settled.push((c, ch)),
                        None => open_conflicts.push(c),
                    }
                }
                let text = to_text(&m.result);
                put(repo, &mut index, path, text.as_bytes(), &ot)?;
                continue;
            }
            let conflicted = index
                .conflicts()
                .map(|mut cs| {
                    cs.any(|c| {
                        c.is_ok_and(|c| c.our.or(c.their).is_some_and(|e| Path::new(std::str::from_utf8(&e.path).unwrap_or("")) == path))
                    })
                })
                .unwrap_or(false);
            if conflicted {
                match settle.file(&shown) {
                    Some(Choice::Ours) => put(repo, &mut index, path, blob_text(&ot, path).unwrap_or_default().as_bytes(), &ot)?,
                    Some(Choice::Theirs) => put(repo, &mut index, path, blob_text(&tt, path).unwrap_or_default().as_bytes(), &ot)?,
                    _ => open_files.push(shown),
                }
            }
        }
        if !open_conflicts.is_empty() || !open_files.is_empty() {
            return Ok(Synced::Stopped { conflicts: open_conflicts, files: open_files });
        }
        let tree_id = git(index.write_tree_to(repo), || "writing the merged tree".into())?;
        let tree = git(repo.find_tree(tree_id), || "reading the merged tree".into())?;
        let author = match author {
            Some(a) => a,
            None => signature_from_config(repo)?,
        };
        let mut message = format!("Merge the record of {remote_name}/{branch}\n");
        if !settled.is_empty() {
            message.push_str("\nProvisions both sides changed, as the chair settled them (both versions stay in the history):\n");
            for (c, ch) in &settled {
                let how = match ch {
                    Choice::Ours => "ours kept".to_string(),
                    Choice::Theirs => "theirs taken".to_string(),
                    Choice::Text(_) => "the chair's text".to_string(),
                };
                message.push_str(&format!("- {}: {how}\n", c.address));
            }
        }
        let sig = git(author.signature(), || format!("the signature of {}", author.name))?;
        let commit = git(repo.commit(None, &sig, &sig, &message, &tree, &[ours, theirs]), || "creating the merge commit".into())?;
        crate::ops::crash_point("sync:committed");
        // The work tree follows: the files that differ from ours, each whole.
        let diff = git(repo.diff_tree_to_tree(Some(&ot), Some(&tree), None), || "comparing trees".into())?;
        let (journals, paths): (Vec<PathBuf>, Vec<PathBuf>) =
            diff.deltas().filter_map(|d| d.new_file().path().or(d.old_file().path()).map(Path::to_path_buf)).partition(|p| is_journal(p));
        self.begin(&super::intent::Intent {
            branch: branch_ref.to_string(),
            parent: ours.id().to_string(),
            commit: commit.to_string(),
            paths,
            appended: journals.clone(),
        })?;
        if let Err(e) = self.append_journals(&journals, &tree) {
            self.end();
            return io(Err(e), || "appending to a journal".into());
        }
        let workdir = self.workdir.clone();
        let mut written: Vec<(PathBuf, Option<Vec<u8>>)> = Vec::new();
        for d in diff.deltas() {
            let Some(p) = d.new_file().path().or(d.old_file().path()).map(Path::to_path_buf) else { continue };
            if is_journal(&p) {
                continue;
            }
            let abs = workdir.join(&p);
            let old = std::fs::read(&abs).ok();
            let new = tree.get_path(&p).ok().and_then(|e| repo.find_blob(e.id()).ok()).map(|b| b.content().to_vec());
            let r = match &new {
                Some(bytes) => {
                    if let Some(dir) = abs.parent() {
                        let _ = std::fs::create_dir_all(dir);
                    }
                    crate::fsx::write_atomic(&abs, bytes)
                }
                None => std::fs::remove_file(&abs),
            };
            if let Err(e) = r {
                restore(&workdir, &written);
                self.end();
                return io(Err(e), || format!("writing {}", abs.display()));
            }
            written.push((p, old));
            crate::ops::crash_point("sync:file-written");
        }
        if let Err(e) = repo.reference_matching(branch_ref, commit, true, ours.id(), "gavel sync: merge") {
            restore(&workdir, &written);
            self.end();
            return git(Err(e), || format!("moving {branch}"));
        }
        crate::ops::crash_point("sync:branch-moved");
        if let Ok(mut idx) = repo.index() {
            for (p, _) in &written {
                let _ = if workdir.join(p).exists() { idx.add_path(p) } else { idx.remove_path(p) };
            }
            let _ = idx.write();
        }
        self.index_journals(&journals, &tree)?;
        self.end();
        self.push(remote_name, branch)?;
        Ok(Synced::Merged { commit, settled })
    }

    fn push(&self, remote_name: &str, branch: &str) -> Result<(), StoreError> {
        let mut remote = git(self.repo.find_remote(remote_name), || format!("finding the remote `{remote_name}`"))?;
        certs::load(remote.pushurl().ok().flatten().or(remote.url().ok()))?;
        let mut cb = callbacks(&self.repo);
        let refused = std::rc::Rc::new(std::cell::RefCell::new(None::<String>));
        let r2 = refused.clone();
        cb.push_update_reference(move |name, status| {
            if let Some(s) = status {
                *r2.borrow_mut() = Some(format!("{name}: {s}"));
            }
            Ok(())
        });
        let mut po = PushOptions::new();
        po.remote_callbacks(cb);
        git(remote.push(&[format!("refs/heads/{branch}:refs/heads/{branch}")], Some(&mut po)), || format!("pushing to {remote_name}"))?;
        if let Some(why) = refused.borrow().clone() {
            return Err(StoreError::Git {
                doing: format!("pushing to {remote_name} (run gavel sync again)"),
                source: git2::Error::from_str(&why),
            });
        }
        Ok(())
    }
}

/// The paths that differ between two commits.
fn changed_paths(repo: &git2::Repository, a: &git2::Commit, b: &git2::Commit) -> Result<Vec<PathBuf>, StoreError> {
    let (at, bt) = (git(a.tree(), || "reading trees".into())?, git(b.tree(), || "reading trees".into())?);
    let diff = git(repo.diff_tree_to_tree(Some(&at), Some(&bt), None), || "comparing trees".into())?;
    Ok(diff.deltas().filter_map(|d| d.new_file().path().or(d.old_file().path()).map(Path::to_path_buf)).collect())
}

fn restore(workdir: &Path, written: &[(PathBuf, Option<Vec<u8>>)]) {
    for (p, old) in written {
        let abs = workdir.join(p);
        let _ = match old {
            Some(bytes) => crate::fsx::write_atomic(&abs, bytes),
            None => std::fs::remove_file(&abs),
        };
    }
}

/// Puts a file's merged content into the merge index, settling any conflict on it.
fn put(repo: &git2::Repository, index: &mut git2::Index, path: &Path, bytes: &[u8], ours: &git2::Tree) -> Result<(), StoreError> {
    let _ = index.conflict_remove(path);
    git(repo.blob(bytes), || format!("storing {}", path.display()))?;
    let entry = git(super::index_entry(path, bytes, ours), || format!("merging {}", path.display()))?;
    git(index.add(&entry), || format!("merging {}", path.display()))
}

fn count(repo: &git2::Repository, from: Oid, hide: Option<Oid>) -> usize {
    let Ok(mut w) = repo.revwalk() else { return 0 };
    if w.push(from).is_err() {
        return 0;
    }
    if let Some(h) = hide {
        let _ = w.hide(h);
    }
    w.count()
}

/// Credentials for real remotes: the ssh agent, then the usual key files;
/// git's credential helpers for https. A few tries, then give up.
fn callbacks(repo: &git2::Repository) -> RemoteCallbacks<'static> {
    let config = repo.config().ok();
    let mut tries = 0;
    let mut cb = RemoteCallbacks::new();
    cb.credentials(move |url, username, allowed| {
        tries += 1;
        if tries > 6 {
            return Err(git2::Error::from_str("authentication failed: check your ssh key or credentials for this remote"));
        }
        let user = username.unwrap_or("git");
        if allowed.contains(CredentialType::SSH_KEY) {
            if tries == 1 {
                return Cred::ssh_key_from_agent(user);
            }
            let home = std::env::var_os("HOME").map(PathBuf::from).unwrap_or_default();
            let keys = ["id_ed25519", "id_ecdsa", "id_rsa"].iter().map(|k| home.join(".ssh").join(k)).filter(|p| p.exists());
            if let Some(key) = keys.into_iter().nth(tries - 2) {
                return Cred::ssh_key(user, None, &key, None);
            }
        }
        if allowed.contains(CredentialType::USER_PASS_PLAINTEXT)
            && let Some(c) = &config
        {
            return Cred::credential_helper(c, url, username);
        }
        if allowed.contains(CredentialType::DEFAULT) {
            return Cred::default();
        }
        Err(git2::Error::from_str("no credentials for this remote"))
    });
    cb
}
