//! Which proposals the room shows and decides on: the proposals file's and
//! the session's drafts, the current item's (with those made elsewhere on the
//! same provisions), and the resolution with them in place, computed when
//! they change rather than on every frame.

use super::app::App;
use crate::group::{Proposal, Status};
use crate::redline::doc::redline;

impl App {
    /// Every proposal the room knows: the proposals file's, and the drafts of
    /// this session that git does not have yet.
    pub fn all_proposals(&self) -> Vec<Proposal> {
        let mut all = self.proposals.clone();
        // Withdrawn or rejected in the session, whether or not git has it yet.
        for p in all.iter_mut() {
            if let Some(s) = self.session.dropped.get(&p.id) {
                p.status = *s;
            }
        }
        for st in self.session.items.values() {
            for d in &st.drafts {
                if let Some(p) = &d.draft
                    && !all.iter().any(|q| q.id == p.id)
                {
                    all.push(p.clone());
                }
            }
        }
        all
    }

    /// The pending proposals the current item takes up: those on its agenda
    /// and those drafted under it in the session, newest first. (All pending
    /// ones when no item is taken up, or the item names none and none was drafted.)
    pub fn item_proposals(&self) -> Vec<Proposal> {
        let all = self.all_proposals();
        let pending = |p: &&Proposal| p.status == Status::Pending;
        let Some(item) = self.current_item() else { return all.iter().filter(pending).cloned().collect() };
        let drafted: Vec<String> =
            self.session.item(&item.id).map(|st| st.drafts.iter().rev().map(|d| d.proposal.clone()).collect()).unwrap_or_default();
        let mut wanted: Vec<String> = drafted;
        wanted.extend(item.proposals.iter().rev().cloned());
        if wanted.is_empty() {
            return all.iter().filter(pending).cloned().collect();
        }
        let mut out: Vec<Proposal> = Vec::new();
        for id in &wanted {
            if let Some(p) = all.iter().filter(pending).find(|p| &p.id == id)
                && !out.iter().any(|q| q.id == p.id)
            {
                out.push(p.clone());
            }
        }
        // Proposals made elsewhere (`gavel propose`, the other co-chair) on the same provisions
        // belong to the item too: after the session's drafts, newest (last in the file) first.
        if let Some(res) = &self.resolution {
            let drafted: Vec<&String> =
                self.session.item(&item.id).map(|st| st.drafts.iter().map(|d| &d.proposal).collect()).unwrap_or_default();
            let drafts = out.iter().take_while(|p| drafted.contains(&&p.id)).count();
            let others: Vec<Proposal> = all
                .iter()
                .rev()
                .filter(pending)
                .filter(|p| !wanted.contains(&p.id) && out.iter().any(|q| crate::ops::competes(res, p, q)))
                .cloned()
                .collect();
            out.splice(drafts..drafts, others);
        }
        out
    }

    /// Recomputes the resolution with the item's proposals in place. Called
    /// when the item, the proposals or the drafts change; never when drawing.
    pub fn refresh(&mut self) {
        let Some(res) = &self.resolution else {
            self.blocks = Vec::new();
            return;
        };
        // Newest first: of competing proposals the one drafted last is shown, as the decision dialog chooses it.
        let chosen = self.item_proposals();
        let applied = crate::redline::amend::apply(res, chosen.iter());
        self.blocks = redline(res, &applied.proposed, None);
        self.resolution_selected = self.resolution_selected.min(self.blocks.len().saturating_sub(1));
    }
}
