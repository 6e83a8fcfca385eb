//! The names a Party answers to beside its own: its ISO 3166 codes (`US`,
//! `USA`), ISO's short, official and common names (`United States`,
//! `Tanzania`), the name before the qualifier (`Bolivia` of `Bolivia
//! (Plurinational State of)`), and a few abbreviations delegates use that
//! ISO does not (`UK`, `DRC`, `UAE`, `EU`). A Party is found among ISO's
//! countries by its name as CITES writes it (the United Nations' form),
//! which ISO often turns round (`Korea, Republic of`).

mod table;

use table::COUNTRIES;

/// Abbreviations in use that are not ISO codes, with the code they stand for.
const ALSO: &[(&str, &str)] = &[("UK", "GB"), ("DRC", "CD"), ("UAE", "AE"), ("DPRK", "KP"), ("ROK", "KR"), ("PRC", "CN")];

/// The European Union is a Party to CITES and not a country of ISO 3166 (which reserves `EU` for it).
const EU: (&str, &str, &[&str]) = ("EU", "", &["European Union"]);

/// A name made comparable: lower case, letters and digits, single spaces, without a leading "the".
fn plain(s: &str) -> String {
    let words: Vec<String> = s
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().replace('’', "'"))
        .collect();
    let words = match words.first().map(String::as_str) {
        Some("the") => &words[1..],
        _ => &words[..],
    };
    words.join(" ")
}

/// The ways an ISO name is written: as it is, and turned round as the UN
/// writes it ("Korea, Republic of" as "Republic of Korea" and "Korea
/// (Republic of)"), and the part before the comma ("Korea").
fn spellings(name: &str) -> Vec<String> {
    let mut v = vec![name.to_string()];
    if let Some((head, tail)) = name.split_once(", ") {
        v.push(format!("{tail} {head}"));
        v.push(format!("{head} ({tail})"));
        v.push(head.to_string());
    }
    v
}

/// Everything a Party named `name` (as CITES writes it) answers to, itself
/// included; `None` when ISO does not know it.
pub fn forms(name: &str) -> Option<Vec<String>> {
    let want = plain(name);
    // The name before a qualifier, as delegates say it: "Bolivia (Plurinational State of)".
    let short = name.split_once(" (").map(|(h, _)| plain(h));
    // A name as ISO writes it first, then turned round ("Congo" is the
    // Congo, not "Congo, The Democratic Republic of the"); never by the
    // part before the comma alone, which two countries may share ("Korea").
    let all = || COUNTRIES.iter().chain(std::iter::once(&EU));
    let turned = |n: &&str| spellings(n).into_iter().take(3).any(|s| plain(&s) == want);
    let (a2, a3, names) = all()
        .find(|(_, _, names)| names.iter().any(|n| plain(n) == want))
        .or_else(|| all().find(|(_, _, names)| names.iter().any(turned)))?;
    let mut out: Vec<String> = vec![name.to_string(), a2.to_string()];
    if !a3.is_empty() {
        out.push(a3.to_string());
    }
    out.extend(names.iter().flat_map(|n| spellings(n)));
    out.extend(short);
    out.extend(ALSO.iter().filter(|(_, code)| code == a2).map(|(abbr, _)| abbr.to_string()));
    let mut seen = std::collections::HashSet::new();
    out.retain(|f| seen.insert(plain(f)));
    Some(out)
}

/// Whether `query` is one of a Party's codes or abbreviations exactly (any case): `USA`, `us`, `UK`.
pub fn is_code(forms: &[String], query: &str) -> bool {
    let q = query.trim();
    (2..=4).contains(&q.len())
        && forms.iter().any(|f| f.len() == q.len() && f.eq_ignore_ascii_case(q) && f.chars().all(|c| c.is_ascii_uppercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_party_answers_to_its_codes_and_the_names_iso_gives_it() {
        let us = forms("United States of America").unwrap();
        for f in ["US", "USA", "United States"] {
            assert!(us.iter().any(|x| x == f), "{f}: {us:?}");
        }
        assert!(is_code(&us, "usa") && is_code(&us, "US") && !is_code(&us, "Unit"));
        let tz = forms("United Republic of Tanzania").unwrap();
        assert!(tz.iter().any(|x| x == "Tanzania") && tz.iter().any(|x| x == "TZ"), "{tz:?}");
        let bo = forms("Bolivia (Plurinational State of)").unwrap();
        assert!(bo.iter().any(|x| x == "Bolivia") && bo.iter().any(|x| x == "BOL"), "{bo:?}");
        let kr = forms("Republic of Korea").unwrap();
        assert!(kr.iter().any(|x| x == "KR") && kr.iter().any(|x| x == "ROK"), "{kr:?}");
        let cd = forms("Democratic Republic of the Congo").unwrap();
        assert!(cd.iter().any(|x| x == "DRC"), "{cd:?}");
        let gb = forms("United Kingdom of Great Britain and Northern Ireland").unwrap();
        assert!(gb.iter().any(|x| x == "UK") && gb.iter().any(|x| x == "GB"), "{gb:?}");
        assert!(forms("Côte d'Ivoire").unwrap().iter().any(|x| x == "CI"));
        assert!(forms("European Union").unwrap().iter().any(|x| x == "EU"));
        assert_eq!(forms("Born Free USA"), None, "an NGO is no country");
    }
}
