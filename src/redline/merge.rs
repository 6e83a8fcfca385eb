//! Three-way merge of a resolution, provision by provision, by identity:
//! what only one side changed is taken from that side; what both changed
//! the same way is taken once; what both changed differently is a conflict
//! for the chair to settle. Nothing is chosen silently.

use std::collections::HashMap;

use super::amend::apply;
use crate::group::{Anchor, Change, Proposal, Status};
use crate::resolution::{NodeId, NodeIdx, Resolution};

/// A provision both sides changed differently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub id: NodeId,
    /// Where it stands in our text (or theirs, if we deleted it).
    pub address: String,
    pub base: Option<String>,
    pub ours: Option<String>,
    pub theirs: Option<String>,
}

/// How a conflict is settled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    Ours,
    Theirs,
    /// Other text, written by the chair.
    Text(String),
}

/// The outcome of a merge.
#[derive(Debug, Clone)]
pub struct Merged {
    pub result: Resolution,
    /// Conflicts, with the choice that settled each (none when unsettled).
    pub conflicts: Vec<(Conflict, Option<Choice>)>,
}

impl Merged {
    pub fn settled(&self) -> bool {
        self.conflicts.iter().all(|(_, c)| c.is_some())
    }
}

/// Merges two sides as `gavel sync` does: each side's provisions are first
/// followed by their words where a list was relettered by hand without
/// markers ([`crate::resolution::identity`]), then merged by identity.
pub fn merge_followed(
    base: &Resolution,
    ours: &Resolution,
    theirs: &Resolution,
    choose: impl FnMut(&Conflict) -> Option<Choice>,
) -> Merged {
    let (mut o, mut t) = (ours.clone(), theirs.clone());
    crate::resolution::identity::follow(base, &mut o);
    crate::resolution::identity::follow(base, &mut t);
    merge(base, &o, &t, choose)
}

/// Merges `theirs` into `ours` (both descended from `base`); `choose`
/// settles each conflict, or leaves it unsettled with `None`.
pub fn merge(base: &Resolution, ours: &Resolution, theirs: &Resolution, mut choose: impl FnMut(&Conflict) -> Option<Choice>) -> Merged {
    let text = |r: &Resolution, id: &NodeId| r.by_id(id).map(|i| r.node(i).text.clone());
    let mut changes: Vec<Change> = Vec::new();
    let mut conflicts = Vec::new();
    let mut inserted_ids: Vec<NodeId> = Vec::new();
    // Provisions in theirs: changed or new.
    for i in 0..theirs.nodes.len() {
        let id = &theirs.nodes[i].id;
        let (b, o, t) = (text(base, id), text(ours, id), text(theirs, id));
        match (&b, &o) {
            // New in theirs only: insert it next to its neighbour in theirs.
            (None, None) => {
                if let Some(anchor) = anchor_in(ours, theirs, NodeIdx(i)) {
                    changes.push(Change::Insert { anchor, text: t.clone().unwrap_or_default(), children: vec![], drafted_beside: None });
                    inserted_ids.push(id.clone());
                }
            }
            // New on both sides with the same identity but other texts.
            (None, Some(ot)) if Some(ot) != t.as_ref() => {
                let c = Conflict { id: id.clone(), address: address(ours, id), base: None, ours: o.clone(), theirs: t.clone() };
                settle(&mut changes, &mut conflicts, c, ours, &mut choose);
            }
            (Some(bt), Some(ot)) => {
                let tt = t.as_ref().expect("theirs has it");
                if tt != bt && ot == bt {
                    changes.push(Change::Replace {
                        target: ours.address(ours.by_id(id).expect("ours has it")),
                        drafted_against: ot.clone(),
                        text: tt.clone(),
                    });
                } else if tt != bt && ot != bt && ot != tt {
                    let c = Conflict { id: id.clone(), address: address(ours, id), base: b.clone(), ours: o.clone(), theirs: t.clone() };
                    settle(&mut changes, &mut conflicts, c, ours, &mut choose);
                }
            }
            // We deleted what they changed: taking theirs (or the chair's text) puts it back where they have it.
            (Some(bt), None) if t.as_ref() != Some(bt) => {
                let c = Conflict { id: id.clone(), address: address(theirs, id), base: b.clone(), ours: None, theirs: t.clone() };
                let choice = choose(&c);
                let back = match &choice {
                    Some(Choice::Theirs) => t.clone(),
                    Some(Choice::Text(x)) => Some(x.clone()),
                    _ => None,
                };
                if let (Some(text), Some(anchor)) = (back, anchor_in(ours, theirs, NodeIdx(i))) {
                    changes.push(Change::Insert { anchor, text, children: vec![], drafted_beside: None });
                    inserted_ids.push(id.clone());
                }
                conflicts.push((c, choice));
            }
            _ => {}
        }
    }
    // Provisions they deleted.
    for i in 0..base.nodes.len() {
        let id = &base.nodes[i].id;
        if theirs.by_id(id).is_some() {
            continue;
        }
        let (b, o) = (text(base, id), text(ours, id));
        match (b, o) {
            (Some(bt), Some(ot)) if bt == ot => {
                changes.push(Change::Delete { target: ours.address(ours.by_id(id).expect("ours has it")), drafted_against: ot });
            }
            (Some(_), Some(ot)) => {
                let c = Conflict { id: id.clone(), address: address(ours, id), base: text(base, id), ours: Some(ot.clone()), theirs: None };
                let at = ours.address(ours.by_id(id).expect("ours has it"));
                match choose(&c) {
                    Some(Choice::Theirs) => {
                        changes.push(Change::Delete { target: at, drafted_against: ot });
                        conflicts.push((c, Some(Choice::Theirs)));
                    }
                    Some(Choice::Text(x)) => {
                        changes.push(Change::Replace { target: at, drafted_against: ot, text: x.clone() });
                        conflicts.push((c, Some(Choice::Text(x))));
                    }
                    other => conflicts.push((c, other)),
                }
            }
            _ => {}
        }
    }
    let proposal = Proposal {
        id: "merge".into(),
        title: "their changes".into(),
        group: None,
        proponents: vec!["theirs".into()],
        supporters: Vec::new(),
        source: None,
        revision: ours.header.revision,
        amends: None,
        note: None,
        status: Status::Pending,
        changes,
    };
    let applied = apply(ours, [&proposal]);
    let mut result = applied.proposed;
    // Inserted provisions keep the identity they have in theirs.
    for (k, id) in inserted_ids.iter().enumerate() {
        let tmp = NodeId(format!("merge.{}", k + 1));
        if let Some(i) = result.by_id(&tmp) {
            result.nodes[i.0].id = id.clone();
        }
    }
    for (i, address) in result.addresses().into_iter().enumerate() {
        result.nodes[i].explicit_id = result.nodes[i].id.0 != address.default_id();
    }
    Merged { result, conflicts }
}

fn settle(
    changes: &mut Vec<Change>,
    conflicts: &mut Vec<(Conflict, Option<Choice>)>,
    c: Conflict,
    ours: &Resolution,
    choose: &mut impl FnMut(&Conflict) -> Option<Choice>,
) {
    let choice = choose(&c);
    let new_text = match &choice {
        Some(Choice::Theirs) => c.theirs.clone(),
        Some(Choice::Text(t)) => Some(t.clone()),
        _ => None,
    };
    if let (Some(t), Some(i)) = (new_text, ours.by_id(&c.id)) {
        changes.push(Change::Replace { target: ours.address(i), drafted_against: ours.node(i).text.clone(), text: t });
    }
    conflicts.push((c, choice));
}

fn address(r: &Resolution, id: &NodeId) -> String {
    r.by_id(id).map(|i| r.address(i).describe()).unwrap_or_else(|| id.0.clone())
}

/// Where a provision new in theirs goes in ours: after its previous sibling
/// in theirs, or before its next one, when ours has that sibling.
fn anchor_in(ours: &Resolution, theirs: &Resolution, idx: NodeIdx) -> Option<Anchor> {
    let siblings: Vec<NodeIdx> = match theirs.node(idx).parent {
        Some(p) => theirs.node(p).children.clone(),
        None if theirs.preamble.contains(&idx) => theirs.preamble.clone(),
        None => theirs.operative.clone(),
    };
    let pos = siblings.iter().position(|&s| s == idx)?;
    let in_ours = |k: usize| siblings.get(k).and_then(|&s| ours.by_id(&theirs.node(s).id));
    let known: HashMap<usize, NodeIdx> = (0..siblings.len()).filter_map(|k| in_ours(k).map(|o| (k, o))).collect();
    if let Some(prev) = (0..pos).rev().find_map(|k| known.get(&k)) {
        return Some(Anchor::After(ours.address(*prev)));
    }
    (pos + 1..siblings.len()).find_map(|k| known.get(&k)).map(|next| Anchor::Before(ours.address(*next)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolution::parse;
    use std::path::Path;

    fn res(text: &str) -> Resolution {
        let p = parse(text, Path::new("x"));
        assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
        p.resolution.unwrap()
    }

    const BASE: &str = "Symbol: Conf. 1.1\nTitle: T\n\nRECALLING one;\n\nTHE CONFERENCE OF THE PARTIES TO THE CONVENTION\n\n1. RECOMMENDS that:\n    a) alpha;\n    b) beta;\n    c) gamma;\n\n2. URGES Parties;\n";

    #[test]
    fn changes_to_different_provisions_are_both_kept() {
        let ours = res(&BASE.replace("alpha;", "alpha one;"));
        let theirs = res(&BASE.replace("gamma;", "gamma three;"));
        let m = merge(&res(BASE), &ours, &theirs, |_| None);
        assert!(m.conflicts.is_empty());
        let t = crate::resolution::write::to_text(&m.result);
        assert!(t.contains("a) alpha one;") && t.contains("c) gamma three;"), "{t}");
    }

    #[test]
    fn an_insertion_on_their_side_reletters_ours() {
        let ours = res(&BASE.replace("alpha;", "alpha one;"));
        let theirs =
            res(&BASE
                .replace("    b) beta;\n    c) gamma;", "    b) new; {#their-new}\n    c) beta; {#para_1__b}\n    d) gamma; {#para_1__c}"));
        let m = merge(&res(BASE), &ours, &theirs, |_| None);
        assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
        let t = crate::resolution::write::to_text(&m.result);
        assert!(t.contains("    a) alpha one;\n    b) new; {#their-new}\n    c) beta; {#para_1__b}\n    d) gamma; {#para_1__c}\n"), "{t}");
    }

    #[test]
    fn the_same_provision_changed_differently_is_a_conflict() {
        let ours = res(&BASE.replace("beta;", "beta ours;"));
        let theirs = res(&BASE.replace("beta;", "beta theirs;"));
        let m = merge(&res(BASE), &ours, &theirs, |_| None);
        assert_eq!(m.conflicts.len(), 1);
        assert!(!m.settled());
        let (c, _) = &m.conflicts[0];
        assert_eq!((c.ours.as_deref(), c.theirs.as_deref(), c.base.as_deref()), (Some("beta ours;"), Some("beta theirs;"), Some("beta;")));
        assert_eq!(c.address, "paragraph 1 b)");
        let m = merge(&res(BASE), &ours, &theirs, |_| Some(Choice::Theirs));
        assert!(m.settled());
        assert!(crate::resolution::write::to_text(&m.result).contains("b) beta theirs;"));
        let m = merge(&res(BASE), &ours, &theirs, |_| Some(Choice::Text("beta both;".into())));
        assert!(crate::resolution::write::to_text(&m.result).contains("b) beta both;"));
    }

    #[test]
    fn the_same_change_on_both_sides_is_no_conflict() {
        let ours = res(&BASE.replace("beta;", "beta too;"));
        let m = merge(&res(BASE), &ours, &ours.clone(), |_| None);
        assert!(m.conflicts.is_empty());
    }

    #[test]
    fn their_deletion_of_what_we_changed_is_a_conflict() {
        let ours = res(&BASE.replace("beta;", "beta ours;"));
        let theirs = res(&BASE.replace("    b) beta;\n    c) gamma;", "    b) gamma; {#para_1__c}"));
        let m = merge(&res(BASE), &ours, &theirs, |_| None);
        assert_eq!(m.conflicts.len(), 1);
        assert_eq!(m.conflicts[0].0.theirs, None);
    }
}
