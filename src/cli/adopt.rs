//! `gavel adopt RESOLUTION REFERENCE [--proposal ID]`: the decision, as a commit.

use std::path::Path;

use super::{CliError, emit, open, show::find};
use crate::group::{Proposal, Status};
use crate::resolution::resolve::Target;
use crate::resolution::{ParagraphRef, ResolutionName};
use crate::store::{Adoption, Author, Decision, Store, adopt};

pub struct Args {
    pub resolution: String,
    pub reference: String,
    pub proposal: Option<String>,
    pub author: Option<String>,
    pub meeting: Option<String>,
    pub item: Option<String>,
    pub as_amended: bool,
}

pub fn run(repo: Option<&Path>, a: Args) -> Result<u8, CliError> {
    let name: ResolutionName = a.resolution.parse().map_err(CliError::user)?;
    let reference: ParagraphRef = a.reference.parse().map_err(CliError::user)?;
    let author = a.author.as_deref().map(Author::parse).transpose().map_err(CliError::user)?;
    let ws = open(repo)?;
    let loaded = find(&ws, &name)?;
    let res = &loaded.value;
    let target = res.resolve(&reference).map_err(CliError::user)?;
    let file = ws.proposals_on(res).ok_or_else(|| CliError::user(format!("there are no proposals on {}", res.display_name())))?;
    let touching: Vec<(usize, &Proposal)> = file
        .value
        .proposals
        .iter()
        .enumerate()
        .filter(|(_, p)| a.proposal.as_ref().is_none_or(|id| &p.id == id))
        .filter(|(_, p)| touches(res, p, target))
        .collect();
    let (index, proposal) = match (touching.as_slice(), &a.proposal) {
        ([one], _) => *one,
        ([], Some(id)) => {
            return Err(CliError::user(format!("proposal `{id}` does not touch {} of {}", reference.describe(), res.display_name())));
        }
        ([], None) => return Err(CliError::user(format!("no proposal touches {} of {}", reference.describe(), res.display_name()))),
        (many, _) => {
            let pending: Vec<&(usize, &Proposal)> = many.iter().filter(|(_, p)| p.status == Status::Pending).collect();
            match pending.as_slice() {
                [one] => **one,
                _ => {
                    let ids: Vec<String> = many.iter().map(|(_, p)| format!("{} ({})", p.id, p.proponents.join(", "))).collect();
                    return Err(CliError::user(format!(
                        "{} proposals touch {}: {}; choose one with --proposal ID",
                        many.len(),
                        reference.describe(),
                        ids.join(", ")
                    )));
                }
            }
        }
    };
    if let Some(m) = &a.meeting {
        let meeting = ws.meetings.iter().find(|x| &x.id == m).ok_or_else(|| {
            let ids: Vec<&str> = ws.meetings.iter().map(|x| x.id.as_str()).collect();
            CliError::user(format!("no meeting `{m}`; there are: {}", ids.join(", ")))
        })?;
        if let Some(i) = &a.item {
            if meeting.meeting.value.item(i).is_none() {
                return Err(CliError::user(format!("meeting `{m}` has no agenda item `{i}`")));
            }
        }
    } else if a.item.is_some() {
        return Err(CliError::user("--item names an agenda item of a meeting: give --meeting too"));
    }
    let store = Store::open(&ws.root).map_err(CliError::user)?;
    let adoption = Adoption {
        resolution: res,
        resolution_path: &loaded.path,
        proposals_path: &file.path,
        proposals_source: &file.source,
        proposal_index: index,
        proposal,
        decision: if a.as_amended { Decision::AgreedAsAmended } else { Decision::Agreed },
        meeting: a.meeting.clone(),
        agenda_item: a.item.clone(),
        author,
    };
    let done = adopt(&store, &adoption).map_err(CliError::user)?;
    let short = done.commit.to_string()[..7].to_string();
    let mut out = format!("Recorded: {} (commit {short})\n", done.subject);
    if !done.left_alone.is_empty() {
        out.push_str(&format!("Other uncommitted changes were left as they were: {}\n", done.left_alone.join(", ")));
    }
    emit(&out)?;
    Ok(0)
}

/// True when a proposal changes the provision `t`, something inside it, or what contains it.
pub(super) fn touches(res: &crate::resolution::Resolution, p: &Proposal, t: Target) -> bool {
    let Target::Node(t) = t else { return true };
    p.changes.iter().any(|c| match res.resolve(c.reference()) {
        Ok(Target::Node(i)) => res.subtree(t).contains(&i) || res.subtree(i).contains(&t),
        _ => false,
    })
}
