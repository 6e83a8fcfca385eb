//! A fresh demo repository (real git history) in a temporary folder, with a
//! HOME of its own so that no user's git configuration leaks in.

use std::path::PathBuf;
use std::process::{Command, Output};

pub struct Demo {
    _tmp: tempfile::TempDir,
    pub dir: PathBuf,
    pub home: PathBuf,
}

impl Demo {
    /// `gavel demo`; `chair` (name, email) is set as git's identity in the
    /// repository's own configuration; with `None`, git knows no one.
    pub fn new(chair: Option<(&str, &str)>) -> Demo {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("wg");
        let home = tmp.path().join("home");
        std::fs::create_dir_all(&home).unwrap();
        assert!(Command::new(env!("CARGO_BIN_EXE_gavel")).arg("demo").arg(&dir).output().unwrap().status.success());
        let dir = std::fs::canonicalize(&dir).unwrap();
        if let Some((name, email)) = chair {
            let r = git2::Repository::open(&dir).unwrap();
            let mut c = r.config().unwrap();
            c.set_str("user.name", name).unwrap();
            c.set_str("user.email", email).unwrap();
        }
        Demo { _tmp: tmp, dir, home }
    }

    /// The demo with Kenya's co-Chair as git's identity.
    pub fn kenya() -> Demo {
        Demo::new(Some(("Kenya (co-Chair)", "chair@ke.invalid")))
    }

    pub fn git(&self) -> git2::Repository {
        git2::Repository::open(&self.dir).unwrap()
    }

    /// Commits the files at `paths` as they are on disk, by a drafter.
    pub fn commit(&self, paths: &[&str], message: &str) -> git2::Oid {
        let g = self.git();
        let mut index = g.index().unwrap();
        for p in paths {
            index.add_path(std::path::Path::new(p)).unwrap();
        }
        index.write().unwrap();
        let tree = g.find_tree(index.write_tree().unwrap()).unwrap();
        let sig = git2::Signature::now("A drafter", "drafter@x.invalid").unwrap();
        let parent = g.head().unwrap().peel_to_commit().unwrap();
        g.commit(Some("HEAD"), &sig, &sig, message, &tree, &[&parent]).unwrap()
    }

    /// The real binary in the repository, with this HOME.
    pub fn gavel(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_gavel"))
            .current_dir(&self.dir)
            .args(args)
            .env("HOME", &self.home)
            .env("XDG_CONFIG_HOME", self.home.join(".config"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .unwrap()
    }
}
