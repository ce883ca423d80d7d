//! `ukrainian-army`: the plan keeps Ukraine's own army in it.
//!
//! Source: [S2]: "a credible format for the Ukrainian army, that's the first point" (Macron);
//! [S3]: "keep Ukraine armed at scale"; [S4]: guarantees exist to "enable Ukraine to
//! successfully conduct its own defence".

use super::context::{Context, RuleOutput};
use super::{Applies, Params, Rule, RuleInfo, Severity, sources};
use crate::model::scenario::Component;

/// The rule value.
pub struct UkrainianArmy;

const ID: &str = "ukrainian-army";

impl Rule for UkrainianArmy {
    fn id(&self) -> &'static str {
        ID
    }

    fn info(&self) -> RuleInfo {
        RuleInfo {
            id: ID,
            title: "Ukraine's own army first",
            badge: "Ukrainian army",
            applies_to: Applies::Plan,
            checks: "Error if the plan has no host-nation land force: a credible Ukrainian army is \"the first point\"; the force ledger shows host strength beside the guarantors'.",
            explanation: "The guarantees exist to let Ukraine defend itself: the guarantors back Ukraine's army, they do not replace it. A plan that places guarantor forces but no Ukrainian land force (nation in the host list, strength above 0, standing where it can) leaves out what the sources call the first point.",
            params: Vec::new(),
            sources: &[sources::S2, sources::S3, sources::S4],
        }
    }

    fn check(&self, context: &Context<'_>, _params: &Params, out: &mut RuleOutput) {
        let has_army = context
            .forces
            .iter()
            .any(|f| f.is_host() && f.counts() && f.force.component == Component::Land);
        if !has_army {
            out.add(
                ID,
                Severity::Error,
                None,
                "The plan has no Ukrainian land force; a credible Ukrainian army is \"the first point\" of any guarantee.".to_owned(),
                sources::S2,
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
    fn a_plan_needs_ukraine_s_army() {
        assert!(has(
            &Plan::new().check(),
            ID,
            "error",
            None,
            "no Ukrainian land force"
        ));
        let empty = Plan::new().force("ua", "UA", "land", "reassurance", 0, 0.0, KYIV);
        assert!(has(&empty.check(), ID, "error", None, ""));
        let army = Plan::new().force("ua", "UA", "land", "reassurance", 800_000, 0.0, KYIV);
        let report = army.check();
        assert!(of(&report, ID).is_empty());
        assert_eq!(report.forces.host_land, 800_000);
    }
}
