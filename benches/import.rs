//! Importing: the capacity-building resolution's text as copied from its PDF
//! (goal: 5 ms or less), and a Party's Word reply with 100 revisions to the
//! Conf. 11.3 annex (goal: 20 ms or less). Peers in the same run: reading
//! gavel's own text format (the floor for a resolution), and pandoc reading
//! the same Word file with its changes (`--track-changes=all`, a process).

mod common;

use std::hint::black_box;
use std::io::{Read, Write};
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use common::measure;

fn seed_001() -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/seeds");
    let f = std::fs::read_dir(&dir).unwrap().flatten().find(|e| e.file_name().to_string_lossy().starts_with("001_")).unwrap();
    std::fs::read_to_string(f.path()).unwrap()
}

/// The Conf. 11.3 annex with gavel's revisions, and `n` more by Canada: one word replaced in each of `n` paragraphs.
fn reply(dir: &Path, n: usize) -> Vec<u8> {
    let gavel = env!("CARGO_BIN_EXE_gavel");
    let repo = dir.join("wg");
    assert!(Command::new(gavel).args(["demo", repo.to_str().unwrap()]).output().unwrap().status.success());
    let annex = dir.join("annex.docx");
    let o =
        Command::new(gavel).current_dir(&repo).args(["annex", "11.3", "--track-changes", "-o", annex.to_str().unwrap()]).output().unwrap();
    assert!(o.status.success());
    let mut z = zip::ZipArchive::new(std::fs::File::open(&annex).unwrap()).unwrap();
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        let mut b = Vec::new();
        f.read_to_end(&mut b).unwrap();
        parts.push((f.name().to_string(), b));
    }
    let k = parts.iter().position(|(p, _)| p == "word/document.xml").unwrap();
    let xml = String::from_utf8(parts[k].1.clone()).unwrap();
    let mut out = String::new();
    let mut rest = xml.as_str();
    let mut made = 0;
    // In each plain provision paragraph, " the " becomes " a " as Word tracks it.
    while let Some(s) = rest.find("<w:p>") {
        let e = s + rest[s..].find("</w:p>").unwrap() + 6;
        let p = &rest[s..e];
        out.push_str(&rest[..s]);
        if made < n && !p.contains("w:author") && p.contains("<w:tab/>") && p.contains(" the ") {
            let at = p.find(" the ").unwrap();
            out.push_str(&format!(
                r#"{}</w:t></w:r><w:del w:id="{a}" w:author="Canada" w:date="2025-03-01T00:00:00Z"><w:r><w:delText xml:space="preserve"> the</w:delText></w:r></w:del><w:ins w:id="{b}" w:author="Canada" w:date="2025-03-01T00:00:00Z"><w:r><w:t xml:space="preserve"> a</w:t></w:r></w:ins><w:r><w:t xml:space="preserve">{}"#,
                &p[..at],
                &p[at + 4..],
                a = 5000 + 2 * made,
                b = 5001 + 2 * made
            ));
            made += 1;
        } else {
            out.push_str(p);
        }
        rest = &rest[e..];
    }
    out.push_str(rest);
    assert_eq!(made, n, "the annex has {made} plain paragraphs with \"the\"");
    parts[k].1 = out.into_bytes();
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, b) in &parts {
        w.start_file(name.as_str(), zip::write::SimpleFileOptions::default()).unwrap();
        w.write_all(b).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn main() {
    let tmp = tempfile::tempdir().unwrap();
    let seed = seed_001();
    let given = gavel::import::Given { symbol: Some("Conf. 19.3".into()), title: Some("Capacity-building".into()), ..Default::default() };
    println!("== The capacity-building resolution's text as copied from its PDF ({} bytes; goal: 5 ms or less)", seed.len());
    let import = measure("import the text (read, repair, place, write, parse)", 200, || {
        black_box(gavel::import::resolution(seed.as_bytes(), "seed", &given).unwrap());
    });
    let own = gavel::bundled::file("resolutions/conf-19.3.txt").unwrap().text;
    let floor = measure("peer: parse the same resolution in gavel's own format", 200, || {
        black_box(gavel::resolution::parse(own, Path::new("conf-19.3.txt")));
    });
    println!(
        "goal: the text imported in 5 ms or less: {} (median {import:.3?}; {:.1}x the parse of gavel's own format)",
        if import.as_micros() <= 5_000 { "met" } else { "NOT MET" },
        import.as_secs_f64() / floor.as_secs_f64()
    );

    let bytes = reply(tmp.path(), 100);
    let file = tmp.path().join("reply.docx");
    std::fs::write(&file, &bytes).unwrap();
    println!("== A Word reply with 100 revisions to the Conf. 11.3 annex ({} KB; goal: 20 ms or less)", bytes.len() / 1024);
    let ws = gavel::workspace::Workspace::load(&tmp.path().join("wg"));
    let res = ws.resolutions.iter().find(|r| r.value.header.symbol.to_string() == "Conf. 11.3").unwrap().value.clone();
    let pending = ws.proposals_on(&res).unwrap().value.proposals.clone();
    let group = ws.group("sc78-wg-11-3").unwrap().value.clone();
    let o = gavel::import::reply::Options {
        file: "reply.docx",
        by: None,
        group_id: Some("sc78-wg-11-3"),
        taken: Vec::new(),
        aliases: Vec::new(),
    };
    let first = {
        let doc = gavel::import::docx::Document::read(&bytes, "reply.docx").unwrap();
        gavel::import::reply::read(&doc, &res, &pending, &group, &o).unwrap()
    };
    assert_eq!(first.proposals.len(), 100, "one proposal per revised provision");
    let reply_t = measure("import the reply (unzip, read, map, propose)", 50, || {
        let doc = gavel::import::docx::Document::read(&bytes, "reply.docx").unwrap();
        black_box(gavel::import::reply::read(&doc, &res, &pending, &group, &o).unwrap());
    });
    let pandoc = Command::new("pandoc").arg("--version").output().is_ok_and(|o| o.status.success());
    let peer = pandoc.then(|| {
        measure("peer: pandoc --track-changes=all -t plain (a process)", 10, || {
            let t = Instant::now();
            let o = Command::new("pandoc").arg("--track-changes=all").args(["-t", "plain"]).arg(&file).output().unwrap();
            assert!(o.status.success());
            black_box(t.elapsed());
        })
    });
    println!(
        "goal: the reply imported in 20 ms or less: {} (median {reply_t:.3?}{})",
        if reply_t.as_millis() <= 20 { "met" } else { "NOT MET" },
        peer.map(|p| format!("; pandoc reads it in {p:.3?}, {:.1}x gavel's time", p.as_secs_f64() / reply_t.as_secs_f64()))
            .unwrap_or_default()
    );
}
