//! The JSON shape of a change (`{"op": "replace", "target": "23 b)", …}`),
//! read into a [`Change`] with a message for each thing missing or extra.

use serde::{Deserialize, Serialize};

use super::{Anchor, Change, MAX_NEW_DEPTH, NewProvision};
use crate::resolution::ParagraphRef;

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
pub(super) struct RawChange {
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    children: Option<Vec<NewProvision>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    drafted_beside: Option<String>,
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
            Op::Replace | Op::Delete if r.children.is_some() => Err("only an `insert` change takes `children`".into()),
            Op::Replace | Op::Delete if r.drafted_beside.is_some() => Err("only an `insert` change takes `drafted_beside`".into()),
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
                refuse(r.drafted_against.is_some(), "drafted_against` (an insertion records `drafted_beside", "insert")?;
                let anchor = match (r.before, r.after) {
                    (Some(b), None) => Anchor::Before(b.0),
                    (None, Some(a)) => Anchor::After(a.0),
                    _ => return Err("an `insert` change needs exactly one of `before` and `after`".into()),
                };
                let children = r.children.unwrap_or_default();
                if depth(&children) > MAX_NEW_DEPTH {
                    return Err(format!("inserted `children` go {MAX_NEW_DEPTH} levels deep at most (sub- and sub-sub-paragraphs)"));
                }
                Ok(Change::Insert { anchor, text: need(r.text, "text", "insert")?, children, drafted_beside: r.drafted_beside })
            }
        }
    }
}

fn depth(children: &[NewProvision]) -> usize {
    children.iter().map(|c| 1 + depth(&c.children)).max().unwrap_or(0)
}

impl From<Change> for RawChange {
    fn from(c: Change) -> RawChange {
        let blank = RawChange {
            op: Op::Replace,
            target: None,
            before: None,
            after: None,
            drafted_against: None,
            text: None,
            children: None,
            drafted_beside: None,
        };
        match c {
            Change::Replace { target, drafted_against, text } => {
                RawChange { target: Some(RefString(target)), drafted_against: Some(drafted_against), text: Some(text), ..blank }
            }
            Change::Delete { target, drafted_against } => {
                RawChange { op: Op::Delete, target: Some(RefString(target)), drafted_against: Some(drafted_against), ..blank }
            }
            Change::Insert { anchor, text, children, drafted_beside } => {
                let children = (!children.is_empty()).then_some(children);
                let blank = RawChange { op: Op::Insert, text: Some(text), children, drafted_beside, ..blank };
                match anchor {
                    Anchor::Before(r) => RawChange { before: Some(RefString(r)), ..blank },
                    Anchor::After(r) => RawChange { after: Some(RefString(r)), ..blank },
                }
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
        assert_eq!(
            v[1],
            Change::Insert { anchor: Anchor::Before("10 e)".parse().unwrap()), text: "x".into(), children: vec![], drafted_beside: None }
        );
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
