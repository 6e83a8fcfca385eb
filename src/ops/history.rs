//! A provision's history: every commit that changed it, newest first,
//! followed by identity through relettering.

use crate::resolution::NodeId;
use crate::store::{Step, Store};
use crate::workspace::{Loaded, RESOLUTIONS_DIR};

use super::OpError;

/// The history of provision `id` of the resolution `loaded` (as read at
/// `head`), in the repository at `root`.
pub fn history(
    root: &std::path::Path,
    loaded: &Loaded<crate::resolution::Resolution>,
    id: &NodeId,
    head: &str,
    since: Option<&str>,
    use_cache: bool,
) -> Result<Vec<Step>, OpError> {
    let store = Store::open(root)?;
    // A file read at a revision is named `REV:path`: the file's own name is after the colon.
    let name = loaded.path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let name = name.split(':').next_back().unwrap_or_default();
    let file = store.relative(root).join(RESOLUTIONS_DIR).join(name);
    Ok(store.history(&file, id, head, since, use_cache)?.0)
}
