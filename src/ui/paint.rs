//! Paints the prepared scene through the frame's transform: fills as triangle meshes, outlines
//! as anti-aliased lines, labels placed so they never overlap.

use super::map_view::ScreenFromWorld;
use crate::scene::geometry::{AreaLevel, PreparedArea, PreparedLine, WorldPoint};
use crate::scene::style::{self, Rgba};
use crate::scene::{BaseScene, CountryRole, DONBAS};
use egui::epaint::{Mesh, Vertex, WHITE_UV};
use egui::{Align2, Color32, FontId, Painter, Pos2, Rect, Shape, Stroke, Vec2, pos2};

/// Converts a style colour.
pub fn color(c: Rgba) -> Color32 {
    Color32::from_rgba_unmultiplied(c[0], c[1], c[2], c[3])
}

/// Which bundled layers are drawn (contract.md's layer names).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct LayerVisibility {
    /// `countries`: land, borders and country names.
    pub countries: bool,
    /// `guarantors`: guarantor states coloured by their role.
    pub guarantors: bool,
    /// `oblasts`: oblast boundaries.
    pub oblasts: bool,
    /// `occupied`: the occupied area.
    pub occupied: bool,
    /// `front-line`: today's line of contact.
    pub front_line: bool,
    /// `cities`: cities and their names.
    pub cities: bool,
}

impl Default for LayerVisibility {
    fn default() -> Self {
        Self {
            countries: true,
            guarantors: true,
            oblasts: true,
            occupied: true,
            front_line: true,
            cities: true,
        }
    }
}

impl LayerVisibility {
    /// Visibility from a step's layer list (`None`: all).
    pub fn from_names(names: Option<&[String]>) -> Self {
        let Some(names) = names else {
            return Self::default();
        };
        let has = |n: &str| names.iter().any(|x| x == n);
        Self {
            countries: has("countries"),
            guarantors: has("guarantors"),
            oblasts: has("oblasts"),
            occupied: has("occupied"),
            front_line: has("front-line"),
            cities: has("cities"),
        }
    }
}

/// Counts of what a frame drew, for tests and benchmarks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PaintStats {
    /// Fill triangles.
    pub triangles: usize,
    /// Outline vertices.
    pub line_vertices: usize,
    /// City labels placed.
    pub city_labels: usize,
    /// Country labels placed.
    pub country_labels: usize,
}

/// Adds `level`'s triangles to `mesh` in `fill`.
fn push_fill(mesh: &mut Mesh, level: &AreaLevel, t: &ScreenFromWorld, fill: Color32) {
    let base = mesh.vertices.len() as u32;
    mesh.vertices.extend(level.vertices.iter().map(|p| Vertex {
        pos: t.screen(*p),
        uv: WHITE_UV,
        color: fill,
    }));
    mesh.indices.extend(level.indices.iter().map(|i| base + i));
}

/// A stroke drawn from cached miters: colour, width in points, and the width of the
/// anti-aliasing fringe (one physical pixel, as egui's own feathering).
#[derive(Debug, Clone, Copy)]
pub struct MeshStroke {
    /// Colour of the line.
    pub color: Color32,
    /// Width in points.
    pub width: f32,
    /// Anti-aliasing fringe in points (1 / pixels per point).
    pub feather: f32,
}

impl MeshStroke {
    /// A stroke of `stroke`'s width and colour, feathered for `painter`'s pixel density.
    pub fn new(painter: &Painter, stroke: Stroke) -> Self {
        Self {
            color: stroke.color,
            width: stroke.width,
            feather: 1.0 / painter.pixels_per_point().max(0.1),
        }
    }
}

/// Strokes a polyline into `mesh` from its cached miters (see `scene::geometry::miters`): each
/// point is moved along its miter by the half width, so a frame only transforms. Lines at least
/// a pixel wide get a solid core between two feathered edges (four vertices a point); thinner
/// ones a faded centre between two transparent edges (three), as egui's tessellator does.
pub fn push_stroke(
    mesh: &mut Mesh,
    points: &[WorldPoint],
    miters: &[[f32; 2]],
    t: &ScreenFromWorld,
    stroke: MeshStroke,
) {
    let n = points.len().min(miters.len());
    if n < 2 || stroke.width <= 0.0 || stroke.color == Color32::TRANSPARENT {
        return;
    }
    let f = stroke.feather;
    let (offsets, colors): (&[f32], [Color32; 4]) = if stroke.width > f {
        let (outer, inner) = (stroke.width * 0.5 + f * 0.5, stroke.width * 0.5 - f * 0.5);
        (
            &[outer, inner, -inner, -outer],
            [
                Color32::TRANSPARENT,
                stroke.color,
                stroke.color,
                Color32::TRANSPARENT,
            ],
        )
    } else {
        let faded = stroke.color.gamma_multiply(stroke.width / f);
        (
            &[f, 0.0, -f],
            [
                Color32::TRANSPARENT,
                faded,
                Color32::TRANSPARENT,
                Color32::TRANSPARENT,
            ],
        )
    };
    let k = offsets.len() as u32;
    let base = mesh.vertices.len() as u32;
    mesh.vertices.reserve(n * k as usize);
    mesh.indices.reserve((n - 1) * (k as usize - 1) * 6);
    for (p, m) in points[..n].iter().zip(&miters[..n]) {
        let at = t.screen(*p);
        for (offset, color) in offsets.iter().zip(colors) {
            mesh.vertices.push(Vertex {
                pos: Pos2::new(at.x + m[0] * offset, at.y + m[1] * offset),
                uv: WHITE_UV,
                color,
            });
        }
    }
    for i in 0..(n as u32 - 1) {
        let (a, b) = (base + i * k, base + (i + 1) * k);
        for j in 0..k - 1 {
            mesh.indices
                .extend_from_slice(&[a + j, a + j + 1, b + j, a + j + 1, b + j + 1, b + j]);
        }
    }
}

/// Outlines the rings of `levels` that are on screen and at least 1.5 px across, into one
/// mesh sized once (growing a mesh of 100,000 vertices by doubling would copy it again and
/// again).
fn push_outlines(
    mesh: &mut Mesh,
    levels: &[&AreaLevel],
    t: &ScreenFromWorld,
    stroke: MeshStroke,
    stats: &mut PaintStats,
) {
    let visible = t.visible_world();
    let shown = |b: &crate::scene::geometry::WorldRect| -> bool {
        let size_px = (b.max[0] - b.min[0]).max(b.max[1] - b.min[1]) * t.scale;
        size_px >= 1.5 && b.intersects(&visible)
    };
    let rings = || {
        levels.iter().flat_map(|level| {
            level
                .rings
                .iter()
                .zip(&level.ring_miters)
                .zip(&level.ring_bounds)
                .filter(|(_, b)| shown(b))
                .map(|(ring, _)| ring)
        })
    };
    let points: usize = rings().map(|(ring, _)| ring.len()).sum();
    mesh.vertices.reserve(points * 4);
    mesh.indices.reserve(points * 18);
    for (ring, miters) in rings() {
        stats.line_vertices += ring.len();
        push_stroke(mesh, ring, miters, t, stroke);
    }
}

/// Draws a prepared line.
pub fn line_shape(line: &PreparedLine, t: &ScreenFromWorld, stroke: Stroke) -> Option<Shape> {
    if !line.bounds.intersects(&t.visible_world()) {
        return None;
    }
    let points: Vec<Pos2> = line.level(t.zoom).iter().map(|p| t.screen(*p)).collect();
    Some(Shape::line(points, stroke))
}

fn area_on_screen(area: &PreparedArea, t: &ScreenFromWorld) -> bool {
    area.bounds.intersects(&t.visible_world())
}

/// Paints the bundled layers. `role_of` gives each country's role in the open scenario.
pub fn paint_base(
    painter: &Painter,
    scene: &BaseScene,
    t: &ScreenFromWorld,
    layers: LayerVisibility,
    role_of: &dyn Fn(&str) -> CountryRole,
    draw_land: bool,
) -> PaintStats {
    let mut stats = PaintStats::default();
    if draw_land {
        painter.rect_filled(t.clip, 0.0, color(style::SEA));
    }

    // Country fills in one mesh, borders in another, each sized once.
    let mut fills = Mesh::default();
    let fill_sizes = scene
        .countries
        .iter()
        .filter(|c| draw_land && area_on_screen(&c.area, t))
        .map(|c| c.area.level(t.zoom))
        .chain(
            (layers.occupied && area_on_screen(&scene.occupied, t))
                .then(|| scene.occupied.level(t.zoom)),
        )
        .fold((0, 0), |(v, i), l| {
            (v + l.vertices.len(), i + l.indices.len())
        });
    fills.vertices.reserve(fill_sizes.0);
    fills.indices.reserve(fill_sizes.1);
    let mut borders: Vec<&AreaLevel> = Vec::with_capacity(scene.countries.len());
    for country in scene.countries.iter().filter(|_| draw_land) {
        if !area_on_screen(&country.area, t) {
            continue;
        }
        let role = role_of(&country.iso_a2);
        let fill = match (layers.countries, layers.guarantors, role) {
            (_, true, CountryRole::Guarantor) => style::country_fill(role),
            (true, _, CountryRole::Guarantor) => style::OTHER_FILL,
            (true, _, _) => style::country_fill(role),
            (false, _, _) => continue,
        };
        let level = country.area.level(t.zoom);
        push_fill(&mut fills, level, t, color(fill));
        borders.push(level);
    }
    if layers.occupied && area_on_screen(&scene.occupied, t) {
        let level = scene.occupied.level(t.zoom);
        push_fill(&mut fills, level, t, color(style::OCCUPIED_FILL));
    }
    stats.triangles = fills.indices.len() / 3;
    painter.add(Shape::mesh(fills));
    let mut lines = Mesh::default();
    let border = MeshStroke::new(
        painter,
        Stroke::new(style::BORDER_WIDTH, color(style::BORDER)),
    );
    push_outlines(&mut lines, &borders, t, border, &mut stats);
    painter.add(Shape::mesh(lines));

    if layers.oblasts {
        let mut oblast_levels: Vec<&AreaLevel> = Vec::with_capacity(scene.oblasts.len());
        let mut donbas_levels: Vec<&AreaLevel> = Vec::new();
        let oblast_stroke = MeshStroke::new(
            painter,
            Stroke::new(style::OBLAST_WIDTH, color(style::OBLAST_LINE)),
        );
        let donbas = MeshStroke::new(
            painter,
            Stroke::new(style::DONBAS_WIDTH, color(style::DONBAS_LINE)),
        );
        for oblast in &scene.oblasts {
            if !area_on_screen(&oblast.area, t) {
                continue;
            }
            let level = oblast.area.level(t.zoom);
            if DONBAS.contains(&oblast.iso_3166_2.as_str()) {
                donbas_levels.push(level);
            } else {
                oblast_levels.push(level);
            }
        }
        let mut oblast_lines = Mesh::default();
        push_outlines(
            &mut oblast_lines,
            &oblast_levels,
            t,
            oblast_stroke,
            &mut stats,
        );
        let mut donbas_lines = Mesh::default();
        push_outlines(&mut donbas_lines, &donbas_levels, t, donbas, &mut stats);
        painter.add(Shape::mesh(oblast_lines));
        painter.add(Shape::mesh(donbas_lines));
    }
    if layers.occupied && area_on_screen(&scene.occupied, t) {
        let mut edge = Mesh::default();
        let stroke = MeshStroke::new(
            painter,
            Stroke::new(style::OCCUPIED_EDGE_WIDTH, color(style::OCCUPIED_EDGE)),
        );
        push_outlines(
            &mut edge,
            &[scene.occupied.level(t.zoom)],
            t,
            stroke,
            &mut stats,
        );
        painter.add(Shape::mesh(edge));
    }
    if layers.front_line && scene.front_line.bounds.intersects(&t.visible_world()) {
        let (points, miters) = scene.front_line.level_with_miters(t.zoom);
        let mut mesh = Mesh::default();
        let stroke = MeshStroke::new(
            painter,
            Stroke::new(style::FRONT_LINE_WIDTH, color(style::FRONT_LINE)),
        );
        push_stroke(&mut mesh, points, miters, t, stroke);
        stats.line_vertices += points.len();
        painter.add(Shape::mesh(mesh));
    }
    stats
}

/// Keeps labels apart: a label is placed only where it overlaps none placed before.
#[derive(Debug, Default)]
pub struct LabelPlacer {
    placed: Vec<Rect>,
}

impl LabelPlacer {
    /// Reserves `rect` if it is free; says whether it was.
    pub fn try_place(&mut self, rect: Rect) -> bool {
        if self.placed.iter().any(|r| r.intersects(rect)) {
            return false;
        }
        self.placed.push(rect);
        true
    }
}

/// Draws `text` with a light halo so it reads on any fill.
pub fn halo_text(
    painter: &Painter,
    pos: Pos2,
    anchor: Align2,
    text: &str,
    font: FontId,
    fg: Color32,
) -> Rect {
    let galley = painter.layout_no_wrap(text.to_owned(), font, fg);
    let rect = anchor.anchor_size(pos, galley.size());
    let halo = Color32::from_rgba_unmultiplied(255, 255, 255, 210);
    for offset in [
        Vec2::new(-1.0, 0.0),
        Vec2::new(1.0, 0.0),
        Vec2::new(0.0, -1.0),
        Vec2::new(0.0, 1.0),
    ] {
        painter.galley_with_override_text_color(rect.min + offset, galley.clone(), halo);
    }
    painter.galley(rect.min, galley, fg);
    rect
}

/// The smallest population of a city shown at `zoom`: fewer, larger cities when zoomed out.
pub fn min_population(zoom: f64) -> u64 {
    match zoom {
        z if z < 5.0 => 500_000,
        z if z < 6.0 => 150_000,
        z if z < 7.0 => 50_000,
        _ => 0,
    }
}

/// Paints cities (dot and name, most important first, never overlapping) and country names.
pub fn paint_labels(
    painter: &Painter,
    scene: &BaseScene,
    t: &ScreenFromWorld,
    layers: LayerVisibility,
    placer: &mut LabelPlacer,
) -> PaintStats {
    let mut stats = PaintStats::default();
    let clip = t.clip.shrink(2.0);
    if layers.cities {
        let min_pop = min_population(t.zoom);
        let font = FontId::proportional(12.5);
        for city in &scene.cities {
            if !city.capital && city.population < min_pop {
                continue;
            }
            let at = t.screen(city.at);
            if !clip.contains(at) {
                continue;
            }
            let galley_size = painter
                .layout_no_wrap(city.name.clone(), font.clone(), Color32::BLACK)
                .size();
            // Try right of the dot, then left, above, below.
            let candidates = [
                (at + Vec2::new(6.0, 0.0), Align2::LEFT_CENTER),
                (at + Vec2::new(-6.0, 0.0), Align2::RIGHT_CENTER),
                (at + Vec2::new(0.0, -6.0), Align2::CENTER_BOTTOM),
                (at + Vec2::new(0.0, 6.0), Align2::CENTER_TOP),
            ];
            let dot = Rect::from_center_size(at, Vec2::splat(7.0));
            let chosen = candidates.into_iter().find(|(pos, anchor)| {
                let rect = anchor.anchor_size(*pos, galley_size).expand(1.5);
                clip.contains_rect(rect)
                    && !placer
                        .placed
                        .iter()
                        .any(|r| r.intersects(rect) || r.intersects(dot))
            });
            let Some((pos, anchor)) = chosen else {
                continue;
            };
            placer.placed.push(dot);
            placer
                .placed
                .push(anchor.anchor_size(pos, galley_size).expand(1.5));
            if city.capital {
                painter.rect_filled(
                    Rect::from_center_size(at, Vec2::splat(7.0)),
                    0.0,
                    color(style::CITY),
                );
                painter.rect_filled(
                    Rect::from_center_size(at, Vec2::splat(3.0)),
                    0.0,
                    Color32::WHITE,
                );
            } else {
                painter.circle(
                    at,
                    3.0,
                    color(style::CITY),
                    Stroke::new(1.0, Color32::WHITE),
                );
            }
            halo_text(
                painter,
                pos,
                anchor,
                &city.name,
                font.clone(),
                color(style::LABEL),
            );
            stats.city_labels += 1;
        }
    }
    if layers.countries {
        let font = FontId::proportional(15.0);
        let mut countries: Vec<_> = scene.countries.iter().collect();
        countries.sort_by(|a, b| b.label_rank.total_cmp(&a.label_rank));
        let view_center = t.clip.center();
        for country in countries {
            // The anchor nearest the middle of the view, of those on screen.
            let at = std::iter::once(&country.label_at)
                .chain(&country.label_candidates)
                .map(|p| t.screen(*p))
                .filter(|p| clip.shrink(40.0).contains(*p))
                .min_by(|a, b| {
                    (*a - view_center)
                        .length_sq()
                        .total_cmp(&(*b - view_center).length_sq())
                });
            let Some(at) = at else {
                continue;
            };
            let text = country.name.to_uppercase();
            let galley = painter.layout_no_wrap(text.clone(), font.clone(), Color32::BLACK);
            let rect = Align2::CENTER_CENTER.anchor_size(at, galley.size());
            // A name wider than the country on screen would mislabel its neighbours.
            let country_px = (country.area.bounds.max[0] - country.area.bounds.min[0]) * t.scale;
            if country_px < rect.width() * 0.8
                || !clip.contains_rect(rect)
                || !placer.try_place(rect)
            {
                continue;
            }
            halo_text(
                painter,
                at,
                Align2::CENTER_CENTER,
                &text,
                font.clone(),
                color(style::COUNTRY_LABEL),
            );
            stats.country_labels += 1;
        }
    }
    stats
}

/// Draws a scale bar of a round number of km at the bottom left of `rect`.
pub fn paint_scale_bar(painter: &Painter, rect: Rect, px_per_m: f32) {
    if !(px_per_m.is_finite() && px_per_m > 0.0) {
        return;
    }
    let target_px = 140.0;
    let target_km = target_px / px_per_m / 1000.0;
    let magnitude = 10f32.powf(target_km.log10().floor());
    let km = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .rfind(|km| *km <= target_km)
        .unwrap_or(magnitude);
    let width = km * 1000.0 * px_per_m;
    let left = pos2(rect.left() + 16.0, rect.bottom() - 18.0);
    let right = left + Vec2::new(width, 0.0);
    let back = Rect::from_min_max(left - Vec2::new(6.0, 22.0), right + Vec2::new(6.0, 8.0));
    painter.rect_filled(
        back,
        3.0,
        Color32::from_rgba_unmultiplied(255, 255, 255, 200),
    );
    let stroke = Stroke::new(2.0, Color32::from_gray(30));
    painter.line_segment([left, right], stroke);
    painter.line_segment([left, left - Vec2::new(0.0, 6.0)], stroke);
    painter.line_segment([right, right - Vec2::new(0.0, 6.0)], stroke);
    let label = if km >= 1.0 {
        format!("{km:.0} km")
    } else {
        format!("{:.0} m", km * 1000.0)
    };
    painter.text(
        pos2((left.x + right.x) / 2.0, left.y - 4.0),
        Align2::CENTER_BOTTOM,
        label,
        FontId::proportional(12.0),
        Color32::from_gray(30),
    );
}

/// One entry of the legend.
pub enum LegendKey {
    /// A filled swatch.
    Fill(Color32, Color32),
    /// A line.
    Line(Color32, f32),
    /// A dot.
    Dot(Color32),
}

/// Row height of the map's key boxes (the layer legend and the rule overlays' key).
pub const KEY_ROW: f32 = 18.0;

/// Draws a key box: the white panel `back`, then one row per entry from `first_row_top`, each
/// with its swatch (drawn by `swatch` into a 22×11 rect) and its text. The layer legend and
/// the rule overlays' key share it, so they look alike.
pub fn paint_key_box<K>(
    painter: &Painter,
    back: Rect,
    first_row_top: f32,
    entries: &[(K, &str)],
    mut swatch: impl FnMut(Rect, &K),
) {
    painter.rect(
        back,
        4.0,
        Color32::from_rgba_unmultiplied(255, 255, 255, 225),
        Stroke::new(1.0, Color32::from_gray(170)),
        egui::StrokeKind::Inside,
    );
    for (i, (key, text)) in entries.iter().enumerate() {
        let y = first_row_top + KEY_ROW * (i as f32 + 0.5);
        swatch(
            Rect::from_center_size(pos2(back.left() + 20.0, y), Vec2::new(22.0, 11.0)),
            key,
        );
        painter.text(
            pos2(back.left() + 38.0, y),
            Align2::LEFT_CENTER,
            *text,
            FontId::proportional(12.5),
            Color32::from_gray(25),
        );
    }
}

/// Draws the legend at the bottom left of `rect`, above the scale bar.
pub fn paint_legend(painter: &Painter, rect: Rect, entries: &[(LegendKey, &str)]) {
    if entries.is_empty() {
        return;
    }
    let height = KEY_ROW * entries.len() as f32 + 12.0;
    let min = pos2(rect.left() + 10.0, rect.bottom() - 50.0 - height);
    let back = Rect::from_min_size(min, Vec2::new(190.0, height));
    paint_key_box(
        painter,
        back,
        min.y + 6.0,
        entries,
        |swatch, key| match key {
            LegendKey::Fill(fill, edge) => {
                painter.rect(
                    swatch,
                    1.0,
                    *fill,
                    Stroke::new(1.0, *edge),
                    egui::StrokeKind::Inside,
                );
            }
            LegendKey::Line(c, w) => {
                painter.line_segment(
                    [swatch.left_center(), swatch.right_center()],
                    Stroke::new(*w, *c),
                );
            }
            LegendKey::Dot(c) => {
                painter.circle(swatch.center(), 3.0, *c, Stroke::new(1.0, Color32::WHITE));
            }
        },
    );
}

/// The legend of the bundled layers that are shown (a presentation step may hide some).
pub fn base_legend(layers: LayerVisibility) -> Vec<(LegendKey, &'static str)> {
    let entries = [
        (
            layers.countries,
            LegendKey::Fill(color(style::HOST_FILL), color(style::BORDER)),
            "Ukraine",
        ),
        (
            layers.countries && layers.guarantors,
            LegendKey::Fill(color(style::GUARANTOR_FILL), color(style::BORDER)),
            "Guarantor states",
        ),
        (
            layers.countries,
            LegendKey::Fill(color(style::ADVERSARY_FILL), color(style::BORDER)),
            "Russia, Belarus",
        ),
        (
            layers.occupied,
            LegendKey::Fill(color(style::OCCUPIED_FILL), color(style::OCCUPIED_EDGE)),
            "Occupied area",
        ),
        (
            layers.front_line,
            LegendKey::Line(color(style::FRONT_LINE), style::FRONT_LINE_WIDTH),
            "Front line",
        ),
        (
            layers.oblasts,
            LegendKey::Line(color(style::DONBAS_LINE), style::DONBAS_WIDTH),
            "Donetsk, Luhansk",
        ),
        (
            layers.oblasts,
            LegendKey::Line(color(style::OBLAST_LINE), 1.0),
            "Oblast boundary",
        ),
        (layers.cities, LegendKey::Dot(color(style::CITY)), "City"),
    ];
    entries
        .into_iter()
        .filter(|(shown, _, _)| *shown)
        .map(|(_, key, text)| (key, text))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(layers: LayerVisibility) -> Vec<&'static str> {
        base_legend(layers).into_iter().map(|(_, t)| t).collect()
    }

    #[test]
    fn the_legend_lists_only_the_layers_shown() {
        let all = LayerVisibility::default();
        assert_eq!(texts(all).len(), 8);
        let no_oblasts = LayerVisibility {
            oblasts: false,
            cities: false,
            ..all
        };
        let shown = texts(no_oblasts);
        assert!(!shown.contains(&"Oblast boundary"), "{shown:?}");
        assert!(!shown.contains(&"Donetsk, Luhansk"), "{shown:?}");
        assert!(!shown.contains(&"City"), "{shown:?}");
        assert!(shown.contains(&"Front line"), "{shown:?}");
    }
}
