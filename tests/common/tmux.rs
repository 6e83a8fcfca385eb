//! The real `gavel` binary in a terminal: tmux on a private socket, keys
//! sent, the screen read back. Needs tmux (`.ci/run` installs it).

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

pub struct Tmux {
    pub socket: String,
}

impl Tmux {
    pub fn new(name: &str) -> Tmux {
        Tmux { socket: format!("gavel-{name}-{}", std::process::id()) }
    }

    pub fn run(&self, args: &[&str]) -> String {
        let o = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux is needed for this test: apt-get install tmux");
        String::from_utf8_lossy(&o.stdout).to_string()
    }

    pub fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.run(&["send-keys", "-t", "room", k]);
            std::thread::sleep(Duration::from_millis(60));
        }
    }

    pub fn text(&self, s: &str) {
        self.run(&["send-keys", "-t", "room", "-l", s]);
        std::thread::sleep(Duration::from_millis(60));
    }

    pub fn screen(&self) -> String {
        self.run(&["capture-pane", "-t", "room", "-p"])
    }

    /// Waits until the screen shows `what`.
    pub fn wait_for(&self, what: &str) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if s.contains(what) {
                return s;
            }
            assert!(start.elapsed() < Duration::from_secs(15), "`{what}` never appeared:\n{s}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Starts a shell command in a new 120x36 session named `room`.
    pub fn start(&self, cmd: &str) {
        self.run(&["new-session", "-d", "-s", "room", "-x", "120", "-y", "36", cmd]);
    }

    pub fn kill_session(&self) {
        let _ = self.run(&["kill-session", "-t", "room"]);
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux").arg("-L").arg(&self.socket).arg("kill-server").output();
    }
}

/// The process id of the gavel room running in `dir`.
pub fn gavel_pid(dir: &Path) -> Option<u32> {
    for e in std::fs::read_dir("/proc").ok()? {
        let p = e.ok()?.path();
        let Ok(cmd) = std::fs::read(p.join("cmdline")) else { continue };
        let cmd = String::from_utf8_lossy(&cmd).replace('\0', " ");
        let cwd = std::fs::read_link(p.join("cwd")).ok();
        if cmd.starts_with(env!("CARGO_BIN_EXE_gavel")) && cmd.contains("room") && cwd.as_deref() == Some(dir) {
            return p.file_name()?.to_str()?.parse().ok();
        }
    }
    None
}

/// Waits (up to `limit`) until process `pid` is gone; true if it is.
pub fn gone_within(pid: u32, limit: Duration) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        // Gone, or a zombie waiting for its parent.
        if stat.is_empty() || stat.split(' ').nth(2) == Some("Z") {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}
