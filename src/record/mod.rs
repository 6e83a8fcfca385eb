//! From session to paper: the summary record of a meeting and the working
//! group's report, built from the journal, the agenda and the proposals.

mod adopted;
pub mod minutes;
pub mod report;

pub use crate::render::document::{Document as Doc, Element};
pub use minutes::{Minutes, Sources, minutes};
pub use report::{Before, report};
