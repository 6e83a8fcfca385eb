//! No command reads the system's certificates unless it talks to an https
//! remote (src/store/certs.rs): each command runs under `strace`, which lists
//! every file it opens. `sync` to an https remote still verifies the server's
//! certificate: against the system's store (a self-signed one is refused) and
//! against the bundle named in SSL_CERT_FILE (the same one is accepted).
//! Needs strace and openssl (`.ci/run` installs them).

mod common;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::demo::Demo;
use common::tmux::Tmux;

/// True when the file opened is a certificate bundle or a certificate.
fn is_certificate(path: &str) -> bool {
    path.starts_with("/etc/ssl/certs") || path.ends_with(".crt") || path.ends_with(".pem") || path.contains("/pki/")
}

/// The files `gavel args` opened successfully, by strace's record.
fn opened(d: &Demo, args: &[&str]) -> (Output, Vec<String>) {
    let log = d.home.join("strace.log");
    let out = Command::new("strace")
        .args(["-f", "-qq", "-e", "trace=open,openat", "-o"])
        .arg(&log)
        .arg(env!("CARGO_BIN_EXE_gavel"))
        .args(args)
        .current_dir(&d.dir)
        .env("HOME", &d.home)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("strace is needed for this test: apt-get install strace");
    (out, files(&log))
}

fn files(log: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    text.lines().filter(|l| !l.contains("= -1")).filter_map(|l| l.split('"').nth(1).map(str::to_string)).collect()
}

#[test]
fn no_command_reads_certificates() {
    let d = Demo::kenya();
    let commands: &[&[&str]] = &[
        &["show", "Conf. 11.3", "23 b)"],
        &["check"],
        &["diff", "Conf. 11.3"],
        &["annex", "Conf. 11.3"],
        &["history", "Conf. 11.3", "23 b)"],
        &["adopt", "Conf. 11.3", "23 b)", "--meeting", "sc78-session", "--item", "7"],
        &["minutes", "sc78-session"],
        &["report", "sc78-session"],
        &["status"],
    ];
    for args in commands {
        let (out, files) = opened(&d, args);
        assert!(out.status.success(), "gavel {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        let here = d.dir.display().to_string();
        let seen = files.iter().any(|f| f.starts_with(&here) || f.starts_with("./resolutions"));
        assert!(seen, "strace saw the files: {files:?}");
        let certs: Vec<_> = files.iter().filter(|f| is_certificate(f)).collect();
        assert!(certs.is_empty(), "gavel {args:?} read certificates: {certs:?}");
    }
}

#[test]
fn the_room_reads_no_certificates() {
    let d = Demo::kenya();
    let log = d.home.join("room.strace");
    let tmux = Tmux::new("certs");
    tmux.start(&format!(
        "cd {} && NO_COLOR=1 strace -f -qq -e trace=open,openat -o {} {} room --meeting sc78-session; echo EXITED $?; sleep 60",
        d.dir.display(),
        log.display(),
        env!("CARGO_BIN_EXE_gavel")
    ));
    tmux.wait_for("Agenda: sc78-session");
    tmux.keys(&["q"]);
    tmux.wait_for("EXITED 0");
    let files = files(&log);
    assert!(files.iter().any(|f| f.contains("sc78-session")), "strace saw the files: {files:?}");
    let certs: Vec<_> = files.iter().filter(|f| is_certificate(f)).collect();
    assert!(certs.is_empty(), "the room read certificates: {certs:?}");
}

/// `openssl s_server` on a free port with the test certificate: https that
/// answers every request with a status page (not a git server).
struct Server(Child, u16);

impl Server {
    fn start() -> Server {
        let fixtures = fixtures();
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new("openssl")
            .args(["s_server", "-quiet", "-www", "-accept", &format!("127.0.0.1:{port}"), "-cert"])
            .arg(fixtures.join("localhost.crt"))
            .arg("-key")
            .arg(fixtures.join("localhost.key"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("openssl is needed for this test: apt-get install openssl");
        let start = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(start.elapsed() < Duration::from_secs(10), "openssl s_server did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        Server(child, port)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tls")
}

#[test]
fn sync_to_an_https_remote_verifies_its_certificate() {
    let server = Server::start();
    let d = Demo::kenya();
    d.git().remote("origin", &format!("https://localhost:{}/wg.git", server.1)).unwrap();

    // The system's store does not know the self-signed certificate: refused,
    // and the store was read to find that out.
    let (out, files) = opened(&d, &["sync"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(err.contains("certificate"), "{err}");
    if Path::new("/etc/ssl/certs/ca-certificates.crt").exists() {
        assert!(files.iter().any(|f| f == "/etc/ssl/certs/ca-certificates.crt"), "{files:?}");
    }

    // Named in SSL_CERT_FILE, the same certificate is trusted: the connection
    // gets as far as the server, which is no git server.
    let out = Command::new(env!("CARGO_BIN_EXE_gavel"))
        .arg("sync")
        .current_dir(&d.dir)
        .env("HOME", &d.home)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("SSL_CERT_FILE", fixtures().join("localhost.crt"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(!err.contains("certificate"), "{err}");
    assert!(err.contains("content-type"), "{err}");
}
