//! The sample data shipped inside the binary, so that `gavel demo` works
//! from anywhere. The files are those of `resolutions/` and `agendas/` in
//! the source tree; a test checks that none is missing.

/// A bundled file: its path in a working-group repository, and its text.
#[derive(Debug, Clone, Copy)]
pub struct BundledFile {
    pub path: &'static str,
    pub text: &'static str,
}

macro_rules! bundle {
    ($($p:literal),* $(,)?) => { &[$(BundledFile { path: $p, text: include_str!(concat!("../", $p)) }),*] };
}

/// Every bundled file.
pub const FILES: &[BundledFile] = bundle![
    "resolutions/conf-11.3.txt",
    "resolutions/conf-19.3.txt",
    "resolutions/conf-11.3.proposals.json",
    "resolutions/PROVENANCE.md",
    "agendas/sc78-wg-11-3/group.json",
    "agendas/sc78-wg-11-3/sc78-session.meeting.json",
    "agendas/niap-2018/group.json",
    "agendas/niap-2018/maputo.meeting.json",
];

/// The bundled file at `path`.
pub fn file(path: &str) -> Option<&'static BundledFile> {
    FILES.iter().find(|f| f.path == path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_data_file_of_the_source_tree_is_bundled() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut on_disk = Vec::new();
        for top in ["resolutions", "agendas"] {
            let mut stack = vec![root.join(top)];
            while let Some(d) = stack.pop() {
                for e in std::fs::read_dir(&d).unwrap() {
                    let p = e.unwrap().path();
                    if p.is_dir() {
                        stack.push(p);
                    } else {
                        on_disk.push(p.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/"));
                    }
                }
            }
        }
        on_disk.sort();
        let mut bundled: Vec<String> = FILES.iter().map(|f| f.path.to_string()).collect();
        bundled.sort();
        assert_eq!(on_disk, bundled);
    }
}
