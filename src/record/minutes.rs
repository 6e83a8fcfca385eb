//! The draft summary record of a meeting, from its journal: for each agenda
//! item in order, who took the floor (Parties first, then Observers, as
//! CITES records do), what each said, the proposals made with their
//! tracked changes and who supported or opposed them, and the decision.
//! Problems in the journal are marked where they occur; nothing is dropped.

mod parts;

use std::collections::HashSet;

use super::adopted::{adopted, failure, git_has};
use crate::group::{Category, Proposal, WorkingGroup};
use crate::journal::{Entry, Event, ItemMark, Journal, Outcome, Position};
use crate::redline::{Piece, PieceKind, diff_words};
use crate::render::document::Document as Doc;
use crate::store::message::and_list;
use crate::workspace::{MeetingEntry, Workspace};
use parts::{attendance, dropped, voted};

/// The record and the problems found while writing it.
#[derive(Debug, Clone)]
pub struct Minutes {
    pub doc: Doc,
    pub problems: Vec<String>,
}

/// What the record needs of a meeting.
pub struct Sources<'a> {
    pub entry: &'a MeetingEntry,
    pub group: Option<&'a WorkingGroup>,
    pub entries: Vec<Entry>,
    pub proposals: Vec<Proposal>,
    /// Journal lines that could not be read, with the agenda item they were among (by their neighbours).
    pub damage: Vec<(u32, Option<String>)>,
}

impl<'a> Sources<'a> {
    /// A meeting of the workspace with its journal and the proposals on the group's resolutions.
    pub fn of(ws: &'a Workspace, meeting: usize) -> (Sources<'a>, Vec<String>) {
        let entry = &ws.meetings[meeting];
        let group = ws.group(&entry.group).map(|g| &g.value);
        let journal = Journal::new(entry.journal_path(&ws.root));
        let (entries, problems, damaged) = journal.read_marked();
        // A damaged line belongs where it stands: with the item of the entry before it (or after it).
        let damage = damaged
            .iter()
            .map(|d| {
                let near = d.after.checked_sub(1).and_then(|k| entries.get(k)).or_else(|| entries.get(d.after));
                (d.line, near.and_then(|e| e.event.item()).map(str::to_string))
            })
            .collect();
        let entries = crate::journal::effective(&entries);
        let proposals = ws.proposals.iter().flat_map(|p| p.value.proposals.iter().cloned()).collect();
        (Sources { entry, group, entries, proposals, damage }, problems.iter().map(|d| d.to_string()).collect())
    }
}

/// `The working group` or the group's own name for itself.
const WG: &str = "The working group";

/// Writes the record.
pub fn minutes(s: &Sources) -> Minutes {
    let meeting = &s.entry.meeting.value;
    let mut doc = Doc::new(format!("Draft summary record: {}", meeting.title));
    doc.heading(1, doc.title.clone());
    let mut problems = Vec::new();
    let dates: Vec<String> = meeting.days.iter().map(|d| d.date.to_string()).collect();
    let mut where_when = meeting.venue.clone().unwrap_or_default();
    if let (Some(first), Some(last)) = (dates.first(), dates.last()) {
        where_when.push_str(&if first == last { format!(", {first}") } else { format!(", {first} to {last}") });
    }
    doc.para(where_when.trim_start_matches(", ").to_string());
    let mark = |doc: &mut Doc, problems: &mut Vec<String>, line: u32| {
        let msg = format!("an entry could not be read: journal line {line}");
        doc.problem(msg.clone());
        problems.push(msg);
    };
    for (line, _) in s.damage.iter().filter(|(_, item)| item.is_none()) {
        mark(&mut doc, &mut problems, *line);
    }
    attendance(&mut doc, s);
    // The agenda as the session changed it (items added and moved in session).
    let items = crate::journal::agenda(meeting, &crate::journal::Session::replay(&s.entries, s.group));
    let known: HashSet<&str> = items.iter().map(|i| i.id.as_str()).collect();
    for item in &items {
        doc.heading(2, format!("{}. {}", item.id, item.title));
        for (line, _) in s.damage.iter().filter(|(_, i)| i.as_deref() == Some(item.id.as_str())) {
            mark(&mut doc, &mut problems, *line);
        }
        let events: Vec<&Entry> = s.entries.iter().filter(|e| item_of(&e.event) == Some(item.id.as_str())).collect();
        item_record(&mut doc, &mut problems, s, &events);
    }
    // Entries for items the agenda no longer has: kept, and marked.
    let mut orphans: Vec<&str> = s.entries.iter().filter_map(|e| item_of(&e.event)).filter(|i| !known.contains(i)).collect();
    orphans.dedup();
    let mut seen = HashSet::new();
    for id in orphans.into_iter().filter(|i| seen.insert(*i)) {
        doc.heading(2, format!("Item {id} (not on the agenda)"));
        let msg = format!("the journal has entries for agenda item `{id}`, which the agenda does not list");
        doc.problem(msg.clone());
        problems.push(msg);
        let events: Vec<&Entry> = s.entries.iter().filter(|e| item_of(&e.event) == Some(id)).collect();
        item_record(&mut doc, &mut problems, s, &events);
    }
    Minutes { doc, problems }
}

fn item_of(e: &Event) -> Option<&str> {
    e.item()
}

fn category(group: Option<&WorkingGroup>, name: &str) -> Option<Category> {
    group.and_then(|g| g.member(name)).map(|m| m.category)
}

/// A member's name in the record, marked when the membership does not know it.
fn who(s: &Sources, problems: &mut Vec<String>, doc: &mut Doc, name: &str) -> String {
    if s.group.is_some() && category(s.group, name).is_none() {
        let msg = format!("`{name}` spoke but is not in the membership of the working group");
        if !problems.contains(&msg) {
            doc.problem(msg.clone());
            problems.push(msg);
        }
    }
    name.to_string()
}

fn item_record(doc: &mut Doc, problems: &mut Vec<String>, s: &Sources, events: &[&Entry]) {
    // Where the chair last put the item (deferred, suspended); the agenda's own edits are no discussion of it.
    let mark = events.iter().rev().find_map(|e| if let Event::ItemMarked { mark, .. } = &e.event { Some(*mark) } else { None });
    let events: Vec<&Entry> = events
        .iter()
        .filter(|e| !matches!(e.event, Event::ItemAdded { .. } | Event::ItemMoved { .. } | Event::ItemMarked { .. }))
        .copied()
        .collect();
    let events = events.as_slice();
    let undecided = match mark {
        Some(ItemMark::Deferred) => "The item was deferred.",
        Some(ItemMark::Suspended) => "The item was suspended, to be resumed.",
        _ if events.is_empty() => "The item was not taken up.",
        _ => "No decision was recorded on the item.",
    };
    if events.is_empty() {
        doc.para(undecided);
        return;
    }
    // Interventions: Parties first, then Observers, then the Secretariat, each in speaking order.
    let mut interventions: Vec<(usize, &Entry)> =
        events.iter().enumerate().filter(|(_, e)| matches!(e.event, Event::Intervention { .. })).map(|(k, e)| (k, *e)).collect();
    let rank = |e: &Entry| match &e.event {
        Event::Intervention { member, .. } => match category(s.group, member) {
            Some(Category::Party) | None => 0,
            Some(Category::Secretariat) => 2,
            Some(_) => 1,
        },
        _ => 3,
    };
    interventions.sort_by_key(|(k, e)| (rank(e), *k));
    for (_, e) in &interventions {
        if let Event::Intervention { member, position, summary, .. } = &e.event {
            let name = who(s, problems, doc, member);
            doc.para(sentence(&name, *position, summary));
        }
    }
    // Proposals made, with their supporters and opponents among the speakers.
    for (k, e) in events.iter().enumerate() {
        let Event::ProposalMade { proposal, proponents, supporters, target, text, drafted_against, .. } = &e.event else { continue };
        let later = &events[k + 1..];
        let mut backers: Vec<String> = supporters.clone();
        let mut against: Vec<String> = Vec::new();
        for l in later {
            if let Event::Intervention { member, position, .. } = &l.event {
                match position {
                    Position::Supports if !backers.contains(member) && !proponents.contains(member) => backers.push(member.clone()),
                    Position::Opposes if !against.contains(member) => against.push(member.clone()),
                    _ => {}
                }
            }
        }
        let names: Vec<String> = proponents.iter().map(|p| who(s, problems, doc, p)).collect();
        let mut line = and_list(&names);
        if !backers.is_empty() {
            line.push_str(&format!(", supported by {},", and_list(&backers)));
        }
        line.push_str(&format!(" proposed to amend {} to read:", describe(target)));
        doc.para(line);
        let base = drafted_against.clone().or_else(|| {
            s.proposals.iter().find(|p| &p.id == proposal).and_then(|p| {
                p.changes.iter().find_map(|c| match c {
                    crate::group::Change::Replace { drafted_against, .. } => Some(drafted_against.clone()),
                    _ => None,
                })
            })
        });
        match base {
            Some(b) => doc.compared(1, diff_words(&b, text, None)),
            None => doc.pieces(1, vec![Piece::new(PieceKind::Ins, text.clone())]),
        }
        if !against.is_empty() {
            doc.para(format!("{} opposed the proposal.", and_list(&against)));
        }
        // Data decides: a proposal the proposals file holds is recorded, whatever the journal knows of its commit.
        if !git_has(events, &e.id) && !s.proposals.iter().any(|p| &p.id == proposal) {
            let why = failure(events, &e.id).unwrap_or_else(|| "no commit of it was recorded".into());
            let msg = format!("proposal {proposal} was not recorded in git: {why}");
            doc.problem(msg.clone());
            problems.push(msg);
        }
    }
    dropped(doc, problems, s, events);
    match events.iter().rev().find_map(|e| match &e.event {
        Event::Decision { outcome, text, adopt, .. } => Some((e, *outcome, text.clone(), adopt)),
        _ => None,
    }) {
        Some((entry, outcome, text, adopt)) => {
            if text.trim().is_empty() {
                let msg = "a decision was recorded with no text".to_string();
                doc.problem(msg.clone());
                problems.push(msg);
            }
            doc.para(decision(outcome, &text));
            if let Event::Decision { vote: Some(v), .. } = &entry.event {
                doc.para(voted(v));
            }
            adopted(doc, problems, s, events, entry, adopt);
        }
        None => doc.para(undecided),
    }
}

/// `paragraph 23 b)`, `preambular paragraph 1`: a target as delegates cite it.
fn describe(target: &str) -> String {
    target.parse::<crate::resolution::ParagraphRef>().map(|r| r.describe()).unwrap_or_else(|_| format!("paragraph {target}"))
}

/// One intervention in the style of CITES summary records. A summary that
/// starts with the position's own verb ("Supports …", "asked whether …")
/// is not given the verb twice.
fn sentence(name: &str, position: Position, summary: &str) -> String {
    let summary = summary.trim().trim_end_matches('.');
    if summary.is_empty() {
        return match position {
            Position::General => format!("{name} took the floor."),
            Position::Supports => format!("{name} supported the proposal."),
            Position::Opposes => format!("{name} opposed the proposal."),
            Position::AsksQuestion => format!("{name} asked a question."),
            Position::ProposesText => format!("{name} proposed text."),
        };
    }
    let (first, rest) = summary.split_once(' ').unwrap_or((summary, ""));
    let verb = first.to_lowercase();
    let stems: &[&str] = match position {
        Position::Supports => &["support", "supports", "supported"],
        Position::Opposes => &["oppose", "opposes", "opposed"],
        Position::AsksQuestion => &["ask", "asks", "asked"],
        Position::ProposesText => &["propose", "proposes", "proposed"],
        Position::General => &[],
    };
    if stems.contains(&verb.as_str()) && !rest.is_empty() {
        let past = match position {
            Position::Supports => "supported",
            Position::Opposes => "opposed",
            Position::AsksQuestion => "asked",
            _ => "proposed",
        };
        return format!("{name} {past} {rest}.");
    }
    let starts_lower = summary.chars().next().is_some_and(|c| c.is_lowercase());
    match position {
        Position::Supports if starts_lower => format!("{name} supported the proposal and {summary}."),
        Position::Supports => format!("{name} supported the proposal: {summary}."),
        Position::Opposes if starts_lower => format!("{name} opposed the proposal and {summary}."),
        Position::Opposes => format!("{name} opposed the proposal: {summary}."),
        Position::AsksQuestion => format!("{name} asked {}{summary}.", if starts_lower { "" } else { "about the following: " }),
        Position::ProposesText => format!("{name} proposed text: {summary}."),
        Position::General if starts_lower => format!("{name} {summary}."),
        Position::General => format!("{name}: {summary}."),
    }
}

/// The decision in the style of CITES records.
fn decision(outcome: Outcome, text: &str) -> String {
    let t = text.trim();
    if !t.is_empty() && t.starts_with(WG) {
        return t.to_string();
    }
    let rest = |verb: &str| if t.is_empty() { format!("{WG} {verb}.") } else { format!("{WG} {verb} {}", end(t)) };
    match outcome {
        Outcome::Agreed => rest("agreed"),
        Outcome::AgreedAsAmended => rest("agreed, as amended,"),
        Outcome::Noted => rest("noted"),
        Outcome::Deferred => {
            if t.is_empty() {
                format!("{WG} deferred consideration of the item.")
            } else {
                format!("{WG} deferred consideration of the item: {}", end(t))
            }
        }
        Outcome::NoConsensus => {
            if t.is_empty() {
                format!("{WG} did not reach consensus on the item.")
            } else {
                format!("{WG} did not reach consensus: {}", end(t))
            }
        }
    }
}

fn end(t: &str) -> String {
    if t.ends_with('.') { t.to_string() } else { format!("{t}.") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_read_like_a_record() {
        assert_eq!(
            sentence("Kenya", Position::Supports, "noted that three months was enough"),
            "Kenya supported the proposal and noted that three months was enough."
        );
        assert_eq!(sentence("IUCN", Position::General, "recalled Decision 19.66"), "IUCN recalled Decision 19.66.");
        assert_eq!(
            sentence("Brazil", Position::AsksQuestion, "whether six months remained the limit"),
            "Brazil asked whether six months remained the limit."
        );
        assert_eq!(
            decision(Outcome::Agreed, "to recommend the amendment to the Standing Committee"),
            "The working group agreed to recommend the amendment to the Standing Committee."
        );
        assert_eq!(decision(Outcome::Deferred, ""), "The working group deferred consideration of the item.");
        assert_eq!(decision(Outcome::Agreed, "The working group agreed."), "The working group agreed.");
        // The position's verb is never said twice.
        assert_eq!(
            sentence("Kenya", Position::Supports, "Supports the three-month justification"),
            "Kenya supported the three-month justification."
        );
        assert_eq!(
            sentence("Brazil", Position::AsksQuestion, "asked whether six months remained"),
            "Brazil asked whether six months remained."
        );
        assert_eq!(sentence("Kenya", Position::ProposesText, "proposed two months"), "Kenya proposed two months.");
        assert_eq!(
            sentence("Kenya", Position::ProposesText, "Two months instead of three"),
            "Kenya proposed text: Two months instead of three."
        );
        assert_eq!(
            sentence("Kenya", Position::ProposesText, "two months instead of three"),
            "Kenya proposed text: two months instead of three."
        );
        assert_eq!(sentence("Kenya", Position::General, ""), "Kenya took the floor.");
        assert_eq!(describe("preamble 1"), "preambular paragraph 1");
        assert_eq!(describe("23 b)"), "paragraph 23 b)");
    }
}
