//! What the import targets share: the checks on a resolution imported, and
//! a Word file read as a Party's reply to Conf. 11.3.

use std::path::Path;

/// Imports `bytes` as a resolution; one imported with no problem left must read without an error.
pub fn resolution(bytes: &[u8], name: &str) {
    let given = gavel::import::Given { symbol: Some("Conf. 9.9".into()), title: Some("Fuzz".into()), ..Default::default() };
    if let Ok(imported) = gavel::import::resolution(bytes, name, &given)
        && imported.problems.iter().all(|d| !d.is_error())
    {
        let parsed = gavel::resolution::parse(&imported.text, Path::new("fuzz.txt"));
        assert!(parsed.diagnostics.iter().all(|d| !d.is_error()), "{:?}\n{}", parsed.diagnostics, imported.text);
    }
}

/// Reads `bytes` as a Word reply to the bundled Conf. 11.3: whatever it holds, no panic.
pub fn reply(bytes: &[u8]) {
    let Ok(doc) = gavel::import::docx::Document::read(bytes, "fuzz.docx") else { return };
    let res = gavel::resolution::parse(include_str!("../../resolutions/conf-11.3.txt"), Path::new("conf-11.3.txt"));
    let group =
        gavel::json::parse::<gavel::group::WorkingGroup>(include_str!("../../agendas/sc78-wg-11-3/group.json"), Path::new("group.json"));
    let (Some(res), Some(group)) = (res.resolution, group.value) else { panic!("the bundled files read") };
    let o = gavel::import::reply::Options { file: "fuzz.docx", by: Some("Kenya"), group_id: None, taken: Vec::new(), aliases: Vec::new() };
    let _ = gavel::import::reply::read(&doc, &res, &[], &group, &o);
}
