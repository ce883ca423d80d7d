//! `fortress-belt`: Sloviansk, Kramatorsk, Druzhkivka and Kostiantynivka stay on the
//! Ukrainian-controlled side of every demarcation, with a margin.
//!
//! Source: [S4]: Russia must not gain by negotiation the roughly 50 km, heavily fortified belt
//! Sloviansk – Kramatorsk – Druzhkivka – Kostiantynivka; behind it lies open, hard-to-defend
//! ground.

use super::context::{Context, RuleOutput, figure, focus_point};
use super::geometry::BELT_CITIES;
use super::{ParamInfo, Params, Rule, RuleInfo, Severity, sources};
use geo::Point;

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
            checks: "Sloviansk, Kramatorsk, Druzhkivka and Kostiantynivka stay on the Ukrainian-controlled side of each demarcation: error if one is on the other side; warning if one is closer to the line than warn_depth_km.",
            explanation: "The roughly 50 km belt of fortified cities from Sloviansk to Kostiantynivka is what holds the Donbas front; behind it lies open ground that is hard to defend. Giving it up at the table would be a strategically fatal concession, and a line that runs just in front of it leaves the cities within artillery and drone range.",
            params: vec![ParamInfo::number(
                "warn_depth_km",
                10.0,
                "km",
                "least distance a belt city should keep from the line",
                0.0,
                500.0,
            )],
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
                let focus = BELT_CITIES
                    .iter()
                    .find(|(name, _)| name == city)
                    .map(|(_, [lon, lat])| focus_point(Point::new(*lon, *lat)));
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
