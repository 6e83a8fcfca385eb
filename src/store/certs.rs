//! Certificates are read only by a command that talks to an https remote.
//!
//! With git2's `https` feature, libgit2 builds its OpenSSL context when it
//! starts and calls `SSL_CTX_set_default_verify_paths`, which reads and parses
//! the whole system bundle (`/etc/ssl/certs/ca-certificates.crt`, about 140
//! certificates) that `openssl-probe` named in `SSL_CERT_FILE`. Measured here:
//! about 30 ms, before anything else, in every command that opens the
//! repository (`history`, `adopt`, `check`, the room), though only `sync` to an
//! https remote ever verifies a certificate. libgit2 has no option to defer it.
//!
//! So [`defer`], at the start of `main`, points `SSL_CERT_FILE` at an empty
//! file (`/dev/null`: OpenSSL finds no certificate there and clears the error)
//! and remembers what it was. libgit2 still starts lazily, when a command
//! first opens the repository (starting it eagerly costs every command, even
//! `show`, about 2 ms). A program gavel starts (the editor) gets the variable
//! back as it was ([`as_given`]). [`load`] hands libgit2 the real bundle and
//! folder (`GIT_OPT_SET_SSL_CERT_LOCATIONS`) the first time a command is about
//! to reach an https remote, so certificates are verified against the system's
//! store exactly as before. The other route, a patched libgit2, would be a fork
//! to carry for one call.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::Command;
use std::sync::{Mutex, OnceLock};

use super::StoreError;

/// `SSL_CERT_FILE` as the process was given it.
static GIVEN: OnceLock<Option<OsString>> = OnceLock::new();
/// Whether [`load`] already handed the certificates over.
static LOADED: Mutex<bool> = Mutex::new(false);

const CERT_FILE: &str = "SSL_CERT_FILE";

/// Where OpenSSL distributions keep their bundle, under each of
/// `openssl_probe::candidate_cert_dirs()` (the names openssl-probe tries, in its order).
const BUNDLES: [&str; 10] = [
    "cert.pem",
    "certs.pem",
    "ca-bundle.pem",
    "cacert.pem",
    "ca-certificates.crt",
    "certs/ca-certificates.crt",
    "certs/ca-root-nss.crt",
    "certs/ca-bundle.crt",
    "CARootCertificates.pem",
    "tls-ca-bundle.pem",
];

/// Keeps libgit2 from reading the certificate bundle when it starts. Call it
/// first thing in `main`, while the process has one thread.
pub fn defer() {
    if GIVEN.set(std::env::var_os(CERT_FILE)).is_ok() {
        // SAFETY: called at the start of main, before any other thread exists,
        // so nothing reads the environment while it changes.
        unsafe { std::env::set_var(CERT_FILE, "/dev/null") };
    }
}

/// `command` gets `SSL_CERT_FILE` as gavel was given it.
pub fn as_given(command: &mut Command) -> &mut Command {
    match GIVEN.get() {
        Some(Some(v)) => command.env(CERT_FILE, v),
        Some(None) => command.env_remove(CERT_FILE),
        None => command,
    }
}

/// The bundle OpenSSL would have read: the one the user named, else the
/// first that exists where distributions keep it.
fn bundle() -> Option<PathBuf> {
    if let Some(Some(given)) = GIVEN.get() {
        return Some(PathBuf::from(given)).filter(|p| p.exists());
    }
    openssl_probe::candidate_cert_dirs().flat_map(|d| BUNDLES.iter().map(move |b| d.join(b))).find(|p| p.exists())
}

/// Gives libgit2 the system's certificates if `url` is an https remote and
/// they were deferred. Harmless to call more than once.
pub fn load(url: Option<&str>) -> Result<(), StoreError> {
    let https = url.is_some_and(|u| u.get(..8).is_some_and(|s| s.eq_ignore_ascii_case("https://")));
    let mut loaded = LOADED.lock().unwrap_or_else(|p| p.into_inner());
    if !https || *loaded || GIVEN.get().is_none() {
        return Ok(());
    }
    let fail = |source| StoreError::Git { doing: "reading the system's certificates for the https remote".into(), source };
    // The folder (SSL_CERT_DIR, which git2's start-up sets to the system's
    // when it was not set) was never hidden: OpenSSL reads it lazily, one
    // certificate at a time, as verification needs it.
    if let Some(file) = bundle() {
        // SAFETY: git2 marks this unsafe because it changes a process-wide
        // setting; the lock above keeps two callers from racing.
        unsafe { git2::opts::set_ssl_cert_file(file).map_err(fail)? };
    }
    *loaded = true;
    Ok(())
}
