//! Adopting a proposal: the adopted text written into the resolution file,
//! the proposal marked adopted, and one commit that records the decision.
//!
//! Nothing is touched until everything has been checked; the commit is
//! built first, then the files are written (each atomically), then the
//! branch moves to the commit. If that last step fails, the files are put
//! back as they were.

use std::path::Path;

use git2::build::TreeUpdateBuilder;
use git2::{FileMode, Oid};

use super::message::{Trailers, and_list};
use super::{Author, Store, StoreError, git, io, signature_from_config};
use crate::group::{Anchor, Change, Proposal, Status};
use crate::json::{Seg, value_span};
use crate::redline::amend::{Problem, apply};
use crate::redline::doc::redline;
use crate::render::tracked::{Format, blocks};
use crate::resolution::{Resolution, write::to_text};

/// What the meeting decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Agreed,
    /// Agreed with other text than proposed.
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

/// Everything an adoption needs.
pub struct Adoption<'a> {
    pub resolution: &'a Resolution,
    /// The resolution file and the proposals file, as loaded (any path form).
    pub resolution_path: &'a Path,
    pub proposals_path: &'a Path,
    /// The proposals file's text, as loaded.
    pub proposals_source: &'a str,
    pub proposal_index: usize,
    pub proposal: &'a Proposal,
    pub decision: Decision,
    pub meeting: Option<String>,
    pub agenda_item: Option<String>,
    /// The chair; by default git's user.name and user.email.
    pub author: Option<Author>,
}

/// What was recorded.
#[derive(Debug)]
pub struct Adopted {
    pub commit: Oid,
    pub subject: String,
    /// Other files with uncommitted changes, left as they were.
    pub left_alone: Vec<String>,
}

/// Why a proposal could not be adopted.
#[derive(Debug, thiserror::Error)]
pub enum AdoptError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("proposal `{0}` cannot be adopted: {1}")]
    NotApplicable(String, String),
    #[error("proposal `{0}` is already {1}")]
    AlreadyDecided(String, &'static str),
}

/// Adopts a proposal: writes the files and commits them.
pub fn adopt(store: &Store, a: &Adoption) -> Result<Adopted, AdoptError> {
    let p = a.proposal;
    if p.status != Status::Pending {
        let s = match p.status {
            Status::Adopted => "adopted",
            Status::Rejected => "rejected",
            Status::Withdrawn => "withdrawn",
            Status::Pending => "pending",
        };
        return Err(AdoptError::AlreadyDecided(p.id.clone(), s));
    }
    let res_rel = store.relative(a.resolution_path);
    let prop_rel = store.relative(a.proposals_path);
    store.ready_to_write(&[&res_rel, &prop_rel])?;
    let author = match &a.author {
        Some(x) => x.clone(),
        None => signature_from_config(&store.repo)?,
    };

    // The new texts, in memory.
    let applied = apply(a.resolution, [p]);
    if let Some((_, problems)) = applied.not_applied.first() {
        let why: Vec<String> = problems.iter().map(Problem::to_string).collect();
        return Err(AdoptError::NotApplicable(p.id.clone(), why.join("; ")));
    }
    let new_resolution = to_text(&applied.proposed);
    let new_proposals = mark_adopted(a.proposals_source, a.proposal_index)
        .ok_or_else(|| AdoptError::NotApplicable(p.id.clone(), "its status could not be found in the proposals file".into()))?;

    // The commit, built from HEAD's tree with the two files replaced.
    let repo = &store.repo;
    let head = git(repo.head(), || "reading HEAD".into())?;
    let branch = head.name().map(str::to_string).map_err(|_| StoreError::DetachedHead)?;
    let parent = git(head.peel_to_commit(), || "reading HEAD".into())?;
    let base_tree = git(parent.tree(), || "reading HEAD's tree".into())?;
    let mut update = TreeUpdateBuilder::new();
    for (rel, text) in [(&res_rel, &new_resolution), (&prop_rel, &new_proposals)] {
        let blob = git(repo.blob(text.as_bytes()), || format!("storing {}", rel.display()))?;
        let mode = base_tree.get_path(rel).map(|e| e.filemode()).unwrap_or(i32::from(FileMode::Blob));
        let mode = if mode == i32::from(FileMode::BlobExecutable) { FileMode::BlobExecutable } else { FileMode::Blob };
        update.upsert(rel.to_string_lossy().replace('\\', "/"), blob, mode);
    }
    let tree_id = git(update.create_updated(repo, &base_tree), || "building the commit's tree".into())?;
    let tree = git(repo.find_tree(tree_id), || "reading the commit's tree".into())?;
    let subject = subject(a.resolution, p, &applied.proposed);
    let message = message(&subject, a, &applied.proposed);
    let sig = git(author.signature(), || format!("the signature of {}", author.name))?;
    let commit = git(repo.commit(None, &sig, &sig, &message, &tree, &[&parent]), || "creating the commit".into())?;

    // The files, each whole; then the branch. If the branch cannot move, the files go back.
    let res_abs = store.workdir.join(&res_rel);
    let prop_abs = store.workdir.join(&prop_rel);
    let old_res = io(std::fs::read(&res_abs), || format!("reading {}", res_abs.display()))?;
    let old_prop = io(std::fs::read(&prop_abs), || format!("reading {}", prop_abs.display()))?;
    let restore = || {
        let _ = crate::fsx::write_atomic(&res_abs, &old_res);
        let _ = crate::fsx::write_atomic(&prop_abs, &old_prop);
    };
    if let Err(e) = crate::fsx::write_atomic(&res_abs, new_resolution.as_bytes())
        .and_then(|_| crate::fsx::write_atomic(&prop_abs, new_proposals.as_bytes()))
    {
        restore();
        return Err(StoreError::Io { doing: "writing the adopted text".into(), source: e }.into());
    }
    let reflog = format!("gavel adopt: {subject}");
    if let Err(e) = repo.reference_matching(&branch, commit, true, parent.id(), &reflog) {
        restore();
        return Err(StoreError::Git { doing: format!("moving {branch} to the new commit"), source: e }.into());
    }
    // The index follows the two files; other staged changes stay as they were.
    if let Ok(mut index) = repo.index() {
        let ok = index.add_path(&res_rel).and_then(|_| index.add_path(&prop_rel)).and_then(|_| index.write());
        if ok.is_err() {
            eprintln!(
                "gavel: warning: the commit is made, but git's index could not be refreshed; `git status` may list the two files until you run `git reset`"
            );
        }
    }
    let res_s = res_rel.display().to_string();
    let prop_s = prop_rel.display().to_string();
    let left_alone = store.changed_files().into_iter().filter(|f| *f != res_s && *f != prop_s).collect();
    Ok(Adopted { commit, subject, left_alone })
}

/// The proposals file with one proposal's status set to adopted, changing
/// nothing else in the file.
fn mark_adopted(source: &str, index: usize) -> Option<String> {
    let (start, end) = value_span(source, &[Seg::Key("proposals"), Seg::Index(index), Seg::Key("status")])?;
    let mut s = source.to_string();
    s.replace_range(start..end, "\"adopted\"");
    Some(s)
}

/// `Conf. 11.3: amend 23 b) as proposed by Kenya and New Zealand`.
fn subject(res: &Resolution, p: &Proposal, proposed: &Resolution) -> String {
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
    format!("{}: {} as proposed by {}", res.header.symbol, and_list(&what), and_list(&p.proponents))
}

fn message(subject: &str, a: &Adoption, proposed: &Resolution) -> String {
    let p = a.proposal;
    let mut body = format!("{subject}\n\n{}", p.title);
    if let Some(s) = &p.source {
        body.push_str(&format!(" ({s})"));
    }
    body.push_str(".\n\n");
    let changed: Vec<_> = redline(a.resolution, proposed, None).into_iter().filter(|b| b.is_changed()).collect();
    body.push_str(&blocks(Format::Txt, &changed));
    let trailers = Trailers {
        proposal: Some(p.id.clone()),
        proposed_by: p.proponents.clone(),
        supported_by: p.supporters.clone(),
        meeting: a.meeting.clone(),
        agenda_item: a.agenda_item.clone(),
        decision: Some(a.decision.as_str().to_string()),
    };
    format!("{body}\n{}", trailers.render())
}
