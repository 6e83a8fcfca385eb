//! The shared use cases (`gavel::ops`) on temporary git repositories: what
//! each commits, what each refuses (leaving the repository exactly as it
//! was), and writers at once (the room and the command line).

use std::process::Command;
use std::time::Duration;

use gavel::group::{Change, Proposal, Status};
use gavel::ops::{self, Context, Decision, OpError};
use gavel::resolution::ResolutionName;

mod common;

use common::demo::Demo as Repo;

fn demo() -> Repo {
    Repo::kenya()
}

trait Look {
    fn head(&self) -> git2::Oid;
    fn read(&self, rel: &str) -> String;
    fn message(&self) -> String;
    fn status(&self, id: &str) -> Status;
    fn clean(&self) -> bool;
}

impl Look for Repo {
    fn head(&self) -> git2::Oid {
        self.git().head().unwrap().target().unwrap()
    }
    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.dir.join(rel)).unwrap()
    }
    fn message(&self) -> String {
        self.git().head().unwrap().peel_to_commit().unwrap().message().unwrap().to_string()
    }
    fn status(&self, id: &str) -> Status {
        let f: gavel::group::ProposalFile = serde_json::from_str(&self.read(PROPOSALS)).unwrap();
        f.proposals.iter().find(|p| p.id == id).unwrap().status
    }
    /// Work tree and index agree with HEAD (the journal aside).
    fn clean(&self) -> bool {
        let r = self.git();
        let st = r.statuses(None).unwrap();
        st.iter().all(|e| e.path().unwrap().ends_with(".journal.jsonl"))
    }
}

const PROPOSALS: &str = "resolutions/conf-11.3.proposals.json";
const RES: &str = "resolutions/conf-11.3.txt";

fn name() -> ResolutionName {
    "Conf. 11.3".parse().unwrap()
}

fn ctx(item: &str) -> Context {
    Context { meeting: Some("sc78-session".into()), agenda_item: Some(item.into()), doing: "a test".into(), ..Default::default() }
}

/// A replacement of 23 b) by Kenya and Botswana.
fn draft(r: &Repo, id: &str, new: &str) -> Proposal {
    let text = r.read(RES);
    let line = text.lines().find(|l| l.trim_start().starts_with("b) when, within six months")).unwrap().trim_start();
    let base = line.strip_prefix("b) ").unwrap().to_string();
    Proposal {
        id: id.into(),
        title: format!("Test proposal {id}"),
        group: Some("sc78-wg-11-3".into()),
        proponents: vec!["Kenya".into(), "Botswana".into()],
        supporters: vec!["Namibia".into()],
        source: None,
        revision: Some("Rev. CoP19".parse().unwrap()),
        status: Status::Pending,
        changes: vec![Change::Replace {
            target: "23 b)".parse().unwrap(),
            text: base.replacen("six months", new, 1),
            drafted_against: base,
        }],
        amends: None,
        note: None,
    }
}

#[test]
fn a_saved_proposal_is_one_commit_with_who_proposed_and_supported_it() {
    let r = demo();
    let saved = ops::save_proposal(&r.dir, &name(), &draft(&r, "t-1", "two months"), &ctx("7")).unwrap();
    assert_eq!(saved.commit, Some(r.head()));
    let msg = r.message();
    assert!(msg.starts_with("Conf. 11.3: proposal to amend 23 b) by Kenya and Botswana\n"), "{msg}");
    for t in
        ["Proposal: t-1", "Proposed-by: Kenya", "Proposed-by: Botswana", "Supported-by: Namibia", "Meeting: sc78-session", "Agenda-item: 7"]
    {
        assert!(msg.contains(&format!("\n{t}\n")), "{t} in {msg}");
    }
    assert!(r.clean());
    // Saving it again is not a second proposal nor a second commit.
    let again = ops::save_proposal(&r.dir, &name(), &draft(&r, "t-1", "two months"), &ctx("7")).unwrap();
    assert_eq!((again.commit, r.head()), (None, saved.commit.unwrap()));
    // Another text under the same id, or an unknown member, is refused.
    assert!(ops::save_proposal(&r.dir, &name(), &draft(&r, "t-1", "one month"), &ctx("7")).is_err());
    let mut stranger = draft(&r, "t-2", "one month");
    stranger.proponents = vec!["Atlantis".into()];
    let e = ops::save_proposal(&r.dir, &name(), &stranger, &ctx("7")).unwrap_err().to_string();
    assert!(e.contains("`Atlantis` is not a member"), "{e}");
    assert_eq!(r.head(), saved.commit.unwrap());
}

#[test]
fn adopting_supersedes_competitors_and_refuses_text_in_brackets() {
    let r = demo();
    ops::save_proposal(&r.dir, &name(), &draft(&r, "t-b", "two months [three months]"), &ctx("7")).unwrap();
    let before = (r.head(), r.read(RES), r.read(PROPOSALS));
    let e = ops::adopt(&r.dir, &name(), "t-b", Decision::Agreed, "", &ctx("7")).unwrap_err();
    assert!(matches!(e, OpError::Bracketed(..)), "{e}");
    assert!(e.to_string().contains("[three months]"), "{e}");
    assert_eq!(before, (r.head(), r.read(RES), r.read(PROPOSALS)), "nothing changed");
    ops::save_proposal(&r.dir, &name(), &draft(&r, "t-2", "two months"), &ctx("7")).unwrap();
    let done = ops::adopt(&r.dir, &name(), "t-2", Decision::Agreed, "to recommend two months", &ctx("7")).unwrap();
    assert_eq!(done.commit, r.head());
    let mut sup = done.superseded.clone();
    sup.sort();
    assert_eq!(sup, ["sc78-37-23b", "t-b"]);
    assert_eq!((r.status("t-2"), r.status("sc78-37-23b"), r.status("t-b")), (Status::Adopted, Status::Superseded, Status::Superseded));
    assert!(r.read(RES).contains("b) when, within two months, the information"));
    let msg = r.message();
    assert!(
        msg.contains("\nto recommend two months\n") && msg.contains("Decision: agreed") && msg.contains("Superseded by this decision"),
        "{msg}"
    );
    assert!(r.clean());
    let e = ops::adopt(&r.dir, &name(), "t-2", Decision::Agreed, "", &ctx("7")).unwrap_err();
    assert!(matches!(e, OpError::AlreadyDecided(_, "adopted")), "{e}");
}

#[test]
fn withdraw_reject_and_take_back() {
    let r = demo();
    let c = ops::set_status(&r.dir, &name(), "sc78-37-13g", Status::Withdrawn, "Kenya asked to withdraw it.", &ctx("2")).unwrap();
    assert_eq!(c, r.head());
    let msg = r.message();
    assert!(msg.starts_with("Conf. 11.3: proposal sc78-37-13g withdrawn at the request of"), "{msg}");
    assert!(msg.contains("Kenya asked to withdraw it.") && msg.contains("Decision: withdrawn"), "{msg}");
    assert_eq!(r.status("sc78-37-13g"), Status::Withdrawn);
    let e = ops::set_status(&r.dir, &name(), "sc78-37-13g", Status::Rejected, "", &ctx("2")).unwrap_err();
    assert!(matches!(e, OpError::AlreadyDecided(_, "withdrawn")), "{e}");
    // A decision taken back: a new commit that restores both files.
    let (res0, prop0) = (r.read(RES), r.read(PROPOSALS));
    let adopted = ops::adopt(&r.dir, &name(), "sc78-37-23b", Decision::Agreed, "", &ctx("7")).unwrap();
    let back = ops::revert(&r.dir, &adopted.commit.to_string(), "adopted by mistake", &ctx("7")).unwrap();
    assert_eq!(back, r.head());
    assert_eq!((r.read(RES), r.read(PROPOSALS)), (res0, prop0));
    let msg = r.message();
    assert!(msg.contains("struck: adopted by mistake") && msg.contains(&format!("This reverts commit {}", adopted.commit)), "{msg}");
    assert_eq!(r.git().head().unwrap().peel_to_commit().unwrap().parent_id(0).unwrap(), adopted.commit, "history is kept, not rewritten");
    assert!(r.clean());
}

#[test]
fn a_writer_waits_for_another_then_says_who_holds_the_lock() {
    let r = demo();
    let git_dir = r.git().path().to_path_buf();
    let held = ops::lock::RepoLock::acquire(&git_dir, "the meeting room", Duration::from_secs(1)).unwrap();
    let before = (r.head(), r.read(RES), r.read(PROPOSALS));
    let mut c = ctx("7");
    c.wait = Some(Duration::from_millis(200));
    let e = ops::adopt(&r.dir, &name(), "sc78-37-23b", Decision::Agreed, "", &c).unwrap_err();
    assert_eq!(e.exit_code(), 3, "{e}");
    assert!(e.to_string().contains("the meeting room, process"), "{e}");
    assert_eq!(before, (r.head(), r.read(RES), r.read(PROPOSALS)));
    // A command-line writer started meanwhile waits, and goes ahead once the lock is released.
    let child = Command::new(env!("CARGO_BIN_EXE_gavel"))
        .current_dir(&r.dir)
        .args(["withdraw", "11.3", "sc78-37-13g"])
        .env("HOME", &r.home)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(400));
    assert_eq!(r.status("sc78-37-13g"), Status::Pending, "it waits while the room holds the lock");
    drop(held);
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(r.status("sc78-37-13g"), Status::Withdrawn);
}

/// Two writers at once, the room (its runner on a thread) and `gavel adopt`
/// in another process, each adopting a different proposal: both decisions
/// are in git, neither undone, and the tree agrees with HEAD.
#[test]
fn the_room_and_the_command_line_at_once_lose_nothing() {
    for trial in 0..6 {
        let r = demo();
        let ws = gavel::workspace::Workspace::load(&r.dir);
        let m = gavel::tui::choose_meeting(&ws, Some("sc78-session")).unwrap();
        let dir = r.dir.clone();
        let room = std::thread::spawn(move || {
            let app = gavel::tui::app::App::new(&ws, m, 0);
            let job = gavel::tui::app::Job {
                of: "test".into(),
                item: "7".into(),
                steps: vec![gavel::tui::app::Step::Adopt {
                    proposal: "sc78-37-23b".into(),
                    decision: Decision::Agreed,
                    text: String::new(),
                }],
            };
            let name = ResolutionName { symbol: app.resolution.as_ref().unwrap().header.symbol, revision: None };
            gavel::tui::runner::perform(&dir, "sc78-session", Some(&name), job)
        });
        let cli = r.gavel(&["adopt", "11.3", "10 e)", "--meeting", "sc78-session", "--item", "2"]);
        let done = room.join().unwrap();
        assert!(cli.status.success(), "trial {trial}: {}", String::from_utf8_lossy(&cli.stderr));
        assert!(done.failed.is_none(), "trial {trial}: {:?}", done.failed);
        let log: Vec<String> = {
            let g = r.git();
            let mut walk = g.revwalk().unwrap();
            walk.push_head().unwrap();
            walk.map(|o| g.find_commit(o.unwrap()).unwrap().message().unwrap().lines().next().unwrap().to_string()).collect()
        };
        assert!(log.iter().any(|s| s.contains("amend 23 b)")) && log.iter().any(|s| s.contains("insert 10 e)")), "trial {trial}: {log:?}");
        assert_eq!((r.status("sc78-37-23b"), r.status("sc78-37-10e")), (Status::Adopted, Status::Adopted), "trial {trial}");
        let text = r.read(RES);
        assert!(text.contains("within three months") && text.contains("Parties raise awareness"), "trial {trial}");
        assert!(r.clean(), "trial {trial}: work tree and index agree with HEAD");
    }
}

/// A file with CRLF line ends and a byte-order mark stays so: an adoption
/// changes only the lines of the provisions it changes.
#[test]
fn crlf_and_a_byte_order_mark_are_kept() {
    let r = demo();
    for rel in [RES, PROPOSALS] {
        let b = std::fs::read(r.dir.join(rel)).unwrap();
        let mut crlf = b"\xef\xbb\xbf".to_vec();
        crlf.extend(String::from_utf8(b).unwrap().replace('\n', "\r\n").into_bytes());
        std::fs::write(r.dir.join(rel), crlf).unwrap();
    }
    r.commit(&[RES, PROPOSALS], "CRLF");
    let g = r.git();
    ops::adopt(&r.dir, &name(), "sc78-37-23b", Decision::Agreed, "", &ctx("7")).unwrap();
    ops::set_status(&r.dir, &name(), "sc78-37-13g", Status::Rejected, "", &ctx("2")).unwrap();
    let head = g.head().unwrap().peel_to_commit().unwrap();
    let adopted = head.parent(0).unwrap();
    let diff = g.diff_tree_to_tree(Some(&adopted.parent(0).unwrap().tree().unwrap()), Some(&adopted.tree().unwrap()), None).unwrap();
    let stats = diff.stats().unwrap();
    assert_eq!((stats.files_changed(), stats.insertions(), stats.deletions()), (2, 2, 2), "one line in each file");
    for rel in [RES, PROPOSALS] {
        let b = std::fs::read(r.dir.join(rel)).unwrap();
        assert!(b.starts_with(b"\xef\xbb\xbf"), "{rel} keeps its BOM");
        let text = String::from_utf8(b).unwrap();
        assert_eq!(text.matches('\n').count(), text.matches("\r\n").count(), "{rel} is CRLF throughout");
    }
    assert!(r.clean());
}

/// Text that would break the resolution when written into it (a line break
/// with a new paragraph after it, an identity marker) is found by `check`
/// at its line and column and refused by `adopt`, which changes nothing.
#[test]
fn proposal_text_that_would_break_the_resolution_is_found_and_refused() {
    let r = demo();
    let src = r.read(PROPOSALS);
    let injected = src.replacen(
        "has not been provided, Parties provide the Secretariat with justification for why they have not been able to respond and provide",
        "has not been provided, Parties provide the Secretariat with justification.\\n24. INJECTED and provide",
        1,
    );
    assert_ne!(injected, src);
    std::fs::write(r.dir.join(PROPOSALS), &injected).unwrap();
    r.commit(&[PROPOSALS], "a proposal with an injected paragraph");
    let check = r.gavel(&["check"]);
    assert_eq!(check.status.code(), Some(1));
    let out = String::from_utf8_lossy(&check.stdout).to_string() + &String::from_utf8_lossy(&check.stderr);
    let (line, text) = injected.lines().enumerate().find(|(_, l)| l.contains("24. INJECTED")).unwrap();
    let col = text.find("\\n24.").unwrap() + 1;
    assert!(out.contains(&format!("{PROPOSALS}:{}:{col}", line + 1)), "located at the line break ({}:{col}): {out}", line + 1);
    assert!(out.contains("the text has a line break"), "{out}");
    let before = (r.head(), r.read(RES), r.read(PROPOSALS));
    let o = r.gavel(&["adopt", "11.3", "23 b)"]);
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stderr).contains("a line break"));
    assert_eq!(before, (r.head(), r.read(RES), r.read(PROPOSALS)), "nothing changed");
    // An identity marker at the end of a proposal's text: the same.
    let e = ops::save_proposal(
        &r.dir,
        &name(),
        &{
            let mut p = draft(&r, "t-m", "two months");
            if let Change::Replace { text, .. } = &mut p.changes[0] {
                text.push_str(" {#para_23__a}");
            }
            p
        },
        &ctx("7"),
    )
    .unwrap_err();
    assert_eq!(e.exit_code(), 1, "{e}");
    assert!(e.to_string().contains("identity marker"), "{e}");
}

/// A new paragraph with its sub-paragraphs, as one insertion: written with
/// labels and indentation, the paragraphs after it renumbered, and the
/// result checks clean.
#[test]
fn a_new_paragraph_with_its_sub_paragraphs_is_inserted_whole() {
    let r = demo();
    let p = Proposal {
        id: "t-24".into(),
        title: "A new paragraph on follow-up".into(),
        group: Some("sc78-wg-11-3".into()),
        proponents: vec!["Kenya".into()],
        supporters: vec![],
        source: None,
        revision: Some("Rev. CoP19".parse().unwrap()),
        status: Status::Pending,
        changes: vec![Change::Insert {
            anchor: gavel::group::Anchor::After("23".parse().unwrap()),
            text: "ENCOURAGES Parties to:".into(),
            drafted_beside: None,
            children: vec![
                gavel::group::NewProvision { text: "report on follow-up; and".into(), children: vec![] },
                gavel::group::NewProvision {
                    text: "share:".into(),
                    children: vec![gavel::group::NewProvision { text: "lessons learned.".into(), children: vec![] }],
                },
            ],
        }],
        amends: None,
        note: None,
    };
    ops::save_proposal(&r.dir, &name(), &p, &ctx("7")).unwrap();
    let done = ops::adopt(&r.dir, &name(), "t-24", Decision::Agreed, "", &ctx("7")).unwrap();
    assert!(done.subject.contains("insert 24"), "{}", done.subject);
    let text = r.read(RES);
    assert!(
        text.contains("24. ENCOURAGES Parties to: {#t-24.1}\n    a) report on follow-up; and {#t-24.1.1}\n    b) share: {#t-24.1.2}\n        i) lessons learned. {#t-24.1.2.1}\n"),
        "{}",
        &text[text.find("24. ENCOURAGES").unwrap_or(0)..][..300.min(text.len() - text.find("24. ENCOURAGES").unwrap_or(0))]
    );
    assert!(text.contains("\n25. "), "the old 24 is now 25");
    let check = r.gavel(&["check"]);
    assert!(check.status.success(), "{}{}", String::from_utf8_lossy(&check.stdout), String::from_utf8_lossy(&check.stderr));
}
