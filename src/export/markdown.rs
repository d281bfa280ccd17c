//! The Markdown export: a heading per section, tables where the data is tabular, and charts as
//! tables of their values. Every piece of user text is escaped, so a note containing
//! `[click](http://…)`, `<script>`, `# Heading` or `| table |` shows as those characters and
//! cannot add links, HTML, headings or table cells to the document.
//!
//! The one exception is text the person wrote in Markdown themselves (a journal entry's body,
//! [`Block::Markdown`]): escaping it would turn their `**bold**` into `\*\*bold\*\*`. It is
//! kept as written, and only what would break the document around it is changed
//! ([`own_markdown`]): its headings move below the heading it sits under, raw HTML is shown as
//! text, and a code fence left open is closed.

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
    // The depth of the last heading written, so the person's own headings go below it.
    let mut depth = 1;
    for block in &doc.blocks {
        match block {
            Block::Heading { level, text } => {
                depth = usize::from((*level).clamp(1, 4)) + 1;
                let _ = writeln!(out, "{} {}\n", "#".repeat(depth), inline(text));
            }
            Block::Paragraph(text) => {
                out.push_str(&paragraphs(text));
                out.push('\n');
            }
            Block::Markdown(text) => {
                out.push_str(&own_markdown(text, depth));
                out.push_str("\n\n");
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
            Block::Attachments(links) => {
                out.push_str("**Attachments:**\n\n");
                for link in links {
                    match &link.href {
                        // `<…>` destinations may hold spaces; the file names written never hold
                        // `<`, `>` or a line break (see `export::attachment_files`).
                        Some(href) => {
                            let _ = writeln!(out, "- [{}](<{href}>) ({})", inline(&link.name), link.size);
                        }
                        None => {
                            let _ = writeln!(out, "- {} ({})", inline(&link.name), link.size);
                        }
                    }
                }
                out.push('\n');
            }
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

/// The person's own Markdown, kept as written except for what would break the document around
/// it, under a heading `depth` levels deep:
/// - headings (`# x`, or a line underlined with `===`/`---`) become ATX headings below `depth`
///   (a top-level `# x` under a level-3 heading becomes `#### x`; deeper ones stop at six), so
///   an entry's own heading cannot end the section it belongs to;
/// - `<` outside code is escaped, so a stray or unclosed HTML tag shows as text instead of
///   hiding what follows (or running in a viewer that renders HTML);
/// - a code fence left open is closed, so it cannot swallow the next entries.
///
/// Lists, emphasis, links, quotes, rules and code stay exactly as written.
pub(crate) fn own_markdown(text: &str, depth: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    // The open fence's character and length, while inside a fenced code block.
    let mut fence: Option<(char, usize)> = None;
    // Whether the previous line was paragraph text a setext underline would turn into a heading.
    let mut after_text = false;
    let heading = |level: usize, title: &str| format!("{} {}", "#".repeat((depth + level).min(6)), title.trim());
    for raw in text.replace("\r\n", "\n").replace('\r', "\n").split('\n') {
        let line: String = raw.chars().filter(|c| *c == '\t' || !c.is_control()).collect();
        let indent = line.len() - line.trim_start_matches(' ').len();
        let body = line.trim_start_matches(' ');
        if let Some((c, n)) = fence {
            if indent < 4 && body.starts_with(&c.to_string().repeat(n)) && body.trim_end().chars().all(|x| x == c) {
                fence = None;
            }
            lines.push(line);
            after_text = false;
            continue;
        }
        if indent < 4 {
            let run = |c: char| body.len() - body.trim_start_matches(c).len();
            if let Some(c) = ['`', '~'].into_iter().find(|c| run(*c) >= 3) {
                fence = Some((c, run(c)));
                lines.push(line);
                after_text = false;
                continue;
            }
            let hashes = run('#');
            if (1..=6).contains(&hashes) && body[hashes..].chars().next().is_none_or(|c| c == ' ' || c == '\t') {
                let title = body[hashes..].trim_end_matches([' ', '#']);
                lines.push(heading(hashes, &escape_html(title)));
                after_text = false;
                continue;
            }
            let trimmed = body.trim_end();
            let underline = |c: char| !trimmed.is_empty() && trimmed.chars().all(|x| x == c);
            if after_text && (underline('=') || (underline('-') && trimmed.len() >= 2)) {
                let level = if underline('=') { 1 } else { 2 };
                let title = lines.pop().unwrap_or_default();
                lines.push(heading(level, &title));
                after_text = false;
                continue;
            }
        }
        let blank = body.trim().is_empty();
        let list_item =
            body.starts_with(['-', '*', '+', '>']) || body.chars().next().is_some_and(|c| c.is_ascii_digit());
        after_text = !blank && indent < 4 && !list_item;
        lines.push(escape_html(&line));
    }
    if let Some((c, n)) = fence {
        lines.push(c.to_string().repeat(n));
    }
    lines.join("\n").trim_end().to_owned()
}

/// Escapes `<` outside inline code spans, so the text cannot open an HTML tag or comment.
fn escape_html(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find(['`', '<']) {
        let (before, from) = rest.split_at(at);
        out.push_str(before);
        if let Some(after) = from.strip_prefix('<') {
            out.push_str("\\<");
            rest = after;
            continue;
        }
        // A code span: a run of backticks up to the same run again; its content stays as is.
        let ticks = from.len() - from.trim_start_matches('`').len();
        let after = &from[ticks..];
        let close = "`".repeat(ticks);
        match after.find(&close) {
            Some(end) => {
                out.push_str(&from[..ticks + end + ticks]);
                rest = &after[end + ticks..];
            }
            None => {
                out.push_str(&from[..ticks]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
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

    /// A journal body as someone writes it in Day One: a heading, a list, emphasis, a link and a
    /// stray HTML tag that is never closed.
    const OWN: &str = "# Good day\n\nWalked *slowly* to the **sea**.\n\n- slept 8 hours\n- called [Mum](https://example.org)\n\n<div class=\"x\">\nstill here\n\nSetext\n===";

    /// The events a real CommonMark parser gives for a document of two entries, the first with
    /// [`OWN`] as its body, as (tag, text inside) pairs in order.
    fn structure(md: &str) -> Vec<String> {
        use pulldown_cmark::{Event, Options, Parser, Tag};
        let mut out = Vec::new();
        for event in Parser::new_ext(md, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
            match event {
                Event::Start(Tag::Heading { level, .. }) => out.push(format!("{level:?}")),
                Event::Start(Tag::List(_)) => out.push("list".into()),
                Event::Start(Tag::Item) => out.push("item".into()),
                Event::Start(Tag::Emphasis) => out.push("em".into()),
                Event::Start(Tag::Strong) => out.push("strong".into()),
                Event::Start(Tag::Link { dest_url, .. }) => out.push(format!("link {dest_url}")),
                Event::Start(Tag::CodeBlock(_)) => out.push("code".into()),
                Event::Html(h) | Event::InlineHtml(h) => out.push(format!("HTML {h}")),
                Event::Text(t) => out.push(t.into_string()),
                _ => {}
            }
        }
        out
    }

    #[test]
    fn own_markdown_keeps_lists_emphasis_and_links_and_nests_its_headings() {
        let doc = Document {
            title: "Journal".into(),
            subtitle: vec![],
            blocks: vec![
                Block::Heading { level: 2, text: "2026-10-25 · Sunday".into() },
                Block::Markdown(OWN.into()),
                Block::Heading { level: 2, text: "2026-10-26".into() },
                Block::Markdown("```\nopen fence <b>\nnever closed".into()),
                Block::Heading { level: 2, text: "2026-10-27".into() },
                Block::Paragraph("after".into()),
            ],
            running: Default::default(),
        };
        let md = render(&doc);
        assert_eq!(
            structure(&md),
            [
                "H1",
                "Journal",
                "H3",
                "2026-10-25 · Sunday",
                // The entry's own "# Good day" sits below the entry heading, not beside "Journal".
                "H4",
                "Good day",
                "Walked ",
                "em",
                "slowly",
                " to the ",
                "strong",
                "sea",
                ".",
                "list",
                "item",
                "slept 8 hours",
                "item",
                "called ",
                "link https://example.org",
                "Mum",
                // The stray tag is text, not HTML that hides what follows.
                "<div class=\"x\">",
                "still here",
                "H4",
                "Setext",
                "H3",
                "2026-10-26",
                "code",
                "open fence <b>\nnever closed\n",
                // The fence was closed, so the next entry is still a heading.
                "H3",
                "2026-10-27",
                "after",
            ]
            .map(String::from)
        );
        // The raw file keeps the person's own formatting characters.
        assert!(md.contains("Walked *slowly* to the **sea**."), "{md}");
        assert!(md.contains("- slept 8 hours\n- called [Mum](https://example.org)"), "{md}");
    }

    #[test]
    fn own_markdown_leaves_code_spans_and_deep_headings_alone() {
        assert_eq!(escape_html("use `<b>` not <b>"), "use `<b>` not \\<b>");
        assert_eq!(escape_html("``a ` <x>`` <y"), "``a ` <x>`` \\<y");
        assert_eq!(own_markdown("###### six\n#hashtag", 3), "###### six\n#hashtag");
        assert_eq!(own_markdown("    # indented code", 3), "    # indented code");
    }
}
