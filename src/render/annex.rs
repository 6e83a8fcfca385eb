//! The annex a drafter hands to the Secretariat: the whole resolution with
//! every proposed change in place, as in the Annex of SC78 Doc. 37.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::tracked::{self, Format, HTML_STYLE, escape_html};
use crate::group::Proposal;
use crate::redline::amend::{Problem, apply};
use crate::redline::doc::{Block, redline};
use crate::resolution::{NodeId, Resolution};

/// The note that heads an annex.
pub const NOTE: &str = "Note: new text is underlined and text proposed for deletion is in strikethrough";

/// Everything an annex shows.
#[derive(Debug, Clone)]
pub struct Annex {
    /// `Conf. 11.3 (Rev. CoP19)`.
    pub symbol: String,
    pub title: String,
    /// The footnote on the symbol (`Amended at …`).
    pub note: Option<String>,
    pub blocks: Vec<Block>,
    /// Footnotes: key and text.
    pub footnotes: Vec<(String, String)>,
    /// Who proposed each changed provision (for Word revisions' author).
    pub authors: HashMap<NodeId, String>,
    /// Proposals left out, with why.
    pub not_shown: Vec<NotShown>,
    /// Ids of the proposals shown.
    pub shown: Vec<String>,
}

/// A proposal the annex leaves out, and why.
#[derive(Debug, Clone)]
pub struct NotShown {
    pub id: String,
    pub proponents: String,
    pub problems: Vec<Problem>,
}

/// Builds the annex of `res` with `proposals` applied in order.
pub fn build<'a>(res: &Resolution, proposals: impl IntoIterator<Item = &'a Proposal>, deadline: Option<std::time::Instant>) -> Annex {
    let applied = apply(res, proposals);
    let blocks = redline(res, &applied.proposed, deadline);
    let mut authors = HashMap::new();
    for (id, pid) in &applied.changed_by {
        if let Some(p) = applied.applied.iter().find(|p| &p.id == pid) {
            authors.insert(id.clone(), p.proponents.join(", "));
        }
    }
    Annex {
        symbol: res.display_name(),
        title: res.header.title.clone(),
        note: res.header.note.clone(),
        blocks,
        footnotes: res.footnotes.iter().map(|f| (f.key.clone(), f.text.clone())).collect(),
        authors,
        not_shown: applied
            .not_applied
            .iter()
            .map(|(p, problems)| NotShown { id: p.id.clone(), proponents: p.proponents.join(", "), problems: problems.clone() })
            .collect(),
        shown: applied.applied.iter().map(|p| p.id.clone()).collect(),
    }
}

impl Annex {
    /// The annex as text in one of the text formats.
    pub fn render(&self, format: Format) -> String {
        let mut out = String::new();
        let star = if self.note.is_some() { "*" } else { "" };
        match format {
            Format::Html => {
                let _ = write!(
                    out,
                    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{} – {}</title>\n<style>{HTML_STYLE}</style>\n</head>\n<body>\n",
                    escape_html(&self.symbol),
                    escape_html(&self.title)
                );
                let _ = writeln!(
                    out,
                    "<p class=\"symbol\">{}{}</p>",
                    escape_html(&self.symbol),
                    if star.is_empty() { "" } else { "<sup>*</sup>" }
                );
                let _ = writeln!(out, "<h1>{}</h1>", escape_html(&self.title));
                let _ = writeln!(out, "<p class=\"note\">{}</p>", escape_html(NOTE));
                out.push_str(&tracked::blocks(Format::Html, &self.blocks));
                out.push_str("<hr>\n");
                if let Some(n) = &self.note {
                    let _ = writeln!(out, "<p class=\"footnote\"><sup>*</sup> {}</p>", escape_html(n));
                }
                for (k, t) in &self.footnotes {
                    let _ = writeln!(
                        out,
                        "<p class=\"footnote\" id=\"fn-{0}\"><sup>{0}</sup> {1}</p>",
                        escape_html(k),
                        tracked::pieces(Format::Html, &[crate::redline::Piece::new(crate::redline::PieceKind::Same, t.clone())])
                    );
                }
                for n in &self.not_shown {
                    let _ = writeln!(
                        out,
                        "<p class=\"gavel-note\">Not shown: proposal {} ({}): {}</p>",
                        escape_html(&n.id),
                        escape_html(&n.proponents),
                        escape_html(&problems(n))
                    );
                }
                out.push_str("</body>\n</html>\n");
            }
            Format::Md => {
                let _ = writeln!(out, "{}{}\n\n# {}\n\n*{}*\n", self.symbol, if star.is_empty() { "" } else { "\\*" }, self.title, NOTE);
                out.push_str(&tracked::blocks(Format::Md, &self.blocks));
                out.push_str("\n---\n\n");
                if let Some(n) = &self.note {
                    let _ = writeln!(out, "\\* {n}\n");
                }
                for (k, t) in &self.footnotes {
                    let _ = writeln!(out, "[^{k}]: {t}\n");
                }
                for n in &self.not_shown {
                    let _ = writeln!(out, "*Not shown: proposal {} ({}): {}*\n", n.id, n.proponents, problems(n));
                }
            }
            Format::Txt | Format::Ansi => {
                let _ = writeln!(out, "{}{star}\n\n{}\n\n{NOTE}", self.symbol, self.title);
                if format == Format::Txt {
                    out.push_str("(In this text, new text is marked {+like this+} and text proposed for deletion [-like this-].)\n");
                }
                out.push('\n');
                out.push_str(&tracked::blocks(format, &self.blocks));
                out.push('\n');
                if let Some(n) = &self.note {
                    let _ = writeln!(out, "* {n}\n");
                }
                for (k, t) in &self.footnotes {
                    let _ = writeln!(out, "[^{k}]: {t}\n");
                }
                for n in &self.not_shown {
                    let _ = writeln!(out, "Not shown: proposal {} ({}): {}", n.id, n.proponents, problems(n));
                }
            }
        }
        out
    }
}

fn problems(n: &NotShown) -> String {
    n.problems.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("; ")
}
