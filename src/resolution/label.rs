//! Visible labels of provisions: `23.`, `b)`, `(b)`, `iv)`, `IX.`.
//!
//! A label is data: its kind (letters, roman numerals, digits), its ordinal and
//! the punctuation style the text uses are kept apart, so that relettering can
//! produce `f)` from `e)` in whatever style the document uses.

use std::fmt;

/// The numbering system of a label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LabelKind {
    /// 1, 2, 3 (operative paragraphs).
    Arabic,
    /// a, b, … z, aa, bb (sub-paragraphs).
    LowerAlpha,
    /// A, B, C.
    UpperAlpha,
    /// i, ii, iii (sub-sub-paragraphs).
    LowerRoman,
    /// I, II, III (sections).
    UpperRoman,
}

/// How the label is punctuated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LabelStyle {
    /// `b)`
    Paren,
    /// `(b)`
    Enclosed,
    /// `b.` / `23.`
    Dot,
}

/// A provision's visible label, e.g. `b)` is `LowerAlpha`, ordinal 2, `Paren`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Label {
    pub kind: LabelKind,
    pub ordinal: u32,
    pub style: LabelStyle,
}

impl Label {
    pub fn new(kind: LabelKind, ordinal: u32, style: LabelStyle) -> Self {
        Label { kind, ordinal, style }
    }

    /// The label's value without punctuation: `b`, `iv`, `23`, `IX`.
    pub fn value(&self) -> String {
        format_value(self.kind, self.ordinal)
    }

    /// The same kind and style with another ordinal (used when relettering).
    pub fn with_ordinal(&self, ordinal: u32) -> Label {
        Label { ordinal, ..*self }
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = self.value();
        match self.style {
            LabelStyle::Paren => write!(f, "{v})"),
            LabelStyle::Enclosed => write!(f, "({v})"),
            LabelStyle::Dot => write!(f, "{v}."),
        }
    }
}

/// Writes an ordinal in a numbering system.
pub fn format_value(kind: LabelKind, ordinal: u32) -> String {
    match kind {
        LabelKind::Arabic => ordinal.to_string(),
        LabelKind::LowerAlpha => alpha(ordinal),
        LabelKind::UpperAlpha => alpha(ordinal).to_uppercase(),
        LabelKind::LowerRoman => roman(ordinal).to_lowercase(),
        LabelKind::UpperRoman => roman(ordinal),
    }
}

/// a..z, then aa, bb, … as legal drafting does (not spreadsheet-style ab).
fn alpha(n: u32) -> String {
    if n == 0 {
        return "?".into();
    }
    let letter = (b'a' + ((n - 1) % 26) as u8) as char;
    std::iter::repeat_n(letter, ((n - 1) / 26 + 1) as usize).collect()
}

fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (v, r) in TABLE {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

/// Reads a roman numeral (either case); `None` unless it is canonical
/// (so `iiii` or `ic` are not numerals).
pub fn parse_roman(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 15 {
        return None;
    }
    let upper = s.to_ascii_uppercase();
    let mut total = 0u32;
    let mut prev = 0u32;
    for c in upper.chars().rev() {
        let v = match c {
            'I' => 1,
            'V' => 5,
            'X' => 10,
            'L' => 50,
            'C' => 100,
            'D' => 500,
            'M' => 1000,
            _ => return None,
        };
        if v < prev {
            total = total.checked_sub(v)?;
        } else {
            total += v;
            prev = v;
        }
    }
    (total > 0 && roman(total) == upper).then_some(total)
}

/// Reads a letter label `a`..`z`, `aa`, `bb`… (one case only).
pub fn parse_alpha(s: &str) -> Option<u32> {
    let first = s.chars().next()?;
    if !first.is_ascii_alphabetic() || !s.chars().all(|c| c == first) || s.len() > 4 {
        return None;
    }
    let pos = (first.to_ascii_lowercase() as u8 - b'a') as u32 + 1;
    Some(pos + 26 * (s.len() as u32 - 1))
}

/// Reads the value of a label when its numbering system is known.
pub fn parse_value(kind: LabelKind, s: &str) -> Option<u32> {
    match kind {
        LabelKind::Arabic => s.parse().ok().filter(|&n| n > 0 && s.chars().all(|c| c.is_ascii_digit())),
        LabelKind::LowerAlpha if s.chars().all(|c| c.is_ascii_lowercase()) => parse_alpha(s),
        LabelKind::UpperAlpha if s.chars().all(|c| c.is_ascii_uppercase()) => parse_alpha(s),
        LabelKind::LowerRoman if s.chars().all(|c| c.is_ascii_lowercase()) => parse_roman(s),
        LabelKind::UpperRoman if s.chars().all(|c| c.is_ascii_uppercase()) => parse_roman(s),
        _ => None,
    }
}

/// A label as written at the start of a line, before its kind is settled:
/// `i)` may be the ninth letter or the first roman numeral, and only its
/// siblings can tell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawLabel {
    pub value: String,
    pub style: LabelStyle,
    /// Bytes the label and the space after it take at the start of the text.
    pub len: usize,
}

/// Splits a label off the start of `text`: `b) when…`, `(iv) using…`, `23. RECOMMENDS…`.
/// The label must be followed by a space (or end the text).
pub fn split_label(text: &str) -> Option<RawLabel> {
    let bytes = text.as_bytes();
    let (start, style_open) = if bytes.first() == Some(&b'(') { (1, true) } else { (0, false) };
    let body_len = text[start..].bytes().take_while(|b| b.is_ascii_alphanumeric()).count();
    if body_len == 0 || body_len > 6 {
        return None;
    }
    let value = &text[start..start + body_len];
    let all_digits = value.bytes().all(|b| b.is_ascii_digit());
    let all_alpha = value.bytes().all(|b| b.is_ascii_alphabetic());
    if !all_digits && !all_alpha {
        return None;
    }
    let close = bytes.get(start + body_len).copied();
    let style = match (style_open, close) {
        (true, Some(b')')) => LabelStyle::Enclosed,
        (false, Some(b')')) => LabelStyle::Paren,
        (false, Some(b'.')) => LabelStyle::Dot,
        _ => return None,
    };
    let after = start + body_len + 1;
    match bytes.get(after) {
        None => {}
        Some(b' ') | Some(b'\t') => {}
        Some(_) => return None,
    }
    // Words such as "Mr." or "etc." are not labels: a dotted label is digits or a roman numeral.
    if style == LabelStyle::Dot && !all_digits && parse_roman(value).is_none() {
        return None;
    }
    if all_alpha && parse_alpha(value).is_none() && parse_roman(value).is_none() {
        return None;
    }
    let len = (after + 1).min(text.len());
    Some(RawLabel { value: value.to_string(), style, len })
}

/// Settles the kind of the first label of a list: `i` opens a roman list,
/// `a` a lettered one, `1` a numbered one.
pub fn kind_of_first(value: &str) -> Option<LabelKind> {
    if value.bytes().all(|b| b.is_ascii_digit()) {
        return Some(LabelKind::Arabic);
    }
    let lower = value.bytes().all(|b| b.is_ascii_lowercase());
    let upper = value.bytes().all(|b| b.is_ascii_uppercase());
    let roman_first = value.eq_ignore_ascii_case("i");
    match (lower, upper) {
        (true, _) if roman_first => Some(LabelKind::LowerRoman),
        (_, true) if roman_first => Some(LabelKind::UpperRoman),
        (true, _) if parse_alpha(value).is_some() => Some(LabelKind::LowerAlpha),
        (_, true) if parse_roman(value).is_some() => Some(LabelKind::UpperRoman),
        (_, true) if parse_alpha(value).is_some() => Some(LabelKind::UpperAlpha),
        (true, _) if parse_roman(value).is_some() => Some(LabelKind::LowerRoman),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roman_numerals_round_trip() {
        for n in 1..200 {
            assert_eq!(parse_roman(&roman(n)), Some(n), "{n}");
        }
        assert_eq!(parse_roman("viii"), Some(8));
        assert_eq!(parse_roman("IX"), Some(9));
        assert_eq!(parse_roman("iiii"), None);
        assert_eq!(parse_roman("ic"), None);
        assert_eq!(parse_roman("b"), None);
    }

    #[test]
    fn letters_go_on_as_double_letters() {
        assert_eq!(alpha(1), "a");
        assert_eq!(alpha(26), "z");
        assert_eq!(alpha(27), "aa");
        assert_eq!(parse_alpha("bb"), Some(28));
        assert_eq!(parse_alpha("ab"), None);
    }

    #[test]
    fn labels_split_off_the_start_of_a_line() {
        let l = split_label("b) when, within six months").unwrap();
        assert_eq!((l.value.as_str(), l.style, l.len), ("b", LabelStyle::Paren, 3));
        let l = split_label("(iv) using").unwrap();
        assert_eq!((l.value.as_str(), l.style), ("iv", LabelStyle::Enclosed));
        let l = split_label("23. RECOMMENDS that:").unwrap();
        assert_eq!((l.value.as_str(), l.style), ("23", LabelStyle::Dot));
        let l = split_label("IX. Regarding application").unwrap();
        assert_eq!(l.value, "IX");
        assert!(split_label("Mr. Mutemba").is_none());
        assert!(split_label("RECALLING the provisions").is_none());
        assert!(split_label("b)when").is_none());
        assert!(split_label("2b) of").is_none());
    }

    #[test]
    fn first_label_settles_the_numbering_system() {
        assert_eq!(kind_of_first("a"), Some(LabelKind::LowerAlpha));
        assert_eq!(kind_of_first("i"), Some(LabelKind::LowerRoman));
        assert_eq!(kind_of_first("I"), Some(LabelKind::UpperRoman));
        assert_eq!(kind_of_first("1"), Some(LabelKind::Arabic));
        assert_eq!(parse_value(LabelKind::LowerAlpha, "i"), Some(9));
        assert_eq!(parse_value(LabelKind::LowerRoman, "iv"), Some(4));
    }

    #[test]
    fn display_keeps_the_style() {
        let l = Label::new(LabelKind::LowerAlpha, 5, LabelStyle::Enclosed);
        assert_eq!(l.to_string(), "(e)");
        assert_eq!(l.with_ordinal(6).to_string(), "(f)");
        assert_eq!(Label::new(LabelKind::LowerRoman, 4, LabelStyle::Paren).to_string(), "iv)");
        assert_eq!(Label::new(LabelKind::Arabic, 23, LabelStyle::Dot).to_string(), "23.");
    }
}
