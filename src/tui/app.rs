//! The meeting room's state and how actions change it (The Elm
//! Architecture: an event becomes an action, the action updates the state,
//! the view draws the state). Only confirmed events reach the journal, and
//! the session changes only once the journal has them on disk.

use super::draft::Editor;
use crate::group::{AgendaItem, Category, Member, WorkingGroup};
use crate::journal::{Entry, Event, Journal, Outcome, Position, Session, agenda_items};
use crate::redline::doc::{Block, redline};
use crate::resolution::Resolution;
use crate::workspace::Workspace;

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

/// What the keyboard is doing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Normal,
    Help,
    /// The summary record of the session so far.
    Minutes {
        text: String,
        scroll: u16,
    },
    /// Marking who is present at the current session.
    Attendance {
        session: String,
        selected: usize,
    },
    /// Drafting an amendment to the selected provision; `names` when typing proponents and supporters.
    Edit {
        names: bool,
        query: String,
    },
    /// The selected provision's history, each step as tracked changes.
    History {
        title: String,
        steps: Vec<(String, Vec<crate::redline::Piece>)>,
    },
    /// Competing proposals on the selected provision, side by side.
    Competing {
        title: String,
        columns: Vec<(String, Vec<crate::redline::Piece>)>,
    },
    /// The current item's documents, proposals and the mandate topic it takes up.
    Documents,
    /// Adding a speaker: the typed filter and the selected match.
    AddSpeaker {
        query: String,
        selected: usize,
        point_of_order: bool,
    },
    /// Noting the intervention of the member who had the floor.
    Record {
        member: String,
        summary: String,
        position: usize,
    },
    /// Recording the item's outcome.
    Decide {
        outcome: usize,
        text: String,
    },
}

/// Everything the user can do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Quit,
    Tick,
    FocusNext,
    Focus(Pane),
    Up,
    Down,
    TakeUp,
    OpenAddSpeaker {
        point_of_order: bool,
    },
    Type(char),
    Backspace,
    Confirm,
    Cancel,
    RemoveSpeaker,
    MoveSpeaker(i32),
    GiveFloor,
    MoreTime,
    LessTime,
    OpenRecord,
    NextChoice,
    OpenDecide,
    ToggleHelp,
    ToggleErrors,
    ToggleOrder,
    ShowDocuments,
    OpenEditor,
    /// A key for the amendment editor.
    EditKey(crossterm::event::KeyEvent),
    /// Mark the selection (or the cursor) as text not yet agreed: [ … ].
    Bracket,
    Save,
    OpenHistory,
    OpenCompeting,
    PreviewMinutes,
    OpenAttendance,
    /// Write the intervention's summary in `$EDITOR`.
    ExternalEditor,
    /// The text back from `$EDITOR`.
    ExternalText(String),
    /// A mouse click at a row of a pane.
    Click(Pane, usize),
}

/// The meeting room.
pub struct App {
    /// The working-group repository (for adopting decisions).
    pub root: std::path::PathBuf,
    /// The meeting's group (its folder under agendas/).
    pub group_id: String,
    pub meeting_id: String,
    pub meeting_title: String,
    pub items: Vec<AgendaItem>,
    pub group: Option<WorkingGroup>,
    pub session: Session,
    pub journal: Journal,
    /// The resolution the group works on, and its pending proposals' redline per item.
    pub resolution: Option<Resolution>,
    pub proposals: Vec<crate::group::Proposal>,
    pub focus: Pane,
    pub agenda_selected: usize,
    pub speaker_selected: usize,
    /// The selected provision in the resolution pane (an index into [`App::redline`]).
    pub resolution_selected: usize,
    /// The amendment being drafted.
    pub editor: Option<Editor>,
    pub mode: Mode,
    /// Problems to show in the error panel (malformed files, a journal that could not be written).
    pub errors: Vec<String>,
    pub show_errors: bool,
    /// Seconds a speaker is given by default.
    pub speaking_time: u32,
    pub now: i64,
    pub quit: bool,
    pub color: bool,
    /// What the last decision committed, for the chair to see.
    pub notice: Option<String>,
    /// Text to open in `$EDITOR`: the runtime suspends the screen, edits it, and sends it back.
    pub external: Option<String>,
}

impl App {
    /// Builds the room for a meeting of the workspace, replaying its journal.
    pub fn new(ws: &Workspace, meeting_index: usize, clock_now: i64) -> App {
        let entry = &ws.meetings[meeting_index];
        let meeting = &entry.meeting.value;
        let group = ws.group(&entry.group).map(|g| g.value.clone());
        let journal = Journal::new(Journal::path_for(&ws.root.join(crate::workspace::AGENDAS_DIR).join(&entry.group).join(format!(
            "{}{}",
            entry.id,
            crate::workspace::MEETING_SUFFIX
        ))));
        let (entries, problems) = journal.read();
        let session = Session::replay(&entries, group.as_ref());
        let resolution = group.as_ref().and_then(|g| g.resolutions.first()).and_then(|r| ws.resolution(r).ok()).map(|l| l.value.clone());
        let proposals = resolution.as_ref().and_then(|r| ws.proposals_on(r)).map(|p| p.value.proposals.clone()).unwrap_or_default();
        let mut errors: Vec<String> = ws.diagnostics.iter().filter(|d| d.is_error()).map(|d| d.to_string()).collect();
        errors.extend(problems.iter().map(|d| d.to_string()));
        let items: Vec<AgendaItem> = agenda_items(meeting).into_iter().cloned().collect();
        let agenda_selected = session.current.as_ref().and_then(|c| items.iter().position(|i| &i.id == c)).unwrap_or(0);
        App {
            root: ws.root.clone(),
            group_id: entry.group.clone(),
            meeting_id: entry.id.clone(),
            meeting_title: meeting.title.clone(),
            items,
            group,
            session,
            journal,
            resolution,
            proposals,
            focus: Pane::Agenda,
            agenda_selected,
            speaker_selected: 0,
            resolution_selected: 0,
            editor: None,
            mode: Mode::Normal,
            errors,
            show_errors: false,
            speaking_time: 180,
            now: clock_now,
            quit: false,
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
            notice: None,
            external: None,
        }
    }

    pub fn current_item(&self) -> Option<&AgendaItem> {
        self.session.current.as_ref().and_then(|c| self.items.iter().find(|i| &i.id == c))
    }

    /// Members matching a typed filter, Parties first.
    pub fn matches(&self, query: &str) -> Vec<&Member> {
        let q = query.to_lowercase();
        let mut v: Vec<&Member> = self
            .group
            .iter()
            .flat_map(|g| g.members.iter())
            .filter(|m| m.name.to_lowercase().contains(&q) || m.short_name.as_deref().is_some_and(|s| s.to_lowercase().contains(&q)))
            .collect();
        v.sort_by_key(|m| (m.category != Category::Party, m.category));
        v
    }

    /// The redline of the proposals the current item takes up (all pending ones when it names none).
    pub fn redline(&self) -> Vec<Block> {
        let Some(res) = &self.resolution else { return Vec::new() };
        let made = self.session.current.as_ref().and_then(|c| self.session.item(c)).map(|st| st.proposals_made.clone()).unwrap_or_default();
        let mut wanted: Vec<&String> = self.current_item().map(|i| i.proposals.iter().collect()).unwrap_or_default();
        if !wanted.is_empty() {
            wanted.extend(made.iter());
        }
        let chosen: Vec<&crate::group::Proposal> = self
            .proposals
            .iter()
            .filter(|p| p.status == crate::group::Status::Pending)
            .filter(|p| wanted.is_empty() || wanted.contains(&&p.id))
            .collect();
        let applied = crate::redline::amend::apply(res, chosen);
        redline(res, &applied.proposed, None)
    }

    /// Records an event: to the journal first, then into the session.
    pub(super) fn record(&mut self, event: Event) {
        let entry = Entry { at: self.now, event };
        match self.journal.append(&entry) {
            Ok(()) => self.session.apply(&entry, self.group.as_ref()),
            Err(e) => {
                self.errors.push(format!("not recorded: {e}"));
                self.show_errors = true;
            }
        }
    }

    fn speakers(&self) -> Vec<String> {
        self.session
            .current
            .as_ref()
            .and_then(|c| self.session.item(c))
            .map(|st| st.speakers.iter().map(|s| s.member.clone()).collect())
            .unwrap_or_default()
    }

    /// Applies an action.
    pub fn update(&mut self, action: Action, now: i64) {
        self.now = now;
        if action == Action::Tick {
            return;
        }
        match self.mode {
            Mode::Edit { .. } => return self.update_editor(action),
            Mode::Minutes { .. } | Mode::Attendance { .. } => return self.update_record(action),
            _ => {}
        }
        let item = self.session.current.clone();
        match (&mut self.mode, action) {
            (
                Mode::Help | Mode::Documents | Mode::History { .. } | Mode::Competing { .. },
                Action::ToggleHelp | Action::ShowDocuments | Action::OpenHistory | Action::OpenCompeting | Action::Cancel | Action::Confirm,
            ) => self.mode = Mode::Normal,
            (Mode::Help | Mode::Documents | Mode::History { .. } | Mode::Competing { .. }, Action::Quit) => self.quit = true,
            (Mode::Help | Mode::Documents | Mode::History { .. } | Mode::Competing { .. }, _) => {}
            (Mode::AddSpeaker { query, selected, .. }, Action::Type(c)) => {
                query.push(c);
                *selected = 0;
            }
            (Mode::AddSpeaker { query, selected, .. }, Action::Backspace) => {
                query.pop();
                *selected = 0;
            }
            (Mode::AddSpeaker { selected, .. }, Action::Up) => *selected = selected.saturating_sub(1),
            (Mode::AddSpeaker { selected, .. }, Action::Down) => *selected += 1,
            (Mode::AddSpeaker { query, selected, point_of_order }, Action::Confirm) => {
                let (q, s, poo) = (query.clone(), *selected, *point_of_order);
                let m = self.matches(&q).get(s.min(self.matches(&q).len().saturating_sub(1))).map(|m| m.name.clone());
                self.mode = Mode::Normal;
                if let (Some(member), Some(item)) = (m, item) {
                    self.record(Event::SpeakerAdded { item, member, point_of_order: poo });
                }
            }
            (Mode::Record { summary, .. } | Mode::Decide { text: summary, .. }, Action::Type(c)) => summary.push(c),
            (Mode::Record { summary, .. } | Mode::Decide { text: summary, .. }, Action::Backspace) => {
                summary.pop();
            }
            (Mode::Record { position, .. }, Action::NextChoice) => *position = (*position + 1) % Position::ALL.len(),
            (Mode::Record { summary, .. }, Action::ExternalEditor) => self.external = Some(summary.clone()),
            (Mode::Record { summary, .. }, Action::ExternalText(t)) => *summary = t.split_whitespace().collect::<Vec<_>>().join(" "),
            (Mode::Decide { outcome, .. }, Action::NextChoice) => *outcome = (*outcome + 1) % Outcome::ALL.len(),
            (Mode::Record { member, summary, position }, Action::Confirm) => {
                let (member, summary, position) = (member.clone(), summary.trim().to_string(), Position::ALL[*position]);
                self.mode = Mode::Normal;
                if let Some(item) = item {
                    self.record(Event::Intervention { item, member: member.clone(), position, summary, proposed_text: None, target: None });
                    // Text proposed from the floor becomes a proposal: draft it on the selected provision.
                    if position == Position::ProposesText {
                        self.open_editor();
                        if let Some(e) = self.editor.as_mut() {
                            e.proponents = vec![member];
                        }
                    }
                }
            }
            (Mode::Decide { outcome, text }, Action::Confirm) => {
                let (outcome, text) = (Outcome::ALL[*outcome], text.trim().to_string());
                self.mode = Mode::Normal;
                if let Some(item) = item {
                    let before = self.errors.len();
                    self.record(Event::Decision { item: item.clone(), outcome, text });
                    // Agreed: the item's pending proposals are adopted, each one commit.
                    if outcome == Outcome::Agreed && self.errors.len() == before {
                        self.adopt_item_proposals(&item);
                    }
                }
            }
            (Mode::AddSpeaker { .. } | Mode::Record { .. } | Mode::Decide { .. }, Action::Cancel) => self.mode = Mode::Normal,
            (Mode::AddSpeaker { .. } | Mode::Record { .. } | Mode::Decide { .. }, _) => {}
            (Mode::Normal, a) => self.normal(a, item),
            // Handled above, by the concern they belong to.
            (Mode::Edit { .. } | Mode::Minutes { .. } | Mode::Attendance { .. }, _) => {}
        }
    }

    fn normal(&mut self, a: Action, item: Option<String>) {
        match a {
            Action::Quit => self.quit = true,
            Action::ToggleHelp => self.mode = Mode::Help,
            Action::ShowDocuments => self.mode = Mode::Documents,
            Action::ToggleErrors => self.show_errors = !self.show_errors,
            Action::ToggleOrder => self.session.parties_first = !self.session.parties_first,
            Action::FocusNext => {
                self.focus = match self.focus {
                    Pane::Agenda => Pane::Speakers,
                    Pane::Speakers => Pane::Resolution,
                    Pane::Resolution => Pane::Agenda,
                }
            }
            Action::Focus(p) => self.focus = p,
            Action::Click(p, row) => {
                self.focus = p;
                match p {
                    Pane::Agenda => self.agenda_selected = row.min(self.items.len().saturating_sub(1)),
                    Pane::Speakers => self.speaker_selected = row,
                    Pane::Resolution => {}
                }
            }
            Action::Up => match self.focus {
                Pane::Agenda => self.agenda_selected = self.agenda_selected.saturating_sub(1),
                Pane::Speakers => self.speaker_selected = self.speaker_selected.saturating_sub(1),
                Pane::Resolution => self.resolution_selected = self.resolution_selected.saturating_sub(1),
            },
            Action::Down => match self.focus {
                Pane::Agenda => self.agenda_selected = (self.agenda_selected + 1).min(self.items.len().saturating_sub(1)),
                Pane::Speakers => self.speaker_selected = (self.speaker_selected + 1).min(self.speakers().len().saturating_sub(1)),
                Pane::Resolution => self.resolution_selected = (self.resolution_selected + 1).min(self.redline().len().saturating_sub(1)),
            },
            Action::TakeUp | Action::Confirm if self.focus == Pane::Agenda => {
                if let Some(i) = self.items.get(self.agenda_selected).map(|i| i.id.clone()) {
                    if self.session.current.as_deref() != Some(i.as_str()) {
                        self.record(Event::ItemTakenUp { item: i });
                        // The resolution pane opens on the first provision the item's proposals change.
                        self.resolution_selected = self.redline().iter().position(|b| b.is_changed()).unwrap_or(0);
                    }
                }
            }
            Action::OpenAddSpeaker { point_of_order } if item.is_some() => {
                self.mode = Mode::AddSpeaker { query: String::new(), selected: 0, point_of_order }
            }
            Action::RemoveSpeaker => {
                if let (Some(item), Some(member)) = (item, self.speakers().get(self.speaker_selected).cloned()) {
                    self.record(Event::SpeakerRemoved { item, member });
                }
            }
            Action::MoveSpeaker(d) => {
                let mut list = self.speakers();
                let from = self.speaker_selected;
                let to = (from as i64 + d as i64).clamp(0, list.len() as i64 - 1) as usize;
                if let (Some(item), true) = (item, from < list.len() && from != to) {
                    let m = list.remove(from);
                    list.insert(to, m);
                    self.speaker_selected = to;
                    self.record(Event::SpeakersReordered { item, members: list });
                }
            }
            Action::GiveFloor | Action::Confirm if self.focus == Pane::Speakers || a == Action::GiveFloor => {
                let member = self.speakers().get(self.speaker_selected).cloned().or_else(|| self.speakers().first().cloned());
                if let (Some(item), Some(member)) = (item, member) {
                    let seconds = self.speaking_time;
                    self.record(Event::FloorGiven { item, member, seconds });
                }
            }
            Action::MoreTime => self.speaking_time = (self.speaking_time + 30).min(1800),
            Action::LessTime => self.speaking_time = self.speaking_time.saturating_sub(30).max(30),
            Action::OpenRecord => {
                let floor = item.as_ref().and_then(|i| self.session.item(i)).and_then(|st| st.floor.clone());
                if let Some((member, _, _)) = floor {
                    self.mode = Mode::Record { member, summary: String::new(), position: 0 };
                }
            }
            Action::OpenDecide if item.is_some() => self.mode = Mode::Decide { outcome: 0, text: String::new() },
            Action::OpenEditor => self.open_editor(),
            Action::OpenHistory => self.open_history(),
            Action::OpenCompeting => self.open_competing(),
            Action::PreviewMinutes => self.preview_minutes(),
            Action::OpenAttendance => self.open_attendance(),
            _ => {}
        }
    }

    /// The member holding the floor and the seconds left (negative when over).
    pub fn floor(&self) -> Option<(String, i64)> {
        let st = self.session.current.as_ref().and_then(|c| self.session.item(c))?;
        let (m, since, secs) = st.floor.clone()?;
        Some((m, since + i64::from(secs) - self.now))
    }
}
