//! The meeting room on ratatui's TestBackend, driven by actions with a fixed clock.

mod common;

use common::TempRepo;
use gavel::journal::{Event, Journal};
use gavel::tui::Room;
use gavel::tui::app::{Action, App, Mode, Pane};
use gavel::workspace::Workspace;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;

const T0: i64 = 1_738_674_000;

fn room(repo: &TempRepo) -> Room {
    room_at(repo.path())
}

fn room_at(dir: &std::path::Path) -> Room {
    let ws = Workspace::load(dir);
    let m = gavel::tui::choose_meeting(&ws, Some("sc78-session")).unwrap();
    let mut app = Room::open(&ws, m, T0);
    app.color = false;
    app
}

/// A demo repository (real git history) whose chair git knows.
fn demo_repo() -> (common::demo::Demo, std::path::PathBuf) {
    let d = common::demo::Demo::new(Some(("New Zealand (co-Chair)", "chair@nz.invalid")));
    let dir = d.dir.clone();
    (d, dir)
}

fn draw(app: &App, w: u16, h: u16) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| gavel::tui::view::draw(f, app)).unwrap();
    t.backend().buffer().clone()
}

/// The screen as a terminal shows it: a double-width character covers the cell after it.
fn text(b: &Buffer) -> String {
    let mut s = String::new();
    for y in 0..b.area.height {
        let mut x = 0;
        while x < b.area.width {
            let sym = b[(x, y)].symbol();
            s.push_str(sym);
            x += unicode_width(sym).max(1) as u16;
        }
        s.push('\n');
    }
    s
}

/// The symbols of the cells in a row that carry a modifier.
fn marked(b: &Buffer, m: Modifier) -> String {
    let mut s = String::new();
    for y in 0..b.area.height {
        for x in 0..b.area.width {
            if b[(x, y)].modifier.contains(m) {
                s.push_str(b[(x, y)].symbol());
            }
        }
    }
    s
}

fn take_up(app: &mut Room, item: usize) {
    app.update(Action::Focus(Pane::Agenda), T0);
    app.agenda_selected = item - 1;
    app.update(Action::Confirm, T0);
}

fn add(app: &mut Room, name: &str, t: i64) {
    app.update(Action::OpenAddSpeaker { point_of_order: false }, t);
    for c in name.chars() {
        app.update(Action::Type(c), t);
    }
    app.update(Action::Confirm, t);
}

#[test]
fn tracked_changes_are_underlined_and_struck_without_colour() {
    let repo = TempRepo::bundled();
    let mut app = room(&repo);
    take_up(&mut app, 7);
    let b = draw(&app, 200, 60);
    let struck = marked(&b, Modifier::CROSSED_OUT);
    let underlined = marked(&b, Modifier::UNDERLINED);
    // The deleted and the inserted word each carry the space after them: they never touch.
    assert_eq!(struck, "six ", "{}", text(&b));
    assert_eq!(underlined, "three  and provide the response within the following three months");
    assert!(b.content.iter().all(|c| c.fg == ratatui::style::Color::Reset), "NO_COLOR: no colour, only modifiers");
}

#[test]
fn an_inserted_sub_paragraph_reletters_in_the_view() {
    let repo = TempRepo::bundled();
    let mut app = room(&repo);
    take_up(&mut app, 2);
    app.update(Action::Focus(Pane::Resolution), T0);
    app.resolution_selected = app.blocks.iter().position(|b| b.id.0 == "para_10__e").unwrap();
    let b = draw(&app, 200, 60);
    let struck = marked(&b, Modifier::CROSSED_OUT);
    assert!(struck.contains('e') && struck.contains("and"), "{struck}");
    let t = text(&b);
    assert!(t.contains("f) Parties remind their diplomatic"), "{t}");
}

#[test]
fn a_session_is_journaled_and_restored() {
    let repo = TempRepo::bundled();
    let mut app = room(&repo);
    take_up(&mut app, 7);
    add(&mut app, "iucn", T0 + 1);
    add(&mut app, "ken", T0 + 2);
    add(&mut app, "bots", T0 + 3);
    app.update(Action::OpenAddSpeaker { point_of_order: true }, T0 + 4);
    for c in "braz".chars() {
        app.update(Action::Type(c), T0 + 4);
    }
    app.update(Action::Confirm, T0 + 4);
    let order: Vec<String> = app.session.item("7").unwrap().speakers.iter().map(|s| s.member.clone()).collect();
    assert_eq!(order, ["Brazil", "Kenya", "Botswana", "International Union for Conservation of Nature"]);
    app.update(Action::Focus(Pane::Speakers), T0 + 5);
    app.speaker_selected = 1;
    app.update(Action::GiveFloor, T0 + 10);
    assert_eq!(app.floor(), Some(("Kenya".into(), 180)));
    app.update(Action::Tick, T0 + 170);
    let b = draw(&app, 100, 30);
    assert!(text(&b).contains("Floor: Kenya  00:20  ending"), "{}", text(&b));
    app.update(Action::Tick, T0 + 200);
    assert!(text(&draw(&app, 100, 30)).contains("Floor: Kenya  -00:10  over time!"));
    app.update(Action::OpenRecord, T0 + 200);
    for c in "Supports three months".chars() {
        app.update(Action::Type(c), T0 + 200);
    }
    app.update(Action::NextChoice, T0 + 200);
    app.update(Action::Confirm, T0 + 201);
    assert!(app.floor().is_none());
    app.update(Action::OpenDecide, T0 + 300);
    app.update(Action::NextChoice, T0 + 300);
    app.update(Action::NextChoice, T0 + 300);
    app.update(Action::Confirm, T0 + 300);
    for c in "The working group noted the proposal.".chars() {
        app.update(Action::Type(c), T0 + 300);
    }
    app.update(Action::Confirm, T0 + 301);
    let journal = Journal::new(Journal::path_for(&repo.file("agendas/sc78-wg-11-3/sc78-session.meeting.json")));
    let (entries, problems) = journal.read();
    assert!(problems.is_empty());
    assert_eq!(entries.len(), 8);
    assert!(
        matches!(&entries[6].event, Event::Intervention { member, summary, .. } if member == "Kenya" && summary == "Supports three months")
    );
    assert!(
        matches!(&entries[7].event, Event::Decision { text, adopt, .. } if text == "The working group noted the proposal." && adopt.is_empty())
    );
    // A new room on the same repository stands where this one stood.
    let again = room(&repo);
    assert_eq!(again.session.current.as_deref(), Some("7"));
    let order: Vec<String> = again.session.item("7").unwrap().speakers.iter().map(|s| s.member.clone()).collect();
    assert_eq!(order, ["Brazil", "Botswana", "International Union for Conservation of Nature"]);
    assert_eq!(again.session.status("7"), gavel::journal::ItemStatus::Concluded);
    assert_eq!(again.agenda_selected, 6);
}

#[test]
fn nothing_is_recorded_when_cancelled_and_keys_do_nothing_without_an_item() {
    let repo = TempRepo::bundled();
    let mut app = room(&repo);
    app.update(Action::OpenAddSpeaker { point_of_order: false }, T0);
    assert_eq!(app.mode, Mode::Normal, "no speakers before an item is taken up");
    take_up(&mut app, 3);
    app.update(Action::OpenAddSpeaker { point_of_order: false }, T0);
    app.update(Action::Type('k'), T0);
    app.update(Action::Cancel, T0);
    assert!(app.session.item("3").unwrap().speakers.is_empty());
}

#[test]
fn a_malformed_file_is_shown_and_the_room_keeps_working() {
    let repo = TempRepo::bundled();
    repo.write("agendas/niap-2018/group.json", "{ \"name\": ");
    let mut app = room(&repo);
    assert!(app.errors.iter().any(|e| e.contains("agendas/niap-2018/group.json")), "{:?}", app.errors);
    app.update(Action::ToggleErrors, T0);
    let t = text(&draw(&app, 120, 30));
    assert!(t.contains("Problems (e to hide)") && t.contains("niap-2018/group.json"), "{t}");
    take_up(&mut app, 7);
    assert_eq!(app.session.current.as_deref(), Some("7"));
}

#[test]
fn agreeing_adopts_the_items_proposals_as_commits() {
    let (_tmp, dir) = demo_repo();
    let r = git2::Repository::open(&dir).unwrap();
    let mut app = room_at(&dir);
    take_up(&mut app, 7);
    app.update(Action::OpenDecide, T0 + 60);
    app.update(Action::Confirm, T0 + 60);
    for ch in "The working group agreed.".chars() {
        app.update(Action::Type(ch), T0 + 60);
    }
    app.update(Action::Confirm, T0 + 61);
    assert!(app.errors.is_empty(), "{:?}", app.errors);
    assert!(app.notice.as_deref().unwrap().starts_with("Committed: Conf. 11.3: amend 23 b) as proposed by Kenya and New Zealand"));
    let head = r.head().unwrap().peel_to_commit().unwrap();
    let msg = head.message().unwrap().to_string();
    assert!(msg.contains("Meeting: sc78-session") && msg.contains("Agenda-item: 7") && msg.contains("Decision: agreed"), "{msg}");
    assert_eq!(head.author().name().unwrap(), "New Zealand (co-Chair)");
    let b = draw(&app, 200, 60);
    assert_eq!(marked(&b, Modifier::CROSSED_OUT), "", "the adopted proposal is no longer pending");
    assert!(text(&b).contains("when, within three months, the information requested"), "the text in force now reads as adopted");
}

/// Across the join room -> store: after the room's decision commits 23 b),
/// its history popup reads the commit through the shared use case (the
/// versions read on two threads), and says what `gavel history` says.
#[test]
fn the_rooms_history_shows_the_decision_it_committed_as_the_cli_does() {
    let (_tmp, dir) = demo_repo();
    let mut app = room_at(&dir);
    take_up(&mut app, 7);
    app.update(Action::OpenDecide, T0 + 60);
    app.update(Action::Confirm, T0 + 60);
    app.update(Action::Confirm, T0 + 61);
    assert!(app.errors.is_empty(), "{:?}", app.errors);
    app.update(Action::FocusNext, T0 + 62);
    app.update(Action::OpenHistory, T0 + 62);
    let Mode::History { title, steps } = &app.app.mode else { panic!("no history: {:?}", app.errors) };
    assert_eq!(title, "History of paragraph 23 b) of Conf. 11.3 (Rev. CoP19)");
    assert_eq!(steps.len(), 2, "{steps:?}");
    assert!(steps[0].0.contains("Conf. 11.3: amend 23 b) as proposed by Kenya and New Zealand"), "{}", steps[0].0);
    let room = gavel::redline::wdiff(&steps[0].1);
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_gavel")).args(["history", "11.3", "23 b)"]).current_dir(&dir).output().unwrap();
    let cli = String::from_utf8(o.stdout).unwrap();
    assert!(room.contains("within [-six -]{+three +}months"), "{room}");
    assert!(cli.contains(&room), "the room's step is the CLI's: {room}\n---\n{cli}");
}

#[test]
fn outside_git_the_decision_is_kept_and_the_failure_shown() {
    let repo = TempRepo::bundled();
    let mut app = room(&repo);
    take_up(&mut app, 7);
    app.update(Action::OpenDecide, T0);
    app.update(Action::Confirm, T0);
    app.update(Action::Confirm, T0);
    assert!(app.problems().iter().any(|e| e.contains("not committed:") && e.contains("not in a git repository")), "{:?}", app.problems());
    assert_eq!(app.item_status("7"), gavel::journal::ItemStatus::NotCommitted);
    let (entries, _) = Journal::new(Journal::path_for(&repo.file("agendas/sc78-wg-11-3/sc78-session.meeting.json"))).read();
    assert!(entries.iter().any(|e| matches!(e.event, Event::Decision { .. })));
}

#[test]
fn drafting_an_amendment_with_live_tracked_changes() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let (_tmp, dir) = demo_repo();
    let mut app = room_at(&dir);
    take_up(&mut app, 7);
    app.update(Action::Focus(Pane::Resolution), T0);
    app.resolution_selected = app.blocks.iter().position(|b| b.id.0 == "para_23__c").unwrap();
    app.update(Action::OpenEditor, T0);
    assert!(matches!(app.mode, Mode::Edit { names: false, .. }));
    // Move to the end and add words; select the last word and bracket it as not agreed.
    let key = |c| Action::EditKey(KeyEvent::new(c, KeyModifiers::NONE));
    app.update(key(KeyCode::End), T0);
    app.update(key(KeyCode::Backspace), T0);
    for ch in " within two weeks;".chars() {
        app.update(key(KeyCode::Char(ch)), T0);
    }
    app.update(Action::EditKey(KeyEvent::new(KeyCode::Left, KeyModifiers::NONE)), T0);
    for _ in 0..5 {
        app.update(Action::EditKey(KeyEvent::new(KeyCode::Left, KeyModifiers::SHIFT)), T0);
    }
    app.update(Action::Bracket, T0);
    assert!(app.editor.as_ref().unwrap().text().ends_with("as appropriate within two [weeks];"), "{}", app.editor.as_ref().unwrap().text());
    let b = draw(&app, 160, 48);
    assert!(marked(&b, Modifier::UNDERLINED).contains("within two [weeks]"), "live preview: {}", marked(&b, Modifier::UNDERLINED));
    // Saving without a proponent is refused with a word; then name Kenya and Botswana.
    app.update(Action::Save, T0);
    assert!(app.notice.as_deref().unwrap().starts_with("Name who proposes it"));
    // Tab: proponents (Kenya), Tab: supporters (Botswana).
    for q in ["kenya", "botsw"] {
        app.update(Action::NextChoice, T0);
        for ch in q.chars() {
            app.update(Action::Type(ch), T0);
        }
        app.update(Action::Confirm, T0);
    }
    app.update(Action::Save, T0);
    assert_eq!(app.mode, Mode::Normal);
    assert!(app.notice.as_deref().unwrap().starts_with("Committed: Conf. 11.3: proposal to amend 23 c) by Kenya ("), "{:?}", app.notice);
    let file: gavel::group::ProposalFile =
        serde_json::from_str(&std::fs::read_to_string(dir.join("resolutions/conf-11.3.proposals.json")).unwrap()).unwrap();
    let p = file.proposals.last().unwrap();
    assert_eq!((p.proponents.clone(), p.supporters.clone()), (vec!["Kenya".to_string()], vec!["Botswana".to_string()]));
    assert!(Workspace::load(&dir).diagnostics.iter().all(|d| !d.is_error()), "the file still checks clean");
    // One commit of the proposals file, with its trailers; the tree is clean.
    let r = git2::Repository::open(&dir).unwrap();
    let head = r.head().unwrap().peel_to_commit().unwrap();
    let msg = head.message().unwrap();
    for t in ["Proposal: sc78-session-7-1", "Proposed-by: Kenya", "Supported-by: Botswana", "Meeting: sc78-session", "Agenda-item: 7"] {
        assert!(msg.contains(t), "{t} in {msg}");
    }
    assert!(r.statuses(None).unwrap().iter().all(|e| e.path().unwrap().ends_with(".journal.jsonl")), "clean tree but the journal");
    // It is shown in place, and recorded in the journal with its commit.
    let b = draw(&app, 200, 60);
    assert!(marked(&b, Modifier::UNDERLINED).contains("within two [weeks]"));
    let (entries, _) = Journal::new(app.journal_path.clone()).read();
    assert!(entries.iter().any(|e| matches!(&e.event, Event::ProposalMade { proposal, .. } if proposal == "sc78-session-7-1")));
    assert!(matches!(&entries.last().unwrap().event, Event::Committed { commit, .. } if *commit == head.id().to_string()));
    // A second, competing proposal on the same provision: side by side.
    app.update(Action::OpenEditor, T0);
    app.update(key(KeyCode::End), T0);
    for ch in " promptly".chars() {
        app.update(key(KeyCode::Char(ch)), T0);
    }
    app.update(Action::NextChoice, T0);
    for ch in "niger".chars() {
        app.update(Action::Type(ch), T0);
    }
    app.update(Action::Confirm, T0);
    app.update(Action::Save, T0);
    app.update(Action::OpenCompeting, T0);
    let Mode::Competing { columns, .. } = &app.mode else { panic!("{:?}", app.mode) };
    assert_eq!(columns.len(), 2);
    let t = text(&draw(&app, 160, 48));
    assert!(t.contains("sc78-session-7-1 (Kenya)") && t.contains("sc78-session-7-2 (Niger)"), "{t}");
}

#[test]
fn wide_characters_keep_columns_aligned() {
    let repo = TempRepo::bundled();
    let mut v: serde_json::Value = serde_json::from_str(&repo.read("agendas/sc78-wg-11-3/group.json")).unwrap();
    for name in ["Côte d'Ivoire", "Türkiye", "中华人民共和国代表团"] {
        v["members"].as_array_mut().unwrap().push(serde_json::json!({ "name": name, "category": "party" }));
    }
    repo.write("agendas/sc78-wg-11-3/group.json", serde_json::to_string_pretty(&v).unwrap());
    let mut app = room(&repo);
    take_up(&mut app, 7);
    for q in ["côte", "türk", "中华"] {
        add(&mut app, q, T0);
    }
    let b = draw(&app, 80, 24);
    let t = text(&b);
    assert!(t.contains("Côte d'Ivoire") && t.contains("Türkiye") && t.contains("中华人民共和国代表团"), "{t}");
    // Every row of the screen is 80 columns wide and the right border stands in the last column.
    for (y, row) in t.lines().enumerate().take(23) {
        let w: usize = row.chars().map(|c| unicode_width(c.encode_utf8(&mut [0; 4]))).sum();
        assert_eq!(w, 80, "row {y}: {row}");
    }
    for y in 1..8 {
        assert_eq!(b[(79, y)].symbol(), "│", "row {y}");
    }
}

/// Display width for the characters these tests use: East Asian wide blocks are two columns.
fn unicode_width(s: &str) -> usize {
    let wide = |c: char| matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6);
    s.chars().map(|c| if wide(c) { 2 } else { 1 }).sum()
}

#[test]
fn mouse_clicks_select() {
    use crossterm::event::{Event as CEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
    let repo = TempRepo::bundled();
    let app = room(&repo);
    let areas = gavel::tui::view::areas(ratatui::layout::Rect::new(0, 0, 120, 36));
    let click = |x, y| {
        CEvent::Mouse(MouseEvent { kind: MouseEventKind::Down(MouseButton::Left), column: x, row: y, modifiers: KeyModifiers::NONE })
    };
    let a = gavel::tui::keys::action(&click(5, 4), &app.mode, &areas);
    assert_eq!(a, Some(Action::Click(Pane::Agenda, 3)));
    let a = gavel::tui::keys::action(&click(areas.speakers.x + 3, areas.speakers.y + 2), &app.mode, &areas);
    assert_eq!(a, Some(Action::Click(Pane::Speakers, 1)));
    let mut app = app;
    app.update(Action::Click(Pane::Agenda, 3), T0);
    assert_eq!((app.focus, app.agenda_selected), (Pane::Agenda, 3));
}

#[test]
fn attendance_is_marked_and_the_record_previewed() {
    let repo = TempRepo::bundled();
    let mut app = room(&repo);
    take_up(&mut app, 7);
    app.update(Action::OpenAttendance, T0);
    let Mode::Attendance { session, .. } = &app.mode else { panic!("{:?}", app.mode) };
    assert_eq!(session, "Working group session (2025-02-04)");
    app.update(Action::Confirm, T0); // Benin, the first member
    app.update(Action::Down, T0);
    app.update(Action::Confirm, T0); // Botswana
    app.update(Action::Confirm, T0); // and unmarked again
    let t = text(&draw(&app, 120, 36));
    assert!(t.contains("1 of 50 present") && t.contains("[x] Benin") && t.contains("[ ] Botswana"), "{t}");
    app.update(Action::Cancel, T0);
    add(&mut app, "ken", T0);
    app.update(Action::Focus(Pane::Speakers), T0);
    app.update(Action::GiveFloor, T0);
    app.update(Action::OpenRecord, T0 + 60);
    for c in "introduced the proposal".chars() {
        app.update(Action::Type(c), T0 + 60);
    }
    app.update(Action::Confirm, T0 + 60);
    app.update(Action::PreviewMinutes, T0 + 61);
    let t = text(&draw(&app, 120, 40));
    assert!(t.contains("Summary record so far"), "{t}");
    // Kenya was not marked, but took the floor: present.
    assert!(t.contains("Present at Working group session (2025-02-04): Parties: Benin, Kenya."), "{t}");
    assert!(t.contains("Kenya introduced the proposal."), "{t}");
}
