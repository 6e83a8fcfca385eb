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
    let ctx = crate::ops::Context {
        author: a.author.as_deref().map(crate::store::Author::parse).transpose().map_err(CliError::user)?,
        doing: "gavel import".into(),
        ..Default::default()
    };
    let done = crate::ops::import::add_resolution(&ws.root, &imported.text, &name, group.as_deref(), &ctx)
        .map_err(|e| CliError { code: e.exit_code(), message: e.to_string() })?;
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
