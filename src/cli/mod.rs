//! The `gavel` command line. Each subcommand is a thin layer over the
//! library; this module owns exit codes and how errors reach the user.

mod adopt;
mod annex;
mod args;
mod check;
mod demo;
mod diff;
mod history;
mod import;
mod inputs;
mod json;
mod output;
mod proposals;
mod record;
mod setup;
mod show;
mod status;
mod sync;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;

use crate::workspace::Workspace;

pub(crate) use args::Recording;
use args::{Command, ImportCmd, ItemCmd, MeetingCmd, MemberCmd};
pub(crate) use inputs::{KEEP_GOING, meeting, meeting_files, needs, resolution_files, warn_about};

/// The exit statuses, for `--help` (README, "Exit status", says the same).
const EXIT_STATUS: &str = "Exit status: 0 done; 1 the repository's data has errors (check found errors, a file the command needs is broken, sync stopped on conflicts) or a file to import is broken; 2 a mistake in what was asked (unknown provision, bad argument, -o onto something that is not a regular file); 3 the environment failed (git, the disk, permissions, the network, another writer holding the repository).";

/// gavel: run a working group's session, draft amendments as tracked
/// changes, and keep the record in git.
#[derive(Debug, Parser)]
#[command(name = "gavel", version, about, long_about = None, after_help = EXIT_STATUS)]
pub struct Cli {
    /// The working-group repository (default: the nearest folder at or above
    /// the current one that has `resolutions/`).
    #[arg(long, global = true, value_name = "PATH")]
    repo: Option<PathBuf>,

    /// Go on without a broken file a command would use (its problems are
    /// printed on standard error); without this, such a file stops the
    /// command with status 1 before it writes anything.
    #[arg(long, global = true)]
    keep_going: bool,

    #[command(subcommand)]
    command: Option<Command>,
}

/// A failure to report: its message and the exit status.
#[derive(Debug)]
pub struct CliError {
    pub message: String,
    pub code: u8,
}

impl CliError {
    /// A user's mistake (bad reference, unknown resolution, unusable folder): status 2.
    pub fn user(message: impl std::fmt::Display) -> Self {
        CliError { message: message.to_string(), code: 2 }
    }

    /// The environment failed (git, the disk, permissions, the network): status 3.
    pub fn env(message: impl std::fmt::Display) -> Self {
        CliError { message: message.to_string(), code: 3 }
    }

    /// The repository's data is broken (a file a command needs): status 1.
    pub fn data(message: impl std::fmt::Display) -> Self {
        CliError { message: message.to_string(), code: 1 }
    }
}

impl From<crate::store::StoreError> for CliError {
    fn from(e: crate::store::StoreError) -> Self {
        CliError { code: e.exit_code(), message: e.to_string() }
    }
}

/// The time one command may spend comparing texts, counted from the
/// process's start (README, "How changes are found", rule 7); the
/// environment variable `GAVEL_BUDGET_MS` sets another.
pub const COMMAND_BUDGET: std::time::Duration = std::time::Duration::from_secs(3);

static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
static BUDGET: std::sync::OnceLock<std::time::Duration> = std::sync::OnceLock::new();

/// When this command's comparisons must stop.
pub(crate) fn deadline() -> std::time::Instant {
    *STARTED.get_or_init(std::time::Instant::now) + BUDGET.get().copied().unwrap_or(COMMAND_BUDGET)
}

/// The budget `GAVEL_BUDGET_MS` sets, if any: a value that is not a whole
/// number of milliseconds is a mistake to report, not a default to assume.
fn budget_from_env() -> Result<std::time::Duration, CliError> {
    match std::env::var("GAVEL_BUDGET_MS") {
        Err(std::env::VarError::NotPresent) => Ok(COMMAND_BUDGET),
        Ok(v) => v.trim().parse::<u64>().map(std::time::Duration::from_millis).map_err(|_| {
            CliError::user(format!(
                "GAVEL_BUDGET_MS is {v:?}: give the comparisons' time budget in whole milliseconds (the default is {})",
                COMMAND_BUDGET.as_millis()
            ))
        }),
        Err(std::env::VarError::NotUnicode(_)) => Err(CliError::user("GAVEL_BUDGET_MS is not text: give a whole number of milliseconds")),
    }
}

/// Runs the command line and returns the process's exit status.
pub fn main() -> ExitCode {
    STARTED.get_or_init(std::time::Instant::now);
    // Before any thread: libgit2 starts without reading the system's
    // certificates; `sync` hands them over when its remote is https.
    crate::store::certs::defer();
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "gavel: error: {}", crate::safe::visible(&e.message));
            ExitCode::from(e.code)
        }
    }
}

fn run(cli: Cli) -> Result<u8, CliError> {
    let _ = BUDGET.set(budget_from_env()?);
    KEEP_GOING.store(cli.keep_going, std::sync::atomic::Ordering::Relaxed);
    let repo = cli.repo.as_deref();
    // A write cut off earlier (a crash, kill -9) is finished or undone before anything else.
    let here = match &cli.command {
        Some(Command::Check { path: Some(p), .. }) => Some(p.as_path()),
        Some(Command::Demo { .. } | Command::Init(_) | Command::Completions { .. } | Command::Man { .. }) => None,
        _ => Some(repo.unwrap_or(Path::new("."))),
    };
    if let Some(root) = here.and_then(|h| Workspace::discover(h).ok()) {
        match crate::ops::repair(&root) {
            Ok(Some(r)) => {
                let _ = writeln!(std::io::stderr(), "gavel: {}", crate::safe::visible(&r.to_string()));
            }
            Ok(None) => {}
            Err(e) => return Err(e.into()),
        }
    }
    // Every command but the room, which runs for hours, compares within one budget.
    // Asked only of a command that may open the room (two system calls every other command is spared).
    // (`gavel demo` goes on into the room on a terminal.)
    let in_room = matches!(cli.command, Some(Command::Room { .. } | Command::Screen { .. }))
        || ((cli.command.is_none() || matches!(cli.command, Some(Command::Demo { .. }))) && terminal());
    if !in_room {
        crate::redline::budget::until(deadline());
    }
    match cli.command {
        Some(Command::Show { resolution, reference, outline, at, format }) => {
            show::run(repo, &resolution, reference.as_deref(), outline, at.as_deref(), json(format))
        }
        Some(Command::Check { path, format }) => check::run(path.as_deref().or(repo), json(format)),
        Some(Command::Demo { dir }) => demo::run(dir.as_deref()),
        Some(Command::Init(a)) => setup::init(a),
        Some(Command::Completions { shell }) => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut <Cli as clap::CommandFactory>::command(), "gavel", &mut out);
            emit_bytes(&out)?;
            Ok(0)
        }
        Some(Command::Man { dir: Some(dir) }) => {
            clap_mangen::generate_to(<Cli as clap::CommandFactory>::command(), &dir)
                .map_err(|e| CliError::env(format!("cannot write the manual pages into {}: {e}", dir.display())))?;
            emit(&format!("Wrote gavel.1 and a page for every command into {}\n", dir.display()))?;
            Ok(0)
        }
        Some(Command::Man { dir: None }) => {
            let mut out = Vec::new();
            clap_mangen::Man::new(<Cli as clap::CommandFactory>::command())
                .render(&mut out)
                .map_err(|e| CliError::env(format!("cannot write the manual page: {e}")))?;
            emit_bytes(&out)?;
            Ok(0)
        }
        Some(Command::Member(MemberCmd::Add(a))) => setup::member_add(repo, a),
        Some(Command::Import(ImportCmd::Resolution(a))) => import::resolution(repo, a),
        Some(Command::Import(ImportCmd::Comments(a))) => import::comments(repo, a),
        Some(Command::Meeting(MeetingCmd::New(a))) => setup::meeting_new(repo, a),
        Some(Command::Meeting(MeetingCmd::Item(ItemCmd::Add(a)))) => setup::item_add(repo, a),
        Some(Command::Proposals { resolution, format }) => proposals::run(repo, &resolution, json(format)),
        Some(Command::Adopt { resolution, reference, proposal, rec, as_amended, text }) => {
            adopt::run(repo, adopt::Args { resolution, reference, proposal, rec, as_amended, text })
        }
        Some(Command::Propose { resolution, reference, text, before, after, delete, by, supported_by, id, title, rec }) => adopt::propose(
            repo,
            adopt::ProposeArgs {
                resolution,
                reference,
                text,
                insert_after: after,
                insert_before: before,
                delete,
                by,
                supported_by,
                id,
                title,
                rec,
            },
        ),
        Some(Command::Withdraw(c)) => adopt::set_status(repo, c.into(), crate::group::Status::Withdrawn),
        Some(Command::Reject(c)) => adopt::set_status(repo, c.into(), crate::group::Status::Rejected),
        Some(Command::History { resolution, reference, since, at, format, no_cache }) => {
            history::run(repo, history::Args { resolution, reference, since, at, format, no_cache })
        }
        Some(Command::Sync { remote, take, author }) => sync::run(repo, sync::Args { remote, take, author }),
        Some(Command::Minutes { meeting, format, output }) => {
            record::minutes_cmd(repo, record::Args { meeting, format, output, from: None })
        }
        Some(Command::Report { meeting, format, output, from }) => record::report_cmd(repo, record::Args { meeting, format, output, from }),
        Some(Command::Diff { resolution, reference, text, proposal, format, output, context, at, from, to }) => {
            diff::run(repo, diff::Args { resolution, reference, text, proposal, format, output, context, at, from, to })
        }
        Some(Command::Annex { resolution, format, output, track_changes, proposals, author, date, at, from, pending, symbol, creator }) => {
            annex::run(
                repo,
                annex::Args { resolution, format, output, track_changes, proposals, author, date, at, from, pending, symbol, creator },
            )
        }
        Some(Command::Room { meeting }) => room(repo, meeting.as_deref()),
        Some(Command::Screen { meeting }) => screen(repo, meeting.as_deref()),
        None if terminal() => room(repo, None),
        Some(Command::Status { format }) => status::run(repo, json(format)),
        None => status::run(repo, false),
    }
}

/// Whether a listing is asked for as JSON.
fn json(f: Option<output::ListFormat>) -> bool {
    f == Some(output::ListFormat::Json)
}

/// Opens the meeting room on a meeting of the repository.
pub(crate) fn room(repo: Option<&Path>, meeting: Option<&str>) -> Result<u8, CliError> {
    let (ws, m) = room_meeting(repo, meeting)?;
    crate::tui::run(&ws, m).map_err(CliError::user)?;
    Ok(0)
}

/// Both standard input and output are a terminal.
fn terminal() -> bool {
    std::io::IsTerminal::is_terminal(&std::io::stdout()) && std::io::IsTerminal::is_terminal(&std::io::stdin())
}

/// Shows the room's second screen of a meeting of the repository.
fn screen(repo: Option<&Path>, meeting: Option<&str>) -> Result<u8, CliError> {
    if !terminal() {
        return Err(CliError::user("the screen is for a terminal: run `gavel screen` in the terminal that is projected"));
    }
    let (ws, m) = room_meeting(repo, meeting)?;
    crate::tui::screen::run(&ws, m).map_err(CliError::user)?;
    Ok(0)
}

/// The repository and the meeting a room or a screen opens.
fn room_meeting(repo: Option<&Path>, meeting: Option<&str>) -> Result<(Workspace, usize), CliError> {
    let ws = open(repo)?;
    let m = match meeting {
        Some(id) => self::meeting(&ws, id)?,
        None => crate::tui::choose_meeting(&ws, None).map_err(CliError::user)?,
    };
    Ok((ws, m))
}

/// The repository as it was at a revision (`--at`), or as it is on disk.
fn open_at(repo: Option<&Path>, at: Option<&str>) -> Result<Workspace, CliError> {
    let Some(rev) = at else { return open(repo) };
    let root =
        Workspace::discover(repo.unwrap_or(Path::new("."))).map_err(|e| CliError::user(format!("{e}; run `gavel demo` to create one")))?;
    let store = crate::store::Store::open(&root)?;
    Ok(store.workspace_at(rev, &root)?)
}

/// Finds and loads the repository named by `--repo`, or the one around the
/// current folder.
fn open(repo: Option<&Path>) -> Result<Workspace, CliError> {
    let start = repo.unwrap_or(Path::new("."));
    if let Some(r) = repo
        && !r.is_dir()
    {
        return Err(CliError::user(format!("{} is not a folder", r.display())));
    }
    let root = Workspace::discover(start).map_err(|e| CliError::user(format!("{e}; run `gavel demo` to create one")))?;
    Ok(Workspace::load(&root))
}

/// Writes a message to standard output, its data's control characters
/// shown; a closed pipe (`| head`) is not an error.
fn emit(text: &str) -> Result<(), CliError> {
    emit_bytes(crate::safe::visible(text).as_bytes())
}

/// Writes bytes (a printed document) to standard output as they are.
fn emit_bytes(bytes: &[u8]) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(CliError::env(format!("cannot write the output: {e}"))),
    }
}

/// A warning on standard error, its data's control characters shown.
pub(crate) fn warn(text: impl std::fmt::Display) {
    let _ = writeln!(std::io::stderr(), "gavel: warning: {}", crate::safe::visible(&text.to_string()));
}
