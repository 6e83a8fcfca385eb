//! The decision path with the real binary in tmux, as a chair runs it: take
//! up item 7, give Kenya the floor, note an intervention that proposes text,
//! draft it, save it (a commit), decide *agreed* choosing it (a commit),
//! and check that git, the journal and the minutes say the same; then kill
//! -9 and reopen; then the room ends when its terminal goes away.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use common::tmux::{Tmux, gavel_pid, gone_within};

use common::demo::Demo as Repo;

fn demo() -> Repo {
    Repo::kenya()
}

fn start(tmux: &Tmux, r: &Repo) {
    tmux.start(&format!(
        "cd {} && HOME={} GIT_CONFIG_NOSYSTEM=1 NO_COLOR=1 {} room --meeting sc78-session; echo EXITED $?; sleep 60",
        r.dir.display(),
        r.home.display(),
        env!("CARGO_BIN_EXE_gavel")
    ));
}

fn gavel(r: &Repo, args: &[&str]) -> String {
    let o = r.gavel(args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).to_string()
}

/// Files git sees as changed, the journal left out (its uncommitted tail is expected).
fn dirty(dir: &Path) -> Vec<String> {
    let r = git2::Repository::open(dir).unwrap();
    let st = r.statuses(None).unwrap();
    st.iter().filter_map(|e| e.path().ok().map(str::to_string)).filter(|p| !p.ends_with(".journal.jsonl")).collect()
}

#[test]
fn what_the_room_drafts_is_what_it_adopts_and_the_record_says_the_same() {
    let r = demo();
    let tmux = Tmux::new("journey");
    start(&tmux, &r);
    tmux.wait_for("Agenda: sc78-session");
    tmux.keys(&["j", "j", "j", "j", "j", "j", "Enter"]);
    tmux.wait_for("Item 7: Timeframes");
    tmux.keys(&["a"]);
    tmux.text("kenya");
    tmux.keys(&["Enter", "Tab", "f"]);
    tmux.wait_for("Floor: Kenya");
    // The intervention proposes text: the editor opens on 23 b), Kenya proposing.
    tmux.keys(&["r", "Tab", "Tab", "Tab"]);
    tmux.text("two months instead of six");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Amend paragraph 23 b)");
    tmux.keys(&["Home"]);
    for _ in 0..13 {
        tmux.keys(&["Right"]);
    }
    tmux.keys(&["Delete", "Delete", "Delete"]);
    tmux.text("two");
    tmux.keys(&["Tab", "Tab"]);
    tmux.text("botsw");
    tmux.keys(&["Enter", "C-s"]);
    tmux.wait_for("Committed: Conf. 11.3: proposal to amend 23 b) by Kenya");
    let repo = git2::Repository::open(&r.dir).unwrap();
    let saved = repo.head().unwrap().peel_to_commit().unwrap();
    let msg = saved.message().unwrap().to_string();
    for t in ["Proposal: sc78-session-7-1", "Proposed-by: Kenya", "Supported-by: Botswana", "Meeting: sc78-session", "Agenda-item: 7"] {
        assert!(msg.contains(t), "{t} in {msg}");
    }
    assert_eq!(saved.author().name().unwrap(), "Kenya (co-Chair)");
    assert!(dirty(&r.dir).is_empty(), "the tree is clean after the save: {:?}", dirty(&r.dir));

    // The decision: the dialog lists the draft (newest, chosen) and the agenda's proposal.
    tmux.keys(&["d"]);
    let dialog = tmux.wait_for("It adopts");
    assert!(dialog.contains("[x] sc78-session-7-1 (Kenya)") && dialog.contains("[ ] sc78-37-23b (Kenya, New Zealand)"), "{dialog}");
    tmux.keys(&["Enter"]);
    tmux.text("to recommend the shorter timeframe to the Standing Committee");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Committed: Conf. 11.3: amend 23 b) as proposed by Kenya");
    let head = repo.head().unwrap().peel_to_commit().unwrap();
    let msg = head.message().unwrap().to_string();
    assert!(msg.contains("within [-six -]{+two +}months"), "the drafted text is what is adopted: {msg}");
    assert!(msg.contains("to recommend the shorter timeframe to the Standing Committee"), "the decision's text: {msg}");
    assert!(msg.contains("Decision: agreed") && msg.contains("Proposal: sc78-session-7-1"), "{msg}");
    assert!(dirty(&r.dir).is_empty(), "the tree is clean after the decision: {:?}", dirty(&r.dir));
    let text = std::fs::read_to_string(r.dir.join("resolutions/conf-11.3.txt")).unwrap();
    assert!(text.contains("b) when, within two months, the information requested"), "git holds the drafted text");
    let proposals = gavel(&r, &["proposals", "11.3"]);
    assert!(proposals.contains("sc78-session-7-1  [adopted]") && proposals.contains("sc78-37-23b  [superseded]"), "{proposals}");

    // The minutes say what git says.
    let minutes = gavel(&r, &["minutes", "sc78-session", "--format", "txt"]);
    let at = minutes.find("now reads:").expect(&minutes);
    assert!(minutes[at..].contains("within [-six -]{+two +}months"), "{minutes}");
    assert!(minutes.contains("to recommend the shorter timeframe to the Standing Committee"), "{minutes}");
    assert!(!minutes.contains("[Problem"), "{minutes}");

    // kill -9, reopen: the same screen.
    let before = tmux.screen();
    let pid = gavel_pid(&r.dir).expect("gavel is running");
    assert!(Command::new("kill").args(["-9", &pid.to_string()]).status().unwrap().success());
    tmux.wait_for("EXITED 137");
    tmux.kill_session();
    std::thread::sleep(Duration::from_millis(300));
    start(&tmux, &r);
    let after = tmux.wait_for("Item 7: Timeframes");
    assert!(after.contains("✓  7. Timeframes") && before.contains("✓  7. Timeframes"), "{after}");
    let resolution_pane =
        |s: &str| s.lines().find(|l| l.contains("b) when, within")).map(|l| l.split('│').nth(3).unwrap_or("").to_string());
    assert_eq!(resolution_pane(&after), resolution_pane(&before), "{after}");
    assert!(after.contains("b) when, within two months"), "{after}");
}

fn ends_within_a_second(how: &str) {
    let r = demo();
    let tmux = Tmux::new(how);
    start(&tmux, &r);
    tmux.wait_for("Agenda: sc78-session");
    let pid = gavel_pid(&r.dir).expect("gavel is running");
    match how {
        "kill-session" => tmux.kill_session(),
        sig => assert!(Command::new("kill").args([sig, &pid.to_string()]).status().unwrap().success()),
    }
    assert!(gone_within(pid, Duration::from_millis(1500)), "the room outlived its terminal ({how})");
}

#[test]
fn the_room_ends_when_its_terminal_is_closed() {
    ends_within_a_second("kill-session");
}

#[test]
fn the_room_ends_on_sighup() {
    ends_within_a_second("-HUP");
}

#[test]
fn the_room_ends_on_sigterm() {
    ends_within_a_second("-TERM");
}

/// git does not know who the chair is: the saved draft is kept in the journal
/// as not committed, the room says why, and the proposals file is unchanged.
#[test]
fn without_an_author_the_draft_is_kept_and_the_room_says_why() {
    let r = Repo::new(None);
    let file = r.dir.join("resolutions/conf-11.3.proposals.json");
    let before = std::fs::read(&file).unwrap();
    let tmux = Tmux::new("noauthor");
    start(&tmux, &r);
    tmux.wait_for("Agenda: sc78-session");
    tmux.keys(&["j", "j", "j", "j", "j", "j", "Enter", "3", "E", "End"]);
    tmux.text(" promptly");
    tmux.keys(&["Tab"]);
    tmux.text("kenya");
    tmux.keys(&["Enter", "C-s"]);
    let s = tmux.wait_for("NOT in git");
    assert!(s.contains("1 proposal(s) NOT in git"), "{s}");
    // The problems panel opens by itself, saying why.
    let s = tmux.wait_for("Problems (e to hide)");
    assert!(s.contains("no author") && s.contains("user.name"), "{s}");
    assert_eq!(std::fs::read(&file).unwrap(), before, "the proposals file is unchanged");
    let journal = std::fs::read_to_string(r.dir.join("agendas/sc78-wg-11-3/sc78-session.journal.jsonl")).unwrap();
    assert!(journal.contains("\"event\":\"proposal-made\"") && journal.contains("\"event\":\"commit-failed\""), "{journal}");
}

/// One room writes a meeting at a time: a second room on the same meeting
/// opens read-only, says so, and records nothing.
#[test]
fn a_second_room_on_the_same_meeting_is_read_only() {
    let r = demo();
    let first = Tmux::new("first");
    start(&first, &r);
    first.wait_for("Agenda: sc78-session");
    first.keys(&["j", "j", "j", "j", "j", "j", "Enter"]);
    first.wait_for("Item 7: Timeframes");
    let journal = r.dir.join("agendas/sc78-wg-11-3/sc78-session.journal.jsonl");
    let before = std::fs::read(&journal).unwrap();
    let second = Tmux::new("second");
    start(&second, &r);
    let s = second.wait_for("READ-ONLY");
    assert!(s.contains("▶  7. Timeframes"), "it shows where the meeting stands: {s}");
    second.keys(&["j", "Enter"]);
    second.wait_for("read-only");
    assert_eq!(std::fs::read(&journal).unwrap(), before, "the second room wrote nothing");
    // Once the first room is closed, a room opens as usual.
    first.keys(&["q"]);
    first.wait_for("EXITED 0");
    second.keys(&["q"]);
    second.wait_for("EXITED 0");
    second.kill_session();
    std::thread::sleep(Duration::from_millis(200));
    start(&second, &r);
    let s = second.wait_for("Agenda: sc78-session");
    assert!(!s.contains("READ-ONLY"), "{s}");
}
