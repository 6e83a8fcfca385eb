//! `gavel history RESOLUTION REFERENCE`: every commit that changed a
//! provision, newest first, each step as tracked changes.

use std::fmt::Write as _;
use std::path::Path;

use super::output::{self, FormatArg};
use super::{CliError, emit, open_at, show::find};
use crate::redline::{Piece, PieceKind, diff_words};
use crate::render::tracked::{self, Format, merge};
use crate::resolution::resolve::Target;
use crate::resolution::{ParagraphRef, ResolutionName};
use crate::store::{Step, Store};
use crate::workspace::RESOLUTIONS_DIR;

pub struct Args {
    pub resolution: String,
    pub reference: String,
    pub since: Option<String>,
    pub at: Option<String>,
    pub format: Option<FormatArg>,
    pub no_cache: bool,
}

pub fn run(repo: Option<&Path>, a: Args) -> Result<u8, CliError> {
    let format =
        output::text_format(output::choose(a.format, None)).ok_or_else(|| CliError::user("history is written as txt, md or term"))?;
    let format = if format == Format::Html { Format::Txt } else { format };
    let name: ResolutionName = a.resolution.parse().map_err(CliError::user)?;
    let name = ResolutionName { revision: None, ..name };
    let reference: ParagraphRef = a.reference.parse().map_err(CliError::user)?;
    let head = a.at.clone().unwrap_or_else(|| "HEAD".into());
    let ws = open_at(repo, Some(&head))?;
    let loaded = find(&ws, &name)?;
    let res = &loaded.value;
    let Target::Node(idx) = res.resolve(&reference).map_err(CliError::user)? else {
        return Err(CliError::user("name a provision (`23 b)`, `preamble 5`, `IX`) to see its history"));
    };
    let id = res.node(idx).id.clone();
    let store = Store::open(&ws.root).map_err(CliError::user)?;
    let file_name =
        loaded.path.file_name().and_then(|n| n.to_str()).unwrap_or_default().split(':').next_back().unwrap_or_default().to_string();
    let file = store.relative(&ws.root).join(RESOLUTIONS_DIR).join(file_name);
    let (steps, _) = store.history(&file, &id, &head, a.since.as_deref(), !a.no_cache).map_err(CliError::user)?;
    let mut out = String::new();
    let title = format!("History of {} of {}, newest first", reference.describe(), res.display_name());
    if format == Format::Md {
        let _ = writeln!(out, "### {title}\n");
    } else {
        let _ = writeln!(out, "{title}\n");
    }
    if steps.is_empty() {
        out.push_str("No commit changed it.\n");
    }
    for s in &steps {
        step(&mut out, s, format);
    }
    emit(&out)?;
    Ok(0)
}

fn step(out: &mut String, s: &Step, format: Format) {
    let short = &s.commit.to_string()[..7];
    let date = date(s.seconds, s.offset_minutes);
    let md = format == Format::Md;
    let _ = writeln!(out, "{}{short}  {date}  {} <{}>{}", if md { "**" } else { "" }, s.author, s.email, if md { "**  " } else { "" });
    let _ = writeln!(out, "    {}{}", s.subject, if md { "  " } else { "" });
    let mut about = Vec::new();
    if let Some(m) = &s.trailers.meeting {
        about.push(format!("meeting {m}"));
    }
    if let Some(i) = &s.trailers.agenda_item {
        about.push(format!("agenda item {i}"));
    }
    if let Some(d) = &s.trailers.decision {
        about.push(format!("decision: {d}"));
    }
    if !s.trailers.proposed_by.is_empty() {
        about.push(format!("proposed by {}", s.trailers.proposed_by.join(", ")));
    }
    if !about.is_empty() {
        let _ = writeln!(out, "    {}{}", about.join("; "), if md { "  " } else { "" });
    }
    let pieces = change(s);
    let _ = writeln!(out, "{}{}\n", if md { "" } else { "    " }, tracked::pieces(format, &pieces));
}

/// The step as tracked changes: label and text.
fn change(s: &Step) -> Vec<Piece> {
    let mut v = Vec::new();
    match (&s.before, &s.after) {
        (Some(b), Some(a)) => {
            match (&b.label, &a.label) {
                (Some(x), Some(y)) => {
                    v.extend(label_change(x, y));
                    v.push(Piece::new(PieceKind::Same, " "));
                }
                (None, Some(y)) => v.push(Piece::new(PieceKind::Ins, format!("{y} "))),
                (Some(x), None) => v.push(Piece::new(PieceKind::Del, format!("{x} "))),
                (None, None) => {}
            }
            v.extend(diff_words(&b.text, &a.text, None).pieces);
        }
        (None, Some(a)) => v.push(Piece::new(PieceKind::Ins, line(a))),
        (Some(b), None) => v.push(Piece::new(PieceKind::Del, line(b))),
        (None, None) => {}
    }
    merge(v)
}

/// `e)` → `f)` as `e` deleted, `f` inserted, `)` kept: the label's value changes as a whole.
fn label_change(old: &str, new: &str) -> Vec<Piece> {
    if old == new {
        return vec![Piece::new(PieceKind::Same, old)];
    }
    let open = if old.starts_with('(') && new.starts_with('(') { "(" } else { "" };
    let close = [")", "."].into_iter().find(|c| old.ends_with(c) && new.ends_with(c)).unwrap_or("");
    let inner = |s: &str| s[open.len()..s.len() - close.len()].to_string();
    merge(vec![
        Piece::new(PieceKind::Same, open),
        Piece::new(PieceKind::Del, inner(old)),
        Piece::new(PieceKind::Ins, inner(new)),
        Piece::new(PieceKind::Same, close),
    ])
}

fn line(v: &crate::store::Version) -> String {
    match &v.label {
        Some(l) => format!("{l} {}", v.text),
        None => v.text.clone(),
    }
}

/// `2025-02-04 14:12 +01:00` in the author's time zone.
fn date(seconds: i64, offset_minutes: i32) -> String {
    let ((y, m, d), (hh, mm, _)) = crate::clock::date_time(seconds + i64::from(offset_minutes) * 60);
    let sign = if offset_minutes < 0 { '-' } else { '+' };
    let off = offset_minutes.abs();
    format!("{y:04}-{m:02}-{d:02} {hh:02}:{mm:02} {sign}{:02}:{:02}", off / 60, off % 60)
}

#[cfg(test)]
mod tests {
    #[test]
    fn labels_change_as_a_whole() {
        assert_eq!(crate::redline::wdiff(&super::label_change("e)", "f)")), "[-e-]{+f+})");
        assert_eq!(crate::redline::wdiff(&super::label_change("(iv)", "(v)")), "([-iv-]{+v+})");
        assert_eq!(crate::redline::wdiff(&super::label_change("24.", "25.")), "[-24-]{+25+}.");
    }

    #[test]
    fn dates_in_the_authors_zone() {
        assert_eq!(super::date(1669399200 + 5 * 3600, -300), "2022-11-25 18:00 -05:00");
        assert_eq!(super::date(0, 60), "1970-01-01 01:00 +01:00");
    }
}
