//! The room's model where it meets git: an entry on disk asks for commits
//! (a proposal saved, a decision's adoptions, a correction's reverts), a
//! finished job's commits go to the journal, and a failure becomes the
//! not-committed state the chair sees and retries.

use super::app::{App, Done, Effect, Job, JobResult, Step};
use crate::journal::{Entry, Event, Outcome};

impl App {
    /// An entry is on disk: the session takes it, and what it asks of git is done.
    pub(super) fn journaled(&mut self, entry: Entry) -> Vec<Effect> {
        self.session.apply(&entry, self.group.as_ref());
        let mut effects = Vec::new();
        match &entry.event {
            Event::ProposalMade { item, draft: Some(p), .. } => {
                effects.push(self.job(&entry.id, item, vec![Step::Save(p.clone())]));
            }
            Event::ProposalDropped { item, proposal, status, reason } => {
                let step = Step::Drop { proposal: proposal.clone(), status: *status, reason: reason.clone() };
                effects.push(self.job(&entry.id, item, vec![step]));
            }
            Event::Decision { item, outcome, text, adopt, .. } if !adopt.is_empty() => {
                let steps = self.adopt_steps(adopt, *outcome, text);
                effects.push(self.job(&entry.id, item, steps));
            }
            Event::Correction { of, with, reason } => {
                // Striking or changing a decision that git has: the commits of the proposals it no longer
                // adopts are taken back (newest first), and those it now adopts are committed.
                let now_adopts: Vec<String> = match with.as_deref() {
                    Some(Event::Decision { adopt, .. }) => adopt.clone(),
                    _ => Vec::new(),
                };
                let mut steps: Vec<Step> = self
                    .commits_of(of)
                    .into_iter()
                    .rev()
                    .filter(|(p, _)| !now_adopts.contains(p))
                    .map(|(_, commit)| Step::Revert { commit, reason: reason.clone() })
                    .collect();
                let item = entry.event.item().map(str::to_string).or_else(|| self.session.current.clone()).unwrap_or_default();
                if let Some(d) = self.session.item(&item).and_then(|st| st.decision.clone()).filter(|d| &d.entry == of) {
                    steps.extend(self.adopt_steps(&d.outstanding(), d.outcome, &d.text));
                }
                if !steps.is_empty() {
                    // Done under the corrected entry, so that what git does is counted against the decision.
                    effects.push(self.job(of, &item, steps));
                }
            }
            _ => {}
        }
        if matches!(entry.event, Event::ItemAdded { .. } | Event::ItemMoved { .. } | Event::Correction { .. }) {
            self.items = crate::journal::agenda(&self.meeting.meeting.value, &self.session);
        }
        if matches!(
            entry.event,
            Event::ItemTakenUp { .. }
                | Event::ProposalMade { .. }
                | Event::Decision { .. }
                | Event::Correction { .. }
                | Event::ItemMarked { .. }
        ) {
            self.refresh();
        }
        if matches!(entry.event, Event::ItemTakenUp { .. }) {
            self.resolution_selected = self.item_provision();
        }
        effects
    }

    /// The adoptions the journal says were committed for entry `of`, and not taken back since.
    fn commits_of(&self, of: &str) -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = Vec::new();
        for e in &self.session.log {
            match &e.event {
                Event::Committed { of: o, commit, proposal: Some(p), takes_back: None } if o == of => v.push((p.clone(), commit.clone())),
                Event::Committed { of: o, takes_back: Some(back), .. } if o == of => v.retain(|(_, c)| c != back),
                _ => {}
            }
        }
        v
    }

    /// The steps that adopt `ids`: drafts git does not have yet are saved first.
    pub(super) fn adopt_steps(&self, ids: &[String], outcome: Outcome, text: &str) -> Vec<Step> {
        let decision =
            if outcome == Outcome::AgreedAsAmended { crate::ops::Decision::AgreedAsAmended } else { crate::ops::Decision::Agreed };
        let mut steps = Vec::new();
        for id in ids {
            let unsaved = self.session.items.values().flat_map(|st| &st.drafts).find(|d| &d.proposal == id && d.commit.is_none());
            if let Some(p) = unsaved.and_then(|d| d.draft.clone())
                && !self.proposals.iter().any(|q| &q.id == id)
            {
                steps.push(Step::Save(Box::new(p)));
            }
            steps.push(Step::Adopt { proposal: id.clone(), decision, text: text.to_string() });
        }
        steps
    }

    pub(super) fn job(&mut self, of: &str, item: &str, steps: Vec<Step>) -> Effect {
        self.in_flight.insert(of.to_string());
        Effect::Commit(Job { of: of.to_string(), item: item.to_string(), steps })
    }

    /// A job finished: what git did goes to the journal, and the room shows the text as it now is.
    pub(super) fn commit_done(&mut self, r: JobResult) -> Vec<Effect> {
        self.in_flight.remove(&r.of);
        if let Some((res, proposals)) = r.fresh {
            self.resolution = Some(res);
            self.proposals = proposals;
            self.refresh();
        }
        let mut effects: Vec<Effect> = r
            .done
            .iter()
            .map(|d: &Done| {
                Effect::Append(Event::Committed {
                    of: r.of.clone(),
                    proposal: d.proposal.clone(),
                    commit: d.commit.clone(),
                    takes_back: d.takes_back.clone(),
                })
            })
            .collect();
        match &r.failed {
            Some(reason) => {
                effects.push(Effect::Append(Event::CommitFailed { of: r.of.clone(), reason: reason.clone() }));
                self.not_committed.insert(r.of.clone(), reason.clone());
                self.show_errors = true;
                self.notice = Some("Not committed: see the problems (e); R tries again".into());
            }
            None => {
                self.not_committed.remove(&r.of);
                self.notice = Some(r.summary.clone());
            }
        }
        effects
    }
}
