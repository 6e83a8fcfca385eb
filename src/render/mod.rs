//! Renderers that know nothing of terminals: plain-text views of resolutions.

pub mod annex;
pub mod docx;
pub mod inline;
pub mod outline;
pub mod text_diff;
pub mod tracked;
