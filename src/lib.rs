//! gavel: the meeting room, tracked-change engine and git-backed record of
//! intergovernmental working groups.
//!
//! The domain modules know nothing of terminals: [`resolution`] (the document
//! model and its text format), [`group`] (membership, mandates, agendas,
//! proposals), [`workspace`] (a working-group repository on disk and its
//! checks), [`store`] (git). The [`cli`] sits on top.

/// Serde through `FromStr`/`Display` for types written as strings in JSON
/// (`"Conf. 11.3"`, `"13:00"`), so that a bad value is reported by serde_json
/// with its line and column.
macro_rules! string_conversions {
    ($t:ty) => {
        impl TryFrom<String> for $t {
            type Error = String;
            fn try_from(s: String) -> Result<Self, String> {
                s.parse()
            }
        }
        impl From<$t> for String {
            fn from(v: $t) -> String {
                v.to_string()
            }
        }
    };
}

#[cfg(target_os = "linux")]
pub mod alloc;
pub mod bundled;
pub mod cli;
pub mod clock;
pub mod demo;
pub mod diag;
pub mod fresh;
pub mod fsx;
pub mod group;
pub mod import;
pub mod journal;
pub mod json;
pub mod ops;
pub mod record;
pub mod redline;
pub mod render;
pub mod resolution;
pub mod safe;
pub mod source;
pub mod store;
pub mod tui;
pub mod workspace;
