//! Money in integer minor units, never floats: [`Money`] pairs an `i64` count of the
//! currency's smallest unit (pence, cents, yen, fils) with its ISO 4217 [`Currency`], whose
//! exponent says how many decimals a typed amount may have (JPY none, BHD/KWD/OMR three).
//!
//! Formatting is one locale-independent style, chosen so an amount reads the same on every
//! computer: a symbol where it is unambiguous among the currencies supported (`£12.50`,
//! `€12.50`, `$12.50` for US dollars, `¥1,200`), otherwise the code and a space
//! (`AUD 12.50`, `BHD 1.250`); thousands grouped with commas, a point before the decimals, a
//! minus sign in front (`-£3.00`). Tax is worked out per line in minor units with
//! [`tax_on`]: half away from zero (see `docs/billing.md`).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// The largest amount accepted, in minor units (ten thousand million of the major unit at two
/// decimals): far above any fee, far below where `i64` arithmetic on sums could overflow.
pub const MAX_MINOR: i64 = 1_000_000_000_000;

/// The currencies Wellkept bills in (ISO 4217 codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[allow(missing_docs)]
pub enum Currency {
    GBP,
    EUR,
    USD,
    AUD,
    CAD,
    NZD,
    CHF,
    SEK,
    NOK,
    DKK,
    JPY,
    BHD,
    KWD,
    OMR,
}

impl Currency {
    /// Every supported currency.
    pub const ALL: [Currency; 14] = [
        Currency::GBP,
        Currency::EUR,
        Currency::USD,
        Currency::AUD,
        Currency::CAD,
        Currency::NZD,
        Currency::CHF,
        Currency::SEK,
        Currency::NOK,
        Currency::DKK,
        Currency::JPY,
        Currency::BHD,
        Currency::KWD,
        Currency::OMR,
    ];

    /// The ISO 4217 code.
    pub fn code(self) -> &'static str {
        match self {
            Currency::GBP => "GBP",
            Currency::EUR => "EUR",
            Currency::USD => "USD",
            Currency::AUD => "AUD",
            Currency::CAD => "CAD",
            Currency::NZD => "NZD",
            Currency::CHF => "CHF",
            Currency::SEK => "SEK",
            Currency::NOK => "NOK",
            Currency::DKK => "DKK",
            Currency::JPY => "JPY",
            Currency::BHD => "BHD",
            Currency::KWD => "KWD",
            Currency::OMR => "OMR",
        }
    }

    /// The ISO 4217 minor-unit exponent: how many decimals an amount has.
    pub fn exponent(self) -> u32 {
        match self {
            Currency::JPY => 0,
            Currency::BHD | Currency::KWD | Currency::OMR => 3,
            _ => 2,
        }
    }

    /// The symbol written before an amount, where unambiguous among the supported currencies.
    fn symbol(self) -> Option<&'static str> {
        match self {
            Currency::GBP => Some("£"),
            Currency::EUR => Some("€"),
            Currency::USD => Some("$"),
            Currency::JPY => Some("¥"),
            _ => None,
        }
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Currency {
    type Err = Error;

    fn from_str(s: &str) -> Result<Currency> {
        let code = s.trim().to_ascii_uppercase();
        Currency::ALL.into_iter().find(|c| c.code() == code).ok_or_else(|| {
            let known: Vec<&str> = Currency::ALL.iter().map(|c| c.code()).collect();
            Error::invalid(
                "Currency",
                format!("“{}” is not a currency Wellkept bills in; use one of {}", s.trim(), known.join(", ")),
            )
        })
    }
}

/// An amount of money: a count of the currency's minor units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Money {
    /// The amount in minor units (pence, cents, yen, fils); negative for a credit.
    #[ts(type = "number")]
    pub minor: i64,
    /// Its currency.
    pub currency: Currency,
}

impl Money {
    /// `minor` units of `currency`.
    pub fn new(minor: i64, currency: Currency) -> Money {
        Money { minor, currency }
    }

    /// Parses an amount as a person types it for `currency`: digits, optionally a point and at
    /// most the currency's number of decimals ("12.50", "12.5", "12" for GBP; "1200" for JPY;
    /// "1.250" for BHD). No sign, no symbol, no grouping. `field` names the field in errors.
    pub fn parse(field: &str, text: &str, currency: Currency) -> Result<Money> {
        let text = text.trim();
        let (whole, fraction) = match text.split_once('.') {
            Some((w, f)) => (w, Some(f)),
            None => (text, None),
        };
        let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
        let example = match currency.exponent() {
            0 => "1200",
            3 => "12.500",
            _ => "12.50",
        };
        if !digits(whole) || fraction.is_some_and(|f| !digits(f)) {
            return Err(Error::invalid(field, format!("“{text}” is not an amount; write it like {example}")));
        }
        let exponent = currency.exponent();
        let fraction = fraction.unwrap_or_default();
        if fraction.len() > exponent as usize {
            let decimals = match exponent {
                0 => "no decimals".to_owned(),
                1 => "one decimal".to_owned(),
                n => format!("{n} decimals"),
            };
            return Err(Error::invalid(
                field,
                format!(
                    "“{text}” has too many decimals: {} amounts have {decimals}; write it like {example}",
                    currency.code()
                ),
            ));
        }
        let scale = 10i64.pow(exponent);
        let too_big = || Error::invalid(field, format!("“{text}” is larger than Wellkept accepts"));
        let whole: i64 = whole.parse().map_err(|_| too_big())?;
        let padded = format!("{fraction:0<width$}", width = exponent as usize);
        let fraction: i64 = if padded.is_empty() { 0 } else { padded.parse().map_err(|_| too_big())? };
        let minor = whole.checked_mul(scale).and_then(|w| w.checked_add(fraction)).filter(|m| *m <= MAX_MINOR);
        minor.map(|minor| Money { minor, currency }).ok_or_else(too_big)
    }

    /// The amount without a symbol: "1,234.50", "1,200", "1.250", "-3.00".
    pub fn plain(&self) -> String {
        let exponent = self.currency.exponent();
        let scale = 10u64.pow(exponent);
        let abs = self.minor.unsigned_abs();
        let (whole, fraction) = (abs / scale, abs % scale);
        let whole = whole.to_string();
        let mut grouped = String::new();
        for (i, c) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(c);
        }
        let sign = if self.minor < 0 { "-" } else { "" };
        if exponent == 0 {
            format!("{sign}{grouped}")
        } else {
            format!("{sign}{grouped}.{fraction:0width$}", width = exponent as usize)
        }
    }

    /// The amount with no grouping, for machines (CSV): "1234.50", "1200", "-1.250".
    pub fn decimal(&self) -> String {
        self.plain().replace(',', "")
    }
}

impl fmt::Display for Money {
    /// "£1,234.50", "¥1,200", "BHD 1.250", "-£3.00", "AUD -3.00".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plain = self.plain();
        match self.currency.symbol() {
            Some(symbol) => match plain.strip_prefix('-') {
                Some(rest) => write!(f, "-{symbol}{rest}"),
                None => write!(f, "{symbol}{plain}"),
            },
            None => write!(f, "{} {plain}", self.currency.code()),
        }
    }
}

/// A tax rate in hundredths of a percent ("basis points"): 2000 is 20%, 750 is 7.5%.
pub type RateBasisPoints = u32;

/// Parses a tax rate as typed: "20", "7.5", "0.25" percent (at most two decimals, at most 100).
pub fn parse_rate(text: &str) -> Result<RateBasisPoints> {
    let m = Money::parse("Tax rate", text.trim().trim_end_matches('%'), Currency::GBP).map_err(|_| {
        Error::invalid("Tax rate", format!("“{}” is not a percentage; write it like 20 or 7.5", text.trim()))
    })?;
    if m.minor > 10_000 {
        return Err(Error::invalid("Tax rate", "is more than 100%"));
    }
    Ok(m.minor as RateBasisPoints)
}

/// A rate for people: "20%", "7.5%", "0.25%".
pub fn format_rate(rate: RateBasisPoints) -> String {
    let (whole, fraction) = (rate / 100, rate % 100);
    match fraction {
        0 => format!("{whole}%"),
        f if f % 10 == 0 => format!("{whole}.{}%", f / 10),
        f => format!("{whole}.{f:02}%"),
    }
}

/// The tax on one line of `net` minor units at `rate`, in minor units of the same currency:
/// `net × rate / 10000`, rounded half away from zero to a whole minor unit. Worked out on
/// integers (`i128`, so no product overflows), so there is no float anywhere; because it is in
/// minor units it rounds to the pence for GBP, to the yen for JPY, to the fils for BHD.
pub fn tax_on(net: i64, rate: RateBasisPoints) -> i64 {
    let product = i128::from(net) * i128::from(rate);
    let (quotient, remainder) = (product / 10_000, product % 10_000);
    let rounded = if remainder.abs() * 2 >= 10_000 { quotient + product.signum() } else { quotient };
    rounded as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_parse_per_currency_and_too_many_decimals_are_refused() {
        assert_eq!(Money::parse("Fee", "12.50", Currency::GBP).expect("gbp").minor, 1250);
        assert_eq!(Money::parse("Fee", "12.5", Currency::GBP).expect("gbp").minor, 1250);
        assert_eq!(Money::parse("Fee", " 12 ", Currency::EUR).expect("eur").minor, 1200);
        assert_eq!(Money::parse("Fee", "1200", Currency::JPY).expect("jpy").minor, 1200);
        assert_eq!(Money::parse("Fee", "1.250", Currency::BHD).expect("bhd").minor, 1250);
        assert_eq!(Money::parse("Fee", "1.25", Currency::KWD).expect("kwd").minor, 1250);
        assert_eq!(Money::parse("Fee", "0.005", Currency::OMR).expect("omr").minor, 5);
        let e = Money::parse("Fee", "12.505", Currency::GBP).expect_err("three decimals in GBP");
        assert_eq!(
            e.to_string(),
            "Fee: “12.505” has too many decimals: GBP amounts have 2 decimals; write it like 12.50"
        );
        let e = Money::parse("Fee", "1200.5", Currency::JPY).expect_err("decimals in JPY");
        assert_eq!(
            e.to_string(),
            "Fee: “1200.5” has too many decimals: JPY amounts have no decimals; write it like 1200"
        );
        assert!(Money::parse("Fee", "1.2505", Currency::BHD).is_err());
        for bad in ["", "-3", "£12", "12,50", "1,200", "12.", ".5", "1e3", "12.5.0", "abc"] {
            let e = Money::parse("Fee", bad, Currency::GBP).expect_err(bad);
            assert!(e.to_string().ends_with("write it like 12.50"), "{bad}: {e}");
        }
        assert!(Money::parse("Fee", "99999999999999999999", Currency::GBP).is_err());
        assert!(Money::parse("Fee", "10000000000.01", Currency::GBP).is_err(), "over MAX_MINOR");
    }

    #[test]
    fn amounts_format_with_the_documented_style() {
        assert_eq!(Money::new(1250, Currency::GBP).to_string(), "£12.50");
        assert_eq!(Money::new(123_456_789, Currency::GBP).to_string(), "£1,234,567.89");
        assert_eq!(Money::new(-300, Currency::GBP).to_string(), "-£3.00");
        assert_eq!(Money::new(5, Currency::EUR).to_string(), "€0.05");
        assert_eq!(Money::new(1200, Currency::JPY).to_string(), "¥1,200");
        assert_eq!(Money::new(1250, Currency::BHD).to_string(), "BHD 1.250");
        assert_eq!(Money::new(-7, Currency::KWD).to_string(), "KWD -0.007");
        assert_eq!(Money::new(100_000, Currency::AUD).to_string(), "AUD 1,000.00");
        assert_eq!(Money::new(-123_456, Currency::JPY).decimal(), "-123456");
        assert_eq!(Money::new(123_456, Currency::GBP).decimal(), "1234.56");
        assert_eq!(Money::new(0, Currency::OMR).to_string(), "OMR 0.000");
    }

    #[test]
    fn parsing_and_formatting_round_trip_for_every_currency() {
        for c in Currency::ALL {
            for minor in [0, 1, 9, 10, 99, 100, 1234, 100_000, 987_654_321] {
                let m = Money::new(minor, c);
                assert_eq!(Money::parse("Fee", &m.decimal(), c).expect("parses"), m, "{m}");
            }
            assert_eq!(c.code().parse::<Currency>().expect("code"), c);
        }
        assert_eq!(" gbp ".parse::<Currency>().expect("lower case"), Currency::GBP);
        assert!("XBT".parse::<Currency>().expect_err("unknown").to_string().contains("GBP, EUR, USD"));
    }

    #[test]
    fn tax_rounds_half_away_from_zero_in_minor_units() {
        // 20% of £12.50 is exactly £2.50.
        assert_eq!(tax_on(1250, 2000), 250);
        // 7.5% of £0.10 is 0.75p → 1p; of £0.06 is 0.45p → 0p; of 2p is 0.15p → 0p.
        assert_eq!(tax_on(10, 750), 1);
        assert_eq!(tax_on(6, 750), 0);
        // Exactly half a unit goes away from zero: 5% of 10p is 0.5p → 1p; of -10p → -1p.
        assert_eq!(tax_on(10, 500), 1);
        assert_eq!(tax_on(-10, 500), -1);
        // JPY has no minor unit: 10% of ¥1,205 is ¥120.5 → ¥121; 8% of ¥1,206 is ¥96.48 → ¥96.
        assert_eq!(tax_on(1205, 1000), 121);
        assert_eq!(tax_on(1206, 800), 96);
        // BHD rounds to the fils: 10% of BHD 1.255 is 0.1255 → 0.126; 5% of 0.011 is 0.00055 → 0.001.
        assert_eq!(tax_on(1255, 1000), 126);
        assert_eq!(tax_on(11, 500), 1);
        assert_eq!(tax_on(MAX_MINOR, 10_000), MAX_MINOR);
        assert_eq!(tax_on(0, 2000), 0);
    }

    #[test]
    fn rates_parse_and_format() {
        assert_eq!(parse_rate("20").expect("20"), 2000);
        assert_eq!(parse_rate("7.5%").expect("7.5"), 750);
        assert_eq!(parse_rate("0.25").expect("0.25"), 25);
        assert!(parse_rate("100.01").is_err());
        assert!(parse_rate("7.125").is_err());
        assert_eq!(format_rate(2000), "20%");
        assert_eq!(format_rate(750), "7.5%");
        assert_eq!(format_rate(25), "0.25%");
        assert_eq!(format_rate(0), "0%");
    }
}
