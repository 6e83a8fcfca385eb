//! The room's part of the record: attendance at each session, and the
//! summary record of the session so far.

use super::app::{Action, App, Effect, Mode};
use crate::journal::Event;

impl App {
    /// Keys while the record preview or the attendance list is open.
    pub(super) fn update_record(&mut self, action: Action) -> Vec<Effect> {
        match (&mut self.mode, action) {
            (Mode::Minutes { scroll, .. }, Action::Down) => *scroll = scroll.saturating_add(3),
            (Mode::Minutes { scroll, .. }, Action::Up) => *scroll = scroll.saturating_sub(3),
            (Mode::Minutes { .. }, Action::PreviewMinutes | Action::Cancel | Action::Confirm) => self.mode = Mode::Normal,
            (Mode::Minutes { .. }, _) => {}
            (Mode::Attendance { selected, .. }, Action::Up) => *selected = selected.saturating_sub(1),
            (Mode::Attendance { selected, .. }, Action::Down) => *selected += 1,
            (Mode::Attendance { session, selected }, Action::Confirm | Action::Type(' ')) => {
                let (session, selected) = (session.clone(), *selected);
                let members: Vec<String> = self.group.iter().flat_map(|g| g.members.iter().map(|m| m.name.clone())).collect();
                if let Some(member) = members.get(selected.min(members.len().saturating_sub(1))).cloned() {
                    let present = !self.session.present.get(&session).is_some_and(|l| l.contains(&member));
                    return vec![Effect::Append(Event::Attendance { session, member, present })];
                }
            }
            (Mode::Attendance { .. }, Action::OpenAttendance | Action::Cancel) => self.mode = Mode::Normal,
            (Mode::Attendance { .. }, _) => {}
            _ => {}
        }
        Vec::new()
    }

    pub(super) fn preview_minutes(&mut self) {
        let sources = crate::record::Sources {
            entry: &self.meeting,
            group: self.group.as_ref(),
            entries: crate::journal::effective(&self.session.log),
            proposals: self.all_proposals(),
            damage: Vec::new(),
        };
        let text = crate::render::print::text::print(&crate::record::minutes(&sources).doc, false, true);
        self.mode = Mode::Minutes { text, scroll: 0 };
    }

    pub(super) fn open_attendance(&mut self) {
        let session = self.current_session().unwrap_or_else(|| "the meeting".into());
        self.mode = Mode::Attendance { session, selected: 0 };
    }

    /// The title of the session the current (or selected) item belongs to.
    pub fn current_session(&self) -> Option<String> {
        let id = self.session.current.clone().or_else(|| self.items.get(self.agenda_selected).map(|i| i.id.clone()))?;
        self.meeting.meeting.value.items().find(|(_, _, i)| i.id == id).map(|(d, s, _)| format!("{} ({})", s.title, d.date))
    }
}
