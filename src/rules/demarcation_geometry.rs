//! `demarcation-geometry`: each demarcation must split Ukraine in two.
//!
//! A line is either full (both ends outside Ukraine) or partial (both ends within `snap_km` of
//! today's front line, which it then replaces between the points where it joins it). Either way
//! the completed line must not cross itself and must leave land on both sides: otherwise none of
//! the demarcation figures mean anything. Source: [S4], a provisional demarcation "would have to
//! refer to the current front line".

use super::context::{Context, RuleOutput, focus_line};
use super::{ParamInfo, Params, Rule, RuleInfo, Severity, sources};

/// The rule value.
pub struct DemarcationGeometry;

const ID: &str = "demarcation-geometry";

impl Rule for DemarcationGeometry {
    fn id(&self) -> &'static str {
        ID
    }

    fn info(&self) -> RuleInfo {
        RuleInfo {
            id: ID,
            title: "Demarcation splits Ukraine",
            checks: "Each demarcation splits Ukraine in two: either both ends lie outside Ukraine's border (a full line), or both ends lie within snap_km of today's front line (a partial line, completed by the front line); error if not.",
            explanation: "Every other demarcation rule measures the two sides a line leaves. A line that ends inside the country, crosses itself or leaves all of Ukraine on one side divides nothing, so its figures would be meaningless. A partial line only redraws a stretch of the front line, as a provisional demarcation that \"would have to refer to the current front line\" would.",
            params: vec![ParamInfo::number(
                "snap_km",
                5.0,
                "km",
                "how close to the front line a partial line's ends must be to join it",
                0.0,
                100.0,
            )],
            sources: &[sources::S4],
        }
    }

    fn check(&self, context: &Context<'_>, _params: &Params, out: &mut RuleOutput) {
        for line in &context.lines {
            if let Err(reason) = &line.geometry {
                out.add(
                    ID,
                    Severity::Error,
                    Some(line.id),
                    format!("{} does not split Ukraine in two: {reason}.", line.label),
                    sources::S4,
                    focus_line(line.line),
                );
            }
        }
    }
}
