//! Finding a provision by its address, and saying what exists nearby when
//! it is not there (`paragraph 23 h) does not exist; paragraph 23 has a) to e)`).

use super::model::{NodeIdx, NodeKind, Resolution};
use super::reference::{ParagraphRef, SubLabel};

/// A reference that names nothing in the resolution.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{what} does not exist in {resolution}; {nearby}")]
pub struct NotFound {
    pub resolution: String,
    /// The provision that was asked for: `paragraph 23 h)`.
    pub what: String,
    /// What exists around it: `paragraph 23 has a) to e)`.
    pub nearby: String,
}

/// What a reference found: one node, or the whole resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Whole,
    Node(NodeIdx),
}

impl Resolution {
    /// Finds the provision a reference names.
    pub fn resolve(&self, r: &ParagraphRef) -> Result<Target, NotFound> {
        let not_found = |nearby: String| NotFound { resolution: self.display_name(), what: r.describe(), nearby };
        let (top, path) = match r {
            ParagraphRef::Whole => return Ok(Target::Whole),
            ParagraphRef::Section(n) => {
                return self
                    .sections()
                    .find(|&i| self.node(i).label.is_some_and(|l| l.ordinal == *n))
                    .map(Target::Node)
                    .ok_or_else(|| not_found(self.range_phrase("sections are", self.sections().collect())));
            }
            ParagraphRef::Preamble { ordinal, path } => {
                let count = self.preamble.len();
                let top = (*ordinal as usize).checked_sub(1).and_then(|i| self.preamble.get(i).copied());
                match top {
                    Some(t) => (t, path),
                    None => return Err(not_found(format!("the preamble has {count} paragraph{}", if count == 1 { "" } else { "s" }))),
                }
            }
            ParagraphRef::Paragraph { number, path } => match self.numbered_paragraphs().find(|(n, _)| n == number) {
                Some((_, t)) => (t, path),
                None => {
                    let all: Vec<NodeIdx> = self.numbered_paragraphs().map(|(_, i)| i).collect();
                    return Err(not_found(self.range_phrase(&format!("{} has paragraphs", self.header.symbol), all)));
                }
            },
            ParagraphRef::Unnumbered { ordinal, path } => {
                let all: Vec<NodeIdx> = self.unnumbered_paragraphs().collect();
                match (*ordinal as usize).checked_sub(1).and_then(|i| all.get(i).copied()) {
                    Some(t) => (t, path),
                    None => {
                        return Err(not_found(format!(
                            "the operative part has {} unnumbered paragraph{}",
                            all.len(),
                            if all.len() == 1 { "" } else { "s" }
                        )));
                    }
                }
            }
        };
        self.walk(top, path, r).map(Target::Node)
    }

    fn walk(&self, top: NodeIdx, path: &[SubLabel], r: &ParagraphRef) -> Result<NodeIdx, NotFound> {
        let mut cur = top;
        for (depth, want) in path.iter().enumerate() {
            let kids: Vec<NodeIdx> = self.node(cur).children.iter().copied().filter(|&k| self.node(k).kind == NodeKind::Item).collect();
            let found = kids.iter().copied().find(|&k| self.node(k).label.is_some_and(|l| SubLabel::new(&l.value()) == *want));
            match found {
                Some(k) => cur = k,
                None => {
                    let parent = r.truncated(depth);
                    let nearby = if kids.is_empty() {
                        format!("{} has no sub-paragraphs", parent.describe())
                    } else {
                        self.range_phrase(&format!("{} has", parent.describe()), kids)
                    };
                    return Err(NotFound { resolution: self.display_name(), what: r.describe(), nearby });
                }
            }
        }
        Ok(cur)
    }

    /// `sections are I to XI`, `paragraph 23 has a) to e)`; lists the labels
    /// when they do not run in sequence.
    fn range_phrase(&self, lead: &str, nodes: Vec<NodeIdx>) -> String {
        let labels: Vec<_> = nodes.iter().filter_map(|&i| self.node(i).label).collect();
        let shown = |l: &super::label::Label| match self.node(nodes[0]).kind {
            NodeKind::Item => l.to_string(),
            _ => l.value(),
        };
        match labels.as_slice() {
            [] => format!("{lead} none"),
            [one] => format!("{lead} only {}", shown(one)),
            [first, .., last] if labels.windows(2).all(|w| w[1].ordinal == w[0].ordinal + 1) => {
                format!("{lead} {} to {}", shown(first), shown(last))
            }
            all => format!("{lead} {}", all.iter().map(shown).collect::<Vec<_>>().join(", ")),
        }
    }
}
