//! Performs what the room's `update` asks: appends to the journal (synced to
//! disk before the session changes), commits through the shared use cases on
//! a worker thread (so the screen and the countdown keep running while a
//! commit waits for the repository lock), reads history, and hands `$EDITOR`
//! requests to the terminal loop.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;

use super::app::{Action, App, Done, Effect, Job, JobResult, Step};
use super::place::Place;
use crate::journal::{Entry, Journal};
use crate::ops::{self, Context};
use crate::resolution::ResolutionName;
use crate::workspace::Workspace;

/// How long the room waits for another writer before the decision becomes a failed one.
pub const LOCK_WAIT: Duration = Duration::from_secs(10);

/// The runner of one room.
pub struct Runner {
    pub journal: Journal,
    root: PathBuf,
    meeting: String,
    resolution: Option<ResolutionName>,
    /// Jobs go to the worker; results come back. `None`: jobs run at once (tests).
    worker: Option<(Sender<Job>, Receiver<JobResult>)>,
    pending: usize,
    /// Text to open in `$EDITOR` (the terminal loop does it).
    pub external: Option<String>,
    /// The chair's place in the text as last kept.
    place: Option<Place>,
}

impl Runner {
    /// A runner whose commits run on a worker thread.
    pub fn threaded(app: &App) -> Runner {
        let (job_tx, job_rx) = channel::<Job>();
        let (done_tx, done_rx) = channel::<JobResult>();
        let (root, meeting, name) = (app.root.clone(), app.meeting_id.clone(), resolution_name(app));
        std::thread::spawn(move || {
            for job in job_rx {
                let r = perform(&root, &meeting, name.as_ref(), job);
                if done_tx.send(r).is_err() {
                    break;
                }
            }
        });
        Runner { worker: Some((job_tx, done_rx)), ..Runner::inline(app) }
    }

    /// A runner that commits at once, on the caller's thread (for tests).
    pub fn inline(app: &App) -> Runner {
        Runner {
            journal: Journal::new(app.journal_path.clone()),
            root: app.root.clone(),
            meeting: app.meeting_id.clone(),
            resolution: resolution_name(app),
            worker: None,
            pending: 0,
            external: None,
            place: Some(Place::of(app)),
        }
    }

    /// Commits under way.
    pub fn busy(&self) -> bool {
        self.pending > 0
    }

    /// Gives the app an action and performs every effect that follows from it.
    pub fn dispatch(&mut self, app: &mut App, action: Action, now: i64) {
        let mut queue: VecDeque<Effect> = app.update(action, now).into();
        while let Some(effect) = queue.pop_front() {
            let next = match effect {
                Effect::Append(_) | Effect::Commit(_) if app.read_only.is_some() => Action::NotJournaled(format!(
                    "this room is read-only: the meeting is open in another room ({}); nothing is recorded here",
                    app.read_only.clone().unwrap_or_default()
                )),
                Effect::Append(event) => match self.journal.append(&Entry::new(now, event)) {
                    Ok(entry) => Action::Journaled(entry),
                    Err(e) => Action::NotJournaled(e.to_string()),
                },
                Effect::Commit(job) => match &self.worker {
                    Some((tx, _)) => {
                        self.pending += 1;
                        if tx.send(job.clone()).is_ok() {
                            continue;
                        }
                        self.pending -= 1;
                        Action::CommitDone(JobResult {
                            of: job.of,
                            done: Vec::new(),
                            failed: Some("the room's commit worker stopped".into()),
                            fresh: None,
                            summary: String::new(),
                        })
                    }
                    None => Action::CommitDone(perform(&self.root, &self.meeting, self.resolution.as_ref(), job)),
                },
                Effect::LoadHistory { title, id } => Action::HistoryLoaded { title, steps: history(&self.root, app, &id) },
                Effect::Reload => match self.resolution.as_ref().and_then(|n| fresh(&self.root, n)) {
                    Some(f) => Action::Reloaded(Box::new(f)),
                    None => continue,
                },
                Effect::OpenExternal(text) => {
                    self.external = Some(text);
                    continue;
                }
            };
            queue.extend(app.update(next, now));
        }
        // Where the chair is in the text, kept when it moved (for the next time the room opens).
        let place = Place::of(app);
        if self.place.as_ref() != Some(&place) {
            let _ = place.save(&self.root, &self.meeting);
            self.place = Some(place);
        }
    }

    /// Takes in the results of finished commits.
    pub fn poll(&mut self, app: &mut App, now: i64) {
        loop {
            let r = match &self.worker {
                Some((_, rx)) => rx.try_recv(),
                None => return,
            };
            match r {
                Ok(done) => {
                    self.pending -= 1;
                    self.dispatch(app, Action::CommitDone(done), now);
                }
                Err(_) => return,
            }
        }
    }

    /// Waits (at most `limit`) for commits under way, taking in their results.
    pub fn drain(&mut self, app: &mut App, now: i64, limit: Duration) {
        let start = std::time::Instant::now();
        while self.busy() && start.elapsed() < limit {
            let r = match &self.worker {
                Some((_, rx)) => rx.recv_timeout(Duration::from_millis(20)),
                None => return,
            };
            if let Ok(done) = r {
                self.pending -= 1;
                self.dispatch(app, Action::CommitDone(done), now);
            }
        }
    }
}

/// Runs a job's steps in order through the shared use cases; the first failure stops it.
pub fn perform(root: &Path, meeting: &str, name: Option<&ResolutionName>, job: Job) -> JobResult {
    let ctx = Context {
        meeting: Some(meeting.to_string()),
        agenda_item: Some(job.item.clone()),
        author: None,
        wait: Some(LOCK_WAIT),
        doing: "the meeting room".into(),
    };
    let mut done = Vec::new();
    let mut said = Vec::new();
    let mut failed = None;
    for step in &job.steps {
        let r: Result<Option<(Done, String)>, String> = match (step, name) {
            (_, None) => Err("the working group's resolution cannot be read".into()),
            (Step::Save(p), Some(n)) => ops::save_proposal(root, n, p, &ctx)
                .map(|s| {
                    s.commit.map(|c| {
                        let said = format!("{} ({})", s.subject, short(&c.to_string()));
                        (Done { proposal: Some(s.id.clone()), commit: c.to_string(), takes_back: None }, said)
                    })
                })
                .map_err(|e| e.to_string()),
            (Step::Adopt { proposal, decision, text }, Some(n)) => ops::adopt(root, n, proposal, *decision, text, &ctx)
                .map(|a| {
                    let said = format!("{} ({})", a.subject, short(&a.commit.to_string()));
                    Some((Done { proposal: Some(a.proposal.clone()), commit: a.commit.to_string(), takes_back: None }, said))
                })
                .map_err(|e| e.to_string()),
            (Step::Drop { proposal, status, reason }, Some(n)) => ops::set_status(root, n, proposal, *status, reason, &ctx)
                .map(|c| {
                    let said = format!("proposal {proposal} {} ({})", status.as_str(), short(&c.to_string()));
                    Some((Done { proposal: Some(proposal.clone()), commit: c.to_string(), takes_back: None }, said))
                })
                .map_err(|e| e.to_string()),
            (Step::Revert { commit, reason }, Some(_)) => ops::revert(root, commit, reason, &ctx)
                .map(|c| {
                    let said = format!("took back {} ({})", short(commit), short(&c.to_string()));
                    Some((Done { proposal: None, commit: c.to_string(), takes_back: Some(commit.clone()) }, said))
                })
                .map_err(|e| e.to_string()),
        };
        match r {
            Ok(Some((d, summary))) => {
                done.push(d);
                said.push(summary);
            }
            Ok(None) => {}
            Err(e) => {
                failed = Some(e);
                break;
            }
        }
    }
    let fresh = name.and_then(|n| fresh(root, n));
    let summary = if said.is_empty() { "Already committed.".into() } else { format!("Committed: {}", said.join("; ")) };
    JobResult { of: job.of, done, failed, fresh, summary }
}

fn short(c: &str) -> &str {
    &c[..c.len().min(7)]
}

/// The resolution the room works on.
fn resolution_name(app: &App) -> Option<ResolutionName> {
    app.resolution.as_ref().map(|r| ResolutionName { symbol: r.header.symbol, revision: None })
}

/// The resolution and its proposals as they are on disk now.
fn fresh(root: &Path, name: &ResolutionName) -> Option<(crate::resolution::Resolution, Vec<crate::group::Proposal>)> {
    let ws = Workspace::load(root);
    let l = ws.resolution(name).ok()?;
    let proposals = ws.proposals_on(&l.value).map(|p| p.value.proposals.clone()).unwrap_or_default();
    Some((l.value.clone(), proposals))
}

/// A provision's history, each step with its heading, through the shared use case.
fn history(root: &Path, app: &App, id: &crate::resolution::NodeId) -> Result<Vec<(String, Vec<crate::redline::Piece>)>, String> {
    let res = app.resolution.as_ref().ok_or("no resolution")?;
    let ws = Workspace::load(root);
    let loaded = ws.resolution(&ResolutionName { symbol: res.header.symbol, revision: None }).map_err(|e| e.to_string())?;
    let steps = ops::history(root, loaded, id, "HEAD", None, true, None).map_err(|e| e.to_string())?;
    Ok(steps
        .iter()
        .map(|s| {
            let ((y, m, d), _) = crate::clock::date_time(s.seconds + i64::from(s.offset_minutes) * 60);
            (format!("{} {y:04}-{m:02}-{d:02} {}: {}", short(&s.commit.to_string()), s.author, s.subject), s.pieces().pieces)
        })
        .collect())
}
