//! The DOCX annex is a CITES document: A4, the symbol and page number in the
//! header, "Original language: English", heading and provision styles,
//! Word footnotes with their own mark, properties, every element in schema
//! order. Read back from the package, and by pandoc where it is installed.

mod common;

use std::io::Read;

use common::demo::Demo;

fn part(path: &std::path::Path, name: &str) -> String {
    let mut s = String::new();
    zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap().by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

fn annex(d: &Demo, extra: &[&str]) -> std::path::PathBuf {
    let path = d.dir.join("annex.docx");
    let p = path.display().to_string();
    let mut args = vec!["annex", "Conf. 11.3", "--date", "2025-02-04", "-o", &p];
    args.extend(extra);
    let out = d.gavel(&args);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    path
}

/// The children of every `parent` element, by name, in the order they appear.
fn children(xml: &str, parent: &str) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::new();
    let mut stack: Vec<String> = Vec::new();
    let mut rest = xml;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        let end = rest.find('>').unwrap();
        let tag = &rest[..end];
        rest = &rest[end + 1..];
        if tag.starts_with('?') {
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop().as_deref(), Some(name));
            continue;
        }
        let name = tag.split([' ', '/']).next().unwrap().to_string();
        if stack.last().map(String::as_str) == Some(parent)
            && let Some(v) = out.last_mut()
        {
            v.push(name.clone());
        }
        if name == parent {
            out.push(Vec::new());
        }
        if !tag.ends_with('/') {
            stack.push(name);
        }
    }
    assert!(stack.is_empty(), "every element is closed");
    out
}

/// Asserts that every list of children follows the schema's sequence.
fn in_order(lists: &[Vec<String>], schema: &[&str], what: &str) {
    for l in lists {
        let pos: Vec<usize> =
            l.iter().map(|n| schema.iter().position(|s| s == n).unwrap_or_else(|| panic!("{n} is not a child of {what}"))).collect();
        assert!(pos.windows(2).all(|w| w[0] < w[1]), "{what} children out of schema order: {l:?}");
    }
}

const PPR: &[&str] = &[
    "w:pStyle",
    "w:keepNext",
    "w:keepLines",
    "w:pageBreakBefore",
    "w:widowControl",
    "w:numPr",
    "w:pBdr",
    "w:shd",
    "w:tabs",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:jc",
    "w:outlineLvl",
    "w:rPr",
];
const RPR: &[&str] = &[
    "w:rStyle",
    "w:rFonts",
    "w:b",
    "w:bCs",
    "w:i",
    "w:iCs",
    "w:strike",
    "w:color",
    "w:sz",
    "w:szCs",
    "w:u",
    "w:vertAlign",
    "w:lang",
    "w:ins",
    "w:del",
];

#[test]
fn a_cites_document() {
    let d = Demo::kenya();
    let path = annex(&d, &["--symbol", "SC78 Doc. 37 Annex", "--creator", "Working group on Conf. 11.3"]);
    let doc = part(&path, "word/document.xml");
    let styles = part(&path, "word/styles.xml");
    let notes = part(&path, "word/footnotes.xml");
    // A4, and the header with the symbol and the page number on every page.
    assert!(doc.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"));
    assert!(doc.contains("<w:headerReference w:type=\"default\" r:id=\"rIdHeader\"/>"));
    let header = part(&path, "word/header1.xml");
    assert!(header.contains("SC78 Doc. 37 Annex – p. </w:t></w:r><w:fldSimple w:instr=\" PAGE \">"), "{header}");
    assert!(doc.contains("Original language: English"));
    // The title and the sections in heading styles the navigation pane lists; provisions indented by level.
    assert!(doc.contains("<w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t xml:space=\"preserve\">Compliance and enforcement"));
    assert!(
        doc.contains("<w:pStyle w:val=\"Heading2\"/></w:pPr><w:r><w:t xml:space=\"preserve\">I.<w:tab/>")
            || doc.contains("<w:pStyle w:val=\"Heading2\"/></w:pPr><w:r><w:t xml:space=\"preserve\">I. Regarding")
    );
    assert!(styles.contains("<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/>"));
    assert!(styles.contains("<w:outlineLvl w:val=\"1\"/>"));
    for level in 1..=3 {
        assert!(styles.contains(&format!("w:styleId=\"Provision{level}\"")));
        assert!(doc.contains(&format!("<w:pStyle w:val=\"Provision{level}\"/>")), "level {level} used");
    }
    // Footnotes as Word's own: the symbol's note marked * on page 1, the numbered ones with their mark and a space.
    assert!(doc.contains("<w:footnoteReference w:customMarkFollows=\"1\" w:id=\"1\"/><w:t>*</w:t>"));
    assert!(
        notes.contains("<w:footnote w:id=\"1\">")
            && notes.contains(
                "<w:t>*</w:t></w:r><w:r><w:t xml:space=\"preserve\"> </w:t></w:r><w:r><w:t xml:space=\"preserve\">Amended at the 13th"
            )
    );
    assert!(notes.contains(
        "<w:footnoteRef/></w:r><w:r><w:t xml:space=\"preserve\"> </w:t></w:r><w:r><w:t xml:space=\"preserve\">Corrected by the Secretariat"
    ));
    assert!(!doc.contains(">* Amended at"), "the note is a footnote, not a paragraph at the end");
    // Properties: title, creator, created.
    let core = part(&path, "docProps/core.xml");
    assert!(core.contains("<dc:title>Conf. 11.3 (Rev. CoP19) – Compliance and enforcement</dc:title>"), "{core}");
    assert!(core.contains("<dc:creator>Working group on Conf. 11.3</dc:creator>"));
    assert!(core.contains(">2025-02-04T00:00:00Z</dcterms:created>"));
    // Schema order, in the body, the styles and the footnotes.
    for xml in [&doc, &styles, &notes] {
        in_order(&children(xml, "w:pPr"), PPR, "w:pPr");
        in_order(&children(xml, "w:rPr"), RPR, "w:rPr");
    }
}

#[test]
fn the_creator_is_the_group_and_revisions_are_in_order() {
    let d = Demo::kenya();
    let path = annex(&d, &["--track-changes"]);
    let core = part(&path, "docProps/core.xml");
    assert!(core.contains("<dc:creator>Standing Committee working group on Review of Resolution Conf. 11.3"), "{core}");
    let doc = part(&path, "word/document.xml");
    in_order(&children(&doc, "w:pPr"), PPR, "w:pPr");
    in_order(&children(&doc, "w:rPr"), RPR, "w:rPr");
    assert!(doc.contains("<w:delText xml:space=\"preserve\">six </w:delText>"));
    // Without a symbol, the header has the page number alone.
    assert!(part(&path, "word/header1.xml").contains(">p. </w:t>"));
}

#[test]
fn pandoc_reads_the_footnotes_and_the_revisions() {
    if std::process::Command::new("pandoc").arg("--version").output().is_err() {
        eprintln!("pandoc is not installed: the package checks above stand alone");
        return;
    }
    let d = Demo::kenya();
    let path = annex(&d, &["--track-changes"]);
    let read = |how: &str| {
        let o = std::process::Command::new("pandoc")
            .args([&format!("--track-changes={how}"), "-t", "plain", "--wrap=none"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    };
    let accepted = read("accept");
    let rejected = read("reject");
    assert!(accepted.contains("b) when, within three months, the information"), "{accepted}");
    assert!(rejected.contains("b) when, within six months, the information"), "{rejected}");
    assert!(accepted.contains("[2] Corrected by the Secretariat"), "a numbered footnote with its text: {accepted}");
    assert!(accepted.contains("Amended at the 13th"), "the note on the symbol");
}
