//! `guarantor-eligibility`: who may field a guarantor force.
//!
//! Sources: [S3]: the guarantors would be the European NATO members closest and most exposed
//! (Poland, the Baltic states, the Nordics, France, Germany, the United Kingdom), with the United
//! States as backstop; [S4]: Russia would float counter-proposals such as Chinese peacekeepers.

use super::context::{Context, RuleOutput, focus_point};
use super::{Applies, ParamInfo, Params, Rule, RuleInfo, Severity, sources};
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
            badge: "Eligible nations",
            applies_to: Applies::Forces,
            checks: "Error for a force of an adversary nation; warning for a nation in none of the lists.",
            explanation: "The guarantors are the European NATO members closest to Russia and most exposed to it, the United States stands behind them, Ukraine is the host. A force of an adversary nation cannot guarantee anything against it; a nation on none of the lists (China, for instance, whom Russia has floated as a peacekeeper) is not part of the coalition this tool models and should be a deliberate choice. The lists also decide which forces count as guarantor forces in the other rules.",
            params: vec![
                ParamInfo::codes(
                    "guarantors",
                    &DEFAULT_GUARANTORS,
                    "the European guarantor states",
                )
                .source(sources::S3),
                ParamInfo::codes("backstop", &DEFAULT_BACKSTOP, "the backstop state(s)")
                    .source(sources::S3),
                ParamInfo::codes("host", &DEFAULT_HOST, "the host state").source(sources::S4),
                ParamInfo::codes("adversary", &DEFAULT_ADVERSARY, "adversary states")
                    .assumption("Russia is the adversary of every source; Belarus, from whose territory the 2022 invasion of the north was launched, is taken as its co-belligerent"),
            ],
            sources: &[sources::S3, sources::S4],
        }
    }

    fn check(&self, context: &Context<'_>, _params: &Params, out: &mut RuleOutput) {
        // The lists are read once for the whole check (Context::nations) from the same settings
        // these parameters describe, so every rule agrees on who is a guarantor.
        for f in context.forces.iter().filter(|f| f.misplaced.is_none()) {
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

    fn validate(&self, params: &Params) -> Vec<(&'static str, String)> {
        let lists = ["guarantors", "backstop", "host", "adversary"];
        let mut problems = Vec::new();
        for (i, later) in lists.iter().enumerate() {
            for earlier in lists.iter().take(i) {
                if let Some(both) = params
                    .list(later)
                    .iter()
                    .find(|n| params.list(earlier).contains(n))
                {
                    problems.push((
                        *later,
                        format!(
                            "{both} is also in {earlier}; expected each nation in only one of guarantors, backstop, host and adversary"
                        ),
                    ));
                }
            }
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::ID;
    use crate::rules::{Params, catalogue};

    #[test]
    fn adversary_and_unlisted_nations() {
        let report = Plan::new()
            .force(
                "ru",
                "RU",
                "land",
                "reassurance",
                3_000,
                2.0,
                [24.03, 49.84],
            )
            .force("cn", "CN", "land", "monitor", 300, 2.0, [24.03, 49.84])
            .check();
        assert!(has(&report, ID, "error", Some("ru"), "adversary"));
        assert!(has(&report, ID, "warning", Some("cn"), "none of"));
    }

    #[test]
    fn a_nation_in_two_lists_is_an_input_error_naming_the_list() {
        let info = catalogue().into_iter().find(|r| r.id == ID).expect("rule");
        let settings = serde_json::json!({ "guarantors": ["PL", "RU"] });
        let (_, errors) = Params::read(&info, Some(&settings), &|_| true);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(
            errors[0].to_string(),
            "armistice.rules.guarantor-eligibility.adversary: RU is also in guarantors; expected each nation in only one of guarantors, backstop, host and adversary"
        );
        let report = Plan::new()
            .rule(ID, "guarantors", serde_json::json!(["PL", "RU"]))
            .check();
        assert_eq!(report.input_errors.len(), 1);
    }
}
