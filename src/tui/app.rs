//! The meeting room's state and how actions change it (The Elm
//! Architecture: an event becomes an action, `update` changes the state and
//! returns effects, a runner performs them). `update` does no I/O: session
//! state changes only when the journal has an event on disk
//! ([`Action::Journaled`]), and commits, history and `$EDITOR` are effects.

use std::collections::HashSet;

pub use super::action::{Action, Choice, Done, Effect, Job, JobResult, Step};
use super::draft::Editor;
pub use super::mode::Mode;
use crate::group::{AgendaItem, Category, Member, Proposal, Status, WorkingGroup};
use crate::journal::{Entry, ItemStatus, Position, Session};
use crate::redline::doc::Block;
use crate::resolution::Resolution;
use crate::workspace::{MeetingEntry, Workspace};

/// Seconds a notice stays in the status bar.
pub const NOTICE_SECS: i64 = 8;

/// A clock the app reads: the system's, or a fixed one in tests.
pub trait Clock {
    /// Seconds since the epoch.
    fn now(&self) -> i64;
}

/// The system clock.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> i64 {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
    }
}

/// Which pane has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Agenda,
    Speakers,
    Resolution,
}

/// The meeting room.
pub struct App {
    /// The working-group repository.
    pub root: std::path::PathBuf,
    /// The meeting's group (its folder under agendas/).
    pub group_id: String,
    pub meeting_id: String,
    pub meeting_title: String,
    pub meeting: MeetingEntry,
    /// The journal's file.
    pub journal_path: std::path::PathBuf,
    pub items: Vec<AgendaItem>,
    pub group: Option<WorkingGroup>,
    pub session: Session,
    /// The resolution the group works on, and the proposals on it as the proposals file has them.
    pub resolution: Option<Resolution>,
    pub proposals: Vec<Proposal>,
    /// The resolution with the current item's proposals in place, computed when they change (not on every frame).
    pub blocks: Vec<Block>,
    pub focus: Pane,
    pub agenda_selected: usize,
    pub speaker_selected: usize,
    /// The selected provision in the resolution pane (an index into [`App::blocks`]).
    pub resolution_selected: usize,
    /// The amendment being drafted.
    pub editor: Option<Editor>,
    pub mode: Mode,
    /// Problems to show in the error panel (malformed files, a journal that could not be written).
    pub errors: Vec<String>,
    /// Why git could not do what a journal entry asked, by entry (gone once it is done).
    pub not_committed: std::collections::BTreeMap<String, String>,
    pub show_errors: bool,
    pub now: i64,
    pub quit: bool,
    pub color: bool,
    /// What the last action did, for the chair to see (for [`NOTICE_SECS`] after `notice_at`).
    pub notice: Option<String>,
    pub notice_at: i64,
    /// Journal entries whose commits are under way.
    pub in_flight: HashSet<String>,
    /// The proposals file was unreadable when the room opened: no proposal is saved into it.
    pub proposals_broken: bool,
    /// Another room has this meeting open (who, as its lock says): this one records nothing.
    pub read_only: Option<String>,
    /// The last search (`/`), for `n` and `N`.
    pub search: Option<String>,
    /// The names each member answers to, in the group's order (found when first asked).
    member_forms: std::cell::OnceCell<Vec<Vec<String>>>,
}

impl App {
    /// Builds the room for a meeting of the workspace, replaying its journal.
    pub fn new(ws: &Workspace, meeting_index: usize, clock_now: i64) -> App {
        let entry = ws.meetings[meeting_index].clone();
        let (entries, problems) = crate::journal::Journal::new(entry.journal_path(&ws.root)).read();
        let mut app = App::from_entries(ws, meeting_index, &entries, clock_now);
        app.errors.extend(problems.iter().map(|d| d.to_string()));
        app
    }

    /// Builds the room from journal entries already read.
    pub fn from_entries(ws: &Workspace, meeting_index: usize, entries: &[Entry], clock_now: i64) -> App {
        let entry = ws.meetings[meeting_index].clone();
        let group = ws.group(&entry.group).map(|g| g.value.clone());
        let session = Session::replay(entries, group.as_ref());
        let resolution = group.as_ref().and_then(|g| g.resolutions.first()).and_then(|r| ws.resolution(r).ok()).map(|l| l.value.clone());
        let proposals = resolution.as_ref().and_then(|r| ws.proposals_on(r)).map(|p| p.value.proposals.clone()).unwrap_or_default();
        let proposals_broken =
            resolution.as_ref().is_some_and(|r| ws.proposals_on(r).is_none() && crate::ops::proposals_path(ws, r).exists());
        let errors: Vec<String> = ws.diagnostics.iter().filter(|d| d.is_error()).map(|d| d.to_string()).collect();
        let items: Vec<AgendaItem> = crate::journal::agenda(&entry.meeting.value, &session);
        let agenda_selected = session.current.as_ref().and_then(|c| items.iter().position(|i| &i.id == c)).unwrap_or(0);
        let mut app = App {
            root: ws.root.clone(),
            group_id: entry.group.clone(),
            meeting_id: entry.id.clone(),
            meeting_title: entry.meeting.value.title.clone(),
            journal_path: entry.journal_path(&ws.root),
            meeting: entry,
            items,
            group,
            session,
            resolution,
            proposals,
            blocks: Vec::new(),
            focus: Pane::Agenda,
            agenda_selected,
            speaker_selected: 0,
            resolution_selected: 0,
            editor: None,
            mode: Mode::Normal,
            errors,
            not_committed: Default::default(),
            show_errors: false,
            now: clock_now,
            quit: false,
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
            notice: None,
            notice_at: 0,
            in_flight: HashSet::new(),
            proposals_broken,
            read_only: None,
            search: None,
            member_forms: Default::default(),
        };
        app.refresh();
        app.resolution_selected = app.item_provision();
        // What git could not do before the room was closed is still to be done.
        for st in app.session.items.values() {
            if let Some(d) = st.decision.as_ref().filter(|d| !d.outstanding().is_empty())
                && let Some(why) = &d.failed
            {
                app.not_committed.insert(d.entry.clone(), why.clone());
            }
            for d in st.drafts.iter().filter(|d| d.commit.is_none() && !app.proposals.iter().any(|p| p.id == d.proposal)) {
                if let Some(why) = &d.failed {
                    app.not_committed.insert(d.entry.clone(), why.clone());
                }
            }
        }
        app
    }

    /// Where the resolution pane opens for the current item: the first
    /// provision its proposals change, else the one its last draft was on.
    pub fn item_provision(&self) -> usize {
        if let Some(k) = self.blocks.iter().position(|b| b.is_changed()) {
            return k;
        }
        let last = self.session.current.as_ref().and_then(|c| self.session.item(c)).and_then(|st| st.drafts.last());
        let (Some(d), Some(res)) = (last, &self.resolution) else { return 0 };
        let Ok(crate::resolution::resolve::Target::Node(i)) =
            d.target.parse().map_err(|_| ()).and_then(|r| res.resolve(&r).map_err(|_| ()))
        else {
            return 0;
        };
        let id = &res.node(i).id;
        self.blocks.iter().position(|b| &b.id == id).unwrap_or(0)
    }

    /// Every problem to show: those of the files and the journal, then what git could not do.
    pub fn problems(&self) -> Vec<String> {
        let mut v = self.errors.clone();
        v.extend(self.not_committed.values().map(|r| format!("not committed: {r} (fix the cause, then R on the item tries again)")));
        v
    }

    pub fn current_item(&self) -> Option<&AgendaItem> {
        self.session.current.as_ref().and_then(|c| self.items.iter().find(|i| &i.id == c))
    }

    /// Members matching a typed filter: a Party by its name, short forms
    /// and ISO codes too ([`crate::group::countries`]). A code typed whole
    /// comes first ("USA": the United States, then Born Free USA), then Parties.
    pub fn matches(&self, query: &str) -> Vec<&Member> {
        let q = query.trim().to_lowercase();
        let members: Vec<&Member> = self.group.iter().flat_map(|g| g.members.iter()).collect();
        // The names each Party answers to, found once (ISO's table is searched by name).
        let forms =
            self.member_forms.get_or_init(|| {
                members
                    .iter()
                    .map(|m| {
                        if m.category == Category::Party { crate::group::countries::forms(&m.name).unwrap_or_default() } else { Vec::new() }
                    })
                    .collect()
            });
        let mut v: Vec<(&Member, bool)> = members
            .iter()
            .zip(forms)
            .filter_map(|(m, f)| {
                let code = crate::group::countries::is_code(f, query);
                let named = m.name.to_lowercase().contains(&q)
                    || m.short_name.as_deref().is_some_and(|s| s.to_lowercase().contains(&q))
                    || f.iter().any(|x| x.to_lowercase().contains(&q));
                (code || named).then_some((*m, code))
            })
            .collect();
        v.sort_by_key(|(m, code)| (!code, m.category != Category::Party, m.category));
        v.into_iter().map(|(m, _)| m).collect()
    }

    /// Where an item stands, with what git has of its decision.
    pub fn item_status(&self, id: &str) -> ItemStatus {
        let st = self.session.status(id);
        if st != ItemStatus::Committing {
            return st;
        }
        let Some(d) = self.session.item(id).and_then(|s| s.decision.as_ref()) else { return st };
        if self.in_flight.contains(&d.entry) {
            return ItemStatus::Committing;
        }
        // Not under way: committed only if the proposals file says so (the room may have stopped in between).
        let adopted = d.outstanding().iter().all(|p| self.proposals.iter().any(|q| &q.id == p && q.status == Status::Adopted));
        if adopted { ItemStatus::Concluded } else { ItemStatus::NotCommitted }
    }

    /// The current item's list of speakers, in order.
    pub fn speakers(&self) -> Vec<String> {
        self.session
            .current
            .as_ref()
            .and_then(|c| self.session.item(c))
            .map(|st| st.speakers.iter().map(|s| s.member.clone()).collect())
            .unwrap_or_default()
    }

    /// The member holding the floor and the seconds left (negative when over).
    pub fn floor(&self) -> Option<(String, i64)> {
        let st = self.session.current.as_ref().and_then(|c| self.session.item(c))?;
        let f = st.floor.as_ref()?;
        Some((f.member.clone(), f.left(self.now)))
    }

    /// True while the speaker's countdown is paused.
    pub fn floor_paused(&self) -> bool {
        self.session
            .current
            .as_ref()
            .and_then(|c| self.session.item(c))
            .and_then(|st| st.floor.as_ref())
            .is_some_and(|f| f.paused_at.is_some())
    }

    /// Applies an action; returns what the runner must do.
    pub fn update(&mut self, action: Action, now: i64) -> Vec<Effect> {
        let before = self.notice.clone();
        let fx = self.update_inner(action, now);
        if self.notice.is_some() && self.notice != before {
            self.notice_at = now;
        }
        fx
    }

    /// The notice, while it is fresh: an old one does not stay beside later actions.
    pub fn fresh_notice(&self) -> Option<&str> {
        self.notice.as_deref().filter(|_| self.now - self.notice_at < NOTICE_SECS)
    }

    fn update_inner(&mut self, action: Action, now: i64) -> Vec<Effect> {
        self.now = now;
        match action {
            Action::Tick => return Vec::new(),
            Action::Journaled(entry) => return self.journaled(entry),
            Action::NotJournaled(e) => {
                self.errors.push(format!("not recorded: {e}"));
                self.show_errors = true;
                return Vec::new();
            }
            Action::CommitDone(r) => return self.commit_done(r),
            Action::Reloaded(fresh) => {
                let (res, proposals) = *fresh;
                self.resolution = Some(res);
                self.proposals = proposals;
                self.refresh();
                // The decision dialog lists what is pending now, keeping what the chair chose.
                let choices = self.choices();
                if let Mode::Decide { choices: old, cursor, .. } = &mut self.mode {
                    let chosen: Vec<String> = old.iter().filter(|c| c.chosen).map(|c| c.id.clone()).collect();
                    let mut new = choices;
                    if !chosen.is_empty() {
                        for c in new.iter_mut() {
                            c.chosen = chosen.contains(&c.id);
                        }
                    }
                    *cursor = (*cursor).min(new.len().saturating_sub(1));
                    *old = new;
                }
                return Vec::new();
            }
            Action::HistoryLoaded { title, steps } => {
                match steps {
                    Ok(steps) => self.mode = Mode::History { title, steps },
                    Err(e) => self.notice = Some(format!("No history: {e}")),
                }
                return Vec::new();
            }
            _ => {}
        }
        match self.mode {
            Mode::Edit { .. } => self.update_editor(action),
            Mode::Minutes { .. } | Mode::Attendance { .. } => self.update_record(action),
            Mode::Decide { .. } => self.update_decide(action),
            Mode::Vote { .. } => self.update_vote(action),
            Mode::Corrections { .. } | Mode::Strike { .. } => self.update_corrections(action),
            Mode::Find { .. } => self.update_find(action),
            Mode::AddToClosed { .. } => self.update_closed_list(action),
            Mode::AddItem { .. } | Mode::Leave { .. } => self.update_agenda(action),
            Mode::Proposals { .. } | Mode::Dropping { .. } => self.update_dropping(action),
            _ => self.update_main(action),
        }
    }
}

/// A speaker's position, by its index in [`Position::ALL`].
pub fn position(k: usize) -> Position {
    Position::ALL[k % Position::ALL.len()]
}
