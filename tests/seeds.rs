//! The bundled resolutions are the seeds' texts: each is compared paragraph
//! by paragraph with the plain-text extraction it was reconstructed from
//! (copies in `tests/seeds/`), after normalising what extraction does to any
//! text (list markers, page breaks inside a paragraph, footnote lines,
//! footnote marks) and applying exactly the repairs `resolutions/PROVENANCE.md`
//! lists in its `repairs` block. A paragraph missing, added or reworded fails.
//!
//! Conf. 11.3 is compared with the Annex of SC78 Doc. 37, which prints the
//! text in force with the working group's proposals as tracked changes; the
//! extraction runs deleted and inserted text together. So the bundled text is
//! compared through gavel's own annex of the bundled proposals: a provision
//! that no proposal changes must read exactly as the seed; a changed one must
//! hold both its text in force and its proposed text, in order, and no word
//! of neither.

use std::collections::HashSet;
use std::path::Path;

use gavel::redline::doc::Status;
use gavel::redline::{Piece, new_text, old_text};
use gavel::resolution::Resolution;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A repair PROVENANCE lists: in the seed of `file`, `from` is read as `to`.
struct Repair {
    file: String,
    from: String,
    to: String,
}

/// The fenced `repairs` block of PROVENANCE.md: `file: seed text => our text` a line.
fn repairs() -> Vec<Repair> {
    let text = std::fs::read_to_string(root().join("resolutions/PROVENANCE.md")).unwrap();
    let block = text.split("```repairs\n").nth(1).expect("PROVENANCE.md has a ```repairs block").split("```").next().unwrap();
    block
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let (file, rest) = l.split_once(": ").unwrap_or_else(|| panic!("`file: from => to`: {l}"));
            let (from, to) = rest.split_once(" => ").unwrap_or_else(|| panic!("`file: from => to`: {l}"));
            Repair { file: file.into(), from: from.into(), to: to.into() }
        })
        .collect()
}

/// A label at the start of a line: `12.`, `b)`, `iv)`, `IX.`.
fn strip_label(s: &str) -> Option<&str> {
    let (head, rest) = s.split_once(' ')?;
    let label = head.strip_suffix('.').filter(|h| h.chars().all(|c| c.is_ascii_digit()) || h.chars().all(|c| "IVXL".contains(c)));
    let label =
        label.or_else(|| head.strip_suffix(')').filter(|h| !h.is_empty() && h.len() <= 5 && h.chars().all(|c| c.is_ascii_lowercase())));
    label.map(|_| rest)
}

/// Text as compared: footnote marks and italics out, white space single.
fn norm(s: &str) -> String {
    let mut t = s.to_string();
    for k in 1..=9 {
        t = t.replace(&format!("[^{k}]"), "");
    }
    t.retain(|c| !"¹²³⁴⁵⁶⁷⁸⁹*".contains(c));
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The paragraphs of a seed's extraction from line `from` on: list markers
/// and labels off, footnote lines and separators dropped, a paragraph cut by
/// a page break (a line that starts in lower case with no label, after one
/// that does not end a sentence or clause, nor a list item in `; and`; extraction may give it a list
/// marker of its own) joined again.
fn seed_paragraphs(text: &str, from: usize, skip: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in text.lines().skip(from) {
        let t = line.trim();
        if t.is_empty() || t == "_" || t.starts_with("^{") || t.starts_with(|c: char| "¹²³⁴⁵⁶⁷⁸⁹".contains(c)) || skip.contains(&t)
        {
            continue;
        }
        let t = t.trim_start_matches("- ").trim();
        let (labelled, body) = match strip_label(t) {
            Some(rest) => (true, rest),
            None => (false, t),
        };
        let continues = !labelled
            && body.starts_with(|c: char| c.is_lowercase())
            && out.last().is_some_and(|p| !p.ends_with([';', ':', '.']) && !p.ends_with("; and") && !p.ends_with("; or"));
        if continues {
            let last = out.last_mut().unwrap();
            last.push(' ');
            last.push_str(body);
        } else {
            out.push(body.to_string());
        }
    }
    out.iter().map(|p| norm(p)).collect()
}

/// Words and punctuation marks: a clause a tracked change ends early keeps its mark apart.
fn words(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for w in s.split_whitespace() {
        let end = w.trim_end_matches([',', ';', ':', '.']);
        if !end.is_empty() {
            out.push(end);
        }
        if end.len() < w.len() {
            out.push(&w[end.len()..]);
        }
    }
    out
}

/// Whether `small` is a subsequence of `big`.
fn within(small: &[&str], big: &[&str]) -> bool {
    let mut it = big.iter();
    small.iter().all(|w| it.any(|b| b == w))
}

/// One provision as gavel shows it: its text in force, as proposed, and both run together.
struct Shown {
    old: String,
    new: String,
    changed: bool,
}

fn shown(pieces: &[Piece], status: Status) -> Shown {
    Shown { old: norm(&old_text(pieces)), new: norm(&new_text(pieces)), changed: status != Status::Same }
}

/// Compares in order; every mismatch is reported, with its neighbours.
fn compare(name: &str, seed: &[String], ours: &[Shown]) {
    let mut problems = Vec::new();
    for (k, (p, o)) in seed.iter().zip(ours).enumerate() {
        let ok = if o.changed {
            let (pw, ow, nw) = (words(p), words(&o.old), words(&o.new));
            let known: HashSet<&str> = ow.iter().chain(&nw).copied().collect();
            within(&ow, &pw) && within(&nw, &pw) && pw.iter().all(|w| known.contains(w)) && pw.len() <= ow.len() + nw.len()
        } else {
            *p == o.old
        };
        if !ok {
            problems.push(format!(
                "paragraph {} of {name}:\n  seed: {p}\n  ours: {}{}",
                k + 1,
                o.old,
                if o.changed { format!("\n  proposed: {}", o.new) } else { String::new() }
            ));
        }
    }
    if seed.len() != ours.len() {
        problems.push(format!("{name}: the seed has {} paragraphs, gavel {}", seed.len(), ours.len()));
    }
    assert!(problems.is_empty(), "{} difference(s):\n{}", problems.len(), problems.join("\n"));
}

fn repaired(file: &str, seed: &str, used: &mut HashSet<usize>) -> String {
    let mut s = seed.to_string();
    for (k, r) in repairs().iter().enumerate().filter(|(_, r)| r.file == file) {
        assert!(s.contains(&r.from), "PROVENANCE's repair `{}` => `{}` is not in the seed of {file}", r.from, r.to);
        s = s.replace(&r.from, &r.to);
        used.insert(k);
    }
    s
}

fn load(file: &str) -> Resolution {
    let text = std::fs::read_to_string(root().join("resolutions").join(file)).unwrap();
    gavel::resolution::parse(&text, Path::new(file)).resolution.unwrap()
}

fn seed(name: &str) -> String {
    std::fs::read_to_string(root().join("tests/seeds").join(name)).unwrap()
}

#[test]
fn conf_11_3_is_the_annex_of_sc78_doc_37() {
    let res = load("conf-11.3.txt");
    let file: gavel::group::ProposalFile =
        serde_json::from_str(&std::fs::read_to_string(root().join("resolutions/conf-11.3.proposals.json")).unwrap()).unwrap();
    let annex = gavel::render::annex::build(&res, &file.proposals, None);
    assert!(annex.not_shown.is_empty(), "every bundled proposal applies");
    let ours: Vec<Shown> = annex.blocks.iter().map(|b| shown(&b.text, b.status)).collect();
    let text = seed("002_59fff69e1e92b3dc.txt");
    let mut used = HashSet::new();
    let text = repaired("conf-11.3.txt", &text, &mut used);
    // The Annex starts at the symbol; its symbol, title and note are the header's.
    let start = text.lines().position(|l| l.starts_with("Conf. 11.3 (Rev. CoP19)*")).expect("the Annex of SC78 Doc. 37");
    let skip = ["Compliance and enforcement", "Note: new text is underlined and text proposed for deletion is in strikethrough"];
    let seed = seed_paragraphs(&text, start + 1, &skip);
    compare("Conf. 11.3", &seed, &ours);
}

#[test]
fn conf_19_3_is_its_seed() {
    let res = load("conf-19.3.txt");
    let blocks = gavel::redline::doc::redline(&res, &res, None);
    let ours: Vec<Shown> = blocks.iter().map(|b| shown(&b.text, b.status)).collect();
    let mut used = HashSet::new();
    let text = repaired("conf-19.3.txt", &seed("001_38a02649f3a5659d.txt"), &mut used);
    compare("Conf. 19.3", &seed_paragraphs(&text, 0, &[]), &ours);
}

#[test]
fn every_repair_is_used_and_the_copies_are_the_seeds() {
    for r in repairs() {
        assert!(["conf-11.3.txt", "conf-19.3.txt"].contains(&r.file.as_str()), "a repair of an unknown file: {}", r.file);
    }
    // Where the project's shared seeds are next to this checkout, the copies here are theirs, byte for byte.
    let shared = root().join("../shared/seeds");
    if shared.is_dir() {
        for name in ["001_38a02649f3a5659d.txt", "002_59fff69e1e92b3dc.txt"] {
            assert_eq!(std::fs::read(shared.join(name)).unwrap(), std::fs::read(root().join("tests/seeds").join(name)).unwrap(), "{name}");
        }
    }
}
