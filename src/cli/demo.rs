//! `gavel demo [DIR]`.

use std::path::Path;

use super::{CliError, emit};

pub fn run(dir: Option<&Path>) -> Result<u8, CliError> {
    let made = crate::demo::create(dir)?;
    let p = made.path.display();
    emit(&format!(
        "Created the demo working-group repository at {p}\n  \
         {} commits on main; tags {}\n\n\
         Try:\n  gavel --repo {p} show \"Conf. 11.3\" \"23 b)\"\n  \
         gavel --repo {p} show \"Conf. 11.3\" --outline\n  \
         gavel --repo {p} proposals \"Conf. 11.3\"\n  \
         gavel --repo {p} check\n\
         (from the source tree: cargo run --release -- --repo {p} …)\n",
        made.commits,
        made.tags.join(", ")
    ))?;
    // On a terminal, the demo goes on into the meeting room of the SC78 working group.
    if std::io::IsTerminal::is_terminal(&std::io::stdout()) && std::io::IsTerminal::is_terminal(&std::io::stdin()) {
        return super::room(Some(&made.path), None);
    }
    Ok(0)
}
