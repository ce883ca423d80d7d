//! `mission-mandate`: a mission in Ukraine needs a robust mandate.
//!
//! Source: [S4]: a mission in Ukraine needs a robust mandate, force beyond self-defence; the
//! Sinai MFO (1981) is "largely observational" and lacks one. Its mandate and command structure
//! must be settled.

use super::context::{Context, RuleOutput, thousands};
use super::{Applies, Params, Rule, RuleInfo, Severity, sources};
use crate::model::scenario::Mandate;

/// The rule value.
pub struct MissionMandate;

const ID: &str = "mission-mandate";

impl Rule for MissionMandate {
    fn id(&self) -> &'static str {
        ID
    }

    fn info(&self) -> RuleInfo {
        RuleInfo {
            id: ID,
            title: "A robust mandate",
            badge: "Mandate",
            applies_to: Applies::Plan,
            checks: "The plan's armistice.mandate (observation, self-defence, robust): error if the plan puts guarantor forces in Ukraine under an observation or self-defence mandate; warning if the plan names no mandate.",
            explanation: "Forces in Ukraine deter only if they may use force beyond self-defence to carry out their mission. The Sinai MFO, created in 1981 outside the UN, is largely observational: enough to watch a peace both sides want, not to deter an army that has attacked before. A plan also has to settle its mission's mandate; leaving it open is a gap negotiators will find. Guarantor forces of strength 0 or standing where they cannot (force-location) count for nothing.",
            params: Vec::new(),
            sources: &[sources::S4],
        }
    }

    fn check(&self, context: &Context<'_>, _params: &Params, out: &mut RuleOutput) {
        let in_ukraine: u64 = context
            .forces
            .iter()
            .filter(|f| f.is_guarantor() && f.in_ukraine && f.counts())
            .map(|f| f.force.strength)
            .sum();
        match context.scenario.mandate {
            None => out.add(
                ID,
                Severity::Warning,
                None,
                "The plan names no mandate for its mission (armistice.mandate: observation, self-defence or robust); its mandate must be settled.".to_owned(),
                sources::S4,
                None,
            ),
            Some(mandate @ (Mandate::Observation | Mandate::SelfDefence)) if in_ukraine > 0 => {
                out.add(
                    ID,
                    Severity::Error,
                    None,
                    format!(
                        "The plan puts {} guarantor personnel in Ukraine under a {mandate} mandate; a mission there needs a robust mandate, more than the Sinai MFO's observation.",
                        thousands(in_ukraine)
                    ),
                    sources::S4,
                    None,
                );
            }
            Some(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::ID;

    #[test]
    fn mandates() {
        let in_kyiv = |m: Option<&str>| {
            let plan = Plan::new().force("pl", "PL", "land", "reassurance", 5_000, 3.0, KYIV);
            match m {
                Some(m) => plan.mandate(m),
                None => plan,
            }
            .check()
        };
        assert!(has(
            &in_kyiv(Some("observation")),
            ID,
            "error",
            None,
            "observation mandate"
        ));
        assert!(has(
            &in_kyiv(Some("self-defence")),
            ID,
            "error",
            None,
            "self-defence mandate"
        ));
        assert!(of(&in_kyiv(Some("robust")), ID).is_empty());
        assert!(has(&in_kyiv(None), ID, "warning", None, "names no mandate"));
        // Observers outside Ukraine under an observation mandate are no error.
        let outside = Plan::new()
            .mandate("observation")
            .force("pl", "PL", "land", "reassurance", 5_000, 3.0, [21.0, 52.2])
            .check();
        assert!(of(&outside, ID).is_empty());
    }
}
