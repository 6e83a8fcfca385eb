//! Applying proposals to a resolution: the text as it would read if they
//! were adopted, with every provision keeping its identity.
//!
//! A proposal applies whole or not at all. It is not applied, and says why,
//! when it is stale (a provision it changes no longer reads as the text it
//! was drafted against), when it is aimed at a provision that does not
//! exist, or when it changes a provision that an earlier proposal in the
//! same set already changes (competing proposals).

use std::collections::HashMap;

use crate::group::{Anchor, Change, Proposal};
use crate::resolution::resolve::Target;
use crate::resolution::{Label, LabelKind, LabelStyle, Node, NodeId, NodeIdx, NodeKind, ParagraphRef, Resolution};

/// Why a proposal was not applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The provision no longer reads as the text the proposal was drafted against.
    Stale { reference: ParagraphRef, drafted_against: String, current: String },
    /// The proposal names a provision that does not exist.
    Missing { reference: ParagraphRef, message: String },
    /// An earlier proposal in the set already changes this provision.
    Competing { reference: ParagraphRef, with: String },
    /// An earlier proposal in the set already inserts a provision at the
    /// same place (`after 13 f)`): the two would both take the same label.
    SamePlace { at: String, with: String },
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::Stale { reference, .. } => write!(f, "stale: {} has changed since the proposal was drafted", reference.describe()),
            Problem::Missing { message, .. } => write!(f, "aimed at a provision that does not exist: {message}"),
            Problem::Competing { reference, with } => write!(f, "competes with proposal `{with}` on {}", reference.describe()),
            Problem::SamePlace { at, with } => write!(f, "competes with proposal `{with}`, which inserts at the same place ({at})"),
        }
    }
}

/// The result of applying a set of proposals.
#[derive(Debug, Clone)]
pub struct Applied<'a> {
    /// The resolution as it would read.
    pub proposed: Resolution,
    /// The proposals that were applied, in order.
    pub applied: Vec<&'a Proposal>,
    /// The proposals that were not, each with its reasons.
    pub not_applied: Vec<(&'a Proposal, Vec<Problem>)>,
    /// The proposal behind each provision it changed, inserted, deleted or relettered.
    pub changed_by: HashMap<NodeId, String>,
}

/// Applies proposals in order to `base`.
pub fn apply<'a>(base: &Resolution, proposals: impl IntoIterator<Item = &'a Proposal>) -> Applied<'a> {
    let mut work =
        Work { res: base.clone(), touched: HashMap::new(), renumber: HashMap::new(), renumber_paragraphs: None, gaps: HashMap::new() };
    let mut applied = Vec::new();
    let mut not_applied = Vec::new();
    for p in proposals {
        match work.check(base, p) {
            Ok(targets) => {
                for (gap, _) in insertion_gaps(base, p) {
                    work.gaps.entry(gap).or_insert_with(|| p.id.clone());
                }
                work.apply(p, &targets);
                applied.push(p);
            }
            Err(problems) => not_applied.push((p, problems)),
        }
    }
    let (proposed, changed_by) = work.finish();
    Applied { proposed, applied, not_applied, changed_by }
}

/// Where a list of siblings lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum List {
    Preamble,
    Operative,
    Children(NodeIdx),
}

struct Work {
    res: Resolution,
    /// Nodes changed so far, and by which proposal.
    touched: HashMap<NodeIdx, String>,
    /// Sibling lists that gained or lost a member, and the proposal that changed each.
    renumber: HashMap<List, String>,
    /// The proposal that inserted or deleted a numbered paragraph, if any.
    renumber_paragraphs: Option<String>,
    /// The places in the text in force where a proposal inserts, and which.
    gaps: HashMap<Gap, String>,
}

/// A place between two provisions of the text in force (a list and the
/// position in it), where an insertion goes: `after 13 f)` and `before 13 g)`
/// are one place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Gap(List, usize);

fn list_in(res: &Resolution, idx: NodeIdx) -> List {
    let n = res.node(idx);
    match (n.kind, n.parent) {
        (NodeKind::Recital, _) => List::Preamble,
        (_, Some(p)) => List::Children(p),
        (_, None) => List::Operative,
    }
}

/// Where each insertion of `p` goes in `base`, with how the proposal says it (`after 13 f)`).
pub fn insertion_gaps(base: &Resolution, p: &Proposal) -> Vec<(Gap, String)> {
    let mut out = Vec::new();
    for c in &p.changes {
        let Change::Insert { anchor, .. } = c else { continue };
        let (r, after, word) = match anchor {
            Anchor::Before(r) => (r, 0, "before"),
            Anchor::After(r) => (r, 1, "after"),
        };
        let Ok(Target::Node(idx)) = base.resolve(r) else { continue };
        let list = list_in(base, idx);
        let sibs = match list {
            List::Preamble => &base.preamble,
            List::Operative => &base.operative,
            List::Children(q) => &base.node(q).children,
        };
        let pos = sibs.iter().position(|&i| i == idx).unwrap_or(sibs.len());
        out.push((Gap(list, pos + after), format!("{word} {}", r.describe())));
    }
    out
}

/// Two proposals compete when both replace or delete the same provision, or
/// both insert at the same place: only one of them can be adopted as it is.
pub fn competes(res: &Resolution, a: &Proposal, b: &Proposal) -> bool {
    let targets = |p: &Proposal| -> Vec<NodeIdx> {
        p.changes
            .iter()
            .filter(|c| !matches!(c, Change::Insert { .. }))
            .filter_map(|c| match res.resolve(c.reference()) {
                Ok(Target::Node(i)) => Some(i),
                _ => None,
            })
            .collect()
    };
    let ta = targets(a);
    let ga: Vec<Gap> = insertion_gaps(res, a).into_iter().map(|(g, _)| g).collect();
    targets(b).iter().any(|t| ta.contains(t)) || insertion_gaps(res, b).iter().any(|(g, _)| ga.contains(g))
}

impl Work {
    fn check(&self, base: &Resolution, p: &Proposal) -> Result<Vec<NodeIdx>, Vec<Problem>> {
        let mut problems = Vec::new();
        let mut targets = Vec::new();
        for change in &p.changes {
            let reference = change.reference().clone();
            let idx = match base.resolve(&reference) {
                Ok(Target::Node(i)) => i,
                Ok(Target::Whole) => {
                    problems.push(Problem::Missing { reference, message: "a change must name a provision".into() });
                    continue;
                }
                Err(e) => {
                    problems.push(Problem::Missing { reference, message: e.to_string() });
                    continue;
                }
            };
            targets.push(idx);
            // An insertion placed by a provision whose text has changed since is stale too.
            if let Change::Insert { drafted_beside: Some(beside), .. } = change
                && base.node(idx).text != *beside
            {
                problems.push(Problem::Stale {
                    reference: reference.clone(),
                    drafted_against: beside.clone(),
                    current: base.node(idx).text.clone(),
                });
            }
            if let Change::Replace { drafted_against, .. } | Change::Delete { drafted_against, .. } = change {
                let current = &base.node(idx).text;
                if current != drafted_against {
                    problems.push(Problem::Stale {
                        reference: reference.clone(),
                        drafted_against: drafted_against.clone(),
                        current: current.clone(),
                    });
                }
                if let Some(other) = self.touched.get(&idx) {
                    problems.push(Problem::Competing { reference, with: other.clone() });
                }
            }
        }
        for (gap, at) in insertion_gaps(base, p) {
            if let Some(other) = self.gaps.get(&gap) {
                problems.push(Problem::SamePlace { at, with: other.clone() });
            }
        }
        if problems.is_empty() { Ok(targets) } else { Err(problems) }
    }

    fn apply(&mut self, p: &Proposal, targets: &[NodeIdx]) {
        let mut after_counts: HashMap<NodeIdx, usize> = HashMap::new();
        let mut new_nodes = 0;
        for (change, &idx) in p.changes.iter().zip(targets) {
            match change {
                Change::Replace { text, .. } => {
                    self.res.nodes[idx.0].text = text.clone();
                    self.touched.insert(idx, p.id.clone());
                }
                Change::Delete { .. } => {
                    let list = self.list_of(idx);
                    self.siblings(list).retain(|&i| i != idx);
                    self.mark_renumber(list, idx, &p.id);
                    self.touched.insert(idx, p.id.clone());
                }
                Change::Insert { anchor, text, children, .. } => {
                    new_nodes += 1;
                    let list = self.list_of(idx);
                    let anchor_node = self.res.node(idx).clone();
                    // Same kind and style as its neighbour; the ordinal comes with relettering.
                    let label = anchor_node.label.map(|l| Label { ordinal: 0, ..l });
                    let new = NodeIdx(self.res.nodes.len());
                    self.res.nodes.push(Node {
                        kind: anchor_node.kind,
                        label,
                        text: text.clone(),
                        id: NodeId(format!("{}.{new_nodes}", p.id)),
                        explicit_id: true,
                        parent: anchor_node.parent,
                        children: Vec::new(),
                        line: 0,
                    });
                    let offset = match anchor {
                        Anchor::Before(_) => 0,
                        Anchor::After(_) => {
                            let c = after_counts.entry(idx).or_insert(0);
                            *c += 1;
                            *c
                        }
                    };
                    let sibs = self.siblings(list);
                    let at = sibs.iter().position(|&i| i == idx).map_or(sibs.len(), |p| p + offset);
                    sibs.insert(at, new);
                    self.mark_renumber(list, idx, &p.id);
                    self.touched.insert(new, p.id.clone());
                    self.insert_children(new, children, &p.id);
                }
            }
        }
    }

    /// The sub-provisions of a new provision: lettered `a)` below a paragraph
    /// (or a preambular paragraph), `i)` below a sub-paragraph.
    fn insert_children(&mut self, parent: NodeIdx, children: &[crate::group::NewProvision], by: &str) {
        let p = self.res.node(parent).clone();
        let kind = match (p.kind, p.label.map(|l| l.kind)) {
            (NodeKind::Item, Some(LabelKind::LowerAlpha)) => LabelKind::LowerRoman,
            (NodeKind::Item, Some(LabelKind::LowerRoman)) => LabelKind::UpperAlpha,
            _ => LabelKind::LowerAlpha,
        };
        for (k, c) in children.iter().enumerate() {
            let idx = NodeIdx(self.res.nodes.len());
            self.res.nodes.push(Node {
                kind: NodeKind::Item,
                label: Some(Label::new(kind, k as u32 + 1, LabelStyle::Paren)),
                text: c.text.clone(),
                id: NodeId(format!("{}.{}", p.id.0, k + 1)),
                explicit_id: true,
                parent: Some(parent),
                children: Vec::new(),
                line: 0,
            });
            self.res.nodes[parent.0].children.push(idx);
            self.touched.insert(idx, by.to_string());
            self.insert_children(idx, &c.children, by);
        }
    }

    fn list_of(&self, idx: NodeIdx) -> List {
        list_in(&self.res, idx)
    }

    fn siblings(&mut self, list: List) -> &mut Vec<NodeIdx> {
        match list {
            List::Preamble => &mut self.res.preamble,
            List::Operative => &mut self.res.operative,
            List::Children(p) => &mut self.res.nodes[p.0].children,
        }
    }

    fn mark_renumber(&mut self, list: List, idx: NodeIdx, by: &str) {
        if self.res.node(idx).kind == NodeKind::Paragraph && self.res.node(idx).label.is_some() {
            self.renumber_paragraphs.get_or_insert_with(|| by.to_string());
        } else {
            self.renumber.entry(list).or_insert_with(|| by.to_string());
        }
    }

    /// Reletters and renumbers the lists that changed, then rebuilds the
    /// tree in document order with identities written where they now
    /// differ from the address.
    fn finish(mut self) -> (Resolution, HashMap<NodeId, String>) {
        let mut changed_by: HashMap<NodeId, String> = self.touched.iter().map(|(i, p)| (self.res.node(*i).id.clone(), p.clone())).collect();
        let mut lists: Vec<(Vec<NodeIdx>, String)> =
            self.renumber.iter().map(|(l, p)| (self.siblings_of(*l).to_vec(), p.clone())).collect();
        if let Some(p) = self.renumber_paragraphs.clone() {
            lists.push((self.res.paragraphs().filter(|&i| self.res.node(i).label.is_some()).collect(), p));
        }
        for (list, by) in lists {
            for i in relabel(&mut self.res, &list) {
                changed_by.entry(self.res.node(i).id.clone()).or_insert_with(|| by.clone());
            }
        }
        let mut out = compact(&self.res);
        for (i, address) in out.addresses().into_iter().enumerate() {
            let default = address.default_id();
            let n = &mut out.nodes[i];
            n.explicit_id = n.id.0 != default;
        }
        (out, changed_by)
    }

    fn siblings_of(&self, list: List) -> &[NodeIdx] {
        match list {
            List::Preamble => &self.res.preamble,
            List::Operative => &self.res.operative,
            List::Children(p) => &self.res.node(p).children,
        }
    }
}

/// Gives a list's labels consecutive ordinals from its first label's,
/// keeping kinds and styles; returns the nodes whose label changed.
fn relabel(res: &mut Resolution, list: &[NodeIdx]) -> Vec<NodeIdx> {
    let Some(first_pos) = list.iter().position(|&i| res.node(i).label.is_some_and(|l| l.ordinal > 0)) else { return Vec::new() };
    let template = res.node(list[first_pos]).label.expect("found above");
    let base = template.ordinal.saturating_sub(first_pos as u32).max(1);
    let mut changed = Vec::new();
    for (k, &i) in list.iter().enumerate() {
        if let Some(l) = res.nodes[i.0].label.as_mut() {
            let next = Label { ordinal: base + k as u32, kind: template.kind, style: l.style };
            if *l != next && l.ordinal != 0 {
                changed.push(i);
            }
            *l = next;
        }
    }
    changed
}

/// A copy of the tree holding only reachable nodes, in document order.
fn compact(res: &Resolution) -> Resolution {
    let mut out = Resolution {
        header: res.header.clone(),
        nodes: Vec::new(),
        preamble: Vec::new(),
        operative: Vec::new(),
        footnotes: res.footnotes.clone(),
    };
    fn copy(res: &Resolution, out: &mut Resolution, idx: NodeIdx, parent: Option<NodeIdx>) -> NodeIdx {
        let new = NodeIdx(out.nodes.len());
        let mut node = res.node(idx).clone();
        node.parent = parent;
        node.children = Vec::new();
        out.nodes.push(node);
        let kids: Vec<NodeIdx> = res.node(idx).children.iter().map(|&c| copy(res, out, c, Some(new))).collect();
        out.nodes[new.0].children = kids;
        new
    }
    for &p in &res.preamble {
        let n = copy(res, &mut out, p, None);
        out.preamble.push(n);
    }
    for &o in &res.operative {
        let n = copy(res, &mut out, o, None);
        out.operative.push(n);
    }
    out
}
