//! The room's decision path on TestBackend, on demo repositories with real
//! git history: the decision dialog, a decision or a proposal that git does
//! not have (a state that survives a restart, tried again with R),
//! corrections, the editor that asks before discarding, the floor handed on,
//! the timer, and competing proposals.

mod common;

use std::path::{Path, PathBuf};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use gavel::journal::{Event, ItemStatus, Journal};
use gavel::tui::Room;
use gavel::tui::app::{Action, Mode, Pane};
use gavel::workspace::Workspace;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const T0: i64 = 1_738_674_000;

fn demo() -> (common::demo::Demo, PathBuf) {
    let d = common::demo::Demo::kenya();
    let dir = d.dir.clone();
    (d, dir)
}

fn open(dir: &Path, now: i64) -> Room {
    let ws = Workspace::load(dir);
    let m = gavel::tui::choose_meeting(&ws, Some("sc78-session")).unwrap();
    let mut room = Room::open(&ws, m, now);
    room.color = false;
    room
}

fn screen(room: &Room, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| gavel::tui::view::draw(f, room)).unwrap();
    let b = t.backend().buffer().clone();
    let mut s = String::new();
    for y in 0..b.area.height {
        for x in 0..b.area.width {
            s.push_str(b[(x, y)].symbol());
        }
        s.push('\n');
    }
    s
}

fn typed(room: &mut Room, s: &str, t: i64) {
    for c in s.chars() {
        room.update(Action::Type(c), t);
    }
}

fn take_up_7(room: &mut Room) {
    room.update(Action::Focus(Pane::Agenda), T0);
    room.agenda_selected = 6;
    room.update(Action::Confirm, T0);
}

/// Drafts "two months" on 23 b) by Kenya and saves it.
fn draft_two_months(room: &mut Room) {
    room.update(Action::Focus(Pane::Resolution), T0);
    room.resolution_selected = room.blocks.iter().position(|b| b.id.0 == "para_23__b").unwrap();
    room.update(Action::OpenEditor, T0);
    let key = |c| Action::EditKey(KeyEvent::new(c, KeyModifiers::NONE));
    room.update(key(KeyCode::Home), T0);
    for _ in 0..13 {
        room.update(key(KeyCode::Right), T0);
    }
    for _ in 0..3 {
        room.update(key(KeyCode::Delete), T0);
    }
    for c in "two".chars() {
        room.update(key(KeyCode::Char(c)), T0);
    }
    room.update(Action::NextChoice, T0);
    typed(room, "kenya", T0);
    room.update(Action::Confirm, T0);
    room.update(Action::Save, T0);
}

fn head_message(dir: &Path) -> String {
    git2::Repository::open(dir).unwrap().head().unwrap().peel_to_commit().unwrap().message().unwrap().to_string()
}

fn entries(room: &Room) -> Vec<Event> {
    Journal::new(room.journal_path.clone()).read().0.into_iter().map(|e| e.event).collect()
}

#[test]
fn the_dialog_lists_the_items_proposals_newest_first_and_adopts_the_one_chosen() {
    let (_t, dir) = demo();
    let mut room = open(&dir, T0);
    take_up_7(&mut room);
    draft_two_months(&mut room);
    assert!(head_message(&dir).contains("Proposal: sc78-session-7-1"));
    room.update(Action::OpenDecide, T0);
    let s = screen(&room, 160, 48);
    assert!(s.contains("[x] sc78-session-7-1 (Kenya)") && s.contains("[ ] sc78-37-23b (Kenya, New Zealand)"), "{s}");
    assert!(s.find("sc78-session-7-1").unwrap() < s.find("sc78-37-23b").unwrap(), "newest first");
    assert!(s.contains("23 b): when, within sixtwo months") || s.contains("23 b): when, within six two months"), "a preview: {s}");
    // Choosing the competing one unchooses the draft (one per provision); then back.
    room.update(Action::Down, T0);
    room.update(Action::Toggle, T0);
    let Mode::Decide { choices, .. } = &room.mode else { panic!() };
    assert_eq!(choices.iter().map(|c| c.chosen).collect::<Vec<_>>(), [false, true]);
    room.update(Action::Up, T0);
    room.update(Action::Toggle, T0);
    room.update(Action::Confirm, T0);
    typed(&mut room, "to recommend two months", T0);
    room.update(Action::Confirm, T0);
    let msg = head_message(&dir);
    assert!(msg.contains("Proposal: sc78-session-7-1") && msg.contains("within [-six -]{+two +}months"), "{msg}");
    assert!(msg.contains("to recommend two months"), "{msg}");
    assert_eq!(room.item_status("7"), ItemStatus::Concluded);
    let ev = entries(&room);
    assert!(ev.iter().any(|e| matches!(e, Event::Decision { adopt, .. } if adopt == &["sc78-session-7-1"])));
    assert!(matches!(ev.last().unwrap(), Event::Committed { proposal: Some(p), .. } if p == "sc78-session-7-1"));
}

#[test]
fn a_decision_git_does_not_have_is_a_state_that_survives_a_restart_and_is_tried_again() {
    let (_t, dir) = demo();
    let lock = dir.join(".git/index.lock");
    let mut room = open(&dir, T0);
    take_up_7(&mut room);
    std::fs::write(&lock, "").unwrap();
    let before = std::fs::read(dir.join("resolutions/conf-11.3.txt")).unwrap();
    room.update(Action::OpenDecide, T0);
    room.update(Action::Confirm, T0);
    typed(&mut room, "agreed", T0);
    room.update(Action::Confirm, T0);
    assert_eq!(room.item_status("7"), ItemStatus::NotCommitted);
    let s = screen(&room, 140, 40);
    assert!(s.contains("✗  7. Timeframes") && s.contains("decision NOT in git: R tries again"), "{s}");
    assert!(room.problems().iter().any(|e| e.contains("index.lock")), "{:?}", room.problems());
    assert_eq!(std::fs::read(dir.join("resolutions/conf-11.3.txt")).unwrap(), before, "nothing half-written");
    assert!(entries(&room).iter().any(|e| matches!(e, Event::CommitFailed { reason, .. } if reason.contains("index.lock"))));
    // A restart shows the same: git still does not have it.
    let mut room = open(&dir, T0 + 60);
    assert_eq!(room.item_status("7"), ItemStatus::NotCommitted);
    assert!(room.problems().iter().any(|e| e.contains("index.lock")), "the reason survives too: {:?}", room.problems());
    assert!(screen(&room, 140, 40).contains("✗  7. Timeframes"));
    // The cause fixed, R commits it.
    std::fs::remove_file(&lock).unwrap();
    room.update(Action::Retry, T0 + 61);
    assert_eq!(room.item_status("7"), ItemStatus::Concluded, "{:?}", room.problems());
    assert!(head_message(&dir).contains("Proposal: sc78-37-23b"));
    assert!(screen(&room, 140, 40).contains("✓  7. Timeframes"));
    assert!(room.problems().is_empty(), "done: the problem is gone: {:?}", room.problems());
}

#[test]
fn a_proposal_git_cannot_take_leaves_the_file_unchanged_and_is_tried_again() {
    let (_t, dir) = demo();
    let file = dir.join("resolutions/conf-11.3.proposals.json");
    let before = std::fs::read(&file).unwrap();
    let lock = dir.join(".git/index.lock");
    std::fs::write(&lock, "").unwrap();
    let mut room = open(&dir, T0);
    take_up_7(&mut room);
    draft_two_months(&mut room);
    assert_eq!(std::fs::read(&file).unwrap(), before, "the proposals file is left unchanged");
    assert!(screen(&room, 140, 40).contains("1 proposal(s) NOT in git"), "{}", screen(&room, 140, 40));
    // It is kept in the journal as drafted, and shown in place.
    assert!(entries(&room).iter().any(|e| matches!(e, Event::ProposalMade { draft: Some(_), .. })));
    assert!(room.item_proposals().iter().any(|p| p.id == "sc78-session-7-1"));
    std::fs::remove_file(&lock).unwrap();
    let mut room = open(&dir, T0 + 5);
    room.update(Action::Retry, T0 + 5);
    assert!(head_message(&dir).contains("Proposal: sc78-session-7-1"), "{:?}", room.problems());
    assert!(!screen(&room, 140, 40).contains("NOT in git"));
}

#[test]
fn corrections_are_new_entries_and_a_struck_decision_is_taken_back_by_a_commit() {
    let (_t, dir) = demo();
    let mut room = open(&dir, T0);
    take_up_7(&mut room);
    room.update(Action::OpenRecord, T0);
    typed(&mut room, "bots", T0);
    room.update(Action::Confirm, T0);
    assert!(
        matches!(&room.mode, Mode::Record { member, .. } if member == "Botswana"),
        "r with nobody on the floor asks whose: {:?}",
        room.mode
    );
    typed(&mut room, "asked asked whether six months", T0);
    room.update(Action::Confirm, T0);
    // Correct the summary.
    room.update(Action::OpenCorrections, T0);
    room.update(Action::Confirm, T0);
    let Mode::Record { correcting: Some(_), .. } = &room.mode else { panic!("{:?}", room.mode) };
    for _ in 0.."asked asked whether six months".len() {
        room.update(Action::Backspace, T0);
    }
    typed(&mut room, "supported three months", T0);
    room.update(Action::Confirm, T0);
    room.update(Action::PreviewMinutes, T0);
    let Mode::Minutes { text, .. } = &room.mode else { panic!() };
    assert!(text.contains("Botswana: supported three months.") || text.contains("Botswana supported three months"), "{text}");
    assert!(!text.contains("asked asked"), "{text}");
    room.update(Action::Cancel, T0);
    let lines = std::fs::read_to_string(&room.journal_path).unwrap();
    assert!(lines.contains("asked asked whether six months") && lines.contains("\"event\":\"correction\""), "never rewritten");
    // Agree, then strike the decision: a revert commit with the reason.
    room.update(Action::OpenDecide, T0);
    room.update(Action::Confirm, T0);
    room.update(Action::Confirm, T0);
    let adopted = git2::Repository::open(&dir).unwrap().head().unwrap().target().unwrap();
    assert!(head_message(&dir).contains("Proposal: sc78-37-23b"));
    room.update(Action::OpenCorrections, T0);
    let list = room.correctable();
    let k = list.iter().position(|e| matches!(e.event, Event::Decision { .. })).unwrap();
    for _ in 0..k {
        room.update(Action::Down, T0);
    }
    room.update(Action::Strike, T0);
    typed(&mut room, "taken by mistake", T0);
    room.update(Action::Confirm, T0);
    let msg = head_message(&dir);
    assert!(msg.contains("taken by mistake") && msg.contains(&format!("This reverts commit {adopted}")), "{msg}");
    assert!(std::fs::read_to_string(dir.join("resolutions/conf-11.3.txt")).unwrap().contains("within six months"));
    assert!(room.session.item("7").unwrap().decision.is_none(), "the record no longer has the decision");
}

#[test]
fn the_editor_asks_before_discarding_a_draft() {
    let (_t, dir) = demo();
    let mut room = open(&dir, T0);
    take_up_7(&mut room);
    room.update(Action::Focus(Pane::Resolution), T0);
    room.update(Action::OpenEditor, T0);
    room.update(Action::Cancel, T0);
    assert_eq!(room.mode, Mode::Normal, "nothing typed: Esc closes");
    room.update(Action::OpenEditor, T0);
    room.update(Action::EditKey(KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE)), T0);
    room.update(Action::Cancel, T0);
    assert!(matches!(room.mode, Mode::Edit { discard: true, .. }));
    assert!(screen(&room, 140, 40).contains("Discard this draft?"));
    room.update(Action::EditKey(KeyEvent::new(KeyCode::Char('n'), KeyModifiers::NONE)), T0);
    assert!(matches!(room.mode, Mode::Edit { discard: false, .. }) && room.editor.as_ref().unwrap().changed(), "kept");
    room.update(Action::Cancel, T0);
    room.update(Action::EditKey(KeyEvent::new(KeyCode::Char('y'), KeyModifiers::NONE)), T0);
    assert!(room.mode == Mode::Normal && room.editor.is_none());
}

#[test]
fn the_floor_handed_on_records_who_spoke_and_the_timer_survives_a_restart() {
    let (_t, dir) = demo();
    let mut room = open(&dir, T0);
    take_up_7(&mut room);
    for m in ["kenya", "botsw"] {
        room.update(Action::OpenAddSpeaker { point_of_order: false }, T0);
        typed(&mut room, m, T0);
        room.update(Action::Confirm, T0);
    }
    room.update(Action::GiveFloor, T0);
    room.update(Action::GiveFloor, T0 + 100);
    assert!(
        entries(&room).iter().any(|e| matches!(e, Event::Intervention { member, summary, .. } if member == "Kenya" && summary.is_empty())),
        "Kenya's turn is recorded"
    );
    room.update(Action::PreviewMinutes, T0 + 100);
    let Mode::Minutes { text, .. } = &room.mode else { panic!() };
    assert!(text.contains("Kenya took the floor."), "{text}");
    room.update(Action::Cancel, T0 + 100);
    // Botswana has 180 s from T0+100; 30 s more; paused at T0+110.
    room.update(Action::MoreTime, T0 + 105);
    room.update(Action::PauseFloor, T0 + 110);
    room.update(Action::Tick, T0 + 200);
    assert_eq!(room.floor(), Some(("Botswana".into(), 200)));
    assert!(screen(&room, 140, 40).contains("paused"));
    let mut again = open(&dir, T0 + 200);
    assert_eq!(again.floor(), Some(("Botswana".into(), 200)), "the remaining time survives a restart");
    again.update(Action::PauseFloor, T0 + 210);
    again.update(Action::Tick, T0 + 220);
    assert_eq!(again.floor(), Some(("Botswana".into(), 190)));
    // "Parties first" is journaled too.
    again.update(Action::ToggleOrder, T0 + 220);
    assert!(!open(&dir, T0 + 230).session.parties_first);
}

#[test]
fn the_compare_view_marks_a_stale_proposal_and_shows_the_sessions_drafts() {
    let (_t, dir) = demo();
    // 23 b) changed by hand since sc78-37-23b was drafted: it is stale.
    let path = dir.join("resolutions/conf-11.3.txt");
    let text = std::fs::read_to_string(&path).unwrap().replace("b) when, within six months,", "b) when, within five months,");
    let repo = git2::Repository::open(&dir).unwrap();
    gavel::store::commit_files(
        &repo,
        &[("resolutions/conf-11.3.txt", text.as_bytes())],
        "Correct 23 b)",
        &gavel::store::Author { name: "Secretariat".into(), email: "s@cites.invalid".into(), seconds: 1_738_000_000, offset_minutes: 0 },
    )
    .unwrap();
    let mut room = open(&dir, T0);
    take_up_7(&mut room);
    room.update(Action::Focus(Pane::Resolution), T0);
    room.resolution_selected = room.blocks.iter().position(|b| b.id.0 == "para_23__b").unwrap();
    room.update(Action::OpenEditor, T0);
    room.update(Action::EditKey(KeyEvent::new(KeyCode::End, KeyModifiers::NONE)), T0);
    for c in " promptly".chars() {
        room.update(Action::EditKey(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)), T0);
    }
    room.update(Action::NextChoice, T0);
    typed(&mut room, "niger", T0);
    room.update(Action::Confirm, T0);
    room.update(Action::Save, T0);
    room.update(Action::OpenCompeting, T0);
    let Mode::Competing { columns, .. } = &room.mode else { panic!("{:?} {:?}", room.mode, room.notice) };
    let titles: Vec<&String> = columns.iter().map(|(t, _)| t).collect();
    assert!(titles.iter().any(|t| t.starts_with("sc78-37-23b") && t.contains("STALE")), "{titles:?}");
    assert!(titles.iter().any(|t| t.starts_with("sc78-session-7-1 (Niger)") && !t.contains("STALE")), "{titles:?}");
    let s = screen(&room, 180, 48);
    assert!(s.contains("STALE"), "{s}");
}

#[test]
fn changing_a_committed_decision_to_noted_takes_its_adoption_back() {
    let (_t, dir) = demo();
    let mut room = open(&dir, T0);
    take_up_7(&mut room);
    room.update(Action::OpenDecide, T0);
    room.update(Action::Confirm, T0);
    room.update(Action::Confirm, T0);
    let adopted = git2::Repository::open(&dir).unwrap().head().unwrap().target().unwrap();
    assert!(head_message(&dir).contains("Proposal: sc78-37-23b"));
    room.update(Action::OpenCorrections, T0 + 1);
    room.update(Action::Confirm, T0 + 1);
    let Mode::Decide { correcting: Some(_), choices, .. } = &room.mode else { panic!("{:?}", room.mode) };
    assert!(choices.is_empty() || choices.iter().all(|c| c.id != "sc78-37-23b"), "the adopted proposal is no longer pending");
    room.update(Action::NextChoice, T0 + 1);
    room.update(Action::NextChoice, T0 + 1);
    room.update(Action::Confirm, T0 + 1);
    typed(&mut room, "noted the proposal", T0 + 1);
    room.update(Action::Confirm, T0 + 1);
    let msg = head_message(&dir);
    assert!(msg.contains(&format!("This reverts commit {adopted}")), "{msg}");
    let d = room.session.item("7").unwrap().decision.clone().unwrap();
    assert_eq!((d.outcome, d.adopt.len(), d.committed.len()), (gavel::journal::Outcome::Noted, 0, 0));
    assert_eq!(room.item_status("7"), ItemStatus::Concluded);
    // Reopened: the same.
    let again = open(&dir, T0 + 2);
    assert_eq!(again.session.item("7").unwrap().decision, Some(d));
    assert!(std::fs::read_to_string(dir.join("resolutions/conf-11.3.txt")).unwrap().contains("within six months"));
}

/// The command line and the room hand proposals to each other: one proposed
/// with `gavel propose` is in the room's decision dialog; one saved in the
/// room is adopted with `gavel adopt`, and the room, reloading, sees it.
#[test]
fn proposals_cross_between_the_command_line_and_the_room() {
    let (_t, dir) = demo();
    let gavel = |args: &[&str]| {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_gavel")).current_dir(&dir).args(args).output().unwrap();
        assert!(o.status.success(), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8_lossy(&o.stdout).to_string()
    };
    let text = "when, within four months, the information requested has not been provided, Parties provide the Secretariat with justification for why they have not been able to respond;";
    let out =
        gavel(&["propose", "11.3", "23 b)", "--text", text, "--by", "Brazil", "--by", "Peru", "--meeting", "sc78-session", "--item", "7"]);
    assert!(out.contains("Recorded: Conf. 11.3: proposal to amend 23 b) by Brazil and Peru"), "{out}");
    let mut room = open(&dir, T0);
    take_up_7(&mut room);
    draft_two_months(&mut room);
    room.update(Action::OpenDecide, T0);
    let Mode::Decide { choices, .. } = &room.mode else { panic!() };
    let ids: Vec<&str> = choices.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["sc78-session-7-1", "conf-11.3-23b-1", "sc78-37-23b"], "the room's draft, the command line's, the agenda's");
    room.update(Action::Cancel, T0);
    // The room's draft, adopted from the command line.
    let out = gavel(&["adopt", "11.3", "23 b)", "--proposal", "sc78-session-7-1", "--meeting", "sc78-session", "--item", "7"]);
    assert!(out.contains("Superseded (they changed the same provision)"), "{out}");
    room.update(Action::OpenDecide, T0 + 1);
    let Mode::Decide { choices, .. } = &room.mode else { panic!() };
    assert!(choices.is_empty(), "nothing is pending on 23 b) any more: {choices:?}");
    assert!(room.blocks.iter().any(|b| !b.is_changed() && b.id.0 == "para_23__b"), "the text in force now has it");
}

/// At 80x24 with twenty proposals on the item, the dialog scrolls so that the
/// proposal under the cursor is always in sight.
#[test]
fn the_dialog_scrolls_to_the_chosen_row_on_a_small_terminal() {
    let (_t, dir) = demo();
    let mut room = open(&dir, T0);
    take_up_7(&mut room);
    let mut j = Journal::new(room.journal_path.clone());
    let base = room.proposals.iter().find(|p| p.id == "sc78-37-23b").unwrap().clone();
    for k in 0..20 {
        let mut p = base.clone();
        p.id = format!("many-{k:02}");
        p.proponents = vec!["Brazil".into()];
        let ev = Event::ProposalMade {
            item: "7".into(),
            proposal: p.id.clone(),
            proponents: p.proponents.clone(),
            supporters: vec![],
            target: "23 b)".into(),
            text: String::new(),
            drafted_against: None,
            draft: Some(Box::new(p)),
        };
        j.append(&gavel::journal::Entry::new(T0 + k, ev)).unwrap();
    }
    let mut room = open(&dir, T0 + 30);
    room.update(Action::OpenDecide, T0 + 30);
    let s = screen(&room, 80, 24);
    assert!(s.contains("[x] many-19 (Brazil)"), "newest first, chosen: {s}");
    for _ in 0..20 {
        room.update(Action::Down, T0 + 30);
    }
    let s = screen(&room, 80, 24);
    assert!(s.contains("[ ] sc78-37-23b (Kenya, New Zealand)"), "the last row is in sight: {s}");
    assert!(s.contains("Enter: type the decision's text"), "the footer stays: {s}");
}

#[test]
fn typing_the_decision_at_once_keeps_the_chosen_proposals() {
    // A chair who types the decision straight away, spaces and all, adopts what the dialog chose.
    let (_t, dir) = demo();
    let mut room = open(&dir, T0);
    take_up_7(&mut room);
    room.update(Action::OpenDecide, T0);
    typed(&mut room, "to recommend the amendment of paragraph 23 b)", T0);
    room.update(Action::Confirm, T0);
    let msg = head_message(&dir);
    assert!(msg.contains("Proposal: sc78-37-23b"), "{msg}");
    assert!(msg.contains("to recommend the amendment of paragraph 23 b)"), "{msg}");
}
