//! The documents of `gavel diff`: each proposal in context, a resolution
//! between two revisions, and two plain texts compared. The changed
//! provisions are shown with the paragraph they belong to and their
//! neighbours; `…` stands for what is left out.

use std::fmt::Write as _;
use std::time::Instant;

use super::document::{Document, Element};
use crate::group::{Change, Proposal};
use crate::redline::amend::{Problem, apply};
use crate::redline::diff_words;
use crate::redline::doc::{Block, Status, redline};
use crate::redline::text::TextDiff;
use crate::resolution::Resolution;

/// Each proposal in `chosen` applied alone to `res`, its changes in
/// context; `none` says why there is nothing to show when `chosen` is empty.
pub fn proposals(res: &Resolution, chosen: &[&Proposal], none: &str, deadline: Instant) -> Document {
    let mut doc = Document::new(format!("Proposals on {}", res.display_name()));
    if chosen.is_empty() {
        doc.push(Element::Caption { title: none.to_string(), by: None });
    }
    for p in chosen {
        proposal(&mut doc, res, p, deadline);
        for q in chosen.iter().filter(|q| q.id != p.id && crate::redline::amend::competes(res, p, q)) {
            doc.note(format!(
                "Competes with proposal {} ({}): both change or insert at the same place; only one can be adopted as it is.",
                q.id,
                q.proponents.join(", ")
            ));
        }
    }
    doc
}

fn proposal(doc: &mut Document, res: &Resolution, p: &Proposal, deadline: Instant) {
    let mut by = format!("proposed by {}", p.proponents.join(", "));
    if !p.supporters.is_empty() {
        let _ = write!(by, ", supported by {}", p.supporters.join(", "));
    }
    if let Some(s) = &p.source {
        let _ = write!(by, "; {s}");
    }
    doc.push(Element::Caption { title: format!("{}, proposal {}: {}", res.display_name(), p.id, p.title), by: Some(by) });
    let applied = apply(res, [p]);
    let Some((_, problems)) = applied.not_applied.first() else {
        let blocks = redline(res, &applied.proposed, Some(deadline));
        doc.push(in_context(&blocks));
        return;
    };
    for problem in problems {
        doc.note(format!("This proposal is {problem}."));
        if let Problem::Stale { reference, .. } = problem {
            doc.note(format!("Shown against the text it was drafted against, not the text in force ({}):", reference.describe()));
            for c in &p.changes {
                if let Change::Replace { target, drafted_against, text } = c
                    && target == reference
                {
                    doc.compared(0, diff_words(drafted_against, text, Some(deadline)));
                }
            }
        }
    }
}

/// `old` against `new` (the caption says which revisions they are); with
/// `only`, the blocks of that provision's paragraph.
pub fn revisions(
    old: &Resolution,
    new: &Resolution,
    caption: String,
    only: Option<&crate::resolution::NodeId>,
    deadline: Instant,
) -> Document {
    let blocks = redline(old, new, Some(deadline));
    let group = only.and_then(|id| blocks.iter().find(|b| &b.id == id).map(|b| b.group));
    let blocks: Vec<Block> = match group {
        Some(g) => blocks.into_iter().filter(|b| b.group == g).collect(),
        None => blocks,
    };
    let mut doc = Document::new(old.display_name());
    doc.push(Element::Caption { title: caption, by: None });
    if !blocks.iter().any(|b| b.is_changed()) {
        doc.note("No change.");
    }
    doc.push(in_context(&blocks));
    doc
}

/// Two plain texts compared; with `context`, only the changed paragraphs and that many around them.
pub fn texts(d: TextDiff, title: String, context: Option<usize>) -> Document {
    let keep: Vec<bool> = match context {
        None => vec![true; d.blocks.len()],
        Some(c) => {
            let mut keep = vec![false; d.blocks.len()];
            for (i, _) in d.blocks.iter().enumerate().filter(|(_, b)| b.status != Status::Same) {
                let last = (i + c).min(d.blocks.len().saturating_sub(1));
                keep[i.saturating_sub(c)..=last].fill(true);
            }
            keep
        }
    };
    let mut parts = Vec::new();
    let mut gap = false;
    let (by_position, whole) = (d.paired_by_position, d.replaced_whole());
    for (b, k) in d.blocks.into_iter().zip(keep) {
        if !k {
            gap = true;
            continue;
        }
        if std::mem::take(&mut gap) {
            parts.push(None);
        }
        parts.push(Some(b));
    }
    if gap {
        parts.push(None);
    }
    let mut doc = Document::new(title);
    doc.push(Element::TextChanges(parts));
    if by_position > 0 {
        doc.note(format!(
            "{by_position} paragraph{} paired by position: they lie where the texts share no unchanged paragraph, too many to align one by one",
            if by_position == 1 { " was" } else { "s were" }
        ));
    }
    if whole > 0 {
        doc.note(format!(
            "{whole} paragraph{} compared as a whole: the word comparison ran out of time",
            if whole == 1 { "" } else { "s" }
        ));
    }
    doc
}

/// The changed blocks with their context: the paragraph they belong to
/// (its opening words), and the provisions just before and after them.
pub fn in_context(blocks: &[Block]) -> Element {
    let mut keep = vec![false; blocks.len()];
    for (i, b) in blocks.iter().enumerate() {
        if !b.is_changed() {
            continue;
        }
        keep[i] = true;
        if i > 0 {
            keep[i - 1] = true;
        }
        if i + 1 < blocks.len() && (blocks[i + 1].group == b.group || b.depth == 0) {
            keep[i + 1] = true;
        }
        if let Some(top) = blocks[..i].iter().rposition(|x| x.group == b.group && x.depth == 0) {
            keep[top] = true;
        }
    }
    let mut shown = Vec::new();
    let mut gap = false;
    for (b, k) in blocks.iter().zip(keep) {
        if k {
            if gap && !shown.is_empty() {
                shown.push(None);
            }
            gap = false;
            shown.push(Some(b.clone()));
        } else {
            gap = true;
        }
    }
    Element::Provisions { shown, authors: Default::default() }
}
