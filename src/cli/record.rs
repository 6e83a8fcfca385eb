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
        eprintln!("gavel: warning: {p} (marked in the document)");
    }
    let bytes = match output::choose(a.format, a.output.as_deref()) {
        FormatArg::Html => doc.html().into_bytes(),
        FormatArg::Docx => doc.docx().map_err(CliError::user)?,
        FormatArg::Txt | FormatArg::Term if a.format.is_some() => doc.text().into_bytes(),
        _ => doc.markdown().into_bytes(),
    };
    output::write(a.output.as_deref(), &bytes)?;
    Ok(0)
}

pub fn minutes_cmd(repo: Option<&Path>, a: Args) -> Result<u8, CliError> {
    let ws = open(repo)?;
    let m = meeting_index(&ws, &a.meeting)?;
    let (sources, found) = Sources::of(&ws, m);
    for f in found.iter().filter(|f| !f.contains(": error: ")) {
        eprintln!("gavel: warning: {f}");
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
