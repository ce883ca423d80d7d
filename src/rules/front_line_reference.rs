//! `front-line-reference`: each demarcation refers to today's front line, in both directions.
//!
//! Source: [S4]: any provisional demarcation "would have to refer to the current front line" and
//! must not place Ukraine in a militarily untenable position. Measured as the area a line moves
//! from Ukrainian to Russian control and how far that area reaches beyond today's line; the area
//! it moves the other way (a line Russia would have to withdraw behind is no reference to today's
//! front either); and the cities it hands over.

use super::context::{Context, RuleOutput, amount, figure, focus_area, focus_point, thousands};
use super::{Applies, ParamInfo, Params, Rule, RuleInfo, Severity, sources};
use geo::{BoundingRect, Contains, Intersects};

/// The rule value.
pub struct FrontLineReference;

const ID: &str = "front-line-reference";

impl Rule for FrontLineReference {
    fn id(&self) -> &'static str {
        ID
    }

    fn info(&self) -> RuleInfo {
        RuleInfo {
            id: ID,
            title: "Demarcation follows today's front line",
            badge: "Follows today's line",
            applies_to: Applies::Demarcations,
            checks: "Each demarcation refers to today's front line: error if the area it moves from Ukrainian to Russian control exceeds max_ceded_km2, or any point of that area lies more than max_advance_km beyond today's line; warning if the area it moves the other way exceeds max_gained_km2; warning for each city of at least min_city_population that it moves to Russian control.",
            explanation: "A ceasefire freezes the line where the forces meet; it does not hand over ground Russia has not taken, nor ground Ukraine has not retaken. Small adjustments (a straighter line, a river instead of a field edge) are normal, so the rule allows a little area and a short advance either way, flags any line that gives away more, warns about a line Russia would have to withdraw far behind (no reference to today's front either), and names each sizeable city (population from the bundled cities layer) that a line hands over, however small the area.",
            params: vec![
                ParamInfo::number(
                    "max_ceded_km2",
                    1000.0,
                    "km²",
                    "largest area a line may move to Russian control",
                    0.0,
                    f64::INFINITY,
                )
                .assumption("[S4] asks for a line that refers to today's front without a number; 1,000 km² allows straightening a front of some 1,200 km by under a kilometre on average"),
                ParamInfo::number(
                    "max_advance_km",
                    10.0,
                    "km",
                    "farthest the ceded area may reach beyond today's line",
                    0.0,
                    f64::INFINITY,
                )
                .assumption("a local adjustment (to a river or a ridge) moves the line a few km; 10 km is beyond any such"),
                ParamInfo::number(
                    "max_gained_km2",
                    1000.0,
                    "km²",
                    "largest area a line may move to Ukrainian control without a warning",
                    0.0,
                    f64::INFINITY,
                )
                .assumption("the same allowance as for ceded area, the other way"),
                ParamInfo::number(
                    "min_city_population",
                    20_000.0,
                    "people",
                    "smallest city whose handing over is named",
                    0.0,
                    f64::INFINITY,
                )
                .assumption("towns of 20,000 and more (Pokrovsk, Kostiantynivka) are the places the fighting is about; smaller settlements change hands in every adjustment"),
            ],
            sources: &[sources::S4],
        }
    }

    fn check(&self, context: &Context<'_>, params: &Params, out: &mut RuleOutput) {
        let max_km2 = params.number("max_ceded_km2");
        let max_km = params.number("max_advance_km");
        let max_gained = params.number("max_gained_km2");
        let min_population = params.number("min_city_population");
        for line in &context.lines {
            let Ok(g) = &line.geometry else { continue };
            if g.ceded_km2 > max_km2 {
                out.add(
                    ID,
                    Severity::Error,
                    Some(line.id),
                    format!(
                        "{} moves {} km² from Ukrainian to Russian control, more than the {} km² allowed.",
                        line.label,
                        figure(g.ceded_km2),
                        amount(max_km2)
                    ),
                    sources::S4,
                    focus_area(&g.ceded),
                );
            }
            if g.max_advance_km > max_km {
                let at = g
                    .furthest
                    .map(|p| format!(" near {:.2} E {:.2} N", p.x(), p.y()))
                    .unwrap_or_default();
                out.add(
                    ID,
                    Severity::Error,
                    Some(line.id),
                    format!(
                        "{} reaches {} km beyond today's front line{at}, more than the {} km allowed.",
                        line.label,
                        figure(g.max_advance_km),
                        amount(max_km)
                    ),
                    sources::S4,
                    g.furthest.map(focus_point),
                );
            }
            if g.gained_km2 > max_gained {
                out.add(
                    ID,
                    Severity::Warning,
                    Some(line.id),
                    format!(
                        "{} moves {} km² from Russian to Ukrainian control, more than the {} km² allowed: a line Russia would have to withdraw behind does not refer to today's front either.",
                        line.label,
                        figure(g.gained_km2),
                        amount(max_gained)
                    ),
                    sources::S4,
                    focus_area(&g.gained),
                );
            }
            // Each ceded polygon's box, once per line: a city is tested only against the
            // polygons whose box holds it (a snapped line cedes hundreds of slivers).
            let boxes: Vec<(geo::Rect, &geo::Polygon)> = g
                .ceded
                .iter()
                .filter_map(|p| p.bounding_rect().map(|r| (r, p)))
                .collect();
            let ceded =
                |c: &geo::Point| boxes.iter().any(|(r, p)| r.intersects(c) && p.contains(c));
            for city in context
                .cities
                .iter()
                .filter(|c| c.population as f64 >= min_population && ceded(&c.position))
            {
                out.add(
                    ID,
                    Severity::Warning,
                    Some(line.id),
                    format!(
                        "{} hands {} (population {}) over to Russian control.",
                        line.label,
                        city.name,
                        thousands(city.population)
                    ),
                    sources::S4,
                    Some(focus_point(city.position)),
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
    fn a_line_that_hands_ukraine_the_south_warns_of_the_gain() {
        // Today's line from Zaporizhzhia westward moved ~60 km south: Ukraine would get back
        // thousands of km² of Zaporizhzhia and Kherson oblasts.
        let report = Plan::new()
            .partial_around("south", [34.3, 47.52], 20, [0.0, -0.6])
            .check();
        let stats = report.demarcation("south").expect("stats");
        assert!(stats.valid, "{:?}", report.findings);
        assert!(stats.gained_km2 > 5_000.0, "{}", stats.gained_km2);
        assert!(
            has(
                &report,
                ID,
                "warning",
                Some("south"),
                "from Russian to Ukrainian control"
            ),
            "{:?}",
            report.findings
        );
    }

    #[test]
    fn a_small_cession_that_hands_over_a_city_names_it() {
        // Pokrovsk lies about 10 km behind today's line: a short redraw ~15 km west around it
        // cedes a few hundred km², within the allowance, but hands the city over.
        let report = Plan::new()
            .partial_around("pokrovsk", [37.31, 48.3], 2, [-0.2, 0.0])
            .check();
        let stats = report.demarcation("pokrovsk").expect("stats");
        assert!(stats.valid, "{:?}", report.findings);
        assert!(stats.ceded_km2 < 1000.0, "{}", stats.ceded_km2);
        assert!(
            has(&report, ID, "warning", Some("pokrovsk"), "Pokrovsk"),
            "{:?}",
            report.findings
        );
        assert!(!has(&report, ID, "error", Some("pokrovsk"), "km²"));
    }
}
