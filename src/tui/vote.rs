//! A decision taken by vote (rare in a working group; the rules of
//! procedure allow it, and the record must show it): `Ctrl-V` in the
//! decision dialog records the counts in favour, against and abstaining
//! (typed `45 10 5`), or, after `Tab`, a roll-call: each Party present
//! (from the attendance; every Party of the membership when none was
//! marked) given `y`, `n` or `a`. Enter goes back to the decision with it.

use super::app::{Action, App, Effect, Mode};
use crate::group::Category;
use crate::journal::{RollCall, Vote};

impl App {
    pub(super) fn open_vote(&mut self) {
        let session = self.current_session().unwrap_or_default();
        let present = self.present_now(&session);
        let parties: Vec<String> = self
            .group
            .iter()
            .flat_map(|g| g.members.iter())
            .filter(|m| m.category == Category::Party && (present.is_empty() || present.contains(&m.name)))
            .map(|m| m.name.clone())
            .collect();
        let decide = Box::new(std::mem::replace(&mut self.mode, Mode::Normal));
        let (counts, roll_call, ballots) = match &*decide {
            Mode::Decide { vote: Some(v), .. } if !v.roll_call.is_empty() => (
                String::new(),
                true,
                parties.iter().map(|p| (p.clone(), v.roll_call.iter().find(|r| &r.member == p).map(|r| r.ballot))).collect(),
            ),
            Mode::Decide { vote: Some(v), .. } => {
                (format!("{} {} {}", v.in_favour, v.against, v.abstaining), false, parties.into_iter().map(|p| (p, None)).collect())
            }
            _ => (String::new(), false, parties.into_iter().map(|p| (p, None)).collect()),
        };
        self.mode = Mode::Vote { decide, counts, roll_call, ballots, cursor: 0 };
    }

    pub(super) fn update_vote(&mut self, action: Action) -> Vec<Effect> {
        let Mode::Vote { decide, counts, roll_call, ballots, cursor } = &mut self.mode else { return Vec::new() };
        match action {
            Action::NextChoice => *roll_call = !*roll_call,
            Action::Type(c) if c.is_ascii_digit() || c == ' ' => counts.push(c),
            Action::Backspace => {
                counts.pop();
            }
            Action::Up => *cursor = cursor.saturating_sub(1),
            Action::Down => *cursor = (*cursor + 1).min(ballots.len().saturating_sub(1)),
            Action::Ballot(b) => {
                if let Some(entry) = ballots.get_mut(*cursor) {
                    entry.1 = Some(b);
                    *cursor = (*cursor + 1).min(ballots.len() - 1);
                }
            }
            Action::Cancel => self.mode = std::mem::replace(&mut **decide, Mode::Normal),
            Action::Confirm => {
                let vote = if *roll_call {
                    let cast: Vec<RollCall> =
                        ballots.iter().filter_map(|(m, b)| b.map(|ballot| RollCall { member: m.clone(), ballot })).collect();
                    (!cast.is_empty()).then(|| Vote::roll_call(cast))
                } else {
                    let n: Vec<u32> = counts.split_whitespace().filter_map(|x| x.parse().ok()).collect();
                    match n[..] {
                        [in_favour, against, abstaining] => Some(Vote { in_favour, against, abstaining, roll_call: Vec::new() }),
                        _ => {
                            self.notice = Some("Type three numbers: in favour, against, abstaining (45 10 5).".into());
                            return Vec::new();
                        }
                    }
                };
                let mut back = std::mem::replace(&mut **decide, Mode::Normal);
                if let Mode::Decide { vote: v, .. } = &mut back {
                    *v = vote;
                }
                self.mode = back;
            }
            _ => {}
        }
        Vec::new()
    }
}
