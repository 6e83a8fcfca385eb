//! What the room's keyboard is doing: the main panes, or one of its dialogs.

use super::app::Choice;

/// What the keyboard is doing.
#[derive(Debug, Clone, PartialEq)]
pub enum Mode {
    Normal,
    /// Every key, scrolled by so many lines.
    Help {
        scroll: u16,
    },
    /// The summary record of the session so far.
    Minutes {
        text: String,
        scroll: u16,
    },
    /// Marking who is present at the current session; `query` filters the members.
    Attendance {
        session: String,
        query: String,
        selected: usize,
    },
    /// Drafting an amendment; `names` when typing proponents (or, with
    /// `supporting`, supporters); `discard` when Esc asked whether to throw the draft away.
    Edit {
        names: bool,
        supporting: bool,
        query: String,
        discard: bool,
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
    /// Choosing a member: to add to the list of speakers, or (`for_record`)
    /// whose intervention is being noted.
    AddSpeaker {
        query: String,
        selected: usize,
        point_of_order: bool,
        for_record: bool,
    },
    /// Noting an intervention; `correcting` names the entry it corrects.
    Record {
        member: String,
        summary: String,
        position: usize,
        correcting: Option<String>,
    },
    /// Recording the item's outcome: first the outcome and the proposals it
    /// adopts, then (`typing`) its text.
    Decide {
        outcome: usize,
        text: String,
        choices: Vec<Choice>,
        cursor: usize,
        typing: bool,
        correcting: Option<String>,
        /// The vote the decision was taken by, if it was.
        vote: Option<crate::journal::Vote>,
    },
    /// Recording the vote of the decision being taken: counts typed
    /// (`45 10 5`), or (`roll_call`) each Party's ballot; then back to it.
    Vote {
        decide: Box<Mode>,
        counts: String,
        roll_call: bool,
        ballots: Vec<(String, Option<crate::journal::Ballot>)>,
        cursor: usize,
    },
    /// The current item's pending proposals: `w` withdraws the selected one, `x` rejects it.
    Proposals {
        selected: usize,
    },
    /// Why the proposal is withdrawn or rejected (optional), then Enter.
    Dropping {
        proposal: String,
        status: crate::group::Status,
        reason: String,
    },
    /// Typing the title of an agenda item to add.
    AddItem {
        title: String,
    },
    /// Taking up `next` while `current` has no decision: pending or suspended?
    Leave {
        current: String,
        next: String,
    },
    /// The list of speakers is closed: add this member anyway?
    AddToClosed {
        member: String,
    },
    /// Typing a provision to go to, or (`search`) words to search for.
    Find {
        query: String,
        search: bool,
    },
    /// The item's recorded entries, to correct or strike one.
    Corrections {
        selected: usize,
    },
    /// Striking an entry: the reason.
    Strike {
        of: String,
        reason: String,
    },
}
