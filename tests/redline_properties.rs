//! The tracked-change engine's invariants, over random edits of the real
//! text of Conf. 11.3.

use std::path::Path;
use std::time::Duration;

use gavel::redline::doc::{Status, redline};
use gavel::redline::text::{diff_texts, paragraphs};
use gavel::redline::tokens::tokenize;
use gavel::redline::{Piece, PieceKind, diff_words, new_text, old_text, wdiff};
use gavel::resolution::{Resolution, parse};
use proptest::prelude::*;

fn real_text() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("resolutions/conf-11.3.txt")).unwrap()
}

fn real() -> Resolution {
    parse(&real_text(), Path::new("x")).resolution.unwrap()
}

/// One random edit of a text, by token.
#[derive(Debug, Clone)]
enum Edit {
    DeleteWord(prop::sample::Index),
    InsertWord(prop::sample::Index, &'static str),
    ReplaceWord(prop::sample::Index, &'static str),
    Punctuation(prop::sample::Index, &'static str),
}

const WORDS: &[&str] = &[
    "three",
    "Parties",
    "non-detriment",
    "Côte d'Ivoire",
    "Türkiye",
    "promptly",
    "and",
    "the",
    "[not agreed]",
    "“quoted”",
    "2,000",
    "CITES-listed",
];
const PUNCT: &[&str] = &[";", ":", ",", ".", "; and", ""];

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        any::<prop::sample::Index>().prop_map(Edit::DeleteWord),
        (any::<prop::sample::Index>(), prop::sample::select(WORDS)).prop_map(|(i, w)| Edit::InsertWord(i, w)),
        (any::<prop::sample::Index>(), prop::sample::select(WORDS)).prop_map(|(i, w)| Edit::ReplaceWord(i, w)),
        (any::<prop::sample::Index>(), prop::sample::select(PUNCT)).prop_map(|(i, p)| Edit::Punctuation(i, p)),
    ]
}

fn apply_edits(text: &str, edits: &[Edit]) -> String {
    let mut t = text.to_string();
    for e in edits {
        let toks = tokenize(&t);
        let words: Vec<_> = toks.iter().filter(|k| k.kind == gavel::redline::tokens::TokenKind::Word).collect();
        let puncts: Vec<_> = toks.iter().filter(|k| k.kind == gavel::redline::tokens::TokenKind::Punct).collect();
        match e {
            Edit::DeleteWord(i) if !words.is_empty() => {
                let w = words[i.index(words.len())];
                let end = if t[w.end..].starts_with(' ') { w.end + 1 } else { w.end };
                t.replace_range(w.start..end, "");
            }
            Edit::InsertWord(i, word) if !words.is_empty() => {
                let w = words[i.index(words.len())];
                t.insert_str(w.start, &format!("{word} "));
            }
            Edit::ReplaceWord(i, word) if !words.is_empty() => {
                let w = words[i.index(words.len())];
                t.replace_range(w.start..w.end, word);
            }
            Edit::Punctuation(i, p) if !puncts.is_empty() => {
                let k = puncts[i.index(puncts.len())];
                t.replace_range(k.start..k.end, p);
            }
            _ => {}
        }
    }
    t
}

/// Removes one kind of mark with its text and unwraps the other.
fn without(out: &str, drop: (&str, &str), keep: (&str, &str)) -> String {
    let mut s = String::new();
    let mut rest = out;
    loop {
        let next_drop = rest.find(drop.0);
        let next_keep = rest.find(keep.0);
        match (next_drop, next_keep) {
            (None, None) => {
                s.push_str(rest);
                return s;
            }
            (Some(d), k) if k.is_none_or(|k| d < k) => {
                s.push_str(&rest[..d]);
                let from = d + drop.0.len();
                let end = rest[from..].find(drop.1).expect("closed") + from;
                rest = &rest[end + drop.1.len()..];
            }
            (_, Some(k)) => {
                s.push_str(&rest[..k]);
                let from = k + keep.0.len();
                let end = rest[from..].find(keep.1).expect("closed") + from;
                s.push_str(&rest[from..end]);
                rest = &rest[end + keep.1.len()..];
            }
            _ => unreachable!(),
        }
    }
}

/// Every mark starts and ends where a token of its side starts or ends: never inside a word.
fn marks_on_word_boundaries(pieces: &[Piece], old: &str, new: &str) -> Result<(), String> {
    let bounds = |t: &str| -> Vec<usize> { tokenize(t).iter().flat_map(|k| [k.start, k.end]).collect() };
    let (bo, bn) = (bounds(old), bounds(new));
    let (mut po, mut pn) = (0usize, 0usize);
    for p in pieces {
        match p.kind {
            PieceKind::Same => {
                po += p.text.len();
                pn += p.text.len();
            }
            PieceKind::Del => {
                if !(bo.contains(&po) || po == 0) || !bo.contains(&(po + p.text.len())) {
                    return Err(format!("deletion {:?} at {po} splits a word", p.text));
                }
                po += p.text.len();
            }
            PieceKind::Ins => {
                if !(bn.contains(&pn) || pn == 0) || !bn.contains(&(pn + p.text.len())) {
                    return Err(format!("insertion {:?} at {pn} splits a word", p.text));
                }
                pn += p.text.len();
            }
        }
    }
    Ok(())
}

/// What every text comparison must give: each side back, paragraph by
/// paragraph (the old one in its order but for moved paragraphs), no mark
/// holding a line break, and the wdiff notation read back to both sides.
fn check_text_diff(old: &str, new: &str) -> Result<(), TestCaseError> {
    let d = diff_texts(old, new, Duration::from_secs(30));
    prop_assert!(d.paired_by_position == 0);
    // Each side comes back paragraph by paragraph: the new in its order, the old
    // in its order but for paragraphs shown as moved, which stand where they now are.
    let news: Vec<String> = d.blocks.iter().filter(|b| b.status != Status::Deleted).map(|b| new_text(&b.pieces)).collect();
    prop_assert_eq!(news, paragraphs(new));
    let mut olds: Vec<String> = d.blocks.iter().filter(|b| b.status != Status::Inserted).map(|b| old_text(&b.pieces)).collect();
    let mut want = paragraphs(old);
    if !d.blocks.iter().any(|b| b.status == Status::Moved) {
        prop_assert_eq!(&olds, &want);
    }
    olds.sort();
    want.sort();
    prop_assert_eq!(olds, want);
    for b in &d.blocks {
        let out = wdiff(&b.pieces);
        prop_assert!(!out.contains('\n'), "a mark never holds a line break: {}", out);
        prop_assert_eq!(without(&out, ("{+", "+}"), ("[-", "-]")), old_text(&b.pieces));
        prop_assert_eq!(without(&out, ("[-", "-]"), ("{+", "+}")), new_text(&b.pieces));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn word_diff_of_a_provision(i in any::<prop::sample::Index>(), edits in prop::collection::vec(edit(), 1..6)) {
        let res = real();
        let old = res.nodes[i.index(res.nodes.len())].text.clone();
        let new = apply_edits(&old, &edits);
        let d = diff_words(&old, &new, None);
        prop_assert!(!d.replaced_whole);
        prop_assert_eq!(old_text(&d.pieces), old.clone());
        prop_assert_eq!(new_text(&d.pieces), new.clone());
        let out = wdiff(&d.pieces);
        prop_assert_eq!(without(&out, ("{+", "+}"), ("[-", "-]")), old.clone(), "deleting inserted spans gives the old text: {}", out);
        prop_assert_eq!(without(&out, ("[-", "-]"), ("{+", "+}")), new.clone(), "deleting deleted spans gives the new text: {}", out);
        if let Err(e) = marks_on_word_boundaries(&d.pieces, &old, &new) {
            prop_assert!(false, "{} in {}", e, out);
        }
        // No empty pieces, no two neighbours of one kind.
        prop_assert!(d.pieces.iter().all(|p| !p.text.is_empty()));
        prop_assert!(d.pieces.windows(2).all(|w| w[0].kind != w[1].kind));
        // A deletion and the insertion after it never touch when a space next to them could part them.
        for (k, w) in d.pieces.windows(2).enumerate() {
            let touching = w[0].kind == PieceKind::Del && w[1].kind == PieceKind::Ins
                && !w[0].text.ends_with(' ') && !w[1].text.starts_with(' ');
            let space_after = d.pieces.get(k + 2).is_some_and(|p| p.text.starts_with(' '));
            let space_before = k > 0 && d.pieces[k - 1].text.ends_with(' ');
            prop_assert!(!(touching && (space_after || space_before)), "touching: {}", out);
        }
    }

    #[test]
    fn text_diff_of_the_whole_file(lines in prop::collection::vec((any::<prop::sample::Index>(), prop::collection::vec(edit(), 1..4)), 1..12), drop_line in any::<prop::sample::Index>()) {
        let old = real_text();
        let mut new_lines: Vec<String> = old.split('\n').map(str::to_string).collect();
        for (i, edits) in &lines {
            let k = i.index(new_lines.len());
            new_lines[k] = apply_edits(&new_lines[k], edits);
        }
        new_lines.remove(drop_line.index(new_lines.len()));
        let new = new_lines.join("\n");
        check_text_diff(&old, &new)?;
    }

    #[test]
    fn structural_redline_gives_back_both_versions(picks in prop::collection::vec((any::<prop::sample::Index>(), prop::collection::vec(edit(), 1..4)), 1..8)) {
        let base = real();
        let mut proposed = base.clone();
        for (i, edits) in &picks {
            let k = i.index(proposed.nodes.len());
            proposed.nodes[k].text = apply_edits(&proposed.nodes[k].text, edits);
        }
        let blocks = redline(&base, &proposed, None);
        let provisions: Vec<_> = blocks.iter().filter(|b| b.id.0 != "marker").collect();
        prop_assert_eq!(provisions.len(), base.nodes.len());
        for b in provisions {
            let i = base.by_id(&b.id).unwrap();
            prop_assert_eq!(old_text(&b.text), base.node(i).text.clone());
            prop_assert_eq!(new_text(&b.text), proposed.node(i).text.clone());
            prop_assert_eq!(b.status == Status::Same, base.node(i).text == proposed.node(i).text);
        }
    }
}

#[test]
fn html_escapes_amendment_text() {
    let d = diff_words("respond;", "respond <script>alert('x')</script> & more;", None);
    let html = {
        let mut doc = gavel::render::Document::new("t");
        doc.pieces(0, d.pieces.clone());
        gavel::render::print::html::print(&doc)
    };
    assert!(!html.contains("<script>"), "{html}");
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more"), "{html}");
    assert!(html.contains("<ins>"), "{html}");
}

proptest! {
    // Each case compares texts of some 2,300 paragraphs.
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// Texts too large for one grid of paragraphs are anchored by the
    /// paragraphs' starts and ends, then aligned stretch by stretch: the same
    /// rules hold, whatever was edited, moved, inserted or deleted.
    #[test]
    fn text_diff_of_a_large_text(
        edits in prop::collection::vec((any::<prop::sample::Index>(), prop::collection::vec(edit(), 1..4)), 1..60),
        moves in prop::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>()), 0..6),
        drops in prop::collection::vec(any::<prop::sample::Index>(), 0..6),
        inserts in prop::collection::vec((any::<prop::sample::Index>(), "[a-z ]{5,60}"), 0..6),
    ) {
        let old = real_text().repeat(12);
        let mut lines: Vec<String> = old.split('\n').map(str::to_string).collect();
        for (i, e) in &edits {
            let k = i.index(lines.len());
            lines[k] = apply_edits(&lines[k], e);
        }
        for (from, to) in &moves {
            let line = lines.remove(from.index(lines.len()));
            lines.insert(to.index(lines.len() + 1), line);
        }
        for d in &drops {
            lines.remove(d.index(lines.len()));
        }
        for (at, text) in &inserts {
            lines.insert(at.index(lines.len() + 1), text.clone());
        }
        let new = lines.join("\n");
        // Past one grid (4,000,000 pairs of paragraphs): the anchored path.
        prop_assert!(paragraphs(&old).len() * paragraphs(&new).len() > 4_000_000);
        check_text_diff(&old, &new)?;
    }
}
