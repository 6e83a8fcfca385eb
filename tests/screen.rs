//! The room's second screen (`gavel screen`): what the chair puts on it in
//! the room reaches it through the journal; it follows the journal appended
//! to, damaged and replaced; and, in tmux, the real binary in one pane
//! follows the room in another.

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use common::demo::Demo;
use common::tmux::Tmux;
use gavel::tui::Room;
use gavel::tui::app::{Action, App, Pane};
use gavel::tui::screen::Follower;
use gavel::workspace::Workspace;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;

use common::room::{T0, marked, text};

fn room(dir: &std::path::Path) -> (Room, Follower) {
    let ws = Workspace::load(dir);
    let m = gavel::tui::choose_meeting(&ws, Some("sc78-session")).unwrap();
    (Room::open(&ws, m, T0), Follower::new(&ws, m))
}

fn screen(app: &App, w: u16, h: u16) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| gavel::tui::screen::view::draw(f, Some(app))).unwrap();
    t.backend().buffer().clone()
}

/// Takes up item 7 and selects paragraph 23 b) in the resolution pane.
fn on_item_7(room: &mut Room) {
    room.update(Action::Focus(Pane::Agenda), T0);
    room.agenda_selected = 6;
    room.update(Action::Confirm, T0);
    room.resolution_selected = (0..room.blocks.len()).find(|&k| room.cite(k) == "paragraph 23 b)").expect("23 b) is in the text");
}

fn follow(f: &mut Follower, now: i64) -> Option<App> {
    f.poll(now).map(|r| {
        let mut a = r.expect("the meeting reads");
        a.color = false;
        a
    })
}

#[test]
fn what_the_chair_puts_on_the_screen_reaches_it_through_the_journal() {
    let d = Demo::new(None);
    let (mut room, mut follower) = room(&d.dir);
    let first = follow(&mut follower, T0).expect("the first call reads the meeting");
    assert!(text(&screen(&first, 100, 30)).contains("No item under discussion"));
    assert!(follow(&mut follower, T0).is_none(), "nothing changed: nothing read again");

    on_item_7(&mut room);
    room.update(Action::OpenAddSpeaker { point_of_order: false }, T0);
    for c in "kenya".chars() {
        room.update(Action::Type(c), T0);
    }
    room.update(Action::Confirm, T0);
    room.update(Action::PutOnScreen, T0 + 5);
    assert_eq!(room.notice.as_deref(), Some("On the screen: paragraph 23 b) (S again takes it off)."));

    let app = follow(&mut follower, T0 + 6).expect("the journal changed");
    let b = screen(&app, 100, 30);
    let shown = text(&b);
    assert!(shown.contains("Item 7: Timeframes"), "{shown}");
    assert!(shown.contains("Paragraph 23 b)"), "{shown}");
    assert!(shown.contains("b) when, within six three months"), "{shown}");
    assert!(shown.contains("Next: Kenya"), "{shown}");
    // The proposal's change, without colour: "six " struck through, "three " underlined.
    assert_eq!(marked(&b, Modifier::CROSSED_OUT).trim(), "six");
    assert!(marked(&b, Modifier::UNDERLINED).starts_with("three "), "{}", marked(&b, Modifier::UNDERLINED));
    // Nothing but the provision: the rest of the resolution is not there.
    assert!(!shown.contains("23.") && !shown.contains("c) "), "{shown}");

    // The floor's countdown follows the clock.
    room.resolution_selected = room.on_screen().unwrap();
    room.update(Action::Focus(Pane::Speakers), T0 + 10);
    room.update(Action::GiveFloor, T0 + 10);
    let mut app = follow(&mut follower, T0 + 10).expect("the floor was given");
    app.now = T0 + 70;
    assert!(text(&screen(&app, 100, 30)).contains("Floor: Kenya  02:00"));

    // Taken off: the provision is gone from the screen, the item stays.
    room.update(Action::Focus(Pane::Resolution), T0 + 80);
    room.update(Action::PutOnScreen, T0 + 80);
    let shown = text(&screen(&follow(&mut follower, T0 + 81).unwrap(), 100, 30));
    assert!(shown.contains("Item 7: Timeframes") && !shown.contains("23 b)"), "{shown}");
}

#[test]
fn the_screen_survives_the_journal_damaged_replaced_and_gone() {
    let d = Demo::new(None);
    let (mut room, mut follower) = room(&d.dir);
    on_item_7(&mut room);
    room.update(Action::PutOnScreen, T0);
    let journal = room.journal_path.clone();
    assert!(text(&screen(&follow(&mut follower, T0).unwrap(), 100, 30)).contains("Paragraph 23 b)"));
    // A damaged line and a torn one: skipped, the rest still shown.
    let mut f = std::fs::OpenOptions::new().append(true).open(&journal).unwrap();
    std::io::Write::write_all(&mut f, b"{\"at\": 12, \"event\": \"nonsense\"}\n\xff\xfe\n{\"id\":\"x\",\"at\":1,\"event\":\"item-tak")
        .unwrap();
    let shown = text(&screen(&follow(&mut follower, T0).expect("the journal grew"), 100, 30));
    assert!(shown.contains("Paragraph 23 b)"), "{shown}");
    // Replaced by another file (rotated): read again from the new one.
    let old = String::from_utf8_lossy(&std::fs::read(&journal).unwrap()).into_owned();
    let fresh = journal.with_extension("new");
    let kept: String = old.lines().filter(|l| !l.contains("on-screen")).map(|l| format!("{l}\n")).collect();
    std::fs::write(&fresh, kept).unwrap();
    std::fs::rename(&fresh, &journal).unwrap();
    let shown = text(&screen(&follow(&mut follower, T0).expect("a new file"), 100, 30));
    assert!(shown.contains("Item 7: Timeframes") && !shown.contains("23 b)"), "{shown}");
    // Gone: no item under discussion.
    std::fs::remove_file(&journal).unwrap();
    let shown = text(&screen(&follow(&mut follower, T0).expect("the file is gone"), 100, 30));
    assert!(shown.contains("No item under discussion"), "{shown}");
    // The screen wrote nothing.
    assert!(!journal.exists());
}

#[test]
fn the_screen_in_one_pane_follows_the_room_in_another() {
    let d = Demo::new(Some(("New Zealand (co-Chair)", "chair@nz.invalid")));
    let gavel = env!("CARGO_BIN_EXE_gavel");
    let tmux = Tmux::new("screen");
    tmux.start(&format!("cd {} && NO_COLOR=1 {gavel} room --meeting sc78-session; sleep 60", d.dir.display()));
    tmux.run(&[
        "split-window",
        "-t",
        "room",
        "-h",
        &format!("cd {} && {gavel} screen --meeting sc78-session; echo SCREEN EXITED $?; sleep 60", d.dir.display()),
    ]);
    let pane = |p: &str| format!("room.{p}");
    let wait = |p: &str, what: &str, limit: Duration| -> (String, Duration) {
        let start = Instant::now();
        loop {
            let s = tmux.run(&["capture-pane", "-t", &pane(p), "-p"]);
            if s.contains(what) {
                return (s, start.elapsed());
            }
            assert!(start.elapsed() < limit, "`{what}` never appeared in pane {p}:\n{s}");
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    let keys = |ks: &[&str]| {
        for k in ks {
            tmux.run(&["send-keys", "-t", &pane("0"), k]);
            std::thread::sleep(Duration::from_millis(60));
        }
    };
    wait("0", "Agenda: sc78-session", Duration::from_secs(15));
    wait("1", "No item under discussion", Duration::from_secs(15));
    keys(&["j", "j", "j", "j", "j", "j", "Enter"]);
    let (_, took) = wait("1", "Item 7: Timeframes", Duration::from_secs(2));
    eprintln!("the screen showed the item {took:?} after it was taken up");
    keys(&["3", "S"]);
    let (shown, took) = wait("1", "Paragraph 23 b)", Duration::from_secs(2));
    eprintln!("the screen showed the provision {took:?} after S");
    assert!(shown.contains("three months"), "{shown}");
    let journal = std::fs::read_to_string(d.dir.join("agendas/sc78-wg-11-3/sc78-session.journal.jsonl")).unwrap();
    assert!(journal.lines().last().unwrap().contains("\"event\":\"on-screen\""), "{journal}");
    // Quitting the screen leaves the room running and the repository as it was.
    tmux.run(&["send-keys", "-t", &pane("1"), "q"]);
    wait("1", "SCREEN EXITED 0", Duration::from_secs(5));
    keys(&["q"]);
    std::thread::sleep(Duration::from_millis(500));
    let status = Command::new("git").args(["status", "--porcelain"]).current_dir(&d.dir).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&status.stdout), "", "the room committed its journal on closing; nothing else changed");
}
