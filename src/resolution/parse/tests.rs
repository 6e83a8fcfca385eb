//! The parser on small texts: one test per kind of finding.

use std::path::Path;

use super::{Parsed, parse};
use crate::resolution::{ParagraphRef, resolve::Target};

const GOOD: &str = "Symbol: Conf. 1.1\nRevision: Rev. CoP19\nTitle: Test\n\nRECALLING that *italics* stay[^1];\n\nWELCOMING\n    a) one;\n    b) two;\n\nTHE CONFERENCE OF THE PARTIES TO THE CONVENTION\n\nI. Regarding one thing\n\n1. RECOMMENDS that:\n    a) first;\n        i) deep;\n        ii) deeper; and\n    b) second;\n\n2. URGES Parties;\n\n[^1]: A footnote.\n";

fn run(text: &str) -> Parsed {
    parse(text, Path::new("t.txt"))
}

fn messages(text: &str) -> Vec<String> {
    run(text).diagnostics.iter().map(|d| format!("{}:{} {}", d.line, d.column, d.message)).collect()
}

#[test]
fn a_clean_file_has_no_findings() {
    let p = run(GOOD);
    assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
    let r = p.resolution.unwrap();
    let Target::Node(i) = r.resolve(&"1 a) ii)".parse::<ParagraphRef>().unwrap()).unwrap() else { panic!() };
    assert_eq!(r.node(i).text, "deeper; and");
    assert_eq!(r.node(i).line, 18);
}

#[test]
fn wrapped_lines_continue_the_provision() {
    let text = GOOD.replace("    b) second;", "    b) second part\n       of the text;");
    let p = run(&text);
    assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
    let r = p.resolution.unwrap();
    let Target::Node(i) = r.resolve(&"1 b)".parse::<ParagraphRef>().unwrap()).unwrap() else { panic!() };
    assert_eq!(r.node(i).text, "second part of the text;");
}

#[test]
fn enclosed_labels_keep_their_style() {
    let text = GOOD.replace("    a) first;", "    (a) first;").replace("    b) second;", "    (b) second;");
    let r = run(&text).resolution.unwrap();
    let Target::Node(i) = r.resolve(&"1(b)".parse::<ParagraphRef>().unwrap()).unwrap() else { panic!() };
    assert_eq!(r.node(i).label.unwrap().to_string(), "(b)");
}

#[test]
fn explicit_identity_survives_relettering() {
    let text = GOOD.replace("    b) second;", "    b) new one;\n    c) second; {#para_1__b}");
    let p = run(&text);
    assert!(p.diagnostics.iter().any(|d| d.message.contains("identity `para_1__b` is used twice")), "{:?}", p.diagnostics);
    let text = GOOD.replace("    b) second;", "    b) new one; {#wg-new-1b}\n    c) second; {#para_1__b}");
    let p = run(&text);
    assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
    let r = p.resolution.unwrap();
    let Target::Node(i) = r.resolve(&"1 c)".parse::<ParagraphRef>().unwrap()).unwrap() else { panic!() };
    assert_eq!((r.node(i).id.0.as_str(), r.node(i).text.as_str()), ("para_1__b", "second;"));
}

#[test]
fn labels_out_of_sequence() {
    let m = messages(&GOOD.replace("    b) second;", "    b) second;\n    d) fourth;"));
    assert_eq!(m, ["20:5 sub-paragraph d) follows b): expected c)"]);
}

#[test]
fn list_starting_late() {
    let m = messages(&GOOD.replace("    a) first;", "    b) first;").replace("    b) second;", "    c) second;"));
    assert_eq!(m, ["16:5 sub-paragraphs start at a), not b)"]);
}

#[test]
fn duplicate_paragraph_numbers() {
    let m = messages(&GOOD.replace("2. URGES Parties;", "1. URGES Parties;"));
    assert_eq!(m[0], "21:1 paragraph 1 appears twice in the resolution (also on line 15)");
}

#[test]
fn duplicate_sub_labels() {
    let m = messages(&GOOD.replace("    b) second;", "    a) second;"));
    assert_eq!(m, ["19:5 sub-paragraph a) appears twice in this list (also on line 16)"]);
}

#[test]
fn unindented_sub_paragraph() {
    let m = messages(&GOOD.replace("    b) second;", "b) second;"));
    assert_eq!(m, ["19:1 sub-paragraph `b)` is not indented"]);
}

#[test]
fn missing_operative_marker() {
    let m = messages(&GOOD.replace("THE CONFERENCE OF THE PARTIES TO THE CONVENTION\n", ""));
    assert!(m.iter().any(|m| m.contains("section heading `I.` before")), "{m:?}");
}

#[test]
fn header_problems() {
    let p = run("RECALLING something;\n");
    assert!(p.resolution.is_none());
    assert_eq!(p.diagnostics[0].message, "expected the header line `Symbol: Conf. …` at the top of the file");
    let m = messages(&GOOD.replace("Symbol: Conf. 1.1", "Symbol: 1.1"));
    assert!(m[0].starts_with("1:9 `1.1` is not a resolution symbol"), "{m:?}");
    let m = messages(&GOOD.replace("Revision: Rev. CoP19", "Revison: Rev. CoP19"));
    assert_eq!(m[0], "2:1 unknown header key `revison`");
    let p = run(&GOOD.replace("Title: Test\n", ""));
    assert!(p.resolution.is_none());
    assert!(p.diagnostics.iter().any(|d| d.message == "the header has no `Title:`"));
}

#[test]
fn footnotes_must_be_defined() {
    let m = messages(&GOOD.replace("[^1]: A footnote.\n", ""));
    assert_eq!(m, ["5:1 footnote [^1] is referred to but never defined"]);
    let m = messages(&GOOD.replace("[^1]: A footnote.", "[^1]: A footnote.\n\n[^2]: Stray."));
    assert_eq!(m, ["25:1 footnote [^2] is defined but never referred to"]);
}

#[test]
fn label_of_the_wrong_kind() {
    let m = messages(&GOOD.replace("        ii) deeper; and", "        b) deeper; and"));
    assert_eq!(m, ["18:9 sub-paragraph label `b)` does not fit its list, which is numbered with roman numerals"]);
}

#[test]
fn empty_provision_and_unbalanced_marks() {
    let m = messages(&GOOD.replace("    b) second;", "    b)"));
    assert_eq!(m, ["19:1 this provision has a label but no text"]);
    let m = messages(&GOOD.replace("    b) second;", "    b) [second *text;"));
    assert_eq!(m.len(), 2, "{m:?}");
}

#[test]
fn non_ascii_and_quotes_and_semicolon_and() {
    let text = GOOD.replace("    b) second;", "    b) Côte d'Ivoire, Türkiye and “quoted” text; and");
    let p = run(&text);
    assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
}
