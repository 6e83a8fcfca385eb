//! The meeting's journal is shared without loss: it is committed with each
//! decision (up to its last complete line), its uncommitted tail blocks no
//! write, and sync joins two co-chairs' journals by appending what one lacks,
//! so that both co-chairs' interventions are in the minutes.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use gavel::journal::{Event, Journal, Position};
use gavel::tui::Room;
use gavel::tui::app::{Action, Pane};
use gavel::workspace::Workspace;

const T0: i64 = 1_738_674_000;
const JOURNAL: &str = "agendas/sc78-wg-11-3/sc78-session.journal.jsonl";

fn gavel(dir: &Path, args: &[&str]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_gavel")).current_dir(dir).args(args).stdin(std::process::Stdio::null()).output().unwrap();
    assert!(o.status.success(), "{args:?}: {}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).to_string()
}

fn open(dir: &Path) -> Room {
    let ws = Workspace::load(dir);
    let m = gavel::tui::choose_meeting(&ws, Some("sc78-session")).unwrap();
    Room::open(&ws, m, T0)
}

fn intervention(room: &mut Room, item: usize, who: &str, said: &str, t: i64) {
    room.update(Action::Focus(Pane::Agenda), t);
    room.agenda_selected = item - 1;
    room.update(Action::Confirm, t);
    room.update(Action::OpenRecord, t);
    for c in who.chars() {
        room.update(Action::Type(c), t);
    }
    room.update(Action::Confirm, t);
    for c in said.chars() {
        room.update(Action::Type(c), t);
    }
    room.update(Action::Confirm, t);
}

fn head_blob(dir: &Path, rel: &str) -> Option<Vec<u8>> {
    let r = git2::Repository::open(dir).unwrap();
    let tree = r.head().unwrap().peel_to_tree().unwrap();
    tree.get_path(Path::new(rel)).ok().map(|e| r.find_blob(e.id()).unwrap().content().to_vec())
}

#[test]
fn the_journal_goes_with_each_decision_and_its_tail_blocks_nothing() {
    let d = common::demo::Demo::kenya();
    let mut room = open(&d.dir);
    intervention(&mut room, 7, "kenya", "introduced the timeframes", T0);
    room.update(Action::OpenDecide, T0 + 1);
    room.update(Action::Confirm, T0 + 1);
    room.update(Action::Confirm, T0 + 1);
    // The decision's commit holds the journal up to the decision; the file goes on (the commit's outcome).
    let committed = head_blob(&d.dir, JOURNAL).expect("the journal is in the decision's commit");
    let on_disk = std::fs::read(d.dir.join(JOURNAL)).unwrap();
    assert!(on_disk.starts_with(&committed), "the file is never rewritten: what is committed is its beginning");
    let text = String::from_utf8_lossy(&committed);
    assert!(text.contains("introduced the timeframes") && text.contains("\"event\":\"decision\""), "{text}");
    // More entries: an uncommitted tail; gavel adopt in another terminal is not stopped by it.
    intervention(&mut room, 2, "botsw", "welcomed the proposal", T0 + 2);
    let o = Command::new(env!("CARGO_BIN_EXE_gavel"))
        .current_dir(&d.dir)
        .args(["adopt", "11.3", "10 e)", "--meeting", "sc78-session", "--item", "2"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // Committed with that decision too, as a meeting's record.
    let committed = head_blob(&d.dir, JOURNAL).unwrap();
    assert!(String::from_utf8_lossy(&committed).contains("welcomed the proposal"));
    assert_eq!(committed, std::fs::read(d.dir.join(JOURNAL)).unwrap(), "nothing uncommitted remains");
    // A torn last line (a crash mid-write) is never committed; the complete lines are.
    let mut f = std::fs::OpenOptions::new().append(true).open(d.dir.join(JOURNAL)).unwrap();
    std::io::Write::write_all(&mut f, b"{\"id\":\"torn").unwrap();
    let ctx = gavel::ops::Context { doing: "a test".into(), ..Default::default() };
    assert_eq!(gavel::ops::commit_journal(&d.dir, "sc78-session", &ctx).unwrap(), None, "nothing complete is new");
}

struct Pair {
    _tmp: tempfile::TempDir,
    a: PathBuf,
    b: PathBuf,
}

fn pair() -> Pair {
    let d = common::demo::Demo::kenya();
    let tmp = tempfile::tempdir().unwrap();
    let bare = tmp.path().join("shared.git");
    git2::build::RepoBuilder::new().bare(true).clone(d.dir.to_str().unwrap(), &bare).unwrap();
    let clone = |name: &str| {
        let p = tmp.path().join(name);
        let r = git2::Repository::clone(bare.to_str().unwrap(), &p).unwrap();
        let mut c = r.config().unwrap();
        c.set_str("user.name", name).unwrap();
        c.set_str("user.email", &format!("{name}@chairs.invalid")).unwrap();
        p
    };
    let (a, b) = (clone("kenya"), clone("newzealand"));
    Pair { _tmp: tmp, a, b }
}

#[cfg(unix)]
fn inode(p: &Path) -> u64 {
    std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(p).unwrap())
}

#[test]
fn two_co_chairs_journals_are_joined_and_both_are_in_the_minutes() {
    let p = pair();
    // Each co-chair runs part of the session in their own room.
    let mut a = open(&p.a);
    intervention(&mut a, 7, "kenya", "introduced the timeframes", T0);
    let mut b = open(&p.b);
    intervention(&mut b, 2, "botsw", "welcomed the awareness raising", T0 + 5);
    // A shares first; B's room stays open while B syncs.
    gavel(&p.a, &["sync"]);
    #[cfg(unix)]
    let before = inode(&p.b.join(JOURNAL));
    gavel(&p.b, &["sync"]);
    #[cfg(unix)]
    assert_eq!(inode(&p.b.join(JOURNAL)), before, "the open room's journal file is appended to, never replaced");
    // B's room goes on writing to the same file, after A's entries.
    intervention(&mut b, 2, "namib", "asked about training", T0 + 9);
    gavel(&p.b, &["sync"]);
    gavel(&p.a, &["sync"]);
    for dir in [&p.a, &p.b] {
        let minutes = gavel(dir, &["minutes", "sc78-session", "--format", "txt"]);
        for said in ["Kenya introduced the timeframes", "Botswana welcomed the awareness raising", "Namibia asked about training"] {
            assert!(minutes.contains(said), "{said} in the minutes of {}: {minutes}", dir.display());
        }
        let (entries, problems) = Journal::new(dir.join(JOURNAL)).read();
        assert!(problems.is_empty(), "{problems:?}");
        let ids: std::collections::HashSet<&str> = entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids.len(), entries.len(), "no entry twice");
        let said = entries.iter().filter(|e| matches!(e.event, Event::Intervention { position: Position::General, .. })).count();
        assert_eq!(said, 3, "{}", dir.display());
    }
}
