//! Checks across files: proposals aimed at provisions that exist, members
//! that exist, agendas whose times and references hold together.

mod meeting;

use std::collections::HashMap;

use super::{Loaded, PROPOSALS_SUFFIX, Workspace};
use crate::diag::Diagnostic;
use crate::group::Anchor;
use crate::group::{Change, ProposalFile, WorkingGroup};
use crate::json::{Seg, locate};
use crate::resolution::Resolution;
use crate::resolution::resolve::Target;

use Seg::{Index, Key};

impl Workspace {
    pub(super) fn check(&mut self) {
        let mut found = Vec::new();
        self.check_resolution_files(&mut found);
        for p in &self.proposals {
            self.check_proposals(p, &mut found);
        }
        for (id, g) in &self.groups {
            self.check_group(id, g, &mut found);
        }
        for m in &self.meetings {
            self.check_meeting(m, &mut found);
        }
        self.diagnostics.extend(found);
    }

    fn check_resolution_files(&self, found: &mut Vec<Diagnostic>) {
        let mut by_symbol: HashMap<_, &Loaded<Resolution>> = HashMap::new();
        for r in &self.resolutions {
            let sym = r.value.header.symbol;
            if let Some(first) = by_symbol.get(&sym) {
                found.push(
                    Diagnostic::error(&r.path, 1, 1, format!("{sym} is also in {}", first.path.display()))
                        .hint("keep one file per resolution; earlier texts are in git history"),
                );
            } else {
                by_symbol.insert(sym, r);
            }
            let expected = format!("{}.txt", sym.slug());
            if r.path.file_name().and_then(|n| n.to_str()) != Some(expected.as_str()) {
                found.push(
                    Diagnostic::warning(&r.path, 1, 1, format!("the file of {sym} is usually named `{expected}`"))
                        .hint(format!("rename it to `{expected}` so that tags and proposals line up")),
                );
            }
        }
    }

    fn check_proposals(&self, p: &Loaded<ProposalFile>, found: &mut Vec<Diagnostic>) {
        let at = |path: &[Seg]| locate(&p.source, path);
        let err = |path: &[Seg], msg: String| {
            let (l, c) = at(path);
            Diagnostic::error(&p.path, l, c, msg)
        };
        let res = match self.resolution(&crate::resolution::ResolutionName { revision: None, ..p.value.resolution }) {
            Ok(r) => &r.value,
            Err(_) if self.resolution_unreadable(&p.value.resolution) => return,
            Err(e) => {
                found.push(err(&[Key("resolution")], e.to_string()).hint("name a resolution that is in resolutions/"));
                return;
            }
        };
        let expected = format!("{}{PROPOSALS_SUFFIX}", res.header.symbol.slug());
        if p.path.file_name().and_then(|n| n.to_str()) != Some(expected.as_str()) {
            found.push(Diagnostic::warning(&p.path, 1, 1, format!("proposals on {} are usually in `{expected}`", res.header.symbol)));
        }
        self.check_competing(p, res, found);
        let mut ids: HashMap<&str, usize> = HashMap::new();
        for (i, prop) in p.value.proposals.iter().enumerate() {
            let base = [Key("proposals"), Index(i)];
            let path = |rest: &[Seg]| -> Vec<Seg> { base.iter().cloned().chain(rest.iter().cloned()).collect() };
            if let Some(first) = ids.insert(&prop.id, i) {
                found.push(
                    err(&path(&[Key("id")]), format!("proposal id `{}` is used twice (also by proposal {})", prop.id, first + 1))
                        .hint("give every proposal its own id"),
                );
            }
            if let (Some(want), Some(have)) = (prop.revision, res.header.revision)
                && want != have
            {
                let (l, c) = at(&path(&[Key("revision")]));
                found.push(
                    Diagnostic::warning(
                        &p.path,
                        l,
                        c,
                        format!("proposal `{}` was drafted against {want}; the text here is {have}", prop.id),
                    )
                    .hint("check each change against the text in force"),
                );
            }
            let group = prop.group.as_deref().and_then(|g| self.group(g));
            if let Some(g) = prop.group.as_deref().filter(|g| !self.group_exists(g)) {
                found.push(err(&path(&[Key("group")]), format!("no working group `{g}` in agendas/")).hint("name a folder of agendas/"));
            }
            if prop.proponents.is_empty() {
                found.push(
                    err(&path(&[Key("proponents")]), format!("proposal `{}` has no proponent", prop.id)).hint("name who proposed it"),
                );
            }
            if let Some(g) = group {
                for (field, names) in [("proponents", &prop.proponents), ("supporters", &prop.supporters)] {
                    let field = if field == "proponents" { Key("proponents") } else { Key("supporters") };
                    for (k, name) in names.iter().enumerate() {
                        if g.value.member(name).is_none() {
                            found.push(
                                err(
                                    &path(&[field.clone(), Index(k)]),
                                    format!("`{name}` is not a member of {}", prop.group.as_deref().unwrap_or_default()),
                                )
                                .hint(suggest_member(&g.value, name)),
                            );
                        }
                    }
                }
            }
            // Only a pending proposal is checked against the text in force: an
            // adopted one changed that text itself, and a rejected one no longer matters.
            if prop.status != crate::group::Status::Pending {
                continue;
            }
            for (k, change) in prop.changes.iter().enumerate() {
                let cpath = path(&[Key("changes"), Index(k)]);
                for (at, text) in change.texts() {
                    let mut tpath = cpath.clone();
                    for i in &at {
                        tpath.extend([Key("children"), Index(*i)]);
                    }
                    tpath.push(Key("text"));
                    for (offset, what, fix) in crate::group::text_problems(text) {
                        let (l, c) = crate::json::locate_in_string(&p.source, &tpath, text, offset);
                        found.push(Diagnostic::error(&p.path, l, c, format!("proposal `{}`: the text has {what}", prop.id)).hint(fix));
                    }
                }
                let field = match change {
                    Change::Replace { .. } | Change::Delete { .. } => Key("target"),
                    Change::Insert { anchor: Anchor::Before(_), .. } => Key("before"),
                    Change::Insert { anchor: Anchor::After(_), .. } => Key("after"),
                };
                let fpath: Vec<Seg> = cpath.iter().cloned().chain([field]).collect();
                match res.resolve(change.reference()) {
                    Err(e) => found.push(
                        err(&fpath, format!("proposal `{}` is aimed at a provision that does not exist: {e}", prop.id))
                            .hint("aim it at a provision of the text in force (`gavel show RESOLUTION --outline` lists them)"),
                    ),
                    Ok(Target::Whole) => {
                        found.push(err(&fpath, format!("proposal `{}`: a change must name a provision, not the whole resolution", prop.id)))
                    }
                    Ok(Target::Node(idx)) => {
                        if let Change::Replace { drafted_against, .. } | Change::Delete { drafted_against, .. } = change
                            && res.node(idx).text != *drafted_against
                        {
                            let dpath: Vec<Seg> = cpath.iter().cloned().chain([Key("drafted_against")]).collect();
                            let (l, c) = at(&dpath);
                            found.push(
                                Diagnostic::warning(
                                    &p.path,
                                    l,
                                    c,
                                    format!(
                                        "proposal `{}` is stale: {} has changed since it was drafted",
                                        prop.id,
                                        change.reference().describe()
                                    ),
                                )
                                .hint("redraft the change against the text in force, or withdraw it"),
                            );
                        }
                    }
                }
            }
        }
    }

    fn check_group(&self, id: &str, g: &Loaded<WorkingGroup>, found: &mut Vec<Diagnostic>) {
        let err = |path: &[Seg], msg: String| {
            let (l, c) = locate(&g.source, path);
            Diagnostic::error(&g.path, l, c, msg)
        };
        let mut names: HashMap<String, usize> = HashMap::new();
        for (i, m) in g.value.members.iter().enumerate() {
            for n in std::iter::once(&m.name).chain(m.short_name.iter()) {
                if let Some(first) = names.insert(n.to_lowercase(), i)
                    && first != i
                {
                    found.push(
                        err(&[Key("members"), Index(i), Key("name")], format!("`{n}` names two members (also member {})", first + 1))
                            .hint("every member needs a name (and short name) of its own"),
                    );
                }
            }
        }
        use crate::group::Role;
        let can_chair = [Role::Chair, Role::CoChair, Role::Secretariat].into_iter().any(|r| g.value.with_role(r).next().is_some());
        if !can_chair {
            found.push(
                Diagnostic::warning(
                    &g.path,
                    1,
                    1,
                    format!("nobody in group `{id}` can preside: no chair, co-chair or convening secretariat"),
                )
                .hint("give a member `\"roles\": [\"co-chair\"]`"),
            );
        }
        if !g.value.mandate.is_written() {
            found.push(
                Diagnostic::warning(
                    &g.path,
                    locate(&g.source, &[Key("mandate")]).0,
                    1,
                    format!("the mandate of group `{id}` is still to be written"),
                )
                .hint("write the Decision's number, title, text and topics in group.json's `mandate` (README, Starting a group)"),
            );
        }
        for (i, t) in g.value.mandate.topics.iter().enumerate() {
            let ok = crate::resolution::label::split_label(&t.label).is_some_and(|l| l.len == t.label.len());
            if !ok {
                found.push(
                    err(&[Key("mandate"), Key("topics"), Index(i), Key("label")], format!("`{}` is not a label", t.label))
                        .hint("write topic labels as in the Decision: `a)`, `b)`"),
                );
            }
        }
        for (i, r) in g.value.resolutions.iter().enumerate() {
            if self.resolution_unreadable(r) {
                continue;
            }
            if let Err(e) = self.resolution(r) {
                found.push(err(&[Key("resolutions"), Index(i)], e.to_string()));
            }
        }
    }
}

fn suggest_member(g: &WorkingGroup, name: &str) -> String {
    let lower = name.to_lowercase();
    let close: Vec<&str> = g
        .members
        .iter()
        .filter(|m| {
            let n = m.name.to_lowercase();
            n.contains(&lower) || lower.contains(&n) || n.split_whitespace().next() == lower.split_whitespace().next()
        })
        .map(|m| m.name.as_str())
        .take(3)
        .collect();
    if close.is_empty() {
        "use the name as it is in the group's membership (group.json)".into()
    } else {
        format!("did you mean {}?", close.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(" or "))
    }
}
