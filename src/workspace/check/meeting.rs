//! Checks of a meeting's agenda: its group, days and sessions in order,
//! item times within their session, ids, mandate topics, proposals, minutes allotted.

use std::collections::HashMap;

use super::super::{MeetingEntry, Workspace};
use crate::diag::Diagnostic;
use crate::json::{Seg, locate};

use Seg::{Index, Key};

impl Workspace {
    pub(super) fn check_meeting(&self, m: &MeetingEntry, found: &mut Vec<Diagnostic>) {
        let src = &m.meeting.source;
        let path = &m.meeting.path;
        let err = |p: &[Seg], msg: String| {
            let (l, c) = locate(src, p);
            Diagnostic::error(path, l, c, msg)
        };
        let meeting = &m.meeting.value;
        let group = self.group(&meeting.group);
        if meeting.group != m.group {
            found.push(
                err(&[Key("group")], format!("the meeting is in the folder of `{}` but names group `{}`", m.group, meeting.group))
                    .hint("a meeting belongs in its group's folder under agendas/"),
            );
        } else if !self.group_exists(&meeting.group) {
            found.push(err(&[Key("group")], format!("no working group `{}` in agendas/", meeting.group)));
        }
        let proposal_ids: Vec<&str> = self.proposals.iter().flat_map(|p| p.value.proposals.iter().map(|x| x.id.as_str())).collect();
        let mut ids: HashMap<&str, ()> = HashMap::new();
        let mut last_date = None;
        for (d, day) in meeting.days.iter().enumerate() {
            if last_date.is_some_and(|ld| ld >= day.date) {
                found.push(
                    err(&[Key("days"), Index(d), Key("date")], format!("{} does not come after the day before it", day.date))
                        .hint("list the days in order, each once"),
                );
            }
            last_date = Some(day.date);
            let mut prev_end = None;
            for (s, session) in day.sessions.iter().enumerate() {
                let sp = [Key("days"), Index(d), Key("sessions"), Index(s)];
                if session.end <= session.start {
                    found.push(err(
                        &[sp.as_slice(), &[Key("end")]].concat(),
                        format!("session `{}` ends ({}) before it starts ({})", session.title, session.end, session.start),
                    ));
                }
                if prev_end.is_some_and(|e| session.start < e) {
                    found.push(
                        err(
                            &[sp.as_slice(), &[Key("start")]].concat(),
                            format!("session `{}` starts at {} before the session before it ends", session.title, session.start),
                        )
                        .hint("sessions of a day follow one another"),
                    );
                }
                prev_end = Some(session.end);
                // Items with clock times do not overlap within a session, unless it says its items run
                // in parallel; a break may fall inside an item (it interrupts it).
                let mut timed: Vec<(usize, &crate::group::AgendaItem)> = session
                    .items
                    .iter()
                    .enumerate()
                    .filter(|_| !session.parallel)
                    .filter(|(_, it)| it.kind == crate::group::ItemKind::Item && it.start.is_some() && it.end.is_some())
                    .collect();
                timed.sort_by_key(|(_, it)| it.start);
                for w in timed.windows(2) {
                    let ((_, a), (k, b)) = (w[0], w[1]);
                    if let (Some(a_end), Some(b_start)) = (a.end, b.start)
                        && b_start < a_end
                    {
                        found.push(
                            err(
                                &[sp.as_slice(), &[Key("items"), Index(k), Key("start")]].concat(),
                                format!(
                                    "item `{}` ({b_start}-{}) overlaps item `{}` ({}-{a_end})",
                                    b.id,
                                    b.end.map(|e| e.to_string()).unwrap_or_default(),
                                    a.id,
                                    a.start.map(|s| s.to_string()).unwrap_or_default()
                                ),
                            )
                            .hint("items of a session follow one another: move one of them (or, if they do run at the same time, say `\"parallel\": true` on the session)"),
                        );
                    }
                }
                for (i, item) in session.items.iter().enumerate() {
                    let ip: Vec<Seg> = [sp.as_slice(), &[Key("items"), Index(i)]].concat();
                    let at = |k: &'static str| -> Vec<Seg> { ip.iter().cloned().chain([Key(k)]).collect() };
                    if ids.insert(&item.id, ()).is_some() {
                        found.push(
                            err(&at("id"), format!("agenda item id `{}` is used twice", item.id))
                                .hint("every item needs its own id: the record refers to items by it"),
                        );
                    }
                    match (item.start, item.end) {
                        (Some(st), Some(en)) => {
                            if en <= st {
                                found.push(err(&at("end"), format!("item `{}` ends ({en}) before it starts ({st})", item.id)));
                            }
                            if st < session.start || en > session.end {
                                found.push(
                                    err(
                                        &at("start"),
                                        format!(
                                            "item `{}` ({st}-{en}) is outside its session ({}-{})",
                                            item.id, session.start, session.end
                                        ),
                                    )
                                    .hint("keep the item's times within its session's"),
                                );
                            }
                        }
                        (Some(_), None) => found.push(err(&at("start"), format!("item `{}` has a start but no end", item.id))),
                        (None, Some(_)) => found.push(err(&at("end"), format!("item `{}` has an end but no start", item.id))),
                        (None, None) => {}
                    }
                    if let (Some(topic), Some(g)) = (&item.topic, group)
                        && !g.value.mandate.topics.iter().any(|t| &t.label == topic)
                    {
                        let labels: Vec<&str> = g.value.mandate.topics.iter().map(|t| t.label.as_str()).collect();
                        found.push(err(
                            &at("topic"),
                            format!(
                                "topic {topic} is not in the mandate (Decision {}), whose topics are {}",
                                g.value.mandate.decision,
                                labels.join(" ")
                            ),
                        ));
                    }
                    for (k, pid) in item.proposals.iter().enumerate() {
                        if !proposal_ids.contains(&pid.as_str()) {
                            found.push(
                                err(&[ip.as_slice(), &[Key("proposals"), Index(k)]].concat(), format!("no proposal `{pid}`"))
                                    .hint("name a proposal id from a resolutions/*.proposals.json file"),
                            );
                        }
                    }
                }
            }
        }
        let allotted: u32 = meeting.items().filter_map(|(_, _, i)| i.minutes).sum();
        for (d, day) in meeting.days.iter().enumerate() {
            for (s, session) in day.sessions.iter().enumerate() {
                let length = (session.end.minutes.saturating_sub(session.start.minutes)) as u32;
                let minutes: u32 = session.items.iter().filter_map(|i| i.minutes).sum();
                if minutes > length && allotted > 0 {
                    found.push(
                        Diagnostic::warning(
                            path,
                            locate(src, &[Key("days"), Index(d), Key("sessions"), Index(s)]).0,
                            1,
                            format!("session `{}` allots {minutes} minutes to its items but lasts {length}", session.title),
                        )
                        .hint("shorten the items' minutes or lengthen the session"),
                    );
                }
            }
        }
    }
}
