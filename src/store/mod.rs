//! The git store: every read of history and every write to a working-group
//! repository goes through here, with git2 (never the `git` program, and no
//! hooks are run).

pub mod certs;
mod history;
mod intent;
mod journals;
pub mod message;
mod open;
mod prefetch;
mod quick;
mod record;
pub mod refs;
mod snapshot;
mod sync;
mod versions;

pub use history::{CacheUse, Step, Version};
pub use intent::{Repaired, intent_path};
pub use message::{Trailers, trailers};
pub use open::{Store, signature_from_config};
pub use quick::quick_history;
pub use record::{NewFile, Recorded, short as short_id};
pub use sync::{Settle, Synced};

use std::path::{Path, PathBuf};

use git2::{IndexAddOption, Oid, Repository, Signature, Time};

/// Who records a change, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Author {
    pub name: String,
    pub email: String,
    /// Seconds since the Unix epoch.
    pub seconds: i64,
    /// Offset from UTC in minutes.
    pub offset_minutes: i32,
}

impl Author {
    fn signature(&self) -> Result<Signature<'static>, git2::Error> {
        Signature::new(&self.name, &self.email, &Time::new(self.seconds, self.offset_minutes))
    }

    /// Reads `Name <email>`, stamped now.
    pub fn parse(s: &str) -> Result<Author, String> {
        let err = || format!("`{s}` is not an author; write it as \"Name <email>\"");
        let (name, rest) = s.split_once('<').ok_or_else(err)?;
        let email = rest.strip_suffix('>').ok_or_else(err)?.trim();
        let name = name.trim();
        if name.is_empty() || email.is_empty() || !email.contains('@') {
            return Err(err());
        }
        Ok(Author::now(name, email))
    }

    /// An author stamped with the current time (UTC).
    pub fn now(name: &str, email: &str) -> Author {
        let seconds = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
        Author { name: name.into(), email: email.into(), seconds, offset_minutes: 0 }
    }
}

/// Why a git operation could not be done. Every variant leaves the
/// repository as it was.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{0} is not in a git repository; gavel keeps the record in git: run `git init` there, or `gavel demo` for a fresh one")]
    NotARepository(PathBuf),
    #[error("the repository has no commits yet; commit the working group's files first")]
    NoCommits,
    #[error("HEAD is detached (not on a branch); check out the branch of the working group first, e.g. `git switch main`")]
    DetachedHead,
    #[error(
        "another git program is using the repository ({0} exists); wait for it to finish, or remove the file if no git program is running"
    )]
    IndexLocked(PathBuf),
    #[error("{} uncommitted changes; commit or discard them first, so that nothing of them is lost or mixed into this record", .0.join(", ") + if .0.len() == 1 { " has" } else { " have" })]
    Dirty(Vec<String>),
    #[error(
        "no author: set git's user.name and user.email (`git config user.name \"…\"`, `git config user.email …`), or pass --as \"Name <email>\""
    )]
    NoIdentity,
    #[error("{0} moved while this change was being recorded (another writer committed first); nothing was changed: try again")]
    Moved(String),
    #[error("{0}")]
    Conflict(String),
    #[error("this repository has no remote `{0}`; add one with `git remote add {0} URL`, or name another with --remote")]
    NoRemote(String),
    #[error("`{0}` is not a revision of this repository: {1}")]
    BadRevision(String, String),
    #[error("{doing}, because {}", plain(source))]
    Git {
        doing: String,
        #[source]
        source: git2::Error,
    },
    #[error("{doing}, because {source}")]
    Io {
        doing: String,
        #[source]
        source: std::io::Error,
    },
}

impl StoreError {
    /// 2 for what the user asked or must set up (a folder that is not a
    /// repository, a detached HEAD, uncommitted changes, a revision or remote
    /// that does not exist, no author); 3 when git, the disk or the network failed.
    pub fn exit_code(&self) -> u8 {
        match self {
            StoreError::Git { .. } | StoreError::Io { .. } | StoreError::Moved(_) | StoreError::IndexLocked(_) => 3,
            _ => 2,
        }
    }
}

/// A git error in gavel's words: what git says, without libgit2's class and
/// code, and for the errors a chair meets, what to do.
pub fn plain(e: &git2::Error) -> String {
    use git2::{ErrorClass, ErrorCode};
    match (e.class(), e.code()) {
        (ErrorClass::Ssh, ErrorCode::Certificate) | (_, ErrorCode::Certificate) if e.message().contains("hostkey") => {
            "the server's ssh host key is not known here: connect once with `ssh` to check it and add it to ~/.ssh/known_hosts".into()
        }
        (ErrorClass::Net | ErrorClass::Http | ErrorClass::Ssh, _) => format!("the remote could not be reached ({})", e.message()),
        (_, ErrorCode::Auth) => "the remote refused the credentials: check your ssh key or git's credential helper".into(),
        (_, ErrorCode::Locked) => {
            "another git program has the repository locked; wait for it, or remove the .lock file if none is running".into()
        }
        _ if e.message().contains("global/xdg") => "git's own settings in your home folder cannot be read (is HOME set?)".into(),
        _ => e.message().to_string(),
    }
}

/// Adds what gavel was doing to a git2 error.
pub(crate) fn git<T>(r: Result<T, git2::Error>, doing: impl FnOnce() -> String) -> Result<T, StoreError> {
    r.map_err(|source| StoreError::Git { doing: doing(), source })
}

pub(crate) fn io<T>(r: std::io::Result<T>, doing: impl FnOnce() -> String) -> Result<T, StoreError> {
    r.map_err(|source| StoreError::Io { doing: doing(), source })
}

/// The index entry for `bytes` at `path` (mode from `tree`, or a plain
/// file): for content that is not the work tree file's (a merged file not yet
/// written, the committed part of a journal).
pub(crate) fn index_entry(path: &Path, bytes: &[u8], tree: &git2::Tree) -> Result<git2::IndexEntry, git2::Error> {
    let mode = tree.get_path(path).map(|e| e.filemode() as u32).unwrap_or(0o100644);
    Ok(git2::IndexEntry {
        ctime: git2::IndexTime::new(0, 0),
        mtime: git2::IndexTime::new(0, 0),
        dev: 0,
        ino: 0,
        mode,
        uid: 0,
        gid: 0,
        file_size: bytes.len() as u32,
        id: Oid::hash_object(git2::ObjectType::Blob, bytes)?,
        flags: 0,
        flags_extended: 0,
        path: path.to_string_lossy().replace('\\', "/").into_bytes(),
    })
}

/// Creates a repository whose first branch is `main`.
pub fn init(dir: &Path) -> Result<Repository, StoreError> {
    let mut opts = git2::RepositoryInitOptions::new();
    opts.initial_head("main");
    git(Repository::init_opts(dir, &opts), || format!("creating a git repository in {}", dir.display()))
}

/// Writes files into the work tree (atomically), stages exactly them, and
/// commits on the current branch. Used to build fresh repositories.
pub fn commit_files(repo: &Repository, files: &[(&str, &[u8])], message: &str, author: &Author) -> Result<Oid, StoreError> {
    let workdir = repo.workdir().ok_or(StoreError::NotARepository(repo.path().to_path_buf()))?.to_path_buf();
    for (rel, bytes) in files {
        let path = workdir.join(rel);
        if let Some(parent) = path.parent() {
            io(std::fs::create_dir_all(parent), || format!("creating {}", parent.display()))?;
        }
        io(crate::fsx::write_atomic(&path, bytes), || format!("writing {}", path.display()))?;
    }
    let mut index = git(repo.index(), || "opening the index".into())?;
    let paths: Vec<&str> = files.iter().map(|(p, _)| *p).collect();
    git(index.add_all(paths.iter(), IndexAddOption::DEFAULT, None), || "staging files".into())?;
    git(index.write(), || "writing the index".into())?;
    let tree_id = git(index.write_tree(), || "writing the tree".into())?;
    let tree = git(repo.find_tree(tree_id), || "reading the tree".into())?;
    let sig = git(author.signature(), || format!("the signature of {}", author.name))?;
    let parent = match repo.head() {
        Ok(h) => Some(git(h.peel_to_commit(), || "reading HEAD".into())?),
        Err(e) if e.code() == git2::ErrorCode::UnbornBranch || e.code() == git2::ErrorCode::NotFound => None,
        Err(e) => return git(Err(e), || "reading HEAD".into()),
    };
    let parents: Vec<&git2::Commit> = parent.iter().collect();
    git(repo.commit(Some("HEAD"), &sig, &sig, message, &tree, &parents), || "committing".into())
}

/// An annotated tag on a commit.
pub fn tag(repo: &Repository, name: &str, target: Oid, message: &str, tagger: &Author) -> Result<Oid, StoreError> {
    let obj = git(repo.find_object(target, None), || format!("finding {target}"))?;
    let sig = git(tagger.signature(), || format!("the signature of {}", tagger.name))?;
    git(repo.tag(name, &obj, &sig, message, false), || format!("creating tag {name}"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn git_errors_in_plain_words() {
        let hostkey = git2::Error::new(git2::ErrorCode::Certificate, git2::ErrorClass::Ssh, "invalid or unknown remote ssh hostkey");
        let said = super::plain(&hostkey);
        assert!(said.contains("ssh host key is not known") && !said.contains("class="), "{said}");
        let e = super::StoreError::Git { doing: "fetching from origin".into(), source: hostkey };
        assert!(e.to_string().starts_with("fetching from origin, because the server's ssh host key"), "{e}");
        assert_eq!(e.exit_code(), 3);
        let auth = git2::Error::new(git2::ErrorCode::Auth, git2::ErrorClass::Net, "authentication required");
        assert!(super::plain(&auth).contains("refused the credentials") || super::plain(&auth).contains("could not be reached"));
    }
}
