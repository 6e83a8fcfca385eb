//! Where a repository's files are read from: the disk, or a git tree (the
//! repository as it was at some revision).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;

/// A repository's files, by path relative to its root.
pub trait Files {
    /// The entries of a folder, each with whether it is a folder; nothing when it does not exist.
    fn list(&self, rel_dir: &Path) -> Result<Vec<(PathBuf, bool)>, String>;
    /// A file's text, or why it cannot be used.
    fn read_text(&self, rel: &Path) -> Result<String, Diagnostic>;
    /// How a file is named to the user.
    fn shown(&self, root: &Path, rel: &Path) -> PathBuf;
}

/// Files on disk.
pub struct DiskFiles {
    root: PathBuf,
}

impl DiskFiles {
    pub fn new(root: &Path) -> Self {
        DiskFiles { root: root.to_path_buf() }
    }
}

impl Files for DiskFiles {
    fn list(&self, rel_dir: &Path) -> Result<Vec<(PathBuf, bool)>, String> {
        match std::fs::read_dir(self.root.join(rel_dir)) {
            Ok(rd) => {
                let mut v: Vec<(PathBuf, bool)> =
                    rd.filter_map(|e| e.ok()).map(|e| (rel_dir.join(e.file_name()), e.path().is_dir())).collect();
                v.sort();
                Ok(v)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
            Err(e) => Err(e.to_string()),
        }
    }

    fn read_text(&self, rel: &Path) -> Result<String, Diagnostic> {
        crate::source::read_text(&self.root.join(rel))
    }

    fn shown(&self, root: &Path, rel: &Path) -> PathBuf {
        if root == Path::new(".") || root.as_os_str().is_empty() { rel.to_path_buf() } else { root.join(rel) }
    }
}

/// Files of a git tree, read into memory (a working group's files are small).
pub struct TreeFiles {
    /// What the user called the revision (`conf-11.3/rev-cop19`).
    pub revision: String,
    pub files: BTreeMap<PathBuf, Vec<u8>>,
}

impl Files for TreeFiles {
    fn list(&self, rel_dir: &Path) -> Result<Vec<(PathBuf, bool)>, String> {
        let mut out = Vec::new();
        entries_under(self.files.keys(), rel_dir, &mut out);
        Ok(out)
    }

    fn read_text(&self, rel: &Path) -> Result<String, Diagnostic> {
        let shown = self.shown(Path::new(""), rel);
        let bytes = self.files.get(rel).ok_or_else(|| Diagnostic::error(&shown, 0, 0, "no such file at this revision"))?;
        if bytes.len() as u64 > crate::source::MAX_FILE_BYTES {
            return Err(Diagnostic::error(
                &shown,
                0,
                0,
                format!("file is {:.1} MB; gavel reads files of at most 8 MB", bytes.len() as f64 / 1e6),
            ));
        }
        crate::source::decode(&shown, bytes.clone())
    }

    fn shown(&self, _root: &Path, rel: &Path) -> PathBuf {
        PathBuf::from(format!("{}:{}", self.revision, rel.display()))
    }
}

/// Files on disk as they would be with a few replaced or added: a change is
/// checked (`gavel check`'s rules) before it is written.
pub struct Overlay<'a> {
    pub disk: DiskFiles,
    /// New contents by path relative to the root.
    pub new: &'a BTreeMap<PathBuf, Vec<u8>>,
}

impl Files for Overlay<'_> {
    fn list(&self, rel_dir: &Path) -> Result<Vec<(PathBuf, bool)>, String> {
        let mut v = self.disk.list(rel_dir)?;
        entries_under(self.new.keys(), rel_dir, &mut v);
        Ok(v)
    }

    fn read_text(&self, rel: &Path) -> Result<String, Diagnostic> {
        match self.new.get(rel) {
            Some(bytes) => crate::source::decode(rel, bytes.clone()),
            None => self.disk.read_text(rel),
        }
    }

    fn shown(&self, root: &Path, rel: &Path) -> PathBuf {
        self.disk.shown(root, rel)
    }
}

/// Adds to `out` the entries of folder `rel_dir` that `paths` (files by
/// relative path) make (each with whether it is a folder), once each, sorted.
fn entries_under<'p>(paths: impl Iterator<Item = &'p PathBuf>, rel_dir: &Path, out: &mut Vec<(PathBuf, bool)>) {
    for path in paths {
        let Ok(rest) = path.strip_prefix(rel_dir) else { continue };
        let mut parts = rest.components();
        let Some(first) = parts.next() else { continue };
        let entry = (rel_dir.join(first), parts.next().is_some());
        if !out.contains(&entry) {
            out.push(entry);
        }
    }
    out.sort();
}
