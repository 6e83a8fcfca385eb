//! The meeting room on the demo's meeting, for TestBackend tests, and the
//! screen read back as text.

use gavel::tui::Room;
use gavel::tui::app::{Action, Pane};
use gavel::workspace::Workspace;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;

pub const T0: i64 = 1_738_674_000;

/// The room on `sc78-session` of the repository at `dir`, at `T0`.
pub fn open(dir: &std::path::Path) -> Room {
    let ws = Workspace::load(dir);
    let m = gavel::tui::choose_meeting(&ws, Some("sc78-session")).unwrap();
    Room::open(&ws, m, T0)
}

/// The room with the agenda's item at `index` (from 0) taken up, the agenda focused.
pub fn on_item(dir: &std::path::Path, index: usize) -> Room {
    let mut r = open(dir);
    r.update(Action::Focus(Pane::Agenda), T0);
    r.agenda_selected = index;
    r.update(Action::Confirm, T0);
    r
}

/// A buffer's cells, row by row.
pub fn text(b: &Buffer) -> String {
    (0..b.area.height).map(|y| (0..b.area.width).map(|x| b[(x, y)].symbol()).collect::<String>() + "\n").collect()
}

/// The symbols of the cells that carry a modifier, in reading order.
pub fn marked(b: &Buffer, m: Modifier) -> String {
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
