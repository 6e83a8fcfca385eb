//! A resolution's text as copied from its PDF: lines wrapped where the page
//! ended them, page headers and footers among them, words hyphenated at line
//! ends, labels sometimes on lines of their own, list bullets a converter
//! added. Read into paragraphs ([`Block`]s), each repair listed.

use std::collections::HashMap;

use super::leading_label as split_label;
use super::{Block, Footnote, Note, Place, Source};

/// A line's shape with its digits blotted out: page headers and footers
/// differ only in their page number.
fn shape(line: &str) -> String {
    line.split_whitespace().collect::<Vec<_>>().join(" ").chars().map(|c| if c.is_ascii_digit() { '#' } else { c }).collect()
}

/// A page number on its own: `3`, `- 3 -`, `Page 3`, `Page 3 of 10`, `p. 3`.
fn page_number(line: &str) -> bool {
    let t = line.trim().trim_matches(|c: char| c == '-' || c == '\u{2013}' || c == '\u{2014}' || c.is_whitespace());
    let t = t.strip_prefix("Page ").or_else(|| t.strip_prefix("p. ")).unwrap_or(t);
    let (n, rest) = t.split_at(t.bytes().take_while(u8::is_ascii_digit).count());
    !n.is_empty()
        && n.len() <= 4
        && (rest.is_empty() || rest.trim_start().strip_prefix("of ").is_some_and(|r| r.trim().bytes().all(|b| b.is_ascii_digit())))
}

/// A bullet a converter put before a paragraph (`- `, `• `).
fn without_bullet(line: &str) -> Option<&str> {
    let t = line.trim_start();
    ["- ", "\u{2022} ", "\u{25e6} ", "\u{2013} "].iter().find_map(|b| t.strip_prefix(b))
}

/// Reads a text copied from a PDF (or written by hand) into paragraphs.
pub fn read(text: &str) -> Source {
    let lines: Vec<&str> = text.lines().collect();
    let mut repairs = Vec::new();
    let mut unplaced = Vec::new();
    // Page furniture: lines whose shape recurs (headers, footers with page
    // numbers) and bare page numbers. A recurring line must hold a digit or a
    // symbol's `Conf.`/`Doc.`, so that a repeated phrase of the text is kept.
    let mut counts: HashMap<String, usize> = HashMap::new();
    for l in lines.iter().filter(|l| !l.trim().is_empty()) {
        *counts.entry(shape(l)).or_default() += 1;
    }
    let furniture = |l: &str| {
        let s = shape(l);
        page_number(l)
            || (counts.get(&s).copied().unwrap_or(0) >= 2
                && s.len() <= 100
                && (s.contains('#') || s.contains("Conf.") || s.contains("Doc."))
                && !s.starts_with("[^")
                && !s.ends_with(['.', ';', ':', ','])
                && split_label(l.trim()).is_none())
    };
    // The symbol line of the title block recurs as the page header: kept once, at the top, for the header.
    let first_text = lines.iter().position(|l| !l.trim().is_empty());
    let mut blocks: Vec<Block> = Vec::new();
    let mut footnotes: Vec<Footnote> = Vec::new();
    let mut current: Option<Block> = None;
    let mut pending_label: Option<(String, u32)> = None;
    let mut bullets = 0;
    // Before the text, each line is its own: symbol, title, note.
    let mut in_header = true;
    let spellings = Spellings::of(text);
    for (i, raw) in lines.iter().enumerate() {
        let n = i as u32 + 1;
        if raw.trim().is_empty() {
            if pending_label.is_none() {
                blocks.extend(current.take());
            }
            continue;
        }
        if Some(i) != first_text && furniture(raw) {
            unplaced.push(Note { at: Place::Line(n), what: format!("page header, footer or number dropped: {}", raw.trim()) });
            continue;
        }
        let restored = spellings.restore(raw.trim());
        for (joined, hyphenated) in &restored.1 {
            repairs.push(Note {
                at: Place::Line(n),
                what: format!("hyphen lost in copying restored: {joined} written {hyphenated}, as the text writes it elsewhere"),
            });
        }
        let mut line = restored.0.as_str();
        // A bullet starts a paragraph: it is no wrapped line.
        let bulleted = without_bullet(line).is_some();
        if let Some(rest) = without_bullet(line) {
            line = rest.trim();
            bullets += 1;
        }
        // `[^1]: text` is a footnote, as in gavel's own format.
        if let Some(rest) = line.strip_prefix("[^")
            && let Some((key, text)) = rest.split_once("]:")
        {
            blocks.extend(current.take());
            footnotes.push(Footnote { key: key.to_string(), text: text.trim().to_string() });
            continue;
        }
        let label = split_label(line).map(|l| (line[..l.len].trim().to_string(), l.len));
        if in_header && (label.is_some() || starts_paragraph(line)) {
            in_header = false;
        }
        if in_header {
            blocks.extend(current.take());
            blocks.push(Block { label: None, text: line.to_string(), at: Place::Line(n), level: None });
            continue;
        }
        match label {
            // A label on a line of its own: it numbers the text of the next line.
            Some((l, len)) if len >= line.len() => {
                blocks.extend(current.take());
                pending_label = Some((l, n));
                continue;
            }
            Some((l, len)) => {
                blocks.extend(current.take());
                if let Some((lost, at)) = pending_label.take() {
                    unplaced.push(Note { at: Place::Line(at), what: format!("label `{lost}` stood alone before another label: dropped") });
                }
                current = Some(Block { label: Some(l), text: line[len..].trim().to_string(), at: Place::Line(n), level: None });
                continue;
            }
            None => {}
        }
        if let Some((l, at)) = pending_label.take() {
            blocks.extend(current.take());
            repairs.push(Note { at: Place::Line(at), what: format!("label `{l}` on a line of its own joined to the text after it") });
            current = Some(Block { label: Some(l), text: line.to_string(), at: Place::Line(at), level: None });
            continue;
        }
        match current.as_mut() {
            // A new paragraph: bulleted, or in capitals after one that ended.
            Some(c) if bulleted || (starts_paragraph(line) && super::provisions::ended(&c.text)) => {
                blocks.extend(current.take());
                current = Some(Block { label: None, text: line.to_string(), at: Place::Line(n), level: None });
            }
            Some(c) => {
                let joined = unwrap(&c.text, line, text);
                if let Some(word) = &joined.1 {
                    repairs.push(Note { at: Place::Line(n), what: format!("word hyphenated at the line end joined: {word}") });
                }
                c.text = joined.0;
            }
            None => current = Some(Block { label: None, text: line.to_string(), at: Place::Line(n), level: None }),
        }
    }
    blocks.extend(current);
    if let Some((l, at)) = pending_label {
        unplaced.push(Note { at: Place::Line(at), what: format!("label `{l}` with no text after it: dropped") });
    }
    if bullets > 0 {
        repairs.push(Note { at: Place::Line(1), what: format!("{bullets} list bullets a converter added (`- `) dropped") });
    }
    Source { blocks, footnotes, repairs, unplaced, note: None }
}

/// How the text spells its hyphenated words. A PDF converter that joins a
/// word hyphenated at a line end drops the hyphen even where it belongs
/// (seed 001's "capacitybuilding", written "capacity-building" fifteen
/// times): a word is given back its hyphen when the text writes it with one
/// more often than without, and each such repair is listed. A word written
/// both ways equally often is left as it is.
struct Spellings {
    /// A word written joined less often than hyphenated, in lower case -> its hyphenated form.
    words: HashMap<String, String>,
}

/// The runs of letters and inner hyphens of a text, with their byte offsets.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut rest = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, first) = rest.find(|(_, c)| c.is_alphabetic())?;
        let mut end = start + first.len_utf8();
        while let Some(&(i, c)) = rest.peek() {
            let hyphen_between = c == '-' && text[i + 1..].chars().next().is_some_and(char::is_alphabetic);
            if !(c.is_alphabetic() || hyphen_between) {
                break;
            }
            end = i + c.len_utf8();
            rest.next();
        }
        Some((start, &text[start..end]))
    })
}

/// A word in lower case, allocated only when it has a capital (most words have none).
fn folded(w: &str) -> std::borrow::Cow<'_, str> {
    if w.chars().any(char::is_uppercase) { w.to_lowercase().into() } else { w.into() }
}

impl Spellings {
    fn of(text: &str) -> Spellings {
        // The hyphenated words, found from their hyphens, and each one's
        // joined form searched for (memmem). Measured on seed 001 (`cargo
        // bench --bench import`): the import takes 125 µs without this pass;
        // 215 µs looking every word up, 277 µs with str::match_indices, 129 µs so.
        let mut written: HashMap<String, (String, usize)> = HashMap::new();
        let mut covered = 0;
        for (i, _) in text.match_indices('-') {
            let letter = |c: Option<char>| c.is_some_and(char::is_alphabetic);
            if i < covered || !letter(text[..i].chars().next_back()) || !letter(text[i + 1..].chars().next()) {
                continue;
            }
            let start = text[..i].char_indices().rev().take_while(|(_, c)| c.is_alphabetic()).last().map_or(i, |(s, _)| s);
            let Some((_, w)) = words(&text[start..]).next() else { continue };
            covered = start + w.len();
            written.entry(folded(&w.replace('-', "")).into_owned()).or_insert_with(|| (w.to_string(), 0)).1 += 1;
        }
        if written.is_empty() {
            return Spellings { words: HashMap::new() };
        }
        let lower = folded(text);
        let alone = |at: usize, len: usize| {
            let apart = |c: Option<char>| !c.is_some_and(|c| c.is_alphabetic() || c == '-');
            apart(lower[..at].chars().next_back()) && apart(lower[at + len..].chars().next())
        };
        let words = written
            .into_iter()
            .filter(|(key, (_, hyphenated))| {
                let joined = memchr::memmem::find_iter(lower.as_bytes(), key.as_bytes()).filter(|at| alone(*at, key.len())).count();
                joined > 0 && joined < *hyphenated
            })
            .map(|(key, (form, _))| (key, form))
            .collect();
        Spellings { words }
    }

    /// The line with each joined word given its hyphens back, and the (joined, hyphenated) pairs.
    fn restore(&self, line: &str) -> (String, Vec<(String, String)>) {
        let lower = folded(line);
        if !self.words.keys().any(|k| memchr::memmem::find(lower.as_bytes(), k.as_bytes()).is_some()) {
            return (line.to_string(), Vec::new());
        }
        let mut out = String::with_capacity(line.len());
        let mut done = Vec::new();
        let mut last = 0;
        for (at, w) in words(line).filter(|(_, w)| !w.contains('-')) {
            let Some(hyphenated) = self.words.get(folded(w).as_ref()) else { continue };
            // Letters whose lower case is longer (`İ`) could match a word of another length: left as written.
            if hyphenated.chars().filter(|c| *c != '-').count() != w.chars().count() {
                continue;
            }
            // The hyphens where the text puts them, the letters as this line has them.
            let mut letters = w.chars();
            let with: String = hyphenated.chars().map(|c| if c == '-' { '-' } else { letters.next().unwrap_or(c) }).collect();
            out.push_str(&line[last..at]);
            out.push_str(&with);
            last = at + w.len();
            done.push((w.to_string(), with));
        }
        out.push_str(&line[last..]);
        (out, done)
    }
}

fn starts_paragraph(line: &str) -> bool {
    let word: String = line.chars().take_while(|c| c.is_alphabetic()).collect();
    word.chars().count() >= 3 && word.chars().all(char::is_uppercase)
}

/// Joins a wrapped line to the text before it; a word hyphenated at the line
/// end is joined without its hyphen unless the text writes it with one
/// elsewhere (`capacity-building`). Returns the joined word when it was.
fn unwrap(before: &str, line: &str, whole: &str) -> (String, Option<String>) {
    let b = before.trim_end();
    let head: String = b
        .strip_suffix('-')
        .map(|s| s.chars().rev().take_while(|c| c.is_alphabetic()).collect::<String>().chars().rev().collect())
        .unwrap_or_default();
    let tail: String = line.chars().take_while(|c| c.is_alphabetic()).collect();
    if head.is_empty() || tail.is_empty() || !tail.chars().next().is_some_and(char::is_lowercase) {
        return (format!("{b} {line}"), None);
    }
    let hyphenated = format!("{head}-{tail}");
    let kept = whole.contains(&hyphenated);
    if kept { (format!("{b}{line}"), None) } else { (format!("{}{line}", &b[..b.len() - 1]), Some(format!("{head}{tail}"))) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hyphen_lost_in_copying_is_restored_where_the_text_writes_it() {
        let text = "1. URGES capacity-building and capacity-building\n\n2. FURTHER Capacity-Building;\n\n3. CALLS for capacitybuilding and Capacitybuilding, co-operation and cooperation;\n";
        let s = read(text);
        assert_eq!(
            s.blocks[2].text, "CALLS for capacity-building and Capacity-building, co-operation and cooperation;",
            "a word written both ways equally often is left"
        );
        let said: Vec<String> = s.repairs.iter().map(|n| n.to_string()).collect();
        assert_eq!(said.len(), 2, "{said:?}");
        assert!(said[0].starts_with("line 5: hyphen lost") && said[0].contains("capacitybuilding written capacity-building"), "{said:?}");
        // Letters beyond ASCII, and a capital whose lower case is two characters.
        let s = Spellings::of("İstanbul-based and İstanbul-based, once İstanbulbased");
        assert_eq!(s.restore("once İstanbulbased").0, "once İstanbul-based");
        // Written more often joined than hyphenated: the text's own spelling, kept.
        let s = read("1. capacitybuilding, capacitybuilding and capacity-building;\n");
        assert!(s.repairs.is_empty() && s.blocks[0].text.starts_with("capacitybuilding,"));
    }

    #[test]
    fn furniture_hyphens_and_lone_labels() {
        let text = "Conf. 9.9 (Rev. CoP19)\nA title\n\nRECALLING the importance of enforce-\nment measures;\n\nConf. 9.9 (Rev. CoP19) \u{2013} 1\n\nTHE CONFERENCE OF THE PARTIES TO THE CONVENTION\n\n1.\nURGES Parties to adopt capacity-building and\ncapacity-\nbuilding measures;\n\nConf. 9.9 (Rev. CoP19) \u{2013} 2\n";
        let s = read(text);
        let texts: Vec<&str> = s.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Conf. 9.9 (Rev. CoP19)",
                "A title",
                "RECALLING the importance of enforcement measures;",
                "THE CONFERENCE OF THE PARTIES TO THE CONVENTION",
                "URGES Parties to adopt capacity-building and capacity-building measures;"
            ]
        );
        assert_eq!(s.blocks[4].label.as_deref(), Some("1."));
        assert_eq!(s.unplaced.iter().filter(|n| n.what.contains("page header")).count(), 2);
        assert!(s.repairs.iter().any(|n| n.what.contains("enforcement")));
        // "capacity-building" three times, "capacitybuilding" not at all: nothing restored.
        assert!(!s.repairs.iter().any(|n| n.what.contains("lost")));
        assert!(page_number("- 3 -") && page_number("Page 3 of 10") && !page_number("3. URGES"));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 256, ..Default::default() })]
        /// Restoring hyphens adds hyphens and nothing else, only in words the
        /// text writes hyphenated, and never panics on any letters (capitals
        /// whose lower case is longer, such as `İ`, among them).
        #[test]
        fn restoring_adds_only_hyphens_the_text_writes(
            pieces in proptest::collection::vec(proptest::prop_oneof![
                proptest::strategy::Just("capacity-building".to_string()),
                proptest::strategy::Just("capacitybuilding".to_string()),
                proptest::strategy::Just("Capacity-Building".to_string()),
                proptest::strategy::Just("non-detriment".to_string()),
                proptest::strategy::Just("nondetriment".to_string()),
                proptest::strategy::Just("İstanbul-based".to_string()),
                proptest::strategy::Just("İstanbulbased".to_string()),
                proptest::strategy::Just("i\u{307}stanbulbased".to_string()),
                proptest::strategy::Just("-".to_string()),
                "[a-zA-Zé İ-]{1,8}",
                "[ ,;.\n]",
            ], 0..40)
        ) {
            let text = pieces.join(" ");
            let spellings = Spellings::of(&text);
            for line in text.lines() {
                let (out, pairs) = spellings.restore(line);
                proptest::prop_assert_eq!(out.replace('-', ""), line.replace('-', ""));
                for (_, hyphenated) in pairs {
                    proptest::prop_assert!(text.to_lowercase().contains(&hyphenated.to_lowercase()), "{} not in {:?}", hyphenated, text);
                }
            }
        }
    }
}
