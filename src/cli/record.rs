//! `gavel minutes MEETING` and `gavel report MEETING`.

use std::path::{Path, PathBuf};

use super::output::{self, FormatArg};
use super::{CliError, open};
use crate::record::{Doc, Sources, minutes, report};

pub struct Args {
    pub meeting: String,
    pub format: Option<FormatArg>,
    pub output: Option<PathBuf>,
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
    output::print(doc, output::format(format), a.output.as_deref(), Default::default())?;
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
    let (doc, problems) = report(&ws, m);
    write(&doc, &problems, &a)
}
