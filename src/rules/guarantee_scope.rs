//! `guarantee-scope`: a guarantee covers all of today's Ukrainian-controlled territory.
//!
//! Source: [S4]: limiting a guarantee's territorial scope to the unoccupied west is flawed;
//! western cities such as Lviv are attacked too.

use super::context::{Context, RuleOutput, focus_area, percent};
use super::{ParamInfo, Params, Rule, RuleInfo, Severity, sources};

/// The rule value.
pub struct GuaranteeScope;

const ID: &str = "guarantee-scope";

impl Rule for GuaranteeScope {
    fn id(&self) -> &'static str {
        ID
    }

    fn info(&self) -> RuleInfo {
        RuleInfo {
            id: ID,
            title: "Guarantee covers all free Ukraine",
            checks: "Error for each guarantee-area covering less than min_cover of today's Ukrainian-controlled territory.",
            explanation: "A guarantee that covers only part of the free country invites attacks on the rest, and drawing it around the west alone is flawed: western cities such as Lviv are struck too. Measured as the geodesic area of today's Ukrainian-controlled side inside the guarantee area over that side's whole area.",
            params: vec![ParamInfo::number(
                "min_cover",
                0.99,
                "share",
                "least share of today's Ukrainian-controlled territory covered",
                0.0,
                1.0,
            )],
            sources: &[sources::S4],
        }
    }

    fn check(&self, context: &Context<'_>, params: &Params, out: &mut RuleOutput) {
        let min = params.number("min_cover");
        for (id, label, share, area) in &context.guarantee_covers {
            if *share < min {
                out.add(
                    ID,
                    Severity::Error,
                    Some(id),
                    format!(
                        "{label} covers {} of today's Ukrainian-controlled territory, less than {}.",
                        percent(*share),
                        percent(min)
                    ),
                    sources::S4,
                    focus_area(area),
                );
            }
        }
    }
}
