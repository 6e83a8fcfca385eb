//! The use cases: adopt, save an amendment, withdraw or reject a proposal,
//! take back a decision, a provision's history, and which proposals touch a
//! provision. The command line and the meeting room both call these; neither
//! has its own version.
//!
//! Each one that writes takes the repository lock ([`lock::RepoLock`]), then
//! reads the files afresh, composes the commit message, and hands files and
//! message to the store, which commits, writes the files and moves the branch
//! only if nobody else moved it. So what a use case builds on is always what
//! it commits on.

mod adopt;
pub mod history;
pub mod import;
pub mod lock;
mod proposal;
mod revert;
pub mod setup;

pub use crate::redline::amend::competes;
pub use adopt::{Adopted, Decision, adopt};
pub use history::history;
pub use proposal::{Saved, not_agreed, save_proposal, set_status};
pub use revert::revert;

use std::path::Path;
use std::time::Duration;

use crate::group::{Proposal, ProposalFile};
use crate::resolution::resolve::Target;
use crate::resolution::{Resolution, ResolutionName};
use crate::store::{Author, Store, StoreError};
use crate::workspace::{Loaded, Workspace};

/// Where and by whom a use case is done: the meeting and agenda item it
/// belongs to (for the commit's trailers), and the chair.
#[derive(Debug, Clone, Default)]
pub struct Context {
    pub meeting: Option<String>,
    pub agenda_item: Option<String>,
    /// The chair; by default git's user.name and user.email.
    pub author: Option<Author>,
    /// How long to wait for another writer.
    pub wait: Option<Duration>,
    /// What this writer is, for the message another writer gives while waiting.
    pub doing: String,
}

/// Why a use case could not be done. Nothing was changed.
#[derive(Debug, thiserror::Error)]
pub enum OpError {
    #[error(transparent)]
    Lock(#[from] lock::LockError),
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Something named does not exist (resolution, proposal, provision).
    #[error("{0}")]
    NotFound(String),
    #[error("proposal `{0}` cannot be adopted: {1}")]
    NotApplicable(String, String),
    #[error("proposal `{0}` is already {1}")]
    AlreadyDecided(String, &'static str),
    #[error(
        "proposal `{0}` still has text in square brackets, which is not agreed: {1}; remove the brackets (agree the text) or choose the bracketed alternative first"
    )]
    Bracketed(String, String),
    /// The repository's files have a problem that stops this use case.
    #[error("{0}")]
    Data(String),
    /// What was asked cannot be done as asked (a taken id, a change that breaks a rule of `gavel check`).
    #[error("{0}")]
    Asked(String),
}

impl OpError {
    /// The exit status: 2 for a mistake in what was asked, 3 when the
    /// environment failed (git, the disk, another writer), 1 for broken data.
    pub fn exit_code(&self) -> u8 {
        match self {
            OpError::Lock(_) => 3,
            OpError::Store(e) => e.exit_code(),
            OpError::Data(_) => 1,
            _ => 2,
        }
    }
}

/// Stops the process at a named step when `GAVEL_CRASH_AT` names it: the
/// harness that tests a crash between any two steps of a write.
pub fn crash_point(step: &str) {
    if std::env::var_os("GAVEL_CRASH_AT").is_some_and(|v| v == step) {
        std::process::abort();
    }
}

/// The repository and its lock, held for the whole use case.
pub(crate) struct Locked {
    pub store: Store,
    pub ws: Workspace,
    _lock: lock::RepoLock,
}

/// Takes the lock, finishes or undoes a write that was cut off, then reads
/// the working group's files as they are now.
pub(crate) fn locked(root: &Path, ctx: &Context) -> Result<Locked, OpError> {
    let store = Store::open(root)?;
    let doing = if ctx.doing.is_empty() { "gavel" } else { ctx.doing.as_str() };
    let lock = lock::RepoLock::acquire(store.repo.path(), doing, ctx.wait.unwrap_or(lock::WAIT))?;
    store.repair()?;
    let ws = Workspace::load(root);
    Ok(Locked { store, ws, _lock: lock })
}

/// Finishes or undoes a write that was cut off (a crash, `kill -9`), if the
/// repository at `root` has one; every command runs this first. Costs one
/// look at a file when there is none (git is not opened).
pub fn repair(root: &Path) -> Result<Option<crate::store::Repaired>, OpError> {
    let Some(git_dir) = git_dir(root) else { return Ok(None) };
    if !crate::store::intent_path(&git_dir).exists() {
        return Ok(None);
    }
    let store = Store::open(root)?;
    let _lock = lock::RepoLock::acquire(store.repo.path(), "gavel (finishing a write that was cut off)", lock::WAIT)?;
    Ok(store.repair()?)
}

/// The git folder of the repository holding `root`, found without opening git.
pub fn git_dir(root: &Path) -> Option<std::path::PathBuf> {
    let abs = std::path::absolute(root).ok()?;
    let top = abs.ancestors().find(|d| d.join(".git").exists())?;
    let dot = top.join(".git");
    if dot.is_dir() {
        return Some(dot);
    }
    // A linked work tree: `.git` is a file naming the git folder.
    let text = std::fs::read_to_string(&dot).ok()?;
    let dir = std::path::PathBuf::from(text.strip_prefix("gitdir:")?.trim());
    Some(if dir.is_absolute() { dir } else { top.join(dir) })
}

/// `gavel sync` under the repository lock: the meetings' journals are
/// committed first (up to their last complete lines), then the records joined.
pub fn sync(
    root: &Path,
    remote: &str,
    author: Option<Author>,
    settle: &mut dyn crate::store::Settle,
    ctx: &Context,
) -> Result<crate::store::Synced, OpError> {
    let l = locked(root, ctx)?;
    let journals: Vec<crate::store::NewFile> = l.ws.meetings.iter().filter_map(|m| journal_file(&l, m)).collect();
    if !journals.is_empty() {
        let names: Vec<&str> =
            l.ws.meetings
                .iter()
                .filter(|m| journals.iter().any(|j| j.path == l.store.relative(&m.journal_path(&l.ws.root))))
                .map(|m| m.id.as_str())
                .collect();
        let message = format!("Record of {}: the journal as it stands before sharing it\n", names.join(", "));
        l.store.record(&journals, &message, author.as_ref().or(ctx.author.as_ref()))?;
    }
    Ok(l.store.sync(root, remote, author, settle)?)
}

/// The committed part of a meeting's journal (up to its last complete
/// line), when it holds more than HEAD has of it.
pub(crate) fn journal_file(l: &Locked, m: &crate::workspace::MeetingEntry) -> Option<crate::store::NewFile> {
    let path = m.journal_path(&l.ws.root);
    let bytes = std::fs::read(&path).ok()?;
    let done = crate::journal::complete(&bytes);
    if done.is_empty() {
        return None;
    }
    let rel = l.store.relative(&path);
    let head = l.store.repo.head().ok()?.peel_to_tree().ok()?;
    let committed = head.get_path(&rel).ok().and_then(|e| l.store.repo.find_blob(e.id()).ok()).map(|b| b.content().to_vec());
    (committed.as_deref() != Some(done)).then(|| crate::store::NewFile::appended(rel, done.to_vec()))
}

/// The journal of the meeting a use case is done in, and its agenda as the
/// session changed it, to commit with it: the chair's commits keep the
/// meeting file in step with the session, not only the one that closes it.
pub(crate) fn meeting_journal(l: &Locked, ctx: &Context) -> Vec<crate::store::NewFile> {
    let Some(m) = l.ws.meetings.iter().find(|m| Some(&m.id) == ctx.meeting.as_ref()) else { return Vec::new() };
    journal_file(l, m).into_iter().chain(agenda_file(l, m)).collect()
}

/// Commits a meeting's journal up to its last complete line (when the
/// room closes, say); `None` when git has all of it already.
pub fn commit_journal(root: &Path, meeting: &str, ctx: &Context) -> Result<Option<git2::Oid>, OpError> {
    let l = locked(root, ctx)?;
    let Some(m) = l.ws.meetings.iter().find(|m| m.id == meeting) else {
        return Err(OpError::NotFound(format!("no meeting `{meeting}`")));
    };
    let journal = journal_file(&l, m);
    let agenda = agenda_file(&l, m);
    let mut what = Vec::new();
    if let Some(file) = &journal {
        let entries = String::from_utf8_lossy(&file.bytes).lines().filter(|x| x.contains("\"event\"")).count();
        what.push(format!("the journal, {entries} {}", if entries == 1 { "entry" } else { "entries" }));
    }
    if agenda.is_some() {
        what.push("the agenda as changed in session".to_string());
    }
    if what.is_empty() {
        return Ok(None);
    }
    let message = format!("Record of {meeting}: {}\n\nMeeting: {meeting}\n", what.join("; "));
    let files: Vec<crate::store::NewFile> = journal.into_iter().chain(agenda).collect();
    Ok(Some(l.store.record(&files, &message, ctx.author.as_ref())?.commit))
}

/// The meeting file with its agenda as the session changed it (items added
/// and moved, by the journal up to its last complete line), when it did.
/// Replaying the journal over the rewritten file changes nothing: the
/// session's items are keyed by their ids.
fn agenda_file(l: &Locked, m: &crate::workspace::MeetingEntry) -> Option<crate::store::NewFile> {
    let path = m.journal_path(&l.ws.root);
    let bytes = std::fs::read(&path).ok()?;
    let (entries, _, _) = crate::journal::read_text(crate::journal::complete(&bytes), &path);
    let session = crate::journal::Session::replay(&entries, l.ws.group(&m.group).map(|g| &g.value));
    let changed = crate::journal::changed_meeting(&m.meeting.value, &session)?;
    let text = serde_json::to_string_pretty(&changed).ok()? + "\n";
    let original = std::fs::read(&m.meeting.path).unwrap_or_default();
    Some(crate::store::NewFile::new(l.store.relative(&m.meeting.path), crate::resolution::write::like(&original, &text)))
}

/// A resolution of the workspace and its proposals file (which may not exist yet).
pub(crate) fn resolution_and_proposals<'w>(
    ws: &'w Workspace,
    name: &ResolutionName,
) -> Result<(&'w Loaded<Resolution>, Option<&'w Loaded<ProposalFile>>), OpError> {
    let name = ResolutionName { revision: None, ..*name };
    let loaded = ws.resolution(&name).map_err(|e| OpError::NotFound(e.to_string()))?;
    let file = ws.proposals_on(&loaded.value);
    let path = proposals_path(ws, &loaded.value);
    if file.is_none() && path.exists() {
        return Err(OpError::Data(format!(
            "{} cannot be read (run `gavel check`); nothing is written to it until it is repaired",
            path.display()
        )));
    }
    Ok((loaded, file))
}

/// A pending proposal of the file by id, with its index; a clear refusal
/// when there is no file, no such proposal, or it is already decided.
pub(crate) fn pending<'f>(
    res: &Resolution,
    file: Option<&'f Loaded<ProposalFile>>,
    id: &str,
) -> Result<(&'f Loaded<ProposalFile>, usize, &'f Proposal), OpError> {
    let file = file.ok_or_else(|| OpError::NotFound(format!("there are no proposals on {}", res.display_name())))?;
    let (index, p) = file
        .value
        .proposals
        .iter()
        .enumerate()
        .find(|(_, p)| p.id == id)
        .ok_or_else(|| OpError::NotFound(format!("no proposal `{id}` on {}", res.display_name())))?;
    if p.status != crate::group::Status::Pending {
        return Err(OpError::AlreadyDecided(p.id.clone(), p.status.as_str()));
    }
    Ok((file, index, p))
}

/// A commit body's account of a proposal: its title and source, then what
/// it changes, in wdiff notation.
pub(crate) fn described(p: &Proposal, res: &Resolution, proposed: &Resolution) -> String {
    let mut body = p.title.clone();
    if let Some(s) = &p.source {
        body.push_str(&format!(" ({s})"));
    }
    body.push_str(".\n\n");
    let changed: Vec<_> = crate::redline::doc::redline(res, proposed, None).into_iter().filter(|b| b.is_changed()).collect();
    body.push_str(&crate::render::print::text::wdiff_blocks(&changed));
    body
}

/// The trailers of a commit about a proposal.
pub(crate) fn trailers(p: &Proposal, ctx: &Context, decision: Option<&str>) -> crate::store::message::Trailers {
    crate::store::message::Trailers {
        proposal: Some(p.id.clone()),
        proposed_by: p.proponents.clone(),
        supported_by: p.supporters.clone(),
        meeting: ctx.meeting.clone(),
        agenda_item: ctx.agenda_item.clone(),
        decision: decision.map(str::to_string),
        amends: p.amends.clone(),
    }
}

/// Refuses a proposal whose text is not a provision's text (a line break, an
/// identity marker, a label of its own, unclosed marks): written into the
/// resolution, it would break it.
pub(crate) fn well_formed(p: &Proposal) -> Result<(), OpError> {
    for (k, c) in p.changes.iter().enumerate() {
        for (_, text) in c.texts() {
            if let Some((at, what, fix)) = crate::group::text_problems(text).into_iter().next() {
                let near: String = text[at..].chars().take(24).collect();
                return Err(OpError::Data(format!(
                    "proposal `{}`, change {}: its text has {what} (at \"{}\"); {fix}; `gavel check` lists every such problem",
                    p.id,
                    k + 1,
                    near.escape_debug()
                )));
            }
        }
    }
    Ok(())
}

/// `base-1`, `base-2`, …: the first proposal id not taken.
pub fn free_id(taken: &[String], base: &str) -> String {
    (1..).map(|k| format!("{base}-{k}")).find(|id| !taken.contains(id)).unwrap_or_default()
}

/// `resolutions/<slug>.proposals.json`.
pub fn proposals_path(ws: &Workspace, res: &Resolution) -> std::path::PathBuf {
    ws.root.join(crate::workspace::RESOLUTIONS_DIR).join(format!("{}{}", res.header.symbol.slug(), crate::workspace::PROPOSALS_SUFFIX))
}

/// The proposals that change the provision `t`, something inside it, or
/// what contains it (all of them for the whole resolution), with their
/// index in the list.
pub fn touching<'p>(res: &Resolution, proposals: &'p [Proposal], t: Target) -> Vec<(usize, &'p Proposal)> {
    proposals.iter().enumerate().filter(|(_, p)| touches(res, p, t)).collect()
}

/// True when a proposal changes the provision `t`, something inside it, or what contains it.
pub fn touches(res: &Resolution, p: &Proposal, t: Target) -> bool {
    let Target::Node(t) = t else { return true };
    p.changes.iter().any(|c| match res.resolve(c.reference()) {
        Ok(Target::Node(i)) => res.subtree(t).contains(&i) || res.subtree(i).contains(&t),
        _ => false,
    })
}
