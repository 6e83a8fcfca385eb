//! Starting a group of one's own with the real binary: `gavel init`, then
//! members, a meeting and its items, each one commit, the tree clean, and
//! `gavel check` and the room's loader reading what was written. Mistakes
//! write nothing; two writers at once both land.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const AS: &str = "--as=Co-chairs <wg@x.invalid>";

fn gavel(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gavel"))
        .current_dir(dir)
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn ok(o: &Output) -> String {
    assert!(o.status.success(), "{}\n{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn subjects(dir: &Path) -> Vec<String> {
    let g = git2::Repository::open(dir).unwrap();
    let mut walk = g.revwalk().unwrap();
    walk.push_head().unwrap();
    walk.map(|o| g.find_commit(o.unwrap()).unwrap().summary_bytes().map(|b| String::from_utf8_lossy(b).into_owned()).unwrap()).collect()
}

fn clean(dir: &Path) -> bool {
    let g = git2::Repository::open(dir).unwrap();
    let mut o = git2::StatusOptions::new();
    o.include_untracked(true);
    g.statuses(Some(&mut o)).unwrap().is_empty()
}

fn mandate(tmp: &Path) -> PathBuf {
    let f = tmp.join("mandate.txt");
    std::fs::write(
        &f,
        "Decision 20.12: Review of Resolution Conf. 12.3 (Rev. CoP19)\n\nthe Standing Committee shall:\na) review electronic permits;\nb) review the guidance on\n   re-export certificates; and\n\nreport at CoP21.\n",
    )
    .unwrap();
    f
}

#[test]
fn a_group_started_from_nothing_runs_its_meeting() {
    let tmp = tempfile::tempdir().unwrap();
    let m = mandate(tmp.path());
    let out = ok(&gavel(
        tmp.path(),
        &[
            "init",
            "wg-12-3",
            "--group",
            "SC working group on Conf. 12.3",
            "--chair",
            "Kenya",
            "--chair",
            "New Zealand",
            "--mandate-file",
            m.to_str().unwrap(),
            AS,
        ],
    ));
    assert!(out.contains("Created the working-group repository"), "{out}");
    let dir = tmp.path().join("wg-12-3");
    ok(&gavel(&dir, &["member", "add", "Canada", "--category", "party", AS]));
    ok(&gavel(&dir, &["member", "add", "International Union for Conservation of Nature", "--short-name", "IUCN", "--category", "ngo", AS]));
    ok(&gavel(
        &dir,
        &["meeting", "new", "sc79", "--title", "Session at SC79", "--date", "2027-02-02", "--start", "13:00", "--end", "15:00", AS],
    ));
    ok(&gavel(&dir, &["meeting", "item", "add", "sc79", "--title", "Opening", "--minutes", "5", AS]));
    ok(&gavel(
        &dir,
        &[
            "meeting",
            "item",
            "add",
            "sc79",
            "--title",
            "Electronic permits",
            "--topic",
            "a)",
            "--presenter",
            "Kenya",
            "--minutes",
            "40",
            "--note",
            "Kenya introduces SC79 Doc. 12",
            AS,
        ],
    ));
    assert_eq!(
        subjects(&dir),
        [
            "Agenda of sc79: item 2 Electronic permits",
            "Agenda of sc79: item 1 Opening",
            "Meeting sc79: Session at SC79",
            "Add International Union for Conservation of Nature to the membership of wg-12-3",
            "Add Canada to the membership of wg-12-3",
            "Establish the SC working group on Conf. 12.3",
        ]
    );
    assert!(clean(&dir));
    let check = gavel(&dir, &["check"]);
    assert!(check.status.success() && String::from_utf8_lossy(&check.stdout).contains("0 errors, 0 warnings"), "{check:?}");
    // What the room loads is what was written.
    let ws = gavel::workspace::Workspace::load(&dir);
    let g = &ws.group("wg-12-3").unwrap().value;
    assert_eq!(g.mandate.decision, "20.12");
    assert_eq!(g.mandate.topics[1].text, "review the guidance on re-export certificates; and");
    assert_eq!(g.with_role(gavel::group::Role::CoChair).count(), 2);
    assert_eq!(g.member("IUCN").unwrap().category, gavel::group::Category::Ngo);
    let meeting = &ws.meetings[0].meeting.value;
    let items: Vec<(&str, Option<&str>)> = meeting.items().map(|(_, _, i)| (i.id.as_str(), i.topic.as_deref())).collect();
    assert_eq!(items, [("1", None), ("2", Some("a)"))]);
    // The room's `m` shows the item as the CLI wrote it: its mandate topic, presenter and note.
    let m = gavel::tui::choose_meeting(&ws, Some("sc79")).unwrap();
    let mut room = gavel::tui::Room::open(&ws, m, 1_738_674_000);
    room.agenda_selected = 1;
    room.update(gavel::tui::app::Action::ShowDocuments, 1_738_674_000);
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).unwrap();
    t.draw(|f| gavel::tui::view::draw(f, &room)).unwrap();
    let screen: String = t.backend().buffer().content().iter().map(|c| c.symbol()).collect();
    for shown in ["Item 2: Electronic permits", "a) review electronic permits;", "Presenters: Kenya", "Note: Kenya introduces SC79 Doc. 12"]
    {
        assert!(screen.contains(shown), "{shown} not in the room's item details:\n{screen}");
    }
    // The report of the new group: its mandate, and its membership counted as it is (one Observer, no empty list).
    let report = ok(&gavel(&dir, &["report", "sc79", "--format", "md"]));
    assert!(report.contains("with the mandate of Decision 20.12 on Review of Resolution Conf. 12.3"), "{report}");
    assert!(
        report.contains("comprises 3 Parties and 1 Observer: Kenya (co-Chair), New Zealand (co-Chair), Canada; International Union for Conservation of Nature (IUCN)."),
        "{report}"
    );
    // The same item id twice, a topic the mandate has not, a presenter who is no member: status 2, nothing written.
    for bad in [
        vec!["meeting", "item", "add", "sc79", "--id", "2", "--title", "Again", AS],
        vec!["meeting", "item", "add", "sc79", "--title", "X", "--topic", "z)", AS],
        vec!["meeting", "item", "add", "sc79", "--title", "X", "--presenter", "Nobody", AS],
        vec!["member", "add", "canada", "--category", "party", AS],
        vec!["meeting", "new", "sc79", "--title", "T", "--date", "2027-02-02", AS],
        vec!["meeting", "new", "../x", "--title", "T", "--date", "2027-02-02", AS],
    ] {
        let o = gavel(&dir, &bad);
        assert_eq!(o.status.code(), Some(2), "{bad:?}: {}", String::from_utf8_lossy(&o.stderr));
    }
    assert_eq!(subjects(&dir).len(), 6);
    assert!(clean(&dir));
}

#[test]
fn init_refuses_what_it_cannot_make_whole() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("full")).unwrap();
    std::fs::write(tmp.path().join("full/notes.txt"), "x").unwrap();
    let o = gavel(tmp.path(), &["init", "full", "--group", "G", "--chair", "Kenya", AS]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not empty"));
    // Without a name or a chair, and nobody at a terminal to ask: status 2, nothing made.
    for args in [vec!["init", "a", "--chair", "Kenya", AS], vec!["init", "a", "--group", "G", AS]] {
        assert_eq!(gavel(tmp.path(), &args).status.code(), Some(2), "{args:?}");
        assert!(!tmp.path().join("a").exists());
    }
    // A mandate that does not name its Decision: located, nothing made.
    std::fs::write(tmp.path().join("bad.txt"), "\nThe Committee shall review\n").unwrap();
    let o = gavel(tmp.path(), &["init", "a", "--group", "G", "--chair", "Kenya", "--mandate-file", "bad.txt", AS]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("bad.txt:2:"), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(!tmp.path().join("a").exists());
    // Without a mandate: made, and `check` warns until it is written.
    ok(&gavel(tmp.path(), &["init", "a", "--group", "G", "--chair", "Kenya", AS]));
    let check = String::from_utf8_lossy(&gavel(&tmp.path().join("a"), &["check"]).stdout).into_owned();
    assert!(check.contains("mandate of group `a` is still to be written") && check.contains("1 warning"), "{check}");
    // In an empty folder that is the current one.
    std::fs::create_dir(tmp.path().join("here")).unwrap();
    ok(&gavel(&tmp.path().join("here"), &["init", "--group", "G", "--chair", "Kenya", AS]));
    assert!(tmp.path().join("here/agendas/here/group.json").exists());
}

/// Two members added at the same moment by two processes: both land, one commit each.
#[test]
fn two_writers_at_once_both_land() {
    let tmp = tempfile::tempdir().unwrap();
    ok(&gavel(tmp.path(), &["init", "wg", "--group", "G", "--chair", "Kenya", AS]));
    let dir = tmp.path().join("wg");
    for round in 0..5 {
        let names = [format!("Member A{round}"), format!("Member B{round}")];
        let kids: Vec<_> = names
            .iter()
            .map(|n| {
                Command::new(env!("CARGO_BIN_EXE_gavel"))
                    .current_dir(&dir)
                    .args(["member", "add", n, "--category", "agency", AS])
                    .env("GIT_CONFIG_NOSYSTEM", "1")
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for k in kids {
            let o = k.wait_with_output().unwrap();
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        }
    }
    let ws = gavel::workspace::Workspace::load(&dir);
    assert_eq!(ws.group("wg").unwrap().value.members.len(), 11);
    assert_eq!(subjects(&dir).len(), 11);
    assert!(clean(&dir));
}

/// On a terminal, `gavel init` asks for what was not given (the real binary in tmux).
#[test]
fn init_asks_on_a_terminal() {
    let tmp = tempfile::tempdir().unwrap();
    let t = common::tmux::Tmux::new("init");
    // `gavel init ARGS` on the terminal, in the temporary folder.
    let init = |args: &str| {
        t.start(&format!(
            "cd {} && HOME={} GIT_CONFIG_NOSYSTEM=1 {} init {args} --as='C <c@x.invalid>'; sleep 30",
            tmp.path().display(),
            tmp.path().display(),
            env!("CARGO_BIN_EXE_gavel")
        ))
    };
    init("asked");
    t.wait_for("The working group's name:");
    t.text("Working group on Conf. 12.3");
    t.keys(&["Enter"]);
    t.wait_for("co-Chairs separated by commas:");
    t.text("Kenya, Peru");
    t.keys(&["Enter"]);
    t.wait_for("The mandate's file (Enter to write it later):");
    t.keys(&["Enter"]);
    t.wait_for("the mandate is still to be written");
    let ws = gavel::workspace::Workspace::load(&tmp.path().join("asked"));
    let g = &ws.group("asked").unwrap().value;
    assert_eq!(g.name, "Working group on Conf. 12.3");
    let chairs: Vec<&str> = g.with_role(gavel::group::Role::CoChair).map(|m| m.name.as_str()).collect();
    assert_eq!(chairs, ["Kenya", "Peru"]);
    assert!(!g.mandate.is_written());
    assert!(clean(&tmp.path().join("asked")));
    // What is given is not asked for.
    t.kill_session();
    init("given --group 'Given' --chair Kenya");
    t.wait_for("The mandate's file (Enter to write it later):");
    assert!(!t.screen().contains("The working group's name"), "{}", t.screen());
    t.keys(&["Enter"]);
    t.wait_for("Created the working-group repository of Given");
}
