//! `reinforcement-time`: rapid-reaction forces outside Ukraine can reach the line in time.
//!
//! Source: [S3]: forces may be pre-positioned in Poland or the Baltic states rather than in
//! Ukraine, but reinforcements must "flow instantly in a crisis"; NATO's VJTF is to be complete
//! within about 7 days.

use super::context::{Context, RuleOutput, figure, focus_point};
use super::params::format_number;
use super::{ParamInfo, Params, Rule, RuleInfo, Severity, sources};
use crate::model::scenario::Role;

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
            checks: "Warning for each rapid-reaction force outside Ukraine whose readiness_days plus travel (geodesic distance to the nearest demarcation or front line ÷ march_km_per_day) exceeds max_days.",
            explanation: "Pre-positioning forces in Poland or the Baltic states keeps them out of Ukraine, but only helps if they can reach the line while it matters. A force's time to the line is its readiness plus the march: the geodesic distance to the nearest demarcation that splits Ukraine (or today's front line when none does), at march_km_per_day.",
            params: vec![
                ParamInfo::number(
                    "march_km_per_day",
                    400.0,
                    "km/day",
                    "how far a force moves in a day",
                    1.0,
                    10_000.0,
                ),
                ParamInfo::number(
                    "max_days",
                    7.0,
                    "days",
                    "latest arrival after a crisis starts",
                    0.0,
                    3650.0,
                ),
            ],
            sources: &[sources::S3, sources::NATO_NRF],
        }
    }

    fn check(&self, context: &Context<'_>, params: &Params, out: &mut RuleOutput) {
        let march = params.number("march_km_per_day");
        let max_days = params.number("max_days");
        let lines = context.reference_lines();
        for f in context
            .forces
            .iter()
            .filter(|f| f.force.role == Role::RapidReaction && !f.in_ukraine)
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
