//! `guarantee-scope`: a territorially limited guarantee is flawed while fighting goes on.
//!
//! Source: [S4]: limiting a guarantee's territorial scope to "currently unoccupied western
//! regions" is flawed "as long as an armed conflict exists in other parts": attacks on the
//! covered area, like the repeated attacks on Lviv, would trigger it at once. The flaw is the
//! ongoing fighting, not the size of the area: a guarantee needs a ceasefire line to safeguard
//! first. [S1]: a guarantee must not drag guarantors into offensives Kyiv initiates (Crimea).

use super::context::{Context, RuleOutput, amount, figure, focus_area, percent};
use super::{Applies, ParamInfo, Params, Rule, RuleInfo, Severity, sources};

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
            title: "Guarantee scope and ceasefire",
            badge: "Guarantee scope",
            applies_to: Applies::GuaranteeAreas,
            checks: "Error for each guarantee area in a plan with no demarcation (no ceasefire line to safeguard); warning for each guarantee area covering more than max_occupied_km2 of today's occupied area; info for each guarantee area covering less than min_cover of Ukrainian-controlled territory.",
            explanation: "A guarantee limited to part of the country is flawed while fighting goes on elsewhere: Russian strikes on the covered area, like the repeated attacks on Lviv, would trigger it at once and draw the guarantors into the war. So a guarantee area needs a ceasefire line (a demarcation that splits Ukraine) to safeguard first. An area that reaches into today's occupied land (Crimea included) could draw guarantors into offensives Kyiv starts, and the trigger must be an attack on Ukraine, not a Ukrainian offensive. Once a ceasefire holds along the whole line, a limited area is sound, but worth knowing. Areas are measured geodesically with their parts united.",
            params: vec![
                ParamInfo::number(
                    "max_occupied_km2",
                    100.0,
                    "km²",
                    "most of today's occupied area a guarantee area may cover",
                    0.0,
                    f64::INFINITY,
                )
                .assumption("an area drawn along the front overlaps it by drawing error only; 100 km² is a margin of well under a kilometre along the line"),
                ParamInfo::number(
                    "min_cover",
                    0.99,
                    "share",
                    "share of today's Ukrainian-controlled territory below which the area is limited",
                    0.0,
                    1.0,
                )
                .assumption("99% rather than 100% so that an area drawn along the border by hand still counts as the whole"),
            ],
            sources: &[sources::S4, sources::S1],
        }
    }

    fn check(&self, context: &Context<'_>, params: &Params, out: &mut RuleOutput) {
        let max_occupied = params.number("max_occupied_km2");
        let min = params.number("min_cover");
        let ceasefire = context.has_valid_demarcation();
        for (id, label, share, occupied_km2, area) in &context.guarantee_covers {
            if !ceasefire {
                out.add(
                    ID,
                    Severity::Error,
                    Some(id),
                    format!(
                        "{label} guarantees {} of today's Ukrainian-controlled territory while the plan draws no ceasefire line: with fighting going on elsewhere, the first strike on the area would draw the guarantors into the war.",
                        percent(*share)
                    ),
                    sources::S4,
                    focus_area(area),
                );
            }
            if *occupied_km2 > max_occupied {
                out.add(
                    ID,
                    Severity::Warning,
                    Some(id),
                    format!(
                        "{label} covers {} km² of today's occupied area, more than {} km²: the guarantors could be drawn into offensives into occupied land.",
                        figure(*occupied_km2),
                        amount(max_occupied)
                    ),
                    sources::S1,
                    focus_area(area),
                );
            }
            if *share < min {
                out.add(
                    ID,
                    Severity::Info,
                    Some(id),
                    format!(
                        "{label} covers {} of today's Ukrainian-controlled territory, less than {}: a limited guarantee is sound only once a ceasefire holds along the whole line.",
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

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::ID;

    /// A box over western Ukraine (Lviv, Lutsk, Rivne).
    fn west() -> Vec<[f64; 2]> {
        vec![
            [22.0, 48.0],
            [27.0, 48.0],
            [27.0, 52.0],
            [22.0, 52.0],
            [22.0, 48.0],
        ]
    }

    #[test]
    fn an_area_without_a_ceasefire_line_is_an_error() {
        let report = Plan::new().area("west", &[west()]).check();
        assert!(has(&report, ID, "error", Some("west"), "no ceasefire line"));
        assert!(has(&report, ID, "info", Some("west"), "covers"));
        let with_line = Plan::new()
            .partial_around("line", [35.5, 47.52], 3, [0.0, 0.02])
            .area("west", &[west()])
            .check();
        assert!(
            !has(&with_line, ID, "error", Some("west"), ""),
            "{:?}",
            with_line.findings
        );
    }

    #[test]
    fn overlapping_parts_are_united() {
        let once = Plan::new().area("a", &[west()]).check();
        let twice = Plan::new().area("a", &[west(), west()]).check();
        let share = |r: &crate::rules::Report| r.guarantee_areas.first().map(|a| a.cover_share);
        assert!(share(&once).is_some_and(|s| s > 0.1), "{:?}", share(&once));
        assert_eq!(share(&once), share(&twice));
    }

    #[test]
    fn an_area_reaching_into_crimea_warns() {
        let crimea = vec![
            [32.5, 44.3],
            [36.7, 44.3],
            [36.7, 46.2],
            [32.5, 46.2],
            [32.5, 44.3],
        ];
        let report = Plan::new()
            .partial_around("line", [35.5, 47.52], 3, [0.0, 0.02])
            .area("crimea", &[crimea])
            .check();
        assert!(has(&report, ID, "warning", Some("crimea"), "occupied area"));
        let area = report.guarantee_areas.first().expect("area");
        assert!(area.occupied_km2 > 20_000.0, "{area:?}");
    }
}
