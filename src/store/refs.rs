//! The commit HEAD names, read from the git folder's files as git writes
//! them, without starting libgit2 (1.8 ms here, most of it OpenSSL building
//! its context): for a warm `gavel history`, which needs nothing else from
//! git. Only the plain cases are read; anything else (a linked work tree,
//! the reftable format, a branch with no commit yet, a SHA-256 repository)
//! answers `None`, and the caller asks libgit2.

use std::path::Path;

/// HEAD's commit id (40 hex digits), or `None` when it is not plainly written.
pub fn head_commit(git_dir: &Path) -> Option<String> {
    let head = read_small(&git_dir.join("HEAD"))?;
    let head = head.trim_end_matches('\n');
    if is_id(head) {
        return Some(head.to_string());
    }
    let name = head.strip_prefix("ref: ")?;
    if !name.starts_with("refs/heads/") || name.split('/').any(|p| p.is_empty() || p == "." || p == "..") {
        return None;
    }
    // A loose ref wins over a packed one, as in git.
    if let Some(loose) = read_small(&git_dir.join(name)) {
        let id = loose.trim_end_matches('\n');
        return is_id(id).then(|| id.to_string());
    }
    let packed = std::fs::read_to_string(git_dir.join("packed-refs")).ok()?;
    packed.lines().filter(|l| !l.starts_with('#') && !l.starts_with('^')).find_map(|l| {
        let (id, r) = l.split_once(' ')?;
        (r == name && is_id(id)).then(|| id.to_string())
    })
}

fn is_id(s: &str) -> bool {
    s.len() == 40 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// A file of at most a few hundred bytes (a ref), or `None`.
fn read_small(path: &Path) -> Option<String> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    if !meta.is_file() || meta.len() > 512 {
        return None;
    }
    std::fs::read_to_string(path).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn head_is_read_as_git_writes_it_and_nothing_else_is_guessed() {
        let tmp = tempfile::tempdir().unwrap();
        let g = tmp.path();
        let id = "0123456789abcdef0123456789abcdef01234567";
        let other = "89abcdef0123456789abcdef0123456789abcdef";
        std::fs::create_dir_all(g.join("refs/heads/topic")).unwrap();
        // Detached.
        std::fs::write(g.join("HEAD"), format!("{id}\n")).unwrap();
        assert_eq!(head_commit(g).as_deref(), Some(id));
        // A branch in packed-refs, then a loose ref that wins over it.
        std::fs::write(g.join("HEAD"), "ref: refs/heads/main\n").unwrap();
        assert_eq!(head_commit(g), None, "a branch with no commit yet");
        std::fs::write(g.join("packed-refs"), format!("# pack-refs with: peeled fully-peeled sorted\n{other} refs/heads/main\n^{id}\n"))
            .unwrap();
        assert_eq!(head_commit(g).as_deref(), Some(other));
        std::fs::write(g.join("refs/heads/main"), format!("{id}\n")).unwrap();
        assert_eq!(head_commit(g).as_deref(), Some(id));
        // Nested branch names; anything not plain is left to libgit2.
        std::fs::write(g.join("refs/heads/topic/x"), format!("{other}\n")).unwrap();
        std::fs::write(g.join("HEAD"), "ref: refs/heads/topic/x\n").unwrap();
        assert_eq!(head_commit(g).as_deref(), Some(other));
        for head in ["ref: refs/heads/../../etc\n", "ref: refs/tags/v1\n", "ref: refs/heads/.invalid\n", "garbage\n", "0123\n"] {
            std::fs::write(g.join("HEAD"), head).unwrap();
            assert_eq!(head_commit(g), None, "{head:?}");
        }
        std::fs::write(g.join("HEAD"), "ref: refs/heads/main\n").unwrap();
        std::fs::write(g.join("refs/heads/main"), "ref: refs/heads/topic/x\n").unwrap();
        assert_eq!(head_commit(g), None, "a symbolic ref behind HEAD");
    }
}
