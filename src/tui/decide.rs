//! Deciding an item: the chair chooses the outcome and which of the item's
//! pending proposals it adopts (one per provision: the others on that
//! provision are superseded), then types the decision. The decision goes to
//! the journal first; its commits follow, off the drawing thread, through
//! the shared use case. A decision whose commits failed stays a decision
//! that git does not have, shown so, and R tries again.

use super::app::{Action, App, Choice, Effect, Mode};
use crate::group::{Change, Proposal};
use crate::journal::{Event, Outcome};
use crate::resolution::resolve::Target;

impl App {
    /// The item's pending proposals as the dialog lists them, newest first;
    /// the newest on each provision is chosen.
    pub fn choices(&self) -> Vec<Choice> {
        let Some(res) = &self.resolution else { return Vec::new() };
        let mut out: Vec<Choice> = Vec::new();
        for p in self.item_proposals() {
            let targets: Vec<usize> = p
                .changes
                .iter()
                .filter(|c| !matches!(c, Change::Insert { .. }))
                .filter_map(|c| match res.resolve(c.reference()) {
                    Ok(Target::Node(i)) => Some(i.0),
                    _ => None,
                })
                .collect();
            let chosen = !out.iter().any(|c| c.chosen && c.targets.iter().any(|t| targets.contains(t)));
            out.push(Choice {
                label: format!("{} ({})", p.id, p.proponents.join(", ")),
                preview: preview(&p),
                id: p.id.clone(),
                targets,
                chosen,
                brackets: crate::ops::not_agreed(&p),
            });
        }
        out
    }

    pub(super) fn open_decide(&mut self, correcting: Option<String>) {
        let choices = self.choices();
        self.mode = Mode::Decide { outcome: 0, text: String::new(), choices, cursor: 0, typing: false, correcting, vote: None };
    }

    pub(super) fn update_decide(&mut self, action: Action) -> Vec<Effect> {
        let Mode::Decide { outcome, text, choices, cursor, typing, .. } = &mut self.mode else { return Vec::new() };
        match (action, *typing) {
            (Action::OpenVote, _) => self.open_vote(),
            (Action::Cancel, false) => {
                self.mode = Mode::Normal;
            }
            (Action::Cancel, true) => *typing = false,
            (Action::NextChoice, false) => *outcome = (*outcome + 1) % Outcome::ALL.len(),
            (Action::Up, false) => *cursor = cursor.saturating_sub(1),
            (Action::Down, false) => *cursor = (*cursor + 1).min(choices.len().saturating_sub(1)),
            (Action::Toggle | Action::Type(' '), false) => {
                if let Some(c) = choices.get(*cursor).cloned() {
                    let now = !c.chosen;
                    for (k, other) in choices.iter_mut().enumerate() {
                        if k == *cursor {
                            other.chosen = now;
                        } else if now && other.targets.iter().any(|t| c.targets.contains(t)) {
                            // One proposal per provision: choosing one unchooses its competitors.
                            other.chosen = false;
                        }
                    }
                }
            }
            (Action::Confirm, false) => *typing = true,
            // A letter starts the decision's text: nothing typed is lost, and
            // a space in it never unchooses a proposal.
            (Action::Type(c), false) => {
                *typing = true;
                text.push(c);
            }
            (Action::Type(c), true) => text.push(c),
            (Action::Backspace, true) => {
                text.pop();
            }
            (Action::Confirm, true) => return self.record_decision(),
            _ => {}
        }
        Vec::new()
    }

    /// The decision as chosen: refused while a chosen proposal has text in
    /// brackets; *agreed as amended* first opens the editor on the proposal.
    fn record_decision(&mut self) -> Vec<Effect> {
        let Mode::Decide { outcome, text, choices, correcting, vote, .. } = self.mode.clone() else { return Vec::new() };
        let Some(item) = self.session.current.clone() else { return Vec::new() };
        let outcome = Outcome::ALL[outcome];
        let adopting = matches!(outcome, Outcome::Agreed | Outcome::AgreedAsAmended);
        let chosen: Vec<&Choice> = if adopting { choices.iter().filter(|c| c.chosen).collect() } else { Vec::new() };
        let text = text.trim().to_string();
        if outcome == Outcome::AgreedAsAmended && correcting.is_none() {
            let [one] = chosen.as_slice() else {
                self.notice = Some("Agreed as amended: choose the one proposal to amend (space), then Enter.".into());
                self.mode_typing(false);
                return Vec::new();
            };
            return self.amend_then_decide(&one.id, text);
        }
        if let Some(c) = chosen.iter().find(|c| c.brackets.is_some()) {
            self.notice = Some(format!(
                "{} still has {} in square brackets (not agreed): remove the brackets first (E), or choose another.",
                c.id,
                c.brackets.clone().unwrap_or_default()
            ));
            self.mode_typing(false);
            return Vec::new();
        }
        let adopt: Vec<String> = chosen.iter().map(|c| c.id.clone()).collect();
        self.mode = Mode::Normal;
        // Whoever still has the floor when the item is decided took it: the record lists them.
        let floor = self.session.item(&item).and_then(|st| st.floor.clone());
        let mut fx: Vec<Effect> = self.floor_handover(Some(&item), floor.as_ref()).into_iter().collect();
        let event = Event::Decision { item, outcome, text, adopt, vote };
        fx.push(match correcting {
            Some(of) => Effect::Append(Event::Correction { of, with: Some(Box::new(event)), reason: "decision changed".into() }),
            None => Effect::Append(event),
        });
        fx
    }

    fn mode_typing(&mut self, value: bool) {
        if let Mode::Decide { typing, .. } = &mut self.mode {
            *typing = value;
        }
    }

    /// Agreed as amended: the editor opens on the chosen proposal's text; saving it
    /// makes a new proposal that amends it, and the decision adopts that one.
    fn amend_then_decide(&mut self, id: &str, text: String) -> Vec<Effect> {
        let Some(p) = self.all_proposals().into_iter().find(|p| p.id == id) else { return Vec::new() };
        let Some(res) = self.resolution.as_ref() else { return Vec::new() };
        let replace = p.changes.iter().find_map(|c| match c {
            Change::Replace { target, drafted_against, text } => Some((target.clone(), drafted_against.clone(), text.clone())),
            _ => None,
        });
        let (Some((target, base, proposed)), 1) = (replace, p.changes.len()) else {
            self.notice = Some(format!("{id} changes more than one provision: draft the amended text with E, then decide *agreed*."));
            return Vec::new();
        };
        let Ok(Target::Node(idx)) = res.resolve(&target) else { return Vec::new() };
        let node_id = res.node(idx).id.clone();
        self.start_editor(node_id, target, base, proposed, p.proponents.clone());
        if let Some(e) = self.editor.as_mut() {
            e.supporters = p.supporters.clone();
            e.amends = Some(p.id.clone());
            e.then = Some((Outcome::AgreedAsAmended, text));
        }
        self.notice = Some(format!("Amend {id}, then Ctrl-S: the decision adopts the amended text."));
        Vec::new()
    }

    /// The item's drafts that git does not have: not committed, not under
    /// way, and not in the proposals file (a commit whose journal entry a
    /// crash cut off is in the file).
    pub fn unsaved_drafts(&self, item: &str) -> Vec<&crate::journal::Draft> {
        let Some(st) = self.session.item(item) else { return Vec::new() };
        st.drafts
            .iter()
            .filter(|d| d.commit.is_none() && !self.in_flight.contains(&d.entry))
            .filter(|d| !self.proposals.iter().any(|p| p.id == d.proposal))
            .collect()
    }

    /// Tries again every commit of the current item that failed or never happened.
    pub(super) fn retry(&mut self) -> Vec<Effect> {
        let Some(item) = self.session.current.clone() else { return Vec::new() };
        let Some(st) = self.session.item(&item).cloned() else { return Vec::new() };
        let mut fx = Vec::new();
        let unsaved: Vec<(String, crate::group::Proposal)> =
            self.unsaved_drafts(&item).into_iter().filter_map(|d| d.draft.clone().map(|p| (d.entry.clone(), p))).collect();
        for (entry, p) in unsaved {
            fx.push(self.job(&entry, &item, vec![super::app::Step::Save(Box::new(p))]));
        }
        if let Some(d) = st.decision.filter(|d| !d.outstanding().is_empty() && !self.in_flight.contains(&d.entry)) {
            // A draft saved by a job above is found already saved by this one (saving is idempotent).
            let steps = self.adopt_steps(&d.outstanding(), d.outcome, &d.text);
            fx.push(self.job(&d.entry, &item, steps));
        }
        self.notice =
            Some(if fx.is_empty() { "Nothing to try again: git has everything of this item.".into() } else { "Trying again…".into() });
        fx
    }
}

/// A proposal's change on one line, as tracked changes.
fn preview(p: &Proposal) -> Vec<crate::redline::Piece> {
    use crate::redline::{Piece, PieceKind};
    let mut out = Vec::new();
    for c in &p.changes {
        if !out.is_empty() {
            out.push(Piece::new(PieceKind::Same, " · "));
        }
        match c {
            Change::Replace { target, drafted_against, text } => {
                out.push(Piece::new(PieceKind::Same, format!("{target}: ")));
                out.extend(crate::redline::diff_words(drafted_against, text, None).pieces);
            }
            Change::Insert { text, .. } => {
                out.push(Piece::new(PieceKind::Same, format!("new {}: ", c.reference())));
                out.push(Piece::new(PieceKind::Ins, text.clone()));
            }
            Change::Delete { target, drafted_against } => {
                out.push(Piece::new(PieceKind::Same, format!("{target}: ")));
                out.push(Piece::new(PieceKind::Del, drafted_against.clone()));
            }
        }
    }
    out
}
