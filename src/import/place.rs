//! Placing operative paragraphs (and a preambular paragraph's list) one
//! after another: the depth a label belongs at, the label a paragraph lost.

use super::provisions::{Kind, Prov, ended, join, starts_lowercase};
use super::{Block, Level, Note};
use crate::resolution::label::{LabelKind, LabelStyle, format_value, kind_of_first, parse_value, split_label};

/// A list open at some depth: its numbering system, its last ordinal, its punctuation.
#[derive(Debug, Clone, Copy)]
struct List {
    kind: LabelKind,
    last: u32,
    style: LabelStyle,
}

fn style_text(style: LabelStyle, value: &str) -> String {
    match style {
        LabelStyle::Paren => format!("{value})"),
        LabelStyle::Enclosed => format!("({value})"),
        LabelStyle::Dot => format!("{value}."),
    }
}

/// Places operative paragraphs one after another.
#[derive(Default)]
pub(super) struct Placer {
    /// The last paragraph number written or restored.
    number: u32,
    lists: Vec<List>,
    /// Paragraphs without a number since the last numbered one (indices into the operative part).
    unnumbered: Vec<usize>,
}

impl Placer {
    pub(super) fn place(&mut self, b: &Block, out: &mut Vec<Prov>, repairs: &mut Vec<Note>, unplaced: &mut Vec<Note>) {
        let raw = b.label.as_deref().and_then(split_label);
        match (&b.label, raw) {
            (Some(l), Some(raw)) => self.labelled(b, l, raw, out, repairs),
            (Some(l), None) => {
                unplaced.push(Note { at: b.at, what: format!("`{l}` is not a label gavel reads: kept as the start of the text") });
                self.unlabelled(&Block { label: None, text: format!("{l} {}", b.text), ..b.clone() }, out, repairs);
            }
            (None, _) => self.unlabelled(b, out, repairs),
        }
    }

    fn labelled(
        &mut self,
        b: &Block,
        written: &str,
        raw: crate::resolution::label::RawLabel,
        out: &mut Vec<Prov>,
        repairs: &mut Vec<Note>,
    ) {
        let v = raw.value.as_str();
        // `I.` after `…:`, or continuing such a list, is an item (the sections a paragraph lists), not a section.
        let in_list = out.last().is_some_and(|p| p.text.trim_end().ends_with(':'))
            || self.lists.iter().any(|l| parse_value(l.kind, v) == Some(l.last + 1));
        let level = b.level.unwrap_or(match raw.style {
            LabelStyle::Dot if v.bytes().all(|c| c.is_ascii_digit()) => Level::Paragraph,
            LabelStyle::Dot if !in_list && v.bytes().all(|c| c.is_ascii_uppercase()) && parse_value(LabelKind::UpperRoman, v).is_some() => {
                Level::Section
            }
            _ => Level::Item(self.depth_of(v, out.last())),
        });
        match level {
            Level::Section => {
                self.lists.clear();
                out.push(Prov { kind: Kind::Section, depth: 0, label: Some(written.to_string()), text: b.text.clone(), at: b.at });
            }
            Level::Paragraph => {
                let n: u32 = v.parse().unwrap_or(0);
                self.settle_unnumbered(Some(n), out, repairs);
                self.number = n.max(self.number);
                self.lists.clear();
                out.push(Prov { kind: Kind::Paragraph, depth: 0, label: Some(written.to_string()), text: b.text.clone(), at: b.at });
            }
            Level::Item(depth) => {
                let depth = depth.max(1);
                let kind = self.kind_at(depth, v);
                let ordinal = parse_value(kind, v).unwrap_or(0);
                self.lists.truncate(depth - 1);
                while self.lists.len() < depth - 1 {
                    self.lists.push(List { kind: LabelKind::LowerAlpha, last: 0, style: raw.style });
                }
                self.lists.push(List { kind, last: ordinal, style: raw.style });
                out.push(Prov { kind: Kind::Item, depth, label: Some(written.to_string()), text: b.text.clone(), at: b.at });
            }
        }
    }

    /// The depth a sub-paragraph label belongs at: the deepest open list it continues, else a new list.
    fn depth_of(&self, v: &str, prev: Option<&Prov>) -> usize {
        // After `…:` a first label opens a list under the provision before it (`h) …:` then `i)` is roman).
        if let Some(p) = prev
            && p.text.trim_end().ends_with(':')
            && kind_of_first(v).is_some_and(|k| parse_value(k, v) == Some(1))
        {
            return p.depth + 1;
        }
        for (d, list) in self.lists.iter().enumerate().rev() {
            if parse_value(list.kind, v) == Some(list.last + 1) {
                return d + 1;
            }
        }
        match kind_of_first(v) {
            Some(k) if parse_value(k, v) == Some(1) => match self.lists.len() {
                0 => 1,
                n if k == LabelKind::LowerRoman || k == LabelKind::UpperAlpha => n + 1,
                // A new lettered list under a paragraph that has just opened one.
                _ => 1,
            },
            // Out of sequence: beside the list of its kind, if one is open; the parser reports the sequence.
            _ => self.lists.iter().position(|l| parse_value(l.kind, v).is_some()).map_or(1, |d| d + 1),
        }
    }

    /// The numbering system of `v` at `depth`: the open list's when it reads as one, else its own.
    fn kind_at(&self, depth: usize, v: &str) -> LabelKind {
        match self.lists.get(depth - 1) {
            Some(l) if parse_value(l.kind, v).is_some() && parse_value(l.kind, v) == Some(l.last + 1) => l.kind,
            _ => kind_of_first(v).unwrap_or(LabelKind::LowerAlpha),
        }
    }

    fn unlabelled(&mut self, b: &Block, out: &mut Vec<Prov>, repairs: &mut Vec<Note>) {
        let prev = out.last();
        if let Some(p) = prev
            && !ended(&p.text)
            && starts_lowercase(&b.text)
        {
            join(out.last_mut().expect("checked"), b, repairs);
            return;
        }
        if starts_lowercase(&b.text) {
            // A sub-paragraph whose label was lost: the next in its list, or the first of a new one.
            let (depth, list) = match prev {
                Some(p) if p.text.trim_end().ends_with(':') => {
                    let depth = p.depth + 1;
                    let kind = if depth >= 2 { LabelKind::LowerRoman } else { LabelKind::LowerAlpha };
                    let style = self.lists.first().map_or(LabelStyle::Paren, |l| l.style);
                    (depth, List { kind, last: 0, style })
                }
                Some(p) if p.kind == Kind::Item && !self.lists.is_empty() => {
                    let d = p.depth.min(self.lists.len());
                    (d, self.lists[d - 1])
                }
                _ => {
                    out.push(Prov { kind: Kind::Paragraph, depth: 0, label: None, text: b.text.clone(), at: b.at });
                    repairs.push(Note { at: b.at, what: "a paragraph without a label, kept unnumbered".into() });
                    return;
                }
            };
            let ordinal = list.last + 1;
            let label = style_text(list.style, &format_value(list.kind, ordinal));
            self.lists.truncate(depth - 1);
            self.lists.push(List { last: ordinal, ..list });
            repairs.push(Note { at: b.at, what: format!("label {label} restored (the text has none; it follows in its list)") });
            out.push(Prov { kind: Kind::Item, depth, label: Some(label), text: b.text.clone(), at: b.at });
            return;
        }
        // An operative paragraph whose number was lost (or that has none): numbered once the next number is known.
        self.lists.clear();
        self.unnumbered.push(out.len());
        out.push(Prov { kind: Kind::Paragraph, depth: 0, label: None, text: b.text.clone(), at: b.at });
    }

    /// Numbers the paragraphs without a number when the gap before `next` is exactly theirs.
    fn settle_unnumbered(&mut self, next: Option<u32>, out: &mut [Prov], repairs: &mut Vec<Note>) {
        if self.unnumbered.is_empty() {
            return;
        }
        let k = self.unnumbered.len() as u32;
        let fits = match next {
            Some(n) => n == self.number + k + 1,
            None => self.number > 0,
        };
        for (j, &i) in self.unnumbered.iter().enumerate() {
            let p = &mut out[i];
            if fits {
                let n = self.number + 1 + j as u32;
                p.label = Some(format!("{n}."));
                repairs.push(Note {
                    at: p.at,
                    what: format!("paragraph number {n}. restored (the text has none; it falls between its neighbours)"),
                });
            } else {
                repairs.push(Note {
                    at: p.at,
                    what: "an operative paragraph without a number, kept unnumbered (its neighbours leave no place for one)".into(),
                });
            }
        }
        if fits {
            self.number += k;
        }
        self.unnumbered.clear();
    }

    pub(super) fn finish(&mut self, out: &mut [Prov], repairs: &mut Vec<Note>) {
        self.settle_unnumbered(None, out, repairs);
    }
}
