//! What a user waits for, measured from outside, process start included:
//! `gavel show "Conf. 11.3" "23 b)"` (goal 5 ms or less), `gavel check` on
//! the demo repository (goal 10 ms or less), and the meeting room from
//! process start to its first frame on a terminal (goal 30 ms or less; the
//! room runs in a pseudo-terminal made by `script`, and the clock stops when
//! the agenda's title arrives). `gavel --version` is the floor: starting
//! the program and nothing else.
//!
//! Run with `cargo bench --bench startup`.

mod common;

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{measure, verdict};

fn main() {
    let gavel = env!("CARGO_BIN_EXE_gavel");
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("wg");
    assert!(Command::new(gavel).arg("demo").arg(&dir).stdout(Stdio::null()).stderr(Stdio::null()).status().unwrap().success());
    let run = |args: &[&str]| {
        let st = Command::new(gavel).args(args).current_dir(&dir).stdout(Stdio::null()).stderr(Stdio::null()).status().unwrap();
        assert!(st.success(), "gavel {args:?}: {st}");
    };
    let mut summary = Vec::new();
    println!("== Processes on the demo repository");
    let floor = measure("`gavel --version`", 100, || run(&["--version"]));
    let show = measure("`gavel show \"Conf. 11.3\" \"23 b)\"`", 100, || run(&["show", "Conf. 11.3", "23 b)"]));
    let check = measure("`gavel check`", 100, || run(&["check"]));
    println!("   (starting the program: {floor:.2?} of each)");
    summary.push(verdict("show in 5 ms or less", show <= Duration::from_millis(5), &format!("median {show:.2?}")));
    summary.push(verdict("check in 10 ms or less", check <= Duration::from_millis(10), &format!("median {check:.2?}")));

    println!("== The room, from process start to its first frame (goal: 30 ms or less)");
    let command = format!("stty cols 120 rows 36; exec {gavel} room --meeting sc78-session");
    let script_ok = Command::new("script").arg("--version").stdout(Stdio::null()).status().is_ok_and(|s| s.success());
    if script_ok {
        let first = measure("`gavel room` to the agenda on screen", 21, || {
            let t = Instant::now();
            let mut child = Command::new("script")
                .args(["-qfec", &command, "/dev/null"])
                .current_dir(&dir)
                .env("NO_COLOR", "1")
                .env("TERM", "xterm-256color")
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()
                .unwrap();
            let mut out = child.stdout.take().unwrap();
            let mut seen = Vec::new();
            let mut buf = [0u8; 65536];
            while !String::from_utf8_lossy(&seen).contains("Agenda: sc78-session") {
                let n = out.read(&mut buf).unwrap();
                assert!(n > 0, "the room ended before its first frame: {}", String::from_utf8_lossy(&seen));
                seen.extend_from_slice(&buf[..n]);
                assert!(t.elapsed() < Duration::from_secs(10), "no first frame");
            }
            // The room runs under `script`, in a session of its own: end it and its descendants.
            let mut pids = descendants(child.id());
            pids.push(child.id());
            for pid in pids {
                let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
            }
            let _ = child.wait();
        });
        summary.push(verdict(
            "the room's first frame in 30 ms or less",
            first <= Duration::from_millis(30),
            &format!("median {first:.2?}"),
        ));
    } else {
        println!("   `script` (util-linux) is not installed: not measured");
    }
    for line in summary {
        println!("{line}");
    }
}

/// The processes started, directly or not, by `pid` (from /proc).
fn descendants(pid: u32) -> Vec<u32> {
    let children = std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children")).unwrap_or_default();
    let mut out = Vec::new();
    for c in children.split_whitespace().filter_map(|c| c.parse::<u32>().ok()) {
        out.extend(descendants(c));
        out.push(c);
    }
    out
}
