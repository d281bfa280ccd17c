//! A neutral, readable document: the blocks both the Markdown and the PDF exports render.
//! Building the sections once keeps the two formats showing the same things in the same order;
//! each renderer only decides how a heading, a table or a chart looks. All text in blocks is
//! plain text exactly as the user wrote it: escaping is the renderer's job.

use chrono::NaiveDate;

/// A whole document.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Document {
    /// The title on the first page and in the running header ("Client record: Ana").
    pub title: String,
    /// Lines under the title (export date, range).
    pub subtitle: Vec<String>,
    /// The content, in order.
    pub blocks: Vec<Block>,
    /// What the PDF's running header and footer say on every page.
    pub running: Running,
}

/// The words of a PDF's running header (right of the title) and footer (left of the page
/// numbers). A record export says it is confidential and not encrypted; a business document
/// sent to a payer (an invoice, a statement, a receipt) carries the business's own details
/// instead ([`Running::business`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Running {
    /// Right of the title at the top of every page.
    pub header: String,
    /// Left of "Page n of m" at the bottom of every page.
    pub footer: String,
}

impl Default for Running {
    fn default() -> Self {
        Running { header: "Confidential · not encrypted".into(), footer: "Exported from Wellkept".into() }
    }
}

impl Running {
    /// A business document's: the business's name at the top, and the given parts (details,
    /// payment terms), blank ones left out, joined with " · " at the bottom.
    pub fn business(name: &str, footer: &[String]) -> Running {
        let footer: Vec<&str> = footer.iter().map(|s| s.trim()).filter(|s| !s.is_empty()).collect();
        Running { header: name.trim().to_owned(), footer: footer.join(" · ") }
    }
}

/// One piece of content.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Block {
    /// A section heading: level 1 for sections, 2 for items within them, 3 below that.
    Heading { level: u8, text: String },
    /// Running text; newlines separate lines, blank lines separate paragraphs.
    Paragraph(String),
    /// The person's own writing, which may use Markdown (a journal entry's body; Day One writes
    /// Markdown). The Markdown export keeps its formatting, escaping only what would break the
    /// document around it; the PDF shows it as running text.
    Markdown(String),
    /// A line that stands out (a note's draft status, the plaintext warning).
    Callout(String),
    /// What an empty section says ("No risk flags recorded.").
    Empty(String),
    /// Labelled values, one per row.
    Fields(Vec<(String, String)>),
    /// A table: column titles with relative widths, then rows of cells.
    Table(Table),
    /// A chart of values over time.
    Chart(Chart),
    /// A record's attached files: Markdown links them to the copies written beside the document;
    /// the PDF lists them by name and size and shows JPEG and PNG photos.
    Attachments(Vec<AttachmentLink>),
}

/// One attached file in a document.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct AttachmentLink {
    /// Its name ("photo 1.png").
    pub name: String,
    /// Its size for a person ("14.2 KB").
    pub size: String,
    /// Where the copy beside the document is, relative to it; `None` when no copy was written.
    pub href: Option<String>,
    /// In a PDF: the photo to show, or why it is not shown; `None` for other files and formats.
    pub image: Option<Result<super::pdf::image::PdfImage, &'static str>>,
}

/// A table's columns and rows.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Table {
    /// Column titles and relative widths.
    pub columns: Vec<(String, f32)>,
    /// Rows; each has one cell per column.
    pub rows: Vec<Vec<String>>,
}

/// A line chart over days, with shaded bands behind it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Chart {
    /// Title above the chart.
    pub title: String,
    /// What the values are ("PHQ-9 total", "Mood (1–10)").
    pub y_label: String,
    /// Lowest value on the axis.
    pub y_min: f64,
    /// Highest value on the axis.
    pub y_max: f64,
    /// Bands to shade, ascending.
    pub bands: Vec<ChartBand>,
    /// The points, oldest first.
    pub points: Vec<ChartPoint>,
}

/// A shaded range of values.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ChartBand {
    /// Its name, printed at the edge.
    pub label: String,
    /// Lower edge (value).
    pub from: f64,
    /// Upper edge (value).
    pub to: f64,
    /// How concerning the band is, 0 (fine) to 1 (most concerning): picks the shade.
    pub concern: f64,
}

/// One point of a chart.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ChartPoint {
    /// The day.
    pub day: NaiveDate,
    /// The value drawn on the line.
    pub value: f64,
    /// The day's range (lowest, highest), drawn as a whisker when given.
    pub range: Option<(f64, f64)>,
}

impl Document {
    /// Starts a document.
    pub fn new(title: impl Into<String>, subtitle: Vec<String>) -> Self {
        Document { title: title.into(), subtitle, blocks: Vec::new(), running: Running::default() }
    }

    /// Adds a heading.
    pub fn heading(&mut self, level: u8, text: impl Into<String>) {
        self.blocks.push(Block::Heading { level, text: text.into() });
    }

    /// Adds a paragraph, unless the text is blank.
    pub fn paragraph(&mut self, text: impl Into<String>) {
        let text = text.into();
        if !text.trim().is_empty() {
            self.blocks.push(Block::Paragraph(text));
        }
    }

    /// Adds the person's own Markdown text, unless it is blank.
    pub fn markdown(&mut self, text: impl Into<String>) {
        let text = text.into();
        if !text.trim().is_empty() {
            self.blocks.push(Block::Markdown(text));
        }
    }

    /// Adds labelled values, leaving out the blank ones.
    pub fn fields(&mut self, fields: Vec<(&str, String)>) {
        let kept: Vec<(String, String)> =
            fields.into_iter().filter(|(_, v)| !v.trim().is_empty()).map(|(k, v)| (k.to_owned(), v)).collect();
        if !kept.is_empty() {
            self.blocks.push(Block::Fields(kept));
        }
    }

    /// Adds a table, or `empty` when there are no rows.
    pub fn table(&mut self, columns: &[(&str, f32)], rows: Vec<Vec<String>>, empty: &str) {
        if rows.is_empty() {
            self.blocks.push(Block::Empty(empty.to_owned()));
        } else {
            let columns = columns.iter().map(|(t, w)| ((*t).to_owned(), *w)).collect();
            self.blocks.push(Block::Table(Table { columns, rows }));
        }
    }
}

/// An optional value as text ("" when absent).
pub(crate) fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}

/// A snake_case stored value as words ("no_show" → "no show").
pub(crate) fn words(key: &str) -> String {
    key.replace('_', " ")
}

/// The serde name of a unit enum value, as words.
pub(crate) fn enum_words<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => words(&s),
        _ => String::new(),
    }
}
