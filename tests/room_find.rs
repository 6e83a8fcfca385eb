//! Moving around the text in the room: going to a provision cited as the
//! CLI takes it (and the CLI's message when there is none), searching, and
//! the place in the text surviving a restart without touching the journal.

mod common;

use std::process::Command;

use common::demo::Demo;
use gavel::tui::Room;
use gavel::tui::app::{Action, Pane};

use common::room::T0;

fn room(dir: &std::path::Path) -> Room {
    common::room::open(dir)
}

fn type_in(room: &mut Room, open: Action, text: &str) {
    room.update(open, T0);
    for c in text.chars() {
        room.update(Action::Type(c), T0);
    }
    room.update(Action::Confirm, T0);
}

fn go(room: &mut Room, reference: &str) {
    type_in(room, Action::OpenFind { search: false }, reference);
}

fn selected(room: &Room) -> String {
    room.cite(room.resolution_selected)
}

#[test]
fn every_form_the_cli_takes_goes_to_its_provision() {
    let d = Demo::new(None);
    let mut r = room(&d.dir);
    for (typed, cited) in [
        ("23 b)", "paragraph 23 b)"),
        ("23(b)", "paragraph 23 b)"),
        ("13(a)(iv)", "paragraph 13 a) iv)"),
        ("preamble 5", "preambular paragraph 5"),
        ("IX", "section IX"),
        ("7", "paragraph 7"),
    ] {
        r.focus = Pane::Agenda;
        go(&mut r, typed);
        assert_eq!(r.focus, Pane::Resolution, "{typed}");
        assert!(selected(&r).starts_with(cited), "{typed}: {}", selected(&r));
        assert_eq!(r.notice, None, "{typed}");
    }
    // What does not exist: the CLI's own message, and the selection stays.
    let before = r.resolution_selected;
    for missing in ["99", "23 z)"] {
        go(&mut r, missing);
        let cli = Command::new(env!("CARGO_BIN_EXE_gavel")).args(["show", "11.3", missing]).current_dir(&d.dir).output().unwrap();
        let said = String::from_utf8_lossy(&cli.stderr);
        let said = said.trim().strip_prefix("gavel: error: ").unwrap();
        assert_eq!(r.notice.as_deref(), Some(said), "{missing}");
        assert_eq!(r.resolution_selected, before);
    }
    // Esc leaves the selection where it was.
    r.update(Action::OpenFind { search: false }, T0);
    r.update(Action::Type('3'), T0);
    r.update(Action::Cancel, T0);
    assert_eq!(r.resolution_selected, before);
}

#[test]
fn search_finds_the_text_forward_and_back_round_the_end() {
    let d = Demo::new(None);
    let mut r = room(&d.dir);
    let all = r.matches_of("secretariat");
    assert!(all.len() >= 2, "{all:?}");
    r.resolution_selected = 0;
    type_in(&mut r, Action::OpenFind { search: true }, "SECRETARIAT");
    assert_eq!(r.resolution_selected, all[0]);
    assert_eq!(r.notice.as_deref(), Some(format!("“SECRETARIAT”: 1 of {} (n next, N previous)", all.len()).as_str()));
    r.update(Action::NextMatch(true), T0);
    assert_eq!(r.resolution_selected, all[1]);
    r.update(Action::NextMatch(false), T0);
    assert_eq!(r.resolution_selected, all[0]);
    r.update(Action::NextMatch(false), T0);
    assert_eq!(r.resolution_selected, *all.last().unwrap(), "back past the first: the last");
    type_in(&mut r, Action::OpenFind { search: true }, "no such words anywhere");
    assert_eq!(r.notice.as_deref(), Some("“no such words anywhere” is not in the text."));
}

#[test]
fn the_place_in_the_text_survives_a_restart_and_stays_out_of_the_journal() {
    let d = Demo::new(None);
    let journal = d.dir.join("agendas/sc78-wg-11-3/sc78-session.journal.jsonl");
    let mut r = room(&d.dir);
    go(&mut r, "23 b)");
    drop(r);
    assert!(!journal.exists(), "moving around records nothing");
    let again = room(&d.dir);
    assert_eq!((selected(&again), again.focus), ("paragraph 23 b)".to_string(), Pane::Resolution));
    let kept = d.dir.join(".git/gavel/room/sc78-session.place.json");
    assert!(kept.exists());
    // A broken place file is no place: the room opens as if there were none.
    std::fs::write(&kept, "{not json").unwrap();
    let fresh = room(&d.dir);
    assert_eq!(fresh.focus, Pane::Agenda);
    let status = Command::new("git").args(["status", "--porcelain"]).current_dir(&d.dir).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&status.stdout), "", "nothing of it in the working tree");
}
