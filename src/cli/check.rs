//! `gavel check [PATH]`: every finding in the repository; status 0 only when
//! there is no error, 1 when there are.

use std::path::Path;

use super::{CliError, emit, open};

pub fn run(path: Option<&Path>) -> Result<u8, CliError> {
    let ws = open(path)?;
    let mut out = String::new();
    for d in &ws.diagnostics {
        out.push_str(&d.to_string());
        out.push('\n');
    }
    let errors = ws.errors();
    let warnings = ws.diagnostics.len() - errors;
    let files = ws.resolutions.len() + ws.proposals.len() + ws.groups.len() + ws.meetings.len();
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    out.push_str(&format!(
        "{}: {} read; {}, {}\n",
        std::path::absolute(&ws.root).unwrap_or_else(|_| ws.root.clone()).display(),
        plural(files, "file"),
        plural(errors, "error"),
        plural(warnings, "warning")
    ));
    emit(&out)?;
    Ok(if errors == 0 { 0 } else { 1 })
}
