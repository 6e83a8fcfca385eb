//! Proposals to amend a resolution: who proposed what, against which text.
//!
//! A proposal is a list of changes, each addressed to the text it was
//! drafted against: replace a provision, insert a new one before or after
//! another, or delete one. Relettering follows from the insertions; the
//! tracked-change engine renders it.

use serde::{Deserialize, Serialize};

mod raw;

use raw::RawChange;

use crate::resolution::{ParagraphRef, ResolutionName, Revision};

/// `resolutions/<slug>.proposals.json`: the proposals on one resolution.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ProposalFile {
    pub resolution: ResolutionName,
    pub proposals: Vec<Proposal>,
}

/// Where a proposal stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Pending,
    Adopted,
    Rejected,
    Withdrawn,
    /// Another proposal on the same provision was adopted instead.
    Superseded,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Adopted => "adopted",
            Status::Rejected => "rejected",
            Status::Withdrawn => "withdrawn",
            Status::Superseded => "superseded",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Proposal {
    /// Unique among the resolution's proposals; agendas refer to it.
    pub id: String,
    pub title: String,
    /// The working group it was made in (folder name under `agendas/`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Members who proposed it (names from the group's membership).
    pub proponents: Vec<String>,
    #[serde(default)]
    pub supporters: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The revision of the resolution it was drafted against.
    pub revision: Option<Revision>,
    pub status: Status,
    pub changes: Vec<Change>,
    /// The proposal this one amends (drafted from it in a meeting, "agreed as amended").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amends: Option<String>,
    /// What its proponents said of it (the Word comments on a reply's changes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Where an inserted provision goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Anchor {
    Before(ParagraphRef),
    After(ParagraphRef),
}

/// A provision a proposal inserts below a new one (`a)`, `b)` under a new
/// paragraph; `i)` under a new sub-paragraph), lettered in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewProvision {
    pub text: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<NewProvision>,
}

/// How deep inserted sub-provisions go below the new provision: sub- and sub-sub-paragraphs.
pub const MAX_NEW_DEPTH: usize = 2;

/// What is wrong with a provision's text in a proposal, each with the byte
/// offset where it is, what it is, and how to fix it. A provision's text is
/// one paragraph of the resolution's own format: no line break (which would
/// start a new provision), no identity marker (identities are gavel's to
/// give), no label of its own at its start (the label comes from where it
/// stands), and its `*italics*` and [brackets] closed.
pub fn text_problems(text: &str) -> Vec<(usize, String, &'static str)> {
    let mut out = Vec::new();
    if let Some(k) = text.find(['\n', '\r']) {
        out.push((
            k,
            "a line break: a provision's text is one paragraph".to_string(),
            "join the lines; a new provision is a change of its own (or a child of an inserted one)",
        ));
    }
    if let Some(k) = text.find("{#") {
        out.push((k, "an identity marker `{#…}`: identities are gavel's to give".to_string(), "remove it"));
    }
    let lead = text.len() - text.trim_start().len();
    if let Some(label) = leading_label(text.trim_start()) {
        out.push((
            lead,
            format!("the text starts with a label (`{label}`): labels come from where the provision stands"),
            "remove the label; gavel letters and numbers provisions",
        ));
    }
    if text.matches('*').count() % 2 == 1 {
        out.push((
            text.rfind('*').unwrap_or(0),
            "an `*` that opens italics and is never closed".to_string(),
            "close the italics with a second `*`, or remove it",
        ));
    }
    let mut open: Vec<usize> = Vec::new();
    for (k, c) in text.char_indices() {
        match c {
            '[' => open.push(k),
            ']' if open.pop().is_none() => {
                out.push((k, "a `]` with no `[` before it".to_string(), "balance the square brackets"));
            }
            _ => {}
        }
    }
    if let Some(&k) = open.first() {
        out.push((k, "a `[` that is never closed".to_string(), "balance the square brackets"));
    }
    out.sort_by_key(|p| p.0);
    out
}

/// `24.`, `a)`, `(b)`, `iv)`, `IX.` at the start of a text, followed by a space.
fn leading_label(t: &str) -> Option<&str> {
    let body = t.strip_prefix('(').unwrap_or(t);
    let n = body.chars().take_while(|c| c.is_ascii_alphanumeric()).count();
    if n == 0 || n > 6 {
        return None;
    }
    let (value, rest) = body.split_at(n);
    let numeric = value.chars().all(|c| c.is_ascii_digit());
    let roman = value.chars().all(|c| "ivxlcdm".contains(c)) || value.chars().all(|c| "IVXLCDM".contains(c));
    let letter = value.len() <= 2 && value.chars().all(|c| c.is_ascii_lowercase());
    if !(numeric || roman || letter) {
        return None;
    }
    let closer = if t.starts_with('(') || rest.starts_with(')') { ")" } else { "." };
    let after = rest.strip_prefix(closer)?;
    // `I. ` or `a) ` with text after it; a sentence never starts so.
    (after.starts_with(' ') && (closer == ")" || numeric || roman)).then(|| &t[..t.len() - after.len()])
}

/// One change to the text. Every reference is to the text drafted against.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawChange", into = "RawChange")]
pub enum Change {
    /// New text for a provision (its label stays).
    Replace { target: ParagraphRef, drafted_against: String, text: String },
    /// A new provision, with its own sub-provisions if it has any; later
    /// siblings are relettered or renumbered. `drafted_beside` is the text of
    /// the provision it was placed by, as the proposal saw it (a reply to an
    /// older text is then stale, not placed blindly); none when not recorded.
    Insert { anchor: Anchor, text: String, children: Vec<NewProvision>, drafted_beside: Option<String> },
    /// Strike a provision; later siblings are relettered or renumbered.
    Delete { target: ParagraphRef, drafted_against: String },
}

impl Change {
    /// Every text the change brings in, with where it is among the inserted
    /// sub-provisions (empty: the change's own `text`; `[1, 0]`: the first
    /// child of its second child).
    pub fn texts(&self) -> Vec<(Vec<usize>, &str)> {
        fn walk<'a>(at: &mut Vec<usize>, cs: &'a [NewProvision], out: &mut Vec<(Vec<usize>, &'a str)>) {
            for (k, c) in cs.iter().enumerate() {
                at.push(k);
                out.push((at.clone(), c.text.as_str()));
                walk(at, &c.children, out);
                at.pop();
            }
        }
        match self {
            Change::Replace { text, .. } => vec![(Vec::new(), text.as_str())],
            Change::Insert { text, children, .. } => {
                let mut out = vec![(Vec::new(), text.as_str())];
                walk(&mut Vec::new(), children, &mut out);
                out
            }
            Change::Delete { .. } => Vec::new(),
        }
    }

    /// The provision the change is placed by.
    pub fn reference(&self) -> &ParagraphRef {
        match self {
            Change::Replace { target, .. } | Change::Delete { target, .. } => target,
            Change::Insert { anchor: Anchor::Before(r) | Anchor::After(r), .. } => r,
        }
    }
}

#[cfg(test)]
mod text_tests {
    use super::*;

    fn whats(t: &str) -> Vec<String> {
        text_problems(t).into_iter().map(|(k, w, _)| format!("{k}: {w}")).collect()
    }

    #[test]
    fn a_proposal_text_is_one_provision_of_the_format() {
        assert!(whats("when, within three months, Parties [reply] with *care*; and").is_empty());
        assert!(whats("e.g. Parties; 1,000 specimens; AWARE of it; I am").is_empty(), "{:?}", whats("e.g. Parties; 1,000 specimens"));
        assert!(whats("Resolution Conf. 12.3[^2] on permits").is_empty());
        let w = whats("first line\n24. INJECTED paragraph");
        assert_eq!(w.len(), 1);
        assert!(w[0].starts_with("10: a line break"), "{w:?}");
        assert!(whats("text {#para_23__a}")[0].starts_with("5: an identity marker"));
        for t in ["24. RECOMMENDS", "b) when", "(c) if", "iv) the", "IX. Regarding"] {
            assert!(whats(t).iter().any(|w| w.starts_with("0: the text starts with a label")), "{t}: {:?}", whats(t));
        }
        assert!(whats("an *unclosed italic").iter().any(|w| w.contains("never closed")));
        assert!(whats("a [bracket").iter().any(|w| w.contains("`[` that is never closed")));
        assert!(whats("a bracket]").iter().any(|w| w.contains("`]` with no `[`")));
    }

    #[test]
    fn inserted_children_round_trip_and_are_bounded() {
        let j = r#"{"op":"insert","after":"23","text":"RECOMMENDS that:","children":[{"text":"one;"},{"text":"two:","children":[{"text":"deep"}]}]}"#;
        let c: Change = serde_json::from_str(j).unwrap();
        assert_eq!(c.texts().iter().map(|(at, _)| at.clone()).collect::<Vec<_>>(), [vec![], vec![0], vec![1], vec![1, 0]]);
        let back: Change = serde_json::from_str(&serde_json::to_string(&c).unwrap()).unwrap();
        assert_eq!(back, c);
        let deep =
            r#"{"op":"insert","after":"23","text":"x","children":[{"text":"a","children":[{"text":"i","children":[{"text":"A"}]}]}]}"#;
        assert!(serde_json::from_str::<Change>(deep).unwrap_err().to_string().contains("2 levels deep at most"));
        let e = serde_json::from_str::<Change>(r#"{"op":"replace","target":"23 b)","drafted_against":"a","text":"b","children":[]}"#);
        assert!(e.unwrap_err().to_string().contains("only an `insert` change takes `children`"));
    }
}
