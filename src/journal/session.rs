//! The state of a meeting, as the journal's events build it: the current
//! item, each item's list of speakers, who holds the floor and until when,
//! the interventions and decisions.

use std::collections::HashMap;

use super::{Entry, Event, Outcome};
use crate::group::{Category, Meeting, WorkingGroup};

/// Where an agenda item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemStatus {
    Pending,
    UnderDiscussion,
    Concluded,
    Deferred,
}

/// A member waiting for the floor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    pub member: String,
    pub point_of_order: bool,
}

/// One agenda item's state.
#[derive(Debug, Clone, Default)]
pub struct ItemState {
    pub speakers: Vec<Speaker>,
    /// The member holding the floor, since when (seconds), for how long.
    pub floor: Option<(String, i64, u32)>,
    /// Seconds spent on the item (summed over the times it was current).
    pub used: i64,
    pub taken_up_at: Option<i64>,
    pub interventions: Vec<Entry>,
    pub decision: Option<(Outcome, String)>,
    /// Proposals drafted during the item.
    pub proposals_made: Vec<String>,
}

/// The meeting as the journal left it.
#[derive(Debug, Clone, Default)]
pub struct Session {
    pub current: Option<String>,
    /// Members present, by session title.
    pub present: HashMap<String, Vec<String>>,
    pub items: HashMap<String, ItemState>,
    /// Parties speak before Observers (CITES practice), unless the chair turns it off.
    pub parties_first: bool,
}

impl Session {
    pub fn new() -> Session {
        Session { parties_first: true, ..Default::default() }
    }

    /// Replays entries in order.
    pub fn replay(entries: &[Entry], group: Option<&WorkingGroup>) -> Session {
        let mut s = Session::new();
        for e in entries {
            s.apply(e, group);
        }
        s
    }

    pub fn item(&self, id: &str) -> Option<&ItemState> {
        self.items.get(id)
    }

    pub fn status(&self, id: &str) -> ItemStatus {
        match self.items.get(id) {
            Some(st) => match st.decision {
                Some((Outcome::Deferred, _)) => ItemStatus::Deferred,
                Some(_) => ItemStatus::Concluded,
                None if self.current.as_deref() == Some(id) => ItemStatus::UnderDiscussion,
                None if st.taken_up_at.is_some() || st.used > 0 => ItemStatus::UnderDiscussion,
                None => ItemStatus::Pending,
            },
            None => ItemStatus::Pending,
        }
    }

    /// Applies one event.
    pub fn apply(&mut self, e: &Entry, group: Option<&WorkingGroup>) {
        match &e.event {
            Event::ItemTakenUp { item } => {
                if let Some(cur) = self.current.clone() {
                    let st = self.items.entry(cur).or_default();
                    if let Some(t) = st.taken_up_at.take() {
                        st.used += (e.at - t).max(0);
                    }
                }
                self.current = Some(item.clone());
                self.items.entry(item.clone()).or_default().taken_up_at = Some(e.at);
            }
            Event::SpeakerAdded { item, member, point_of_order } => {
                let parties_first = self.parties_first;
                let st = self.items.entry(item.clone()).or_default();
                st.speakers.retain(|s| &s.member != member);
                let sp = Speaker { member: member.clone(), point_of_order: *point_of_order };
                if *point_of_order {
                    let at = st.speakers.iter().take_while(|s| s.point_of_order).count();
                    st.speakers.insert(at, sp);
                } else if parties_first && !is_party(group, member) {
                    st.speakers.push(sp);
                } else if parties_first {
                    // A Party goes after the Parties already waiting, before any Observer.
                    let at = st.speakers.iter().position(|s| !s.point_of_order && !is_party(group, &s.member)).unwrap_or(st.speakers.len());
                    st.speakers.insert(at, sp);
                } else {
                    st.speakers.push(sp);
                }
            }
            Event::SpeakerRemoved { item, member } => {
                self.items.entry(item.clone()).or_default().speakers.retain(|s| &s.member != member);
            }
            Event::SpeakersReordered { item, members } => {
                let st = self.items.entry(item.clone()).or_default();
                let mut by_name: HashMap<String, Speaker> = st.speakers.drain(..).map(|s| (s.member.clone(), s)).collect();
                st.speakers = members.iter().filter_map(|m| by_name.remove(m)).collect();
                st.speakers.extend(by_name.into_values());
            }
            Event::FloorGiven { item, member, seconds } => {
                let st = self.items.entry(item.clone()).or_default();
                st.speakers.retain(|s| &s.member != member);
                st.floor = Some((member.clone(), e.at, *seconds));
            }
            Event::Intervention { item, member, .. } => {
                let st = self.items.entry(item.clone()).or_default();
                if st.floor.as_ref().is_some_and(|(m, _, _)| m == member) {
                    st.floor = None;
                }
                st.interventions.push(e.clone());
            }
            Event::Attendance { session, member, present } => {
                let list = self.present.entry(session.clone()).or_default();
                list.retain(|m| m != member);
                if *present {
                    list.push(member.clone());
                }
            }
            Event::ProposalMade { item, proposal, .. } => {
                self.items.entry(item.clone()).or_default().proposals_made.push(proposal.clone());
            }
            Event::Decision { item, outcome, text } => {
                let st = self.items.entry(item.clone()).or_default();
                st.decision = Some((*outcome, text.clone()));
                st.floor = None;
            }
        }
    }

    /// Seconds spent on an item by `now`.
    pub fn used(&self, id: &str, now: i64) -> i64 {
        self.items
            .get(id)
            .map_or(0, |st| st.used + st.taken_up_at.filter(|_| self.current.as_deref() == Some(id)).map_or(0, |t| (now - t).max(0)))
    }
}

fn is_party(group: Option<&WorkingGroup>, name: &str) -> bool {
    group.and_then(|g| g.member(name)).is_none_or(|m| m.category == Category::Party)
}

/// The agenda items of a meeting in order (breaks left out).
pub fn agenda_items(m: &Meeting) -> Vec<&crate::group::AgendaItem> {
    m.items().map(|(_, _, i)| i).filter(|i| i.kind == crate::group::ItemKind::Item).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::Position;

    fn group() -> WorkingGroup {
        serde_json::from_str(crate::bundled::file("agendas/sc78-wg-11-3/group.json").unwrap().text).unwrap()
    }

    fn at(t: i64, event: Event) -> Entry {
        Entry { at: t, event }
    }

    fn add(t: i64, m: &str, poo: bool) -> Entry {
        at(t, Event::SpeakerAdded { item: "2".into(), member: m.into(), point_of_order: poo })
    }

    #[test]
    fn parties_before_observers_and_points_of_order_first() {
        let g = group();
        let entries = vec![
            at(0, Event::ItemTakenUp { item: "2".into() }),
            add(1, "IUCN", false),
            add(2, "Kenya", false),
            add(3, "TRAFFIC", false),
            add(4, "Botswana", false),
            add(5, "Brazil", true),
        ];
        let s = Session::replay(&entries, Some(&g));
        let order: Vec<&str> = s.item("2").unwrap().speakers.iter().map(|x| x.member.as_str()).collect();
        assert_eq!(order, ["Brazil", "Kenya", "Botswana", "IUCN", "TRAFFIC"]);
    }

    #[test]
    fn floor_interventions_decisions_and_time_used() {
        let g = group();
        let entries = vec![
            at(100, Event::ItemTakenUp { item: "2".into() }),
            add(101, "Kenya", false),
            at(110, Event::FloorGiven { item: "2".into(), member: "Kenya".into(), seconds: 180 }),
            at(
                200,
                Event::Intervention {
                    item: "2".into(),
                    member: "Kenya".into(),
                    position: Position::Supports,
                    summary: "s".into(),
                    proposed_text: None,
                    target: None,
                },
            ),
            at(300, Event::Decision { item: "2".into(), outcome: Outcome::Agreed, text: "The working group agreed.".into() }),
            at(400, Event::ItemTakenUp { item: "3".into() }),
        ];
        let s = Session::replay(&entries, Some(&g));
        assert_eq!(s.current.as_deref(), Some("3"));
        assert_eq!(s.status("2"), ItemStatus::Concluded);
        assert_eq!(s.status("3"), ItemStatus::UnderDiscussion);
        assert_eq!(s.status("4"), ItemStatus::Pending);
        assert_eq!(s.used("2", 1000), 300);
        assert_eq!(s.used("3", 460), 60);
        assert!(s.item("2").unwrap().floor.is_none());
        assert_eq!(s.item("2").unwrap().interventions.len(), 1);
    }
}
