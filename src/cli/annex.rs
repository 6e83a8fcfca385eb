//! `gavel annex RESOLUTION`: the whole resolution with every pending
//! proposal in place, for the Secretariat.

use std::path::{Path, PathBuf};

use super::output::{self, FormatArg};
use super::{CliError, open_at, show::find};
use crate::group::{Proposal, Status};
use crate::render::annex::{build, build_since};
use crate::render::print::DocxOptions;
use crate::resolution::{Resolution, ResolutionName};

pub struct Args {
    pub resolution: String,
    pub format: Option<FormatArg>,
    pub output: Option<PathBuf>,
    pub track_changes: bool,
    pub proposals: Vec<String>,
    pub author: Option<String>,
    pub date: Option<String>,
    pub at: Option<String>,
    pub from: Option<String>,
    pub pending: bool,
    pub symbol: Option<String>,
    pub creator: Option<String>,
}

pub fn run(repo: Option<&Path>, a: Args) -> Result<u8, CliError> {
    let name: ResolutionName = a.resolution.parse().map_err(CliError::user)?;
    let format = output::choose(a.format, a.output.as_deref());
    if a.track_changes && format != FormatArg::Docx {
        return Err(CliError::user("--track-changes writes Word revisions: use it with --format docx (or -o FILE.docx)"));
    }
    let date = match &a.date {
        Some(d) => revision_date(d)?,
        None => now_iso(),
    };
    let ws = open_at(repo, a.at.as_deref())?;
    let res = &find(&ws, &name)?.value;
    super::needs(&ws, &super::resolution_files(res))?;
    let all: Vec<&Proposal> = ws.proposals_on(res).map(|f| f.value.proposals.iter().collect()).unwrap_or_default();
    for id in &a.proposals {
        if !all.iter().any(|p| &p.id == id) {
            return Err(CliError::user(format!("no proposal `{id}` on {}", res.display_name())));
        }
    }
    let pending: Vec<&Proposal> = if a.proposals.is_empty() {
        all.iter().copied().filter(|p| p.status == Status::Pending).collect()
    } else {
        all.iter().copied().filter(|p| a.proposals.contains(&p.id)).collect()
    };
    let deadline = Some(super::deadline());
    let annex = match &a.from {
        None => build(res, pending, deadline),
        Some(rev) => {
            let (old, adopted_then) = at_revision(repo, rev, &name)?;
            let mut new = res.clone();
            crate::resolution::identity::follow(&old, &mut new);
            let adopted: Vec<&Proposal> =
                all.iter().copied().filter(|p| p.status == Status::Adopted && !adopted_then.contains(&p.id)).collect();
            let pending = if a.pending { pending } else { Vec::new() };
            let what = if a.pending { "Amendments agreed, and proposals pending," } else { "Amendments agreed" };
            build_since(&old, &new, adopted, pending, format!("{what} since {rev}."), deadline)
        }
    };
    for n in &annex.not_shown {
        let why: Vec<String> = n.problems.iter().map(|p| p.to_string()).collect();
        super::warn(format!("proposal {} is not shown in the annex: {}", n.id, why.join("; ")));
    }
    let creator = a.creator.clone().or_else(|| group_of(&ws, res)).unwrap_or_else(|| "gavel".into());
    let docx = DocxOptions {
        track_changes: a.track_changes,
        author: a.author.clone().unwrap_or_else(|| "gavel".into()),
        date,
        symbol: a.symbol.clone(),
        creator,
    };
    output::print(&annex.document(), output::format(format)?, a.output.as_deref(), docx)?;
    Ok(0)
}

/// The resolution as it was at `rev`, and the ids of the proposals adopted by then.
fn at_revision(repo: Option<&Path>, rev: &str, name: &ResolutionName) -> Result<(Resolution, Vec<String>), CliError> {
    let then = open_at(repo, Some(rev))?;
    let name = ResolutionName { revision: None, ..*name };
    let old = find(&then, &name)?.value.clone();
    let adopted = then
        .proposals_on(&old)
        .map(|f| f.value.proposals.iter().filter(|p| p.status == Status::Adopted).map(|p| p.id.clone()).collect())
        .unwrap_or_default();
    Ok((old, adopted))
}

/// The name of the working group that works on `res`, if one does.
fn group_of(ws: &crate::workspace::Workspace, res: &Resolution) -> Option<String> {
    ws.groups.iter().find(|(_, g)| g.value.resolutions.iter().any(|n| n.symbol == res.header.symbol)).map(|(_, g)| g.value.name.clone())
}

/// `2025-02-03` or a full ISO 8601 time, as Word wants it.
fn revision_date(d: &str) -> Result<String, CliError> {
    if d.parse::<crate::group::Date>().is_ok() {
        return Ok(format!("{d}T00:00:00Z"));
    }
    let ok = d.len() == 20 && d.ends_with('Z') && d[..10].parse::<crate::group::Date>().is_ok() && &d[10..11] == "T";
    if ok { Ok(d.to_string()) } else { Err(CliError::user(format!("`{d}` is not a date; write 2025-02-03 or 2025-02-03T09:00:00Z"))) }
}

/// The current time, UTC, ISO 8601 (or SOURCE_DATE_EPOCH, for reproducible documents).
fn now_iso() -> String {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.parse::<i64>().ok())
        .unwrap_or_else(|| std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64));
    let ((y, m, d), (hh, mm, ss)) = crate::clock::date_time(secs);
    format!("{y:04}-{m:02}-{d:02}T{hh:02}:{mm:02}:{ss:02}Z")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_for_word() {
        assert_eq!(revision_date("2025-02-03").unwrap(), "2025-02-03T00:00:00Z");
        assert_eq!(revision_date("2025-02-03T09:30:00Z").unwrap(), "2025-02-03T09:30:00Z");
        assert!(revision_date("3 Feb").is_err());
        // SAFETY of the check: the variable is read once, by this call.
        let s = now_iso();
        assert_eq!(s.len(), 20);
    }
}
