//! Drafting in the meeting room: an amendment to the selected provision in
//! the editor, saved as a proposal; the provision's history; competing
//! proposals side by side.

use super::app::{Action, App, Mode};
use crate::journal::Event;
use crate::redline::doc::redline;

/// An amendment being drafted to one provision.
pub struct Editor {
    pub id: crate::resolution::NodeId,
    /// Its address in the text in force.
    pub address: crate::resolution::ParagraphRef,
    /// The text it is drafted against.
    pub base: String,
    pub area: ratatui_textarea::TextArea<'static>,
    pub proponents: Vec<String>,
    pub supporters: Vec<String>,
}

impl Editor {
    /// The drafted text, as one paragraph.
    pub fn text(&self) -> String {
        self.area.lines().join(" ").trim().to_string()
    }
}

impl App {
    /// The provision selected in the resolution pane, in the text in force.
    pub fn selected_provision(&self) -> Option<(crate::resolution::NodeIdx, crate::resolution::NodeId)> {
        let blocks = self.redline();
        let b = blocks.get(self.resolution_selected.min(blocks.len().saturating_sub(1)))?;
        let res = self.resolution.as_ref()?;
        res.by_id(&b.id).map(|i| (i, b.id.clone()))
    }

    pub(super) fn open_editor(&mut self) {
        let (Some((idx, id)), Some(res)) = (self.selected_provision(), self.resolution.as_ref()) else {
            self.notice = Some("Select a provision of the text in force in the resolution pane (3, then ↑ ↓) to amend it.".into());
            return;
        };
        let base = res.node(idx).text.clone();
        let mut area = ratatui_textarea::TextArea::new(vec![base.clone()]);
        area.set_wrap_mode(ratatui_textarea::WrapMode::Word);
        let proponents = self.floor().map(|(m, _)| vec![m]).unwrap_or_default();
        self.editor = Some(Editor { id, address: res.address(idx), base, area, proponents, supporters: Vec::new() });
        self.mode = Mode::Edit { names: false, query: String::new() };
    }

    /// Saves the drafted amendment as a proposal: appended to the
    /// resolution's proposals file (whole or not at all), then journaled.
    pub(super) fn save_amendment(&mut self) {
        let Some(e) = self.editor.as_ref() else { return };
        let text = e.text();
        if text == e.base {
            self.notice = Some("Nothing is changed yet: edit the text, or Esc to leave.".into());
            return;
        }
        if e.proponents.is_empty() {
            self.notice = Some("Name who proposes it: Tab, type part of the name, Enter.".into());
            return;
        }
        let (Some(res), Some(item)) = (self.resolution.clone(), self.session.current.clone()) else {
            self.notice = Some("Take up an agenda item first: a proposal is made under an item.".into());
            return;
        };
        let id = (self.proposals.len() + 1..)
            .map(|k| format!("{}-{item}-{k}", self.meeting_id))
            .find(|id| !self.proposals.iter().any(|p| &p.id == id))
            .expect("some id is free");
        let proposal = crate::group::Proposal {
            id: id.clone(),
            title: format!("Amendment to {} proposed by {}", e.address.describe(), e.proponents.join(", ")),
            group: Some(self.group_id.clone()),
            proponents: e.proponents.clone(),
            supporters: e.supporters.clone(),
            source: Some(format!("meeting {}, agenda item {item}", self.meeting_id)),
            revision: res.header.revision,
            status: crate::group::Status::Pending,
            changes: vec![crate::group::Change::Replace { target: e.address.clone(), drafted_against: e.base.clone(), text: text.clone() }],
            amends: None,
        };
        let path = self.root.join(crate::workspace::RESOLUTIONS_DIR).join(format!(
            "{}{}",
            res.header.symbol.slug(),
            crate::workspace::PROPOSALS_SUFFIX
        ));
        let source = std::fs::read_to_string(&path).ok();
        let name = crate::resolution::ResolutionName { symbol: res.header.symbol, revision: None };
        let written = crate::group::append::with_proposal(source.as_deref(), name, &proposal)
            .and_then(|t| crate::fsx::write_atomic(&path, t.as_bytes()).map_err(|err| err.to_string()));
        if let Err(err) = written {
            self.errors.push(format!("the amendment was not saved to {}: {err}", path.display()));
            self.show_errors = true;
            return;
        }
        let target = e.address.to_string();
        let (proponents, supporters) = (e.proponents.clone(), e.supporters.clone());
        self.proposals.push(proposal);
        self.record(Event::ProposalMade { item, proposal: id.clone(), proponents, supporters, target, text });
        self.editor = None;
        self.mode = Mode::Normal;
        self.notice = Some(format!("Proposal {id} saved."));
    }

    pub(super) fn open_history(&mut self) {
        let (Some((idx, id)), Some(res)) = (self.selected_provision(), self.resolution.as_ref()) else { return };
        let title = format!("History of {} of {}", res.address(idx).describe(), res.display_name());
        let store = match crate::store::Store::open(&self.root) {
            Ok(s) => s,
            Err(e) => {
                self.notice = Some(format!("No history: {e}"));
                return;
            }
        };
        let file = store.relative(&self.root).join(crate::workspace::RESOLUTIONS_DIR).join(format!("{}.txt", res.header.symbol.slug()));
        match store.history(&file, &id, "HEAD", None, true) {
            Ok((steps, _)) => {
                let steps = steps
                    .iter()
                    .map(|s| {
                        let ((y, m, d), _) = crate::clock::date_time(s.seconds + i64::from(s.offset_minutes) * 60);
                        (format!("{} {y:04}-{m:02}-{d:02} {}: {}", &s.commit.to_string()[..7], s.author, s.subject), s.pieces())
                    })
                    .collect();
                self.mode = Mode::History { title, steps };
            }
            Err(e) => self.notice = Some(format!("No history: {e}")),
        }
    }

    pub(super) fn open_competing(&mut self) {
        let (Some((idx, id)), Some(res)) = (self.selected_provision(), self.resolution.as_ref()) else { return };
        let mut columns = Vec::new();
        for p in self.proposals.iter().filter(|p| p.status == crate::group::Status::Pending) {
            let touches =
                p.changes.iter().any(|c| matches!(res.resolve(c.reference()), Ok(crate::resolution::resolve::Target::Node(i)) if i == idx));
            if !touches {
                continue;
            }
            let applied = crate::redline::amend::apply(res, [p]);
            if let Some(b) = redline(res, &applied.proposed, None).into_iter().find(|b| b.id == id) {
                columns.push((format!("{} ({})", p.id, p.proponents.join(", ")), crate::render::tracked::line_pieces(&b)));
            }
        }
        if columns.is_empty() {
            self.notice = Some(format!("No pending proposal on {}.", res.address(idx).describe()));
        } else {
            self.mode = Mode::Competing { title: format!("Proposals on {} side by side", res.address(idx).describe()), columns };
        }
    }

    /// Keys while an amendment is being drafted.
    pub(super) fn update_editor(&mut self, action: Action) {
        match (&mut self.mode, action) {
            (Mode::Edit { .. }, Action::Cancel) => {
                self.editor = None;
                self.mode = Mode::Normal;
            }
            (Mode::Edit { .. }, Action::Save) => self.save_amendment(),
            (Mode::Edit { names, .. }, Action::NextChoice) => *names = !*names,
            (Mode::Edit { names: false, .. }, Action::EditKey(k)) => {
                if let Some(e) = self.editor.as_mut() {
                    e.area.input(k);
                }
            }
            (Mode::Edit { names: false, .. }, Action::Bracket) => {
                if let Some(e) = self.editor.as_mut() {
                    if e.area.is_selecting() {
                        e.area.cut();
                        let t = e.area.yank_text();
                        e.area.insert_str(format!("[{t}]"));
                    } else {
                        e.area.insert_str("[]");
                        e.area.move_cursor(ratatui_textarea::CursorMove::Back);
                    }
                }
            }
            (Mode::Edit { names: true, query }, Action::Type(c)) => query.push(c),
            // Backspace on an empty name takes back the last name added.
            (Mode::Edit { names: true, query }, Action::Backspace) if query.is_empty() => {
                if let Some(e) = self.editor.as_mut() {
                    if e.supporters.pop().is_none() {
                        e.proponents.pop();
                    }
                }
            }
            (Mode::Edit { names: true, query }, Action::Backspace) => {
                query.pop();
            }
            (Mode::Edit { names: true, query }, Action::Confirm) => {
                let q = std::mem::take(query);
                let name = self.matches(&q).first().map(|m| m.name.clone());
                if let (Some(e), Some(n)) = (self.editor.as_mut(), name) {
                    if e.proponents.is_empty() {
                        e.proponents.push(n);
                    } else if !e.proponents.contains(&n) && !e.supporters.contains(&n) {
                        e.supporters.push(n);
                    }
                }
            }
            (Mode::Edit { .. }, _) => {}
            _ => {}
        }
    }
}
