//! Renderers that know nothing of terminals: plain-text views of resolutions.

pub mod outline;
