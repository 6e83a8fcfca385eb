//! What happens in the room: the actions that come from the keyboard and
//! the runner, the effects `update` asks the runner for, and the commit jobs
//! it runs off the drawing thread.

use super::app::Pane;
use crate::group::Proposal;
use crate::journal::{Entry, Event};
use crate::resolution::{NodeId, Resolution};

/// A proposal the decision may adopt, as the dialog lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub id: String,
    /// `sc78-session-7-1 (Kenya, Botswana)`.
    pub label: String,
    /// The change as tracked changes, on one line.
    pub preview: Vec<crate::redline::Piece>,
    /// The provisions it replaces or deletes (for competing proposals).
    pub targets: Vec<usize>,
    pub chosen: bool,
    /// Text still in [square brackets], if any.
    pub brackets: Option<String>,
}

/// Everything the user can do, and what comes back from the runner.
#[derive(Debug, Clone, PartialEq)]
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
    /// Stop or restart the speaker's countdown.
    PauseFloor,
    OpenRecord,
    NextChoice,
    /// Choose or unchoose (space in the decision dialog).
    Toggle,
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
    /// Record the vote of the decision being taken (Ctrl-V in the decision dialog).
    OpenVote,
    /// A roll-call ballot for the selected Party.
    Ballot(crate::journal::Ballot),
    /// Add an agenda item after the selected one.
    OpenAddItem,
    /// Defer the selected item (`true`), or return it to pending.
    MarkItem {
        defer: bool,
    },
    /// Leave the current item pending (`false`) or suspended (`true`).
    Leave {
        suspended: bool,
    },
    /// The current item's pending proposals, to withdraw or reject one.
    OpenProposals,
    /// Withdraw (`false`) or reject (`true`) the selected proposal.
    DropProposal {
        reject: bool,
    },
    /// Mark every member present at the session (or every Party of the membership).
    MarkAll {
        parties: bool,
    },
    /// Close the current item's list of speakers, or reopen it.
    ToggleList,
    /// Go to a provision cited (`g`, `:`), or search the text (`/`).
    OpenFind {
        search: bool,
    },
    /// The next (or previous) match of the last search.
    NextMatch(bool),
    /// Put the selected provision on the room's screen, or take it off.
    PutOnScreen,
    /// Correct or strike what was recorded on the current item.
    OpenCorrections,
    /// Strike the selected entry (in the corrections list).
    Strike,
    /// Try again the commits of the current item that failed.
    Retry,
    /// Write the intervention's summary in `$EDITOR`.
    ExternalEditor,
    /// The text back from `$EDITOR`.
    ExternalText(String),
    /// A mouse click at a row of a pane.
    Click(Pane, usize),
    /// The runner wrote this entry to the journal, on disk.
    Journaled(Entry),
    /// The runner could not write to the journal.
    NotJournaled(String),
    /// A commit job finished.
    CommitDone(JobResult),
    /// The resolution and its proposals as they are on disk now (another
    /// writer, e.g. `gavel adopt` in another terminal, may have changed them).
    Reloaded(Box<(Resolution, Vec<Proposal>)>),
    /// A provision's history, read from git.
    HistoryLoaded {
        title: String,
        steps: Result<Vec<(String, Vec<crate::redline::Piece>)>, String>,
    },
}

/// What `update` asks the runner to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Append this event to the journal (then [`Action::Journaled`]).
    Append(Event),
    /// Commit, off the drawing thread (then [`Action::CommitDone`]).
    Commit(Job),
    /// Read a provision's history from git (then [`Action::HistoryLoaded`]).
    LoadHistory { title: String, id: NodeId },
    /// Open `$EDITOR` on this text (then [`Action::ExternalText`]).
    OpenExternal(String),
    /// Read the resolution and its proposals again (then [`Action::Reloaded`]).
    Reload,
}

/// Commits asked for by one journal entry, done in order; the first that fails stops the rest.
#[derive(Debug, Clone, PartialEq)]
pub struct Job {
    /// The journal entry that asked for them.
    pub of: String,
    pub item: String,
    pub steps: Vec<Step>,
}

/// One commit of a job, through the shared use cases.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    Save(Box<Proposal>),
    Adopt {
        proposal: String,
        decision: crate::ops::Decision,
        text: String,
    },
    Revert {
        commit: String,
        reason: String,
    },
    /// A pending proposal withdrawn or rejected.
    Drop {
        proposal: String,
        status: crate::group::Status,
        reason: String,
    },
}

/// One commit a job made.
#[derive(Debug, Clone, PartialEq)]
pub struct Done {
    /// The proposal it saved or adopted.
    pub proposal: Option<String>,
    pub commit: String,
    /// The commit it took back, for a revert.
    pub takes_back: Option<String>,
}

/// What a job did.
#[derive(Debug, Clone, PartialEq)]
pub struct JobResult {
    pub of: String,
    /// Each commit made, in order.
    pub done: Vec<Done>,
    /// Why the job stopped, if it did.
    pub failed: Option<String>,
    /// The resolution and its proposals as they are after the job.
    pub fresh: Option<(Resolution, Vec<Proposal>)>,
    /// What to tell the chair.
    pub summary: String,
}
