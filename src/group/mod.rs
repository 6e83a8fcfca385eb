//! Working groups and what they produce: membership and mandate, meeting
//! agendas, and proposals to amend resolutions. All read from JSON.

pub mod append;
pub mod countries;
pub mod mandate;
pub mod meeting;
pub mod member;
pub mod proposal;
pub mod time;

pub use meeting::{Access, AgendaItem, Day, ItemKind, Meeting, Session};
pub use member::{Category, Member, Role};
pub use proposal::{Anchor, Change, MAX_NEW_DEPTH, NewProvision, Proposal, ProposalFile, Status, text_problems};
pub use time::{Date, TimeOfDay};

use serde::{Deserialize, Serialize};

/// A working group: `agendas/<id>/group.json`; the folder name is its id.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct WorkingGroup {
    pub name: String,
    /// The body that established it (`Standing Committee`).
    pub body: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub established: Option<String>,
    /// The document the group's data comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Symbols of the resolutions the group works on (`Conf. 11.3`).
    #[serde(default)]
    pub resolutions: Vec<crate::resolution::ResolutionName>,
    pub mandate: Mandate,
    pub members: Vec<Member>,
}

/// The Decision that gives a group its work, with its lettered topics.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Mandate {
    /// The Decision's number (`19.66`).
    pub decision: String,
    pub title: String,
    /// The text that introduces the topics.
    pub chapeau: String,
    pub topics: Vec<Topic>,
    /// Text after the topics.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closing: Option<String>,
}

/// One topic of a mandate: `a) the role of professional bodies …`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    pub label: String,
    pub text: String,
}

impl WorkingGroup {
    /// The member named `name` (its full or short name, any case).
    pub fn member(&self, name: &str) -> Option<&Member> {
        self.members.iter().find(|m| m.answers_to(name))
    }

    /// Members holding a role, e.g. the co-Chairs.
    pub fn with_role(&self, role: Role) -> impl Iterator<Item = &Member> {
        self.members.iter().filter(move |m| m.roles.contains(&role))
    }
}
