//! The room's main keys: the agenda, the list of speakers, the floor and its
//! countdown, interventions, and the small popups. Every change to the
//! session is an event for the journal.

use super::app::{Action, App, Effect, Mode, Pane, position};
use crate::journal::{Event, Position};

impl App {
    pub(super) fn update_main(&mut self, action: Action) -> Vec<Effect> {
        let item = self.session.current.clone();
        let mut fx = Vec::new();
        match (&mut self.mode, action) {
            (
                Mode::Help { .. } | Mode::Documents | Mode::History { .. } | Mode::Competing { .. },
                Action::ToggleHelp | Action::ShowDocuments | Action::OpenHistory | Action::OpenCompeting | Action::Cancel | Action::Confirm,
            ) => self.mode = Mode::Normal,
            (Mode::Help { scroll }, Action::Down) => *scroll = (*scroll + 1).min(super::keys::KEYS.len() as u16),
            (Mode::Help { scroll }, Action::Up) => *scroll = scroll.saturating_sub(1),
            (Mode::Help { .. } | Mode::Documents | Mode::History { .. } | Mode::Competing { .. }, Action::Quit) => self.quit = true,
            (Mode::Help { .. } | Mode::Documents | Mode::History { .. } | Mode::Competing { .. }, _) => {}
            (Mode::AddSpeaker { query, selected, .. }, Action::Type(c)) => {
                query.push(c);
                *selected = 0;
            }
            (Mode::AddSpeaker { query, selected, .. }, Action::Backspace) => {
                query.pop();
                *selected = 0;
            }
            (Mode::AddSpeaker { selected, .. }, Action::Up) => *selected = selected.saturating_sub(1),
            (Mode::AddSpeaker { selected, .. }, Action::Down) => *selected += 1,
            (Mode::AddSpeaker { query, selected, point_of_order, for_record }, Action::Confirm) => {
                let (q, s, poo, for_record) = (query.clone(), *selected, *point_of_order, *for_record);
                let found = self.matches(&q);
                let m = found.get(s.min(found.len().saturating_sub(1))).map(|m| m.name.clone());
                self.mode = Mode::Normal;
                match (m, item) {
                    (Some(member), Some(_)) if for_record => {
                        self.mode = Mode::Record { member, summary: String::new(), position: 0, correcting: None }
                    }
                    (Some(member), Some(item)) => fx = self.ask_floor(item, member, poo),
                    _ => {}
                }
            }
            (Mode::Record { summary, .. }, Action::Type(c)) => summary.push(c),
            (Mode::Record { summary, .. }, Action::Backspace) => {
                summary.pop();
            }
            (Mode::Record { position, .. }, Action::NextChoice) => *position = (*position + 1) % Position::ALL.len(),
            (Mode::Record { summary, .. }, Action::ExternalEditor) => fx.push(Effect::OpenExternal(summary.clone())),
            (Mode::Record { summary, .. }, Action::ExternalText(t)) => *summary = t.split_whitespace().collect::<Vec<_>>().join(" "),
            (Mode::Record { member, summary, position: pos, correcting }, Action::Confirm) => {
                let (member, summary, pos, correcting) = (member.clone(), summary.trim().to_string(), position(*pos), correcting.clone());
                self.mode = Mode::Normal;
                let Some(item) = item else { return fx };
                let event = Event::Intervention { item, member: member.clone(), position: pos, summary, proposed_text: None, target: None };
                match correcting {
                    Some(of) => fx.push(Effect::Append(Event::Correction { of, with: Some(Box::new(event)), reason: String::new() })),
                    None => {
                        fx.push(Effect::Append(event));
                        // Text proposed from the floor becomes a proposal: draft it on the selected provision.
                        if pos == Position::ProposesText {
                            self.open_editor();
                            if let Some(e) = self.editor.as_mut() {
                                e.proponents = vec![member];
                            }
                        }
                    }
                }
            }
            (Mode::AddSpeaker { .. } | Mode::Record { .. }, Action::Cancel) => self.mode = Mode::Normal,
            (Mode::AddSpeaker { .. } | Mode::Record { .. }, _) => {}
            (Mode::Normal, a) => fx = self.normal(a, item),
            // Handled by the concern they belong to.
            _ => {}
        }
        fx
    }

    fn normal(&mut self, a: Action, item: Option<String>) -> Vec<Effect> {
        let mut fx = Vec::new();
        let floor = item.as_ref().and_then(|i| self.session.item(i)).and_then(|st| st.floor.clone());
        match a {
            Action::Quit => self.quit = true,
            Action::ToggleHelp => self.mode = Mode::Help { scroll: 0 },
            Action::ShowDocuments => self.mode = Mode::Documents,
            Action::ToggleErrors => self.show_errors = !self.show_errors,
            Action::PutOnScreen => fx = self.put_on_screen(),
            Action::OpenFind { search } => self.open_find(search),
            Action::ToggleList => fx = self.toggle_list(),
            Action::OpenProposals if item.is_some() => self.mode = Mode::Proposals { selected: 0 },
            Action::NextMatch(forward) => self.next_match(forward),
            Action::ToggleOrder => fx.push(Effect::Append(Event::OrderChanged { parties_first: !self.session.parties_first })),
            Action::FocusNext => {
                self.focus = match self.focus {
                    Pane::Agenda => Pane::Speakers,
                    Pane::Speakers => Pane::Resolution,
                    Pane::Resolution => Pane::Agenda,
                }
            }
            Action::Focus(p) => self.focus = p,
            Action::Click(p, row) => {
                self.focus = p;
                match p {
                    Pane::Agenda => self.agenda_selected = row.min(self.items.len().saturating_sub(1)),
                    Pane::Speakers => self.speaker_selected = row,
                    Pane::Resolution => {}
                }
            }
            Action::Up => match self.focus {
                Pane::Agenda => self.agenda_selected = self.agenda_selected.saturating_sub(1),
                Pane::Speakers => self.speaker_selected = self.speaker_selected.saturating_sub(1),
                Pane::Resolution => self.resolution_selected = self.resolution_selected.saturating_sub(1),
            },
            Action::Down => match self.focus {
                Pane::Agenda => self.agenda_selected = (self.agenda_selected + 1).min(self.items.len().saturating_sub(1)),
                Pane::Speakers => self.speaker_selected = (self.speaker_selected + 1).min(self.speakers().len().saturating_sub(1)),
                Pane::Resolution => self.resolution_selected = (self.resolution_selected + 1).min(self.blocks.len().saturating_sub(1)),
            },
            Action::TakeUp | Action::Confirm if self.focus == Pane::Agenda => {
                if let Some(i) = self.items.get(self.agenda_selected).map(|i| i.id.clone())
                    && self.session.current.as_deref() != Some(i.as_str())
                {
                    // The item under discussion has no decision: the chair says where it goes first.
                    // (A read-only room records nothing: it does not ask.)
                    let undecided =
                        item.as_ref().filter(|c| self.read_only.is_none() && self.session.item(c).is_none_or(|st| st.decision.is_none()));
                    match undecided {
                        Some(current) => self.mode = Mode::Leave { current: current.clone(), next: i },
                        None => fx = self.take_up(i),
                    }
                }
            }
            Action::OpenAddItem => self.mode = Mode::AddItem { title: String::new() },
            Action::MarkItem { defer } => fx = self.mark_item(defer),
            Action::MoveSpeaker(d) if self.focus == Pane::Agenda => fx = self.move_item(d),
            Action::OpenAddSpeaker { point_of_order } if item.is_some() => {
                self.mode = Mode::AddSpeaker { query: String::new(), selected: 0, point_of_order, for_record: false }
            }
            Action::RemoveSpeaker => {
                if let (Some(item), Some(member)) = (item, self.speakers().get(self.speaker_selected).cloned()) {
                    fx.push(Effect::Append(Event::SpeakerRemoved { item, member }));
                }
            }
            Action::MoveSpeaker(d) if !self.speakers().is_empty() => {
                let mut list = self.speakers();
                let from = self.speaker_selected;
                let to = (from as i64 + d as i64).clamp(0, list.len() as i64 - 1) as usize;
                if let (Some(item), true) = (item, from < list.len() && from != to) {
                    let m = list.remove(from);
                    list.insert(to, m);
                    self.speaker_selected = to;
                    fx.push(Effect::Append(Event::SpeakersReordered { item, members: list }));
                }
            }
            Action::GiveFloor | Action::Confirm if self.focus == Pane::Speakers || a == Action::GiveFloor => {
                let member = self.speakers().get(self.speaker_selected).cloned().or_else(|| self.speakers().first().cloned());
                if let (Some(item), Some(member)) = (item.clone(), member) {
                    // Giving the floor again to whoever has it is not a handover.
                    fx.extend(self.floor_handover(Some(&item), floor.as_ref().filter(|f| f.member != member)));
                    fx.push(Effect::Append(Event::FloorGiven { item, member, seconds: self.session.speaking_time }));
                }
            }
            // With someone on the floor, their time; otherwise the time each speaker is given.
            Action::MoreTime | Action::LessTime => {
                let step: i64 = if a == Action::MoreTime { 30 } else { -30 };
                match (item, floor) {
                    (Some(item), Some(f)) => {
                        let seconds = (i64::from(f.seconds) + step).clamp(30, 3600) as u32;
                        fx.push(Effect::Append(Event::FloorTime { item, seconds }));
                    }
                    _ => {
                        let seconds = (i64::from(self.session.speaking_time) + step).clamp(30, 1800) as u32;
                        fx.push(Effect::Append(Event::SpeakingTime { seconds }));
                    }
                }
            }
            Action::PauseFloor | Action::Toggle => {
                if let (Some(item), Some(f)) = (item, floor) {
                    fx.push(Effect::Append(if f.paused_at.is_some() { Event::FloorResumed { item } } else { Event::FloorPaused { item } }));
                }
            }
            Action::OpenRecord if item.is_some() => match floor {
                Some(f) => self.mode = Mode::Record { member: f.member, summary: String::new(), position: 0, correcting: None },
                // Nobody has the floor: ask whose intervention it is.
                None => self.mode = Mode::AddSpeaker { query: String::new(), selected: 0, point_of_order: false, for_record: true },
            },
            Action::OpenDecide if item.is_some() => {
                self.open_decide(None);
                fx.push(Effect::Reload);
            }
            Action::OpenEditor => self.open_editor(),
            Action::OpenHistory => fx.extend(self.open_history()),
            Action::OpenCompeting => self.open_competing(),
            Action::PreviewMinutes => self.preview_minutes(),
            Action::OpenAttendance => self.open_attendance(),
            Action::OpenCorrections if item.is_some() => self.mode = Mode::Corrections { selected: 0 },
            Action::Retry => fx.extend(self.retry()),
            _ => {}
        }
        fx
    }

    /// Before the floor passes on: a speaker whose intervention was not
    /// noted is recorded as having taken the floor, so the record lists them.
    pub(super) fn floor_handover(&self, item: Option<&str>, floor: Option<&crate::journal::Floor>) -> Option<Effect> {
        let (item, f) = (item?, floor?);
        Some(Effect::Append(Event::Intervention {
            item: item.to_string(),
            member: f.member.clone(),
            position: Position::General,
            summary: String::new(),
            proposed_text: None,
            target: None,
        }))
    }
}
