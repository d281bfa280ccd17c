//! The Markdown export: a heading per section, tables where the data is tabular, and charts as
//! tables of their values. Every piece of user text is escaped, so a note containing
//! `[click](http://…)`, `<script>`, `# Heading` or `| table |` shows as those characters and
//! cannot add links, HTML, headings or table cells to the document.

use std::fmt::Write;

use super::document::{Block, Chart, Document, Table};

/// Renders a document as CommonMark (with GFM tables).
pub(crate) fn render(doc: &Document) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", inline(&doc.title));
    for line in &doc.subtitle {
        let _ = writeln!(out, "{}  ", inline(line));
    }
    out.push('\n');
    for block in &doc.blocks {
        match block {
            Block::Heading { level, text } => {
                let hashes = "#".repeat(usize::from((*level).clamp(1, 4)) + 1);
                let _ = writeln!(out, "{hashes} {}\n", inline(text));
            }
            Block::Paragraph(text) => {
                out.push_str(&paragraphs(text));
                out.push('\n');
            }
            Block::Callout(text) => {
                let _ = writeln!(out, "> **{}**\n", inline(text));
            }
            Block::Empty(text) => {
                let _ = writeln!(out, "*{}*\n", inline(text));
            }
            Block::Fields(fields) => {
                for (label, value) in fields {
                    let value = value.lines().map(inline).collect::<Vec<_>>().join("  \n  ");
                    let _ = writeln!(out, "- **{}:** {value}", inline(label));
                }
                out.push('\n');
            }
            Block::Table(t) => table(&mut out, t),
            Block::Chart(c) => chart(&mut out, c),
        }
    }
    out
}

/// Escapes one line of user text for inline use. Characters that are syntax anywhere in a line
/// (emphasis, code, links and images, HTML and entities, table pipes, strikethrough, heading
/// marks) always get a backslash (CommonMark allows one before any ASCII punctuation); the
/// characters that are syntax only at the start of a line (list and block markers) get one
/// there. Dates, times and ordinary punctuation stay readable in the raw file.
pub(crate) fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&' => {
                out.push('\\');
                out.push(c);
            }
            // Tabs would start indented code blocks; carriage returns would split lines.
            '\t' => out.push_str("    "),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    // Leading spaces could make an indented code block; non-breaking spaces keep the indent.
    let body = out.trim_start_matches(' ');
    let indent = "\u{a0}".repeat(out.len() - body.len());
    // A line starting "-", "+", "=" or "1." / "1)" would be a list, a rule or a heading underline.
    let digits = body.len() - body.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let body = match body.as_bytes().first() {
        Some(b'-' | b'+' | b'=') => format!("\\{body}"),
        Some(b'0'..=b'9') if matches!(body.as_bytes().get(digits), Some(b'.' | b')')) => {
            format!("{}\\{}", &body[..digits], &body[digits..])
        }
        _ => body.to_owned(),
    };
    format!("{indent}{body}")
}

/// Multi-line user text: blank lines separate paragraphs, other line breaks are kept as hard
/// breaks.
fn paragraphs(text: &str) -> String {
    let mut out = String::new();
    for para in text.split("\n\n").map(str::trim_end).filter(|p| !p.trim().is_empty()) {
        let lines: Vec<String> = para.lines().filter(|l| !l.trim().is_empty()).map(inline).collect();
        out.push_str(&lines.join("\\\n"));
        out.push_str("\n\n");
    }
    out
}

/// A table cell: one line, escaped (which also escapes `|`).
fn cell(text: &str) -> String {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).map(inline).collect::<Vec<_>>().join(" / ")
}

fn table(out: &mut String, t: &Table) {
    let header: Vec<String> = t.columns.iter().map(|(title, _)| cell(title)).collect();
    let _ = writeln!(out, "| {} |", header.join(" | "));
    let _ = writeln!(out, "|{}", " --- |".repeat(t.columns.len()));
    for row in &t.rows {
        let cells: Vec<String> = (0..t.columns.len()).map(|i| row.get(i).map_or(String::new(), |c| cell(c))).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out.push('\n');
}

fn chart(out: &mut String, c: &Chart) {
    let _ = writeln!(out, "**{}**\n", inline(&c.title));
    let band_of = |v: f64| c.bands.iter().find(|b| v >= b.from && v <= b.to).map_or(String::new(), |b| b.label.clone());
    let rows = c
        .points
        .iter()
        .map(|p| {
            let value = if p.value.fract() == 0.0 { format!("{}", p.value) } else { format!("{:.1}", p.value) };
            let value = match p.range {
                Some((lo, hi)) if lo != hi => format!("{value} (range {lo}–{hi})"),
                _ => value,
            };
            vec![p.day.to_string(), value, band_of(p.value)]
        })
        .collect();
    let t = Table { columns: vec![("Day".into(), 1.0), (c.y_label.clone(), 1.0), ("Band".into(), 2.0)], rows };
    table(out, &t);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_cannot_make_links_html_or_headings() {
        assert_eq!(inline("[click](http://x.io)"), "\\[click\\](http://x.io)");
        assert_eq!(inline("<script>alert(1)</script>"), "\\<script\\>alert(1)\\</script\\>");
        assert_eq!(inline("# not a heading #"), "\\# not a heading \\#");
        assert_eq!(inline("**bold** _it_ `code` a|b"), "\\*\\*bold\\*\\* \\_it\\_ \\`code\\` a\\|b");
        assert_eq!(inline("&amp; ![img](x)"), "\\&amp; !\\[img\\](x)");
        assert_eq!(inline("2026-11-23 10:00, 3.5 + 1"), "2026-11-23 10:00, 3.5 + 1");
        assert_eq!(inline("12) twelve"), "12\\) twelve");
        assert_eq!(inline("Zoë Ångström — 李"), "Zoë Ångström — 李");
    }

    #[test]
    fn paragraphs_keep_line_breaks_and_neutralise_block_syntax() {
        let md = paragraphs("- item\n1. first\n\n    code?\n> quote");
        assert_eq!(md, "\\- item\\\n1\\. first\n\n\u{a0}\u{a0}\u{a0}\u{a0}code?\\\n\\> quote\n\n");
    }

    #[test]
    fn table_cells_stay_in_their_column() {
        let mut out = String::new();
        table(
            &mut out,
            &Table {
                columns: vec![("A".into(), 1.0), ("B".into(), 1.0)],
                rows: vec![vec!["x | y".into(), "1\n2".into()]],
            },
        );
        assert_eq!(out, "| A | B |\n| --- | --- |\n| x \\| y | 1 / 2 |\n\n");
    }

    /// Text that would be syntax in CommonMark/GFM if it were not escaped.
    const NASTY: &[&str] = &[
        "*a* **b** _c_ __d__ ~~e~~ `f`",
        "<b>bold</b> <!-- c --> <div>x</div> &lt; &amp; &#42;",
        "[a](http://x) ![i](http://y) <http://z> [ref]: http://w",
        "# h\n## h ##\nSetext\n---\nOther\n===",
        "> quote\n- item\n+ item\n* item\n1. item\n12) item",
        "---\n***\n___",
        "    indented code\n\tTabbed\n```\nfenced\n```\n~~~",
        "| a | b |\n|---|---|\n| c | d |",
        "trailing backslash \\\nescaped \\* star",
        "Zoë — Ψυχή — Олена — 李",
    ];

    fn squash(s: &str) -> String {
        s.chars().filter(|c| !c.is_whitespace()).collect()
    }

    /// Parses Markdown with a real CommonMark + GFM parser and returns the text it shows, failing
    /// on any event other than the ones `allowed` names.
    fn shown_text(md: &str, allowed: fn(&pulldown_cmark::Tag<'_>) -> bool) -> String {
        use pulldown_cmark::{Event, Options, Parser};
        let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
        let mut text = String::new();
        for event in Parser::new_ext(md, options) {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::SoftBreak | Event::HardBreak => text.push('\n'),
                Event::Start(tag) => assert!(allowed(&tag), "{tag:?} in:\n{md}"),
                Event::End(_) => {}
                other => panic!("{other:?} in:\n{md}"),
            }
        }
        text
    }

    #[test]
    fn a_commonmark_parser_sees_only_plain_text_in_escaped_user_text() {
        use pulldown_cmark::Tag;
        for input in NASTY {
            let text = shown_text(&paragraphs(input), |t| matches!(t, Tag::Paragraph));
            assert_eq!(squash(&text), squash(input), "paragraph text changed");

            let mut md = String::new();
            table(&mut md, &Table { columns: vec![("Note".into(), 1.0)], rows: vec![vec![(*input).to_owned()]] });
            let allowed = |t: &Tag<'_>| matches!(t, Tag::Table(_) | Tag::TableHead | Tag::TableRow | Tag::TableCell);
            let text = shown_text(&md, allowed);
            assert_eq!(squash(&text.replace(" / ", "")), squash(&format!("Note{input}")), "cell text changed");

            let heading = format!("## {}\n", inline(&input.replace('\n', " ")));
            let text = shown_text(&heading, |t| matches!(t, Tag::Heading { .. }));
            assert_eq!(squash(&text), squash(input), "heading text changed");
        }
    }
}
