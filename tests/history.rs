//! Paragraph history through git: by identity, through relettering and
//! renumbering, equal to a brute-force reading of every version, with a
//! cache that is extended and rebuilt as the history moves.

use std::path::Path;
use std::process::Command;

use gavel::resolution::{NodeId, parse};
use gavel::store::{CacheUse, Store};

fn gavel(dir: &Path, args: &[&str]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_gavel")).current_dir(dir).args(args).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

fn commit_text(repo: &git2::Repository, dir: &Path, text: &str, msg: &str, when: i64) -> git2::Oid {
    let path = "resolutions/conf-11.3.txt";
    std::fs::write(dir.join(path), text).unwrap();
    let mut index = repo.index().unwrap();
    index.add_path(Path::new(path)).unwrap();
    index.write().unwrap();
    let tree = repo.find_tree(index.write_tree().unwrap()).unwrap();
    let head = repo.head().unwrap().peel_to_commit().unwrap();
    let sig = git2::Signature::new("Drafter", "d@wg.invalid", &git2::Time::new(when, 0)).unwrap();
    repo.commit(Some("HEAD"), &sig, &sig, msg, &tree, &[&head]).unwrap()
}

/// A demo repository, then adoptions and hand edits that reletter, renumber and reword.
fn repository() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("wg");
    let o = Command::new(env!("CARGO_BIN_EXE_gavel")).arg("demo").arg(&dir).output().unwrap();
    assert!(o.status.success());
    let repo = git2::Repository::open(&dir).unwrap();
    let mut c = repo.config().unwrap();
    c.set_str("user.name", "Chair").unwrap();
    c.set_str("user.email", "chair@wg.invalid").unwrap();
    gavel(&dir, &["adopt", "11.3", "10 e)", "--meeting", "sc78-session", "--item", "2"]);
    gavel(&dir, &["adopt", "11.3", "23 b)", "--meeting", "sc78-session", "--item", "7"]);
    let res = dir.join("resolutions/conf-11.3.txt");
    let t = std::fs::read_to_string(&res).unwrap();
    // Reword 10 f) (the old e)) and an unrelated paragraph, in two commits.
    let t = t.replace("that they are not exempted from", "that they are in no way exempted from");
    commit_text(&repo, &dir, &t, "reword 10 f)", 1_800_000_000);
    let t = t.replace("URGES INTERPOL to support", "URGES INTERPOL to continue to support");
    commit_text(&repo, &dir, &t, "reword 22", 1_800_000_100);
    (tmp, dir)
}

/// Every version parsed in full: the commits where provision `id` differs from its first parent.
fn brute_force(repo: &git2::Repository, id: &NodeId) -> Vec<(git2::Oid, Option<(String, String)>)> {
    let mut walk = repo.revwalk().unwrap();
    walk.set_sorting(git2::Sort::TOPOLOGICAL | git2::Sort::TIME).unwrap();
    walk.push_head().unwrap();
    let version = |c: &git2::Commit| -> Option<(String, String)> {
        let blob = c.tree().ok()?.get_path(Path::new("resolutions/conf-11.3.txt")).ok()?.to_object(repo).ok()?.peel_to_blob().ok()?;
        let res = parse(std::str::from_utf8(blob.content()).ok()?, Path::new("")).resolution?;
        let i = res.by_id(id)?;
        Some((res.address(i).to_string(), res.node(i).text.clone()))
    };
    let mut out = Vec::new();
    for oid in walk {
        let c = repo.find_commit(oid.unwrap()).unwrap();
        let now = version(&c);
        let before = c.parents().next().and_then(|p| version(&p));
        if now != before {
            out.push((c.id(), now));
        }
    }
    out
}

#[test]
fn history_equals_a_full_reading_of_every_version() {
    let (_tmp, dir) = repository();
    let store = Store::open(&dir).unwrap();
    let file = Path::new("resolutions/conf-11.3.txt");
    for id in ["para_10__e", "para_23__b", "para_22", "para_10__d", "sc78-37-10e.1", "pre_5", "para_13__a__iv"] {
        let id = NodeId(id.into());
        let (steps, _) = store.history(file, &id, "HEAD", None, false).unwrap();
        let got: Vec<(git2::Oid, Option<(String, String)>)> =
            steps.iter().map(|s| (s.commit.parse().unwrap(), s.after.as_ref().map(|v| (v.address.clone(), v.text.clone())))).collect();
        assert_eq!(got, brute_force(&store.repo, &id), "{id}");
    }
}

#[test]
fn history_follows_a_relettered_provision() {
    let (_tmp, dir) = repository();
    let out = gavel(&dir, &["history", "Conf. 11.3", "10 f)"]);
    assert!(out.contains("reword 10 f)"), "{out}");
    assert!(out.contains("that they are [-not -]{+in no way +}exempted"), "{out}");
    assert!(out.contains("[-e-]{+f+}) Parties remind their diplomatic missions"), "the relettering step: {out}");
    assert!(out.contains("meeting sc78-session; agenda item 2; decision: agreed"), "{out}");
    assert!(out.contains("{+e) Parties remind their diplomatic missions"), "back to the text in force at CoP19: {out}");
    // --since leaves out what came before.
    let since = gavel(&dir, &["history", "11.3", "10 f)", "--since", "HEAD~1"]);
    assert!(since.contains("No commit changed it."), "{since}");
}

#[test]
fn the_cache_is_used_extended_and_rebuilt() {
    let (_tmp, dir) = repository();
    let store = Store::open(&dir).unwrap();
    let file = Path::new("resolutions/conf-11.3.txt");
    let id = NodeId("para_23__b".into());
    let (first, how) = store.history(file, &id, "HEAD", None, true).unwrap();
    assert_eq!(how, CacheUse::Rebuilt);
    let (again, how) = store.history(file, &id, "HEAD", None, true).unwrap();
    assert_eq!(how, CacheUse::Hit);
    assert_eq!(again.len(), first.len());
    // A new commit on top: only it is read.
    let repo = git2::Repository::open(&dir).unwrap();
    let t = std::fs::read_to_string(dir.join("resolutions/conf-11.3.txt"))
        .unwrap()
        .replace("within the following three months", "within the next three months");
    commit_text(&repo, &dir, &t, "reword 23 b)", 1_800_000_200);
    let (more, how) = store.history(file, &id, "HEAD", None, true).unwrap();
    assert_eq!(how, CacheUse::Extended);
    assert_eq!(more.len(), first.len() + 1);
    assert_eq!(more[0].subject, "reword 23 b)");
    // History rewritten under it (the last commit undone): the cache is rebuilt, not trusted.
    let head = repo.head().unwrap().peel_to_commit().unwrap();
    repo.reset(head.parent(0).unwrap().as_object(), git2::ResetType::Hard, None).unwrap();
    let (after_reset, how) = store.history(file, &id, "HEAD", None, true).unwrap();
    assert_eq!(how, CacheUse::Rebuilt);
    assert_eq!(after_reset.len(), first.len());
    // A damaged cache file is ignored and replaced.
    let cache_dir = dir.join(".git/gavel/history");
    for e in std::fs::read_dir(&cache_dir).unwrap() {
        std::fs::write(e.unwrap().path(), "not json").unwrap();
    }
    let (fixed, how) = store.history(file, &id, "HEAD", None, true).unwrap();
    assert_eq!(how, CacheUse::Rebuilt);
    assert_eq!(fixed.len(), first.len());
    // Entries that name a missing commit, something that is not a commit id, or a tree: ignored, rebuilt.
    let path = std::fs::read_dir(&cache_dir).unwrap().next().unwrap().unwrap().path();
    let good = std::fs::read_to_string(&path).unwrap();
    let first_commit = fixed[0].commit.to_string();
    let tree = repo.head().unwrap().peel_to_commit().unwrap().tree_id().to_string();
    for bad in ["0123456789abcdef0123456789abcdef01234567", "not-hex-at-all", tree.as_str()] {
        std::fs::write(&path, good.replace(&first_commit, bad)).unwrap();
        let (again, how) = store.history(file, &id, "HEAD", None, true).unwrap();
        assert_eq!(how, CacheUse::Rebuilt, "{bad}");
        assert_eq!(again.len(), first.len(), "{bad}");
    }
    // The command line likewise: exit 0, the same history.
    std::fs::write(&path, good.replace(&first_commit, "not-hex-at-all")).unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_gavel")).current_dir(&dir).args(["history", "11.3", "23 b)"]).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// Asked again at the same commit, a history is read from the cache alone
/// (git is not opened: its config is never read), the same as from git;
/// a new commit, a damaged cache or another question goes to git again.
#[test]
fn asked_again_at_the_same_commit_the_history_is_read_from_the_cache_alone() {
    let (_tmp, dir) = repository();
    let first = gavel(&dir, &["history", "11.3", "23 b)"]);
    let again = gavel(&dir, &["history", "11.3", "23 b)"]);
    assert_eq!(again, first);
    assert_eq!(gavel(&dir, &["history", "11.3", "23 b)", "--no-cache"]), first);
    let opened = |args: &[&str]| -> String {
        let o = Command::new("strace")
            .args(["-f", "-e", "trace=openat,open", "-o", "/dev/stderr"])
            .arg(env!("CARGO_BIN_EXE_gavel"))
            .args(args)
            .current_dir(&dir)
            .output()
            .expect("strace is installed (.ci/run installs it)");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8_lossy(&o.stderr).into_owned()
    };
    let warm = opened(&["history", "11.3", "23 b)"]);
    assert!(!warm.contains(".git/config") && !warm.contains(".git/objects"), "git opened on a warm history: {warm}");
    // A new commit: read from git again, and shown.
    let repo = git2::Repository::open(&dir).unwrap();
    let t = std::fs::read_to_string(dir.join("resolutions/conf-11.3.txt"))
        .unwrap()
        .replace("within the following three months", "within the next three months");
    commit_text(&repo, &dir, &t, "reword 23 b) again", 1_800_000_300);
    assert!(opened(&["history", "11.3", "23 b)"]).contains(".git/objects"));
    let newer = gavel(&dir, &["history", "11.3", "23 b)"]);
    assert!(newer.contains("reword 23 b) again") && newer.ends_with(&first[first.find('\n').unwrap() + 1..]), "{newer}");
    // A cache changed under it: not used as it is.
    let cache = std::fs::read_dir(dir.join(".git/gavel/history"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("para_23__b"))
        .unwrap();
    let bytes = std::fs::read_to_string(&cache).unwrap();
    std::fs::write(&cache, bytes.replace("reword 23 b) again", "reword 23 b) AGAIN")).unwrap();
    assert!(opened(&["history", "11.3", "23 b)"]).contains(".git/config"), "a changed cache sends the history to git");
    // The same question in other words is the same question; another provision is not.
    assert!(!opened(&["history", "Conf. 11.3", "23 b)"]).contains(".git/config"));
    assert!(opened(&["history", "11.3", "23 a)"]).contains(".git/config"));
}

#[test]
fn revisions_compared_and_moves_shown() {
    let (_tmp, dir) = repository();
    let repo = git2::Repository::open(&dir).unwrap();
    // Move paragraph 22 (with its identity) to the end of section XI, as a drafter would by hand.
    let res = dir.join("resolutions/conf-11.3.txt");
    let t = std::fs::read_to_string(&res).unwrap();
    let line = t.lines().find(|l| l.starts_with("22. URGES INTERPOL")).unwrap().to_string();
    let t = t.replace(&format!("{line}\n\n"), "");
    let t = t.replace("\n\n[^1]:", &format!("\n\n33. {} {{#para_22}}\n\n[^1]:", &line[4..]));
    // Renumber 23..32 down by one, keeping their identities, as gavel itself would write them.
    let mut out = Vec::new();
    for l in t.lines() {
        match l.split_once(". ").and_then(|(n, rest)| n.parse::<u32>().ok().map(|n| (n, rest))) {
            Some((n, rest)) if (23..=33).contains(&n) && !l.starts_with(' ') => {
                let id = if rest.ends_with('}') { String::new() } else { format!(" {{#para_{n}}}") };
                out.push(format!("{}. {rest}{id}", n - 1));
            }
            _ => out.push(l.to_string()),
        }
    }
    let t = out.join("\n") + "\n";
    commit_text(&repo, &dir, &t, "move 22 to the end", 1_800_000_300);
    let check = gavel(&dir, &["check"]);
    assert!(check.contains("0 errors"), "{check}");
    let d = gavel(&dir, &["diff", "11.3", "--from", "HEAD~1", "--to", "HEAD"]);
    assert!(d.contains("(moved here)"), "{d}");
    assert!(d.contains("[-23-]{+22+}. RECOMMENDS that:"), "{d}");
    assert!(!d.contains("[-22. URGES INTERPOL"), "a move is not shown as a deletion: {d}");
    let at = gavel(&dir, &["show", "11.3", "22", "--at", "HEAD~1"]);
    assert!(at.starts_with("22. URGES INTERPOL"), "{at}");
}
