//! `force-sufficiency`: enough guarantor troops, with air and maritime components.
//!
//! Source: [S4]: 100,000–150,000 troops, supported by large-scale air and maritime components,
//! are estimated to be needed to credibly support Ukraine against renewed incursions.

use super::context::{Context, RuleOutput, thousands};
use super::{ParamInfo, Params, Rule, RuleInfo, Severity, sources};
use crate::model::scenario::Component;

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
            title: "Enough guarantor forces",
            checks: "Guarantor land strength (roles other than monitor): error below min_troops, warning below full_troops; error if no guarantor air force, error if no guarantor maritime force.",
            explanation: "Deterring a renewed attack takes an estimated 100,000 to 150,000 troops, backed by large-scale air and maritime components. Counted here: the land forces of guarantor and backstop nations, wherever they stand (in Ukraine or pre-positioned nearby), except monitors, who watch the line rather than defend it.",
            params: vec![
                ParamInfo::number(
                    "min_troops",
                    100_000.0,
                    "troops",
                    "least guarantor land strength",
                    0.0,
                    f64::INFINITY,
                ),
                ParamInfo::number(
                    "full_troops",
                    150_000.0,
                    "troops",
                    "guarantor land strength of the full estimate",
                    0.0,
                    f64::INFINITY,
                ),
            ],
            sources: &[sources::S4],
        }
    }

    fn check(&self, context: &Context<'_>, params: &Params, out: &mut RuleOutput) {
        let land = context.ledger.guarantor_land;
        // Troop counts are far below 2^53, so the comparison in f64 is exact.
        let land_f = land as f64;
        let (min, full) = (params.number("min_troops"), params.number("full_troops"));
        if land_f < min {
            out.add(
                ID,
                Severity::Error,
                None,
                format!(
                    "Guarantor land forces total {} troops, below the {} needed to deter a renewed attack.",
                    thousands(land),
                    thousands(min as u64)
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
                    "Guarantor land forces total {} troops, short of the {} of the full estimate.",
                    thousands(land),
                    thousands(full as u64)
                ),
                sources::S4,
                None,
            );
        }
        let guarantors = context.forces.iter().filter(|f| f.is_guarantor()).count();
        for (component, what) in [
            (Component::Air, "an air force"),
            (Component::Maritime, "a maritime force"),
        ] {
            let has = context.forces.iter().any(|f| {
                f.is_guarantor() && f.force.component == component && f.force.strength > 0
            });
            if !has {
                out.add(
                    ID,
                    Severity::Error,
                    None,
                    format!(
                        "None of the plan's {guarantors} guarantor forces is {what}, though a credible guarantee needs large-scale air and maritime components."
                    ),
                    sources::S4,
                    None,
                );
            }
        }
    }
}
