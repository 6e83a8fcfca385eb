//! Corrections: the chair corrects or strikes what was recorded on the
//! current item (an intervention, a speaker entry, the decision). A
//! correction is a new journal entry; the journal is never rewritten, and the
//! record shows the corrected version. Striking a decision that git has takes
//! its commits back (a revert commit each, with the reason).

use super::app::{Action, App, Effect, Mode};
use crate::journal::{Entry, Event, Outcome, Position};

impl App {
    /// What can be corrected on the current item, newest first.
    pub fn correctable(&self) -> Vec<Entry> {
        let Some(item) = self.session.current.as_deref() else { return Vec::new() };
        let mut v: Vec<Entry> = crate::journal::effective(&self.session.log)
            .into_iter()
            .filter(|e| e.event.item() == Some(item))
            .filter(|e| matches!(e.event, Event::Intervention { .. } | Event::SpeakerAdded { .. } | Event::Decision { .. }))
            .collect();
        v.reverse();
        v
    }

    pub(super) fn update_corrections(&mut self, action: Action) -> Vec<Effect> {
        let list = self.correctable();
        match (&mut self.mode, action) {
            (Mode::Corrections { selected }, Action::Up) => *selected = selected.saturating_sub(1),
            (Mode::Corrections { selected }, Action::Down) => *selected = (*selected + 1).min(list.len().saturating_sub(1)),
            (Mode::Corrections { .. }, Action::Cancel | Action::OpenCorrections) => self.mode = Mode::Normal,
            (Mode::Corrections { selected }, Action::Strike | Action::RemoveSpeaker) => {
                if let Some(e) = list.get(*selected) {
                    self.mode = Mode::Strike { of: e.id.clone(), reason: String::new() };
                }
            }
            (Mode::Corrections { selected }, Action::Confirm) => {
                let Some(e) = list.get(*selected).cloned() else { return Vec::new() };
                match e.event {
                    Event::Intervention { member, position, summary, .. } => {
                        let k = Position::ALL.iter().position(|p| *p == position).unwrap_or(0);
                        self.mode = Mode::Record { member, summary, position: k, correcting: Some(e.id) };
                    }
                    Event::Decision { outcome, text, adopt, vote, .. } => {
                        let mut choices = self.choices();
                        for c in choices.iter_mut() {
                            c.chosen = adopt.contains(&c.id);
                        }
                        let o = Outcome::ALL.iter().position(|x| *x == outcome).unwrap_or(0);
                        self.mode = Mode::Decide { outcome: o, text, choices, cursor: 0, typing: false, correcting: Some(e.id), vote };
                    }
                    _ => self.notice = Some("A speaker entry can only be struck (x).".into()),
                }
            }
            (Mode::Strike { reason, .. }, Action::Type(c)) => reason.push(c),
            (Mode::Strike { reason, .. }, Action::Backspace) => {
                reason.pop();
            }
            (Mode::Strike { .. }, Action::Cancel) => self.mode = Mode::Corrections { selected: 0 },
            (Mode::Strike { of, reason }, Action::Confirm) => {
                let (of, reason) = (of.clone(), reason.trim().to_string());
                self.mode = Mode::Normal;
                return vec![Effect::Append(Event::Correction { of, with: None, reason })];
            }
            _ => {}
        }
        Vec::new()
    }
}

/// One entry as the corrections list shows it.
pub fn describe(e: &Entry) -> String {
    match &e.event {
        Event::Intervention { member, position, summary, .. } => {
            format!("{member} ({}): {}", position.describe(), if summary.is_empty() { "took the floor" } else { summary })
        }
        Event::SpeakerAdded { member, .. } => format!("{member} asked for the floor"),
        Event::Decision { outcome, text, adopt, .. } => {
            let adopts = if adopt.is_empty() { String::new() } else { format!(" [adopts {}]", adopt.join(", ")) };
            format!("Decision: {}{}{adopts}", outcome.describe(), if text.is_empty() { String::new() } else { format!(": {text}") })
        }
        other => format!("{other:?}"),
    }
}
