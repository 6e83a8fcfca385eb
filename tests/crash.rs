//! Writes cut off at every step: the real binary stopped (`GAVEL_CRASH_AT`,
//! an abort) between making its commit and writing its files, between two
//! files, between the files and the branch, between the branch and the
//! index; then the next gavel command finds the half-done write and finishes
//! or undoes it. The repository is then exactly as before or exactly as
//! after, and `git fsck` finds nothing wrong. 100 runs in all.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::demo::Demo;
use git2::{Oid, Repository, TreeWalkMode, TreeWalkResult};

fn gavel(dir: &Path, args: &[&str], crash: Option<&str>) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_gavel"));
    c.current_dir(dir).args(args).env("GIT_CONFIG_NOSYSTEM", "1");
    if let Some(step) = crash {
        c.env("GAVEL_CRASH_AT", step);
    }
    c.output().unwrap()
}

/// Every file of a tree, by path.
fn tree_files(repo: &Repository, tree: Oid) -> BTreeMap<String, Vec<u8>> {
    let mut m = BTreeMap::new();
    let tree = repo.find_tree(tree).unwrap();
    tree.walk(TreeWalkMode::PreOrder, |dir, e| {
        if e.kind() == Some(git2::ObjectType::Blob) {
            m.insert(format!("{dir}{}", e.name().unwrap()), repo.find_blob(e.id()).unwrap().content().to_vec());
        }
        TreeWalkResult::Ok
    })
    .unwrap();
    m
}

/// Every file of the work tree but git's own (and the meeting journals, which are not written here).
fn work_files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, d: &Path, m: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(d).unwrap() {
            let p = e.unwrap().path();
            if p.file_name().is_some_and(|n| n == ".git") {
                continue;
            }
            if p.is_dir() {
                walk(root, &p, m);
            } else {
                m.insert(p.strip_prefix(root).unwrap().display().to_string(), std::fs::read(&p).unwrap());
            }
        }
    }
    let mut m = BTreeMap::new();
    walk(dir, dir, &mut m);
    m
}

fn index_entries(repo: &Repository) -> BTreeMap<String, Oid> {
    let mut index = repo.index().unwrap();
    index.read(true).unwrap();
    index.iter().map(|e| (String::from_utf8(e.path).unwrap(), e.id)).collect()
}

/// The repository is exactly before (HEAD `before`) or exactly after (a
/// commit on `before` with tree `after`): HEAD, the work tree and the index
/// all say the same. Returns which.
fn whole(dir: &Path, before: Oid, after: Oid, what: &str) -> &'static str {
    let repo = Repository::open(dir).unwrap();
    let head = repo.head().unwrap().peel_to_commit().unwrap();
    let state = if head.id() == before {
        "before"
    } else {
        assert_eq!(head.tree_id(), after, "{what}: HEAD is neither before nor after");
        assert!(head.parent_ids().any(|p| p == before), "{what}: the new commit is on the old one");
        "after"
    };
    let files = tree_files(&repo, head.tree_id());
    assert_eq!(work_files(dir), files, "{what} ({state}): the work tree is HEAD's");
    let index: BTreeMap<String, Oid> =
        files.iter().map(|(p, b)| (p.clone(), Oid::hash_object(git2::ObjectType::Blob, b).unwrap())).collect();
    assert_eq!(index_entries(&repo), index, "{what} ({state}): the index is HEAD's");
    assert!(!dir.join(".git/gavel/pending.json").exists(), "{what}: nothing is left half-done");
    if let Ok(o) = Command::new("git").args(["fsck", "--no-dangling", "--no-progress"]).current_dir(dir).output() {
        assert!(o.status.success(), "{what}: git fsck: {}", String::from_utf8_lossy(&o.stderr));
    }
    state
}

struct Case {
    name: &'static str,
    args: &'static [&'static str],
    steps: &'static [&'static str],
    runs: usize,
}

const RECORD: &[&str] = &["record:committed", "record:intent", "record:file-written", "record:branch-moved", "record:index"];

const CASES: &[Case] = &[
    Case { name: "adopt", args: &["adopt", "11.3", "10 e)"], steps: RECORD, runs: 8 },
    Case {
        name: "propose",
        args: &["propose", "11.3", "23 c)", "--text", "if significant matters arise, act.", "--by", "Kenya"],
        steps: RECORD,
        runs: 4,
    },
    Case { name: "withdraw", args: &["withdraw", "11.3", "sc78-37-13g"], steps: RECORD, runs: 3 },
];

#[test]
fn a_write_cut_off_at_any_step_is_finished_or_undone_by_the_next_command() {
    let mut runs = 0;
    for case in CASES {
        // What the repository looks like after the write, done whole.
        let whole_run = Demo::kenya();
        let before = whole_run.git().head().unwrap().target().unwrap();
        assert!(gavel(&whole_run.dir, case.args, None).status.success());
        let after = whole_run.git().head().unwrap().peel_to_commit().unwrap().tree_id();
        for step in case.steps {
            for k in 0..case.runs {
                let d = Demo::kenya();
                assert_eq!(d.git().head().unwrap().target().unwrap(), before, "the demo is the same every time");
                let o = gavel(&d.dir, case.args, Some(step));
                assert!(!o.status.success(), "{} stopped at {step}", case.name);
                let next = gavel(&d.dir, &["status"], None);
                assert!(next.status.success(), "{}", String::from_utf8_lossy(&next.stderr));
                let said = String::from_utf8_lossy(&next.stderr).to_string();
                let state = whole(&d.dir, before, after, &format!("{} at {step} (run {k})", case.name));
                match *step {
                    "record:committed" => assert!(state == "before" && said.is_empty(), "{said}"),
                    "record:intent" | "record:file-written" => {
                        assert_eq!(state, "before");
                        assert!(said.contains("cut off before it was recorded"), "{said}");
                    }
                    _ => {
                        assert_eq!(state, "after");
                        assert!(said.contains("it is now completed"), "{said}");
                    }
                }
                // And the write can be done again from there, or is done.
                if state == "before" {
                    assert!(gavel(&d.dir, case.args, None).status.success());
                    assert_eq!(whole(&d.dir, before, after, "done again"), "after");
                }
                runs += 1;
            }
        }
    }
    runs += sync_cases();
    assert!(runs >= 100, "{runs} runs");
}

/// Two co-chairs' clones of one bare repository.
struct Pair {
    _tmp: tempfile::TempDir,
    a: PathBuf,
    b: PathBuf,
}

fn pair() -> Pair {
    let d = Demo::kenya();
    let tmp = tempfile::tempdir().unwrap();
    let bare = tmp.path().join("remote.git");
    git2::build::RepoBuilder::new().bare(true).clone(d.dir.to_str().unwrap(), &bare).unwrap();
    let clone = |name: &str| {
        let p = tmp.path().join(name);
        let r = git2::build::RepoBuilder::new().clone(bare.to_str().unwrap(), &p).unwrap();
        let mut c = r.config().unwrap();
        c.set_str("user.name", &format!("{name} (co-Chair)")).unwrap();
        c.set_str("user.email", &format!("{name}@chairs.invalid")).unwrap();
        p
    };
    let (a, b) = (clone("a"), clone("b"));
    Pair { _tmp: tmp, a, b }
}

/// Sync cut off: a merge (both adopted something) and a fast-forward.
fn sync_cases() -> usize {
    let mut runs = 0;
    let setups: [(&str, &[&str], bool); 2] = [
        ("merge", &["sync:committed", "sync:file-written", "sync:branch-moved"], true),
        ("fast-forward", &["sync:files-written", "sync:branch-moved"], false),
    ];
    for (name, steps, b_adopts) in setups {
        let prepare = || {
            let p = pair();
            assert!(gavel(&p.a, &["adopt", "11.3", "23 b)"], None).status.success());
            assert!(gavel(&p.a, &["sync"], None).status.success());
            if b_adopts {
                assert!(gavel(&p.b, &["adopt", "11.3", "10 e)"], None).status.success());
            }
            p
        };
        let whole_run = prepare();
        let o = gavel(&whole_run.b, &["sync"], None);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let after = Repository::open(&whole_run.b).unwrap().head().unwrap().peel_to_commit().unwrap().tree_id();
        for step in steps {
            for k in 0..5 {
                let p = prepare();
                let before_here = Repository::open(&p.b).unwrap().head().unwrap().target().unwrap();
                assert!(!gavel(&p.b, &["sync"], Some(step)).status.success());
                let next = gavel(&p.b, &["status"], None);
                assert!(next.status.success(), "{}", String::from_utf8_lossy(&next.stderr));
                // A merge commit's id depends on when it is made: compare its tree.
                let what = format!("sync ({name}) at {step} (run {k})");
                let state = whole(&p.b, before_here, after, &what);
                let expect = if *step == "sync:branch-moved" { "after" } else { "before" };
                assert_eq!(state, expect, "{what}");
                // Syncing again from there finishes the job.
                let o = gavel(&p.b, &["sync"], None);
                assert!(o.status.success(), "{what}: {}", String::from_utf8_lossy(&o.stderr));
                runs += 1;
            }
        }
    }
    runs
}
