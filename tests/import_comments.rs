//! `gavel import comments`: gavel's own `--track-changes` annex, edited the way
//! Word writes a Party's revisions (runs in `w:ins`/`w:del`, a paragraph
//! inserted with Word's numbering and one deleted by their marks, a comment,
//! a move, a formatting change), imported back: gavel's revisions are
//! recognised, each Party's change is one proposal per provision and author,
//! and the proposals apply to exactly the edited text.

mod common;

use std::io::{Read, Write};
use std::path::Path;

use common::demo::Demo;
use gavel::group::{Change, Proposal};

const CANADA: &str = "Jane Roe (Canada)";
const BOTSWANA: &str = "Botswana";
const DATE: &str = "2025-03-01T10:00:00Z";

/// The package's parts, by name.
fn parts(path: &Path) -> Vec<(String, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let mut b = Vec::new();
            f.read_to_end(&mut b).unwrap();
            (f.name().to_string(), b)
        })
        .collect()
}

fn write_parts(path: &Path, parts: &[(String, Vec<u8>)]) {
    let mut w = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for (n, b) in parts {
        w.start_file(n.as_str(), zip::write::SimpleFileOptions::default()).unwrap();
        w.write_all(b).unwrap();
    }
    w.finish().unwrap();
}

/// The `<w:p>` whose text contains `marker`: its start and end in `xml`.
fn paragraph(xml: &str, marker: &str) -> (usize, usize) {
    let mut from = 0;
    while let Some(s) = xml[from..].find("<w:p>") {
        let start = from + s;
        let end = start + xml[start..].find("</w:p>").unwrap() + 6;
        if xml[start..end].contains(marker) {
            return (start, end);
        }
        from = end;
    }
    panic!("no paragraph with {marker}");
}

fn rev(kind: &str, id: u32, author: &str, inner: &str) -> String {
    format!(r#"<w:{kind} w:id="{id}" w:author="{author}" w:date="{DATE}">{inner}</w:{kind}>"#)
}

/// Replaces `old` (inside a plain `w:t`) in the paragraph holding `marker` by `new`, as Word tracks it; a comment on it if asked.
fn revise(xml: &mut String, marker: &str, old: &str, new: &str, author: &str, id: u32, comment: Option<u32>) {
    let (s, e) = paragraph(xml, marker);
    let p = &xml[s..e];
    let at = p.find(old).unwrap_or_else(|| panic!("{old} in {marker}"));
    let (c0, c1) = match comment {
        Some(c) => (
            format!(r#"<w:commentRangeStart w:id="{c}"/>"#),
            format!(r#"<w:commentRangeEnd w:id="{c}"/><w:r><w:commentReference w:id="{c}"/></w:r>"#),
        ),
        None => (String::new(), String::new()),
    };
    let mut change = String::new();
    if !old.is_empty() {
        change.push_str(&rev("del", id, author, &format!(r#"<w:r><w:delText xml:space="preserve">{old}</w:delText></w:r>"#)));
    }
    if !new.is_empty() {
        change.push_str(&rev("ins", id + 1, author, &format!(r#"<w:r><w:t xml:space="preserve">{new}</w:t></w:r>"#)));
    }
    let edited = format!(r#"{}</w:t></w:r>{c0}{change}{c1}<w:r><w:t xml:space="preserve">{}"#, &p[..at], &p[at + old.len()..]);
    xml.replace_range(s..e, &edited);
}

/// The annex of Conf. 11.3 with gavel's revisions, then a Canadian and a Botswanan reviewer's.
fn reply(d: &Demo) -> std::path::PathBuf {
    let annex = d.home.join("annex.docx");
    let o = d.gavel(&["annex", "Conf. 11.3", "--track-changes", "--date", "2025-02-04", "-o", annex.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut ps = parts(&annex);
    let k = ps.iter().position(|(n, _)| n == "word/document.xml").unwrap();
    let mut xml = String::from_utf8(ps[k].1.clone()).unwrap();
    // 1. Canada, with a comment: paragraph 1 checks rather than verifies.
    revise(&mut xml, "REMINDS Parties of their obligation to verify", "verify", "check", CANADA, 900, Some(0));
    // 2. Botswana, inside gavel's revision of 23 b): an amendment to that proposal.
    revise(
        &mut xml,
        "months, the information requested has not been provided",
        "Parties provide",
        "Parties shall provide",
        BOTSWANA,
        910,
        None,
    );
    // Botswana again, inside the co-Chairs' inserted word, nested in their `w:ins` as Word nests it.
    let (s, e) = paragraph(&xml, "months, the information requested has not been provided");
    let nested = xml[s..e].replacen(
        r#"<w:t xml:space="preserve">three </w:t>"#,
        &format!(
            r#"<w:t xml:space="preserve"></w:t></w:r>{}{}<w:r><w:t xml:space="preserve"> </w:t>"#,
            rev("del", 915, BOTSWANA, r#"<w:r><w:delText xml:space="preserve">three</w:delText></w:r>"#),
            rev("ins", 916, BOTSWANA, r#"<w:r><w:t xml:space="preserve">four</w:t></w:r>"#)
        ),
        1,
    );
    assert_ne!(nested, xml[s..e], "the co-Chairs' inserted word is there");
    xml.replace_range(s..e, &nested);
    // 3. Canada, inside gavel's inserted 10 e): an amendment to that proposal.
    revise(&mut xml, "Parties raise awareness among professional bodies", "in their national", "in their own national", CANADA, 920, None);
    // 4. Canada: a new sub-paragraph after 23 b), numbered by Word's numbering (w:numPr).
    let (_, e) = paragraph(&xml, "months, the information requested has not been provided");
    let new_para = format!(
        r#"<w:p><w:pPr><w:pStyle w:val="Provision2"/><w:numPr><w:ilvl w:val="1"/><w:numId w:val="5"/></w:numPr><w:rPr>{}</w:rPr></w:pPr>{}</w:p>"#,
        format_args!(r#"<w:ins w:id="930" w:author="{CANADA}" w:date="{DATE}"/>"#),
        rev("ins", 931, CANADA, r#"<w:r><w:t xml:space="preserve">Parties report annually on the measures taken;</w:t></w:r>"#)
    );
    xml.insert_str(e, &new_para);
    // 4b. Canada: a new paragraph after 24 with two sub-paragraphs of its own, all numbered by Word.
    let (_, e) = paragraph(&xml, "DIRECTS the Secretariat to report on the implementation of Article XIII");
    let inserted = |ilvl: u32, id: u32, text: &str| {
        format!(
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="5"/></w:numPr><w:rPr><w:ins w:id="{id}" w:author="{CANADA}" w:date="{DATE}"/></w:rPr></w:pPr>{}</w:p>"#,
            rev("ins", id + 1, CANADA, &format!(r#"<w:r><w:t xml:space="preserve">{text}</w:t></w:r>"#))
        )
    };
    let block = [
        inserted(0, 934, "ENCOURAGES Parties to:"),
        inserted(1, 936, "share their experience of compliance assistance; and"),
        inserted(1, 938, "report on it to the Standing Committee."),
    ]
    .concat();
    xml.insert_str(e, &block);
    // 5. Botswana strikes 23 d) whole: its paragraph mark and its runs deleted.
    let (s, e) = paragraph(&xml, "if it does not appear a solution can be readily achieved");
    let p = xml[s..e].replace("<w:t ", "<w:delText ").replace("</w:t>", "</w:delText>");
    let runs_at = p.find("<w:r>").unwrap();
    let struck = format!(
        r#"{}<w:rPr><w:del w:id="940" w:author="{BOTSWANA}" w:date="{DATE}"/></w:rPr></w:pPr>{}</w:p>"#,
        &p[..p.find("</w:pPr>").unwrap()],
        rev("del", 941, BOTSWANA, &p[runs_at..p.len() - 6])
    );
    xml.replace_range(s..e, &struck);
    // 6. A move and 7. a formatting-only change: listed, not imported.
    let (s, e) = paragraph(&xml, "when presented with a false document");
    let moved = xml[s..e]
        .replacen(
            "<w:r><w:t xml:space=\"preserve\">e)",
            &format!(r#"<w:moveFrom w:id="950" w:author="{CANADA}" w:date="{DATE}"><w:r><w:t xml:space="preserve">e)"#),
            1,
        )
        .replacen("</w:r></w:p>", "</w:r></w:moveFrom></w:p>", 1);
    xml.replace_range(s..e, &moved);
    let (s, e) = paragraph(&xml, "Parties, when informed by the Secretariat of the fraudulent use");
    let formatted = xml[s..e].replacen(
        "<w:r><w:t",
        &format!(r#"<w:r><w:rPr><w:b/><w:rPrChange w:id="960" w:author="{CANADA}" w:date="{DATE}"><w:rPr/></w:rPrChange></w:rPr><w:t"#),
        1,
    );
    xml.replace_range(s..e, &formatted);
    // 8. A deletion from the end of 1 a) into the start of 1 b): it crosses provisions (the mark of 1 a) is deleted).
    let (s, e) = paragraph(&xml, "verifying that all of the information listed in Annex 1");
    let mut a = xml[s..e].to_string();
    let mark = format!(r#"<w:rPr><w:del w:id="970" w:author="{BOTSWANA}" w:date="{DATE}"/></w:rPr></w:pPr>"#);
    a = a.replacen("</w:pPr>", &mark, 1);
    let last_t = a.rfind("</w:t>").unwrap();
    let cut = a[..last_t].rfind(' ').unwrap();
    a = format!(
        r#"{}</w:t></w:r>{}{}"#,
        &a[..cut],
        rev("del", 971, BOTSWANA, &format!(r#"<w:r><w:delText xml:space="preserve">{}</w:delText></w:r>"#, &a[cut..last_t])),
        a[last_t + 6..].strip_prefix("</w:r>").unwrap()
    );
    xml.replace_range(s..e, &a);
    revise(&mut xml, "ensuring that they do not accept under any circumstances", "ensuring that ", "", BOTSWANA, 972, None);
    ps[k].1 = xml.into_bytes();
    let numbering = r#"<?xml version="1.0"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl></w:abstractNum><w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num></w:numbering>"#;
    let comments = format!(
        r#"<?xml version="1.0"?><w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:comment w:id="0" w:author="{CANADA}" w:date="{DATE}"><w:p><w:r><w:annotationRef/></w:r><w:r><w:t>"Check" is the word the Convention uses.</w:t></w:r></w:p></w:comment></w:comments>"#
    );
    ps.push(("word/numbering.xml".into(), numbering.as_bytes().to_vec()));
    ps.push(("word/comments.xml".into(), comments.into_bytes()));
    let out = d.home.join("reply-canada-botswana.docx");
    write_parts(&out, &ps);
    out
}

fn text_at(res: &gavel::resolution::Resolution, r: &str) -> String {
    match res.resolve(&r.parse().unwrap()).unwrap() {
        gavel::resolution::resolve::Target::Node(i) => res.node(i).text.clone(),
        _ => panic!(),
    }
}

#[test]
fn a_reply_becomes_proposals_that_give_the_edited_text() {
    let d = Demo::kenya();
    let file = reply(&d);
    let ws = gavel::workspace::Workspace::load(&d.dir);
    let res = &ws.resolutions.iter().find(|r| r.value.header.symbol.to_string() == "Conf. 11.3").unwrap().value;
    let all: Vec<Proposal> = ws.proposals_on(res).unwrap().value.proposals.clone();
    let group = &ws.group("sc78-wg-11-3").unwrap().value;
    let doc = gavel::import::docx::Document::read(&std::fs::read(&file).unwrap(), "reply.docx").unwrap();
    let o = gavel::import::reply::Options {
        file: "reply.docx",
        by: None,
        group_id: Some("sc78-wg-11-3"),
        taken: all.iter().map(|p| p.id.clone()).collect(),
        aliases: Vec::new(),
    };
    let r = gavel::import::reply::read(&doc, res, &all, group, &o).unwrap();
    // gavel's own revisions are the pending proposals they are.
    let mut recognised = r.recognised.clone();
    recognised.sort();
    assert_eq!(recognised, ["sc78-37-10e", "sc78-37-13g", "sc78-37-23b", "sc78-37-preamble"]);
    assert!(r.unknown.is_empty(), "{:?}", r.unknown);
    let listed: Vec<&str> = r.not_imported.iter().map(|n| n.what.as_str()).collect();
    assert_eq!(listed.len(), 4, "{listed:?}");
    assert!(
        listed[0].starts_with("a change that joins or splits provisions") && listed[1].starts_with("the rest of a change that crosses"),
        "{listed:?}"
    );
    assert!(listed[2].starts_with("a formatting-only change") && listed[3].starts_with("moved text"), "{listed:?}");
    let by = |who: &str, f: &dyn Fn(&Proposal) -> bool| -> Proposal {
        let found: Vec<&Proposal> = r.proposals.iter().filter(|p| p.proponents == [who] && f(p)).collect();
        assert_eq!(found.len(), 1, "{who}: {:#?}", r.proposals);
        found[0].clone()
    };
    assert_eq!(r.proposals.len(), 6, "{:#?}", r.proposals);
    let apply = |p: &Proposal| {
        let a = gavel::redline::amend::apply(res, [p]);
        assert!(a.not_applied.is_empty(), "{:?}", a.not_applied);
        a.proposed
    };
    // 1. Canada's change to paragraph 1, with its comment as the note.
    let p1 = by("Canada", &|p| p.changes.iter().any(|c| matches!(c, Change::Replace { target, .. } if target.to_string() == "1")));
    assert_eq!(text_at(&apply(&p1), "1"), text_at(res, "1").replacen("verify", "check", 1));
    assert_eq!(p1.note.as_deref(), Some("\"Check\" is the word the Convention uses."));
    assert_eq!(p1.amends, None);
    // 2. Botswana's amendment to the co-Chairs' 23 b).
    let p2 = by("Botswana", &|p| p.amends.as_deref() == Some("sc78-37-23b"));
    let theirs = all.iter().find(|p| p.id == "sc78-37-23b").unwrap();
    assert_eq!(
        text_at(&apply(&p2), "23 b)"),
        text_at(&apply(theirs), "23 b)").replacen("Parties provide", "Parties shall provide", 1).replacen("three", "four", 1)
    );
    assert!(
        matches!(&p2.changes[0], Change::Replace { drafted_against, .. } if *drafted_against == text_at(res, "23 b)")),
        "drafted against the text in force: {:?}",
        p2.changes
    );
    // 3. Canada's amendment to the new 10 e).
    let p3 = by("Canada", &|p| p.amends.as_deref() == Some("sc78-37-10e"));
    let theirs = all.iter().find(|p| p.id == "sc78-37-10e").unwrap();
    assert_eq!(text_at(&apply(&p3), "10 e)"), text_at(&apply(theirs), "10 e)").replacen("in their national", "in their own national", 1));
    // 4. Canada's new sub-paragraph after 23 b), placed by it and remembering its text.
    let p4 = by("Canada", &|p| {
        p.amends.is_none()
            && p.changes
                .iter()
                .any(|c| matches!(c, Change::Insert { anchor, .. } if anchor == &gavel::group::Anchor::After("23 b)".parse().unwrap())))
    });
    let after = apply(&p4);
    assert_eq!(text_at(&after, "23 c)"), "Parties report annually on the measures taken;");
    assert_eq!(text_at(&after, "23 d)"), text_at(res, "23 c)"), "what follows is relettered");
    assert!(matches!(&p4.changes[0], Change::Insert { drafted_beside: Some(b), .. } if *b == text_at(res, "23 b)")));
    // 4b. Canada's new paragraph after 24, its sub-paragraphs under it.
    let p4b = by("Canada", &|p| p.id == "reply-canada-after-para24");
    assert_eq!(p4b.changes.len(), 1, "{:#?}", p4b.changes);
    let after = apply(&p4b);
    assert_eq!(text_at(&after, "25"), "ENCOURAGES Parties to:");
    assert_eq!(text_at(&after, "25 a)"), "share their experience of compliance assistance; and");
    assert_eq!(text_at(&after, "25 b)"), "report on it to the Standing Committee.");
    assert_eq!(text_at(&after, "26"), text_at(res, "25"), "what follows is renumbered");
    // 5. Botswana strikes 23 d).
    let p5 = by("Botswana", &|p| p.changes.iter().any(|c| matches!(c, Change::Delete { .. })));
    assert!(apply(&p5).resolve(&"23 e)".parse().unwrap()).is_err());
}

#[test]
fn the_reply_through_the_command_line() {
    let d = Demo::kenya();
    let file = reply(&d);
    let f = file.to_str().unwrap();
    let head = d.git().head().unwrap().peel_to_commit().unwrap().id();
    // Dry run: the proposals as tracked changes, nothing written.
    let o = d.gavel(&["import", "comments", f, "--dry-run"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(out.contains("reply-canada-para1  Amendment to paragraph 1 proposed by Canada"), "{out}");
    assert!(out.contains("1: REMINDS Parties of their obligation to [-verify -]{+check +}the validity"), "{out}");
    assert!(out.contains("amends sc78-37-23b"), "{out}");
    assert_eq!(d.git().head().unwrap().peel_to_commit().unwrap().id(), head);
    // For real: one commit, the tree clean, and the listing knows the five.
    let o = d.gavel(&["import", "comments", f]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("not imported: paragraph") && err.contains("moved text"), "{err}");
    let g = d.git();
    let c = g.head().unwrap().peel_to_commit().unwrap();
    assert_eq!(c.parent_id(0).unwrap(), head);
    assert!(
        c.message().unwrap().starts_with("Conf. 11.3: 6 proposals from the Word reply of Canada and Botswana"),
        "{}",
        c.message().unwrap()
    );
    assert!(g.statuses(None).unwrap().is_empty());
    let v: serde_json::Value = serde_json::from_slice(&d.gavel(&["proposals", "11.3", "--format", "json"]).stdout).unwrap();
    let ps = v["proposals"].as_array().unwrap();
    assert_eq!(ps.len(), 10);
    assert!(ps[4..].iter().all(|p| p["states"].as_array().unwrap().iter().all(|s| s == "applies")), "{ps:#?}");
    assert!(d.gavel(&["check"]).status.success());
}

/// A reply to an older text: its change is recorded stale, not applied blindly.
#[test]
fn a_reply_to_an_older_text_is_stale() {
    let d = Demo::kenya();
    let file = reply(&d);
    // Paragraph 1 changes in the text in force after the annex went out.
    let path = d.dir.join("resolutions/conf-11.3.txt");
    let text = std::fs::read_to_string(&path).unwrap().replacen(
        "REMINDS Parties of their obligation",
        "REMINDS all Parties of their obligation",
        1,
    );
    std::fs::write(&path, text).unwrap();
    d.commit(&["resolutions/conf-11.3.txt"], "A correction of paragraph 1");
    let o = d.gavel(&["import", "comments", file.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&d.gavel(&["proposals", "11.3", "--format", "json"]).stdout).unwrap();
    let canada_1 = v["proposals"].as_array().unwrap().iter().find(|p| p["changes"][0]["target"] == "1").unwrap().clone();
    assert_eq!(canada_1["states"], serde_json::json!(["stale"]));
}

/// An author who is no member: nothing written without --by; with it, the member stands for them.
#[test]
fn an_unknown_author_is_asked_for() {
    let d = Demo::kenya();
    let file = reply(&d);
    let renamed = d.home.join("reply-unknown.docx");
    let mut ps = parts(&file);
    for (n, b) in ps.iter_mut().filter(|(n, _)| n == "word/document.xml") {
        let _ = n;
        *b = String::from_utf8(b.clone()).unwrap().replace(BOTSWANA, "J. Smith").into_bytes();
    }
    write_parts(&renamed, &ps);
    let head = d.git().head().unwrap().peel_to_commit().unwrap().id();
    let o = d.gavel(&["import", "comments", renamed.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("`J. Smith`"), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(d.git().head().unwrap().peel_to_commit().unwrap().id(), head);
    let o = d.gavel(&["import", "comments", renamed.to_str().unwrap(), "--by", "Botswana"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// A reply imported while a chair records a proposal from another terminal: both land, nothing lost or doubled.
#[test]
fn a_reply_and_a_proposal_at_the_same_moment() {
    let d = Demo::kenya();
    let file = reply(&d);
    let head = d.git().head().unwrap().peel_to_commit().unwrap().id();
    let spawn = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_gavel"))
            .current_dir(&d.dir)
            .args(args)
            .env("HOME", &d.home)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let a = spawn(&["import", "comments", file.to_str().unwrap()]);
    let b = spawn(&["propose", "11.3", "24", "--text", "DIRECTS the Secretariat to report.", "--by", "Kenya"]);
    for c in [a, b] {
        let o = c.wait_with_output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let g = d.git();
    let mut walk = g.revwalk().unwrap();
    walk.push_head().unwrap();
    walk.hide(head).unwrap();
    assert_eq!(walk.count(), 2, "one commit each");
    assert!(g.statuses(None).unwrap().is_empty());
    let ws = gavel::workspace::Workspace::load(&d.dir);
    let res = &ws.resolutions.iter().find(|r| r.value.header.symbol.to_string() == "Conf. 11.3").unwrap().value;
    let ids: Vec<String> = ws.proposals_on(res).unwrap().value.proposals.iter().map(|p| p.id.clone()).collect();
    assert_eq!(ids.len(), 4 + 6 + 1, "{ids:?}");
}
