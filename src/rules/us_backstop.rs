//! `us-backstop`: the United States stands behind the guarantee with enablers from outside.
//!
//! Source: [S3]: "U.S. involvement is what makes the guarantee believable": real-time ISR,
//! strategic lift, logistics, air power from nearby states; [S0, S1]: forces in nearby NATO
//! states that can surge "without crossing into Ukraine".

use super::context::{Context, RuleOutput};
use super::{Applies, Params, Rule, RuleInfo, Severity, sources};
use crate::model::scenario::Component;

/// The rule value.
pub struct UsBackstop;

const ID: &str = "us-backstop";

impl Rule for UsBackstop {
    fn id(&self) -> &'static str {
        ID
    }

    fn info(&self) -> RuleInfo {
        RuleInfo {
            id: ID,
            title: "US enablers behind the guarantee",
            badge: "US backstop",
            applies_to: Applies::Plan,
            checks: "Warning if no backstop-nation force outside Ukraine provides isr, logistics or air.",
            explanation: "The United States rules out troops in Ukraine, but its involvement is what makes the guarantee believable: real-time intelligence, surveillance and reconnaissance, strategic lift and logistics, and air power from nearby NATO states. The rule looks for a force of a backstop nation (strength above 0, standing where it can) outside Ukraine with component isr, logistics or air.",
            params: Vec::new(),
            sources: &[sources::S3, sources::S0, sources::S1],
        }
    }

    fn check(&self, context: &Context<'_>, _params: &Params, out: &mut RuleOutput) {
        let backed = context.forces.iter().any(|f| {
            f.affiliation == crate::model::scenario::Affiliation::Backstop
                && f.counts()
                && !f.in_ukraine
                && matches!(
                    f.force.component,
                    Component::Isr | Component::Logistics | Component::Air
                )
        });
        if !backed {
            out.add(
                ID,
                Severity::Warning,
                None,
                "No backstop force outside Ukraine provides ISR, logistics or air power, though US involvement is what makes the guarantee believable.".to_owned(),
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
    fn us_enablers_outside_ukraine_back_the_guarantee() {
        assert!(has(&Plan::new().check(), ID, "warning", None, "ISR"));
        let inside = Plan::new().force("us", "US", "isr", "backstop", 500, 1.0, KYIV);
        assert!(has(&inside.check(), ID, "warning", None, ""));
        let land = Plan::new().force("us", "US", "land", "backstop", 5_000, 1.0, [21.0, 52.2]);
        assert!(has(&land.check(), ID, "warning", None, ""));
        let isr = Plan::new().force("us", "US", "isr", "backstop", 500, 1.0, [21.0, 52.2]);
        assert!(of(&isr.check(), ID).is_empty());
    }
}
