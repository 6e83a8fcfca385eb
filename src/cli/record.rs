//! `gavel minutes MEETING` and `gavel report MEETING`.

use std::path::{Path, PathBuf};

use super::output::{self, FormatArg};
use super::{CliError, open};
use crate::record::{Before, Doc, Sources, minutes, report};

pub struct Args {
    pub meeting: String,
    pub format: Option<FormatArg>,
    pub output: Option<PathBuf>,
    /// `gavel report`: the revision its annex of agreed amendments starts from.
    pub from: Option<String>,
}

fn meeting_index(ws: &crate::workspace::Workspace, id: &str) -> Result<usize, CliError> {
    let k = super::meeting(ws, id)?;
    super::needs(ws, &super::meeting_files(ws, k))?;
    Ok(k)
}

fn write(doc: &Doc, problems: &[String], a: &Args) -> Result<u8, CliError> {
    for p in problems {
        super::warn(format!("{p} (marked in the document)"));
    }
    // Unless asked otherwise (or written to a .txt file), the record is Markdown: a draft to be edited.
    let txt_file = a.output.as_deref().and_then(|p| p.extension()).is_some_and(|e| e.eq_ignore_ascii_case("txt"));
    let format = match output::choose(a.format, a.output.as_deref()) {
        FormatArg::Txt | FormatArg::Term if a.format.is_none() && !txt_file => FormatArg::Md,
        f => f,
    };
    output::print(doc, output::format(format)?, a.output.as_deref(), Default::default())?;
    Ok(0)
}

pub fn minutes_cmd(repo: Option<&Path>, a: Args) -> Result<u8, CliError> {
    let ws = open(repo)?;
    let m = meeting_index(&ws, &a.meeting)?;
    let (sources, found) = Sources::of(&ws, m);
    for f in found.iter().filter(|f| !f.contains(": error: ")) {
        super::warn(f);
    }
    let record = minutes(&sources);
    write(&record.doc, &record.problems, &a)
}

pub fn report_cmd(repo: Option<&Path>, a: Args) -> Result<u8, CliError> {
    let ws = open(repo)?;
    let m = meeting_index(&ws, &a.meeting)?;
    let before = befores(&ws, m, a.from.as_deref())?;
    let (doc, problems) = report(&ws, m, &before);
    write(&doc, &problems, &a)
}

/// Each of the group's resolutions as it was at `from`, or else at its
/// newest tag; none outside git. A revision asked for must be readable.
fn befores(ws: &crate::workspace::Workspace, meeting: usize, from: Option<&str>) -> Result<Vec<Before>, CliError> {
    let Some(group) = ws.group(&ws.meetings[meeting].group) else { return Ok(Vec::new()) };
    let Ok(store) = crate::store::Store::open(&ws.root) else { return Ok(Vec::new()) };
    let mut out = Vec::new();
    for name in &group.value.resolutions {
        let name = crate::resolution::ResolutionName { revision: None, ..*name };
        let Some(rev) = from.map(str::to_string).or_else(|| store.latest_tag(&name.symbol.slug())) else { continue };
        let then = match store.workspace_at(&rev, &ws.root) {
            Ok(w) => w,
            Err(e) if from.is_some() => return Err(e.into()),
            Err(_) => continue,
        };
        let Ok(old) = then.resolution(&name) else { continue };
        let adopted = then
            .proposals_on(&old.value)
            .map(|f| f.value.proposals.iter().filter(|p| p.status == crate::group::Status::Adopted).map(|p| p.id.clone()).collect())
            .unwrap_or_default();
        out.push(Before { resolution: old.value.clone(), adopted, rev });
    }
    Ok(out)
}
