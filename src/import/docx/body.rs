//! The body's paragraphs: styles, numbering, runs, revisions, comment ranges.

use std::collections::HashMap;

use quick_xml::events::Event;

use super::super::ImportError;
use super::xml::{attr, events, on, text_of};
use super::{Para, Rev, Run};

pub(super) fn paragraphs(xml: &str, name: &str, style_num: &HashMap<String, (String, usize)>) -> Result<Vec<Para>, ImportError> {
    let mut paras: Vec<Para> = Vec::new();
    let mut p: Option<Para> = None;
    let mut revs: Vec<Rev> = Vec::new();
    let mut moved = 0usize;
    let mut comments: Vec<String> = Vec::new();
    let (mut in_ppr, mut in_rpr, mut in_run, mut in_text, mut in_mark) = (false, false, false, false, false);
    let mut italic = false;
    let mut num: (Option<String>, usize) = (None, 0);
    let mut skip = 0usize;
    events(xml, name, "word/document.xml", |ev, empty| {
        let Some(para) = p.as_mut() else {
            if let Event::Start(e) = ev
                && e.name().as_ref() == b"w:p"
            {
                p = Some(Para { index: paras.len() as u32 + 1, ..Para::default() });
                num = (None, 0);
            }
            return;
        };
        match ev {
            Event::Start(e) | Event::Empty(e) => {
                let n = e.name();
                if skip > 0 {
                    if !empty {
                        skip += 1;
                    }
                    return;
                }
                match n.as_ref() {
                    b"w:pPr" if !empty => in_ppr = true,
                    b"w:rPr" if !empty => {
                        in_rpr = true;
                        in_mark = in_ppr;
                    }
                    b"w:pStyle" if in_ppr => para.style = attr(e, b"w:val"),
                    b"w:numId" if in_ppr => num.0 = attr(e, b"w:val"),
                    b"w:ilvl" if in_ppr => num.1 = attr(e, b"w:val").and_then(|v| v.parse().ok()).unwrap_or(0),
                    b"w:ins" | b"w:del" if in_mark => {
                        para.mark = Some(Rev {
                            inserted: n.as_ref() == b"w:ins",
                            author: attr(e, b"w:author").unwrap_or_default(),
                            date: attr(e, b"w:date"),
                        });
                    }
                    b"w:ins" | b"w:del" if !empty => revs.push(Rev {
                        inserted: n.as_ref() == b"w:ins",
                        author: attr(e, b"w:author").unwrap_or_default(),
                        date: attr(e, b"w:date"),
                    }),
                    b"w:moveFrom" | b"w:moveTo" if !empty => {
                        moved += 1;
                        revs.push(Rev {
                            inserted: n.as_ref() == b"w:moveTo",
                            author: attr(e, b"w:author").unwrap_or_default(),
                            date: attr(e, b"w:date"),
                        });
                    }
                    // What these record is formatting, not text: noted, not read as text.
                    b"w:rPrChange" | b"w:pPrChange" => {
                        para.format_changed = true;
                        if !empty {
                            skip = 1;
                        }
                    }
                    b"w:r" if !empty => {
                        in_run = true;
                        italic = false;
                    }
                    b"w:i" if in_rpr && in_run => italic = on(e),
                    b"w:t" | b"w:delText" if !empty && in_run => in_text = true,
                    b"w:tab" if in_run && !in_ppr => push(para, "\t", italic, &revs, moved, &comments),
                    b"w:br" | b"w:cr" if in_run => push(para, " ", italic, &revs, moved, &comments),
                    b"w:noBreakHyphen" if in_run => push(para, "-", italic, &revs, moved, &comments),
                    b"w:footnoteReference" if in_run => {
                        let custom = attr(e, b"w:customMarkFollows").is_some_and(|v| v == "1" || v == "true");
                        para.runs.push(Run {
                            text: String::new(),
                            italic,
                            revs: revs.clone(),
                            moved: moved > 0,
                            footnote: attr(e, b"w:id").map(|id| (id, custom)),
                            comments: comments.clone(),
                        });
                    }
                    b"w:commentRangeStart" => comments.extend(attr(e, b"w:id")),
                    b"w:commentRangeEnd" => {
                        let id = attr(e, b"w:id");
                        comments.retain(|c| Some(c) != id.as_ref());
                    }
                    _ => {}
                }
            }
            Event::Text(_) | Event::GeneralRef(_) if in_text && skip == 0 => {
                let t = text_of(ev);
                // A custom footnote mark's own text (`*`) is the reference, not text.
                if !(para.runs.last().is_some_and(|r| r.footnote.as_ref().is_some_and(|f| f.1)) && t == "*") {
                    push(para, &t, italic, &revs, moved, &comments);
                }
            }
            Event::End(e) => {
                if skip > 0 {
                    skip -= 1;
                    return;
                }
                match e.name().as_ref() {
                    b"w:pPr" => in_ppr = false,
                    b"w:rPr" => {
                        in_rpr = false;
                        in_mark = false;
                    }
                    b"w:r" => in_run = false,
                    b"w:t" | b"w:delText" => in_text = false,
                    b"w:ins" | b"w:del" => {
                        revs.pop();
                    }
                    b"w:moveFrom" | b"w:moveTo" => {
                        revs.pop();
                        moved = moved.saturating_sub(1);
                    }
                    b"w:p" => {
                        let mut done = p.take().expect("in a paragraph");
                        done.num = match num.0.take() {
                            Some(id) if id != "0" => Some((id, num.1)),
                            Some(_) => None,
                            None => done.style.as_ref().and_then(|s| style_num.get(s)).cloned(),
                        };
                        paras.push(done);
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    })?;
    Ok(paras)
}

/// Adds text to the paragraph, joined to the last run when it looks the same.
fn push(p: &mut Para, t: &str, italic: bool, revs: &[Rev], moved: usize, comments: &[String]) {
    let revs = revs.to_vec();
    let moved = moved > 0;
    if let Some(last) = p.runs.last_mut()
        && last.footnote.is_none()
        && last.italic == italic
        && last.revs == revs
        && last.moved == moved
        && last.comments == comments
    {
        last.text.push_str(t);
        return;
    }
    p.runs.push(Run { text: t.to_string(), italic, revs, moved, footnote: None, comments: comments.to_vec() });
}
