//! Any bytes as a resolution to import (a Word file when they start as a zip
//! does, text otherwise) and as a Party's Word reply to Conf. 11.3: the
//! readers never panic, never overflow their stack, and a resolution
//! imported with no problem left is one gavel's own parser reads without an
//! error.
#![no_main]
use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let given = gavel::import::Given { symbol: Some("Conf. 9.9".into()), title: Some("Fuzz".into()), ..Default::default() };
    if let Ok(imported) = gavel::import::resolution(data, "fuzz", &given)
        && imported.problems.iter().all(|d| !d.is_error())
    {
        let parsed = gavel::resolution::parse(&imported.text, Path::new("fuzz.txt"));
        assert!(parsed.diagnostics.iter().all(|d| !d.is_error()), "{:?}\n{}", parsed.diagnostics, imported.text);
    }
    if data.starts_with(b"PK")
        && let Ok(doc) = gavel::import::docx::Document::read(data, "fuzz.docx")
    {
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
