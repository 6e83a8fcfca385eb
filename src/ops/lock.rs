//! One writer at a time: every use case that writes (the room's and every
//! CLI command's) holds this lock for its whole read → commit → write files →
//! move branch sequence.
//!
//! It is an advisory lock (`flock`) on `.git/gavel/lock`, so the kernel
//! releases it when its holder dies, however it dies: a lock left by a dead
//! process is taken over at once, and no stale-lock guessing by process id is
//! needed. The file is never deleted (deleting a locked file lets two writers
//! lock two different files); its text says who holds it, for the message a
//! waiting writer gives when it stops waiting.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The lock, held until dropped.
#[derive(Debug)]
pub struct RepoLock {
    file: File,
}

/// Why the lock could not be had.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("another gavel is writing to this repository ({holder}); waited {waited} s: try again when it has finished")]
    Held { holder: String, waited: u64 },
    #[error("cannot use the repository's lock file {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// How long a writer waits for another by default: long enough for any
/// commit, short enough that a chair is never left wondering.
pub const WAIT: Duration = Duration::from_secs(10);

impl RepoLock {
    /// The lock file of the repository whose git folder is `git_dir`.
    pub fn path(git_dir: &Path) -> PathBuf {
        git_dir.join("gavel").join("lock")
    }

    /// Takes the lock, waiting up to `wait` while another writer holds it.
    /// `doing` says what this writer does, for the message another one gives.
    pub fn acquire(git_dir: &Path, doing: &str, wait: Duration) -> Result<RepoLock, LockError> {
        Self::acquire_file(&Self::path(git_dir), doing, wait)
    }

    /// The lock of a meeting's room: one room writes a meeting's journal at a time.
    pub fn room(git_dir: &Path, group: &str, meeting: &str) -> Result<RepoLock, LockError> {
        let name: String =
            format!("{group}--{meeting}").chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).collect();
        Self::acquire_file(&git_dir.join("gavel").join("rooms").join(format!("{name}.lock")), "the meeting room", Duration::ZERO)
    }

    /// Takes the lock on the file `path`.
    pub fn acquire_file(path: &Path, doing: &str, wait: Duration) -> Result<RepoLock, LockError> {
        let path = path.to_path_buf();
        let err = |source| LockError::Io { path: path.display().to_string(), source };
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(err)?;
        }
        let mut file = OpenOptions::new().read(true).write(true).create(true).truncate(false).open(&path).map_err(err)?;
        let start = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => break,
                Err(std::fs::TryLockError::WouldBlock) if start.elapsed() < wait => std::thread::sleep(Duration::from_millis(15)),
                Err(std::fs::TryLockError::WouldBlock) if wait.is_zero() => {
                    let mut holder = String::new();
                    let _ = file.seek(SeekFrom::Start(0)).and_then(|_| file.read_to_string(&mut holder));
                    return Err(LockError::Held { holder: holder.trim().to_string(), waited: 0 });
                }
                Err(std::fs::TryLockError::WouldBlock) => {
                    let mut holder = String::new();
                    let _ = file.seek(SeekFrom::Start(0)).and_then(|_| file.read_to_string(&mut holder));
                    let holder = holder.trim();
                    let holder = if holder.is_empty() { "it did not say who it is".to_string() } else { holder.to_string() };
                    return Err(LockError::Held { holder, waited: start.elapsed().as_secs() });
                }
                Err(std::fs::TryLockError::Error(e)) => return Err(err(e)),
            }
        }
        // Who holds it now; a failure to write this only makes a message less precise.
        let host = std::fs::read_to_string("/proc/sys/kernel/hostname").map(|h| h.trim().to_string()).unwrap_or_default();
        let who = format!("{doing}, process {} on {}", std::process::id(), if host.is_empty() { "this machine" } else { &host });
        let _ = file.set_len(0).and_then(|_| file.seek(SeekFrom::Start(0))).and_then(|_| file.write_all(who.as_bytes()));
        Ok(RepoLock { file })
    }
}

impl Drop for RepoLock {
    fn drop(&mut self) {
        let _ = self.file.set_len(0);
        let _ = self.file.unlock();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_writer_waits_then_says_who_holds_it() {
        let dir = tempfile::tempdir().unwrap();
        let first = RepoLock::acquire(dir.path(), "gavel adopt", WAIT).unwrap();
        let e = RepoLock::acquire(dir.path(), "the meeting room", Duration::from_millis(60)).unwrap_err().to_string();
        assert!(e.contains("gavel adopt, process"), "{e}");
        drop(first);
        let again = RepoLock::acquire(dir.path(), "the meeting room", Duration::from_millis(60));
        assert!(again.is_ok(), "released on drop");
    }

    #[test]
    fn a_waiting_writer_gets_the_lock_when_it_is_released() {
        let dir = tempfile::tempdir().unwrap();
        let first = RepoLock::acquire(dir.path(), "one", WAIT).unwrap();
        let p = dir.path().to_path_buf();
        let t = std::thread::spawn(move || RepoLock::acquire(&p, "two", Duration::from_secs(5)).map(|_| ()));
        std::thread::sleep(Duration::from_millis(100));
        drop(first);
        assert!(t.join().unwrap().is_ok());
    }
}
