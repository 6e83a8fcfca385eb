//! Placing a source's paragraphs: the header, the preamble, the operative
//! part's sections, paragraphs and sub-paragraphs, written in gavel's text
//! format.
//!
//! A label's depth follows from the lists open above it: `v)` continues a
//! roman list at depth 2 when `iv)` came before, `i)` continues a lettered
//! list when `h)` did, and opens a roman one otherwise. A paragraph without
//! its label (lost when the PDF was turned into text) takes the label its
//! neighbours leave for it: numbers only when the gap they leave is exactly
//! as wide as the paragraphs without one. Each such repair is listed.

use std::path::Path;

use super::{Block, Given, ImportError, Imported, Level, Note, Place, Source};
use crate::resolution::label::{LabelKind, LabelStyle, format_value, kind_of_first, parse_value, split_label};
use crate::resolution::model::OPERATIVE_MARKER;
use crate::resolution::symbol::{Revision, Symbol};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Recital,
    Section,
    Paragraph,
    Item,
}

/// A provision placed: its depth (0 at the top), label as it will be written, text.
#[derive(Debug, Clone)]
struct Prov {
    kind: Kind,
    depth: usize,
    label: Option<String>,
    text: String,
    at: Place,
}

/// A list open at some depth: its numbering system, its last ordinal, its punctuation.
#[derive(Debug, Clone, Copy)]
struct List {
    kind: LabelKind,
    last: u32,
    style: LabelStyle,
}

/// Whether a text ends a provision (else the next paragraph may be its continuation across a page break).
fn ended(text: &str) -> bool {
    let t = text.trim_end().trim_end_matches(['*', '"', '\u{201d}', ')']);
    // `; and` ends a list's item; `, and` is mid-sentence (a page may break there).
    t.ends_with([';', ':', '.', '!', '?'])
        || [" and", " or", " and/or"].iter().any(|w| t.ends_with(w) && t[..t.len() - w.len()].ends_with(';'))
}

fn starts_lowercase(text: &str) -> bool {
    text.trim_start().trim_start_matches(['*', '"', '\u{201c}', '(']).chars().next().is_some_and(char::is_lowercase)
}

/// The first word is in capitals (`RECALLING`, `DIRECTS`) and lowercase text follows: a recital or an operative paragraph.
fn capital_verb(text: &str) -> bool {
    let t = text.trim_start().trim_start_matches('*');
    let word: String = t.chars().take_while(|c| c.is_alphabetic() || *c == '-').collect();
    word.chars().filter(|c| c.is_alphabetic()).count() >= 3 && word.chars().all(|c| !c.is_lowercase()) && t.chars().any(char::is_lowercase)
}

fn is_marker(text: &str) -> bool {
    let t: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    t.trim_end_matches([':', ',']).eq_ignore_ascii_case(OPERATIVE_MARKER)
}

fn style_text(style: LabelStyle, value: &str) -> String {
    match style {
        LabelStyle::Paren => format!("{value})"),
        LabelStyle::Enclosed => format!("({value})"),
        LabelStyle::Dot => format!("{value}."),
    }
}

/// Places the source's paragraphs and writes the resolution's text.
pub fn build(source: Source, given: &Given, name: &str) -> Result<Imported, ImportError> {
    let Source { blocks, footnotes, mut repairs, mut unplaced, note: file_note } = source;
    let body_start = blocks.iter().position(|b| b.label.is_some() || is_marker(&b.text) || capital_verb(&b.text)).unwrap_or(blocks.len());
    let (symbol, revision, title, note) = header(&blocks[..body_start], given, name, &mut unplaced)?;
    let note = note.or(file_note);
    let mut preamble: Vec<Prov> = Vec::new();
    let mut operative: Vec<Prov> = Vec::new();
    let mut in_operative = false;
    let mut placer = Placer::default();
    let mut pre = Placer::default();
    for b in &blocks[body_start..] {
        if is_marker(&b.text) && b.label.is_none() {
            in_operative = true;
            continue;
        }
        if !in_operative && b.label.as_deref().is_some_and(|l| l.trim_end_matches('.') == "1") {
            in_operative = true;
            repairs
                .push(Note { at: b.at, what: format!("no `{OPERATIVE_MARKER}` line: the operative part taken to begin at paragraph 1") });
        }
        if in_operative {
            placer.place(b, &mut operative, &mut repairs, &mut unplaced);
            continue;
        }
        match preamble.last_mut() {
            Some(prev) if b.label.is_none() && !ended(&prev.text) && starts_lowercase(&b.text) => {
                join(prev, b, &mut repairs);
            }
            // A lettered list under a preambular paragraph (`NOTING: a) …`).
            Some(_) if b.label.is_some() => pre.place(b, &mut preamble, &mut repairs, &mut unplaced),
            _ => {
                pre = Placer::default();
                preamble.push(Prov { kind: Kind::Recital, depth: 0, label: None, text: b.text.clone(), at: b.at });
            }
        }
    }
    placer.finish(&mut operative, &mut repairs);
    if preamble.is_empty() && operative.is_empty() {
        return Err(ImportError::Broken(format!(
            "{name}: no provisions found (no preambular paragraph in capitals such as `RECALLING …`, no numbered paragraph); is this a resolution?"
        )));
    }
    let text = write(&symbol, revision, &title, note.as_deref(), &preamble, &operative, &footnotes);
    let parsed = crate::resolution::parse(&text, Path::new(name));
    let mut problems = parsed.diagnostics;
    // Control characters and bidi overrides: the same findings as in any resolution file.
    problems.extend(crate::workspace::controls::findings(Path::new(name), &text, false));
    repairs.sort_by_key(|n| n.at);
    unplaced.sort_by_key(|n| n.at);
    let places = preamble.iter().chain(&operative).map(|p| p.at).collect();
    Ok(Imported { text, symbol: Some(symbol), repairs, unplaced, problems, places })
}

fn join(prev: &mut Prov, b: &Block, repairs: &mut Vec<Note>) {
    prev.text.push(' ');
    prev.text.push_str(b.text.trim());
    repairs.push(Note { at: b.at, what: "joined to the paragraph before it (it ran on across a page break)".into() });
}

/// The header: from the options where given, else from the lines before the text.
fn header(
    lines: &[Block],
    given: &Given,
    name: &str,
    unplaced: &mut Vec<Note>,
) -> Result<(Symbol, Option<Revision>, String, Option<String>), ImportError> {
    let mut symbol: Option<Symbol> = None;
    let mut revision: Option<Revision> = None;
    let mut rest: Vec<&Block> = Vec::new();
    for b in lines {
        let t = b.text.trim().trim_start_matches("Resolution ").trim_end_matches('*').trim();
        match t.parse::<crate::resolution::ResolutionName>() {
            Ok(n) if symbol.is_none() && t.starts_with("Conf.") && t.len() < 40 => {
                symbol = Some(n.symbol);
                revision = n.revision;
            }
            _ => rest.push(b),
        }
    }
    let asked = |what: &str, opt: &str| {
        ImportError::Asked(format!(
            "{name} does not say the resolution's {what}: give it with {opt} (as the resolution's first page has it)"
        ))
    };
    let symbol = match &given.symbol {
        Some(s) => s.parse::<Symbol>().map_err(ImportError::Asked)?,
        None => symbol.ok_or_else(|| asked("symbol", "--symbol \"Conf. 12.3\""))?,
    };
    if let Some(r) = &given.revision {
        revision = Some(r.parse::<Revision>().map_err(ImportError::Asked)?);
    }
    let mut rest = rest.into_iter();
    let title = match &given.title {
        Some(t) => t.clone(),
        None => rest.next().map(|b| b.text.trim().to_string()).ok_or_else(|| asked("title", "--title \"…\""))?,
    };
    let mut note = given.note.clone();
    for b in rest {
        let t = b.text.trim();
        if note.is_none() && given.note.is_none() && (t.starts_with('*') || t.contains("meeting of the Conference of the Parties")) {
            note = Some(t.trim_start_matches('*').trim().to_string());
        } else if t != title {
            unplaced.push(Note { at: b.at, what: format!("not imported (before the text, and not its symbol, title or note): {t}") });
        }
    }
    Ok((symbol, revision, title, note))
}

/// Places operative paragraphs one after another.
#[derive(Default)]
struct Placer {
    /// The last paragraph number written or restored.
    number: u32,
    lists: Vec<List>,
    /// Paragraphs without a number since the last numbered one (indices into the operative part).
    unnumbered: Vec<usize>,
}

impl Placer {
    fn place(&mut self, b: &Block, out: &mut Vec<Prov>, repairs: &mut Vec<Note>, unplaced: &mut Vec<Note>) {
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

    fn finish(&mut self, out: &mut [Prov], repairs: &mut Vec<Note>) {
        self.settle_unnumbered(None, out, repairs);
    }
}

/// The resolution in gavel's text format.
fn write(
    symbol: &Symbol,
    revision: Option<Revision>,
    title: &str,
    note: Option<&str>,
    preamble: &[Prov],
    operative: &[Prov],
    footnotes: &[super::Footnote],
) -> String {
    let mut out = format!("Symbol: {symbol}\n");
    if let Some(r) = revision {
        out.push_str(&format!("Revision: {r}\n"));
    }
    out.push_str(&format!("Title: {title}\n"));
    if let Some(n) = note {
        out.push_str(&format!("Note: {n}\n"));
    }
    for p in preamble
        .iter()
        .chain([&Prov { kind: Kind::Recital, depth: 0, label: None, text: OPERATIVE_MARKER.into(), at: Place::Line(0) }])
        .chain(operative)
    {
        if p.depth == 0 {
            out.push('\n');
        }
        out.push_str(&"    ".repeat(p.depth));
        if let Some(l) = &p.label {
            out.push_str(l);
            out.push(' ');
        }
        out.push_str(p.text.trim());
        out.push('\n');
    }
    for f in footnotes {
        out.push_str(&format!("\n[^{}]: {}\n", f.key, f.text.trim()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(n: u32, label: Option<&str>, text: &str) -> Block {
        Block { label: label.map(str::to_string), text: text.into(), at: Place::Line(n), level: None }
    }

    #[test]
    fn depths_follow_the_lists_open() {
        let blocks = vec![
            block(1, None, "RECALLING the Convention;"),
            block(2, None, "THE CONFERENCE OF THE PARTIES TO THE CONVENTION"),
            block(3, Some("1."), "URGES Parties to:"),
            block(4, Some("a)"), "do one;"),
            block(5, Some("h)"), "eight:"),
            block(6, Some("i)"), "the roman one;"),
            block(7, Some("ii)"), "two; and"),
            block(8, Some("i)"), "no: the ninth letter;"),
            block(9, Some("2."), "DECIDES."),
        ];
        let given = Given { symbol: Some("Conf. 1.1".into()), title: Some("T".into()), ..Given::default() };
        let got = build(Source { blocks, ..Source::default() }, &given, "t").unwrap();
        assert!(got.text.contains("    h) eight:\n        i) the roman one;\n        ii) two; and\n    i) no"), "{}", got.text);
    }

    #[test]
    fn lost_labels_are_restored_and_said() {
        let blocks = vec![
            block(1, None, "RECALLING the Convention;"),
            block(2, None, "THE CONFERENCE OF THE PARTIES TO THE CONVENTION"),
            block(3, Some("1."), "URGES Parties to:"),
            block(4, Some("a)"), "do one; and"),
            block(5, None, "do two;"),
            block(6, None, "DIRECTS the Secretariat to:"),
            block(7, None, "report, giving"),
            block(8, None, "priority to all;"),
            block(9, Some("b)"), "publish;"),
            block(10, None, "REQUESTS the Committees to act;"),
            block(11, Some("5."), "REPEALS Resolution Conf. 3.4."),
        ];
        let given = Given { symbol: Some("Conf. 1.1".into()), title: Some("T".into()), ..Given::default() };
        let got = build(Source { blocks, ..Source::default() }, &given, "t").unwrap();
        // 2 (the gap before 5 is two wide) … wait: 1, _, _, 5 leaves 2, 3, 4: three numbers for two paragraphs.
        assert!(got.text.contains("\nDIRECTS the Secretariat"), "{}", got.text);
        assert!(got.repairs.iter().any(|r| r.what.contains("kept unnumbered")));
        assert!(got.text.contains("    b) do two;"), "{}", got.text);
        assert!(got.text.contains("    a) report, giving priority to all;\n    b) publish;"), "{}", got.text);
        assert!(got.repairs.iter().any(|r| r.at == Place::Line(8) && r.what.contains("joined")));
    }
}
