//! A mandate written as the Decision reads (`gavel init --mandate-file`):
//!
//! ```text
//! Decision 19.66: Review of Resolution Conf. 11.3 (Rev. CoP19)
//!
//! taking into account any revisions adopted at CoP19, the Standing Committee shall consider …:
//! a) the role of professional bodies …;
//! b) whether to consider additional guidance …
//!
//! The Standing Committee may also identify additional gaps …
//! ```
//!
//! The first line names the Decision and its title; the text before the first
//! lettered topic is the chapeau, the text after the last one the closing.
//! A topic's text may run on over several lines (as copied from a PDF).

use super::{Mandate, Topic};

/// Why a mandate text could not be read: its line and what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct MandateError {
    pub line: u32,
    pub message: String,
}

impl Mandate {
    /// A mandate still to be written: `gavel check` says so until it is.
    pub fn unwritten() -> Mandate {
        Mandate { decision: String::new(), title: String::new(), chapeau: String::new(), topics: Vec::new(), closing: None }
    }

    /// False for a mandate still to be written (no Decision and no text).
    pub fn is_written(&self) -> bool {
        !(self.decision.trim().is_empty() && self.chapeau.trim().is_empty() && self.topics.is_empty())
    }

    /// Reads a mandate written as the Decision reads (see the module's documentation).
    pub fn from_text(text: &str) -> Result<Mandate, MandateError> {
        let mut lines = text.lines().enumerate().map(|(i, l)| (i as u32 + 1, l.trim())).filter(|(_, l)| !l.is_empty());
        let Some((n, first)) = lines.next() else {
            return Err(MandateError {
                line: 1,
                message: "the mandate is empty: write the Decision's number and title on the first line, then its text".into(),
            });
        };
        let Some(rest) = first.strip_prefix("Decision ") else {
            return Err(MandateError {
                line: n,
                message: format!("`{}` does not name a Decision: begin with `Decision 19.66: <its title>`", crate::safe::visible(first)),
            });
        };
        let (decision, title) = match rest.split_once([':', '\u{2013}', '\u{2014}']) {
            Some((d, t)) => (d.trim().trim_end_matches(['-', ' ']).to_string(), t.trim().to_string()),
            None => (rest.trim().to_string(), String::new()),
        };
        if decision.is_empty() || !decision.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            return Err(MandateError { line: n, message: "the Decision's number is missing: `Decision 19.66: <its title>`".into() });
        }
        let (mut chapeau, mut topics, mut closing) = (String::new(), Vec::<Topic>::new(), String::new());
        let mut blank_after_topic = false;
        let mut last = n;
        for (i, l) in text.lines().enumerate().skip(n as usize) {
            let l = l.trim();
            if l.is_empty() {
                blank_after_topic = !topics.is_empty();
                continue;
            }
            last = i as u32 + 1;
            let label = crate::resolution::label::split_label(l)
                .filter(|x| x.len < l.len() && x.style != crate::resolution::label::LabelStyle::Dot);
            if let Some(x) = label {
                if !closing.is_empty() {
                    return Err(MandateError {
                        line: last,
                        message: format!("topic `{}` comes after the closing text: the topics are one list", l[..x.len].trim()),
                    });
                }
                topics.push(Topic { label: l[..x.len].trim().to_string(), text: l[x.len..].trim().to_string() });
                blank_after_topic = false;
            } else {
                let into = match topics.last_mut() {
                    None => &mut chapeau,
                    Some(t) if !blank_after_topic && closing.is_empty() => &mut t.text,
                    Some(_) => &mut closing,
                };
                if !into.is_empty() {
                    into.push(' ');
                }
                into.push_str(l);
            }
        }
        if chapeau.is_empty() && topics.is_empty() {
            return Err(MandateError { line: last, message: "the mandate has no text after the Decision's line".into() });
        }
        Ok(Mandate { decision, title, chapeau, topics, closing: (!closing.is_empty()).then_some(closing) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The mandate of the bundled group, written as its Decision reads, gives the bundled mandate.
    #[test]
    fn reads_decision_19_66_as_bundled() {
        let group: super::super::WorkingGroup =
            serde_json::from_str(crate::bundled::file("agendas/sc78-wg-11-3/group.json").unwrap().text).unwrap();
        let m = &group.mandate;
        let mut text = format!("Decision {}: {}\n\n{}\n", m.decision, m.title, m.chapeau);
        for t in &m.topics {
            // The first topic's text runs on over two lines, as copied from a PDF.
            match t.text.split_once(" and whether ") {
                Some((a, b)) => text.push_str(&format!("{} {a}\n  and whether {b}\n", t.label)),
                None => text.push_str(&format!("{} {}\n", t.label, t.text)),
            }
        }
        text.push_str(&format!("\n{}\n", m.closing.as_deref().unwrap()));
        assert_eq!(&Mandate::from_text(&text).unwrap(), m);
    }

    #[test]
    fn says_where_a_mandate_is_wrong() {
        assert_eq!(Mandate::from_text("\n\n").unwrap_err().line, 1);
        let e = Mandate::from_text("\nReview of 12.3\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("Decision 19.66"), "{e}");
        let e = Mandate::from_text("Decision 20.1: T\nchapeau:\na) one\n\nclosing\nb) two\n").unwrap_err();
        assert_eq!(e.line, 6, "{e}");
        assert!(Mandate::from_text("Decision 20.1: T\n").is_err());
        assert!(!Mandate::unwritten().is_written());
        let m = Mandate::from_text("Decision 20.1 \u{2013} Title\nThe Standing Committee shall review the text.\n").unwrap();
        assert_eq!((m.decision.as_str(), m.title.as_str(), m.topics.len()), ("20.1", "Title", 0));
    }
}
