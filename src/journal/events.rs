//! What the journal records: the events of a meeting, each with when it
//! was recorded and an id unique across machines. A correction is an event
//! too: the journal is never rewritten.

use serde::{Deserialize, Serialize};

use crate::group::Proposal;

/// A member's stance in an intervention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Position {
    Supports,
    Opposes,
    ProposesText,
    AsksQuestion,
    General,
}

impl Position {
    pub const ALL: [Position; 5] =
        [Position::General, Position::Supports, Position::Opposes, Position::ProposesText, Position::AsksQuestion];

    pub fn describe(self) -> &'static str {
        match self {
            Position::Supports => "supports",
            Position::Opposes => "opposes",
            Position::ProposesText => "proposes text",
            Position::AsksQuestion => "asks a question",
            Position::General => "general",
        }
    }
}

/// How an agenda item ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    Agreed,
    AgreedAsAmended,
    Noted,
    Deferred,
    NoConsensus,
}

impl Outcome {
    pub const ALL: [Outcome; 5] = [Outcome::Agreed, Outcome::AgreedAsAmended, Outcome::Noted, Outcome::Deferred, Outcome::NoConsensus];

    pub fn describe(self) -> &'static str {
        match self {
            Outcome::Agreed => "agreed",
            Outcome::AgreedAsAmended => "agreed as amended",
            Outcome::Noted => "noted",
            Outcome::Deferred => "deferred",
            Outcome::NoConsensus => "no consensus",
        }
    }
}

/// How a member voted in a roll-call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Ballot {
    InFavour,
    Against,
    Abstaining,
}

/// A member's vote in a roll-call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RollCall {
    pub member: String,
    pub ballot: Ballot,
}

/// A vote on a decision: the counts, and in a roll-call how each Party voted.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vote {
    pub in_favour: u32,
    pub against: u32,
    pub abstaining: u32,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roll_call: Vec<RollCall>,
}

impl Vote {
    /// A roll-call vote, its counts those of the ballots.
    pub fn roll_call(ballots: Vec<RollCall>) -> Vote {
        let count = |b: Ballot| ballots.iter().filter(|r| r.ballot == b).count() as u32;
        Vote {
            in_favour: count(Ballot::InFavour),
            against: count(Ballot::Against),
            abstaining: count(Ballot::Abstaining),
            roll_call: ballots,
        }
    }

    /// The members who voted so, in a roll-call.
    pub fn voting(&self, b: Ballot) -> Vec<String> {
        self.roll_call.iter().filter(|r| r.ballot == b).map(|r| r.member.clone()).collect()
    }
}

/// One thing that happened in the meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Event {
    /// The chair takes up an agenda item.
    ItemTakenUp {
        item: String,
    },
    /// A member asks for the floor (a point of order goes to the front).
    SpeakerAdded {
        item: String,
        member: String,
        point_of_order: bool,
    },
    SpeakerRemoved {
        item: String,
        member: String,
    },
    /// The list of speakers in a new order.
    SpeakersReordered {
        item: String,
        members: Vec<String>,
    },
    /// The chair gives the floor, for so many seconds.
    FloorGiven {
        item: String,
        member: String,
        seconds: u32,
    },
    /// The intervention as noted when the speaker finishes.
    Intervention {
        item: String,
        member: String,
        position: Position,
        summary: String,
        proposed_text: Option<String>,
        target: Option<String>,
    },
    /// The outcome of the item, and the proposals it adopts (each one commit, after this entry).
    Decision {
        item: String,
        outcome: Outcome,
        text: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        adopt: Vec<String>,
        /// When the decision was taken by vote.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        vote: Option<Vote>,
    },
    /// A member marked present or absent at a session of the meeting.
    Attendance {
        session: String,
        member: String,
        present: bool,
    },
    /// A proposal drafted in the meeting; it is committed to the proposals file after this entry.
    ProposalMade {
        item: String,
        proposal: String,
        proponents: Vec<String>,
        supporters: Vec<String>,
        target: String,
        text: String,
        /// The text it was drafted against.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        drafted_against: Option<String>,
        /// The whole proposal as saved, so that a save that failed can be tried again.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        draft: Option<Box<Proposal>>,
    },
    /// What the entry `of` asked of git was committed (a proposal saved, a decision adopted, a decision taken back).
    Committed {
        of: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        proposal: Option<String>,
        commit: String,
        /// The commit this one took back (a revert), if it is one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        takes_back: Option<String>,
    },
    /// What the entry `of` asked of git could not be committed; nothing was written.
    CommitFailed {
        of: String,
        reason: String,
    },
    /// The chair corrects an earlier entry (`with` the corrected event) or strikes it (`with` none).
    Correction {
        of: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        with: Option<Box<Event>>,
        #[serde(default)]
        reason: String,
    },
    /// The speaker's countdown stops, or runs again.
    FloorPaused {
        item: String,
    },
    FloorResumed {
        item: String,
    },
    /// The current speaker is given this many seconds in all.
    FloorTime {
        item: String,
        seconds: u32,
    },
    /// The time each speaker is given from now on.
    SpeakingTime {
        seconds: u32,
    },
    /// Parties speak before Observers, or in the order asked.
    OrderChanged {
        parties_first: bool,
    },
    /// The chair adds an item to the agenda in session, after `after` (first when none).
    ItemAdded {
        item: String,
        title: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        after: Option<String>,
    },
    /// The chair moves an item, to after `after` (first when none).
    ItemMoved {
        item: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        after: Option<String>,
    },
    /// The chair marks an item pending, suspended or deferred (an item left without a decision, or sent on).
    ItemMarked {
        item: String,
        mark: super::ItemMark,
    },
    /// A pending proposal withdrawn (at its proponents' request) or
    /// rejected in the session; it is committed to the proposals file after this entry.
    ProposalDropped {
        item: String,
        proposal: String,
        /// `withdrawn` or `rejected`.
        status: crate::group::Status,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        reason: String,
    },
    /// The chair closes the item's list of speakers ("the list is closed"), or reopens it.
    ListClosed {
        item: String,
        closed: bool,
    },
    /// The chair puts a provision on the room's screen (`gavel screen`), by
    /// its identity in the text as the item's proposals make it; none takes
    /// it off.
    OnScreen {
        item: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        provision: Option<String>,
    },
}

impl Event {
    /// The agenda item the event belongs to, if any.
    pub fn item(&self) -> Option<&str> {
        match self {
            Event::ItemTakenUp { item }
            | Event::SpeakerAdded { item, .. }
            | Event::SpeakerRemoved { item, .. }
            | Event::SpeakersReordered { item, .. }
            | Event::FloorGiven { item, .. }
            | Event::Intervention { item, .. }
            | Event::Decision { item, .. }
            | Event::ProposalMade { item, .. }
            | Event::FloorPaused { item }
            | Event::FloorResumed { item }
            | Event::FloorTime { item, .. }
            | Event::OnScreen { item, .. }
            | Event::ListClosed { item, .. }
            | Event::ProposalDropped { item, .. }
            | Event::ItemAdded { item, .. }
            | Event::ItemMoved { item, .. }
            | Event::ItemMarked { item, .. } => Some(item),
            Event::Correction { with: Some(e), .. } => e.item(),
            Event::Attendance { .. }
            | Event::Committed { .. }
            | Event::CommitFailed { .. }
            | Event::Correction { .. }
            | Event::SpeakingTime { .. }
            | Event::OrderChanged { .. } => None,
        }
    }
}

/// An event with when it was recorded (seconds since the epoch) and its id:
/// the writing machine and a sequence number (`3f2a91c0-17`). Entries
/// written before ids existed are named by their line (`line-17`) when read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    pub at: i64,
    #[serde(flatten)]
    pub event: Event,
}

impl Entry {
    /// An entry not yet given its id (the journal gives it one when appending).
    pub fn new(at: i64, event: Event) -> Entry {
        Entry { id: String::new(), at, event }
    }
}

/// The entries as corrected: each correction replaces or strikes the entry
/// it names (the last correction of an entry wins), and the corrections
/// themselves are left out. Entries that record what git did stay.
pub fn effective(entries: &[Entry]) -> Vec<Entry> {
    let mut fixes: std::collections::HashMap<&str, Option<&Event>> = std::collections::HashMap::new();
    for e in entries {
        if let Event::Correction { of, with, .. } = &e.event {
            fixes.insert(of.as_str(), with.as_deref());
        }
    }
    entries
        .iter()
        .filter(|e| !matches!(e.event, Event::Correction { .. }))
        .filter_map(|e| match fixes.get(e.id.as_str()) {
            None => Some(e.clone()),
            Some(None) => None,
            Some(Some(with)) => Some(Entry { id: e.id.clone(), at: e.at, event: (*with).clone() }),
        })
        .collect()
}
