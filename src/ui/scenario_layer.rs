//! Paints the scenario on the map: guarantee areas, demarcation proposals and forces, and finds
//! what a click hit.

use super::map_view::ScreenFromWorld;
use super::paint::{LabelPlacer, color, halo_text};
use super::symbols::{Frame, paint_symbol};
use crate::model::Scenario;
use crate::model::scenario::NationLists;
use crate::scene::geometry::world_point;
use crate::scene::{PROPOSAL_COLOURS, ScenarioScene};
use egui::{Align2, Color32, FontId, Painter, Pos2, Rect, Response, Shape, Stroke, Vec2};

/// Symbol height in px.
pub const SYMBOL_PX: f32 = 18.0;
/// How close a click must be to a line to hit it, px.
const LINE_HIT_PX: f32 = 6.0;

fn distance_to_segment(p: Pos2, a: Pos2, b: Pos2) -> f32 {
    let ab = b - a;
    let t = if ab.length_sq() > 0.0 {
        ((p - a).dot(ab) / ab.length_sq()).clamp(0.0, 1.0)
    } else {
        0.0
    };
    (a + ab * t - p).length()
}

/// The distance from `click` to the nearest segment of `pts`, if within [`LINE_HIT_PX`].
fn line_hit(click: Pos2, pts: &[Pos2]) -> Option<f32> {
    pts.windows(2)
        .filter_map(|w| match w {
            [a, b] => Some(distance_to_segment(click, *a, *b)),
            _ => None,
        })
        .filter(|d| *d < LINE_HIT_PX)
        .min_by(f32::total_cmp)
}

/// "4.5k" for 4,500.
pub fn short_strength(n: u64) -> String {
    if n >= 1000 {
        let k = n as f64 / 1000.0;
        if k >= 10.0 || k.fract() < 0.05 {
            format!("{k:.0}k")
        } else {
            format!("{k:.1}k")
        }
    } else {
        n.to_string()
    }
}

#[allow(clippy::too_many_arguments)] // one call site; a struct would only rename them
/// Paints the scenario. Returns what a click on the map selected: `Some(Some(id))` for a
/// feature, `Some(None)` for empty map, `None` if there was no click.
pub fn paint(
    painter: &Painter,
    response: &Response,
    scenario: &Scenario,
    prepared: &ScenarioScene,
    lists: &NationLists,
    t: &ScreenFromWorld,
    selection: Option<&str>,
    placer: &mut LabelPlacer,
) -> Option<Option<String>> {
    let click = response
        .clicked()
        .then(|| response.interact_pointer_pos())
        .flatten();
    let mut hit: Option<(f32, String)> = None;
    let mut consider = |d: f32, id: &str| {
        if hit.as_ref().is_none_or(|(best, _)| d < *best) {
            hit = Some((d, id.to_owned()));
        }
    };

    for (id, area) in &prepared.areas {
        let level = area.level(t.zoom);
        let selected = selection == Some(id.as_str());
        let stroke = Stroke::new(
            if selected { 3.0 } else { 1.8 },
            Color32::from_rgb(20, 110, 160),
        );
        for ring in &level.rings {
            let pts: Vec<Pos2> = ring.iter().map(|p| t.screen(*p)).collect();
            if let Some(d) = click.and_then(|c| line_hit(c, &pts)) {
                consider(d, id);
            }
            painter.add(Shape::dashed_line(&pts, stroke, 8.0, 5.0));
        }
    }

    for (index, (id, line)) in prepared.lines.iter().enumerate() {
        let colour = PROPOSAL_COLOURS
            .get(index % PROPOSAL_COLOURS.len())
            .copied()
            .unwrap_or([0, 0, 0, 255]);
        let selected = selection == Some(id.as_str());
        let pts: Vec<Pos2> = line.level(t.zoom).iter().map(|p| t.screen(*p)).collect();
        if let Some(d) = click.and_then(|c| line_hit(c, &pts)) {
            consider(d, id);
        }
        let width = if selected { 5.0 } else { 3.5 };
        painter.add(Shape::line(
            pts.clone(),
            Stroke::new(width + 3.0, Color32::WHITE),
        ));
        painter.add(Shape::line(pts.clone(), Stroke::new(width, color(colour))));
        if let Some(last) = pts.last() {
            let name = scenario.feature(id).map_or(id.as_str(), |f| f.label());
            let rect = halo_text(
                painter,
                *last + Vec2::new(6.0, 0.0),
                Align2::LEFT_CENTER,
                name,
                FontId::proportional(13.0),
                color(colour),
            );
            placer.try_place(rect);
        }
    }

    for (id, force) in scenario.forces() {
        let at = t.screen(world_point(force.position.x(), force.position.y()));
        if !t.clip.expand(SYMBOL_PX * 2.0).contains(at) {
            continue;
        }
        let frame = Frame::of(lists.affiliation(&force.nation));
        let selected = selection == Some(id);
        let bounds = paint_symbol(
            painter,
            at,
            SYMBOL_PX,
            frame,
            force.component,
            force.echelon,
            selected,
        );
        let font = FontId::proportional(11.0);
        let nation = halo_text(
            painter,
            bounds.left_center() - Vec2::new(3.0, 0.0),
            Align2::RIGHT_CENTER,
            &force.nation,
            font.clone(),
            Color32::BLACK,
        );
        let strength = halo_text(
            painter,
            bounds.right_center() + Vec2::new(3.0, 0.0),
            Align2::LEFT_CENTER,
            &short_strength(force.strength),
            font,
            Color32::from_gray(40),
        );
        placer.try_place(bounds.expand(2.0));
        placer.try_place(nation);
        placer.try_place(strength);
        if let Some(c) = click
            && bounds.expand(4.0).contains(c)
        {
            consider(0.0, id);
        }
    }

    click.map(|_| hit.map(|(_, id)| id))
}

/// A rectangle around a screen point, for hit tests.
pub fn hit_rect(at: Pos2, px: f32) -> Rect {
    Rect::from_center_size(at, Vec2::splat(px))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strengths_are_short() {
        assert_eq!(short_strength(800), "800");
        assert_eq!(short_strength(4500), "4.5k");
        assert_eq!(short_strength(5000), "5k");
        assert_eq!(short_strength(40_000), "40k");
    }

    #[test]
    fn segment_distance() {
        let d = distance_to_segment(
            Pos2::new(5.0, 3.0),
            Pos2::new(0.0, 0.0),
            Pos2::new(10.0, 0.0),
        );
        assert!((d - 3.0).abs() < 1e-6);
        let d = distance_to_segment(
            Pos2::new(-4.0, 3.0),
            Pos2::new(0.0, 0.0),
            Pos2::new(10.0, 0.0),
        );
        assert!((d - 5.0).abs() < 1e-6);
    }
}
