//! `donbas-cession`: no demarcation may hand over (nearly) all of Donetsk and Luhansk oblasts.
//!
//! Source: [S4]: a forced cession of the entire Donbas (Donetsk + Luhansk oblasts) is out of the
//! question. Russia holds almost all of Luhansk and about three-quarters of Donetsk today.

use super::context::{Context, RuleOutput, focus_line, percent};
use super::{Applies, ParamInfo, Params, Rule, RuleInfo, Severity, sources};

/// The rule value.
pub struct DonbasCession;

const ID: &str = "donbas-cession";

impl Rule for DonbasCession {
    fn id(&self) -> &'static str {
        ID
    }

    fn info(&self) -> RuleInfo {
        RuleInfo {
            id: ID,
            title: "No forced cession of the Donbas",
            badge: "No Donbas cession",
            applies_to: Applies::Demarcations,
            checks: "Error if a demarcation puts at least max_share of Donetsk and Luhansk oblasts together on the Russian-controlled side.",
            explanation: "Russia holds almost all of Luhansk oblast and about three-quarters of Donetsk oblast. The demand that Ukraine withdraw from the rest of the Donbas would hand over, without a fight, the fortified ground that holds the front; a forced cession of the entire Donbas is out of the question.",
            params: vec![ParamInfo::number(
                "max_share",
                0.99,
                "share",
                "share of the two oblasts (by area) on the Russian side that counts as the whole Donbas",
                0.0,
                1.0,
            )
            .assumption("[S4] rules out the entire Donbas; 99% rather than 100% so that a line drawn along the oblast border still counts as the whole")],
            sources: &[sources::S4],
        }
    }

    fn check(&self, context: &Context<'_>, params: &Params, out: &mut RuleOutput) {
        let Some(territory) = context.territory else {
            return;
        };
        let max = params.number("max_share");
        let (donetsk_km2, luhansk_km2) = (territory.donetsk.km2, territory.luhansk.km2);
        for line in &context.lines {
            let Ok(g) = &line.geometry else { continue };
            let together = (g.donetsk_share * donetsk_km2 + g.luhansk_share * luhansk_km2)
                / (donetsk_km2 + luhansk_km2);
            if together >= max {
                out.add(
                    ID,
                    Severity::Error,
                    Some(line.id),
                    format!(
                        "{} puts {} of Donetsk and Luhansk oblasts on the Russian-controlled side (Donetsk {}, Luhansk {}), a forced cession of the Donbas.",
                        line.label,
                        percent(together),
                        percent(g.donetsk_share),
                        percent(g.luhansk_share)
                    ),
                    sources::S4,
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
    fn a_line_west_of_kyiv_cedes_the_donbas_it_does_not_swap_sides() {
        // From Belarus down to the sea west of Odesa: Kyiv ends up with the occupied side.
        let report = Plan::new()
            .line("west", &[[30.2, 52.2], [30.25, 49.0], [30.25, 45.7]])
            .check();
        let stats = report.demarcation("west").expect("stats");
        assert!(stats.valid, "{:?}", report.findings);
        assert!(stats.donetsk_share > 0.99, "{}", stats.donetsk_share);
        assert!(stats.ceded_km2 > 200_000.0, "{}", stats.ceded_km2);
        assert!(has(&report, ID, "error", Some("west"), "forced cession"));
    }

    #[test]
    fn today_s_line_cedes_nothing() {
        let report = Plan::new().line("today", &front()).check();
        let stats = report.demarcation("today").expect("stats");
        assert!(stats.valid);
        assert!(stats.donetsk_share > 0.6 && stats.donetsk_share < 0.9);
        assert!(of(&report, ID).is_empty());
    }
}
