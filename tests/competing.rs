//! Two proposals that insert at the same place compete, as two that replace
//! the same provision do: the body of SC78 Doc. 37 (paragraph 17) and its
//! Annex word the new 13 g) differently; proposed side by side, only one can
//! be adopted, and check, diff, the annex and the room say so.

mod common;

use common::demo::Demo;
use gavel::tui::app::{Action, Mode, Pane};

const BODY_13G: &str = "in developing or reviewing national legislation consider the role of professional bodies involved in CITES and the appropriate enforcement standards for the members of professional bodies, including whether certain professional bodies should be held to higher standards than the general public if they are acting in contravention of the Convention;";

/// The demo with the body's wording of 13 g) proposed after the Annex's.
fn demo() -> Demo {
    let d = Demo::kenya();
    let path = d.dir.join("resolutions/conf-11.3.proposals.json");
    let mut v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    v["proposals"].as_array_mut().unwrap().push(serde_json::json!({
        "id": "body-13g",
        "title": "Professional bodies: 13 g) as worded in paragraph 17",
        "group": "sc78-wg-11-3",
        "proponents": ["Botswana"],
        "status": "pending",
        "changes": [{ "op": "insert", "after": "13 f)", "text": BODY_13G }]
    }));
    std::fs::write(&path, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    d
}

fn out(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr)
}

#[test]
fn competing_insertions_are_flagged_everywhere() {
    let d = demo();
    let check = out(&d.gavel(&["check"]));
    assert!(
        check.contains(
            "warning: proposal `body-13g` competes with proposal `sc78-37-13g`, which inserts at the same place (after paragraph 13 f))"
        ),
        "{check}"
    );
    let diff = out(&d.gavel(&["diff", "Conf. 11.3", "13"]));
    assert!(diff.contains("# Competes with proposal body-13g (Botswana)"), "{diff}");
    assert!(diff.contains("# Competes with proposal sc78-37-13g (Kenya, New Zealand)"), "{diff}");
    // The annex applies the first and lists the second as not shown: never both as g) and h).
    let annex = d.gavel(&["annex", "Conf. 11.3", "--format", "txt"]);
    let text = out(&annex);
    assert!(annex.status.success());
    assert!(!text.contains("h) in developing or reviewing"), "{text}");
    assert!(text.contains("Not shown: proposal body-13g (Botswana): competes with proposal `sc78-37-13g`"), "{text}");
    assert!(text.contains("warning: proposal body-13g is not shown in the annex"), "{text}");
    // Adopting one supersedes the other.
    d.commit(&["resolutions/conf-11.3.proposals.json"], "Botswana proposes the body's wording of 13 g)");
    let adopted = d.gavel(&["adopt", "Conf. 11.3", "13 f)", "--proposal", "body-13g"]);
    assert!(adopted.status.success(), "{}", out(&adopted));
    let file = std::fs::read_to_string(d.dir.join("resolutions/conf-11.3.proposals.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&file).unwrap();
    let status = |id: &str| v["proposals"].as_array().unwrap().iter().find(|p| p["id"] == id).unwrap()["status"].clone();
    assert_eq!(status("sc78-37-13g"), "superseded");
}

#[test]
fn the_room_marks_them_side_by_side() {
    let d = demo();
    let ws = gavel::workspace::Workspace::load(&d.dir);
    let m = gavel::tui::choose_meeting(&ws, Some("sc78-session")).unwrap();
    let mut room = gavel::tui::Room::open(&ws, m, 1_738_674_000);
    room.update(Action::Focus(Pane::Agenda), 1_738_674_000);
    room.agenda_selected = 1;
    room.update(Action::Confirm, 1_738_674_000);
    room.update(Action::Focus(Pane::Resolution), 1_738_674_000);
    room.resolution_selected = room.blocks.iter().position(|b| b.id.0 == "para_13__f").unwrap();
    room.update(Action::OpenCompeting, 1_738_674_000);
    let Mode::Competing { columns, .. } = &room.mode else { panic!("{:?} {:?}", room.mode, room.notice) };
    let titles: Vec<&String> = columns.iter().map(|(t, _)| t).collect();
    assert!(titles.iter().any(|t| t.starts_with("body-13g") && t.contains("COMPETES with sc78-37-13g")), "{titles:?}");
    assert!(titles.iter().any(|t| t.starts_with("sc78-37-13g") && t.contains("COMPETES with body-13g")), "{titles:?}");
}
