//! `--format json` of show, proposals, history, check and status, read back
//! and compared with what the library and the text output say.

mod common;

use common::demo::Demo;
use serde_json::Value;

fn json(d: &Demo, args: &[&str]) -> (Option<i32>, Value) {
    let o = d.gavel(args);
    let text = String::from_utf8(o.stdout).unwrap();
    let v = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{args:?}: {e}\n{text}"));
    (o.status.code(), v)
}

#[test]
fn show_gives_every_provision_as_cited() {
    let d = Demo::kenya();
    let (code, v) = json(&d, &["show", "11.3", "--format", "json"]);
    assert_eq!(code, Some(0));
    assert_eq!(v["schema"], "gavel.show/1");
    assert_eq!(v["resolution"]["symbol"], "Conf. 11.3");
    let ws = gavel::workspace::Workspace::load(&d.dir);
    let res = &ws.resolutions.iter().find(|r| r.value.header.symbol.to_string() == "Conf. 11.3").unwrap().value;
    let provisions = v["provisions"].as_array().unwrap();
    assert_eq!(provisions.len(), res.nodes.len());
    // Each cite leads back to the provision with that text, as `gavel show` reads it.
    for p in provisions {
        let r: gavel::resolution::ParagraphRef = p["cite"].as_str().unwrap().parse().unwrap();
        let gavel::resolution::resolve::Target::Node(i) = res.resolve(&r).unwrap() else { panic!() };
        assert_eq!(p["text"], res.node(i).text.as_str());
        assert_eq!(p["id"], res.node(i).id.0.as_str());
    }
    let b = provisions.iter().find(|p| p["cite"] == "23 b)").unwrap();
    assert_eq!((b["kind"].as_str(), b["depth"].as_u64(), b["parent"].as_str()), (Some("sub-paragraph"), Some(1), Some("para_23")));
    let (_, one) = json(&d, &["show", "11.3", "13 a)", "--format", "json"]);
    let cites: Vec<&str> = one["provisions"].as_array().unwrap().iter().map(|p| p["cite"].as_str().unwrap()).collect();
    assert_eq!(cites[0], "13 a)");
    assert!(cites.iter().all(|c| c.starts_with("13 a)")), "{cites:?}");
    let (_, outline) = json(&d, &["show", "11.3", "--outline", "--format", "json"]);
    assert!(outline["provisions"][0].get("text").is_none());
    assert_eq!(d.gavel(&["show", "11.3", "99 z)", "--format", "json"]).status.code(), Some(2));
}

#[test]
fn proposals_history_status_and_check_read_back() {
    let d = Demo::kenya();
    let (_, v) = json(&d, &["proposals", "11.3", "--format", "json"]);
    assert_eq!(v["schema"], "gavel.proposals/1");
    let ps = v["proposals"].as_array().unwrap();
    assert_eq!(ps.len(), 4);
    // A proposal reads back as the proposals file's own format.
    let p: gavel::group::Proposal = {
        let mut o = ps[3].clone();
        o.as_object_mut().unwrap().remove("states");
        serde_json::from_value(o).unwrap()
    };
    assert_eq!(p.id, ps[3]["id"].as_str().unwrap());
    assert!(ps.iter().all(|p| p["states"].as_array().unwrap().iter().all(|s| s == "applies")));

    // Adopt one: history shows the decision, newest first, and its change as runs of text.
    let o = d.gavel(&["adopt", "11.3", "23 b)", "--meeting", "sc78-session", "--item", "7"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let (_, h) = json(&d, &["history", "11.3", "23 b)", "--format", "json"]);
    assert_eq!(h["schema"], "gavel.history/1");
    let steps = h["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 2);
    assert_eq!(steps[0]["meeting"], "sc78-session");
    assert_eq!(steps[0]["agenda_item"], "7");
    assert_eq!(steps[0]["proposed_by"], serde_json::json!(["Kenya", "New Zealand"]));
    let after: String =
        steps[0]["changes"].as_array().unwrap().iter().filter(|c| c["kind"] != "del").map(|c| c["text"].as_str().unwrap()).collect();
    let before: String =
        steps[0]["changes"].as_array().unwrap().iter().filter(|c| c["kind"] != "ins").map(|c| c["text"].as_str().unwrap()).collect();
    assert!(after.ends_with(steps[0]["after"]["text"].as_str().unwrap()), "{after}");
    assert!(before.ends_with(steps[0]["before"]["text"].as_str().unwrap()), "{before}");
    assert!(steps[0]["date"].as_str().unwrap().contains('T'));
    // Asked again, answered from the cache: the same document.
    let (_, again) = json(&d, &["history", "11.3", "23 b)", "--format", "json"]);
    assert_eq!(again, h);
    let (_, p2) = json(&d, &["proposals", "11.3", "--format", "json"]);
    let adopted = p2["proposals"].as_array().unwrap().iter().find(|p| p["status"] == "adopted").unwrap();
    assert_eq!(adopted["states"], serde_json::json!(["decided"]));

    let (_, s) = json(&d, &["status", "--format", "json"]);
    assert_eq!(s["schema"], "gavel.status/1");
    let r = s["resolutions"].as_array().unwrap().iter().find(|r| r["symbol"] == "Conf. 11.3").unwrap().clone();
    assert_eq!((r["proposals"].as_u64(), r["pending"].as_u64()), (Some(4), Some(3)));
    let g = s["groups"].as_array().unwrap().iter().find(|g| g["id"] == "sc78-wg-11-3").unwrap().clone();
    assert_eq!(g["mandate"], "19.66");
    assert_eq!(g["meetings"][0]["id"], "sc78-session");

    // A broken file: check's JSON locates it, and the status is 1 as in text.
    std::fs::write(d.dir.join("agendas/sc78-wg-11-3/sc78-session.meeting.json"), "{\n  \"title\": 3\n}\n").unwrap();
    let (code, c) = json(&d, &["check", "--format", "json"]);
    assert_eq!(code, Some(1));
    assert_eq!(c["schema"], "gavel.check/1");
    assert!(c["errors"].as_u64().unwrap() >= 1);
    let f = c["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with("sc78-session.meeting.json"))
        .unwrap()
        .clone();
    assert_eq!((f["severity"].as_str(), f["line"].as_u64()), (Some("error"), Some(2)));
}

/// Escape sequences in data reach the terminal as JSON escapes, never raw; the data reads back the same.
#[test]
fn control_characters_are_escaped() {
    let d = Demo::kenya();
    let path = d.dir.join("resolutions/conf-11.3.proposals.json");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("Professional bodies: new preambular paragraph", "Professional \\u001b[2J bodies \\u009b", 1))
        .unwrap();
    let o = d.gavel(&["--keep-going", "proposals", "11.3", "--format", "json"]);
    assert!(!o.stdout.contains(&0x1b));
    assert!(!String::from_utf8_lossy(&o.stdout).contains('\u{9b}'));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["proposals"][0]["title"], "Professional \u{1b}[2J bodies \u{9b}");
}
