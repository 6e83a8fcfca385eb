//! The structural redline of two versions of a resolution, aligned by the
//! identity of each provision (not by position or label): a relettered
//! sub-paragraph is the same provision with a changed label (`~~e~~f)`),
//! a new provision is inserted whole, a removed one deleted whole.

use std::collections::{HashMap, HashSet};
use std::time::Instant;

use super::words::diff_words;
use super::{Piece, PieceKind};
use crate::resolution::{Label, NodeId, NodeIdx, NodeKind, Resolution};

/// What happened to a provision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Same,
    /// Its text or label changed.
    Changed,
    Inserted,
    Deleted,
    /// It stands elsewhere in the new text (shown where it now stands).
    Moved,
}

/// What kind of line a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Recital,
    /// `THE CONFERENCE OF THE PARTIES TO THE CONVENTION`.
    Marker,
    Section,
    Paragraph,
    Item,
}

/// One provision of the redline, ready to render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    /// 0 for preambular and operative paragraphs and sections, 1 for sub-paragraphs, …
    pub depth: usize,
    /// The label with its changes (`e` deleted, `f` inserted, `)` kept); empty when none.
    pub label: Vec<Piece>,
    pub text: Vec<Piece>,
    pub status: Status,
    /// The word diff ran out of time: the text is shown replaced whole.
    pub replaced_whole: bool,
    /// Index of the top-level provision this block belongs to, for showing changes in context.
    pub group: usize,
    pub id: NodeId,
}

impl Block {
    pub fn is_changed(&self) -> bool {
        self.status != Status::Same
    }
}

/// The redline of `old` to `new`. `deadline` bounds the time spent on word
/// diffs; a provision whose diff runs out is shown replaced whole.
pub fn redline(old: &Resolution, new: &Resolution, deadline: Option<Instant>) -> Vec<Block> {
    let (old_ids, new_ids) = (old.ids(), new.ids());
    let mut w = Walk { old, new, old_ids, new_ids, deadline, out: Vec::new(), group: 0 };
    w.list(&old.preamble, &new.preamble, 0, true);
    w.out.push(Block {
        kind: BlockKind::Marker,
        depth: 0,
        label: Vec::new(),
        text: vec![Piece::new(PieceKind::Same, crate::resolution::OPERATIVE_MARKER)],
        status: Status::Same,
        replaced_whole: false,
        group: usize::MAX,
        id: NodeId("marker".into()),
    });
    w.list(&old.operative, &new.operative, 0, true);
    w.out
}

/// Provisions are found by identity through maps made once: searching for
/// each made a resolution of 100,000 preambular paragraphs take 54 s.
struct Walk<'a> {
    old: &'a Resolution,
    new: &'a Resolution,
    old_ids: HashMap<&'a NodeId, NodeIdx>,
    new_ids: HashMap<&'a NodeId, NodeIdx>,
    deadline: Option<Instant>,
    out: Vec<Block>,
    group: usize,
}

enum Pair {
    Both(NodeIdx, NodeIdx, bool),
    Old(NodeIdx),
    New(NodeIdx),
}

impl Walk<'_> {
    /// Merges two sibling lists by identity, keeping the new order and
    /// placing deleted provisions where they stood.
    fn pairs(&self, old: &[NodeIdx], new: &[NodeIdx]) -> Vec<Pair> {
        let old_ids: HashMap<&NodeId, usize> = old.iter().enumerate().map(|(k, &i)| (&self.old.node(i).id, k)).collect();
        let new_ids: HashSet<&NodeId> = new.iter().map(|&i| &self.new.node(i).id).collect();
        let mut done: HashSet<&NodeId> = HashSet::new();
        let (mut i, mut j) = (0, 0);
        let mut out = Vec::new();
        while i < old.len() || j < new.len() {
            if i < old.len() {
                let oid = &self.old.node(old[i]).id;
                if done.contains(oid) {
                    i += 1;
                    continue;
                }
                if !new_ids.contains(oid) {
                    out.push(Pair::Old(old[i]));
                    i += 1;
                    continue;
                }
            }
            if j < new.len() {
                let nid = &self.new.node(new[j]).id;
                if let Some(&at_old) = old_ids.get(nid) {
                    let moved = i < old.len() && &self.old.node(old[i]).id != nid;
                    out.push(Pair::Both(old[at_old], new[j], moved));
                    done.insert(nid);
                } else {
                    out.push(Pair::New(new[j]));
                }
                j += 1;
            } else {
                i += 1;
            }
        }
        out
    }

    fn list(&mut self, old: &[NodeIdx], new: &[NodeIdx], depth: usize, top: bool) {
        for pair in self.pairs(old, new) {
            if top {
                self.group += 1;
            }
            match pair {
                Pair::Both(o, n, moved) => {
                    self.both(o, n, depth, moved);
                    let (ok, nk) = (self.old.node(o).children.clone(), self.new.node(n).children.clone());
                    let is_section = self.new.node(n).kind == NodeKind::Section;
                    self.list(&ok, &nk, if is_section { depth } else { depth + 1 }, is_section);
                }
                // A provision that left this list for another is shown where it now stands.
                Pair::Old(o) if self.new_ids.contains_key(&self.old.node(o).id) => {}
                Pair::Old(o) => self.whole(self.old, o, depth, Status::Deleted),
                Pair::New(n) => match self.old_ids.get(&self.new.node(n).id).copied() {
                    Some(o) => {
                        self.both(o, n, depth, true);
                        let (ok, nk) = (self.old.node(o).children.clone(), self.new.node(n).children.clone());
                        self.list(&ok, &nk, depth + 1, false);
                    }
                    None => self.whole(self.new, n, depth, Status::Inserted),
                },
            }
        }
    }

    fn both(&mut self, o: NodeIdx, n: NodeIdx, depth: usize, moved: bool) {
        let (on, nn) = (self.old.node(o), self.new.node(n));
        let d = diff_words(&on.text, &nn.text, self.deadline);
        let label = label_pieces(on.label, nn.label);
        let label_changed = label.iter().any(|p| p.kind != PieceKind::Same);
        let status = if moved {
            Status::Moved
        } else if label_changed || !d.is_unchanged() {
            Status::Changed
        } else {
            Status::Same
        };
        self.out.push(Block {
            kind: kind_of(nn.kind),
            depth,
            label,
            text: d.pieces,
            status,
            replaced_whole: d.replaced_whole,
            group: self.group,
            id: nn.id.clone(),
        });
    }

    /// A provision and everything under it, inserted or deleted whole.
    fn whole(&mut self, res: &Resolution, idx: NodeIdx, depth: usize, status: Status) {
        let kind = if status == Status::Inserted { PieceKind::Ins } else { PieceKind::Del };
        let node = res.node(idx);
        let label = node.label.map(|l| vec![Piece::new(kind, l.to_string())]).unwrap_or_default();
        self.out.push(Block {
            kind: kind_of(node.kind),
            depth,
            label,
            text: vec![Piece::new(kind, node.text.clone())],
            status,
            replaced_whole: false,
            group: self.group,
            id: node.id.clone(),
        });
        let is_section = node.kind == NodeKind::Section;
        for &c in &node.children.clone() {
            self.whole(res, c, if is_section { depth } else { depth + 1 }, status);
        }
    }
}

fn kind_of(k: NodeKind) -> BlockKind {
    match k {
        NodeKind::Recital => BlockKind::Recital,
        NodeKind::Section => BlockKind::Section,
        NodeKind::Paragraph => BlockKind::Paragraph,
        NodeKind::Item => BlockKind::Item,
    }
}

/// `e)` → `f)` as `e` deleted, `f` inserted, `)` kept: the value changes as a whole.
pub fn label_pieces(old: Option<Label>, new: Option<Label>) -> Vec<Piece> {
    match (old, new) {
        (None, None) => Vec::new(),
        (Some(o), None) => vec![Piece::new(PieceKind::Del, o.to_string())],
        (None, Some(n)) => vec![Piece::new(PieceKind::Ins, n.to_string())],
        (Some(o), Some(n)) if o.to_string() == n.to_string() => vec![Piece::new(PieceKind::Same, n.to_string())],
        (Some(o), Some(n)) if o.style == n.style => {
            let (ov, nv) = (o.value(), n.value());
            let shown = n.to_string();
            let at = shown.find(&nv).unwrap_or(0);
            let mut v = Vec::new();
            if at > 0 {
                v.push(Piece::new(PieceKind::Same, &shown[..at]));
            }
            v.push(Piece::new(PieceKind::Del, ov));
            v.push(Piece::new(PieceKind::Ins, nv.clone()));
            v.push(Piece::new(PieceKind::Same, &shown[at + nv.len()..]));
            v
        }
        (Some(o), Some(n)) => vec![Piece::new(PieceKind::Del, o.to_string()), Piece::new(PieceKind::Ins, n.to_string())],
    }
}
