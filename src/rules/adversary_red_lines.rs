//! `adversary-red-lines`: where the plan meets what the adversary has called unacceptable.
//!
//! Source: [S4, S3]: Russia calls European troops in Ukraine "absolutely unacceptable" (Lavrov);
//! [S2]: Crimea and the Black Sea Fleet are Putin's "overriding concern". Not errors: the plan
//! may choose to cross them, but negotiators should see the friction in advance.

use super::context::{Context, RuleOutput, figure, focus_line, thousands};
use super::{Applies, Params, Rule, RuleInfo, Severity, sources};

/// The rule value.
pub struct AdversaryRedLines;

const ID: &str = "adversary-red-lines";

impl Rule for AdversaryRedLines {
    fn id(&self) -> &'static str {
        ID
    }

    fn info(&self) -> RuleInfo {
        RuleInfo {
            id: ID,
            title: "Adversary's red lines",
            badge: "Red lines",
            applies_to: Applies::Plan,
            checks: "Info where the plan meets what the adversary has publicly called unacceptable: one info (subject null) naming how many European guarantor troops stand in Ukraine, if any; one info per demarcation that moves any of Crimea to Ukrainian control.",
            explanation: "Russia has called European troops in Ukraine \"absolutely unacceptable\" and would float counter-proposals such as Chinese peacekeepers; Crimea and the Black Sea Fleet base at Sevastopol are its overriding concern. A plan may still choose to cross these lines, but negotiators should see the friction in advance. Counted: European guarantor forces in Ukraine of strength above 0 standing where they can (force-location).",
            params: Vec::new(),
            sources: &[sources::S4, sources::S3, sources::S2],
        }
    }

    fn check(&self, context: &Context<'_>, _params: &Params, out: &mut RuleOutput) {
        let european: u64 = context
            .forces
            .iter()
            .filter(|f| f.is_european() && f.in_ukraine && f.counts())
            .map(|f| f.force.strength)
            .sum();
        if european > 0 {
            out.add(
                ID,
                Severity::Info,
                None,
                format!(
                    "The plan puts {} European guarantor troops in Ukraine, which Russia has called \"absolutely unacceptable\".",
                    thousands(european)
                ),
                sources::S4,
                None,
            );
        }
        for line in &context.lines {
            let Ok(g) = &line.geometry else { continue };
            if g.crimea_gained_km2 >= 1.0 {
                out.add(
                    ID,
                    Severity::Info,
                    Some(line.id),
                    format!(
                        "{} moves {} km² of Crimea to Ukrainian control; Crimea and the Black Sea Fleet are Russia's overriding concern.",
                        line.label,
                        figure(g.crimea_gained_km2)
                    ),
                    sources::S2,
                    focus_line(line.line),
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
    fn european_troops_in_ukraine_and_crimea_are_named() {
        let report = Plan::new()
            .force("pl", "PL", "land", "reassurance", 5_000, 3.0, KYIV)
            .force("us", "US", "isr", "backstop", 500, 3.0, KYIV)
            .check();
        assert!(has(
            &report,
            ID,
            "info",
            None,
            "5,000 European guarantor troops"
        ));
        // The front line moved across the Perekop isthmus into northern Crimea.
        let report = Plan::new()
            .partial_around("perekop", [33.65, 46.94], 12, [0.0, -1.0])
            .check();
        let stats = report.demarcation("perekop").expect("stats");
        assert!(stats.valid, "{:?}", report.findings);
        assert!(
            has(&report, ID, "info", Some("perekop"), "of Crimea"),
            "{:?}",
            report.findings
        );
    }
}
