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
use std::time::Duration;

use common::{Rng, measure, peak_kb, shapes, verdict};
use gavel::group::ProposalFile;
use gavel::redline::doc::redline;
use gavel::redline::text::diff_texts;
use gavel::redline::{Piece, wdiff};
use gavel::render::annex::build;
use gavel::render::print::{DocxOptions, docx, text};
use gavel::resolution::parse;

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

    println!("== 2 MB pairs, each shape of edit, against git (goal: twice as fast as git, peak memory at most twice git's)");
    let mut rng = Rng(0x9E3779B97F4A7C15);
    let dir = tempfile::tempdir().unwrap();
    let gavel_bin = Path::new(env!("CARGO_BIN_EXE_gavel"));
    let run = |cmd: &mut Command| {
        let st = cmd.stdout(Stdio::null()).stderr(Stdio::null()).status().unwrap();
        assert!(st.code().is_some());
    };
    let git_ok = Command::new("git").arg("--version").stdout(Stdio::null()).status().is_ok_and(|s| s.success());
    let old = shapes::repeated(&text, 2_000_000);
    let a = dir.path().join("old.txt");
    std::fs::write(&a, &old).unwrap();
    let mut summary = Vec::new();
    let pairs: [(&str, String); 4] = [
        ("(a) 3% of words replaced", shapes::replaced(&old, 0.03, &mut rng)),
        ("(b) 3% of words replaced, inserted, deleted", shapes::mixed(&old, 0.03, &mut rng)),
        ("(c) 30 paragraphs moved, 1% of words changed", shapes::moved(&old, 30, 0.01, &mut rng)),
        ("(d) 10% of words changed, whole sentences", shapes::clustered(&old, 0.10, &mut rng)),
    ];
    for (name, new) in &pairs {
        println!("-- {name}: {} and {} bytes", old.len(), new.len());
        let b = dir.path().join("new.txt");
        std::fs::write(&b, new).unwrap();
        // GAVEL_BENCH_PAIRS=DIR keeps each pair there, to profile the binary on it.
        if let Some(keep) = std::env::var_os("GAVEL_BENCH_PAIRS") {
            let stem = &name[1..2];
            std::fs::copy(&a, Path::new(&keep).join("old.txt")).unwrap();
            std::fs::copy(&b, Path::new(&keep).join(format!("new-{stem}.txt"))).unwrap();
        }
        let inproc = measure("gavel engine in process (align + word diffs + txt)", 11, || {
            let d = diff_texts(black_box(&old), black_box(new), Duration::from_secs(10));
            assert!(d.paired_by_position == 0 && d.replaced_whole() == 0);
            black_box(wdiff(&all(d.blocks.into_iter().flat_map(|b| b.pieces))));
        });
        let ours = measure("`gavel diff --text old new > /dev/null`", 11, || {
            run(Command::new(gavel_bin).args(["diff", "--text"]).arg(&a).arg(&b).env("NO_COLOR", "1"));
        });
        let args = [a.as_os_str(), b.as_os_str()];
        let our_kb = peak_kb(gavel_bin, &[std::ffi::OsStr::new("diff"), std::ffi::OsStr::new("--text"), args[0], args[1]]);
        if !git_ok {
            println!("   git is not installed: no comparison");
            continue;
        }
        let git = measure("`git diff --no-index --word-diff=porcelain`", 11, || {
            run(Command::new("git").args(["diff", "--no-index", "--word-diff=porcelain"]).arg(&a).arg(&b));
        });
        let git_kb = peak_kb(
            Path::new("git"),
            &[
                std::ffi::OsStr::new("diff"),
                std::ffi::OsStr::new("--no-index"),
                std::ffi::OsStr::new("--word-diff=porcelain"),
                args[0],
                args[1],
            ],
        );
        let ratio = git.as_secs_f64() / ours.as_secs_f64();
        println!(
            "   ratio git / gavel: {ratio:.2} (process against process), {:.2} (git against the engine in process)",
            git.as_secs_f64() / inproc.as_secs_f64()
        );
        summary.push(verdict(
            &format!("{name}: twice as fast as git"),
            ratio >= 2.0,
            &format!("{ratio:.2}x, median {ours:.1?} against {git:.1?}"),
        ));
        match (our_kb, git_kb) {
            (Some(o), Some(g)) => summary.push(verdict(
                &format!("{name}: peak memory at most twice git's"),
                o <= 2 * g,
                &format!("{:.1} MB against {:.1} MB", o as f64 / 1024.0, g as f64 / 1024.0),
            )),
            _ => println!("   /usr/bin/time is not installed: peak memory not measured"),
        }
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

    println!("== Two unrelated 2 MB texts (goal: 200 ms or less, said so in the output)");
    let (u1, u2) = (shapes::unrelated(2_000_000, &mut rng), shapes::unrelated(2_000_000, &mut rng));
    if let Some(keep) = std::env::var_os("GAVEL_BENCH_PAIRS") {
        std::fs::write(Path::new(&keep).join("unrelated-1.txt"), &u1).unwrap();
        std::fs::write(Path::new(&keep).join("unrelated-2.txt"), &u2).unwrap();
    }
    let mut said = String::new();
    let unrelated = measure("gavel engine in process", 5, || {
        let d = diff_texts(black_box(&u1), black_box(&u2), Duration::from_secs(3));
        said = format!(
            "paired by position: {}; paragraphs compared whole: {}; blocks: {}",
            d.paired_by_position,
            d.replaced_whole(),
            d.blocks.len()
        );
    });
    println!("   {said}");
    summary.push(verdict(
        "two unrelated 2 MB texts in 200 ms",
        unrelated <= Duration::from_millis(200),
        &format!("median {unrelated:.1?}"),
    ));

    let goal = |name: &str, got: Duration, goal: Duration| {
        println!("goal: {name} in {goal:?} or less: {} (median {got:.3?})", if got <= goal { "met" } else { "NOT MET" });
    };
    goal("whole resolution with all four proposals", whole, Duration::from_millis(2));
    goal("DOCX annex", docx, Duration::from_millis(20));
    goal("diff --text on Annex 2 of CoP17 Doc. 25, process included", real, Duration::from_millis(5));
    for line in summary {
        println!("{line}");
    }
}
