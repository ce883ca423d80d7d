//! `front-standoff`: reassurance forces in Ukraine stay away from the line.
//!
//! Source: [S2]: an allied force could be stationed in Ukraine "away from the front lines"
//! (Macron); Russia calls European troops in Ukraine "absolutely unacceptable" [S4], so they
//! should not stand where they could be drawn into the fighting.

use super::context::{Context, RuleOutput, figure, focus_point};
use super::report::StandoffViolation;
use super::{ParamInfo, Params, Rule, RuleInfo, Severity, sources};
use crate::model::scenario::Role;

/// The rule value.
pub struct FrontStandoff;

const ID: &str = "front-standoff";

impl Rule for FrontStandoff {
    fn id(&self) -> &'static str {
        ID
    }

    fn info(&self) -> RuleInfo {
        RuleInfo {
            id: ID,
            title: "Reassurance forces away from the line",
            checks: "Error for each reassurance force in Ukraine closer than min_km to the nearest demarcation (the front line if there is none).",
            explanation: "A reassurance force reassures by being there, not by fighting: it would be stationed \"away from the front lines\", so that a clash on the line does not start a war between guarantors and Russia. The distance is geodesic, to the nearest point of the nearest demarcation that splits Ukraine (completed by the front line where partial), or of today's front line when no demarcation does.",
            params: vec![ParamInfo::number(
                "min_km",
                50.0,
                "km",
                "least distance between a reassurance force and the line",
                0.0,
                2000.0,
            )],
            sources: &[sources::S2, sources::S4],
        }
    }

    fn check(&self, context: &Context<'_>, params: &Params, out: &mut RuleOutput) {
        let min = params.number("min_km");
        let lines = context.reference_lines();
        for f in context
            .forces
            .iter()
            .filter(|f| f.force.role == Role::Reassurance && f.in_ukraine)
        {
            let Some((label, nearest, km)) = Context::nearest_within(f.force.position, &lines, min)
            else {
                continue;
            };
            if km < min {
                out.add(
                    ID,
                    Severity::Error,
                    Some(f.id),
                    format!(
                        "{} stands {} km from {label}, closer than the {} km standoff for reassurance forces.",
                        f.label(),
                        figure(km),
                        super::context::amount(min)
                    ),
                    sources::S2,
                    Some(focus_point(f.force.position)),
                );
                out.standoff.push(StandoffViolation {
                    force: f.id.to_owned(),
                    from: f.force.position,
                    to: nearest,
                    km,
                });
            }
        }
    }
}
