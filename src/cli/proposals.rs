//! `gavel proposals RESOLUTION`: who proposes what, and whether it still applies.

use std::fmt::Write as _;
use std::path::Path;

use super::{CliError, emit, open, show::find};
use crate::group::{Anchor, Change};
use crate::resolution::ResolutionName;

pub fn run(repo: Option<&Path>, resolution: &str, json: bool) -> Result<u8, CliError> {
    let name: ResolutionName = resolution.parse().map_err(CliError::user)?;
    let ws = open(repo)?;
    let res = &find(&ws, &name)?.value;
    super::needs(&ws, &super::resolution_files(res))?;
    if json {
        use super::json::{HeaderView, ProposalView, ProposalsView, states};
        let file = ws.proposals_on(res);
        let proposals =
            file.iter().flat_map(|f| &f.value.proposals).map(|p| ProposalView { proposal: p, states: states(res, p) }).collect();
        super::json::print(&ProposalsView {
            schema: "gavel.proposals/1",
            resolution: HeaderView::of(res),
            file: file.map(|f| f.path.display().to_string()),
            proposals,
        })?;
        return Ok(0);
    }
    let Some(file) = ws.proposals_on(res) else {
        emit(&format!("No proposals on {}.\n", res.display_name()))?;
        return Ok(0);
    };
    let mut out = format!("Proposals on {} ({})\n", res.display_name(), file.path.display());
    for p in &file.value.proposals {
        let status = p.status.as_str();
        let _ = writeln!(out, "\n{}  [{status}]  {}", p.id, p.title);
        let mut by = format!("proposed by {}", p.proponents.join(", "));
        if !p.supporters.is_empty() {
            let _ = write!(by, "; supported by {}", p.supporters.join(", "));
        }
        if let Some(a) = &p.amends {
            let _ = write!(by, "; amends {a}");
        }
        if let Some(g) = &p.group {
            let _ = write!(by, " ({g})");
        }
        let _ = writeln!(out, "    {by}");
        if let Some(s) = &p.source {
            let _ = writeln!(out, "    source: {s}");
        }
        if let Some(n) = &p.note {
            let _ = writeln!(out, "    note: {n}");
        }
        for (c, state) in p.changes.iter().zip(super::json::states(res, p)) {
            let what = match c {
                Change::Replace { target, .. } => format!("replace {target}"),
                Change::Delete { target, .. } => format!("delete {target}"),
                Change::Insert { anchor: Anchor::Before(r), .. } => format!("insert before {r}"),
                Change::Insert { anchor: Anchor::After(r), .. } => format!("insert after {r}"),
            };
            let state = match state {
                "missing" => "  (aimed at a provision that does not exist)",
                "stale" => "  (stale: the text has changed since)",
                _ => "",
            };
            let _ = writeln!(out, "    - {what}{state}");
        }
    }
    super::output::lines(&format!("Proposals on {}", res.display_name()), out)?;
    Ok(0)
}
