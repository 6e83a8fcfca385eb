//! Keys and mouse clicks to actions.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::app::{Action, Mode, Pane};
use super::view::Areas;

/// The action for a terminal event, if any.
pub fn action(ev: &Event, mode: &Mode, areas: &Areas) -> Option<Action> {
    match ev {
        Event::Key(k) if k.kind != KeyEventKind::Release => key(k, mode),
        Event::Mouse(m) if m.kind == MouseEventKind::Down(MouseButton::Left) => {
            let at = Position { x: m.column, y: m.row };
            let row = |r: Rect| (at.y.saturating_sub(r.y + 1)) as usize;
            if areas.agenda.contains(at) {
                Some(Action::Click(Pane::Agenda, row(areas.agenda)))
            } else if areas.speakers.contains(at) {
                Some(Action::Click(Pane::Speakers, row(areas.speakers)))
            } else if areas.resolution.contains(at) {
                Some(Action::Click(Pane::Resolution, row(areas.resolution)))
            } else {
                None
            }
        }
        Event::Resize(..) => Some(Action::Tick),
        _ => None,
    }
}

fn key(k: &KeyEvent, mode: &Mode) -> Option<Action> {
    if k.modifiers.contains(KeyModifiers::CONTROL) && k.code == KeyCode::Char('c') {
        return Some(Action::Quit);
    }
    if let Mode::Edit { names, .. } = mode {
        let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
        return Some(match k.code {
            KeyCode::Esc => Action::Cancel,
            KeyCode::Tab => Action::NextChoice,
            KeyCode::Char('s') if ctrl => Action::Save,
            KeyCode::Char('b') if ctrl => Action::Bracket,
            KeyCode::Enter if *names => Action::Confirm,
            KeyCode::Backspace if *names => Action::Backspace,
            KeyCode::Char(c) if *names => Action::Type(c),
            _ if *names => return None,
            _ => Action::EditKey(*k),
        });
    }
    if matches!(mode, Mode::Record { .. }) && k.modifiers.contains(KeyModifiers::CONTROL) && k.code == KeyCode::Char('e') {
        return Some(Action::ExternalEditor);
    }
    if let Mode::Attendance { .. } = mode {
        let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
        return Some(match k.code {
            KeyCode::Char(' ') | KeyCode::Enter => Action::Confirm,
            KeyCode::Char('a') if ctrl => Action::MarkAll { parties: false },
            KeyCode::Char('p') if ctrl => Action::MarkAll { parties: true },
            KeyCode::Up => Action::Up,
            KeyCode::Down => Action::Down,
            KeyCode::Backspace => Action::Backspace,
            KeyCode::Char(c) if !ctrl => Action::Type(c),
            KeyCode::Esc => Action::Cancel,
            _ => return None,
        });
    }
    if matches!(mode, Mode::Decide { .. }) && k.modifiers.contains(KeyModifiers::CONTROL) && k.code == KeyCode::Char('v') {
        return Some(Action::OpenVote);
    }
    if let Mode::Vote { roll_call, .. } = mode {
        use crate::journal::Ballot;
        return Some(match k.code {
            KeyCode::Tab => Action::NextChoice,
            KeyCode::Enter => Action::Confirm,
            KeyCode::Esc => Action::Cancel,
            KeyCode::Up => Action::Up,
            KeyCode::Down => Action::Down,
            KeyCode::Char('y') if *roll_call => Action::Ballot(Ballot::InFavour),
            KeyCode::Char('n') if *roll_call => Action::Ballot(Ballot::Against),
            KeyCode::Char('a') if *roll_call => Action::Ballot(Ballot::Abstaining),
            KeyCode::Backspace => Action::Backspace,
            KeyCode::Char(c) if !*roll_call => Action::Type(c),
            _ => return None,
        });
    }
    if let Mode::Proposals { .. } = mode {
        return Some(match k.code {
            KeyCode::Up | KeyCode::Char('k') => Action::Up,
            KeyCode::Down | KeyCode::Char('j') => Action::Down,
            KeyCode::Char('w') => Action::DropProposal { reject: false },
            KeyCode::Char('x') => Action::DropProposal { reject: true },
            KeyCode::Esc | KeyCode::Char('P') | KeyCode::Char('q') => Action::Cancel,
            _ => return None,
        });
    }
    if let Mode::Leave { .. } = mode {
        return Some(match k.code {
            KeyCode::Char('p') => Action::Leave { suspended: false },
            KeyCode::Char('s') => Action::Leave { suspended: true },
            KeyCode::Esc => Action::Cancel,
            _ => return None,
        });
    }
    if let Mode::AddToClosed { .. } = mode {
        return Some(match k.code {
            KeyCode::Char('y') | KeyCode::Enter => Action::Confirm,
            KeyCode::Char('n') | KeyCode::Esc => Action::Cancel,
            _ => return None,
        });
    }
    if let Mode::Corrections { .. } = mode {
        return Some(match k.code {
            KeyCode::Enter => Action::Confirm,
            KeyCode::Up | KeyCode::Char('k') => Action::Up,
            KeyCode::Down | KeyCode::Char('j') => Action::Down,
            KeyCode::Char('x') => Action::Strike,
            KeyCode::Esc | KeyCode::Char('C') | KeyCode::Char('q') => Action::Cancel,
            _ => return None,
        });
    }
    let typing = matches!(
        mode,
        Mode::AddSpeaker { .. }
            | Mode::Record { .. }
            | Mode::Decide { .. }
            | Mode::Strike { .. }
            | Mode::Find { .. }
            | Mode::Dropping { .. }
            | Mode::AddItem { .. }
    );
    Some(match (k.code, typing) {
        (KeyCode::Esc, _) => Action::Cancel,
        (KeyCode::Enter, _) => Action::Confirm,
        (KeyCode::Up, _) => Action::Up,
        (KeyCode::Down, _) => Action::Down,
        (KeyCode::Tab, true) => Action::NextChoice,
        (KeyCode::Backspace, true) => Action::Backspace,
        (KeyCode::Char(c), true) => Action::Type(c),
        (KeyCode::Tab, false) => Action::FocusNext,
        (KeyCode::Char(c), false) => match c {
            'q' => Action::Quit,
            '?' => Action::ToggleHelp,
            '1' => Action::Focus(Pane::Agenda),
            '2' => Action::Focus(Pane::Speakers),
            '3' => Action::Focus(Pane::Resolution),
            'k' => Action::Up,
            'j' => Action::Down,
            'a' => Action::OpenAddSpeaker { point_of_order: false },
            'p' => Action::OpenAddSpeaker { point_of_order: true },
            'x' => Action::RemoveSpeaker,
            'K' => Action::MoveSpeaker(-1),
            'J' => Action::MoveSpeaker(1),
            'f' => Action::GiveFloor,
            '+' => Action::MoreTime,
            '-' => Action::LessTime,
            'o' => Action::ToggleOrder,
            ' ' => Action::PauseFloor,
            'R' => Action::Retry,
            'C' => Action::OpenCorrections,
            'r' => Action::OpenRecord,
            'd' => Action::OpenDecide,
            'e' => Action::ToggleErrors,
            'm' => Action::ShowDocuments,
            'E' => Action::OpenEditor,
            'h' => Action::OpenHistory,
            'c' => Action::OpenCompeting,
            's' => Action::PreviewMinutes,
            'A' => Action::OpenAttendance,
            'S' => Action::PutOnScreen,
            'L' => Action::ToggleList,
            'P' => Action::OpenProposals,
            'I' => Action::OpenAddItem,
            'D' => Action::MarkItem { defer: true },
            'U' => Action::MarkItem { defer: false },
            'g' | ':' => Action::OpenFind { search: false },
            '/' => Action::OpenFind { search: true },
            'n' => Action::NextMatch(true),
            'N' => Action::NextMatch(false),
            _ => return None,
        },
        _ => return None,
    })
}

/// Every key, for the help overlay.
pub const KEYS: &[(&str, &str)] = &[
    ("Tab / 1 2 3", "move between agenda, speakers, resolution"),
    ("↑ ↓ / k j", "select, or scroll the resolution"),
    ("Enter", "agenda: take up the item; speakers: give the floor"),
    ("a", "add a speaker (type part of the name)"),
    ("p", "add a point of order (to the front)"),
    ("x", "remove the selected speaker"),
    ("K / J", "move the selected speaker up / down"),
    ("f", "give the floor to the selected speaker"),
    ("+ / -", "the speaker's time (or each speaker's) 30 seconds more / less"),
    ("space", "pause / resume the speaker's countdown"),
    ("o", "Parties first on / off"),
    ("r", "record the intervention of the speaker who has the floor (or choose whose)"),
    ("d", "record the decision: choose the proposals it adopts (one commit each)"),
    ("C", "correct or strike what was recorded on the item"),
    ("R", "try again the commits of the item that failed"),
    ("m", "the current item's documents, proposals, mandate topic and note"),
    ("E", "amend the selected provision (editor, live tracked changes)"),
    ("h", "history of the selected provision, from git"),
    ("c", "competing proposals on the selected provision, side by side"),
    ("S", "put the selected provision on the room's screen (gavel screen); again: off"),
    ("L", "close / reopen the list of speakers"),
    ("I", "agenda: add an item after the selected one"),
    ("K / J", "agenda: move the selected item up / down"),
    ("D / U", "agenda: defer the selected item / return it to pending"),
    ("P", "the item's pending proposals: w withdraws one, x rejects it (one commit)"),
    ("g / :", "go to a provision: 23 b), 13(a)(iv), preamble 5, IX"),
    ("/  n N", "search the text; next, previous match"),
    ("s", "preview the summary record of the session so far"),
    ("A", "attendance at the current session (space marks present)"),
    ("e", "show / hide problems"),
    ("?", "this help"),
    ("q", "quit (everything confirmed is already saved)"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyEvent;

    /// Every dialog that takes text takes a letter as text, not as a command.
    #[test]
    fn letters_are_text_where_text_is_typed() {
        let areas = super::super::view::areas(Rect::new(0, 0, 120, 40));
        let modes = [
            Mode::AddSpeaker { query: String::new(), selected: 0, point_of_order: false, for_record: false },
            Mode::Record { member: String::new(), summary: String::new(), position: 0, correcting: None },
            Mode::Strike { of: String::new(), reason: String::new() },
            Mode::Find { query: String::new(), search: true },
            Mode::Dropping { proposal: String::new(), status: crate::group::Status::Withdrawn, reason: String::new() },
            Mode::AddItem { title: String::new() },
            Mode::Attendance { session: String::new(), query: String::new(), selected: 0 },
        ];
        for mode in modes {
            for c in ['q', 'j', 'S', 'I', 'A'] {
                let ev = Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
                assert_eq!(action(&ev, &mode, &areas), Some(Action::Type(c)), "{c} in {mode:?}");
            }
        }
    }
}
