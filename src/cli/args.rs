//! The subcommands and their arguments, as clap reads them.

use std::path::PathBuf;

use clap::Subcommand;

use super::{adopt, import, output, setup, sync};

#[derive(Debug, Subcommand)]
pub(super) enum Command {
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
        /// txt (default) or json (README, JSON output).
        #[arg(long, value_enum)]
        format: Option<output::ListFormat>,
    },
    /// Check every file of a working-group repository; exit 0 only when all is well.
    Check {
        /// The repository (default: as for --repo).
        path: Option<PathBuf>,
        /// txt (default) or json (README, JSON output).
        #[arg(long, value_enum)]
        format: Option<output::ListFormat>,
    },
    /// Create a fresh working-group repository from the bundled sample data.
    Demo {
        /// Where to create it: a new or empty folder (default: a new folder under the system's temporary folder).
        dir: Option<PathBuf>,
    },
    /// Start a working group: a new repository with the group's name, chairs and mandate, in one commit.
    ///
    /// `gavel init wg-12-3 --group "Standing Committee working group on Resolution Conf. 12.3"
    /// --chair Kenya --chair "New Zealand" --mandate-file mandate.txt`; on a terminal it asks for what is missing.
    Init(setup::InitArgs),
    /// Bring in a resolution (its Word file or its text from the PDF), or a Party's Word reply with tracked changes.
    #[command(subcommand)]
    Import(ImportCmd),
    /// The group's members.
    #[command(subcommand)]
    Member(MemberCmd),
    /// The group's meetings and their agendas.
    #[command(subcommand)]
    Meeting(MeetingCmd),
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
        /// The amendments agreed since this revision (a tag such as
        /// `conf-11.3/rev-cop19`, or a commit): the text then, with the changes
        /// made since as tracked changes, each attributed to its proposal.
        #[arg(long, value_name = "REV")]
        from: Option<String>,
        /// With --from: pending proposals too, on top of the agreed amendments.
        #[arg(long, requires = "from")]
        pending: bool,
        /// DOCX: the document's symbol for the header of every page (`SC78 Doc. 37 Annex`).
        #[arg(long)]
        symbol: Option<String>,
        /// DOCX: the document's creator (default: the working group's name).
        #[arg(long)]
        creator: Option<String>,
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
        /// txt (default off a terminal), md, html, term, json.
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
        /// The revision the annex of agreed amendments starts from (default:
        /// each resolution's newest tag, `conf-11.3/…`).
        #[arg(long, value_name = "REV")]
        from: Option<String>,
    },
    /// List the proposals on a resolution.
    Proposals {
        /// The resolution: `Conf. 11.3`.
        resolution: String,
        /// txt (default) or json (README, JSON output).
        #[arg(long, value_enum)]
        format: Option<output::ListFormat>,
    },
    /// Summarize the repository: resolutions, groups, meetings, proposals.
    Status {
        /// txt (default) or json (README, JSON output).
        #[arg(long, value_enum)]
        format: Option<output::ListFormat>,
    },
    /// Open the meeting room (what `gavel` does on a terminal).
    Room {
        /// The meeting (its id); default: the first meeting of a group that works on a resolution.
        #[arg(long)]
        meeting: Option<String>,
    },
    /// The room's second screen, read-only: the item, the provision the chair puts on the screen, the floor.
    Screen {
        /// The meeting (its id); default: as for `room`.
        #[arg(long)]
        meeting: Option<String>,
    },
    /// Print a completion script for a shell: `gavel completions bash > /etc/bash_completion.d/gavel`.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print gavel's manual page (roff): `gavel man > gavel.1; man ./gavel.1`;
    /// with --dir, write one page per command there (gavel.1, gavel-annex.1, …).
    Man {
        /// A folder to write gavel.1 and a page for every command into.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

/// `gavel import …`.
#[derive(Debug, Subcommand)]
pub(super) enum ImportCmd {
    /// A resolution in force, from its Word file (.docx) or its text as copied from the PDF, as one commit.
    Resolution(import::ResolutionArgs),
    /// A Party's Word reply with its changes tracked: each revision a proposal (one per provision and author), as one commit.
    Comments(import::CommentsArgs),
}

/// `gavel member …`.
#[derive(Debug, Subcommand)]
pub(super) enum MemberCmd {
    /// Add a member (a Party, an Observer, the Secretariat), in one commit.
    Add(setup::MemberAdd),
}

/// `gavel meeting …`.
#[derive(Debug, Subcommand)]
pub(super) enum MeetingCmd {
    /// Create a meeting: one day with one session, in one commit.
    New(setup::MeetingNew),
    /// The meeting's agenda items.
    #[command(subcommand)]
    Item(ItemCmd),
}

/// `gavel meeting item …`.
#[derive(Debug, Subcommand)]
pub(super) enum ItemCmd {
    /// Add an item at the end of a day's last session, in one commit.
    Add(setup::ItemAdd),
}

/// The arguments of `withdraw` and `reject`.
#[derive(Debug, clap::Args)]
pub(super) struct StatusCmd {
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
