//! The git store: every write to a working-group repository goes through
//! here, with git2 (never the `git` program, and no hooks).

use std::path::Path;

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
}

/// A git operation that failed, with what gavel was doing.
#[derive(Debug, thiserror::Error)]
#[error("{doing}: {source}")]
pub struct StoreError {
    pub doing: String,
    #[source]
    pub source: Box<dyn std::error::Error + Send + Sync>,
}

fn ctx<T, E: std::error::Error + Send + Sync + 'static>(r: Result<T, E>, doing: impl FnOnce() -> String) -> Result<T, StoreError> {
    r.map_err(|e| StoreError { doing: doing(), source: Box::new(e) })
}

/// Creates a repository whose first branch is `main`.
pub fn init(dir: &Path) -> Result<Repository, StoreError> {
    let mut opts = git2::RepositoryInitOptions::new();
    opts.initial_head("main");
    ctx(Repository::init_opts(dir, &opts), || format!("creating a git repository in {}", dir.display()))
}

/// Writes files into the work tree (atomically), stages exactly them, and
/// commits on the current branch.
pub fn commit_files(repo: &Repository, files: &[(&str, &[u8])], message: &str, author: &Author) -> Result<Oid, StoreError> {
    let workdir =
        repo.workdir().ok_or_else(|| StoreError { doing: "committing".into(), source: "the repository has no work tree".into() })?;
    for (rel, bytes) in files {
        let path = workdir.join(rel);
        if let Some(parent) = path.parent() {
            ctx(std::fs::create_dir_all(parent), || format!("creating {}", parent.display()))?;
        }
        ctx(crate::fsx::write_atomic(&path, bytes), || format!("writing {}", path.display()))?;
    }
    let mut index = ctx(repo.index(), || "opening the index".into())?;
    let paths: Vec<&str> = files.iter().map(|(p, _)| *p).collect();
    ctx(index.add_all(paths.iter(), IndexAddOption::DEFAULT, None), || "staging files".into())?;
    ctx(index.write(), || "writing the index".into())?;
    let tree_id = ctx(index.write_tree(), || "writing the tree".into())?;
    let tree = ctx(repo.find_tree(tree_id), || "reading the tree".into())?;
    let sig = ctx(author.signature(), || format!("the signature of {}", author.name))?;
    let parent = match repo.head() {
        Ok(h) => Some(ctx(h.peel_to_commit(), || "reading HEAD".into())?),
        Err(e) if e.code() == git2::ErrorCode::UnbornBranch || e.code() == git2::ErrorCode::NotFound => None,
        Err(e) => return ctx(Err(e), || "reading HEAD".into()),
    };
    let parents: Vec<&git2::Commit> = parent.iter().collect();
    ctx(repo.commit(Some("HEAD"), &sig, &sig, message, &tree, &parents), || "committing".into())
}

/// An annotated tag on a commit.
pub fn tag(repo: &Repository, name: &str, target: Oid, message: &str, tagger: &Author) -> Result<Oid, StoreError> {
    let obj = ctx(repo.find_object(target, None), || format!("finding {target}"))?;
    let sig = ctx(tagger.signature(), || format!("the signature of {}", tagger.name))?;
    ctx(repo.tag(name, &obj, &sig, message, false), || format!("creating tag {name}"))
}
