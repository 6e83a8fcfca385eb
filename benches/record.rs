//! The summary record of a session with 500 interventions and 50 proposals.
//! Goal: 50 ms or less.

mod common;

use std::hint::black_box;
use std::path::Path;

use common::{Rng, measure};
use gavel::journal::{Entry, Event, Journal, Outcome, Position};
use gavel::record::{Sources, minutes};
use gavel::workspace::Workspace;

fn main() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    for f in gavel::bundled::FILES {
        let p = root.join(f.path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, f.text).unwrap();
    }
    let ws = Workspace::load(root);
    let group = ws.group("sc78-wg-11-3").unwrap().value.clone();
    let res = ws.resolutions.iter().find(|r| r.value.header.symbol.to_string() == "Conf. 11.3").unwrap().value.clone();
    let provisions: Vec<(String, String)> =
        (0..res.nodes.len()).map(|i| (res.address(gavel::resolution::NodeIdx(i)).to_string(), res.nodes[i].text.clone())).collect();
    let mut rng = Rng(7);
    let mut j = Journal::new(Journal::path_for(&root.join("agendas/sc78-wg-11-3/sc78-session.meeting.json")));
    let mut t = 1_738_674_000;
    let mut push = |e: Event| {
        t += 30;
        j.append(&Entry::new(t, e)).unwrap();
    };
    let (mut interventions, mut proposals) = (0, 0);
    for item in 1..=10 {
        let item = item.to_string();
        push(Event::ItemTakenUp { item: item.clone() });
        for k in 0..50 {
            let m = &group.members[rng.below(group.members.len())].name;
            let position = Position::ALL[rng.below(5)];
            push(Event::Intervention {
                item: item.clone(),
                member: m.clone(),
                position,
                summary: format!("noted point {k} on the item, with reference to the mandate"),
                proposed_text: None,
                target: None,
            });
            interventions += 1;
            if k % 10 == 0 {
                let (target, text) = &provisions[rng.below(provisions.len())];
                push(Event::ProposalMade {
                    item: item.clone(),
                    proposal: format!("p{item}-{k}"),
                    proponents: vec![m.clone()],
                    supporters: vec![],
                    target: target.clone(),
                    text: text.replacen(' ', " promptly ", 1),
                    drafted_against: None,
                    draft: None,
                });
                proposals += 1;
            }
        }
        push(Event::Decision {
            item: item.clone(),
            outcome: Outcome::Agreed,
            text: format!("to take item {item} forward"),
            adopt: vec![],
            vote: None,
        });
    }
    println!("== A session of {interventions} interventions and {proposals} proposals (goal: 50 ms or less)");
    let m = ws.meetings.iter().position(|m| m.id == "sc78-session").unwrap();
    let build = measure("read the journal and write the record (Markdown)", 30, || {
        let ws = Workspace::load(Path::new(root));
        let (s, _) = Sources::of(&ws, m);
        black_box(gavel::render::print::md::print(&minutes(&s).doc, false));
    });
    let (s, _) = Sources::of(&ws, m);
    measure("the record alone, from loaded sources", 30, || {
        black_box(gavel::render::print::md::print(&minutes(&s).doc, false));
    });
    println!("goal: the record in 50 ms or less: {} (median {build:.3?})", if build.as_millis() <= 50 { "met" } else { "NOT MET" });
}
