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

use super::place::Placer;
use super::{Block, Given, ImportError, Imported, Note, Place, Source};
use crate::resolution::model::OPERATIVE_MARKER;
use crate::resolution::symbol::{Revision, Symbol};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Recital,
    Section,
    Paragraph,
    Item,
}

/// A provision placed: its depth (0 at the top), label as it will be written, text.
#[derive(Debug, Clone)]
pub(super) struct Prov {
    pub(super) kind: Kind,
    pub(super) depth: usize,
    pub(super) label: Option<String>,
    pub(super) text: String,
    pub(super) at: Place,
}

/// Whether a text ends a provision (else the next paragraph may be its continuation across a page break).
pub(super) fn ended(text: &str) -> bool {
    let t = text.trim_end().trim_end_matches(['*', '"', '\u{201d}', ')']);
    // `; and` ends a list's item; `, and` is mid-sentence (a page may break there).
    t.ends_with([';', ':', '.', '!', '?'])
        || [" and", " or", " and/or"].iter().any(|w| t.ends_with(w) && t[..t.len() - w.len()].ends_with(';'))
}

pub(super) fn starts_lowercase(text: &str) -> bool {
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

pub(super) fn join(prev: &mut Prov, b: &Block, repairs: &mut Vec<Note>) {
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
        // Word (and pandoc) may keep `Rev.` and its number together with a no-break space.
        let spaced = b.text.replace(['\u{a0}', '\u{202f}'], " ");
        let t = spaced.trim().trim_start_matches("Resolution ").trim_end_matches('*').trim();
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
