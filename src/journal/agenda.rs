//! The agenda as the session changes it: items added and moved by the
//! chair (each keyed by the item's id, so that replaying the journal over a
//! meeting file that already has them changes nothing), and the meeting
//! file rewritten to match, for the commit that closes the session.

use serde::{Deserialize, Serialize};

use super::Session;
use crate::group::{AgendaItem, ItemKind, Meeting};

/// Where the chair puts an item left without a decision, or sends one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ItemMark {
    /// Not taken up (again): back among the items to come.
    Pending,
    /// Discussion stopped, to be resumed.
    Suspended,
    /// Put off to a later meeting.
    Deferred,
}

/// A change to the agenda, in the order the chair made them.
#[derive(Debug, Clone, PartialEq)]
pub enum AgendaEdit {
    Added { item: String, title: String, after: Option<String> },
    Moved { item: String, after: Option<String> },
}

/// Every item of the meeting as the session left it: `(day, session)`
/// indices and the item, breaks included, in order.
fn placed(m: &Meeting, s: &Session) -> Vec<((usize, usize), AgendaItem)> {
    let mut v: Vec<((usize, usize), AgendaItem)> = m
        .days
        .iter()
        .enumerate()
        .flat_map(|(d, day)| day.sessions.iter().enumerate().flat_map(move |(k, ses)| ses.items.iter().map(move |i| ((d, k), i.clone()))))
        .collect();
    let last = v.last().map(|(at, _)| *at).unwrap_or_default();
    // Placed after `after` (in its session), or first; at the end of the meeting when `after` is unknown.
    let put = |v: &mut Vec<((usize, usize), AgendaItem)>, entry: AgendaItem, after: &Option<String>| match after {
        None => {
            let at = v.first().map(|(at, _)| *at).unwrap_or(last);
            v.insert(0, (at, entry));
        }
        Some(a) => match v.iter().position(|(_, i)| &i.id == a) {
            Some(k) => {
                let at = v[k].0;
                v.insert(k + 1, (at, entry));
            }
            None => v.push((last, entry)),
        },
    };
    for e in &s.agenda {
        match e {
            AgendaEdit::Added { item, title, after } if !v.iter().any(|(_, i)| &i.id == item) => {
                let entry = AgendaItem {
                    id: item.clone(),
                    title: title.clone(),
                    kind: ItemKind::Item,
                    start: None,
                    end: None,
                    minutes: None,
                    presenters: Vec::new(),
                    topic: None,
                    documents: Vec::new(),
                    proposals: Vec::new(),
                    note: Some("added in session".into()),
                };
                put(&mut v, entry, after);
            }
            AgendaEdit::Added { .. } => {}
            AgendaEdit::Moved { item, after } => {
                if after.as_ref() == Some(item) {
                    continue;
                }
                if let Some(k) = v.iter().position(|(_, i)| &i.id == item) {
                    let (_, entry) = v.remove(k);
                    put(&mut v, entry, after);
                }
            }
        }
    }
    v
}

/// The agenda items (breaks left out) in order, as the session changed them.
pub fn agenda(m: &Meeting, s: &Session) -> Vec<AgendaItem> {
    placed(m, s).into_iter().map(|(_, i)| i).filter(|i| i.kind == ItemKind::Item).collect()
}

/// The meeting with its agenda as the session changed it, when it did.
pub fn changed_meeting(m: &Meeting, s: &Session) -> Option<Meeting> {
    let items = placed(m, s);
    let mut out = m.clone();
    for (d, day) in out.days.iter_mut().enumerate() {
        for (k, ses) in day.sessions.iter_mut().enumerate() {
            ses.items = items.iter().filter(|(at, _)| *at == (d, k)).map(|(_, i)| i.clone()).collect();
        }
    }
    (out != *m).then_some(out)
}

/// A meeting's sessions in order, each by its title as attendance names it
/// (`Morning session (2025-02-04)`), with the ids of its items.
pub fn sessions(m: &Meeting) -> Vec<(String, Vec<String>)> {
    m.days
        .iter()
        .flat_map(|d| d.sessions.iter().map(move |s| (format!("{} ({})", s.title, d.date), s.items.iter().map(|i| i.id.clone()).collect())))
        .collect()
}

/// The agenda items of a meeting in order (breaks left out).
pub fn agenda_items(m: &Meeting) -> Vec<&crate::group::AgendaItem> {
    m.items().map(|(_, _, i)| i).filter(|i| i.kind == crate::group::ItemKind::Item).collect()
}
