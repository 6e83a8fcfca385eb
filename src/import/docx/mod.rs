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

mod body;
mod parts;
mod xml;

use super::zip::Package;
use super::{Block, Footnote, ImportError, Level, Note, Place, Source};
use parts::Lvl;

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
    /// The revisions it is inside, outermost first (text a reviewer deleted
    /// from another's insertion is inside both).
    pub revs: Vec<Rev>,
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

impl Run {
    /// Whether the run reads in the text where `accepted` says which revisions are accepted (the rest rejected).
    pub fn kept(&self, accepted: impl Fn(&Rev) -> bool) -> bool {
        self.revs.iter().all(|v| v.inserted == accepted(v))
    }

    /// The revision that made it, the innermost.
    pub fn rev(&self) -> Option<&Rev> {
        self.revs.last()
    }
}

impl Para {
    /// The text as it reads with every change accepted (or, with `accepted` false, rejected).
    pub fn text(&self, accepted: bool) -> String {
        self.runs.iter().filter(|r| r.kept(|_| accepted)).map(|r| r.text.as_str()).collect()
    }
}

/// A comment: its author and text.
#[derive(Debug, Clone, PartialEq)]
pub struct Comment {
    pub author: String,
    pub text: String,
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

impl Document {
    /// Reads a Word file's bytes.
    pub fn read(bytes: &[u8], name: &str) -> Result<Document, ImportError> {
        let mut pkg = Package::open(bytes, name)?;
        let body = pkg.part("word/document.xml")?.unwrap_or_default();
        let mut doc = Document::default();
        if let Some(n) = pkg.part("word/numbering.xml")? {
            doc.levels = parts::numbering(&n, name)?;
        }
        let style_num = match pkg.part("word/styles.xml")? {
            Some(s) => parts::styles(&s, name)?,
            None => HashMap::new(),
        };
        if let Some(f) = pkg.part("word/footnotes.xml")? {
            doc.footnotes = parts::notes(&f, name, "word/footnotes.xml", b"w:footnote")?.into_iter().map(|(k, (_, t))| (k, t)).collect();
        }
        if let Some(c) = pkg.part("word/comments.xml")? {
            doc.comments = parts::notes(&c, name, "word/comments.xml", b"w:comment")?
                .into_iter()
                .map(|(k, (author, text))| (k, Comment { author, text }))
                .collect();
        }
        doc.paras = body::paragraphs(&body, name, &style_num)?;
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
        self.source_where(&|r: &Run| r.kept(|_| true), &|p: &Para| p.mark.as_ref().is_none_or(|m| m.inserted))
    }

    /// The document as it was before its tracked changes (every change rejected).
    pub fn original(&self) -> Source {
        self.source_where(&|r: &Run| r.kept(|_| false), &|p: &Para| p.mark.as_ref().is_none_or(|m| !m.inserted))
    }

    /// The paragraphs `keep_para` keeps, with the runs `keep` keeps.
    pub fn source_where(&self, keep: &dyn Fn(&Run) -> bool, keep_para: &dyn Fn(&Para) -> bool) -> Source {
        let mut s = Source::default();
        let labels = self.numbered_labels();
        let mut keys = self.footnote_keys();
        let revisions = self.paras.iter().filter(|p| p.mark.is_some() || p.runs.iter().any(|r| !r.revs.is_empty())).count();
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
                    Some((l, rest)) if super::leading_label(l.trim()).is_some() => (Some(l.trim().to_string()), rest.to_string(), None),
                    _ => match super::leading_label(text) {
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
