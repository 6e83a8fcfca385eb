//! A paragraph a reply inserted: a new provision placed after the one before
//! it (its own new sub-paragraphs under it), or, inside a pending proposal's
//! inserted provision, an amendment to that proposal.

use super::{Open, Reader, add_note, comments_of, proposal_for, view};
use crate::group::{Anchor, Change};
use crate::import::docx::Para;
use crate::import::{Note, Place};

impl Reader<'_> {
    /// A paragraph the reply inserted: a new provision after the one before it, or
    /// (inside a pending proposal's inserted provision) an amendment to that proposal.
    pub(super) fn inserted(&mut self, p: &Para, names: &[String], last: Option<usize>) {
        let Reader { doc, before, addresses, pending, o, .. } = *self;
        let (r, by_key) = (&mut self.r, &mut self.by_key);
        let Some(mark) = &p.mark else { return };
        let own = doc.paragraph_text(p.index, &view(&[mark.author.as_str()])).1;
        // gavel's own insertion of a pending proposal?
        let shown = pending.iter().find(|q| q.changes.iter().any(|c| matches!(c, Change::Insert { text, .. } if *text == own)));
        if let Some(q) = shown {
            if !r.recognised.contains(&q.id) {
                r.recognised.push(q.id.clone());
            }
            for author in names.iter().filter(|a| **a != mark.author) {
                let (_, text) = doc.paragraph_text(p.index, &view(&[author.as_str(), mark.author.as_str()]));
                let what = format!("Amendment to proposal {}", q.id);
                let n = proposal_for(by_key, &q.id, author, what, before, o);
                n.amends = Some(q.id.clone());
                n.changes = q
                    .changes
                    .iter()
                    .map(|c| match c {
                        Change::Insert { anchor, text: t, children, drafted_beside } if *t == own => Change::Insert {
                            anchor: anchor.clone(),
                            text: text.clone(),
                            children: children.clone(),
                            drafted_beside: drafted_beside.clone(),
                        },
                        other => other.clone(),
                    })
                    .collect();
                add_note(n, comments_of(doc, p, author));
            }
            return;
        }
        let Some(k) = last else {
            r.not_imported.push(Note {
                at: Place::Paragraph(p.index),
                what: "a paragraph inserted before the resolution's first provision: not imported".into(),
            });
            return;
        };
        let (label, text) = doc.paragraph_text(p.index, &view(&[mark.author.as_str()]));
        // The depth its label (or, without one, the provision before it) says: a sibling of the nearest provision above at that depth.
        let depth_of = |i: usize| before.depth(crate::resolution::model::NodeIdx(i));
        // Its depth by its label's numbering system: `25.` 0, `a)` 1, `i)` 2.
        let own_depth = label.as_deref().and_then(crate::import::leading_label).map(|l| {
            use crate::resolution::label::{LabelKind, kind_of_first};
            match kind_of_first(&l.value) {
                Some(LabelKind::Arabic) => 0,
                Some(LabelKind::LowerRoman) => 2,
                _ => 1,
            }
        });
        // Right under a paragraph the same author inserted, one level deeper: a provision under it (`children`).
        if let (Some(d), Some(open)) = (own_depth, self.open.as_ref())
            && open.author == mark.author
            && d > open.depth
            && d - open.depth <= crate::group::MAX_NEW_DEPTH
            && let Some(q) = by_key.get_mut(&(open.key.clone(), open.author.clone()))
            && let Some(Change::Insert { children, .. }) = q.changes.last_mut()
        {
            // Two levels deeper goes under the last child (at most two levels: MAX_NEW_DEPTH).
            let deeper = d - open.depth == 2 && !children.is_empty();
            let list = if deeper { &mut children.last_mut().expect("not empty").children } else { children };
            list.push(crate::group::NewProvision { text, children: Vec::new() });
            add_note(q, comments_of(doc, p, &mark.author));
            return;
        }
        let want = own_depth.map(|d| if d == 0 { 0 } else { depth_of(k).max(1) });
        let mut anchor = k;
        if let Some(w) = want {
            while depth_of(anchor) > w {
                match before.nodes[anchor].parent {
                    Some(up) => anchor = up.0,
                    None => break,
                }
            }
        }
        let at = addresses[anchor].clone();
        let what = format!("New provision after {}", at.describe());
        let key = format!("after-{}", at.default_id());
        let q = proposal_for(by_key, &key, &mark.author, what, before, o);
        q.changes.push(Change::Insert {
            anchor: Anchor::After(at),
            text,
            children: Vec::new(),
            drafted_beside: Some(before.nodes[anchor].text.clone()),
        });
        add_note(q, comments_of(doc, p, &mark.author));
        self.open = Some(Open { key, author: mark.author.clone(), depth: own_depth.unwrap_or_else(|| depth_of(anchor)) });
    }
}
