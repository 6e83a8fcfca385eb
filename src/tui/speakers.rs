//! The list of speakers as a chair keeps it: closed ("the list is closed")
//! and reopened, a late request to a closed list asked about, and a member
//! already listed left where they are.

use super::app::{Action, App, Effect, Mode};
use crate::journal::Event;

impl App {
    /// Whether the current item's list of speakers is closed.
    pub fn list_closed(&self) -> bool {
        self.session.current.as_ref().and_then(|c| self.session.item(c)).is_some_and(|st| st.list_closed)
    }

    pub(super) fn toggle_list(&mut self) -> Vec<Effect> {
        let Some(item) = self.session.current.clone() else { return Vec::new() };
        let closed = !self.list_closed();
        self.notice =
            Some(if closed { "The list of speakers is closed (L reopens it)." } else { "The list of speakers is open again." }.into());
        vec![Effect::Append(Event::ListClosed { item, closed })]
    }

    /// A member asks for the floor. One already listed stays where they are
    /// (the chair is told where); a closed list asks the chair first. A
    /// point of order is never refused: it goes to the front.
    pub(super) fn ask_floor(&mut self, item: String, member: String, point_of_order: bool) -> Vec<Effect> {
        if !point_of_order {
            if let Some(k) = self.speakers().iter().position(|m| *m == member) {
                self.notice = Some(format!("{member} is already on the list ({}): left in their place.", k + 1));
                return Vec::new();
            }
            if self.list_closed() {
                self.mode = Mode::AddToClosed { member };
                return Vec::new();
            }
        }
        vec![Effect::Append(Event::SpeakerAdded { item, member, point_of_order })]
    }

    pub(super) fn update_closed_list(&mut self, action: Action) -> Vec<Effect> {
        let Mode::AddToClosed { member } = &self.mode else { return Vec::new() };
        let member = member.clone();
        match (action, self.session.current.clone()) {
            (Action::Confirm, Some(item)) => {
                self.mode = Mode::Normal;
                vec![Effect::Append(Event::SpeakerAdded { item, member, point_of_order: false })]
            }
            (Action::Cancel | Action::Confirm, _) => {
                self.mode = Mode::Normal;
                self.notice = Some(format!("{member} was not added: the list is closed."));
                Vec::new()
            }
            _ => Vec::new(),
        }
    }
}
