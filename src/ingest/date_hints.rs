//! Which `--date-order` reads the dates the marketplace's order cannot
//! (SPEC §15): while rows are read, each date value that fails is tried in
//! every order; when most rows of a file fail so in one column, the warning
//! names the order that reads them.

use std::sync::atomic::{AtomicU64, Ordering};

use super::header::Field;
use super::values::ValueParser;
use crate::marketplace::DateOrder;
use crate::model::ReadWarning;

const ORDERS: [DateOrder; 3] = [
    DateOrder::MonthDayYear,
    DateOrder::DayMonthYear,
    DateOrder::YearMonthDay,
];

/// Per field and date order: how many failed values that order reads.
/// Shared by the threads that read one file.
#[derive(Debug)]
pub struct DateHints {
    counts: [[AtomicU64; 3]; Field::COUNT],
}

impl Default for DateHints {
    fn default() -> Self {
        DateHints {
            counts: std::array::from_fn(|_| std::array::from_fn(|_| AtomicU64::new(0))),
        }
    }
}

impl DateHints {
    /// A value of `field` that `values` could not read as a date or instant.
    pub fn failed(&self, field: Field, v: &str, values: &ValueParser) {
        for (i, &order) in ORDERS.iter().enumerate() {
            let other = ValueParser::with_date_order(values.cal, order);
            if other.date(v).is_some() {
                self.counts[field as usize][i].fetch_add(1, Ordering::Relaxed);
            }
        }
    }

    /// The warning for a file of `rows` rows, when most of them failed in one
    /// column and another order reads them; the marketplace's own order
    /// (with dashes allowed) is preferred when several do.
    pub fn warning(&self, path: &str, rows: u64, values: &ValueParser) -> Option<ReadWarning> {
        let mut best: Option<(Field, DateOrder, u64)> = None;
        for &field in Field::ALL {
            for (i, &order) in ORDERS.iter().enumerate() {
                let n = self.counts[field as usize][i].load(Ordering::Relaxed);
                if n == 0 || 2 * n <= rows {
                    continue;
                }
                let better = match best {
                    None => true,
                    Some((_, o, m)) => {
                        n > m || (n == m && order == values.order && o != values.order)
                    }
                };
                if better {
                    best = Some((field, order, n));
                }
            }
        }
        best.map(|(field, order, n)| ReadWarning::DateOrder {
            path: path.to_string(),
            column: field.name(),
            rows: n,
            order,
            marketplace_order: values.order,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Calendar;

    #[test]
    fn most_rows_failing_in_one_order_name_the_order_that_reads_them() {
        let dmy = ValueParser::new(Calendar::new(chrono_tz::UTC), DateOrder::DayMonthYear);
        let h = DateHints::default();
        for v in ["04-30-22", "04-29-22", "05/31/22", "yesterday"] {
            h.failed(Field::PurchaseDate, v, &dmy);
        }
        match h.warning("x.csv", 4, &dmy) {
            Some(ReadWarning::DateOrder {
                column,
                order,
                rows,
                ..
            }) => {
                assert_eq!(
                    (column, order, rows),
                    ("purchase-date", DateOrder::MonthDayYear, 3)
                );
            }
            other => panic!("{other:?}"),
        }
        // Not most of the rows: no warning.
        assert_eq!(h.warning("x.csv", 6, &dmy), None);
    }
}
