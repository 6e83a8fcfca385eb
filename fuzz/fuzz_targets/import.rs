//! Any bytes as a resolution to import (a Word file when they start as a zip
//! does, text otherwise) and as a Party's Word reply to Conf. 11.3: the
//! readers never panic, never overflow their stack, and a resolution
//! imported with no problem left is one gavel's own parser reads without an
//! error.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::resolution(data, "fuzz");
    if data.starts_with(b"PK") {
        common::reply(data);
    }
});
