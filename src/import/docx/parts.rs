//! The parts around the body: numbering definitions, styles' numbering, footnotes and comments.

use std::collections::HashMap;

use quick_xml::events::Event;

use super::super::ImportError;
use super::xml::{attr, events, text_of};

/// One level of a numbering definition.
#[derive(Debug, Clone, Default)]
pub(super) struct Lvl {
    pub(super) fmt: String,
    pub(super) text: String,
    pub(super) start: u32,
}

/// numbering.xml: numId → the levels of its abstract numbering (with start overrides).
pub(super) fn numbering(xml: &str, name: &str) -> Result<HashMap<String, Vec<Lvl>>, ImportError> {
    let mut abstracts: HashMap<String, Vec<Lvl>> = HashMap::new();
    let mut nums: HashMap<String, (String, HashMap<usize, u32>)> = HashMap::new();
    let (mut abs, mut lvl, mut num, mut over): (Option<String>, Option<usize>, Option<String>, Option<usize>) = (None, None, None, None);
    events(xml, name, "word/numbering.xml", |ev, empty| match ev {
        Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
            b"w:abstractNum" if !empty => abs = attr(e, b"w:abstractNumId"),
            b"w:lvl" if !empty => {
                lvl = attr(e, b"w:ilvl").and_then(|v| v.parse().ok());
                if let (Some(a), Some(l)) = (&abs, lvl) {
                    let v = abstracts.entry(a.clone()).or_default();
                    if v.len() <= l && l < 10 {
                        v.resize(l + 1, Lvl { start: 1, ..Lvl::default() });
                    }
                }
            }
            b"w:start" | b"w:numFmt" | b"w:lvlText" => {
                if let (Some(a), Some(l)) = (&abs, lvl)
                    && let Some(x) = abstracts.get_mut(a).and_then(|v| v.get_mut(l))
                {
                    let val = attr(e, b"w:val").unwrap_or_default();
                    match e.name().as_ref() {
                        b"w:start" => x.start = val.parse().unwrap_or(1),
                        b"w:numFmt" => x.fmt = val,
                        _ => x.text = val,
                    }
                }
            }
            b"w:num" if !empty => num = attr(e, b"w:numId"),
            b"w:abstractNumId" => {
                if let Some(n) = &num {
                    nums.entry(n.clone()).or_default().0 = attr(e, b"w:val").unwrap_or_default();
                }
            }
            b"w:lvlOverride" if !empty => over = attr(e, b"w:ilvl").and_then(|v| v.parse().ok()),
            b"w:startOverride" => {
                if let (Some(n), Some(o)) = (&num, over) {
                    nums.entry(n.clone()).or_default().1.insert(o, attr(e, b"w:val").and_then(|v| v.parse().ok()).unwrap_or(1));
                }
            }
            _ => {}
        },
        Event::End(e) => match e.name().as_ref() {
            b"w:abstractNum" => abs = None,
            b"w:lvl" => lvl = None,
            b"w:num" => num = None,
            b"w:lvlOverride" => over = None,
            _ => {}
        },
        _ => {}
    })?;
    Ok(nums
        .into_iter()
        .filter_map(|(id, (a, overrides))| {
            let mut levels = abstracts.get(&a)?.clone();
            for (l, start) in overrides {
                if let Some(x) = levels.get_mut(l) {
                    x.start = start;
                }
            }
            Some((id, levels))
        })
        .collect())
}

/// styles.xml: the numbering a paragraph style carries (styleId → numId, level).
pub(super) fn styles(xml: &str, name: &str) -> Result<HashMap<String, (String, usize)>, ImportError> {
    let mut out = HashMap::new();
    let (mut style, mut num, mut ilvl): (Option<String>, Option<String>, usize) = (None, None, 0);
    events(xml, name, "word/styles.xml", |ev, empty| match ev {
        Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
            b"w:style" if !empty => {
                style = attr(e, b"w:styleId");
                num = None;
                ilvl = 0;
            }
            b"w:numId" => num = attr(e, b"w:val"),
            b"w:ilvl" => ilvl = attr(e, b"w:val").and_then(|v| v.parse().ok()).unwrap_or(0),
            _ => {}
        },
        Event::End(e) if e.name().as_ref() == b"w:style" => {
            if let (Some(s), Some(n)) = (style.take(), num.take()) {
                out.insert(s, (n, ilvl));
            }
        }
        _ => {}
    })?;
    Ok(out)
}

/// footnotes.xml or comments.xml: id → (author, text), the note's own mark left out.
pub(super) fn notes(xml: &str, name: &str, part: &str, tag: &[u8]) -> Result<HashMap<String, (String, String)>, ImportError> {
    let mut out = HashMap::new();
    let mut cur: Option<(String, String, String)> = None;
    let mut in_text = false;
    let mut paras = 0;
    events(xml, name, part, |ev, empty| match ev {
        Event::Start(e) | Event::Empty(e) => {
            let n = e.name();
            if n.as_ref() == tag && !empty {
                cur = Some((attr(e, b"w:id").unwrap_or_default(), attr(e, b"w:author").unwrap_or_default(), String::new()));
                paras = 0;
            } else if n.as_ref() == b"w:t" && !empty {
                in_text = true;
            } else if n.as_ref() == b"w:p" && !empty {
                paras += 1;
                if paras > 1
                    && let Some(c) = cur.as_mut()
                {
                    c.2.push('\n');
                }
            } else if n.as_ref() == b"w:tab"
                && let Some(c) = cur.as_mut()
            {
                c.2.push(' ');
            }
        }
        Event::Text(_) | Event::GeneralRef(_) if in_text => {
            if let Some(c) = cur.as_mut() {
                c.2.push_str(&text_of(ev));
            }
        }
        Event::End(e) => {
            if e.name().as_ref() == b"w:t" {
                in_text = false;
            } else if e.name().as_ref() == tag
                && let Some((id, author, text)) = cur.take()
            {
                out.insert(id, (author, text.trim().to_string()));
            }
        }
        _ => {}
    })?;
    Ok(out)
}
