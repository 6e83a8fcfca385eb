//! `check`: pending proposals that compete (change the same provision, or
//! insert at the same place): only one of them can be adopted as it is.

use super::{Loaded, Workspace};
use crate::diag::Diagnostic;
use crate::group::ProposalFile;
use crate::json::Seg::{Index, Key};
use crate::json::locate;
use crate::resolution::Resolution;

impl Workspace {
    /// Pending proposals that change, or insert at, the same place: the
    /// later one in the file could only be adopted instead of the earlier.
    pub(super) fn check_competing(&self, p: &Loaded<ProposalFile>, res: &Resolution, found: &mut Vec<Diagnostic>) {
        let pending: Vec<&crate::group::Proposal> =
            p.value.proposals.iter().filter(|x| x.status == crate::group::Status::Pending).collect();
        let applied = crate::redline::amend::apply(res, pending);
        for (prop, problems) in &applied.not_applied {
            let Some(i) = p.value.proposals.iter().position(|x| x.id == prop.id) else { continue };
            for problem in problems {
                if let crate::redline::amend::Problem::Competing { .. } | crate::redline::amend::Problem::SamePlace { .. } = problem {
                    let (l, c) = locate(&p.source, &[Key("proposals"), Index(i), Key("changes")]);
                    found.push(
                        Diagnostic::warning(&p.path, l, c, format!("proposal `{}` {problem}", prop.id))
                            .hint("only one can be adopted as it is: withdraw one, or merge them into one proposal"),
                    );
                }
            }
        }
    }
}
