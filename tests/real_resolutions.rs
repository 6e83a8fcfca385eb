//! The parser on the full real texts bundled in `resolutions/`.

use std::path::Path;

use gavel::resolution::{NodeKind, ParagraphRef, Resolution, parse};

fn load(name: &str) -> Resolution {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("resolutions").join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    let parsed = parse(&text, &path);
    assert!(parsed.diagnostics.is_empty(), "{:#?}", parsed.diagnostics);
    parsed.resolution.expect("header parses")
}

fn text_of(res: &Resolution, r: &str) -> String {
    match res.resolve(&r.parse::<ParagraphRef>().unwrap()).unwrap() {
        gavel::resolution::resolve::Target::Node(i) => res.node(i).text.clone(),
        _ => panic!("whole"),
    }
}

fn labels_of(res: &Resolution, r: &str) -> Vec<String> {
    match res.resolve(&r.parse::<ParagraphRef>().unwrap()).unwrap() {
        gavel::resolution::resolve::Target::Node(i) => {
            res.node(i).children.iter().map(|&k| res.node(k).label.unwrap().to_string()).collect()
        }
        _ => panic!("whole"),
    }
}

#[test]
fn conf_11_3_structure() {
    let res = load("conf-11.3.txt");
    assert_eq!(res.display_name(), "Conf. 11.3 (Rev. CoP19)");
    assert_eq!(res.header.title, "Compliance and enforcement");
    assert_eq!(res.preamble.len(), 22, "preambular paragraphs in force (without the proposed one)");
    let sections: Vec<String> = res.sections().map(|i| res.node(i).label.unwrap().value()).collect();
    assert_eq!(sections, ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI"]);
    assert_eq!(res.node(res.sections().nth(8).unwrap()).text, "Regarding application of Article XIII");
    let numbers: Vec<u32> = res.numbered_paragraphs().map(|(n, _)| n).collect();
    assert_eq!(numbers, (1..=32).collect::<Vec<_>>());
    assert_eq!(labels_of(&res, "23"), ["a)", "b)", "c)", "d)", "e)"]);
    assert_eq!(labels_of(&res, "13 a)"), ["i)", "ii)", "iii)", "iv)", "v)", "vi)", "vii)", "viii)"]);
    assert_eq!(labels_of(&res, "10"), ["a)", "b)", "c)", "d)", "e)"], "10 e) is a proposal, not text in force");
    assert_eq!(labels_of(&res, "13"), ["a)", "b)", "c)", "d)", "e)", "f)"], "13 g) is a proposal, not text in force");
    assert_eq!(labels_of(&res, "preamble 19"), ["a)", "b)", "c)", "d)"]);
    assert_eq!(res.unnumbered_paragraphs().count(), 1, "ESTABLISHES the following sections");
    assert_eq!(res.footnotes.len(), 3);
}

#[test]
fn conf_11_3_text_in_force() {
    let res = load("conf-11.3.txt");
    assert_eq!(
        text_of(&res, "23 b)"),
        "when, within six months, the information requested has not been provided, Parties provide the Secretariat with justification for why they have not been able to respond;"
    );
    assert_eq!(text_of(&res, "23"), "RECOMMENDS that:");
    assert!(text_of(&res, "preamble 18").contains("(Rev. CoP19)[^1] on *Prohibiting"));
    assert!(text_of(&res, "preamble 21").ends_with("international levels; and"));
    assert!(text_of(&res, "10 d)").ends_with("illegal fauna and flora; and"));
    assert!(text_of(&res, "13 e)").ends_with("deterrent penalties; and"));
    assert!(text_of(&res, "13 f)").ends_with("tackle it;"));
    assert!(text_of(&res, "10 e)").starts_with("Parties remind their diplomatic missions"));
    assert!(
        !std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("resolutions/conf-11.3.txt"))
            .unwrap()
            .contains("professional bodies")
    );
}

#[test]
fn conf_11_3_identities_are_addresses_by_default() {
    let res = load("conf-11.3.txt");
    for (i, n) in res.nodes.iter().enumerate() {
        assert!(!n.explicit_id);
        assert_eq!(n.id.0, res.address(gavel::resolution::NodeIdx(i)).default_id());
    }
    let kinds = |k| res.nodes.iter().filter(|n| n.kind == k).count();
    assert_eq!(kinds(NodeKind::Section), 11);
    assert_eq!(kinds(NodeKind::Recital), 22);
}

#[test]
fn conf_19_3_structure() {
    let res = load("conf-19.3.txt");
    assert_eq!(res.display_name(), "Conf. 19.3");
    assert_eq!(res.preamble.len(), 10);
    assert_eq!(res.numbered_paragraphs().count(), 7);
    assert_eq!(labels_of(&res, "4"), ["a)", "b)", "c)", "d)", "e)"]);
    assert!(text_of(&res, "4 a)").contains("giving priority to those Parties recently acceded"));
}

#[test]
fn writing_back_gives_the_file_byte_for_byte() {
    for name in ["conf-11.3.txt", "conf-19.3.txt"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("resolutions").join(name);
        let text = std::fs::read_to_string(&path).unwrap();
        let res = load(name);
        assert_eq!(gavel::resolution::write::to_text(&res), text, "{name}");
    }
}

#[test]
fn outline_of_conf_11_3() {
    let o = gavel::render::outline::outline(&load("conf-11.3.txt"));
    assert!(o.starts_with("Conf. 11.3 (Rev. CoP19)  Compliance and enforcement\n\nPreamble: 22 paragraphs\n"), "{o}");
    assert!(o.contains("\n  19  WELCOMING   a)–d)\n"), "{o}");
    assert!(o.contains("\nIX. Regarding application of Article XIII\n 23.  RECOMMENDS that:   a)–e)\n"), "{o}");
    assert!(o.contains(" 13.  FURTHER RECOMMENDS that Parties:   a) [i)–viii)], b)–f)\n"), "{o}");
    assert!(o.contains("  3.  RECOMMENDS that:   a) [i)–vi)], b)–e)\n"), "{o}");
    assert!(o.contains("\nXI. Regarding the enforcement assistance activities of the Secretariat\n"), "{o}");
    assert!(o.ends_with("Footnotes: 3\n"), "{o}");
}
