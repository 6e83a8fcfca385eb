//! The parser of the resolution text format (see README, "Resolution files").
//!
//! It never stops at the first problem: it builds as much of the tree as the
//! text allows and reports every finding with its line and column, so that
//! `gavel check` can list them all.

use std::collections::HashMap;
use std::path::Path;

use super::label::{kind_of_first, parse_value, split_label, Label, LabelKind, LabelStyle, RawLabel};
use super::model::{Footnote, Header, Node, NodeId, NodeIdx, NodeKind, Resolution, OPERATIVE_MARKER};
use super::symbol::{Revision, Symbol};
use crate::diag::Diagnostic;

/// The outcome of parsing one file: the resolution when its header could be
/// read, and every finding.
#[derive(Debug)]
pub struct Parsed {
    pub resolution: Option<Resolution>,
    pub diagnostics: Vec<Diagnostic>,
}

const HEADER_KEYS: &str = "Symbol, Revision, Title, Note";

/// Parses the text of a resolution file. `path` is used in findings only.
pub fn parse(text: &str, path: &Path) -> Parsed {
    let mut p = Parser { path, diags: Vec::new(), nodes: Vec::new(), raw: Vec::new() };
    let lines: Vec<&str> = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).collect();
    let (header, body_start) = p.header(&lines);
    let (preamble, operative, footnotes) = p.body(&lines, body_start);
    let mut res = Resolution {
        header: header.clone().unwrap_or_else(|| Header {
            symbol: Symbol { meeting: 0, number: 0 },
            revision: None,
            title: String::new(),
            note: None,
        }),
        nodes: std::mem::take(&mut p.nodes),
        preamble,
        operative,
        footnotes,
    };
    p.settle_labels(&mut res);
    p.assign_ids(&mut res);
    p.check_text(&res);
    p.diags.sort_by_key(|d| (d.line, d.column));
    Parsed { resolution: header.map(|_| res), diagnostics: p.diags }
}

struct Parser<'a> {
    path: &'a Path,
    diags: Vec<Diagnostic>,
    nodes: Vec<Node>,
    /// The label as written, per node, until its kind is settled.
    raw: Vec<Option<RawAt>>,
}

/// A label as written and where: (line, column).
#[derive(Clone)]
struct RawAt {
    label: RawLabel,
    line: u32,
    col: u32,
}

/// A node still open to receive children or continuation lines.
struct Open {
    indent: usize,
    idx: NodeIdx,
}

impl<'a> Parser<'a> {
    fn err(&mut self, line: usize, col: usize, msg: impl Into<String>, hint: impl Into<String>) {
        self.diags.push(Diagnostic::error(self.path, line as u32, col as u32, msg).hint(hint));
    }

    fn warn(&mut self, line: usize, col: usize, msg: impl Into<String>, hint: impl Into<String>) {
        self.diags.push(Diagnostic::warning(self.path, line as u32, col as u32, msg).hint(hint));
    }

    /// Reads `Key: value` lines up to the first blank line.
    fn header(&mut self, lines: &[&str]) -> (Option<Header>, usize) {
        const START_HINT: &str = "start the file with `Symbol: Conf. 11.3`, `Revision: Rev. CoP19` and `Title: …`, then a blank line";
        // key -> (value, line, column of the value)
        let mut fields: HashMap<&'static str, (String, usize, usize)> = HashMap::new();
        let mut i = lines.iter().position(|l| !l.trim().is_empty()).unwrap_or(lines.len());
        let first = i;
        while i < lines.len() && !lines[i].trim().is_empty() {
            let line = lines[i];
            let key = line.split_once(':').map(|(k, v)| (k.trim().to_ascii_lowercase(), k, v));
            let known = match key.as_ref().map(|(k, _, _)| k.as_str()) {
                Some("symbol") => Some("Symbol"),
                Some("revision") => Some("Revision"),
                Some("title") => Some("Title"),
                Some("note") => Some("Note"),
                _ => None,
            };
            match (known, key) {
                (Some(k), Some((_, raw_key, value))) => {
                    let col = raw_key.chars().count() + 2 + (value.len() - value.trim_start().len());
                    if fields.contains_key(k) {
                        self.err(i + 1, 1, format!("`{k}` is given twice in the header"), "keep one");
                    } else {
                        fields.insert(k, (value.trim().to_string(), i + 1, col));
                    }
                }
                _ if i == first => {
                    self.err(i + 1, 1, "expected the header line `Symbol: Conf. …` at the top of the file", START_HINT);
                    return (None, i);
                }
                (None, Some((k, _, _))) => {
                    self.err(i + 1, 1, format!("unknown header key `{k}`"), format!("the header keys are {HEADER_KEYS}"));
                }
                (_, None) => {
                    self.err(i + 1, 1, "expected `Key: value` in the header, or a blank line to end it",
                        format!("the header keys are {HEADER_KEYS}; leave a blank line between the header and the first paragraph"));
                }
            }
            i += 1;
        }
        // Findings about the header as a whole point at its first line (line 1 of an empty text).
        let first = first.min(lines.len().saturating_sub(1));
        let at = |k: &str| fields.get(k).cloned();
        let symbol = match at("Symbol") {
            Some((v, line, col)) => v.parse::<Symbol>().map_err(|e| self.err(line, col, e, "write the symbol as `Conf. 11.3`")).ok(),
            None => {
                self.err(first + 1, 1, "the header has no `Symbol:`", "add `Symbol: Conf. 11.3` (the resolution's symbol)");
                None
            }
        };
        let revision = match at("Revision") {
            Some((v, line, col)) => match v.parse::<Revision>() {
                Ok(r) => Ok(Some(r)),
                Err(e) => {
                    self.err(line, col, e, "write the revision as `Rev. CoP19`, or leave the line out for an original text");
                    Err(())
                }
            },
            None => Ok(None),
        };
        let title = match at("Title") {
            Some((v, _, _)) if !v.is_empty() => Some(v),
            _ => {
                self.err(first + 1, 1, "the header has no `Title:`", "add `Title: …` with the resolution's title, e.g. `Title: Compliance and enforcement`");
                None
            }
        };
        let note = at("Note").map(|(v, _, _)| v);
        let header = match (symbol, title, revision) {
            (Some(symbol), Some(title), Ok(revision)) => Some(Header { symbol, revision, title, note }),
            _ => None,
        };
        (header, i)
    }

    fn push(&mut self, kind: NodeKind, raw: Option<(RawLabel, usize)>, text: &str, parent: Option<NodeIdx>, line: usize) -> NodeIdx {
        let idx = NodeIdx(self.nodes.len());
        self.nodes.push(Node {
            kind,
            label: None,
            text: text.trim_end().to_string(),
            id: NodeId(String::new()),
            explicit_id: false,
            parent,
            children: Vec::new(),
            line: line as u32,
        });
        self.raw.push(raw.map(|(label, col)| RawAt { label, line: line as u32, col: col as u32 }));
        if let Some(p) = parent {
            self.nodes[p.0].children.push(idx);
        }
        idx
    }

    #[allow(clippy::type_complexity)]
    fn body(&mut self, lines: &[&str], start: usize) -> (Vec<NodeIdx>, Vec<NodeIdx>, Vec<Footnote>) {
        let mut preamble = Vec::new();
        let mut operative = Vec::new();
        let mut footnotes: Vec<Footnote> = Vec::new();
        let mut in_operative = false;
        let mut marker_line: Option<usize> = None;
        let mut section: Option<NodeIdx> = None;
        let mut open: Vec<Open> = Vec::new();
        let mut blank_before = true;
        for (i, raw_line) in lines.iter().enumerate().skip(start) {
            let lineno = i + 1;
            if raw_line.trim().is_empty() {
                blank_before = true;
                continue;
            }
            let was_blank = std::mem::replace(&mut blank_before, false);
            let indent_str: &str = &raw_line[..raw_line.len() - raw_line.trim_start().len()];
            if indent_str.contains('\t') {
                self.warn(lineno, 1, "tab in indentation", "indent with spaces (4 per level); a tab counts as 4 spaces");
            }
            let indent: usize = indent_str.chars().map(|c| if c == '\t' { 4 } else { 1 }).sum();
            let text = raw_line.trim();
            let col = indent + 1;

            if indent == 0 && text.starts_with("[^") {
                if let Some((key, def)) = text[2..].split_once("]:") {
                    if footnotes.iter().any(|f| f.key == key) {
                        self.err(lineno, 1, format!("footnote [^{key}] is defined twice"), "give each footnote its own number");
                    } else {
                        footnotes.push(Footnote { key: key.to_string(), text: def.trim().to_string(), line: lineno as u32 });
                    }
                    open.clear();
                    continue;
                }
            }
            if text == OPERATIVE_MARKER {
                if let Some(first) = marker_line {
                    self.err(lineno, col, format!("`{OPERATIVE_MARKER}` appears twice (first on line {first})"), "keep the first one: it opens the operative part");
                } else if indent > 0 {
                    self.warn(lineno, 1, format!("`{OPERATIVE_MARKER}` is indented"), "start it at the beginning of the line");
                }
                marker_line.get_or_insert(lineno);
                in_operative = true;
                open.clear();
                section = None;
                continue;
            }
            let label = split_label(text);
            let continuation = !was_blank && label.is_none() && !open.is_empty();
            if continuation {
                let top = open.last().expect("checked non-empty").idx;
                let node = &mut self.nodes[top.0];
                node.text.push(' ');
                node.text.push_str(text);
                continue;
            }
            if indent == 0 {
                open.clear();
                match label {
                    None if in_operative => {
                        let idx = self.push(NodeKind::Paragraph, None, text, section, lineno);
                        if section.is_none() { operative.push(idx); }
                        open.push(Open { indent: 0, idx });
                    }
                    None => {
                        let idx = self.push(NodeKind::Recital, None, text, None, lineno);
                        preamble.push(idx);
                        open.push(Open { indent: 0, idx });
                    }
                    Some(l) if l.style == LabelStyle::Dot && l.value.bytes().all(|b| b.is_ascii_uppercase()) => {
                        if !in_operative {
                            self.err(lineno, 1, format!("section heading `{}.` before `{OPERATIVE_MARKER}`", l.value),
                                format!("put the line `{OPERATIVE_MARKER}` between the preamble and the operative part"));
                            in_operative = true;
                        }
                        let rest = text[l.len..].to_string();
                        let idx = self.push(NodeKind::Section, Some((l, 1)), &rest, None, lineno);
                        operative.push(idx);
                        section = Some(idx);
                    }
                    Some(l) if l.style == LabelStyle::Dot && l.value.bytes().all(|b| b.is_ascii_digit()) => {
                        if !in_operative {
                            self.err(lineno, 1, format!("numbered paragraph `{}.` before `{OPERATIVE_MARKER}`", l.value),
                                format!("put the line `{OPERATIVE_MARKER}` between the preamble and the operative part"));
                            in_operative = true;
                        }
                        let rest = text[l.len..].to_string();
                        let idx = self.push(NodeKind::Paragraph, Some((l, 1)), &rest, section, lineno);
                        if section.is_none() { operative.push(idx); }
                        open.push(Open { indent: 0, idx });
                    }
                    Some(l) => {
                        self.err(lineno, 1, format!("sub-paragraph `{}` is not indented", text[..l.len].trim()),
                            "indent a sub-paragraph under its paragraph (4 spaces; 8 for a sub-sub-paragraph)");
                        let parent = self.last_top(&preamble, &operative, section);
                        let rest = text[l.len..].to_string();
                        if let Some(p) = parent {
                            let idx = self.push(NodeKind::Item, Some((l, 1)), &rest, Some(p), lineno);
                            // Recover as if it were indented the usual 4 spaces, so that
                            // its indented siblings stay its siblings.
                            open.push(Open { indent: 0, idx: p });
                            open.push(Open { indent: 4, idx });
                        }
                    }
                }
                continue;
            }
            // Indented: a sub-paragraph, whose parent is the nearest open node indented less.
            while open.last().is_some_and(|o| o.indent >= indent) {
                open.pop();
            }
            let Some(parent) = open.last().map(|o| o.idx) else {
                self.err(lineno, col, "indented text with no paragraph above it", "start a paragraph at the beginning of a line, or remove the indentation");
                continue;
            };
            match label {
                Some(l) => {
                    let rest = text[l.len..].to_string();
                    let idx = self.push(NodeKind::Item, Some((l, col)), &rest, Some(parent), lineno);
                    open.push(Open { indent, idx });
                }
                None => {
                    self.err(lineno, col, "indented text without a label after a blank line",
                        "start a sub-paragraph with its label (`a)`, `iv)`), or remove the blank line above to continue the paragraph");
                    let node = &mut self.nodes[parent.0];
                    node.text.push(' ');
                    node.text.push_str(text);
                    open.push(Open { indent, idx: parent });
                }
            }
        }
        if marker_line.is_none() {
            self.err(lines.len().max(1), 1, format!("no operative part: the line `{OPERATIVE_MARKER}` is missing"),
                format!("add the line `{OPERATIVE_MARKER}` after the last preambular paragraph"));
        }
        (preamble, operative, footnotes)
    }

    fn last_top(&self, preamble: &[NodeIdx], operative: &[NodeIdx], section: Option<NodeIdx>) -> Option<NodeIdx> {
        section
            .and_then(|s| self.nodes[s.0].children.last().copied())
            .or_else(|| operative.last().copied().filter(|&i| self.nodes[i.0].kind != NodeKind::Section))
            .or_else(|| preamble.last().copied())
    }

    /// Gives each label its kind from its first sibling, and checks sequences:
    /// sub-paragraphs per parent, paragraph numbers and sections across the document.
    fn settle_labels(&mut self, res: &mut Resolution) {
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
                self.err(line as usize, col, format!("{what} label `{shown}` does not fit its list, which is numbered {}", kind_name(kind)),
                    format!("use {} labels throughout this list", kind_name(kind)));
                continue;
            };
            if raw.style != style && !global {
                self.warn(line as usize, col, format!("label `{shown}` is punctuated differently from the first in its list ({})", Label::new(kind, 1, style)),
                    "use one style in a list");
            }
            let label = Label::new(kind, ordinal, raw.style);
            res.nodes[idx.0].label = Some(label);
            let expected = prev.as_ref().map_or(1, |p| p.0 + 1);
            let scope = if global { "the resolution" } else { "this list" };
            if let Some(&other) = seen.get(&ordinal) {
                self.err(line as usize, col, format!("{what} {} appears twice in {scope} (also on line {other})", label_text(&label, global)),
                    format!("renumber: the next {what} here is {}", label_text(&label.with_ordinal(expected), global)));
            } else if ordinal != expected {
                let msg = match &prev {
                    Some((_, _, p)) => format!("{what} {} follows {p}: expected {}", label_text(&label, global), label_text(&label.with_ordinal(expected), global)),
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
    fn assign_ids(&mut self, res: &mut Resolution) {
        let mut seen: HashMap<String, (u32, bool)> = HashMap::new();
        for i in 0..res.nodes.len() {
            let text = res.nodes[i].text.clone();
            let explicit = explicit_id(&text);
            let id = match explicit {
                Some((id, stripped)) => {
                    res.nodes[i].text = stripped.to_string();
                    res.nodes[i].explicit_id = true;
                    id.to_string()
                }
                None => res.address(NodeIdx(i)).default_id(),
            };
            let line = res.nodes[i].line;
            let explicit = res.nodes[i].explicit_id;
            match seen.get(&id) {
                // Two derived identities clash only when two labels do, which is reported already.
                Some(&(other, other_explicit)) if explicit || other_explicit => {
                    self.err(line as usize, 1, format!("identity `{id}` is used twice (also on line {other})"),
                        "give one of the two provisions its own `{#…}` identity, or remove the `{#…}` that repeats another's");
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
    fn check_text(&mut self, res: &Resolution) {
        let mut used = std::collections::HashSet::new();
        for node in &res.nodes {
            let line = node.line as usize;
            if node.text.trim().is_empty() {
                self.err(line, 1, "this provision has a label but no text", "write its text after the label on the same line");
            }
            for key in Resolution::footnote_refs(&node.text) {
                used.insert(key.to_string());
                if !res.footnotes.iter().any(|f| f.key == key) {
                    self.err(line, 1, format!("footnote [^{key}] is referred to but never defined"),
                        format!("add a line `[^{key}]: …` at the end of the file"));
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
                self.warn(f.line as usize, 1, format!("footnote [^{}] is defined but never referred to", f.key), "refer to it as `[^…]` in the text, or remove it");
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolution::{ParagraphRef, resolve::Target};

    const GOOD: &str = "Symbol: Conf. 1.1\nRevision: Rev. CoP19\nTitle: Test\n\nRECALLING that *italics* stay[^1];\n\nWELCOMING\n    a) one;\n    b) two;\n\nTHE CONFERENCE OF THE PARTIES TO THE CONVENTION\n\nI. Regarding one thing\n\n1. RECOMMENDS that:\n    a) first;\n        i) deep;\n        ii) deeper; and\n    b) second;\n\n2. URGES Parties;\n\n[^1]: A footnote.\n";

    fn run(text: &str) -> Parsed {
        parse(text, Path::new("t.txt"))
    }

    fn messages(text: &str) -> Vec<String> {
        run(text).diagnostics.iter().map(|d| format!("{}:{} {}", d.line, d.column, d.message)).collect()
    }

    #[test]
    fn a_clean_file_has_no_findings() {
        let p = run(GOOD);
        assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
        let r = p.resolution.unwrap();
        let Target::Node(i) = r.resolve(&"1 a) ii)".parse::<ParagraphRef>().unwrap()).unwrap() else { panic!() };
        assert_eq!(r.node(i).text, "deeper; and");
        assert_eq!(r.node(i).line, 18);
    }

    #[test]
    fn wrapped_lines_continue_the_provision() {
        let text = GOOD.replace("    b) second;", "    b) second part\n       of the text;");
        let p = run(&text);
        assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
        let r = p.resolution.unwrap();
        let Target::Node(i) = r.resolve(&"1 b)".parse::<ParagraphRef>().unwrap()).unwrap() else { panic!() };
        assert_eq!(r.node(i).text, "second part of the text;");
    }

    #[test]
    fn enclosed_labels_keep_their_style() {
        let text = GOOD.replace("    a) first;", "    (a) first;").replace("    b) second;", "    (b) second;");
        let r = run(&text).resolution.unwrap();
        let Target::Node(i) = r.resolve(&"1(b)".parse::<ParagraphRef>().unwrap()).unwrap() else { panic!() };
        assert_eq!(r.node(i).label.unwrap().to_string(), "(b)");
    }

    #[test]
    fn explicit_identity_survives_relettering() {
        let text = GOOD.replace("    b) second;", "    b) new one;\n    c) second; {#para_1__b}");
        let p = run(&text);
        assert!(p.diagnostics.iter().any(|d| d.message.contains("identity `para_1__b` is used twice")), "{:?}", p.diagnostics);
        let text = GOOD.replace("    b) second;", "    b) new one; {#wg-new-1b}\n    c) second; {#para_1__b}");
        let p = run(&text);
        assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
        let r = p.resolution.unwrap();
        let Target::Node(i) = r.resolve(&"1 c)".parse::<ParagraphRef>().unwrap()).unwrap() else { panic!() };
        assert_eq!((r.node(i).id.0.as_str(), r.node(i).text.as_str()), ("para_1__b", "second;"));
    }

    #[test]
    fn labels_out_of_sequence() {
        let m = messages(&GOOD.replace("    b) second;", "    b) second;\n    d) fourth;"));
        assert_eq!(m, ["20:5 sub-paragraph d) follows b): expected c)"]);
    }

    #[test]
    fn list_starting_late() {
        let m = messages(&GOOD.replace("    a) first;", "    b) first;").replace("    b) second;", "    c) second;"));
        assert_eq!(m, ["16:5 sub-paragraphs start at a), not b)"]);
    }

    #[test]
    fn duplicate_paragraph_numbers() {
        let m = messages(&GOOD.replace("2. URGES Parties;", "1. URGES Parties;"));
        assert_eq!(m[0], "21:1 paragraph 1 appears twice in the resolution (also on line 15)");
    }

    #[test]
    fn duplicate_sub_labels() {
        let m = messages(&GOOD.replace("    b) second;", "    a) second;"));
        assert_eq!(m, ["19:5 sub-paragraph a) appears twice in this list (also on line 16)"]);
    }

    #[test]
    fn unindented_sub_paragraph() {
        let m = messages(&GOOD.replace("    b) second;", "b) second;"));
        assert_eq!(m, ["19:1 sub-paragraph `b)` is not indented"]);
    }

    #[test]
    fn missing_operative_marker() {
        let m = messages(&GOOD.replace("THE CONFERENCE OF THE PARTIES TO THE CONVENTION\n", ""));
        assert!(m.iter().any(|m| m.contains("section heading `I.` before")), "{m:?}");
    }

    #[test]
    fn header_problems() {
        let p = run("RECALLING something;\n");
        assert!(p.resolution.is_none());
        assert_eq!(p.diagnostics[0].message, "expected the header line `Symbol: Conf. …` at the top of the file");
        let m = messages(&GOOD.replace("Symbol: Conf. 1.1", "Symbol: 1.1"));
        assert!(m[0].starts_with("1:9 `1.1` is not a resolution symbol"), "{m:?}");
        let m = messages(&GOOD.replace("Revision: Rev. CoP19", "Revison: Rev. CoP19"));
        assert_eq!(m[0], "2:1 unknown header key `revison`");
        let p = run(&GOOD.replace("Title: Test\n", ""));
        assert!(p.resolution.is_none());
        assert!(p.diagnostics.iter().any(|d| d.message == "the header has no `Title:`"));
    }

    #[test]
    fn footnotes_must_be_defined() {
        let m = messages(&GOOD.replace("[^1]: A footnote.\n", ""));
        assert_eq!(m, ["5:1 footnote [^1] is referred to but never defined"]);
        let m = messages(&GOOD.replace("[^1]: A footnote.", "[^1]: A footnote.\n\n[^2]: Stray."));
        assert_eq!(m, ["25:1 footnote [^2] is defined but never referred to"]);
    }

    #[test]
    fn label_of_the_wrong_kind() {
        let m = messages(&GOOD.replace("        ii) deeper; and", "        b) deeper; and"));
        assert_eq!(m, ["18:9 sub-paragraph label `b)` does not fit its list, which is numbered with roman numerals"]);
    }

    #[test]
    fn empty_provision_and_unbalanced_marks() {
        let m = messages(&GOOD.replace("    b) second;", "    b)"));
        assert_eq!(m, ["19:1 this provision has a label but no text"]);
        let m = messages(&GOOD.replace("    b) second;", "    b) [second *text;"));
        assert_eq!(m.len(), 2, "{m:?}");
    }

    #[test]
    fn non_ascii_and_quotes_and_semicolon_and() {
        let text = GOOD.replace("    b) second;", "    b) Côte d'Ivoire, Türkiye and “quoted” text; and");
        let p = run(&text);
        assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
    }
}
