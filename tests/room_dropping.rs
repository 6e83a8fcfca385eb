//! Withdrawing and rejecting proposals in the room: journaled, committed
//! through the same use case as `gavel withdraw` and `gavel reject`, the
//! tree clean after, and the record saying what git says.

mod common;

use common::demo::Demo;
use gavel::journal::{Event, Journal};
use gavel::tui::Room;
use gavel::tui::app::{Action, Mode, Pane};

use common::room::T0;

fn room(dir: &std::path::Path) -> Room {
    common::room::on_item(dir, 1)
}

fn drop_first(r: &mut Room, reject: bool, reason: &str) -> String {
    r.update(Action::OpenProposals, T0);
    let Mode::Proposals { .. } = r.mode else { panic!("{:?}", r.mode) };
    let id = r.item_proposals()[0].id.clone();
    r.update(Action::DropProposal { reject }, T0);
    for c in reason.chars() {
        r.update(Action::Type(c), T0);
    }
    r.update(Action::Confirm, T0);
    id
}

#[test]
fn a_proposal_withdrawn_and_one_rejected_in_session_are_commits_and_in_the_record() {
    let d = Demo::new(Some(("New Zealand (co-Chair)", "chair@nz.invalid")));
    let mut r = room(&d.dir);
    let before = r.item_proposals().len();
    assert!(before >= 2, "item 2 has proposals to drop");
    let withdrawn = drop_first(&mut r, false, "at Kenya's request");
    assert!(r.notice.as_deref().is_some_and(|n| n.contains(&format!("proposal {withdrawn} withdrawn"))), "{:?}", r.notice);
    let rejected = drop_first(&mut r, true, "");
    assert_eq!(r.item_proposals().len(), before - 2, "neither is pending any more");

    // Git: one commit each, by the chair, the proposals file says so, the tree is clean.
    let git = d.git();
    let mut walk = git.revwalk().unwrap();
    walk.push_head().unwrap();
    let messages: Vec<String> = walk.take(2).map(|o| git.find_commit(o.unwrap()).unwrap().message().unwrap().to_string()).collect();
    assert!(messages[0].contains(&format!("proposal {rejected} rejected")), "{}", messages[0]);
    assert!(messages[1].contains(&format!("proposal {withdrawn} withdrawn at the request of")), "{}", messages[1]);
    assert!(messages[1].contains("at Kenya's request") && messages[1].contains("Meeting: sc78-session"), "{}", messages[1]);
    let file = std::fs::read_to_string(d.dir.join("resolutions/conf-11.3.proposals.json")).unwrap();
    assert!(file.contains("\"withdrawn\"") && file.contains("\"rejected\""));
    let status = std::process::Command::new("git").args(["status", "--porcelain"]).current_dir(&d.dir).output().unwrap();
    // Only the journal's tail (what git did, recorded after the commit) is not committed yet, as with every room commit.
    assert_eq!(String::from_utf8_lossy(&status.stdout), " M agendas/sc78-wg-11-3/sc78-session.journal.jsonl\n");

    // The journal: each drop, then what git did with it.
    let (entries, _) = Journal::new(r.journal_path.clone()).read();
    let dropped: Vec<&str> = entries
        .iter()
        .filter_map(|e| if let Event::ProposalDropped { proposal, .. } = &e.event { Some(proposal.as_str()) } else { None })
        .collect();
    assert_eq!(dropped, [withdrawn.as_str(), rejected.as_str()]);
    assert_eq!(entries.iter().filter(|e| matches!(e.event, Event::Committed { .. })).count(), 2);

    // The record says what git says.
    let out = d.gavel(&["minutes", "sc78-session", "--format", "txt"]);
    let minutes = String::from_utf8_lossy(&out.stdout);
    assert!(minutes.contains(&format!("({withdrawn}), was withdrawn at the request of its proponents (at Kenya's request).")), "{minutes}");
    assert!(minutes.contains(&format!("({rejected}), was rejected.")), "{minutes}");
    assert!(!minutes.contains("not marked"), "{minutes}");
}

#[test]
fn a_decision_taken_by_vote_carries_it_to_the_journal_and_the_record() {
    use gavel::journal::{Ballot, Vote};
    let d = Demo::new(Some(("New Zealand (co-Chair)", "chair@nz.invalid")));
    let mut r = room(&d.dir);
    // Counts: noted, by 12 votes to 3 with 1 abstention.
    r.update(Action::OpenDecide, T0);
    r.update(Action::NextChoice, T0);
    r.update(Action::NextChoice, T0); // noted
    r.update(Action::OpenVote, T0);
    for c in "12 3 1".chars() {
        r.update(Action::Type(c), T0);
    }
    r.update(Action::Confirm, T0);
    assert!(
        matches!(&r.mode, Mode::Decide { vote: Some(v), .. } if *v == Vote { in_favour: 12, against: 3, abstaining: 1, roll_call: vec![] })
    );
    for c in "noted the report".chars() {
        r.update(Action::Type(c), T0);
    }
    r.update(Action::Confirm, T0);
    // Item 8 by roll-call: the first Party in favour, the second against, the third abstaining.
    r.update(Action::Focus(Pane::Agenda), T0);
    r.agenda_selected = 7;
    r.update(Action::Confirm, T0);
    r.update(Action::OpenDecide, T0);
    r.update(Action::NextChoice, T0);
    r.update(Action::NextChoice, T0);
    r.update(Action::OpenVote, T0);
    r.update(Action::NextChoice, T0); // roll-call
    let Mode::Vote { ballots, .. } = &r.mode else { panic!("{:?}", r.mode) };
    let parties: Vec<String> = ballots.iter().map(|(m, _)| m.clone()).collect();
    for b in [Ballot::InFavour, Ballot::Against, Ballot::Abstaining] {
        r.update(Action::Ballot(b), T0);
    }
    r.update(Action::Confirm, T0);
    for c in "noted the gaps".chars() {
        r.update(Action::Type(c), T0);
    }
    r.update(Action::Confirm, T0);
    let (entries, _) = Journal::new(r.journal_path.clone()).read();
    let votes: Vec<Vote> =
        entries.iter().filter_map(|e| if let Event::Decision { vote: Some(v), .. } = &e.event { Some(v.clone()) } else { None }).collect();
    assert_eq!(votes.len(), 2);
    assert_eq!((votes[1].in_favour, votes[1].against, votes[1].abstaining), (1, 1, 1));

    let out = d.gavel(&["minutes", "sc78-session", "--format", "txt"]);
    let minutes = String::from_utf8_lossy(&out.stdout);
    assert!(minutes.contains("The decision was taken by vote, with 12 votes in favour, 3 against and 1 abstention."), "{minutes}");
    let roll = format!(
        "The decision was taken by roll-call vote, with 1 vote in favour, 1 against and 1 abstention. In favour: {}. Against: {}. Abstaining: {}.",
        parties[0], parties[1], parties[2]
    );
    assert!(minutes.contains(&roll), "{minutes}");
}
