//! Reading a Word document (WordprocessingML): its paragraphs with their
//! styles and Word numbering (`w:numPr`, resolved through numbering.xml and
//! styles.xml into the labels Word shows), runs with italics, footnote
//! references, tracked changes (`w:ins`, `w:del`, a paragraph mark inserted
//! or deleted, moves, formatting changes) and comment anchors; its
//! footnotes and comments.
//!
//! The XML is read as a stream (quick-xml): no entity is expanded, and
//! nesting deeper than [`MAX_DEPTH`] is refused rather than followed.

use std::collections::HashMap;

use quick_xml::events::{BytesStart, Event};

use super::zip::Package;
use super::{Block, Footnote, ImportError, Level, Note, Place, Source};

/// Deeper XML than this is no document gavel reads (Word nests a dozen levels).
pub const MAX_DEPTH: usize = 256;

/// A tracked change: inserted or deleted, by whom, when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rev {
    pub inserted: bool,
    pub author: String,
    pub date: Option<String>,
}

/// A run of text with one look and one revision.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub text: String,
    pub italic: bool,
    pub rev: Option<Rev>,
    /// Inside `w:moveFrom` / `w:moveTo`: moved text.
    pub moved: bool,
    /// A footnote reference (its id), with `text` empty; `*` for a custom mark.
    pub footnote: Option<(String, bool)>,
    /// The comments whose range covers this run.
    pub comments: Vec<String>,
}

/// One paragraph.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Para {
    /// 1-based, in document order.
    pub index: u32,
    pub style: Option<String>,
    /// `w:numPr`: the numbering instance and level, if Word numbers it (here or through its style).
    pub num: Option<(String, usize)>,
    pub runs: Vec<Run>,
    /// The paragraph mark inserted or deleted (a whole paragraph added or removed).
    pub mark: Option<Rev>,
    /// A formatting-only change is recorded on it (`w:rPrChange`, `w:pPrChange`).
    pub format_changed: bool,
}

impl Para {
    /// The text as it reads with every change accepted (or, with `accepted` false, rejected).
    pub fn text(&self, accepted: bool) -> String {
        self.runs.iter().filter(|r| r.rev.as_ref().is_none_or(|v| v.inserted == accepted)).map(|r| r.text.as_str()).collect()
    }
}

/// A comment: its author and text.
#[derive(Debug, Clone, PartialEq)]
pub struct Comment {
    pub author: String,
    pub text: String,
}

/// One level of a numbering definition.
#[derive(Debug, Clone, Default)]
struct Lvl {
    fmt: String,
    text: String,
    start: u32,
}

/// What was read of a Word document.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub paras: Vec<Para>,
    pub footnotes: HashMap<String, String>,
    pub comments: HashMap<String, Comment>,
    /// numId → its levels.
    levels: HashMap<String, Vec<Lvl>>,
}

fn attr(e: &BytesStart, key: &[u8]) -> Option<String> {
    e.attributes().flatten().find(|a| a.key.as_ref() == key).and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

/// `w:i` on, unless its value says off.
fn on(e: &BytesStart) -> bool {
    !matches!(attr(e, b"w:val").as_deref(), Some("0" | "false" | "off"))
}

fn broken(name: &str, part: &str, e: impl std::fmt::Display) -> ImportError {
    ImportError::Broken(format!("{name}: {part} is not well-formed XML ({e}); open and save it again in Word"))
}

/// Streams the elements of an XML part, with the depth checked.
fn events(xml: &str, name: &str, part: &str, mut each: impl FnMut(&Event, bool)) -> Result<(), ImportError> {
    let mut r = quick_xml::Reader::from_str(xml);
    let mut depth = 0usize;
    loop {
        let ev = r.read_event().map_err(|e| broken(name, part, e))?;
        match &ev {
            Event::Start(_) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(ImportError::Broken(format!(
                        "{name}: {part} nests elements more than {MAX_DEPTH} deep: not a document gavel reads"
                    )));
                }
                each(&ev, false);
            }
            Event::End(_) => {
                each(&ev, false);
                depth = depth.saturating_sub(1);
            }
            Event::Empty(_) => each(&ev, true),
            Event::Text(_) | Event::GeneralRef(_) => each(&ev, false),
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(())
}

/// The text of a text event (entities such as `&amp;` resolved).
fn text_of(ev: &Event) -> String {
    match ev {
        Event::Text(t) => t
            .decode()
            .map(|c| quick_xml::escape::unescape(&c).map(|s| s.into_owned()).unwrap_or_else(|_| c.into_owned()))
            .unwrap_or_default(),
        Event::GeneralRef(r) => match r.decode().as_deref() {
            Ok("amp") => "&".into(),
            Ok("lt") => "<".into(),
            Ok("gt") => ">".into(),
            Ok("quot") => "\"".into(),
            Ok("apos") => "'".into(),
            Ok(other) => other
                .strip_prefix("#x")
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| other.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32)
                .map(String::from)
                .unwrap_or_default(),
            Err(_) => String::new(),
        },
        _ => String::new(),
    }
}

impl Document {
    /// Reads a Word file's bytes.
    pub fn read(bytes: &[u8], name: &str) -> Result<Document, ImportError> {
        let mut pkg = Package::open(bytes, name)?;
        let body = pkg.part("word/document.xml")?.unwrap_or_default();
        let mut doc = Document::default();
        if let Some(n) = pkg.part("word/numbering.xml")? {
            doc.levels = numbering(&n, name)?;
        }
        let style_num = match pkg.part("word/styles.xml")? {
            Some(s) => styles(&s, name)?,
            None => HashMap::new(),
        };
        if let Some(f) = pkg.part("word/footnotes.xml")? {
            doc.footnotes = notes(&f, name, "word/footnotes.xml", b"w:footnote")?.into_iter().map(|(k, (_, t))| (k, t)).collect();
        }
        if let Some(c) = pkg.part("word/comments.xml")? {
            doc.comments = notes(&c, name, "word/comments.xml", b"w:comment")?
                .into_iter()
                .map(|(k, (author, text))| (k, Comment { author, text }))
                .collect();
        }
        doc.paras = paragraphs(&body, name, &style_num)?;
        Ok(doc)
    }

    /// The labels Word's numbering shows, paragraph by paragraph (None where it numbers none).
    pub fn numbered_labels(&self) -> Vec<Option<(String, Level)>> {
        let mut counters: HashMap<String, Vec<u32>> = HashMap::new();
        self.paras
            .iter()
            .map(|p| {
                let (num, ilvl) = p.num.as_ref()?;
                let levels = self.levels.get(num)?;
                let lvl = levels.get(*ilvl)?;
                if lvl.fmt == "bullet" || lvl.fmt == "none" {
                    return None;
                }
                let c = counters.entry(num.clone()).or_insert_with(|| levels.iter().map(|l| l.start.saturating_sub(1)).collect());
                c[*ilvl] += 1;
                for (deeper, l) in c.iter_mut().zip(levels).skip(ilvl + 1) {
                    *deeper = l.start.saturating_sub(1);
                }
                let mut label = lvl.text.clone();
                for (k, l) in levels.iter().enumerate().take(ilvl + 1) {
                    label = label.replace(&format!("%{}", k + 1), &format_number(&l.fmt, c[k]));
                }
                let level = match lvl.fmt.as_str() {
                    "upperRoman" if *ilvl == 0 => Level::Section,
                    "decimal" if *ilvl == 0 => Level::Paragraph,
                    _ => Level::Item((*ilvl).max(1)),
                };
                Some((label.trim().to_string(), level))
            })
            .collect()
    }

    /// One paragraph's text with the runs `keep` keeps: italics as `*…*`,
    /// footnote markers numbered as in the whole document, the label before a
    /// tab (or one Word's numbering gives) split off.
    pub fn paragraph_text(&self, index: u32, keep: &dyn Fn(&Run) -> bool) -> (Option<String>, String) {
        let s = self.source_where(keep, &|p: &Para| p.index == index);
        s.blocks.into_iter().next().map(|b| (b.label, b.text)).unwrap_or_default()
    }

    /// Footnote keys by reference id, numbered in the order the document first refers to them.
    fn footnote_keys(&self) -> HashMap<String, String> {
        let mut keys = HashMap::new();
        for (id, _) in self.paras.iter().flat_map(|p| &p.runs).filter_map(|r| r.footnote.as_ref()).filter(|(_, custom)| !custom) {
            let n = keys.len() + 1;
            keys.entry(id.clone()).or_insert_with(|| n.to_string());
        }
        keys
    }

    /// The document as paragraphs to place (changes accepted): labels from
    /// Word's numbering or from the text before a tab, italics as `*…*`,
    /// footnotes as `[^n]` numbered in order.
    pub fn source(&self) -> Source {
        self.source_where(&|r: &Run| r.rev.as_ref().is_none_or(|v| v.inserted), &|p: &Para| p.mark.as_ref().is_none_or(|m| m.inserted))
    }

    /// The document as it was before its tracked changes (every change rejected).
    pub fn original(&self) -> Source {
        self.source_where(&|r: &Run| r.rev.as_ref().is_none_or(|v| !v.inserted), &|p: &Para| p.mark.as_ref().is_none_or(|m| !m.inserted))
    }

    /// The paragraphs `keep_para` keeps, with the runs `keep` keeps.
    pub fn source_where(&self, keep: &dyn Fn(&Run) -> bool, keep_para: &dyn Fn(&Para) -> bool) -> Source {
        let mut s = Source::default();
        let labels = self.numbered_labels();
        let mut keys = self.footnote_keys();
        let revisions = self.paras.iter().filter(|p| p.mark.is_some() || p.runs.iter().any(|r| r.rev.is_some())).count();
        if revisions > 0 {
            s.repairs.push(Note {
                at: Place::Paragraph(1),
                what: format!("{revisions} paragraphs have tracked changes: read with the changes accepted"),
            });
        }
        for (p, numbered) in self.paras.iter().zip(labels) {
            if !keep_para(p) {
                continue;
            }
            let text = self.inline_text(p, keep, &mut keys, &mut s);
            let text = text.trim();
            if text.is_empty() {
                continue;
            }
            if p.style.as_deref() == Some("Note") && text.starts_with("Note: new text is underlined") {
                s.unplaced.push(Note { at: Place::Paragraph(p.index), what: format!("the annex's legend, not imported: {text}") });
                continue;
            }
            if text == "Original language: English" {
                continue;
            }
            let (label, text, level) = match numbered {
                Some((l, level)) => (Some(l), text.to_string(), Some(level)),
                None => match text.split_once('\t') {
                    Some((l, rest)) if crate::resolution::label::split_label(l.trim()).is_some() => {
                        (Some(l.trim().to_string()), rest.to_string(), None)
                    }
                    _ => match crate::resolution::label::split_label(text) {
                        Some(l) => (Some(text[..l.len].trim().to_string()), text[l.len..].to_string(), None),
                        None => (None, text.to_string(), None),
                    },
                },
            };
            let text = text.replace('\t', " ");
            s.blocks.push(Block { label, text: text.trim().to_string(), at: Place::Paragraph(p.index), level });
        }
        // The footnotes the kept paragraphs refer to.
        let cited: Vec<&String> = self
            .paras
            .iter()
            .filter(|p| keep_para(p))
            .flat_map(|p| &p.runs)
            .filter(|r| keep(r))
            .filter_map(|r| r.footnote.as_ref().map(|f| &f.0))
            .collect();
        keys.retain(|id, _| cited.contains(&id));
        let mut order: Vec<(&String, &String)> = keys.iter().collect();
        order.sort_by_key(|(_, k)| k.parse::<u32>().unwrap_or(0));
        for (id, key) in order {
            let text = self.footnotes.get(id).cloned().unwrap_or_default();
            s.footnotes.push(Footnote { key: key.clone(), text });
        }
        s
    }

    /// A paragraph's text (the runs `keep` keeps) with italics as `*…*` and footnote markers.
    fn inline_text(&self, p: &Para, keep: &dyn Fn(&Run) -> bool, keys: &mut HashMap<String, String>, s: &mut Source) -> String {
        let mut out = String::new();
        let mut italic = false;
        for r in p.runs.iter().filter(|r| keep(r)) {
            if let Some((id, custom)) = &r.footnote {
                if *custom {
                    // The note on the symbol (`*`): the resolution's note, not a footnote of its text.
                    if s.note.is_none() {
                        s.note = self.footnotes.get(id).map(|t| t.trim().trim_start_matches('*').trim().to_string());
                    }
                    continue;
                }
                if let Some(key) = keys.get(id) {
                    out.push_str(&format!("[^{key}]"));
                }
                continue;
            }
            if r.italic != italic && !r.text.trim().is_empty() {
                close_or_open(&mut out, italic);
                italic = r.italic;
            }
            out.push_str(&r.text);
        }
        if italic {
            close_or_open(&mut out, true);
        }
        out
    }
}

/// Opens or closes italics at the end of `out`; a closing mark goes before trailing spaces.
fn close_or_open(out: &mut String, was_italic: bool) {
    if was_italic {
        let trimmed = out.trim_end().len();
        let spaces = out[trimmed..].to_string();
        out.truncate(trimmed);
        out.push('*');
        out.push_str(&spaces);
    } else {
        out.push('*');
    }
}

/// A counter in a Word number format.
fn format_number(fmt: &str, n: u32) -> String {
    use crate::resolution::label::{LabelKind, format_value};
    match fmt {
        "lowerLetter" => format_value(LabelKind::LowerAlpha, n),
        "upperLetter" => format_value(LabelKind::UpperAlpha, n),
        "lowerRoman" => format_value(LabelKind::LowerRoman, n),
        "upperRoman" => format_value(LabelKind::UpperRoman, n),
        _ => n.to_string(),
    }
}

/// numbering.xml: numId → the levels of its abstract numbering (with start overrides).
fn numbering(xml: &str, name: &str) -> Result<HashMap<String, Vec<Lvl>>, ImportError> {
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
fn styles(xml: &str, name: &str) -> Result<HashMap<String, (String, usize)>, ImportError> {
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
fn notes(xml: &str, name: &str, part: &str, tag: &[u8]) -> Result<HashMap<String, (String, String)>, ImportError> {
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

/// The body's paragraphs.
fn paragraphs(xml: &str, name: &str, style_num: &HashMap<String, (String, usize)>) -> Result<Vec<Para>, ImportError> {
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
                            rev: revs.last().cloned(),
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
    let rev = revs.last().cloned();
    let moved = moved > 0;
    if let Some(last) = p.runs.last_mut()
        && last.footnote.is_none()
        && last.italic == italic
        && last.rev == rev
        && last.moved == moved
        && last.comments == comments
    {
        last.text.push_str(t);
        return;
    }
    p.runs.push(Run { text: t.to_string(), italic, rev, moved, footnote: None, comments: comments.to_vec() });
}
