//! Statement parameters as plain data.
//!
//! Every write is logged as its SQL text plus its parameters, so parameters must be values we
//! can serialise and replay exactly — not sqlx's opaque argument buffers. [`Value`] mirrors
//! SQLite's five storage classes; the [`params!`](crate::params) macro builds a list of them.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::sqlite::SqliteArguments;

/// One SQLite value: the parameter type of every recorded statement. [`Zeroize`](zeroize::Zeroize)
/// lets replay wipe the user's text out of records it has applied.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, zeroize::Zeroize)]
pub enum Value {
    /// SQL NULL.
    #[serde(rename = "n")]
    Null,
    /// A 64-bit integer (booleans are 0/1).
    #[serde(rename = "i")]
    Int(i64),
    /// A double.
    #[serde(rename = "r")]
    Real(f64),
    /// UTF-8 text (ids, dates as RFC 3339, JSON documents).
    #[serde(rename = "t")]
    Text(String),
    /// Raw bytes.
    #[serde(rename = "b")]
    Blob(Vec<u8>),
}

/// A statement's parameters, in order.
pub type Params = Vec<Value>;

/// Builds a [`Params`] list: `params![id, name, Some(3)]`.
#[macro_export]
macro_rules! params {
    () => { ::std::vec::Vec::<$crate::vault::Value>::new() };
    ($($v:expr),+ $(,)?) => { ::std::vec![$($crate::vault::Value::from($v)),+] };
}

macro_rules! from_int {
    ($($t:ty),*) => {$(
        impl From<$t> for Value {
            fn from(v: $t) -> Self { Value::Int(i64::from(v)) }
        }
    )*};
}
from_int!(i64, i32, u32, u16, u8, i16, i8);

impl From<usize> for Value {
    fn from(v: usize) -> Self {
        // usize values in this crate are counts and positions far below i64::MAX.
        Value::Int(i64::try_from(v).unwrap_or(i64::MAX))
    }
}
impl From<bool> for Value {
    fn from(v: bool) -> Self {
        Value::Int(i64::from(v))
    }
}
impl From<f64> for Value {
    fn from(v: f64) -> Self {
        Value::Real(v)
    }
}
impl From<f32> for Value {
    fn from(v: f32) -> Self {
        Value::Real(f64::from(v))
    }
}
impl From<String> for Value {
    fn from(v: String) -> Self {
        Value::Text(v)
    }
}
impl From<&String> for Value {
    fn from(v: &String) -> Self {
        Value::Text(v.clone())
    }
}
impl From<&str> for Value {
    fn from(v: &str) -> Self {
        Value::Text(v.to_owned())
    }
}
impl From<Vec<u8>> for Value {
    fn from(v: Vec<u8>) -> Self {
        Value::Blob(v)
    }
}
impl From<uuid::Uuid> for Value {
    fn from(v: uuid::Uuid) -> Self {
        Value::Text(v.to_string())
    }
}
impl From<DateTime<Utc>> for Value {
    fn from(v: DateTime<Utc>) -> Self {
        Value::Text(crate::vault::format_time(v))
    }
}
impl From<NaiveDate> for Value {
    fn from(v: NaiveDate) -> Self {
        Value::Text(v.format("%Y-%m-%d").to_string())
    }
}
impl From<serde_json::Value> for Value {
    fn from(v: serde_json::Value) -> Self {
        Value::Text(v.to_string())
    }
}
impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Self {
        v.map_or(Value::Null, Into::into)
    }
}
impl<T: Clone + Into<Value>> From<&Option<T>> for Value {
    fn from(v: &Option<T>) -> Self {
        v.clone().map_or(Value::Null, Into::into)
    }
}

/// Binds `params` to a fresh argument list, in order.
pub(crate) fn arguments(params: &[Value]) -> SqliteArguments {
    use sqlx::Arguments;
    let mut args = SqliteArguments::default();
    for p in params {
        // Adding an owned value of a supported type to SqliteArguments cannot fail: the only
        // error path is a type whose Encode impl fails, and these built-in impls do not.
        let added = match p {
            Value::Null => args.add(Option::<i64>::None),
            Value::Int(i) => args.add(*i),
            Value::Real(r) => args.add(*r),
            Value::Text(t) => args.add(t.clone()),
            Value::Blob(b) => args.add(b.clone()),
        };
        debug_assert!(added.is_ok(), "encoding a plain SQLite value never fails");
    }
    args
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_macro_converts_every_supported_type() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid date");
        let p = crate::params![1i64, 2u32, true, 1.5f64, "a", String::from("b"), None::<i64>, Some("c"), day];
        assert_eq!(
            p,
            vec![
                Value::Int(1),
                Value::Int(2),
                Value::Int(1),
                Value::Real(1.5),
                Value::Text("a".into()),
                Value::Text("b".into()),
                Value::Null,
                Value::Text("c".into()),
                Value::Text("2026-11-23".into()),
            ]
        );
    }

    #[test]
    fn values_round_trip_through_json_exactly() {
        let p = crate::params![i64::MIN, f64::MAX, "ünïcödé \u{0}", vec![0u8, 255]];
        let json = serde_json::to_string(&p).expect("serialise");
        let back: Params = serde_json::from_str(&json).expect("parse");
        assert_eq!(p, back);
    }
}
