//! Members of a working group: Parties, Observers (IGOs, NGOs), and the
//! Secretariat, with their roles.

use serde::{Deserialize, Serialize};

/// What kind of participant a member is. CITES practice gives the floor to
/// Parties before Observers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// A Party to the Convention (a State, or the European Union).
    Party,
    /// Observer: intergovernmental organization.
    Igo,
    /// Observer: non-governmental organization.
    Ngo,
    /// Observer: a national agency or donor that is not a Party's delegation.
    Agency,
    /// The CITES Secretariat (and its programmes).
    Secretariat,
}

impl Category {
    /// Every category (the command line offers them, by their names in group.json).
    pub const ALL: [Category; 5] = [Category::Party, Category::Igo, Category::Ngo, Category::Agency, Category::Secretariat];

    pub fn is_observer(self) -> bool {
        matches!(self, Category::Igo | Category::Ngo | Category::Agency)
    }

    pub fn describe(self) -> &'static str {
        match self {
            Category::Party => "Party",
            Category::Igo => "Observer (IGO)",
            Category::Ngo => "Observer (NGO)",
            Category::Agency => "Observer (agency)",
            Category::Secretariat => "Secretariat",
        }
    }
}

/// A role in the group's work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    Chair,
    CoChair,
    ViceChair,
    Rapporteur,
    Secretariat,
    Host,
}

impl Role {
    /// Every role (the command line offers them, by their names in group.json).
    pub const ALL: [Role; 6] = [Role::Chair, Role::CoChair, Role::ViceChair, Role::Rapporteur, Role::Secretariat, Role::Host];
}

/// One member of a group.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Member {
    pub name: String,
    /// Abbreviation used in agendas and records (`IUCN`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_name: Option<String>,
    pub category: Category,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<Role>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Member {
    /// True when `name` is this member's name or short name (any case).
    pub fn answers_to(&self, name: &str) -> bool {
        let n = name.trim();
        self.name.eq_ignore_ascii_case(n) || self.short_name.as_deref().is_some_and(|s| s.eq_ignore_ascii_case(n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_lists_every_category_and_role_once() {
        // A new variant fails to compile here until it is placed in ALL.
        let place = |c: Category| match c {
            Category::Party => 0,
            Category::Igo => 1,
            Category::Ngo => 2,
            Category::Agency => 3,
            Category::Secretariat => 4,
        };
        assert!(Category::ALL.iter().enumerate().all(|(i, c)| place(*c) == i));
        let place = |r: Role| match r {
            Role::Chair => 0,
            Role::CoChair => 1,
            Role::ViceChair => 2,
            Role::Rapporteur => 3,
            Role::Secretariat => 4,
            Role::Host => 5,
        };
        assert!(Role::ALL.iter().enumerate().all(|(i, r)| place(*r) == i));
    }
}
