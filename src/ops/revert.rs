//! Taking back a decision that was committed: a revert commit (never a
//! rewrite of history) whose message says why.

use std::path::Path;

use git2::Oid;

use super::{Context, OpError, locked};
use crate::store::message::Trailers;

/// Takes back `commit`: the files it changed return to what they were
/// before it, in a new commit that names it and gives the reason.
pub fn revert(root: &Path, commit: &str, reason: &str, ctx: &Context) -> Result<Oid, OpError> {
    let l = locked(root, ctx)?;
    let target = l.store.commit(commit)?;
    let id = target.id();
    let subject = target.message().unwrap_or_default().lines().next().unwrap_or_default().to_string();
    let taken = crate::store::trailers(target.message().unwrap_or_default());
    let files = l.store.revert_contents(id)?;
    if files.is_empty() {
        return Err(OpError::NotApplicable(commit.to_string(), "it changed nothing that is still there to take back".into()));
    }
    let mut body = format!("Take back: {subject}\n\nThe decision recorded in commit {id} was struck");
    if !reason.trim().is_empty() {
        body.push_str(&format!(": {}", reason.trim().trim_end_matches('.')));
    }
    body.push_str(&format!(".\n\nThis reverts commit {id}.\n"));
    let trailers = Trailers {
        proposal: taken.proposal,
        meeting: ctx.meeting.clone().or(taken.meeting),
        agenda_item: ctx.agenda_item.clone().or(taken.agenda_item),
        decision: Some("struck".into()),
        ..Trailers::default()
    };
    let message = format!("{body}\n{}", trailers.render());
    let mut files = files;
    files.extend(super::meeting_journal(&l, ctx));
    let done = l.store.record(&files, &message, ctx.author.as_ref())?;
    Ok(done.commit)
}
