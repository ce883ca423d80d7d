//! `credibility-measures`: the visible measures that make a guarantee credible.
//!
//! Source: [S3]: credibility rests on visible measures: joint exercises, contingency planning,
//! pre-positioning of equipment, rapid-reaction protocols.

use super::context::{Context, RuleOutput};
use super::{Applies, Params, Rule, RuleInfo, Severity, sources};

/// The rule value.
pub struct CredibilityMeasures;

const ID: &str = "credibility-measures";

/// The measures of [S3], with how a message names them.
pub const MEASURES: [(&str, &str); 4] = [
    ("joint-exercises", "joint exercises"),
    ("contingency-planning", "contingency planning"),
    ("prepositioning", "pre-positioning of equipment"),
    ("rapid-reaction-protocols", "rapid-reaction protocols"),
];

impl Rule for CredibilityMeasures {
    fn id(&self) -> &'static str {
        ID
    }

    fn info(&self) -> RuleInfo {
        RuleInfo {
            id: ID,
            title: "Visible credibility measures",
            badge: "Measures",
            applies_to: Applies::Plan,
            checks: "Info for each visible measure (joint-exercises, contingency-planning, prepositioning, rapid-reaction-protocols) not listed in armistice.measures.",
            explanation: "Deterrence works when the adversary believes it: guarantees become credible through visible measures, namely joint exercises, contingency planning, pre-positioning of equipment and rapid-reaction protocols. List the ones the plan takes under armistice.measures.",
            params: Vec::new(),
            sources: &[sources::S3],
        }
    }

    fn check(&self, context: &Context<'_>, _params: &Params, out: &mut RuleOutput) {
        let taken = &context.scenario.measures;
        let missing = MEASURES
            .iter()
            .filter(|(key, _)| !taken.iter().any(|m| m == key))
            .count();
        for (key, words) in MEASURES
            .iter()
            .filter(|(key, _)| !taken.iter().any(|m| m == key))
        {
            out.add(
                ID,
                Severity::Info,
                None,
                format!(
                    "The plan does not list {words} ({key}), one of the 4 visible measures that make a guarantee credible ({missing} missing)."
                ),
                sources::S3,
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
    fn each_missing_measure_is_an_info() {
        assert_eq!(of(&Plan::new().check(), ID).len(), 4);
    }
}
