//! `gavel adopt` on repositories in awkward states: each gets a clear
//! message and leaves the repository exactly as it was.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

mod common;

use common::demo::Demo as Repo;

fn demo() -> Repo {
    Repo::new(None)
}

impl Repo {
    fn set_identity(&self) {
        let r = self.git();
        let mut c = r.config().unwrap();
        c.set_str("user.name", "Kenya (co-Chair)").unwrap();
        c.set_str("user.email", "chair@kenya.invalid").unwrap();
    }

    /// Everything an operation could change: refs, HEAD, the index file, and every file of the work tree.
    fn snapshot(&self) -> BTreeMap<String, Vec<u8>> {
        let mut m = BTreeMap::new();
        let r = self.git();
        for reference in r.references().unwrap() {
            let reference = reference.unwrap();
            let name = reference.name().unwrap().to_string();
            m.insert(format!("ref {name}"), reference.target().map(|o| o.to_string()).unwrap_or_default().into_bytes());
        }
        m.insert("HEAD".into(), std::fs::read(self.dir.join(".git/HEAD")).unwrap());
        m.insert("index".into(), std::fs::read(self.dir.join(".git/index")).unwrap_or_default());
        for (name, bytes) in files_under(&self.dir, false) {
            m.insert(name.strip_prefix(&self.dir).unwrap().display().to_string(), bytes);
        }
        m
    }
}

fn err(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

const ADOPT: &[&str] = &["adopt", "Conf. 11.3", "23 b)"];

#[test]
fn adopt_records_one_commit_by_the_chair_with_trailers() {
    let r = demo();
    r.set_identity();
    let o = r.gavel(&["adopt", "Conf. 11.3", "23 b)", "--meeting", "sc78-session", "--item", "7"]);
    assert!(o.status.success(), "{}", err(&o));
    let repo = r.git();
    let head = repo.head().unwrap().peel_to_commit().unwrap();
    assert_eq!(head.author().name().unwrap(), "Kenya (co-Chair)");
    assert_eq!(head.summary().unwrap(), Some("Conf. 11.3: amend 23 b) as proposed by Kenya and New Zealand"));
    let msg = head.message().unwrap().to_string();
    for t in [
        "Proposal: sc78-37-23b",
        "Proposed-by: Kenya",
        "Proposed-by: New Zealand",
        "Meeting: sc78-session",
        "Agenda-item: 7",
        "Decision: agreed",
    ] {
        assert!(msg.contains(t), "{t} in {msg}");
    }
    let parent = head.parent(0).unwrap();
    let diff = repo.diff_tree_to_tree(Some(&parent.tree().unwrap()), Some(&head.tree().unwrap()), None).unwrap();
    let files: Vec<String> = diff.deltas().map(|d| d.new_file().path().unwrap().display().to_string()).collect();
    assert_eq!(files, ["resolutions/conf-11.3.proposals.json", "resolutions/conf-11.3.txt"]);
    let props = std::fs::read_to_string(r.dir.join("resolutions/conf-11.3.proposals.json")).unwrap();
    assert_eq!(props.matches("\"status\": \"adopted\"").count(), 1);
    assert!(repo.statuses(None).unwrap().is_empty(), "the work tree is clean");
    let shown = r.gavel(&["show", "11.3", "23 b)"]);
    assert!(String::from_utf8(shown.stdout).unwrap().starts_with("b) when, within three months"));
    // Adopting it again is refused.
    let o = r.gavel(&["adopt", "11.3", "23 b)", "--proposal", "sc78-37-23b"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("is already adopted"), "{}", err(&o));
}

#[test]
fn as_names_the_chair_without_git_config() {
    let r = demo();
    let o = r.gavel(&["adopt", "11.3", "23 b)", "--as", "New Zealand (co-Chair) <chair@nz.invalid>"]);
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(r.git().head().unwrap().peel_to_commit().unwrap().author().email().unwrap(), "chair@nz.invalid");
}

fn refused(r: &Repo, args: &[&str], message: &str) {
    let before = r.snapshot();
    let o = r.gavel(args);
    // Another git program at work is the environment (3); everything else here is for the user to set right (2).
    let want = if message.contains("another git program") { 3 } else { 2 };
    assert_eq!(o.status.code(), Some(want), "{}", err(&o));
    assert!(err(&o).contains(message), "expected `{message}` in: {}", err(&o));
    assert!(!err(&o).contains("panicked"));
    assert_eq!(r.snapshot(), before, "the repository is exactly as it was");
}

#[test]
fn missing_identity() {
    let r = demo();
    refused(&r, ADOPT, "no author: set git's user.name and user.email");
}

#[test]
fn locked_index() {
    let r = demo();
    r.set_identity();
    std::fs::write(r.dir.join(".git/index.lock"), "").unwrap();
    refused(&r, ADOPT, "another git program is using the repository");
}

#[test]
fn detached_head() {
    let r = demo();
    r.set_identity();
    let repo = r.git();
    let head = repo.head().unwrap().target().unwrap();
    repo.set_head_detached(head).unwrap();
    refused(&r, ADOPT, "HEAD is detached");
}

#[test]
fn uncommitted_changes_to_the_resolution() {
    let r = demo();
    r.set_identity();
    let p = r.dir.join("resolutions/conf-11.3.txt");
    let t = std::fs::read_to_string(&p).unwrap().replace("RECALLING the provisions", "RECALLING the provision");
    std::fs::write(&p, t).unwrap();
    refused(&r, ADOPT, "resolutions/conf-11.3.txt has uncommitted changes");
}

#[test]
fn unrelated_changes_are_left_exactly_as_they_were() {
    let r = demo();
    r.set_identity();
    // One unrelated file changed in the work tree, another staged, a third new.
    let meeting = r.dir.join("agendas/sc78-wg-11-3/sc78-session.meeting.json");
    let edited = std::fs::read_to_string(&meeting).unwrap().replace("Working group session", "Working group session (afternoon)");
    std::fs::write(&meeting, &edited).unwrap();
    let group = r.dir.join("agendas/niap-2018/group.json");
    let staged = std::fs::read_to_string(&group).unwrap().replace("\"Angola\"", "\"Angola \"");
    assert_ne!(staged, std::fs::read_to_string(&group).unwrap());
    std::fs::write(&group, &staged).unwrap();
    let repo = r.git();
    let mut index = repo.index().unwrap();
    index.add_path(Path::new("agendas/niap-2018/group.json")).unwrap();
    index.write().unwrap();
    std::fs::write(r.dir.join("notes.txt"), "chair's notes").unwrap();
    let o = r.gavel(ADOPT);
    assert!(o.status.success(), "{}", err(&o));
    assert!(String::from_utf8(o.stdout).unwrap().contains("Other uncommitted changes were left as they were"));
    assert_eq!(std::fs::read_to_string(&meeting).unwrap(), edited);
    assert_eq!(std::fs::read_to_string(r.dir.join("notes.txt")).unwrap(), "chair's notes");
    let head = repo.head().unwrap().peel_to_commit().unwrap();
    assert!(head.tree().unwrap().get_path(Path::new("notes.txt")).is_err(), "unrelated files are not committed");
    let st = repo.status_file(Path::new("agendas/niap-2018/group.json")).unwrap();
    assert!(st.contains(git2::Status::INDEX_MODIFIED), "the staged change is still staged: {st:?}");
    let st = repo.status_file(Path::new("agendas/sc78-wg-11-3/sc78-session.meeting.json")).unwrap();
    assert!(st.contains(git2::Status::WT_MODIFIED), "the unstaged change is still unstaged: {st:?}");
    assert_eq!(repo.status_file(Path::new("resolutions/conf-11.3.txt")).unwrap(), git2::Status::CURRENT);
}

#[test]
fn repository_with_no_commits() {
    let r = demo();
    r.set_identity();
    std::fs::remove_dir_all(r.dir.join(".git")).unwrap();
    let repo = git2::Repository::init(&r.dir).unwrap();
    let mut c = repo.config().unwrap();
    c.set_str("user.name", "x").unwrap();
    c.set_str("user.email", "x@y.invalid").unwrap();
    refused(&r, ADOPT, "the repository has no commits yet");
}

#[test]
fn not_a_repository() {
    let r = demo();
    std::fs::remove_dir_all(r.dir.join(".git")).unwrap();
    let before = r.snapshot_files();
    let o = r.gavel(ADOPT);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("is not in a git repository"), "{}", err(&o));
    assert_eq!(r.snapshot_files(), before);
}

impl Repo {
    fn snapshot_files(&self) -> BTreeMap<String, Vec<u8>> {
        files_under(&self.dir, true).into_iter().map(|(p, b)| (p.display().to_string(), b)).collect()
    }
}

/// Every file under `dir` with its bytes; `.git` only when asked.
fn files_under(dir: &Path, with_git: bool) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if !with_git && p.file_name().is_some_and(|n| n == ".git") {
                continue;
            }
            if p.is_dir() {
                stack.push(p);
            } else {
                let bytes = std::fs::read(&p).unwrap();
                out.push((p, bytes));
            }
        }
    }
    out
}

#[test]
fn no_hooks_are_run() {
    let r = demo();
    r.set_identity();
    let marker = r.dir.join("hook-ran");
    for hook in ["pre-commit", "commit-msg", "post-commit", "reference-transaction"] {
        let p = r.dir.join(".git/hooks").join(hook);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, format!("#!/bin/sh\ntouch {}\nexit 1\n", marker.display())).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
    }
    let o = r.gavel(ADOPT);
    assert!(o.status.success(), "{}", err(&o));
    assert!(!marker.exists(), "a hook ran");
}

#[test]
fn stale_proposal_is_not_adopted() {
    let r = demo();
    r.set_identity();
    let p = r.dir.join("resolutions/conf-11.3.txt");
    let t = std::fs::read_to_string(&p).unwrap().replace("when, within six months,", "when, within five months,");
    std::fs::write(&p, t).unwrap();
    let repo = r.git();
    let mut index = repo.index().unwrap();
    index.add_path(Path::new("resolutions/conf-11.3.txt")).unwrap();
    index.write().unwrap();
    let tree = repo.find_tree(index.write_tree().unwrap()).unwrap();
    let head = repo.head().unwrap().peel_to_commit().unwrap();
    let sig = git2::Signature::now("x", "x@y.invalid").unwrap();
    repo.commit(Some("HEAD"), &sig, &sig, "five months", &tree, &[&head]).unwrap();
    refused(&r, ADOPT, "cannot be adopted: stale: paragraph 23 b) has changed since the proposal was drafted");
}
