//! The agenda in session: an item added, moved, deferred and returned to
//! pending; an item left without a decision sent back to pending or
//! suspended; all journaled, the same after a restart, and the meeting file
//! rewritten by the session's commit, never doubling an item on replay.

mod common;

use common::demo::Demo;
use gavel::journal::ItemStatus;
use gavel::tui::Room;
use gavel::tui::app::{Action, Mode, Pane};
use gavel::workspace::Workspace;

use common::room::T0;

fn room(dir: &std::path::Path) -> Room {
    let mut r = common::room::open(dir);
    r.update(Action::Focus(Pane::Agenda), T0);
    r
}

fn ids(r: &Room) -> Vec<String> {
    r.items.iter().map(|i| i.id.clone()).collect()
}

fn select(r: &mut Room, id: &str) {
    r.agenda_selected = r.items.iter().position(|i| i.id == id).unwrap();
}

fn take_up(r: &mut Room, id: &str) {
    select(r, id);
    r.update(Action::Confirm, T0);
}

#[test]
fn the_agenda_changed_in_session_is_journaled_replayed_and_committed_once() {
    let d = Demo::new(Some(("New Zealand (co-Chair)", "chair@nz.invalid")));
    let mut r = room(&d.dir);
    let before = ids(&r);
    // Added after item 7, then moved up one place.
    select(&mut r, "7");
    r.update(Action::OpenAddItem, T0);
    for c in "Any other business".chars() {
        r.update(Action::Type(c), T0);
    }
    r.update(Action::Confirm, T0);
    let new = r.items.iter().find(|i| i.title == "Any other business").expect("added").id.clone();
    assert!(!before.contains(&new), "a new id: {new}");
    let at = |r: &Room, id: &str| ids(r).iter().position(|x| x == id).unwrap();
    assert_eq!(at(&r, &new), at(&r, "7") + 1);
    select(&mut r, &new);
    r.update(Action::MoveSpeaker(-1), T0);
    assert_eq!(at(&r, &new) + 1, at(&r, "7"), "moved above item 7");
    // Item 9 deferred, item 10 deferred and returned to pending.
    select(&mut r, "9");
    r.update(Action::MarkItem { defer: true }, T0);
    select(&mut r, "10");
    r.update(Action::MarkItem { defer: true }, T0);
    r.update(Action::MarkItem { defer: false }, T0);
    assert_eq!((r.item_status("9"), r.item_status("10")), (ItemStatus::Deferred, ItemStatus::Pending));
    // Leaving item 7 without a decision: the chair says it is suspended; item 8 then back to pending.
    take_up(&mut r, "7");
    take_up(&mut r, "8");
    assert!(matches!(&r.mode, Mode::Leave { current, next } if current == "7" && next == "8"), "{:?}", r.mode);
    r.update(Action::Leave { suspended: true }, T0);
    assert_eq!((r.item_status("7"), r.item_status("8")), (ItemStatus::Suspended, ItemStatus::UnderDiscussion));
    take_up(&mut r, "11");
    r.update(Action::Leave { suspended: false }, T0);
    assert_eq!(r.item_status("8"), ItemStatus::Pending);
    let order = ids(&r);
    drop(r);

    // A restarted room has it all.
    let again = room(&d.dir);
    assert_eq!(ids(&again), order);
    assert_eq!(again.item_status("7"), ItemStatus::Suspended);
    assert_eq!(again.item_status("9"), ItemStatus::Deferred);

    // The session's commit rewrites the meeting file; replayed over it, nothing doubles.
    let ctx = gavel::ops::Context { meeting: Some("sc78-session".into()), ..Default::default() };
    gavel::ops::commit_journal(&d.dir, "sc78-session", &ctx).unwrap().expect("a commit");
    let git = d.git();
    let head = git.head().unwrap().peel_to_commit().unwrap();
    assert!(head.message().unwrap().starts_with("Record of sc78-session: the journal, "), "{}", head.message().unwrap());
    assert!(head.message().unwrap().contains("the agenda as changed in session"));
    let ws = Workspace::load(&d.dir);
    let m = ws.meetings.iter().find(|m| m.id == "sc78-session").unwrap();
    let in_file: Vec<String> = gavel::journal::agenda_items(&m.meeting.value).iter().map(|i| i.id.clone()).collect();
    assert_eq!(in_file, order, "the meeting file has the agenda as changed");
    let third = room(&d.dir);
    assert_eq!(ids(&third), order, "replaying the journal over the new file adds nothing");
    let status = std::process::Command::new("git").args(["status", "--porcelain"]).current_dir(&d.dir).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&status.stdout), "");
    assert!(gavel::ops::commit_journal(&d.dir, "sc78-session", &ctx).unwrap().is_none(), "nothing more to commit");

    // The record has the new item, in its place.
    let out = d.gavel(&["minutes", "sc78-session", "--format", "txt"]);
    let minutes = String::from_utf8_lossy(&out.stdout);
    let a = minutes.find(&format!("{new}. Any other business")).expect("the new item's heading");
    assert!(a < minutes.find("7. Timeframes").unwrap(), "{minutes}");
    let after = |heading: &str| minutes[minutes.find(heading).unwrap()..].lines().nth(2).unwrap_or_default().to_string();
    assert_eq!(after("7. Timeframes"), "The item was suspended, to be resumed.", "{minutes}");
    assert_eq!(after("9. The future"), "The item was deferred.", "{minutes}");
    // (The new item, 11, was taken up last, and has no decision yet.)
    assert_eq!(after(&format!("{new}. Any other business")), "No decision was recorded on the item.", "{minutes}");
    assert_eq!(after("10. Recommendations"), "The item was not taken up.", "{minutes}");
}

#[test]
fn the_rewritten_meeting_file_keeps_the_rest_as_it_was() {
    // Only the agenda's changes show in the file: the bundled file reads and writes back the same.
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/agendas/sc78-wg-11-3/sc78-session.meeting.json")).unwrap();
    let m: gavel::group::Meeting = serde_json::from_str(&text).unwrap();
    assert_eq!(serde_json::to_string_pretty(&m).unwrap() + "\n", text);
}

#[test]
fn the_chairs_next_commit_carries_the_agenda_as_changed() {
    let d = Demo::new(Some(("New Zealand (co-Chair)", "chair@nz.invalid")));
    let mut r = room(&d.dir);
    take_up(&mut r, "2");
    r.update(Action::OpenAddItem, T0);
    for c in "Any other business".chars() {
        r.update(Action::Type(c), T0);
    }
    r.update(Action::Confirm, T0);
    // A proposal withdrawn: one commit, which has the meeting file as the session changed it.
    r.update(Action::OpenProposals, T0);
    r.update(Action::DropProposal { reject: false }, T0);
    r.update(Action::Confirm, T0);
    let git = d.git();
    let head = git.head().unwrap().peel_to_commit().unwrap();
    assert!(head.message().unwrap().contains("withdrawn"), "{}", head.message().unwrap());
    let blob = head.tree().unwrap().get_path(std::path::Path::new("agendas/sc78-wg-11-3/sc78-session.meeting.json")).unwrap();
    let text = String::from_utf8(git.find_blob(blob.id()).unwrap().content().to_vec()).unwrap();
    assert!(text.contains("Any other business"), "{text}");
}
