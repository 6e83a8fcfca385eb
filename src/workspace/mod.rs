//! A working-group repository on disk: `resolutions/` and `agendas/`.
//!
//! Loading never stops at a bad file: each file that can be read is kept,
//! and every problem becomes a [`Diagnostic`]. `gavel check` prints them;
//! other commands use what loaded.

mod check;
mod competing;
pub mod controls;
mod files;

pub use files::{DiskFiles, Files, Overlay, TreeFiles};

use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;
use crate::group::{Meeting, ProposalFile, WorkingGroup};
use crate::resolution::{self, Resolution, ResolutionName};

pub const RESOLUTIONS_DIR: &str = "resolutions";
pub const AGENDAS_DIR: &str = "agendas";
pub const GROUP_FILE: &str = "group.json";
pub const MEETING_SUFFIX: &str = ".meeting.json";
pub const PROPOSALS_SUFFIX: &str = ".proposals.json";

/// A file that loaded, with its path and (for JSON) its text, kept to place
/// later findings at a line and column.
#[derive(Debug, Clone)]
pub struct Loaded<T> {
    pub path: PathBuf,
    pub source: String,
    pub value: T,
}

/// A meeting with the id of its group (the folder it is in) and its own id.
#[derive(Debug, Clone)]
pub struct MeetingEntry {
    pub group: String,
    pub id: String,
    pub meeting: Loaded<Meeting>,
}

impl MeetingEntry {
    /// `agendas/<group>/<id>.journal.jsonl` under `root`: the meeting's journal, beside its agenda.
    pub fn journal_path(&self, root: &Path) -> PathBuf {
        root.join(AGENDAS_DIR).join(&self.group).join(format!("{}.journal.jsonl", self.id))
    }
}

/// Everything in a working-group repository.
#[derive(Debug, Default)]
pub struct Workspace {
    pub root: PathBuf,
    pub resolutions: Vec<Loaded<Resolution>>,
    pub proposals: Vec<Loaded<ProposalFile>>,
    /// Groups by id (folder name).
    pub groups: Vec<(String, Loaded<WorkingGroup>)>,
    pub meetings: Vec<MeetingEntry>,
    /// Groups whose folder has a group.json that could not be read: other
    /// files may name them without a finding of their own.
    pub unreadable_groups: Vec<String>,
    /// File stems (`conf-11.3`) of resolution files that could not be read.
    pub unreadable_resolutions: Vec<String>,
    /// Findings made while loading and checking.
    pub diagnostics: Vec<Diagnostic>,
}

/// Why a resolution could not be found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LookupError {
    #[error("no resolution {wanted} in {dir}; {available}")]
    Unknown { wanted: String, dir: String, available: String },
    #[error("{wanted} is not the text here: {path} holds {have}")]
    OtherRevision { wanted: String, have: String, path: String },
}

/// Why a folder is not a working-group repository.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("no working-group repository at {start}: gavel looks for a `resolutions/` folder there and in the folders above it")]
pub struct NotARepository {
    pub start: String,
}

impl Workspace {
    /// The nearest folder at or above `start` that has `resolutions/`.
    pub fn discover(start: &Path) -> Result<PathBuf, NotARepository> {
        let abs = std::path::absolute(start).unwrap_or_else(|_| start.to_path_buf());
        abs.ancestors()
            .find(|d| d.join(RESOLUTIONS_DIR).is_dir())
            .map(|d| if d == abs { start.to_path_buf() } else { d.to_path_buf() })
            .ok_or_else(|| NotARepository { start: start.display().to_string() })
    }

    /// Loads every file of the repository at `root` and checks them together.
    pub fn load(root: &Path) -> Workspace {
        Self::load_from(root, &DiskFiles::new(root))
    }

    /// Loads a repository whose files come from `files` (the disk, or a git
    /// tree); `root` names it in messages.
    pub fn load_from(root: &Path, files: &dyn Files) -> Workspace {
        let mut ws = Workspace { root: root.to_path_buf(), ..Default::default() };
        ws.load_resolutions(files);
        ws.load_agendas(files);
        ws.check();
        ws.diagnostics.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
        ws
    }

    /// The path of a repository file as the user should see it.
    fn shown(&self, files: &dyn Files, rel: &Path) -> PathBuf {
        files.shown(&self.root, rel)
    }

    fn list(&mut self, files: &dyn Files, rel_dir: &Path) -> Vec<(PathBuf, bool)> {
        match files.list(rel_dir) {
            Ok(v) => v,
            Err(e) => {
                let shown = self.shown(files, rel_dir);
                self.diagnostics.push(Diagnostic::error(&shown, 0, 0, format!("cannot list this folder: {e}")));
                Vec::new()
            }
        }
    }

    fn load_resolutions(&mut self, files: &dyn Files) {
        for (rel, is_dir) in self.list(files, Path::new(RESOLUTIONS_DIR)) {
            if is_dir {
                continue;
            }
            let shown = self.shown(files, &rel);
            let name = rel.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
            if name.ends_with(PROPOSALS_SUFFIX) {
                let (file, source) = read_json::<ProposalFile>(files, &rel, &shown);
                self.keep_json(file, source, shown, |ws, l| ws.proposals.push(l));
            } else if name.ends_with(".txt") {
                match files.read_text(&rel) {
                    Ok(text) => {
                        let parsed = resolution::parse(&text, &shown);
                        self.diagnostics.extend(parsed.diagnostics);
                        self.diagnostics.extend(controls::findings(&shown, &text, false));
                        match parsed.resolution {
                            Some(r) => self.resolutions.push(Loaded { path: shown, source: String::new(), value: r }),
                            None => self.unreadable_resolutions.push(stem(&name)),
                        }
                    }
                    Err(mut d) => {
                        d.path = shown;
                        self.diagnostics.push(d);
                        self.unreadable_resolutions.push(stem(&name));
                    }
                }
            } else if name.ends_with(".json") {
                self.diagnostics.push(
                    Diagnostic::warning(&shown, 0, 0, "gavel does not read this file").hint(format!(
                        "proposals on a resolution go in `<resolution>{PROPOSALS_SUFFIX}`, e.g. `conf-11.3{PROPOSALS_SUFFIX}`"
                    )),
                );
            }
        }
    }

    fn load_agendas(&mut self, files: &dyn Files) {
        for (group_dir, is_dir) in self.list(files, Path::new(AGENDAS_DIR)) {
            if !is_dir {
                let name = group_dir.file_name().and_then(|n| n.to_str()).unwrap_or_default();
                if !name.ends_with(".md") && !name.starts_with('.') {
                    let shown = self.shown(files, &group_dir);
                    self.diagnostics.push(
                        Diagnostic::warning(&shown, 0, 0, "gavel does not read this file: under agendas/ each working group is a folder")
                            .hint(format!("move it into its group's folder, e.g. agendas/<group>/{name}")),
                    );
                }
                continue;
            }
            let group_id = group_dir.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
            let entries = self.list(files, &group_dir);
            let group_file = group_dir.join(GROUP_FILE);
            if entries.iter().any(|(p, d)| !d && *p == group_file) {
                let shown = self.shown(files, &group_file);
                let (file, source) = read_json::<WorkingGroup>(files, &group_file, &shown);
                let id = group_id.clone();
                if file.value.is_none() {
                    self.unreadable_groups.push(group_id.clone());
                }
                self.keep_json(file, source, shown, move |ws, l| ws.groups.push((id, l)));
            } else {
                let shown = self.shown(files, &group_dir);
                self.diagnostics.push(
                    Diagnostic::error(&shown, 0, 0, format!("this group folder has no `{GROUP_FILE}`"))
                        .hint("add the group's membership and mandate in group.json (see README, File formats)"),
                );
            }
            for (rel, is_dir) in entries {
                if is_dir {
                    continue;
                }
                let name = rel.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
                let shown = self.shown(files, &rel);
                if let Some(id) = name.strip_suffix(MEETING_SUFFIX) {
                    let (file, source) = read_json::<Meeting>(files, &rel, &shown);
                    let (group, id) = (group_id.clone(), id.to_string());
                    self.keep_json(file, source, shown, move |ws, l| ws.meetings.push(MeetingEntry { group, id, meeting: l }));
                } else if name.ends_with(".journal.jsonl") {
                    // A meeting's journal: damaged lines are findings (a torn last line only a warning).
                    match files.read_text(&rel) {
                        Ok(text) => {
                            self.diagnostics.extend(crate::journal::read_text(text.as_bytes(), &shown).1);
                            self.diagnostics.extend(controls::findings(&shown, &text, true));
                        }
                        Err(d) => self.diagnostics.push(d),
                    }
                } else if name != GROUP_FILE && !name.ends_with(".md") && !name.starts_with('.') {
                    self.diagnostics.push(
                        Diagnostic::warning(&shown, 0, 0, "gavel does not read this file")
                            .hint(format!("a meeting's agenda is named `<meeting>{MEETING_SUFFIX}`; the group is `{GROUP_FILE}`")),
                    );
                }
            }
        }
    }

    fn keep_json<T>(
        &mut self,
        file: crate::json::JsonFile<T>,
        source: Option<String>,
        shown: PathBuf,
        keep: impl FnOnce(&mut Self, Loaded<T>),
    ) {
        for mut d in file.diagnostics {
            d.path = shown.clone();
            self.diagnostics.push(d);
        }
        if let Some(text) = &source {
            self.diagnostics.extend(controls::findings(&shown, text, true));
        }
        if let (Some(value), Some(source)) = (file.value, source) {
            keep(self, Loaded { path: shown, source, value });
        }
    }

    /// Finds a resolution by the name a user gave.
    pub fn resolution(&self, name: &ResolutionName) -> Result<&Loaded<Resolution>, LookupError> {
        let found = self.resolutions.iter().find(|r| r.value.header.symbol == name.symbol);
        match (found, name.revision) {
            (Some(r), Some(rev)) if r.value.header.revision != Some(rev) => Err(LookupError::OtherRevision {
                wanted: name.to_string(),
                have: r.value.display_name(),
                path: r.path.display().to_string(),
            }),
            (Some(r), _) => Ok(r),
            (None, _) => {
                let mut names: Vec<String> = self.resolutions.iter().map(|r| r.value.display_name()).collect();
                names.sort();
                Err(LookupError::Unknown {
                    wanted: name.to_string(),
                    dir: self.root.join(RESOLUTIONS_DIR).display().to_string(),
                    available: if names.is_empty() { "it holds no resolutions".into() } else { format!("there are: {}", names.join(", ")) },
                })
            }
        }
    }

    /// The proposals on a resolution, if any file holds them.
    pub fn proposals_on(&self, r: &Resolution) -> Option<&Loaded<ProposalFile>> {
        self.proposals.iter().find(|p| p.value.resolution.symbol == r.header.symbol)
    }

    /// True when a lookup of `name` failed only because its file could not be
    /// read: that file has its own finding, and others should not repeat it.
    pub fn resolution_unreadable(&self, name: &ResolutionName) -> bool {
        self.resolution(name).is_err() && self.unreadable_resolutions.contains(&name.symbol.slug())
    }

    /// True when `id` names a group folder, even one whose group.json is broken.
    pub fn group_exists(&self, id: &str) -> bool {
        self.group(id).is_some() || self.unreadable_groups.iter().any(|g| g == id)
    }

    pub fn group(&self, id: &str) -> Option<&Loaded<WorkingGroup>> {
        self.groups.iter().find(|(g, _)| g == id).map(|(_, l)| l)
    }

    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
}

fn read_json<T: serde::de::DeserializeOwned>(files: &dyn Files, rel: &Path, shown: &Path) -> (crate::json::JsonFile<T>, Option<String>) {
    match files.read_text(rel) {
        Ok(text) => (crate::json::parse(&text, shown), Some(text)),
        Err(d) => (crate::json::JsonFile { value: None, diagnostics: vec![d] }, None),
    }
}

fn stem(file_name: &str) -> String {
    file_name.strip_suffix(".txt").unwrap_or(file_name).to_string()
}
