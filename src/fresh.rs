//! A new repository made in a new or empty folder (`gavel demo`, `gavel
//! init`): whole, or not at all.

use std::path::{Path, PathBuf};

/// Why a repository could not be made. Nothing was left behind.
#[derive(Debug, thiserror::Error)]
pub enum FreshError {
    #[error("{0} is not empty; gavel never makes a repository over files: name a new or empty folder")]
    NotEmpty(String),
    #[error("{0} is a file, not a folder")]
    IsFile(String),
    #[error("cannot prepare {path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    /// What was asked cannot be made (a bad name, a broken mandate file).
    #[error("{0}")]
    Asked(String),
}

impl FreshError {
    /// 2 for a mistake in what was asked, 3 when the disk or git failed.
    pub fn exit_code(&self) -> u8 {
        match self {
            FreshError::NotEmpty(_) | FreshError::IsFile(_) | FreshError::Asked(_) => 2,
            FreshError::Io { .. } => 3,
            FreshError::Store(e) => e.exit_code(),
        }
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> FreshError {
    let path = path.display().to_string();
    move |source| FreshError::Io { path, source }
}

/// Makes a repository with `build` in `dir` (a new folder, or an empty one),
/// or in a new folder under the system's temporary folder named with
/// `prefix`. A new folder is built beside its target and moved into place;
/// an empty one (it may be the current folder) is built in and emptied
/// again if building fails.
pub fn make<T>(dir: Option<&Path>, prefix: &str, build: impl FnOnce(&Path) -> Result<T, FreshError>) -> Result<(PathBuf, T), FreshError> {
    let target = match dir {
        Some(d) => {
            if d.is_file() {
                return Err(FreshError::IsFile(d.display().to_string()));
            }
            if d.is_dir() {
                if std::fs::read_dir(d).map_err(io(d))?.next().is_some() {
                    return Err(FreshError::NotEmpty(d.display().to_string()));
                }
                return match build(d) {
                    Ok(t) => Ok((d.to_path_buf(), t)),
                    Err(e) => {
                        empty(d);
                        Err(e)
                    }
                };
            }
            d.to_path_buf()
        }
        None => {
            let tmp = std::env::temp_dir();
            let made = tempfile::Builder::new().prefix(prefix).tempdir_in(&tmp).map_err(io(&tmp))?.keep();
            return match build(&made) {
                Ok(t) => Ok((made, t)),
                Err(e) => {
                    let _ = std::fs::remove_dir_all(&made);
                    Err(e)
                }
            };
        }
    };
    let parent = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(io(&parent))?;
    let staging = tempfile::Builder::new().prefix(&format!(".{prefix}")).tempdir_in(&parent).map_err(io(&parent))?;
    let made = build(staging.path())?;
    let staged = staging.keep();
    std::fs::rename(&staged, &target).map_err(|e| {
        let _ = std::fs::remove_dir_all(&staged);
        FreshError::Io { path: target.display().to_string(), source: e }
    })?;
    Ok((target, made))
}

/// Removes what a failed build left in a folder that was empty.
fn empty(dir: &Path) {
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        let _ = if p.is_dir() { std::fs::remove_dir_all(&p) } else { std::fs::remove_file(&p) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_build_leaves_nothing() {
        let tmp = tempfile::tempdir().unwrap();
        let fail = |d: &Path| -> Result<(), FreshError> {
            std::fs::write(d.join("half"), "x").unwrap();
            Err(FreshError::Asked("no".into()))
        };
        let existing = tmp.path().join("empty");
        std::fs::create_dir(&existing).unwrap();
        assert!(make(Some(&existing), "t-", fail).is_err());
        assert_eq!(std::fs::read_dir(&existing).unwrap().count(), 0);
        let new = tmp.path().join("new");
        assert!(make(Some(&new), "t-", fail).is_err());
        assert!(!new.exists());
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1, "no staging folder is left");
        std::fs::write(existing.join("f"), "x").unwrap();
        assert!(matches!(make(Some(&existing), "t-", |_| Ok(())), Err(FreshError::NotEmpty(_))));
        let (p, ()) = make(Some(&new), "t-", |d| std::fs::write(d.join("ok"), "x").map_err(io(d))).unwrap();
        assert!(p.join("ok").exists());
    }
}
