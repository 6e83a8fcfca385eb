//! Sync settles every case: each pair of what one co-chair did to
//! sub-paragraph 1 b) (left unchanged, modified, deleted, a new one inserted
//! after it, or relettered by a new one before it — all by hand, with no
//! identity markers) against what the other did, taking ours, taking theirs,
//! or the chair writing other text. The expected result of each cell is
//! written here (and summarised in README, "gavel sync").

use gavel::redline::merge::{Choice, merge_followed};
use gavel::resolution::{Resolution, parse, write::to_text};

const HEAD: &str =
    "Symbol: Conf. 1.1\nTitle: T\n\nRECALLING one;\n\nTHE CONFERENCE OF THE PARTIES TO THE CONVENTION\n\n1. RECOMMENDS that:\n";

#[derive(Debug, Clone, Copy, PartialEq)]
enum Edit {
    Unchanged,
    Modified,
    Deleted,
    Inserted,
    Relettered,
}
use Edit::*;

/// The list of 1 after one side's edit, written by hand: labels in sequence, no markers.
fn side(edit: Edit, who: &str) -> Vec<String> {
    let mut items: Vec<String> = vec!["alpha one".into(), "beta two".into(), "gamma three".into()];
    match edit {
        Unchanged => {}
        Modified => items[1] = format!("beta two {who}"),
        Deleted => {
            items.remove(1);
        }
        Inserted => items.insert(2, format!("{who} inserted words here")),
        Relettered => items.insert(0, format!("{who} front matter entirely")),
    }
    items
}

fn text(items: &[String]) -> String {
    let mut t = HEAD.to_string();
    for (k, it) in items.iter().enumerate() {
        t.push_str(&format!("    {}) {it};\n", (b'a' + k as u8) as char));
    }
    t
}

fn parsed(t: &str) -> Resolution {
    let p = parse(t, std::path::Path::new("t.txt"));
    assert!(p.diagnostics.iter().all(|d| !d.is_error()), "{t}\n{:?}", p.diagnostics);
    p.resolution.unwrap()
}

/// The items of 1 in the merged text, after writing and reading it back.
fn items(r: &Resolution) -> Vec<String> {
    let back = parsed(&to_text(r));
    let p = back.paragraphs().next().unwrap();
    back.node(p).children.iter().map(|&c| back.node(c).text.trim_end_matches(';').to_string()).collect()
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Mode {
    Ours,
    Theirs,
    Chair,
}

/// What each cell gives: `X` a conflict, settled by the mode; otherwise the list.
fn expected(o: Edit, t: Edit, mode: Mode) -> (bool, Vec<&'static str>) {
    const A: &str = "alpha one";
    const B: &str = "beta two";
    const C: &str = "gamma three";
    const BO: &str = "beta two ours";
    const BT: &str = "beta two theirs";
    const IO: &str = "ours inserted words here";
    const IT: &str = "theirs inserted words here";
    const RO: &str = "ours front matter entirely";
    const RT: &str = "theirs front matter entirely";
    const CH: &str = "the chair's text";
    let pick = |ours: Vec<&'static str>, theirs: Vec<&'static str>, chair: Vec<&'static str>| match mode {
        Mode::Ours => (true, ours),
        Mode::Theirs => (true, theirs),
        Mode::Chair => (true, chair),
    };
    let clean = |v: Vec<&'static str>| (false, v);
    match (o, t) {
        (Unchanged, Unchanged) => clean(vec![A, B, C]),
        (Unchanged, Modified) => clean(vec![A, BT, C]),
        (Unchanged, Deleted) => clean(vec![A, C]),
        (Unchanged, Inserted) => clean(vec![A, B, IT, C]),
        (Unchanged, Relettered) => clean(vec![RT, A, B, C]),
        (Modified, Unchanged) => clean(vec![A, BO, C]),
        (Modified, Modified) => pick(vec![A, BO, C], vec![A, BT, C], vec![A, CH, C]),
        (Modified, Deleted) => pick(vec![A, BO, C], vec![A, C], vec![A, CH, C]),
        (Modified, Inserted) => clean(vec![A, BO, IT, C]),
        (Modified, Relettered) => clean(vec![RT, A, BO, C]),
        (Deleted, Unchanged) => clean(vec![A, C]),
        (Deleted, Modified) => pick(vec![A, C], vec![A, BT, C], vec![A, CH, C]),
        (Deleted, Deleted) => clean(vec![A, C]),
        (Deleted, Inserted) => clean(vec![A, IT, C]),
        (Deleted, Relettered) => clean(vec![RT, A, C]),
        (Inserted, Unchanged) => clean(vec![A, B, IO, C]),
        (Inserted, Modified) => clean(vec![A, BT, IO, C]),
        (Inserted, Deleted) => clean(vec![A, IO, C]),
        // Two provisions inserted at the same place: never a silent pick.
        (Inserted, Inserted) => pick(vec![A, B, IO, C], vec![A, B, IT, C], vec![A, B, CH, C]),
        (Inserted, Relettered) => clean(vec![RT, A, B, IO, C]),
        (Relettered, Unchanged) => clean(vec![RO, A, B, C]),
        (Relettered, Modified) => clean(vec![RO, A, BT, C]),
        (Relettered, Deleted) => clean(vec![RO, A, C]),
        (Relettered, Inserted) => clean(vec![RO, A, B, IT, C]),
        (Relettered, Relettered) => pick(vec![RO, A, B, C], vec![RT, A, B, C], vec![CH, A, B, C]),
    }
}

#[test]
fn every_pair_of_edits_is_settled_as_the_table_says() {
    let base = parsed(&text(&side(Unchanged, "")));
    let edits = [Unchanged, Modified, Deleted, Inserted, Relettered];
    let mut failures = Vec::new();
    for o in edits {
        for t in edits {
            for mode in [Mode::Ours, Mode::Theirs, Mode::Chair] {
                let ours = parsed(&text(&side(o, "ours")));
                let theirs = parsed(&text(&side(t, "theirs")));
                let mut asked = 0;
                let m = merge_followed(&base, &ours, &theirs, |_| {
                    asked += 1;
                    Some(match mode {
                        Mode::Ours => Choice::Ours,
                        Mode::Theirs => Choice::Theirs,
                        Mode::Chair => Choice::Text("the chair's text".into()),
                    })
                });
                let (conflict, want) = expected(o, t, mode);
                let got = items(&m.result);
                if (asked > 0) != conflict || got != want {
                    failures
                        .push(format!("{o:?} × {t:?} ({mode:?}): conflict {} (want {conflict}), got {got:?}, want {want:?}", asked > 0));
                }
            }
            // Left to the chair, a conflict stops the sync: nothing is settled silently.
            let m = merge_followed(&base, &parsed(&text(&side(o, "ours"))), &parsed(&text(&side(t, "theirs"))), |_| None);
            if m.settled() == expected(o, t, Mode::Ours).0 {
                failures.push(format!("{o:?} × {t:?}: unsettled conflicts are reported"));
            }
        }
    }
    assert!(failures.is_empty(), "{} of 100 cells differ:\n{}", failures.len(), failures.join("\n"));
}
