//! `force-location`: every force stands where it can, and where a guarantor may.
//!
//! A land, air-defence or logistics force cannot stand at sea; a maritime force cannot stand far
//! inland; a guarantor or host force cannot be placed inside an adversary nation or in today's
//! occupied area (the guarantors' role is deterrence, not entering the adversary's ground [S3]).
//! The checker decides each force's place once (`ForceView::misplaced`), because a force that
//! breaks this rule counts for nothing in any other rule; this rule reports it.

use super::context::{Context, RuleOutput, focus_point, thousands};
use super::{Applies, ParamInfo, Params, Rule, RuleInfo, Severity, sources};

/// The rule value.
pub struct ForceLocation;

const ID: &str = "force-location";

impl Rule for ForceLocation {
    fn id(&self) -> &'static str {
        ID
    }

    fn info(&self) -> RuleInfo {
        RuleInfo {
            id: ID,
            title: "Forces stand where they can",
            badge: "Forces placed",
            applies_to: Applies::Forces,
            checks: "Error for a land, air-defense or logistics force at sea, for a maritime force more than coast_km inland, and for a guarantor or host force inside an adversary nation or in today's occupied area. A force that breaks this rule counts for nothing in any other rule.",
            explanation: "A plan is only as good as its map: a brigade placed in the Black Sea, a frigate in the steppe, guarantor divisions in Minsk or a reassurance force in occupied Sevastopol would all count toward the totals if nothing stopped them. \"At sea\" means outside every country of the bundled map; distances to the coast are geodesic. The guarantee deters an attack on Ukraine; it does not put guarantor or Ukrainian forces on the adversary's ground or behind today's front line.",
            params: vec![ParamInfo::number(
                "coast_km",
                10.0,
                "km",
                "how far inland a maritime force may stand (a port, a naval base)",
                0.0,
                1000.0,
            )
            .assumption("ports and naval bases lie on the coast or a few km up an estuary; 10 km allows for the map's coastline being simplified")],
            sources: &[sources::S3, sources::S4],
        }
    }

    fn check(&self, context: &Context<'_>, _params: &Params, out: &mut RuleOutput) {
        for f in &context.forces {
            let Some(reason) = &f.misplaced else { continue };
            out.add(
                ID,
                Severity::Error,
                Some(f.id),
                format!(
                    "{} ({} {}, {} personnel) stands {reason}, where it cannot be placed; it counts for nothing in the other rules.",
                    f.label(),
                    f.force.nation,
                    f.force.component,
                    thousands(f.force.strength)
                ),
                sources::S3,
                Some(focus_point(f.force.position)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::ID;

    #[test]
    fn impossible_places_are_errors_and_count_for_nothing() {
        let report = Plan::new()
            .force(
                "minsk",
                "DE",
                "land",
                "reassurance",
                20_000,
                3.0,
                [27.56, 53.9],
            )
            .force(
                "belgorod",
                "FR",
                "land",
                "reassurance",
                5_000,
                3.0,
                [36.59, 50.6],
            )
            .force(
                "at-sea",
                "PL",
                "land",
                "reassurance",
                4_000,
                3.0,
                [33.5, 43.5],
            )
            .force(
                "sevastopol",
                "GB",
                "land",
                "reassurance",
                4_000,
                3.0,
                [33.52, 44.6],
            )
            .force(
                "steppe",
                "FR",
                "maritime",
                "reassurance",
                2_000,
                3.0,
                [34.0, 48.0],
            )
            .force(
                "odesa",
                "FR",
                "maritime",
                "reassurance",
                2_000,
                3.0,
                [30.73, 46.48],
            )
            .force("kyiv", "PL", "land", "reassurance", 6_000, 3.0, KYIV)
            .check();
        for id in ["minsk", "belgorod", "at-sea", "sevastopol", "steppe"] {
            assert!(
                has(&report, ID, "error", Some(id), "stands"),
                "{id}: {:?}",
                report.findings
            );
        }
        assert!(has(
            &report,
            ID,
            "error",
            Some("minsk"),
            "inside Belarus (BY)"
        ));
        assert!(has(
            &report,
            ID,
            "error",
            Some("sevastopol"),
            "occupied area"
        ));
        assert_eq!(of(&report, ID).len(), 5, "{:?}", of(&report, ID));
        // Only the brigade in Kyiv counts.
        assert_eq!(report.forces.guarantor_land, 6_000);
        assert_eq!(report.forces.guarantor_land_in_ukraine, 6_000);
        // A misplaced force raises no finding of another rule (no standoff, no trip-wire
        // beyond Kyiv's, no reinforcement time).
        assert!(report.findings.iter().filter(|f| f.rule != ID).all(|f| {
            f.subject.as_deref().is_none_or(|s| {
                !["minsk", "belgorod", "at-sea", "sevastopol", "steppe"].contains(&s)
            })
        }));
    }

    #[test]
    fn switched_off_nothing_is_misplaced() {
        let report = Plan::new()
            .rule(ID, "enabled", serde_json::json!(false))
            .force(
                "minsk",
                "DE",
                "land",
                "reassurance",
                20_000,
                3.0,
                [27.56, 53.9],
            )
            .check();
        assert_eq!(report.forces.guarantor_land, 20_000);
    }
}
