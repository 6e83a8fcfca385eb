//! Co-chairs on two machines: two clones of one bare repository on disk.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

struct Setup {
    _tmp: tempfile::TempDir,
    a: PathBuf,
    b: PathBuf,
}

fn gavel(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gavel")).current_dir(dir).args(args).stdin(std::process::Stdio::null()).output().unwrap()
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let o = gavel(dir, args);
    assert!(o.status.success(), "{args:?}: {}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

fn clone(bare: &Path, to: &Path, name: &str) {
    let r = git2::Repository::clone(bare.to_str().unwrap(), to).unwrap();
    let mut c = r.config().unwrap();
    c.set_str("user.name", name).unwrap();
    c.set_str("user.email", &format!("{}@wg.invalid", name.to_lowercase())).unwrap();
}

fn setup() -> Setup {
    let tmp = tempfile::tempdir().unwrap();
    let demo = tmp.path().join("demo");
    assert!(Command::new(env!("CARGO_BIN_EXE_gavel")).arg("demo").arg(&demo).output().unwrap().status.success());
    let bare = tmp.path().join("shared.git");
    git2::build::RepoBuilder::new().bare(true).clone(demo.to_str().unwrap(), &bare).unwrap();
    let (a, b) = (tmp.path().join("kenya"), tmp.path().join("newzealand"));
    clone(&bare, &a, "Kenya");
    clone(&bare, &b, "NewZealand");
    Setup { _tmp: tmp, a, b }
}

fn edit_and_commit(dir: &Path, old: &str, new: &str, msg: &str) {
    let p = dir.join("resolutions/conf-11.3.txt");
    let t = std::fs::read_to_string(&p).unwrap();
    assert!(t.contains(old));
    std::fs::write(&p, t.replacen(old, new, 1)).unwrap();
    let r = git2::Repository::open(dir).unwrap();
    let mut index = r.index().unwrap();
    index.add_path(Path::new("resolutions/conf-11.3.txt")).unwrap();
    index.write().unwrap();
    let tree = r.find_tree(index.write_tree().unwrap()).unwrap();
    let head = r.head().unwrap().peel_to_commit().unwrap();
    let sig = r.signature().unwrap();
    r.commit(Some("HEAD"), &sig, &sig, msg, &tree, &[&head]).unwrap();
}

fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut m = BTreeMap::new();
    let r = git2::Repository::open(dir).unwrap();
    for reference in r.references().unwrap() {
        let reference = reference.unwrap();
        m.insert(reference.name().unwrap().to_string(), reference.target().map(|o| o.to_string()).unwrap_or_default().into_bytes());
    }
    for sub in ["resolutions", "agendas/sc78-wg-11-3"] {
        for e in std::fs::read_dir(dir.join(sub)).unwrap() {
            let p = e.unwrap().path();
            if p.is_file() {
                m.insert(p.display().to_string(), std::fs::read(&p).unwrap());
            }
        }
    }
    m
}

#[test]
fn different_paragraphs_are_joined() {
    let s = setup();
    ok(&s.a, &["adopt", "11.3", "23 b)"]);
    assert!(ok(&s.a, &["sync"]).contains("Sent 1 commit to origin"));
    ok(&s.b, &["adopt", "11.3", "10 e)"]);
    let out = ok(&s.b, &["sync"]);
    assert!(out.contains("Joined both records in commit"), "{out}");
    let b23 = ok(&s.b, &["show", "11.3", "23 b)"]);
    assert!(b23.contains("within three months"), "{b23}");
    assert!(ok(&s.b, &["show", "11.3", "10 f)"]).starts_with("f) Parties remind"));
    assert!(ok(&s.b, &["check"]).contains("0 errors"));
    // Both adoptions are marked in the proposals file.
    let props = std::fs::read_to_string(s.b.join("resolutions/conf-11.3.proposals.json")).unwrap();
    assert_eq!(props.matches("\"adopted\"").count(), 2, "{props}");
    let out = ok(&s.a, &["sync"]);
    assert!(out.contains("Took 2 commits from origin"), "{out}");
    assert_eq!(ok(&s.a, &["show", "11.3"]), ok(&s.b, &["show", "11.3"]));
    assert!(ok(&s.a, &["sync"]).contains("Up to date"));
    let r = git2::Repository::open(&s.a).unwrap();
    assert!(r.statuses(None).unwrap().is_empty());
}

#[test]
fn the_same_paragraph_changed_differently_stops_and_changes_nothing() {
    let s = setup();
    edit_and_commit(&s.a, "within six months,", "within four months,", "four months");
    ok(&s.a, &["sync"]);
    edit_and_commit(&s.b, "within six months,", "within five months,", "five months");
    let before = files(&s.b);
    let o = gavel(&s.b, &["sync"]);
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.contains("Stopped: both co-chairs changed the same provisions differently. Nothing was changed."), "{out}");
    assert!(out.contains("paragraph 23 b):"), "{out}");
    assert!(out.contains("ours:   when, within five months,") && out.contains("theirs: when, within four months,"), "{out}");
    assert!(out.contains("ours → theirs: when, within [-five -]{+four +}months"), "{out}");
    let mut after = files(&s.b);
    // The fetch updates only the remote-tracking reference.
    after.retain(|k, _| !k.starts_with("refs/remotes/"));
    let mut before = before;
    before.retain(|k, _| !k.starts_with("refs/remotes/"));
    assert_eq!(after, before, "nothing was overwritten");
}

#[test]
fn the_chair_settles_and_both_versions_stay_in_history() {
    let s = setup();
    edit_and_commit(&s.a, "within six months,", "within four months,", "four months");
    ok(&s.a, &["sync"]);
    edit_and_commit(&s.b, "within six months,", "within five months,", "five months");
    let out = ok(&s.b, &["sync", "--take", "theirs"]);
    assert!(out.contains("paragraph 23 b): theirs taken (both versions stay in the history)"), "{out}");
    assert!(ok(&s.b, &["show", "11.3", "23 b)"]).contains("within four months"));
    let hist = ok(&s.b, &["history", "11.3", "23 b)"]);
    assert!(hist.contains("five months") && hist.contains("four months"), "{hist}");
    let r = git2::Repository::open(&s.b).unwrap();
    let head = r.head().unwrap().peel_to_commit().unwrap();
    assert_eq!(head.parent_count(), 2);
    assert!(head.message().unwrap().contains("- paragraph 23 b): theirs taken"));
    // The other side takes the merge.
    assert!(ok(&s.a, &["sync"]).contains("Took 2 commits"));
}

#[test]
fn no_remote_is_a_clear_message() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("wg");
    assert!(Command::new(env!("CARGO_BIN_EXE_gavel")).arg("demo").arg(&dir).output().unwrap().status.success());
    let o = gavel(&dir, &["sync"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("this repository has no remote `origin`; add one with `git remote add origin URL`")
    );
}

#[test]
fn uncommitted_work_blocks_a_sync() {
    let s = setup();
    let p = s.a.join("resolutions/conf-11.3.txt");
    let t = std::fs::read_to_string(&p).unwrap().replace("RECALLING the provisions", "RECALLING the provision");
    std::fs::write(&p, &t).unwrap();
    let o = gavel(&s.a, &["sync"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("resolutions/conf-11.3.txt has uncommitted changes"));
    assert_eq!(std::fs::read_to_string(&p).unwrap(), t);
}

/// Co-chair A edits 23 e); co-chair B deletes it and syncs taking theirs:
/// A's 23 e) is in the merged text (before, "theirs taken" kept B's deletion).
#[test]
fn taking_theirs_brings_back_what_we_deleted_and_they_changed() {
    let s = setup();
    let e = "    e) the Secretariat keep the Parties informed as fully as possible,";
    edit_and_commit(&s.a, e, "    e) the Secretariat keep the Parties informed promptly and as fully as possible,", "A: 23 e)");
    ok(&s.a, &["sync"]);
    let p = s.b.join("resolutions/conf-11.3.txt");
    let t = std::fs::read_to_string(&p).unwrap();
    let start = t.find(e).unwrap();
    let end = start + t[start..].find('\n').unwrap() + 1;
    let line = t[start..end].to_string();
    edit_and_commit(&s.b, &line, "", "B: delete 23 e)");
    let out = ok(&s.b, &["sync", "--take", "theirs"]);
    assert!(out.contains("theirs taken") || out.contains("Merged"), "{out}");
    let merged = std::fs::read_to_string(&p).unwrap();
    assert!(merged.contains("    e) the Secretariat keep the Parties informed promptly and as fully as possible,"), "their 23 e) is back");
    // And keeping ours leaves it deleted, saying so.
    let s = setup();
    edit_and_commit(&s.a, e, "    e) the Secretariat keep the Parties informed promptly and as fully as possible,", "A: 23 e)");
    ok(&s.a, &["sync"]);
    edit_and_commit(&s.b, &line, "", "B: delete 23 e)");
    ok(&s.b, &["sync", "--take", "ours"]);
    let p = s.b.join("resolutions/conf-11.3.txt");
    assert!(!std::fs::read_to_string(&p).unwrap().contains("the Secretariat keep the Parties informed"));
}
