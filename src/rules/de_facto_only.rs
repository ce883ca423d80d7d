//! `de-facto-only`: control may be accepted de facto, never recognised de jure.
//!
//! Source: [S4]: control may be given up de facto and temporarily, never recognised in law:
//! legally binding territorial concessions would condone the annexation; the precedents are the
//! Baltic states 1940–1990 and the GDR. [S2]: Russia demands recognition of its annexations;
//! Ukraine's constitution makes giving up territory impossible.

use super::context::{Context, RuleOutput, focus_line};
use super::{Applies, Params, Rule, RuleInfo, Severity, sources};
use crate::model::scenario::{Item, Recognition};

/// The rule value.
pub struct DeFactoOnly;

const ID: &str = "de-facto-only";

impl Rule for DeFactoOnly {
    fn id(&self) -> &'static str {
        ID
    }

    fn info(&self) -> RuleInfo {
        RuleInfo {
            id: ID,
            title: "Control de facto, never de jure",
            badge: "De facto only",
            applies_to: Applies::Demarcations,
            checks: "Error for each demarcation whose recognition property is de-jure: control may be accepted de facto, never recognised in law.",
            explanation: "A demarcation can freeze who controls what without anyone recognising it in law, as the West never recognised the Soviet annexation of the Baltic states (1940–1990) and lived with the GDR. Recognising Russia's control de jure would condone the annexation, which Russia demands and Ukraine's constitution forbids. A demarcation's `recognition` is de-facto unless the plan says de-jure.",
            params: Vec::new(),
            sources: &[sources::S4, sources::S2],
        }
    }

    fn check(&self, context: &Context<'_>, _params: &Params, out: &mut RuleOutput) {
        for feature in &context.scenario.features {
            let Item::Demarcation(d) = &feature.item else {
                continue;
            };
            if d.recognition == Recognition::DeJure {
                out.add(
                    ID,
                    Severity::Error,
                    Some(&feature.id),
                    format!(
                        "{} recognises Russian control de jure; a settlement may accept control only de facto, as with the Baltic states 1940–1990.",
                        feature.label()
                    ),
                    sources::S4,
                    focus_line(&d.line),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::ID;

    #[test]
    fn de_jure_is_an_error_de_facto_and_unset_are_not() {
        let report = Plan::new()
            .line_recognised("law", &front(), "de-jure")
            .line_recognised("fact", &front(), "de-facto")
            .line("unset", &front())
            .check();
        assert!(has(&report, ID, "error", Some("law"), "de jure"));
        assert_eq!(of(&report, ID).len(), 1);
    }
}
