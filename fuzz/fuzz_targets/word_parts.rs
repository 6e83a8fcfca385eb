//! Any text as the parts of a Word file, packed here into a valid zip (a
//! mutated .docx mostly fails its checksum, so `import` seldom reaches the
//! XML): the document, numbering, styles, footnotes and comments, split at
//! NUL bytes. Read as a resolution to import and as a reply to Conf. 11.3:
//! never a panic, never a stack overflow, and a resolution imported with no
//! problem left reads without an error.
#![no_main]
use std::io::Write;
use std::path::Path;

use libfuzzer_sys::fuzz_target;

const PARTS: [&str; 5] = ["word/document.xml", "word/numbering.xml", "word/styles.xml", "word/footnotes.xml", "word/comments.xml"];

const TYPES: &str = r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

fn package(data: &[u8]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    w.start_file("[Content_Types].xml", stored).unwrap();
    w.write_all(TYPES.as_bytes()).unwrap();
    for (path, part) in PARTS.iter().zip(data.split(|b| *b == 0)) {
        w.start_file(*path, stored).unwrap();
        w.write_all(part).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fuzz_target!(|data: &[u8]| {
    let bytes = package(data);
    let given = gavel::import::Given { symbol: Some("Conf. 9.9".into()), title: Some("Fuzz".into()), ..Default::default() };
    if let Ok(imported) = gavel::import::resolution(&bytes, "fuzz.docx", &given)
        && imported.problems.iter().all(|d| !d.is_error())
    {
        let parsed = gavel::resolution::parse(&imported.text, Path::new("fuzz.txt"));
        assert!(parsed.diagnostics.iter().all(|d| !d.is_error()), "{:?}\n{}", parsed.diagnostics, imported.text);
    }
    if let Ok(doc) = gavel::import::docx::Document::read(&bytes, "fuzz.docx") {
        let res = gavel::resolution::parse(include_str!("../../resolutions/conf-11.3.txt"), Path::new("conf-11.3.txt"));
        let group = gavel::json::parse::<gavel::group::WorkingGroup>(
            include_str!("../../agendas/sc78-wg-11-3/group.json"),
            Path::new("group.json"),
        );
        let (Some(res), Some(group)) = (res.resolution, group.value) else { panic!("the bundled files read") };
        let o =
            gavel::import::reply::Options { file: "fuzz.docx", by: Some("Kenya"), group_id: None, taken: Vec::new(), aliases: Vec::new() };
        let _ = gavel::import::reply::read(&doc, &res, &[], &group, &o);
    }
});
