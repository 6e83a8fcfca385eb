//! What every command prints, in every format, on the demo repository with a
//! session journaled: the snapshots in `tests/snapshots/` are the reviewed
//! output. A change to any of them shows as a diff in review (`cargo insta
//! review`, or `INSTA_UPDATE=always cargo test --test snapshots` and `git diff`).

mod common;

use std::io::Read;

use common::demo::Demo;
use gavel::journal::{Entry, Event, Journal, Outcome, Position};

/// The demo, with a session of item 7 journaled and a text file pair for `diff --text`.
fn demo() -> Demo {
    let d = Demo::kenya();
    let meeting = d.dir.join("agendas/sc78-wg-11-3/sc78-session.meeting.json");
    let mut j = Journal::new(Journal::path_for(&meeting));
    let iv = |member: &str, position: Position, summary: &str| Event::Intervention {
        item: "7".into(),
        member: member.into(),
        position,
        summary: summary.into(),
        proposed_text: None,
        target: None,
    };
    let events = vec![
        Event::Attendance { session: "Working group session (2025-02-04)".into(), member: "Kenya".into(), present: true },
        Event::Attendance { session: "Working group session (2025-02-04)".into(), member: "TRAFFIC".into(), present: true },
        Event::ItemTakenUp { item: "7".into() },
        iv("Kenya", Position::General, "introduced the proposal on timeframes"),
        iv("TRAFFIC", Position::Opposes, "considered three months too short for some Parties"),
        Event::Decision {
            item: "7".into(),
            outcome: Outcome::Agreed,
            text: "to recommend the amendment of paragraph 23 b) to the Standing Committee".into(),
            adopt: vec![],
            vote: None,
        },
    ];
    for (k, event) in events.into_iter().enumerate() {
        j.append(&Entry::new(1_738_674_000 + k as i64 * 60, event)).unwrap();
    }
    std::fs::write(
        d.dir.join("old.txt"),
        "Compliance and enforcement\n\nParties should report within six months.\n\nThe Secretariat shall assist.\n",
    )
    .unwrap();
    std::fs::write(
        d.dir.join("new.txt"),
        "Compliance and enforcement\n\nParties should report within three months.\n\nThe Secretariat shall assist Parties.\n",
    )
    .unwrap();
    d
}

fn run(d: &Demo, args: &[&str]) -> String {
    let out = d.gavel(args);
    assert!(out.status.success(), "gavel {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    // The temporary folder's name differs in every run.
    String::from_utf8(out.stdout).unwrap().replace(&d.dir.display().to_string(), "<repo>").replace('\x1b', "<ESC>")
}

/// `word/document.xml` of a DOCX written with `-o`.
fn docx_body(d: &Demo, args: &[&str]) -> String {
    let path = d.dir.join("out.docx");
    let mut all: Vec<&str> = args.to_vec();
    let p = path.display().to_string();
    all.extend(["-o", &p]);
    let out = d.gavel(&all);
    assert!(out.status.success(), "gavel {all:?}: {}", String::from_utf8_lossy(&out.stderr));
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml").unwrap().read_to_string(&mut xml).unwrap();
    // One element a line, so that a change shows where it is.
    xml.replace("><", ">\n<")
}

const TEXT_FORMATS: [&str; 4] = ["txt", "term", "md", "html"];

#[test]
fn every_command_in_every_format() {
    let d = demo();
    let snap = |name: &str, text: String| insta::assert_snapshot!(name, text);
    snap("show", run(&d, &["show", "Conf. 11.3"]));
    snap("show_23", run(&d, &["show", "Conf. 11.3", "23"]));
    snap("show_outline", run(&d, &["show", "Conf. 11.3", "--outline"]));
    snap("status", run(&d, &["status"]));
    snap("check", run(&d, &["check"]));
    snap("proposals", run(&d, &["proposals", "Conf. 11.3"]));
    for f in TEXT_FORMATS {
        snap(&format!("diff_{f}"), run(&d, &["diff", "Conf. 11.3", "--format", f]));
        snap(&format!("diff_13g_{f}"), run(&d, &["diff", "Conf. 11.3", "13", "--format", f]));
        snap(&format!("diff_text_{f}"), run(&d, &["diff", "--text", "old.txt", "new.txt", "--format", f]));
        snap(&format!("diff_text_context_{f}"), run(&d, &["diff", "--text", "old.txt", "new.txt", "--context", "0", "--format", f]));
        snap(&format!("annex_{f}"), run(&d, &["annex", "Conf. 11.3", "--format", f]));
    }
    for f in TEXT_FORMATS {
        snap(&format!("history_{f}"), run(&d, &["history", "Conf. 11.3", "13 a)", "--format", f]));
    }
    for f in ["txt", "md", "html"] {
        snap(&format!("minutes_{f}"), run(&d, &["minutes", "sc78-session", "--format", f]));
        snap(&format!("report_{f}"), run(&d, &["report", "sc78-session", "--format", f]));
    }
    snap("annex_docx", docx_body(&d, &["annex", "Conf. 11.3", "--date", "2025-02-04"]));
    snap("annex_docx_tracked", docx_body(&d, &["annex", "Conf. 11.3", "--date", "2025-02-04", "--track-changes"]));
    snap("diff_13_docx", docx_body(&d, &["diff", "Conf. 11.3", "13"]));
    snap("minutes_docx", docx_body(&d, &["minutes", "sc78-session"]));
    snap("report_docx", docx_body(&d, &["report", "sc78-session"]));
    // What was adopted since the text in force: a replacement and a new provision.
    run(&d, &["adopt", "Conf. 11.3", "23 b)"]);
    run(&d, &["adopt", "Conf. 11.3", "10"]);
    for f in TEXT_FORMATS {
        snap(&format!("diff_from_{f}"), run(&d, &["diff", "Conf. 11.3", "--from", "conf-11.3/rev-cop19", "--format", f]));
    }
}
