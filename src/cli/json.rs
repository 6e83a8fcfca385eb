//! `--format json`: one schema per command (README, "JSON output"), each
//! document carrying its name and version in `schema` (`gavel.show/1`). A
//! field is never renamed or given another meaning within a version; new
//! fields may be added.
//!
//! Printed with serde_json, then every character that would act on a
//! terminal (DEL, C1 controls, bidi overrides, which JSON allows raw) is
//! written as a `\uXXXX` escape: the same data, safe on a terminal.

use serde::Serialize;

use super::CliError;
use crate::group::{Change, Proposal, Status};
use crate::resolution::model::{NodeIdx, NodeKind};
use crate::resolution::resolve::Target;
use crate::resolution::{Resolution, model::Header};

/// Prints a JSON document on standard output.
pub fn print(value: &impl Serialize) -> Result<(), CliError> {
    let text = serde_json::to_string_pretty(value).map_err(|e| CliError::env(format!("cannot write JSON: {e}")))?;
    super::emit_bytes(escaped(&text).as_bytes())
}

/// JSON text with the characters a terminal would obey escaped (they occur only inside strings).
fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    for c in text.chars() {
        if crate::safe::is_unsafe(c) {
            let mut buf = [0u16; 2];
            for u in c.encode_utf16(&mut buf) {
                out.push_str(&format!("\\u{u:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out.push('\n');
    out
}

/// A resolution's header.
#[derive(Serialize)]
pub struct HeaderView<'a> {
    pub symbol: String,
    pub revision: Option<String>,
    pub name: String,
    pub title: &'a str,
    pub note: Option<&'a str>,
}

impl<'a> HeaderView<'a> {
    pub fn of(res: &'a Resolution) -> Self {
        let h: &Header = &res.header;
        HeaderView {
            symbol: h.symbol.to_string(),
            revision: h.revision.map(|r| r.to_string()),
            name: res.display_name(),
            title: &h.title,
            note: h.note.as_deref(),
        }
    }
}

/// One provision: how delegates cite it, its identity, kind, label, text.
#[derive(Serialize)]
pub struct ProvisionView<'a> {
    pub cite: String,
    pub id: &'a str,
    /// `preambular`, `section`, `paragraph` or `sub-paragraph`.
    pub kind: &'static str,
    pub label: Option<String>,
    /// 0 for preambular paragraphs, sections and paragraphs; 1 for `b)`, 2 for `iv)`.
    pub depth: usize,
    pub parent: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<&'a str>,
    pub line: u32,
}

/// `gavel show --format json`.
#[derive(Serialize)]
pub struct ShowView<'a> {
    pub schema: &'static str,
    pub resolution: HeaderView<'a>,
    pub provisions: Vec<ProvisionView<'a>>,
    pub footnotes: Vec<FootnoteView<'a>>,
}

#[derive(Serialize)]
pub struct FootnoteView<'a> {
    pub key: &'a str,
    pub text: &'a str,
}

/// The provisions of `target` (all, or one and what is under it), with their text unless `outline`.
pub fn show(res: &Resolution, target: Target, outline: bool) -> ShowView<'_> {
    let addresses = res.addresses();
    let nodes: Vec<NodeIdx> = match target {
        Target::Whole => res.preamble.iter().chain(&res.operative).flat_map(|&i| res.subtree(i)).collect(),
        Target::Node(i) => res.subtree(i),
    };
    let provisions = nodes
        .iter()
        .map(|&i| {
            let n = res.node(i);
            ProvisionView {
                cite: addresses[i.0].to_string(),
                id: &n.id.0,
                kind: match n.kind {
                    NodeKind::Recital => "preambular",
                    NodeKind::Section => "section",
                    NodeKind::Paragraph => "paragraph",
                    NodeKind::Item => "sub-paragraph",
                },
                label: n.label.map(|l| l.to_string()),
                depth: res.depth(i),
                parent: n.parent.map(|p| res.node(p).id.0.as_str()),
                text: (!outline).then_some(n.text.as_str()),
                line: n.line,
            }
        })
        .collect();
    // A provision's footnotes are those its text (or what is under it) refers to.
    let cited: Vec<&str> = nodes.iter().flat_map(|&i| Resolution::footnote_refs(&res.node(i).text)).collect();
    let footnotes = res
        .footnotes
        .iter()
        .filter(|f| matches!(target, Target::Whole) || cited.contains(&f.key.as_str()))
        .map(|f| FootnoteView { key: &f.key, text: &f.text })
        .collect();
    ShowView { schema: "gavel.show/1", resolution: HeaderView::of(res), provisions, footnotes }
}

/// `gavel proposals --format json`: each proposal as its file holds it, with the state of each change.
#[derive(Serialize)]
pub struct ProposalsView<'a> {
    pub schema: &'static str,
    pub resolution: HeaderView<'a>,
    pub file: Option<String>,
    pub proposals: Vec<ProposalView<'a>>,
}

#[derive(Serialize)]
pub struct ProposalView<'a> {
    #[serde(flatten)]
    pub proposal: &'a Proposal,
    /// One per change, in order: `applies`, `stale` (the text changed since it
    /// was drafted), `missing` (no such provision), `decided` (not pending).
    pub states: Vec<&'static str>,
}

/// The state of each change of a proposal against the text in force.
pub fn states(res: &Resolution, p: &Proposal) -> Vec<&'static str> {
    p.changes
        .iter()
        .map(|c| match (res.resolve(c.reference()), c) {
            _ if p.status != Status::Pending => "decided",
            (Err(_), _) => "missing",
            (Ok(Target::Node(i)), Change::Replace { drafted_against, .. } | Change::Delete { drafted_against, .. })
                if res.node(i).text != *drafted_against =>
            {
                "stale"
            }
            (Ok(Target::Node(i)), Change::Insert { drafted_beside: Some(beside), .. }) if res.node(i).text != *beside => "stale",
            _ => "applies",
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn terminal_controls_are_escaped_and_the_json_still_reads() {
        let v = serde_json::json!({"t": "a\u{1b}[2Jb\u{9b}c\u{202e}d\u{7f}"});
        let text = super::escaped(&serde_json::to_string_pretty(&v).unwrap());
        assert!(!text.chars().any(crate::safe::is_unsafe), "{text}");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&text).unwrap(), v);
    }
}

/// `gavel check --format json`.
#[derive(Serialize)]
pub struct CheckView<'a> {
    pub schema: &'static str,
    pub root: String,
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub findings: Vec<FindingView<'a>>,
}

/// One finding: where (0 when the file as a whole), how bad, what, the fix.
#[derive(Serialize)]
pub struct FindingView<'a> {
    pub path: String,
    pub line: u32,
    pub column: u32,
    /// `error` or `warning`.
    pub severity: &'static str,
    pub message: &'a str,
    pub hint: Option<&'a str>,
}

impl<'a> FindingView<'a> {
    pub fn of(d: &'a crate::diag::Diagnostic) -> Self {
        FindingView {
            path: d.path.display().to_string(),
            line: d.line,
            column: d.column,
            severity: if d.is_error() { "error" } else { "warning" },
            message: &d.message,
            hint: d.hint.as_deref(),
        }
    }
}

/// `gavel status --format json`.
#[derive(Serialize)]
pub struct StatusView<'a> {
    pub schema: &'static str,
    pub root: String,
    pub resolutions: Vec<ResolutionSummary<'a>>,
    pub groups: Vec<GroupSummary<'a>>,
    /// Errors `gavel check` would report.
    pub errors: usize,
}

#[derive(Serialize)]
pub struct ResolutionSummary<'a> {
    #[serde(flatten)]
    pub header: HeaderView<'a>,
    pub file: String,
    pub numbered_paragraphs: usize,
    pub proposals: usize,
    pub pending: usize,
}

#[derive(Serialize)]
pub struct GroupSummary<'a> {
    pub id: &'a str,
    pub name: &'a str,
    /// The Decision's number, or null while the mandate is still to be written.
    pub mandate: Option<&'a str>,
    pub parties: usize,
    pub observers: usize,
    pub meetings: Vec<MeetingSummary<'a>>,
}

#[derive(Serialize)]
pub struct MeetingSummary<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub first_day: Option<String>,
    pub items: usize,
}

/// `gavel history --format json`.
#[derive(Serialize)]
pub struct HistoryView<'a> {
    pub schema: &'static str,
    pub title: &'a str,
    /// Newest first.
    pub steps: Vec<StepView<'a>>,
}

#[derive(Serialize)]
pub struct StepView<'a> {
    pub commit: &'a str,
    /// ISO 8601 in the author's time zone: `2025-02-04T14:12:00+01:00`.
    pub date: String,
    pub author: &'a str,
    pub email: &'a str,
    pub subject: &'a str,
    pub proposal: Option<&'a str>,
    pub proposed_by: &'a [String],
    pub supported_by: &'a [String],
    pub meeting: Option<&'a str>,
    pub agenda_item: Option<&'a str>,
    pub decision: Option<&'a str>,
    /// The provision before (null when the commit brought it in) and after (null when it removed it).
    pub before: Option<VersionView<'a>>,
    pub after: Option<VersionView<'a>>,
    /// The change as runs of text: `same`, `del` or `ins`.
    pub changes: Vec<PieceView>,
    /// The comparison ran out of time: the old text is deleted and the new inserted, whole.
    pub replaced_whole: bool,
}

#[derive(Serialize)]
pub struct VersionView<'a> {
    pub cite: &'a str,
    pub label: Option<&'a str>,
    pub text: &'a str,
}

#[derive(Serialize)]
pub struct PieceView {
    pub kind: &'static str,
    pub text: String,
}

impl<'a> StepView<'a> {
    pub fn of(s: &'a crate::store::Step) -> Self {
        let version = |v: &'a Option<crate::store::Version>| {
            v.as_ref().map(|v| VersionView { cite: &v.address, label: v.label.as_deref(), text: &v.text })
        };
        let compared = s.pieces();
        let t = &s.trailers;
        StepView {
            commit: &s.commit,
            date: super::history::stamp(s.seconds, s.offset_minutes, true),
            author: &s.author,
            email: &s.email,
            subject: &s.subject,
            proposal: t.proposal.as_deref(),
            proposed_by: &t.proposed_by,
            supported_by: &t.supported_by,
            meeting: t.meeting.as_deref(),
            agenda_item: t.agenda_item.as_deref(),
            decision: t.decision.as_deref(),
            before: version(&s.before),
            after: version(&s.after),
            changes: compared
                .pieces
                .into_iter()
                .map(|p| PieceView {
                    kind: match p.kind {
                        crate::redline::PieceKind::Same => "same",
                        crate::redline::PieceKind::Del => "del",
                        crate::redline::PieceKind::Ins => "ins",
                    },
                    text: p.text.into_owned(),
                })
                .collect(),
            replaced_whole: compared.replaced_whole,
        }
    }
}
