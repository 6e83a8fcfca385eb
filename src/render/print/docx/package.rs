//! The parts of a Word package around the document's body: content types,
//! relationships, styles, settings, header, footnotes and properties, and
//! the zip they go in. Written by hand, in the order the schema gives, so
//! that Word, LibreOffice and pandoc all read them (docx-rs 0.4 wrote
//! `w:pPr` children out of schema order and could not write `w:footnoteRef`).

use std::io::Write as _;

use super::xml;

pub const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// One centimetre in twentieths of a point.
pub const CM: i32 = 567;

/// What goes into a package besides the body.
pub struct Parts<'a> {
    pub body: &'a str,
    /// `w:footnote` elements, ids from 1.
    pub footnotes: &'a [String],
    /// The header's text before the page number (`SC78 Doc. 37 – p. `).
    pub header: &'a str,
    pub title: &'a str,
    pub creator: &'a str,
    /// ISO 8601, UTC.
    pub date: &'a str,
}

/// The package as bytes.
pub fn pack(p: &Parts) -> Result<Vec<u8>, String> {
    let files: [(&str, String); 11] = [
        ("[Content_Types].xml", content_types()),
        ("_rels/.rels", root_rels()),
        ("docProps/core.xml", core(p)),
        ("docProps/app.xml", app()),
        ("word/_rels/document.xml.rels", document_rels()),
        ("word/document.xml", document(p.body)),
        ("word/styles.xml", styles()),
        ("word/settings.xml", settings()),
        ("word/footnotes.xml", footnotes(p.footnotes)),
        ("word/header1.xml", header(p.header)),
        ("word/fontTable.xml", font_table()),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    // A fixed time in the zip entries: the same document gives the same bytes.
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in files {
        zip.start_file(name, options).map_err(|e| format!("cannot write the DOCX: {e}"))?;
        zip.write_all(text.as_bytes()).map_err(|e| format!("cannot write the DOCX: {e}"))?;
    }
    Ok(zip.finish().map_err(|e| format!("cannot write the DOCX: {e}"))?.into_inner())
}

const DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

fn content_types() -> String {
    let ov = |part: &str, t: &str| format!("<Override PartName=\"{part}\" ContentType=\"application/vnd.openxmlformats-{t}\"/>");
    format!(
        "{DECL}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>{}{}{}{}{}{}{}{}</Types>",
        ov("/word/document.xml", "officedocument.wordprocessingml.document.main+xml"),
        ov("/word/styles.xml", "officedocument.wordprocessingml.styles+xml"),
        ov("/word/settings.xml", "officedocument.wordprocessingml.settings+xml"),
        ov("/word/footnotes.xml", "officedocument.wordprocessingml.footnotes+xml"),
        ov("/word/header1.xml", "officedocument.wordprocessingml.header+xml"),
        ov("/word/fontTable.xml", "officedocument.wordprocessingml.fontTable+xml"),
        ov("/docProps/core.xml", "package.core-properties+xml"),
        ov("/docProps/app.xml", "officedocument.extended-properties+xml"),
    )
}

fn rels(list: &[(&str, &str, &str)]) -> String {
    let mut s = format!("{DECL}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
    for (id, kind, target) in list {
        s.push_str(&format!("<Relationship Id=\"{id}\" Type=\"{kind}\" Target=\"{target}\"/>"));
    }
    s.push_str("</Relationships>");
    s
}

fn root_rels() -> String {
    rels(&[
        ("rId1", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument", "word/document.xml"),
        ("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties", "docProps/core.xml"),
        ("rId3", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties", "docProps/app.xml"),
    ])
}

fn document_rels() -> String {
    let t = |k: &str| format!("http://schemas.openxmlformats.org/officeDocument/2006/relationships/{k}");
    rels(&[
        ("rIdStyles", &t("styles"), "styles.xml"),
        ("rIdSettings", &t("settings"), "settings.xml"),
        ("rIdFootnotes", &t("footnotes"), "footnotes.xml"),
        ("rIdHeader", &t("header"), "header1.xml"),
        ("rIdFonts", &t("fontTable"), "fontTable.xml"),
    ])
}

fn core(p: &Parts) -> String {
    format!(
        "{DECL}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>{0}</dc:title><dc:creator>{1}</dc:creator>\
<cp:lastModifiedBy>{1}</cp:lastModifiedBy><dcterms:created xsi:type=\"dcterms:W3CDTF\">{2}</dcterms:created>\
<dcterms:modified xsi:type=\"dcterms:W3CDTF\">{2}</dcterms:modified></cp:coreProperties>",
        xml(p.title),
        xml(p.creator),
        xml(p.date)
    )
}

fn app() -> String {
    format!(
        "{DECL}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\"><Application>gavel</Application></Properties>"
    )
}

/// The body on A4 with 2 cm margins, the header on every page.
fn document(body: &str) -> String {
    format!(
        "{DECL}<w:document xmlns:w=\"{W}\" xmlns:r=\"{R}\"><w:body>{body}<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdHeader\"/>\
<w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1418\" w:right=\"1134\" w:bottom=\"1134\" w:left=\"1134\" w:header=\"709\" w:footer=\"709\" w:gutter=\"0\"/>\
</w:sectPr></w:body></w:document>"
    )
}

/// The document symbol and the page number, right-aligned: `SC78 Doc. 37 – p. 3`.
fn header(text: &str) -> String {
    format!(
        "{DECL}<w:hdr xmlns:w=\"{W}\" xmlns:r=\"{R}\"><w:p><w:pPr><w:pStyle w:val=\"Header\"/></w:pPr>\
<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r><w:fldSimple w:instr=\" PAGE \"><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p></w:hdr>",
        xml(text)
    )
}

fn footnotes(notes: &[String]) -> String {
    let mut s = format!(
        "{DECL}<w:footnotes xmlns:w=\"{W}\" xmlns:r=\"{R}\">\
<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:pPr><w:spacing w:after=\"0\"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>\
<w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:pPr><w:spacing w:after=\"0\"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"
    );
    for n in notes {
        s.push_str(n);
    }
    s.push_str("</w:footnotes>");
    s
}

fn settings() -> String {
    format!(
        "{DECL}<w:settings xmlns:w=\"{W}\"><w:defaultTabStop w:val=\"{CM}\"/><w:characterSpacingControl w:val=\"doNotCompress\"/>\
<w:footnotePr><w:footnote w:id=\"-1\"/><w:footnote w:id=\"0\"/></w:footnotePr></w:settings>"
    )
}

fn font_table() -> String {
    format!("{DECL}<w:fonts xmlns:w=\"{W}\"><w:font w:name=\"Arial\"><w:family w:val=\"swiss\"/></w:font></w:fonts>")
}

/// A paragraph style: name, `w:pPr` children and `w:rPr` children, each in schema order.
fn style(id: &str, name: &str, ppr: &str, rpr: &str) -> String {
    let ppr = if ppr.is_empty() { String::new() } else { format!("<w:pPr>{ppr}</w:pPr>") };
    let rpr = if rpr.is_empty() { String::new() } else { format!("<w:rPr>{rpr}</w:rPr>") };
    let based = if id == "Normal" { String::new() } else { "<w:basedOn w:val=\"Normal\"/><w:qFormat/>".to_string() };
    format!("<w:style w:type=\"paragraph\" w:styleId=\"{id}\"><w:name w:val=\"{name}\"/>{based}{ppr}{rpr}</w:style>")
}

/// Title and headings in heading styles (so Word's navigation pane lists
/// them), provisions in styles that indent by level with the label hanging.
fn styles() -> String {
    let hang =
        |level: i32| format!("<w:spacing w:after=\"120\"/><w:ind w:left=\"{}\" w:hanging=\"{CM}\"/><w:jc w:val=\"both\"/>", CM * level);
    let heading = |level: u8, size: u8| {
        style(
            &format!("Heading{level}"),
            &format!("heading {level}"),
            &format!("<w:keepNext/><w:spacing w:before=\"240\" w:after=\"120\"/><w:outlineLvl w:val=\"{}\"/>", level - 1),
            &format!("<w:b/><w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/>"),
        )
    };
    let mut s = format!(
        "{DECL}<w:styles xmlns:w=\"{W}\"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\" w:eastAsia=\"Arial\" w:cs=\"Arial\"/>\
<w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/><w:lang w:val=\"en-GB\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"120\"/></w:pPr></w:pPrDefault></w:docDefaults>"
    );
    s.push_str(&style("Normal", "Normal", "", ""));
    s.push_str(&heading(1, 24));
    s.push_str(&heading(2, 20));
    s.push_str(&heading(3, 20));
    s.push_str(&style("Symbol", "Document symbol", "<w:spacing w:after=\"0\"/><w:jc w:val=\"right\"/>", ""));
    s.push_str(&style("Note", "Note", "", "<w:i/>"));
    s.push_str(&style("Recital", "Preambular paragraph", "<w:spacing w:after=\"120\"/><w:jc w:val=\"both\"/>", ""));
    s.push_str(&style("Marker", "Operative marker", "<w:keepNext/><w:spacing w:before=\"240\" w:after=\"240\"/>", ""));
    for level in 1..=4 {
        s.push_str(&style(&format!("Provision{level}"), &format!("Provision {level}"), &hang(level), ""));
    }
    s.push_str(&style("Indent1", "Indented", "<w:ind w:left=\"567\"/>", ""));
    s.push_str(&style("Problem", "Problem", "", "<w:b/><w:color w:val=\"A00000\"/>"));
    s.push_str(&style("Header", "header", "<w:jc w:val=\"right\"/>", "<w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/>"));
    s.push_str(&style("FootnoteText", "footnote text", "<w:spacing w:after=\"0\"/>", "<w:sz w:val=\"16\"/><w:szCs w:val=\"16\"/>"));
    s.push_str(
        "<w:style w:type=\"character\" w:styleId=\"FootnoteReference\"><w:name w:val=\"footnote reference\"/><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr></w:style>",
    );
    s.push_str("</w:styles>");
    s
}
