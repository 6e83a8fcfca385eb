//! Drafting in the meeting room: an amendment to the selected provision in
//! the editor, saved as a proposal (journaled, then committed through the
//! shared use case); the provision's history; competing proposals side by side.

use super::app::{Action, App, Effect, Mode};
use crate::group::{Change, Proposal, Status};
use crate::journal::{Event, Outcome};
use crate::redline::doc::redline;

/// An amendment being drafted to one provision.
pub struct Editor {
    pub id: crate::resolution::NodeId,
    /// Its address in the text in force.
    pub address: crate::resolution::ParagraphRef,
    /// The text in force it is drafted against.
    pub base: String,
    /// The text the editor opened with (the text in force, or the proposal being amended).
    pub start: String,
    pub area: ratatui_textarea::TextArea<'static>,
    pub proponents: Vec<String>,
    pub supporters: Vec<String>,
    /// The proposal this draft amends ("agreed as amended").
    pub amends: Option<String>,
    /// The decision to record once the draft is saved ("agreed as amended"): outcome and text.
    pub then: Option<(Outcome, String)>,
}

impl Editor {
    /// The drafted text, as one paragraph.
    pub fn text(&self) -> String {
        self.area.lines().join(" ").trim().to_string()
    }

    /// True when the draft differs from what the editor opened with.
    pub fn changed(&self) -> bool {
        self.text() != self.start.trim()
    }
}

impl App {
    /// The provision selected in the resolution pane, in the text in force.
    pub fn selected_provision(&self) -> Option<(crate::resolution::NodeIdx, crate::resolution::NodeId)> {
        let b = self.blocks.get(self.resolution_selected.min(self.blocks.len().saturating_sub(1)))?;
        let res = self.resolution.as_ref()?;
        res.by_id(&b.id).map(|i| (i, b.id.clone()))
    }

    pub(super) fn open_editor(&mut self) {
        let (Some((idx, id)), Some(res)) = (self.selected_provision(), self.resolution.as_ref()) else {
            self.notice = Some("Select a provision of the text in force in the resolution pane (3, then ↑ ↓) to amend it.".into());
            return;
        };
        let base = res.node(idx).text.clone();
        let proponents = self.floor().map(|(m, _)| vec![m]).unwrap_or_default();
        let address = res.address(idx);
        self.start_editor(id, address, base.clone(), base, proponents);
    }

    pub(super) fn start_editor(
        &mut self,
        id: crate::resolution::NodeId,
        address: crate::resolution::ParagraphRef,
        base: String,
        start: String,
        proponents: Vec<String>,
    ) {
        let mut area = ratatui_textarea::TextArea::new(vec![start.clone()]);
        area.set_wrap_mode(ratatui_textarea::WrapMode::Word);
        area.set_cursor_line_style(ratatui::style::Style::default());
        self.editor = Some(Editor { id, address, base, start, area, proponents, supporters: Vec::new(), amends: None, then: None });
        self.mode = Mode::Edit { names: false, supporting: false, query: String::new(), discard: false };
    }

    /// Saves the drafted amendment as a proposal: journaled (with the whole
    /// proposal, so that a failed commit can be tried again), then committed.
    pub(super) fn save_amendment(&mut self) -> Vec<Effect> {
        let Some(e) = self.editor.as_ref() else { return Vec::new() };
        let text = e.text();
        if text == e.base {
            self.notice = Some("Nothing is changed yet: edit the text, or Esc to leave.".into());
            return Vec::new();
        }
        if e.proponents.is_empty() {
            self.notice = Some("Name who proposes it: Tab, type part of the name, Enter.".into());
            return Vec::new();
        }
        let (Some(res), Some(item)) = (self.resolution.as_ref(), self.session.current.clone()) else {
            self.notice = Some("Take up an agenda item first: a proposal is made under an item.".into());
            return Vec::new();
        };
        if self.proposals_broken {
            self.notice = Some("The proposals file cannot be read (see e): repair it before saving a proposal.".into());
            return Vec::new();
        }
        let taken: Vec<String> = self.all_proposals().into_iter().map(|p| p.id).collect();
        let id = crate::ops::free_id(&taken, &format!("{}-{item}", self.meeting_id));
        let by = crate::store::message::and_list(&e.proponents);
        let proposal = Proposal {
            id: id.clone(),
            title: match &e.amends {
                Some(a) => format!("Amendment to {} proposed by {by}, amending {a}", e.address.describe()),
                None => format!("Amendment to {} proposed by {by}", e.address.describe()),
            },
            group: Some(self.group_id.clone()),
            proponents: e.proponents.clone(),
            supporters: e.supporters.clone(),
            source: Some(format!("meeting {}, agenda item {item}", self.meeting_id)),
            revision: res.header.revision,
            status: Status::Pending,
            changes: vec![Change::Replace { target: e.address.clone(), drafted_against: e.base.clone(), text: text.clone() }],
            amends: e.amends.clone(),
            note: None,
        };
        let mut fx = vec![Effect::Append(Event::ProposalMade {
            item: item.clone(),
            proposal: id.clone(),
            proponents: e.proponents.clone(),
            supporters: e.supporters.clone(),
            target: e.address.to_string(),
            text,
            drafted_against: Some(e.base.clone()),
            draft: Some(Box::new(proposal)),
        })];
        // Agreed as amended: the decision adopts the amended text just drafted.
        if let Some((outcome, dtext)) = e.then.clone() {
            fx.push(Effect::Append(Event::Decision { item, outcome, text: dtext, adopt: vec![id.clone()], vote: None }));
        }
        self.editor = None;
        self.mode = Mode::Normal;
        self.notice = Some(format!("Proposal {id}: committing…"));
        fx
    }

    pub(super) fn open_history(&mut self) -> Option<Effect> {
        let (Some((idx, id)), Some(res)) = (self.selected_provision(), self.resolution.as_ref()) else { return None };
        let title = format!("History of {} of {}", res.address(idx).describe(), res.display_name());
        Some(Effect::LoadHistory { title, id })
    }

    /// Every pending proposal on the selected provision (drafts of this
    /// session included), each on its own; a stale one is marked stale and
    /// shown against the text it was drafted against, never as the text in force.
    pub(super) fn open_competing(&mut self) {
        let (Some((idx, id)), Some(res)) = (self.selected_provision(), self.resolution.as_ref()) else { return };
        let mut columns = Vec::new();
        let all = self.all_proposals();
        let shown: Vec<&crate::group::Proposal> = all
            .iter()
            .filter(|p| p.status == Status::Pending && crate::ops::touches(res, p, crate::resolution::resolve::Target::Node(idx)))
            .collect();
        for &p in &shown {
            // Two proposals that change, or insert at, the same place: only one can be adopted as it is.
            let rivals: Vec<&str> =
                shown.iter().filter(|q| q.id != p.id && crate::ops::competes(res, p, q)).map(|q| q.id.as_str()).collect();
            let mut saved = if self.proposals.iter().any(|q| q.id == p.id) { String::new() } else { ", not committed".to_string() };
            if !rivals.is_empty() {
                saved.push_str(&format!("; COMPETES with {}", rivals.join(", ")));
            }
            let applied = crate::redline::amend::apply(res, [p]);
            if let Some((_, problems)) = applied.not_applied.first() {
                let why: Vec<String> = problems.iter().map(|x| x.to_string()).collect();
                let pieces = p
                    .changes
                    .iter()
                    .find_map(|c| match c {
                        Change::Replace { drafted_against, text, .. } => {
                            Some(crate::redline::diff_words(drafted_against, text, None).pieces)
                        }
                        _ => None,
                    })
                    .unwrap_or_default();
                let mut pieces = pieces;
                pieces.push(crate::redline::Piece::new(crate::redline::PieceKind::Same, format!("  [STALE: {}]", why.join("; "))));
                columns.push((format!("{} ({}) STALE{saved}", p.id, p.proponents.join(", ")), pieces));
                continue;
            }
            if let Some(b) = redline(res, &applied.proposed, None).into_iter().find(|b| b.id == id) {
                columns.push((format!("{} ({}){saved}", p.id, p.proponents.join(", ")), crate::render::tracked::line_pieces(&b)));
            }
        }
        if columns.is_empty() {
            self.notice = Some(format!("No pending proposal on {}.", res.address(idx).describe()));
        } else {
            self.mode = Mode::Competing { title: format!("Proposals on {} side by side", res.address(idx).describe()), columns };
        }
    }

    /// Keys while an amendment is being drafted.
    pub(super) fn update_editor(&mut self, action: Action) -> Vec<Effect> {
        match (&mut self.mode, action) {
            // Esc asked whether to discard: y discards, anything else goes back to the draft.
            (
                Mode::Edit { discard: true, .. },
                Action::Type('y') | Action::EditKey(crossterm::event::KeyEvent { code: crossterm::event::KeyCode::Char('y'), .. }),
            ) => {
                self.editor = None;
                self.mode = Mode::Normal;
                self.notice = Some("Draft discarded.".into());
            }
            (Mode::Edit { discard, .. }, _) if *discard => *discard = false,
            (Mode::Edit { discard, .. }, Action::Cancel) => {
                if self.editor.as_ref().is_some_and(|e| e.changed()) {
                    *discard = true;
                } else {
                    self.editor = None;
                    self.mode = Mode::Normal;
                }
            }
            (Mode::Edit { .. }, Action::Save) => return self.save_amendment(),
            // Tab: the text, then proponents, then supporters.
            (Mode::Edit { names, supporting, .. }, Action::NextChoice) => {
                (*names, *supporting) = match (*names, *supporting) {
                    (false, _) => (true, false),
                    (true, false) => (true, true),
                    (true, true) => (false, false),
                }
            }
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
            (Mode::Edit { names: true, query, .. }, Action::Type(c)) => query.push(c),
            // Backspace on an empty name takes back the last name added.
            (Mode::Edit { names: true, query, supporting, .. }, Action::Backspace) if query.is_empty() => {
                let supporting = *supporting;
                if let Some(e) = self.editor.as_mut() {
                    if supporting {
                        e.supporters.pop()
                    } else {
                        e.proponents.pop()
                    };
                }
            }
            (Mode::Edit { names: true, query, .. }, Action::Backspace) => {
                query.pop();
            }
            (Mode::Edit { names: true, query, supporting, .. }, Action::Confirm) => {
                let (q, supporting) = (std::mem::take(query), *supporting);
                let name = self.matches(&q).first().map(|m| m.name.clone());
                if let (Some(e), Some(n)) = (self.editor.as_mut(), name)
                    && !e.proponents.contains(&n)
                    && !e.supporters.contains(&n)
                {
                    if supporting { e.supporters.push(n) } else { e.proponents.push(n) }
                }
            }
            _ => {}
        }
        Vec::new()
    }
}
