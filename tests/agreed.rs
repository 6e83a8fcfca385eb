//! The annex a Secretariat needs after the meeting: the text in force before
//! it, with the amendments the working group agreed (adopted as commits) as
//! tracked changes, each attributed to its proposal; pending ones apart.

mod common;

use std::io::Read;

use common::demo::Demo;

fn ok(o: std::process::Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

/// The demo after the session agreed 23 b) and the new 10 e).
fn agreed() -> Demo {
    let d = Demo::kenya();
    ok(d.gavel(&["adopt", "Conf. 11.3", "23 b)", "--meeting", "sc78-session", "--item", "7"]));
    ok(d.gavel(&["adopt", "Conf. 11.3", "10", "--meeting", "sc78-session", "--item", "2"]));
    d
}

#[test]
fn the_annex_of_what_was_agreed() {
    let d = agreed();
    let txt = ok(d.gavel(&["annex", "Conf. 11.3", "--from", "conf-11.3/rev-cop19", "--format", "txt"]));
    assert!(txt.contains("Amendments agreed since conf-11.3/rev-cop19."), "{txt}");
    assert!(txt.contains("b) when, within [-six -]{+three +}months"), "{txt}");
    assert!(txt.contains("{+e) Parties raise awareness among professional bodies"), "{txt}");
    assert!(txt.contains("[-e-]{+f+}) Parties remind"), "{txt}");
    // Pending proposals are not agreed: left out unless asked for.
    assert!(!txt.contains("{+g) in developing or reviewing"), "{txt}");
    let with = ok(d.gavel(&["annex", "Conf. 11.3", "--from", "conf-11.3/rev-cop19", "--pending", "--format", "txt"]));
    assert!(with.contains("{+g) in developing or reviewing"), "{with}");
    assert!(with.contains("b) when, within [-six -]{+three +}months"), "{with}");
    // Word revisions carry the proponents of the proposal that made each change.
    let path = d.dir.join("agreed.docx");
    let p = path.display().to_string();
    ok(d.gavel(&["annex", "Conf. 11.3", "--from", "conf-11.3/rev-cop19", "--track-changes", "--date", "2025-02-04", "-o", &p]));
    let mut xml = String::new();
    zip::ZipArchive::new(std::fs::File::open(&path).unwrap())
        .unwrap()
        .by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    assert!(xml.contains("w:author=\"Kenya, New Zealand\""), "attributed to the proposal's proponents");
    assert!(!xml.contains("w:author=\"gavel\""), "every agreed change has its proposal");
}

#[test]
fn the_report_annexes_the_agreed_amendments_and_lists_the_pending_apart() {
    let d = agreed();
    let md = ok(d.gavel(&["report", "sc78-session"]));
    let agreed = md.find("## Annex: amendments agreed by the working group to Conf. 11.3").expect(&md);
    let pending = md.find("## Annex: proposals still pending on Conf. 11.3").expect(&md);
    assert!(agreed < pending);
    assert!(md[agreed..pending].contains("within <del>six </del><ins>three </ins>months"), "{md}");
    assert!(!md[agreed..pending].contains("<ins>g) in developing"), "pending is not agreed");
    assert!(md[pending..].contains("<ins>g) in developing"), "{md}");
    // A revision that is not there is an error, not an empty annex.
    let bad = d.gavel(&["report", "sc78-session", "--from", "no-such-tag"]);
    assert!(!bad.status.success());
}
