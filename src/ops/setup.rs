//! Starting a working group and keeping its files: a new repository
//! (`gavel init`), a member added, a meeting and its agenda items. Each
//! change is checked by `gavel check`'s rules before it is written, and
//! committed alone; lists are added to, never rewritten (git shows what was
//! added).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use git2::Oid;

use super::{Context, OpError, locked};
use crate::fresh::FreshError;
use crate::group::{AgendaItem, Day, Meeting, Member, Session, WorkingGroup};
use crate::json::Seg;
use crate::store::{Author, NewFile};
use crate::workspace::{AGENDAS_DIR, GROUP_FILE, MEETING_SUFFIX, Overlay, RESOLUTIONS_DIR, Workspace};

/// What `resolutions/README.md` of a new repository says.
const RESOLUTIONS_README: &str = "# Resolutions\n\nOne file per resolution in force, named after its symbol (`conf-12.3.txt`), in\ngavel's text format (README, File formats); its proposals beside it\n(`conf-12.3.proposals.json`). Bring a resolution in with\n`gavel import resolution FILE` (its Word file, or its text copied from the PDF).\n";

/// A name fit for a folder or a file: letters, digits, `-`, `_` and `.`,
/// not starting with `.`.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && !id.starts_with('.')
        && id.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// An id made from a name: `SC79 working group` → `sc79-working-group`.
pub fn slug(name: &str) -> String {
    let mut s = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            s.push(c.to_ascii_lowercase());
        } else if !s.ends_with('-') && !s.is_empty() {
            s.push('-');
        }
    }
    let s: String = s.trim_end_matches('-').chars().take(48).collect();
    s.trim_end_matches('-').to_string()
}

/// A JSON value as its file holds it: pretty, ending in a newline.
pub(super) fn pretty(v: &impl serde::Serialize) -> Vec<u8> {
    (serde_json::to_string_pretty(v).expect("the model serializes") + "\n").into_bytes()
}

/// What `gavel check` would find in `files` (relative paths) were they
/// written over the repository at `root`: errors, then warnings.
fn problems(root: &Path, files: &BTreeMap<PathBuf, Vec<u8>>) -> (Vec<String>, Vec<String>) {
    let disk = crate::workspace::DiskFiles::new(root);
    let shown: Vec<PathBuf> = files.keys().map(|p| crate::workspace::Files::shown(&disk, root, p)).collect();
    let ws = Workspace::load_from(root, &Overlay { disk, new: files });
    let (errors, warnings): (Vec<_>, Vec<_>) = ws.diagnostics.iter().filter(|d| shown.contains(&d.path)).partition(|d| d.is_error());
    (errors.iter().map(ToString::to_string).collect(), warnings.iter().map(ToString::to_string).collect())
}

/// A change made: its commit, and what `gavel check` warns of in the files it wrote.
#[derive(Debug, Clone)]
pub struct Done {
    pub commit: Oid,
    pub warnings: Vec<String>,
}

/// Stops with the errors `gavel check` would find in the files, before
/// anything is written; else the warnings it would give.
pub(super) fn checked(root: &Path, files: &[NewFile], what: &str) -> Result<Vec<String>, OpError> {
    let map: BTreeMap<PathBuf, Vec<u8>> = files.iter().map(|f| (f.path.clone(), f.bytes.clone())).collect();
    let (errors, warnings) = problems(root, &map);
    if errors.is_empty() {
        return Ok(warnings);
    }
    Err(OpError::Asked(format!("{what} would leave the repository with errors; nothing was written:\n  {}", errors.join("\n  "))))
}

/// Makes a new working-group repository in `dir` (new or empty): git,
/// `resolutions/`, `agendas/<id>/group.json`, one commit.
pub fn init(dir: &Path, id: &str, group: &WorkingGroup, author: Option<Author>) -> Result<(PathBuf, Oid), FreshError> {
    if !valid_id(id) {
        return Err(FreshError::Asked(format!(
            "`{}` cannot name the group's folder: use letters, digits, `-`, `_` and `.` (e.g. sc79-wg-12-3)",
            crate::safe::visible(id)
        )));
    }
    let group_file = format!("{AGENDAS_DIR}/{id}/{GROUP_FILE}");
    let bytes = pretty(group);
    crate::fresh::make(Some(dir), "gavel-init-", |d| {
        let files = BTreeMap::from([(PathBuf::from(&group_file), bytes.clone())]);
        if let Some(first) = problems(d, &files).0.first() {
            return Err(FreshError::Asked(format!("the group cannot be made: {first}")));
        }
        let repo = crate::store::init(d)?;
        let author = match author {
            Some(a) => a,
            None => crate::store::signature_from_config(&repo)?,
        };
        let readme = format!("{RESOLUTIONS_DIR}/README.md");
        let message = format!(
            "Establish the {}\n\n{}; {} member{}.\n",
            group.name,
            if group.mandate.is_written() {
                format!("Mandate: Decision {}", group.mandate.decision)
            } else {
                "Mandate still to be written".to_string()
            },
            group.members.len(),
            if group.members.len() == 1 { "" } else { "s" }
        );
        Ok(crate::store::commit_files(&repo, &[(&readme, RESOLUTIONS_README.as_bytes()), (&group_file, &bytes)], &message, &author)?)
    })
}

/// Adds a member to a group, in one commit.
pub fn add_member(root: &Path, group: &str, member: &Member, ctx: &Context) -> Result<Done, OpError> {
    let l = locked(root, ctx)?;
    let g = l.ws.group(group).ok_or_else(|| OpError::NotFound(format!("no working group `{group}` in agendas/")))?;
    for n in std::iter::once(&member.name).chain(member.short_name.iter()) {
        if let Some(m) = g.value.member(n) {
            return Err(OpError::Asked(format!("`{n}` is already a member of `{group}` ({})", m.name)));
        }
    }
    let text = crate::group::append::with_item(&g.source, &[Seg::Key("members")], member)
        .map_err(|e| OpError::Data(format!("{}: {e}", g.path.display())))?;
    let file = NewFile::new(l.store.relative(&g.path), crate::resolution::write::like(g.source.as_bytes(), &text));
    let warnings = checked(root, std::slice::from_ref(&file), &format!("adding {}", member.name))?;
    let roles: Vec<String> = member.roles.iter().map(|r| format!("{r:?}").to_lowercase()).collect();
    let message = format!(
        "Add {} to the membership of {group}\n\n{}{}.\n",
        member.name,
        member.category.describe(),
        if roles.is_empty() { String::new() } else { format!("; {}", roles.join(", ")) }
    );
    Ok(Done { commit: l.store.record(&[file], &message, ctx.author.as_ref())?.commit, warnings })
}

/// A meeting to create: its first day and session.
#[derive(Debug, Clone)]
pub struct NewMeeting {
    pub id: String,
    pub group: String,
    pub meeting: Meeting,
}

impl NewMeeting {
    /// A meeting of one day with one session (more are added to its file).
    pub fn one_session(id: &str, group: &str, title: &str, day: Day, venue: Option<String>) -> NewMeeting {
        let meeting = Meeting { title: title.into(), group: group.into(), venue, source: None, note: None, days: vec![day] };
        NewMeeting { id: id.into(), group: group.into(), meeting }
    }
}

/// A day with one session of `title` from `start` to `end`.
pub fn day(date: crate::group::Date, session: Session) -> Day {
    Day { date, label: None, sessions: vec![session] }
}

/// Creates a meeting's file, in one commit.
pub fn new_meeting(root: &Path, m: &NewMeeting, ctx: &Context) -> Result<Done, OpError> {
    if !valid_id(&m.id) {
        return Err(OpError::Asked(format!(
            "`{}` cannot name a meeting: use letters, digits, `-`, `_` and `.`",
            crate::safe::visible(&m.id)
        )));
    }
    let l = locked(root, ctx)?;
    if l.ws.group(&m.group).is_none() {
        return Err(OpError::NotFound(format!("no working group `{}` in agendas/", m.group)));
    }
    if let Some(other) = l.ws.meetings.iter().find(|x| x.id == m.id) {
        return Err(OpError::Asked(format!("there is already a meeting `{}` ({})", m.id, other.meeting.path.display())));
    }
    let rel = PathBuf::from(AGENDAS_DIR).join(&m.group).join(format!("{}{MEETING_SUFFIX}", m.id));
    if root.join(&rel).exists() {
        return Err(OpError::Asked(format!("{} exists already (it cannot be read: `gavel check` says why)", rel.display())));
    }
    let file = NewFile::new(rel, pretty(&m.meeting));
    let warnings = checked(root, std::slice::from_ref(&file), &format!("meeting `{}`", m.id))?;
    let first = m.meeting.days.first().map(|d| d.date.to_string()).unwrap_or_default();
    let message = format!(
        "Meeting {}: {}\n\n{}{first}.\n\nMeeting: {}\n",
        m.id,
        m.meeting.title,
        m.meeting.venue.as_deref().map(|v| format!("{v}, ")).unwrap_or_default(),
        m.id
    );
    Ok(Done { commit: l.store.record(&[file], &message, ctx.author.as_ref())?.commit, warnings })
}

/// Where an item goes: the last session of a day (default: the last day).
#[derive(Debug, Clone, Default)]
pub struct Placement {
    pub date: Option<crate::group::Date>,
}

/// Adds an item to a meeting's agenda, in one commit (with the meeting's
/// journal, so the item's id is checked against items added in session).
pub fn add_item(root: &Path, meeting: &str, item: &AgendaItem, at: &Placement, ctx: &Context) -> Result<Done, OpError> {
    let l = locked(root, ctx)?;
    let m = l.ws.meetings.iter().find(|x| x.id == meeting).ok_or_else(|| OpError::NotFound(format!("no meeting `{meeting}`")))?;
    let value = &m.meeting.value;
    let d = match at.date {
        Some(date) => value.days.iter().position(|x| x.date == date).ok_or_else(|| {
            let dates: Vec<String> = value.days.iter().map(|x| x.date.to_string()).collect();
            OpError::Asked(format!("meeting `{meeting}` has no day {date}; its days are {}", dates.join(", ")))
        })?,
        None => value.days.len().checked_sub(1).ok_or_else(|| OpError::Asked(format!("meeting `{meeting}` has no day")))?,
    };
    let s = value.days[d].sessions.len().checked_sub(1).ok_or_else(|| OpError::Asked(format!("{} has no session", value.days[d].date)))?;
    if let Some(g) = l.ws.group(&m.group)
        && let Some(who) = item.presenters.iter().find(|p| g.value.member(p).is_none())
    {
        return Err(OpError::Asked(format!(
            "`{who}` is not a member of `{}`: add them first (`gavel member add`), or name a member",
            m.group
        )));
    }
    // Ids of items added in session (journal) count as taken too.
    let in_session = session_items(&l, m);
    if value.item(&item.id).is_some() || in_session.contains(&item.id) {
        return Err(OpError::Asked(format!("meeting `{meeting}` has an item `{}` already: give another --id", item.id)));
    }
    let path = [Seg::Key("days"), Seg::Index(d), Seg::Key("sessions"), Seg::Index(s), Seg::Key("items")];
    let text = crate::group::append::with_item(&m.meeting.source, &path, item)
        .map_err(|e| OpError::Data(format!("{}: {e}", m.meeting.path.display())))?;
    let file = NewFile::new(l.store.relative(&m.meeting.path), crate::resolution::write::like(m.meeting.source.as_bytes(), &text));
    let warnings = checked(root, std::slice::from_ref(&file), &format!("item `{}`", item.id))?;
    let message = format!("Agenda of {meeting}: item {} {}\n\nMeeting: {meeting}\nAgenda-item: {}\n", item.id, item.title, item.id);
    Ok(Done { commit: l.store.record(&[file], &message, ctx.author.as_ref())?.commit, warnings })
}

/// The ids of items a meeting's journal added in session.
fn session_items(l: &super::Locked, m: &crate::workspace::MeetingEntry) -> Vec<String> {
    let path = m.journal_path(&l.ws.root);
    let Ok(bytes) = std::fs::read(&path) else { return Vec::new() };
    let (entries, _, _) = crate::journal::read_text(&bytes, &path);
    let session = crate::journal::Session::replay(&entries, l.ws.group(&m.group).map(|g| &g.value));
    crate::journal::changed_meeting(&m.meeting.value, &session)
        .map(|changed| changed.items().map(|(_, _, i)| i.id.clone()).collect())
        .unwrap_or_default()
}

/// The next free numeric item id of a meeting (`1`, `2`, …).
pub fn next_item_id(m: &Meeting) -> String {
    let most = m.items().filter_map(|(_, _, i)| i.id.parse::<u32>().ok()).max().unwrap_or(0);
    (most + 1).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_slugs() {
        assert_eq!(slug("SC79 Working group on Conf. 12.3!"), "sc79-working-group-on-conf-12-3");
        assert!(valid_id("sc79-wg-12.3") && !valid_id(".git") && !valid_id("a/b") && !valid_id("") && !valid_id("a b"));
        assert_eq!(slug("  "), "");
    }
}
