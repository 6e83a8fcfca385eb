//! From session to paper: the summary record of a meeting and the working
//! group's report, built from the journal, the agenda and the proposals.

mod adopted;
pub mod doc;
pub mod minutes;
pub mod report;

pub use doc::{Doc, Element};
pub use minutes::{Minutes, Sources, minutes};
pub use report::report;
