//! The agenda in session: items added (`I`), moved (`K`/`J` in the agenda),
//! deferred (`D`) and returned to pending (`U`), and an item left without a
//! decision sent back to pending or suspended, as the chair chooses. Each is
//! a journal event keyed by the item's id; the meeting file is rewritten to
//! match when the session is committed ([`crate::ops::commit_journal`]).

use super::app::{Action, App, Effect, Mode};
use crate::journal::{Event, ItemMark};

impl App {
    pub(super) fn update_agenda(&mut self, action: Action) -> Vec<Effect> {
        match (&mut self.mode, action) {
            (Mode::AddItem { title }, Action::Type(c)) => title.push(c),
            (Mode::AddItem { title }, Action::Backspace) => {
                title.pop();
            }
            (Mode::AddItem { title }, Action::Confirm) => {
                let title = title.trim().to_string();
                self.mode = Mode::Normal;
                if title.is_empty() {
                    return Vec::new();
                }
                let after = self.items.get(self.agenda_selected).map(|i| i.id.clone());
                return vec![Effect::Append(Event::ItemAdded { item: self.new_item_id(), title, after })];
            }
            (Mode::Leave { current, next }, Action::Leave { suspended }) => {
                let (current, next) = (current.clone(), next.clone());
                self.mode = Mode::Normal;
                let mark = if suspended { ItemMark::Suspended } else { ItemMark::Pending };
                let mut fx = vec![Effect::Append(Event::ItemMarked { item: current, mark })];
                fx.extend(self.take_up(next));
                return fx;
            }
            (Mode::AddItem { .. } | Mode::Leave { .. }, Action::Cancel) => self.mode = Mode::Normal,
            _ => {}
        }
        Vec::new()
    }

    /// Takes up an item: whoever holds the floor is recorded as having spoken first.
    pub(super) fn take_up(&mut self, item: String) -> Vec<Effect> {
        let current = self.session.current.clone();
        let floor = current.as_ref().and_then(|i| self.session.item(i)).and_then(|st| st.floor.clone());
        let mut fx: Vec<Effect> = self.floor_handover(current.as_deref(), floor.as_ref()).into_iter().collect();
        fx.push(Effect::Append(Event::ItemTakenUp { item }));
        fx
    }

    /// An id no item of the meeting has: the next number after the largest.
    fn new_item_id(&self) -> String {
        let next = self.items.iter().filter_map(|i| i.id.parse::<u32>().ok()).max().unwrap_or(0) + 1;
        let mut id = next.to_string();
        while self.items.iter().any(|i| i.id == id) {
            id.push('a');
        }
        id
    }

    pub(super) fn mark_item(&mut self, defer: bool) -> Vec<Effect> {
        let Some(item) = self.items.get(self.agenda_selected).map(|i| i.id.clone()) else { return Vec::new() };
        let mark = if defer { ItemMark::Deferred } else { ItemMark::Pending };
        self.notice = Some(format!("Item {item} {}.", if defer { "deferred" } else { "returned to pending" }));
        vec![Effect::Append(Event::ItemMarked { item, mark })]
    }

    /// Moves the selected item one place up (`-1`) or down.
    pub(super) fn move_item(&mut self, by: i32) -> Vec<Effect> {
        let k = self.agenda_selected;
        let Some(item) = self.items.get(k).map(|i| i.id.clone()) else { return Vec::new() };
        let to = k as i64 + i64::from(by);
        if to < 0 || to >= self.items.len() as i64 {
            return Vec::new();
        }
        // After the item that will stand before it: moving up, the one two places up; down, the next one.
        let after = if by < 0 { (k >= 2).then(|| self.items[k - 2].id.clone()) } else { Some(self.items[k + 1].id.clone()) };
        self.agenda_selected = to as usize;
        vec![Effect::Append(Event::ItemMoved { item, after })]
    }
}
