//! Invariants over random inputs.

mod common;

use std::path::Path;

use gavel::resolution::{ParagraphRef, Resolution, SubLabel, parse, write::to_text};
use proptest::prelude::*;

fn real() -> (String, Resolution) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("resolutions/conf-11.3.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    let res = parse(&text, &path).resolution.unwrap();
    (text, res)
}

/// Provision text as drafters write it: non-ASCII letters, typographic and
/// straight quotes, punctuation, "; and", italics in pairs.
fn provision_text() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        "[a-zA-Z]{1,12}",
        Just("Côte d'Ivoire".to_string()),
        Just("Türkiye".to_string()),
        Just("“quoted”".to_string()),
        Just("\"straight\"".to_string()),
        Just("*Italic Title*".to_string()),
        Just("(Rev. CoP19)".to_string()),
        Just("23 b)".to_string()),
        Just("; and".to_string()),
        Just("–".to_string()),
        Just("中文".to_string()),
        "[0-9]{1,3}[.,;:]",
    ];
    prop::collection::vec(word, 1..30).prop_map(|w| format!("AMENDED {}", w.join(" ")))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// Writing a resolution and reading it back gives the same tree, whatever
    /// text its provisions hold.
    #[test]
    fn write_then_parse_is_identity(edits in prop::collection::vec((any::<prop::sample::Index>(), provision_text()), 1..8)) {
        let (_, mut res) = real();
        // Provisions that carry a footnote marker keep it, or the footnote would be orphaned.
        let editable: Vec<usize> = (0..res.nodes.len()).filter(|&i| !res.nodes[i].text.contains("[^")).collect();
        for (i, text) in &edits {
            let idx = editable[i.index(editable.len())];
            res.nodes[idx].text = text.clone();
        }
        let written = to_text(&res);
        let back = parse(&written, Path::new("x.txt"));
        prop_assert!(back.diagnostics.is_empty(), "{:?}", back.diagnostics);
        let back = back.resolution.unwrap();
        prop_assert_eq!(back.nodes.len(), res.nodes.len());
        for (a, b) in res.nodes.iter().zip(&back.nodes) {
            prop_assert_eq!(&a.text, &b.text);
            prop_assert_eq!(a.label, b.label);
            prop_assert_eq!(&a.id, &b.id);
            prop_assert_eq!(a.kind, b.kind);
        }
        prop_assert_eq!(to_text(&back), written);
    }

    /// Every provision's address leads back to it.
    #[test]
    fn every_address_resolves_to_its_node(i in any::<prop::sample::Index>()) {
        let (_, res) = real();
        let idx = gavel::resolution::NodeIdx(i.index(res.nodes.len()));
        let addr = res.address(idx);
        let again: ParagraphRef = addr.to_string().parse().unwrap();
        prop_assert_eq!(&again, &addr);
        prop_assert_eq!(res.resolve(&addr).unwrap(), gavel::resolution::resolve::Target::Node(idx));
    }

    /// References survive being written and read back.
    #[test]
    fn references_round_trip(n in 1u32..200, kind in 0..4, subs in prop::collection::vec(prop_oneof!["[a-h]", "(i|ii|iii|iv|v|vi|vii|viii|ix|x)"], 0..3)) {
        let path: Vec<SubLabel> = subs.iter().map(|s| SubLabel::new(s)).collect();
        let r = match kind {
            0 => ParagraphRef::Paragraph { number: n, path },
            1 => ParagraphRef::Preamble { ordinal: n, path },
            2 => ParagraphRef::Section(n),
            _ => ParagraphRef::Unnumbered { ordinal: n, path },
        };
        prop_assert_eq!(r.to_string().parse::<ParagraphRef>().unwrap(), r);
    }

    /// The parser never panics, and every finding points inside the file.
    #[test]
    fn parser_takes_anything(lines in prop::collection::vec(prop_oneof![
        Just(String::new()),
        Just("Symbol: Conf. 1.1".to_string()),
        Just("Title: T".to_string()),
        Just(gavel::resolution::OPERATIVE_MARKER.to_string()),
        "(    |        |\t)?([a-z]{1,3}|[ivx]{1,4}|[0-9]{1,2}|[IVX]{1,3})[.)] [a-zA-Zé ;*\\[\\]^#{}]{0,20}",
        "[^\n]{0,30}",
        "\\[\\^[0-9*]\\]: .{0,10}",
    ], 0..40)) {
        let text = lines.join("\n");
        let p = parse(&text, Path::new("x.txt"));
        let n = text.split('\n').count() as u32;
        for d in &p.diagnostics {
            prop_assert!(d.line <= n.max(1), "{d} beyond {n} lines");
        }
    }

    /// Each unknown field added to a real group file is reported once, at its key.
    #[test]
    fn every_unknown_field_is_reported(picks in prop::collection::btree_set(0usize..49, 1..6)) {
        let repo = common::TempRepo::bundled();
        let rel = "agendas/sc78-wg-11-3/group.json";
        let mut v: serde_json::Value = serde_json::from_str(&repo.read(rel)).unwrap();
        for &m in &picks {
            v["members"][m].as_object_mut().unwrap().insert(format!("extra{m}"), serde_json::json!({"nested": [1, 2]}));
        }
        let text = serde_json::to_string_pretty(&v).unwrap();
        repo.write(rel, &text);
        let f = repo.findings(rel);
        prop_assert_eq!(f.len(), picks.len(), "{:?}", f);
        for (finding, m) in f.iter().zip(&picks) {
            let line = text.lines().position(|l| l.contains(&format!("\"extra{m}\""))).unwrap() + 1;
            let expected_prefix = format!("{line}:7 error: unknown field `extra{m}`");
            prop_assert!(finding.starts_with(&expected_prefix), "{} vs {}", finding, line);
        }
    }

    /// JSON with a byte changed never panics the loader; findings point inside the file.
    #[test]
    fn json_loader_takes_anything(at in any::<prop::sample::Index>(), byte in prop_oneof![Just(b'{'), Just(b'"'), Just(b','), Just(b']'), Just(b'x'), Just(b'1'), Just(b' ')]) {
        let text = gavel::bundled::file("agendas/sc78-wg-11-3/sc78-session.meeting.json").unwrap().text;
        let mut bytes = text.as_bytes().to_vec();
        let i = at.index(bytes.len());
        bytes[i] = byte;
        if let Ok(t) = String::from_utf8(bytes) {
            let f = gavel::json::parse::<gavel::group::Meeting>(&t, Path::new("m.json"));
            let n = t.lines().count() as u32 + 1;
            for d in &f.diagnostics {
                prop_assert!(d.line <= n, "{d}");
            }
        }
    }
}
