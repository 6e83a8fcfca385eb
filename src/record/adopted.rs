//! What the record says of git: the text a decision adopted (as the
//! proposals file has it) and whether git has each commit, from the
//! journal's `committed` and `commit-failed` entries, never from git itself.

use super::minutes::Sources;
use crate::journal::{Entry, Event};
use crate::redline::{Piece, PieceKind, WordDiff, diff_words};
use crate::render::document::Document as Doc;
use crate::store::message::and_list;

/// What a decision adopted, as the proposals file has it, and whether git has each.
pub(super) fn adopted(doc: &mut Doc, problems: &mut Vec<String>, s: &Sources, events: &[&Entry], entry: &Entry, adopt: &[String]) {
    for id in adopt {
        let commit = events.iter().find_map(|e| match &e.event {
            Event::Committed { of, proposal: Some(p), commit, takes_back: None } if of == &entry.id && p == id => Some(commit.clone()),
            _ => None,
        });
        let Some(p) = s.proposals.iter().find(|p| &p.id == id) else {
            let msg = format!("the decision adopts proposal {id}, which no proposals file holds");
            doc.problem(msg.clone());
            problems.push(msg);
            continue;
        };
        let by = and_list(&p.proponents);
        for c in &p.changes {
            let (what, compared) = match c {
                crate::group::Change::Replace { target, drafted_against, text } => {
                    (format!("{} now reads:", target.describe()), diff_words(drafted_against, text, None))
                }
                crate::group::Change::Insert {
                    anchor: crate::group::Anchor::Before(r) | crate::group::Anchor::After(r),
                    text,
                    children,
                    ..
                } => {
                    let mut pieces = vec![Piece::new(PieceKind::Ins, text.clone())];
                    inserted_children(&mut pieces, children, 0);
                    (format!("a new provision next to {} reads:", r.describe()), WordDiff { pieces, replaced_whole: false })
                }
                crate::group::Change::Delete { target, drafted_against } => {
                    let pieces = vec![Piece::new(PieceKind::Del, drafted_against.clone())];
                    (format!("{} is deleted:", target.describe()), WordDiff { pieces, replaced_whole: false })
                }
            };
            let short = commit.as_deref().map(|c| format!(" (commit {})", &c[..c.len().min(7)])).unwrap_or_default();
            doc.para(format!("As proposed by {by} (proposal {id}){short}, {what}"));
            doc.compared(1, compared);
        }
        if commit.is_none() && p.status != crate::group::Status::Adopted {
            let why = failure(events, &entry.id).unwrap_or_else(|| "no commit of it was recorded".into());
            let msg = format!("the adoption of proposal {id} is not in git: {why}");
            doc.problem(msg.clone());
            problems.push(msg);
        }
    }
}

/// The sub-provisions of an inserted provision, each after its label (`a)`, then `i)`).
fn inserted_children(pieces: &mut Vec<Piece>, children: &[crate::group::NewProvision], depth: usize) {
    use crate::resolution::{LabelKind, label::format_value};
    let kind = if depth == 0 { LabelKind::LowerAlpha } else { LabelKind::LowerRoman };
    for (k, c) in children.iter().enumerate() {
        pieces.push(Piece::new(PieceKind::Ins, format!(" {}) {}", format_value(kind, k as u32 + 1), c.text)));
        inserted_children(pieces, &c.children, depth + 1);
    }
}

/// True when the journal says git has what the entry `id` asked for.
pub(super) fn git_has(events: &[&Entry], id: &str) -> bool {
    events.iter().any(|e| matches!(&e.event, Event::Committed { of, .. } if of == id))
}

/// The last reason git could not do what the entry `id` asked, unless it was done after.
pub(super) fn failure(events: &[&Entry], id: &str) -> Option<String> {
    events.iter().rev().find_map(|e| match &e.event {
        Event::CommitFailed { of, reason } if of == id => Some(Some(reason.clone())),
        Event::Committed { of, .. } if of == id => Some(None),
        _ => None,
    })?
}
