//! `guarantor-eligibility`: who may field a guarantor force.
//!
//! Sources: [S3]: the guarantors would be the European NATO members closest and most exposed
//! (Poland, the Baltic states, the Nordics, France, Germany, the United Kingdom), with the United
//! States as backstop; [S4]: Russia would float counter-proposals such as Chinese peacekeepers.

use super::context::{Context, RuleOutput, focus_point};
use super::{ParamInfo, Params, Rule, RuleInfo, Severity, sources};
use crate::model::nations::nation_name;
use crate::model::scenario::{
    Affiliation, DEFAULT_ADVERSARY, DEFAULT_BACKSTOP, DEFAULT_GUARANTORS, DEFAULT_HOST,
};

/// The rule value.
pub struct GuarantorEligibility;

const ID: &str = "guarantor-eligibility";

impl Rule for GuarantorEligibility {
    fn id(&self) -> &'static str {
        ID
    }

    fn info(&self) -> RuleInfo {
        RuleInfo {
            id: ID,
            title: "Eligible nations",
            checks: "Error for a force of an adversary nation; warning for a nation in none of the lists.",
            explanation: "The guarantors are the European NATO members closest to Russia and most exposed to it, the United States stands behind them, Ukraine is the host. A force of an adversary nation cannot guarantee anything against it; a nation on none of the lists (China, for instance, whom Russia has floated as a peacekeeper) is not part of the coalition this tool models and should be a deliberate choice. The lists also decide which forces count as guarantor forces in the other rules.",
            params: vec![
                ParamInfo::codes(
                    "guarantors",
                    &DEFAULT_GUARANTORS,
                    "the European guarantor states",
                ),
                ParamInfo::codes("backstop", &DEFAULT_BACKSTOP, "the backstop state(s)"),
                ParamInfo::codes("host", &DEFAULT_HOST, "the host state"),
                ParamInfo::codes("adversary", &DEFAULT_ADVERSARY, "adversary states"),
            ],
            sources: &[sources::S3, sources::S4],
        }
    }

    fn check(&self, context: &Context<'_>, _params: &Params, out: &mut RuleOutput) {
        // The lists are read once for the whole check (Context::nations) from the same settings
        // these parameters describe, so every rule agrees on who is a guarantor.
        for f in &context.forces {
            let nation = &f.force.nation;
            let country = nation_name(nation).unwrap_or(nation);
            match f.affiliation {
                Affiliation::Adversary => out.add(
                    ID,
                    Severity::Error,
                    Some(f.id),
                    format!(
                        "{} is a force of {country} ({nation}), an adversary nation, which cannot be part of the guarantee.",
                        f.label()
                    ),
                    sources::S3,
                    Some(focus_point(f.force.position)),
                ),
                Affiliation::Other => out.add(
                    ID,
                    Severity::Warning,
                    Some(f.id),
                    format!(
                        "{} is a force of {country} ({nation}), which is in none of the guarantor, backstop, host or adversary lists.",
                        f.label()
                    ),
                    sources::S4,
                    Some(focus_point(f.force.position)),
                ),
                _ => {}
            }
        }
    }
}
