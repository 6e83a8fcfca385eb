//! gavel: the meeting room, tracked-change engine and git-backed record of
//! intergovernmental working groups.
//!
//! The domain modules know nothing of terminals: [`resolution`] (the document
//! model and its text format), [`group`] (membership, mandates, agendas,
//! proposals), [`workspace`] (a working-group repository on disk and its
//! checks), [`store`] (git). The [`cli`] sits on top.

pub mod diag;
pub mod group;
pub mod json;
pub mod render;
pub mod resolution;
pub mod source;
pub mod workspace;
pub mod bundled;
pub mod cli;
pub mod demo;
pub mod fsx;
pub mod store;
