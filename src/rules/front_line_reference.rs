//! `front-line-reference`: each demarcation follows today's front line.
//!
//! Source: [S4]: any provisional demarcation "would have to refer to the current front line" and
//! must not place Ukraine in a militarily untenable position. Measured as the area a line moves
//! from Ukrainian to Russian control and how far that area reaches beyond today's line.

use super::context::{Context, RuleOutput, figure, focus_area};
use super::{ParamInfo, Params, Rule, RuleInfo, Severity, sources};

/// The rule value.
pub struct FrontLineReference;

const ID: &str = "front-line-reference";

impl Rule for FrontLineReference {
    fn id(&self) -> &'static str {
        ID
    }

    fn info(&self) -> RuleInfo {
        RuleInfo {
            id: ID,
            title: "Demarcation follows today's front line",
            checks: "Each demarcation follows today's front line: error if the area it moves from Ukrainian to Russian control exceeds max_ceded_km2, or any point of that area lies more than max_advance_km beyond today's line.",
            explanation: "A ceasefire freezes the line where the forces meet; it does not hand over ground Russia has not taken. Small adjustments (a straighter line, a river instead of a field edge) are normal, so the rule allows a little area and a short advance, and flags any line that gives away more.",
            params: vec![
                ParamInfo::number(
                    "max_ceded_km2",
                    1000.0,
                    "km²",
                    "largest area a line may move to Russian control",
                    0.0,
                    f64::INFINITY,
                ),
                ParamInfo::number(
                    "max_advance_km",
                    10.0,
                    "km",
                    "farthest the ceded area may reach beyond today's line",
                    0.0,
                    f64::INFINITY,
                ),
            ],
            sources: &[sources::S4],
        }
    }

    fn check(&self, context: &Context<'_>, params: &Params, out: &mut RuleOutput) {
        let max_km2 = params.number("max_ceded_km2");
        let max_km = params.number("max_advance_km");
        for line in &context.lines {
            let Ok(g) = &line.geometry else { continue };
            if g.ceded_km2 > max_km2 {
                out.add(
                    ID,
                    Severity::Error,
                    Some(line.id),
                    format!(
                        "{} moves {} km² from Ukrainian to Russian control, more than the {} km² allowed.",
                        line.label,
                        figure(g.ceded_km2),
                        super::context::amount(max_km2)
                    ),
                    sources::S4,
                    focus_area(&g.ceded),
                );
            }
            if g.max_advance_km > max_km {
                let at = g
                    .furthest
                    .map(|p| format!(" near {:.2} E {:.2} N", p.x(), p.y()))
                    .unwrap_or_default();
                out.add(
                    ID,
                    Severity::Error,
                    Some(line.id),
                    format!(
                        "{} reaches {} km beyond today's front line{at}, more than the {} km allowed.",
                        line.label,
                        figure(g.max_advance_km),
                        super::context::amount(max_km)
                    ),
                    sources::S4,
                    g.furthest.map(super::context::focus_point),
                );
            }
        }
    }
}
