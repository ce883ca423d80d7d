//! `force-sufficiency`: enough European guarantor troops, ready in time, with air and maritime
//! components.
//!
//! Source: [S4]: 100,000–150,000 troops, supported by large-scale air and maritime components,
//! are estimated to be needed to credibly support Ukraine against renewed incursions. The
//! requirement is the European guarantors' own: the United States stands behind them but rules
//! out troops in Ukraine [S3].

use super::context::{Context, RuleOutput, amount, thousands};
use super::{Applies, ParamInfo, Params, Rule, RuleInfo, Severity, sources};
use crate::model::scenario::{Component, Role};

/// The rule value.
pub struct ForceSufficiency;

const ID: &str = "force-sufficiency";

impl Rule for ForceSufficiency {
    fn id(&self) -> &'static str {
        ID
    }

    fn info(&self) -> RuleInfo {
        RuleInfo {
            id: ID,
            title: "Enough European forces",
            badge: "Troops",
            applies_to: Applies::Plan,
            checks: "Land strength of European guarantors (roles other than monitor) with readiness_days ≤ max_readiness_days: error below min_troops, warning below full_troops; error if the European guarantors' air strength in total is below min_air, error if their maritime strength in total is below min_maritime.",
            explanation: "Deterring a renewed attack takes an estimated 100,000 to 150,000 troops, backed by large-scale air and maritime components. Counted here: the land forces of the European guarantors (nations in the guarantors list) wherever they stand (in Ukraine or pre-positioned nearby), except monitors, who watch the line rather than defend it, and except forces that would take longer than max_readiness_days to be ready. Backstop forces (the US) do not count: they stand behind the Europeans, not in their place. Forces of strength 0 or standing where they cannot (force-location) count for nothing.",
            params: vec![
                ParamInfo::number(
                    "min_troops",
                    100_000.0,
                    "troops",
                    "least European land strength",
                    0.0,
                    f64::INFINITY,
                )
                .source(sources::S4),
                ParamInfo::number(
                    "full_troops",
                    150_000.0,
                    "troops",
                    "European land strength of the full estimate",
                    0.0,
                    f64::INFINITY,
                )
                .source(sources::S4),
                ParamInfo::number(
                    "max_readiness_days",
                    30.0,
                    "days",
                    "slowest readiness that still counts",
                    0.0,
                    3650.0,
                )
                .source(sources::NATO_NRF),
                ParamInfo::number(
                    "min_air",
                    1000.0,
                    "personnel",
                    "least European air strength",
                    0.0,
                    f64::INFINITY,
                )
                .assumption("[S4] asks for a large-scale air component without a figure; 1,000 personnel is about two fighter squadrons with their ground crews, a floor rather than a target"),
                ParamInfo::number(
                    "min_maritime",
                    1000.0,
                    "personnel",
                    "least European maritime strength",
                    0.0,
                    f64::INFINITY,
                )
                .assumption("[S4] asks for a large-scale maritime component without a figure; 1,000 personnel is about a small task group of frigates, a floor rather than a target"),
            ],
            sources: &[sources::S4, sources::S3, sources::NATO_NRF],
        }
    }

    fn check(&self, context: &Context<'_>, params: &Params, out: &mut RuleOutput) {
        let land = context.ledger.european_land;
        // Troop counts are far below 2^53, so the comparison in f64 is exact.
        let land_f = land as f64;
        let (min, full) = (params.number("min_troops"), params.number("full_troops"));
        let days = params.number("max_readiness_days");
        let slow = context.ledger.european_land_any_readiness - land;
        let slow_note = if slow > 0 {
            format!(
                " ({} more take longer than {} days to be ready)",
                thousands(slow),
                amount(days)
            )
        } else {
            String::new()
        };
        if land_f < min {
            out.add(
                ID,
                Severity::Error,
                None,
                format!(
                    "European guarantor land forces ready within {} days total {} troops{slow_note}, below the {} needed to deter a renewed attack.",
                    amount(days),
                    thousands(land),
                    amount(min)
                ),
                sources::S4,
                None,
            );
        } else if land_f < full {
            out.add(
                ID,
                Severity::Warning,
                None,
                format!(
                    "European guarantor land forces ready within {} days total {} troops{slow_note}, short of the {} of the full estimate.",
                    amount(days),
                    thousands(land),
                    amount(full)
                ),
                sources::S4,
                None,
            );
        }
        for (component, what, param) in [
            (Component::Air, "air", "min_air"),
            (Component::Maritime, "maritime", "min_maritime"),
        ] {
            let strength: u64 = context
                .forces
                .iter()
                .filter(|f| {
                    f.is_european()
                        && f.counts()
                        && f.force.component == component
                        && f.force.role != Role::Monitor
                })
                .map(|f| f.force.strength)
                .sum();
            let least = params.number(param);
            if (strength as f64) < least {
                out.add(
                    ID,
                    Severity::Error,
                    None,
                    format!(
                        "European guarantor {what} forces total {} personnel, below the {} of a large-scale {what} component.",
                        thousands(strength),
                        amount(least)
                    ),
                    sources::S4,
                    None,
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::ID;

    #[test]
    fn a_sound_plan_passes() {
        let report = Plan::sound().check();
        assert!(of(&report, ID).is_empty(), "{:?}", of(&report, ID));
        assert_eq!(report.forces.european_land, 160_000);
    }

    #[test]
    fn us_troops_do_not_supply_the_european_requirement() {
        let report = Plan::new()
            .force(
                "us",
                "US",
                "land",
                "reassurance",
                155_000,
                3.0,
                [21.0, 52.2],
            )
            .check();
        assert!(
            has(&report, ID, "error", None, "total 0 troops"),
            "{:?}",
            report.findings
        );
        assert_eq!(report.forces.backstop_land, 155_000);
    }

    #[test]
    fn troops_a_year_away_do_not_count() {
        let report = Plan::sound()
            .without("pl-land")
            .without("fr-land")
            .without("gb-land")
            .force(
                "slow",
                "DE",
                "land",
                "reassurance",
                160_000,
                365.0,
                [13.4, 52.5],
            )
            .check();
        assert!(
            has(
                &report,
                ID,
                "error",
                None,
                "160,000 more take longer than 30 days"
            ),
            "{:?}",
            report.findings
        );
    }

    #[test]
    fn air_and_maritime_need_strength_not_just_a_symbol() {
        let report = Plan::sound()
            .without("pl-air")
            .force_with(
                "empty",
                "PL",
                "air",
                "reassurance",
                0,
                1.0,
                [21.0, 52.2],
                3000.0,
            )
            .check();
        assert!(has(&report, ID, "error", None, "air forces total 0"));
        assert!(!has(&report, ID, "error", None, "maritime"));
    }
}
