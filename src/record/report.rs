//! The working group's report to its parent body, in the shape of SC78
//! Doc. 37: background (the mandate), membership, approach, deliberations
//! per topic, recommendations, and the annex with the proposed amendments as
//! tracked changes.

use super::minutes::{Sources, minutes};
use crate::group::Category;
use crate::journal::{Event, Outcome, agenda_items};
use crate::redline::{Piece, PieceKind};
use crate::render::annex::{NOTE, build, build_since};
use crate::render::document::Document as Doc;
use crate::workspace::Workspace;

/// A resolution as it was before the working group's amendments (at a
/// tagged revision): what the report's annex of agreed amendments starts from.
pub struct Before {
    pub resolution: crate::resolution::Resolution,
    /// The proposals adopted by then.
    pub adopted: Vec<String>,
    /// The revision it was read at (`conf-11.3/rev-cop19`).
    pub rev: String,
}

/// Writes the report of the group that held `meeting`; `before` holds the
/// texts the group's amendments are shown against.
pub fn report(ws: &Workspace, meeting: usize, before: &[Before]) -> (Doc, Vec<String>) {
    let (sources, mut problems) = Sources::of(ws, meeting);
    let record = minutes(&sources);
    problems.extend(record.problems.iter().cloned());
    let entry = sources.entry;
    let Some(group) = sources.group else {
        let mut doc = Doc::new(format!("Report of the meeting {}", entry.meeting.value.title));
        doc.heading(1, doc.title.clone());
        doc.elements.extend(record.doc.elements.into_iter().skip(1));
        doc.problem(format!("no working group `{}`: the report has no mandate or membership", entry.group));
        return (doc, problems);
    };
    let mut doc = Doc::new(format!("Report of the {}", group.name));
    doc.heading(1, doc.title.clone());
    let mut n = 0;
    let mut numbered = |doc: &mut Doc, text: String| {
        n += 1;
        doc.para(format!("{n}. {text}"));
    };

    doc.heading(2, "Background");
    let m = &group.mandate;
    let established = group.established.as_deref().map(|e| format!("At {e}, the ")).unwrap_or_else(|| "The ".into());
    if m.is_written() {
        numbered(
            &mut doc,
            format!(
                "{established}{} established the {} with the mandate of Decision {} on {}, which provides that, {}",
                group.body, group.name, m.decision, m.title, m.chapeau
            ),
        );
    } else {
        numbered(&mut doc, format!("{established}{} established the {}.", group.body, group.name));
        doc.problem(format!("the mandate of `{}` is still to be written in its group.json", entry.group));
    }
    for t in &m.topics {
        doc.pieces(1, vec![Piece::new(PieceKind::Same, format!("{} {}", t.label, t.text))]);
    }
    if let Some(c) = &m.closing {
        doc.para(c.clone());
    }

    doc.heading(2, "Working group membership");
    let names = |pred: fn(Category) -> bool| -> Vec<String> {
        group
            .members
            .iter()
            .filter(|x| pred(x.category))
            .map(|x| match (&x.short_name, x.roles.contains(&crate::group::Role::CoChair)) {
                (_, true) => format!("{} (co-Chair)", x.name),
                (Some(s), _) if x.category != Category::Party => format!("{} ({s})", x.name),
                _ => x.name.clone(),
            })
            .collect()
    };
    let parties = names(|c| c == Category::Party);
    let observers = names(Category::is_observer);
    // A group of a new working group may have no Observers yet: no empty list is written.
    let count = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let sentence = match (parties.is_empty(), observers.is_empty()) {
        (_, true) => format!("The working group comprises {}: {}.", count(parties.len(), "Party", "Parties"), parties.join(", ")),
        (true, false) => {
            format!("The working group comprises {}: {}.", count(observers.len(), "Observer", "Observers"), observers.join(", "))
        }
        (false, false) => format!(
            "The working group comprises {} and {}: {}; {}.",
            count(parties.len(), "Party", "Parties"),
            count(observers.len(), "Observer", "Observers"),
            parties.join(", "),
            observers.join(", ")
        ),
    };
    numbered(&mut doc, sentence);

    doc.heading(2, "Approach of the working group");
    let meetings: Vec<String> = ws
        .meetings
        .iter()
        .filter(|x| x.group == entry.group)
        .map(|x| {
            let d: Vec<String> = x.meeting.value.days.iter().map(|d| d.date.to_string()).collect();
            format!(
                "{} ({}{})",
                x.meeting.value.title,
                x.meeting.value.venue.as_deref().map(|v| format!("{v}, ")).unwrap_or_default(),
                d.join(", ")
            )
        })
        .collect();
    numbered(&mut doc, format!("The working group met as follows: {}.", meetings.join("; ")));

    doc.heading(2, "Deliberations");
    // The record of each item, under the mandate topic it takes up.
    let items = agenda_items(&entry.meeting.value);
    for el in record.doc.elements.iter().skip_while(|e| !matches!(e, crate::record::Element::Heading(2, _))) {
        if let crate::record::Element::Heading(2, t) = el {
            let item = items.iter().find(|i| t.starts_with(&format!("{}. ", i.id)));
            let topic = item.and_then(|i| i.topic.as_ref()).and_then(|t| m.topics.iter().find(|x| &x.label == t));
            let heading = match (item, topic) {
                (Some(i), Some(tp)) => format!("{} (topic {} of Decision {})", i.title, tp.label, m.decision),
                (Some(i), None) => i.title.clone(),
                (None, _) => t.clone(),
            };
            doc.heading(3, heading);
            continue;
        }
        doc.elements.push(el.clone());
    }

    doc.heading(2, "Recommendations");
    let agreed: Vec<String> = sources
        .entries
        .iter()
        .filter_map(|e| match &e.event {
            Event::Decision { item, outcome: Outcome::Agreed | Outcome::AgreedAsAmended, text, .. } => {
                let title = items.iter().find(|i| &i.id == item).map(|i| i.title.clone()).unwrap_or_else(|| item.clone());
                Some(format!("{title}: {}", if text.trim().is_empty() { "agreed".into() } else { text.trim().to_string() }))
            }
            _ => None,
        })
        .collect();
    numbered(&mut doc, format!("The {} is invited to:", group.body));
    if agreed.is_empty() {
        doc.pieces(1, vec![Piece::new(PieceKind::Same, "take note of this report.")]);
    }
    for (k, a) in agreed.iter().enumerate() {
        let label = crate::resolution::label::format_value(crate::resolution::LabelKind::LowerAlpha, k as u32 + 1);
        doc.pieces(1, vec![Piece::new(PieceKind::Same, format!("{label}) consider the working group's conclusion on {a}"))]);
    }

    // The annexes: for each resolution the group works on, the amendments
    // agreed (against the text before them), then the proposals still pending.
    for name in &group.resolutions {
        let Ok(res) = ws.resolution(name) else { continue };
        let proposals: Vec<&crate::group::Proposal> =
            ws.proposals_on(&res.value).map(|f| f.value.proposals.iter().collect()).unwrap_or_default();
        if let Some(b) = before.iter().find(|b| b.resolution.header.symbol == res.value.header.symbol) {
            let mut new = res.value.clone();
            crate::resolution::identity::follow(&b.resolution, &mut new);
            let adopted = proposals.iter().copied().filter(|p| p.status == crate::group::Status::Adopted && !b.adopted.contains(&p.id));
            let annex = build_since(&b.resolution, &new, adopted, [], format!("Amendments agreed since {}.", b.rev), None);
            if annex.blocks.iter().any(|x| x.is_changed()) {
                doc.heading(2, format!("Annex: amendments agreed by the working group to {} {}", annex.symbol, annex.title));
                annex_body(&mut doc, &annex);
            }
        }
        let pending: Vec<&crate::group::Proposal> = proposals.into_iter().filter(|p| p.status == crate::group::Status::Pending).collect();
        if pending.is_empty() {
            continue;
        }
        let annex = build(&res.value, pending, None);
        let what = if before.is_empty() { "Annex:" } else { "Annex: proposals still pending on" };
        doc.heading(2, format!("{what} {} {}", annex.symbol, annex.title));
        annex_body(&mut doc, &annex);
    }
    (doc, problems)
}

/// The note, each provision with its changes, and the proposals left out.
fn annex_body(doc: &mut Doc, annex: &crate::render::annex::Annex) {
    if let Some(s) = &annex.subtitle {
        doc.para(s.clone());
    }
    doc.push(crate::render::Element::Legend(NOTE.to_string()));
    // The provisions as the annex prints them: labels hanging, sections as headings.
    doc.push(crate::render::Element::Provisions {
        shown: annex.blocks.iter().cloned().map(Some).collect(),
        authors: annex.authors.clone(),
    });
    for n in &annex.not_shown {
        doc.problem(format!(
            "proposal {} ({}) is not in the annex: {}",
            n.id,
            n.proponents,
            n.problems.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("; ")
        ));
    }
}
