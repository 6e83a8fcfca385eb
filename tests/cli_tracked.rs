//! `gavel diff` and `gavel annex`, end to end.

mod common;

use std::io::Read;
use std::path::Path;
use std::process::{Command, Output};

use common::TempRepo;

fn gavel(repo: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gavel")).arg("--repo").arg(repo).args(args).env("NO_COLOR", "1").output().unwrap()
}

fn out(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn err(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// The main part of a DOCX: word/document.xml.
fn document_xml(path: &Path) -> String {
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut s = String::new();
    z.by_name("word/document.xml").unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn diff_of_one_paragraph_is_plain_wdiff_off_a_terminal() {
    let repo = TempRepo::bundled();
    let o = gavel(repo.path(), &["diff", "Conf. 11.3", "23 b)"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let text = out(&o);
    assert!(text.contains("    b) when, within [-six -]{+three +}months,"), "{text}");
    assert!(text.contains("able to respond{+ and provide the response within the following three months+};\n"), "{text}");
    assert!(!text.contains('\x1b'), "no escape codes with NO_COLOR or off a terminal");
    assert!(!text.contains("sc78-37-10e"), "only proposals touching 23 b)");
}

#[test]
fn terminal_format_uses_strikethrough_and_underline() {
    let repo = TempRepo::bundled();
    let o = gavel(repo.path(), &["diff", "11.3", "23 b)", "--format", "term"]);
    let text = out(&o);
    assert!(text.contains("\x1b[9;31msix \x1b[0m\x1b[4;32mthree \x1b[0m"), "{text:?}");
}

#[test]
fn every_proposal_in_context_in_markdown_and_html() {
    let repo = TempRepo::bundled();
    let md = out(&gavel(repo.path(), &["diff", "11.3", "--format", "md"]));
    assert!(md.contains("<del>e</del><ins>f</ins>) Parties remind their diplomatic missions"), "{md}");
    assert_eq!(md.matches("### Conf. 11.3 (Rev. CoP19), proposal").count(), 4);
    let html = out(&gavel(repo.path(), &["diff", "11.3", "--format", "html"]));
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<del>six </del><ins>three </ins>"), "{html}");
    assert!(html.contains("del{text-decoration:line-through") && html.contains("ins{text-decoration:underline"));
}

#[test]
fn text_files_compared() {
    let repo = TempRepo::bundled();
    let (a, b) = (repo.file("a.txt"), repo.file("b.txt"));
    std::fs::write(&a, "within six months, the\nsame line\n").unwrap();
    std::fs::write(&b, "within three months, the\nsame line\nnew line\n").unwrap();
    let o = gavel(repo.path(), &["diff", "--text", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert_eq!(out(&o), "within [-six -]{+three +}months, the\n\nsame line\n\n{+new line+}\n\n", "a paragraph each, marks within them");
    let o = gavel(repo.path(), &["diff", "--text", a.to_str().unwrap(), "missing.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("missing.txt: error: file not found"), "{}", err(&o));
}

#[test]
fn unknown_resolution_or_paragraph_exit_2() {
    let repo = TempRepo::bundled();
    let o = gavel(repo.path(), &["diff", "Conf. 12.3"]);
    assert_eq!(o.status.code(), Some(2));
    let o = gavel(repo.path(), &["diff", "11.3", "23 h)"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("paragraph 23 h) does not exist in Conf. 11.3 (Rev. CoP19); paragraph 23 has a) to e)"));
    let o = gavel(repo.path(), &["annex", "11.3", "--proposal", "nope"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn annex_docx_with_underline_and_strikethrough() {
    let repo = TempRepo::bundled();
    let path = repo.file("annex.docx");
    let o = gavel(repo.path(), &["annex", "Conf. 11.3", "--format", "docx", "-o", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let xml = document_xml(&path);
    assert!(xml.contains("new text is underlined and text proposed for deletion is in strikethrough"));
    assert!(xml.contains("<w:u w:val=\"single\" />") || xml.contains("<w:u w:val=\"single\"/>"), "underline");
    assert!(xml.contains("<w:strike />") || xml.contains("<w:strike/>"), "strikethrough");
    assert!(!xml.contains("<w:ins "), "no revisions in the formatted form");
    assert!(!xml.contains("<w:numPr>"), "labels are text, not Word numbering");
}

#[test]
fn annex_docx_with_real_revisions() {
    let repo = TempRepo::bundled();
    let path = repo.file("tracked.docx");
    let o = gavel(repo.path(), &["annex", "11.3", "--track-changes", "--date", "2025-02-03", "-o", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let xml = document_xml(&path);
    assert!(xml.contains("<w:ins w:id="), "insertions");
    assert!(xml.contains("<w:del w:id="), "deletions");
    assert!(xml.contains("<w:delText xml:space=\"preserve\">six </w:delText>"), "deleted text in w:delText");
    assert!(xml.contains("w:author=\"Kenya, New Zealand\""), "author from the proposal");
    assert!(xml.contains("w:date=\"2025-02-03T00:00:00Z\""));
    // A whole inserted paragraph is marked on its paragraph mark (w:pPr/w:rPr/w:ins).
    let mark = xml.find("<w:rPr><w:ins ").or_else(|| xml.find("<w:rPr>\n<w:ins "));
    assert!(mark.is_some(), "paragraph-mark insertion");
}

#[test]
fn output_in_a_missing_folder_leaves_nothing() {
    let repo = TempRepo::bundled();
    let target = repo.file("no/such/folder/annex.docx");
    let o = gavel(repo.path(), &["annex", "11.3", "-o", target.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("the folder") && err(&o).contains("does not exist"), "{}", err(&o));
    assert!(!repo.file("no").exists());
    let o = gavel(repo.path(), &["diff", "11.3", "-o", target.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn html_escapes_everything() {
    let repo = TempRepo::bundled();
    let mut v: serde_json::Value = serde_json::from_str(&repo.read("resolutions/conf-11.3.proposals.json")).unwrap();
    v["proposals"][3]["changes"][0]["text"] = serde_json::json!("when <script>alert('x')</script> & then;");
    repo.write("resolutions/conf-11.3.proposals.json", serde_json::to_string_pretty(&v).unwrap());
    let path = repo.file("annex.html");
    let o = gavel(repo.path(), &["annex", "11.3", "-o", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(!html.contains("<script>"));
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; then"), "{html}");
}

#[test]
fn stale_proposal_is_flagged_not_applied() {
    let repo = TempRepo::bundled();
    repo.edit("resolutions/conf-11.3.txt", "when, within six months,", "when, within five months,");
    let o = gavel(repo.path(), &["diff", "11.3", "23 b)"]);
    assert_eq!(o.status.code(), Some(0));
    let text = out(&o);
    assert!(text.contains("# This proposal is stale: paragraph 23 b) has changed since the proposal was drafted."), "{text}");
    assert!(text.contains("not the text in force"), "{text}");
    assert!(text.contains("when, within [-six -]{+three +}months"), "shown against the text it was drafted against: {text}");
    let path = repo.file("annex.txt");
    let o = gavel(repo.path(), &["annex", "11.3", "-o", path.to_str().unwrap()]);
    assert!(err(&o).contains("warning: proposal sc78-37-23b is not shown in the annex: stale"), "{}", err(&o));
    let annex = std::fs::read_to_string(&path).unwrap();
    assert!(annex.contains("when, within five months,"), "the text in force, unchanged");
    assert!(!annex.contains("{+three+}"));
    assert!(annex.contains("Not shown: proposal sc78-37-23b (Kenya, New Zealand): stale"), "{annex}");
}

#[test]
fn annex_text_formats() {
    let repo = TempRepo::bundled();
    let o = gavel(repo.path(), &["annex", "11.3", "--format", "txt"]);
    let t = out(&o);
    assert!(t.starts_with("Conf. 11.3 (Rev. CoP19)*\n\nCompliance and enforcement\n\nNote: new text is underlined and text proposed for deletion is in strikethrough\n"));
    assert!(t.contains("    [-e-]{+f+}) Parties remind"));
    assert!(t.contains("[^1]: Corrected by the Secretariat"));
    let md = out(&gavel(repo.path(), &["annex", "11.3", "--format", "md"]));
    assert!(md.contains("*Note: new text is underlined and text proposed for deletion is in strikethrough*"));
    assert!(md.contains("<ins>AWARE that a wide range of professional bodies"));
}
