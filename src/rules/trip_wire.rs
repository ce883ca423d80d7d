//! `trip-wire`: a token guarantor presence in Ukraine is a trip-wire, not a deterrent.
//!
//! Source: [S4]: NATO's enhanced forward presence of fewer than 5,000 troops in the Baltics and
//! Poland was "nothing more than a trip-wire force"; RAND (2016) found Russia could overrun the
//! Baltics within 72 hours.

use super::context::{Context, RuleOutput, thousands};
use super::{Applies, ParamInfo, Params, Rule, RuleInfo, Severity, sources};

/// The rule value.
pub struct TripWire;

const ID: &str = "trip-wire";

impl Rule for TripWire {
    fn id(&self) -> &'static str {
        ID
    }

    fn info(&self) -> RuleInfo {
        RuleInfo {
            id: ID,
            title: "More than a trip-wire",
            badge: "More than a trip-wire",
            applies_to: Applies::Plan,
            checks: "Warning if guarantor land strength in Ukraine is above 0 and below min_troops.",
            explanation: "A few thousand troops can signal commitment but cannot hold ground: NATO's enhanced forward presence of fewer than 5,000 troops was called \"nothing more than a trip-wire force\", and RAND found Russia could overrun the Baltics within 72 hours. No troops in Ukraine at all is a different choice and is not flagged here.",
            params: vec![
                ParamInfo::number(
                    "min_troops",
                    5_000.0,
                    "troops",
                    "guarantor land strength in Ukraine below which it is a trip-wire",
                    0.0,
                    f64::INFINITY,
                )
                .source(sources::S4),
            ],
            sources: &[sources::S4],
        }
    }

    fn check(&self, context: &Context<'_>, params: &Params, out: &mut RuleOutput) {
        let in_ukraine = context.ledger.guarantor_land_in_ukraine;
        let min = params.number("min_troops");
        // Troop counts are far below 2^53: exact in f64.
        if in_ukraine > 0 && (in_ukraine as f64) < min {
            out.add(
                ID,
                Severity::Warning,
                None,
                format!(
                    "Guarantor land forces in Ukraine total {} troops, a trip-wire force below {}.",
                    thousands(in_ukraine),
                    thousands(min as u64)
                ),
                sources::S4,
                None,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::ID;

    #[test]
    fn a_few_thousand_in_ukraine_are_a_trip_wire_and_empty_or_misplaced_ones_count_for_nothing() {
        let base = Plan::new().force("pl", "PL", "land", "reassurance", 3_000, 3.0, KYIV);
        assert!(has(&base.check(), ID, "warning", None, "3,000 troops"));
        // Strength 0 and a brigade in occupied Crimea add nothing.
        let report = Plan::new()
            .force("pl", "PL", "land", "reassurance", 0, 3.0, KYIV)
            .force(
                "crimea",
                "FR",
                "land",
                "reassurance",
                4_000,
                3.0,
                [33.52, 44.6],
            )
            .check();
        assert!(of(&report, ID).is_empty(), "{:?}", report.findings);
        assert_eq!(report.forces.guarantor_land_in_ukraine, 0);
    }
}
