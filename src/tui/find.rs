//! Moving around the text: `g` (or `:`) goes to a provision cited as the
//! CLI takes it ("23 b)", "13(a)(iv)", "preamble 5", "IX"), with the CLI's
//! message when the text has no such provision; `/` searches the text (with
//! the item's proposals in place, as shown), `n` and `N` go to the next and
//! the previous match.

use super::app::{Action, App, Effect, Mode, Pane};
use crate::redline::new_text;
use crate::resolution::ParagraphRef;
use crate::resolution::resolve::Target;

impl App {
    pub(super) fn open_find(&mut self, search: bool) {
        self.mode = Mode::Find { query: String::new(), search };
    }

    pub(super) fn update_find(&mut self, action: Action) -> Vec<Effect> {
        let Mode::Find { query, search } = &mut self.mode else { return Vec::new() };
        match action {
            Action::Type(c) => query.push(c),
            Action::Backspace => {
                query.pop();
            }
            Action::Cancel => self.mode = Mode::Normal,
            Action::Confirm => {
                let (query, search) = (query.trim().to_string(), *search);
                self.mode = Mode::Normal;
                if search {
                    self.search = (!query.is_empty()).then_some(query);
                    self.next_match(true);
                } else {
                    self.go_to(&query);
                }
            }
            _ => {}
        }
        Vec::new()
    }

    /// Selects the provision `reference` cites, or says why it cannot.
    pub(super) fn go_to(&mut self, reference: &str) {
        let found = (|| -> Result<usize, String> {
            let r: ParagraphRef = reference.parse().map_err(|e: crate::resolution::reference::RefSyntaxError| e.to_string())?;
            let res = self.resolution.as_ref().ok_or("there is no resolution in this room")?;
            let id = match res.resolve(&r).map_err(|e| e.to_string())? {
                Target::Whole => return Ok(0),
                Target::Node(i) => &res.node(i).id,
            };
            // A provision a proposal deletes is still shown, struck through.
            self.blocks.iter().position(|b| &b.id == id).ok_or_else(|| format!("{} is not shown", r.describe()))
        })();
        match found {
            Ok(k) => {
                self.focus = Pane::Resolution;
                self.resolution_selected = k;
                self.notice = None;
            }
            Err(e) => self.notice = Some(e),
        }
    }

    /// The provisions whose text (as shown, label included) holds the search, ignoring case.
    pub fn matches_of(&self, query: &str) -> Vec<usize> {
        let q = query.to_lowercase();
        let shown = |k: usize| {
            let b = &self.blocks[k];
            format!("{} {}", new_text(&b.label), crate::redline::old_text(&b.text) + " " + &new_text(&b.text)).to_lowercase()
        };
        (0..self.blocks.len()).filter(|&k| shown(k).contains(&q)).collect()
    }

    /// Goes to the next (or previous) provision that holds the last search, round the end.
    pub(super) fn next_match(&mut self, forward: bool) {
        let Some(q) = self.search.clone() else {
            self.notice = Some("Nothing searched yet: / searches the text.".into());
            return;
        };
        let found = self.matches_of(&q);
        let at = self.resolution_selected;
        let next = if forward {
            found.iter().find(|&&k| k > at).or(found.first())
        } else {
            found.iter().rev().find(|&&k| k < at).or(found.last())
        };
        match next {
            Some(&k) => {
                self.focus = Pane::Resolution;
                self.resolution_selected = k;
                let n = found.iter().position(|&x| x == k).unwrap_or(0) + 1;
                self.notice = Some(format!("“{q}”: {n} of {} (n next, N previous)", found.len()));
            }
            None => self.notice = Some(format!("“{q}” is not in the text.")),
        }
    }
}
