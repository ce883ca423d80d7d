//! The one font of the map picture: egui's Ubuntu-Light, embedded in the binary. The layout
//! measures every label with it (placement, caption wrapping), the window draws with egui's copy
//! of the same face, and the export draws with it through usvg's font database (which holds
//! nothing else), so every output is the same on every machine, whatever fonts are installed.

use std::sync::{Arc, OnceLock};
use usvg::fontdb;

/// The embedded font and what it measures.
pub struct ExportFont {
    /// A font database holding only the embedded font.
    pub db: Arc<fontdb::Database>,
    /// Its family name, to write into SVG `font-family`.
    pub family: String,
    /// The font file itself (for `@font-face` in exported SVG).
    pub data: &'static [u8],
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
            data,
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
    /// single word wider than the line stays whole). Unbounded: see [`Self::wrap_bounded`].
    pub fn wrap(&self, text: &str, size: f32, max_width: f32) -> Vec<String> {
        self.wrap_bounded(text, size, max_width, usize::MAX)
    }

    /// The advance of one character at `size` px.
    fn char_width(&self, c: char, size: f32) -> f32 {
        let Some(face) = &self.face else {
            return size * 0.5;
        };
        face.glyph_index(c)
            .and_then(|g| face.glyph_hor_advance(g))
            .map_or(self.units_per_em * 0.5, f32::from)
            * size
            / self.units_per_em
    }

    /// Splits `text` into at most `max_lines` lines no wider than `max_width` at `size` px:
    /// breaks at spaces; a word wider than a line is broken between characters; when text is
    /// left over, the last line ends in an ellipsis. The work is linear in the text read, and
    /// reading stops once the lines are full, so a caption of a megabyte costs what its first
    /// lines cost.
    pub fn wrap_bounded(
        &self,
        text: &str,
        size: f32,
        max_width: f32,
        max_lines: usize,
    ) -> Vec<String> {
        let max_width = max_width.max(size);
        let space = self.char_width(' ', size);
        let mut lines: Vec<String> = Vec::new();
        let mut line = String::new();
        let mut line_w = 0.0_f32;
        let mut truncated = false;
        'words: for word in text.split_whitespace() {
            // Whether the whole word fits beside what the line holds (measured up to the limit).
            let room = if line.is_empty() {
                max_width
            } else {
                max_width - line_w - space
            };
            let mut w = 0.0;
            let mut fits = true;
            for c in word.chars() {
                w += self.char_width(c, size);
                if w > room.max(max_width) {
                    fits = false;
                    break;
                }
            }
            if fits && w <= room {
                if !line.is_empty() {
                    line.push(' ');
                    line_w += space;
                }
                line.push_str(word);
                line_w += w;
                continue;
            }
            if fits {
                // Fits on a line of its own.
                if lines.len() + 1 >= max_lines {
                    truncated = true;
                    break 'words;
                }
                lines.push(std::mem::replace(&mut line, word.to_owned()));
                line_w = w;
                continue;
            }
            // Wider than a line: break it between characters, after what the line holds.
            if !line.is_empty() {
                if lines.len() + 1 >= max_lines {
                    truncated = true;
                    break 'words;
                }
                lines.push(std::mem::take(&mut line));
                line_w = 0.0;
            }
            for c in word.chars() {
                let cw = self.char_width(c, size);
                if line_w + cw > max_width && !line.is_empty() {
                    if lines.len() + 1 >= max_lines {
                        truncated = true;
                        break 'words;
                    }
                    lines.push(std::mem::take(&mut line));
                    line_w = 0.0;
                }
                line.push(c);
                line_w += cw;
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        if truncated && let Some(last) = lines.last_mut() {
            *last = self.ellipsise(last, size, max_width);
        }
        lines
    }

    /// `text` cut to fit `max_width` at `size` px, ending in an ellipsis where it was cut (or
    /// always, when it was already cut before). Linear in the part of `text` that fits.
    pub fn ellipsise(&self, text: &str, size: f32, max_width: f32) -> String {
        let dots = if self.has_glyph('\u{2026}') {
            "\u{2026}"
        } else {
            "..."
        };
        let room = max_width - self.width(dots, size);
        let mut out = String::new();
        let mut w = 0.0;
        for c in text.chars() {
            w += self.char_width(c, size);
            if w > room {
                break;
            }
            out.push(c);
        }
        let trimmed = out.trim_end().len();
        out.truncate(trimmed);
        out.push_str(dots);
        out
    }

    /// `text` as it fits on one line of `max_width`: whole if it fits, else cut with an ellipsis.
    pub fn fit_line(&self, text: &str, size: f32, max_width: f32) -> String {
        let mut w = 0.0;
        for c in text.chars() {
            w += self.char_width(c, size);
            if w > max_width {
                return self.ellipsise(text, size, max_width);
            }
        }
        text.to_owned()
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
        assert!(f.wrap("   ", 14.0, 100.0).is_empty());
    }

    #[test]
    fn long_words_break_and_long_text_is_cut_with_an_ellipsis() {
        let f = font();
        let word = "x".repeat(200);
        let lines = f.wrap(&word, 14.0, 100.0);
        assert!(lines.len() > 5, "{lines:?}");
        assert!(lines.iter().all(|l| f.width(l, 14.0) <= 100.0));
        assert_eq!(lines.concat(), word);
        // A megabyte of one word, bounded to three lines: fast, and marked as cut.
        let huge = "y".repeat(1 << 20);
        let lines = f.wrap_bounded(&huge, 14.0, 300.0, 3);
        assert_eq!(lines.len(), 3);
        assert!(lines.last().is_some_and(|l| l.ends_with('\u{2026}')));
        assert!(lines.iter().all(|l| f.width(l, 14.0) <= 300.0));
        let text = "one two three four five six seven eight nine ten";
        let lines = f.wrap_bounded(text, 14.0, 60.0, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('\u{2026}'), "{lines:?}");
        assert_eq!(f.fit_line("Kyiv", 12.0, 200.0), "Kyiv");
        assert!(f.width(&f.fit_line(&huge, 12.0, 200.0), 12.0) <= 200.0);
    }
}
