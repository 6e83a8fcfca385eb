//! A meeting's agenda: days, sessions (open or closed), items with times,
//! presenters, topics and the proposals they take up.

use serde::{Deserialize, Serialize};

use super::time::{Date, TimeOfDay};

/// `agendas/<group>/<id>.meeting.json`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    pub title: String,
    /// The working group (its folder name under `agendas/`).
    pub group: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub venue: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub days: Vec<Day>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Day {
    pub date: Date,
    /// `Day one`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    pub sessions: Vec<Session>,
}

/// Whether observers and the public may attend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Access {
    Open,
    Closed,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Session {
    pub title: String,
    pub start: TimeOfDay,
    pub end: TimeOfDay,
    pub access: Access,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Its items run at the same time (working groups meeting in parallel).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub parallel: bool,
    #[serde(default)]
    pub items: Vec<AgendaItem>,
}

/// An item to deliberate, or a break.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ItemKind {
    #[default]
    Item,
    Break,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AgendaItem {
    /// Unique in the meeting; the journal refers to items by it.
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "is_item")]
    pub kind: ItemKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<TimeOfDay>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<TimeOfDay>,
    /// Time allotted, when the agenda gives minutes rather than clock times.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<u32>,
    /// The mandate topic the item takes up (`a)`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub presenters: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<String>,
    /// Ids of the proposals the item takes up.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub proposals: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

fn is_item(k: &ItemKind) -> bool {
    *k == ItemKind::Item
}

impl AgendaItem {
    /// Minutes allotted: `minutes`, or the span from `start` to `end`.
    pub fn allotted_minutes(&self) -> Option<u32> {
        self.minutes.or_else(|| match (self.start, self.end) {
            (Some(s), Some(e)) if e > s => Some((e.minutes - s.minutes) as u32),
            _ => None,
        })
    }
}

impl Meeting {
    /// All items in order, with their day and session.
    pub fn items(&self) -> impl Iterator<Item = (&Day, &Session, &AgendaItem)> {
        self.days.iter().flat_map(|d| d.sessions.iter().flat_map(move |s| s.items.iter().map(move |i| (d, s, i))))
    }

    pub fn item(&self, id: &str) -> Option<&AgendaItem> {
        self.items().map(|(_, _, i)| i).find(|i| i.id == id)
    }
}
