//! `us-ground-troops`: no US forces in Ukraine.
//!
//! Sources: [S3], [S0], [S1]: the United States rules out troop deployments in Ukraine; its role
//! is weapons, financing, ISR, logistics, lift and forces in nearby NATO states that can surge
//! "without crossing into Ukraine".

use super::context::{Context, RuleOutput, focus_point};
use super::{Applies, Params, Rule, RuleInfo, Severity, sources};

/// The rule value.
pub struct UsGroundTroops;

const ID: &str = "us-ground-troops";

impl Rule for UsGroundTroops {
    fn id(&self) -> &'static str {
        ID
    }

    fn info(&self) -> RuleInfo {
        RuleInfo {
            id: ID,
            title: "No US troops in Ukraine",
            badge: "No US troops in Ukraine",
            applies_to: Applies::Forces,
            checks: "Error for each force of nation US located in Ukraine.",
            explanation: "Washington rules out deploying troops in Ukraine. Its part is weapons and munitions, financing, real-time ISR, training, logistics, strategic lift, cyber defence, and aircraft, ships and missile defence in nearby NATO states that can surge \"without crossing into Ukraine\". A plan that places US forces inside Ukraine rests on something not on offer.",
            params: Vec::new(),
            sources: &[sources::S3, sources::S0, sources::S1],
        }
    }

    fn check(&self, context: &Context<'_>, _params: &Params, out: &mut RuleOutput) {
        for f in context
            .forces
            .iter()
            .filter(|f| f.force.nation == "US" && f.in_ukraine && f.counts())
        {
            out.add(
                ID,
                Severity::Error,
                Some(f.id),
                format!(
                    "{} ({} US personnel) stands inside Ukraine, where the United States rules out deploying troops.",
                    f.label(),
                    super::context::thousands(f.force.strength)
                ),
                sources::S3,
                Some(focus_point(f.force.position)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::ID;

    #[test]
    fn us_troops_in_ukraine_are_an_error_outside_they_are_not() {
        let report = Plan::new()
            .force("in", "US", "isr", "backstop", 500, 1.0, KYIV)
            .force("out", "US", "air", "backstop", 5_000, 1.0, [21.0, 52.2])
            .check();
        assert!(has(&report, ID, "error", Some("in"), "inside Ukraine"));
        assert_eq!(of(&report, ID).len(), 1);
    }
}
