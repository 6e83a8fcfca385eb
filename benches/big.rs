//! Linear time on big resolutions: `check`, `show`, `diff` and `annex` (txt,
//! md, html) on a resolution of 8 MB, each 2 s or less, the DOCX annex 5 s
//! or less, in two shapes: 100,000 short preambular paragraphs, and 20,000
//! operative paragraphs with sub-paragraphs (the bundled Conf. 11.3 with
//! them added, so that its four proposals still apply). The real binary on
//! a demo repository, timed from outside as a user waits.
//!
//! Run with `cargo bench --bench big`.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::{measure, verdict};

const MARKER: &str = "THE CONFERENCE OF THE PARTIES TO THE CONVENTION";

fn main() {
    let gavel = env!("CARGO_BIN_EXE_gavel");
    let tmp = tempfile::tempdir().unwrap();
    let mut summary = Vec::new();
    for shape in ["100,000 preambular paragraphs", "20,000 operative paragraphs with sub-paragraphs"] {
        let dir = tmp.path().join(if shape.starts_with("100") { "preamble" } else { "operative" });
        assert!(Command::new(gavel).arg("demo").arg(&dir).stdout(Stdio::null()).stderr(Stdio::null()).status().unwrap().success());
        let file = dir.join("resolutions/conf-11.3.txt");
        let text = std::fs::read_to_string(&file).unwrap();
        let big = if shape.starts_with("100") {
            let at = text.find(MARKER).unwrap();
            let recitals: String =
                (0..100_000).map(|k| format!("NOTING decision {k} of the Conference of the Parties on trade in specimens;\n\n")).collect();
            format!("{}{recitals}{}", &text[..at], &text[at..])
        } else {
            let at = text.find("\n[^1]:").unwrap();
            let paragraphs: String = (33..20_033)
                .map(|n| {
                    format!(
                        "\n{n}. REQUESTS the Parties to report on measure {n} and what it achieved:\n    a) the first element of measure {n}, taken at national level;\n    b) the second element of measure {n}, with customs and police:\n        i) details of the first kind for measure {n};\n        ii) details of the second kind, and when agreed;\n    c) the third element of measure {n}, reported.\n"
                    )
                })
                .collect();
            format!("{}\n{paragraphs}{}", &text[..at], &text[at..])
        };
        assert!(big.len() < 8 * 1024 * 1024, "under the 8 MB limit: {}", big.len());
        std::fs::write(&file, &big).unwrap();
        println!("== {shape}: {:.1} MB", big.len() as f64 / 1e6);
        let docx = tmp.path().join("annex.docx");
        let commands: [(&str, Vec<&str>, u64); 7] = [
            ("check", vec!["check"], 2),
            ("show", vec!["show", "11.3"], 2),
            ("diff", vec!["diff", "11.3"], 2),
            ("annex (txt)", vec!["annex", "11.3", "--format", "txt"], 2),
            ("annex (md)", vec!["annex", "11.3", "--format", "md"], 2),
            ("annex (html)", vec!["annex", "11.3", "--format", "html"], 2),
            ("annex (docx)", vec!["annex", "11.3", "-o", docx.to_str().unwrap()], 5),
        ];
        for (name, args, limit) in commands {
            let run = |dir: &Path| {
                let out = Command::new(gavel).args(&args).current_dir(dir).stdout(Stdio::null()).output().unwrap();
                assert!(out.status.success(), "gavel {args:?}: {}", String::from_utf8_lossy(&out.stderr));
            };
            let t = measure(&format!("`gavel {}`", args.join(" ")), 3, || run(&dir));
            summary.push(verdict(&format!("{shape}: {name} in {limit} s"), t <= Duration::from_secs(limit), &format!("median {t:.2?}")));
        }
    }
    for line in summary {
        println!("{line}");
    }
}
