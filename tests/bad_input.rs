//! Each class of bad input gets a finding that names the file, line and
//! column and what was expected; the rest of the repository still loads.

mod common;

use common::TempRepo;

const GROUP: &str = "agendas/sc78-wg-11-3/group.json";
const MEETING: &str = "agendas/sc78-wg-11-3/sc78-session.meeting.json";
const PROPOSALS: &str = "resolutions/conf-11.3.proposals.json";
const RES: &str = "resolutions/conf-11.3.txt";

/// 1-based line of the first line of `rel` that contains `needle`.
fn line_of(repo: &TempRepo, rel: &str, needle: &str) -> usize {
    repo.read(rel).lines().position(|l| l.contains(needle)).unwrap_or_else(|| panic!("{needle}")) + 1
}

#[test]
fn the_bundled_repository_is_clean() {
    let repo = TempRepo::bundled();
    let ws = repo.load();
    assert!(ws.diagnostics.is_empty(), "{:#?}", ws.diagnostics);
    assert_eq!((ws.resolutions.len(), ws.proposals.len(), ws.groups.len(), ws.meetings.len()), (2, 1, 2, 2));
}

#[test]
fn malformed_json_names_line_column_and_what_was_expected() {
    let repo = TempRepo::bundled();
    repo.edit(GROUP, "\"body\": \"Standing Committee\",", "\"body\": \"Standing Committee\"");
    let f = repo.findings(GROUP);
    assert_eq!(f, ["4:3 error: this is not JSON here, because expected `,` or `}`"]);
    let ws = repo.load();
    assert_eq!(ws.resolutions.len(), 2, "the rest still loads");
    let d = ws.diagnostics.iter().find(|d| d.path.ends_with("group.json")).unwrap();
    assert!(d.hint.as_deref().unwrap().contains("commas"), "{d}");
}

#[test]
fn every_unknown_json_field_is_its_own_finding() {
    let repo = TempRepo::bundled();
    repo.edit(GROUP, "\"name\": \"Benin\",", "\"name\": \"Benin\", \"rol\": \"x\",");
    repo.edit(GROUP, "\"established\":", "\"colour\": 1, \"established\":");
    let f = repo.findings(GROUP);
    assert_eq!(f.len(), 2, "{f:?}");
    assert!(f[0].starts_with("4:3 error: unknown field `colour`, expected one of `name`, `body`"), "{f:?}");
    let line = line_of(&repo, GROUP, "\"rol\"");
    assert_eq!(f[1], format!("{line}:24 error: unknown field `rol`, expected one of `name`, `short_name`, `category`, `roles`, `note`"));
}

#[test]
fn duplicate_paragraph_numbers() {
    let repo = TempRepo::bundled();
    repo.edit(RES, "24. DIRECTS the Secretariat to report", "23. DIRECTS the Secretariat to report");
    let (dup, first) = (line_of(&repo, RES, "23. DIRECTS"), line_of(&repo, RES, "23. RECOMMENDS"));
    let f = repo.findings(RES);
    assert_eq!(f[0], format!("{dup}:1 error: paragraph 23 appears twice in the resolution (also on line {first})"));
    assert_eq!(f[1], format!("{}:1 error: paragraph 25 follows 23: expected 24", line_of(&repo, RES, "25. URGES")));
}

#[test]
fn sub_paragraph_labels_out_of_sequence() {
    let repo = TempRepo::bundled();
    let text = repo.read(RES);
    let c = text.lines().find(|l| l.starts_with("    c) if significant compliance matters")).unwrap().to_string();
    repo.edit(RES, &format!("{c}\n"), "");
    let f = repo.findings(RES);
    assert_eq!(f, [format!("{}:5 error: sub-paragraph d) follows b): expected c)", line_of(&repo, RES, "d) if it does not appear"))]);
}

#[test]
fn proposal_aimed_at_a_paragraph_that_does_not_exist() {
    let repo = TempRepo::bundled();
    repo.edit(PROPOSALS, "\"target\": \"23 b)\"", "\"target\": \"23 h)\"");
    let f = repo.findings(PROPOSALS);
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(f[0].ends_with("error: proposal `sc78-37-23b` is aimed at a provision that does not exist: paragraph 23 h) does not exist in Conf. 11.3 (Rev. CoP19); paragraph 23 has a) to e)"), "{f:?}");
    let line = repo.read(PROPOSALS).lines().position(|l| l.contains("23 h)")).unwrap() + 1;
    assert!(f[0].starts_with(&format!("{line}:")), "{f:?}");
}

#[test]
fn stale_proposal_is_a_warning() {
    let repo = TempRepo::bundled();
    repo.edit(RES, "when, within six months,", "when, within five months,");
    let f = repo.findings(PROPOSALS);
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(f[0].contains("warning: proposal `sc78-37-23b` is stale: paragraph 23 b) has changed since it was drafted"), "{f:?}");
}

#[test]
fn proponent_who_is_not_a_member() {
    let repo = TempRepo::bundled();
    let mut v: serde_json::Value = serde_json::from_str(&repo.read(PROPOSALS)).unwrap();
    v["proposals"][3]["supporters"] = serde_json::json!(["Botswana", "Keny"]);
    repo.write(PROPOSALS, serde_json::to_string_pretty(&v).unwrap());
    let ws = repo.load();
    let errors: Vec<_> = ws.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].message, "`Keny` is not a member of sc78-wg-11-3");
    assert_eq!(errors[0].hint.as_deref(), Some("did you mean `Kenya`?"));
    let line = line_of(&repo, PROPOSALS, "\"Keny\"");
    assert_eq!(errors[0].line as usize, line);
}

#[test]
fn agenda_times_topics_and_proposals_are_checked() {
    let repo = TempRepo::bundled();
    repo.edit(MEETING, "\"topic\": \"c)\"", "\"topic\": \"g)\"");
    repo.edit(MEETING, "\"sc78-37-23b\"", "\"sc78-37-99\"");
    repo.edit(MEETING, "\"start\": \"13:00\"", "\"start\": \"16:00\"");
    let f = repo.findings(MEETING);
    assert!(f.iter().any(|m| m.contains("error: session `Working group session` ends (15:00) before it starts (16:00)")), "{f:?}");
    assert!(
        f.iter().any(|m| m.contains("error: topic g) is not in the mandate (Decision 19.66), whose topics are a) b) c) d) e) f)")),
        "{f:?}"
    );
    assert!(f.iter().any(|m| m.contains("error: no proposal `sc78-37-99`")), "{f:?}");
}

#[test]
fn bad_time_value_is_located() {
    let repo = TempRepo::bundled();
    repo.edit(MEETING, "\"end\": \"15:00\"", "\"end\": \"3pm\"");
    let f = repo.findings(MEETING);
    assert_eq!(f.len(), 1);
    assert!(f[0].contains("error: `3pm` is not a time of day; expected HH:MM on the 24-hour clock"), "{f:?}");
}

#[test]
fn file_that_is_not_utf8() {
    let repo = TempRepo::bundled();
    let mut bytes = repo.read(RES).into_bytes();
    let at = repo.read(RES).find("Compliance").unwrap();
    bytes[at] = 0xC9;
    repo.write(RES, bytes);
    let f = repo.findings(RES);
    assert_eq!(f, ["3:8 error: file is not UTF-8 text: byte 0xC9 cannot start a character here"]);
}

#[test]
fn empty_files() {
    let repo = TempRepo::bundled();
    repo.write(RES, "");
    repo.write(GROUP, "");
    assert_eq!(repo.findings(RES), ["0:0 error: file is empty"]);
    assert_eq!(repo.findings(GROUP), ["0:0 error: file is empty"]);
}

#[test]
fn fifty_megabyte_file_is_refused_without_being_read() {
    let repo = TempRepo::bundled();
    let f = std::fs::File::create(repo.file(RES)).unwrap();
    f.set_len(50 * 1024 * 1024).unwrap();
    let got = repo.findings(RES);
    assert_eq!(got, ["0:0 error: file is 52.4 MB; gavel reads files of at most 8 MB"]);
    let ws = repo.load();
    assert_eq!(ws.errors(), 1, "files that name Conf. 11.3 do not repeat the problem: {:#?}", ws.diagnostics);
}

#[test]
fn header_and_layout_mistakes_in_a_resolution() {
    let repo = TempRepo::bundled();
    repo.edit(RES, "Revision: Rev. CoP19", "Revision: CoP19");
    let f = repo.findings(RES);
    assert_eq!(f, ["2:11 error: `CoP19` is not a revision; expected the form `Rev. CoP19`"]);
    let repo = TempRepo::bundled();
    repo.edit(RES, "    b) when, within six months", "b) when, within six months");
    let line = line_of(&repo, RES, "b) when, within six months");
    assert_eq!(repo.findings(RES), [format!("{line}:1 error: sub-paragraph `b)` is not indented")]);
}

#[test]
fn files_gavel_does_not_read_are_named() {
    let repo = TempRepo::bundled();
    std::fs::rename(repo.file(MEETING), repo.file("agendas/sc78-wg-11-3/sc78-session.meting.json")).unwrap();
    let f = repo.findings("agendas/sc78-wg-11-3/sc78-session.meting.json");
    assert_eq!(f, ["0:0 warning: gavel does not read this file"]);
}
