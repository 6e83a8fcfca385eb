//! The tracked-change engine against its goals, and against `git diff
//! --no-index --word-diff=porcelain` on the same 2 MB pair in the same run.
//!
//! Goals: the whole resolution with all four proposals in 2 ms or less; the
//! 2 MB pair faster than git (aim: twice as fast); two unrelated 2 MB texts
//! in bounded time; the DOCX annex in 20 ms or less; `diff --text` on the
//! Annex 2 of CoP17 Doc. 25 against the text in force in 5 ms or less,
//! process included.
//!
//! Run with `cargo bench --bench diff`. git is the peer being measured here,
//! so this bench runs the `git` program; gavel itself never does.

mod common;

use std::hint::black_box;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{Rng, measure};
use gavel::group::ProposalFile;
use gavel::redline::doc::redline;
use gavel::redline::text::diff_texts;
use gavel::redline::{Piece, wdiff};
use gavel::render::annex::build;
use gavel::render::print::{DocxOptions, docx, text};
use gavel::resolution::parse;

const VOCABULARY: &[&str] = &[
    "Parties",
    "Secretariat",
    "trade",
    "specimens",
    "shall",
    "enforcement",
    "compliance",
    "months",
    "national",
    "report",
    "wildlife",
    "measures",
    "provide",
    "information",
    "within",
    "three",
];

/// The resolution repeated to `size` bytes, and a copy with `share` of its words replaced.
fn pair(text: &str, size: usize, share: f64, rng: &mut Rng) -> (String, String) {
    let mut old = String::with_capacity(size + text.len());
    while old.len() < size {
        old.push_str(text);
    }
    let mut new = String::with_capacity(old.len());
    let mut word = String::new();
    let flush = |word: &mut String, new: &mut String, rng: &mut Rng| {
        if !word.is_empty() {
            if (rng.below(1_000_000) as f64) < share * 1_000_000.0 {
                new.push_str(VOCABULARY[rng.below(VOCABULARY.len())]);
            } else {
                new.push_str(word);
            }
            word.clear();
        }
    };
    for c in old.chars() {
        if c.is_alphanumeric() {
            word.push(c);
        } else {
            flush(&mut word, &mut new, rng);
            new.push(c);
        }
    }
    flush(&mut word, &mut new, rng);
    (old, new)
}

fn unrelated(size: usize, rng: &mut Rng) -> String {
    let mut s = String::with_capacity(size + 100);
    while s.len() < size {
        for _ in 0..(8 + rng.below(60)) {
            s.push_str(VOCABULARY[rng.below(VOCABULARY.len())]);
            s.push(' ');
        }
        s.push_str(&rng.next().to_string());
        s.push_str(".\n");
    }
    s
}

fn all(pieces: impl Iterator<Item = Piece>) -> Vec<Piece> {
    pieces.collect()
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let path = root.join("resolutions/conf-11.3.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    let res = parse(&text, &path).resolution.unwrap();
    let file: ProposalFile =
        serde_json::from_str(&std::fs::read_to_string(root.join("resolutions/conf-11.3.proposals.json")).unwrap()).unwrap();

    println!("== The whole resolution with all four proposals (goal: 2 ms or less)");
    let applied = gavel::redline::amend::apply(&res, &file.proposals);
    let whole = measure("apply the 4 proposals + redline Conf. 11.3", 1000, || {
        let a = gavel::redline::amend::apply(black_box(&res), &file.proposals);
        black_box(redline(&res, &a.proposed, None));
    });
    measure("redline only", 1000, || {
        black_box(redline(black_box(&res), &applied.proposed, None));
    });
    let annex = build(&res, &file.proposals, None);
    measure("annex as text (txt)", 1000, || {
        black_box(text::print(&annex.document(), false, false));
    });
    println!("== Annex export to DOCX (goal: 20 ms or less)");
    let opts = DocxOptions { date: "2025-02-03T00:00:00Z".into(), ..DocxOptions::default() };
    let docx = measure("build + redline + write DOCX", 200, || {
        let a = build(black_box(&res), &file.proposals, None);
        black_box(docx::print(&a.document(), &opts).unwrap());
    });
    let tracked = DocxOptions { track_changes: true, ..opts.clone() };
    measure("build + redline + write DOCX (tracked changes)", 200, || {
        let a = build(black_box(&res), &file.proposals, None);
        black_box(docx::print(&a.document(), &tracked).unwrap());
    });
    println!("   DOCX size: {} bytes", docx::print(&annex.document(), &opts).unwrap().len());

    println!("== A 2 MB pair: the resolution repeated, 3% of words changed");
    let mut rng = Rng(0x9E3779B97F4A7C15);
    let (old, new) = pair(&text, 2_000_000, 0.03, &mut rng);
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("old.txt"), dir.path().join("new.txt"));
    std::fs::write(&a, &old).unwrap();
    std::fs::write(&b, &new).unwrap();
    println!("   {} and {} bytes", old.len(), new.len());
    let inproc = measure("gavel engine in process (align + word diffs + txt)", 15, || {
        let d = diff_texts(black_box(&old), black_box(&new), Duration::from_secs(10));
        assert!(!d.aligned_by_position && d.replaced_whole() == 0);
        black_box(wdiff(&all(d.blocks.into_iter().flat_map(|b| b.pieces))));
    });
    let gavel_bin = env!("CARGO_BIN_EXE_gavel");
    let run = |cmd: &mut Command| {
        let st = cmd.stdout(Stdio::null()).stderr(Stdio::null()).status().unwrap();
        assert!(st.code().is_some());
    };
    let gavel_cmd = measure("`gavel diff --text old new > /dev/null`", 15, || {
        run(Command::new(gavel_bin).args(["diff", "--text"]).arg(&a).arg(&b).env("NO_COLOR", "1"));
    });
    let git_ok = Command::new("git").arg("--version").stdout(Stdio::null()).status().is_ok_and(|s| s.success());
    if git_ok {
        let git = measure("`git diff --no-index --word-diff=porcelain old new`", 15, || {
            run(Command::new("git").args(["diff", "--no-index", "--word-diff=porcelain"]).arg(&a).arg(&b));
        });
        println!(
            "   ratio git / gavel: {:.2} (process against process), {:.2} (git against the engine in process); goal: above 1, aim 2",
            git.as_secs_f64() / gavel_cmd.as_secs_f64(),
            git.as_secs_f64() / inproc.as_secs_f64()
        );
    } else {
        println!("   git is not installed: no comparison");
    }

    println!(
        "== A real pair: Annex 2 of CoP17 Doc. 25 (a PDF copy, hard wrapped) against Conf. 11.3 in force (goal: 5 ms, process included)"
    );
    let seed = std::fs::read_to_string(root.join("tests/seeds/003_6b40393e18054e70.txt")).unwrap();
    let annex2: String = seed.lines().skip(670).take(545).collect::<Vec<_>>().join("\n");
    let c = dir.path().join("annex2.txt");
    std::fs::write(&c, &annex2).unwrap();
    println!("   {} and {} bytes", annex2.len(), text.len());
    measure("gavel engine in process (paragraphs + align + moves + word diffs)", 50, || {
        black_box(diff_texts(black_box(&annex2), black_box(&text), Duration::from_secs(3)));
    });
    let real = measure("`gavel diff --text annex2 conf-11.3.txt > /dev/null`", 50, || {
        run(Command::new(gavel_bin).args(["diff", "--text"]).arg(&c).arg(&path).env("NO_COLOR", "1"));
    });
    if git_ok {
        let git = measure("`git diff --no-index --word-diff=porcelain annex2 conf-11.3.txt`", 50, || {
            run(Command::new("git").args(["diff", "--no-index", "--word-diff=porcelain"]).arg(&c).arg(&path));
        });
        println!("   ratio git / gavel: {:.2} (process against process)", git.as_secs_f64() / real.as_secs_f64());
    }

    println!("== Two unrelated 2 MB texts (goal: bounded time, said so in the output)");
    let (u1, u2) = (unrelated(2_000_000, &mut rng), unrelated(2_000_000, &mut rng));
    let t = Instant::now();
    let d = diff_texts(&u1, &u2, Duration::from_secs(3));
    println!(
        "   one run: {:?}; paired by position: {}; paragraphs compared whole: {}; blocks: {}",
        t.elapsed(),
        d.aligned_by_position,
        d.replaced_whole(),
        d.blocks.len()
    );

    let goal = |name: &str, got: Duration, goal: Duration| {
        println!("goal: {name} in {goal:?} or less: {} (median {got:.3?})", if got <= goal { "met" } else { "NOT MET" });
    };
    goal("whole resolution with all four proposals", whole, Duration::from_millis(2));
    goal("DOCX annex", docx, Duration::from_millis(20));
    goal("diff --text on Annex 2 of CoP17 Doc. 25, process included", real, Duration::from_millis(5));
}
