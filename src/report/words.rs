//! The report in words, for the people-facing formats (table and markdown):
//! headline, act-now lines, per-metric sentences, headroom, tip numbering.
//!
//! Everything here is plain text without markup; `table` and `markdown` lay
//! it out. Text that comes from input files (ids, reasons) is passed through
//! [`crate::app::sanitize`] so it cannot drive the terminal.

use std::collections::HashMap;

use chrono::DateTime;

use super::{percent, MetricReport, OpenOrderReport, PendingMessageReport, Report};
use crate::ingest::InputKind;
use crate::metrics::act_now::OpenState;
use crate::metrics::status::Status;
use crate::policy::{MetricId, Scope};

/// Text from an input file, made safe to print.
pub fn clean(s: &str) -> String {
    crate::app::sanitize(s).replace(['\n', '\t'], " ")
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

/// `0.01` → `1%`, `0.025` → `2.5%`.
pub fn percent_number(v: f64) -> String {
    let p = v * 100.0;
    if (p - p.round()).abs() < 1e-9 {
        format!("{p:.0}%")
    } else {
        let s = format!("{p:.2}");
        let s = s.trim_end_matches('0').trim_end_matches('.');
        format!("{s}%")
    }
}

/// The target in a sentence: `under 1%`, `at least 95%`, `none`.
pub fn target_sentence(m: &MetricReport) -> String {
    match m.target.condition {
        "below" => format!("under {}", percent_number(m.target.value)),
        "at_least" => format!("at least {}", percent_number(m.target.value)),
        _ => "none at all".to_string(),
    }
}

fn plural(n: u64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

/// How each metric names its items, its defects and its clean items.
struct Vocab {
    item: (&'static str, &'static str),
    defect: (&'static str, &'static str),
    clean: (&'static str, &'static str),
    /// Completes "3 of 147 orders …".
    verb: &'static str,
    /// What the rate shows, for `at_least` metrics (`within 24 hours`).
    rate_is: &'static str,
}

fn vocab(metric: MetricId) -> Vocab {
    match metric {
        MetricId::OrderDefectRate => Vocab {
            item: ("order", "orders"),
            defect: ("defect", "defects"),
            clean: ("defect-free order", "defect-free orders"),
            verb: "had a defect",
            rate_is: "",
        },
        MetricId::LateShipmentRate => Vocab {
            item: ("order", "orders"),
            defect: ("late shipment", "late shipments"),
            clean: ("order confirmed on time", "orders confirmed on time"),
            verb: "were confirmed after their ship-by date or not at all",
            rate_is: "",
        },
        MetricId::PreFulfillmentCancelRate => Vocab {
            item: ("order", "orders"),
            defect: ("cancellation", "cancellations"),
            clean: ("order not cancelled", "orders not cancelled"),
            verb: "were cancelled, not at the buyer's request",
            rate_is: "",
        },
        MetricId::ValidTrackingRate => Vocab {
            item: ("package", "packages"),
            defect: (
                "package without valid tracking",
                "packages without valid tracking",
            ),
            clean: (
                "package with valid tracking",
                "packages with valid tracking",
            ),
            verb: "had no valid tracking",
            rate_is: "had valid tracking",
        },
        MetricId::OnTimeDeliveryRate => Vocab {
            item: ("order", "orders"),
            defect: ("late delivery", "late deliveries"),
            clean: ("on-time delivery", "on-time deliveries"),
            verb: "arrived late or not at all",
            rate_is: "arrived on time",
        },
        MetricId::ExpiredOrders => Vocab {
            item: ("order", "orders"),
            defect: ("expired order", "expired orders"),
            clean: ("order", "orders"),
            verb: "expired: Amazon cancelled them because shipment was not confirmed in time",
            rate_is: "",
        },
        MetricId::ResponseTime => Vocab {
            item: ("message", "messages"),
            defect: ("late reply", "late replies"),
            clean: ("reply within 24 hours", "replies within 24 hours"),
            verb: "got no reply within 24 hours",
            rate_is: "were answered in time",
        },
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
            m.defects,
            m.total,
            percent(m.rate)
        )
    } else {
        format!(
            "{} of {} {of} {verb}, so {} {}",
            m.defects,
            m.total,
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
        .map(|(n, what)| format!("{n} {what}"))
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
            "at_least" => format!("{clean} would bring it back up to {t}."),
            _ => format!("{clean} would bring it back under {t}."),
        });
    }
    if let Some(k) = m.defects_to_breach {
        let d = more(k, v.defect);
        return Some(match m.target.condition {
            "at_least" => format!("{d} would drop it below the {t} target."),
            _ => format!("{d} would breach the {t} target."),
        });
    }
    if m.target.condition == "zero" && m.defects > 0 {
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
        format!("{n} more {}", words.1)
    }
}

/// The note for small windows.
pub fn small_sample_sentence(m: &MetricReport) -> Option<&'static str> {
    m.small_sample
        .then_some("Small sample: one defect moves this rate by more than 1 percentage point.")
}

/// Why a metric has no data, and what would give it some.
pub fn no_data_hint(m: &MetricReport) -> &'static str {
    match m.metric {
        MetricId::OrderDefectRate => "no order placed in the window (needs an orders report covering it)",
        MetricId::LateShipmentRate => "no seller-fulfilled order with a ship-by day in the window (ship-by dates come from the Order Report, or use --handling-days)",
        MetricId::PreFulfillmentCancelRate | MetricId::ExpiredOrders => "no seller-fulfilled order placed in the window (needs an orders report covering it)",
        MetricId::ValidTrackingRate => "no package confirmed in the window (needs a shipment-confirmation report)",
        MetricId::OnTimeDeliveryRate => "no order with valid tracking due for delivery in the window (needs a report with delivery dates)",
        MetricId::ResponseTime => "no buyer message received in the window (needs a buyer-messages file)",
    }
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
    // Read through the serialised form: the forecast is an optional part of
    // the JSON contract, and this is the only place the people formats use it.
    let v = serde_json::to_value(m).ok()?;
    let f = v.get("forecast")?;
    let t = percent_number(m.target.value);
    let within = match m.target.condition {
        "at_least" => format!("back at {t} or better"),
        _ => format!("back under {t}"),
    };
    if m.status == Status::Bad {
        return Some(match f.get("recovers_on").and_then(|d| d.as_str()) {
            Some(day) => format!(
                "With no new defects and your usual daily volume, it is {within} on {}.",
                clean(day)
            ),
            None => format!(
                "Even with no new defects it is not {within} within the coming {} days.",
                f.get("days").and_then(|d| d.as_array()).map_or(0, Vec::len)
            ),
        });
    }
    if m.status == Status::NoData {
        return None;
    }
    let turns_bad = f
        .get("days")?
        .as_array()?
        .iter()
        .find(|d| d.get("status").and_then(|s| s.as_str()) == Some("bad"))?;
    let day = turns_bad.get("date")?.as_str()?;
    Some(format!(
        "Careful: even with no new defects it turns BAD on {} as older items leave the window.",
        clean(day)
    ))
}

/// Whether a window gets its own lines below the table.
pub fn window_shown(m: &MetricReport, details: bool) -> bool {
    matches!(m.status, Status::Warning | Status::Bad) || (details && !m.details.is_empty())
}

/// The closing hint.
pub fn footer(report: &Report, details: bool) -> String {
    let mut footer = String::from(
        "How each metric is computed: sellerhealth explain METRIC (odr, lsr, cr, vtr, otdr, \
         expired, rt).",
    );
    if !details && report.metrics.iter().any(|m| m.defects > 0) {
        footer.push_str(" The orders and messages behind each count: add --details.");
    }
    footer
}

/// A line for each metric (or window of a metric) with no items, saying what
/// would give it some.
pub fn not_measured(report: &Report) -> Vec<String> {
    let mut out = Vec::new();
    for f in families(report) {
        let empty: Vec<&MetricReport> = f
            .windows
            .iter()
            .copied()
            .filter(|m| m.status == Status::NoData)
            .collect();
        let Some(first) = empty.first() else {
            continue;
        };
        if empty.len() == f.windows.len() {
            out.push(format!("{}: {}.", f.metric.title(), no_data_hint(first)));
        } else {
            for m in empty {
                let label = window_label(m);
                let label = match label.strip_prefix("Seller") {
                    Some(rest) => format!("seller{rest}"),
                    None => label,
                };
                out.push(format!(
                    "{}, {label}: {}.",
                    f.metric.title(),
                    no_data_hint(m)
                ));
            }
        }
    }
    out
}

/// One metric family (all its windows and channels), in report order.
pub struct Family<'a> {
    pub metric: MetricId,
    pub windows: Vec<&'a MetricReport>,
}

impl Family<'_> {
    /// The worst status among its windows.
    pub fn status(&self) -> Status {
        self.windows
            .iter()
            .map(|m| m.status)
            .max()
            .unwrap_or(Status::NoData)
    }

    /// Needs attention: some window is `warning` or `bad`.
    pub fn needs_attention(&self) -> bool {
        matches!(self.status(), Status::Warning | Status::Bad)
    }

    /// Whether the family gets a section below the table.
    pub fn shown(&self, details: bool) -> bool {
        self.needs_attention() || (details && self.windows.iter().any(|m| !m.details.is_empty()))
    }

    /// `target: under 1%`.
    pub fn target(&self) -> String {
        self.windows
            .first()
            .map(|m| target_sentence(m))
            .unwrap_or_default()
    }

    pub fn tips(&self) -> &[String] {
        self.windows.first().map_or(&[], |m| m.tips.as_slice())
    }
}

pub fn families(report: &Report) -> Vec<Family<'_>> {
    let mut out: Vec<Family<'_>> = Vec::new();
    for m in &report.metrics {
        match out.last_mut() {
            Some(f) if f.metric == m.metric => f.windows.push(m),
            _ => out.push(Family {
                metric: m.metric,
                windows: vec![m],
            }),
        }
    }
    out
}

/// `BAD` and what it means, for the headline.
pub fn headline(report: &Report) -> (Status, String) {
    let fams = families(report);
    let count = |s: Status| fams.iter().filter(|f| f.status() == s).count();
    let (bad, warn) = (count(Status::Bad), count(Status::Warning));
    let n = fams.len();
    let unmeasured = count(Status::NoData);
    let mut text = match report.status {
        Status::Bad => {
            let mut s = format!(
                "{bad} of {n} {} Amazon's target",
                if bad == 1 {
                    "metrics breaches"
                } else {
                    "metrics breach"
                }
            );
            if warn > 0 {
                s.push_str(&format!(
                    ", {warn} {} close to it",
                    if warn == 1 { "more is" } else { "more are" }
                ));
            }
            s
        }
        Status::Warning => format!(
            "no metric breaches Amazon's target, but {warn} of {n} {} close to it",
            if warn == 1 { "is" } else { "are" }
        ),
        Status::Good => "every metric with data meets Amazon's target".to_string(),
        Status::NoData => "no metric had anything to measure in its window".to_string(),
    };
    if unmeasured > 0 && report.status != Status::NoData {
        text.push_str(&format!("; {unmeasured} could not be measured"));
    }
    (report.status, text)
}

/// `As of 2026-11-20 (America/Los_Angeles), marketplace US.`
pub fn scope_sentence(report: &Report) -> String {
    format!(
        "As of {} (times in {}), marketplace {}.",
        report.as_of,
        clean(&report.timezone),
        clean(&report.marketplace)
    )
}

/// `Read 9 files: 889 order rows, 622 shipment rows, ….`
pub fn inputs_sentence(report: &Report) -> String {
    let mut rows: Vec<(InputKind, u64)> = Vec::new();
    let mut skipped = 0;
    for i in &report.inputs {
        skipped += i.skipped_rows;
        match rows.iter_mut().find(|(k, _)| *k == i.kind) {
            Some((_, n)) => *n += i.rows,
            None => rows.push((i.kind, i.rows)),
        }
    }
    let order = |k: &InputKind| match k {
        InputKind::Orders => 0,
        InputKind::Shipments => 1,
        InputKind::Feedback => 2,
        InputKind::Claims => 3,
        InputKind::Returns => 4,
        InputKind::Messages => 5,
        InputKind::Unknown => 6,
    };
    rows.sort_by_key(|(k, _)| order(k));
    let parts: Vec<String> = rows
        .iter()
        .map(|(k, n)| {
            let (one, many) = match k {
                InputKind::Orders => ("order row", "order rows"),
                InputKind::Shipments => ("shipment row", "shipment rows"),
                InputKind::Feedback => ("feedback row", "feedback rows"),
                InputKind::Claims => ("claim or chargeback", "claims and chargebacks"),
                InputKind::Returns => ("return", "returns"),
                InputKind::Messages => ("buyer message", "buyer messages"),
                InputKind::Unknown => ("row of unknown kind", "rows of unknown kind"),
            };
            plural(*n, one, many)
        })
        .collect();
    let files = plural(report.inputs.len() as u64, "file", "files");
    let mut s = if parts.is_empty() {
        format!("Read {files}.")
    } else {
        format!("Read {files}: {}.", parts.join(", "))
    };
    if skipped > 0 {
        s.push_str(&format!(
            " {} skipped (see the warnings).",
            plural(skipped, "malformed row", "malformed rows")
        ));
    }
    s
}

/// The act-now lists, each sorted by its deadline.
pub struct ActNow {
    /// Past ship-by, not yet auto-cancelled: (order id, sentence).
    pub late: Vec<(String, String)>,
    /// Ship-by still ahead.
    pub due: Vec<(String, String)>,
    /// Past the auto-cancel instant.
    pub expired: Vec<(String, String)>,
    /// Buyer messages waiting for a first reply.
    pub messages: Vec<(String, String)>,
}

impl ActNow {
    pub fn is_empty(&self) -> bool {
        self.late.is_empty()
            && self.due.is_empty()
            && self.expired.is_empty()
            && self.messages.is_empty()
    }
}

pub fn act_now(report: &Report) -> ActNow {
    let mut orders: Vec<&OpenOrderReport> = report.open_orders.iter().collect();
    // RFC 3339 strings in one zone do not sort as instants across a DST change: parse them.
    let key = |s: &str| DateTime::parse_from_rfc3339(s).map(|t| t.timestamp()).ok();
    orders.sort_by_key(|o| {
        let deadline = match o.state {
            OpenState::Due => &o.ship_by,
            OpenState::Late | OpenState::Expired => &o.auto_cancel_at,
        };
        (key(deadline), o.order_id.clone())
    });
    let mut out = ActNow {
        late: Vec::new(),
        due: Vec::new(),
        expired: Vec::new(),
        messages: Vec::new(),
    };
    for o in orders {
        let id = clean(&o.order_id);
        let (ship_by, cancel) = (instant(&o.ship_by), instant(&o.auto_cancel_at));
        match o.state {
            OpenState::Due => out.due.push((
                id,
                format!("confirm shipment by {ship_by}; after that it counts as a late shipment"),
            )),
            OpenState::Late => out.late.push((
                id,
                format!(
                    "already late (ship-by was {ship_by}): ship and confirm it now; if it is still \
                     unconfirmed after {cancel}, Amazon cancels it and it counts as expired"
                ),
            )),
            OpenState::Expired => out.expired.push((
                id,
                format!(
                    "passed Amazon's auto-cancel deadline of {cancel} (ship-by was {ship_by}) \
                     without a shipment confirmation, so Amazon cancels it as an expired order; \
                     check it in Manage Orders before shipping anything"
                ),
            )),
        }
    }
    let mut messages: Vec<&PendingMessageReport> = report.pending_messages.iter().collect();
    messages.sort_by_key(|p| (key(&p.answer_by), p.message_id.clone()));
    for p in messages {
        out.messages.push((
            clean(&p.message_id),
            format!(
                "answer by {} (24 hours after it arrived), or it counts as a late reply",
                instant(&p.answer_by)
            ),
        ));
    }
    out
}

/// Numbers tips across a whole report so that a tip shared by several metrics
/// is written out once and referred to by number afterwards.
#[derive(Default)]
pub struct TipBook {
    seen: HashMap<String, usize>,
}

/// A metric's tips: those written here for the first time, and numbers of those given earlier.
pub struct PlacedTips<'a> {
    pub new: Vec<(usize, &'a str)>,
    pub earlier: Vec<usize>,
}

impl TipBook {
    pub fn place<'a>(&mut self, tips: &'a [String]) -> PlacedTips<'a> {
        let mut placed = PlacedTips {
            new: Vec::new(),
            earlier: Vec::new(),
        };
        for t in tips {
            if let Some(&n) = self.seen.get(t) {
                placed.earlier.push(n);
                placed.earlier.sort_unstable();
            } else {
                let n = self.seen.len() + 1;
                self.seen.insert(t.clone(), n);
                placed.new.push((n, t.as_str()));
            }
        }
        placed
    }
}

/// `tip 3` / `tips 3, 7 and 12`.
pub fn tips_ref(ns: &[usize]) -> String {
    if ns.len() == 1 {
        format!("tip {}", number_list(ns))
    } else {
        format!("tips {}", number_list(ns))
    }
}

/// `3, 7 and 12`.
pub fn number_list(ns: &[usize]) -> String {
    let words: Vec<String> = ns.iter().map(ToString::to_string).collect();
    match words.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// Wraps `text` to `width` columns: the first line starts with `first`, the others with `rest`.
pub fn wrap(text: &str, width: usize, first: &str, rest: &str) -> String {
    let mut out = String::new();
    let mut line = String::from(first);
    let mut line_len = first.chars().count();
    let mut empty = true;
    for word in text.split_whitespace() {
        let w = word.chars().count();
        if !empty && line_len + 1 + w > width {
            out.push_str(line.trim_end());
            out.push('\n');
            line = String::from(rest);
            line_len = rest.chars().count();
            empty = true;
        }
        if !empty {
            line.push(' ');
            line_len += 1;
        }
        line.push_str(word);
        line_len += w;
        empty = false;
    }
    out.push_str(line.trim_end());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percents_in_words() {
        assert_eq!(percent_number(0.01), "1%");
        assert_eq!(percent_number(0.025), "2.5%");
        assert_eq!(percent_number(0.95), "95%");
    }

    #[test]
    fn wrapping_keeps_words_and_indents() {
        let s = wrap("one two three four five", 12, "- ", "  ");
        assert_eq!(s, "- one two\n  three four\n  five\n");
        assert_eq!(wrap("", 10, "x ", "  "), "x\n");
    }

    #[test]
    fn number_lists() {
        assert_eq!(number_list(&[1]), "1");
        assert_eq!(number_list(&[1, 2]), "1 and 2");
        assert_eq!(number_list(&[1, 2, 3]), "1, 2 and 3");
    }

    #[test]
    fn instants_for_people() {
        assert_eq!(instant("2026-11-21T02:58:07-08:00"), "2026-11-21 02:58");
        assert_eq!(instant("garbage\u{1b}"), "garbage?");
    }
}
