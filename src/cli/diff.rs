//! `gavel diff`: proposed changes to a resolution, or two plain texts, as
//! tracked changes.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::output::{self, FormatArg};
use super::{CliError, open, open_at, show::find};
use crate::group::{Change, Proposal, Status as ProposalStatus};
use crate::redline::amend::{Problem, apply};
use crate::redline::doc::{Block, redline};
use crate::redline::text::{TextDiff, diff_texts};
use crate::redline::{Piece, diff_words};
use crate::render::tracked::{self, Format, HTML_STYLE, escape_html};
use crate::resolution::{ParagraphRef, Resolution, ResolutionName};

/// How long word diffs may take in one command before paragraphs are shown replaced whole.
const DIFF_BUDGET: Duration = Duration::from_secs(3);

pub struct Args {
    pub resolution: Option<String>,
    pub reference: Option<String>,
    pub text: Option<Vec<PathBuf>>,
    pub proposal: Option<String>,
    pub format: Option<FormatArg>,
    pub output: Option<PathBuf>,
    pub context: Option<usize>,
    pub at: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

pub fn run(repo: Option<&Path>, a: Args) -> Result<u8, CliError> {
    let format = output::choose(a.format, a.output.as_deref());
    let Some(format) = output::text_format(format) else {
        return Err(CliError::user("`gavel diff` writes txt, md, html or term; for a Word document use `gavel annex --format docx`"));
    };
    let text = match (&a.text, &a.resolution) {
        (Some(files), _) => texts(&files[0], &files[1], format, a.context)?,
        (None, Some(r)) if a.from.is_some() => {
            revisions(repo, r, a.reference.as_deref(), a.from.as_deref().unwrap_or_default(), a.to.as_deref(), format)?
        }
        (None, Some(r)) => proposals(repo, a.at.as_deref(), r, a.reference.as_deref(), a.proposal.as_deref(), format)?,
        (None, None) => {
            return Err(CliError::user("name a resolution (`gavel diff \"Conf. 11.3\"`) or two files (`gavel diff --text OLD NEW`)"));
        }
    };
    output::write(a.output.as_deref(), text.as_bytes())?;
    Ok(0)
}

fn texts(old: &Path, new: &Path, format: Format, context: Option<usize>) -> Result<String, CliError> {
    let read = |p: &Path| crate::source::read_any_text(p).map_err(CliError::user);
    let (a, b) = (read(old)?, read(new)?);
    let d = diff_texts(&a, &b, DIFF_BUDGET);
    let mut out = String::new();
    if format == Format::Html {
        let _ = write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{} → {}</title>\n<style>{HTML_STYLE}.text{{white-space:pre-wrap}}</style>\n</head>\n<body>\n<div class=\"text\">",
            escape_html(&old.display().to_string()),
            escape_html(&new.display().to_string())
        );
    }
    out.push_str(&crate::render::text_diff::render(&d, format, context));
    let notes = text_notes(&d);
    match format {
        Format::Html => {
            out.push_str("</div>\n");
            for n in &notes {
                let _ = writeln!(out, "<p class=\"gavel-note\">{}</p>", escape_html(n));
            }
            out.push_str("</body>\n</html>\n");
        }
        _ => {
            for n in &notes {
                let _ = writeln!(out, "[gavel: {n}]");
            }
        }
    }
    Ok(out)
}

fn text_notes(d: &TextDiff) -> Vec<String> {
    let mut notes = Vec::new();
    if d.aligned_by_position {
        notes.push("paragraphs were paired by position: aligning them ran out of time".to_string());
    }
    let whole = d.replaced_whole();
    if whole > 0 {
        notes.push(format!(
            "{whole} paragraph{} compared as a whole: the word comparison ran out of time",
            if whole == 1 { "" } else { "s" }
        ));
    }
    notes
}

fn proposals(
    repo: Option<&Path>,
    at: Option<&str>,
    resolution: &str,
    reference: Option<&str>,
    only: Option<&str>,
    format: Format,
) -> Result<String, CliError> {
    let name: ResolutionName = resolution.parse().map_err(CliError::user)?;
    let reference: Option<ParagraphRef> = reference.map(|r| r.parse().map_err(CliError::user)).transpose()?;
    let ws = open_at(repo, at)?;
    let res = &find(&ws, &name)?.value;
    super::needs(&ws, &super::resolution_files(res))?;
    let target = match &reference {
        Some(r) => Some(res.resolve(r).map_err(CliError::user)?),
        None => None,
    };
    let file = ws.proposals_on(res);
    let all: Vec<&Proposal> = file.map(|f| f.value.proposals.iter().collect()).unwrap_or_default();
    if let Some(id) = only
        && !all.iter().any(|p| p.id == id)
    {
        let ids: Vec<&str> = all.iter().map(|p| p.id.as_str()).collect();
        return Err(CliError::user(format!(
            "no proposal `{id}` on {}; there are: {}",
            res.display_name(),
            if ids.is_empty() { "none".into() } else { ids.join(", ") }
        )));
    }
    let chosen: Vec<&Proposal> = all
        .into_iter()
        .filter(|p| only.is_none_or(|id| p.id == id))
        .filter(|p| only.is_some() || p.status == ProposalStatus::Pending)
        .filter(|p| target.is_none_or(|t| crate::ops::touches(res, p, t)))
        .collect();
    let deadline = Instant::now() + DIFF_BUDGET;
    let mut out = String::new();
    if format == Format::Html {
        let _ = write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Proposals on {}</title>\n<style>{HTML_STYLE}</style>\n</head>\n<body>\n",
            escape_html(&res.display_name())
        );
    }
    if chosen.is_empty() {
        let what = match &reference {
            Some(r) => format!("No pending proposal touches {} of {}.", r.describe(), res.display_name()),
            None => format!("No pending proposals on {}.", res.display_name()),
        };
        heading(&mut out, format, &what, None);
    }
    for p in chosen {
        section(&mut out, res, p, format, deadline);
    }
    if format == Format::Html {
        out.push_str("</body>\n</html>\n");
    }
    Ok(out)
}

/// The resolution as it was at `from` against `to` (or the files as they are).
fn revisions(
    repo: Option<&Path>,
    resolution: &str,
    reference: Option<&str>,
    from: &str,
    to: Option<&str>,
    format: Format,
) -> Result<String, CliError> {
    let name: ResolutionName = resolution.parse().map_err(CliError::user)?;
    let name = ResolutionName { revision: None, ..name };
    let reference: Option<ParagraphRef> = reference.map(|r| r.parse().map_err(CliError::user)).transpose()?;
    let old_ws = open_at(repo, Some(from))?;
    let new_ws = match to {
        Some(t) => open_at(repo, Some(t))?,
        None => open(repo)?,
    };
    let old = &find(&old_ws, &name)?.value;
    // A list relettered by hand without markers: provisions are followed by their words.
    let mut followed = find(&new_ws, &name)?.value.clone();
    crate::resolution::identity::follow(old, &mut followed);
    let new = &followed;
    let blocks = redline(old, new, Some(Instant::now() + DIFF_BUDGET));
    // With a reference: the blocks of that provision (found in the newer text, or else the older).
    let wanted: Option<crate::resolution::NodeId> = match &reference {
        None => None,
        Some(r) => {
            let found = new.resolve(r).ok().map(|t| (new, t)).or_else(|| old.resolve(r).ok().map(|t| (old, t)));
            match found {
                Some((res, crate::resolution::resolve::Target::Node(i))) => Some(res.node(i).id.clone()),
                Some(_) => None,
                None => return Err(CliError::user(new.resolve(r).expect_err("not found in either"))),
            }
        }
    };
    let group = wanted.as_ref().and_then(|id| blocks.iter().find(|b| &b.id == id).map(|b| b.group));
    let blocks: Vec<Block> = match group {
        Some(g) => blocks.into_iter().filter(|b| b.group == g).collect(),
        None => blocks,
    };
    let mut out = String::new();
    if format == Format::Html {
        let _ = write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{HTML_STYLE}</style>\n</head>\n<body>\n",
            escape_html(&old.display_name())
        );
    }
    let to_name = to.unwrap_or("the files as they are");
    heading(&mut out, format, &format!("{}: {from} → {to_name}", new.display_name()), None);
    if !blocks.iter().any(|b| b.is_changed()) {
        note_line(&mut out, format, "No change.");
    }
    render_in_context(&mut out, format, &blocks);
    if format == Format::Html {
        out.push_str("</body>\n</html>\n");
    }
    Ok(out)
}

fn heading(out: &mut String, format: Format, title: &str, sub: Option<&str>) {
    match format {
        Format::Html => {
            let _ = writeln!(out, "<h2>{}</h2>", escape_html(title));
            if let Some(s) = sub {
                let _ = writeln!(out, "<p class=\"note\">{}</p>", escape_html(s));
            }
        }
        Format::Md => {
            let _ = writeln!(out, "### {title}\n");
            if let Some(s) = sub {
                let _ = writeln!(out, "*{s}*\n");
            }
        }
        _ => {
            let _ = writeln!(out, "# {title}");
            if let Some(s) = sub {
                let _ = writeln!(out, "# {s}");
            }
        }
    }
}

fn section(out: &mut String, res: &Resolution, p: &Proposal, format: Format, deadline: Instant) {
    let mut by = format!("proposed by {}", p.proponents.join(", "));
    if !p.supporters.is_empty() {
        let _ = write!(by, ", supported by {}", p.supporters.join(", "));
    }
    if let Some(s) = &p.source {
        let _ = write!(by, "; {s}");
    }
    heading(out, format, &format!("{}, proposal {}: {}", res.display_name(), p.id, p.title), Some(&by));
    let applied = apply(res, [p]);
    if let Some((_, problems)) = applied.not_applied.first() {
        for problem in problems {
            let note = format!("This proposal is {problem}.");
            note_line(out, format, &note);
            if let Problem::Stale { reference, .. } = problem {
                note_line(
                    out,
                    format,
                    &format!("Shown against the text it was drafted against, not the text in force ({}):", reference.describe()),
                );
                for c in &p.changes {
                    if let Change::Replace { target, drafted_against, text } = c
                        && target == reference
                    {
                        let d = diff_words(drafted_against, text, Some(deadline));
                        out.push_str(&paragraph(format, &d.pieces));
                    }
                }
            }
        }
        out.push('\n');
        return;
    }
    let blocks = redline(res, &applied.proposed, Some(deadline));
    render_in_context(out, format, &blocks);
}

/// The changed blocks in context, `…` where provisions are left out.
fn render_in_context(out: &mut String, format: Format, blocks: &[Block]) {
    let mut kept: Vec<Block> = Vec::new();
    for b in in_context(blocks) {
        match b {
            Some(b) => kept.push(b.clone()),
            None => {
                out.push_str(&tracked::blocks(format, &kept));
                kept.clear();
                out.push_str(if format == Format::Html { "<p>…</p>\n" } else { "…\n" });
            }
        }
    }
    out.push_str(&tracked::blocks(format, &kept));
    out.push('\n');
}

fn note_line(out: &mut String, format: Format, note: &str) {
    match format {
        Format::Html => {
            let _ = writeln!(out, "<p class=\"gavel-note\">{}</p>", escape_html(note));
        }
        Format::Md => {
            let _ = writeln!(out, "*{note}*\n");
        }
        _ => {
            let _ = writeln!(out, "# {note}");
        }
    }
}

fn paragraph(format: Format, pieces: &[Piece]) -> String {
    match format {
        Format::Html => format!("<p>{}</p>\n", tracked::pieces(Format::Html, pieces)),
        Format::Md => format!("{}\n\n", tracked::pieces(Format::Md, pieces)),
        _ => format!("{}\n", tracked::pieces(format, pieces)),
    }
}

/// The changed blocks with their context: the paragraph they belong to
/// (its opening words), and the provisions just before and after them.
/// `None` stands for provisions left out.
fn in_context(blocks: &[Block]) -> Vec<Option<&Block>> {
    let mut keep = vec![false; blocks.len()];
    for (i, b) in blocks.iter().enumerate() {
        if !b.is_changed() {
            continue;
        }
        keep[i] = true;
        if i > 0 {
            keep[i - 1] = true;
        }
        if i + 1 < blocks.len() && (blocks[i + 1].group == b.group || b.depth == 0) {
            keep[i + 1] = true;
        }
        if let Some(top) = blocks[..i].iter().rposition(|x| x.group == b.group && x.depth == 0) {
            keep[top] = true;
        }
    }
    let mut out = Vec::new();
    let mut gap = false;
    for (b, k) in blocks.iter().zip(keep) {
        if k {
            if gap && !out.is_empty() {
                out.push(None);
            }
            gap = false;
            out.push(Some(b));
        } else {
            gap = true;
        }
    }
    out
}
