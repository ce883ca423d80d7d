//! `demarcation-geometry`: each demarcation must split Ukraine in two.
//!
//! A line is either full (both ends outside Ukraine) or partial (both ends within `snap_km` of
//! today's front line, which it then replaces between the points where it joins it). Either way
//! the completed line must not cross itself and must leave land on both sides: otherwise none of
//! the demarcation figures mean anything. Source: [S4], a provisional demarcation "would have to
//! refer to the current front line".

use super::context::{Context, RuleOutput, focus_line};
use super::{Applies, ParamInfo, Params, Rule, RuleInfo, Severity, sources};

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
            badge: "Line splits Ukraine",
            applies_to: Applies::Demarcations,
            checks: "Each demarcation is a partial line (both ends within snap_km of today's front line, wherever they are; it replaces the stretch of the front line between the points where it joins it) or else a full line (both ends outside Ukraine), and splits Ukraine in two; error if not.",
            explanation: "Every other demarcation rule measures the two sides a line leaves. A line that ends inside the country, crosses itself or leaves all of Ukraine on one side divides nothing, so its figures would be meaningless. Repeated consecutive vertices count as one vertex. A partial line only redraws a stretch of the front line, as a provisional demarcation that \"would have to refer to the current front line\" would.",
            params: vec![ParamInfo::number(
                "snap_km",
                5.0,
                "km",
                "how close to the front line a partial line's ends must be to join it",
                0.0,
                100.0,
            )
            .assumption("a line drawn on the map to join the front ends within a few km of it; further away it is more likely meant to cross the country")],
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

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::ID;

    #[test]
    fn a_repeated_vertex_is_one_vertex() {
        let mut points = front();
        let doubled = points[40];
        points.insert(40, doubled);
        let report = Plan::new().line("doubled", &points).check();
        assert!(of(&report, ID).is_empty(), "{:?}", report.findings);
    }

    #[test]
    fn a_redraw_inside_russia_is_partial_not_full() {
        // Both ends on the front's stretch inside Russia (its first vertices), near Belgorod.
        let report = Plan::new()
            .partial_around("stub", [37.02, 50.33], 3, [0.05, 0.05])
            .check();
        let stats = report.demarcation("stub").expect("stats");
        assert!(stats.valid, "{:?}", report.findings);
        assert!(stats.gained_km2 < 1_000.0, "{stats:?}");
        assert!(stats.donetsk_share > 0.6, "{stats:?}");
    }

    #[test]
    fn an_end_inside_ukraine_far_from_the_front_is_an_error() {
        let report = Plan::new()
            .line("bad", &[[30.2, 52.2], [KYIV[0], KYIV[1]]])
            .check();
        assert!(has(
            &report,
            ID,
            "error",
            Some("bad"),
            "last end lies inside Ukraine"
        ));
    }
}
