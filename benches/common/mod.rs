//! Timing for the bench binaries: many runs, the median and spread.
#![allow(dead_code)]

use std::time::{Duration, Instant};

/// Runs `f` (after a warm-up) `runs` times; prints and returns the median.
pub fn measure(name: &str, runs: usize, mut f: impl FnMut()) -> Duration {
    for _ in 0..runs / 10 + 1 {
        f();
    }
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    let pct = |p: usize| times[(times.len() - 1) * p / 100];
    println!("{name:<44} median {:>9.3?}  p10 {:>9.3?}  p90 {:>9.3?}  ({runs} runs)", pct(50), pct(10), pct(90));
    pct(50)
}
