//! The list of speakers as a chair keeps it: closed and reopened (journaled,
//! shown), a late request asked about, a member already listed left in place;
//! members found by their ISO codes; attendance searched, marked in bulk, and
//! counting who took the floor.

mod common;

use common::demo::Demo;
use gavel::journal::{Event, Journal};
use gavel::tui::Room;
use gavel::tui::app::{Action, Mode, Pane};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use common::room::T0;

fn room(dir: &std::path::Path) -> Room {
    common::room::on_item(dir, 6)
}

fn ask(r: &mut Room, name: &str, point_of_order: bool) {
    r.update(Action::OpenAddSpeaker { point_of_order }, T0);
    for c in name.chars() {
        r.update(Action::Type(c), T0);
    }
    r.update(Action::Confirm, T0);
}

fn screen(r: &Room) -> String {
    let mut t = Terminal::new(TestBackend::new(140, 40)).unwrap();
    t.draw(|f| gavel::tui::view::draw(f, r)).unwrap();
    common::room::text(t.backend().buffer())
}

#[test]
fn a_closed_list_asks_and_a_listed_member_stays_in_place() {
    let d = Demo::new(None);
    let mut r = room(&d.dir);
    ask(&mut r, "kenya", false);
    ask(&mut r, "canada", false);
    ask(&mut r, "kenya", false);
    assert_eq!(r.speakers(), ["Kenya", "Canada"], "Kenya stays first");
    assert_eq!(r.notice.as_deref(), Some("Kenya is already on the list (1): left in their place."));

    r.update(Action::ToggleList, T0);
    assert!(r.list_closed());
    assert!(screen(&r).contains("Speakers (LIST CLOSED"), "{}", screen(&r));
    // A late request: asked, and refused.
    ask(&mut r, "botswana", false);
    assert!(matches!(&r.mode, Mode::AddToClosed { member } if member == "Botswana"));
    assert!(screen(&r).contains("Add Botswana anyway?"));
    r.update(Action::Cancel, T0);
    assert_eq!(r.speakers(), ["Kenya", "Canada"]);
    // Asked again, and added at the end.
    ask(&mut r, "botswana", false);
    r.update(Action::Confirm, T0);
    assert_eq!(r.speakers(), ["Kenya", "Canada", "Botswana"]);
    // A point of order is never refused: to the front.
    ask(&mut r, "china", true);
    assert_eq!(r.speakers()[0], "China");

    // Journaled: a restarted room has the list closed, and reopening it is journaled too.
    let mut again = room(&d.dir);
    assert!(again.list_closed());
    again.update(Action::ToggleList, T0);
    assert!(!again.list_closed());
    let (entries, _) = Journal::new(again.journal_path.clone()).read();
    let closes: Vec<bool> =
        entries.iter().filter_map(|e| if let Event::ListClosed { closed, .. } = e.event { Some(closed) } else { None }).collect();
    assert_eq!(closes, [true, false]);
}

#[test]
fn usa_finds_the_united_states_before_born_free_usa() {
    let d = Demo::new(None);
    let r = room(&d.dir);
    let names = |q: &str| r.matches(q).iter().map(|m| m.name.clone()).collect::<Vec<_>>();
    assert_eq!(names("USA")[..2], ["United States of America", "Born Free USA"]);
    assert_eq!(names("us")[0], "United States of America");
    assert_eq!(names("United States")[0], "United States of America");
    assert_eq!(names("tanzania")[0], "United Republic of Tanzania");
    assert_eq!(names("TZ")[0], "United Republic of Tanzania", "the code first, then Switzerland");
}

#[test]
fn attendance_is_searched_marked_in_bulk_and_counts_who_spoke() {
    let d = Demo::new(None);
    let mut r = room(&d.dir);
    ask(&mut r, "kenya", false);
    r.update(Action::Focus(Pane::Speakers), T0);
    r.update(Action::GiveFloor, T0);
    r.update(Action::OpenRecord, T0 + 30);
    r.update(Action::Confirm, T0 + 30);
    r.update(Action::OpenAttendance, T0 + 40);
    let Mode::Attendance { session, .. } = &r.mode else { panic!("{:?}", r.mode) };
    let session = session.clone();
    // Kenya took the floor: present without being marked.
    assert_eq!(r.present_now(&session), ["Kenya"]);
    assert!(screen(&r).contains("[s] Kenya"), "{}", screen(&r));
    // Searching: "bots" finds Botswana; space marks it.
    for c in "bots".chars() {
        r.update(Action::Type(c), T0 + 41);
    }
    assert_eq!(r.attendance_list("bots"), ["Botswana"]);
    r.update(Action::Confirm, T0 + 41);
    assert_eq!(r.present_now(&session), ["Botswana", "Kenya"]);
    // The chair says Kenya was not present after all.
    for _ in 0..4 {
        r.update(Action::Backspace, T0 + 42);
    }
    for c in "kenya".chars() {
        r.update(Action::Type(c), T0 + 42);
    }
    r.update(Action::Confirm, T0 + 42);
    assert_eq!(r.present_now(&session), ["Botswana"]);
    // Every Party of the membership at once; then everyone.
    let group = r.group.clone().unwrap();
    let parties = group.members.iter().filter(|m| m.category == gavel::group::Category::Party).count();
    r.update(Action::MarkAll { parties: true }, T0 + 43);
    assert_eq!(r.present_now(&session).len(), parties);
    r.update(Action::MarkAll { parties: false }, T0 + 44);
    assert_eq!(r.present_now(&session).len(), group.members.len());
    // The record says the same.
    r.update(Action::Cancel, T0 + 45);
    r.update(Action::PreviewMinutes, T0 + 45);
    let Mode::Minutes { text, .. } = &r.mode else { panic!() };
    assert!(text.contains(&format!("Present at {session}: Parties: Benin, Botswana, Brazil, ")), "{text}");
}
