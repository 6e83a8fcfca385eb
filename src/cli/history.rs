//! `gavel history RESOLUTION REFERENCE`: every commit that changed a
//! provision, newest first, each step as tracked changes.

use std::path::Path;

use super::output::{self, FormatArg};
use super::{CliError, open_at, show::find};
use crate::render::{Document, Element};
use crate::resolution::resolve::Target;
use crate::resolution::{ParagraphRef, ResolutionName};
use crate::store::Step;

pub struct Args {
    pub resolution: String,
    pub reference: String,
    pub since: Option<String>,
    pub at: Option<String>,
    pub format: Option<FormatArg>,
    pub no_cache: bool,
}

pub fn run(repo: Option<&Path>, a: Args) -> Result<u8, CliError> {
    let format = output::choose(a.format, None);
    if format == FormatArg::Docx {
        return Err(CliError::user("history is written as txt, term, md or html"));
    }
    let name: ResolutionName = a.resolution.parse().map_err(CliError::user)?;
    let name = ResolutionName { revision: None, ..name };
    let reference: ParagraphRef = a.reference.parse().map_err(CliError::user)?;
    // Asked again at the same commit: answered from the cache, without opening git.
    let key = format!("{name} {reference}");
    if a.at.is_none()
        && a.since.is_none()
        && !a.no_cache
        && let Ok(root) = crate::workspace::Workspace::discover(repo.unwrap_or(Path::new(".")))
        && let Some((title, steps)) = crate::ops::history::quick_history(&root, &key)
    {
        return print(&title, &steps, format);
    }
    let head = a.at.clone().unwrap_or_else(|| "HEAD".into());
    let ws = open_at(repo, Some(&head))?;
    let loaded = find(&ws, &name)?;
    let res = &loaded.value;
    let Target::Node(idx) = res.resolve(&reference).map_err(CliError::user)? else {
        return Err(CliError::user("name a provision (`23 b)`, `preamble 5`, `IX`) to see its history"));
    };
    let id = res.node(idx).id.clone();
    let title = format!("History of {} of {}, newest first", reference.describe(), res.display_name());
    let named = crate::ops::history::Named { key: &key, title: &title };
    let steps = crate::ops::history(&ws.root, loaded, &id, &head, a.since.as_deref(), !a.no_cache, Some(named))?;
    print(&title, &steps, format)
}

/// The history as a document, printed.
fn print(title: &str, steps: &[Step], format: FormatArg) -> Result<u8, CliError> {
    if format == FormatArg::Json {
        let steps = steps.iter().map(super::json::StepView::of).collect();
        super::json::print(&super::json::HistoryView { schema: "gavel.history/1", title, steps })?;
        return Ok(0);
    }
    let mut doc = Document::new(title);
    doc.heading(3, title);
    if steps.is_empty() {
        doc.lines("No commit changed it.\n");
    }
    for s in steps {
        doc.push(step(s));
    }
    output::print(&doc, output::format(format)?, None, Default::default())?;
    Ok(0)
}

/// A commit as a step: who and when, its subject and what it records, the change.
fn step(s: &Step) -> Element {
    let head = format!("{}  {}  {} <{}>", &s.commit.to_string()[..7], date(s.seconds, s.offset_minutes), s.author, s.email);
    let mut about = Vec::new();
    if let Some(m) = &s.trailers.meeting {
        about.push(format!("meeting {m}"));
    }
    if let Some(i) = &s.trailers.agenda_item {
        about.push(format!("agenda item {i}"));
    }
    if let Some(d) = &s.trailers.decision {
        about.push(format!("decision: {d}"));
    }
    if !s.trailers.proposed_by.is_empty() {
        about.push(format!("proposed by {}", s.trailers.proposed_by.join(", ")));
    }
    let compared = s.pieces();
    if compared.replaced_whole {
        about.push(crate::render::tracked::REPLACED_WHOLE.to_string());
    }
    let mut lines = vec![s.subject.clone()];
    if !about.is_empty() {
        lines.push(about.join("; "));
    }
    Element::Step { head, about: lines, pieces: compared.pieces }
}

/// `2025-02-04 14:12 +01:00` in the author's time zone.
fn date(seconds: i64, offset_minutes: i32) -> String {
    stamp(seconds, offset_minutes, false)
}

/// A commit's time in its author's zone: `2025-02-04 14:12 +01:00`, or as
/// ISO 8601 (`2025-02-04T14:12:00+01:00`, for JSON).
pub(super) fn stamp(seconds: i64, offset_minutes: i32, iso: bool) -> String {
    let ((y, m, d), (hh, mm, ss)) = crate::clock::date_time(seconds + i64::from(offset_minutes) * 60);
    let sign = if offset_minutes < 0 { '-' } else { '+' };
    let off = offset_minutes.abs();
    let zone = format!("{sign}{:02}:{:02}", off / 60, off % 60);
    if iso { format!("{y:04}-{m:02}-{d:02}T{hh:02}:{mm:02}:{ss:02}{zone}") } else { format!("{y:04}-{m:02}-{d:02} {hh:02}:{mm:02} {zone}") }
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates_in_the_authors_zone() {
        assert_eq!(super::date(1669399200 + 5 * 3600, -300), "2022-11-25 18:00 -05:00");
        assert_eq!(super::date(0, 60), "1970-01-01 01:00 +01:00");
    }
}
