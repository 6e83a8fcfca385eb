//! A list relettered by hand, without `{#…}` markers (what a drafter with a
//! text editor does): history, `diff --from` and sync follow each provision
//! by its words, and `check` suggests the marker.

mod common;

use common::demo::Demo;

const RES: &str = "resolutions/conf-11.3.txt";
const OLD_E: &str = "    e) Parties remind their diplomatic missions";

/// Inserts a new 10 e) by hand and renames the old e) to f), no marker; commits it.
fn reletter_by_hand(d: &Demo) -> String {
    let path = d.dir.join(RES);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(OLD_E));
    let edited = text.replacen(
        OLD_E,
        "    e) Parties raise awareness among professional bodies of the need to comply with CITES;\n    f) Parties remind their diplomatic missions",
        1,
    );
    std::fs::write(&path, &edited).unwrap();
    d.commit(&[RES], "Insert 10 e) by hand");
    edited
}

fn out(o: std::process::Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).to_string()
}

#[test]
fn history_follows_a_provision_relettered_by_hand() {
    let d = Demo::kenya();
    let before = out(d.gavel(&["history", "11.3", "10 e)", "--no-cache"]));
    let steps_before = before.matches("\n    ").count();
    reletter_by_hand(&d);
    let after = out(d.gavel(&["history", "11.3", "10 f)", "--no-cache"]));
    assert!(after.contains("Insert 10 e) by hand"), "{after}");
    assert!(after.contains("[-e-]{+f+})"), "the newest step is the relettering: {after}");
    assert!(!after.contains("{+f) Parties remind"), "not shown as newly inserted: {after}");
    // Every earlier step of the old e) is still there.
    let first = before.lines().find(|l| l.len() > 7 && l.chars().take(7).all(|c| c.is_ascii_hexdigit())).unwrap();
    assert!(after.contains(&first[..7]), "the older commits are followed: {after}");
    assert!(after.matches("\n    ").count() > steps_before, "{after}");
    // The new e) is new.
    let new_e = out(d.gavel(&["history", "11.3", "10 e)", "--no-cache"]));
    assert!(new_e.contains("{+e) Parties raise awareness"), "{new_e}");
}

#[test]
fn diff_from_a_revision_shows_an_insertion_and_a_relettering() {
    let d = Demo::kenya();
    reletter_by_hand(&d);
    let o = out(d.gavel(&["diff", "11.3", "--from", "HEAD~1", "--format", "txt"]));
    assert!(o.contains("{+e) Parties raise awareness among professional bodies"), "{o}");
    assert!(o.contains("[-e-]{+f+}) Parties remind their diplomatic missions"), "relettered, not rewritten: {o}");
    assert!(!o.contains("[-Parties remind"), "{o}");
}

#[test]
fn check_suggests_the_marker_it_inferred() {
    let d = Demo::kenya();
    // Edited, not committed: check compares with HEAD.
    let path = d.dir.join(RES);
    let text = std::fs::read_to_string(&path).unwrap().replacen(
        OLD_E,
        "    e) Parties raise awareness among professional bodies of the need to comply with CITES;\n    f) Parties remind their diplomatic missions",
        1,
    );
    std::fs::write(&path, text).unwrap();
    let o = d.gavel(&["check"]);
    let said = String::from_utf8_lossy(&o.stdout).to_string() + &String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "a warning, not an error: {said}");
    assert!(said.contains("warning") && said.contains("{#para_10__e}") && said.contains("10 f)"), "{said}");
}
