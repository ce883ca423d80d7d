//! The one font of every export: egui's Ubuntu-Light, embedded in the binary. Drawing with it
//! (through usvg's font database, which holds nothing else) and measuring with it (for label
//! placement and caption wrapping) keeps the output the same on every machine, whatever fonts
//! are installed.

use std::sync::{Arc, OnceLock};
use usvg::fontdb;

/// The embedded font and what it measures.
pub struct ExportFont {
    /// A font database holding only the embedded font.
    pub db: Arc<fontdb::Database>,
    /// Its family name, to write into SVG `font-family`.
    pub family: String,
    face: Option<ttf_parser::Face<'static>>,
    units_per_em: f32,
    ascender: f32,
    descender: f32,
}

static FONT: OnceLock<ExportFont> = OnceLock::new();

/// The export font, loaded on first use.
pub fn font() -> &'static ExportFont {
    FONT.get_or_init(|| {
        let data: &'static [u8] = epaint_default_fonts::UBUNTU_LIGHT;
        let mut db = fontdb::Database::new();
        db.load_font_data(data.to_vec());
        let family = db
            .faces()
            .next()
            .and_then(|f| f.families.first())
            .map_or_else(|| "Ubuntu".to_owned(), |(name, _)| name.clone());
        let face = ttf_parser::Face::parse(data, 0).ok();
        let units_per_em = face
            .as_ref()
            .map_or(1000.0, |f| f32::from(f.units_per_em()));
        let ascender = face.as_ref().map_or(800.0, |f| f32::from(f.ascender()));
        let descender = face.as_ref().map_or(-200.0, |f| f32::from(f.descender()));
        ExportFont {
            db: Arc::new(db),
            family,
            face,
            units_per_em,
            ascender,
            descender,
        }
    })
}

impl ExportFont {
    /// The advance width of `text` at `size` px (without kerning, which moves a glyph by a
    /// fraction of a pixel: label boxes have a margin for it).
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let Some(face) = &self.face else {
            return text.chars().count() as f32 * size * 0.5;
        };
        let units: f32 = text
            .chars()
            .map(|c| {
                face.glyph_index(c)
                    .and_then(|g| face.glyph_hor_advance(g))
                    .map_or(self.units_per_em * 0.5, f32::from)
            })
            .sum();
        units * size / self.units_per_em
    }

    /// Height of a line of text at `size` px: ascender to descender.
    pub fn line_height(&self, size: f32) -> f32 {
        (self.ascender - self.descender) * size / self.units_per_em
    }

    /// Distance from the top of a line to its baseline at `size` px.
    pub fn ascent(&self, size: f32) -> f32 {
        self.ascender * size / self.units_per_em
    }

    /// Whether the font draws `c` (the rest would come out as empty boxes).
    pub fn has_glyph(&self, c: char) -> bool {
        self.face
            .as_ref()
            .is_some_and(|f| f.glyph_index(c).is_some())
    }

    /// Splits `text` into lines no wider than `max_width` at `size` px, breaking at spaces (a
    /// single word wider than the line stays whole).
    pub fn wrap(&self, text: &str, size: f32, max_width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        for word in text.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if !line.is_empty() && self.width(&candidate, size) > max_width {
                lines.push(std::mem::replace(&mut line, word.to_owned()));
            } else {
                line = candidate;
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_font_loads_and_measures() {
        let f = font();
        assert_eq!(f.db.len(), 1);
        assert!(f.family.starts_with("Ubuntu"), "{}", f.family);
        let w = f.width("Kyiv", 12.5);
        assert!(w > 15.0 && w < 35.0, "{w}");
        assert!(f.width("Kyiv Kyiv", 12.5) > 2.0 * w);
        assert!(f.line_height(10.0) > 10.0 && f.line_height(10.0) < 14.0);
        for c in "Zaporizhzhia “Ø” – Київ".chars() {
            assert!(f.has_glyph(c), "{c}");
        }
    }

    #[test]
    fn wrapping_keeps_lines_within_width_and_words_whole() {
        let f = font();
        let text = "Any provisional demarcation would have to refer to the current front line";
        let lines = f.wrap(text, 14.0, 200.0);
        assert!(lines.len() >= 3, "{lines:?}");
        assert!(lines.iter().all(|l| f.width(l, 14.0) <= 200.0));
        assert_eq!(lines.join(" "), text);
        assert_eq!(f.wrap("Supercalifragilistic", 14.0, 10.0).len(), 1);
        assert!(f.wrap("   ", 14.0, 100.0).is_empty());
    }
}
