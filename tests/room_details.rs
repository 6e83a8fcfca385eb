//! The room's screen details on TestBackend: the help at 80x24 scrolls, a
//! terminal below the smallest size is told what it needs, notices expire.

mod common;

use common::TempRepo;
use gavel::tui::Room;
use gavel::tui::app::{Action, App, Pane};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use common::room::T0;

fn room(repo: &TempRepo) -> Room {
    let mut app = common::room::open(repo.path());
    app.color = false;
    app
}

fn text(app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| gavel::tui::view::draw(f, app)).unwrap();
    common::room::text(t.backend().buffer())
}

fn take_up(app: &mut Room, item: usize) {
    app.update(Action::Focus(Pane::Agenda), T0);
    app.agenda_selected = item - 1;
    app.update(Action::Confirm, T0);
}

#[test]
fn small_terminal_and_help() {
    let repo = TempRepo::bundled();
    let mut app = room(&repo);
    take_up(&mut app, 2);
    let t = text(&app, 80, 24);
    assert!(t.contains("Agenda") && t.contains("Speakers") && t.contains("?: help"), "{t}");
    app.update(Action::ToggleHelp, T0);
    let t = text(&app, 80, 24);
    for (k, _) in gavel::tui::keys::KEYS.iter().take(8) {
        assert!(t.contains(k.trim()), "{k} missing in help:\n{t}");
    }
    // At 80x24 the help does not fit: it says so, and scrolls to its last key.
    assert!(t.contains("Keys (↑ ↓ scroll, Esc closes)"), "{t}");
    let (last, _) = gavel::tui::keys::KEYS.last().unwrap();
    assert!(!t.contains("quit (everything confirmed"), "{t}");
    for _ in 0..gavel::tui::keys::KEYS.len() {
        app.update(Action::Down, T0);
    }
    let t = text(&app, 80, 24);
    assert!(t.contains("quit (everything confirmed") && t.contains(last), "{t}");
    assert!(t.lines().filter(|l| l.contains('│')).count() <= 24);
    app.update(Action::Cancel, T0);
    // Below the smallest size the room says what it needs instead of drawing panes.
    let t = text(&app, 40, 12).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(t.contains("at least 60×16") && t.contains("this one is 40×12") && !t.contains("Agenda"), "{t}");
    // Tiny terminals do not panic.
    let _ = text(&app, 20, 5);
    let _ = text(&app, 0, 0);
}

#[test]
fn a_notice_leaves_the_status_bar_after_a_while() {
    let repo = TempRepo::bundled();
    let mut app = room(&repo);
    take_up(&mut app, 7);
    app.update(Action::ToggleList, T0);
    let t = text(&app, 160, 30);
    assert!(t.contains("The list of speakers is closed"), "{t}");
    app.update(Action::Tick, T0 + gavel::tui::app::NOTICE_SECS - 1);
    assert!(text(&app, 160, 30).contains("The list of speakers is closed"));
    app.update(Action::Tick, T0 + gavel::tui::app::NOTICE_SECS);
    let t = text(&app, 160, 30);
    assert!(!t.contains("The list of speakers is closed") && t.contains("LIST CLOSED"), "{t}");
}
