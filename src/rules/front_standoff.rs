//! `front-standoff`: guarantor forces in Ukraine (other than monitors) stay away from the line.
//!
//! Source: [S2]: an allied force could be stationed in Ukraine "away from the front lines"
//! (Macron); Russia calls European troops in Ukraine "absolutely unacceptable" [S4], so they
//! should not stand where they could be drawn into the fighting.

use super::context::{Context, RuleOutput, figure, focus_point};
use super::report::StandoffViolation;
use super::{Applies, ParamInfo, Params, Rule, RuleInfo, Severity, sources};
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
            title: "Guarantor forces away from the line",
            badge: "Standoff",
            applies_to: Applies::Forces,
            checks: "Error for each guarantor force in Ukraine other than a monitor that stands closer than min_km to the line of control (each demarcation completed by the front line; the front line if there is none).",
            explanation: "An allied force in Ukraine would be stationed \"away from the front lines\", so that a clash on the line does not start a war between guarantors and Russia. That holds for every guarantor force there, reassurance and rapid-reaction alike; only monitors, whose task is to watch the line, stand on it. Forces of strength 0 or standing where they cannot (force-location) count for nothing. The distance is geodesic, to the nearest point of the nearest demarcation that splits Ukraine (completed by the front line where partial), or of today's front line when no demarcation does.",
            params: vec![ParamInfo::number(
                "min_km",
                50.0,
                "km",
                "least distance between a guarantor force and the line",
                0.0,
                2000.0,
            )
            .assumption("[S2] says \"away from the front lines\" without a figure; 50 km keeps a force beyond the reach of tube and most rocket artillery")],
            sources: &[sources::S2, sources::S4],
        }
    }

    fn check(&self, context: &Context<'_>, params: &Params, out: &mut RuleOutput) {
        let min = params.number("min_km");
        let lines = context.reference_lines();
        for f in context.forces.iter().filter(|f| {
            f.is_guarantor() && f.force.role != Role::Monitor && f.in_ukraine && f.counts()
        }) {
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
                        "{} stands {} km from {label}, closer than the {} km standoff for guarantor forces.",
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

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::ID;

    #[test]
    fn every_guarantor_force_but_monitors_keeps_its_distance() {
        // Near Kramatorsk, ~25 km behind today's line.
        let near = [37.57, 48.73];
        let report = Plan::new()
            .force("rr", "GB", "land", "rapid-reaction", 3_000, 2.0, near)
            .force("mon", "GB", "land", "monitor", 300, 2.0, near)
            .force("ua", "UA", "land", "reassurance", 3_000, 0.0, near)
            .force("none", "FR", "land", "reassurance", 0, 2.0, near)
            .check();
        assert!(has(
            &report,
            ID,
            "error",
            Some("rr"),
            "closer than the 50 km"
        ));
        assert_eq!(of(&report, ID).len(), 1, "{:?}", of(&report, ID));
    }

    #[test]
    fn a_partial_line_inside_russia_leaves_the_real_front_as_the_line_of_control() {
        // A redraw of the front's stretch inside Russia (north of Kharkiv oblast) is partial:
        // the line of control is still the whole front, so a force 7 km from it is too close.
        let report = Plan::new()
            .partial_around("stub", [37.02, 50.33], 3, [0.05, 0.05])
            .force("pl", "PL", "land", "reassurance", 3_000, 2.0, [37.45, 48.5])
            .check();
        let stats = report.demarcation("stub").expect("stats");
        assert!(stats.valid, "{:?}", report.findings);
        assert!(stats.gained_km2 < 1000.0, "{}", stats.gained_km2);
        assert!(
            has(&report, ID, "error", Some("pl"), "km from stub"),
            "{:?}",
            report.findings
        );
    }
}
