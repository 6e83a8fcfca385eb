//! Paragraph references as delegates say them: `23 b)`, `23(b)`, `23.b`,
//! `paragraph 23 b)`, `13 a) iv)`, `preamble 5`, `IX`, or the whole resolution.

use std::fmt;
use std::str::FromStr;

use super::label::{LabelKind, format_value, parse_alpha, parse_roman};

/// The value of a sub-paragraph label without punctuation: `b`, `iv`.
/// Compared without regard to case, so `23 B)` finds `23 b)`.
#[derive(Debug, Clone, Eq)]
pub struct SubLabel(String);

impl SubLabel {
    pub fn new(value: &str) -> Self {
        SubLabel(value.to_string())
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl PartialEq for SubLabel {
    fn eq(&self, other: &Self) -> bool {
        self.0.eq_ignore_ascii_case(&other.0)
    }
}

impl std::hash::Hash for SubLabel {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.to_ascii_lowercase().hash(state)
    }
}

/// Where in a resolution: the address of a provision.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ParagraphRef {
    /// The whole resolution.
    Whole,
    /// The n-th preambular paragraph, perhaps one of its sub-paragraphs.
    Preamble { ordinal: u32, path: Vec<SubLabel> },
    /// A section by its Roman number (`IX` is 9).
    Section(u32),
    /// A numbered operative paragraph and a path of sub-paragraph labels.
    Paragraph { number: u32, path: Vec<SubLabel> },
    /// The n-th operative paragraph that has no number.
    Unnumbered { ordinal: u32, path: Vec<SubLabel> },
}

impl ParagraphRef {
    /// The sub-paragraph path, if the reference has one.
    pub fn path(&self) -> &[SubLabel] {
        match self {
            ParagraphRef::Preamble { path, .. } | ParagraphRef::Paragraph { path, .. } | ParagraphRef::Unnumbered { path, .. } => path,
            _ => &[],
        }
    }

    /// The same reference with its last `n` sub-labels dropped.
    pub fn truncated(&self, len: usize) -> ParagraphRef {
        let cut = |p: &Vec<SubLabel>| p[..len.min(p.len())].to_vec();
        match self {
            ParagraphRef::Preamble { ordinal, path } => ParagraphRef::Preamble { ordinal: *ordinal, path: cut(path) },
            ParagraphRef::Paragraph { number, path } => ParagraphRef::Paragraph { number: *number, path: cut(path) },
            ParagraphRef::Unnumbered { ordinal, path } => ParagraphRef::Unnumbered { ordinal: *ordinal, path: cut(path) },
            other => other.clone(),
        }
    }

    /// The default identity of the provision at this address: `para_23__b`,
    /// `pre_19__a`, `sec_IX`, `unnum_1__IX`.
    pub fn default_id(&self) -> String {
        let with_path = |base: String, path: &[SubLabel]| path.iter().fold(base, |acc, s| format!("{acc}__{}", s.as_str()));
        match self {
            ParagraphRef::Whole => "resolution".into(),
            ParagraphRef::Preamble { ordinal, path } => with_path(format!("pre_{ordinal}"), path),
            ParagraphRef::Section(n) => format!("sec_{}", format_value(LabelKind::UpperRoman, *n)),
            ParagraphRef::Paragraph { number, path } => with_path(format!("para_{number}"), path),
            ParagraphRef::Unnumbered { ordinal, path } => with_path(format!("unnum_{ordinal}"), path),
        }
    }

    /// A phrase for messages: `paragraph 23 b)`, `preambular paragraph 5`, `section IX`.
    pub fn describe(&self) -> String {
        match self {
            ParagraphRef::Whole => "the whole resolution".into(),
            ParagraphRef::Preamble { .. } => format!("preambular paragraph {}", self.citation_tail()),
            ParagraphRef::Section(_) => self.to_string(),
            ParagraphRef::Paragraph { .. } => format!("paragraph {self}"),
            ParagraphRef::Unnumbered { .. } => format!("unnumbered paragraph {}", self.citation_tail()),
        }
    }

    fn citation_tail(&self) -> String {
        let s = self.to_string();
        s.split_once(' ').map(|(_, t)| t.to_string()).unwrap_or(s)
    }
}

fn write_path(f: &mut fmt::Formatter<'_>, path: &[SubLabel]) -> fmt::Result {
    for s in path {
        write!(f, " {})", s.as_str())?;
    }
    Ok(())
}

impl fmt::Display for ParagraphRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParagraphRef::Whole => f.write_str("whole"),
            ParagraphRef::Preamble { ordinal, path } => {
                write!(f, "preamble {ordinal}")?;
                write_path(f, path)
            }
            ParagraphRef::Section(n) => write!(f, "section {}", format_value(LabelKind::UpperRoman, *n)),
            ParagraphRef::Paragraph { number, path } => {
                write!(f, "{number}")?;
                write_path(f, path)
            }
            ParagraphRef::Unnumbered { ordinal, path } => {
                write!(f, "unnumbered {ordinal}")?;
                write_path(f, path)
            }
        }
    }
}

/// Why a reference could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "cannot read `{input}` as a paragraph reference: {reason}; write it as delegates do: `23 b)`, `23(b)`, `13 a) iv)`, `preamble 5`, `IX`"
)]
pub struct RefSyntaxError {
    pub input: String,
    pub reason: String,
}

#[derive(Debug, PartialEq)]
enum Tok {
    Num(u32),
    Word(String),
}

fn tokens(s: &str) -> Result<Vec<Tok>, String> {
    let mut out = Vec::new();
    let mut chars = s.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_ascii_digit() {
            let mut n = String::new();
            while let Some(&d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                n.push(d);
                chars.next();
            }
            out.push(Tok::Num(n.parse().map_err(|_| format!("`{n}` is too large"))?));
        } else if c.is_alphabetic() || c == '-' || c == '§' {
            let mut w = String::new();
            while let Some(&d) = chars.peek().filter(|d| d.is_alphabetic() || **d == '-') {
                w.push(d);
                chars.next();
            }
            if c == '§' {
                chars.next();
                w = "paragraph".into();
            }
            out.push(Tok::Word(w));
        } else if c.is_whitespace() || matches!(c, '.' | '(' | ')' | ',') {
            chars.next();
        } else {
            return Err(format!("`{c}` has no place in a reference"));
        }
    }
    Ok(out)
}

/// Bounds on numbers in references: far beyond any real resolution, and
/// within what a roman numeral can be written back as.
const MAX_NUMBER: u32 = 9999;
const MAX_SECTION: u32 = 999;

/// Words that may stand around a reference without changing it.
fn is_filler(w: &str) -> bool {
    matches!(
        w,
        "paragraph"
            | "paragraphs"
            | "para"
            | "paras"
            | "op"
            | "operative"
            | "sub-paragraph"
            | "subparagraph"
            | "sub"
            | "sub-sub-paragraph"
            | "subsubparagraph"
            | "item"
            | "clause"
            | "of"
    )
}

fn sub_label(w: &str) -> Result<SubLabel, String> {
    if parse_alpha(w).is_some() || parse_roman(w).is_some() {
        Ok(SubLabel::new(&w.to_ascii_lowercase()))
    } else {
        Err(format!("`{w}` is not a sub-paragraph label (a letter such as `b` or a roman numeral such as `iv`)"))
    }
}

impl FromStr for ParagraphRef {
    type Err = RefSyntaxError;

    fn from_str(input: &str) -> Result<Self, RefSyntaxError> {
        let err = |reason: String| RefSyntaxError { input: input.trim().to_string(), reason };
        let trimmed = input.trim();
        let lowered = trimmed.to_lowercase();
        if trimmed.is_empty() || matches!(lowered.as_str(), "whole" | "all" | "resolution" | "the whole resolution") {
            return Ok(ParagraphRef::Whole);
        }
        let mut toks = tokens(trimmed).map_err(&err)?;
        // "sub-paragraph b) of paragraph 23": read the parts from the outside in.
        if let Some(of) = toks.iter().position(|t| matches!(t, Tok::Word(w) if w.eq_ignore_ascii_case("of"))) {
            let tail = toks.split_off(of + 1);
            toks.pop();
            toks = tail.into_iter().chain(toks).collect();
        }
        let mut preamble = false;
        let mut section = false;
        let mut unnumbered = false;
        let mut head: Option<u32> = None;
        let mut path = Vec::new();
        for t in toks {
            match t {
                Tok::Word(w) => {
                    let lw = w.to_lowercase();
                    match lw.as_str() {
                        "preamble" | "preambular" | "pp" | "recital" | "pre" => preamble = true,
                        "section" | "sec" => section = true,
                        "unnumbered" => unnumbered = true,
                        _ if is_filler(&lw) => {}
                        _ if head.is_none()
                            && !preamble
                            && !unnumbered
                            && w.chars().all(|c| c.is_ascii_uppercase())
                            && parse_roman(&w).is_some() =>
                        {
                            section = true;
                            head = parse_roman(&w);
                        }
                        _ if section && head.is_none() => {
                            head = Some(parse_roman(&w).ok_or_else(|| err(format!("`{w}` is not a section number (I to XXX)")))?);
                        }
                        _ if head.is_none() && lw.starts_with("pp") && lw.len() > 2 => {
                            return Err(err(format!("`{w}` is not a reference")));
                        }
                        _ if head.is_none() => {
                            return Err(err(format!("expected a paragraph number before `{w}`")));
                        }
                        _ => path.push(sub_label(&w).map_err(&err)?),
                    }
                }
                Tok::Num(n) if head.is_none() => head = Some(n),
                Tok::Num(n) => return Err(err(format!("`{n}` after the paragraph number; sub-paragraphs are letters or roman numerals"))),
            }
        }
        let Some(head) = head else {
            return Err(err("no paragraph number".into()));
        };
        if head == 0 {
            return Err(err("paragraphs are numbered from 1".into()));
        }
        if head > MAX_NUMBER || (section && head > MAX_SECTION) {
            return Err(err(format!("{head} is beyond any {}", if section { "section number" } else { "paragraph number" })));
        }
        if section {
            if !path.is_empty() {
                return Err(err("a section has paragraphs, not sub-paragraphs: cite the paragraph, e.g. `23 b)`".into()));
            }
            return Ok(ParagraphRef::Section(head));
        }
        Ok(match (preamble, unnumbered) {
            (true, _) => ParagraphRef::Preamble { ordinal: head, path },
            (_, true) => ParagraphRef::Unnumbered { ordinal: head, path },
            _ => ParagraphRef::Paragraph { number: head, path },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(n: u32, subs: &[&str]) -> ParagraphRef {
        ParagraphRef::Paragraph { number: n, path: subs.iter().map(|s| SubLabel::new(s)).collect() }
    }

    #[test]
    fn the_forms_delegates_use() {
        let table: &[(&str, ParagraphRef)] = &[
            ("23 b)", para(23, &["b"])),
            ("23(b)", para(23, &["b"])),
            ("23 (b)", para(23, &["b"])),
            ("23.b", para(23, &["b"])),
            ("23b", para(23, &["b"])),
            ("23 B)", para(23, &["b"])),
            ("paragraph 23 b)", para(23, &["b"])),
            ("para. 23 b)", para(23, &["b"])),
            ("§ 23 b)", para(23, &["b"])),
            ("operative paragraph 23", para(23, &[])),
            ("sub-paragraph b) of paragraph 23", para(23, &["b"])),
            ("13 a) iv)", para(13, &["a", "iv"])),
            ("13(a)(iv)", para(13, &["a", "iv"])),
            ("13.a.iv", para(13, &["a", "iv"])),
            ("23", para(23, &[])),
            ("preamble 5", ParagraphRef::Preamble { ordinal: 5, path: vec![] }),
            ("preambular paragraph 5", ParagraphRef::Preamble { ordinal: 5, path: vec![] }),
            ("PP5", ParagraphRef::Preamble { ordinal: 5, path: vec![] }),
            ("preamble 19 b)", ParagraphRef::Preamble { ordinal: 19, path: vec![SubLabel::new("b")] }),
            ("IX", ParagraphRef::Section(9)),
            ("section IX", ParagraphRef::Section(9)),
            ("Section ix", ParagraphRef::Section(9)),
            ("unnumbered 1", ParagraphRef::Unnumbered { ordinal: 1, path: vec![] }),
            ("", ParagraphRef::Whole),
            ("whole", ParagraphRef::Whole),
        ];
        for (input, expected) in table {
            assert_eq!(&input.parse::<ParagraphRef>().unwrap(), expected, "{input}");
        }
    }

    #[test]
    fn display_round_trips() {
        for s in ["23 b)", "13 a) iv)", "preamble 5", "preamble 19 b)", "section IX", "unnumbered 1 ix)", "7", "whole"] {
            let r: ParagraphRef = s.parse().unwrap();
            assert_eq!(r.to_string(), s);
            assert_eq!(r.to_string().parse::<ParagraphRef>().unwrap(), r);
        }
    }

    #[test]
    fn nonsense_is_refused_with_a_reason() {
        for bad in ["b)", "23 5", "23 b) 7", "23 xyz", "IX b)", "0", "23 b]", "hello", "section 9999999", "123456"] {
            let e = bad.parse::<ParagraphRef>().unwrap_err();
            assert!(e.to_string().contains("write it as delegates do"), "{bad}: {e}");
        }
    }

    #[test]
    fn default_identities() {
        assert_eq!(para(13, &["a", "iv"]).default_id(), "para_13__a__iv");
        assert_eq!(ParagraphRef::Section(9).default_id(), "sec_IX");
        assert_eq!(ParagraphRef::Preamble { ordinal: 19, path: vec![SubLabel::new("b")] }.default_id(), "pre_19__b");
    }
}
