//! The summary record and the report, from a journal.

mod common;

use common::TempRepo;
use gavel::journal::{Entry, Event, Journal, Outcome, Position};
use gavel::record::{Sources, minutes, report};
use gavel::workspace::Workspace;

fn journal(repo: &TempRepo, events: Vec<Event>) {
    let mut j = Journal::new(Journal::path_for(&repo.file("agendas/sc78-wg-11-3/sc78-session.meeting.json")));
    for (k, event) in events.into_iter().enumerate() {
        j.append(&Entry::new(1_738_674_000 + k as i64 * 60, event)).unwrap();
    }
}

fn iv(item: &str, member: &str, position: Position, summary: &str) -> Event {
    Event::Intervention { item: item.into(), member: member.into(), position, summary: summary.into(), proposed_text: None, target: None }
}

fn session(repo: &TempRepo) -> Vec<Event> {
    let b23 = "when, within six months, the information requested has not been provided, Parties provide the Secretariat with justification for why they have not been able to respond;";
    let _ = repo;
    vec![
        Event::Attendance { session: "Working group session (2025-02-04)".into(), member: "Kenya".into(), present: true },
        Event::Attendance { session: "Working group session (2025-02-04)".into(), member: "Botswana".into(), present: true },
        Event::Attendance { session: "Working group session (2025-02-04)".into(), member: "TRAFFIC".into(), present: true },
        Event::ItemTakenUp { item: "7".into() },
        iv("7", "TRAFFIC", Position::Opposes, "considered three months too short for some Parties"),
        iv("7", "Kenya", Position::General, "introduced the proposal on timeframes"),
        Event::ProposalMade {
            item: "7".into(),
            proposal: "sc78-37-23b".into(),
            proponents: vec!["Kenya".into(), "New Zealand".into()],
            supporters: vec![],
            target: "23 b)".into(),
            text: b23.replace("six months", "three months"),
            drafted_against: None,
            draft: None,
        },
        iv("7", "Botswana", Position::Supports, "noted that the overall six months was kept"),
        iv("7", "Namibia", Position::Supports, ""),
        Event::Decision {
            item: "7".into(),
            outcome: Outcome::Agreed,
            text: "to recommend the amendment of paragraph 23 b) to the Standing Committee".into(),
            adopt: vec![],
            vote: None,
        },
    ]
}

#[test]
fn the_record_reads_like_a_cites_summary_record() {
    let repo = TempRepo::bundled();
    journal(&repo, session(&repo));
    let ws = Workspace::load(repo.path());
    let (sources, problems) = Sources::of(&ws, ws.meetings.iter().position(|m| m.id == "sc78-session").unwrap());
    assert!(problems.is_empty());
    let m = minutes(&sources);
    assert!(m.problems.is_empty(), "{:?}", m.problems);
    let t = gavel::render::print::text::print(&m.doc, false, false);
    // Namibia was not marked, but took the floor: present; in the membership's order.
    assert!(
        t.contains("Present at Working group session (2025-02-04): Parties: Botswana, Kenya, Namibia; Observers and others: TRAFFIC."),
        "{t}"
    );
    // Parties speak first in the record, then Observers, whatever the order of the floor.
    let k = t.find("Kenya introduced the proposal on timeframes.").unwrap();
    let b = t.find("Botswana supported the proposal and noted that the overall six months was kept.").unwrap();
    let n = t.find("Namibia supported the proposal.").unwrap();
    let tr = t.find("TRAFFIC opposed the proposal and considered three months too short for some Parties.").unwrap();
    assert!(k < b && b < n && n < tr, "{t}");
    assert!(t.contains("Kenya and New Zealand, supported by Botswana and Namibia, proposed to amend paragraph 23 b) to read:"), "{t}");
    assert!(t.contains("when, within [-six -]{+three +}months,"), "{t}");
    assert!(t.contains("The working group agreed to recommend the amendment of paragraph 23 b) to the Standing Committee."), "{t}");
    assert!(t.contains("## 2. Professional bodies") || t.contains("2. Professional bodies\n\nThe item was not taken up."), "{t}");
}

#[test]
fn problems_are_marked_and_nothing_is_dropped() {
    let repo = TempRepo::bundled();
    let mut events = session(&repo);
    events.push(iv("7", "Atlantis", Position::General, "asked to be heard"));
    events.push(iv("99", "Kenya", Position::General, "raised another matter"));
    events.push(Event::ItemTakenUp { item: "8".into() });
    events.push(Event::Decision { item: "8".into(), outcome: Outcome::Noted, text: "".into(), adopt: vec![], vote: None });
    journal(&repo, events);
    let ws = Workspace::load(repo.path());
    let (sources, _) = Sources::of(&ws, ws.meetings.iter().position(|m| m.id == "sc78-session").unwrap());
    let m = minutes(&sources);
    let t = gavel::render::print::text::print(&m.doc, false, false);
    assert!(t.contains("[Problem: `Atlantis` spoke but is not in the membership of the working group]"), "{t}");
    assert!(t.contains("Atlantis: asked to be heard.") || t.contains("Atlantis asked to be heard."), "kept: {t}");
    assert!(
        t.contains("Item 99 (not on the agenda)")
            && t.contains("[Problem: the journal has entries for agenda item `99`, which the agenda does not list]"),
        "{t}"
    );
    assert!(t.contains("Kenya raised another matter."), "kept: {t}");
    assert!(t.contains("[Problem: a decision was recorded with no text]") && t.contains("The working group noted."), "{t}");
    assert_eq!(m.problems.len(), 3, "{:?}", m.problems);
}

#[test]
fn html_and_docx_escape_user_text() {
    let repo = TempRepo::bundled();
    journal(
        &repo,
        vec![Event::ItemTakenUp { item: "7".into() }, iv("7", "Kenya", Position::General, "said <script>alert('x')</script> & more")],
    );
    let ws = Workspace::load(repo.path());
    let (sources, _) = Sources::of(&ws, ws.meetings.iter().position(|m| m.id == "sc78-session").unwrap());
    let m = minutes(&sources);
    let html = gavel::render::print::html::print(&m.doc);
    assert!(!html.contains("<script>") && html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more"), "{html}");
    let docx = gavel::render::print::docx::print(&m.doc, &Default::default()).unwrap();
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut z.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
    assert!(xml.contains("&lt;script&gt;") && !xml.contains("<script>"), "escaped in the DOCX");
}

#[test]
fn the_report_has_the_shape_of_sc78_doc_37() {
    let repo = TempRepo::bundled();
    journal(&repo, session(&repo));
    let ws = Workspace::load(repo.path());
    let (doc, problems) = report(&ws, ws.meetings.iter().position(|m| m.id == "sc78-session").unwrap(), &[]);
    assert!(problems.is_empty(), "{problems:?}");
    let t = gavel::render::print::text::print(&doc, false, false);
    let order = [
        "Background",
        "Working group membership",
        "Approach of the working group",
        "Deliberations",
        "Recommendations",
        "Annex: Conf. 11.3 (Rev. CoP19) Compliance and enforcement",
    ];
    let mut at = 0;
    for h in order {
        let p = t[at..].find(&format!("{h}\n")).unwrap_or_else(|| panic!("{h} missing or out of order:\n{t}"));
        at += p;
    }
    assert!(t.contains("Decision 19.66"), "{t}");
    assert!(t.contains("The working group comprises 28 Parties and 21 Observers: Benin, Botswana,"), "{t}");
    assert!(t.contains("Kenya (co-Chair)") && t.contains("International Union for Conservation of Nature (IUCN)"), "{t}");
    assert!(t.contains("Timeframes (topic f) of Decision 19.66)"), "{t}");
    assert!(t.contains("a) consider the working group's conclusion on Timeframes: to recommend the amendment"), "{t}");
    assert!(t.contains("Note: new text is underlined and text proposed for deletion is in strikethrough"), "{t}");
    assert!(t.contains("[-e-]{+f+}) Parties remind their diplomatic missions"), "the annex with tracked changes: {t}");
}
