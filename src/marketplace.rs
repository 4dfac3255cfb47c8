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

/// What an order's `sales-channel` says (SPEC §12.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SalesChannel {
    /// An Amazon store: the order belongs to that marketplace.
    Amazon(Marketplace),
    /// `Non-Amazon`: a multi-channel fulfilment order, not an Amazon order.
    NonAmazon,
}

impl SalesChannel {
    /// `Amazon.co.uk` (any case, `www.` allowed) or `Non-Amazon`; `None` for
    /// an empty or unknown value.
    pub fn parse(value: &str) -> Option<SalesChannel> {
        let v = value.trim();
        if v.is_empty() {
            return None;
        }
        let bare = v
            .get(..4)
            .filter(|p| p.eq_ignore_ascii_case("www."))
            .map_or(v, |_| &v[4..]);
        if let Some(m) = Marketplace::ALL
            .into_iter()
            .find(|m| m.store().eq_ignore_ascii_case(bare))
        {
            return Some(SalesChannel::Amazon(m));
        }
        let words: String = v
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        (words == "nonamazon").then_some(SalesChannel::NonAmazon)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, clap::ValueEnum)]
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

    /// The host of its Amazon store, as in an order's `sales-channel`
    /// (`Amazon.com` for US).
    pub fn store(self) -> &'static str {
        use Marketplace::*;
        match self {
            Us => "Amazon.com",
            Ca => "Amazon.ca",
            Mx => "Amazon.com.mx",
            Br => "Amazon.com.br",
            Uk => "Amazon.co.uk",
            De => "Amazon.de",
            Fr => "Amazon.fr",
            It => "Amazon.it",
            Es => "Amazon.es",
            Nl => "Amazon.nl",
            Se => "Amazon.se",
            Pl => "Amazon.pl",
            Be => "Amazon.com.be",
            Ie => "Amazon.ie",
            Tr => "Amazon.com.tr",
            Ae => "Amazon.ae",
            Sa => "Amazon.sa",
            Eg => "Amazon.eg",
            In => "Amazon.in",
            Jp => "Amazon.co.jp",
            Au => "Amazon.com.au",
            Sg => "Amazon.sg",
            Za => "Amazon.co.za",
        }
    }

    /// The one marketplace whose currency this is (SPEC §12.1); `None` for
    /// USD and EUR, which several marketplaces use, and for anything else.
    pub fn of_currency(code: &str) -> Option<Marketplace> {
        use Marketplace::*;
        const ONLY: [(&str, Marketplace); 15] = [
            ("CAD", Ca),
            ("MXN", Mx),
            ("BRL", Br),
            ("GBP", Uk),
            ("SEK", Se),
            ("PLN", Pl),
            ("TRY", Tr),
            ("AED", Ae),
            ("SAR", Sa),
            ("EGP", Eg),
            ("INR", In),
            ("JPY", Jp),
            ("AUD", Au),
            ("SGD", Sg),
            ("ZAR", Za),
        ];
        let code = code.trim();
        ONLY.iter()
            .find(|(c, _)| c.eq_ignore_ascii_case(code))
            .map(|&(_, m)| m)
    }

    /// Its position in [`Marketplace::ALL`].
    pub fn index(self) -> usize {
        self as usize
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

    #[test]
    fn sales_channels_name_their_marketplace() {
        for m in Marketplace::ALL {
            assert_eq!(
                SalesChannel::parse(m.store()),
                Some(SalesChannel::Amazon(m))
            );
        }
        let parse = SalesChannel::parse;
        assert_eq!(
            parse("amazon.CO.uk"),
            Some(SalesChannel::Amazon(Marketplace::Uk))
        );
        assert_eq!(
            parse(" www.Amazon.com.mx "),
            Some(SalesChannel::Amazon(Marketplace::Mx))
        );
        assert_eq!(parse("Non-Amazon"), Some(SalesChannel::NonAmazon));
        assert_eq!(parse("non-amazon"), Some(SalesChannel::NonAmazon));
        assert_eq!(parse("Non-Amazon US"), None);
        assert_eq!(parse("Amazon.com.xx"), None);
        assert_eq!(parse("www."), None);
        assert_eq!(parse("ww"), None);
        assert_eq!(parse("é"), None);
        assert_eq!(parse(""), None);
    }

    #[test]
    fn a_currency_names_a_marketplace_only_when_it_has_one() {
        assert_eq!(Marketplace::of_currency("cad"), Some(Marketplace::Ca));
        assert_eq!(Marketplace::of_currency("ZAR"), Some(Marketplace::Za));
        assert_eq!(Marketplace::of_currency("JPY"), Some(Marketplace::Jp));
        assert_eq!(Marketplace::of_currency("USD"), None);
        assert_eq!(Marketplace::of_currency("EUR"), None);
        assert_eq!(Marketplace::of_currency(""), None);
    }

    #[test]
    fn index_is_the_position_in_all() {
        for (i, m) in Marketplace::ALL.into_iter().enumerate() {
            assert_eq!(m.index(), i);
        }
    }
}
