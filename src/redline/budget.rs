//! The time one command may spend comparing texts, whatever it compares
//! and however deep in the code: a history's steps, the minutes' adopted
//! texts, an annex, two files.
//!
//! A comparison given its own deadline keeps the earlier of the two; one
//! given none (most are: a step of a history, a proposal in the minutes)
//! still stops at the command's. A comparison that stops is shown replaced
//! whole and says so. The CLI sets the deadline once, from the moment the
//! process started, so that reading and parsing count against it too; the
//! room, which runs for hours, sets none.

use std::sync::OnceLock;
use std::time::Instant;

static DEADLINE: OnceLock<Instant> = OnceLock::new();

/// Bounds every comparison made from now on in this process by `deadline`.
/// Only the first call counts: one process runs one command.
pub fn until(deadline: Instant) {
    let _ = DEADLINE.set(deadline);
}

/// The earlier of `given` and the command's deadline, if either is set.
pub fn bounded(given: Option<Instant>) -> Option<Instant> {
    match (given, DEADLINE.get()) {
        (Some(g), Some(d)) => Some(g.min(*d)),
        (g, d) => g.or(d.copied()),
    }
}
