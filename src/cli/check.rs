//! `gavel check [PATH]`: every finding in the repository; status 0 only when
//! there is no error, 1 when there are.

use std::path::Path;

use super::{CliError, open};

pub fn run(path: Option<&Path>, json: bool) -> Result<u8, CliError> {
    let mut ws = open(path)?;
    let inferred = inferred_identities(&ws);
    ws.diagnostics.extend(inferred);
    ws.diagnostics.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
    let errors = ws.errors();
    let warnings = ws.diagnostics.len() - errors;
    let files = ws.resolutions.len() + ws.proposals.len() + ws.groups.len() + ws.meetings.len();
    let root = std::path::absolute(&ws.root).unwrap_or_else(|_| ws.root.clone()).display().to_string();
    if json {
        super::json::print(&super::json::CheckView {
            schema: "gavel.check/1",
            root,
            files,
            errors,
            warnings,
            findings: ws.diagnostics.iter().map(super::json::FindingView::of).collect(),
        })?;
        return Ok(if errors == 0 { 0 } else { 1 });
    }
    let mut out = String::new();
    for d in &ws.diagnostics {
        out.push_str(&d.to_string());
        out.push('\n');
    }
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    out.push_str(&format!("{root}: {} read; {}, {}\n", plural(files, "file"), plural(errors, "error"), plural(warnings, "warning")));
    super::output::lines("gavel check", out)?;
    Ok(if errors == 0 { 0 } else { 1 })
}

/// Where a resolution was relettered by hand since the last commit and gavel
/// had to infer which provision is which by their words: a warning at each
/// such provision, suggesting the marker that says it. Outside git, none.
fn inferred_identities(ws: &crate::workspace::Workspace) -> Vec<crate::diag::Diagnostic> {
    let mut out = Vec::new();
    if !ws.root.ancestors().any(|d| d.join(".git").exists()) {
        return out;
    }
    let Ok(store) = crate::store::Store::open(&ws.root) else { return out };
    let Ok(head) = store.workspace_at("HEAD", &ws.root) else { return out };
    // A file with errors (labels out of sequence, say) is to be corrected first: no guessing on it.
    for now in ws.resolutions.iter().filter(|r| !ws.diagnostics.iter().any(|d| d.path == r.path && d.is_error())) {
        let name = crate::resolution::ResolutionName { symbol: now.value.header.symbol, revision: None };
        let Ok(then) = head.resolution(&name) else { continue };
        for (id, was) in crate::resolution::identity::infer(&then.value, &now.value) {
            let (Some(was), Some(i)) = (was, now.value.by_id(&id)) else { continue };
            let Some(w) = then.value.by_id(&was) else { continue };
            let node = now.value.node(i);
            out.push(
                crate::diag::Diagnostic::warning(
                    &now.path,
                    node.line,
                    1,
                    format!(
                        "{} was {} at the last commit (gavel followed it by its words, as no identity marker says so)",
                        now.value.address(i),
                        then.value.address(w)
                    ),
                )
                .hint(format!("write `{{#{was}}}` at the end of its line, so that history and sync need not infer it")),
            );
        }
    }
    out
}
