//! `rapid-reaction`: guarantor forces ready within the NATO Response Force's timelines.
//!
//! Sources: [S3]: guarantors would have to commit the equivalent of the NATO Response Force,
//! about 40,000 troops, with a VJTF core deployable within days; NATO's own figures: VJTF about
//! 5,000 troops within about 7 days, the rest of the NRF within 30 days.

use super::context::{Context, RuleOutput, thousands};
use super::{Applies, ParamInfo, Params, Rule, RuleInfo, Severity, sources};

/// The rule value.
pub struct RapidReaction;

const ID: &str = "rapid-reaction";

impl Rule for RapidReaction {
    fn id(&self) -> &'static str {
        ID
    }

    fn info(&self) -> RuleInfo {
        RuleInfo {
            id: ID,
            title: "Rapid reaction like the NRF",
            badge: "Rapid reaction",
            applies_to: Applies::Plan,
            checks: "Strength of European guarantors in combat components (land, air, maritime, air-defense; not monitors): error if strength ready within nrf_days is below nrf_troops, or ready within vjtf_days is below vjtf_troops.",
            explanation: "Reinforcements must \"flow instantly in a crisis\". The benchmark is the NATO Response Force: about 40,000 troops within 30 days, with a Very High Readiness Joint Task Force of about 5,000 ready within about 7 days. Counted: every force of a European guarantor (nations in the guarantors list) in a combat component (land, air, maritime, air-defense) and not a monitor, whose readiness_days is within the limit. Logistics, ISR and monitors support a response force but are not one; backstop forces (the US) stand behind the Europeans, not in their place.",
            params: vec![
                ParamInfo::number(
                    "nrf_troops",
                    40_000.0,
                    "troops",
                    "strength the NRF benchmark asks for",
                    0.0,
                    f64::INFINITY,
                )
                .source(sources::S3),
                ParamInfo::number(
                    "nrf_days",
                    30.0,
                    "days",
                    "within how many days",
                    0.0,
                    3650.0,
                )
                .source(sources::NATO_NRF),
                ParamInfo::number(
                    "vjtf_troops",
                    5_000.0,
                    "troops",
                    "strength of the very-high-readiness core",
                    0.0,
                    f64::INFINITY,
                )
                .source(sources::NATO_NRF),
                ParamInfo::number(
                    "vjtf_days",
                    7.0,
                    "days",
                    "within how many days",
                    0.0,
                    3650.0,
                )
                .source(sources::NATO_NRF),
            ],
            sources: &[sources::S3, sources::NATO_NRF],
        }
    }

    fn check(&self, context: &Context<'_>, params: &Params, out: &mut RuleOutput) {
        let ledger = &context.ledger;
        for (ready, troops, days, what) in [
            (
                ledger.european_ready_nrf,
                params.number("nrf_troops"),
                params.number("nrf_days"),
                "the NRF benchmark",
            ),
            (
                ledger.european_ready_vjtf,
                params.number("vjtf_troops"),
                params.number("vjtf_days"),
                "the VJTF benchmark",
            ),
        ] {
            // Troop counts are far below 2^53: exact in f64.
            if (ready as f64) < troops {
                let who = if ready == 0 {
                    "No European guarantor combat troops are".to_owned()
                } else {
                    format!(
                        "Only {} European guarantor combat troops are",
                        thousands(ready)
                    )
                };
                out.add(
                    ID,
                    Severity::Error,
                    None,
                    format!(
                        "{who} ready within {} days, below {} of {}.",
                        super::params::format_number(days),
                        what,
                        thousands(troops as u64)
                    ),
                    sources::S3,
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
    fn a_sound_plan_meets_both_benchmarks() {
        let report = Plan::sound().check();
        assert!(of(&report, ID).is_empty(), "{:?}", of(&report, ID));
    }

    #[test]
    fn logistics_monitors_and_us_troops_are_no_response_force() {
        let report = Plan::new()
            .force(
                "log",
                "DE",
                "logistics",
                "rapid-reaction",
                40_000,
                2.0,
                [13.4, 52.5],
            )
            .force("mon", "PL", "land", "monitor", 10_000, 2.0, [23.0, 52.0])
            .force(
                "us",
                "US",
                "land",
                "rapid-reaction",
                50_000,
                2.0,
                [21.0, 52.2],
            )
            .check();
        assert!(
            has(
                &report,
                ID,
                "error",
                None,
                "No European guarantor combat troops are ready within 30 days"
            ),
            "{:?}",
            report.findings
        );
        assert_eq!(report.forces.european_ready_nrf, 0);
    }
}
