//! `gavel diff`: proposed changes to a resolution, or two plain texts, as
//! tracked changes.

use std::path::{Path, PathBuf};

use super::output::{self, FormatArg};
use super::{CliError, open, open_at, show::find};
use crate::group::{Proposal, Status as ProposalStatus};
use crate::redline::text::{READ_APART, both, diff_lasting_texts_until};
use crate::render::{Document, changes};
use crate::resolution::{ParagraphRef, ResolutionName};

pub struct Args {
    pub resolution: Option<String>,
    pub reference: Option<String>,
    pub text: Option<Vec<PathBuf>>,
    pub proposal: Option<String>,
    pub format: Option<FormatArg>,
    pub output: Option<PathBuf>,
    pub context: Option<usize>,
    pub at: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

pub fn run(repo: Option<&Path>, a: Args) -> Result<u8, CliError> {
    let format = output::choose(a.format, a.output.as_deref());
    if format == FormatArg::Docx && a.output.is_none() {
        return Err(CliError::user("a Word document is a file: name it with -o FILE.docx"));
    }
    let doc = match (&a.text, &a.resolution) {
        (Some(files), _) => texts(&files[0], &files[1], a.context)?,
        (None, Some(r)) if a.from.is_some() => {
            revisions(repo, r, a.reference.as_deref(), a.from.as_deref().unwrap_or_default(), a.to.as_deref())?
        }
        (None, Some(r)) => proposals(repo, a.at.as_deref(), r, a.reference.as_deref(), a.proposal.as_deref())?,
        (None, None) => {
            return Err(CliError::user("name a resolution (`gavel diff \"Conf. 11.3\"`) or two files (`gavel diff --text OLD NEW`)"));
        }
    };
    output::print(&doc, output::format(format)?, a.output.as_deref(), Default::default())?;
    // The process ends next: freeing the comparison's pieces one by one took
    // 2 ms of a 2 MB comparison's 36, for memory the exit returns at once.
    std::mem::forget(doc);
    Ok(0)
}

fn texts(old: &Path, new: &Path, context: Option<usize>) -> Result<Document, CliError> {
    let read = |p: &Path| crate::source::read_any_text(p).map_err(CliError::user);
    // Large files are read on two threads: copying two 2 MB files out of
    // the page cache was 6% of the process's time, a thread 0.1 ms.
    let size = |p: &Path| std::fs::metadata(p).map_or(0, |m| m.len());
    let (a, b) = both(size(old) + size(new) >= READ_APART, || read(old), || read(new));
    // The process ends once the comparison is printed: its texts are kept
    // for the process's life, and lent to the comparison, not copied.
    let (a, b) = (a?.leak(), b?.leak());
    let d = diff_lasting_texts_until(a, b, super::deadline());
    Ok(changes::texts(d, format!("{} → {}", old.display(), new.display()), context))
}

fn proposals(
    repo: Option<&Path>,
    at: Option<&str>,
    resolution: &str,
    reference: Option<&str>,
    only: Option<&str>,
) -> Result<Document, CliError> {
    let name: ResolutionName = resolution.parse().map_err(CliError::user)?;
    let reference: Option<ParagraphRef> = reference.map(|r| r.parse().map_err(CliError::user)).transpose()?;
    let ws = open_at(repo, at)?;
    let res = &find(&ws, &name)?.value;
    super::needs(&ws, &super::resolution_files(res))?;
    let target = match &reference {
        Some(r) => Some(res.resolve(r).map_err(CliError::user)?),
        None => None,
    };
    let file = ws.proposals_on(res);
    let all: Vec<&Proposal> = file.map(|f| f.value.proposals.iter().collect()).unwrap_or_default();
    if let Some(id) = only
        && !all.iter().any(|p| p.id == id)
    {
        let ids: Vec<&str> = all.iter().map(|p| p.id.as_str()).collect();
        return Err(CliError::user(format!(
            "no proposal `{id}` on {}; there are: {}",
            res.display_name(),
            if ids.is_empty() { "none".into() } else { ids.join(", ") }
        )));
    }
    let chosen: Vec<&Proposal> = all
        .into_iter()
        .filter(|p| only.is_none_or(|id| p.id == id))
        .filter(|p| only.is_some() || p.status == ProposalStatus::Pending)
        .filter(|p| target.is_none_or(|t| crate::ops::touches(res, p, t)))
        .collect();
    let none = match &reference {
        Some(r) => format!("No pending proposal touches {} of {}.", r.describe(), res.display_name()),
        None => format!("No pending proposals on {}.", res.display_name()),
    };
    Ok(changes::proposals(res, &chosen, &none, super::deadline()))
}

/// The resolution as it was at `from` against `to` (or the files as they are).
fn revisions(repo: Option<&Path>, resolution: &str, reference: Option<&str>, from: &str, to: Option<&str>) -> Result<Document, CliError> {
    let name: ResolutionName = resolution.parse().map_err(CliError::user)?;
    let name = ResolutionName { revision: None, ..name };
    let reference: Option<ParagraphRef> = reference.map(|r| r.parse().map_err(CliError::user)).transpose()?;
    let old_ws = open_at(repo, Some(from))?;
    let new_ws = match to {
        Some(t) => open_at(repo, Some(t))?,
        None => open(repo)?,
    };
    let old = &find(&old_ws, &name)?.value;
    // A list relettered by hand without markers: provisions are followed by their words.
    let mut followed = find(&new_ws, &name)?.value.clone();
    crate::resolution::identity::follow(old, &mut followed);
    let new = &followed;
    // With a reference: that provision's paragraph (found in the newer text, or else the older).
    let wanted: Option<crate::resolution::NodeId> = match &reference {
        None => None,
        Some(r) => {
            let found = new.resolve(r).ok().map(|t| (new, t)).or_else(|| old.resolve(r).ok().map(|t| (old, t)));
            match found {
                Some((res, crate::resolution::resolve::Target::Node(i))) => Some(res.node(i).id.clone()),
                Some(_) => None,
                None => return Err(CliError::user(new.resolve(r).expect_err("not found in either"))),
            }
        }
    };
    let caption = format!("{}: {from} → {}", new.display_name(), to.unwrap_or("the files as they are"));
    Ok(changes::revisions(old, new, caption, wanted.as_ref(), super::deadline()))
}
