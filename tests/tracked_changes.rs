//! The four real amendments of SC78 Doc. 37 as tracked changes.

use std::path::Path;

use gavel::group::ProposalFile;
use gavel::redline::amend::apply;
use gavel::redline::doc::{Block, Status, redline};
use gavel::render::print::text::wdiff_blocks;
use gavel::resolution::{Resolution, parse};

fn base() -> Resolution {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("resolutions/conf-11.3.txt");
    parse(&std::fs::read_to_string(&path).unwrap(), &path).resolution.unwrap()
}

fn proposals() -> ProposalFile {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("resolutions/conf-11.3.proposals.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The changed blocks of one bundled proposal applied alone, in wdiff notation.
fn changed(id: &str) -> String {
    changed_with(proposals().proposals.iter().find(|p| p.id == id).unwrap())
}

#[test]
fn revised_23_b() {
    assert_eq!(
        changed("sc78-37-23b"),
        "    b) when, within [-six -]{+three +}months, the information requested has not been provided, Parties provide the Secretariat with justification for why they have not been able to respond{+ and provide the response within the following three months+};\n"
    );
}

#[test]
fn new_10_e_reletters_the_old_e_and_moves_the_and() {
    let out = changed("sc78-37-10e");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(
        lines[0].starts_with("    d) Parties raise awareness amongst military personnel")
            && lines[0].ends_with("illegal fauna and flora;[- and-]"),
        "{out}"
    );
    assert!(lines[1].starts_with("    {+e) Parties raise awareness among professional bodies in their national jurisdiction"), "{out}");
    assert!(lines[1].ends_with("relating to trade in and management of CITES-listed species; and+}"), "{out}");
    assert!(lines[2].starts_with("    [-e-]{+f+}) Parties remind their diplomatic missions"), "{out}");
}

#[test]
fn new_13_g_moves_the_and_from_e_to_f() {
    let out = changed("sc78-37-13g");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(lines[0].ends_with("successful prosecutions and deterrent penalties;[- and-]"), "{out}");
    assert!(lines[1].ends_with("provided with adequate means to tackle it;{+ and+}"), "{out}");
    assert!(
        lines[2].starts_with("    {+g) in developing or reviewing national legislation consider the role of professional bodies"),
        "{out}"
    );
}

#[test]
fn new_preambular_paragraph_is_underlined_whole() {
    let out = changed("sc78-37-preamble");
    let lines: Vec<&str> = out.lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(lines[0].ends_with("at the national, regional and international levels;[- and-]"), "{out}");
    assert!(
        lines[1].starts_with("{+AWARE that a wide range of professional bodies")
            && lines[1].ends_with("complying effectively with the Convention; and+}"),
        "{out}"
    );
}

#[test]
fn all_four_together_keep_identities_and_reletter() {
    let base = base();
    let file = proposals();
    let applied = apply(&base, &file.proposals);
    assert_eq!(applied.applied.len(), 4);
    let p = &applied.proposed;
    assert_eq!(p.preamble.len(), 23);
    let text = |r: &str| match p.resolve(&r.parse().unwrap()).unwrap() {
        gavel::resolution::resolve::Target::Node(i) => (p.node(i).id.0.clone(), p.node(i).text.clone()),
        _ => unreachable!(),
    };
    assert_eq!(text("10 f)").0, "para_10__e", "the old e) keeps its identity as f)");
    assert!(text("10 f)").1.starts_with("Parties remind their diplomatic missions"));
    assert_eq!(text("10 e)").0, "sc78-37-10e.1");
    assert!(text("13 g)").1.starts_with("in developing or reviewing national legislation"));
    assert!(text("preamble 22").1.starts_with("AWARE that a wide range of professional bodies"));
    assert_eq!(text("preamble 23").0, "pre_22", "the last preambular paragraph keeps its identity");
    // Written out and read back, the proposed text keeps every identity.
    let written = gavel::resolution::write::to_text(p);
    assert!(written.contains("    f) Parties remind their diplomatic missions, their delegates on mission in foreign countries and their troops, including those serving under the flag of the United Nations, that they are not exempted from the provisions of the Convention; {#para_10__e}"));
    let back = parse(&written, Path::new("x")).resolution.unwrap();
    assert_eq!(back.nodes.iter().map(|n| &n.id).collect::<Vec<_>>(), p.nodes.iter().map(|n| &n.id).collect::<Vec<_>>());
    let bs = redline(&base, p, None);
    let inserted = bs.iter().filter(|b| b.status == Status::Inserted).count();
    assert_eq!(inserted, 3);
}

#[test]
fn stale_proposal_is_not_applied() {
    let mut base = base();
    let i = match base.resolve(&"23 b)".parse().unwrap()).unwrap() {
        gavel::resolution::resolve::Target::Node(i) => i,
        _ => unreachable!(),
    };
    base.nodes[i.0].text = base.nodes[i.0].text.replace("six", "five");
    let file = proposals();
    let applied = apply(&base, &file.proposals);
    assert_eq!(applied.applied.len(), 3);
    assert_eq!(applied.not_applied.len(), 1);
    let (p, problems) = &applied.not_applied[0];
    assert_eq!(p.id, "sc78-37-23b");
    assert_eq!(problems[0].to_string(), "stale: paragraph 23 b) has changed since the proposal was drafted");
    assert!(applied.proposed.nodes.iter().any(|n| n.text.contains("within five months")), "the text in force is left as it is");
}

#[test]
fn competing_proposals_are_not_merged() {
    let base = base();
    let file = proposals();
    let mut rival = file.proposals[3].clone();
    rival.id = "rival-23b".into();
    rival.proponents = vec!["Botswana".into()];
    let all: Vec<_> = file.proposals.iter().chain(std::iter::once(&rival)).collect();
    let applied = apply(&base, all);
    assert_eq!(applied.not_applied.len(), 1);
    assert_eq!(applied.not_applied[0].1[0].to_string(), "competes with proposal `sc78-37-23b` on paragraph 23 b)");
}

fn proposal(id: &str, changes: serde_json::Value) -> gavel::group::Proposal {
    serde_json::from_value(serde_json::json!({
        "id": id, "title": "t", "proponents": ["Kenya"], "status": "pending", "revision": "Rev. CoP19", "changes": changes
    }))
    .unwrap()
}

fn changed_with(p: &gavel::group::Proposal) -> String {
    let base = base();
    let applied = apply(&base, [p]);
    assert!(applied.not_applied.is_empty(), "{:?}", applied.not_applied);
    let bs: Vec<Block> = redline(&base, &applied.proposed, None).into_iter().filter(|b| b.is_changed()).collect();
    wdiff_blocks(&bs)
}

#[test]
fn a_new_paragraph_renumbers_the_ones_after_it() {
    let p = proposal(
        "new-24",
        serde_json::json!([{ "op": "insert", "after": "23", "text": "REQUESTS the Secretariat to report on timeframes;" }]),
    );
    let out = changed_with(&p);
    let lines: Vec<&str> = out.lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(lines[0], "{+24. REQUESTS the Secretariat to report on timeframes;+}");
    assert!(lines[1].starts_with("[-24-]{+25+}. DIRECTS the Secretariat to report on the implementation of Article XIII"), "{out}");
    assert!(lines.last().unwrap().starts_with("[-32-]{+33+}. DIRECTS the Secretariat to, subject to available resources:"), "{out}");
    assert_eq!(lines.len(), 10, "the new paragraph and 24 to 32 renumbered: {out}");
}

#[test]
fn a_new_sub_sub_paragraph_reletters_the_roman_numerals() {
    let p = proposal(
        "new-13aiv",
        serde_json::json!([{ "op": "insert", "before": "13 a) iv)", "text": "using electronic permits where available;" }]),
    );
    let out = changed_with(&p);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "        {+iv) using electronic permits where available;+}");
    assert!(lines[1].starts_with("        [-iv-]{+v+}) ensuring document control"), "{out}");
    assert!(lines[2].starts_with("        [-v-]{+vi+}) conducting physical examinations"), "{out}");
    assert!(lines.last().unwrap().starts_with("        [-viii-]{+ix+}) providing the necessary resources"), "{out}");
}

#[test]
fn a_deleted_sub_paragraph_is_struck_whole_and_the_rest_relettered() {
    let base = base();
    let c = match base.resolve(&"10 c)".parse().unwrap()).unwrap() {
        gavel::resolution::resolve::Target::Node(i) => base.node(i).text.clone(),
        _ => unreachable!(),
    };
    let p = proposal("del-10c", serde_json::json!([{ "op": "delete", "target": "10 c)", "drafted_against": c }]));
    let out = changed_with(&p);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], format!("    [-c) {c}-]"));
    assert!(lines[1].starts_with("    [-d-]{+c+}) Parties raise awareness amongst military personnel"), "{out}");
    assert!(lines[2].starts_with("    [-e-]{+d+}) Parties remind their diplomatic missions"), "{out}");
}
