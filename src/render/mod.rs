//! Documents and their printers, knowing nothing of terminals or git: every
//! command's output is built as one `document::Document` and written by the
//! printer of its format (`print`).

pub mod annex;
pub mod changes;
pub mod document;
pub mod inline;
pub mod outline;
pub mod print;
pub mod tracked;

pub use document::{Document, Element};
pub use print::{Format, Options};
