//! The room's part of the record: attendance at each session, and the
//! summary record of the session so far.

use super::app::{Action, App, Effect, Mode};
use crate::group::Category;
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
            (Mode::Attendance { query, selected, .. }, Action::Type(c)) => {
                query.push(c);
                *selected = 0;
            }
            (Mode::Attendance { query, selected, .. }, Action::Backspace) => {
                query.pop();
                *selected = 0;
            }
            (Mode::Attendance { session, query, selected }, Action::Confirm) => {
                let (session, query, selected) = (session.clone(), query.clone(), *selected);
                let listed = self.attendance_list(&query);
                if let Some(member) = listed.get(selected.min(listed.len().saturating_sub(1))).cloned() {
                    let present = !self.present_now(&session).contains(&member);
                    return vec![Effect::Append(Event::Attendance { session, member, present })];
                }
            }
            (Mode::Attendance { session, .. }, Action::MarkAll { parties }) => {
                let session = session.clone();
                let present = self.present_now(&session);
                let members: Vec<String> = self
                    .group
                    .iter()
                    .flat_map(|g| g.members.iter())
                    .filter(|m| !parties || m.category == Category::Party)
                    .map(|m| m.name.clone())
                    .filter(|m| !present.contains(m))
                    .collect();
                self.notice = Some(format!("{} marked present.", members.len()));
                return members
                    .into_iter()
                    .map(|member| Effect::Append(Event::Attendance { session: session.clone(), member, present: true }))
                    .collect();
            }
            (Mode::Attendance { .. }, Action::OpenAttendance | Action::Cancel) => self.mode = Mode::Normal,
            (Mode::Attendance { .. }, _) => {}
            _ => {}
        }
        Vec::new()
    }

    /// The members the attendance list shows for a filter: all, in the
    /// membership's order, or those the filter finds (as for the list of speakers).
    pub fn attendance_list(&self, query: &str) -> Vec<String> {
        if query.trim().is_empty() {
            return self.group.iter().flat_map(|g| g.members.iter().map(|m| m.name.clone())).collect();
        }
        self.matches(query).into_iter().map(|m| m.name.clone()).collect()
    }

    /// Who is present at a session now: marked so, or who took the floor and was not marked absent.
    pub fn present_now(&self, session: &str) -> Vec<String> {
        let items = crate::journal::sessions(&self.meeting.meeting.value).into_iter().find(|(t, _)| t == session).map(|(_, i)| i);
        self.session.present_at(session, &items.unwrap_or_default())
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
        self.mode = Mode::Attendance { session, query: String::new(), selected: 0 };
    }

    /// The title of the session the current (or selected) item belongs to.
    pub fn current_session(&self) -> Option<String> {
        let id = self.session.current.clone().or_else(|| self.items.get(self.agenda_selected).map(|i| i.id.clone()))?;
        self.meeting.meeting.value.items().find(|(_, _, i)| i.id == id).map(|(d, s, _)| format!("{} ({})", s.title, d.date))
    }
}
