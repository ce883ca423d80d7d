//! ISO 3166-1 alpha-2 country codes and English short names, for validating a force's `nation`
//! and for the searchable nation list. Generated once from the PyPI package pycountry 24.6.1
//! (ISO 3166-1), plus Kosovo's user-assigned code XK; "Russian Federation" shortened to "Russia".

/// Every code with its English short name, sorted by code.
pub const NATIONS: &[(&str, &str)] = include!("nations_table.in");

/// The English name of the nation with this ISO 3166-1 alpha-2 code, if the code exists.
pub fn nation_name(code: &str) -> Option<&'static str> {
    NATIONS
        .binary_search_by(|(c, _)| (*c).cmp(code))
        .ok()
        .and_then(|i| NATIONS.get(i))
        .map(|(_, name)| *name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_for_binary_search() {
        assert!(NATIONS.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn knows_the_guarantors_and_rejects_made_up_codes() {
        assert_eq!(nation_name("GB"), Some("United Kingdom"));
        assert_eq!(nation_name("UA"), Some("Ukraine"));
        assert_eq!(nation_name("RU"), Some("Russia"));
        assert_eq!(nation_name("XK"), Some("Kosovo"));
        assert_eq!(nation_name("UK"), None);
        assert_eq!(nation_name("ZZ"), None);
    }
}
