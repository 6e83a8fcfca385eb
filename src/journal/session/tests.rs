use super::*;
use crate::journal::Position;

fn group() -> WorkingGroup {
    serde_json::from_str(crate::bundled::file("agendas/sc78-wg-11-3/group.json").unwrap().text).unwrap()
}

fn at(t: i64, event: Event) -> Entry {
    Entry { id: format!("t-{t}"), at: t, event }
}

fn add(t: i64, m: &str, poo: bool) -> Entry {
    at(t, Event::SpeakerAdded { item: "2".into(), member: m.into(), point_of_order: poo })
}

#[test]
fn parties_before_observers_and_points_of_order_first() {
    let g = group();
    let entries = vec![
        at(0, Event::ItemTakenUp { item: "2".into() }),
        add(1, "IUCN", false),
        add(2, "Kenya", false),
        add(3, "TRAFFIC", false),
        add(4, "Botswana", false),
        add(5, "Brazil", true),
    ];
    let s = Session::replay(&entries, Some(&g));
    let order: Vec<&str> = s.item("2").unwrap().speakers.iter().map(|x| x.member.as_str()).collect();
    assert_eq!(order, ["Brazil", "Kenya", "Botswana", "IUCN", "TRAFFIC"]);
}

#[test]
fn floor_interventions_decisions_and_time_used() {
    let g = group();
    let entries = vec![
        at(100, Event::ItemTakenUp { item: "2".into() }),
        add(101, "Kenya", false),
        at(110, Event::FloorGiven { item: "2".into(), member: "Kenya".into(), seconds: 180 }),
        at(
            200,
            Event::Intervention {
                item: "2".into(),
                member: "Kenya".into(),
                position: Position::Supports,
                summary: "s".into(),
                proposed_text: None,
                target: None,
            },
        ),
        at(
            300,
            Event::Decision {
                item: "2".into(),
                outcome: Outcome::Agreed,
                text: "The working group agreed.".into(),
                adopt: vec![],
                vote: None,
            },
        ),
        at(400, Event::ItemTakenUp { item: "3".into() }),
    ];
    let s = Session::replay(&entries, Some(&g));
    assert_eq!(s.current.as_deref(), Some("3"));
    assert_eq!(s.status("2"), ItemStatus::Concluded);
    assert_eq!(s.status("3"), ItemStatus::UnderDiscussion);
    assert_eq!(s.status("4"), ItemStatus::Pending);
    // From its taking up (100) to its decision (300): the time after it is not the item's.
    assert_eq!(s.used("2", 1000), 200);
    // Decided and still the current item, hours later (the room closed for a break): still 200.
    let decided = Session::replay(&entries[..entries.len() - 1], Some(&g));
    assert_eq!((decided.current.as_deref(), decided.status("2")), (Some("2"), ItemStatus::Concluded));
    assert_eq!(decided.used("2", 3 * 3600), 200);
    assert_eq!(s.used("3", 460), 60);
    assert!(s.item("2").unwrap().floor.is_none());
    assert_eq!(s.item("2").unwrap().interventions.len(), 1);
}
