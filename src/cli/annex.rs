//! `gavel annex RESOLUTION`: the whole resolution with every pending
//! proposal in place, for the Secretariat.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::output::{self, FormatArg};
use super::{CliError, open_at, show::find};
use crate::group::{Proposal, Status};
use crate::render::annex::build;
use crate::render::print::DocxOptions;
use crate::resolution::ResolutionName;

pub struct Args {
    pub resolution: String,
    pub format: Option<FormatArg>,
    pub output: Option<PathBuf>,
    pub track_changes: bool,
    pub proposals: Vec<String>,
    pub author: Option<String>,
    pub date: Option<String>,
    pub at: Option<String>,
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
    let chosen: Vec<&Proposal> = if a.proposals.is_empty() {
        all.into_iter().filter(|p| p.status == Status::Pending).collect()
    } else {
        all.into_iter().filter(|p| a.proposals.contains(&p.id)).collect()
    };
    let annex = build(res, chosen, Some(Instant::now() + Duration::from_secs(3)));
    for n in &annex.not_shown {
        let why: Vec<String> = n.problems.iter().map(|p| p.to_string()).collect();
        super::warn(format!("proposal {} is not shown in the annex: {}", n.id, why.join("; ")));
    }
    let docx = DocxOptions { track_changes: a.track_changes, author: a.author.clone().unwrap_or_else(|| "gavel".into()), date };
    output::print(&annex.document(), output::format(format), a.output.as_deref(), docx)?;
    Ok(0)
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
