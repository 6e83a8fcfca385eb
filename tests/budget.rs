//! One time budget for a whole command: every comparison a command makes
//! (a history's steps, the minutes' amended texts, two files) stops at the
//! command's deadline, and the output says which were compared as a whole.
//! `GAVEL_BUDGET_MS=0` spends the budget before the first comparison.

mod common;

use std::path::Path;
use std::process::Command;

use common::TempRepo;
use gavel::journal::{Entry, Event, Journal, Outcome};

const WHOLE: &str = "compared as a whole: the word comparison ran out of time";

fn gavel(dir: &Path, budget_ms: Option<&str>, args: &[&str]) -> String {
    let mut c = Command::new(env!("CARGO_BIN_EXE_gavel"));
    c.arg("--repo").arg(dir).args(args).env("NO_COLOR", "1");
    if let Some(b) = budget_ms {
        c.env("GAVEL_BUDGET_MS", b);
    }
    let o = c.output().unwrap();
    assert!(o.status.success(), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn a_history_step_compared_after_the_deadline_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("wg");
    assert!(Command::new(env!("CARGO_BIN_EXE_gavel")).arg("demo").arg(&dir).output().unwrap().status.success());
    let repo = git2::Repository::open(&dir).unwrap();
    let mut c = repo.config().unwrap();
    c.set_str("user.name", "Chair").unwrap();
    c.set_str("user.email", "chair@wg.invalid").unwrap();
    gavel(&dir, None, &["adopt", "11.3", "23 b)", "--meeting", "sc78-session", "--item", "7"]);
    let within = gavel(&dir, None, &["history", "11.3", "23 b)"]);
    assert!(within.contains("within [-six -]{+three +}months") && !within.contains(WHOLE), "{within}");
    let spent = gavel(&dir, Some("0"), &["history", "11.3", "23 b)"]);
    assert!(spent.contains(WHOLE), "{spent}");
    assert!(spent.contains("[- six months, the information requested"), "shown replaced whole: {spent}");
}

#[test]
fn the_minutes_say_which_amended_text_was_compared_as_a_whole() {
    let repo = TempRepo::bundled();
    let b23 = "when, within six months, the information requested has not been provided, Parties provide the Secretariat with justification for why they have not been able to respond;";
    let mut j = Journal::new(Journal::path_for(&repo.file("agendas/sc78-wg-11-3/sc78-session.meeting.json")));
    let events = [
        Event::ItemTakenUp { item: "7".into() },
        Event::ProposalMade {
            item: "7".into(),
            proposal: "sc78-37-23b".into(),
            proponents: vec!["Kenya".into()],
            supporters: vec![],
            target: "23 b)".into(),
            text: b23.replace("six months", "three months"),
            drafted_against: None,
            draft: None,
        },
        Event::Decision {
            item: "7".into(),
            outcome: Outcome::Agreed,
            text: "to recommend the amendment".into(),
            adopt: vec![],
            vote: None,
        },
    ];
    for (k, e) in events.into_iter().enumerate() {
        j.append(&Entry::new(1_738_674_000 + k as i64 * 60, e)).unwrap();
    }
    let within = gavel(repo.path(), None, &["minutes", "sc78-session", "--format", "txt"]);
    assert!(within.contains("within [-six -]{+three +}months") && !within.contains(WHOLE), "{within}");
    let spent = gavel(repo.path(), Some("0"), &["minutes", "sc78-session", "--format", "txt"]);
    assert!(spent.contains(&format!("The text above was {WHOLE}.")), "{spent}");
}

#[test]
fn two_files_compared_after_the_deadline_say_so() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a.txt"), tmp.path().join("b.txt"));
    std::fs::write(&a, "when, within six months, the information requested has not been provided;\n").unwrap();
    std::fs::write(&b, "when, within three months, the information requested has been provided;\n").unwrap();
    let args = ["diff", "--text", a.to_str().unwrap(), b.to_str().unwrap()];
    let within = gavel(tmp.path(), None, &args);
    assert!(!within.contains("compared as a whole"), "{within}");
    let spent = gavel(tmp.path(), Some("0"), &args);
    assert!(spent.contains("1 paragraph compared as a whole: the word comparison ran out of time"), "{spent}");
}

#[test]
fn a_budget_that_is_not_a_number_is_a_mistake_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a.txt");
    std::fs::write(&a, "text\n").unwrap();
    for bad in ["three seconds", "-5", "1.5", ""] {
        let o = Command::new(env!("CARGO_BIN_EXE_gavel"))
            .args(["diff", "--text", a.to_str().unwrap(), a.to_str().unwrap()])
            .env("GAVEL_BUDGET_MS", bad)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{bad:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("GAVEL_BUDGET_MS is") && err.contains("whole milliseconds"), "{err}");
        assert!(o.stdout.is_empty(), "nothing printed as if all were well");
    }
}
