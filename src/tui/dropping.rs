//! Withdrawing and rejecting proposals in session: `P` lists the current
//! item's pending proposals; `w` withdraws the selected one (at its
//! proponents' request), `x` rejects it; a reason may be given. The event
//! goes to the journal first, then the proposals file is committed through
//! the same use case as `gavel withdraw` and `gavel reject`.

use super::app::{Action, App, Effect, Mode};
use crate::group::Status;
use crate::journal::Event;

impl App {
    pub(super) fn update_dropping(&mut self, action: Action) -> Vec<Effect> {
        let listed = self.item_proposals();
        match (&mut self.mode, action) {
            (Mode::Proposals { selected }, Action::Up) => *selected = selected.saturating_sub(1),
            (Mode::Proposals { selected }, Action::Down) => *selected = (*selected + 1).min(listed.len().saturating_sub(1)),
            (Mode::Proposals { .. }, Action::Cancel) => self.mode = Mode::Normal,
            (Mode::Proposals { selected }, Action::DropProposal { reject }) => {
                let Some(p) = listed.get(*selected) else { return Vec::new() };
                let status = if reject { Status::Rejected } else { Status::Withdrawn };
                self.mode = Mode::Dropping { proposal: p.id.clone(), status, reason: String::new() };
            }
            (Mode::Dropping { reason, .. }, Action::Type(c)) => reason.push(c),
            (Mode::Dropping { reason, .. }, Action::Backspace) => {
                reason.pop();
            }
            (Mode::Dropping { .. }, Action::Cancel) => self.mode = Mode::Proposals { selected: 0 },
            (Mode::Dropping { proposal, status, reason }, Action::Confirm) => {
                let (proposal, status, reason) = (proposal.clone(), *status, reason.trim().to_string());
                self.mode = Mode::Normal;
                let Some(item) = self.session.current.clone() else { return Vec::new() };
                return vec![Effect::Append(Event::ProposalDropped { item, proposal, status, reason })];
            }
            _ => {}
        }
        Vec::new()
    }
}
