//! `trip-wire`: a token guarantor presence in Ukraine is a trip-wire, not a deterrent.
//!
//! Source: [S4]: NATO's enhanced forward presence of fewer than 5,000 troops in the Baltics and
//! Poland was "nothing more than a trip-wire force"; RAND (2016) found Russia could overrun the
//! Baltics within 72 hours.

use super::context::{Context, RuleOutput, thousands};
use super::{ParamInfo, Params, Rule, RuleInfo, Severity, sources};

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
            checks: "Warning if guarantor land strength in Ukraine is above 0 and below min_troops.",
            explanation: "A few thousand troops can signal commitment but cannot hold ground: NATO's enhanced forward presence of fewer than 5,000 troops was called \"nothing more than a trip-wire force\", and RAND found Russia could overrun the Baltics within 72 hours. No troops in Ukraine at all is a different choice and is not flagged here.",
            params: vec![ParamInfo::number(
                "min_troops",
                5_000.0,
                "troops",
                "guarantor land strength in Ukraine below which it is a trip-wire",
                0.0,
                f64::INFINITY,
            )],
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
