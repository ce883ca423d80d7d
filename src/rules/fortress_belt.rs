//! `fortress-belt`: Sloviansk, Kramatorsk, Druzhkivka and Kostiantynivka stay on the
//! Ukrainian-controlled side of every demarcation, with a margin.
//!
//! Source: [S4]: Russia must not gain by negotiation the roughly 50 km, heavily fortified belt
//! Sloviansk – Kramatorsk – Druzhkivka – Kostiantynivka; behind it lies open, hard-to-defend
//! ground.

use super::context::{Context, RuleOutput, figure, focus_point};
use super::{Applies, ParamInfo, Params, Rule, RuleInfo, Severity, sources};

/// The rule value.
pub struct FortressBelt;

const ID: &str = "fortress-belt";

impl Rule for FortressBelt {
    fn id(&self) -> &'static str {
        ID
    }

    fn info(&self) -> RuleInfo {
        RuleInfo {
            id: ID,
            title: "Fortress belt stays Ukrainian",
            badge: "Fortress belt",
            applies_to: Applies::Demarcations,
            checks: "Sloviansk, Kramatorsk, Druzhkivka and Kostiantynivka stay on the Ukrainian-controlled side of each demarcation: error if one is on the other side; warning if one is closer to the line than warn_depth_km.",
            explanation: "The cities' positions are those of the bundled cities layer. The roughly 50 km belt of fortified cities from Sloviansk to Kostiantynivka is what holds the Donbas front; behind it lies open ground that is hard to defend. Giving it up at the table would be a strategically fatal concession, and a line that runs just in front of it leaves the cities within artillery and drone range.",
            params: vec![ParamInfo::number(
                "warn_depth_km",
                10.0,
                "km",
                "least distance a belt city should keep from the line",
                0.0,
                500.0,
            )
            .assumption("about the reach of tube artillery and many FPV drones: a city closer than that to the line stays under fire")],
            sources: &[sources::S4],
        }
    }

    fn check(&self, context: &Context<'_>, params: &Params, out: &mut RuleOutput) {
        let warn = params.number("warn_depth_km");
        for line in &context.lines {
            let Ok(geometry) = &line.geometry else {
                continue;
            };
            for (city, depth) in &geometry.belt_depth_km {
                let focus = context
                    .territory
                    .and_then(|t| t.belt.iter().find(|(name, _)| name == city))
                    .map(|(_, p)| focus_point(*p));
                if *depth < 0.0 {
                    out.add(
                        ID,
                        Severity::Error,
                        Some(line.id),
                        format!(
                            "{city} lies {} km on the Russian-controlled side of {}.",
                            figure(-depth),
                            line.label
                        ),
                        sources::S4,
                        focus,
                    );
                } else if *depth < warn {
                    out.add(
                        ID,
                        Severity::Warning,
                        Some(line.id),
                        format!(
                            "{city} lies only {} km behind {}, closer than the {} km margin.",
                            figure(*depth),
                            line.label,
                            super::context::amount(warn)
                        ),
                        sources::S4,
                        focus,
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::ID;

    #[test]
    fn belt_cities_come_from_the_cities_layer() {
        let report = Plan::new().line("today", &front()).check();
        let druzhkivka = base().city("Druzhkivka").expect("city").position;
        assert!(
            report
                .belt_cities
                .iter()
                .any(|(name, p)| name == "Druzhkivka" && *p == druzhkivka)
        );
    }

    #[test]
    fn a_line_west_of_kyiv_loses_the_belt() {
        let report = Plan::new()
            .line("west", &[[30.2, 52.2], [30.25, 49.0], [30.25, 45.7]])
            .check();
        assert_eq!(of(&report, ID).len(), 4, "{:?}", report.findings);
        let stats = report.demarcation("west").expect("stats");
        assert!(
            stats.belt_depth_km.iter().all(|(_, d)| *d < -300.0),
            "{stats:?}"
        );
    }
}
