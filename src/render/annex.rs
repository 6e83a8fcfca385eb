//! The annex a drafter hands to the Secretariat: the whole resolution with
//! every proposed change in place, as in the Annex of SC78 Doc. 37.

use std::collections::HashMap;

use super::document::{Document, Element};
use crate::group::Proposal;
use crate::redline::amend::{Problem, apply};
use crate::redline::doc::{Block, redline};
use crate::resolution::{NodeId, Resolution};

/// The note that heads an annex.
pub const NOTE: &str = "Note: new text is underlined and text proposed for deletion is in strikethrough";

/// Everything an annex shows.
#[derive(Debug, Clone)]
pub struct Annex {
    /// `Conf. 11.3 (Rev. CoP19)`.
    pub symbol: String,
    pub title: String,
    /// The footnote on the symbol (`Amended at …`).
    pub note: Option<String>,
    pub blocks: Vec<Block>,
    /// Footnotes: key and text.
    pub footnotes: Vec<(String, String)>,
    /// Who proposed each changed provision (for Word revisions' author).
    pub authors: HashMap<NodeId, String>,
    /// Proposals left out, with why.
    pub not_shown: Vec<NotShown>,
    /// Ids of the proposals shown.
    pub shown: Vec<String>,
    /// What the changes are, when not pending proposals (`Amendments agreed since …`).
    pub subtitle: Option<String>,
}

/// A proposal the annex leaves out, and why.
#[derive(Debug, Clone)]
pub struct NotShown {
    pub id: String,
    pub proponents: String,
    pub problems: Vec<Problem>,
}

/// Builds the annex of `res` with `proposals` applied in order.
pub fn build<'a>(res: &Resolution, proposals: impl IntoIterator<Item = &'a Proposal>, deadline: Option<std::time::Instant>) -> Annex {
    let applied = apply(res, proposals);
    let blocks = redline(res, &applied.proposed, deadline);
    annex(res, blocks, &[&applied], None)
}

/// The annex of what was agreed: `old` (the text at an earlier revision)
/// against `new` (the text now), each change attributed to the adopted
/// proposal that made it; with `pending`, those proposals applied on top.
/// `new` must follow `old`'s identities (`resolution::identity::follow`).
pub fn build_since<'a>(
    old: &Resolution,
    new: &Resolution,
    adopted: impl IntoIterator<Item = &'a Proposal>,
    pending: impl IntoIterator<Item = &'a Proposal>,
    subtitle: String,
    deadline: Option<std::time::Instant>,
) -> Annex {
    // The adopted proposals replayed on the old text say which made each change.
    let agreed = apply(old, adopted);
    let ahead = apply(new, pending);
    let blocks = redline(old, &ahead.proposed, deadline);
    let mut a = annex(new, blocks, &[&agreed, &ahead], Some(subtitle));
    // Only the pending proposals can be left out: the adopted ones are in the text.
    a.not_shown.retain(|n| ahead.not_applied.iter().any(|(p, _)| p.id == n.id));
    a
}

/// An annex of `blocks`, its header and footnotes from `res`, each change
/// attributed to the proposal in `applied` that made it.
fn annex(res: &Resolution, blocks: Vec<Block>, applied: &[&crate::redline::amend::Applied], subtitle: Option<String>) -> Annex {
    let mut authors = HashMap::new();
    for a in applied {
        for (id, pid) in &a.changed_by {
            if let Some(p) = a.applied.iter().find(|p| &p.id == pid) {
                authors.insert(id.clone(), p.proponents.join(", "));
            }
        }
    }
    Annex {
        symbol: res.display_name(),
        title: res.header.title.clone(),
        note: res.header.note.clone(),
        blocks,
        footnotes: res.footnotes.iter().map(|f| (f.key.clone(), f.text.clone())).collect(),
        authors,
        not_shown: applied
            .iter()
            .flat_map(|a| &a.not_applied)
            .map(|(p, problems)| NotShown { id: p.id.clone(), proponents: p.proponents.join(", "), problems: problems.clone() })
            .collect(),
        shown: applied.iter().flat_map(|a| &a.applied).map(|p| p.id.clone()).collect(),
        subtitle,
    }
}

impl Annex {
    /// The annex as a document: symbol, title, legend, the provisions with
    /// their changes, the footnotes, and the proposals left out.
    pub fn document(&self) -> Document {
        let mut doc = Document::new(format!("{} – {}", self.symbol, self.title));
        doc.push(Element::Symbol { text: self.symbol.clone(), starred: self.note.is_some() });
        doc.heading(1, self.title.clone());
        if let Some(s) = &self.subtitle {
            doc.para(s.clone());
        }
        doc.push(Element::Legend(NOTE.to_string()));
        doc.push(Element::Provisions { shown: self.blocks.iter().cloned().map(Some).collect(), authors: self.authors.clone() });
        doc.push(Element::Rule);
        if let Some(n) = &self.note {
            doc.push(Element::Footnote { key: "*".into(), text: n.clone() });
        }
        for (k, t) in &self.footnotes {
            doc.push(Element::Footnote { key: k.clone(), text: t.clone() });
        }
        for n in &self.not_shown {
            doc.note(format!("Not shown: proposal {} ({}): {}", n.id, n.proponents, problems(n)));
        }
        doc
    }
}

fn problems(n: &NotShown) -> String {
    n.problems.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("; ")
}
