//! Parts of the record that a session adds beside the interventions:
//! attendance, proposals withdrawn or rejected, and votes.

use super::*;

/// Who was present at each session: those the chair marked, and those who
/// took the floor unless the chair marked them absent. Sessions with no one
/// present either way are left out.
pub(super) fn attendance(doc: &mut Doc, s: &Sources) {
    let replayed = crate::journal::Session::replay(&s.entries, s.group);
    let mut any = false;
    let mut sessions = crate::journal::sessions(&s.entry.meeting.value);
    // Sessions attendance names that the agenda does not (a journal older than its agenda): as marked.
    for e in &s.entries {
        if let Event::Attendance { session, .. } = &e.event
            && !sessions.iter().any(|(t, _)| t == session)
        {
            sessions.push((session.clone(), Vec::new()));
        }
    }
    for (session, items) in sessions {
        let mut present = replayed.present_at(&session, &items);
        // In the membership's order (the bundled groups list Parties alphabetically), strangers last.
        let place = |m: &String| s.group.and_then(|g| g.members.iter().position(|x| &x.name == m)).unwrap_or(usize::MAX);
        present.sort_by_key(place);
        if present.is_empty() {
            continue;
        }
        any = true;
        let (parties, others): (Vec<String>, Vec<String>) =
            present.into_iter().partition(|m| category(s.group, m) == Some(Category::Party));
        let mut line = format!("Present at {session}: ");
        line.push_str(&format!("Parties: {}", if parties.is_empty() { "none".into() } else { parties.join(", ") }));
        if !others.is_empty() {
            line.push_str(&format!("; Observers and others: {}", others.join(", ")));
        }
        doc.para(line + ".");
    }
    if !any {
        doc.para("Attendance was not recorded.");
    }
}

/// Proposals withdrawn or rejected under the item, as the record says it.
pub(super) fn dropped(doc: &mut Doc, problems: &mut Vec<String>, s: &Sources, events: &[&Entry]) {
    for e in events {
        let Event::ProposalDropped { proposal, status, reason, .. } = &e.event else { continue };
        let p = s.proposals.iter().find(|p| &p.id == proposal);
        let by = p.map(|p| and_list(&p.proponents)).unwrap_or_default();
        let what = match p {
            Some(p) if !by.is_empty() => format!("The proposal of {by}, “{}” ({proposal}),", p.title),
            _ => format!("The proposal {proposal}"),
        };
        let how = match status {
            crate::group::Status::Withdrawn => "was withdrawn at the request of its proponents",
            _ => "was rejected",
        };
        let why = if reason.is_empty() { String::new() } else { format!(" ({reason})") };
        doc.para(format!("{what} {how}{why}."));
        if !git_has(events, &e.id) && p.is_none_or(|p| p.status != *status) {
            let why = failure(events, &e.id).unwrap_or_else(|| "no commit of it was recorded".into());
            let msg = format!("proposal {proposal} was not marked {} in git: {why}", status.as_str());
            doc.problem(msg.clone());
            problems.push(msg);
        }
    }
}

/// A vote as CITES records say it: the counts, and in a roll-call who voted how.
pub(super) fn voted(v: &crate::journal::Vote) -> String {
    use crate::journal::Ballot;
    let n = |k: u32, one: &str, many: &str| format!("{k} {}", if k == 1 { one } else { many });
    let mut s = format!(
        "The decision was taken by {}vote, with {} in favour, {} against and {}.",
        if v.roll_call.is_empty() { "" } else { "roll-call " },
        n(v.in_favour, "vote", "votes"),
        v.against,
        n(v.abstaining, "abstention", "abstentions")
    );
    for (b, how) in [(Ballot::InFavour, "In favour"), (Ballot::Against, "Against"), (Ballot::Abstaining, "Abstaining")] {
        let who = v.voting(b);
        if !v.roll_call.is_empty() {
            s.push_str(&format!(" {how}: {}.", if who.is_empty() { "none".to_string() } else { who.join(", ") }));
        }
    }
    s
}
