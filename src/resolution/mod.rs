//! Resolutions: the document model, its text format, and references into it.

pub mod identity;
pub mod label;
pub mod model;
pub mod parse;
pub mod reference;
pub mod resolve;
pub mod symbol;
pub mod write;

pub use label::{Label, LabelKind, LabelStyle};
pub use model::{Header, Node, NodeId, NodeIdx, NodeKind, OPERATIVE_MARKER, Resolution};
pub use parse::{Parsed, parse};
pub use reference::{ParagraphRef, SubLabel};
pub use resolve::NotFound;
pub use symbol::{ResolutionName, Revision, Symbol};
