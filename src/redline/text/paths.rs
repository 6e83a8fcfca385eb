//! The ways through the comparison, counted in tests so that a test can
//! show each was taken (and compiled to nothing otherwise).

use std::sync::atomic::{AtomicUsize, Ordering};

pub const WHOLE_GRID: usize = 0;
pub const ANCHORED: usize = 1;
pub const STRETCH_IN_PLACE: usize = 2;
pub const STRETCH_GRID: usize = 3;
pub const BY_POSITION: usize = 4;
pub const MOVED_SAME: usize = 5;
pub const MOVED_SIMILAR: usize = 6;
pub const WORDS_TWO_THREADS: usize = 7;
pub const WORDS_ONE_THREAD: usize = 8;
pub const ANCHORS_SEARCHED: usize = 9;
pub const STRETCHES_TWO_THREADS: usize = 10;
pub const ALL: usize = 11;

pub static TAKEN: [AtomicUsize; ALL] = [const { AtomicUsize::new(0) }; ALL];

pub fn take(path: usize) {
    TAKEN[path].fetch_add(1, Ordering::Relaxed);
}
