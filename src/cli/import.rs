//! `gavel import resolution FILE`, `gavel import comments FILE.docx`.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{CliError, emit, open};
use crate::import::{Given, ImportError};

impl From<ImportError> for CliError {
    fn from(e: ImportError) -> Self {
        CliError { code: e.exit_code(), message: e.to_string() }
    }
}

/// `gavel import resolution`'s options.
#[derive(Debug, clap::Args)]
pub(super) struct ResolutionArgs {
    /// The resolution's Word file (.docx), or its text copied from the PDF.
    file: PathBuf,
    /// Its symbol, where the file does not say it: `Conf. 12.3`.
    #[arg(long)]
    symbol: Option<String>,
    /// Its revision, where the file does not say it: `Rev. CoP19`.
    #[arg(long)]
    revision: Option<String>,
    /// Its title, where the file does not say it.
    #[arg(long)]
    title: Option<String>,
    /// The note under its symbol (`Amended at the …`), where the file does not say it.
    #[arg(long)]
    note: Option<String>,
    /// Print the text gavel would write, with what it repaired and left out; write nothing.
    #[arg(long, conflicts_with = "output")]
    dry_run: bool,
    /// Write the text to this file instead of the repository (even with problems left, to repair by hand).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// The group that works on it (default: the repository's only group, if there is one).
    #[arg(long)]
    group: Option<String>,
    /// Who records it: "Name <email>" (default: git's user.name and user.email).
    #[arg(long = "as", value_name = "NAME <EMAIL>")]
    author: Option<String>,
}

/// Reads a file someone sent, within the import's size limit.
pub(super) fn read_input(path: &Path) -> Result<Vec<u8>, CliError> {
    let meta = std::fs::metadata(path).map_err(|e| CliError::user(format!("cannot read {}: {e}", path.display())))?;
    if meta.is_dir() {
        return Err(CliError::user(format!("{} is a folder: name the file", path.display())));
    }
    if meta.len() > crate::import::MAX_SOURCE_BYTES as u64 {
        return Err(CliError::data(format!(
            "{} is {:.1} MB; gavel imports files of at most {} MB",
            path.display(),
            meta.len() as f64 / 1e6,
            crate::import::MAX_SOURCE_BYTES / (1024 * 1024)
        )));
    }
    std::fs::read(path).map_err(|e| CliError::env(format!("cannot read {}: {e}", path.display())))
}

/// Says on standard error what was repaired and what was left out.
fn report(imported: &crate::import::Imported) {
    let mut err = std::io::stderr().lock();
    for n in &imported.repairs {
        let _ = writeln!(err, "gavel: repaired: {n}");
    }
    for n in &imported.unplaced {
        let _ = writeln!(err, "gavel: left out: {n}");
    }
    for d in &imported.problems {
        let _ = writeln!(err, "gavel: {}", crate::safe::visible(&d.to_string()));
    }
}

pub(super) fn resolution(repo: Option<&Path>, a: ResolutionArgs) -> Result<u8, CliError> {
    let bytes = read_input(&a.file)?;
    let name = a.file.display().to_string();
    let given = Given { symbol: a.symbol.clone(), revision: a.revision.clone(), title: a.title.clone(), note: a.note.clone() };
    let imported = crate::import::resolution(&bytes, &name, &given)?;
    report(&imported);
    let errors = imported.problems.iter().filter(|d| d.is_error()).count();
    if a.dry_run {
        emit(&imported.text)?;
        return Ok(if errors == 0 { 0 } else { 1 });
    }
    if let Some(out) = &a.output {
        super::output::write(Some(out), imported.text.as_bytes())?;
        return Ok(if errors == 0 { 0 } else { 1 });
    }
    if errors > 0 {
        return Err(CliError::data(format!(
            "{name}: {errors} problem{} left (above): nothing was written; repair the file, or write the text with -o FILE to repair it by hand",
            if errors == 1 { "" } else { "s" }
        )));
    }
    let ws = open(repo)?;
    let group = match &a.group {
        Some(g) => Some(g.clone()),
        None if ws.groups.len() == 1 => Some(ws.groups[0].0.clone()),
        None => None,
    };
    let ctx = super::setup::context(a.author.as_deref(), "gavel import")?;
    let done = crate::ops::import::add_resolution(&ws.root, &imported.text, &name, group.as_deref(), &ctx)?;
    let symbol = imported.symbol.map(|s| s.to_string()).unwrap_or_default();
    emit(&format!(
        "Imported {symbol} into resolutions/{}.txt{}: commit {} ({} repaired, {} left out, listed above)\n",
        imported.symbol.map(|s| s.slug()).unwrap_or_default(),
        group.map(|g| format!(" for {g}")).unwrap_or_default(),
        crate::store::short_id(done.commit),
        imported.repairs.len(),
        imported.unplaced.len()
    ))?;
    Ok(0)
}

/// `gavel import comments`'s options.
#[derive(Debug, clap::Args)]
pub(super) struct CommentsArgs {
    /// The Party's reply: a Word file (.docx) with its changes tracked.
    file: PathBuf,
    /// The resolution it answers on (default: the one its first page names, or the repository's only one).
    #[arg(long)]
    resolution: Option<String>,
    /// The member who sent it, for revisions whose author is no member's name (Word's user name, say).
    #[arg(long, value_name = "MEMBER")]
    by: Option<String>,
    /// Show the proposals as tracked changes; write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Who records it: "Name <email>" (default: git's user.name and user.email).
    #[arg(long = "as", value_name = "NAME <EMAIL>")]
    author: Option<String>,
}

/// The resolution a reply answers on: named, named on its first page, or the only one.
fn answered<'w>(
    ws: &'w crate::workspace::Workspace,
    asked: Option<&str>,
    doc: &crate::import::docx::Document,
) -> Result<&'w crate::resolution::Resolution, CliError> {
    let name: Option<crate::resolution::ResolutionName> = match asked {
        Some(a) => Some(a.parse().map_err(CliError::user)?),
        None => doc.paras.iter().take(12).find_map(|p| {
            let t = p.text(false);
            let t = t.trim().trim_start_matches("Resolution ").trim_end_matches('*');
            t.starts_with("Conf.").then(|| t.parse().ok()).flatten()
        }),
    };
    match name {
        Some(n) => Ok(&super::show::find(ws, &crate::resolution::ResolutionName { revision: None, ..n })?.value),
        None if ws.resolutions.len() == 1 => Ok(&ws.resolutions[0].value),
        None => Err(CliError::user("the reply does not say which resolution it answers on: give --resolution \"Conf. 11.3\"")),
    }
}

pub(super) fn comments(repo: Option<&Path>, a: CommentsArgs) -> Result<u8, CliError> {
    let bytes = read_input(&a.file)?;
    let name = a.file.display().to_string();
    let doc = crate::import::docx::Document::read(&bytes, &name)?;
    let ws = open(repo)?;
    let res = answered(&ws, a.resolution.as_deref(), &doc)?;
    super::needs(&ws, &super::resolution_files(res))?;
    let (group_id, group) = ws
        .groups
        .iter()
        .find(|(_, g)| g.value.resolutions.iter().any(|r| r.symbol == res.header.symbol))
        .or(ws.groups.first())
        .map(|(id, g)| (id.clone(), &g.value))
        .ok_or_else(|| CliError::user("this repository has no working group whose members could have sent the reply"))?;
    if let Some(b) = &a.by
        && group.member(b).is_none()
    {
        return Err(CliError::user(format!("`{b}` is not a member of `{group_id}`: name a member with --by")));
    }
    let existing = ws.proposals_on(res).map(|f| f.value.proposals.clone()).unwrap_or_default();
    let pending: Vec<crate::group::Proposal> = existing.iter().filter(|p| p.status == crate::group::Status::Pending).cloned().collect();
    let o = crate::import::reply::Options {
        file: &name,
        by: a.by.as_deref(),
        group_id: Some(&group_id),
        taken: existing.iter().map(|p| p.id.clone()).collect(),
        aliases: Vec::new(),
    };
    let mut reply = crate::import::reply::read(&doc, res, &pending, group, &o)?;
    // On a terminal, who each unknown author is is asked.
    if !reply.unknown.is_empty()
        && std::io::IsTerminal::is_terminal(&std::io::stdin())
        && std::io::IsTerminal::is_terminal(&std::io::stderr())
    {
        let mut aliases = Vec::new();
        for u in &reply.unknown {
            let mut err = std::io::stderr();
            let _ = write!(err, "gavel: `{}` made changes: which member is that? ", crate::safe::visible(u));
            let _ = err.flush();
            let mut line = String::new();
            let _ = std::io::BufRead::read_line(&mut std::io::stdin().lock(), &mut line);
            match group.member(line.trim()) {
                Some(m) => aliases.push((u.clone(), m.name.clone())),
                None => return Err(CliError::user(format!("`{}` is not a member of `{group_id}`; nothing was written", line.trim()))),
            }
        }
        reply = crate::import::reply::read(&doc, res, &pending, group, &crate::import::reply::Options { aliases, ..o })?;
    }
    let mut err = std::io::stderr().lock();
    for id in &reply.recognised {
        let _ = writeln!(err, "gavel: recognised: proposal {id} as gavel's annex shows it (not proposed again)");
    }
    for n in &reply.not_imported {
        let _ = writeln!(err, "gavel: not imported: {n}");
    }
    drop(err);
    if !reply.unknown.is_empty() {
        let members: Vec<&str> = group.members.iter().map(|m| m.name.as_str()).take(8).collect();
        return Err(CliError::user(format!(
            "{name}: {} made changes but {} no member of `{group_id}`; nothing was written: name the member who sent the reply with --by (members: {}, …)",
            reply.unknown.iter().map(|u| format!("`{}`", crate::safe::visible(u))).collect::<Vec<_>>().join(", "),
            if reply.unknown.len() == 1 { "is" } else { "are" },
            members.join(", ")
        )));
    }
    if reply.proposals.is_empty() {
        emit(&format!("{name}: no changes to propose on {}.\n", res.display_name()))?;
        return Ok(0);
    }
    if a.dry_run {
        emit(&shown(res, &reply.proposals))?;
        return Ok(0);
    }
    let ctx = super::setup::context(a.author.as_deref(), "gavel import comments")?;
    let who = crate::store::message::and_list(&reply.proposals.iter().flat_map(|p| p.proponents.clone()).fold(Vec::new(), |mut v, x| {
        if !v.contains(&x) {
            v.push(x);
        }
        v
    }));
    let file_name = a.file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let subject = format!(
        "{}: {} proposal{} from the Word reply of {who} ({file_name})",
        res.header.symbol,
        reply.proposals.len(),
        if reply.proposals.len() == 1 { "" } else { "s" }
    );
    let rname = crate::resolution::ResolutionName { symbol: res.header.symbol, revision: None };
    let done = crate::ops::import::add_proposals(&ws.root, &rname, &reply.proposals, &subject, &ctx)?;
    let mut said = format!("{subject}: commit {}\n", crate::store::short_id(done.commit));
    for p in &reply.proposals {
        said.push_str(&format!("  {}  {}\n", p.id, p.title));
    }
    emit(&said)?;
    Ok(0)
}

/// The proposals as tracked changes (`[-deleted-]{+inserted+}`), for --dry-run.
fn shown(res: &crate::resolution::Resolution, proposals: &[crate::group::Proposal]) -> String {
    use crate::group::{Anchor, Change};
    let mut out = String::new();
    for p in proposals {
        out.push_str(&format!("\n{}  {}\n    proposed by {}", p.id, p.title, p.proponents.join(", ")));
        if let Some(a) = &p.amends {
            out.push_str(&format!("; amends {a}"));
        }
        out.push('\n');
        if let Some(n) = &p.note {
            out.push_str(&format!("    note: {n}\n"));
        }
        for (c, state) in p.changes.iter().zip(super::json::states(res, p)) {
            let line = match c {
                Change::Replace { target, drafted_against, text } => {
                    format!("{target}: {}", crate::redline::wdiff(&crate::redline::words::diff_words(drafted_against, text, None).pieces))
                }
                Change::Delete { target, drafted_against } => format!("{target}: [-{drafted_against}-]"),
                Change::Insert { anchor: Anchor::After(r), text, .. } => format!("new, after {r}: {{+{text}+}}"),
                Change::Insert { anchor: Anchor::Before(r), text, .. } => format!("new, before {r}: {{+{text}+}}"),
            };
            let flag = if state == "stale" { "  (stale: drafted against an older text)" } else { "" };
            out.push_str(&format!("    {line}{flag}\n"));
        }
    }
    out
}
