//! Flowing a document onto pages: text wrapped to the column, a new page whenever the next line,
//! row or chart would cross the bottom margin, headings kept with what follows them, and tables
//! that continue on the next page with their header repeated (a cell taller than a page is split
//! between pages line by line, so nothing is ever cut off).

use pdf_writer::Content;

use super::font::Font;
use super::image::PdfImage;
use super::{ACCENT, INK, MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, MUTED, PAGE_HEIGHT, PAGE_WIDTH, Rgb};
use super::{chart, fill_rect, rule, text};
use crate::export::document::{Block, Table};

const BODY: f32 = 9.5;
const LEADING: f32 = 13.5;
const CELL_PAD: f32 = 4.0;
const LABEL_WIDTH: f32 = 130.0;
const CALLOUT_FILL: Rgb = Rgb(1.0, 0.96, 0.86);
const CALLOUT_BAR: Rgb = Rgb(0.85, 0.55, 0.10);
const HEADER_FILL: Rgb = Rgb(0.92, 0.94, 0.95);

/// A section heading's place, for the PDF's outline (bookmarks).
pub(super) struct Bookmark {
    /// The heading.
    pub title: String,
    /// Index of its page.
    pub page: usize,
    /// Height of its top on the page.
    pub top: f32,
}

/// The photos a document shows, and which pages show which.
#[derive(Default)]
pub(super) struct Images {
    /// Each photo once, in the order first drawn.
    pub list: Vec<PdfImage>,
    /// For each page, the indices into `list` it draws.
    pub on_page: Vec<Vec<usize>>,
}

/// The resource name of photo `index` ("Im0", "Im1", …).
pub(super) fn image_name(index: usize) -> String {
    format!("Im{index}")
}

/// The tallest a photo is drawn, in points (about a third of the page).
const IMAGE_MAX_HEIGHT: f32 = 260.0;

/// Pages being filled, top to bottom.
pub(super) struct Layout {
    fonts: [Font; 2],
    pages: Vec<Content>,
    bookmarks: Vec<Bookmark>,
    images: Images,
    /// The next baseline's top: content is placed below this height.
    y: f32,
}

const WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN_X;
const TOP: f32 = PAGE_HEIGHT - MARGIN_TOP;

impl Layout {
    /// An empty document with its first page.
    pub fn new() -> Layout {
        let mut l = Layout {
            fonts: super::load_fonts(),
            pages: Vec::new(),
            bookmarks: Vec::new(),
            images: Images::default(),
            y: TOP,
        };
        l.new_page();
        l
    }

    /// The pages, the fonts with every glyph they used, the section headings' places, and the
    /// photos with the pages that show them.
    pub fn finish(mut self) -> (Vec<Content>, [Font; 2], Vec<Bookmark>, Images) {
        self.images.on_page.resize(self.pages.len(), Vec::new());
        (self.pages, self.fonts, self.bookmarks, self.images)
    }

    fn new_page(&mut self) {
        self.pages.push(Content::new());
        self.y = TOP;
    }

    fn page(&mut self) -> &mut Content {
        if self.pages.is_empty() {
            self.pages.push(Content::new());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Starts a new page unless `height` more points fit on this one.
    fn ensure(&mut self, height: f32) {
        if self.y - height < MARGIN_BOTTOM && self.y < TOP {
            self.new_page();
        }
    }

    fn draw(&mut self, bold: bool, x: f32, baseline: f32, size: f32, color: Rgb, s: &str) {
        let last = self.pages.len().saturating_sub(1);
        let font = &mut self.fonts[usize::from(bold)];
        if let Some(content) = self.pages.get_mut(last) {
            text(content, font, x, baseline, size, color, s);
        }
    }

    /// The document title and the lines under it.
    pub fn title(&mut self, title: &str, subtitle: &[String]) {
        for line in wrap(&self.fonts[1], title, 18.0, WIDTH) {
            self.y -= 22.0;
            self.draw(true, MARGIN_X, self.y, 18.0, ACCENT, &line);
        }
        self.y -= 4.0;
        for line in subtitle {
            self.y -= LEADING;
            self.draw(false, MARGIN_X, self.y, BODY, MUTED, line);
        }
        self.y -= 10.0;
    }

    /// Lays out one block.
    pub fn block(&mut self, block: &Block) {
        match block {
            Block::Heading { level, text } => self.heading(*level, text),
            Block::Paragraph(t) | Block::Markdown(t) => self.paragraph(t, INK),
            Block::Empty(t) => self.paragraph(t, MUTED),
            Block::Callout(t) => self.callout(t),
            Block::Fields(f) => self.fields(f),
            Block::Table(t) => self.table(t),
            Block::Attachments(links) => {
                let names: Vec<String> = links.iter().map(|l| format!("{} ({})", l.name, l.size)).collect();
                self.fields(&[("Attachments".to_owned(), names.join(", "))]);
                for link in links {
                    match &link.image {
                        Some(Ok(image)) => self.image(image, &link.name),
                        Some(Err(why)) => self.paragraph(&format!("{}: not shown here ({why}).", link.name), MUTED),
                        None => {}
                    }
                }
            }
            Block::Chart(c) => {
                let height = chart::HEIGHT;
                self.ensure(height + 8.0);
                let top = self.y;
                let last = self.pages.len().saturating_sub(1);
                if let Some(content) = self.pages.get_mut(last) {
                    chart::draw(content, &mut self.fonts, MARGIN_X, top, WIDTH, c);
                }
                self.y -= height + 8.0;
            }
        }
    }

    /// A photo, at most the column's width and `IMAGE_MAX_HEIGHT` tall (never enlarged past one
    /// point per pixel), with its name under it.
    fn image(&mut self, image: &PdfImage, name: &str) {
        let (w, h) = (image.width as f32, image.height as f32);
        let scale = (WIDTH / w).min(IMAGE_MAX_HEIGHT / h).min(1.0);
        let (dw, dh) = (w * scale, h * scale);
        self.ensure(dh + LEADING + 6.0);
        let index = match self.images.list.iter().position(|i| i == image) {
            Some(i) => i,
            None => {
                self.images.list.push(image.clone());
                self.images.list.len() - 1
            }
        };
        let page = self.pages.len().saturating_sub(1);
        if self.images.on_page.len() <= page {
            self.images.on_page.resize(page + 1, Vec::new());
        }
        if !self.images.on_page[page].contains(&index) {
            self.images.on_page[page].push(index);
        }
        self.y -= dh + 4.0;
        let (x, y) = (MARGIN_X, self.y);
        let content = self.page();
        content.save_state();
        content.transform([dw, 0.0, 0.0, dh, x, y]);
        content.x_object(pdf_writer::Name(image_name(index).as_bytes()));
        content.restore_state();
        self.y -= LEADING;
        self.draw(false, MARGIN_X, self.y, 8.0, MUTED, name);
        self.y -= 6.0;
    }

    fn heading(&mut self, level: u8, s: &str) {
        let size = match level {
            1 => 14.0,
            2 => 11.5,
            _ => 10.0,
        };
        let lines = wrap(&self.fonts[1], s, size, WIDTH);
        let line_height = size + 5.0;
        let before = if level == 1 { 14.0 } else { 8.0 };
        // Keep the heading with the start of what follows (more for a section heading, which is
        // usually followed by a sub-heading).
        let follow = if level == 1 { 6.0 } else { 3.0 };
        self.ensure(before + line_height * lines.len() as f32 + follow * LEADING);
        self.y -= before;
        if level == 1 {
            let page = self.pages.len().saturating_sub(1);
            self.bookmarks.push(Bookmark { title: s.to_owned(), page, top: self.y });
        }
        for line in &lines {
            self.y -= line_height;
            let color = if level == 3 { INK } else { ACCENT };
            self.draw(true, MARGIN_X, self.y, size, color, line);
        }
        if level == 1 {
            let y = self.y - 5.0;
            rule(self.page(), MARGIN_X, y, MARGIN_X + WIDTH, 0.8);
            self.y -= 8.0;
        } else {
            self.y -= 2.0;
        }
    }

    fn paragraph(&mut self, s: &str, color: Rgb) {
        for (i, para) in s.split("\n\n").filter(|p| !p.trim().is_empty()).enumerate() {
            if i > 0 {
                self.y -= LEADING / 2.0;
            }
            for line in wrap(&self.fonts[0], para, BODY, WIDTH) {
                self.ensure(LEADING);
                self.y -= LEADING;
                self.draw(false, MARGIN_X, self.y, BODY, color, &line);
            }
        }
        self.y -= 4.0;
    }

    fn callout(&mut self, s: &str) {
        let lines = wrap(&self.fonts[1], s, BODY, WIDTH - 20.0);
        let height = lines.len() as f32 * LEADING + 10.0;
        self.ensure(height + 6.0);
        let bottom = self.y - height;
        let page = self.page();
        fill_rect(page, MARGIN_X, bottom, WIDTH, height, CALLOUT_FILL);
        fill_rect(page, MARGIN_X, bottom, 3.0, height, CALLOUT_BAR);
        self.y -= 4.0;
        for line in &lines {
            self.y -= LEADING;
            self.draw(true, MARGIN_X + 12.0, self.y + 2.0, BODY, INK, line);
        }
        self.y = bottom - 8.0;
    }

    fn fields(&mut self, fields: &[(String, String)]) {
        for (label, value) in fields {
            let labels = wrap(&self.fonts[1], label, BODY, LABEL_WIDTH - 8.0);
            let values = wrap(&self.fonts[0], value, BODY, WIDTH - LABEL_WIDTH);
            for i in 0..labels.len().max(values.len()) {
                self.ensure(LEADING);
                self.y -= LEADING;
                if let Some(l) = labels.get(i) {
                    self.draw(true, MARGIN_X, self.y, BODY, MUTED, l);
                }
                if let Some(v) = values.get(i) {
                    self.draw(false, MARGIN_X + LABEL_WIDTH, self.y, BODY, INK, v);
                }
            }
            self.y -= 2.0;
        }
        self.y -= 4.0;
    }

    fn table(&mut self, t: &Table) {
        let widths = self.column_widths(t);
        let header: Vec<Vec<String>> = t
            .columns
            .iter()
            .zip(&widths)
            .map(|((title, _), w)| wrap(&self.fonts[1], title, BODY - 1.0, w - 2.0 * CELL_PAD))
            .collect();
        let header_lines = header.iter().map(Vec::len).max().unwrap_or(1);
        let header_height = header_lines as f32 * LEADING + 2.0 * CELL_PAD;
        self.ensure(header_height + LEADING + 2.0 * CELL_PAD);
        self.table_header(&header, &widths, header_height);
        for row in &t.rows {
            let cells: Vec<Vec<String>> = widths
                .iter()
                .enumerate()
                .map(|(i, w)| wrap(&self.fonts[0], row.get(i).map_or("", String::as_str), BODY, w - 2.0 * CELL_PAD))
                .collect();
            let lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
            let (mut start, mut fresh_page) = (0, false);
            while start < lines {
                let room = ((self.y - MARGIN_BOTTOM - 2.0 * CELL_PAD) / LEADING).floor().max(0.0) as usize;
                // Start the row on a new page rather than leave a sliver of it behind.
                if !fresh_page && (room == 0 || (start == 0 && room < lines.min(3))) {
                    self.new_page();
                    self.table_header(&header, &widths, header_height);
                    fresh_page = true;
                    continue;
                }
                let take = room.max(1).min(lines - start);
                self.table_row(&cells, &widths, start, take);
                start += take;
                fresh_page = false;
            }
        }
        self.y -= 10.0;
    }

    /// Column widths: by the columns' weights, but never narrower than the longest word in the
    /// column (up to a third of the page), so dates and numbers are not broken mid-word; the
    /// room this takes comes from the columns that have more than they need.
    fn column_widths(&self, t: &Table) -> Vec<f32> {
        let total: f32 = t.columns.iter().map(|(_, w)| w.max(0.1)).sum();
        let mut widths: Vec<f32> = t.columns.iter().map(|(_, w)| w.max(0.1) / total * WIDTH).collect();
        let longest_word = |i: usize| -> f32 {
            let header = t.columns[i].0.split_whitespace().map(|w| self.fonts[1].width(w, BODY - 1.0));
            let cells = t
                .rows
                .iter()
                .filter_map(|r| r.get(i))
                .flat_map(|c| c.split_whitespace())
                .map(|w| self.fonts[0].width(w, BODY));
            header.chain(cells).fold(0.0, f32::max)
        };
        let needed: Vec<f32> =
            (0..widths.len()).map(|i| (longest_word(i) + 2.0 * CELL_PAD + 1.0).min(WIDTH / 3.0)).collect();
        let deficit: f32 = widths.iter().zip(&needed).map(|(w, n)| (n - w).max(0.0)).sum();
        let spare: f32 = widths.iter().zip(&needed).map(|(w, n)| (w - n).max(0.0)).sum();
        if deficit > 0.0 && spare > 0.0 {
            let take = (deficit / spare).min(1.0);
            for (w, n) in widths.iter_mut().zip(&needed) {
                *w = if *w < *n { *w + (*n - *w) * (spare * take / deficit).min(1.0) } else { *w - (*w - *n) * take };
            }
        }
        widths
    }

    fn table_header(&mut self, header: &[Vec<String>], widths: &[f32], height: f32) {
        let bottom = self.y - height;
        fill_rect(self.page(), MARGIN_X, bottom, WIDTH, height, HEADER_FILL);
        let mut x = MARGIN_X;
        for (lines, w) in header.iter().zip(widths) {
            for (i, line) in lines.iter().enumerate() {
                let baseline = self.y - CELL_PAD - (i as f32 + 1.0) * LEADING + 3.0;
                self.draw(true, x + CELL_PAD, baseline, BODY - 1.0, INK, line);
            }
            x += w;
        }
        self.y = bottom;
    }

    fn table_row(&mut self, cells: &[Vec<String>], widths: &[f32], start: usize, take: usize) {
        let height = take as f32 * LEADING + 2.0 * CELL_PAD;
        let mut x = MARGIN_X;
        for (lines, w) in cells.iter().zip(widths) {
            for (i, line) in lines.iter().skip(start).take(take).enumerate() {
                let baseline = self.y - CELL_PAD - (i as f32 + 1.0) * LEADING + 3.0;
                self.draw(false, x + CELL_PAD, baseline, BODY, INK, line);
            }
            x += w;
        }
        self.y -= height;
        let y = self.y;
        rule(self.page(), MARGIN_X, y, MARGIN_X + WIDTH, 0.4);
    }
}

/// Breaks text into lines no wider than `width`: at spaces where possible, inside a word when
/// the word alone is too wide. Newlines in the text are kept. Widths are added up word by word
/// (no kerning), so a long journal costs time in proportion to its length.
pub(super) fn wrap(font: &Font, text: &str, size: f32, width: f32) -> Vec<String> {
    let space = font.width(" ", size);
    let mut lines = Vec::new();
    for source in text.lines() {
        let (mut line, mut line_width) = (String::new(), 0.0f32);
        for word in source.split(' ') {
            let word_width = font.width(word, size);
            let joined = if line.is_empty() { word_width } else { line_width + space + word_width };
            if joined <= width {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(word);
                line_width = joined;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            line_width = 0.0;
            // The word alone: split it wherever it overflows.
            for c in word.chars() {
                let w = font.width(c.encode_utf8(&mut [0; 4]), size);
                if line_width + w > width && !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    line_width = 0.0;
                }
                line.push(c);
                line_width += w;
            }
        }
        lines.push(line);
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// Shortens text with an ellipsis to fit `width`.
pub(super) fn fit(font: &Font, text: &str, size: f32, width: f32) -> String {
    if font.width(text, size) <= width {
        return text.to_owned();
    }
    let mut out: String = text.to_owned();
    while !out.is_empty() && font.width(&format!("{out}…"), size) > width {
        out.pop();
    }
    format!("{}…", out.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::pdf::font::Weight;

    #[test]
    fn wrapping_respects_the_width_and_keeps_every_character() {
        let font = Font::load(Weight::Regular);
        let text = "Ærøskøbing is a small town. ".repeat(20) + &"x".repeat(300);
        let lines = wrap(&font, &text, 10.0, 200.0);
        assert!(lines.len() > 10);
        assert!(lines.iter().all(|l| font.width(l, 10.0) <= 200.0), "{lines:?}");
        let joined: String = lines.concat().chars().filter(|c| !c.is_whitespace()).collect();
        let original: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        assert_eq!(joined, original);
        assert_eq!(wrap(&font, "a\n\nb", 10.0, 100.0), vec!["a", "", "b"]);
    }

    #[test]
    fn long_titles_are_shortened_with_an_ellipsis() {
        let font = Font::load(Weight::Regular);
        let short = fit(&font, &"Client record ".repeat(10), 8.0, 100.0);
        assert!(short.ends_with('…') && font.width(&short, 8.0) <= 100.0, "{short}");
        assert_eq!(fit(&font, "Short", 8.0, 100.0), "Short");
    }
}
