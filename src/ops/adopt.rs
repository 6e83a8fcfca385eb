//! Adopting a proposal: the adopted text written into the resolution file,
//! the proposal marked adopted (and pending proposals that compete with it
//! on the same provision marked superseded), as one commit by the chair.

use std::path::Path;

use git2::Oid;

use super::{Context, OpError, locked, not_agreed, pending, resolution_and_proposals};
use crate::group::{Anchor, Change, Proposal, Status};
use crate::redline::amend::{Problem, apply};
use crate::resolution::{Resolution, ResolutionName, write::to_text};
use crate::store::NewFile;
use crate::store::message::and_list;

/// What the meeting decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Agreed,
    /// Agreed with other text than first proposed.
    AgreedAsAmended,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Agreed => "agreed",
            Decision::AgreedAsAmended => "agreed as amended",
        }
    }
}

/// What was recorded.
#[derive(Debug, Clone)]
pub struct Adopted {
    pub proposal: String,
    pub commit: Oid,
    pub subject: String,
    /// Pending proposals on the same provision, now superseded.
    pub superseded: Vec<String>,
    /// Other files with uncommitted changes, left as they were.
    pub left_alone: Vec<String>,
}

/// Adopts proposal `id` on resolution `name`: one commit of the resolution
/// and its proposals file. `text` is the decision as the chair typed it.
pub fn adopt(root: &Path, name: &ResolutionName, id: &str, decision: Decision, text: &str, ctx: &Context) -> Result<Adopted, OpError> {
    let l = locked(root, ctx)?;
    let (loaded, file) = resolution_and_proposals(&l.ws, name)?;
    let res = &loaded.value;
    let (file, index, p) = pending(res, file, id)?;
    super::well_formed(p)?;
    if let Some(b) = not_agreed(p) {
        return Err(OpError::Bracketed(p.id.clone(), b));
    }
    let applied = apply(res, [p]);
    if let Some((_, problems)) = applied.not_applied.first() {
        let why: Vec<String> = problems.iter().map(Problem::to_string).collect();
        return Err(OpError::NotApplicable(p.id.clone(), why.join("; ")));
    }
    let superseded: Vec<(usize, &Proposal)> = file
        .value
        .proposals
        .iter()
        .enumerate()
        .filter(|(k, q)| *k != index && q.status == Status::Pending && crate::redline::amend::competes(res, p, q))
        .collect();
    let mut statuses: Vec<(usize, Status)> = vec![(index, Status::Adopted)];
    statuses.extend(superseded.iter().map(|(k, _)| (*k, Status::Superseded)));
    let new_proposals = super::proposal::with_statuses(&file.source, &statuses)
        .ok_or_else(|| OpError::Data(format!("{}: a proposal's `status` could not be found", file.path.display())))?;

    let subject = subject(res, p, &applied.proposed);
    let mut body = format!("{subject}\n\n");
    if !text.trim().is_empty() {
        body.push_str(&format!("{}\n\n", text.trim()));
    }
    body.push_str(&super::described(p, res, &applied.proposed));
    if !superseded.is_empty() {
        let ids: Vec<String> = superseded.iter().map(|(_, q)| q.id.clone()).collect();
        body.push_str(&format!("\nSuperseded by this decision: {}.\n", ids.join(", ")));
    }
    let message = format!("{body}\n{}", super::trailers(p, ctx, Some(decision.as_str())).render());
    // Written as the file was: its byte-order mark and line ends kept, so only the changed provisions differ.
    let like = |path: &Path, text: &str| crate::resolution::write::like(&std::fs::read(path).unwrap_or_default(), text);
    let mut files = vec![
        NewFile::new(l.store.relative(&loaded.path), like(&loaded.path, &to_text(&applied.proposed))),
        NewFile::new(l.store.relative(&file.path), like(&file.path, &new_proposals)),
    ];
    // The meeting's record so far goes with its decision.
    files.extend(super::meeting_journal(&l, ctx));
    let done = l.store.record(&files, &message, ctx.author.as_ref())?;
    Ok(Adopted {
        proposal: p.id.clone(),
        commit: done.commit,
        subject,
        superseded: superseded.iter().map(|(_, q)| q.id.clone()).collect(),
        left_alone: done.left_alone,
    })
}

/// `Conf. 11.3: amend 23 b) as proposed by Kenya and New Zealand`.
fn subject(res: &Resolution, p: &Proposal, proposed: &Resolution) -> String {
    format!("{}: {} as proposed by {}", res.header.symbol, what(p, proposed), and_list(&p.proponents))
}

/// `amend 23 b) and insert 10 e)`: what a proposal does, by provision.
pub(crate) fn what(p: &Proposal, proposed: &Resolution) -> String {
    let mut what: Vec<String> = Vec::new();
    let mut inserted = 0;
    for c in &p.changes {
        match c {
            Change::Replace { target, .. } => what.push(format!("amend {target}")),
            Change::Delete { target, .. } => what.push(format!("delete {target}")),
            Change::Insert { anchor, .. } => {
                inserted += 1;
                let id = crate::resolution::NodeId(format!("{}.{inserted}", p.id));
                let at = proposed.by_id(&id).map(|i| proposed.address(i).to_string());
                what.push(match (at, anchor) {
                    (Some(a), _) => format!("insert {a}"),
                    (None, Anchor::Before(r) | Anchor::After(r)) => format!("insert next to {r}"),
                });
            }
        }
    }
    and_list(&what)
}
