//! The meeting's journal: every intervention, proposal and decision the
//! chair confirms, appended to `agendas/<group>/<meeting>.journal.jsonl`
//! (one JSON object a line), flushed and synced to disk before the screen
//! says it is recorded. Replaying it restores the meeting where it stood.

mod agenda;
mod events;
mod session;

pub use agenda::{AgendaEdit, ItemMark, agenda, agenda_items, changed_meeting, sessions};
pub use events::{Ballot, Entry, Event, Outcome, Position, RollCall, Vote, effective};
pub use session::{DecisionState, Draft, Floor, ItemState, ItemStatus, Session, Speaker};

use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diag::Diagnostic;

/// The journal's format: the first line of a journal says it (journals
/// written before it have no such line, and load as they are).
pub const FORMAT_VERSION: u32 = 2;

/// The first line of a journal.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Head {
    journal: String,
    version: u32,
}

/// A journal line that could not be read: where, and after how many entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Damage {
    pub line: u32,
    pub after: usize,
}

/// Reads a journal's text: the entries, the problems (each damaged line an
/// error, skipped and never rewritten; a torn last line, what a crash while
/// writing leaves, only a warning), and where the damaged lines were.
pub fn read_text(bytes: &[u8], path: &Path) -> (Vec<Entry>, Vec<Diagnostic>, Vec<Damage>) {
    let mut entries = Vec::new();
    let mut problems = Vec::new();
    let mut damage = Vec::new();
    let lines: Vec<&[u8]> = bytes.split_inclusive(|b| *b == b'\n').collect();
    for (i, raw) in lines.iter().enumerate() {
        let n = i as u32 + 1;
        let torn = i + 1 == lines.len() && !raw.ends_with(b"\n");
        let Ok(line) = std::str::from_utf8(raw) else {
            problems.push(Diagnostic::error(path, n, 1, "this line is not UTF-8 text; it is skipped").hint("the line is kept in the file"));
            damage.push(Damage { line: n, after: entries.len() });
            continue;
        };
        let line = line.trim_end_matches(['\n', '\r']);
        if line.trim().is_empty() {
            continue;
        }
        if i == 0
            && let Ok(h) = serde_json::from_str::<Head>(line)
        {
            if h.version > FORMAT_VERSION {
                problems.push(
                    Diagnostic::warning(path, 1, 1, format!("this journal is in format {} (this gavel reads {FORMAT_VERSION})", h.version))
                        .hint("update gavel; entries it does not understand are skipped"),
                );
            }
            continue;
        }
        match serde_json::from_str::<Entry>(line) {
            Ok(mut e) => {
                if e.id.is_empty() {
                    e.id = format!("line-{n}");
                }
                entries.push(e)
            }
            Err(_) if torn => problems.push(
                Diagnostic::warning(path, n, 1, "the last line is incomplete: a write was cut off (a crash leaves this); it is skipped")
                    .hint("nothing to do: the line is kept as it is, and the next entry starts on a line of its own"),
            ),
            Err(e) => {
                let col = crate::diag::byte_col_to_char_col(line, 1, e.column()).1;
                problems.push(
                    Diagnostic::error(
                        path,
                        n,
                        col,
                        format!(
                            "a journal entry that cannot be read, because {}; it is skipped",
                            crate::json::strip_position(&e.to_string())
                        ),
                    )
                    .hint("the line is kept in the file and marked in the record; correct it by hand if it matters"),
                );
                damage.push(Damage { line: n, after: entries.len() });
            }
        }
    }
    (entries, problems, damage)
}

/// The journal file of a meeting.
pub struct Journal {
    path: PathBuf,
    file: Option<File>,
    /// Lines in the file, so that the next entry's id is its line number.
    lines: u64,
    /// Who writes: this machine and this writer on it.
    writer: String,
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
        Journal { path, file: None, lines: 0, writer: writer() }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Reads every entry; a damaged line is reported (file, line) and
    /// skipped, never fatal, and never rewritten.
    pub fn read(&self) -> (Vec<Entry>, Vec<Diagnostic>) {
        let (entries, problems, _) = self.read_marked();
        (entries, problems)
    }

    /// As [`Journal::read`], with where each damaged line was: its line
    /// number and how many entries were read before it.
    pub fn read_marked(&self) -> (Vec<Entry>, Vec<Diagnostic>, Vec<Damage>) {
        match std::fs::read(&self.path) {
            Ok(bytes) => read_text(&bytes, &self.path),
            Err(_) => (Vec::new(), Vec::new(), Vec::new()),
        }
    }

    /// Appends one entry, gives it its id (returned), and waits until it is
    /// on disk. If the file's last line was torn (a crash in the middle of a
    /// write), the entry starts on a line of its own: it is never glued to
    /// the torn one, and the torn line is left as it is.
    pub fn append(&mut self, entry: &Entry) -> Result<Entry, JournalError> {
        let err = |source| JournalError { path: self.path.display().to_string(), source };
        if self.file.is_none() {
            let mut f = OpenOptions::new().create(true).read(true).append(true).open(&self.path).map_err(err)?;
            let mut text = Vec::new();
            f.read_to_end(&mut text).map_err(err)?;
            self.lines = text.iter().filter(|b| **b == b'\n').count() as u64;
            if text.last().is_some_and(|b| *b != b'\n') {
                f.write_all(b"\n").map_err(err)?;
                self.lines += 1;
            }
            if text.is_empty() {
                let head = serde_json::to_string(&Head { journal: "gavel".into(), version: FORMAT_VERSION }).unwrap_or_default();
                f.write_all(format!("{head}\n").as_bytes()).map_err(err)?;
                self.lines = 1;
            }
            self.file = Some(f);
        }
        let f = self.file.as_mut().expect("opened above");
        let mut entry = entry.clone();
        if entry.id.is_empty() {
            entry.id = format!("{}-{}", self.writer, self.lines + 1);
        }
        let mut line = serde_json::to_string(&entry)
            .map_err(|e| JournalError { path: self.path.display().to_string(), source: std::io::Error::other(e) })?;
        line.push('\n');
        f.write_all(line.as_bytes())
            .and_then(|_| f.flush())
            .and_then(|_| f.sync_data())
            .map_err(|source| JournalError { path: self.path.display().to_string(), source })?;
        self.lines += 1;
        Ok(entry)
    }
}

/// A journal line's identity for joining: its entry id, or the line itself
/// for entries written before ids (and for lines that are not entries).
fn line_key(line: &str) -> String {
    #[derive(serde::Deserialize)]
    struct Id {
        #[serde(default)]
        id: String,
    }
    match serde_json::from_str::<Id>(line) {
        Ok(i) if !i.id.is_empty() => i.id,
        _ => line.to_string(),
    }
}

/// Two co-chairs' journals of one meeting joined: all of `ours` as it is,
/// then the entries of `theirs` that ours does not have, in their order.
/// Nothing is dropped and nothing is doubled; only complete lines count.
pub fn join(ours: &str, theirs: &str) -> String {
    let mut out = ours.to_string();
    out.push_str(&missing(ours, theirs));
    out
}

/// The complete lines of `theirs` whose entries `ours` does not have, in order.
pub fn missing(ours: &str, theirs: &str) -> String {
    let have: std::collections::HashSet<String> = ours.lines().filter(|l| !l.trim().is_empty()).map(line_key).collect();
    let complete = &theirs[..theirs.rfind('\n').map_or(0, |k| k + 1)];
    let mut out = String::new();
    for l in complete.lines().filter(|l| !l.trim().is_empty()) {
        if !have.contains(&line_key(l)) {
            out.push_str(l);
            out.push('\n');
        }
    }
    out
}

/// The part of a journal that is committed: up to its last complete line.
pub fn complete(text: &[u8]) -> &[u8] {
    &text[..text.iter().rposition(|b| *b == b'\n').map_or(0, |k| k + 1)]
}

/// Who writes, for entry ids: this machine, and this process among the
/// writers on it (two clones on one machine, or a room restarted, never give
/// the same id to two entries).
fn writer() -> String {
    static COUNT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = COUNT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
    format!("{}.{:08x}", machine(), nanos ^ std::process::id().rotate_left(16) ^ n.rotate_left(8))
}

/// A short name of this machine for entry ids: the start of its machine id
/// (systemd's, stable across reboots), else of its host name.
fn machine() -> &'static str {
    static M: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    M.get_or_init(|| {
        let raw = std::fs::read_to_string("/etc/machine-id")
            .or_else(|_| std::fs::read_to_string("/proc/sys/kernel/hostname"))
            .unwrap_or_default();
        let m: String = raw.trim().chars().filter(|c| c.is_ascii_alphanumeric()).take(8).collect();
        if m.is_empty() { "local".into() } else { m }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_round_trip_through_the_file_and_bad_lines_are_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let mut j = Journal::new(dir.path().join("s.journal.jsonl"));
        let e1 = j.append(&Entry::new(10, Event::ItemTakenUp { item: "7".into() })).unwrap();
        let e2 = j
            .append(&Entry::new(11, Event::SpeakerAdded { item: "7".into(), member: "Côte d'Ivoire".into(), point_of_order: false }))
            .unwrap();
        std::fs::OpenOptions::new().append(true).open(j.path()).unwrap().write_all(b"{\"at\": 12, \"event\": \"nonsense\"}\n").unwrap();
        let mut j = Journal::new(j.path().to_path_buf());
        let e3 = j
            .append(&Entry::new(
                13,
                Event::Decision { item: "7".into(), outcome: Outcome::AgreedAsAmended, text: "t".into(), adopt: vec![], vote: None },
            ))
            .unwrap();
        let (entries, problems) = j.read();
        assert_eq!(entries, [e1.clone(), e2, e3.clone()]);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, 4);
        assert!(e1.id.ends_with("-2") && e3.id.ends_with("-5"), "ids are line numbers: {} {}", e1.id, e3.id);
        let text = std::fs::read_to_string(j.path()).unwrap();
        let mut lines = text.lines();
        assert_eq!(lines.next(), Some(r#"{"journal":"gavel","version":2}"#), "a new journal says its format");
        assert_eq!(lines.next().unwrap(), format!(r#"{{"id":"{}","at":10,"event":"item-taken-up","item":"7"}}"#, e1.id));
    }

    #[test]
    fn a_torn_last_line_is_never_glued_to_the_next_entry() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.journal.jsonl");
        std::fs::write(&path, "{\"at\":1,\"event\":\"item-taken-up\",\"item\":\"7\"}\n{\"at\":2,\"event\":\"speaker-ad").unwrap();
        let mut j = Journal::new(path.clone());
        let e = j.append(&Entry::new(3, Event::ItemTakenUp { item: "8".into() })).unwrap();
        let (entries, problems) = j.read();
        assert_eq!(entries.len(), 2, "the confirmed entry is kept");
        assert_eq!(entries[1], e);
        assert_eq!(problems.len(), 1, "only the torn line is lost");
        assert!(std::fs::read_to_string(&path).unwrap().contains("speaker-ad\n{"), "the torn line is left as it was");
    }

    #[test]
    fn old_entries_without_ids_are_named_by_their_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.journal.jsonl");
        std::fs::write(&path, "{\"at\":1,\"event\":\"item-taken-up\",\"item\":\"7\"}\n").unwrap();
        let (entries, _) = Journal::new(path).read();
        assert_eq!(entries[0].id, "line-1");
    }

    #[test]
    fn two_journals_join_without_loss_or_doubles() {
        let ours = "{\"id\":\"a-1\",\"at\":1}\n{\"id\":\"a-2\",\"at\":2}\n";
        let theirs = "{\"id\":\"a-1\",\"at\":1}\n{\"id\":\"b-2\",\"at\":3}\n{\"id\":\"b-3\",\"at\":4}\n{\"torn";
        let j = join(ours, theirs);
        assert_eq!(j, format!("{ours}{{\"id\":\"b-2\",\"at\":3}}\n{{\"id\":\"b-3\",\"at\":4}}\n"));
        assert_eq!(join(&j, theirs), j, "joining again adds nothing");
        assert_eq!(join(&j, ours), j);
        assert_eq!(complete(b"a\nb\nc"), b"a\nb\n");
    }

    #[test]
    fn journal_sits_beside_the_agenda() {
        assert_eq!(Journal::path_for(Path::new("agendas/g/sc78-session.meeting.json")), Path::new("agendas/g/sc78-session.journal.jsonl"));
    }
}
