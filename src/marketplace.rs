//! Marketplaces: each sets the default time zone, the order of numeric dates
//! and the fallback text encoding (SPEC §1, §2.2, §2.4).

use chrono_tz::Tz;
use encoding_rs::Encoding;

/// The order of day, month and year in a numeric date such as `03/04/26`
/// (`--date-order mdy|dmy|ymd`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DateOrder {
    #[value(name = "mdy")]
    MonthDayYear,
    #[value(name = "dmy")]
    DayMonthYear,
    #[value(name = "ymd")]
    YearMonthDay,
}

impl DateOrder {
    /// The value of `--date-order` that selects it.
    pub fn key(self) -> &'static str {
        match self {
            DateOrder::MonthDayYear => "mdy",
            DateOrder::DayMonthYear => "dmy",
            DateOrder::YearMonthDay => "ymd",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
#[value(rename_all = "UPPER")]
pub enum Marketplace {
    Us,
    Ca,
    Mx,
    Br,
    Uk,
    De,
    Fr,
    It,
    Es,
    Nl,
    Se,
    Pl,
    Be,
    Ie,
    Tr,
    Ae,
    Sa,
    Eg,
    In,
    Jp,
    Au,
    Sg,
}

impl Marketplace {
    pub fn code(self) -> &'static str {
        use Marketplace::*;
        match self {
            Us => "US",
            Ca => "CA",
            Mx => "MX",
            Br => "BR",
            Uk => "UK",
            De => "DE",
            Fr => "FR",
            It => "IT",
            Es => "ES",
            Nl => "NL",
            Se => "SE",
            Pl => "PL",
            Be => "BE",
            Ie => "IE",
            Tr => "TR",
            Ae => "AE",
            Sa => "SA",
            Eg => "EG",
            In => "IN",
            Jp => "JP",
            Au => "AU",
            Sg => "SG",
        }
    }

    /// The marketplace's time zone (SPEC §2.4).
    pub fn timezone(self) -> Tz {
        use chrono_tz::{Africa, America, Asia, Australia, Europe};
        use Marketplace::*;
        match self {
            Us | Ca => America::Los_Angeles,
            Mx => America::Mexico_City,
            Br => America::Sao_Paulo,
            Uk | Ie => Europe::London,
            De | Fr | It | Es | Nl | Se | Pl | Be => Europe::Berlin,
            Tr => Europe::Istanbul,
            Ae => Asia::Dubai,
            Sa => Asia::Riyadh,
            Eg => Africa::Cairo,
            In => Asia::Kolkata,
            Jp => Asia::Tokyo,
            Au => Australia::Sydney,
            Sg => Asia::Singapore,
        }
    }

    /// How numeric dates with `/` or `.` are ordered (SPEC §2.2).
    pub fn date_order(self) -> DateOrder {
        match self {
            Marketplace::Us => DateOrder::MonthDayYear,
            Marketplace::Jp | Marketplace::Se => DateOrder::YearMonthDay,
            _ => DateOrder::DayMonthYear,
        }
    }

    /// The encoding of text that is not valid UTF-8 (SPEC §2.1).
    pub fn fallback_encoding(self) -> &'static Encoding {
        match self {
            Marketplace::Jp => encoding_rs::SHIFT_JIS,
            _ => encoding_rs::WINDOWS_1252,
        }
    }
}
