//! Adding to a list of a JSON file (a proposal to a proposals file, a member
//! to a group, an item to an agenda) without rewriting the rest of it: the new
//! value is inserted before the list's closing bracket, so that git shows
//! exactly what was added.

use crate::json::{Seg, value_span};

use super::{Proposal, ProposalFile};

/// The proposals file's text with `p` added at the end of its list; a new
/// file when there was none.
pub fn with_proposal(source: Option<&str>, resolution: crate::resolution::ResolutionName, p: &Proposal) -> Result<String, String> {
    let Some(text) = source else {
        let file = ProposalFile { resolution, proposals: vec![p.clone()] };
        return serde_json::to_string_pretty(&file).map(|s| s + "\n").map_err(|e| e.to_string());
    };
    with_item(text, &[Seg::Key("proposals")], p)
}

/// `text` (a JSON document) with `value` added at the end of the list at
/// `path`, indented one step deeper than the line the list opens on.
pub fn with_item(text: &str, path: &[Seg], value: &impl serde::Serialize) -> Result<String, String> {
    let pretty = serde_json::to_string_pretty(value).map_err(|e| e.to_string())?;
    let name = match path.last() {
        Some(Seg::Key(k)) => format!("`{k}`"),
        _ => "the".to_string(),
    };
    let (start, end) = value_span(text, path).ok_or_else(|| format!("the file has no {name} list"))?;
    let list = &text[start..end];
    if !list.starts_with('[') {
        return Err(format!("{name} is not a list"));
    }
    let close = start + list.rfind(']').ok_or_else(|| format!("the {name} list is not closed"))?;
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let outer: String = text[line_start..].chars().take_while(|c| *c == ' ' || *c == '\t').collect();
    let inner = format!("{outer}  ");
    let indented: String = pretty.lines().map(|l| format!("{inner}{l}")).collect::<Vec<_>>().join("\n");
    let empty = list[1..list.len() - 1].trim().is_empty();
    let before = text[..close].trim_end();
    let insert = if empty { format!("\n{indented}\n{outer}") } else { format!(",\n{indented}\n{outer}") };
    Ok(format!("{before}{insert}{}", &text[close..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appends_without_touching_the_rest() {
        let src = crate::bundled::file("resolutions/conf-11.3.proposals.json").unwrap().text;
        let file: ProposalFile = serde_json::from_str(src).unwrap();
        let mut p = file.proposals[3].clone();
        p.id = "new-one".into();
        let out = with_proposal(Some(src), file.resolution, &p).unwrap();
        let back: ProposalFile = serde_json::from_str(&out).unwrap();
        assert_eq!(back.proposals.len(), 5);
        assert_eq!(back.proposals[4].id, "new-one");
        assert!(out.starts_with(&src[..src.rfind("\"status\": \"pending\"").unwrap()]), "the earlier text is unchanged");
        let empty = "{\n  \"resolution\": \"Conf. 11.3\",\n  \"proposals\": []\n}\n";
        let out = with_proposal(Some(empty), file.resolution, &p).unwrap();
        assert_eq!(serde_json::from_str::<ProposalFile>(&out).unwrap().proposals.len(), 1);
        let fresh = with_proposal(None, file.resolution, &p).unwrap();
        assert_eq!(serde_json::from_str::<ProposalFile>(&fresh).unwrap().proposals[0].id, "new-one");
    }

    /// An item added to a nested, empty list is indented under it; the rest is unchanged.
    #[test]
    fn adds_to_a_nested_list() {
        let src = "{\n  \"days\": [\n    {\n      \"items\": []\n    }\n  ]\n}\n";
        let path = [Seg::Key("days"), Seg::Index(0), Seg::Key("items")];
        let one = with_item(src, &path, &serde_json::json!({"id": "1"})).unwrap();
        assert_eq!(
            one,
            "{\n  \"days\": [\n    {\n      \"items\": [\n        {\n          \"id\": \"1\"\n        }\n      ]\n    }\n  ]\n}\n"
        );
        let two = with_item(&one, &path, &serde_json::json!({"id": "2"})).unwrap();
        let v: serde_json::Value = serde_json::from_str(&two).unwrap();
        assert_eq!(v["days"][0]["items"][1]["id"], "2");
        assert!(two.starts_with(&one[..one.find("        }").unwrap()]));
        assert!(with_item(src, &[Seg::Key("nothing")], &1).unwrap_err().contains("`nothing`"));
    }
}
