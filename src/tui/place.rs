//! Where the chair was in the text: the provision selected and the pane,
//! kept for the next time the room opens on the meeting. It belongs to this
//! clone's user, not to the meeting, so it lives under `.git/gavel/room/`
//! and never in the shared journal. A missing or unreadable file is no place.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::app::{App, Pane};

/// The chair's place in the room.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    /// The selected provision (its identity).
    #[serde(default)]
    provision: Option<String>,
    /// The pane with the keyboard: agenda, speakers or resolution.
    #[serde(default)]
    pane: String,
}

impl Place {
    pub fn of(app: &App) -> Place {
        let pane = match app.focus {
            Pane::Agenda => "agenda",
            Pane::Speakers => "speakers",
            Pane::Resolution => "resolution",
        };
        Place { provision: app.blocks.get(app.resolution_selected).map(|b| b.id.0.clone()), pane: pane.into() }
    }

    /// Puts the room back at this place, as far as the text still has it.
    pub fn apply(&self, app: &mut App) {
        if let Some(k) = self.provision.as_ref().and_then(|id| app.blocks.iter().position(|b| &b.id.0 == id)) {
            app.resolution_selected = k;
        }
        app.focus = match self.pane.as_str() {
            "speakers" => Pane::Speakers,
            "resolution" => Pane::Resolution,
            _ => Pane::Agenda,
        };
    }

    fn path(root: &Path, meeting: &str) -> Option<PathBuf> {
        // A meeting id is a file name in the repository; keep it one here.
        let name: String = meeting.chars().map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect();
        Some(crate::ops::git_dir(root)?.join("gavel").join("room").join(format!("{name}.place.json")))
    }

    /// The place kept for a meeting, if any (a file too large or unreadable is none).
    pub fn load(root: &Path, meeting: &str) -> Option<Place> {
        let path = Self::path(root, meeting)?;
        let meta = std::fs::metadata(&path).ok()?;
        if meta.len() > 64 * 1024 {
            return None;
        }
        serde_json::from_slice(&std::fs::read(&path).ok()?).ok()
    }

    /// Keeps the place: written beside and renamed over, so that a room
    /// stopped in the middle leaves the old place or the new, never half of one.
    pub fn save(&self, root: &Path, meeting: &str) -> std::io::Result<()> {
        let path = Self::path(root, meeting).ok_or_else(|| std::io::Error::other("not in a git repository"))?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let tmp = path.with_extension(format!("json.{}", std::process::id()));
        std::fs::write(&tmp, serde_json::to_vec(self).map_err(std::io::Error::other)?)?;
        std::fs::rename(&tmp, &path)
    }
}
