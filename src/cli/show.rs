//! `gavel show RESOLUTION [REFERENCE] [--outline]`.

use std::path::Path;

use super::{CliError, open_at, warn_about};
use crate::render::outline::outline;
use crate::resolution::resolve::Target;
use crate::resolution::write::{display_text, provision_text};
use crate::resolution::{ParagraphRef, ResolutionName};
use crate::workspace::{LookupError, Workspace};

pub fn run(
    repo: Option<&Path>,
    resolution: &str,
    reference: Option<&str>,
    show_outline: bool,
    at: Option<&str>,
    json: bool,
) -> Result<u8, CliError> {
    let name: ResolutionName = resolution.parse().map_err(CliError::user)?;
    let reference: ParagraphRef = reference.unwrap_or("").parse().map_err(CliError::user)?;
    let ws = open_at(repo, at)?;
    let loaded = find(&ws, &name)?;
    warn_about(&ws, &loaded.path);
    let res = &loaded.value;
    if json {
        let target = res.resolve(&reference).map_err(CliError::user)?;
        super::json::print(&super::json::show(res, target, show_outline))?;
        return Ok(0);
    }
    let text = if show_outline {
        outline(res)
    } else {
        match res.resolve(&reference).map_err(CliError::user)? {
            Target::Whole => display_text(res),
            Target::Node(idx) => provision_text(res, idx),
        }
    };
    super::output::lines(&res.display_name(), text)?;
    Ok(0)
}

/// Looks a resolution up; when it is missing because its file is broken,
/// says so.
pub(super) fn find<'a>(
    ws: &'a Workspace,
    name: &ResolutionName,
) -> Result<&'a crate::workspace::Loaded<crate::resolution::Resolution>, CliError> {
    ws.resolution(name).map_err(|e| {
        let mut msg = e.to_string();
        if matches!(e, LookupError::Unknown { .. }) {
            let broken: Vec<String> = ws
                .diagnostics
                .iter()
                .filter(|d| d.is_error() && d.path.extension().is_some_and(|x| x == "txt"))
                .map(|d| format!("\n  {d}"))
                .collect();
            if !broken.is_empty() {
                msg.push_str("\nthese resolution files could not be read:");
                msg.extend(broken);
                // The resolution may be among them: the data is broken, not the question.
                return CliError::data(msg);
            }
        }
        CliError::user(msg)
    })
}
