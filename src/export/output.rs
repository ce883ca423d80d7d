//! From drawn SVG to the files users get: a self-contained SVG (real text, the embedded font
//! declared by `@font-face`), a PNG (resvg), a PDF of one or more pages (svg2pdf chunks joined
//! with pdf-writer; text stays text, so the deck can be searched and copied from).

use super::ExportError;
use crate::scene::text::font;
use base64::Engine as _;
use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, TextStr};
use std::collections::HashMap;

fn options() -> usvg::Options<'static> {
    let f = font();
    usvg::Options {
        fontdb: f.db.clone(),
        font_family: f.family.clone(),
        ..usvg::Options::default()
    }
}

fn tree(svg: &str) -> Result<usvg::Tree, ExportError> {
    // A character XML forbids (a control character from a name or caption) would make the whole
    // drawing unreadable: each becomes its Control Pictures stand-in (␛) first.
    usvg::Tree::from_str(&crate::escape::xml_chars(svg), &options())
        .map_err(|e| ExportError::Svg(e.to_string()))
}

/// The SVG file users get: the drawing with its text as `<text>` (editable in Inkscape or
/// Illustrator) and the embedded font declared by an `@font-face` rule holding it, so it looks
/// the same in every viewer, with or without that font installed. Checked by reading it back.
pub fn svg_document(svg: &str) -> Result<String, ExportError> {
    tree(svg)?;
    let f = font();
    let data = base64::engine::general_purpose::STANDARD.encode(f.data);
    let style = format!(
        "<defs><style>@font-face {{ font-family: \"{}\"; src: url(data:font/ttf;base64,{data}) format(\"truetype\"); }}</style></defs>\n",
        f.family
    );
    // After the root element's opening tag.
    let at = svg
        .find("<svg")
        .and_then(|start| svg[start..].find('>').map(|end| start + end + 1))
        .ok_or_else(|| ExportError::Svg("no <svg> element".to_owned()))?;
    let mut out = String::with_capacity(svg.len() + style.len() + 1);
    out.push_str(&svg[..at]);
    out.push('\n');
    out.push_str(&style);
    out.push_str(svg[at..].trim_start_matches('\n'));
    Ok(out)
}

/// Rasterises `svg` to an image of its own size in pixels (premultiplied RGBA).
pub fn rasterize(svg: &str) -> Result<tiny_skia::Pixmap, ExportError> {
    let tree = tree(svg)?;
    let size = tree.size().to_int_size();
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or_else(|| ExportError::Png(format!("cannot make a {size:?} image")))?;
    resvg::render(
        &tree,
        tiny_skia::Transform::identity(),
        &mut pixmap.as_mut(),
    );
    Ok(pixmap)
}

/// Rasterises `svg` to a PNG of its own size in pixels.
pub fn png(svg: &str) -> Result<Vec<u8>, ExportError> {
    rasterize(svg)?
        .encode_png()
        .map_err(|e| ExportError::Png(e.to_string()))
}

/// A PDF with one page per SVG (each page the SVG's size in points), reporting
/// `progress(done, total)` after each page.
pub fn pdf_deck(
    pages: impl IntoIterator<Item = String>,
    total: usize,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Vec<u8>, ExportError> {
    let mut alloc = Ref::new(1);
    let catalog_id = alloc.bump();
    let tree_id = alloc.bump();
    let mut pdf = Pdf::new();
    let mut page_ids = Vec::new();
    let xobject_name = Name(b"M");
    for svg in pages {
        let tree = tree(&svg)?;
        let (chunk, svg_id) = svg2pdf::to_chunk(&tree, svg2pdf::ConversionOptions::default())
            .map_err(|e| ExportError::Pdf(e.to_string()))?;
        // Renumber the page's objects into the document (in the chunk's own order, so the
        // numbering is the same on every run).
        let mut map = HashMap::new();
        let chunk = chunk.renumber(|old| *map.entry(old).or_insert_with(|| alloc.bump()));
        let svg_id = map
            .get(&svg_id)
            .copied()
            .ok_or_else(|| ExportError::Pdf("the page's drawing went missing".to_owned()))?;
        let (w, h) = (tree.size().width(), tree.size().height());
        let page_id = alloc.bump();
        let content_id = alloc.bump();
        let mut page = pdf.page(page_id);
        page.media_box(Rect::new(0.0, 0.0, w, h));
        page.parent(tree_id);
        page.contents(content_id);
        page.resources().x_objects().pair(xobject_name, svg_id);
        page.finish();
        let mut content = Content::new();
        content
            .transform([w, 0.0, 0.0, h, 0.0, 0.0])
            .x_object(xobject_name);
        pdf.stream(content_id, &content.finish());
        pdf.extend(&chunk);
        page_ids.push(page_id);
        progress(page_ids.len(), total.max(page_ids.len()));
    }
    if page_ids.is_empty() {
        return Err(ExportError::NoPages);
    }
    pdf.catalog(catalog_id).pages(tree_id);
    pdf.pages(tree_id)
        .count(page_ids.len() as i32)
        .kids(page_ids.iter().copied());
    pdf.document_info(alloc.bump())
        .producer(TextStr(concat!("Armistice ", env!("CARGO_PKG_VERSION"))));
    Ok(sort_resource_dictionaries(pdf.finish()))
}

/// svg2pdf writes the entries of a resource dictionary (graphics states, patterns…) in the order
/// of a `HashMap`, which changes from run to run. Each entry is one line `/Name N 0 R`; sorting
/// the entries of each dictionary in place keeps every byte offset (so the cross-reference table
/// stays right) and makes the file the same on every run.
fn sort_resource_dictionaries(mut pdf: Vec<u8>) -> Vec<u8> {
    let mut i = 0;
    while i < pdf.len() {
        // Stream data (compressed fonts, drawings) is left alone.
        if pdf.get(i..i + 7) == Some(b"stream\n") && i > 0 && pdf.get(i - 1) == Some(&b'\n') {
            i = find(&pdf, i + 7, b"\nendstream").unwrap_or(pdf.len());
            continue;
        }
        // A dictionary opening at the end of a line: "<<\n".
        if pdf.get(i..i + 3) != Some(b"<<\n") {
            i += 1;
            continue;
        }
        let start = i + 3;
        // Its lines up to the first that is not a simple "/Key N 0 R" entry.
        let mut entries: Vec<Vec<u8>> = Vec::new();
        let mut pos = start;
        while let Some(end) = find(&pdf, pos, b"\n") {
            let line = &pdf[pos..end];
            if !is_reference_entry(line) {
                break;
            }
            entries.push(line.to_vec());
            pos = end + 1;
        }
        let closes = pdf
            .get(pos..)
            .is_some_and(|rest| rest.trim_ascii_start().starts_with(b">>"));
        if entries.len() > 1 && closes {
            entries.sort();
            let joined: Vec<u8> = entries.join(&b'\n');
            if let Some(target) = pdf.get_mut(start..start + joined.len()) {
                target.copy_from_slice(&joined);
            }
        }
        i = pos.max(i + 1);
    }
    pdf
}

/// The position of `needle` in `hay` at or after `from`.
fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

/// Whether `line` is `  /Name 12 0 R` (indented).
fn is_reference_entry(line: &[u8]) -> bool {
    let text = match std::str::from_utf8(line) {
        Ok(t) => t.trim_start(),
        Err(_) => return false,
    };
    let mut parts = text.split(' ');
    matches!(
        (parts.next(), parts.next(), parts.next(), parts.next(), parts.next()),
        (Some(name), Some(n), Some("0"), Some("R"), None)
            if name.starts_with('/') && n.bytes().all(|b| b.is_ascii_digit())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resource_entries_are_sorted_in_place() {
        let pdf = b"1 0 obj\n<<\n  /Type /Page\n  /ExtGState <<\n    /g1 9 0 R\n    /g0 12 0 R\n  >>\n>>\nendobj\n".to_vec();
        let sorted = sort_resource_dictionaries(pdf.clone());
        assert_eq!(sorted.len(), pdf.len());
        let text = String::from_utf8(sorted).unwrap();
        assert!(
            text.contains("    /g0 12 0 R\n    /g1 9 0 R\n  >>"),
            "{text}"
        );
        assert!(is_reference_entry(b"    /Im3 40 0 R"));
        assert!(!is_reference_entry(b"  /Type /Page"));
    }
}
