//! What a command needs of the repository's files: the files it depends on
//! are sound (else their problems, located, and status 1, or `--keep-going`),
//! and a meeting named by its id, said to be broken when its file is.

use std::path::Path;

use super::CliError;
use crate::workspace::Workspace;

pub(crate) static KEEP_GOING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

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
        super::warn(format!("going on without {} (--keep-going):{list}", names.join(", ")));
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
pub(crate) fn warn_about(ws: &Workspace, path: &Path) {
    let n = ws.diagnostics.iter().filter(|d| d.path == path && d.is_error()).count();
    if n > 0 {
        super::warn(format!("{} has {n} problem{}; run `gavel check`", path.display(), if n == 1 { "" } else { "s" }));
    }
}
