//! The words of each metric, in one place: how it names its items and
//! defects, why it may have no data, and what `explain` says it measures and
//! counts. Its numbers (windows, lag, target) are not here: they come from the
//! policy table. A new metric adds one arm to each match below.

use super::contract::MetricReport;
use crate::policy::MetricId;

/// How each metric names its items, its defects and its clean items.
pub(super) struct Vocab {
    pub(super) item: (&'static str, &'static str),
    pub(super) defect: (&'static str, &'static str),
    pub(super) clean: (&'static str, &'static str),
    /// Completes "3 of 147 orders …".
    pub(super) verb: &'static str,
    /// What the rate shows, for `at_least` metrics (`within 24 hours`).
    pub(super) rate_is: &'static str,
}

pub(super) fn vocab(metric: MetricId) -> Vocab {
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

/// What `explain` says of a metric beyond its policy entry: what it measures,
/// which items count, and notes on its window and target. Numbers of windows
/// and targets are not written here: they come from the policy.
pub(super) struct Prose {
    pub(super) what: &'static str,
    pub(super) counts: &'static str,
    /// Follows the generated window paragraph.
    pub(super) window_note: &'static str,
    /// Completes "No data when …".
    pub(super) no_data: &'static str,
    /// Follows the generated target paragraph.
    pub(super) target_note: &'static str,
}

pub(super) fn prose(metric: MetricId) -> Prose {
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
