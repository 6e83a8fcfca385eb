//! What the room puts on its screen: the provision the chair chose for the
//! item under discussion, with the item's proposals in place, and how it is
//! cited. The room and `gavel screen` both read it from here.

use crate::journal::Event;
use crate::redline::doc::Block;
use crate::tui::app::{App, Effect};

impl App {
    /// The provision on the screen (an index into [`App::blocks`]): the one
    /// the chair put there during the current item, if the text as the
    /// item's proposals make it still has it.
    pub fn on_screen(&self) -> Option<usize> {
        let item = self.session.current.as_ref()?;
        let id = self.session.item(item)?.on_screen.as_ref()?;
        self.blocks.iter().position(|b| &b.id.0 == id)
    }

    /// The provision at `k` with its sub-provisions: what the screen shows of it.
    pub fn with_subprovisions(&self, k: usize) -> &[Block] {
        let Some(b) = self.blocks.get(k) else { return &[] };
        let under = self.blocks[k + 1..].iter().take_while(|x| x.depth > b.depth).count();
        &self.blocks[k..k + 1 + under]
    }

    /// How delegates cite the provision at `k` ("paragraph 23 b)"); a
    /// provision only a proposal makes is "a new provision".
    pub fn cite(&self, k: usize) -> String {
        let Some(b) = self.blocks.get(k) else { return String::new() };
        match self.resolution.as_ref().and_then(|r| r.by_id(&b.id).map(|i| r.address(i).describe())) {
            Some(c) => c,
            None => {
                let label: String = crate::redline::new_text(&b.label);
                if label.is_empty() { "a new provision".into() } else { format!("a new provision, {label}") }
            }
        }
    }

    /// The chair puts the selected provision on the screen, or takes it off
    /// when it is there already (journaled: `gavel screen` follows the journal).
    pub(in crate::tui) fn put_on_screen(&mut self) -> Vec<Effect> {
        let Some(item) = self.session.current.clone() else {
            self.notice = Some("Take up an item first: the screen shows the item under discussion.".into());
            return Vec::new();
        };
        let Some(b) = self.blocks.get(self.resolution_selected) else {
            self.notice = Some("There is no provision to show.".into());
            return Vec::new();
        };
        let cited = self.cite(self.resolution_selected);
        if self.on_screen() == Some(self.resolution_selected) {
            self.notice = Some(format!("Taken off the screen: {cited}."));
            return vec![Effect::Append(Event::OnScreen { item, provision: None })];
        }
        self.notice = Some(format!("On the screen: {cited} (S again takes it off)."));
        vec![Effect::Append(Event::OnScreen { item, provision: Some(b.id.0.clone()) })]
    }
}
