//! `wellkept journal …`: add, list and search reflection-journal entries from the terminal.

use std::io::{BufRead, IsTerminal, Read, Write};

use wellkept::journal::entries;
use wellkept::vault::Vault;
use wellkept::{Error, Result};

/// Journal commands.
#[derive(clap::Subcommand)]
pub enum JournalAction {
    /// Add an entry. With --stdin-lines, add every line of standard input as its own entry (each
    /// with the --title and --mood given), printing `saved <id>` as each one is safely on disk.
    Add {
        /// The entry's text; without it, standard input (when it is not a terminal) is the entry.
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
    /// Change an entry's text, its title, or both; what is not given stays. If the entry was
    /// changed on another computer at the same time, both texts are kept (`wellkept sync
    /// conflicts`).
    Edit {
        /// The entry's id (from `wellkept journal list`).
        id: String,
        /// The new text; without it, standard input (when it is not a terminal).
        text: Vec<String>,
        /// A new title.
        #[arg(long)]
        title: Option<String>,
    },
    /// List the newest entries.
    List {
        /// How many (1 or more).
        #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..))]
        limit: u32,
    },
    /// Full-text search (words, "quoted phrases", prefix*).
    Search {
        /// What to look for.
        words: Vec<String>,
        /// How many results (1 or more).
        #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..))]
        limit: u32,
    },
}

pub async fn run(vault: &Vault, action: JournalAction) -> Result<()> {
    match action {
        JournalAction::Add { text, title, mood, stdin_lines: false } => {
            let mut body = text.join(" ");
            if text.is_empty() && !std::io::stdin().is_terminal() {
                // `echo … | wellkept journal add` or `wellkept journal add < entry.txt`: the
                // whole of standard input is one entry, line breaks kept.
                std::io::stdin()
                    .read_to_string(&mut body)
                    .map_err(|e| Error::Storage { action: "Reading standard input", source: e })?;
            }
            if body.trim().is_empty() {
                return Err(Error::invalid(
                    "Text",
                    "write something to add: as words after `add`, on standard input, or one entry per line with --stdin-lines",
                ));
            }
            let id = add(vault, title.unwrap_or_default(), body, mood).await?;
            println!("saved {id}");
            Ok(())
        }
        JournalAction::Add { stdin_lines: true, title, mood, .. } => {
            // Every line gets the title and the mood given (both used to be read, and the title
            // then dropped without a word).
            let title = title.unwrap_or_default();
            let stdin = std::io::stdin();
            let mut out = std::io::stdout().lock();
            for line in stdin.lock().lines() {
                let line = line.map_err(|e| Error::Storage { action: "Reading standard input", source: e })?;
                if line.trim().is_empty() {
                    continue;
                }
                let id = add(vault, title.clone(), line, mood).await?;
                // The id is printed only after the write is durable: a script (or the crash
                // test) can rely on every printed id surviving a crash.
                writeln!(out, "saved {id}")
                    .and_then(|()| out.flush())
                    .map_err(|e| Error::Storage { action: "Writing to standard output", source: e })?;
            }
            Ok(())
        }
        JournalAction::Edit { id, text, title } => {
            // The new text: the words given, else standard input when it holds something. With
            // neither, the text stays as it is (`--title` alone renames the entry): an empty
            // standard input (a script's, `< /dev/null`) must never wipe the entry's words.
            let mut body = (!text.is_empty()).then(|| text.join(" "));
            if body.is_none() && !std::io::stdin().is_terminal() {
                let mut piped = String::new();
                std::io::stdin()
                    .read_to_string(&mut piped)
                    .map_err(|e| Error::Storage { action: "Reading standard input", source: e })?;
                body = (!piped.trim().is_empty()).then_some(piped);
            }
            if body.as_deref().is_some_and(|b| b.trim().is_empty()) {
                return Err(Error::invalid(
                    "Text",
                    "an entry's text cannot be made empty; give the new words, or move the entry to the trash",
                ));
            }
            if body.is_none() && title.is_none() {
                return Err(Error::invalid(
                    "Text",
                    "nothing to change: give the new text (as words after the id, or on standard input), --title, or both",
                ));
            }
            let entry = entries::get_entry(vault, &id).await?;
            let update = entries::JournalEntryUpdate {
                entry_date: Some(entry.entry_date),
                title: title.unwrap_or(entry.title),
                body: body.unwrap_or(entry.body),
                prompt: entry.prompt,
                mood: entry.mood,
                tags: entry.tags,
                base: None,
            };
            let saved = entries::update_entry(vault, &id, update).await?;
            println!("saved {}", saved.id);
            Ok(())
        }
        JournalAction::List { limit } => {
            // Page by page up to `limit` (one page holds at most MAX_PAGE), and say when there
            // are more than were shown: a list that stops at 20 (or 500) must not pass for the
            // whole journal.
            let (mut offset, mut more) = (0, false);
            while offset < limit {
                let page_size = (limit - offset).min(wellkept::journal::MAX_PAGE);
                let filter = entries::EntryFilter { limit: page_size, offset, ..entries::EntryFilter::default() };
                let page = entries::list_entries(vault, filter).await?;
                if offset == 0 && page.items.is_empty() {
                    println!("No journal entries yet: add one with `wellkept journal add`.");
                }
                for e in &page.items {
                    // The mood as the window's list shows it ("· mood 7/10"); it was left out.
                    let mood = e.mood.map(|m| format!("mood {m}/10  ")).unwrap_or_default();
                    println!("{}  {}  {mood}{}", e.entry_date, e.id, one_line(&e.title, &e.body));
                }
                more = page.has_more;
                if !more {
                    break;
                }
                offset += page_size;
            }
            if more {
                println!("(the newest {limit} shown; there are more: use --limit)");
            }
            Ok(())
        }
        JournalAction::Search { words, limit } => {
            crate::print_search(vault, &words.join(" "), vec!["journal_entry".into()], limit).await
        }
    }
}

async fn add(vault: &Vault, title: String, body: String, mood: Option<i64>) -> Result<String> {
    let new = entries::NewJournalEntry {
        entry_date: Some(wellkept::clock::today_local()),
        title,
        body,
        mood,
        ..entries::NewJournalEntry::default()
    };
    Ok(entries::add_entry(vault, new).await?.id)
}

fn one_line(title: &str, body: &str) -> String {
    let text = match (title.is_empty(), body.trim().is_empty()) {
        (true, _) => body.to_owned(),
        (false, true) => title.to_owned(),
        (false, false) => format!("{title} — {body}"),
    };
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() > 90 { format!("{}…", flat.chars().take(89).collect::<String>()) } else { flat }
}
