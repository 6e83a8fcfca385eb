//! `gavel demo`: a fresh working-group repository from the bundled data,
//! with a history that follows the real documents.

use std::path::{Path, PathBuf};

use crate::bundled;
use crate::store::{self, Author};

pub use crate::fresh::FreshError as DemoError;

/// What was made.
#[derive(Debug)]
pub struct DemoRepo {
    pub path: PathBuf,
    pub commits: usize,
    pub tags: Vec<String>,
}

/// One step of the demo's history.
struct Step {
    files: &'static [&'static str],
    message: &'static str,
    author: (&'static str, &'static str),
    /// `YYYY-MM-DD HH:MM`, local time at `offset_minutes`.
    when: (&'static str, i32),
    tags: &'static [(&'static str, &'static str)],
}

const SECRETARIAT: (&str, &str) = ("CITES Secretariat", "secretariat@cites.invalid");
const CO_CHAIRS: (&str, &str) = ("Kenya and New Zealand (co-Chairs)", "co-chairs@sc78-wg-11-3.invalid");

const HISTORY: &[Step] = &[
    Step {
        files: &["resolutions/conf-11.3.txt", "resolutions/conf-19.3.txt", "resolutions/PROVENANCE.md"],
        message: "Conf. 11.3 (Rev. CoP19) and Conf. 19.3 as in force after CoP19\n\nThe texts as the Conference of the Parties left them at its 19th meeting\n(Panama City, 14-25 November 2022). resolutions/PROVENANCE.md says how\nthey were reconstructed from the documents.\n",
        author: SECRETARIAT,
        when: ("2022-11-25 18:00", -300),
        tags: &[
            ("conf-11.3/rev-cop19", "Conf. 11.3 (Rev. CoP19) Compliance and enforcement"),
            ("conf-19.3/original", "Conf. 19.3 Capacity-building"),
        ],
    },
    Step {
        files: &["agendas/sc78-wg-11-3/group.json"],
        message: "Establish the working group on Review of Resolution Conf. 11.3 (Rev. CoP19)\n\nEstablished by the Standing Committee at SC76 (Panama, 2022) with the\nmandate of Decision 19.66; membership as in SC78 Doc. 37, paragraph 6.\n",
        author: SECRETARIAT,
        when: ("2022-11-25 19:00", -300),
        tags: &[],
    },
    Step {
        files: &["resolutions/conf-11.3.proposals.json"],
        message: "Proposals of the working group to amend Conf. 11.3 (SC78 Doc. 37)\n\nA new preambular paragraph and new 10 e) and 13 g) on professional bodies;\na revised 23 b) on timeframes. Drafted against Rev. CoP19.\n",
        author: CO_CHAIRS,
        when: ("2025-02-03 09:00", 60),
        tags: &[],
    },
    Step {
        files: &["agendas/sc78-wg-11-3/sc78-session.meeting.json"],
        message: "Agenda of the working group's session at SC78\n\nThe topics of Decision 19.66 in turn, under the headings of SC78 Doc. 37.\n",
        author: CO_CHAIRS,
        when: ("2025-02-03 09:30", 60),
        tags: &[],
    },
    Step {
        files: &["agendas/niap-2018/group.json", "agendas/niap-2018/maputo.meeting.json"],
        message: "Add the NIAP meeting (Maputo, 1-4 May 2018) as a reference agenda\n\nParticipants and four-day agenda from SC70 Inf. 20.\n",
        author: SECRETARIAT,
        when: ("2025-02-03 10:00", 60),
        tags: &[],
    },
];

/// Creates the demo repository in `dir`, or in a new folder under the
/// system's temporary folder; a failure leaves nothing behind.
pub fn create(dir: Option<&Path>) -> Result<DemoRepo, DemoError> {
    let (path, tags) = crate::fresh::make(dir, "gavel-demo-", build)?;
    Ok(DemoRepo { path, commits: HISTORY.len(), tags })
}

fn build(dir: &Path) -> Result<Vec<String>, DemoError> {
    let repo = store::init(dir)?;
    let mut tags = Vec::new();
    for step in HISTORY {
        let files: Vec<(&str, &[u8])> =
            step.files.iter().map(|p| (*p, bundled::file(p).map(|f| f.text.as_bytes()).unwrap_or_default())).collect();
        let author = Author {
            name: step.author.0.into(),
            email: step.author.1.into(),
            seconds: epoch_seconds(step.when.0) - i64::from(step.when.1) * 60,
            offset_minutes: step.when.1,
        };
        let oid = store::commit_files(&repo, &files, step.message, &author)?;
        for (name, message) in step.tags {
            store::tag(&repo, name, oid, message, &author)?;
            tags.push(name.to_string());
        }
    }
    Ok(tags)
}

/// Seconds since the epoch of `YYYY-MM-DD HH:MM` (as if UTC).
fn epoch_seconds(s: &str) -> i64 {
    let n = |a: usize, b: usize| s[a..b].parse::<i64>().unwrap_or(0);
    crate::clock::days_from_civil(n(0, 4), n(5, 7), n(8, 10)) * 86400 + n(11, 13) * 3600 + n(14, 16) * 60
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_of_known_dates() {
        assert_eq!(epoch_seconds("1970-01-01 00:00"), 0);
        assert_eq!(epoch_seconds("2022-11-25 18:00"), 1669399200);
        assert_eq!(epoch_seconds("2000-03-01 00:00"), 951868800);
    }

    #[test]
    fn history_names_only_bundled_files_each_once() {
        let mut seen = Vec::new();
        for step in HISTORY {
            for f in step.files {
                assert!(bundled::file(f).is_some(), "{f}");
                assert!(!seen.contains(f), "{f} twice");
                seen.push(*f);
            }
        }
        assert_eq!(seen.len(), bundled::FILES.len());
    }
}
