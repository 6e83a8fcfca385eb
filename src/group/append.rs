//! Adding a proposal to a resolution's proposals file without rewriting the
//! rest of it: the new proposal is inserted before the list's closing
//! bracket, so that git shows exactly what was added.

use crate::json::{Seg, value_span};

use super::{Proposal, ProposalFile};

/// The proposals file's text with `p` added at the end of its list; a new
/// file when there was none.
pub fn with_proposal(source: Option<&str>, resolution: crate::resolution::ResolutionName, p: &Proposal) -> Result<String, String> {
    let pretty = serde_json::to_string_pretty(p).map_err(|e| e.to_string())?;
    let Some(text) = source else {
        let file = ProposalFile { resolution, proposals: vec![p.clone()] };
        return serde_json::to_string_pretty(&file).map(|s| s + "\n").map_err(|e| e.to_string());
    };
    let (start, end) = value_span(text, &[Seg::Key("proposals")]).ok_or("the proposals file has no `proposals` list")?;
    let list = &text[start..end];
    let close = start + list.rfind(']').ok_or("the `proposals` list is not closed")?;
    let indented: String = pretty.lines().map(|l| format!("    {l}")).collect::<Vec<_>>().join("\n");
    let empty = list[1..list.len() - 1].trim().is_empty();
    let before = text[..close].trim_end();
    let insert = if empty { format!("\n{indented}\n  ") } else { format!(",\n{indented}\n  ") };
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
}
