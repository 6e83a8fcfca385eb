//! Proposals as use cases: saving a drafted amendment (one commit of the
//! proposals file, with who proposed and supported it), and withdrawing or
//! rejecting one.

use std::path::Path;

use git2::Oid;

use super::{Context, OpError, locked, pending, proposals_path, resolution_and_proposals};
use crate::group::{Change, Proposal, Status};
use crate::json::{Seg, value_span};
use crate::redline::amend::{Problem, apply};
use crate::resolution::ResolutionName;
use crate::store::NewFile;
use crate::store::message::{Trailers, and_list};

/// A proposal saved.
#[derive(Debug, Clone)]
pub struct Saved {
    pub id: String,
    /// The commit; `None` when the proposals file already held this very proposal (a retry).
    pub commit: Option<Oid>,
    pub subject: String,
}

/// Saves a drafted proposal: appended to the resolution's proposals file
/// (created if there is none) without rewriting the rest, in one commit.
/// Saving the same proposal again is not an error: it is already there.
pub fn save_proposal(root: &Path, name: &ResolutionName, p: &Proposal, ctx: &Context) -> Result<Saved, OpError> {
    let l = locked(root, ctx)?;
    let (loaded, file) = resolution_and_proposals(&l.ws, name)?;
    let res = &loaded.value;
    if p.proponents.is_empty() {
        return Err(OpError::NotApplicable(p.id.clone(), "nobody proposes it: name at least one proponent".into()));
    }
    super::well_formed(p)?;
    if let Some(f) = file
        && let Some(same) = f.value.proposals.iter().find(|q| q.id == p.id)
    {
        if same == p {
            return Ok(Saved { id: p.id.clone(), commit: None, subject: String::new() });
        }
        return Err(OpError::NotApplicable(p.id.clone(), "another proposal has this id".into()));
    }
    if let Some(g) = l.ws.groups.iter().find(|(id, _)| Some(id) == p.group.as_ref()) {
        let unknown: Vec<&String> = p.proponents.iter().chain(&p.supporters).filter(|n| g.1.value.member(n).is_none()).collect();
        if let Some(n) = unknown.first() {
            return Err(OpError::NotFound(format!("`{n}` is not a member of the working group")));
        }
    }
    let applied = apply(res, [p]);
    if let Some((_, problems)) = applied.not_applied.first() {
        let why: Vec<String> = problems.iter().map(Problem::to_string).collect();
        return Err(OpError::NotApplicable(p.id.clone(), why.join("; ")));
    }
    let path = proposals_path(&l.ws, res);
    let source = file.map(|f| f.source.as_str());
    let rname = ResolutionName { symbol: res.header.symbol, revision: None };
    let text = crate::group::append::with_proposal(source, rname, p).map_err(|e| OpError::Data(format!("{}: {e}", path.display())))?;
    let what = super::adopt::what(p, &applied.proposed);
    let subject = format!("{}: proposal to {what} by {}", res.header.symbol, and_list(&p.proponents));
    let body = format!("{subject}\n\n{}", super::described(p, res, &applied.proposed));
    let message = format!("{body}\n{}", super::trailers(p, ctx, None).render());
    let bytes = crate::resolution::write::like(&std::fs::read(&path).unwrap_or_default(), &text);
    let mut files = vec![NewFile::new(l.store.relative(&path), bytes)];
    files.extend(super::meeting_journal(&l, ctx));
    let done = l.store.record(&files, &message, ctx.author.as_ref())?;
    Ok(Saved { id: p.id.clone(), commit: Some(done.commit), subject })
}

/// Withdraws (at its proponents' request) or rejects a pending proposal, in
/// one commit that says why.
pub fn set_status(root: &Path, name: &ResolutionName, id: &str, status: Status, reason: &str, ctx: &Context) -> Result<Oid, OpError> {
    let l = locked(root, ctx)?;
    let (loaded, file) = resolution_and_proposals(&l.ws, name)?;
    let res = &loaded.value;
    let (file, index, p) = pending(res, file, id)?;
    let how = match status {
        Status::Withdrawn => format!("withdrawn at the request of {}", and_list(&p.proponents)),
        Status::Rejected => "rejected".to_string(),
        other => return Err(OpError::NotApplicable(p.id.clone(), format!("a proposal is not made {} this way", other.as_str()))),
    };
    let text = with_statuses(&file.source, &[(index, status)])
        .ok_or_else(|| OpError::Data(format!("{}: the proposal's `status` could not be found", file.path.display())))?;
    let subject = format!("{}: proposal {} {how}", res.header.symbol, p.id);
    let mut body = format!("{subject}\n\n{}.\n", p.title);
    if !reason.trim().is_empty() {
        body.push_str(&format!("\n{}\n", reason.trim()));
    }
    let trailers = Trailers {
        proposal: Some(p.id.clone()),
        proposed_by: p.proponents.clone(),
        meeting: ctx.meeting.clone(),
        agenda_item: ctx.agenda_item.clone(),
        decision: Some(status.as_str().to_string()),
        ..Trailers::default()
    };
    let message = format!("{body}\n{}", trailers.render());
    let bytes = crate::resolution::write::like(&std::fs::read(&file.path).unwrap_or_default(), &text);
    let mut files = vec![NewFile::new(l.store.relative(&file.path), bytes)];
    files.extend(super::meeting_journal(&l, ctx));
    let done = l.store.record(&files, &message, ctx.author.as_ref())?;
    Ok(done.commit)
}

/// The first text of a proposal still in [square brackets] (not agreed), if any.
/// Footnote markers (`[^1]`) are not brackets.
pub fn not_agreed(p: &Proposal) -> Option<String> {
    p.changes.iter().find_map(|c| match c {
        Change::Replace { text, .. } | Change::Insert { text, .. } => bracketed(text),
        Change::Delete { .. } => None,
    })
}

fn bracketed(text: &str) -> Option<String> {
    let mut from = 0;
    while let Some(k) = text[from..].find('[') {
        let at = from + k;
        if text[at + 1..].starts_with('^') {
            from = at + 1;
            continue;
        }
        let end = text[at..].find(']').map_or(text.len(), |e| at + e + 1);
        return Some(text[at..end].to_string());
    }
    None
}

/// The proposals file's text with the statuses of some proposals (by index)
/// changed, and nothing else.
pub(crate) fn with_statuses(source: &str, changes: &[(usize, Status)]) -> Option<String> {
    let mut spans = Vec::new();
    for (index, status) in changes {
        let (start, end) = value_span(source, &[Seg::Key("proposals"), Seg::Index(*index), Seg::Key("status")])?;
        spans.push((start, end, *status));
    }
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut s = source.to_string();
    for (start, end, status) in spans {
        s.replace_range(start..end, &format!("\"{}\"", status.as_str()));
    }
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brackets_are_found_and_footnotes_are_not() {
        assert_eq!(bracketed("within two months [three] of"), Some("[three]".into()));
        assert_eq!(bracketed("Resolution Conf. 12.3[^2] on permits"), None);
        assert_eq!(bracketed("x[^1] and [open"), Some("[open".into()));
    }

    #[test]
    fn statuses_change_one_word_each() {
        let src = crate::bundled::file("resolutions/conf-11.3.proposals.json").unwrap().text;
        let out = with_statuses(src, &[(3, Status::Superseded), (1, Status::Adopted)]).unwrap();
        let f: crate::group::ProposalFile = serde_json::from_str(&out).unwrap();
        assert_eq!(f.proposals[1].status, Status::Adopted);
        assert_eq!(f.proposals[3].status, Status::Superseded);
        assert_eq!(out.lines().count(), src.lines().count());
    }
}
