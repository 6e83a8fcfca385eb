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
    // The text in force is tagged as the demo's are (`conf-19.3/original`, `conf-11.3/rev-cop19`):
    // `annex --from` and the report's annex of agreed amendments start from it.
    let tag = format!("{}/{}", res.header.symbol.slug(), res.header.revision.map_or_else(|| "original".to_string(), |r| r.slug()));
    if l.store.repo.find_reference(&format!("refs/tags/{tag}")).is_ok() {
        return Err(OpError::Asked(format!("the tag {tag} exists already: nothing was written")));
    }
    let message = format!(
        "Import {}: {}\n\nFrom {source}: {} preambular and {} operative provisions.\n",
        res.display_name(),
        res.header.title,
        res.preamble.len(),
        res.nodes.len() - res.preamble.len()
    );
    let commit = l.store.record(&files, &message, ctx.author.as_ref())?.commit;
    let tagger = match &ctx.author {
        Some(a) => a.clone(),
        None => crate::store::signature_from_config(&l.store.repo)?,
    };
    crate::store::tag(&l.store.repo, &tag, commit, &format!("{} {}", res.display_name(), res.header.title), &tagger)?;
    Ok(Done { commit, warnings })
}

/// Adds the proposals a reply holds to a resolution's proposals file, in one
/// commit, or none of them: each must be well formed, aimed at provisions
/// that exist, and new; a stale one (drafted against an older text) is
/// recorded, flagged as the listing flags it, not applied.
pub fn add_proposals(
    root: &Path,
    name: &crate::resolution::ResolutionName,
    proposals: &[crate::group::Proposal],
    subject: &str,
    ctx: &Context,
) -> Result<Done, OpError> {
    use crate::redline::amend::{Problem, apply};
    let l = locked(root, ctx)?;
    let (loaded, file) = super::resolution_and_proposals(&l.ws, name)?;
    let res = &loaded.value;
    let mut source: Option<String> = file.map(|f| f.source.clone());
    let path = super::proposals_path(&l.ws, res);
    let rname = crate::resolution::ResolutionName { symbol: res.header.symbol, revision: None };
    for p in proposals {
        super::well_formed(p)?;
        if file.is_some_and(|f| f.value.proposals.iter().any(|q| q.id == p.id)) {
            return Err(OpError::Asked(format!("proposal `{}` is in the proposals file already: nothing was written", p.id)));
        }
        let applied = apply(res, [p]);
        if let Some((_, problems)) = applied.not_applied.first() {
            let blocking: Vec<String> = problems.iter().filter(|x| !matches!(x, Problem::Stale { .. })).map(Problem::to_string).collect();
            if !blocking.is_empty() {
                return Err(OpError::NotApplicable(p.id.clone(), format!("{}; nothing was written", blocking.join("; "))));
            }
        }
        source = Some(
            crate::group::append::with_proposal(source.as_deref(), rname, p)
                .map_err(|e| OpError::Data(format!("{}: {e}", path.display())))?,
        );
    }
    let text = source.unwrap_or_default();
    let files =
        vec![NewFile::new(l.store.relative(&path), crate::resolution::write::like(&std::fs::read(&path).unwrap_or_default(), &text))];
    let warnings = checked(root, &files, subject)?;
    let mut body = format!("{subject}\n\n");
    for p in proposals {
        body.push_str(&format!("- {}: {} ({})\n", p.id, p.title, crate::store::message::and_list(&p.proponents)));
    }
    Ok(Done { commit: l.store.record(&files, &body, ctx.author.as_ref())?.commit, warnings })
}
