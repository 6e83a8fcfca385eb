//! A Party's reply: a Word document based on gavel's annex (or on the
//! resolution) with its changes tracked, read into proposals.
//!
//! The document as it was before its changes (every change rejected) is read
//! as a resolution, so each paragraph has the address delegates cite; the text
//! it had is what a proposal is drafted against, so a reply to an older text
//! is stale, not applied blindly. Each paragraph's revisions are then taken
//! author by author: one proposal per provision and author. Revisions gavel
//! wrote into its own `--track-changes` annex are recognised by what they do
//! (accepting one author's revisions gives a pending proposal's text) and are
//! not proposed again; a Party's revision on top of one makes an amendment to
//! that proposal. Moves, formatting-only changes and changes that join or
//! split paragraphs are listed, not imported.

use std::collections::BTreeMap;

mod insert;

use super::docx::{Document, Para, Run};
use super::{Given, ImportError, Note, Place};
use crate::group::{Change, Proposal, Status, WorkingGroup};
use crate::resolution::{ParagraphRef, Resolution};

/// What a reply holds.
#[derive(Debug, Clone, Default)]
pub struct Reply {
    pub proposals: Vec<Proposal>,
    /// Pending proposals the reply shows as gavel wrote them (not proposed again).
    pub recognised: Vec<String>,
    /// Revisions listed and not imported, with their paragraph and why.
    pub not_imported: Vec<Note>,
    /// Revision authors who are no member of the group (and were not named with `--by`).
    pub unknown: Vec<String>,
}

/// How to read a reply.
pub struct Options<'a> {
    /// The file's name, for the proposals' `source` and messages.
    pub file: &'a str,
    /// The member an unknown author stands for (`--by`).
    pub by: Option<&'a str>,
    /// The working group (its id), for the proposals' `group`.
    pub group_id: Option<&'a str>,
    /// Ids already taken in the proposals file.
    pub taken: Vec<String>,
    /// Authors named as members when asked (author, member).
    pub aliases: Vec<(String, String)>,
}

/// The member a revision's author is: named exactly, or the one member whose
/// name the author's name contains (`Jane Doe (Canada)`).
fn member_of(group: &WorkingGroup, author: &str) -> Option<String> {
    if let Some(m) = group.member(author) {
        return Some(m.name.clone());
    }
    let lower = author.to_lowercase();
    let found: Vec<&crate::group::Member> = group
        .members
        .iter()
        .filter(|m| std::iter::once(&m.name).chain(m.short_name.iter()).any(|n| contains_word(&lower, &n.to_lowercase())))
        .collect();
    match found.as_slice() {
        [one] => Some(one.name.clone()),
        _ => None,
    }
}

fn contains_word(hay: &str, needle: &str) -> bool {
    hay.match_indices(needle).any(|(i, _)| {
        let before = hay[..i].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let after = hay[i + needle.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        before && after
    })
}

/// The authors of a paragraph's revisions (and of its mark), in order of appearance.
fn authors(p: &Para) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for a in p.mark.iter().map(|m| &m.author).chain(p.runs.iter().flat_map(|r| r.revs.iter().map(|v| &v.author))) {
        if !out.contains(a) {
            out.push(a.clone());
        }
    }
    out
}

/// Keeps a run as it reads with the revisions of `accepted` authors accepted and all others rejected.
fn view<'a>(accepted: &'a [&'a str]) -> impl Fn(&Run) -> bool + 'a {
    move |r: &Run| r.kept(|v| accepted.contains(&v.author.as_str()))
}

/// Reads a reply against the resolution in force and its pending proposals.
pub fn read(doc: &Document, res: &Resolution, pending: &[Proposal], group: &WorkingGroup, o: &Options) -> Result<Reply, ImportError> {
    let given = Given { symbol: Some(res.header.symbol.to_string()), title: Some(res.header.title.clone()), ..Given::default() };
    let base = super::provisions::build(doc.original(), &given, o.file)?;
    let parsed = crate::resolution::parse(&base.text, std::path::Path::new(o.file));
    let Some(before) = parsed.resolution.filter(|_| parsed.diagnostics.iter().all(|d| !d.is_error())) else {
        let first = parsed.diagnostics.iter().find(|d| d.is_error()).map(ToString::to_string).unwrap_or_default();
        return Err(ImportError::Broken(format!(
            "{}: the document the reply was based on does not read as {} ({first}); is it a reply to its annex?",
            o.file, res.header.symbol
        )));
    };
    if before.nodes.len() != base.places.len() {
        return Err(ImportError::Broken(format!(
            "{}: its provisions could not be told apart ({} read, {} placed)",
            o.file,
            before.nodes.len(),
            base.places.len()
        )));
    }
    let addresses = before.addresses();
    // Word paragraph → the provision it was (in the document before the changes).
    let at: BTreeMap<u32, usize> = base
        .places
        .iter()
        .enumerate()
        .filter_map(|(k, p)| match p {
            Place::Paragraph(i) => Some((*i, k)),
            Place::Line(_) => None,
        })
        .collect();
    let mut rd =
        Reader { doc, before: &before, addresses: &addresses, pending, o, r: Reply::default(), by_key: BTreeMap::new(), open: None };
    let mut last: Option<usize> = None;
    // The author of a change that ran on past a paragraph's end: its rest in the next paragraph is part of it.
    let mut crossing: Option<String> = None;
    for p in &doc.paras {
        let names = authors(p);
        if let Some(who) = crossing.take()
            && names.contains(&who)
        {
            rd.r.not_imported
                .push(Note { at: Place::Paragraph(p.index), what: "the rest of a change that crosses provisions: not imported".into() });
            continue;
        }
        if let Some(&k) = at.get(&p.index) {
            last = Some(k);
            rd.open = None;
        }
        if names.is_empty() {
            if p.format_changed {
                rd.r.not_imported.push(Note { at: Place::Paragraph(p.index), what: "a formatting-only change: not imported".into() });
            }
            continue;
        }
        if p.runs.iter().any(|x| x.moved) {
            rd.r.not_imported.push(Note {
                at: Place::Paragraph(p.index),
                what: "moved text: not imported (propose the deletion and the insertion as changes of their own)".into(),
            });
            continue;
        }
        let all =
            |inserted: bool| p.runs.iter().filter(|x| !x.text.trim().is_empty()).all(|x| x.rev().is_some_and(|v| v.inserted == inserted));
        match (&p.mark, at.get(&p.index)) {
            // A paragraph mark deleted with text left, or inserted with text that was there: paragraphs joined or split.
            (Some(m), _) if (!m.inserted && !all(false)) || (m.inserted && !all(true) && at.contains_key(&p.index)) => {
                crossing = Some(m.author.clone());
                rd.r.not_imported.push(Note {
                    at: Place::Paragraph(p.index),
                    what: "a change that joins or splits provisions: not imported (it crosses provisions)".into(),
                });
            }
            (Some(m), None) if m.inserted => rd.inserted(p, &names, last),
            (_, Some(&k)) => rd.changed(p, &names, k),
            _ => {
                rd.r.not_imported
                    .push(Note { at: Place::Paragraph(p.index), what: "a change outside the resolution's provisions: not imported".into() })
            }
        }
    }
    // Proponents: the group's members the authors are.
    let Reader { mut r, by_key, .. } = rd;
    let mut taken = o.taken.clone();
    let mut proposals: Vec<Proposal> = by_key.into_values().collect();
    for q in &mut proposals {
        let author = q.proponents[0].clone();
        let alias = o.aliases.iter().find(|(a, _)| *a == author).and_then(|(_, m)| group.member(m)).map(|m| m.name.clone());
        match alias.or_else(|| member_of(group, &author)).or_else(|| o.by.and_then(|b| group.member(b).map(|m| m.name.clone()))) {
            Some(m) => q.proponents = vec![m],
            None => {
                if !r.unknown.contains(&author) {
                    r.unknown.push(author);
                }
            }
        }
        q.title = q.title.replace("{proponents}", &q.proponents.join(", "));
        let slug = crate::ops::setup::slug(&q.proponents[0]);
        let base = format!("reply-{}-{}", if slug.is_empty() { "author" } else { &slug }, q.id);
        q.id = if taken.contains(&base) { crate::ops::free_id(&taken, &base) } else { base };
        taken.push(q.id.clone());
    }
    r.proposals = proposals;
    r.not_imported.sort_by_key(|n| n.at);
    Ok(r)
}

/// Comments on the revisions of `author` in a paragraph: the proposal's note.
fn comments_of(doc: &Document, p: &Para, author: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for id in p.runs.iter().filter(|x| x.revs.iter().any(|v| v.author == author)).flat_map(|x| &x.comments) {
        if let Some(c) = doc.comments.get(id)
            && !out.contains(&c.text)
        {
            out.push(c.text.clone());
        }
    }
    out
}

/// The proposal of `author` on `key` (a provision, or an insertion's anchor), started if new.
fn proposal_for<'m>(
    by_key: &'m mut BTreeMap<(String, String), Proposal>,
    key: &str,
    author: &str,
    what: String,
    res: &Resolution,
    o: &Options,
) -> &'m mut Proposal {
    by_key.entry((key.to_string(), author.to_string())).or_insert_with(|| {
        // The id is given once the proponent is known (`reply-canada-para1`).
        Proposal {
            id: key.replace('_', ""),
            title: format!("{what} proposed by {{proponents}} (Word reply)"),
            group: o.group_id.map(str::to_string),
            proponents: vec![author.to_string()],
            supporters: Vec::new(),
            source: Some(format!(
                "Word reply {}",
                std::path::Path::new(o.file).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
            )),
            revision: res.header.revision,
            status: Status::Pending,
            changes: Vec::new(),
            amends: None,
            note: None,
        }
    })
}

fn add_note(q: &mut Proposal, notes: Vec<String>) {
    if notes.is_empty() {
        return;
    }
    let joined = notes.join(" ");
    q.note = Some(match q.note.take() {
        Some(n) => format!("{n} {joined}"),
        None => joined,
    });
}

/// What a reply is read with, and what it has given so far.
struct Reader<'a> {
    doc: &'a Document,
    /// The resolution as the reply saw it (its text before the changes).
    before: &'a Resolution,
    addresses: &'a [ParagraphRef],
    pending: &'a [Proposal],
    o: &'a Options<'a>,
    r: Reply,
    /// The proposals by (provision or anchor, author).
    by_key: BTreeMap<(String, String), Proposal>,
    open: Option<Open>,
}

impl Reader<'_> {
    /// Revisions inside a provision that was there: a replacement (or deletion) per author.
    fn changed(&mut self, p: &Para, names: &[String], k: usize) {
        let Reader { doc, before, addresses, pending, o, .. } = *self;
        let (r, by_key) = (&mut self.r, &mut self.by_key);
        let node = crate::resolution::model::NodeIdx(k);
        let target = addresses[k].clone();
        let drafted = before.node(node).text.clone();
        // A pending proposal the document shows: accepting its author's revisions alone gives its text.
        let shown = pending.iter().find_map(|q| {
            q.changes.iter().find_map(|c| match c {
                Change::Replace { target: t, text, .. } if *t == target => {
                    names.iter().find(|a| doc.paragraph_text(p.index, &view(&[a.as_str()])).1 == *text).map(|a| (q, a.clone()))
                }
                Change::Delete { target: t, .. } if *t == target => {
                    names.iter().find(|a| p.mark.as_ref().is_some_and(|m| !m.inserted && &m.author == *a)).map(|a| (q, a.clone()))
                }
                _ => None,
            })
        });
        if let Some((q, _)) = &shown
            && !r.recognised.contains(&q.id)
        {
            r.recognised.push(q.id.clone());
        }
        for author in names.iter().filter(|a| shown.as_ref().is_none_or(|(_, g)| g != *a)) {
            let mut accepted: Vec<&str> = vec![author.as_str()];
            if let Some((_, g)) = &shown {
                accepted.push(g.as_str());
            }
            let deleted = p.mark.as_ref().is_some_and(|m| !m.inserted && &m.author == author);
            let (_, text) = doc.paragraph_text(p.index, &view(&accepted));
            // Only the label changed (gavel's annex reletters what follows an insertion): no change of text.
            let base_text = match &shown {
                Some((q, _)) => q.changes.iter().find_map(|c| match c {
                    Change::Replace { target: t, text, .. } if *t == target => Some(text.clone()),
                    _ => None,
                }),
                None => None,
            };
            if !deleted && text == base_text.unwrap_or_else(|| drafted.clone()) {
                continue;
            }
            let key = target.default_id();
            let what = format!("Amendment to {}", target.describe());
            let q = proposal_for(by_key, &key, author, what, before, o);
            if let Some((shown_p, _)) = &shown {
                q.amends = Some(shown_p.id.clone());
            }
            q.changes.push(if deleted {
                Change::Delete { target: target.clone(), drafted_against: drafted.clone() }
            } else {
                Change::Replace { target: target.clone(), drafted_against: drafted.clone(), text }
            });
            add_note(q, comments_of(doc, p, author));
        }
    }
}

/// The provision a reply inserted last, while no provision that was there has come since:
/// what deeper inserted paragraphs go under.
struct Open {
    key: String,
    author: String,
    depth: usize,
}
