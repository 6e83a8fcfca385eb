//! The history of one paragraph over 2,000 commits, against `git log -L` on
//! the same paragraph in the same run; and opening a repository of 50
//! resolutions and 20 meetings.
//!
//! Goals, on a repository where the paragraph changed 150 times in 2,000
//! commits and on one where it changed once: `gavel history` cold at least
//! twice as fast as `git log -L`, warm (cache) at least 20 times as fast
//! and in 5 ms or less; opening and loading the large repository in 30 ms
//! or less. git is the peer measured here, so this bench runs the `git`
//! program; gavel itself never does.

mod common;

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use std::time::Duration;

use common::{Rng, measure, verdict};
use git2::build::TreeUpdateBuilder;
use git2::{FileMode, Repository, Signature, Time};

const WORDS: &[&str] = &["Parties", "promptly", "national", "effective", "relevant", "appropriate", "regional", "timely"];

/// A repository with the bundled data and `n` more commits, each amending a
/// few paragraphs; 23 b) itself every `every`-th commit.
fn generate(dir: &Path, n: usize, every: usize) -> usize {
    let o = Command::new(env!("CARGO_BIN_EXE_gavel")).arg("demo").arg(dir).stdout(Stdio::null()).status().unwrap();
    assert!(o.success());
    let repo = Repository::open(dir).unwrap();
    let path = "resolutions/conf-11.3.txt";
    let mut text = std::fs::read_to_string(dir.join(path)).unwrap();
    let mut rng = Rng(42);
    let mut parent = repo.head().unwrap().peel_to_commit().unwrap();
    let mut touched_23b = 0;
    // The generated edits replace words within lines and never add or remove one.
    let line_23b = text.split('\n').position(|l| l.starts_with("    b) when, within")).unwrap();
    for i in 0..n {
        let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        let hit = i % every == every / 2;
        touched_23b += usize::from(hit);
        for _ in 0..3 {
            // Amend one word of a random provision line (every so often, 23 b) itself).
            let k = if hit { line_23b } else { rng.below(lines.len()) };
            let l = &lines[k];
            if l.len() < 20
                || l.starts_with("Symbol")
                || l.starts_with("Title")
                || l.starts_with("Revision")
                || l.starts_with("Note")
                || l.starts_with("[^")
            {
                continue;
            }
            let words: Vec<&str> = l.split(' ').collect();
            let w = 2 + rng.below(words.len().saturating_sub(3).max(1));
            if w >= words.len() || words[w].is_empty() || words[w].ends_with(')') || words[w].ends_with('.') {
                continue;
            }
            let mut nw: Vec<String> = words.iter().map(|s| s.to_string()).collect();
            nw[w] = WORDS[rng.below(WORDS.len())].to_string();
            lines[k] = nw.join(" ");
        }
        text = lines.join("\n");
        let blob = repo.blob(text.as_bytes()).unwrap();
        let mut up = TreeUpdateBuilder::new();
        up.upsert(path, blob, FileMode::Blob);
        let tree = repo.find_tree(up.create_updated(&repo, &parent.tree().unwrap()).unwrap()).unwrap();
        let sig = Signature::new("Drafter", "drafter@wg.invalid", &Time::new(1_738_560_000 + i as i64 * 600, 60)).unwrap();
        let c = repo.commit(Some("HEAD"), &sig, &sig, &format!("amend, step {i}"), &tree, &[&parent]).unwrap();
        parent = repo.find_commit(c).unwrap();
    }
    std::fs::write(dir.join(path), &text).unwrap();
    let mut index = repo.index().unwrap();
    index.read_tree(&parent.tree().unwrap()).unwrap();
    index.write().unwrap();
    touched_23b
}

fn large_repository(dir: &Path) -> PathBuf {
    let root = dir.join("large");
    let res = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("resolutions/conf-11.3.txt")).unwrap();
    std::fs::create_dir_all(root.join("resolutions")).unwrap();
    for k in 1..=50 {
        let t = res.replace("Symbol: Conf. 11.3", &format!("Symbol: Conf. 30.{k}"));
        std::fs::write(root.join(format!("resolutions/conf-30.{k}.txt")), t).unwrap();
    }
    let group = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("agendas/niap-2018/group.json")).unwrap();
    let meeting = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("agendas/niap-2018/maputo.meeting.json")).unwrap();
    std::fs::create_dir_all(root.join("agendas/niap-2018")).unwrap();
    std::fs::write(root.join("agendas/niap-2018/group.json"), group).unwrap();
    for k in 1..=20 {
        std::fs::write(root.join(format!("agendas/niap-2018/m{k}.meeting.json")), &meeting).unwrap();
    }
    root
}

fn main() {
    // For profiling: GAVEL_HISTORY_REPO=DIR generates the repository there and stops.
    if let Some(d) = std::env::var_os("GAVEL_HISTORY_REPO") {
        generate(Path::new(&d), 2000, 40);
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_gavel");
    let original = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("resolutions/conf-11.3.txt")).unwrap();
    let line = original.lines().position(|l| l.starts_with("    b) when, within")).unwrap() + 1;
    let mut summary = Vec::new();
    let n = 2000;
    for (name, every) in [("changed 150 times", 13), ("changed once", n)] {
        let dir = tmp.path().join(name.replace(' ', "-"));
        let t = std::time::Instant::now();
        let touched = generate(&dir, n, every);
        println!("== A repository of {} commits where 23 b) {name} ({touched} commits amend it); generated in {:?}", n + 5, t.elapsed());
        let run = |cmd: &mut Command| {
            let out = cmd.current_dir(&dir).stdout(Stdio::piped()).stderr(Stdio::null()).output().unwrap();
            assert!(out.status.success());
            black_box(out.stdout.len())
        };
        let lines = run(Command::new(bin).args(["history", "Conf. 11.3", "23 b)", "--no-cache"]));
        println!("   gavel history prints {lines} bytes");
        let git = measure("`git log -L N,N:resolutions/conf-11.3.txt`", 7, || {
            run(Command::new("git").args(["log", "-L", &format!("{line},{line}:resolutions/conf-11.3.txt")]));
        });
        let cold = measure("`gavel history \"Conf. 11.3\" \"23 b)\"` cold (no cache)", 7, || {
            run(Command::new(bin).args(["history", "Conf. 11.3", "23 b)", "--no-cache"]));
        });
        run(Command::new(bin).args(["history", "Conf. 11.3", "23 b)"]));
        let warm = measure("`gavel history \"Conf. 11.3\" \"23 b)\"` warm (cache)", 21, || {
            run(Command::new(bin).args(["history", "Conf. 11.3", "23 b)"]));
        });
        let (rc, rw) = (git.as_secs_f64() / cold.as_secs_f64(), git.as_secs_f64() / warm.as_secs_f64());
        summary.push(verdict(
            &format!("{name}: cold at least twice as fast as git log -L"),
            rc >= 2.0,
            &format!("{rc:.2}x, {cold:.1?} against {git:.1?}"),
        ));
        summary.push(verdict(&format!("{name}: warm at least 20 times as fast as git log -L"), rw >= 20.0, &format!("{rw:.1}x")));
        summary.push(verdict(&format!("{name}: warm in 5 ms or less"), warm <= Duration::from_millis(5), &format!("median {warm:.2?}")));
    }

    println!("== Opening a repository of 50 resolutions and 20 meetings (goal: 30 ms or less)");
    let root = large_repository(tmp.path());
    let open = measure("Workspace::load (read, parse and check everything)", 50, || {
        let ws = gavel::workspace::Workspace::load(&root);
        assert_eq!((ws.resolutions.len(), ws.meetings.len()), (50, 20));
        black_box(ws);
    });
    summary.push(verdict("open the large repository in 30 ms or less", open <= Duration::from_millis(30), &format!("median {open:.3?}")));
    for line in summary {
        println!("{line}");
    }
}
