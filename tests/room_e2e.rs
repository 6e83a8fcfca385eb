//! The real `gavel` binary in a terminal (tmux): a session driven by keys,
//! the process killed with SIGKILL in the middle, and the meeting reopened
//! where it stood. Needs tmux (`.ci/run` installs it).

use std::path::Path;
use std::process::Command;
use std::time::Duration;

mod common;

use common::tmux::{Tmux, gavel_pid};

fn start(tmux: &Tmux, dir: &Path, editor: &Path) {
    tmux.start(&format!(
        "cd {} && EDITOR={} NO_COLOR=1 {} room --meeting sc78-session; echo EXITED $?; stty -a; sleep 60",
        dir.display(),
        editor.display(),
        env!("CARGO_BIN_EXE_gavel")
    ));
}

#[test]
fn a_session_survives_kill_9_and_the_terminal_is_restored() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("wg");
    assert!(Command::new(env!("CARGO_BIN_EXE_gavel")).arg("demo").arg(&dir).output().unwrap().status.success());
    let dir = std::fs::canonicalize(&dir).unwrap();
    // An "editor" that writes a long summary into the file it is given.
    let editor = tmp.path().join("editor.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\nprintf 'Supports the three-month justification,\\nwith the response\\nwithin six months.\\n' > \"$1\"\n",
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let tmux = Tmux::new("e2e");
    start(&tmux, &dir, &editor);
    tmux.wait_for("Agenda: sc78-session");
    // Take up item 7, add two speakers, give the floor, record an intervention through $EDITOR.
    tmux.keys(&["j", "j", "j", "j", "j", "j", "Enter"]);
    tmux.wait_for("Item 7: Timeframes");
    tmux.keys(&["a"]);
    tmux.text("iucn");
    tmux.keys(&["Enter", "a"]);
    tmux.text("kenya");
    tmux.keys(&["Enter"]);
    tmux.wait_for("2. International Union for Conservation of Nature");
    tmux.keys(&["Tab", "f"]);
    tmux.wait_for("Floor: Kenya");
    tmux.keys(&["r"]);
    tmux.wait_for("Intervention by Kenya");
    tmux.keys(&["C-e"]);
    // The summary comes back from the editor with its lines joined (the popup may wrap it).
    tmux.wait_for("Summary: Supports the three-month justification,");
    tmux.keys(&["Enter"]);
    std::thread::sleep(Duration::from_millis(300));
    // SIGKILL in the middle of the session.
    let pid = gavel_pid(&dir).expect("gavel is running");
    assert!(Command::new("kill").args(["-9", &pid.to_string()]).status().unwrap().success());
    tmux.wait_for("EXITED 137");
    let journal = std::fs::read_to_string(dir.join("agendas/sc78-wg-11-3/sc78-session.journal.jsonl")).unwrap();
    assert_eq!(journal.lines().count(), 6, "the format line and five entries: {journal}");
    assert!(journal.contains("\"summary\":\"Supports the three-month justification, with the response within six months.\""), "{journal}");
    // Reopened, the room stands where it stood.
    tmux.kill_session();
    std::thread::sleep(Duration::from_millis(300));
    start(&tmux, &dir, &editor);
    let screen = tmux.wait_for("Item 7: Timeframes");
    assert!(screen.contains("1. International Union for Conservation of Nature"), "{screen}");
    assert!(screen.contains("▶  7. Timeframes"), "{screen}");
    // Quitting restores the terminal: the shell after it is in its usual mode.
    tmux.keys(&["q"]);
    let after = tmux.wait_for("EXITED 0");
    assert!(after.contains(" icanon") && after.contains(" echo"), "raw mode is off:\n{after}");
    // So does SIGTERM.
    tmux.kill_session();
    std::thread::sleep(Duration::from_millis(300));
    start(&tmux, &dir, &editor);
    tmux.wait_for("Item 7: Timeframes");
    let pid = gavel_pid(&dir).expect("gavel is running");
    assert!(Command::new("kill").args(["-TERM", &pid.to_string()]).status().unwrap().success());
    let after = tmux.wait_for("EXITED 0");
    assert!(after.contains(" icanon") && after.contains(" echo"), "raw mode is off after SIGTERM:\n{after}");
}

#[test]
fn ctrl_z_suspends_to_the_shell_and_fg_resumes() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("wg");
    assert!(Command::new(env!("CARGO_BIN_EXE_gavel")).arg("demo").arg(&dir).output().unwrap().status.success());
    let tmux = Tmux::new("suspend");
    // A shell with job control, as a chair's terminal has.
    tmux.start("bash --norc -i");
    std::thread::sleep(Duration::from_millis(300));
    tmux.text(&format!("cd {} && NO_COLOR=1 {} room --meeting sc78-session", dir.display(), env!("CARGO_BIN_EXE_gavel")));
    tmux.keys(&["Enter"]);
    tmux.wait_for("Agenda: sc78-session");
    tmux.keys(&["C-z"]);
    tmux.wait_for("Stopped");
    // The shell has its terminal as it was: what is typed is the shell's.
    tmux.text("stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo | tr '\\n' ' '; echo END");
    tmux.keys(&["Enter"]);
    let after = tmux.wait_for("icanon echo END");
    assert!(after.contains("Stopped"), "{after}");
    tmux.text("fg");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Agenda: sc78-session");
    tmux.keys(&["j", "j", "j", "j", "j", "j", "Enter"]);
    tmux.wait_for("Item 7: Timeframes");
    tmux.keys(&["q"]);
    tmux.text("echo EXITED $?");
    tmux.keys(&["Enter"]);
    tmux.wait_for("EXITED 0");
}
