//! Shared by the picture tests: the same display list drawn through both backends into RGBA
//! images, and an image comparison with a tolerance.
//!
//! The window backend (`ui::picture`) is drawn for real: its egui shapes are tessellated by
//! egui, exactly as the window's renderer receives them, and the triangles are rasterised here
//! on the CPU (vertex colours, the font atlas, clip rectangles, premultiplied blending in gamma
//! space, as egui's renderers do). No GPU and no display are needed, so the tests run anywhere
//! CI does.

use armistice::scene::picture::Picture;
use armistice::scene::view::View;
use egui::epaint::{ClippedPrimitive, Primitive};
use egui::{Color32, ColorImage, TextureId};
use std::collections::HashMap;
use std::path::PathBuf;

/// `picture` drawn through the SVG backend and rasterised by resvg.
pub fn export_pixmap(picture: &Picture<'_>, view: &View, size: (u32, u32)) -> tiny_skia::Pixmap {
    let svg = armistice::export::svg::picture_svg(picture, view, size);
    armistice::export::output::rasterize(&svg).expect("the SVG backend's drawing rasterises")
}

/// `picture` drawn through the window's backend (egui shapes, tessellated by egui) and
/// rasterised on the CPU.
pub fn window_pixmap(picture: &Picture<'_>, view: &View, size: (u32, u32)) -> tiny_skia::Pixmap {
    let ctx = egui::Context::default();
    let input = || egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(size.0 as f32, size.1 as f32),
        )),
        ..Default::default()
    };
    let mut textures: HashMap<TextureId, ColorImage> = HashMap::new();
    let mut output = None;
    // Two passes: the first lays out every label (and fills the font atlas).
    for _ in 0..2 {
        let mut out = ctx.run_ui(input(), |ui| {
            let painter = ui.painter().with_clip_rect(ui.max_rect());
            armistice::ui::picture::paint_picture(&painter, picture, view);
        });
        for (id, deltas) in &out.textures_delta.set {
            for delta in deltas {
                apply_delta(&mut textures, *id, delta);
            }
        }
        // Handled: egui checks that a renderer took every texture update.
        out.textures_delta.clear();
        output = Some(out);
    }
    let output = output.expect("a pass ran");
    let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
    rasterise(&primitives, &textures, size)
}

/// Applies one texture update (the whole image, or a patch of it).
fn apply_delta(
    textures: &mut HashMap<TextureId, ColorImage>,
    id: TextureId,
    delta: &egui::epaint::ImageDelta,
) {
    let egui::ImageData::Color(image) = &delta.image;
    match delta.pos {
        None => {
            textures.insert(id, (**image).clone());
        }
        Some([x0, y0]) => {
            if let Some(target) = textures.get_mut(&id) {
                for y in 0..image.size[1] {
                    for x in 0..image.size[0] {
                        let (tx, ty) = (x0 + x, y0 + y);
                        if tx < target.size[0] && ty < target.size[1] {
                            target.pixels[ty * target.size[0] + tx] =
                                image.pixels[y * image.size[0] + x];
                        }
                    }
                }
            }
        }
    }
}

fn edge(a: [f32; 2], b: [f32; 2], p: [f32; 2]) -> f32 {
    (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0])
}

/// Whether a pixel exactly on edge `a`→`b` belongs to the triangle (the top-left rule), so that
/// triangles sharing an edge cover each pixel once.
fn owns_edge(a: [f32; 2], b: [f32; 2]) -> bool {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    dy > 0.0 || (dy == 0.0 && dx < 0.0)
}

fn rasterise(
    primitives: &[ClippedPrimitive],
    textures: &HashMap<TextureId, ColorImage>,
    size: (u32, u32),
) -> tiny_skia::Pixmap {
    let (w, h) = (size.0 as usize, size.1 as usize);
    let mut fb = vec![[0.0_f32; 4]; w * h];
    for clipped in primitives {
        let Primitive::Mesh(mesh) = &clipped.primitive else {
            continue;
        };
        let texture = textures.get(&mesh.texture_id);
        let clip = clipped.clip_rect;
        let sample = |uv: [f32; 2]| -> [f32; 4] {
            let Some(t) = texture else {
                return [1.0; 4];
            };
            let x = ((uv[0] * t.size[0] as f32) as usize).min(t.size[0] - 1);
            let y = ((uv[1] * t.size[1] as f32) as usize).min(t.size[1] - 1);
            let c: Color32 = t.pixels[y * t.size[0] + x];
            [c.r(), c.g(), c.b(), c.a()].map(|v| f32::from(v) / 255.0)
        };
        for tri in mesh.indices.chunks_exact(3) {
            let [Some(a), Some(b), Some(c)] = [
                mesh.vertices.get(tri[0] as usize),
                mesh.vertices.get(tri[1] as usize),
                mesh.vertices.get(tri[2] as usize),
            ] else {
                continue;
            };
            let (mut va, mut vb, vc) = (a, b, c);
            let (pa, pb, pc) = (
                [va.pos.x, va.pos.y],
                [vb.pos.x, vb.pos.y],
                [vc.pos.x, vc.pos.y],
            );
            let mut area = edge(pa, pb, pc);
            if area.abs() < 1e-9 {
                continue;
            }
            let (mut pa, mut pb) = (pa, pb);
            if area < 0.0 {
                std::mem::swap(&mut va, &mut vb);
                std::mem::swap(&mut pa, &mut pb);
                area = -area;
            }
            let min_x = pa[0].min(pb[0]).min(pc[0]).max(clip.min.x).max(0.0).floor() as usize;
            let max_x = (pa[0]
                .max(pb[0])
                .max(pc[0])
                .min(clip.max.x)
                .min(w as f32)
                .ceil() as usize)
                .min(w);
            let min_y = pa[1].min(pb[1]).min(pc[1]).max(clip.min.y).max(0.0).floor() as usize;
            let max_y = (pa[1]
                .max(pb[1])
                .max(pc[1])
                .min(clip.max.y)
                .min(h as f32)
                .ceil() as usize)
                .min(h);
            let colour = |v: &egui::epaint::Vertex| {
                let c = v.color;
                [c.r(), c.g(), c.b(), c.a()].map(|x| f32::from(x) / 255.0)
            };
            let (ca, cb, cc) = (colour(va), colour(vb), colour(vc));
            for y in min_y..max_y {
                for x in min_x..max_x {
                    let p = [x as f32 + 0.5, y as f32 + 0.5];
                    if !(clip.min.x <= p[0]
                        && p[0] < clip.max.x
                        && clip.min.y <= p[1]
                        && p[1] < clip.max.y)
                    {
                        continue;
                    }
                    let e0 = edge(pb, pc, p);
                    let e1 = edge(pc, pa, p);
                    let e2 = edge(pa, pb, p);
                    let inside =
                        |e: f32, a: [f32; 2], b: [f32; 2]| e > 0.0 || (e == 0.0 && owns_edge(a, b));
                    if !(inside(e0, pb, pc) && inside(e1, pc, pa) && inside(e2, pa, pb)) {
                        continue;
                    }
                    let (w0, w1, w2) = (e0 / area, e1 / area, e2 / area);
                    let uv = [
                        va.uv.x * w0 + vb.uv.x * w1 + vc.uv.x * w2,
                        va.uv.y * w0 + vb.uv.y * w1 + vc.uv.y * w2,
                    ];
                    let t = sample(uv);
                    let mut src = [0.0; 4];
                    for k in 0..4 {
                        src[k] = (ca[k] * w0 + cb[k] * w1 + cc[k] * w2) * t[k];
                    }
                    let dst = &mut fb[y * w + x];
                    for k in 0..4 {
                        dst[k] = src[k] + dst[k] * (1.0 - src[3]);
                    }
                }
            }
        }
    }
    let data: Vec<u8> = fb
        .iter()
        .flat_map(|p| p.map(|v| (v.clamp(0.0, 1.0) * 255.0).round() as u8))
        .collect();
    tiny_skia::Pixmap::from_vec(
        data,
        tiny_skia::IntSize::from_wh(size.0, size.1).expect("a size"),
    )
    .expect("an image")
}

/// Share of pixels differing in any channel by more than `tolerance` (0–255).
pub fn changed_share(a: &tiny_skia::Pixmap, b: &tiny_skia::Pixmap, tolerance: u8) -> f64 {
    assert_eq!(
        (a.width(), a.height()),
        (b.width(), b.height()),
        "size changed"
    );
    let changed = a
        .pixels()
        .iter()
        .zip(b.pixels())
        .filter(|(p, q)| {
            [
                p.red().abs_diff(q.red()),
                p.green().abs_diff(q.green()),
                p.blue().abs_diff(q.blue()),
                p.alpha().abs_diff(q.alpha()),
            ]
            .into_iter()
            .any(|d| d > tolerance)
        })
        .count();
    changed as f64 / a.pixels().len() as f64
}

/// Share of pixels of `a` that no pixel of `b` within `radius` pixels matches within
/// `tolerance` in every channel: a comparison that forgives what moved by a pixel (the glyphs of
/// egui's atlas against resvg's outlines, egui's one-pixel feathering) but not what is missing,
/// added or recoloured.
pub fn unmatched_share(
    a: &tiny_skia::Pixmap,
    b: &tiny_skia::Pixmap,
    tolerance: u8,
    radius: i64,
) -> f64 {
    assert_eq!(
        (a.width(), a.height()),
        (b.width(), b.height()),
        "size changed"
    );
    let (w, h) = (i64::from(a.width()), i64::from(a.height()));
    let (pa, pb) = (a.pixels(), b.pixels());
    let close = |p: &tiny_skia::PremultipliedColorU8, q: &tiny_skia::PremultipliedColorU8| {
        p.red().abs_diff(q.red()) <= tolerance
            && p.green().abs_diff(q.green()) <= tolerance
            && p.blue().abs_diff(q.blue()) <= tolerance
            && p.alpha().abs_diff(q.alpha()) <= tolerance
    };
    let mut unmatched = 0usize;
    for y in 0..h {
        for x in 0..w {
            let p = &pa[(y * w + x) as usize];
            let matched = (-radius..=radius).any(|dy| {
                (-radius..=radius).any(|dx| {
                    let (qx, qy) = (x + dx, y + dy);
                    qx >= 0 && qy >= 0 && qx < w && qy < h && close(p, &pb[(qy * w + qx) as usize])
                })
            });
            if !matched {
                unmatched += 1;
            }
        }
    }
    unmatched as f64 / pa.len() as f64
}

/// The committed reference image `name` under tests/snapshots.
pub fn reference_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(name)
}

/// Compares `actual` with the reference image `name` (more than `max_share` of pixels off by
/// more than `tolerance` fails, and writes `NAME.actual.png` beside it).
/// `ARMISTICE_UPDATE_SNAPSHOTS=1` rewrites the reference after an intended change.
pub fn assert_matches_reference(
    actual: &tiny_skia::Pixmap,
    name: &str,
    tolerance: u8,
    max_share: f64,
) {
    let reference = reference_path(name);
    let actual_path = reference.with_extension("actual.png");
    let png = actual.encode_png().expect("encodes");
    if std::env::var("ARMISTICE_UPDATE_SNAPSHOTS").is_ok_and(|v| v == "1") {
        std::fs::create_dir_all(reference.parent().expect("folder")).expect("snapshot folder");
        std::fs::write(&reference, &png).expect("writes the reference");
        let _ = std::fs::remove_file(&actual_path);
        return;
    }
    let expected = std::fs::read(&reference).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run ARMISTICE_UPDATE_SNAPSHOTS=1 cargo test --test snapshot to create it",
            reference.display()
        )
    });
    let expected = tiny_skia::Pixmap::decode_png(&expected).expect("a PNG");
    let share = changed_share(actual, &expected, tolerance);
    if share > max_share {
        std::fs::write(&actual_path, &png).expect("writes the actual image");
        panic!(
            "{:.2} % of pixels differ from {} (at most {:.2} % may); the actual image is {}",
            share * 100.0,
            reference.display(),
            max_share * 100.0,
            actual_path.display()
        );
    }
    let _ = std::fs::remove_file(&actual_path);
}
