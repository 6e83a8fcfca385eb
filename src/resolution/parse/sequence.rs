//! After the tree is built: labels get their numbering system and are
//! checked for sequence, identities are assigned and checked, and the text
//! of each provision is checked for footnotes, italics and brackets.

use std::collections::HashMap;

use super::{Parser, RawAt};
use crate::resolution::label::{Label, LabelKind, LabelStyle, kind_of_first, parse_value};
use crate::resolution::model::{NodeId, NodeIdx, NodeKind, Resolution};

impl Parser<'_> {
    /// Gives each label its kind from its first sibling, and checks sequences:
    /// sub-paragraphs per parent, paragraph numbers and sections across the document.
    pub(super) fn settle_labels(&mut self, res: &mut Resolution) {
        let sections: Vec<NodeIdx> = res.sections().collect();
        self.settle_list(res, &sections, "section", true);
        let paragraphs: Vec<NodeIdx> = res.paragraphs().filter(|&i| self.raw[i.0].is_some()).collect();
        self.settle_list(res, &paragraphs, "paragraph", true);
        for i in 0..res.nodes.len() {
            let kids: Vec<NodeIdx> = res.nodes[i].children.iter().copied().filter(|&k| res.nodes[k.0].kind == NodeKind::Item).collect();
            if !kids.is_empty() {
                self.settle_list(res, &kids, "sub-paragraph", false);
            }
        }
    }

    fn settle_list(&mut self, res: &mut Resolution, list: &[NodeIdx], what: &str, global: bool) {
        let Some(first) = list.first() else { return };
        let Some(first_raw) = self.raw[first.0].clone() else { return };
        let kind = kind_of_first(&first_raw.label.value).unwrap_or(LabelKind::LowerAlpha);
        let style = first_raw.label.style;
        let mut prev: Option<(u32, u32, String)> = None; // ordinal, line, shown label
        let mut seen: HashMap<u32, u32> = HashMap::new();
        for &idx in list {
            let Some(RawAt { label: raw, line, col }) = self.raw[idx.0].clone() else { continue };
            let col = col as usize;
            let shown = match raw.style {
                LabelStyle::Enclosed => format!("({})", raw.value),
                LabelStyle::Paren => format!("{})", raw.value),
                LabelStyle::Dot => format!("{}.", raw.value),
            };
            let Some(ordinal) = parse_value(kind, &raw.value) else {
                self.err(
                    line as usize,
                    col,
                    format!("{what} label `{shown}` does not fit its list, which is numbered {}", kind_name(kind)),
                    format!("use {} labels throughout this list", kind_name(kind)),
                );
                continue;
            };
            if raw.style != style && !global {
                self.warn(
                    line as usize,
                    col,
                    format!("label `{shown}` is punctuated differently from the first in its list ({})", Label::new(kind, 1, style)),
                    "use one style in a list",
                );
            }
            let label = Label::new(kind, ordinal, raw.style);
            res.nodes[idx.0].label = Some(label);
            let expected = prev.as_ref().map_or(1, |p| p.0 + 1);
            let scope = if global { "the resolution" } else { "this list" };
            if let Some(&other) = seen.get(&ordinal) {
                self.err(
                    line as usize,
                    col,
                    format!("{what} {} appears twice in {scope} (also on line {other})", label_text(&label, global)),
                    format!("renumber: the next {what} here is {}", label_text(&label.with_ordinal(expected), global)),
                );
            } else if ordinal != expected {
                let msg = match &prev {
                    Some((_, _, p)) => format!(
                        "{what} {} follows {p}: expected {}",
                        label_text(&label, global),
                        label_text(&label.with_ordinal(expected), global)
                    ),
                    None => format!("{what}s start at {}, not {}", label_text(&label.with_ordinal(1), global), label_text(&label, global)),
                };
                self.err(line as usize, col, msg, "labels run in sequence without gaps; correct the label or add the missing provision");
            }
            seen.entry(ordinal).or_insert(line);
            prev = Some((ordinal.max(prev.as_ref().map_or(0, |p| p.0)), line, label_text(&label, global)));
        }
    }

    /// Gives every node its identity: `{#id}` at the end of its text, or the
    /// default derived from its address. Identities must be unique.
    pub(super) fn assign_ids(&mut self, res: &mut Resolution) {
        let mut seen: HashMap<String, (u32, bool)> = HashMap::new();
        for (i, address) in res.addresses().into_iter().enumerate() {
            let text = res.nodes[i].text.clone();
            let explicit = explicit_id(&text);
            let id = match explicit {
                Some((id, stripped)) => {
                    res.nodes[i].text = stripped.to_string();
                    res.nodes[i].explicit_id = true;
                    id.to_string()
                }
                None => address.default_id(),
            };
            let line = res.nodes[i].line;
            let explicit = res.nodes[i].explicit_id;
            match seen.get(&id) {
                // Two derived identities clash only when two labels do, which is reported already.
                Some(&(other, other_explicit)) if explicit || other_explicit => {
                    self.err(
                        line as usize,
                        1,
                        format!("identity `{id}` is used twice (also on line {other})"),
                        "give one of the two provisions its own `{#…}` identity, or remove the `{#…}` that repeats another's",
                    );
                }
                Some(_) => {}
                None => {
                    seen.insert(id.clone(), (line, explicit));
                }
            }
            res.nodes[i].id = NodeId(id);
        }
    }

    /// Text-level checks: empty provisions, footnotes, italics, brackets.
    pub(super) fn check_text(&mut self, res: &Resolution) {
        let mut used = std::collections::HashSet::new();
        for node in &res.nodes {
            let line = node.line as usize;
            if node.text.trim().is_empty() {
                self.err(line, 1, "this provision has a label but no text", "write its text after the label on the same line");
            }
            for key in Resolution::footnote_refs(&node.text) {
                used.insert(key.to_string());
                if !res.footnotes.iter().any(|f| f.key == key) {
                    self.err(
                        line,
                        1,
                        format!("footnote [^{key}] is referred to but never defined"),
                        format!("add a line `[^{key}]: …` at the end of the file"),
                    );
                }
            }
            if node.text.matches('*').count() % 2 == 1 {
                self.warn(line, 1, "unbalanced `*`: italics are opened but not closed", "mark italic titles as `*Title*`");
            }
            let opens = node.text.matches('[').count() - node.text.matches("[^").count();
            let closes = node.text.matches(']').count() - Resolution::footnote_refs(&node.text).count();
            if opens != closes {
                self.warn(line, 1, "unbalanced square brackets", "close every `[` of text not yet agreed with `]`");
            }
        }
        for f in &res.footnotes {
            if !used.contains(&f.key) && f.key != "*" {
                self.warn(
                    f.line as usize,
                    1,
                    format!("footnote [^{}] is defined but never referred to", f.key),
                    "refer to it as `[^…]` in the text, or remove it",
                );
            }
        }
    }
}

fn kind_name(kind: LabelKind) -> &'static str {
    match kind {
        LabelKind::Arabic => "with digits",
        LabelKind::LowerAlpha => "with letters",
        LabelKind::UpperAlpha => "with capital letters",
        LabelKind::LowerRoman => "with roman numerals",
        LabelKind::UpperRoman => "with capital roman numerals",
    }
}

fn label_text(l: &Label, global: bool) -> String {
    if global { l.value() } else { l.to_string() }
}

/// Splits a trailing `{#id}` off a provision's text.
fn explicit_id(text: &str) -> Option<(&str, &str)> {
    let t = text.trim_end();
    let body = t.strip_suffix('}')?;
    let at = body.rfind("{#")?;
    let id = &body[at + 2..];
    let ok = !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
    ok.then(|| (id, t[..at].trim_end()))
}
