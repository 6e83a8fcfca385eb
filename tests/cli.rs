//! The real `gavel` binary, end to end, on a temporary demo repository.

use std::path::Path;
use std::process::{Command, Output};

fn gavel(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gavel")).args(args).env("NO_COLOR", "1").output().expect("run gavel")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn demo() -> (tempfile::TempDir, String) {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("wg");
    let o = gavel(&["demo", repo.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).starts_with(&format!("Created the demo working-group repository at {}\n", repo.display())), "{}", stdout(&o));
    (tmp, repo.to_str().unwrap().to_string())
}

#[test]
fn demo_then_check_is_clean() {
    let (_tmp, repo) = demo();
    let o = gavel(&["--repo", &repo, "check"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).ends_with("7 files read; 0 errors, 0 warnings\n"), "{}", stdout(&o));
    let o = gavel(&["check", &repo]);
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn demo_history_is_real_git() {
    let (_tmp, repo) = demo();
    let r = git2::Repository::open(&repo).unwrap();
    assert_eq!(r.head().unwrap().shorthand().unwrap(), "main");
    let mut walk = r.revwalk().unwrap();
    walk.push_head().unwrap();
    walk.set_sorting(git2::Sort::TOPOLOGICAL | git2::Sort::REVERSE).unwrap();
    let commits: Vec<git2::Commit> = walk.map(|id| r.find_commit(id.unwrap()).unwrap()).collect();
    assert_eq!(commits.len(), 5);
    let first = &commits[0];
    assert_eq!(first.parent_count(), 0);
    assert_eq!(first.summary().unwrap(), Some("Conf. 11.3 (Rev. CoP19) and Conf. 19.3 as in force after CoP19"));
    let tree = first.tree().unwrap();
    let blob = tree.get_path(Path::new("resolutions/conf-11.3.txt")).unwrap().to_object(&r).unwrap().peel_to_blob().unwrap();
    assert!(std::str::from_utf8(blob.content()).unwrap().contains("when, within six months, the information requested"));
    assert!(tree.get_path(Path::new("resolutions/conf-11.3.proposals.json")).is_err(), "proposals come later");
    let tag = r.revparse_single("conf-11.3/rev-cop19").unwrap().peel_to_commit().unwrap();
    assert_eq!(tag.id(), first.id(), "the revision tag marks the text in force");
    assert_eq!(commits[2].author().name().unwrap(), "Kenya and New Zealand (co-Chairs)");
    let statuses = r.statuses(None).unwrap();
    assert!(statuses.is_empty(), "the work tree is clean");
}

#[test]
fn demo_never_overwrites() {
    let (_tmp, repo) = demo();
    let o = gavel(&["demo", &repo]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("is not empty; gavel never makes a repository over files"), "{}", stderr(&o));
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("f");
    std::fs::write(&file, "x").unwrap();
    let o = gavel(&["demo", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "x");
}

#[test]
fn demo_into_an_existing_empty_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let o = gavel(&["demo", tmp.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(tmp.path().join("resolutions/conf-11.3.txt").is_file());
    let leftovers: Vec<_> = std::fs::read_dir(tmp.path().parent().unwrap())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".gavel-demo-"))
        .collect();
    assert!(leftovers.is_empty(), "no staging folder is left behind");
}

#[test]
fn show_prints_the_text_in_force() {
    let (_tmp, repo) = demo();
    let expected = "b) when, within six months, the information requested has not been provided, Parties provide the Secretariat with justification for why they have not been able to respond;\n";
    for form in ["23 b)", "23(b)", "23.b", "paragraph 23 b)"] {
        for name in ["Conf. 11.3", "11.3", "Conf. 11.3 (Rev. CoP19)"] {
            let o = gavel(&["--repo", &repo, "show", name, form]);
            assert_eq!(o.status.code(), Some(0), "{name} {form}: {}", stderr(&o));
            assert_eq!(stdout(&o), expected, "{name} {form}");
        }
    }
    let o = gavel(&["--repo", &repo, "show", "11.3", "13 a) iv)"]);
    assert!(stdout(&o).starts_with("iv) ensuring document control"), "{}", stdout(&o));
    let o = gavel(&["--repo", &repo, "show", "11.3", "preamble 5"]);
    assert!(stdout(&o).starts_with("NOTING that the Preamble of the Convention"), "{}", stdout(&o));
    let o = gavel(&["--repo", &repo, "show", "11.3", "IX"]);
    assert!(stdout(&o).starts_with("IX. Regarding application of Article XIII\n\n23. RECOMMENDS that:\n    a) when"), "{}", stdout(&o));
    let o = gavel(&["--repo", &repo, "show", "11.3"]);
    assert_eq!(stdout(&o), std::fs::read_to_string(Path::new(&repo).join("resolutions/conf-11.3.txt")).unwrap());
}

#[test]
fn show_outline() {
    let (_tmp, repo) = demo();
    let o = gavel(&["--repo", &repo, "show", "Conf. 11.3", "--outline"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.contains("Preamble: 22 paragraphs"));
    assert!(out.contains("XI. Regarding the enforcement assistance activities of the Secretariat"));
    assert!(out.contains(" 32.  DIRECTS the Secretariat to, subject to available resources:   a), b) [i), ii)]"), "{out}");
}

#[test]
fn references_that_do_not_exist_say_what_does() {
    let (_tmp, repo) = demo();
    let cases = [
        ("23 h)", "paragraph 23 h) does not exist in Conf. 11.3 (Rev. CoP19); paragraph 23 has a) to e)"),
        ("33", "paragraph 33 does not exist in Conf. 11.3 (Rev. CoP19); Conf. 11.3 has paragraphs 1 to 32"),
        ("13 a) ix)", "paragraph 13 a) ix) does not exist in Conf. 11.3 (Rev. CoP19); paragraph 13 a) has i) to viii)"),
        ("24 a)", "paragraph 24 a) does not exist in Conf. 11.3 (Rev. CoP19); paragraph 24 has no sub-paragraphs"),
        ("preamble 23", "preambular paragraph 23 does not exist in Conf. 11.3 (Rev. CoP19); the preamble has 22 paragraphs"),
        ("XII", "section XII does not exist in Conf. 11.3 (Rev. CoP19); sections are I to XI"),
    ];
    for (r, msg) in cases {
        let o = gavel(&["--repo", &repo, "show", "Conf. 11.3", r]);
        assert_eq!(o.status.code(), Some(2), "{r}");
        assert_eq!(stderr(&o), format!("gavel: error: {msg}\n"), "{r}");
        assert!(stdout(&o).is_empty());
    }
    let o = gavel(&["--repo", &repo, "show", "Conf. 12.3", "1"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no resolution Conf. 12.3 in"), "{}", stderr(&o));
    assert!(stderr(&o).contains("there are: Conf. 11.3 (Rev. CoP19), Conf. 19.3"), "{}", stderr(&o));
    let o = gavel(&["--repo", &repo, "show", "Conf. 11.3 (Rev. CoP18)", "1"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("holds Conf. 11.3 (Rev. CoP19)"), "{}", stderr(&o));
    let o = gavel(&["--repo", &repo, "show", "Conf. 11.3", "twenty-three"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot read `twenty-three` as a paragraph reference"), "{}", stderr(&o));
}

#[test]
fn check_fails_with_located_findings_and_no_backtrace() {
    let (_tmp, repo) = demo();
    let res = Path::new(&repo).join("resolutions/conf-11.3.txt");
    let text = std::fs::read_to_string(&res).unwrap().replace("    c) if significant compliance", "    d) if significant compliance");
    std::fs::write(&res, text).unwrap();
    let group = Path::new(&repo).join("agendas/sc78-wg-11-3/group.json");
    std::fs::write(&group, "{ \"name\": \"x\",, }").unwrap();
    let o = gavel(&["--repo", &repo, "check"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("resolutions/conf-11.3.txt:"), "{out}");
    assert!(out.contains("error: sub-paragraph d) follows b): expected c)"), "{out}");
    assert!(out.contains("agendas/sc78-wg-11-3/group.json:1:15: error: this is not JSON here, because key must be a string\n  fix: check the punctuation here"), "{out}");
    assert!(out.ends_with("3 errors, 0 warnings\n"), "the label gap, the duplicate label, the JSON error; no cascade: {out}");
    assert!(!stderr(&o).contains("panicked") && !stderr(&o).contains("backtrace"));
    let o = gavel(&["--repo", &repo, "show", "11.3", "23 b)"]);
    assert_eq!(o.status.code(), Some(0), "show still works on a repository with problems");
    assert!(stderr(&o).contains("has 2 problems; run `gavel check`"), "{}", stderr(&o));
}

#[test]
fn not_a_repository() {
    let tmp = tempfile::tempdir().unwrap();
    let o = gavel(&["--repo", tmp.path().to_str().unwrap(), "show", "11.3", "1"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no working-group repository at"), "{}", stderr(&o));
    let o = gavel(&["check", tmp.path().join("missing").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("is not a folder"), "{}", stderr(&o));
}

#[test]
fn proposals_and_status() {
    let (_tmp, repo) = demo();
    let o = gavel(&["--repo", &repo, "proposals", "Conf. 11.3"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    for id in ["sc78-37-preamble", "sc78-37-10e", "sc78-37-13g", "sc78-37-23b"] {
        assert!(out.contains(&format!("\n{id}  [pending]")), "{out}");
    }
    assert!(out.contains("    - insert before 10 e)\n"), "{out}");
    assert!(!out.contains("stale"), "{out}");
    let o = gavel(&["--repo", &repo]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("mandate: Decision 19.66; 28 Parties, 21 Observers"), "{}", stdout(&o));
}

/// The completion scripts load in their shell and know the commands; the manual names them all.
#[test]
fn completions_and_manual() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let o = gavel(&["completions", shell]);
        assert!(o.status.success(), "{shell}");
        let script = String::from_utf8(o.stdout).unwrap();
        assert!(script.contains("annex") && script.contains("mandate-file"), "{shell}");
    }
    let script = String::from_utf8(gavel(&["completions", "bash"]).stdout).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("c.bash"), script).unwrap();
    let o = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!("source {}/c.bash && complete -p gavel", tmp.path().display()))
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&o.stdout).contains("_gavel"), "{o:?}");
    // Completing a value: the model's names for roles and categories.
    for (option, want) in
        [("--role", "chair co-chair vice-chair rapporteur secretariat host"), ("--category", "party igo ngo agency secretariat")]
    {
        let line = format!("gavel member add Canada {option} ");
        let o = std::process::Command::new("bash")
            .arg("-c")
            .arg(format!(
                "source {}/c.bash; COMP_WORDS=(gavel member add Canada {option} ''); COMP_CWORD=5; COMP_LINE='{line}'; COMP_POINT={}; _gavel gavel '' {option}; echo \"${{COMPREPLY[@]}}\"",
                tmp.path().display(),
                line.len()
            ))
            .output()
            .unwrap();
        assert_eq!(String::from_utf8_lossy(&o.stdout).trim(), want, "{o:?}");
    }
    let page = String::from_utf8(gavel(&["man"]).stdout).unwrap();
    assert!(page.contains(".TH gavel 1") && page.contains("Exit status"));
    for cmd in ["init", "annex", "minutes", "completions"] {
        assert!(page.contains(&format!("gavel\\-{cmd}(1)")), "{cmd} in the manual's list of commands");
    }
    assert_eq!(gavel(&["completions", "tcsh"]).status.code(), Some(2));
    let o = gavel(&["man", "--dir", tmp.path().to_str().unwrap()]);
    assert!(o.status.success());
    let init = std::fs::read_to_string(tmp.path().join("gavel-init.1")).unwrap();
    assert!(init.contains("\\-\\-mandate\\-file"), "{init}");
}
