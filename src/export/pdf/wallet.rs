//! The wallet card: ten credit-card-size panels (85.6 × 54 mm, ISO/IEC 7810 ID-1) in two columns
//! of five on one A4 page, with cut marks at the block's corners and dashed fold lines between
//! the panels. Each panel's text is wrapped to the panel; what does not fit ends in "…" and a
//! line saying the rest is in the full plan.

use pdf_writer::Content;

use super::layout::wrap;
use super::{ACCENT, INK, MUTED, PAGE_HEIGHT, PAGE_WIDTH, RULE, assemble, load_fonts, text};
use crate::Result;
use crate::export::safety_plan_document::Panel;

/// 85.6 mm and 54 mm in points.
const CARD_W: f32 = 85.6 / 25.4 * 72.0;
const CARD_H: f32 = 54.0 / 25.4 * 72.0;
const COLUMNS: usize = 2;
const ROWS: usize = 5;
const PAD: f32 = 8.0;
const HEADING: f32 = 8.0;
const BODY: f32 = 6.8;
const LEADING: f32 = 8.4;
/// Cut marks: their length and their gap from the block.
const MARK: f32 = 12.0;
const GAP: f32 = 4.0;

/// Renders the panels (at most ten; more are left out) as a one-page PDF.
pub(crate) fn render(title: &str, panels: &[Panel]) -> Result<Vec<u8>> {
    let mut fonts = load_fonts();
    let mut content = Content::new();
    let left = (PAGE_WIDTH - CARD_W * COLUMNS as f32) / 2.0;
    let bottom = (PAGE_HEIGHT - CARD_H * ROWS as f32) / 2.0;
    let (right, top) = (left + CARD_W * COLUMNS as f32, bottom + CARD_H * ROWS as f32);

    // Cut marks outside each corner of the block, horizontal and vertical.
    content.set_stroke_rgb(INK.0, INK.1, INK.2).set_line_width(0.5);
    for (x, y, dx, dy) in
        [(left, top, -1.0, 1.0), (right, top, 1.0, 1.0), (left, bottom, -1.0, -1.0), (right, bottom, 1.0, -1.0)]
    {
        content.move_to(x + dx * GAP, y).line_to(x + dx * (GAP + MARK), y).stroke();
        content.move_to(x, y + dy * GAP).line_to(x, y + dy * (GAP + MARK)).stroke();
    }
    // Fold lines between the panels, dashed.
    content.set_stroke_rgb(RULE.0, RULE.1, RULE.2).set_line_width(0.5).set_dash_pattern([3.0, 3.0], 0.0);
    for c in 1..COLUMNS {
        let x = left + CARD_W * c as f32;
        content.move_to(x, bottom).line_to(x, top).stroke();
    }
    for r in 1..ROWS {
        let y = bottom + CARD_H * r as f32;
        content.move_to(left, y).line_to(right, y).stroke();
    }
    content.set_dash_pattern([0.0f32; 0], 0.0);

    let width = CARD_W - 2.0 * PAD;
    for (i, panel) in panels.iter().take(COLUMNS * ROWS).enumerate() {
        let (row, column) = (i / COLUMNS, i % COLUMNS);
        let x = left + CARD_W * column as f32 + PAD;
        let panel_top = top - CARD_H * row as f32;
        let floor = panel_top - CARD_H + PAD;
        let mut y = panel_top - PAD - HEADING;
        for line in wrap(&fonts[1], &panel.heading, HEADING, width) {
            text(&mut content, &mut fonts[1], x, y, HEADING, ACCENT, &line);
            y -= HEADING + 2.0;
        }
        y -= 2.0;
        let wrapped: Vec<String> = panel
            .lines
            .iter()
            .flat_map(|l| {
                let mut parts = wrap(&fonts[0], &format!("• {l}"), BODY, width);
                for p in parts.iter_mut().skip(1) {
                    *p = format!("  {p}");
                }
                parts
            })
            .collect();
        let room = ((y - floor) / LEADING).floor().max(0.0) as usize + 1;
        let shown = if wrapped.len() > room { room.saturating_sub(1) } else { wrapped.len() };
        for line in wrapped.iter().take(shown) {
            text(&mut content, &mut fonts[0], x, y, BODY, INK, line);
            y -= LEADING;
        }
        if shown < wrapped.len() {
            text(&mut content, &mut fonts[0], x, y, BODY, MUTED, "… the rest is in the full plan");
        }
    }
    assemble(title, vec![content.finish().into_vec()], &fonts, &[], &super::layout::Images::default())
}
