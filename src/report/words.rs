//! The report in words: every sentence about a metric, a defect or a note,
//! for every format. Plain text without markup; renderers lay it out. Text
//! that comes from input files is passed through [`clean`] so it cannot drive
//! the terminal.

use chrono::DateTime;

use super::contract::{ChangeReport, Condition, MetricReport};
use crate::calendar::Calendar;
use crate::marketplace::DateOrder;
use crate::metrics::forecast::Volume;
use crate::metrics::status::Status;
use crate::metrics::{Note, TrackingProblem, Why};
use crate::model::{CancelledBy, ReadWarning};
use crate::policy::{Scope, Unit};
use crate::text::{grouped, percent, percent_number, plural, upper_first};

pub use super::metric_words::no_data_hint;
use super::metric_words::vocab;

/// Text from an input file, made safe to print.
pub fn clean(s: &str) -> String {
    crate::text::sanitize(s).replace(['\n', '\t'], " ")
}

/// `2026-11-21T02:58:07-08:00` → `2026-11-21 02:58` (the zone is named in the headline).
pub fn instant(rfc3339: &str) -> String {
    match DateTime::parse_from_rfc3339(rfc3339) {
        Ok(t) => t.format("%Y-%m-%d %H:%M").to_string(),
        Err(_) => clean(rfc3339),
    }
}

/// The status as a word in running text.
pub fn status_word(s: Status) -> &'static str {
    match s {
        Status::Good => "good",
        Status::Warning => "warning",
        Status::Bad => "BAD",
        Status::NoData => "no data",
    }
}

/// The target in a sentence: `under 1%`, `at least 95%`, `none`.
pub fn target_sentence(m: &MetricReport) -> String {
    match m.target.condition {
        Condition::Below => format!("under {}", percent_number(m.target.value)),
        Condition::AtLeast => format!("at least {}", percent_number(m.target.value)),
        Condition::Zero => "none at all".to_string(),
    }
}

/// The target in a table cell (`< 1%`, `≥ 95%`, `0`).
pub fn target_cell(m: &MetricReport) -> String {
    match m.target.condition {
        Condition::Below => format!("< {}", percent_number(m.target.value)),
        Condition::AtLeast => format!("≥ {}", percent_number(m.target.value)),
        Condition::Zero => "0".to_string(),
    }
}

/// Who ships the orders of a channel, for a table column.
pub fn fulfilled_by(s: Scope) -> &'static str {
    match s {
        Scope::Mfn => "seller",
        Scope::Afn => "Amazon",
        Scope::All => "any",
    }
}

/// The plural noun of a unit (`orders`).
pub fn unit_plural(unit: Unit) -> &'static str {
    match unit {
        Unit::Order => "orders",
        Unit::Package => "packages",
        Unit::Message => "messages",
    }
}

/// `Seller-fulfilled, 2026-09-08 – 2026-11-06 (60 days)`.
pub fn window_label(m: &MetricReport) -> String {
    let w = format!(
        "{} – {} ({} days)",
        m.window.from, m.window.to, m.window.days
    );
    match m.channel {
        Scope::Mfn => format!("Seller-fulfilled, {w}"),
        Scope::Afn => format!("Amazon-fulfilled, {w}"),
        Scope::All => w,
    }
}

/// A line of the SINCE section (`--history`): `Late shipment rate, 30 days:
/// 2.10% → 4.30%, now BAD`. `with_channel` names the channel, for a metric
/// the report gives for several. Counts follow when the rates read the same.
pub fn since_line(c: &ChangeReport, with_channel: bool) -> String {
    let channel = match (with_channel, c.channel) {
        (false, _) | (true, Scope::All) => "",
        (true, Scope::Mfn) => " (seller-fulfilled)",
        (true, Scope::Afn) => " (Amazon-fulfilled)",
    };
    let name = format!(
        "{}{channel}, {} days",
        c.metric.policy().short_name,
        c.window_days
    );
    let a = &c.after;
    let after = percent(a.rate);
    let Some(b) = &c.before else {
        return format!(
            "{name}: {after}, {} (not in the earlier snapshot)",
            status_word(a.status)
        );
    };
    let before = percent(b.rate);
    let mut s = format!("{name}: {before} → {after}");
    if before == after {
        s.push_str(&format!(
            " ({} of {} → {} of {})",
            b.defects, b.total, a.defects, a.total
        ));
    }
    let now = if b.status == a.status { "still" } else { "now" };
    s.push_str(&format!(", {now} {}", status_word(a.status)));
    s
}

/// `3 of 147 orders had a defect (2.04%): 1 negative feedback, 1 A-to-z claim, 1 chargeback.`
pub fn measure_sentence(m: &MetricReport) -> String {
    let v = vocab(m.metric);
    if m.total == 0 {
        return format!("No {} in this window.", v.item.1);
    }
    let of = if m.total == 1 { v.item.0 } else { v.item.1 };
    let verb = if m.defects == 1 {
        singular_verb(v.verb)
    } else {
        v.verb.to_string()
    };
    let mut s = if v.rate_is.is_empty() {
        format!(
            "{} of {} {of} ({}) {verb}",
            grouped(m.defects),
            grouped(m.total),
            percent(m.rate)
        )
    } else {
        format!(
            "{} of {} {of} {verb}, so {} {}",
            grouped(m.defects),
            grouped(m.total),
            percent(m.rate),
            v.rate_is
        )
    };
    if let Some(c) = &m.components {
        let parts: Vec<String> = [
            (c.negative_feedback.defects, "with negative feedback"),
            (c.a_to_z_claims.defects, "with an A-to-z claim"),
            (c.chargebacks.defects, "with a chargeback"),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{} {what}", grouped(*n)))
        .collect();
        if !parts.is_empty() {
            s.push_str(&format!(": {}", parts.join(", ")));
        }
    }
    if let Some(Some(h)) = m.average_response_hours {
        s.push_str(&format!("; first replies took {h:.1} hours on average"));
    }
    s.push('.');
    s
}

fn singular_verb(verb: &str) -> String {
    verb.replacen("were ", "was ", 1)
        .replace("cancelled them", "cancelled it")
}

/// `2 more defects would breach the 1% target.` / `154 more defect-free orders would bring it back under 1%.`
pub fn headroom_sentence(m: &MetricReport) -> Option<String> {
    let v = vocab(m.metric);
    let t = percent_number(m.target.value);
    if let Some(n) = m.clean_items_to_recover {
        let clean = more(n, v.clean);
        return Some(match m.target.condition {
            Condition::AtLeast => format!("{clean} would bring it back up to {t}."),
            _ => format!("{clean} would bring it back under {t}."),
        });
    }
    if let Some(k) = m.defects_to_breach {
        let d = more(k, v.defect);
        return Some(match m.target.condition {
            Condition::AtLeast => format!("{d} would drop it below the {t} target."),
            _ => format!("{d} would breach the {t} target."),
        });
    }
    if m.target.condition == Condition::Zero && m.defects > 0 {
        return Some(
            "Amazon expects none: every expired order also counts as a cancellation.".to_string(),
        );
    }
    None
}

fn more(n: u64, words: (&str, &str)) -> String {
    if n == 1 {
        format!("1 more {}", words.0)
    } else {
        format!("{} more {}", grouped(n), words.1)
    }
}

/// The note for small windows.
pub fn small_sample_sentence(m: &MetricReport) -> Option<&'static str> {
    m.small_sample
        .then_some("Small sample: one defect moves this rate by more than 1 percentage point.")
}

/// A window of a metric in full: where it stands, how far it is from changing
/// sides, whether the sample is small.
pub fn window_text(m: &MetricReport) -> String {
    let mut text = format!(
        "{}: {}. {}",
        window_label(m),
        status_word(m.status),
        measure_sentence(m)
    );
    if m.status != Status::Good {
        if let Some(h) = headroom_sentence(m) {
            text.push(' ');
            text.push_str(&h);
        }
        if let Some(s) = small_sample_sentence(m) {
            text.push(' ');
            text.push_str(s);
        }
    }
    if let Some(f) = forecast_sentence(m) {
        text.push(' ');
        text.push_str(&f);
    }
    text
}

/// What the report's forecast says about the coming days, when it carries
/// one: the day a `bad` window is back within target, or the first day a
/// window not `bad` today turns `bad` even without new defects.
pub fn forecast_sentence(m: &MetricReport) -> Option<String> {
    let f = m.forecast.as_ref()?;
    let t = percent_number(m.target.value);
    let within = match m.target.condition {
        Condition::AtLeast => format!("back at {t} or better"),
        _ => format!("back under {t}"),
    };
    if m.status == Status::Bad {
        return Some(match &f.recovers_on {
            Some(day) => format!(
                "With no new defects and your usual daily volume, it is {within} on {}.",
                clean(day)
            ),
            None => format!(
                "Even with no new defects it is not {within} within the coming {} days.",
                f.days.len()
            ),
        });
    }
    if m.status == Status::NoData {
        return None;
    }
    let turns_bad = f.days.iter().find(|d| d.status == Status::Bad)?;
    Some(format!(
        "Careful: even with no new defects it turns BAD on {} as older items leave the window.",
        clean(&turns_bad.date)
    ))
}

/// What a forecast assumes, for its `assumption` field: the daily volume in
/// words for people ("about 1 defect-free order every 10 days").
pub fn forecast_assumption(unit: Unit, volume: Volume) -> String {
    let noun = unit_plural(unit);
    let one = unit_singular(unit);
    let (items, days) = (volume.items, u64::from(volume.days.max(1)));
    let pace = if items == 0 {
        format!("no new {noun} (the window has none)")
    } else if items >= days {
        // Nearest whole number a day, halves up.
        let n = (2 * items + days) / (2 * days);
        let about = if items % days == 0 { "" } else { "about " };
        let what = if n == 1 { one } else { noun };
        format!("{about}{n} defect-free {what} a day")
    } else {
        let every = (2 * days + items) / (2 * items);
        let about = if days % items == 0 { "" } else { "about " };
        if every == 1 {
            format!("{about}1 defect-free {one} a day")
        } else {
            format!("{about}1 defect-free {one} every {every} days")
        }
    };
    format!(
        "{} already known keep the defects they have; no new defects, and {pace} (the window's average: {items} {} in {days} days)",
        upper_first(noun),
        if items == 1 { one } else { noun },
    )
}

/// The singular noun of a unit (`order`).
pub fn unit_singular(unit: Unit) -> &'static str {
    match unit {
        Unit::Order => "order",
        Unit::Package => "package",
        Unit::Message => "message",
    }
}

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

    #[test]
    fn instants_for_people() {
        assert_eq!(instant("2026-11-21T02:58:07-08:00"), "2026-11-21 02:58");
        assert_eq!(instant("garbage\u{1b}"), r"garbage\u{1b}");
    }
}
