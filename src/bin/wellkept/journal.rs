//! `wellkept journal …`: add, list and search reflection-journal entries from the terminal.

use std::io::{BufRead, Write};

use wellkept::journal::entries;
use wellkept::params;
use wellkept::vault::Vault;
use wellkept::{Error, Result};

/// Journal commands.
#[derive(clap::Subcommand)]
pub enum JournalAction {
    /// Add an entry. With --stdin-lines, add every line of standard input as its own entry,
    /// printing `saved <id>` as each one is safely on disk.
    Add {
        /// The entry's text.
        text: Vec<String>,
        /// A title.
        #[arg(long)]
        title: Option<String>,
        /// Mood, 1 (lowest) to 10 (highest).
        #[arg(long)]
        mood: Option<i64>,
        /// Read entries from standard input, one per line.
        #[arg(long, conflicts_with = "text")]
        stdin_lines: bool,
    },
    /// List the newest entries.
    List {
        /// How many.
        #[arg(long, default_value_t = 20)]
        limit: u32,
    },
    /// Full-text search (words, "quoted phrases", prefix*).
    Search {
        /// What to look for.
        words: Vec<String>,
        /// How many results.
        #[arg(long, default_value_t = 20)]
        limit: i64,
    },
}

pub async fn run(vault: &Vault, action: JournalAction) -> Result<()> {
    match action {
        JournalAction::Add { text, title, mood, stdin_lines: false } => {
            let body = text.join(" ");
            if body.trim().is_empty() {
                return Err(Error::invalid("Text", "write something to add (or use --stdin-lines)"));
            }
            let id = add(vault, title.unwrap_or_default(), body, mood).await?;
            println!("saved {id}");
            Ok(())
        }
        JournalAction::Add { stdin_lines: true, mood, .. } => {
            let stdin = std::io::stdin();
            let mut out = std::io::stdout().lock();
            for line in stdin.lock().lines() {
                let line = line.map_err(|e| Error::Storage { action: "Reading standard input", source: e })?;
                if line.trim().is_empty() {
                    continue;
                }
                let id = add(vault, String::new(), line, mood).await?;
                // The id is printed only after the write is durable: a script (or the crash
                // test) can rely on every printed id surviving a crash.
                writeln!(out, "saved {id}")
                    .and_then(|()| out.flush())
                    .map_err(|e| Error::Storage { action: "Writing to standard output", source: e })?;
            }
            Ok(())
        }
        JournalAction::List { limit } => {
            let filter = entries::EntryFilter { limit, ..entries::EntryFilter::default() };
            for e in entries::list_entries(vault, filter).await?.items {
                println!("{}  {}  {}", e.entry_date, e.id, one_line(&e.title, &e.body));
            }
            Ok(())
        }
        JournalAction::Search { words, limit } => {
            let query = fts_query(&words.join(" "));
            if query.is_empty() {
                return Err(Error::invalid("Search", "type at least one word"));
            }
            let rows: Vec<(String, String, String)> = vault
                .fetch_all(
                    "SELECT e.id, e.entry_date, snippet(journal_entries_fts, 1, '[', ']', '…', 12)
                     FROM journal_entries_fts JOIN journal_entries e ON e.rowid = journal_entries_fts.rowid
                     WHERE journal_entries_fts MATCH ? AND e.deleted_at IS NULL
                     ORDER BY rank LIMIT ?",
                    params![query, limit],
                )
                .await?;
            for (id, date, snippet) in &rows {
                println!("{date}  {id}  {snippet}");
            }
            if rows.is_empty() {
                println!("No entries match.");
            }
            Ok(())
        }
    }
}

async fn add(vault: &Vault, title: String, body: String, mood: Option<i64>) -> Result<String> {
    let new = entries::NewJournalEntry {
        entry_date: Some(chrono::Local::now().date_naive()),
        title,
        body,
        mood,
        ..entries::NewJournalEntry::default()
    };
    Ok(entries::add_entry(vault, new).await?.id)
}

/// Turns what a person typed into an FTS5 query that cannot be a syntax error: each word is
/// quoted (a trailing `*` kept as a prefix search), quoted phrases stay phrases.
fn fts_query(input: &str) -> String {
    let mut parts = Vec::new();
    for (i, chunk) in input.split('"').enumerate() {
        if i % 2 == 1 {
            let phrase = chunk.trim();
            if !phrase.is_empty() {
                parts.push(format!("\"{}\"", phrase.replace('"', "")));
            }
            continue;
        }
        for word in chunk.split_whitespace() {
            let (stem, prefix) = match word.strip_suffix('*') {
                Some(s) => (s, true),
                None => (word, false),
            };
            let clean: String = stem.chars().filter(|c| c.is_alphanumeric() || *c == '\'' || *c == '-').collect();
            if clean.is_empty() {
                continue;
            }
            parts.push(format!("\"{}\"{}", clean, if prefix { "*" } else { "" }));
        }
    }
    parts.join(" ")
}

fn one_line(title: &str, body: &str) -> String {
    let text = if title.is_empty() { body.to_owned() } else { format!("{title} — {body}") };
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() > 90 { format!("{}…", flat.chars().take(89).collect::<String>()) } else { flat }
}
