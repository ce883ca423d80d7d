//! The live rule status of a plan as badges ("Fortress belt ✓", "Troops 120,000 / 150,000 ⚠"),
//! computed from a [`Report`] without egui, so the window's presentation mode and the headless
//! render show the same badges on a step with `findings: true`.

use super::{Badge, BadgeLevel};
use crate::format::thousands;
use crate::model::Scenario;
use crate::model::scenario::Item;
use crate::rules::{Applies, Params, Report, Rule, Severity, rules};

/// The number of visible credibility measures contract.md names.
const MEASURE_COUNT: usize = 4;

/// One badge per rule that ran and applies to the plan, in contract order. A rule's mark is its
/// worst finding: an error, else a warning; an info (only `credibility-measures` gives them: a
/// measure not taken) reads as a warning, since "✓" would say nothing is missing. A rule turned
/// off under `armistice.rules` gets no badge; nor do the proposal rules when there is no
/// proposal, or `guarantee-scope` when there is no guarantee area.
pub fn badges(report: &Report, scenario: &Scenario) -> Vec<Badge> {
    let has_line = scenario
        .features
        .iter()
        .any(|f| matches!(f.item, Item::Demarcation(_)));
    let has_area = scenario
        .features
        .iter()
        .any(|f| matches!(f.item, Item::GuaranteeArea(_)));
    rules()
        .iter()
        .filter_map(|rule| {
            let id = rule.id();
            let info = rule.info();
            let params = rule_params(*rule, scenario);
            if !params.enabled
                || (!has_line && info.applies_to == Applies::Demarcations)
                || (!has_area && info.applies_to == Applies::GuaranteeAreas)
            {
                return None;
            }
            let worst = report
                .findings
                .iter()
                .filter(|f| f.rule == id)
                .map(|f| f.severity)
                .min();
            let level = match worst {
                None => BadgeLevel::Pass,
                Some(Severity::Error) => BadgeLevel::Error,
                Some(Severity::Warning | Severity::Info) => BadgeLevel::Warning,
            };
            Some(Badge {
                text: badge_text(id, info.badge, report, &params),
                level,
            })
        })
        .collect()
}

/// The rule's parameters as the check read them (defaults where the scenario's are unusable).
fn rule_params(rule: &dyn Rule, scenario: &Scenario) -> Params {
    let info = rule.info();
    // Only numbers are read here; city lists were already judged by the check.
    let (params, _errors) = Params::read(&info, scenario.rules.get(info.id), &|_| true);
    params
}

/// "Troops 120,000 / 150,000": the figure the rule weighs, where one number says it; otherwise
/// the rule's short name.
fn badge_text(id: &str, name: &str, report: &Report, params: &Params) -> String {
    let count = |x: f64| thousands(if x.is_finite() { x.max(0.0) as u64 } else { 0 });
    match id {
        "force-sufficiency" => format!(
            "{name} {} / {}",
            thousands(report.forces.european_land),
            count(params.number("full_troops"))
        ),
        "rapid-reaction" => format!(
            "{name} {} / {}",
            thousands(report.forces.european_ready_nrf),
            count(params.number("nrf_troops"))
        ),
        "credibility-measures" => {
            let missing = report.findings.iter().filter(|f| f.rule == id).count();
            format!(
                "{name} {} / {MEASURE_COUNT}",
                MEASURE_COUNT.saturating_sub(missing)
            )
        }
        _ => name.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::BaseMap;
    use crate::rules::Checker;

    fn checked(scenario: &Scenario) -> Vec<Badge> {
        let map = BaseMap::bundled().expect("bundled map");
        let report = Checker::new(&map).check(scenario, None);
        badges(&report, scenario)
    }

    fn find<'a>(badges: &'a [Badge], prefix: &str) -> Option<&'a Badge> {
        badges.iter().find(|b| b.text.starts_with(prefix))
    }

    #[test]
    fn default_plan_passes_with_its_troop_figures() {
        let scenario = Scenario::bundled_default().expect("default scenario");
        let badges = checked(&scenario);
        // Every rule applies to the default plan (it has a proposal and a guarantee area).
        assert_eq!(badges.len(), rules().len(), "{badges:#?}");
        let troops = find(&badges, "Troops ").expect("troops badge");
        assert!(troops.text.ends_with(" / 150,000"), "{}", troops.text);
        assert_eq!(troops.level, BadgeLevel::Pass);
        // Kostiantynivka lies within warn_depth_km of today's line: a warning, not an error.
        assert_eq!(
            find(&badges, "Fortress belt").map(|b| b.level),
            Some(BadgeLevel::Warning)
        );
        assert_eq!(
            find(&badges, "No US troops in Ukraine").map(|b| b.level),
            Some(BadgeLevel::Pass)
        );
        assert_eq!(
            find(&badges, "Measures").map(|b| b.text.as_str()),
            Some("Measures 4 / 4")
        );
        assert!(badges.iter().all(|b| b.level != BadgeLevel::Error));
    }

    #[test]
    fn the_headless_render_draws_the_badges_on_a_step_with_findings_only() {
        let map = BaseMap::bundled().expect("bundled map");
        let scenario = Scenario::bundled_default().expect("default scenario");
        let last = scenario.steps.len() - 1;
        assert!(scenario.steps.get(last).is_some_and(|s| s.findings));
        let scene = super::super::ExportScene::new(&map, scenario, None).expect("scene");
        let svg = |i: usize| {
            let page = scene.step_page(i).expect("a step page");
            scene.svg(&page, (1600, 1000))
        };
        let with = svg(last);
        assert!(with.contains(">Troops ") && with.contains(" / 150,000<"));
        assert!(with.contains(">Fortress belt<"));
        assert!(!svg(0).contains(">Troops "));
    }

    #[test]
    fn an_empty_plan_fails_the_force_rules_and_skips_the_proposal_rules() {
        let mut scenario = Scenario::default();
        scenario.rules.insert(
            "force-sufficiency".to_owned(),
            serde_json::json!({ "full_troops": 120000 }),
        );
        scenario.rules.insert(
            "air-cover".to_owned(),
            serde_json::json!({ "enabled": false }),
        );
        let badges = checked(&scenario);
        assert!(find(&badges, "Fortress belt").is_none());
        assert!(find(&badges, "Guarantee scope").is_none());
        assert!(find(&badges, "Air cover").is_none(), "a rule turned off");
        let troops = find(&badges, "Troops").expect("troops badge");
        assert_eq!(troops.text, "Troops 0 / 120,000");
        assert_eq!(troops.level, BadgeLevel::Error);
        let measures = find(&badges, "Measures").expect("measures badge");
        assert_eq!(measures.text, "Measures 0 / 4");
        assert_eq!(measures.level, BadgeLevel::Warning);
    }
}
