//! `line-monitoring`: monitors watch (nearly) the whole length of each demarcation.
//!
//! Source: [S4]: a de facto line of demarcation would need safeguarding; armistice lines such as
//! Korea (1950) and Cyprus (1974) were watched by peacekeepers on the line, the Sinai MFO (1981)
//! by observers.

use super::context::{Context, RuleOutput, figure, focus_line, percent};
use super::{ParamInfo, Params, Rule, RuleInfo, Severity, sources};
use crate::spatial::length_km;

/// The rule value.
pub struct LineMonitoring;

const ID: &str = "line-monitoring";

impl Rule for LineMonitoring {
    fn id(&self) -> &'static str {
        ID
    }

    fn info(&self) -> RuleInfo {
        RuleInfo {
            id: ID,
            title: "The line is monitored",
            checks: "Warning for each demarcation of which less than min_cover of its length lies within radius_km of a monitor force.",
            explanation: "A ceasefire holds when violations are seen and attributed. Armistice lines from Korea to Cyprus were watched by forces on the line, the Sinai by observers. A monitor force (role monitor, any component) watches the stretch of line within radius_km of it; stretches nobody watches are drawn on the map.",
            params: vec![
                ParamInfo::number(
                    "radius_km",
                    30.0,
                    "km",
                    "how far a monitor force watches",
                    0.0,
                    1000.0,
                ),
                ParamInfo::number(
                    "min_cover",
                    0.9,
                    "share",
                    "least share of a line's length watched",
                    0.0,
                    1.0,
                ),
            ],
            sources: &[sources::S4],
        }
    }

    fn check(&self, context: &Context<'_>, params: &Params, out: &mut RuleOutput) {
        let (radius, min) = (params.number("radius_km"), params.number("min_cover"));
        for line in context.lines.iter().filter(|l| l.geometry.is_ok()) {
            if line.monitored_share < min {
                let length = length_km(line.line);
                out.add(
                    ID,
                    Severity::Warning,
                    Some(line.id),
                    format!(
                        "Monitors watch only {} of {} ({} of {} km within {} km of a monitor force), less than {}.",
                        percent(line.monitored_share),
                        line.label,
                        figure(line.monitored_share * length),
                        figure(length),
                        super::context::amount(radius),
                        percent(min)
                    ),
                    sources::S4,
                    focus_line(line.line),
                );
            }
        }
    }
}
