//! `gavel adopt`, `gavel propose`, `gavel withdraw`, `gavel reject`: the
//! use cases of `ops` on the command line.

use std::fmt::Write as _;
use std::path::Path;

use super::{CliError, emit, open, show::find};
use crate::group::{Anchor, Change, Proposal, Status};
use crate::ops::{self, Context, Decision};
use crate::resolution::resolve::Target;
use crate::resolution::{ParagraphRef, ResolutionName};
use crate::store::Author;

pub struct Args {
    pub resolution: String,
    pub reference: String,
    pub proposal: Option<String>,
    pub rec: super::Recording,
    pub as_amended: bool,
    pub text: Option<String>,
}

impl From<ops::OpError> for CliError {
    fn from(e: ops::OpError) -> Self {
        CliError { code: e.exit_code(), message: e.to_string() }
    }
}

/// The meeting and item named on the command line, checked against the agenda.
fn context(ws: &crate::workspace::Workspace, rec: &super::Recording, doing: &str) -> Result<Context, CliError> {
    let (meeting, item) = (rec.meeting.as_deref(), rec.item.as_deref());
    let author = rec.author.as_deref().map(Author::parse).transpose().map_err(CliError::user)?;
    if let Some(m) = meeting {
        let entry = &ws.meetings[super::meeting(ws, m)?];
        if let Some(i) = item
            && entry.meeting.value.item(i).is_none()
        {
            return Err(CliError::user(format!("meeting `{m}` has no agenda item `{i}`")));
        }
    } else if item.is_some() {
        return Err(CliError::user("--item names an agenda item of a meeting: give --meeting too"));
    }
    Ok(Context { meeting: meeting.map(str::to_string), agenda_item: item.map(str::to_string), author, doing: doing.into(), wait: None })
}

pub fn run(repo: Option<&Path>, a: Args) -> Result<u8, CliError> {
    let name: ResolutionName = a.resolution.parse().map_err(CliError::user)?;
    let reference: ParagraphRef = a.reference.parse().map_err(CliError::user)?;
    let ws = open(repo)?;
    let ctx = context(&ws, &a.rec, "gavel adopt")?;
    let loaded = find(&ws, &name)?;
    let res = &loaded.value;
    super::needs(&ws, &super::resolution_files(res))?;
    let target = res.resolve(&reference).map_err(CliError::user)?;
    let file = ws.proposals_on(res).ok_or_else(|| CliError::user(format!("there are no proposals on {}", res.display_name())))?;
    let touching: Vec<(usize, &Proposal)> = ops::touching(res, &file.value.proposals, target)
        .into_iter()
        .filter(|(_, p)| a.proposal.as_ref().is_none_or(|id| &p.id == id))
        .collect();
    let proposal = match (touching.as_slice(), &a.proposal) {
        ([one], _) => one.1,
        ([], Some(id)) => {
            return Err(CliError::user(format!("proposal `{id}` does not touch {} of {}", reference.describe(), res.display_name())));
        }
        ([], None) => return Err(CliError::user(format!("no proposal touches {} of {}", reference.describe(), res.display_name()))),
        (many, _) => {
            let pending: Vec<&(usize, &Proposal)> = many.iter().filter(|(_, p)| p.status == Status::Pending).collect();
            match pending.as_slice() {
                [one] => one.1,
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
    let decision = if a.as_amended { Decision::AgreedAsAmended } else { Decision::Agreed };
    let done = ops::adopt(&ws.root, &name, &proposal.id, decision, a.text.as_deref().unwrap_or(""), &ctx)?;
    let mut out = format!("Recorded: {} (commit {})\n", done.subject, &done.commit.to_string()[..7]);
    if !done.superseded.is_empty() {
        let _ = writeln!(out, "Superseded (they changed the same provision): {}", done.superseded.join(", "));
    }
    if !done.left_alone.is_empty() {
        let _ = writeln!(out, "Other uncommitted changes were left as they were: {}", done.left_alone.join(", "));
    }
    emit(&out)?;
    Ok(0)
}

pub struct ProposeArgs {
    pub resolution: String,
    pub reference: String,
    pub text: Option<String>,
    pub insert_after: bool,
    pub insert_before: bool,
    pub delete: bool,
    pub by: Vec<String>,
    pub supported_by: Vec<String>,
    pub id: Option<String>,
    pub title: Option<String>,
    pub rec: super::Recording,
}

/// `gavel propose`: a proposal drafted on the command line, saved as the room saves one.
pub fn propose(repo: Option<&Path>, a: ProposeArgs) -> Result<u8, CliError> {
    let name: ResolutionName = a.resolution.parse().map_err(CliError::user)?;
    let reference: ParagraphRef = a.reference.parse().map_err(CliError::user)?;
    let ws = open(repo)?;
    let ctx = context(&ws, &a.rec, "gavel propose")?;
    let loaded = find(&ws, &name)?;
    let res = &loaded.value;
    super::needs(&ws, &super::resolution_files(res))?;
    let Target::Node(idx) = res.resolve(&reference).map_err(CliError::user)? else {
        return Err(CliError::user("name one provision (`23 b)`, `preamble 5`) to propose a change to"));
    };
    let proponents: Vec<String> = a.by.iter().map(|n| member(&ws, n)).collect::<Result<_, _>>()?;
    let supporters: Vec<String> = a.supported_by.iter().map(|n| member(&ws, n)).collect::<Result<_, _>>()?;
    if proponents.is_empty() {
        return Err(CliError::user("name who proposes it: --by \"Kenya\" (repeat for a joint proposal)"));
    }
    let base = res.node(idx).text.clone();
    let text = a.text.clone();
    let change = match (a.delete, a.insert_before, a.insert_after, text) {
        (true, false, false, None) => Change::Delete { target: reference.clone(), drafted_against: base },
        (false, true, false, Some(t)) => {
            Change::Insert { anchor: Anchor::Before(reference.clone()), text: t, children: vec![], drafted_beside: None }
        }
        (false, false, true, Some(t)) => {
            Change::Insert { anchor: Anchor::After(reference.clone()), text: t, children: vec![], drafted_beside: None }
        }
        (false, false, false, Some(t)) => Change::Replace { target: reference.clone(), drafted_against: base, text: t },
        _ => return Err(CliError::user("give --text (new text), with --before or --after to insert; or --delete alone")),
    };
    let existing: Vec<String> = ws.proposals_on(res).map(|f| f.value.proposals.iter().map(|p| p.id.clone()).collect()).unwrap_or_default();
    let id = a.id.clone().unwrap_or_else(|| {
        ops::free_id(
            &existing,
            &format!(
                "{}-{}",
                res.header.symbol.slug(),
                reference.to_string().chars().filter(char::is_ascii_alphanumeric).collect::<String>()
            ),
        )
    });
    let group = ws.groups.iter().find(|(_, g)| g.value.resolutions.iter().any(|r| r.symbol == res.header.symbol)).map(|(id, _)| id.clone());
    let proposal = Proposal {
        id,
        title: a.title.clone().unwrap_or_else(|| {
            format!("Amendment to {} proposed by {}", reference.describe(), crate::store::message::and_list(&proponents))
        }),
        group,
        proponents,
        supporters,
        source: ctx.meeting.as_ref().map(|m| match &ctx.agenda_item {
            Some(i) => format!("meeting {m}, agenda item {i}"),
            None => format!("meeting {m}"),
        }),
        revision: res.header.revision,
        status: Status::Pending,
        changes: vec![change],
        amends: None,
        note: None,
    };
    let saved = ops::save_proposal(&ws.root, &name, &proposal, &ctx)?;
    match saved.commit {
        Some(c) => emit(&format!("Recorded: {} (proposal {}, commit {})\n", saved.subject, saved.id, &c.to_string()[..7]))?,
        None => emit(&format!("Proposal {} is already recorded.\n", saved.id))?,
    }
    Ok(0)
}

/// A member's name as the membership writes it.
fn member(ws: &crate::workspace::Workspace, name: &str) -> Result<String, CliError> {
    ws.groups
        .iter()
        .find_map(|(_, g)| g.value.member(name).map(|m| m.name.clone()))
        .ok_or_else(|| CliError::user(format!("`{name}` is not a member of any working group here")))
}

pub struct StatusArgs {
    pub resolution: String,
    pub proposal: String,
    pub reason: Option<String>,
    pub rec: super::Recording,
}

/// `gavel withdraw` and `gavel reject`.
pub fn set_status(repo: Option<&Path>, a: StatusArgs, status: Status) -> Result<u8, CliError> {
    let name: ResolutionName = a.resolution.parse().map_err(CliError::user)?;
    let ws = open(repo)?;
    let res = &find(&ws, &name)?.value;
    super::needs(&ws, &super::resolution_files(res))?;
    let doing = if status == Status::Withdrawn { "gavel withdraw" } else { "gavel reject" };
    let ctx = context(&ws, &a.rec, doing)?;
    let commit = ops::set_status(&ws.root, &name, &a.proposal, status, a.reason.as_deref().unwrap_or(""), &ctx)?;
    emit(&format!("Recorded: proposal {} {} (commit {})\n", a.proposal, status.as_str(), &commit.to_string()[..7]))?;
    Ok(0)
}
