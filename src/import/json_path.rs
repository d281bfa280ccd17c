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

    /// How many items a list holds; absent or null means none.
    pub(crate) fn optional_array_len(&self, key: &str) -> Result<usize, ImportError> {
        match self.get(key) {
            Some(Value::Array(items)) => Ok(items.len()),
            Some(Value::Null) | None => Ok(0),
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
