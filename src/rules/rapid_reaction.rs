//! `rapid-reaction`: guarantor forces ready within the NATO Response Force's timelines.
//!
//! Sources: [S3]: guarantors would have to commit the equivalent of the NATO Response Force,
//! about 40,000 troops, with a VJTF core deployable within days; NATO's own figures: VJTF about
//! 5,000 troops within about 7 days, the rest of the NRF within 30 days.

use super::context::{Context, RuleOutput, thousands};
use super::{ParamInfo, Params, Rule, RuleInfo, Severity, sources};

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
            checks: "Error if guarantor strength ready within nrf_days is below nrf_troops, or strength ready within vjtf_days is below vjtf_troops.",
            explanation: "Reinforcements must \"flow instantly in a crisis\". The benchmark is the NATO Response Force: about 40,000 troops within 30 days, with a Very High Readiness Joint Task Force of about 5,000 ready within about 7 days. Counted: every guarantor and backstop force whose readiness_days is within the limit.",
            params: vec![
                ParamInfo::number(
                    "nrf_troops",
                    40_000.0,
                    "troops",
                    "strength the NRF benchmark asks for",
                    0.0,
                    f64::INFINITY,
                ),
                ParamInfo::number(
                    "nrf_days",
                    30.0,
                    "days",
                    "within how many days",
                    0.0,
                    3650.0,
                ),
                ParamInfo::number(
                    "vjtf_troops",
                    5_000.0,
                    "troops",
                    "strength of the very-high-readiness core",
                    0.0,
                    f64::INFINITY,
                ),
                ParamInfo::number(
                    "vjtf_days",
                    7.0,
                    "days",
                    "within how many days",
                    0.0,
                    3650.0,
                ),
            ],
            sources: &[sources::S3, sources::NATO_NRF],
        }
    }

    fn check(&self, context: &Context<'_>, params: &Params, out: &mut RuleOutput) {
        let ledger = &context.ledger;
        for (ready, troops, days, what) in [
            (
                ledger.ready_within_nrf_days,
                params.number("nrf_troops"),
                params.number("nrf_days"),
                "the NRF benchmark",
            ),
            (
                ledger.ready_within_vjtf_days,
                params.number("vjtf_troops"),
                params.number("vjtf_days"),
                "the VJTF benchmark",
            ),
        ] {
            // Troop counts are far below 2^53: exact in f64.
            if (ready as f64) < troops {
                let who = if ready == 0 {
                    "No guarantor troops are".to_owned()
                } else {
                    format!("Only {} guarantor troops are", thousands(ready))
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
