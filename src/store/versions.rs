//! A provision's versions in a file's history: the version in one blob
//! (read cheaply when an older file plainly holds the same line), and its
//! identity in an older version, followed by its words when a list was
//! relettered by hand.

use std::collections::HashMap;
use std::path::Path;

use git2::Oid;

use super::Version;
use crate::resolution::{NodeId, Resolution, parse};

/// The version of `id` in `blob` if it was read already (and the provision is there).
pub(super) fn pid_known(versions: &HashMap<(Oid, NodeId), Option<Version>>, blob: Option<Oid>, id: &NodeId) -> Option<Version> {
    versions.get(&(blob?, id.clone())).cloned().flatten()
}

/// The identity, in an older version of the file, of the provision `id` of
/// a newer one: the same, unless the older version has no provision of that
/// identity with the same text, in which case it is found by its words
/// (a list relettered by hand); `None` when it did not exist then. With the
/// provision's version there, when it was read on the way.
pub(super) fn older(
    read: &dyn Fn(Oid) -> Option<std::sync::Arc<[u8]>>,
    older: Option<Oid>,
    newer: Option<Oid>,
    id: &NodeId,
    now: Option<&Version>,
) -> (Option<NodeId>, Option<Version>) {
    let Some(old_blob) = older.and_then(read) else { return (None, None) };
    // The cheapest case: the older file plainly holds the same line (label, text, identity).
    if let Some(v) = now.and_then(|v| same_line(&old_blob, v)) {
        return (Some(id.clone()), Some(v));
    }
    let Some(old_text) = std::str::from_utf8(&old_blob).ok() else { return (None, None) };
    let Some(old) = parse(old_text, Path::new("")).resolution else { return (None, None) };
    // The common case: the same identity holds the same text, or the identity was written as a marker.
    if let Some(i) = old.by_id(id)
        && (now.is_some_and(|v| v.text == old.node(i).text) || old.node(i).explicit_id)
    {
        return (Some(id.clone()), extract_from(&old, old_text, id));
    }
    let new = newer.and_then(read).and_then(|b| {
        let t = std::str::from_utf8(&b).ok()?.to_string();
        parse(&t, Path::new("")).resolution
    });
    let Some(new) = new else { return (old.by_id(id).map(|_| id.clone()), extract_from(&old, old_text, id)) };
    let found = match crate::resolution::identity::infer(&old, &new).get(id) {
        Some(Some(o)) => Some(o.clone()),
        Some(None) => None,
        None => old.by_id(id).map(|_| id.clone()),
    };
    let version = found.as_ref().and_then(|i| extract_from(&old, old_text, i));
    (found, version)
}

/// The provision `id` in one version of a resolution file.
pub(super) fn extract(bytes: &[u8], id: &NodeId) -> Option<Version> {
    let text = std::str::from_utf8(bytes).ok()?;
    let res: Resolution = parse(text, Path::new("")).resolution?;
    extract_from(&res, text, id)
}

/// The provision `id` of a parsed version, `text` being its file.
pub(super) fn extract_from(res: &Resolution, text: &str, id: &NodeId) -> Option<Version> {
    let idx = res.by_id(id)?;
    let node = res.node(idx);
    // The line as the writer writes it, and the line of its top-level provision.
    let mut depth = 0;
    let mut top = idx;
    while let Some(p) = res.node(top).parent.filter(|&p| res.node(p).kind != crate::resolution::NodeKind::Section) {
        depth += 1;
        top = p;
    }
    let line = format!("{}{}", "    ".repeat(depth), crate::resolution::write::line_of(node));
    let top_line = if top == idx { String::new() } else { crate::resolution::write::line_of(res.node(top)) };
    let present = text.lines().any(|l| l == line);
    Some(Version {
        address: res.address(idx).to_string(),
        label: node.label.map(|l| l.to_string()),
        text: node.text.clone(),
        line: present.then_some((line, top_line)),
    })
}

/// The newer version again, when an older file plainly holds it: its exact
/// line (label, text and identity) once, under the same top-level line.
pub(super) fn same_line(bytes: &[u8], newer: &Version) -> Option<Version> {
    let (line, top) = newer.line.as_ref()?;
    let text = std::str::from_utf8(bytes).ok()?;
    let mut found = None;
    let mut current_top: &str = "";
    for l in text.lines() {
        if !l.starts_with(' ') && !l.is_empty() {
            current_top = l;
        }
        if l == line {
            if found.is_some() {
                return None;
            }
            found = Some(current_top == top || top.is_empty());
        }
    }
    found.filter(|&ok| ok).map(|_| newer.clone())
}
