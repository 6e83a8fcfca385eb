//! The meeting's journal: every intervention, proposal and decision the
//! chair confirms, appended to `agendas/<group>/<meeting>.journal.jsonl`
//! (one JSON object a line), flushed and synced to disk before the screen
//! says it is recorded. Replaying it restores the meeting where it stood.

mod session;

pub use session::{ItemState, ItemStatus, Session, Speaker, agenda_items};

use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diag::Diagnostic;

/// A member's stance in an intervention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Position {
    Supports,
    Opposes,
    ProposesText,
    AsksQuestion,
    General,
}

impl Position {
    pub const ALL: [Position; 5] =
        [Position::General, Position::Supports, Position::Opposes, Position::ProposesText, Position::AsksQuestion];

    pub fn describe(self) -> &'static str {
        match self {
            Position::Supports => "supports",
            Position::Opposes => "opposes",
            Position::ProposesText => "proposes text",
            Position::AsksQuestion => "asks a question",
            Position::General => "general",
        }
    }
}

/// How an agenda item ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    Agreed,
    AgreedAsAmended,
    Noted,
    Deferred,
    NoConsensus,
}

impl Outcome {
    pub const ALL: [Outcome; 5] = [Outcome::Agreed, Outcome::AgreedAsAmended, Outcome::Noted, Outcome::Deferred, Outcome::NoConsensus];

    pub fn describe(self) -> &'static str {
        match self {
            Outcome::Agreed => "agreed",
            Outcome::AgreedAsAmended => "agreed as amended",
            Outcome::Noted => "noted",
            Outcome::Deferred => "deferred",
            Outcome::NoConsensus => "no consensus",
        }
    }
}

/// One thing that happened in the meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Event {
    /// The chair takes up an agenda item.
    ItemTakenUp {
        item: String,
    },
    /// A member asks for the floor (a point of order goes to the front).
    SpeakerAdded {
        item: String,
        member: String,
        point_of_order: bool,
    },
    SpeakerRemoved {
        item: String,
        member: String,
    },
    /// The list of speakers in a new order.
    SpeakersReordered {
        item: String,
        members: Vec<String>,
    },
    /// The chair gives the floor, for so many seconds.
    FloorGiven {
        item: String,
        member: String,
        seconds: u32,
    },
    /// The intervention as noted when the speaker finishes.
    Intervention {
        item: String,
        member: String,
        position: Position,
        summary: String,
        proposed_text: Option<String>,
        target: Option<String>,
    },
    /// The outcome of the item.
    Decision {
        item: String,
        outcome: Outcome,
        text: String,
    },
    /// A member marked present or absent at a session of the meeting.
    Attendance {
        session: String,
        member: String,
        present: bool,
    },
    /// A proposal drafted in the meeting, saved to the resolution's proposals file.
    ProposalMade {
        item: String,
        proposal: String,
        proponents: Vec<String>,
        supporters: Vec<String>,
        target: String,
        text: String,
    },
}

/// An event with when it was recorded (seconds since the epoch).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub at: i64,
    #[serde(flatten)]
    pub event: Event,
}

/// The journal file of a meeting.
pub struct Journal {
    path: PathBuf,
    file: Option<File>,
}

/// Why an entry could not be recorded.
#[derive(Debug, thiserror::Error)]
#[error("could not record in {path}: {source}")]
pub struct JournalError {
    pub path: String,
    #[source]
    pub source: std::io::Error,
}

impl Journal {
    /// The journal beside a meeting's agenda: `x.meeting.json` → `x.journal.jsonl`.
    pub fn path_for(meeting_file: &Path) -> PathBuf {
        let name = meeting_file.file_name().and_then(|n| n.to_str()).unwrap_or("meeting.meeting.json");
        let stem = name.strip_suffix(crate::workspace::MEETING_SUFFIX).unwrap_or(name);
        meeting_file.with_file_name(format!("{stem}.journal.jsonl"))
    }

    pub fn new(path: PathBuf) -> Journal {
        Journal { path, file: None }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Reads every entry; a damaged line is reported (file, line) and
    /// skipped, never fatal, and never rewritten.
    pub fn read(&self) -> (Vec<Entry>, Vec<Diagnostic>) {
        let mut entries = Vec::new();
        let mut problems = Vec::new();
        let Ok(f) = File::open(&self.path) else { return (entries, problems) };
        for (i, line) in BufReader::new(f).lines().enumerate() {
            let Ok(line) = line else {
                problems.push(Diagnostic::error(&self.path, i as u32 + 1, 1, "this line is not UTF-8 text; it is skipped"));
                continue;
            };
            if line.trim().is_empty() {
                continue;
            }
            match serde_json::from_str::<Entry>(&line) {
                Ok(e) => entries.push(e),
                Err(e) => problems.push(
                    Diagnostic::error(
                        &self.path,
                        i as u32 + 1,
                        e.column() as u32,
                        format!("journal entry not understood ({e}); it is skipped"),
                    )
                    .hint("the line is kept in the file; correct it by hand if it matters"),
                ),
            }
        }
        (entries, problems)
    }

    /// Appends one entry and waits until it is on disk.
    pub fn append(&mut self, entry: &Entry) -> Result<(), JournalError> {
        let err = |source| JournalError { path: self.path.display().to_string(), source };
        if self.file.is_none() {
            let f = OpenOptions::new().create(true).append(true).open(&self.path).map_err(err)?;
            self.file = Some(f);
        }
        let f = self.file.as_mut().expect("opened above");
        let mut line = serde_json::to_string(entry)
            .map_err(|e| JournalError { path: self.path.display().to_string(), source: std::io::Error::other(e) })?;
        line.push('\n');
        f.write_all(line.as_bytes())
            .and_then(|_| f.flush())
            .and_then(|_| f.sync_data())
            .map_err(|source| JournalError { path: self.path.display().to_string(), source })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_round_trip_through_the_file_and_bad_lines_are_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let mut j = Journal::new(dir.path().join("s.journal.jsonl"));
        let e1 = Entry { at: 10, event: Event::ItemTakenUp { item: "7".into() } };
        let e2 = Entry { at: 11, event: Event::SpeakerAdded { item: "7".into(), member: "Côte d'Ivoire".into(), point_of_order: false } };
        j.append(&e1).unwrap();
        j.append(&e2).unwrap();
        std::fs::OpenOptions::new().append(true).open(j.path()).unwrap().write_all(b"{\"at\": 12, \"event\": \"nonsense\"}\n").unwrap();
        let e3 = Entry { at: 13, event: Event::Decision { item: "7".into(), outcome: Outcome::AgreedAsAmended, text: "t".into() } };
        let mut j = Journal::new(j.path().to_path_buf());
        j.append(&e3).unwrap();
        let (entries, problems) = j.read();
        assert_eq!(entries, [e1, e2, e3]);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, 3);
        let line = std::fs::read_to_string(j.path()).unwrap().lines().next().unwrap().to_string();
        assert_eq!(line, r#"{"at":10,"event":"item-taken-up","item":"7"}"#);
    }

    #[test]
    fn journal_sits_beside_the_agenda() {
        assert_eq!(Journal::path_for(Path::new("agendas/g/sc78-session.meeting.json")), Path::new("agendas/g/sc78-session.journal.jsonl"));
    }
}
