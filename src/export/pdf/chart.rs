//! Line charts of values over time, drawn as vector paths: shaded bands behind (an instrument's
//! published severity bands, or mood ranges), a y axis with gridlines, dated x ticks, the line
//! with a marker and value per point, and a whisker for a day's range when there is one.

use chrono::{Days, NaiveDate};
use pdf_writer::Content;

use super::font::Font;
use super::layout::{fit, wrap};
use super::{ACCENT, INK, MUTED, RULE, Rgb, fill_rect, text};
use crate::export::document::Chart;

/// Height a chart takes on the page, title included.
pub(super) const HEIGHT: f32 = 230.0;
/// Room on the left for y-axis numbers.
const AXIS_LEFT: f32 = 30.0;
/// Room on the right for band names.
const BAND_LABELS: f32 = 118.0;
/// Room below the plot for dates.
const AXIS_BOTTOM: f32 = 26.0;
/// Room above the plot for the title and the y-axis label.
const TITLE: f32 = 34.0;

/// Shades from no concern (green) through some (amber) to most (rose), light enough that the
/// line and text stay readable on top and on a grey-scale printout.
fn shade(concern: f64) -> Rgb {
    let c = concern.clamp(0.0, 1.0) as f32;
    let (a, b, t) = if c < 0.5 {
        (Rgb(0.86, 0.95, 0.88), Rgb(1.0, 0.95, 0.80), c * 2.0)
    } else {
        (Rgb(1.0, 0.95, 0.80), Rgb(0.99, 0.83, 0.83), (c - 0.5) * 2.0)
    };
    Rgb(a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t, a.2 + (b.2 - a.2) * t)
}

/// Draws `chart` in the box whose top-left corner is (`x`, `top`) and width `width`.
pub(super) fn draw(content: &mut Content, fonts: &mut [Font; 2], x: f32, top: f32, width: f32, chart: &Chart) {
    let title = fit(&fonts[1], &chart.title, 10.0, width);
    text(content, &mut fonts[1], x, top - 12.0, 10.0, INK, &title);
    text(content, &mut fonts[0], x, top - 26.0, 7.5, MUTED, &chart.y_label);

    let (px0, px1) = (x + AXIS_LEFT, x + width - BAND_LABELS);
    let (py1, py0) = (top - TITLE, top - HEIGHT + AXIS_BOTTOM);
    let span = (chart.y_max - chart.y_min).max(f64::EPSILON);
    let y_of = |v: f64| py0 + ((v.clamp(chart.y_min, chart.y_max) - chart.y_min) / span) as f32 * (py1 - py0);

    // Bands, with their names to the right of the plot.
    for band in &chart.bands {
        let (b0, b1) = (y_of(band.from), y_of(band.to));
        fill_rect(content, px0, b0, px1 - px0, b1 - b0, shade(band.concern));
        let lines = wrap(&fonts[0], &band.label, 7.0, BAND_LABELS - 8.0);
        let fits = (((b1 - b0) / 8.5).floor() as usize).max(1);
        let shown: Vec<String> = if lines.len() > fits {
            let mut kept = lines[..fits].to_vec();
            if let Some(last) = kept.last_mut() {
                *last = fit(&fonts[0], &format!("{last}…"), 7.0, BAND_LABELS - 8.0);
            }
            kept
        } else {
            lines
        };
        let block = shown.len() as f32 * 8.5;
        let mut baseline = (b0 + b1) / 2.0 + block / 2.0 - 6.5;
        for line in &shown {
            text(content, &mut fonts[0], px1 + 6.0, baseline, 7.0, MUTED, line);
            baseline -= 8.5;
        }
    }

    // Gridlines and y-axis numbers.
    let step = nice_step(span);
    let mut v = (chart.y_min / step).ceil() * step;
    while v <= chart.y_max + step * 1e-6 {
        let y = y_of(v);
        content.set_stroke_rgb(1.0, 1.0, 1.0).set_line_width(0.6).move_to(px0, y).line_to(px1, y).stroke();
        let label = format_value(v);
        let w = fonts[0].width(&label, 7.0);
        text(content, &mut fonts[0], px0 - 4.0 - w, y - 2.5, 7.0, MUTED, &label);
        v += step;
    }
    content.set_stroke_rgb(RULE.0, RULE.1, RULE.2).set_line_width(0.6).rect(px0, py0, px1 - px0, py1 - py0).stroke();

    // The time axis: the days of the first and last point, padded when there is only one day.
    let (Some(first), Some(last)) = (chart.points.first(), chart.points.last()) else { return };
    let (mut d0, mut d1) = (first.day, last.day);
    if d1 <= d0 {
        d0 = d0.checked_sub_days(Days::new(3)).unwrap_or(d0);
        d1 = d1.checked_add_days(Days::new(3)).unwrap_or(d1);
    }
    let days = (d1 - d0).num_days().max(1) as f32;
    // Keep markers clear of the plot's edges.
    let (ix0, ix1) = (px0 + 8.0, px1 - 8.0);
    let x_of = |d: NaiveDate| ix0 + (d - d0).num_days() as f32 / days * (ix1 - ix0);

    let ticks = 5usize;
    for i in 0..ticks {
        let offset = (f64::from((d1 - d0).num_days() as i32) * i as f64 / (ticks - 1) as f64).round() as u64;
        let Some(day) = d0.checked_add_days(Days::new(offset)) else { continue };
        let tx = x_of(day);
        content
            .set_stroke_rgb(RULE.0, RULE.1, RULE.2)
            .set_line_width(0.6)
            .move_to(tx, py0)
            .line_to(tx, py0 - 3.0)
            .stroke();
        let label = day.format("%Y-%m-%d").to_string();
        let w = fonts[0].width(&label, 7.0);
        text(content, &mut fonts[0], tx - w / 2.0, py0 - 12.0, 7.0, MUTED, &label);
    }

    // Whiskers for a day's range, then the line, then markers and values on top.
    for p in &chart.points {
        if let Some((lo, hi)) = p.range.filter(|(lo, hi)| hi > lo) {
            let px = x_of(p.day);
            content.set_stroke_rgb(MUTED.0, MUTED.1, MUTED.2).set_line_width(0.8);
            content.move_to(px, y_of(lo)).line_to(px, y_of(hi)).stroke();
        }
    }
    content.set_stroke_rgb(ACCENT.0, ACCENT.1, ACCENT.2).set_line_width(1.6);
    for (i, p) in chart.points.iter().enumerate() {
        let (px, py) = (x_of(p.day), y_of(p.value));
        if i == 0 {
            content.move_to(px, py);
        } else {
            content.line_to(px, py);
        }
    }
    if chart.points.len() > 1 {
        content.stroke();
    } else {
        content.end_path();
    }
    let label_values = chart.points.len() <= 24;
    for p in &chart.points {
        let (px, py) = (x_of(p.day), y_of(p.value));
        circle(content, px, py, 2.6);
        if label_values {
            let label = format_value(p.value);
            let w = fonts[1].width(&label, 7.0);
            // Above the marker, or above the whisker when the day has one.
            let above = p.range.map_or(py, |(_, hi)| y_of(hi).max(py));
            text(content, &mut fonts[1], px - w / 2.0, above + 5.0, 7.0, INK, &label);
        }
    }
}

/// A filled marker (four Bézier arcs).
fn circle(content: &mut Content, cx: f32, cy: f32, r: f32) {
    let k = 0.552_284_8 * r;
    content.set_fill_rgb(ACCENT.0, ACCENT.1, ACCENT.2);
    content.move_to(cx + r, cy);
    content.cubic_to(cx + r, cy + k, cx + k, cy + r, cx, cy + r);
    content.cubic_to(cx - k, cy + r, cx - r, cy + k, cx - r, cy);
    content.cubic_to(cx - r, cy - k, cx - k, cy - r, cx, cy - r);
    content.cubic_to(cx + k, cy - r, cx + r, cy - k, cx + r, cy);
    content.fill_nonzero();
}

/// A gridline step of 1, 2 or 5 × 10ⁿ giving about five to ten lines.
fn nice_step(span: f64) -> f64 {
    let raw = span / 6.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0].into_iter().map(|m| m * magnitude).find(|s| *s >= raw).unwrap_or(magnitude * 10.0);
    step.max(1.0)
}

fn format_value(v: f64) -> String {
    if (v - v.round()).abs() < 0.05 { format!("{}", v.round() as i64) } else { format!("{v:.1}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gridline_steps_are_round_numbers() {
        assert_eq!(nice_step(27.0), 5.0);
        assert_eq!(nice_step(9.0), 2.0);
        assert_eq!(nice_step(100.0), 20.0);
        assert_eq!(nice_step(3.0), 1.0);
    }

    #[test]
    fn shades_run_from_green_to_rose() {
        let (fine, worst) = (shade(0.0), shade(1.0));
        assert!(fine.1 > fine.0, "green dominates at no concern");
        assert!(worst.0 > worst.1, "red dominates at most concern");
        assert_eq!(format_value(7.0), "7");
        assert_eq!(format_value(6.25), "6.2");
    }
}
