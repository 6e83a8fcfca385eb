//! `gavel screen`: the room's second screen, for the projector, a tmux pane
//! or a participant over ssh. It follows the room through the meeting's
//! journal and shows, read-only, the item under discussion, the provision
//! the chair put on the screen with the item's proposals as tracked
//! changes, the floor's countdown and the list of speakers.
//!
//! It reads; it never writes. It polls the journal's identity, size and
//! time, and the commit the repository is at, every 100 ms, and reads the
//! meeting again when any of them changed: an appended event, a journal
//! replaced or rotated, a proposal saved or adopted. A damaged line is
//! skipped as the room skips it; a repository it cannot read keeps the
//! last state shown.

mod shown;
pub mod view;

use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::time::{Duration, SystemTime};

use crossterm::event::{self, Event as TermEvent, KeyCode, KeyModifiers};

use super::app::{App, Clock, SystemClock};
use crate::workspace::Workspace;

/// What the screen last read, to know when to read again.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stamp {
    /// The journal's device, inode, size and time of change.
    journal: Option<(u64, u64, u64, SystemTime)>,
    /// The commit the repository is at.
    head: Option<String>,
}

/// Reads the meeting again whenever what the screen shows may have changed.
pub struct Follower {
    root: PathBuf,
    meeting: String,
    journal: PathBuf,
    git: Option<PathBuf>,
    last: Option<Stamp>,
}

impl Follower {
    pub fn new(ws: &Workspace, meeting: usize) -> Follower {
        let m = &ws.meetings[meeting];
        Follower {
            root: ws.root.clone(),
            meeting: m.id.clone(),
            journal: m.journal_path(&ws.root),
            git: crate::ops::git_dir(&ws.root),
            last: None,
        }
    }

    fn stamp(&self) -> Stamp {
        #[cfg(unix)]
        let id = |m: &std::fs::Metadata| {
            use std::os::unix::fs::MetadataExt;
            (m.dev(), m.ino())
        };
        #[cfg(not(unix))]
        let id = |_: &std::fs::Metadata| (0, 0);
        let journal =
            std::fs::metadata(&self.journal).ok().map(|m| (id(&m).0, id(&m).1, m.len(), m.modified().unwrap_or(SystemTime::UNIX_EPOCH)));
        Stamp { journal, head: self.git.as_deref().and_then(crate::store::refs::head_commit) }
    }

    /// The meeting as it now stands, when anything the screen shows may have
    /// changed since the last call (the first call always reads it).
    pub fn poll(&mut self, now: i64) -> Option<Result<App, String>> {
        let stamp = self.stamp();
        if self.last.as_ref() == Some(&stamp) {
            return None;
        }
        self.last = Some(stamp);
        let ws = Workspace::load(&self.root);
        Some(super::choose_meeting(&ws, Some(&self.meeting)).map(|m| App::new(&ws, m, now)))
    }
}

/// Shows the meeting until `q`, Esc or Ctrl-C, or the process is told to stop.
pub fn run(ws: &Workspace, meeting: usize) -> Result<(), String> {
    let clock = SystemClock;
    let mut follower = Follower::new(ws, meeting);
    let (stop, done) = super::stop_on_signals();
    let (mut terminal, _guard) = super::enter_terminal(false)?;
    let mut app: Option<App> = None;
    let mut shown_at = i64::MIN;
    let result = (|| -> Result<(), String> {
        while !stop.load(Ordering::Relaxed) {
            let now = clock.now();
            let mut dirty = now != shown_at;
            // A meeting that cannot be read now keeps the last one shown.
            if let Some(Ok(fresh)) = follower.poll(now) {
                app = Some(fresh);
                dirty = true;
            }
            if dirty {
                if let Some(a) = app.as_mut() {
                    a.now = now;
                }
                terminal.draw(|f| view::draw(f, app.as_ref())).map_err(|e| e.to_string())?;
                shown_at = now;
            }
            if event::poll(Duration::from_millis(100)).map_err(|e| e.to_string())? {
                let ev = event::read().map_err(|e| e.to_string())?;
                if super::is_suspend(&ev) {
                    super::suspend(&mut terminal, false);
                    shown_at = i64::MIN;
                    continue;
                }
                match ev {
                    TermEvent::Key(k) if matches!(k.code, KeyCode::Char('q') | KeyCode::Esc) => break,
                    TermEvent::Key(k) if k.code == KeyCode::Char('c') && k.modifiers.contains(KeyModifiers::CONTROL) => break,
                    TermEvent::Resize(..) => shown_at = i64::MIN,
                    _ => {}
                }
            }
        }
        Ok(())
    })();
    done.store(true, Ordering::Relaxed);
    result
}
