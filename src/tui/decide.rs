//! A decision that agrees to an item's proposals adopts them through the
//! shared use case, one commit each, as `gavel adopt` does.

use super::app::App;
use crate::workspace::Workspace;

impl App {
    /// Adopts the pending proposals the item takes up, and reloads the resolution.
    pub(super) fn adopt_item_proposals(&mut self, item: &str) {
        let ids: Vec<String> = self.items.iter().find(|i| i.id == item).map(|i| i.proposals.clone()).unwrap_or_default();
        let Some(res) = &self.resolution else { return };
        let name = crate::resolution::ResolutionName { symbol: res.header.symbol, revision: None };
        let ctx = crate::ops::Context {
            meeting: Some(self.meeting_id.clone()),
            agenda_item: Some(item.to_string()),
            doing: "the meeting room".into(),
            ..Default::default()
        };
        let mut done = Vec::new();
        for id in ids {
            match crate::ops::adopt(&self.root, &name, &id, crate::ops::Decision::Agreed, "", &ctx) {
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
            if let Ok(l) = ws.resolution(&name) {
                self.proposals = ws.proposals_on(&l.value).map(|p| p.value.proposals.clone()).unwrap_or_default();
                self.resolution = Some(l.value.clone());
            }
        }
    }
}
