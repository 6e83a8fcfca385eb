//! The process's memory allocator: the system's, except that large blocks
//! are mapped on their own, aligned to 2 MiB and offered to the kernel's
//! transparent huge pages.
//!
//! Why (measured on `gavel diff --text` of two 2 MB texts, 2-core machine):
//! the process touched about 3,900 fresh 4 KiB pages, and the page faults
//! that brought them in (trap, page allocation, zeroing, accounting) were a
//! third of its 22 ms. Most of those pages are a few large blocks: the two
//! files read whole, the paragraph tables, the output. glibc maps a large
//! block at an address 16 bytes past a page boundary, so the kernel can
//! never back it with a 2 MiB page; a block mapped at a 2 MiB boundary and
//! marked `MADV_HUGEPAGE` is faulted in once per 2 MiB instead of once per
//! 4 KiB. mimalloc, tried first, cut the faults as far but doubled peak
//! memory (40 MB against git's 10.5 MB: every segment on huge pages); here
//! only blocks of at least [`LARGE`] are rounded up, so at most one part
//! page per large block is added.
//!
//! Where the kernel has no huge pages (turned off, or none free), the
//! mapping is an ordinary one: correct, only not faster. Small blocks, and
//! anything a test or a library allocates below [`LARGE`], are the
//! system's.

use std::alloc::{GlobalAlloc, Layout, System};
use std::ptr;

/// Asks glibc's allocator to take memory from the system 8 MiB ahead
/// rather than just enough: call first thing in `main`, before any thread.
///
/// Why: a thread's arena (the word diffs and the reading of a second text
/// run on one) is made writable in steps of what each allocation lacks, one
/// `mprotect` each: 363 of them on a 2 MB comparison, a few milliseconds in
/// the kernel. With the pad an arena starts 8 MiB writable (the main heap
/// grows 8 MiB at a time); untouched pages take no memory, so peak memory
/// is unchanged (measured: 19.2 MB before, 19.0 MB after).
pub fn tune() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: sets one of glibc's allocator parameters; no memory is touched.
    unsafe {
        libc::mallopt(libc::M_TOP_PAD, 8 << 20);
    }
}

/// Blocks of at least this size are mapped on their own.
pub const LARGE: usize = 1 << 20;

/// A transparent huge page on x86-64 and most arm64 kernels.
const HUGE: usize = 2 << 20;

/// The system allocator, with large blocks on their own huge-page mappings.
pub struct Allocator;

fn large(layout: &Layout) -> bool {
    layout.size() >= LARGE && layout.align() <= HUGE
}

/// What is mapped for a large block of `size` bytes: whole huge pages.
fn mapped(size: usize) -> usize {
    size.next_multiple_of(HUGE)
}

/// Maps `len` bytes (a multiple of [`HUGE`]) at a [`HUGE`] boundary.
///
/// # Safety
/// `len` must be a non-zero multiple of [`HUGE`].
unsafe fn map(len: usize) -> *mut u8 {
    // One huge page more than asked, so that an aligned start lies inside;
    // the parts before and after it are given back at once.
    let Some(over) = len.checked_add(HUGE) else { return ptr::null_mut() };
    // SAFETY: an anonymous private mapping at an address the kernel chooses.
    let p =
        unsafe { libc::mmap(ptr::null_mut(), over, libc::PROT_READ | libc::PROT_WRITE, libc::MAP_PRIVATE | libc::MAP_ANONYMOUS, -1, 0) };
    if p == libc::MAP_FAILED {
        return ptr::null_mut();
    }
    let start = p as usize;
    let aligned = start.next_multiple_of(HUGE);
    let (before, after) = (aligned - start, over - (aligned - start) - len);
    // SAFETY: both ranges lie inside the mapping just made and outside the block returned.
    unsafe {
        if before > 0 {
            libc::munmap(p, before);
        }
        if after > 0 {
            libc::munmap((aligned + len) as *mut libc::c_void, after);
        }
        // Advice only: where it fails, the pages are ordinary ones.
        libc::madvise(aligned as *mut libc::c_void, len, libc::MADV_HUGEPAGE);
    }
    aligned as *mut u8
}

// SAFETY: large blocks are whole private mappings, used by one owner until
// `dealloc` unmaps exactly what `alloc` mapped (the same layout, so the same
// rounded length); everything else is the system allocator's.
unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if large(&layout) {
            // SAFETY: a non-zero multiple of HUGE.
            unsafe { map(mapped(layout.size())) }
        } else {
            // SAFETY: the caller's layout, passed on.
            unsafe { System.alloc(layout) }
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if large(&layout) {
            // A fresh anonymous mapping reads as zeroes already.
            // SAFETY: as in `alloc`.
            unsafe { map(mapped(layout.size())) }
        } else {
            // SAFETY: the caller's layout, passed on.
            unsafe { System.alloc_zeroed(layout) }
        }
    }

    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        if large(&layout) {
            // SAFETY: `p` is what `alloc` mapped for this same layout.
            unsafe { libc::munmap(p.cast(), mapped(layout.size())) };
        } else {
            // SAFETY: `p` came from the system allocator with this layout.
            unsafe { System.dealloc(p, layout) }
        }
    }

    unsafe fn realloc(&self, p: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller guarantees a valid layout for the new size.
        let new = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        match (large(&layout), large(&new)) {
            // SAFETY: a block of the system allocator, staying there.
            (false, false) => unsafe { System.realloc(p, layout, new_size) },
            // Still within the pages already mapped: nothing to move.
            (true, true) if mapped(new_size) == mapped(layout.size()) => p,
            _ => {
                // SAFETY: a new block, the old contents copied as far as both
                // reach, the old block freed with its own layout.
                unsafe {
                    let q = self.alloc(new);
                    if !q.is_null() {
                        ptr::copy_nonoverlapping(p, q, layout.size().min(new_size));
                        self.dealloc(p, layout);
                    }
                    q
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_blocks_are_aligned_zeroed_grown_and_shrunk_with_their_contents() {
        let a = Allocator;
        unsafe {
            let l = Layout::from_size_align(3 * LARGE, 8).unwrap();
            let p = a.alloc_zeroed(l);
            assert!(!p.is_null());
            assert_eq!(p as usize % HUGE, 0);
            assert!(std::slice::from_raw_parts(p, l.size()).iter().all(|&b| b == 0));
            for k in 0..l.size() {
                *p.add(k) = (k % 251) as u8;
            }
            // Grown past its mapping: moved, contents kept.
            let q = a.realloc(p, l, 5 * LARGE);
            let l = Layout::from_size_align(5 * LARGE, 8).unwrap();
            assert_eq!(q as usize % HUGE, 0);
            assert!((0..3 * LARGE).all(|k| *q.add(k) == (k % 251) as u8));
            // Grown within it: in place.
            let r = a.realloc(q, l, 5 * LARGE + 100);
            assert_eq!(r, q);
            let l = Layout::from_size_align(5 * LARGE + 100, 8).unwrap();
            // Shrunk below LARGE: back to the system allocator, contents kept.
            let s = a.realloc(r, l, 1000);
            assert!((0..1000).all(|k| *s.add(k) == (k % 251) as u8));
            let l = Layout::from_size_align(1000, 8).unwrap();
            // And up again.
            let t = a.realloc(s, l, 2 * LARGE);
            assert!((0..1000).all(|k| *t.add(k) == (k % 251) as u8));
            a.dealloc(t, Layout::from_size_align(2 * LARGE, 8).unwrap());
        }
    }

    #[test]
    fn small_blocks_and_large_alignments_are_the_systems() {
        let a = Allocator;
        unsafe {
            let l = Layout::from_size_align(64, 8).unwrap();
            let p = a.alloc(l);
            assert!(!p.is_null());
            a.dealloc(p, l);
            let l = Layout::from_size_align(LARGE, 2 * HUGE).unwrap();
            let p = a.alloc(l);
            assert_eq!(p as usize % (2 * HUGE), 0);
            a.dealloc(p, l);
        }
    }
}
