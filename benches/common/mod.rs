//! Timing for the bench binaries: many runs, the median and spread.
#![allow(dead_code)]

pub mod shapes;

use std::path::Path;
use std::process::{Command, Stdio};
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

/// A small deterministic generator (xorshift64*), so runs compare the same inputs.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545F4914F6CDD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Peak resident memory of a process, in KB, as GNU time reports it
/// (`/usr/bin/time -f %M`); `None` where it is not installed.
pub fn peak_kb(program: &Path, args: &[&std::ffi::OsStr]) -> Option<u64> {
    let out = Command::new("/usr/bin/time")
        .args(["-f", "%M"])
        .arg(program)
        .args(args)
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .ok()?;
    String::from_utf8_lossy(&out.stderr).lines().last()?.trim().parse().ok()
}

/// Prints whether `got` meets `goal`, and says so in the bench's summary.
pub fn verdict(what: &str, met: bool, detail: &str) -> String {
    let line = format!("goal: {what}: {} ({detail})", if met { "met" } else { "NOT MET" });
    println!("   {line}");
    line
}
