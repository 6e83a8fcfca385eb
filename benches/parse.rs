//! Parsing the full text of Resolution Conf. 11.3 (Rev. CoP19).
//! Goal: 1 ms or less per parse on the project's 2-core machine.
//!
//! Run with `cargo bench --bench parse`. Prints the median and spread of
//! many runs; a bench binary rather than a timed test, since the machine is
//! shared and noisy.

mod common;

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use common::measure;

use gavel::resolution::{ParagraphRef, parse, write::to_text};

fn main() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("resolutions/conf-11.3.txt");
    let text = std::fs::read_to_string(&path).expect("bundled resolution");
    println!("Conf. 11.3 (Rev. CoP19): {} bytes, {} lines", text.len(), text.lines().count());
    let parse_median = measure("parse Conf. 11.3", 2000, || {
        let p = parse(black_box(&text), &path);
        assert!(p.diagnostics.is_empty());
        black_box(p);
    });
    let res = parse(&text, &path).resolution.unwrap();
    measure("write Conf. 11.3 back to text", 2000, || {
        black_box(to_text(black_box(&res)));
    });
    measure("parse and resolve `13 a) iv)`", 20000, || {
        let r2: ParagraphRef = black_box("13 a) iv)").parse().unwrap();
        black_box(res.resolve(&r2).unwrap());
    });
    let goal = Duration::from_millis(1);
    println!(
        "goal: parse in {goal:?} or less: {} (median {parse_median:.3?}, {:.1}x under the goal)",
        if parse_median <= goal { "met" } else { "NOT MET" },
        goal.as_secs_f64() / parse_median.as_secs_f64()
    );
}
