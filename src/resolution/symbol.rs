//! Resolution symbols (`Conf. 11.3`) and revisions (`Rev. CoP19`), and the
//! ways a user names a resolution on the command line.

use std::fmt;
use std::str::FromStr;

/// A resolution's symbol: `Conf. 11.3` is meeting 11, number 3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Symbol {
    pub meeting: u16,
    pub number: u16,
}

/// The meeting of the Conference of the Parties that last revised a resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Revision {
    pub cop: u16,
}

impl fmt::Display for Symbol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Conf. {}.{}", self.meeting, self.number)
    }
}

impl fmt::Display for Revision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Rev. CoP{}", self.cop)
    }
}

impl Symbol {
    /// The file stem and tag prefix: `conf-11.3`.
    pub fn slug(&self) -> String {
        format!("conf-{}.{}", self.meeting, self.number)
    }
}

impl Revision {
    /// The tag suffix: `rev-cop19`.
    pub fn slug(&self) -> String {
        format!("rev-cop{}", self.cop)
    }
}

/// Finds `N.M` in text such as `Resolution Conf. 11.3 (Rev. CoP19)` or `conf-11.3`.
fn find_symbol(s: &str) -> Option<(Symbol, usize)> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_alphanumeric()) {
            let m_end = i + b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
            if b.get(m_end) == Some(&b'.') {
                let n_start = m_end + 1;
                let n_end = n_start + b[n_start..].iter().take_while(|c| c.is_ascii_digit()).count();
                if n_end > n_start {
                    let meeting = s[i..m_end].parse().ok()?;
                    let number = s[n_start..n_end].parse().ok()?;
                    return Some((Symbol { meeting, number }, n_end));
                }
            }
            i = m_end;
        } else {
            i += 1;
        }
    }
    None
}

/// Finds `Rev. CoP19` / `rev cop19` / `rev-cop19` in text.
fn find_revision(s: &str) -> Option<Revision> {
    let lower = s.to_ascii_lowercase();
    let at = lower.find("rev")?;
    let rest = &lower[at + 3..];
    let rest = rest.trim_start_matches(['.', ' ', '-', '_']);
    let rest = rest.strip_prefix("cop")?.trim_start_matches([' ', '-']);
    let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    Some(Revision { cop: digits.parse().ok()? })
}

impl FromStr for Symbol {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let t = s.trim();
        let rest = t.strip_prefix("Conf.").ok_or_else(|| format!("`{t}` is not a resolution symbol; expected the form `Conf. 11.3`"))?;
        match find_symbol(rest) {
            Some((sym, end)) if rest[end..].trim().is_empty() && rest[..1].trim().is_empty() => Ok(sym),
            _ => Err(format!("`{t}` is not a resolution symbol; expected the form `Conf. 11.3`")),
        }
    }
}

impl FromStr for Revision {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let t = s.trim();
        let err = || format!("`{t}` is not a revision; expected the form `Rev. CoP19`");
        let rest = t.strip_prefix("Rev. CoP").ok_or_else(err)?;
        if rest.is_empty() || !rest.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err());
        }
        Ok(Revision { cop: rest.parse().map_err(|_| err())? })
    }
}

/// How a user named a resolution: `Conf. 11.3`, `11.3`, `Res. Conf. 11.3 (Rev. CoP19)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ResolutionName {
    pub symbol: Symbol,
    pub revision: Option<Revision>,
}

impl FromStr for ResolutionName {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let (symbol, end) = find_symbol(s)
            .ok_or_else(|| format!("cannot read `{}` as a resolution; name it by its symbol, e.g. `Conf. 11.3` or `11.3`", s.trim()))?;
        Ok(ResolutionName { symbol, revision: find_revision(&s[end..]) })
    }
}

impl fmt::Display for ResolutionName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.revision {
            Some(r) => write!(f, "{} ({})", self.symbol, r),
            None => write!(f, "{}", self.symbol),
        }
    }
}

string_conversions!(ResolutionName);
string_conversions!(Revision);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolution_names_in_the_forms_delegates_use() {
        let s = Symbol { meeting: 11, number: 3 };
        for input in ["Conf. 11.3", "11.3", "Res. Conf. 11.3", "Resolution Conf. 11.3", "conf-11.3", "Conf 11.3"] {
            let n: ResolutionName = input.parse().unwrap();
            assert_eq!(n, ResolutionName { symbol: s, revision: None }, "{input}");
        }
        for input in ["Conf. 11.3 (Rev. CoP19)", "11.3 rev cop19", "Resolution Conf. 11.3 (Rev. CoP 19)", "conf-11.3/rev-cop19"] {
            let n: ResolutionName = input.parse().unwrap();
            assert_eq!(n.revision, Some(Revision { cop: 19 }), "{input}");
        }
        assert!("Compliance".parse::<ResolutionName>().is_err());
    }

    #[test]
    fn header_fields_are_strict() {
        assert_eq!("Conf. 11.3".parse::<Symbol>().unwrap().to_string(), "Conf. 11.3");
        assert!("11.3".parse::<Symbol>().is_err());
        assert!("Conf. 11.3 x".parse::<Symbol>().is_err());
        assert_eq!("Rev. CoP19".parse::<Revision>().unwrap().slug(), "rev-cop19");
        assert!("CoP19".parse::<Revision>().is_err());
    }
}
