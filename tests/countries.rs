//! The ISO 3166 table Parties are found by: the same as Debian's iso-codes
//! (`.ci/run` installs it), and every Party of the bundled groups in it.

use gavel::group::Category;
use gavel::group::countries::forms;
use gavel::workspace::Workspace;

#[test]
fn the_table_is_iso_codes_own() {
    let path = "/usr/share/iso-codes/json/iso_3166-1.json";
    let text = std::fs::read_to_string(path).expect("iso-codes is installed (apt-get install iso-codes)");
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let all = json["3166-1"].as_array().unwrap();
    assert!(all.len() > 240);
    for c in all {
        let name = c["name"].as_str().unwrap();
        let f = forms(name).unwrap_or_else(|| panic!("{name} is not in the table"));
        for key in ["alpha_2", "alpha_3", "official_name", "common_name"] {
            if let Some(v) = c[key].as_str() {
                // (A leading "the" is dropped: the same name.)
                let plain = |s: &str| s.to_lowercase().trim_start_matches("the ").to_string();
                assert!(f.iter().any(|x| plain(x) == plain(v)), "{name}: {key} {v} missing from {f:?}");
            }
        }
    }
}

#[test]
fn every_bundled_party_is_found_by_its_codes() {
    let ws = Workspace::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR")));
    let mut parties = 0;
    for (_, g) in &ws.groups {
        for m in g.value.members.iter().filter(|m| m.category == Category::Party) {
            let f = forms(&m.name).unwrap_or_else(|| panic!("{} is not found among ISO 3166's countries", m.name));
            assert!(f.iter().any(|x| x.len() == 2), "{}: {f:?}", m.name);
            parties += 1;
        }
    }
    assert!(parties > 20, "{parties} Parties");
}
