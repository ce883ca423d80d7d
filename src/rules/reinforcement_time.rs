//! `reinforcement-time`: rapid-reaction forces outside Ukraine can reach the line in time.
//!
//! Source: [S3]: forces may be pre-positioned in Poland or the Baltic states rather than in
//! Ukraine, but reinforcements must "flow instantly in a crisis"; NATO's VJTF is to be complete
//! within about 7 days.

use super::context::{Context, RuleOutput, figure, focus_point};
use super::params::format_number;
use super::{Applies, ParamInfo, Params, Rule, RuleInfo, Severity, sources};
use crate::model::scenario::Role;
use geo::LineString;

/// The rule value.
pub struct ReinforcementTime;

const ID: &str = "reinforcement-time";

impl Rule for ReinforcementTime {
    fn id(&self) -> &'static str {
        ID
    }

    fn info(&self) -> RuleInfo {
        RuleInfo {
            id: ID,
            title: "Reinforcements arrive in time",
            badge: "Reinforcement time",
            applies_to: Applies::Forces,
            checks: "Warning for each rapid-reaction force outside Ukraine whose readiness_days plus travel (geodesic distance to the nearest point inside Ukraine of the line of control ÷ march_km_per_day) exceeds max_days.",
            explanation: "Pre-positioning forces in Poland or the Baltic states keeps them out of Ukraine, but only helps if they can reach the line while it matters. A force's time to the line is its readiness plus the march: the geodesic distance to the nearest point inside Ukraine of the line of control (each demarcation that splits Ukraine, completed by the front line; today's front line when none does), at march_km_per_day. The stretches of the line outside Ukraine (in Russia, at sea) are not where reinforcements go.",
            params: vec![
                ParamInfo::number(
                    "march_km_per_day",
                    400.0,
                    "km/day",
                    "how far a force moves in a day",
                    1.0,
                    10_000.0,
                )
                .assumption("a mechanised force moving by road and rail across allied territory covers a few hundred km a day; 400 km lets the VJTF reach the line from Poland within its 7 days"),
                ParamInfo::number(
                    "max_days",
                    7.0,
                    "days",
                    "latest arrival after a crisis starts",
                    0.0,
                    3650.0,
                )
                .source(sources::NATO_NRF),
            ],
            sources: &[sources::S3, sources::NATO_NRF],
        }
    }

    fn check(&self, context: &Context<'_>, params: &Params, out: &mut RuleOutput) {
        let march = params.number("march_km_per_day");
        let max_days = params.number("max_days");
        let lines: Vec<(&str, LineString)> = context
            .lines_inside_ukraine()
            .into_iter()
            .flat_map(|(label, parts)| parts.iter().map(move |part| (label, part.clone())))
            .collect();
        let lines: Vec<(&str, &LineString)> = lines.iter().map(|(l, p)| (*l, p)).collect();
        for f in context
            .forces
            .iter()
            .filter(|f| f.force.role == Role::RapidReaction && !f.in_ukraine && f.counts())
        {
            let slack_km = (max_days - f.force.readiness_days) * march;
            // Forces clearly within reach need no exact distance. The cheap estimate is within a
            // few percent of the geodesic distance across Europe (it underestimates most for
            // forces far north of the line, ~4% from Tromsø), so a 15% margin keeps the shortcut
            // from hiding a late force.
            let far = lines
                .iter()
                .map(|(_, l)| super::context::approx_distance_km(f.force.position, l))
                .fold(f64::INFINITY, f64::min);
            if far.is_finite() && far * 1.15 + 5.0 < slack_km {
                continue;
            }
            let km = Context::distance_to_lines(f.force.position, &lines);
            if !km.is_finite() {
                continue;
            }
            let days = f.force.readiness_days + km / march;
            if days > max_days {
                out.add(
                    ID,
                    Severity::Warning,
                    Some(f.id),
                    format!(
                        "{} needs {} days to reach the line ({} days to be ready, {} km at {} km a day), more than the {} days allowed.",
                        f.label(),
                        figure(days),
                        format_number(f.force.readiness_days),
                        figure(km),
                        super::context::amount(march),
                        super::context::amount(max_days)
                    ),
                    sources::S3,
                    Some(focus_point(f.force.position)),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::ID;
    use crate::spatial::distance_km;
    use geo::Point;

    /// The km figure of the reinforcement warning about `id`.
    fn km_of(report: &crate::rules::Report, id: &str) -> f64 {
        let message = report
            .findings
            .iter()
            .find(|f| f.rule == ID && f.subject.as_deref() == Some(id))
            .map(|f| f.message.clone())
            .unwrap_or_default();
        message
            .split(" km at ")
            .next()
            .and_then(|s| s.rsplit(", ").next())
            .and_then(|s| s.replace(',', "").parse().ok())
            .unwrap_or(f64::NAN)
    }

    #[test]
    fn distance_is_to_the_line_of_control_inside_ukraine() {
        let warsaw = [21.0, 52.23];
        let report = Plan::new()
            .rule(ID, "max_days", serde_json::json!(0))
            .force("pl", "PL", "land", "rapid-reaction", 5_000, 1.0, warsaw)
            .check();
        let km = km_of(&report, "pl");
        // The front line's tail lies in the sea off Kinburn: no goal for a land march.
        let tail = front().last().copied().expect("front");
        let to_tail = distance_km(Point::from(warsaw), Point::from(tail));
        assert!(km > to_tail + 20.0, "{km} km vs {to_tail} km to the tail");
    }

    #[test]
    fn late_forces_are_warned_and_quick_ones_are_not() {
        let report = Plan::new()
            .force(
                "slow",
                "PL",
                "land",
                "rapid-reaction",
                5_000,
                6.0,
                [21.0, 52.23],
            )
            .force(
                "quick",
                "PL",
                "land",
                "rapid-reaction",
                5_000,
                1.0,
                [24.0, 50.5],
            )
            .check();
        assert!(has(
            &report,
            ID,
            "warning",
            Some("slow"),
            "more than the 7 days"
        ));
        assert!(!has(&report, ID, "warning", Some("quick"), ""));
    }
}
