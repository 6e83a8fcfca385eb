//! `gavel` / `gavel status`: what the repository holds.

use std::fmt::Write as _;
use std::path::Path;

use super::{CliError, open};
use crate::group::Category;

pub fn run(repo: Option<&Path>, json: bool) -> Result<u8, CliError> {
    let ws = open(repo)?;
    if json {
        return as_json(&ws);
    }
    let mut out = format!("Working-group repository {}\n", ws.root.display());
    let _ = writeln!(out, "\nResolutions:");
    for r in &ws.resolutions {
        let res = &r.value;
        let proposals = ws.proposals_on(res).map_or(0, |p| p.value.proposals.len());
        let _ = writeln!(
            out,
            "  {}  {}  ({} paragraphs, {proposals} proposals)",
            res.display_name(),
            res.header.title,
            res.numbered_paragraphs().count()
        );
    }
    let _ = writeln!(out, "\nGroups and meetings:");
    for (id, g) in &ws.groups {
        let count = |c: fn(Category) -> bool| g.value.members.iter().filter(|m| c(m.category)).count();
        let _ = writeln!(out, "  {id}  {}", g.value.name);
        let mandate =
            if g.value.mandate.is_written() { format!("Decision {}", g.value.mandate.decision) } else { "still to be written".to_string() };
        let _ = writeln!(
            out,
            "    mandate: {mandate}; {} Parties, {} Observers",
            count(|c| c == Category::Party),
            count(Category::is_observer)
        );
        for m in ws.meetings.iter().filter(|m| &m.group == id) {
            let first = m.meeting.value.days.first().map(|d| d.date.to_string()).unwrap_or_default();
            let _ = writeln!(out, "    meeting {}: {} ({first}, {} items)", m.id, m.meeting.value.title, m.meeting.value.items().count());
        }
    }
    let errors = ws.errors();
    if errors > 0 {
        let _ = writeln!(out, "\n{errors} problem{} found: run `gavel check`", if errors == 1 { "" } else { "s" });
    }
    let _ =
        writeln!(out, "\nOn a terminal, `gavel` opens the meeting room (`gavel room --meeting ID`); `gavel --help` lists the commands.");
    super::output::lines("gavel status", out)?;
    Ok(0)
}

/// `gavel status --format json`.
fn as_json(ws: &crate::workspace::Workspace) -> Result<u8, CliError> {
    use super::json::{GroupSummary, HeaderView, MeetingSummary, ResolutionSummary, StatusView};
    let resolutions = ws
        .resolutions
        .iter()
        .map(|r| {
            let ps = ws.proposals_on(&r.value).map(|p| p.value.proposals.as_slice()).unwrap_or_default();
            ResolutionSummary {
                header: HeaderView::of(&r.value),
                file: r.path.display().to_string(),
                numbered_paragraphs: r.value.numbered_paragraphs().count(),
                proposals: ps.len(),
                pending: ps.iter().filter(|p| p.status == crate::group::Status::Pending).count(),
            }
        })
        .collect();
    let groups = ws
        .groups
        .iter()
        .map(|(id, g)| {
            let count = |c: fn(Category) -> bool| g.value.members.iter().filter(|m| c(m.category)).count();
            GroupSummary {
                id,
                name: &g.value.name,
                mandate: g.value.mandate.is_written().then_some(g.value.mandate.decision.as_str()),
                parties: count(|c| c == Category::Party),
                observers: count(Category::is_observer),
                meetings: ws
                    .meetings
                    .iter()
                    .filter(|m| &m.group == id)
                    .map(|m| MeetingSummary {
                        id: &m.id,
                        title: &m.meeting.value.title,
                        first_day: m.meeting.value.days.first().map(|d| d.date.to_string()),
                        items: m.meeting.value.items().count(),
                    })
                    .collect(),
            }
        })
        .collect();
    let root = std::path::absolute(&ws.root).unwrap_or_else(|_| ws.root.clone()).display().to_string();
    super::json::print(&StatusView { schema: "gavel.status/1", root, resolutions, groups, errors: ws.errors() })?;
    Ok(0)
}
