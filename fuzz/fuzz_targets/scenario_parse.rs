//! Fuzzes the scenario parser (`Scenario::parse`, the one every file goes through) and its
//! writer: any text either parses or gives an error naming the file, never a panic; whatever
//! parses writes back to text that parses to the same scenario.
//!
//! The parser's modules are compiled in from the main crate's sources (see README.md for why).

#![no_main]

#[allow(dead_code, clippy::all)]
#[path = "../../src/model"]
mod model {
    pub mod geojson_read;
    pub mod nations;
    pub mod scenario;
    pub mod sidc;
}

use libfuzzer_sys::fuzz_target;
use model::scenario::Scenario;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Scenario::parse("fuzz.geojson", text) {
        Ok(scenario) => {
            let written = scenario.to_geojson_string();
            let again = Scenario::parse("fuzz.geojson", &written)
                .unwrap_or_else(|e| panic!("written scenario does not parse: {e}\n{written}"));
            // Load, save, load gives the same scenario, and saving again the same text.
            assert_eq!(again, scenario, "a load-save-load changed the scenario");
            assert_eq!(again.to_geojson_string(), written, "writing is not stable");
        }
        Err(e) => assert!(e.to_string().starts_with("fuzz.geojson"), "{e}"),
    }
});
