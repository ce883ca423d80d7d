//! The window's backend: translates a [`Picture`] (the one layout of the map, see
//! [`crate::scene::layout`]) into egui shapes. Areas are filled from their cached triangles and
//! outlined from their cached miters into meshes sized once, so a frame only transforms; the
//! rest maps one item to one or a few shapes.

use super::paint::color;
use crate::scene::geometry::{AreaLevel, WorldPoint, WorldRect};
use crate::scene::picture::{Item, Picture, Stroke as PictureStroke, Text};
use crate::scene::style;
use crate::scene::view::{Align, ScreenPoint, ScreenRect, View};
use egui::epaint::{Mesh, Vertex, WHITE_UV};
use egui::{Align2, Color32, FontId, Painter, Pos2, Rect, Shape, Stroke, Vec2, pos2};

/// A screen point as egui's.
pub fn pos(p: ScreenPoint) -> Pos2 {
    pos2(p[0], p[1])
}

/// A screen rectangle as egui's.
pub fn rect(r: ScreenRect) -> Rect {
    Rect::from_min_max(pos(r.min), pos(r.max))
}

/// egui's rectangle as the layout's.
pub fn screen_rect(r: Rect) -> ScreenRect {
    ScreenRect::new([r.min.x, r.min.y], [r.max.x, r.max.y])
}

fn stroke(s: PictureStroke) -> Stroke {
    Stroke::new(s.width, color(s.colour))
}

fn align2(a: (Align, Align)) -> Align2 {
    let h = match a.0 {
        Align::Start => egui::Align::Min,
        Align::Center => egui::Align::Center,
        Align::End => egui::Align::Max,
    };
    let v = match a.1 {
        Align::Start => egui::Align::Min,
        Align::Center => egui::Align::Center,
        Align::End => egui::Align::Max,
    };
    Align2([h, v])
}

/// A stroke drawn from cached miters: colour, width in points, and the width of the
/// anti-aliasing fringe (one physical pixel, as egui's own feathering).
#[derive(Debug, Clone, Copy)]
struct MeshStroke {
    color: Color32,
    width: f32,
    feather: f32,
}

/// Strokes a polyline into `mesh` from its cached miters (see `scene::geometry::miters`): each
/// point is moved along its miter by the half width, so a frame only transforms. Lines at least
/// a pixel wide get a solid core between two feathered edges (four vertices a point); thinner
/// ones a faded centre between two transparent edges (three), as egui's tessellator does.
fn push_stroke(
    mesh: &mut Mesh,
    points: &[WorldPoint],
    miters: &[[f32; 2]],
    view: &View,
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
        let at = view.screen(*p);
        for (offset, color) in offsets.iter().zip(colors) {
            mesh.vertices.push(Vertex {
                pos: Pos2::new(at[0] + m[0] * offset, at[1] + m[1] * offset),
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

/// The rings of `levels` that are on screen and at least 1.5 px across.
fn shown_rings<'l>(
    levels: &'l [&'l AreaLevel],
    view: &View,
) -> impl Iterator<Item = (&'l Vec<WorldPoint>, &'l Vec<[f32; 2]>)> + 'l {
    let visible = view.visible_world(0.0);
    let scale = view.scale as f32;
    let shown = move |b: &WorldRect| -> bool {
        let size_px = (b.max[0] - b.min[0]).max(b.max[1] - b.min[1]) * scale;
        size_px >= 1.5 && b.intersects(&visible)
    };
    levels.iter().flat_map(move |level| {
        level
            .rings
            .iter()
            .zip(&level.ring_miters)
            .zip(&level.ring_bounds)
            .filter(move |(_, b)| shown(b))
            .map(|(ring, _)| ring)
    })
}

/// Paints `picture`, laid out for `view`, with `painter`.
pub fn paint_picture(painter: &Painter, picture: &Picture<'_>, view: &View) {
    let feather = 1.0 / painter.pixels_per_point().max(0.1);
    for item in &picture.items {
        match item {
            Item::Fills(parts) => {
                let (v, i) = parts.iter().fold((0, 0), |(v, i), (l, _)| {
                    (v + l.vertices.len(), i + l.indices.len())
                });
                let mut mesh = Mesh::default();
                mesh.vertices.reserve(v);
                mesh.indices.reserve(i);
                for (level, fill) in parts {
                    let fill = color(*fill);
                    let base = mesh.vertices.len() as u32;
                    mesh.vertices.extend(level.vertices.iter().map(|p| Vertex {
                        pos: pos(view.screen(*p)),
                        uv: WHITE_UV,
                        color: fill,
                    }));
                    mesh.indices.extend(level.indices.iter().map(|i| base + i));
                }
                painter.add(Shape::mesh(mesh));
            }
            Item::Outlines {
                levels,
                stroke: s,
                dash,
            } => match dash {
                None => {
                    let points: usize = shown_rings(levels, view).map(|(r, _)| r.len()).sum();
                    let mut mesh = Mesh::default();
                    mesh.vertices.reserve(points * 4);
                    mesh.indices.reserve(points * 18);
                    let ms = MeshStroke {
                        color: color(s.colour),
                        width: s.width,
                        feather,
                    };
                    for (ring, miters) in shown_rings(levels, view) {
                        push_stroke(&mut mesh, ring, miters, view, ms);
                    }
                    painter.add(Shape::mesh(mesh));
                }
                Some([on, off]) => {
                    for (ring, _) in shown_rings(levels, view) {
                        let pts: Vec<Pos2> = ring.iter().map(|p| pos(view.screen(*p))).collect();
                        painter.add(Shape::dashed_line(&pts, stroke(*s), *on, *off));
                    }
                }
            },
            Item::Line {
                points,
                miters,
                stroke: s,
                dash,
            } => match (miters, dash) {
                (Some(miters), None) => {
                    let mut mesh = Mesh::default();
                    let ms = MeshStroke {
                        color: color(s.colour),
                        width: s.width,
                        feather,
                    };
                    push_stroke(&mut mesh, points, miters, view, ms);
                    painter.add(Shape::mesh(mesh));
                }
                (_, dash) => {
                    let pts: Vec<Pos2> = points.iter().map(|p| pos(view.screen(*p))).collect();
                    match dash {
                        Some([on, off]) => {
                            painter.add(Shape::dashed_line(&pts, stroke(*s), *on, *off));
                        }
                        None => {
                            painter.add(Shape::line(pts, stroke(*s)));
                        }
                    }
                }
            },
            Item::Hatch {
                segments,
                stroke: s,
            } => {
                let clip = rect(view.rect);
                let st = stroke(*s);
                let shapes: Vec<Shape> = segments
                    .iter()
                    .filter_map(|[a, b]| {
                        let (a, b) = (pos(view.screen(*a)), pos(view.screen(*b)));
                        clip.intersects(Rect::from_two_pos(a, b))
                            .then(|| Shape::line_segment([a, b], st))
                    })
                    .collect();
                painter.extend(shapes);
            }
            Item::Path {
                points,
                closed,
                fill,
                stroke: s,
                dash,
            } => {
                let pts: Vec<Pos2> = points.iter().map(|p| pos(*p)).collect();
                let st = s.map_or(Stroke::NONE, stroke);
                match (dash, closed, fill) {
                    (Some([on, off]), _, _) => {
                        let mut pts = pts;
                        if *closed && let Some(first) = pts.first().copied() {
                            pts.push(first);
                        }
                        painter.add(Shape::dashed_line(&pts, st, *on, *off));
                    }
                    (None, true, Some(fill)) => {
                        painter.add(Shape::convex_polygon(pts, color(*fill), st));
                    }
                    (None, true, None) => {
                        painter.add(Shape::closed_line(pts, st));
                    }
                    (None, false, _) => {
                        painter.add(Shape::line(pts, st));
                    }
                }
            }
            Item::Circle {
                centre,
                radius,
                fill,
                stroke: s,
            } => {
                painter.circle(
                    pos(*centre),
                    *radius,
                    fill.map_or(Color32::TRANSPARENT, color),
                    s.map_or(Stroke::NONE, stroke),
                );
            }
            Item::Rect {
                rect: r,
                radius,
                fill,
                stroke: s,
            } => {
                painter.rect(
                    rect(*r),
                    *radius,
                    fill.map_or(Color32::TRANSPARENT, color),
                    s.map_or(Stroke::NONE, stroke),
                    egui::StrokeKind::Inside,
                );
            }
            Item::Text(t) => paint_text(painter, t),
            Item::Symbol(s) => {
                super::symbols::paint_placed(painter, &s.symbol, &s.placement, s.highlighted);
            }
        }
    }
}

/// One line of text at the box the layout measured; a halo as four light copies behind it.
fn paint_text(painter: &Painter, t: &Text) {
    let galley = painter.layout_no_wrap(
        t.text.clone(),
        FontId::proportional(t.size),
        color(t.colour),
    );
    // egui's box for the text, placed as the layout placed its own.
    let at = align2(t.align).anchor_size(pos(t.at), galley.size()).min;
    if t.halo {
        let halo = color(style::HALO);
        for offset in [
            Vec2::new(-1.0, 0.0),
            Vec2::new(1.0, 0.0),
            Vec2::new(0.0, -1.0),
            Vec2::new(0.0, 1.0),
        ] {
            painter.galley_with_override_text_color(at + offset, galley.clone(), halo);
        }
    }
    if t.bold {
        painter.galley(at + Vec2::new(0.6, 0.0), galley.clone(), color(t.colour));
    }
    painter.galley(at, galley, color(t.colour));
}
