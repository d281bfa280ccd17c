//! The PDF export: A4 pages of real, searchable text in an embedded Unicode font, laid out by
//! [`layout`] (wrapping, page breaks, tables that continue with their header repeated), charts
//! drawn as vector paths by [`chart`], a running header and "Page n of m" footer on every page.
//!
//! Written with `pdf-writer` (a low-level, pure-Rust PDF object writer) and `subsetter` (font
//! subsetting for PDF): no layout crate fitted a record export with charts without pulling in a
//! browser engine or a large font-shaping stack, and owning the layout keeps page breaks and
//! table continuation under our control.

mod chart;
mod font;
pub(crate) mod image;
mod layout;
pub(crate) mod wallet;

use pdf_writer::types::PageMode;
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

use super::document::Document;
use crate::Result;
use font::{Font, Weight};
use layout::{Bookmark, Layout};

/// A4 in points.
const PAGE_WIDTH: f32 = 595.28;
const PAGE_HEIGHT: f32 = 841.89;
/// Left and right margin.
const MARGIN_X: f32 = 56.0;
/// Top margin (the running header sits inside it).
const MARGIN_TOP: f32 = 68.0;
/// Bottom margin (the footer sits inside it).
const MARGIN_BOTTOM: f32 = 62.0;

/// An RGB colour, components 0–1.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Rgb(pub f32, pub f32, pub f32);

/// Body text.
const INK: Rgb = Rgb(0.12, 0.13, 0.15);
/// Secondary text: labels, header, footer.
const MUTED: Rgb = Rgb(0.40, 0.42, 0.46);
/// Headings and the chart's line.
const ACCENT: Rgb = Rgb(0.07, 0.33, 0.42);
/// Rules and table borders.
const RULE: Rgb = Rgb(0.78, 0.80, 0.83);

/// Renders a document as PDF bytes.
pub(crate) fn render(doc: &Document) -> Result<Vec<u8>> {
    let mut layout = Layout::new();
    layout.title(&doc.title, &doc.subtitle);
    for block in &doc.blocks {
        layout.block(block);
    }
    let (pages, mut fonts, bookmarks, images) = layout.finish();
    let total = pages.len();
    let pages: Vec<Vec<u8>> = pages
        .into_iter()
        .enumerate()
        .map(|(i, mut content)| {
            decorate(&mut content, &mut fonts, doc, i + 1, total);
            content.finish().into_vec()
        })
        .collect();
    assemble(&doc.title, pages, &fonts, &bookmarks, &images)
}

/// The running header and the footer with page numbers, drawn once the page count is known.
fn decorate(content: &mut Content, fonts: &mut [Font; 2], doc: &Document, page: usize, total: usize) {
    let top = PAGE_HEIGHT - 40.0;
    let right = PAGE_WIDTH - MARGIN_X;
    let notice = &doc.running.header;
    let notice_width = fonts[0].width(notice, 8.0);
    let max_title = right - MARGIN_X - notice_width - 24.0;
    let title = layout::fit(&fonts[0], &doc.title, 8.0, max_title);
    text(content, &mut fonts[0], MARGIN_X, top, 8.0, MUTED, &title);
    if !notice.is_empty() {
        text(content, &mut fonts[0], right - notice_width, top, 8.0, MUTED, notice);
    }
    rule(content, MARGIN_X, top - 6.0, right, 0.5);

    let bottom = 34.0;
    rule(content, MARGIN_X, bottom + 12.0, right, 0.5);
    let numbers = format!("Page {page} of {total}");
    let w = fonts[0].width(&numbers, 8.0);
    let footer = layout::fit(&fonts[0], &doc.running.footer, 8.0, right - MARGIN_X - w - 24.0);
    if !footer.is_empty() {
        text(content, &mut fonts[0], MARGIN_X, bottom, 8.0, MUTED, &footer);
    }
    text(content, &mut fonts[0], right - w, bottom, 8.0, MUTED, &numbers);
}

/// Draws one line of text with its baseline at (`x`, `y`).
fn text(content: &mut Content, font: &mut Font, x: f32, y: f32, size: f32, color: Rgb, s: &str) {
    let encoded = font.encode(s);
    content
        .begin_text()
        .set_font(Name(font.resource), size)
        .set_fill_rgb(color.0, color.1, color.2)
        .next_line(x, y)
        .show(Str(&encoded))
        .end_text();
}

/// A horizontal rule.
fn rule(content: &mut Content, x0: f32, y: f32, x1: f32, width: f32) {
    content.set_stroke_rgb(RULE.0, RULE.1, RULE.2).set_line_width(width).move_to(x0, y).line_to(x1, y).stroke();
}

/// A filled rectangle.
fn fill_rect(content: &mut Content, x: f32, y: f32, w: f32, h: f32, color: Rgb) {
    content.set_fill_rgb(color.0, color.1, color.2).rect(x, y, w, h).fill_nonzero();
}

/// Compresses a stream.
fn deflate(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(data, 6)
}

/// Writes the catalog, page tree, pages, fonts, the outline (a bookmark per section) and the
/// document information.
fn assemble(
    title: &str,
    pages: Vec<Vec<u8>>,
    fonts: &[Font; 2],
    bookmarks: &[Bookmark],
    images: &layout::Images,
) -> Result<Vec<u8>> {
    let mut next_id = 1;
    let mut alloc = || {
        let r = Ref::new(next_id);
        next_id += 1;
        r
    };
    let (catalog, tree, info) = (alloc(), alloc(), alloc());
    let font_refs = [alloc(), alloc()];
    let page_refs: Vec<(Ref, Ref)> = pages.iter().map(|_| (alloc(), alloc())).collect();
    // Each photo, and its soft mask when it has transparency.
    let image_refs: Vec<(Ref, Option<Ref>)> =
        images.list.iter().map(|i| (alloc(), i.alpha.as_ref().map(|_| alloc()))).collect();
    let outline = alloc();
    let items: Vec<Ref> = bookmarks.iter().map(|_| alloc()).collect();

    let mut pdf = Pdf::new();
    pdf.set_version(1, 7);
    let mut cat = pdf.catalog(catalog);
    cat.pages(tree);
    if !items.is_empty() {
        cat.outlines(outline).page_mode(PageMode::UseOutlines);
    }
    cat.finish();
    if let (Some(first), Some(last)) = (items.first(), items.last()) {
        pdf.outline(outline).first(*first).last(*last).count(i32::try_from(items.len()).unwrap_or(i32::MAX));
    }
    for (i, (mark, item)) in bookmarks.iter().zip(&items).enumerate() {
        let mut entry = pdf.outline_item(*item);
        entry.title(TextStr(&mark.title)).parent(outline);
        if let Some(prev) = i.checked_sub(1).and_then(|p| items.get(p)) {
            entry.prev(*prev);
        }
        if let Some(next) = items.get(i + 1) {
            entry.next(*next);
        }
        if let Some((page, _)) = page_refs.get(mark.page) {
            entry.dest().page(*page).xyz(MARGIN_X, mark.top + 4.0, None);
        }
    }
    pdf.pages(tree).kids(page_refs.iter().map(|(p, _)| *p)).count(i32::try_from(pages.len()).unwrap_or(i32::MAX));
    for (index, ((page_ref, content_ref), content)) in page_refs.iter().zip(&pages).enumerate() {
        let mut page = pdf.page(*page_ref);
        page.parent(tree).media_box(Rect::new(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT)).contents(*content_ref);
        let mut resources = page.resources();
        let mut font_dict = resources.fonts();
        for (font, r) in fonts.iter().zip(font_refs) {
            font_dict.pair(Name(font.resource), r);
        }
        font_dict.finish();
        let used = images.on_page.get(index).map(Vec::as_slice).unwrap_or_default();
        if !used.is_empty() {
            let mut x_objects = resources.x_objects();
            for &i in used {
                x_objects.pair(Name(layout::image_name(i).as_bytes()), image_refs[i].0);
            }
            x_objects.finish();
        }
        resources.finish();
        page.finish();
        pdf.stream(*content_ref, &deflate(content)).filter(Filter::FlateDecode);
    }
    for (image, (r, mask)) in images.list.iter().zip(&image_refs) {
        let mut x = pdf.image_xobject(*r, &image.data);
        x.filter(if image.jpeg { Filter::DctDecode } else { Filter::FlateDecode });
        x.width(i32::try_from(image.width).unwrap_or(i32::MAX));
        x.height(i32::try_from(image.height).unwrap_or(i32::MAX));
        if image.components == 1 {
            x.color_space().device_gray();
        } else {
            x.color_space().device_rgb();
        }
        x.bits_per_component(8);
        if let Some(mask) = mask {
            x.s_mask(*mask);
        }
        x.finish();
        if let (Some(mask), Some(alpha)) = (mask, &image.alpha) {
            let mut m = pdf.image_xobject(*mask, alpha);
            m.filter(Filter::FlateDecode);
            m.width(i32::try_from(image.width).unwrap_or(i32::MAX));
            m.height(i32::try_from(image.height).unwrap_or(i32::MAX));
            m.color_space().device_gray();
            m.bits_per_component(8);
            m.finish();
        }
    }
    let mut chunk = pdf_writer::Chunk::new();
    for (font, r) in fonts.iter().zip(font_refs) {
        font.write(&mut chunk, r, &mut alloc)?;
    }
    pdf.extend(&chunk);
    pdf.document_info(info).title(TextStr(title)).producer(TextStr(concat!("Wellkept ", env!("CARGO_PKG_VERSION"))));
    Ok(pdf.finish())
}

/// Both fonts, regular first.
fn load_fonts() -> [Font; 2] {
    [Font::load(Weight::Regular), Font::load(Weight::Bold)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::document::{Block, Table};

    fn shows(content: &[u8]) -> usize {
        content.windows(3).filter(|w| w == b"Tj\n").count()
    }

    #[test]
    fn a_cell_taller_than_a_page_continues_on_the_next_pages_with_the_header_repeated() {
        let tall: String = (1..=150).map(|i| format!("line {i}")).collect::<Vec<_>>().join("\n");
        let table = Table {
            columns: vec![("Day".into(), 1.0), ("What was said".into(), 4.0)],
            rows: vec![vec!["2026-10-01".into(), tall], vec!["2026-10-02".into(), "short".into()]],
        };
        let mut layout = Layout::new();
        layout.block(&Block::Table(table));
        let (pages, _, _, _) = layout.finish();
        assert!(pages.len() >= 3, "150 lines need several pages ({})", pages.len());
        let pages: Vec<Vec<u8>> = pages.into_iter().map(|c| c.finish().into_vec()).collect();
        // Every line of the cell, the day, the second row, and the two header cells on each page.
        let drawn: usize = pages.iter().map(|p| shows(p)).sum();
        assert_eq!(drawn, 150 + 1 + 2 + 2 * pages.len());
    }

    #[test]
    fn a_whole_document_renders_to_a_pdf_with_numbered_pages() {
        let mut doc = Document::new("Ünïcödé title", vec!["sub".into()]);
        for i in 0..60 {
            if i % 20 == 0 {
                doc.heading(1, format!("Section {i}"));
            }
            doc.heading(2, format!("Heading {i}"));
            doc.paragraph("Some words that wrap. ".repeat(12));
        }
        let pdf = render(&doc).expect("render");
        assert!(pdf.starts_with(b"%PDF-1.7"));
        assert!(String::from_utf8_lossy(&pdf[pdf.len() - 8..]).contains("%%EOF"));
        let count = |needle: &[u8]| pdf.windows(needle.len()).filter(|w| *w == needle).count();
        // "/Type /Page" also matches the page tree's "/Type /Pages".
        let pages = count(b"/Type /Page") - count(b"/Type /Pages");
        assert!(pages >= 5, "{pages}");
        assert_eq!(count(b"/Type /Pages"), 1);
        assert_eq!(count(b"/Outlines"), 2, "the catalog points at the outline (and its /Type)");
        assert_eq!(count(b"/Dest ["), 3, "one bookmark per section");
    }
}
