//! Warnings and details in words: why an item is a defect (`--details`),
//! what the reader skipped, what the metrics left out, stale data and the
//! reasons `--check` cannot tell.

use super::words::clean;
use crate::calendar::Calendar;
use crate::marketplace::DateOrder;
use crate::metrics::{Note, TrackingProblem, Why};
use crate::model::{CancelledBy, ReadWarning};
use crate::text::plural;

/// What makes an item a defect (`--details`), with instants in the calendar's zone.
pub fn why(why: &Why, cal: &Calendar) -> String {
    match why {
        Why::Complaints {
            negative_feedback,
            a_to_z_claim,
            chargeback,
        } => {
            let mut parts = Vec::new();
            if let Some(rating) = negative_feedback {
                parts.push(format!("negative feedback ({rating}★)"));
            }
            if *a_to_z_claim {
                parts.push("A-to-z claim".to_string());
            }
            if *chargeback {
                parts.push("chargeback".to_string());
            }
            parts.join(", ")
        }
        Why::ConfirmedLate { confirmed, due } => {
            format!(
                "confirmed {}, due {}",
                cal.short(*confirmed),
                cal.short(*due)
            )
        }
        Why::NotConfirmed { due } => format!("not confirmed, due {}", cal.short(*due)),
        Why::Cancelled { by } => match by {
            Some(CancelledBy::Amazon) => "cancelled by Amazon (never confirmed)",
            Some(CancelledBy::Seller) => "cancelled by the seller",
            _ => "cancelled, not at the buyer's request",
        }
        .to_string(),
        Why::Tracking(problem) => tracking_problem(problem),
        Why::DeliveredLate {
            delivered,
            promised_by,
        } => format!(
            "delivered {}, promised by {promised_by}",
            cal.short(*delivered)
        ),
        Why::NoDeliveryScan { promised_by } => {
            format!("no delivery scan, promised by {promised_by}")
        }
        Why::CancelledByAmazon => "cancelled by Amazon".to_string(),
        Why::CancelledUnconfirmedAfter { deadline } => {
            format!("cancelled unconfirmed after {}", cal.short(*deadline))
        }
        Why::UnconfirmedPastAutoCancel { deadline } => format!(
            "still unconfirmed; auto-cancel was due {}",
            cal.short(*deadline)
        ),
        Why::AnsweredAfter { seconds } => format!("answered after {}", duration(*seconds)),
        Why::NeverAnswered => "never answered".to_string(),
    }
}

fn tracking_problem(p: &TrackingProblem) -> String {
    match p {
        TrackingProblem::NoCarrier => "no carrier".to_string(),
        TrackingProblem::NoNumber => "no tracking number".to_string(),
        TrackingProblem::Placeholder(n) => format!("placeholder tracking number '{n}'"),
        TrackingProblem::Repeated => "tracking number is one character repeated".to_string(),
        TrackingProblem::Malformed => "tracking number is not 8–40 letters and digits".to_string(),
        TrackingProblem::NotCarrierFormat(carrier) => {
            format!("not a valid {carrier} tracking number")
        }
    }
}

/// `24 h 0 min 1 s`: exact enough to show why a reply just past 24 hours is late.
fn duration(seconds: i64) -> String {
    let (h, m, s) = (seconds / 3600, seconds % 3600 / 60, seconds % 60);
    if s == 0 {
        format!("{h} h {m} min")
    } else {
        format!("{h} h {m} min {s} s")
    }
}

/// A warning of the reader.
pub fn read_warning(w: &ReadWarning) -> String {
    match w {
        ReadWarning::NoReportFiles { dir } => format!(
            "{dir}: no report files (.txt, .tsv, .csv, .tab, optionally .gz) in this directory"
        ),
        ReadWarning::HeaderOnlyUnknownKind { path } => {
            format!("{path}: header only, and its columns match no report kind; nothing read")
        }
        ReadWarning::UnknownKindSkipped { path } => {
            format!("{path}: not a report sellerhealth knows; skipped")
        }
        ReadWarning::RowSkipped { path, line, reason } => {
            format!("{path}:{line}: {reason}; row skipped")
        }
        ReadWarning::RowsSkippedInAll { path, rows } => {
            format!("{path}: {rows} malformed rows skipped in all")
        }
        ReadWarning::UnterminatedQuote {
            path,
            line,
            lines_lost,
        } => format!(
            "{path}:{line}: a quote opened here never closes; the rest of the file ({lines_lost} {}) is skipped",
            if *lines_lost == 1 { "line" } else { "lines" }
        ),
        ReadWarning::InvalidUtf8Replaced { path, line, rows } => format!(
            "{path}:{line}: invalid UTF-8 after the first 1 MiB replaced by U+FFFD in {}",
            plural(*rows, "row", "rows")
        ),
        ReadWarning::DateOrder {
            path,
            column,
            rows,
            order,
            marketplace_order,
        } => {
            let reads = if order == marketplace_order {
                format!(
                    "they are {} dates written with '-', which --date-order {} reads",
                    date_order_words(*order),
                    order.key()
                )
            } else {
                format!(
                    "they read as {} with --date-order {}",
                    date_order_words(*order),
                    order.key()
                )
            };
            format!(
                "{path}: {} skipped because {column} is not a date in this marketplace's order ({}); {reads}",
                plural(*rows, "row", "rows"),
                date_order_words(*marketplace_order),
            )
        }
        ReadWarning::NonAmazonOrders { orders } => format!(
            "{} with sales channel Non-Amazon (multi-channel fulfilment) left out of every metric, with their shipments, feedback and claims: Amazon does not count them",
            plural(*orders, "order", "orders")
        ),
        ReadWarning::OtherMarketplaces { audited, left_out } => {
            let total: u64 = left_out.iter().map(|(_, n)| n).sum();
            let each: Vec<String> = left_out.iter().map(|(m, n)| format!("{m} {n}")).collect();
            format!(
                "--marketplace {audited}: {} of other marketplaces left out ({}); without --marketplace each marketplace is audited separately",
                plural(total, "order", "orders"),
                each.join(", ")
            )
        }
    }
}

/// `month/day/year`.
fn date_order_words(order: DateOrder) -> &'static str {
    match order {
        DateOrder::MonthDayYear => "month/day/year",
        DateOrder::DayMonthYear => "day/month/year",
        DateOrder::YearMonthDay => "year/month/day",
    }
}

/// The warning for stale data (SPEC §9.2).
pub fn stale(newest: chrono::NaiveDate, age_days: i64, as_of: chrono::NaiveDate) -> String {
    format!(
        "the reports are stale: their newest data is from {newest}, {} before the as-of day \
         {as_of}; download fresh reports from Seller Central (or give --as-of, or --max-age)",
        crate::text::plural(age_days.unsigned_abs(), "day", "days")
    )
}

/// Why `--check` cannot tell the account's health.
pub enum CheckReason {
    NothingRecognised,
    NoRows,
    NoData,
    Stale,
    Required(crate::policy::MetricId),
}

/// A reason of `--check` as a sentence (`cannot tell the account's health: …`).
pub fn check_reason(r: &CheckReason, report: &super::Report) -> String {
    let why = match r {
        CheckReason::NothingRecognised => {
            "no input file was recognised as a report (every file was empty or skipped)".to_string()
        }
        CheckReason::NoRows => {
            "no data row was read (the inputs are empty or hold only a header)".to_string()
        }
        CheckReason::NoData => {
            "no metric had anything to measure in its window (overall status no_data)".to_string()
        }
        CheckReason::Stale => {
            let f = &report.freshness;
            format!(
                "the data is stale: its newest day is {}, {} before the as-of day {} (--max-age {})",
                clean(f.newest_day.as_deref().unwrap_or("?")),
                crate::text::plural(f.age_days.unwrap_or(0).unsigned_abs(), "day", "days"),
                clean(&report.as_of),
                f.max_age_days.map_or("off".to_string(), |d| d.to_string())
            )
        }
        CheckReason::Required(m) => format!(
            "{} ({}) is required by --require but has no data",
            m.as_str(),
            m.title()
        ),
    };
    format!("cannot tell the account's health: {why}")
}

/// A note of the metrics as a warning.
pub fn note(n: &Note) -> String {
    match n {
        Note::OrphanComplaintRows(rows) => format!(
            "{} {} orders absent from every orders file; {} cannot be placed in a window and {} ignored by the metrics",
            plural(*rows, "feedback, claim or return row", "feedback, claim or return rows"),
            if *rows == 1 { "names" } else { "name" },
            if *rows == 1 { "it" } else { "they" },
            if *rows == 1 { "is" } else { "are" },
        ),
        Note::OrphanShipmentOrders(1) => "1 order in shipment files is absent from every orders file; its packages count only toward the valid tracking rate".to_string(),
        Note::OrphanShipmentOrders(orders) => format!(
            "{} in shipment files {} absent from every orders file; {} packages count only toward the valid tracking rate",
            plural(*orders, "order", "orders"),
            if *orders == 1 { "is" } else { "are" },
            if *orders == 1 { "its" } else { "their" },
        ),
        Note::UnknownConfirmation(orders) => format!(
            "{} {} no shipment row, so {} confirmation time is unknown; left out of the late shipment rate (add the shipping confirmation file)",
            plural(*orders, "Shipped seller-fulfilled order", "Shipped seller-fulfilled orders"),
            if *orders == 1 { "has" } else { "have" },
            if *orders == 1 { "its" } else { "their" },
        ),
        Note::NoShipBy { orders, days } => format!(
            "{} placed in the last {days} days {} no ship-by date; left out of the late shipment rate (add the Order Report, or use --handling-days)",
            plural(*orders, "seller-fulfilled order", "seller-fulfilled orders"),
            if *orders == 1 { "has" } else { "have" },
        ),
        Note::CancelledWithoutShipBy { orders, days } => format!(
            "{} placed in the last {days} days {} no ship-by date, so expired orders cannot tell Amazon's automatic cancellations among them from your own (add the Order Report, which has latest-ship-date, or use --handling-days)",
            plural(*orders, "cancelled seller-fulfilled order", "cancelled seller-fulfilled orders"),
            if *orders == 1 { "has" } else { "have" },
        ),
        Note::AllInLag {
            metric,
            orders,
            placed_after,
        } => {
            let p = metric.policy();
            format!(
                "{} read, all placed after {placed_after}; the {} counts orders placed {} to {} days before the as-of day",
                plural(*orders, "order", "orders"),
                metric.title().to_lowercase(),
                p.lag,
                p.lag + p.longest_window() - 1,
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_keep_the_seconds_that_make_a_reply_late() {
        assert_eq!(duration(86_401), "24 h 0 min 1 s");
        assert_eq!(duration(30 * 3600 + 60), "30 h 1 min");
    }

    #[test]
    fn notes_agree_in_number() {
        let one = note(&Note::UnknownConfirmation(1));
        assert!(
            one.starts_with("1 Shipped seller-fulfilled order has no shipment row, so its"),
            "{one}"
        );
        let two = note(&Note::UnknownConfirmation(2));
        assert!(
            two.starts_with("2 Shipped seller-fulfilled orders have no shipment row, so their"),
            "{two}"
        );
        let one = note(&Note::NoShipBy {
            orders: 1,
            days: 30,
        });
        assert!(
            one.starts_with("1 seller-fulfilled order placed in the last 30 days has no"),
            "{one}"
        );
        let one = note(&Note::OrphanShipmentOrders(1));
        assert!(
            one.starts_with("1 order in shipment files is absent"),
            "{one}"
        );
        let one = note(&Note::OrphanComplaintRows(1));
        assert!(
            one.starts_with("1 feedback, claim or return row names orders absent"),
            "{one}"
        );
        assert!(one.contains("it cannot be placed"), "{one}");
    }
}
