//! Proposals to amend a resolution: who proposed what, against which text.
//!
//! A proposal is a list of changes, each addressed to the text it was
//! drafted against: replace a provision, insert a new one before or after
//! another, or delete one. Relettering follows from the insertions; the
//! tracked-change engine renders it.

use serde::{Deserialize, Serialize};

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
}

/// Where an inserted provision goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Anchor {
    Before(ParagraphRef),
    After(ParagraphRef),
}

/// One change to the text. Every reference is to the text drafted against.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawChange", into = "RawChange")]
pub enum Change {
    /// New text for a provision (its label stays).
    Replace { target: ParagraphRef, drafted_against: String, text: String },
    /// A new provision; later siblings are relettered or renumbered.
    Insert { anchor: Anchor, text: String },
    /// Strike a provision; later siblings are relettered or renumbered.
    Delete { target: ParagraphRef, drafted_against: String },
}

impl Change {
    /// The provision the change is placed by.
    pub fn reference(&self) -> &ParagraphRef {
        match self {
            Change::Replace { target, .. } | Change::Delete { target, .. } => target,
            Change::Insert { anchor: Anchor::Before(r) | Anchor::After(r), .. } => r,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum Op {
    Replace,
    Insert,
    Delete,
}

/// The JSON shape of a change; validated into [`Change`].
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChange {
    op: Op,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    target: Option<RefString>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    before: Option<RefString>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    after: Option<RefString>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    drafted_against: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    text: Option<String>,
}

/// A paragraph reference in JSON, read with the same grammar as the CLI.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
struct RefString(ParagraphRef);

impl TryFrom<String> for RefString {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        s.parse().map(RefString).map_err(|e: crate::resolution::reference::RefSyntaxError| e.to_string())
    }
}

impl From<RefString> for String {
    fn from(r: RefString) -> String {
        r.0.to_string()
    }
}

impl TryFrom<RawChange> for Change {
    type Error = String;
    fn try_from(r: RawChange) -> Result<Self, String> {
        let need = |v: Option<String>, what: &str, op: &str| v.ok_or_else(|| format!("a `{op}` change needs `{what}`"));
        let refuse = |present: bool, what: &str, op: &str| if present { Err(format!("a `{op}` change takes no `{what}`")) } else { Ok(()) };
        match r.op {
            Op::Replace => {
                refuse(r.before.is_some() || r.after.is_some(), "before`/`after", "replace")?;
                Ok(Change::Replace {
                    target: r.target.ok_or("a `replace` change needs `target`")?.0,
                    drafted_against: need(r.drafted_against, "drafted_against", "replace")?,
                    text: need(r.text, "text", "replace")?,
                })
            }
            Op::Delete => {
                refuse(r.before.is_some() || r.after.is_some(), "before`/`after", "delete")?;
                refuse(r.text.is_some(), "text", "delete")?;
                Ok(Change::Delete {
                    target: r.target.ok_or("a `delete` change needs `target`")?.0,
                    drafted_against: need(r.drafted_against, "drafted_against", "delete")?,
                })
            }
            Op::Insert => {
                refuse(r.target.is_some(), "target` (say `before` or `after", "insert")?;
                refuse(r.drafted_against.is_some(), "drafted_against", "insert")?;
                let anchor = match (r.before, r.after) {
                    (Some(b), None) => Anchor::Before(b.0),
                    (None, Some(a)) => Anchor::After(a.0),
                    _ => return Err("an `insert` change needs exactly one of `before` and `after`".into()),
                };
                Ok(Change::Insert { anchor, text: need(r.text, "text", "insert")? })
            }
        }
    }
}

impl From<Change> for RawChange {
    fn from(c: Change) -> RawChange {
        let blank = RawChange { op: Op::Replace, target: None, before: None, after: None, drafted_against: None, text: None };
        match c {
            Change::Replace { target, drafted_against, text } => {
                RawChange { target: Some(RefString(target)), drafted_against: Some(drafted_against), text: Some(text), ..blank }
            }
            Change::Delete { target, drafted_against } => {
                RawChange { op: Op::Delete, target: Some(RefString(target)), drafted_against: Some(drafted_against), ..blank }
            }
            Change::Insert { anchor: Anchor::Before(r), text } => {
                RawChange { op: Op::Insert, before: Some(RefString(r)), text: Some(text), ..blank }
            }
            Change::Insert { anchor: Anchor::After(r), text } => {
                RawChange { op: Op::Insert, after: Some(RefString(r)), text: Some(text), ..blank }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_round_trip_through_json() {
        let j = r#"[{"op":"replace","target":"23 b)","drafted_against":"old","text":"new"},
                    {"op":"insert","before":"10 e)","text":"x"},
                    {"op":"delete","target":"preamble 3","drafted_against":"y"}]"#;
        let v: Vec<Change> = serde_json::from_str(j).unwrap();
        assert_eq!(v[1], Change::Insert { anchor: Anchor::Before("10 e)".parse().unwrap()), text: "x".into() });
        let back: Vec<Change> = serde_json::from_str(&serde_json::to_string(&v).unwrap()).unwrap();
        assert_eq!(v, back);
    }

    #[test]
    fn malformed_changes_say_what_is_missing() {
        let e = serde_json::from_str::<Change>(r#"{"op":"insert","text":"x"}"#).unwrap_err().to_string();
        assert!(e.contains("exactly one of `before` and `after`"), "{e}");
        let e = serde_json::from_str::<Change>(r#"{"op":"replace","target":"23 b)","text":"x"}"#).unwrap_err().to_string();
        assert!(e.contains("needs `drafted_against`"), "{e}");
        let e = serde_json::from_str::<Change>(r#"{"op":"replace","target":"23 q7","drafted_against":"a","text":"x"}"#)
            .unwrap_err()
            .to_string();
        assert!(e.contains("cannot read `23 q7`"), "{e}");
    }
}
