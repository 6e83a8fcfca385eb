//! A decision that agrees to an item's proposals adopts them through the
//! git store, one commit each, as `gavel adopt` does.

use super::app::App;
use crate::workspace::Workspace;

impl App {
    /// Adopts the pending proposals the item takes up, through the git store,
    /// and reloads the resolution. Failures go to the problems panel; the
    /// decision itself is already in the journal.
    pub(super) fn adopt_item_proposals(&mut self, item: &str) {
        let ids: Vec<String> = self.items.iter().find(|i| i.id == item).map(|i| i.proposals.clone()).unwrap_or_default();
        let mut done = Vec::new();
        for id in ids {
            let ws = Workspace::load(&self.root);
            let Some(res) = &self.resolution else { break };
            let Ok(loaded) = ws.resolution(&crate::resolution::ResolutionName { symbol: res.header.symbol, revision: None }) else { break };
            let Some(file) = ws.proposals_on(&loaded.value) else { break };
            let Some((index, proposal)) = file.value.proposals.iter().enumerate().find(|(_, p)| p.id == id) else { continue };
            if proposal.status != crate::group::Status::Pending {
                continue;
            }
            let store = match crate::store::Store::open(&self.root) {
                Ok(s) => s,
                Err(e) => {
                    self.errors.push(format!("decision recorded in the journal, but {id} was not committed: {e}"));
                    self.show_errors = true;
                    break;
                }
            };
            let adoption = crate::store::Adoption {
                resolution: &loaded.value,
                resolution_path: &loaded.path,
                proposals_path: &file.path,
                proposals_source: &file.source,
                proposal_index: index,
                proposal,
                decision: crate::store::Decision::Agreed,
                meeting: Some(self.meeting_id.clone()),
                agenda_item: Some(item.to_string()),
                author: None,
            };
            match crate::store::adopt(&store, &adoption) {
                Ok(a) => done.push(format!("{} ({})", a.subject, &a.commit.to_string()[..7])),
                Err(e) => {
                    self.errors.push(format!("decision recorded in the journal, but {id} was not committed: {e}"));
                    self.show_errors = true;
                }
            }
        }
        if !done.is_empty() {
            self.notice = Some(format!("Committed: {}", done.join("; ")));
            let ws = Workspace::load(&self.root);
            if let Some(res) = &self.resolution {
                let name = crate::resolution::ResolutionName { symbol: res.header.symbol, revision: None };
                if let Ok(l) = ws.resolution(&name) {
                    self.proposals = ws.proposals_on(&l.value).map(|p| p.value.proposals.clone()).unwrap_or_default();
                    self.resolution = Some(l.value.clone());
                }
            }
        }
    }
}
