//! A provision's history: every commit that changed it, newest first,
//! followed by identity through relettering.

use crate::resolution::NodeId;
use crate::store::{Step, Store};
use crate::workspace::{Loaded, RESOLUTIONS_DIR};

use super::OpError;

/// What a history asked by name is remembered under, so that the same
/// question at the same commit is answered from the cache alone: the
/// words a command used (a resolution, a reference) and the title shown.
pub struct Named<'a> {
    pub key: &'a str,
    pub title: &'a str,
}

/// The history of provision `id` of the resolution `loaded` (as read at
/// `head`), in the repository at `root`; with `named`, remembered for
/// [`quick_history`].
pub fn history(
    root: &std::path::Path,
    loaded: &Loaded<crate::resolution::Resolution>,
    id: &NodeId,
    head: &str,
    since: Option<&str>,
    use_cache: bool,
    named: Option<Named>,
) -> Result<Vec<Step>, OpError> {
    let store = Store::open(root)?;
    // A file read at a revision is named `REV:path`: the file's own name is after the colon.
    let name = loaded.path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let name = name.split(':').next_back().unwrap_or_default();
    let file = store.relative(root).join(RESOLUTIONS_DIR).join(name);
    let steps = store.history(&file, id, head, since, use_cache)?.0;
    if let Some(n) = named.filter(|_| use_cache && since.is_none() && head == "HEAD") {
        store.remember(n.key, n.title, &file, id);
    }
    Ok(steps)
}

/// The history remembered under `key` at the commit HEAD names now, and its
/// title, when it can be read without opening the repository (see
/// [`crate::store::quick_history`]); `None` sends the caller to [`history`].
pub fn quick_history(root: &std::path::Path, key: &str) -> Option<(String, Vec<Step>)> {
    crate::store::quick_history(&super::git_dir(root)?, key)
}
