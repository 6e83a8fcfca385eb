//! Commit messages of decisions: a subject that says what happened, the
//! change in wdiff notation, and trailers that ordinary git can query
//! (`git log --format='%(trailers:key=Proposed-by)'`).

/// The trailers gavel writes and reads.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Trailers {
    pub proposal: Option<String>,
    pub proposed_by: Vec<String>,
    pub supported_by: Vec<String>,
    pub meeting: Option<String>,
    pub agenda_item: Option<String>,
    pub decision: Option<String>,
    /// The proposal an amended proposal was drafted from.
    pub amends: Option<String>,
}

impl Trailers {
    /// The trailer block, one `Key: value` a line.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let mut line = |k: &str, v: &str| {
            out.push_str(k);
            out.push_str(": ");
            out.push_str(&v.replace('\n', " "));
            out.push('\n');
        };
        if let Some(p) = &self.proposal {
            line("Proposal", p);
        }
        for p in &self.proposed_by {
            line("Proposed-by", p);
        }
        for s in &self.supported_by {
            line("Supported-by", s);
        }
        if let Some(m) = &self.meeting {
            line("Meeting", m);
        }
        if let Some(i) = &self.agenda_item {
            line("Agenda-item", i);
        }
        if let Some(a) = &self.amends {
            line("Amends", a);
        }
        if let Some(d) = &self.decision {
            line("Decision", d);
        }
        out
    }
}

/// Reads the trailers of a commit message (its last paragraph of `Key: value` lines).
pub fn trailers(message: &str) -> Trailers {
    let mut t = Trailers::default();
    let last = message.trim_end().rsplit("\n\n").next().unwrap_or("");
    for l in last.lines() {
        let Some((k, v)) = l.split_once(": ") else { continue };
        let v = v.trim().to_string();
        match k {
            "Proposal" => t.proposal = Some(v),
            "Proposed-by" => t.proposed_by.push(v),
            "Supported-by" => t.supported_by.push(v),
            "Meeting" => t.meeting = Some(v),
            "Agenda-item" => t.agenda_item = Some(v),
            "Decision" => t.decision = Some(v),
            "Amends" => t.amends = Some(v),
            _ => {}
        }
    }
    t
}

/// `Kenya`, `Kenya and New Zealand`, `Kenya, Botswana and New Zealand`.
pub fn and_list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trailers_round_trip() {
        let t = Trailers {
            proposal: Some("sc78-37-23b".into()),
            proposed_by: vec!["Kenya".into(), "New Zealand".into()],
            supported_by: vec!["Botswana".into()],
            meeting: Some("sc78-session".into()),
            agenda_item: Some("7".into()),
            decision: Some("agreed".into()),
            amends: None,
        };
        let msg = format!("Conf. 11.3: amend 23 b)\n\nBody text.\n\n{}", t.render());
        assert_eq!(trailers(&msg), t);
        assert_eq!(and_list(&["A".into(), "B".into(), "C".into()]), "A, B and C");
    }
}
