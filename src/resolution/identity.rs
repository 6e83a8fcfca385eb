//! Identity without markers: when a drafter reletters a list by hand (a new
//! `e)` inserted, the old `e)` renamed `f)`) and writes no `{#…}` marker,
//! every identity derived from a position now names another provision. This
//! module tells, between two versions of a resolution, which provision of
//! the newer one is which of the older one, by their words.
//!
//! The rules, list by list (the preamble, the operative part, each
//! provision's sub-provisions, matched by their parent):
//! 1. An identity the file gives (`{#…}`) is trusted.
//! 2. A provision whose derived identity names an older provision with the
//!    same text is that provision.
//! 3. Otherwise, an older provision of the same list with exactly its text
//!    (and no other with that text) is it.
//! 4. Otherwise, the older provision nearby (at most three places away) with
//!    which it shares at least half of its words is it; ties are left
//!    unmatched.
//! 5. Otherwise it is the older provision its derived identity names, if
//!    that one is not matched to another (rewritten in place), else new.
//!
//! Each provision is compared with a bounded number of others, so the whole
//! is linear in the size of the resolution.

use std::collections::{HashMap, HashSet};

use super::{NodeId, NodeIdx, Resolution};

/// How far apart in its list a provision may have moved and still be matched by its words.
const WINDOW: usize = 3;

/// For provisions of `new` whose identity is not what it seems: the older
/// provision each one is (`Some`), or `None` for a provision that is new
/// although an older one had its derived identity. Provisions not listed are
/// the older provision with the same identity, or new if there is none.
pub fn infer(old: &Resolution, new: &Resolution) -> HashMap<NodeId, Option<NodeId>> {
    let mut out = HashMap::new();
    let old_ids: HashMap<&NodeId, NodeIdx> = old.nodes.iter().enumerate().map(|(k, n)| (&n.id, NodeIdx(k))).collect();
    match_list(old, new, &old.preamble, &new.preamble, &old_ids, &mut out);
    match_list(old, new, &old.operative, &new.operative, &old_ids, &mut out);
    // Paragraphs inside sections, and sub-provisions: each list below the provision it belongs to.
    let mut stack: Vec<NodeIdx> = new.preamble.iter().chain(new.operative.iter()).copied().collect();
    while let Some(n) = stack.pop() {
        let node = new.node(n);
        if node.children.is_empty() {
            continue;
        }
        let old_parent = match out.get(&node.id) {
            Some(Some(o)) => old_ids.get(o).copied(),
            Some(None) => None,
            None => old_ids.get(&node.id).copied(),
        };
        let old_children: &[NodeIdx] = old_parent.map_or(&[], |p| &old.node(p).children);
        match_list(old, new, old_children, &node.children, &old_ids, &mut out);
        stack.extend(node.children.iter().copied());
    }
    out
}

/// Gives the provisions of `new` the identities of the older provisions they
/// are, and the new ones identities of their own, so that comparing `old`
/// with `new` by identity follows provisions relettered by hand.
pub fn follow(old: &Resolution, new: &mut Resolution) -> HashMap<NodeId, Option<NodeId>> {
    let map = infer(old, new);
    if map.is_empty() {
        return map;
    }
    let taken: HashSet<NodeId> = old.nodes.iter().map(|n| n.id.clone()).chain(new.nodes.iter().map(|n| n.id.clone())).collect();
    for n in new.nodes.iter_mut() {
        match map.get(&n.id) {
            Some(Some(o)) => n.id = o.clone(),
            Some(None) => {
                let fresh =
                    (1..).map(|k| NodeId(format!("{}.new{k}", n.id.0))).find(|c| !taken.contains(c)).unwrap_or_else(|| n.id.clone());
                n.id = fresh;
            }
            None => {}
        }
        n.explicit_id = true;
    }
    for (i, address) in new.addresses().into_iter().enumerate() {
        let default = address.default_id();
        let n = &mut new.nodes[i];
        n.explicit_id = n.id.0 != default;
    }
    map
}

fn words(t: &str) -> HashSet<String> {
    t.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// At least half of the words of the longer text in common.
fn similar(a: &HashSet<String>, b: &HashSet<String>) -> Option<usize> {
    let common = a.intersection(b).count();
    let most = a.len().max(b.len());
    (most > 0 && common * 2 >= most).then_some(common)
}

fn match_list(
    old: &Resolution,
    new: &Resolution,
    olds: &[NodeIdx],
    news: &[NodeIdx],
    old_ids: &HashMap<&NodeId, NodeIdx>,
    out: &mut HashMap<NodeId, Option<NodeId>>,
) {
    let in_list: HashSet<NodeIdx> = olds.iter().copied().collect();
    let mut taken: HashSet<NodeIdx> = HashSet::new();
    let mut assigned: HashMap<NodeIdx, NodeIdx> = HashMap::new();
    let same_id = |n: NodeIdx| old_ids.get(&new.node(n).id).copied().filter(|o| in_list.contains(o));
    // 1. Identities the file gives; 2. derived identities that still name the same text.
    for &n in news {
        let node = new.node(n);
        match same_id(n) {
            Some(o) if node.explicit_id || old.node(o).text == node.text => {
                assigned.insert(n, o);
                taken.insert(o);
            }
            _ => {}
        }
    }
    let open = |n: &NodeIdx, assigned: &HashMap<NodeIdx, NodeIdx>| !assigned.contains_key(n) && !new.node(*n).explicit_id;
    // 3. The same text, once, among the older provisions not yet matched.
    let mut by_text: HashMap<&str, Vec<NodeIdx>> = HashMap::new();
    for &o in olds.iter().filter(|o| !taken.contains(o)) {
        by_text.entry(old.node(o).text.as_str()).or_default().push(o);
    }
    for &n in news {
        if !open(&n, &assigned) {
            continue;
        }
        if let Some([o]) = by_text.get(new.node(n).text.as_str()).map(Vec::as_slice)
            && !taken.contains(o)
        {
            assigned.insert(n, *o);
            taken.insert(*o);
        }
    }
    // 4. Half the words in common, nearby; a tie is left unmatched.
    for (pos, &n) in news.iter().enumerate() {
        if !open(&n, &assigned) {
            continue;
        }
        let mine = words(&new.node(n).text);
        let lo = pos.saturating_sub(WINDOW);
        let hi = (pos + WINDOW + 1).min(olds.len());
        let mut best: Option<(usize, NodeIdx)> = None;
        let mut tie = false;
        for &o in olds.get(lo..hi).unwrap_or(&[]).iter().filter(|o| !taken.contains(o)) {
            let Some(score) = similar(&mine, &words(&old.node(o).text)) else { continue };
            match best {
                Some((b, _)) if score < b => {}
                Some((b, _)) if score == b => tie = true,
                _ => {
                    best = Some((score, o));
                    tie = false;
                }
            }
        }
        if let (Some((_, o)), false) = (best, tie) {
            assigned.insert(n, o);
            taken.insert(o);
        }
    }
    // 5. What is left: the provision its identity names, if free (rewritten in place), else new.
    for &n in news {
        if !open(&n, &assigned) {
            continue;
        }
        match same_id(n) {
            Some(o) if !taken.contains(&o) => {
                assigned.insert(n, o);
                taken.insert(o);
            }
            Some(_) => {
                out.insert(new.node(n).id.clone(), None);
            }
            None => {}
        }
    }
    for (n, o) in assigned {
        let (nid, oid) = (&new.node(n).id, &old.node(o).id);
        if nid != oid {
            out.insert(nid.clone(), Some(oid.clone()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolution::parse;

    fn res(body: &str) -> Resolution {
        let text = format!("Symbol: Conf. 99.1\nTitle: Test\n\nNOTING a;\n\nTHE CONFERENCE OF THE PARTIES TO THE CONVENTION\n\n{body}");
        parse(&text, std::path::Path::new("t.txt")).resolution.unwrap()
    }

    #[test]
    fn a_list_relettered_by_hand_is_followed_by_its_words() {
        let old = res(
            "1. RECOMMENDS that:\n    a) Parties report on trade in live animals;\n    b) Parties train customs officers at borders.\n",
        );
        let new = res(
            "1. RECOMMENDS that:\n    a) Parties report on trade in live animals;\n    b) Parties raise awareness among professional bodies;\n    c) Parties train customs officers at borders.\n",
        );
        let map = infer(&old, &new);
        assert_eq!(map.get(&NodeId("para_1__c".into())), Some(&Some(NodeId("para_1__b".into()))));
        assert_eq!(map.get(&NodeId("para_1__b".into())), Some(&None), "the new b) is new");
        assert_eq!(map.get(&NodeId("para_1__a".into())), None, "a) is itself");
        let mut followed = new.clone();
        follow(&old, &mut followed);
        let c = followed.by_id(&NodeId("para_1__b".into())).unwrap();
        assert_eq!(followed.node(c).text, "Parties train customs officers at borders.");
        let w = crate::resolution::write::to_text(&followed);
        assert!(w.contains("c) Parties train customs officers at borders. {#para_1__b}"), "{w}");
    }

    #[test]
    fn rewritten_in_place_stays_itself_and_ties_are_left_alone() {
        let old = res("1. NOTES one two three four.\n2. NOTES five six seven eight.\n");
        let new = res("1. NOTES one two three four five six seven eight nine ten eleven twelve.\n2. NOTES something else entirely.\n");
        // Neither paragraph matches by words (1 shares 4 of 13; 2 shares 1 of 3): each is itself, rewritten.
        assert!(infer(&old, &new).is_empty(), "{:?}", infer(&old, &new));
        // 2 shares as many words with the old 1 as with the old 2: not guessed, it stays 2 (rewritten in place).
        let old = res("1. NOTES apples and pears.\n2. NOTES apples and plums.\n");
        let new = res("1. NOTES figs, dates, olives and grapes only.\n2. NOTES apples and.\n");
        let map = infer(&old, &new);
        assert_eq!(map.get(&NodeId("para_2".into())), None, "{map:?}");
    }
}
