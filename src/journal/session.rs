//! The state of a meeting, as the journal's events build it: the current
//! item, each item's list of speakers, who holds the floor and until when,
//! the interventions and decisions.

use std::collections::HashMap;

use super::{Entry, Event, Outcome};
use crate::group::{Category, Proposal, WorkingGroup};

/// Where an agenda item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemStatus {
    Pending,
    UnderDiscussion,
    /// Left without a decision, to be resumed.
    Suspended,
    Concluded,
    Deferred,
    /// Decided, and what it adopts is being committed (or was, when the room stopped).
    Committing,
    /// Decided, but git does not have what it adopts: the commit failed.
    NotCommitted,
}

/// A member waiting for the floor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    pub member: String,
    pub point_of_order: bool,
}

/// Who holds the floor, and their countdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Floor {
    pub member: String,
    /// When the floor was given (seconds since the epoch).
    pub since: i64,
    /// Seconds given in all.
    pub seconds: u32,
    /// When the countdown was paused, while it is.
    pub paused_at: Option<i64>,
    /// Seconds spent paused before.
    pub paused_for: i64,
}

impl Floor {
    /// Seconds left at `now` (negative when over).
    pub fn left(&self, now: i64) -> i64 {
        self.since + i64::from(self.seconds) + self.paused_for - self.paused_at.unwrap_or(now)
    }
}

/// A proposal drafted during an item, and whether git has it.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    /// The journal entry that made it.
    pub entry: String,
    pub proposal: String,
    pub target: String,
    pub text: String,
    /// The whole proposal, for saving it again after a failure.
    pub draft: Option<Proposal>,
    pub commit: Option<String>,
    pub failed: Option<String>,
}

/// An item's decision, and what git has of it.
#[derive(Debug, Clone, PartialEq)]
pub struct DecisionState {
    /// The journal entry that recorded it.
    pub entry: String,
    pub outcome: Outcome,
    pub text: String,
    /// The proposals it adopts.
    pub adopt: Vec<String>,
    /// Proposals committed so far, with their commits.
    pub committed: Vec<(String, String)>,
    pub failed: Option<String>,
}

impl DecisionState {
    /// The proposals it adopts that git does not have yet.
    pub fn outstanding(&self) -> Vec<String> {
        self.adopt.iter().filter(|p| !self.committed.iter().any(|(c, _)| c == *p)).cloned().collect()
    }
}

/// One agenda item's state.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ItemState {
    pub speakers: Vec<Speaker>,
    pub floor: Option<Floor>,
    /// Seconds spent on the item (summed over the times it was current).
    pub used: i64,
    pub taken_up_at: Option<i64>,
    pub interventions: Vec<Entry>,
    pub decision: Option<DecisionState>,
    /// Proposals drafted during the item, in order.
    pub drafts: Vec<Draft>,
    /// The provision the chair put on the screen during the item (its identity).
    pub on_screen: Option<String>,
    /// The chair closed the list of speakers.
    pub list_closed: bool,
    /// Where the chair put the item when leaving it (cleared when it is taken up again).
    pub mark: Option<super::ItemMark>,
}

/// The meeting as the journal left it.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    pub current: Option<String>,
    /// Members marked present, by session title.
    pub present: HashMap<String, Vec<String>>,
    /// Items added and moved in the session, in order.
    pub agenda: Vec<super::AgendaEdit>,
    /// Proposals withdrawn or rejected in the session, with how (the proposals file has it once committed).
    pub dropped: HashMap<String, crate::group::Status>,
    /// Members marked absent, by session title (one who took the floor is present unless marked so).
    pub absent: HashMap<String, Vec<String>>,
    pub items: HashMap<String, ItemState>,
    /// Parties speak before Observers (CITES practice), unless the chair turns it off.
    pub parties_first: bool,
    /// Seconds each speaker is given.
    pub speaking_time: u32,
    /// Every entry applied, corrections included (a correction rebuilds the session from them).
    pub log: Vec<Entry>,
}

impl Default for Session {
    fn default() -> Self {
        Session::new()
    }
}

impl Session {
    pub fn new() -> Session {
        Session {
            current: None,
            present: HashMap::new(),
            absent: HashMap::new(),
            dropped: HashMap::new(),
            agenda: Vec::new(),
            items: HashMap::new(),
            parties_first: true,
            speaking_time: 180,
            log: Vec::new(),
        }
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
            Some(st) => match &st.decision {
                Some(d) if d.failed.is_some() => ItemStatus::NotCommitted,
                Some(d) if !d.outstanding().is_empty() => ItemStatus::Committing,
                Some(d) if d.outcome == Outcome::Deferred => ItemStatus::Deferred,
                Some(_) => ItemStatus::Concluded,
                None if self.current.as_deref() == Some(id) => ItemStatus::UnderDiscussion,
                None if st.mark == Some(super::ItemMark::Pending) => ItemStatus::Pending,
                None if st.mark == Some(super::ItemMark::Suspended) => ItemStatus::Suspended,
                None if st.mark == Some(super::ItemMark::Deferred) => ItemStatus::Deferred,
                None if st.taken_up_at.is_some() || st.used > 0 => ItemStatus::UnderDiscussion,
                None => ItemStatus::Pending,
            },
            None => ItemStatus::Pending,
        }
    }

    /// Applies one entry. A correction rebuilds the session from the corrected entries.
    pub fn apply(&mut self, e: &Entry, group: Option<&WorkingGroup>) {
        self.log.push(e.clone());
        if matches!(e.event, Event::Correction { .. }) {
            let log = std::mem::take(&mut self.log);
            let mut fresh = Session::new();
            for x in super::effective(&log) {
                fresh.apply_one(&x, group);
            }
            fresh.log = log;
            *self = fresh;
        } else {
            self.apply_one(e, group);
        }
    }

    fn apply_one(&mut self, e: &Entry, group: Option<&WorkingGroup>) {
        match &e.event {
            Event::ItemTakenUp { item } => {
                if let Some(cur) = self.current.clone() {
                    let st = self.items.entry(cur).or_default();
                    if let Some(t) = st.taken_up_at.take() {
                        st.used += (e.at - t).max(0);
                    }
                }
                self.current = Some(item.clone());
                let st = self.items.entry(item.clone()).or_default();
                st.taken_up_at = Some(e.at);
                st.mark = None;
            }
            Event::SpeakerAdded { item, member, point_of_order } => {
                let parties_first = self.parties_first;
                let st = self.items.entry(item.clone()).or_default();
                st.speakers.retain(|s| &s.member != member);
                let sp = Speaker { member: member.clone(), point_of_order: *point_of_order };
                if *point_of_order {
                    let at = st.speakers.iter().take_while(|s| s.point_of_order).count();
                    st.speakers.insert(at, sp);
                } else if parties_first && is_party(group, member) {
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
                let old = std::mem::take(&mut st.speakers);
                for m in members {
                    if let Some(sp) = old.iter().find(|s| &s.member == m)
                        && !st.speakers.iter().any(|s| &s.member == m)
                    {
                        st.speakers.push(sp.clone());
                    }
                }
                // Anyone the new order does not name keeps their place after it.
                st.speakers.extend(old.into_iter().filter(|s| !members.contains(&s.member)));
            }
            Event::FloorGiven { item, member, seconds } => {
                let st = self.items.entry(item.clone()).or_default();
                st.speakers.retain(|s| &s.member != member);
                st.floor = Some(Floor { member: member.clone(), since: e.at, seconds: *seconds, paused_at: None, paused_for: 0 });
            }
            Event::FloorPaused { item } => {
                if let Some(f) = self.items.entry(item.clone()).or_default().floor.as_mut() {
                    f.paused_at.get_or_insert(e.at);
                }
            }
            Event::FloorResumed { item } => {
                if let Some(f) = self.items.entry(item.clone()).or_default().floor.as_mut()
                    && let Some(p) = f.paused_at.take()
                {
                    f.paused_for += (e.at - p).max(0);
                }
            }
            Event::FloorTime { item, seconds } => {
                if let Some(f) = self.items.entry(item.clone()).or_default().floor.as_mut() {
                    f.seconds = *seconds;
                }
            }
            Event::SpeakingTime { seconds } => self.speaking_time = *seconds,
            Event::OrderChanged { parties_first } => self.parties_first = *parties_first,
            Event::ItemAdded { item, title, after } => {
                self.agenda.push(super::AgendaEdit::Added { item: item.clone(), title: title.clone(), after: after.clone() })
            }
            Event::ItemMoved { item, after } => self.agenda.push(super::AgendaEdit::Moved { item: item.clone(), after: after.clone() }),
            Event::ItemMarked { item, mark } => {
                // An item sent on is no longer the one under discussion.
                if self.current.as_deref() == Some(item.as_str()) {
                    if let Some(t) = self.items.get_mut(item).and_then(|st| st.taken_up_at.take()) {
                        self.items.entry(item.clone()).or_default().used += (e.at - t).max(0);
                    }
                    self.current = None;
                }
                self.items.entry(item.clone()).or_default().mark = Some(*mark);
            }
            Event::ProposalDropped { proposal, status, .. } => {
                self.dropped.insert(proposal.clone(), *status);
            }
            Event::ListClosed { item, closed } => self.items.entry(item.clone()).or_default().list_closed = *closed,
            Event::OnScreen { item, provision } => self.items.entry(item.clone()).or_default().on_screen = provision.clone(),
            Event::Intervention { item, member, .. } => {
                let st = self.items.entry(item.clone()).or_default();
                if st.floor.as_ref().is_some_and(|f| &f.member == member) {
                    st.floor = None;
                }
                st.interventions.push(e.clone());
            }
            Event::Attendance { session, member, present } => {
                let (mark, unmark) = if *present { (&mut self.present, &mut self.absent) } else { (&mut self.absent, &mut self.present) };
                unmark.entry(session.clone()).or_default().retain(|m| m != member);
                let list = mark.entry(session.clone()).or_default();
                if !list.contains(member) {
                    list.push(member.clone());
                }
            }
            Event::ProposalMade { item, proposal, target, text, draft, .. } => {
                self.items.entry(item.clone()).or_default().drafts.push(Draft {
                    entry: e.id.clone(),
                    proposal: proposal.clone(),
                    target: target.clone(),
                    text: text.clone(),
                    draft: draft.as_deref().cloned(),
                    commit: None,
                    failed: None,
                });
            }
            Event::Decision { item, outcome, text, adopt, .. } => {
                let st = self.items.entry(item.clone()).or_default();
                // The decision ends the item's time: minutes used are minutes
                // of deliberation, not the minutes until the chair takes up
                // the next item (nor the hours the room stood closed: an
                // item decided before a break read 47/40′ after it).
                if let Some(t) = st.taken_up_at.take() {
                    st.used += (e.at - t).max(0);
                }
                st.decision = Some(DecisionState {
                    entry: e.id.clone(),
                    outcome: *outcome,
                    text: text.clone(),
                    adopt: adopt.clone(),
                    committed: Vec::new(),
                    failed: None,
                });
                st.floor = None;
            }
            Event::Committed { of, proposal, commit, takes_back } => {
                for st in self.items.values_mut() {
                    if let Some(d) = st.decision.as_mut().filter(|d| &d.entry == of) {
                        match (takes_back, proposal) {
                            (Some(back), _) => d.committed.retain(|(_, c)| c != back),
                            (None, Some(p)) if !d.committed.iter().any(|(x, _)| x == p) => d.committed.push((p.clone(), commit.clone())),
                            _ => {}
                        }
                        d.failed = None;
                    }
                    for dr in st.drafts.iter_mut().filter(|d| &d.entry == of && takes_back.is_none()) {
                        dr.commit = Some(commit.clone());
                        dr.failed = None;
                    }
                }
            }
            Event::CommitFailed { of, reason } => {
                for st in self.items.values_mut() {
                    if let Some(d) = st.decision.as_mut().filter(|d| &d.entry == of) {
                        d.failed = Some(reason.clone());
                    }
                    for dr in st.drafts.iter_mut().filter(|d| &d.entry == of) {
                        dr.failed = Some(reason.clone());
                    }
                }
            }
            Event::Correction { .. } => {}
        }
    }

    /// Seconds spent on an item by `now`.
    pub fn used(&self, id: &str, now: i64) -> i64 {
        self.items
            .get(id)
            .map_or(0, |st| st.used + st.taken_up_at.filter(|_| self.current.as_deref() == Some(id)).map_or(0, |t| (now - t).max(0)))
    }

    /// Who was present at a session whose agenda items are `items`: those
    /// marked present, then those who took the floor under its items (in the
    /// order they spoke), unless the chair marked them absent.
    pub fn present_at(&self, session: &str, items: &[String]) -> Vec<String> {
        let mut v = self.present.get(session).cloned().unwrap_or_default();
        let absent = self.absent.get(session);
        let spoke = items.iter().filter_map(|id| self.items.get(id)).flat_map(|st| &st.interventions).filter_map(|e| match &e.event {
            Event::Intervention { member, .. } => Some(member),
            _ => None,
        });
        for m in spoke {
            if !v.contains(m) && !absent.is_some_and(|a| a.contains(m)) {
                v.push(m.clone());
            }
        }
        v
    }

    /// The entry with this id, as recorded.
    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.log.iter().find(|e| e.id == id)
    }
}

fn is_party(group: Option<&WorkingGroup>, name: &str) -> bool {
    group.and_then(|g| g.member(name)).is_none_or(|m| m.category == Category::Party)
}

#[cfg(test)]
mod tests;
