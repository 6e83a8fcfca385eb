//! Streaming a part's XML with its depth checked, and reading attributes and text.

use quick_xml::events::{BytesStart, Event};

use super::super::ImportError;
use super::MAX_DEPTH;

pub(super) fn attr(e: &BytesStart, key: &[u8]) -> Option<String> {
    e.attributes().flatten().find(|a| a.key.as_ref() == key).and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

/// `w:i` on, unless its value says off.
pub(super) fn on(e: &BytesStart) -> bool {
    !matches!(attr(e, b"w:val").as_deref(), Some("0" | "false" | "off"))
}

fn broken(name: &str, part: &str, e: impl std::fmt::Display) -> ImportError {
    ImportError::Broken(format!("{name}: {part} is not well-formed XML ({e}); open and save it again in Word"))
}

/// Streams the elements of an XML part, with the depth checked.
pub(super) fn events(xml: &str, name: &str, part: &str, mut each: impl FnMut(&Event, bool)) -> Result<(), ImportError> {
    let mut r = quick_xml::Reader::from_str(xml);
    let mut depth = 0usize;
    loop {
        let ev = r.read_event().map_err(|e| broken(name, part, e))?;
        match &ev {
            Event::Start(_) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(ImportError::Broken(format!(
                        "{name}: {part} nests elements more than {MAX_DEPTH} deep: not a document gavel reads"
                    )));
                }
                each(&ev, false);
            }
            Event::End(_) => {
                each(&ev, false);
                depth = depth.saturating_sub(1);
            }
            Event::Empty(_) => each(&ev, true),
            Event::Text(_) | Event::GeneralRef(_) => each(&ev, false),
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(())
}

/// The text of a text event (entities such as `&amp;` resolved).
pub(super) fn text_of(ev: &Event) -> String {
    match ev {
        Event::Text(t) => t
            .decode()
            .map(|c| quick_xml::escape::unescape(&c).map(|s| s.into_owned()).unwrap_or_else(|_| c.into_owned()))
            .unwrap_or_default(),
        Event::GeneralRef(r) => match r.decode().as_deref() {
            Ok("amp") => "&".into(),
            Ok("lt") => "<".into(),
            Ok("gt") => ">".into(),
            Ok("quot") => "\"".into(),
            Ok("apos") => "'".into(),
            Ok(other) => other
                .strip_prefix("#x")
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| other.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32)
                .map(String::from)
                .unwrap_or_default(),
            Err(_) => String::new(),
        },
        _ => String::new(),
    }
}
