//! Reading JSON exports field by field, so that every error names its JSON path
//! (`entries[12].creationDate`) and says what was expected there.

use serde_json::{Map, Value};

use super::ImportError;

/// Parses a JSON document, naming the line and column when it is not valid JSON.
pub(crate) fn parse_document(file: &str, bytes: &[u8]) -> Result<Value, ImportError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    serde_json::from_slice(bytes).map_err(|error| {
        use serde_json::error::Category;
        let reason = match error.classify() {
            Category::Eof => "the file ends in the middle of the JSON (was it cut short?)",
            Category::Io | Category::Syntax => "this is not valid JSON",
            Category::Data => "this value is not allowed here",
        };
        ImportError::BadJson {
            file: file.to_owned(),
            path: format!("line {}, column {}", error.line(), error.column()),
            reason: reason.to_owned(),
        }
    })
}

/// A JSON object at a known path in a known file.
pub(crate) struct JsonObject<'a> {
    file: &'a str,
    path: String,
    map: &'a Map<String, Value>,
}

impl<'a> JsonObject<'a> {
    /// `value` as an object at `path` (empty for the document itself).
    pub(crate) fn new(file: &'a str, path: String, value: &'a Value) -> Result<Self, ImportError> {
        match value.as_object() {
            Some(map) => Ok(Self { file, path, map }),
            None => Err(ImportError::BadJson {
                file: file.to_owned(),
                path: if path.is_empty() { "the top level".to_owned() } else { path },
                reason: format!("expected an object {{...}}, found {}", kind(value)),
            }),
        }
    }

    /// The path of `key` inside this object.
    pub(crate) fn path_of(&self, key: &str) -> String {
        if self.path.is_empty() { key.to_owned() } else { format!("{}.{key}", self.path) }
    }

    /// An error about `key` in this object.
    pub(crate) fn error(&self, key: &str, reason: impl Into<String>) -> ImportError {
        ImportError::BadJson { file: self.file.to_owned(), path: self.path_of(key), reason: reason.into() }
    }

    fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|value| !value.is_null())
    }

    /// A text field that must be present.
    pub(crate) fn required_str(&self, key: &str) -> Result<&'a str, ImportError> {
        match self.get(key) {
            Some(Value::String(text)) => Ok(text),
            Some(other) => Err(self.error(key, format!("expected text, found {}", kind(other)))),
            None => Err(self.error(key, "this field is missing")),
        }
    }

    /// A text field that may be absent or null.
    pub(crate) fn optional_str(&self, key: &str) -> Result<Option<&'a str>, ImportError> {
        match self.get(key) {
            Some(Value::String(text)) => Ok(Some(text)),
            Some(other) => Err(self.error(key, format!("expected text, found {}", kind(other)))),
            None => Ok(None),
        }
    }

    /// A true/false field; absent means false.
    pub(crate) fn optional_bool(&self, key: &str) -> Result<bool, ImportError> {
        match self.get(key) {
            Some(Value::Bool(flag)) => Ok(*flag),
            Some(other) => Err(self.error(key, format!("expected true or false, found {}", kind(other)))),
            None => Ok(false),
        }
    }

    /// A list of texts; absent means empty. An element of the wrong type is named by index.
    pub(crate) fn string_list(&self, key: &str) -> Result<Vec<String>, ImportError> {
        let Some(value) = self.get(key) else {
            return Ok(Vec::new());
        };
        let Value::Array(items) = value else {
            return Err(self.error(key, format!("expected a list [...], found {}", kind(value))));
        };
        items
            .iter()
            .enumerate()
            .map(|(index, item)| match item {
                Value::String(text) => Ok(text.clone()),
                other => Err(self.error(&format!("{key}[{index}]"), format!("expected text, found {}", kind(other)))),
            })
            .collect()
    }

    /// A list that may be absent or null (then empty).
    pub(crate) fn optional_array(&self, key: &str) -> Result<&'a [Value], ImportError> {
        match self.get(key) {
            Some(Value::Array(items)) => Ok(items),
            None => Ok(&[]),
            Some(other) => Err(self.error(key, format!("expected a list [...], found {}", kind(other)))),
        }
    }

    /// A list that must be present.
    pub(crate) fn required_array(&self, key: &str) -> Result<&'a [Value], ImportError> {
        match self.get(key) {
            Some(Value::Array(items)) => Ok(items),
            Some(other) => Err(self.error(key, format!("expected a list [...], found {}", kind(other)))),
            None => Err(self.error(key, "this field is missing")),
        }
    }
}

/// What kind of JSON value this is, in words.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_path_and_what_was_expected() {
        let value = serde_json::json!({"entries": [{"tags": ["a", 3], "text": 1}]});
        let root = JsonObject::new("f.json", String::new(), &value).expect("object");
        let entries = root.required_array("entries").expect("array");
        let entry = JsonObject::new("f.json", "entries[0]".into(), &entries[0]).expect("object");
        let error = entry.string_list("tags").expect_err("3 is not text").to_string();
        assert!(error.contains("entries[0].tags[1]") && error.contains("found a number"), "{error}");
        let error = entry.required_str("text").expect_err("1 is not text").to_string();
        assert!(error.contains("entries[0].text"), "{error}");
        let error = entry.required_str("uuid").expect_err("missing").to_string();
        assert!(
            error.contains("entries[0].uuid: this field is missing")
                || error.contains("at entries[0].uuid, this field is missing"),
            "{error}"
        );
    }

    #[test]
    fn invalid_json_names_line_and_column() {
        let error = parse_document("f.json", b"{\n  \"entries\": [,]\n}").expect_err("bad");
        assert!(error.to_string().contains("line 2, column"), "{error}");
        let error = parse_document("f.json", b"{\"entries\": [").expect_err("cut");
        assert!(error.to_string().contains("cut short"), "{error}");
    }
}

/// Reading a journal export one entry at a time, so memory holds one entry's JSON, not the
/// document's: a file of `{"…": …, "entries": [ {…}, {…}, … ]}` is read straight from its
/// source (a file, or a zip entry as it is decompressed), other top-level fields are skipped
/// without being kept, and each entry is handed over as it is parsed. Sizes are counted as the
/// bytes are consumed: the whole stream against `budget`, each entry against
/// [`limits::MAX_ENTRY_BYTES`](super::limits::MAX_ENTRY_BYTES), the number of entries against
/// [`limits::MAX_ENTRIES`](super::limits::MAX_ENTRIES); past any of them reading stops at once.
pub(crate) mod stream {
    use std::cell::{Cell, RefCell};
    use std::fmt;
    use std::io::{self, BufRead as _, BufReader, Read};
    use std::rc::Rc;

    use serde::de::{DeserializeSeed, Deserializer as _, IgnoredAny, MapAccess, SeqAccess, Visitor};
    use serde_json::Value;

    use super::super::ImportError;
    use super::super::limits::{MAX_ENTRIES, MAX_ENTRY_BYTES, MAX_ENTRY_WORDS};

    /// Which limit stopped the reading.
    #[derive(Clone, Copy)]
    enum Over {
        Budget,
        Entry,
    }

    /// Counts what the parser consumes and stops it past a limit.
    struct Counted<R> {
        inner: R,
        /// Bytes consumed so far.
        at: Rc<Cell<u64>>,
        /// Where the entry being read began, while one is.
        entry_from: Rc<Cell<Option<u64>>>,
        budget: u64,
        over: Rc<Cell<Option<Over>>>,
    }

    impl<R: Read> Read for Counted<R> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.inner.read(buf)?;
            let at = self.at.get() + n as u64;
            self.at.set(at);
            let over = if at > self.budget {
                Some(Over::Budget)
            } else if self.entry_from.get().is_some_and(|from| at - from > MAX_ENTRY_BYTES) {
                Some(Over::Entry)
            } else {
                None
            };
            if let Some(over) = over {
                self.over.set(Some(over));
                return Err(io::Error::other("import size limit"));
            }
            Ok(n)
        }
    }

    /// What the callback or a limit said, carried past serde's own error type.
    struct Shared<'f, F> {
        each: RefCell<F>,
        stopped: RefCell<Option<ImportError>>,
        entry_from: Rc<Cell<Option<u64>>>,
        at: Rc<Cell<u64>>,
        file: &'f str,
        found_entries: Cell<bool>,
    }

    /// Streams the `entries` array of the JSON document in `reader`, calling `each(index,
    /// entry)` for every element. `budget` is the most bytes the whole document may have.
    /// Returns the bytes consumed. A document without `entries` is an error naming the field.
    pub(crate) fn for_each_entry<R: Read>(
        file: &str,
        reader: R,
        budget: u64,
        budget_words: &'static str,
        each: impl FnMut(usize, &Value) -> Result<(), ImportError>,
    ) -> Result<u64, ImportError> {
        let at = Rc::new(Cell::new(0u64));
        let entry_from = Rc::new(Cell::new(None));
        let over = Rc::new(Cell::new(None));
        // Counted beneath the buffer: the decompressor or file is read in 64 KiB chunks, and the
        // limits are checked per chunk, not per byte (an entry may pass its limit by one chunk).
        let counted = Counted {
            inner: reader,
            at: Rc::clone(&at),
            entry_from: Rc::clone(&entry_from),
            budget,
            over: Rc::clone(&over),
        };
        let shared = Shared {
            each: RefCell::new(each),
            stopped: RefCell::new(None),
            entry_from,
            at: Rc::clone(&at),
            file,
            found_entries: Cell::new(false),
        };
        let mut buffered = BufReader::with_capacity(64 * 1024, counted);
        // A byte-order mark is not JSON; Day One does not write one but editors do.
        let start = buffered.fill_buf().map_err(|error| stop_error(file, &over, budget_words, error))?;
        if start.starts_with(b"\xEF\xBB\xBF") {
            buffered.consume(3);
        }
        let mut de = serde_json::Deserializer::from_reader(buffered);
        let outcome = de.deserialize_map(Document(&shared)).and_then(|()| de.end());
        if let Some(error) = shared.stopped.borrow_mut().take() {
            return Err(error);
        }
        if let Some(limit) = over.get() {
            return Err(limit_error(file, limit, budget_words));
        }
        outcome.map_err(|error| json_error(file, &error))?;
        if !shared.found_entries.get() {
            return Err(ImportError::BadJson {
                file: file.to_owned(),
                path: "entries".to_owned(),
                reason: "this field is missing".to_owned(),
            });
        }
        Ok(at.get())
    }

    fn stop_error(file: &str, over: &Cell<Option<Over>>, words: &'static str, error: io::Error) -> ImportError {
        match over.get() {
            Some(limit) => limit_error(file, limit, words),
            None => ImportError::BadJson {
                file: file.to_owned(),
                path: "line 1, column 1".to_owned(),
                reason: format!("it could not be read ({})", error.kind()),
            },
        }
    }

    fn limit_error(file: &str, over: Over, budget_words: &'static str) -> ImportError {
        match over {
            Over::Budget => {
                ImportError::TooLarge { file: file.to_owned(), what: "the unpacked journal files", limit: budget_words }
            }
            Over::Entry => ImportError::TooLarge { file: file.to_owned(), what: "one entry", limit: MAX_ENTRY_WORDS },
        }
    }

    fn json_error(file: &str, error: &serde_json::Error) -> ImportError {
        use serde_json::error::Category;
        let (path, reason) = match error.classify() {
            Category::Eof => (
                format!("line {}, column {}", error.line(), error.column()),
                "the file ends in the middle of the JSON (was it cut short?)".to_owned(),
            ),
            Category::Io | Category::Syntax => {
                (format!("line {}, column {}", error.line(), error.column()), "this is not valid JSON".to_owned())
            }
            Category::Data if error.to_string().contains("expected a list of entries") => {
                ("entries".to_owned(), format!("expected a list [...], found {}", super::found_in(&error.to_string())))
            }
            Category::Data if error.to_string().starts_with("invalid type") => (
                "the top level".to_owned(),
                format!("expected an object {{...}}, found {}", super::found_in(&error.to_string())),
            ),
            Category::Data => (
                format!("line {}, column {}", error.line(), error.column()),
                "this value is not allowed here".to_owned(),
            ),
        };
        ImportError::BadJson { file: file.to_owned(), path, reason }
    }

    /// The top-level object.
    struct Document<'s, 'f, F>(&'s Shared<'f, F>);

    impl<'de, F: FnMut(usize, &Value) -> Result<(), ImportError>> Visitor<'de> for Document<'_, '_, F> {
        type Value = ();

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            while let Some(key) = map.next_key::<String>()? {
                if key == "entries" && !self.0.found_entries.get() {
                    self.0.found_entries.set(true);
                    map.next_value_seed(Entries(self.0))?;
                } else {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            Ok(())
        }
    }

    /// The `entries` array.
    struct Entries<'s, 'f, F>(&'s Shared<'f, F>);

    impl<'de, F: FnMut(usize, &Value) -> Result<(), ImportError>> DeserializeSeed<'de> for Entries<'_, '_, F> {
        type Value = ();

        fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
            deserializer.deserialize_seq(self)
        }
    }

    impl<'de, F: FnMut(usize, &Value) -> Result<(), ImportError>> Visitor<'de> for Entries<'_, '_, F> {
        type Value = ();

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a list of entries")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            use serde::de::Error as _;
            let mut index = 0usize;
            loop {
                self.0.entry_from.set(Some(self.0.at.get()));
                let Some(entry) = seq.next_element::<Value>()? else { break };
                self.0.entry_from.set(None);
                if index == MAX_ENTRIES {
                    *self.0.stopped.borrow_mut() = Some(ImportError::TooLarge {
                        file: self.0.file.to_owned(),
                        what: "the number of entries",
                        limit: super::super::limits::MAX_ENTRIES_WORDS,
                    });
                    return Err(A::Error::custom("too many entries"));
                }
                if let Err(error) = (self.0.each.borrow_mut())(index, &entry) {
                    *self.0.stopped.borrow_mut() = Some(error);
                    return Err(A::Error::custom("entry refused"));
                }
                index += 1;
            }
            self.0.entry_from.set(None);
            Ok(())
        }

        fn visit_map<A: MapAccess<'de>>(self, _map: A) -> Result<(), A::Error> {
            use serde::de::Error as _;
            *self.0.stopped.borrow_mut() = Some(ImportError::BadJson {
                file: self.0.file.to_owned(),
                path: "entries".to_owned(),
                reason: "expected a list [...], found an object {...}".to_owned(),
            });
            Err(A::Error::custom("entries is not a list"))
        }
    }
}

/// The JSON kind named in serde's "invalid type: X, expected Y" message, in this module's words.
fn found_in(message: &str) -> &'static str {
    let found = message.strip_prefix("invalid type: ").unwrap_or("");
    if found.starts_with("sequence") {
        "a list"
    } else if found.starts_with("map") {
        "an object"
    } else if found.starts_with("string") {
        "text"
    } else if found.starts_with("integer") || found.starts_with("floating") {
        "a number"
    } else if found.starts_with("boolean") {
        "true/false"
    } else if found.starts_with("null") || found.starts_with("unit") {
        "null"
    } else {
        "something else"
    }
}
