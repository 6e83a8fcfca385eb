//! `gavel show RESOLUTION --outline`: the structure at a glance.

use std::fmt::Write as _;

use crate::resolution::{NodeIdx, NodeKind, OPERATIVE_MARKER, Resolution};

/// Width of the first-words column.
const FIRST_WORDS: usize = 64;

/// The outline: preamble (count and first words), sections with headings,
/// every operative paragraph with its sub-paragraph labels.
pub fn outline(res: &Resolution) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}  {}", res.display_name(), res.header.title);
    let n = res.preamble.len();
    let _ = writeln!(out, "\nPreamble: {n} paragraph{}", if n == 1 { "" } else { "s" });
    for (i, &p) in res.preamble.iter().enumerate() {
        let _ = writeln!(out, "{:>4}  {}{}", i + 1, first_words(&res.node(p).text), sub_summary(res, p, true));
    }
    let _ = writeln!(out, "\n{OPERATIVE_MARKER}");
    for &top in &res.operative {
        let node = res.node(top);
        match node.kind {
            NodeKind::Section => {
                let _ = writeln!(out, "\n{} {}", node.label.map(|l| l.to_string()).unwrap_or_default(), node.text);
                for &p in &node.children {
                    paragraph_line(res, p, &mut out);
                }
            }
            _ => paragraph_line(res, top, &mut out),
        }
    }
    if !res.footnotes.is_empty() {
        let _ = writeln!(out, "\nFootnotes: {}", res.footnotes.len());
    }
    out
}

fn paragraph_line(res: &Resolution, p: NodeIdx, out: &mut String) {
    let node = res.node(p);
    let num = node.label.map(|l| l.to_string()).unwrap_or_default();
    let _ = writeln!(out, "{num:>4}  {}{}", first_words(&node.text), sub_summary(res, p, true));
}

/// The first words of a provision, cut at a word boundary.
pub fn first_words(text: &str) -> String {
    if text.chars().count() <= FIRST_WORDS {
        return text.to_string();
    }
    let mut s = String::new();
    for w in text.split_whitespace() {
        if s.chars().count() + w.chars().count() + 1 > FIRST_WORDS - 1 {
            break;
        }
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(w);
    }
    s.push('…');
    s
}

/// `  a) [i)–vi)], b)–e)`: sub-paragraph labels, runs folded.
fn sub_summary(res: &Resolution, idx: NodeIdx, lead: bool) -> String {
    let kids: Vec<NodeIdx> = res.node(idx).children.iter().copied().filter(|&k| res.node(k).kind == NodeKind::Item).collect();
    if kids.is_empty() {
        return String::new();
    }
    let mut parts: Vec<String> = Vec::new();
    let mut run: Vec<String> = Vec::new();
    let flush = |run: &mut Vec<String>, parts: &mut Vec<String>| match run.len() {
        0 => {}
        1 | 2 => parts.append(run),
        _ => {
            parts.push(format!("{}–{}", run[0], run[run.len() - 1]));
            run.clear();
        }
    };
    for k in kids {
        let label = res.node(k).label.map(|l| l.to_string()).unwrap_or_else(|| "?".into());
        let nested = sub_summary(res, k, false);
        if nested.is_empty() {
            run.push(label);
        } else {
            flush(&mut run, &mut parts);
            parts.push(format!("{label} [{nested}]"));
        }
    }
    flush(&mut run, &mut parts);
    let joined = parts.join(", ");
    if lead { format!("   {joined}") } else { joined }
}
