//! `sellerhealth explain [METRIC]`: how each metric is computed and what
//! helps. Windows and targets are written from the policy table; the rest of
//! each explanation is `Prose` (SPEC §3–4 in plain language).

use anyhow::{bail, Result};

use crate::advice;
use crate::policy::{MetricId, MetricPolicy, PlacedBy, Target, DEFAULT_WARN_AT};
use crate::text::{and_list, percent_number, upper_first, wrap};

use super::words::unit_plural;

/// Lines are wrapped to this width.
const WIDTH: usize = 100;

/// Amazon's target in a few words (`below 1%`).
fn target_short(t: Target) -> String {
    match t {
        Target::Below(_) => format!("below {}", percent_number(t.value())),
        Target::AtLeast(_) => format!("at least {}", percent_number(t.value())),
        Target::Zero => "none".to_string(),
    }
}

fn day_list(p: &MetricPolicy) -> String {
    let days: Vec<String> = p.windows.iter().map(ToString::to_string).collect();
    format!("{} days", and_list(&days))
}

/// The windows in a few words (`60 days ending 14 days before the as-of day`).
fn windows_short(p: &MetricPolicy) -> String {
    if p.lag == 0 {
        format!("{} to the as-of day", day_list(p))
    } else {
        format!("{} ending {} days before the as-of day", day_list(p), p.lag)
    }
}

/// Which days a metric's windows cover and what places an item in them.
fn window_paragraph(p: &MetricPolicy, note: &str) -> String {
    let by = match p.placed_by {
        PlacedBy::PurchaseDay => "purchase day",
        PlacedBy::ShipByDay => "ship-by day",
        PlacedBy::ConfirmationDay => "confirmation day",
        PlacedBy::DeliverByDay => "deliver-by day",
        PlacedBy::ReceivedDay => "received day",
    };
    let span = match p.windows.len() {
        1 => format!(" over the {}", day_list(p)),
        n => format!(", in {n} windows: the {}", day_list(p)),
    };
    let (end, last) = if p.lag == 0 {
        ("ending on the as-of day".to_string(), "A".to_string())
    } else {
        (
            format!("ending {} days before the as-of day", p.lag),
            format!("A-{}", p.lag),
        )
    };
    let ranges: Vec<String> = p
        .windows
        .iter()
        .map(|w| format!("A-{} to {last}", p.lag + w - 1))
        .collect();
    format!(
        "{} by {by}{span} {end} (days {}, where A is --as-of, by default yesterday).{note}",
        upper_first(unit_plural(p.unit)),
        and_list(&ranges)
    )
}

/// Amazon's target and how the status is decided.
fn target_paragraph(p: &MetricPolicy, no_data: &str, note: &str) -> String {
    let warn = DEFAULT_WARN_AT;
    let default = format!("{}", warn.as_f64());
    let rule = match p.target {
        Target::Below(t) => {
            let t_ = percent_number(t.as_f64());
            format!(
                "Below {t_}. Bad when defects/total is {t_} or more; warning when it reaches \
                 R x {t_} (R = --warn-at, default {default}, so {}); good otherwise.",
                percent_number(t.as_f64() * warn.as_f64())
            )
        }
        Target::AtLeast(t) => {
            let t_ = percent_number(t.as_f64());
            let slack = 1.0 - t.as_f64();
            format!(
                "At least {t_}. Bad when (total - defects)/total is below {t_}; warning when \
                 defects/total reaches R x {} (R = --warn-at, default {default}, so {}); good \
                 otherwise.",
                percent_number(slack),
                percent_number(slack * warn.as_f64())
            )
        }
        Target::Zero => "None. Good with no defect, warning with any; this metric is never bad \
                         and --warn-at does not apply."
            .to_string(),
    };
    format!("{rule} No data when {no_data}.{note}")
}

pub fn explain_text(metric: Option<&str>) -> Result<String> {
    let Some(name) = metric else {
        let mut s = String::from(
            "The metrics Amazon judges sellers by, as sellerhealth computes them:\n\n",
        );
        s.push_str(&format!(
            "  {:<28} {:<8} {:<29} {:<13} {}\n",
            "METRIC", "ALIAS", "NAME", "TARGET", "WINDOW"
        ));
        for m in MetricId::ALL {
            let p = m.policy();
            s.push_str(&format!(
                "  {:<28} {:<8} {:<29} {:<13} {}\n",
                p.key,
                p.alias,
                p.name,
                target_short(p.target),
                windows_short(p)
            ));
        }
        s.push_str(
            "\nFor how one is computed and what improves it: sellerhealth explain METRIC \
             (e.g. sellerhealth explain odr).\n",
        );
        return Ok(s);
    };
    let Some(m) = MetricId::parse(name) else {
        bail!(
            "unknown metric '{}'; run `sellerhealth explain` for the list",
            crate::text::sanitize(name)
        );
    };
    let p = m.policy();
    let e = prose(m);
    let mut s = wrap(
        &format!(
            "{} ({}, alias {}): target {}, over {}.",
            p.name,
            p.key,
            p.alias,
            target_short(p.target),
            windows_short(p)
        ),
        WIDTH,
        "",
        "",
    );
    s.push('\n');
    for (label, text) in [
        ("What", e.what.to_string()),
        ("Window", window_paragraph(p, e.window_note)),
        ("Counts", e.counts.to_string()),
        ("Target", target_paragraph(p, e.no_data, e.target_note)),
    ] {
        s.push_str(&format!("{label}:\n"));
        s.push_str(&wrap(&text, WIDTH, "  ", "  "));
        s.push('\n');
    }
    s.push_str("What helps:\n");
    for tip in advice::tips_for(m) {
        s.push_str(&wrap(tip, WIDTH, "  - ", "    "));
    }
    Ok(s)
}

/// What `explain` says of a metric beyond its policy entry: what it measures,
/// which items count, and notes on its window and target. Numbers of windows
/// and targets are not written here: they come from the policy.
struct Prose {
    what: &'static str,
    counts: &'static str,
    /// Follows the generated window paragraph.
    window_note: &'static str,
    /// Completes "No data when …".
    no_data: &'static str,
    /// Follows the generated target paragraph.
    target_note: &'static str,
}

fn prose(metric: MetricId) -> Prose {
    match metric {
        MetricId::OrderDefectRate => Prose {
            what: "The share of your orders that received a defect: negative feedback, an A-to-z \
             Guarantee claim or a chargeback. Seller-fulfilled (mfn) and Amazon-fulfilled (afn) \
             orders are measured separately.",
            counts: "Total: distinct orders of the channel placed in the window, whatever their status. \
             An order is a defect when it has at least one of: feedback rated 1 or 2 that Amazon \
             has not removed; an A-to-z claim whose status is not denied, withdrawn or reversed \
             (a claim with no status counts, as does every returns-report row with A-to-Z Claim \
             = Y); a chargeback whose status is not denied, withdrawn or reversed and whose \
             reason does not mention fraud. An order with several defects counts once; each \
             component (negative feedback, A-to-z claims, chargebacks) also reports its own \
             count of distinct orders. Feedback and claims on orders missing from every orders \
             file cannot be placed in the window and are ignored with a warning.",
            window_note: " The lag leaves buyers time to leave feedback or file claims. A defect belongs to the order's purchase day, not to the day the feedback or claim arrived.",
            no_data: "no orders were placed in the window",
            target_note: " mfn and afn each get their own status.",
        },
        MetricId::LateShipmentRate => Prose {
            what: "The share of your seller-fulfilled orders whose shipment was confirmed after the \
             ship-by date (expected ship date), or is still unconfirmed after it has passed.",
            counts: "Items: seller-fulfilled orders that are not cancelled and whose ship-by day is in \
             the window. The ship-by instant is latest-ship-date (a date alone means the end of \
             that day), else, with --handling-days N, the end of the N-th business day \
             (Monday-Friday) after the purchase day; orders with neither are left out and \
             counted in a warning. An order's confirmation instant is the latest confirmed-at \
             (else ship-date) among its shipment rows. Late: confirmed after the ship-by \
             instant, or with no shipment row, not Shipped, and E after the ship-by instant. A \
             Shipped order with no shipment row has no known confirmation time and is left out \
             with a warning.",
            window_note: " Open orders are judged at E, the start of the day after the as-of day.",
            no_data: "no orders were due in the window",
            target_note: " Each window gets its own status.",
        },
        MetricId::PreFulfillmentCancelRate => Prose {
            what: "The share of your seller-fulfilled orders cancelled before shipment for any reason \
             other than the buyer's request, including orders Amazon cancelled because shipment \
             was never confirmed.",
            counts: "Total: seller-fulfilled orders placed in the window, whatever their status. \
             Defects: those cancelled (order-status Cancelled or Canceled, or any cancelled-by) \
             unless the buyer requested it (is-buyer-requested-cancellation true or \
             cancelled-by = buyer). Orders Amazon cancelled automatically count. \
             Amazon-fulfilled orders are not part of this metric.",
            window_note: "",
            no_data: "no seller-fulfilled orders were placed in the window",
            target_note: "",
        },
        MetricId::ValidTrackingRate => Prose {
            what: "The share of your seller-fulfilled packages confirmed with a carrier and a \
             tracking number that is valid for that carrier.",
            counts: "Items: packages of seller-fulfilled orders, that is distinct (order, normalised \
             tracking number) pairs among shipment rows; all rows of an order with a blank \
             tracking number are one package. Normalised: trimmed, upper-cased, spaces and \
             hyphens removed. The carrier is the first non-empty one among the package's rows \
             (the carrier name when the code is empty or Other). Valid when there is a carrier \
             and the number is 8-40 letters and digits, is not a placeholder (N/A, NA, NONE, \
             NULL, TBD, UNKNOWN, 0), is not one character repeated, and for these carriers \
             matches their format: UPS 1Z + 16 letters/digits; USPS 20-22 digits, or 2 letters \
             + 9 digits + 2 letters; FedEx 12, 15, 20 or 22 digits; Amazon, AMZL, Amazon \
             Logistics and Amazon Shipping TBA + 12 digits. Defects: packages without valid \
             tracking. Shipment rows for orders missing from the orders files still count \
             (seller-fulfilled unless their own fulfillment-channel says Amazon).",
            window_note: " A package's confirmation day is that of the latest confirmed-at (else ship-date) among its shipment rows.",
            no_data: "no packages were confirmed in the window",
            target_note: "",
        },
        MetricId::OnTimeDeliveryRate => Prose {
            what: "The share of your tracked seller-fulfilled orders delivered by the delivery date \
             promised to the buyer.",
            counts: "Items: seller-fulfilled orders that are not cancelled, have at least one package \
             with valid tracking (as in the valid tracking rate), and whose deliver-by day \
             (latest-delivery-date of the order, else of its shipment rows) is in the window. \
             An order is on time when every one of its validly tracked packages was delivered \
             (the latest delivered-at among the package's rows) by the end of the deliver-by \
             day. Defects: all other orders, including those with a package never delivered. \
             Orders without valid tracking are left out. When no shipment file has a delivery \
             column the metric has no data.",
            window_note: " The lag leaves time for carrier delivery scans.",
            no_data: "no orders fall in the window",
            target_note: "",
        },
        MetricId::ExpiredOrders => Prose {
            what: "Seller-fulfilled orders that Amazon cancelled automatically because shipment was \
             not confirmed within 7 business days after the ship-by date, or that have passed \
             that point without confirmation.",
            counts: "Items: seller-fulfilled orders placed in the window. The auto-cancel instant is the \
             end of the 7th business day (Monday-Friday) after the ship-by day. Defects: orders \
             (a) with cancelled-by = amazon; (b) cancelled, not at the buyer's request, never \
             ship-confirmed (no shipment row and no Shipped status), and last updated at or \
             after the auto-cancel instant; or (c) neither cancelled nor ship-confirmed while E \
             is after the auto-cancel instant. An order with no ship-by date can be a defect \
             only by (a). Cancelled expired orders also count in the pre-fulfillment cancel \
             rate.",
            window_note: " Open orders are judged at E, the start of the day after the as-of day.",
            no_data: "no seller-fulfilled orders were placed in the window",
            target_note: "",
        },
        MetricId::ResponseTime => Prose {
            what: "The share of buyer messages you answered within 24 hours of receiving them, \
             weekends and holidays included.",
            counts: "Items: messages received in the window, except those marked no-response-needed \
             and those still pending (unanswered and received 24 hours or less before E). \
             Late: answered more than 24 hours after receipt, or unanswered and received more \
             than 24 hours before E. Only the first response matters, so a holding reply in \
             time is on time. The metric also reports the average response time in hours over \
             answered messages.",
            window_note: " Unanswered messages are judged at E, the start of the day after the as-of day.",
            no_data: "no messages count in the window",
            target_note: " Each window gets its own status.",
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_names_every_metric_with_its_target() {
        let s = explain_text(None).unwrap_or_default();
        for m in MetricId::ALL {
            assert!(s.contains(m.as_str()), "{}", m.as_str());
        }
        assert!(s.contains("below 1%"));
        assert!(s.contains("7, 30 and 90 days to the as-of day"));
        assert!(s.contains("60 days ending 14 days before the as-of day"));
    }

    #[test]
    fn one_metric_by_alias() {
        let s = explain_text(Some("lsr")).unwrap_or_default();
        assert!(
            s.starts_with("Late shipment rate (late_shipment_rate, alias lsr): target below 4%")
        );
        assert!(s.lines().all(|l| l.chars().count() <= WIDTH), "{s}");
        assert!(explain_text(Some("nope")).is_err());
    }

    #[test]
    fn windows_and_targets_are_written_from_the_policy() {
        let odr = MetricId::OrderDefectRate.policy();
        assert_eq!(
            window_paragraph(odr, ""),
            "Orders by purchase day over the 60 days ending 14 days before the as-of day \
             (days A-73 to A-14, where A is --as-of, by default yesterday)."
        );
        let lsr = MetricId::LateShipmentRate.policy();
        assert!(window_paragraph(lsr, "").starts_with(
            "Orders by ship-by day, in 2 windows: the 10 and 30 days ending on the as-of day \
             (days A-9 to A and A-29 to A,"
        ));
        assert_eq!(
            target_paragraph(odr, "x", ""),
            "Below 1%. Bad when defects/total is 1% or more; warning when it reaches R x 1% \
             (R = --warn-at, default 0.75, so 0.75%); good otherwise. No data when x."
        );
        let vtr = MetricId::ValidTrackingRate.policy();
        assert!(target_paragraph(vtr, "x", "")
            .starts_with("At least 95%. Bad when (total - defects)/total is below 95%; warning when defects/total reaches R x 5% (R = --warn-at, default 0.75, so 3.75%)"));
        for m in MetricId::ALL {
            let e = prose(m);
            for text in [e.what, e.counts] {
                assert!(
                    !text.trim().is_empty() && !text.contains("  "),
                    "{}",
                    m.as_str()
                );
            }
        }
    }
}
