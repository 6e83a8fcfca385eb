//! Data is shown, never obeyed: every field of every data file (names,
//! titles, proposal text, targets, resolution text, journal summaries,
//! commit authors) carries escape sequences, and no output of any command
//! holds a raw ESC, C1 control or bidi override from them; the data is made
//! visible instead. A file written with `-o` keeps the data as it is.

mod common;

use common::demo::Demo;
use gavel::journal::{Entry, Event, Journal, Outcome, Position};

/// Reset the terminal, switch to line-drawing characters, ring the bell,
/// clear the screen and set the window title with C1 controls, and a
/// right-to-left override. (No square brackets: in text they mean "not agreed".)
const P: &str = "\x1bc\x1b(0\x07\u{9b}2J\u{9d}0;pwned\u{9c}\u{202e}";

/// The keys of JSON strings that are free text (or names, consistently
/// extended everywhere they are used); the others are identifiers, dates,
/// times and enumerations that must stay valid for the files to load.
const TEXT_KEYS: &[&str] = &[
    "name",
    "body",
    "established",
    "source",
    "title",
    "chapeau",
    "text",
    "short_name",
    "note",
    "venue",
    "presenters",
    "documents",
    "proponents",
    "supporters",
    "drafted_against",
    "closing",
];

fn inject(v: &mut serde_json::Value, key: Option<&str>) {
    match v {
        serde_json::Value::String(s) if key.is_some_and(|k| TEXT_KEYS.contains(&k)) => s.push_str(P),
        serde_json::Value::Array(a) => a.iter_mut().for_each(|x| inject(x, key)),
        serde_json::Value::Object(o) => o.iter_mut().for_each(|(k, x)| inject(x, Some(k))),
        _ => {}
    }
}

/// The demo with the payload in every text field of every file, a journal
/// whose names and summaries carry it, and a chair whose git name does.
fn poisoned() -> Demo {
    let d = Demo::new(Some((&format!("Kenya{P}"), "chair@ke.invalid")));
    for rel in [
        "agendas/sc78-wg-11-3/group.json",
        "agendas/sc78-wg-11-3/sc78-session.meeting.json",
        "agendas/niap-2018/group.json",
        "agendas/niap-2018/maputo.meeting.json",
        "resolutions/conf-11.3.proposals.json",
    ] {
        let path = d.dir.join(rel);
        let mut v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        inject(&mut v, None);
        std::fs::write(&path, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    }
    // Resolution text: every provision, the title and the note (not the symbol or the marker the parser needs).
    for rel in ["resolutions/conf-11.3.txt", "resolutions/conf-19.3.txt"] {
        let path = d.dir.join(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        let out: Vec<String> = text
            .lines()
            .map(|l| {
                let keep = l.trim().is_empty()
                    || l.starts_with("Symbol:")
                    || l.starts_with("Revision:")
                    || l.starts_with("THE CONFERENCE")
                    || l.starts_with("[^");
                if keep { l.to_string() } else { format!("{l}{P}") }
            })
            .collect();
        std::fs::write(&path, out.join("\n") + "\n").unwrap();
    }
    // Committed by an author whose name carries the payload too.
    let g = d.git();
    let mut index = g.index().unwrap();
    index.add_all(["agendas", "resolutions"], git2::IndexAddOption::DEFAULT, None).unwrap();
    index.write().unwrap();
    let tree = g.find_tree(index.write_tree().unwrap()).unwrap();
    let sig = git2::Signature::now(&format!("A drafter{P}"), "drafter@x.invalid").unwrap();
    let parent = g.head().unwrap().peel_to_commit().unwrap();
    g.commit(Some("HEAD"), &sig, &sig, &format!("Poisoned data{P}"), &tree, &[&parent]).unwrap();
    let meeting = d.dir.join("agendas/sc78-wg-11-3/sc78-session.meeting.json");
    let mut j = Journal::new(Journal::path_for(&meeting));
    let kenya = format!("Kenya{P}");
    let events = vec![
        Event::Attendance { session: format!("Working group session{P}"), member: kenya.clone(), present: true },
        Event::ItemTakenUp { item: "7".into() },
        Event::Intervention {
            item: "7".into(),
            member: kenya.clone(),
            position: Position::Supports,
            summary: format!("introduced the proposal{P}"),
            proposed_text: None,
            target: None,
        },
        Event::Intervention {
            item: "7".into(),
            member: format!("Nobody{P}"),
            position: Position::General,
            summary: format!("spoke{P}"),
            proposed_text: None,
            target: None,
        },
        Event::Decision { item: "7".into(), outcome: Outcome::Agreed, text: format!("to recommend it{P}"), adopt: vec![], vote: None },
    ];
    for (k, event) in events.into_iter().enumerate() {
        j.append(&Entry::new(1_738_674_000 + k as i64 * 60, event)).unwrap();
    }
    std::fs::write(d.dir.join("old.txt"), format!("Parties report within six months{P}.\n")).unwrap();
    std::fs::write(d.dir.join("new.txt"), format!("Parties report within three months{P}.\n")).unwrap();
    d
}

/// What the term printer writes itself: its marks for deleted and inserted text, and the reset.
const OWN_SGR: [&str; 3] = ["\x1b[9;31m", "\x1b[4;32m", "\x1b[0m"];

fn is_raw(c: char) -> bool {
    c == '\x1b' || c == '\x07' || ('\u{80}'..='\u{9f}').contains(&c) || ('\u{202a}'..='\u{202e}').contains(&c)
}

/// The text around byte `at`, for a message.
fn around(s: &str, at: usize) -> String {
    let before: Vec<char> = s[..at].chars().rev().take(60).collect();
    before.into_iter().rev().chain(s[at..].chars().take(10)).collect()
}

/// Runs a command and asserts that neither its output nor its messages hold
/// raw control characters from data; returns its output.
fn shown(d: &Demo, args: &[&str]) -> String {
    let out = d.gavel(args);
    let mut stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    if args.contains(&"term") {
        for sgr in OWN_SGR {
            stdout = stdout.replace(sgr, "");
        }
    }
    for (what, s) in [("output", &stdout), ("messages", &stderr)] {
        if let Some((at, c)) = s.char_indices().find(|&(_, c)| is_raw(c)) {
            panic!("gavel {args:?}: raw U+{:04X} in its {what}: {:?}", c as u32, around(s, at));
        }
    }
    assert!(out.status.success() || args[0] == "check", "gavel {args:?} failed: {stderr}");
    stdout + &stderr
}

/// The same for a command that is to fail, with a message.
fn refused(d: &Demo, args: &[&str]) -> String {
    let out = d.gavel(args);
    assert!(!out.status.success(), "gavel {args:?} should fail");
    let all = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    if let Some((at, c)) = all.char_indices().find(|&(_, c)| is_raw(c)) {
        panic!("gavel {args:?}: raw U+{:04X} in {:?}", c as u32, around(&all, at));
    }
    all
}

#[test]
fn no_command_writes_a_raw_control_character_from_data() {
    let d = poisoned();
    let mut seen = String::new();
    let mut run = |args: &[&str]| seen.push_str(&shown(&d, args));
    run(&["status"]);
    run(&["check"]);
    run(&["show", "Conf. 11.3"]);
    run(&["show", "Conf. 11.3", "23"]);
    run(&["show", "Conf. 11.3", "--outline"]);
    run(&["proposals", "Conf. 11.3"]);
    for f in ["txt", "term", "md", "html"] {
        run(&["diff", "Conf. 11.3", "--format", f]);
        run(&["diff", "--text", "old.txt", "new.txt", "--format", f]);
        run(&["annex", "Conf. 11.3", "--format", f]);
        run(&["minutes", "sc78-session", "--format", f]);
        run(&["report", "sc78-session", "--format", f]);
    }
    run(&["adopt", "Conf. 11.3", "23 b)"]);
    for f in ["txt", "term", "md", "html"] {
        run(&["history", "Conf. 11.3", "23 b)", "--format", f]);
        run(&["diff", "Conf. 11.3", "--from", "conf-11.3/rev-cop19", "--format", f]);
    }
    run(&["withdraw", "Conf. 11.3", "sc78-37-13g"]);
    // The data went through: shown, not dropped.
    assert!(seen.contains("␛c␛(0␇"), "the escape is made visible");
    assert!(seen.contains("<U+009B>2J<U+009D>0;pwned<U+009C>") && seen.contains("<U+202E>"), "C1 and bidi controls are named");
    assert!(seen.contains("Kenya␛c"), "the commit author is shown");
}

#[test]
fn broken_data_is_reported_without_raw_controls_and_check_says_where() {
    let d = poisoned();
    let check = shown(&d, &["check"]);
    assert!(check.contains("control character (U+001B)"), "{check}");
    assert!(check.contains("conf-11.3.txt:6:"), "a resolution's line is named: {check}");
    // A target that is not a reference: the finding quotes it, shown.
    let path = d.dir.join("resolutions/conf-11.3.proposals.json");
    let text = std::fs::read_to_string(&path).unwrap().replacen("\"23 b)\"", &serde_json::to_string(&format!("23 b){P}")).unwrap(), 1);
    std::fs::write(&path, text).unwrap();
    let found = refused(&d, &["check"]);
    assert!(found.contains("23 b)␛c"), "{found}");
    refused(&d, &["diff", "Conf. 11.3"]);
    let annex = refused(&d, &["annex", "Conf. 11.3"]);
    assert!(annex.contains("␛"), "{annex}");
}

#[test]
fn a_file_holds_the_data_as_it_is() {
    let d = poisoned();
    let out = d.gavel(&["annex", "Conf. 11.3", "--format", "txt", "-o", "annex.txt"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let file = std::fs::read_to_string(d.dir.join("annex.txt")).unwrap();
    assert!(file.contains(P), "the file is data, not display");
    let html = d.gavel(&["annex", "Conf. 11.3", "--format", "html", "-o", "annex.html"]);
    assert!(html.status.success());
    let page = std::fs::read_to_string(d.dir.join("annex.html")).unwrap();
    assert!(!page.chars().any(is_raw), "HTML cannot hold control characters: shown");
}

#[test]
fn the_room_shows_the_controls_in_data() {
    use gavel::tui::app::{Action, Pane};
    let d = poisoned();
    let ws = gavel::workspace::Workspace::load(&d.dir);
    let m = gavel::tui::choose_meeting(&ws, Some("sc78-session")).unwrap();
    let mut app = gavel::tui::Room::open(&ws, m, 1_738_674_000);
    app.color = false;
    app.update(Action::Focus(Pane::Agenda), 1_738_674_000);
    app.agenda_selected = 6;
    app.update(Action::Confirm, 1_738_674_000);
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(160, 50)).unwrap();
    t.draw(|f| gavel::tui::view::draw(f, &app)).unwrap();
    let screen: String = t.backend().buffer().content.iter().map(|c| c.symbol()).collect();
    assert!(!screen.chars().any(is_raw), "{screen}");
    assert!(screen.contains("␛c␛(0␇"), "shown, not dropped: {screen}");
}
