//! Writers at once: four `gavel adopt` processes started together, 50
//! times, never lose or duplicate a decision, and afterwards the work tree,
//! the index and HEAD agree; the same proposal adopted twice at once is
//! committed once.

mod common;

use std::collections::BTreeMap;
use std::process::{Command, Stdio};

use common::demo::Demo;

fn spawn(d: &Demo, args: &[&str]) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_gavel"))
        .current_dir(&d.dir)
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Each commit since the demo's, by the proposal its trailer names.
fn decisions(d: &Demo) -> BTreeMap<String, usize> {
    let g = d.git();
    let mut walk = g.revwalk().unwrap();
    walk.push_head().unwrap();
    let mut m = BTreeMap::new();
    for oid in walk {
        let c = g.find_commit(oid.unwrap()).unwrap();
        if let Some(p) = gavel::store::trailers(c.message().unwrap()).proposal {
            *m.entry(p).or_insert(0) += 1;
        }
    }
    m
}

/// The work tree and the index hold exactly HEAD.
fn agrees(d: &Demo) -> bool {
    let g = d.git();
    let st = g.statuses(Some(git2::StatusOptions::new().include_untracked(true))).unwrap();
    st.is_empty()
}

#[test]
fn four_writers_at_once_lose_and_duplicate_nothing() {
    let targets = [("preamble 21", "2"), ("10 e)", "2"), ("13 f)", "2"), ("23 b)", "7")];
    for trial in 0..50 {
        let d = Demo::kenya();
        let children: Vec<_> =
            targets.iter().map(|(r, item)| spawn(&d, &["adopt", "11.3", r, "--meeting", "sc78-session", "--item", item])).collect();
        for c in children {
            let o = c.wait_with_output().unwrap();
            assert!(o.status.success(), "trial {trial}: {}", String::from_utf8_lossy(&o.stderr));
        }
        let got = decisions(&d);
        let want: BTreeMap<String, usize> =
            ["sc78-37-preamble", "sc78-37-10e", "sc78-37-13g", "sc78-37-23b"].iter().map(|p| (p.to_string(), 1)).collect();
        assert_eq!(got, want, "trial {trial}: each decision once");
        assert!(agrees(&d), "trial {trial}: the work tree and index are HEAD's");
        let text = std::fs::read_to_string(d.dir.join("resolutions/conf-11.3.txt")).unwrap();
        assert!(
            text.contains("within three months") && text.contains("professional bodies in their national jurisdiction"),
            "trial {trial}"
        );
    }
}

#[test]
fn the_same_proposal_adopted_twice_at_once_is_committed_once() {
    for trial in 0..20 {
        let d = Demo::kenya();
        let a = spawn(&d, &["adopt", "11.3", "23 b)"]);
        let b = spawn(&d, &["adopt", "11.3", "23 b)", "--proposal", "sc78-37-23b"]);
        let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
        assert_eq!(a.status.success() as u8 + b.status.success() as u8, 1, "trial {trial}: exactly one succeeds");
        let loser = if a.status.success() { &b } else { &a };
        let said = String::from_utf8_lossy(&loser.stderr);
        assert!(said.contains("already adopted"), "trial {trial}: {said}");
        assert_eq!(loser.status.code(), Some(2), "trial {trial}");
        assert_eq!(decisions(&d).get("sc78-37-23b"), Some(&1), "trial {trial}");
        assert!(agrees(&d), "trial {trial}");
    }
}
