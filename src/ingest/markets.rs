//! Reading each row in its own marketplace's way (SPEC §12.1): an order row
//! by the marketplace its `sales-channel` or `currency` names; a shipments,
//! feedback, claims or messages row by the marketplace of its order, read
//! earlier (orders files are read first). A marketplace sets the zone of
//! dates without an offset and the order of numeric dates, unless `--tz` or
//! `--date-order` set them for every row.

use std::sync::Arc;

use chrono_tz::Tz;
use rustc_hash::FxHashMap;

use super::values::ValueParser;
use crate::calendar::Calendar;
use crate::marketplace::{DateOrder, Marketplace};
use crate::model::{Model, OrderMarket, OrderName};

/// The value parser of each marketplace, and of rows of no known one.
#[derive(Debug, Clone)]
pub struct Markets {
    /// Rows of no known marketplace: the first audited marketplace's (before
    /// the orders are read, the configured one).
    fallback: ValueParser,
    each: [ValueParser; 23],
    /// The configured marketplace's `sales-channel` (`Amazon.com`): most rows
    /// name it, so it is compared first.
    usual: Marketplace,
    /// Each order's marketplace, in a run whose orders hold several.
    orders: Option<Arc<FxHashMap<OrderName, OrderMarket>>>,
}

impl Markets {
    /// `default` reads rows of no known marketplace; each marketplace's rows
    /// are read in its zone and date order unless `tz` or `order` is given.
    pub fn new(
        default: ValueParser,
        configured: Marketplace,
        tz: Option<Tz>,
        order: Option<DateOrder>,
    ) -> Markets {
        let each = Marketplace::ALL.map(|m| {
            let cal = Calendar::new(tz.unwrap_or_else(|| m.timezone()));
            match order {
                Some(order) => ValueParser::with_date_order(cal, order),
                None => ValueParser::new(cal, m.date_order()),
            }
        });
        Markets {
            fallback: default,
            each,
            usual: configured,
            orders: None,
        }
    }

    /// Every marketplace read the way of `parser` (tests and fuzzing of one zone).
    pub fn uniform(parser: ValueParser) -> Markets {
        Markets {
            fallback: parser,
            each: [parser; 23],
            usual: Marketplace::Us,
            orders: None,
        }
    }

    /// The parser of an order's marketplace.
    pub fn parser(&self, market: OrderMarket) -> ValueParser {
        match market {
            OrderMarket::Amazon(m) => self.each.get(m.index()).copied().unwrap_or(self.fallback),
            OrderMarket::Unknown | OrderMarket::NonAmazon => self.fallback,
        }
    }

    /// An order row's marketplace, from its `sales-channel` and `currency`.
    pub fn of_row(&self, sales_channel: &str, currency: &str) -> OrderMarket {
        if sales_channel.eq_ignore_ascii_case(self.usual.store()) {
            // The usual case, without looking through every store.
            return OrderMarket::Amazon(self.usual);
        }
        OrderMarket::of(sales_channel, currency)
    }

    /// The marketplace of the order `id` names, when the run holds several
    /// and that order was read.
    pub fn of_order(&self, id: &str) -> OrderMarket {
        match &self.orders {
            Some(index) if !id.is_empty() => {
                index.get(&OrderName::of(id)).copied().unwrap_or_default()
            }
            _ => OrderMarket::Unknown,
        }
    }

    /// Once the orders files are read: rows of no known marketplace are read
    /// the way of `first` (the first marketplace audited); when the orders
    /// hold more than one marketplace, each order's is remembered so that
    /// the rows naming it are read its way.
    pub fn settle(&mut self, model: &Model, first: Marketplace, several: bool) {
        self.fallback = self.parser(OrderMarket::Amazon(first));
        if several {
            let index: FxHashMap<OrderName, OrderMarket> = model
                .orders
                .iter()
                .filter(|(_, o)| o.market() != OrderMarket::Unknown)
                .map(|(k, o)| (OrderName::of(&model.ids.name(*k)), o.market()))
                .collect();
            self.orders = Some(Arc::new(index));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{OrderRow, StatusClass};

    fn markets() -> Markets {
        let us = ValueParser::new(
            Calendar::new(Marketplace::Us.timezone()),
            DateOrder::MonthDayYear,
        );
        Markets::new(us, Marketplace::Us, None, None)
    }

    #[test]
    fn each_marketplace_reads_numeric_dates_its_way() {
        let m = markets();
        let uk = m.parser(OrderMarket::Amazon(Marketplace::Uk));
        let us = m.parser(OrderMarket::Amazon(Marketplace::Us));
        let day = |p: ValueParser| p.date("03/04/2026").map(|d| d.to_string());
        assert_eq!(day(uk).as_deref(), Some("2026-04-03"));
        assert_eq!(day(us).as_deref(), Some("2026-03-04"));
        assert_eq!(uk.cal.tz(), chrono_tz::Europe::London);
        let forced = Markets::new(
            us,
            Marketplace::Us,
            Some(chrono_tz::UTC),
            Some(DateOrder::MonthDayYear),
        );
        let uk = forced.parser(OrderMarket::Amazon(Marketplace::Uk));
        assert_eq!(day(uk).as_deref(), Some("2026-03-04"));
        assert_eq!(uk.cal.tz(), chrono_tz::UTC);
    }

    #[test]
    fn the_usual_channel_and_others_are_told() {
        let m = markets();
        assert_eq!(
            m.of_row("Amazon.com", ""),
            OrderMarket::Amazon(Marketplace::Us)
        );
        assert_eq!(
            m.of_row("AMAZON.COM", "CAD"),
            OrderMarket::Amazon(Marketplace::Us)
        );
        assert_eq!(
            m.of_row("Amazon.ca", ""),
            OrderMarket::Amazon(Marketplace::Ca)
        );
        assert_eq!(m.of_row("", "CAD"), OrderMarket::Amazon(Marketplace::Ca));
        assert_eq!(m.of_row("Non-Amazon", ""), OrderMarket::NonAmazon);
        assert_eq!(m.of_row("", ""), OrderMarket::Unknown);
    }

    #[test]
    fn rows_follow_their_order_once_settled() {
        let mut model = Model::default();
        let row = |market| OrderRow {
            purchase: 1_790_000_000,
            status: StatusClass::Other,
            market,
            ..OrderRow::default()
        };
        model.add_order(
            "111-1111111-1111111",
            row(OrderMarket::Amazon(Marketplace::Ca)),
        );
        model.add_order("own-id-2", row(OrderMarket::Amazon(Marketplace::Mx)));
        let mut m = markets();
        assert_eq!(m.of_order("own-id-2"), OrderMarket::Unknown);
        m.settle(&model, Marketplace::Ca, true);
        assert_eq!(
            m.of_order(" own-id-2 "),
            OrderMarket::Amazon(Marketplace::Mx)
        );
        assert_eq!(
            m.of_order("111-1111111-1111111"),
            OrderMarket::Amazon(Marketplace::Ca)
        );
        assert_eq!(m.of_order("nope"), OrderMarket::Unknown);
        assert_eq!(
            m.parser(OrderMarket::Unknown).cal.tz(),
            Marketplace::Ca.timezone()
        );
    }
}
