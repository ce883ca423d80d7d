//! `line-monitoring`: monitors watch (nearly) the whole line of control.
//!
//! Source: [S4]: a de facto line of demarcation would need safeguarding; armistice lines such as
//! Korea (1950) and Cyprus (1974) were watched by peacekeepers on the line, the Sinai MFO (1981)
//! by observers.

use super::context::{Context, RuleOutput, figure, focus_line, percent};
use super::{Applies, ParamInfo, Params, Rule, RuleInfo, Severity, sources};
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
            badge: "Line monitored",
            applies_to: Applies::Demarcations,
            checks: "Warning for each line of control (each demarcation completed by the front line; the front line itself if there is none) of which less than min_cover of its length lies within radius_km of a monitor force of strength > 0.",
            explanation: "A ceasefire holds when violations are seen and attributed. Armistice lines from Korea to Cyprus were watched by forces on the line, the Sinai by observers. What must be watched is the whole line of control: a partial demarcation redraws a stretch, but the rest of today's line is part of the ceasefire too; without any demarcation, today's front line is the line. A monitor force (role monitor, any component, strength above 0, standing where it can) watches the stretch within radius_km of it; stretches nobody watches are drawn on the map.",
            params: vec![
                ParamInfo::number(
                    "radius_km",
                    30.0,
                    "km",
                    "how far a monitor force watches",
                    0.0,
                    1000.0,
                )
                .assumption("patrols, observation posts and drones of a monitoring team cover a few tens of km of line either side of their base"),
                ParamInfo::number(
                    "min_cover",
                    0.9,
                    "share",
                    "least share of a line's length watched",
                    0.0,
                    1.0,
                )
                .assumption("nine-tenths leaves room for impassable stretches (marsh, reservoir) that need no post"),
            ],
            sources: &[sources::S4],
        }
    }

    fn check(&self, context: &Context<'_>, params: &Params, out: &mut RuleOutput) {
        let (radius, min) = (params.number("radius_km"), params.number("min_cover"));
        for line in &context.lines {
            let Ok(g) = &line.geometry else { continue };
            if line.monitored_share < min {
                warn(
                    out,
                    Some(line.id),
                    line.label,
                    &g.completed,
                    line.monitored_share,
                    radius,
                    min,
                );
            }
        }
        if let (Some(front), Some(line)) = (&context.front_monitoring, context.front_line())
            && front.monitored_share < min
        {
            warn(
                out,
                None,
                "today's front line",
                line,
                front.monitored_share,
                radius,
                min,
            );
        }
    }
}

/// The warning about one line of control.
fn warn(
    out: &mut RuleOutput,
    subject: Option<&str>,
    label: &str,
    line: &geo::LineString,
    share: f64,
    radius: f64,
    min: f64,
) {
    let length = length_km(line);
    let whole = if subject.is_some() {
        format!("the line of control of {label}")
    } else {
        label.to_owned()
    };
    out.add(
        ID,
        Severity::Warning,
        subject,
        format!(
            "Monitors watch only {} of {whole} ({} of {} km within {} km of a monitor force), less than {}.",
            percent(share),
            figure(share * length),
            figure(length),
            super::context::amount(radius),
            percent(min)
        ),
        sources::S4,
        focus_line(line),
    );
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::ID;

    #[test]
    fn a_partial_redraw_is_judged_by_the_whole_line_of_control() {
        // One monitor on a short redraw near Huliaipole watches it all, but not the ~1,200 km
        // of today's line around it.
        let report = Plan::new()
            .partial_around("short", [36.42, 47.67], 2, [0.0, 0.03])
            .force("mon", "FI", "land", "monitor", 500, 2.0, [36.42, 47.64])
            .check();
        let stats = report.demarcation("short").expect("stats");
        assert!(stats.valid, "{:?}", report.findings);
        assert!(stats.monitored_share < 0.2, "{}", stats.monitored_share);
        assert!(has(
            &report,
            ID,
            "warning",
            Some("short"),
            "line of control"
        ));
    }

    #[test]
    fn without_a_demarcation_the_front_line_is_watched_and_empty_monitors_watch_nothing() {
        let mut plan = Plan::new();
        for (i, p) in front().iter().enumerate().step_by(4) {
            plan = plan.force(&format!("m{i}"), "FI", "land", "monitor", 0, 2.0, *p);
        }
        let report = plan.check();
        assert!(has(
            &report,
            ID,
            "warning",
            None,
            "Monitors watch only 0.0% of today's front line"
        ));
        assert_eq!(
            report.front_monitoring.as_ref().map(|m| m.monitored_share),
            Some(0.0)
        );
    }
}
