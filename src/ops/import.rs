//! Bringing in what others wrote: a resolution imported from its Word file
//! or its PDF text (the reading is in [`crate::import`]), committed with the
//! group's list of resolutions, checked by `gavel check`'s rules first.

use std::path::{Path, PathBuf};

use super::setup::{Done, checked, pretty};
use super::{Context, OpError, locked};
use crate::json::Seg;
use crate::store::NewFile;
use crate::workspace::RESOLUTIONS_DIR;

/// Brings an imported resolution into the repository: `resolutions/<symbol>.txt`,
/// named in the group's `resolutions` (when a group is given), in one commit.
/// A resolution already there is never replaced: it changes by amendments.
pub fn add_resolution(root: &Path, text: &str, source: &str, group: Option<&str>, ctx: &Context) -> Result<Done, OpError> {
    let parsed = crate::resolution::parse(text, Path::new(source));
    let Some(res) = parsed.resolution else {
        return Err(OpError::Data(format!("{source}: the imported text has no readable header")));
    };
    let l = locked(root, ctx)?;
    let rel = PathBuf::from(RESOLUTIONS_DIR).join(format!("{}.txt", res.header.symbol.slug()));
    let name = crate::resolution::ResolutionName { symbol: res.header.symbol, revision: None };
    if root.join(&rel).exists() || l.ws.resolution(&name).is_ok() {
        return Err(OpError::Asked(format!(
            "{} is already in the repository ({}): a resolution in force changes by adopted amendments, not by importing it again",
            res.header.symbol,
            rel.display()
        )));
    }
    let mut files = vec![NewFile::new(rel, text.as_bytes().to_vec())];
    if let Some(g) = group {
        let loaded = l.ws.group(g).ok_or_else(|| OpError::NotFound(format!("no working group `{g}` in agendas/")))?;
        if !loaded.value.resolutions.contains(&name) {
            let updated = if crate::json::value_span(&loaded.source, &[Seg::Key("resolutions")]).is_some() {
                crate::group::append::with_item(&loaded.source, &[Seg::Key("resolutions")], &name)
            } else {
                let mut v = loaded.value.clone();
                v.resolutions.push(name);
                Ok(String::from_utf8(pretty(&v)).expect("JSON is UTF-8"))
            }
            .map_err(|e| OpError::Data(format!("{}: {e}", loaded.path.display())))?;
            files.push(NewFile::new(l.store.relative(&loaded.path), crate::resolution::write::like(loaded.source.as_bytes(), &updated)));
        }
    }
    let warnings = checked(root, &files, &format!("importing {}", res.header.symbol))?;
    let message = format!(
        "Import {}: {}\n\nFrom {source}: {} preambular and {} operative provisions.\n",
        res.display_name(),
        res.header.title,
        res.preamble.len(),
        res.nodes.len() - res.preamble.len()
    );
    Ok(Done { commit: l.store.record(&files, &message, ctx.author.as_ref())?.commit, warnings })
}
