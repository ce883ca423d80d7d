//! Paints standard military symbols in the window. Each symbol is rasterised once per size (at
//! the screen's pixel density, so it stays crisp on HiDPI) into a texture atlas kept in egui's
//! memory; a frame only draws textured quads. The symbols and their placement come from
//! [`crate::scene::symbols`], which the export draws from too, so window and export look alike.

use super::paint::color;
use crate::model::sidc::Sidc;
use crate::scene::symbology::Symbol;
use crate::scene::symbols::{self as shapes, SymbolPlacement};
use egui::{Color32, ColorImage, Painter, Pos2, Rect, TextureHandle, TextureOptions, pos2, vec2};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Side of one atlas page, px. A 22 px symbol at 2× density takes about 70 × 60 px, so one
/// page holds a few hundred; more pages are added when one is full.
const PAGE_PX: usize = 1024;

/// Space between packed symbols, px, so linear filtering never bleeds a neighbour in.
const GAP_PX: usize = 2;

/// Where one rasterised symbol is in the atlas.
#[derive(Debug, Clone, Copy)]
struct Slot {
    page: usize,
    uv: Rect,
    /// Its size in device pixels.
    size_px: [usize; 2],
}

/// Symbols rasterised for the window, packed in rows onto texture pages.
#[derive(Default)]
pub struct SymbolAtlas {
    pages: Vec<TextureHandle>,
    /// The free row of the last page: its x, y and height.
    shelf: [usize; 3],
    slots: HashMap<(Sidc, u32), Option<Slot>>,
}

impl SymbolAtlas {
    /// How many symbols (code × size) have been rasterised.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// Whether no symbol has been rasterised yet.
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// The slot of `symbol` at `px_per_unit` device pixels per unit, rasterising it the first
    /// time it is asked for.
    fn slot(&mut self, ctx: &egui::Context, symbol: &Symbol<'_>, px_per_unit: f32) -> Option<Slot> {
        let key = (symbol.drawn, (px_per_unit * 1000.0).round() as u32);
        if let Some(slot) = self.slots.get(&key) {
            return *slot;
        }
        let slot = self.add(ctx, symbol, px_per_unit);
        self.slots.insert(key, slot);
        slot
    }

    fn add(&mut self, ctx: &egui::Context, symbol: &Symbol<'_>, px_per_unit: f32) -> Option<Slot> {
        let pixmap = symbol.rasterise(px_per_unit)?;
        let (w, h) = (pixmap.width() as usize, pixmap.height() as usize);
        if w + GAP_PX > PAGE_PX || h + GAP_PX > PAGE_PX {
            return None;
        }
        let [mut x, mut y, mut row] = self.shelf;
        if x + w + GAP_PX > PAGE_PX {
            (x, y, row) = (0, y + row, 0);
        }
        if self.pages.is_empty() || y + h + GAP_PX > PAGE_PX {
            let blank = ColorImage::filled([PAGE_PX, PAGE_PX], Color32::TRANSPARENT);
            let name = format!("symbol-atlas-{}", self.pages.len());
            self.pages
                .push(ctx.load_texture(name, blank, TextureOptions::LINEAR));
            (x, y, row) = (0, 0, 0);
        }
        let page = self.pages.len() - 1;
        let image = ColorImage::from_rgba_premultiplied([w, h], pixmap.data());
        self.pages
            .get_mut(page)?
            .set_partial([x, y], image, TextureOptions::LINEAR);
        self.shelf = [x + w + GAP_PX, y, row.max(h + GAP_PX)];
        let texel = 1.0 / PAGE_PX as f32;
        Some(Slot {
            page,
            uv: Rect::from_min_size(
                pos2(x as f32 * texel, y as f32 * texel),
                vec2(w as f32 * texel, h as f32 * texel),
            ),
            size_px: [w, h],
        })
    }
}

/// The window's atlas, kept in egui's memory so every painter reaches it.
fn atlas(ctx: &egui::Context) -> Arc<Mutex<SymbolAtlas>> {
    ctx.data_mut(|d| {
        d.get_temp_mut_or_insert_with(egui::Id::unique("symbol-atlas"), || {
            Arc::new(Mutex::new(SymbolAtlas::default()))
        })
        .clone()
    })
}

/// How many symbols the window has rasterised so far (one per code and size).
pub fn rasterised_count(ctx: &egui::Context) -> usize {
    atlas(ctx).lock().map_or(0, |a| a.len())
}

/// Paints `symbol` with its anchor on `at`, its friendly land frame `size` px tall; returns the
/// frame's rectangle (the nation and strength go beside it; clicks hit it).
pub fn paint_symbol(
    painter: &Painter,
    at: Pos2,
    size: f32,
    symbol: &Symbol<'_>,
    highlighted: bool,
) -> Rect {
    let placement = SymbolPlacement::new(symbol, [at.x, at.y], size);
    paint_placed(painter, symbol, &placement, highlighted)
}

/// Paints `symbol` where `placement` puts it (as the layout placed it); returns the frame's
/// rectangle.
pub fn paint_placed(
    painter: &Painter,
    symbol: &Symbol<'_>,
    placement: &SymbolPlacement,
    highlighted: bool,
) -> Rect {
    let [x0, y0, x1, y1] = placement.frame;
    let frame = Rect::from_min_max(pos2(x0, y0), pos2(x1, y1));
    if highlighted {
        painter.rect_filled(frame.expand(4.0), 3.0, color(shapes::HIGHLIGHT));
    }
    let ppp = painter.ctx().pixels_per_point();
    let atlas = atlas(painter.ctx());
    let Ok(mut atlas) = atlas.lock() else {
        return frame;
    };
    let Some(slot) = atlas.slot(painter.ctx(), symbol, placement.px_per_unit * ppp) else {
        return frame;
    };
    let Some(texture) = atlas.pages.get(slot.page) else {
        return frame;
    };
    // Whole device pixels, so the texture maps one texel to one pixel and stays sharp.
    let min = pos2(
        (placement.image[0] * ppp).round() / ppp,
        (placement.image[1] * ppp).round() / ppp,
    );
    let rect = Rect::from_min_size(
        min,
        vec2(slot.size_px[0] as f32 / ppp, slot.size_px[1] as f32 / ppp),
    );
    painter.image(texture.id(), rect, slot.uv, Color32::WHITE);
    frame
}
