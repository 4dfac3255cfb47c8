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
    Za,
}

impl Marketplace {
    /// Every marketplace, in the order of SPEC §1 (ZA last).
    pub const ALL: [Marketplace; 23] = {
        use Marketplace::*;
        [
            Us, Ca, Mx, Br, Uk, De, Fr, It, Es, Nl, Se, Pl, Be, Ie, Tr, Ae, Sa, Eg, In, Jp, Au, Sg,
            Za,
        ]
    };

    /// Amazon's marketplace id (`ATVPDKIKX0DER` for US), as in its reports.
    pub fn amazon_id(self) -> &'static str {
        use Marketplace::*;
        match self {
            Us => "ATVPDKIKX0DER",
            Ca => "A2EUQ1WTGCTBG2",
            Mx => "A1AM78C64UM0Y8",
            Br => "A2Q3Y263D00KWC",
            Uk => "A1F83G8C2ARO7P",
            De => "A1PA6795UKMFR9",
            Fr => "A13V1IB3VIYZZH",
            It => "APJ6JRA9NG5V4",
            Es => "A1RKKUPIHCS9HS",
            Nl => "A1805IZSGTT6HS",
            Se => "A2NODRKZP88ZB9",
            Pl => "A1C3SOZRARQ6R3",
            Be => "AMEN7PMS3EDWL",
            Ie => "A28R8C7NBKEWEA",
            Tr => "A33AVAJ2PDY3EV",
            Ae => "A2VIGQ35RCS4UG",
            Sa => "A17E79C6D8DWNP",
            Eg => "ARBP9OOSHTCHU",
            In => "A21TJRUUN4KGV",
            Jp => "A1VC38T7YXB528",
            Au => "A39IBJ37TRP1C6",
            Sg => "A19VAU5U5O7RUS",
            Za => "AE08WJ6YKNBMC",
        }
    }

    /// The marketplace of an Amazon marketplace id.
    pub fn from_amazon_id(id: &str) -> Option<Marketplace> {
        let id = id.trim();
        Marketplace::ALL.into_iter().find(|m| m.amazon_id() == id)
    }

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
            Za => "ZA",
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
            Za => Africa::Johannesburg,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amazon_ids_are_distinct_and_round_trip() {
        for m in Marketplace::ALL {
            assert_eq!(
                Marketplace::from_amazon_id(m.amazon_id()),
                Some(m),
                "{}",
                m.code()
            );
        }
        assert_eq!(
            Marketplace::from_amazon_id("ATVPDKIKX0DER"),
            Some(Marketplace::Us)
        );
        assert_eq!(Marketplace::from_amazon_id("nope"), None);
    }
}
