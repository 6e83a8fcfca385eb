//! The room's state that must survive changes only through the journal:
//! for random sequences of room actions, replaying the journal gives
//! exactly the live session (speakers and their order, the floor and its
//! countdown, Parties first, decisions and their commits, corrections).

mod common;

use common::TempRepo;
use gavel::journal::{Journal, Session};
use gavel::tui::Room;
use gavel::tui::app::{Action, Pane};
use gavel::workspace::Workspace;
use proptest::prelude::*;

const T0: i64 = 1_738_674_000;

#[derive(Debug, Clone)]
enum Op {
    TakeUp(usize),
    Add(usize, bool),
    Select(usize),
    Remove,
    Move(bool),
    Floor,
    Time(bool),
    Pause,
    Record(usize, bool),
    Order,
    Attend(usize),
    Decide(usize),
    Correct,
    Strike,
    Wait(u8),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0usize..10).prop_map(Op::TakeUp),
        (0usize..8, any::<bool>()).prop_map(|(m, p)| Op::Add(m, p)),
        (0usize..5).prop_map(Op::Select),
        Just(Op::Remove),
        any::<bool>().prop_map(Op::Move),
        Just(Op::Floor),
        any::<bool>().prop_map(Op::Time),
        Just(Op::Pause),
        (0usize..5, any::<bool>()).prop_map(|(p, s)| Op::Record(p, s)),
        Just(Op::Order),
        (0usize..6).prop_map(Op::Attend),
        (0usize..5).prop_map(Op::Decide),
        Just(Op::Correct),
        Just(Op::Strike),
        (1u8..90).prop_map(Op::Wait),
    ]
}

const MEMBERS: [&str; 8] = ["kenya", "botsw", "iucn", "traffic", "brazil", "namib", "new zea", "secretariat"];

fn perform(room: &mut Room, op: &Op, t: &mut i64) {
    let now = *t;
    let go = |room: &mut Room, a: Action| room.update(a, now);
    match op {
        Op::TakeUp(k) => {
            go(room, Action::Focus(Pane::Agenda));
            room.agenda_selected = *k;
            go(room, Action::Confirm);
        }
        Op::Add(m, poo) => {
            go(room, Action::OpenAddSpeaker { point_of_order: *poo });
            for c in MEMBERS[*m].chars() {
                go(room, Action::Type(c));
            }
            go(room, Action::Confirm);
        }
        Op::Select(k) => {
            go(room, Action::Focus(Pane::Speakers));
            room.speaker_selected = *k;
        }
        Op::Remove => go(room, Action::RemoveSpeaker),
        Op::Move(up) => go(room, Action::MoveSpeaker(if *up { -1 } else { 1 })),
        Op::Floor => go(room, Action::GiveFloor),
        Op::Time(more) => go(room, if *more { Action::MoreTime } else { Action::LessTime }),
        Op::Pause => go(room, Action::PauseFloor),
        Op::Record(p, summary) => {
            go(room, Action::OpenRecord);
            // Nobody on the floor: the room asks whose intervention it is.
            go(room, Action::Confirm);
            for _ in 0..*p {
                go(room, Action::NextChoice);
            }
            if *summary {
                for c in "noted the proposal".chars() {
                    go(room, Action::Type(c));
                }
            }
            go(room, Action::Confirm);
            // "Proposes text" opens the editor: leave it.
            go(room, Action::Cancel);
        }
        Op::Order => go(room, Action::ToggleOrder),
        Op::Attend(k) => {
            go(room, Action::OpenAttendance);
            for _ in 0..*k {
                go(room, Action::Down);
            }
            go(room, Action::Confirm);
            go(room, Action::Cancel);
        }
        Op::Decide(o) => {
            go(room, Action::OpenDecide);
            for _ in 0..*o {
                go(room, Action::NextChoice);
            }
            go(room, Action::Confirm);
            for c in "decided".chars() {
                go(room, Action::Type(c));
            }
            go(room, Action::Confirm);
            // Agreed as amended opens the editor: leave it unsaved.
            go(room, Action::Cancel);
            go(room, Action::Cancel);
        }
        Op::Correct => {
            go(room, Action::OpenCorrections);
            go(room, Action::Confirm);
            go(room, Action::Type('!'));
            go(room, Action::Confirm);
            go(room, Action::Cancel);
            go(room, Action::Cancel);
        }
        Op::Strike => {
            go(room, Action::OpenCorrections);
            go(room, Action::Strike);
            go(room, Action::Confirm);
            go(room, Action::Cancel);
        }
        Op::Wait(s) => *t += i64::from(*s),
    }
    *t += 1;
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn replaying_the_journal_gives_the_live_session(ops in proptest::collection::vec(op(), 1..40)) {
        let repo = TempRepo::bundled();
        let ws = Workspace::load(repo.path());
        let m = gavel::tui::choose_meeting(&ws, Some("sc78-session")).unwrap();
        let mut room = Room::open(&ws, m, T0);
        let mut t = T0;
        for o in &ops {
            perform(&mut room, o, &mut t);
        }
        let (entries, problems) = Journal::new(room.journal_path.clone()).read();
        prop_assert!(problems.is_empty(), "{:?}", problems);
        let group = ws.group("sc78-wg-11-3").map(|g| g.value.clone());
        let replayed = Session::replay(&entries, group.as_ref());
        prop_assert_eq!(&room.session, &replayed);
        // And a room opened on the journal stands where this one stands.
        let again = Room::open(&ws, m, t);
        prop_assert_eq!(&again.session, &room.session);
        room.update(Action::Tick, t);
        prop_assert_eq!(again.floor(), room.floor());
        prop_assert_eq!(again.floor_paused(), room.floor_paused());
    }
}
