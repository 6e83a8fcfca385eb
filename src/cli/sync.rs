//! `gavel sync`: fetch, join both co-chairs' records, push.

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;

use super::{CliError, emit};
use crate::redline::diff_words;
use crate::redline::merge::{Choice, Conflict};
use crate::render::print::text::wdiff;
use crate::store::{Author, Settle, Synced};
use crate::workspace::Workspace;

/// How conflicts are settled from the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Take {
    Ours,
    Theirs,
}

pub struct Args {
    pub remote: String,
    pub take: Option<Take>,
    pub author: Option<String>,
}

struct Chair {
    take: Option<Take>,
    ask: bool,
}

impl Settle for Chair {
    fn provision(&mut self, file: &str, c: &Conflict) -> Option<Choice> {
        if let Some(t) = self.take {
            return Some(if t == Take::Ours { Choice::Ours } else { Choice::Theirs });
        }
        if !self.ask {
            return None;
        }
        let mut err = std::io::stderr();
        let _ = writeln!(err, "\n{file}, {}: both co-chairs changed it.\n{}", c.address, describe(c));
        loop {
            let _ = write!(err, "Keep [o]urs, take [t]heirs, [w]rite other text, or [s]top (nothing is changed)? ");
            let _ = err.flush();
            let mut line = String::new();
            if std::io::stdin().lock().read_line(&mut line).ok()? == 0 {
                return None;
            }
            match line.trim() {
                "o" | "ours" => return Some(Choice::Ours),
                "t" | "theirs" => return Some(Choice::Theirs),
                "w" | "write" => {
                    let _ = write!(err, "Text (one line): ");
                    let _ = err.flush();
                    let mut t = String::new();
                    std::io::stdin().lock().read_line(&mut t).ok()?;
                    if !t.trim().is_empty() {
                        return Some(Choice::Text(t.trim().to_string()));
                    }
                }
                "s" | "stop" => return None,
                _ => {}
            }
        }
    }

    fn file(&mut self, _path: &str) -> Option<Choice> {
        self.take.map(|t| if t == Take::Ours { Choice::Ours } else { Choice::Theirs })
    }
}

/// Both versions of a conflict, ours against theirs as tracked changes.
fn describe(c: &Conflict) -> String {
    let show = |t: &Option<String>| t.clone().unwrap_or_else(|| "(deleted)".into());
    let mut s = format!("  ours:   {}\n  theirs: {}\n", show(&c.ours), show(&c.theirs));
    if let (Some(o), Some(t)) = (&c.ours, &c.theirs) {
        let d = diff_words(o, t, None);
        let whole = if d.replaced_whole { format!(" [{}]", crate::render::tracked::REPLACED_WHOLE) } else { String::new() };
        s.push_str(&format!("  ours → theirs: {}{whole}\n", wdiff(&d.pieces)));
    }
    if let Some(b) = &c.base {
        s.push_str(&format!("  (before either: {b})\n"));
    }
    s
}

pub fn run(repo: Option<&Path>, a: Args) -> Result<u8, CliError> {
    let author = a.author.as_deref().map(Author::parse).transpose().map_err(CliError::user)?;
    let root =
        Workspace::discover(repo.unwrap_or(Path::new("."))).map_err(|e| CliError::user(format!("{e}; run `gavel demo` to create one")))?;
    let mut chair = Chair { take: a.take, ask: std::io::stdin().is_terminal() && std::io::stderr().is_terminal() };
    let ctx = crate::ops::Context { doing: "gavel sync".into(), ..Default::default() };
    let done = crate::ops::sync(&root, &a.remote, author, &mut chair, &ctx)?;
    let out = match done {
        Synced::UpToDate => "Up to date: both records are the same.\n".to_string(),
        Synced::Pushed { commits } => format!("Sent {commits} commit{} to {}.\n", if commits == 1 { "" } else { "s" }, a.remote),
        Synced::FastForwarded { commits } => format!("Took {commits} commit{} from {}.\n", if commits == 1 { "" } else { "s" }, a.remote),
        Synced::Merged { commit, settled } => {
            let mut s = format!("Joined both records in commit {} and sent it to {}.\n", &commit.to_string()[..7], a.remote);
            for (c, ch) in settled {
                let how = match ch {
                    Choice::Ours => "ours kept",
                    Choice::Theirs => "theirs taken",
                    Choice::Text(_) => "the chair's text",
                };
                s.push_str(&format!("  {}: {how} (both versions stay in the history)\n", c.address));
            }
            s
        }
        Synced::Stopped { conflicts, files } => {
            let mut s = String::from("Stopped: both co-chairs changed the same provisions differently. Nothing was changed.\n");
            for c in &conflicts {
                s.push_str(&format!("\n{}:\n{}", c.address, describe(c)));
            }
            for f in &files {
                s.push_str(&format!("\n{f}: changed on both sides, lines overlap\n"));
            }
            s.push_str(
                "\nSettle them: run `gavel sync` on a terminal to choose for each, or `gavel sync --take ours` / `--take theirs`.\n",
            );
            emit(&s)?;
            return Ok(1);
        }
    };
    emit(&out)?;
    Ok(0)
}
