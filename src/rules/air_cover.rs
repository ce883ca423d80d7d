//! `air-cover`: Ukraine's main cities lie within range of guarantor air power.
//!
//! Sources: [S4]: 100,000–150,000 troops "supported by large-scale air and maritime components";
//! [S3], [S0]: US and allied aircraft and missile defence in nearby NATO states could enforce air
//! exclusion zones; [S4]: western cities such as Lviv are attacked too.

use super::context::{Context, RuleOutput};
use super::{Applies, ParamInfo, Params, Rule, RuleInfo, Severity, sources};
use crate::model::scenario::Component;
use crate::spatial::distance_km;
use geo::{BoundingRect, MultiPoint};

/// The rule value.
pub struct AirCover;

const ID: &str = "air-cover";

/// The cities of contract.md.
const CITIES: [&str; 6] = ["Kyiv", "Lviv", "Odesa", "Kharkiv", "Dnipro", "Zaporizhzhia"];

impl Rule for AirCover {
    fn id(&self) -> &'static str {
        ID
    }

    fn info(&self) -> RuleInfo {
        RuleInfo {
            id: ID,
            title: "Cities under air cover",
            badge: "Air cover",
            applies_to: Applies::Plan,
            checks: "Warning listing the cities (Kyiv, Lviv, Odesa, Kharkiv, Dnipro, Zaporizhzhia) outside the range_km of every guarantor air or air-defense force of strength > 0.",
            explanation: "Russia's strikes on Ukraine come from the air, on the west as on the east. A guarantee backed by air power means aircraft and air defence that can reach the cities: a city counts as covered when it lies within range_km (geodesic) of at least one guarantor or backstop force of component air or air-defense with a strength above 0 (a force with no personnel covers nothing, whatever its range) standing where it can (force-location).",
            params: vec![ParamInfo::cities(
                "cities",
                &CITIES,
                "the cities that need cover",
            )
            .assumption("Ukraine's capital and its largest cities, west to east, with Lviv, whose repeated bombardment [S4] names")],
            sources: &[sources::S4, sources::S3, sources::S0],
        }
    }

    fn check(&self, context: &Context<'_>, params: &Params, out: &mut RuleOutput) {
        let covers: Vec<_> = context
            .forces
            .iter()
            .filter(|f| {
                f.is_guarantor()
                    && f.counts()
                    && matches!(f.force.component, Component::Air | Component::AirDefense)
            })
            .map(|f| (f.force.position, f.force.range_km.unwrap_or(0.0)))
            .collect();
        let mut uncovered = Vec::new();
        for name in params.list("cities") {
            let Some(city) = context.city(name) else {
                continue;
            };
            let covered = covers
                .iter()
                .any(|(at, range)| distance_km(*at, city.position) <= *range);
            if !covered {
                uncovered.push((city.name.clone(), city.position));
            }
        }
        if uncovered.is_empty() {
            return;
        }
        let names: Vec<&str> = uncovered.iter().map(|(n, _)| n.as_str()).collect();
        let list = match names.as_slice() {
            [one] => (*one).to_owned(),
            [init @ .., last] => format!("{} and {last}", init.join(", ")),
            [] => String::new(),
        };
        let verb = if names.len() == 1 { "lies" } else { "lie" };
        let focus = MultiPoint::new(uncovered.iter().map(|(_, p)| *p).collect())
            .bounding_rect()
            .map(|r| {
                [
                    r.min().x - 0.5,
                    r.min().y - 0.3,
                    r.max().x + 0.5,
                    r.max().y + 0.3,
                ]
            });
        out.add(
            ID,
            Severity::Warning,
            None,
            format!(
                "{list} {verb} outside the range of every guarantor air and air-defence force ({} of {} cities uncovered).",
                names.len(),
                params.list("cities").len()
            ),
            sources::S4,
            focus,
        );
        out.uncovered_cities.extend(uncovered);
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::ID;

    #[test]
    fn an_empty_air_force_covers_nothing() {
        let report = Plan::new()
            .force_with(
                "ghost",
                "PL",
                "air",
                "reassurance",
                0,
                1.0,
                [21.0, 52.2],
                3000.0,
            )
            .check();
        assert!(
            has(&report, ID, "warning", None, "6 of 6 cities"),
            "{:?}",
            report.findings
        );
        let report = Plan::new()
            .force_with(
                "real",
                "PL",
                "air",
                "reassurance",
                500,
                1.0,
                [21.0, 52.2],
                3000.0,
            )
            .check();
        assert!(of(&report, ID).is_empty());
    }
}
