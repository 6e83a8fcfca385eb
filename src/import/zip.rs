//! Reading the parts of a Word package (a zip) that arrived from outside:
//! a file that is no zip, a zip that is no Word document, and a zip bomb are
//! each refused with what is wrong, before more than the limits are read.

use std::io::Read;

use super::ImportError;

/// At most this many entries in the package (a Word document has a few dozen).
pub const MAX_ENTRIES: usize = 2_000;
/// At most this many bytes in one part, expanded.
pub const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;
/// At most this many bytes in all the parts read, expanded.
pub const MAX_TOTAL_BYTES: u64 = 160 * 1024 * 1024;
/// A part may expand to at most this many times its compressed size (XML
/// compresses 5 to 20 times; a bomb, thousands).
pub const MAX_RATIO: u64 = 200;

/// An opened package.
pub struct Package<'a> {
    zip: ::zip::ZipArchive<std::io::Cursor<&'a [u8]>>,
    name: String,
    read: u64,
}

impl<'a> Package<'a> {
    /// Opens a Word package: a zip of at most [`MAX_ENTRIES`] entries whose content types name a Word document.
    pub fn open(bytes: &'a [u8], name: &str) -> Result<Package<'a>, ImportError> {
        let zip = ::zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| {
            ImportError::Broken(format!(
                "{name} is not a Word file (.docx): it cannot be read as a zip package ({e}); save it from Word as .docx"
            ))
        })?;
        if zip.len() > MAX_ENTRIES {
            return Err(ImportError::Broken(format!(
                "{name} holds {} entries; a Word file has a few dozen (gavel reads at most {MAX_ENTRIES}): it is not a document gavel will open",
                zip.len()
            )));
        }
        let mut p = Package { zip, name: name.to_string(), read: 0 };
        let types = p.part("[Content_Types].xml")?.unwrap_or_default();
        if !types.contains("wordprocessingml.document.main") || p.zip.index_for_name("word/document.xml").is_none() {
            return Err(ImportError::Broken(format!(
                "{name} is a zip package but not a Word document (no word/document.xml): give the .docx the reply or the resolution was written in"
            )));
        }
        Ok(p)
    }

    /// A part's text, if the package has it; within the limits.
    pub fn part(&mut self, path: &str) -> Result<Option<String>, ImportError> {
        let name = self.name.clone();
        let Some(i) = self.zip.index_for_name(path) else { return Ok(None) };
        let mut f = self.zip.by_index(i).map_err(|e| ImportError::Broken(format!("{name}: {path} cannot be read: {e}")))?;
        let (size, compressed) = (f.size(), f.compressed_size().max(1));
        let bomb = |what: String| ImportError::Broken(format!("{name}: {path} {what}: refused as a possible zip bomb"));
        if size > MAX_PART_BYTES {
            return Err(bomb(format!("would expand to {size} bytes (at most {MAX_PART_BYTES})")));
        }
        if size / compressed > MAX_RATIO {
            return Err(bomb(format!("expands {} times (at most {MAX_RATIO})", size / compressed)));
        }
        // The sizes in the zip's directory may lie: what is read is counted too.
        let budget = MAX_PART_BYTES.min(MAX_TOTAL_BYTES.saturating_sub(self.read));
        let mut bytes = Vec::new();
        (&mut f).take(budget + 1).read_to_end(&mut bytes).map_err(|e| ImportError::Broken(format!("{name}: {path} is damaged: {e}")))?;
        if bytes.len() as u64 > budget || bytes.len() as u64 / compressed > MAX_RATIO {
            return Err(bomb(format!("expands past its limits ({} bytes read)", bytes.len())));
        }
        self.read += bytes.len() as u64;
        String::from_utf8(bytes).map(Some).map_err(|_| ImportError::Broken(format!("{name}: {path} is not UTF-8 XML")))
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = ::zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let o = ::zip::write::SimpleFileOptions::default().compression_method(::zip::CompressionMethod::Deflated);
        for (n, b) in entries {
            w.start_file(*n, o).unwrap();
            w.write_all(b).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn refuses_what_is_no_word_document_and_bombs() {
        let e = |r: Result<Package, ImportError>| r.err().unwrap().to_string();
        assert!(e(Package::open(b"not a zip", "x.docx")).contains("not a Word file"));
        let other = zip_of(&[("a.txt", b"hello")]);
        assert!(e(Package::open(&other, "x.docx")).contains("not a Word document"));
        let types: &[u8] = b"<Types>application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml</Types>";
        let zeros = vec![b' '; 40 * 1024 * 1024];
        let bomb = zip_of(&[("[Content_Types].xml", types), ("word/document.xml", &zeros)]);
        assert!(bomb.len() < 1024 * 1024, "a bomb is small");
        let mut p = Package::open(&bomb, "x.docx").unwrap();
        assert!(p.part("word/document.xml").unwrap_err().to_string().contains("zip bomb"));
        let names: Vec<String> = (0..MAX_ENTRIES + 1).map(|i| format!("f{i}")).collect();
        let many: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), b"" as &[u8])).collect();
        assert!(e(Package::open(&zip_of(&many), "x.docx")).contains("entries"));
    }
}
