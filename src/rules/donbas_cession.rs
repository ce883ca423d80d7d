//! `donbas-cession`: no demarcation may hand over (nearly) all of Donetsk and Luhansk oblasts.
//!
//! Source: [S4]: a forced cession of the entire Donbas (Donetsk + Luhansk oblasts) is out of the
//! question. Russia holds almost all of Luhansk and about three-quarters of Donetsk today.

use super::context::{Context, RuleOutput, focus_line, percent};
use super::{ParamInfo, Params, Rule, RuleInfo, Severity, sources};

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
            checks: "Error if a demarcation puts at least max_share of Donetsk and Luhansk oblasts together on the Russian-controlled side.",
            explanation: "Russia holds almost all of Luhansk oblast and about three-quarters of Donetsk oblast. The demand that Ukraine withdraw from the rest of the Donbas would hand over, without a fight, the fortified ground that holds the front; a forced cession of the entire Donbas is out of the question.",
            params: vec![ParamInfo::number(
                "max_share",
                0.99,
                "share",
                "share of the two oblasts (by area) on the Russian side that counts as the whole Donbas",
                0.0,
                1.0,
            )],
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
