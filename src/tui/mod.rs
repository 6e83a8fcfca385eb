//! The meeting room: the terminal app a co-chair runs a session with. It
//! only calls into the rest of gavel; all its state is in [`app::App`], and
//! [`runner::Runner`] performs what `update` asks (journal, commits, history).

mod action;
mod agenda;
pub mod app;
mod attendance;
mod commits;
mod correct;
mod decide;
mod draft;
mod dropping;
mod find;
pub mod keys;
mod mode;
mod normal;
mod place;
mod popups;
mod proposals;
pub mod runner;
pub mod screen;
mod speakers;
pub mod view;
mod vote;

pub use correct::describe as describe_entry;
pub use draft::Editor;

use std::io::{Stdout, stdout};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use app::{Action, App, Clock, SystemClock};
use runner::Runner;

use crate::workspace::Workspace;

/// Puts the terminal back as it was: raw mode off, main screen, mouse off, cursor shown.
pub fn restore_terminal() {
    let _ = disable_raw_mode();
    let _ = execute!(stdout(), DisableMouseCapture, LeaveAlternateScreen, crossterm::cursor::Show);
}

/// Restores the terminal when dropped, however the room is left.
struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

/// Leaves the screen to `$EDITOR` (or `vi`) on a temporary file, and comes back.
fn external_editor(text: &str, terminal: &mut Terminal<CrosstermBackend<Stdout>>) -> Result<String, String> {
    let file = tempfile::Builder::new().prefix("gavel-intervention-").suffix(".txt").tempfile().map_err(|e| e.to_string())?;
    std::fs::write(file.path(), text).map_err(|e| e.to_string())?;
    let editor = std::env::var("VISUAL").or_else(|_| std::env::var("EDITOR")).unwrap_or_else(|_| "vi".into());
    restore_terminal();
    let status = crate::store::certs::as_given(std::process::Command::new(&editor).arg(file.path())).status();
    let _ = enable_raw_mode();
    let _ = execute!(stdout(), EnterAlternateScreen, EnableMouseCapture);
    let _ = terminal.clear();
    match status {
        Ok(s) if s.success() => std::fs::read_to_string(file.path()).map_err(|e| e.to_string()),
        Ok(s) => Err(format!("{editor} ended with {s}; the summary is unchanged")),
        Err(e) => Err(format!("cannot run {editor}: {e}; set EDITOR to your editor")),
    }
}

/// The meeting to open: the one named, or the first of a group that works on a resolution.
pub fn choose_meeting(ws: &Workspace, id: Option<&str>) -> Result<usize, String> {
    if ws.meetings.is_empty() {
        return Err("this repository has no meeting: add an agenda as agendas/<group>/<id>.meeting.json".into());
    }
    match id {
        Some(id) => ws.meetings.iter().position(|m| m.id == id).ok_or_else(|| {
            let ids: Vec<&str> = ws.meetings.iter().map(|m| m.id.as_str()).collect();
            format!("no meeting `{id}`; there are: {}", ids.join(", "))
        }),
        None => Ok(ws.meetings.iter().position(|m| ws.group(&m.group).is_some_and(|g| !g.value.resolutions.is_empty())).unwrap_or(0)),
    }
}

/// A room and its runner: what the terminal loop drives, and what tests drive
/// with actions (commits run at once, on the test's thread).
pub struct Room {
    pub app: App,
    pub runner: Runner,
}

impl Room {
    /// The room on a meeting of the workspace, committing on the caller's thread.
    pub fn open(ws: &Workspace, meeting: usize, now: i64) -> Room {
        let app = opened(ws, meeting, now);
        let runner = Runner::inline(&app);
        Room { app, runner }
    }

    /// Gives the room an action and performs what follows from it.
    pub fn update(&mut self, action: Action, now: i64) {
        self.runner.dispatch(&mut self.app, action, now);
    }
}

impl std::ops::Deref for Room {
    type Target = App;
    fn deref(&self) -> &App {
        &self.app
    }
}

impl std::ops::DerefMut for Room {
    fn deref_mut(&mut self) -> &mut App {
        &mut self.app
    }
}

/// Ends the process within a second of a signal (SIGTERM, SIGHUP, SIGINT) or
/// of the terminal going away, even if the drawing loop is stuck in a read
/// from a terminal that is gone: what is confirmed is already on disk, and
/// the repository lock is released by the kernel when the process ends.
fn watchdog(stop: Arc<AtomicBool>, done: Arc<AtomicBool>) {
    let had_tty = std::fs::File::open("/dev/tty").is_ok();
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(Duration::from_millis(100));
            if done.load(Ordering::Relaxed) {
                return;
            }
            if had_tty && std::fs::File::open("/dev/tty").is_err() {
                stop.store(true, Ordering::Relaxed);
            }
            if stop.load(Ordering::Relaxed) {
                // The loop has a second to leave by itself (finishing a commit under way).
                for _ in 0..10 {
                    std::thread::sleep(Duration::from_millis(100));
                    if done.load(Ordering::Relaxed) {
                        return;
                    }
                }
                restore_terminal();
                std::process::exit(0);
            }
        }
    });
}

/// A flag set when the process is told to stop (SIGTERM, SIGHUP, SIGINT,
/// or its terminal gone), and the flag the loop sets when it has left (see [`watchdog`]).
fn stop_on_signals() -> (Arc<AtomicBool>, Arc<AtomicBool>) {
    let stop = Arc::new(AtomicBool::new(false));
    let done = Arc::new(AtomicBool::new(false));
    for sig in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP, signal_hook::consts::SIGINT] {
        let _ = signal_hook::flag::register(sig, Arc::clone(&stop));
    }
    watchdog(Arc::clone(&stop), Arc::clone(&done));
    (stop, done)
}

/// Takes the terminal (raw mode, the alternate screen, and the mouse when
/// asked); the guard gives it back however the program leaves, a panic included.
fn enter_terminal(mouse: bool) -> Result<(Terminal<CrosstermBackend<Stdout>>, Guard), String> {
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        default_hook(info);
    }));
    enable_raw_mode().map_err(|e| format!("cannot use this terminal: {e}"))?;
    let guard = Guard;
    execute!(stdout(), EnterAlternateScreen).map_err(|e| format!("cannot use this terminal: {e}"))?;
    if mouse {
        execute!(stdout(), EnableMouseCapture).map_err(|e| format!("cannot use this terminal: {e}"))?;
    }
    let terminal = Terminal::new(CrosstermBackend::new(stdout())).map_err(|e| e.to_string())?;
    Ok((terminal, guard))
}

/// The room on a meeting, where the chair left it last time (see [`place`]).
fn opened(ws: &Workspace, meeting: usize, now: i64) -> App {
    let mut app = App::new(ws, meeting, now);
    if let Some(p) = place::Place::load(&app.root, &app.meeting_id) {
        p.apply(&mut app);
    }
    app
}

/// Ctrl-Z: what a shell's job control expects of a full-screen program.
fn is_suspend(ev: &event::Event) -> bool {
    matches!(ev, event::Event::Key(k) if k.code == event::KeyCode::Char('z') && k.modifiers.contains(event::KeyModifiers::CONTROL))
}

/// Gives the terminal back to the shell as it was and stops the process,
/// as the shell stops any job; `fg` resumes it, and the screen is taken
/// again and drawn whole. (In raw mode the terminal sends Ctrl-Z as a key,
/// not as a signal: left alone, the room ignored it and what the chair typed
/// next at the shell's prompt landed in the room as commands.)
fn suspend(terminal: &mut Terminal<CrosstermBackend<Stdout>>, mouse: bool) {
    restore_terminal();
    #[cfg(unix)]
    let _ = signal_hook::low_level::raise(signal_hook::consts::SIGTSTP);
    let _ = enable_raw_mode();
    let _ = execute!(stdout(), EnterAlternateScreen);
    if mouse {
        let _ = execute!(stdout(), EnableMouseCapture);
    }
    let _ = terminal.clear();
}

/// Runs the room on a meeting until the chair quits or the process is told to stop.
pub fn run(ws: &Workspace, meeting: usize) -> Result<(), String> {
    let clock = SystemClock;
    let mut app = opened(ws, meeting, clock.now());
    // One room writes a meeting's journal at a time; a second one opens read-only.
    let entry = &ws.meetings[meeting];
    let _room_lock = match crate::ops::git_dir(&ws.root).map(|g| crate::ops::lock::RepoLock::room(&g, &entry.group, &entry.id)) {
        Some(Ok(l)) => Some(l),
        Some(Err(crate::ops::lock::LockError::Held { holder, .. })) => {
            app.notice = Some(format!("This meeting is open in another room ({holder}): this one is read-only."));
            app.read_only = Some(holder);
            None
        }
        _ => None,
    };
    let mut runner = Runner::threaded(&app);
    let (stop, done) = stop_on_signals();
    let (mut terminal, _guard) = enter_terminal(true)?;
    let result = (|| -> Result<(), String> {
        while !app.quit && !stop.load(Ordering::Relaxed) {
            runner.poll(&mut app, clock.now());
            terminal.draw(|f| view::draw(f, &app)).map_err(|e| e.to_string())?;
            // A terminal that is gone (EOF, EIO) ends the room, as its closing should.
            if event::poll(Duration::from_millis(100)).map_err(|e| e.to_string())? {
                let ev = event::read().map_err(|e| e.to_string())?;
                if is_suspend(&ev) {
                    suspend(&mut terminal, true);
                    continue;
                }
                let size = terminal.size().map_err(|e| e.to_string())?;
                let areas = view::areas(ratatui::layout::Rect::new(0, 0, size.width, size.height));
                if let Some(a) = keys::action(&ev, &app.mode, &areas) {
                    runner.dispatch(&mut app, a, clock.now());
                }
                if let Some(text) = runner.external.take() {
                    match external_editor(&text, &mut terminal) {
                        Ok(t) => runner.dispatch(&mut app, Action::ExternalText(t), clock.now()),
                        Err(e) => app.errors.push(e),
                    }
                }
            } else {
                runner.dispatch(&mut app, Action::Tick, clock.now());
            }
        }
        Ok(())
    })();
    // Commits under way are finished (bounded) before the room closes.
    runner.drain(&mut app, clock.now(), Duration::from_millis(800));
    // Closing the session: the journal is committed up to its last complete line.
    let mut closing = None;
    if app.quit && app.read_only.is_none() {
        let ctx = crate::ops::Context {
            meeting: Some(app.meeting_id.clone()),
            doing: "the meeting room (closing)".into(),
            wait: Some(Duration::from_secs(3)),
            ..Default::default()
        };
        if let Err(e) = crate::ops::commit_journal(&app.root, &app.meeting_id, &ctx) {
            closing = Some(format!("the record of the session is safe in its journal, but it was not committed: {e}"));
        }
    }
    done.store(true, Ordering::Relaxed);
    drop(_guard);
    if let Some(w) = closing {
        eprintln!("gavel: warning: {w}");
    }
    result
}
