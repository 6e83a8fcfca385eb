//! Any text as the parts of a Word file, packed here into a valid zip (a
//! mutated .docx mostly fails its checksum, so `import` seldom reaches the
//! XML): the document, numbering, styles, footnotes and comments, split at
//! NUL bytes. Read as a resolution to import and as a reply to Conf. 11.3:
//! never a panic, never a stack overflow, and a resolution imported with no
//! problem left reads without an error.
#![no_main]
use std::io::Write;

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

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
    common::resolution(&bytes, "fuzz.docx");
    common::reply(&bytes);
});
