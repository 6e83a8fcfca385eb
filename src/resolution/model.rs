//! The document tree of a resolution.
//!
//! Every provision has two names: its *address* ([`ParagraphRef`], what
//! delegates cite, derived from the visible labels) and its *identity*
//! ([`NodeId`], which stays the same when the provision is relettered or
//! renumbered, like Akoma Ntoso's `wId`). By default the identity is the
//! address the provision had when it was first written; the text file stores
//! it (as `{#para_10__e}`) only once the two differ.

use std::fmt;

use super::label::Label;
use super::reference::{ParagraphRef, SubLabel};
use super::symbol::{Revision, Symbol};

/// The line that separates the preamble from the operative part.
pub const OPERATIVE_MARKER: &str = "THE CONFERENCE OF THE PARTIES TO THE CONVENTION";

/// Index of a node in [`Resolution::nodes`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeIdx(pub usize);

/// A provision's identity, independent of its label (e.g. `para_10__e`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(pub String);

impl fmt::Display for NodeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What a node is in the structure of a resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    /// A preambular paragraph (`RECALLING …`).
    Recital,
    /// A Roman-numbered section heading (`IX. Regarding application of Article XIII`).
    Section,
    /// An operative paragraph: numbered (`23.`) or not (`ESTABLISHES …`).
    Paragraph,
    /// A sub-paragraph (`b)`) or sub-sub-paragraph (`iv)`), at any depth.
    Item,
}

/// One provision.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub kind: NodeKind,
    /// The visible label; `None` for recitals and unnumbered paragraphs.
    pub label: Option<Label>,
    /// The text after the label, as written: `*italics*` and footnote
    /// markers `[^1]` are kept.
    pub text: String,
    pub id: NodeId,
    /// True when the file gave the identity (`{#…}`) rather than it being derived.
    pub explicit_id: bool,
    pub parent: Option<NodeIdx>,
    pub children: Vec<NodeIdx>,
    /// 1-based line of the provision in its file.
    pub line: u32,
}

/// The header block of a resolution file.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    pub symbol: Symbol,
    pub revision: Option<Revision>,
    pub title: String,
    /// The footnote on the symbol (`Amended at the 13th, … meetings`).
    pub note: Option<String>,
}

/// A footnote: `[^1]: Corrected by the Secretariat …`.
#[derive(Debug, Clone, PartialEq)]
pub struct Footnote {
    pub key: String,
    pub text: String,
    pub line: u32,
}

/// A parsed resolution.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolution {
    pub header: Header,
    pub nodes: Vec<Node>,
    /// Preambular paragraphs, in order.
    pub preamble: Vec<NodeIdx>,
    /// Top level of the operative part: sections, and paragraphs outside any section.
    pub operative: Vec<NodeIdx>,
    pub footnotes: Vec<Footnote>,
}

impl Resolution {
    pub fn node(&self, idx: NodeIdx) -> &Node {
        &self.nodes[idx.0]
    }

    /// `Conf. 11.3 (Rev. CoP19)`.
    pub fn display_name(&self) -> String {
        match self.header.revision {
            Some(r) => format!("{} ({})", self.header.symbol, r),
            None => self.header.symbol.to_string(),
        }
    }

    /// Operative paragraphs in document order (inside sections or not).
    pub fn paragraphs(&self) -> impl Iterator<Item = NodeIdx> + '_ {
        self.operative.iter().flat_map(move |&i| {
            let n = self.node(i);
            let inner: Vec<NodeIdx> = if n.kind == NodeKind::Section { n.children.clone() } else { vec![i] };
            inner
        })
    }

    /// Numbered operative paragraphs with their numbers.
    pub fn numbered_paragraphs(&self) -> impl Iterator<Item = (u32, NodeIdx)> + '_ {
        self.paragraphs().filter_map(|i| self.node(i).label.map(|l| (l.ordinal, i)))
    }

    /// Paragraphs with no number (e.g. `ESTABLISHES the following sections`), in order.
    pub fn unnumbered_paragraphs(&self) -> impl Iterator<Item = NodeIdx> + '_ {
        self.paragraphs().filter(|&i| self.node(i).label.is_none())
    }

    /// Section headings in order.
    pub fn sections(&self) -> impl Iterator<Item = NodeIdx> + '_ {
        self.operative.iter().copied().filter(|&i| self.node(i).kind == NodeKind::Section)
    }

    /// The address delegates would cite for a node.
    pub fn address(&self, idx: NodeIdx) -> ParagraphRef {
        self.address_by(idx, |top| match self.node(top).kind {
            NodeKind::Recital => self.preamble.iter().position(|&i| i == top),
            _ => self.unnumbered_paragraphs().position(|i| i == top),
        })
    }

    /// The address of every node, in order, in one pass: asking
    /// [`address`](Self::address) of each searched the preamble for each,
    /// which made a resolution of 100,000 preambular paragraphs take 3 s to
    /// read (and minutes to compare).
    pub fn addresses(&self) -> Vec<ParagraphRef> {
        let mut place = vec![0usize; self.nodes.len()];
        for (k, &i) in self.preamble.iter().enumerate() {
            place[i.0] = k;
        }
        for (k, i) in self.unnumbered_paragraphs().enumerate() {
            place[i.0] = k;
        }
        (0..self.nodes.len()).map(|i| self.address_by(NodeIdx(i), |top| Some(place[top.0]))).collect()
    }

    /// The address of `idx`, given where a top-level recital or unnumbered
    /// paragraph stands among its kind (0-based).
    fn address_by(&self, idx: NodeIdx, place: impl Fn(NodeIdx) -> Option<usize>) -> ParagraphRef {
        let mut path = Vec::new();
        let mut cur = idx;
        while self.node(cur).kind == NodeKind::Item {
            let n = self.node(cur);
            path.push(SubLabel::new(&n.label.map(|l| l.value()).unwrap_or_default()));
            match n.parent {
                Some(p) => cur = p,
                None => break,
            }
        }
        path.reverse();
        let top = self.node(cur);
        match top.kind {
            NodeKind::Recital => {
                let ordinal = place(cur).map_or(0, |p| p + 1) as u32;
                ParagraphRef::Preamble { ordinal, path }
            }
            NodeKind::Section => ParagraphRef::Section(top.label.map_or(0, |l| l.ordinal)),
            NodeKind::Paragraph => match top.label {
                Some(l) => ParagraphRef::Paragraph { number: l.ordinal, path },
                None => {
                    let ordinal = place(cur).map_or(0, |p| p + 1) as u32;
                    ParagraphRef::Unnumbered { ordinal, path }
                }
            },
            NodeKind::Item => ParagraphRef::Whole,
        }
    }

    /// Finds a node by its identity (a search: for many, see [`ids`](Self::ids)).
    pub fn by_id(&self, id: &NodeId) -> Option<NodeIdx> {
        self.nodes.iter().position(|n| &n.id == id).map(NodeIdx)
    }

    /// Every node by its identity, for finding many.
    pub fn ids(&self) -> std::collections::HashMap<&NodeId, NodeIdx> {
        self.nodes.iter().enumerate().map(|(i, n)| (&n.id, NodeIdx(i))).collect()
    }

    /// The footnote keys a text refers to, in order (`[^1]` → `1`).
    pub fn footnote_refs(text: &str) -> impl Iterator<Item = &str> {
        text.match_indices("[^").filter_map(move |(at, _)| {
            let rest = &text[at + 2..];
            let end = rest.find(']')?;
            let key = &rest[..end];
            (!key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || c == '*')).then_some(key)
        })
    }

    /// How deep a provision is among sub-paragraphs: 0 for a preambular
    /// paragraph, section or paragraph (under a section too), 1 for `b)`, 2 for `iv)`.
    pub fn depth(&self, idx: NodeIdx) -> usize {
        let mut d = 0;
        let mut cur = Some(idx);
        while let Some(c) = cur.filter(|c| self.node(*c).kind == NodeKind::Item) {
            d += 1;
            cur = self.node(c).parent;
        }
        d
    }

    /// All descendants of a node, depth first, including the node itself.
    pub fn subtree(&self, idx: NodeIdx) -> Vec<NodeIdx> {
        let mut out = vec![idx];
        let mut i = 0;
        while i < out.len() {
            let kids = &self.node(out[i]).children;
            out.splice(i + 1..i + 1, kids.iter().copied());
            i += 1;
        }
        out
    }
}
