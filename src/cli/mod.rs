//! The `gavel` command line. Each subcommand is a thin layer over the
//! library; this module owns exit codes and how errors reach the user.

mod adopt;
mod annex;
mod check;
mod demo;
mod diff;
mod history;
mod output;
mod proposals;
mod record;
mod show;
mod status;
mod sync;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::workspace::Workspace;

/// The exit statuses, for `--help` (README, "Exit status", says the same).
const EXIT_STATUS: &str = "Exit status: 0 done; 1 the repository's data has errors (check found errors, a file the command needs is broken, sync stopped on conflicts); 2 a mistake in what was asked (unknown provision, bad argument, -o onto something that is not a regular file); 3 the environment failed (git, the disk, permissions, the network, another writer holding the repository).";

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

#[derive(Debug, Subcommand)]
enum Command {
    /// Print a resolution, one of its provisions, or its outline.
    ///
    /// Provisions are cited as delegates cite them: `23 b)`, `23(b)`, `23.b`,
    /// `paragraph 23 b)`, `13 a) iv)`, `preamble 5`, a section (`IX`).
    Show {
        /// The resolution: `Conf. 11.3`, `11.3`, `Conf. 11.3 (Rev. CoP19)`.
        resolution: String,
        /// The provision (default: the whole resolution).
        reference: Option<String>,
        /// Print the structure: preamble, sections, paragraphs and their sub-paragraph labels.
        #[arg(long, conflicts_with = "reference")]
        outline: bool,
        /// Read the resolution as it was at this revision (tag, branch, commit).
        #[arg(long, value_name = "REV")]
        at: Option<String>,
    },
    /// Check every file of a working-group repository; exit 0 only when all is well.
    Check {
        /// The repository (default: as for --repo).
        path: Option<PathBuf>,
    },
    /// Create a fresh working-group repository from the bundled sample data.
    Demo {
        /// Where to create it: a new or empty folder (default: a new folder under the system's temporary folder).
        dir: Option<PathBuf>,
    },
    /// Show proposed changes as tracked changes: new text underlined, deleted
    /// text struck through (`[-deleted-]{+inserted+}` in txt).
    ///
    /// `gavel diff "Conf. 11.3"` shows every pending proposal, each in context;
    /// `gavel diff "Conf. 11.3" "23 b)"` those that touch 23 b);
    /// `gavel diff --text OLD NEW` compares any two plain texts.
    Diff {
        /// The resolution: `Conf. 11.3`.
        resolution: Option<String>,
        /// Only proposals that touch this provision.
        reference: Option<String>,
        /// Compare two plain-text files instead.
        #[arg(long, num_args = 2, value_names = ["OLD", "NEW"], conflicts_with_all = ["resolution", "reference", "proposal"])]
        text: Option<Vec<PathBuf>>,
        /// Only this proposal (by id), whatever its status.
        #[arg(long)]
        proposal: Option<String>,
        /// txt (default when not on a terminal, or with NO_COLOR), md, html, term.
        #[arg(long, value_enum)]
        format: Option<output::FormatArg>,
        /// Write to this file (whole, or not at all) instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// With --text: show only changed paragraphs and this many around each.
        #[arg(long, value_name = "N")]
        context: Option<usize>,
        /// Read everything as it was at this revision.
        #[arg(long, value_name = "REV", conflicts_with_all = ["from", "to"])]
        at: Option<String>,
        /// Compare the resolution as it was at this revision ...
        #[arg(long, value_name = "REV")]
        from: Option<String>,
        /// ... with this revision (default: the files as they are now).
        #[arg(long, value_name = "REV", requires = "from")]
        to: Option<String>,
    },
    /// Write the annex for the Secretariat: the whole resolution with every
    /// pending proposal in place, new text underlined and deleted text struck through.
    Annex {
        /// The resolution: `Conf. 11.3`.
        resolution: String,
        /// txt, md, html, docx or term (default: from -o FILE's extension, else as for diff).
        #[arg(long, value_enum)]
        format: Option<output::FormatArg>,
        /// Write to this file (whole, or not at all).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// DOCX only: real Word revisions (w:ins/w:del with author and date) the Secretariat can accept or reject.
        #[arg(long)]
        track_changes: bool,
        /// Only these proposals (repeat the option); default: every pending one.
        #[arg(long = "proposal", value_name = "ID")]
        proposals: Vec<String>,
        /// Author of revisions not attributed to a proposal (default: gavel).
        #[arg(long)]
        author: Option<String>,
        /// Date of the revisions: 2025-02-03 or 2025-02-03T09:00:00Z (default: now, or SOURCE_DATE_EPOCH).
        #[arg(long)]
        date: Option<String>,
        /// Read the resolution and proposals as they were at this revision.
        #[arg(long, value_name = "REV")]
        at: Option<String>,
    },
    /// Adopt a proposal: write the adopted text into the resolution, mark the
    /// proposal adopted, and record the decision as one commit.
    ///
    /// The commit's author is the chair (git's user.name and user.email, or
    /// --as); its trailers (Proposed-by, Supported-by, Meeting, Agenda-item,
    /// Decision) can be queried with git.
    Adopt {
        /// The resolution: `Conf. 11.3`.
        resolution: String,
        /// The provision the proposal changes: `23 b)`.
        reference: String,
        /// The proposal, when several touch the provision.
        #[arg(long)]
        proposal: Option<String>,
        #[command(flatten)]
        rec: Recording,
        /// Record the decision as "agreed as amended" rather than "agreed".
        #[arg(long)]
        as_amended: bool,
        /// The decision as the working group took it (goes into the commit message).
        #[arg(long, value_name = "TEXT")]
        text: Option<String>,
    },
    /// Record a proposal to amend a provision, as one commit (what the
    /// meeting room does when a drafted amendment is saved).
    ///
    /// `gavel propose 11.3 "23 b)" --text "…" --by Kenya --by "New Zealand"`
    /// replaces 23 b); with --before or --after the text is a new provision
    /// next to it; --delete proposes to strike it.
    Propose {
        /// The resolution: `Conf. 11.3`.
        resolution: String,
        /// The provision: `23 b)`.
        reference: String,
        /// The new text.
        #[arg(long)]
        text: Option<String>,
        /// Insert the text as a new provision before the one named.
        #[arg(long, conflicts_with_all = ["after", "delete"])]
        before: bool,
        /// Insert the text as a new provision after the one named.
        #[arg(long, conflicts_with = "delete")]
        after: bool,
        /// Propose to delete the provision.
        #[arg(long, conflicts_with = "text")]
        delete: bool,
        /// Who proposes it (repeat for a joint proposal).
        #[arg(long, value_name = "MEMBER")]
        by: Vec<String>,
        /// Who supports it (repeat).
        #[arg(long, value_name = "MEMBER")]
        supported_by: Vec<String>,
        /// The proposal's id (default: made from the resolution and the provision).
        #[arg(long)]
        id: Option<String>,
        /// A title (default: "Amendment to … proposed by …").
        #[arg(long)]
        title: Option<String>,
        #[command(flatten)]
        rec: Recording,
    },
    /// Withdraw a pending proposal at its proponents' request, as one commit.
    Withdraw(StatusCmd),
    /// Reject a pending proposal, as one commit.
    Reject(StatusCmd),
    /// Every commit that changed a provision, newest first: date, author,
    /// meeting, subject, and the change as tracked changes. The provision is
    /// followed by its identity through relettering and renumbering.
    History {
        /// The resolution: `Conf. 11.3`.
        resolution: String,
        /// The provision: `23 b)`.
        reference: String,
        /// Only commits after this revision.
        #[arg(long, value_name = "REV")]
        since: Option<String>,
        /// Start from this revision instead of HEAD (the provision is named as it was then).
        #[arg(long, value_name = "REV")]
        at: Option<String>,
        /// txt (default off a terminal), md, term.
        #[arg(long, value_enum)]
        format: Option<output::FormatArg>,
        /// Read the whole history rather than the cache in .git/gavel.
        #[arg(long)]
        no_cache: bool,
    },
    /// Share the record with the other co-chair: fetch from the remote, join
    /// both records (resolutions provision by provision), push.
    ///
    /// A provision both changed differently is never settled silently: on a
    /// terminal you choose for each; otherwise sync stops and changes nothing,
    /// unless --take says which side wins.
    Sync {
        /// The remote (default: origin).
        #[arg(long, default_value = "origin")]
        remote: String,
        /// Settle every conflict this way.
        #[arg(long, value_enum)]
        take: Option<sync::Take>,
        /// The author of a merge commit: "Name <email>" (default: git's user.name and user.email).
        #[arg(long = "as", value_name = "NAME <EMAIL>")]
        author: Option<String>,
    },
    /// Write the draft summary record of a meeting from its journal.
    Minutes {
        /// The meeting (its id, e.g. sc78-session).
        meeting: String,
        /// md (default), html, docx, txt.
        #[arg(long, value_enum)]
        format: Option<output::FormatArg>,
        /// Write to this file (whole, or not at all).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Write the working group's report (background, membership, approach,
    /// deliberations, recommendations, annex), in the shape of SC78 Doc. 37.
    Report {
        /// A meeting of the group (its id).
        meeting: String,
        /// md (default), html, docx, txt.
        #[arg(long, value_enum)]
        format: Option<output::FormatArg>,
        /// Write to this file (whole, or not at all).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// List the proposals on a resolution.
    Proposals {
        /// The resolution: `Conf. 11.3`.
        resolution: String,
    },
    /// Summarize the repository: resolutions, groups, meetings, proposals.
    Status,
    /// Open the meeting room (what `gavel` does on a terminal).
    Room {
        /// The meeting (its id); default: the first meeting of a group that works on a resolution.
        #[arg(long)]
        meeting: Option<String>,
    },
}

/// The arguments of `withdraw` and `reject`.
#[derive(Debug, clap::Args)]
struct StatusCmd {
    /// The resolution: `Conf. 11.3`.
    resolution: String,
    /// The proposal's id.
    proposal: String,
    /// Why (goes into the commit message).
    #[arg(long)]
    reason: Option<String>,
    #[command(flatten)]
    rec: Recording,
}

/// Who records a change, and in which meeting and agenda item (the commit's author and trailers).
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct Recording {
    /// The chair recording it: "Name <email>" (default: git's user.name and user.email).
    #[arg(long = "as", value_name = "NAME <EMAIL>")]
    pub author: Option<String>,
    /// The meeting (its id, e.g. sc78-session).
    #[arg(long)]
    pub meeting: Option<String>,
    /// The agenda item (its id in the meeting).
    #[arg(long)]
    pub item: Option<String>,
}

impl From<StatusCmd> for adopt::StatusArgs {
    fn from(c: StatusCmd) -> Self {
        adopt::StatusArgs { resolution: c.resolution, proposal: c.proposal, reason: c.reason, rec: c.rec }
    }
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

/// Runs the command line and returns the process's exit status.
pub fn main() -> ExitCode {
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
            let _ = writeln!(std::io::stderr(), "gavel: error: {}", e.message);
            ExitCode::from(e.code)
        }
    }
}

fn run(cli: Cli) -> Result<u8, CliError> {
    KEEP_GOING.store(cli.keep_going, std::sync::atomic::Ordering::Relaxed);
    let repo = cli.repo.as_deref();
    // A write cut off earlier (a crash, kill -9) is finished or undone before anything else.
    let here = match &cli.command {
        Some(Command::Check { path: Some(p) }) => Some(p.as_path()),
        Some(Command::Demo { .. }) => None,
        _ => Some(repo.unwrap_or(Path::new("."))),
    };
    if let Some(root) = here.and_then(|h| Workspace::discover(h).ok()) {
        match crate::ops::repair(&root) {
            Ok(Some(r)) => {
                let _ = writeln!(std::io::stderr(), "gavel: {r}");
            }
            Ok(None) => {}
            Err(e) => return Err(e.into()),
        }
    }
    match cli.command {
        Some(Command::Show { resolution, reference, outline, at }) => {
            show::run(repo, &resolution, reference.as_deref(), outline, at.as_deref())
        }
        Some(Command::Check { path }) => check::run(path.as_deref().or(repo)),
        Some(Command::Demo { dir }) => demo::run(dir.as_deref()),
        Some(Command::Proposals { resolution }) => proposals::run(repo, &resolution),
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
        Some(Command::Minutes { meeting, format, output }) => record::minutes_cmd(repo, record::Args { meeting, format, output }),
        Some(Command::Report { meeting, format, output }) => record::report_cmd(repo, record::Args { meeting, format, output }),
        Some(Command::Diff { resolution, reference, text, proposal, format, output, context, at, from, to }) => {
            diff::run(repo, diff::Args { resolution, reference, text, proposal, format, output, context, at, from, to })
        }
        Some(Command::Annex { resolution, format, output, track_changes, proposals, author, date, at }) => {
            annex::run(repo, annex::Args { resolution, format, output, track_changes, proposals, author, date, at })
        }
        Some(Command::Room { meeting }) => room(repo, meeting.as_deref()),
        None if std::io::IsTerminal::is_terminal(&std::io::stdout()) && std::io::IsTerminal::is_terminal(&std::io::stdin()) => {
            room(repo, None)
        }
        Some(Command::Status) | None => status::run(repo),
    }
}

/// Opens the meeting room on a meeting of the repository.
pub(crate) fn room(repo: Option<&Path>, meeting: Option<&str>) -> Result<u8, CliError> {
    let ws = open(repo)?;
    let m = match meeting {
        Some(id) => self::meeting(&ws, id)?,
        None => crate::tui::choose_meeting(&ws, None).map_err(CliError::user)?,
    };
    crate::tui::run(&ws, m).map_err(CliError::user)?;
    Ok(0)
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

/// Writes to standard output; a closed pipe (`| head`) is not an error.
fn emit(text: &str) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(CliError::env(format!("cannot write the output: {e}"))),
    }
}

static KEEP_GOING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// A command needs these files (paths relative to the repository, `/`
/// separated): if any has errors, every one of them is printed, located, and
/// the command stops with status 1 before it writes anything; with
/// `--keep-going` they are printed on standard error and the command goes on.
pub(crate) fn needs(ws: &Workspace, files: &[String]) -> Result<(), CliError> {
    let broken: Vec<&crate::diag::Diagnostic> = ws
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .filter(|d| {
            let p = d.path.to_string_lossy().replace('\\', "/");
            files.iter().any(|f| p == *f || p.ends_with(&format!("/{f}")) || p.ends_with(&format!(":{f}")))
        })
        .collect();
    if broken.is_empty() {
        return Ok(());
    }
    let mut names: Vec<String> = broken.iter().map(|d| d.path.display().to_string()).collect();
    names.dedup();
    let list: String = broken.iter().map(|d| format!("\n{d}")).collect();
    if KEEP_GOING.load(std::sync::atomic::Ordering::Relaxed) {
        let _ = writeln!(std::io::stderr(), "gavel: warning: going on without {} (--keep-going):{list}", names.join(", "));
        return Ok(());
    }
    Err(CliError::data(format!(
        "{} cannot be used: what this command writes would be incomplete{list}\nfix {} (`gavel check` lists every problem), or add --keep-going to go on without it",
        names.join(", "),
        if names.len() == 1 { "it" } else { "them" }
    )))
}

/// The files a command on resolution `res` needs: the resolution and its proposals.
pub(crate) fn resolution_files(res: &crate::resolution::Resolution) -> Vec<String> {
    let slug = res.header.symbol.slug();
    vec![
        format!("{}/{slug}.txt", crate::workspace::RESOLUTIONS_DIR),
        format!("{}/{slug}{}", crate::workspace::RESOLUTIONS_DIR, crate::workspace::PROPOSALS_SUFFIX),
    ]
}

/// A meeting of the repository by its id. A meeting whose file exists but
/// cannot be read is said to be so, with its problems (status 1), not "no
/// such meeting".
pub(crate) fn meeting(ws: &Workspace, id: &str) -> Result<usize, CliError> {
    if let Some(k) = ws.meetings.iter().position(|m| m.id == id) {
        return Ok(k);
    }
    let file = format!("{id}{}", crate::workspace::MEETING_SUFFIX);
    let broken: Vec<String> = ws
        .diagnostics
        .iter()
        .filter(|d| d.is_error() && d.path.file_name().is_some_and(|n| n.to_string_lossy() == file))
        .map(|d| format!("\n{d}"))
        .collect();
    if !broken.is_empty() {
        return Err(CliError::data(format!("the meeting `{id}` cannot be read:{}", broken.concat())));
    }
    crate::tui::choose_meeting(ws, Some(id)).map_err(CliError::user)
}

/// What the record of a meeting needs: its agenda, its group, and the proposals on the group's resolutions.
pub(crate) fn meeting_files(ws: &Workspace, k: usize) -> Vec<String> {
    let m = &ws.meetings[k];
    let dir = format!("{}/{}", crate::workspace::AGENDAS_DIR, m.group);
    let mut v = vec![
        format!("{dir}/{}{}", m.id, crate::workspace::MEETING_SUFFIX),
        format!("{dir}/{}", crate::workspace::GROUP_FILE),
        format!("{dir}/{}.journal.jsonl", m.id),
    ];
    let names = ws.group(&m.group).map(|g| g.value.resolutions.clone()).unwrap_or_default();
    for n in names {
        let slug = n.symbol.slug();
        v.push(format!("{}/{slug}.txt", crate::workspace::RESOLUTIONS_DIR));
        v.push(format!("{}/{slug}{}", crate::workspace::RESOLUTIONS_DIR, crate::workspace::PROPOSALS_SUFFIX));
    }
    v
}

/// Tells the user on stderr that files they rely on have problems.
fn warn_about(ws: &Workspace, path: &Path) {
    let n = ws.diagnostics.iter().filter(|d| d.path == path && d.is_error()).count();
    if n > 0 {
        let _ = writeln!(
            std::io::stderr(),
            "gavel: warning: {} has {n} problem{}; run `gavel check`",
            path.display(),
            if n == 1 { "" } else { "s" }
        );
    }
}
